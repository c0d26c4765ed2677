"""Reporting cycles: the meeting that will review a report, or the calendar month for cases outside meetings."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from lieguan.core import dates
from lieguan.meetings.models import Meeting
from lieguan.tracking.models import CaseDecision, TrackedCase

# A meeting is still the one to report to on its own day.
GRACE = dt.timedelta(hours=12)


@dataclass(frozen=True)
class Cycle:
    key: str
    label: str
    meeting: Meeting | None = None


def next_meeting(case: TrackedCase, now: dt.datetime | None = None) -> Meeting | None:
    """The next meeting of the series that has not yet decided on this case.

    A meeting stays "next" for 12 hours after it starts, so that reports written
    on the day still reach it; once it has recorded its decisions on the case,
    what the agencies write is for the meeting after it, never a rewrite of the
    report that meeting already reviewed.
    """
    if case.series_id is None:
        return None
    now = now or timezone.now()
    decided = CaseDecision.objects.filter(case_id=case.pk, meeting__isnull=False).values("meeting_id")
    return (
        Meeting.objects.filter(series_id=case.series_id, cancelled=False, start__gte=now - GRACE)
        .exclude(pk__in=decided)
        .order_by("start")
        .first()
    )


def meeting_cycle(meeting: Meeting) -> Cycle:
    return Cycle(f"meeting:{meeting.pk}", _("%(ordinal)s會議") % {"ordinal": meeting.ordinal}, meeting)


def month_cycle(now: dt.datetime) -> Cycle:
    local = timezone.localtime(now)
    return Cycle(f"month:{local.year}-{local.month:02d}", dates.month(local.date()))


def current_cycle(case: TrackedCase, now: dt.datetime | None = None) -> Cycle:
    """Reports made now are for the next meeting of the case's series; without one, for this month."""
    now = now or timezone.now()
    meeting = next_meeting(case, now)
    return meeting_cycle(meeting) if meeting is not None else month_cycle(now)


def current_cycles(cases: Iterable[TrackedCase], now: dt.datetime | None = None) -> dict[int, Cycle]:
    """``current_cycle`` of many cases at once (for lists and the home page), in two queries."""
    now = now or timezone.now()
    cases = list(cases)
    upcoming: dict[int, list[Meeting]] = defaultdict(list)
    series_ids = {c.series_id for c in cases if c.series_id is not None}
    if series_ids:
        meetings = Meeting.objects.filter(series_id__in=series_ids, cancelled=False, start__gte=now - GRACE)
        for meeting in meetings.select_related("series").order_by("start"):
            upcoming[meeting.series_id].append(meeting)
    decided: dict[int, set[int]] = defaultdict(set)
    rows = CaseDecision.objects.filter(case_id__in=[c.pk for c in cases if c.series_id is not None], meeting__isnull=False)
    for case_id, meeting_id in rows.values_list("case_id", "meeting_id"):
        decided[case_id].add(meeting_id)
    month = month_cycle(now)
    out: dict[int, Cycle] = {}
    for case in cases:
        found = next((m for m in upcoming.get(case.series_id or 0, []) if m.pk not in decided[case.pk]), None)
        out[case.pk] = meeting_cycle(found) if found is not None else month
    return out
