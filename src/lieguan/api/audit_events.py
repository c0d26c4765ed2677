"""The audit events of API tokens and calendar feeds (registered in ``lieguan.core.audit_events``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lieguan.core.audit_events import Event

API_TOKEN_CREATE = Event("api_token.create", _("建立 API 權杖"), "api.apitoken", after=("name", "hint", "expires"))
API_TOKEN_REVOKE = Event("api_token.revoke", _("撤銷 API 權杖"), "api.apitoken", before=("revoked",), after=("revoked",))
CALENDAR_FEED_RESET = Event("calendar_feed.reset", _("重設行事曆訂閱網址"), "api.calendarfeed", after=("created",))
