"""What the home page shows about meetings: the next meetings of the user, and minutes waiting for them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from lieguan.core.home import Panel, register_panel
from lieguan.meetings import access
from lieguan.meetings.models import Meeting
from lieguan.organisations.models import Role


@register_panel
def upcoming_meetings(request: HttpRequest, viewer: Any) -> Panel | None:
    now = timezone.now()
    meetings = list(
        access.visible_meetings(request.user).filter(start__gte=now - dt.timedelta(hours=12), cancelled=False).order_by("start")[:6]
    )
    if not meetings:
        return None
    return Panel(_("近期會議"), "meetings/panels/upcoming.html", {"meetings": meetings}, order=10)


@register_panel
def minutes_waiting(request: HttpRequest, viewer: Any) -> Panel | None:
    """Drafts for those who write them, circulated minutes for participants and chairs to review."""
    qs = access.visible_meetings(request.user).filter(start__lte=timezone.now(), cancelled=False)
    secretariat = viewer.scope(Role.SECRETARIAT)
    drafts = Q(minutes_state=Meeting.MinutesState.DRAFT)
    if secretariat is not None:  # None: an administrator, who sees every draft
        drafts &= Q(series__owner_id__in=secretariat) | Q(recorder_id=viewer.person_id)
    condition = Q(minutes_state=Meeting.MinutesState.CIRCULATED) | drafts
    meetings = list(qs.filter(condition).order_by("-start")[:6])
    if not meetings:
        return None
    return Panel(_("待處理的會議紀錄"), "meetings/panels/minutes_waiting.html", {"meetings": meetings}, order=20)
