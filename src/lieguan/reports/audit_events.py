"""The audit events of the notifications inbox (registered in ``lieguan.core.audit_events``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lieguan.core.audit_events import Event

NOTIFICATION_READ = Event("notification.read", _("已讀通知"), "core.notification", after=("read_at",))
