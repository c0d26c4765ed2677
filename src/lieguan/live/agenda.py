"""The agenda as the room walks it: items in order, and which one carries the status report."""

from __future__ import annotations

from lieguan.meetings.models import AgendaItem, AgendaSection, Meeting
from lieguan.tracking.models import StatusReport


def items_in_order(meeting: Meeting) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.filter(section__meeting=meeting)
        .select_related("section", "presenter")
        .order_by("section__position", "position", "pk")
    )


def status_report_item_id(meeting: Meeting) -> int | None:
    """The item the status report is placed on; before it is placed, the first report item of a series that tracks cases."""
    placed = StatusReport.objects.filter(meeting=meeting).values_list("item_id", flat=True).first()
    if placed is not None:
        return placed
    if not meeting.series.tracks_cases:
        return None
    return (
        AgendaItem.objects.filter(section__meeting=meeting, section__kind=AgendaSection.Kind.REPORTS)
        .order_by("section__position", "position", "pk")
        .values_list("pk", flat=True)
        .first()
    )
