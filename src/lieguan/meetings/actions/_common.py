"""What every meetings action shares: the permission gate and audit helpers."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from lieguan.core.actors import is_system
from lieguan.meetings import access
from lieguan.meetings.models import Meeting, MeetingSeries
from lieguan.organisations.access import viewer_for
from lieguan.organisations.models import Organisation, Role


def require_runs_series(actor: Any, series: MeetingSeries) -> None:
    if is_system(actor):
        return
    if not access.runs_series(viewer_for(actor), series):
        raise PermissionDenied("只有此會議的幕僚單位可以執行此操作。")


def require_secretariat_of(actor: Any, owner: Organisation) -> None:
    if is_system(actor):
        return
    if not viewer_for(actor).covers(Role.SECRETARIAT, owner.pk):
        raise PermissionDenied("只有該機關的會議幕僚可以建立其會議。")


def require_writes_minutes(actor: Any, meeting: Meeting) -> None:
    if is_system(actor):
        return
    access.require_write_minutes(actor, meeting)


def meeting_of(obj: Any) -> Meeting:
    """The meeting that a section, item, remark or conclusion belongs to."""
    from lieguan.meetings.models import AgendaItem, AgendaSection, Conclusion, Remark

    if isinstance(obj, Meeting):
        return obj
    if isinstance(obj, AgendaSection):
        return obj.meeting
    if isinstance(obj, AgendaItem):
        return obj.section.meeting
    if isinstance(obj, Remark):
        return obj.item.section.meeting
    if isinstance(obj, Conclusion):
        return obj.item.section.meeting if obj.item_id else obj.section.meeting  # type: ignore[union-attr]
    raise TypeError(f"not part of a meeting: {obj!r}")
