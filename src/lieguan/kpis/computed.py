"""Actuals Lieguan computes from its own records, for an organisation (with its units) and a period.

- 召開會議次數: meetings of the series it owns that took place in the period
  (not cancelled, and begun by now);
- 如期解除列管比率: of its agency parts released in the period that had a
  deadline, the share released on or before it;
- 辦理情形填報率: of the reports it owed in the period, the share written: one
  per open part for each meeting of the case's series held in the period, and
  one per month for cases outside meetings;
- 解除列管日數中位數: from the day a case was put under tracking to the day its
  part was released, over the parts released in the period (the statistics
  page's 解列日數中位數, for one organisation).

Days past today are not counted: a period still running is computed so far.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from lieguan.kpis.models import Source
from lieguan.kpis.periods import Period
from lieguan.meetings.models import Meeting
from lieguan.organisations.access import descendants
from lieguan.organisations.models import Organisation
from lieguan.tracking.asof import is_open_on
from lieguan.tracking.cycles import meeting_cycle
from lieguan.tracking.models import Assignment, CaseStatus, ProgressReport

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Computation:
    """The figure (None when there is nothing to count) and how it was reached, in words for the note.

    With a figure the explanation is stored as the actual's note, in Chinese like the records; without one it only
    says why, to the user, and is translated.
    """

    value: Decimal | None
    explanation: str


def _organisations(organisation: Organisation) -> frozenset[int]:
    parent_of: dict[int, int | None] = dict(Organisation.objects.values_list("id", "parent_id"))
    return descendants(parent_of, [organisation.pk])


def _window(period: Period, today: dt.date) -> tuple[dt.date, dt.date] | None:
    end = min(period.end, today)
    return (period.start, end) if period.start <= end else None


def _rate(part: int, whole: int) -> Decimal:
    return (Decimal(part) * 100 / Decimal(whole)).quantize(CENT, rounding=ROUND_HALF_UP)


def _meetings(orgs: frozenset[int] | None, start: dt.date, end: dt.date) -> list[Meeting]:
    tz = timezone.get_current_timezone()
    qs = Meeting.objects.filter(
        cancelled=False,
        start__gte=dt.datetime.combine(start, dt.time.min, tzinfo=tz),
        start__lt=dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz),
        start__lte=timezone.now(),
    )
    if orgs is not None:
        qs = qs.filter(series__owner_id__in=orgs)
    return list(qs.order_by("start"))


def meetings_held(organisation: Organisation, start: dt.date, end: dt.date) -> Computation:
    count = len(_meetings(_organisations(organisation), start, end))
    return Computation(Decimal(count), f"{organisation.display_name}主辦之會議，期間內召開 {count} 次。")


def released_on_time(organisation: Organisation, start: dt.date, end: dt.date) -> Computation:
    rows = Assignment.objects.filter(
        organisation_id__in=_organisations(organisation),
        status=CaseStatus.RELEASED,
        released_on__range=(start, end),
        case__deadline__isnull=False,
    ).values_list("released_on", "case__deadline")
    total = len(rows)
    # Both dates are present: the query asked for released parts of cases with a deadline.
    on_time = sum(1 for released, deadline in rows if released is not None and deadline is not None and released <= deadline)
    if not total:
        return Computation(None, gettext("期間內沒有訂有列管期限而解除列管的案件。"))
    return Computation(_rate(on_time, total), f"期間內解除列管且訂有期限者 {total} 件，於期限內解除列管 {on_time} 件。")


def days_to_release(organisation: Organisation, start: dt.date, end: dt.date) -> Computation:
    rows = Assignment.objects.filter(organisation_id__in=_organisations(organisation), released_on__range=(start, end)).values_list(
        "released_on", "case__opened_on"
    )
    days = [(released - opened).days for released, opened in rows if released is not None]
    if not days:
        return Computation(None, gettext("期間內沒有解除列管的案件。"))
    median = Decimal(str(statistics.median(days))).quantize(CENT, rounding=ROUND_HALF_UP)
    return Computation(median, f"期間內解除列管 {len(days)} 件，自列管至解除列管日數之中位數。")


def _month_ends(start: dt.date, end: dt.date) -> list[tuple[str, dt.date]]:
    out = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        following = dt.date(year + (month == 12), month % 12 + 1, 1)
        out.append((f"month:{year}-{month:02d}", min(following - dt.timedelta(days=1), end)))
        year, month = following.year, following.month
    return out


def reporting_rate(organisation: Organisation, start: dt.date, end: dt.date) -> Computation:
    orgs = _organisations(organisation)
    parts = list(
        Assignment.objects.filter(organisation_id__in=orgs, case__opened_on__lte=end).values(
            "id", "status", "released_on", "case__opened_on", "case__series_id"
        )
    )
    owed: set[tuple[int, str]] = set()
    by_series: dict[int, list[Any]] = {}
    for part in parts:
        if part["case__series_id"] is not None:
            by_series.setdefault(part["case__series_id"], []).append(part)
    for meeting in _meetings(None, start, end):
        day = timezone.localtime(meeting.start).date()
        key = meeting_cycle(meeting).key
        for part in by_series.get(meeting.series_id, []):
            # Owed by parts that were open the day before: a release the meeting decides takes effect on its day.
            if part["case__opened_on"] < day and is_open_on(
                part["status"], part["released_on"], part["case__opened_on"], day - dt.timedelta(days=1)
            ):
                owed.add((part["id"], key))
    for key, last_day in _month_ends(start, end):
        for part in parts:
            if part["case__series_id"] is None and is_open_on(part["status"], part["released_on"], part["case__opened_on"], last_day):
                owed.add((part["id"], key))
    if not owed:
        return Computation(None, gettext("期間內沒有應填報辦理情形的列管案件。"))
    written = set(
        ProgressReport.objects.filter(assignment_id__in={a for a, _ in owed}, cycle__in={c for _, c in owed}).values_list(
            "assignment_id", "cycle"
        )
    )
    done = len(owed & written)
    return Computation(_rate(done, len(owed)), f"期間內應填報辦理情形 {len(owed)} 次，已填報 {done} 次。")


COMPUTATIONS = {
    Source.MEETINGS_HELD: meetings_held,
    Source.RELEASED_ON_TIME: released_on_time,
    Source.REPORTING_RATE: reporting_rate,
    Source.DAYS_TO_RELEASE: days_to_release,
}


def compute(source: str, organisation: Organisation, period: Period, *, today: dt.date | None = None) -> Computation:
    """The figure of a computed source for ``organisation`` in ``period``, counted up to ``today``."""
    if source not in COMPUTATIONS:
        raise ValueError(f"{source} is not computed by Lieguan")
    window = _window(period, today or timezone.localdate())
    if window is None:
        return Computation(None, gettext("此期間尚未開始。"))
    return COMPUTATIONS[Source(source)](organisation, *window)
