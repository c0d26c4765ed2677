"""What every meetings action shares: the permission gates (the app's access rules) and audit helpers."""

from __future__ import annotations

from typing import Any

from lieguan.meetings.access import require_runs_series, require_secretariat_of
from lieguan.meetings.access import require_write_minutes as require_writes_minutes
from lieguan.meetings.models import Meeting

__all__ = ["meeting_of", "require_runs_series", "require_secretariat_of", "require_writes_minutes"]


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
