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
    if not access.can_write_minutes(viewer_for(actor), meeting):
        if meeting.minutes_state in access.PUBLISHED_STATES:
            raise PermissionDenied("會議紀錄已發布，不可再修改；如需修正，請於下次會議確定紀錄時提出。")
        raise PermissionDenied("只有此會議的幕僚單位或紀錄人員可以編輯會議紀錄。")


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
