"""Figures of tracking (執行情形統計): per agency and per series, for a period, counted per agency part.

Every figure counts assignments, i.e. one agency's part of a case, because
that is what each agency answers for: a case led by 資訊局 with 教育局 helping
counts once for each. A part is open on a day when its case was opened by
then and it had not been released; history is rebuilt from the release dates,
so that a past period shows what was open then.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lieguan.core import dates
from lieguan.core.calendar import work_calendar
from lieguan.meetings.models import MeetingSeries
from lieguan.minutes.workdays import WorkCalendar
from lieguan.organisations.access import descendants, viewer_for
from lieguan.organisations.models import Organisation
from lieguan.reports.access import visible_assignments
from lieguan.reports.grouping import NOW, Grouping, agency_of, describe_view
from lieguan.tracking.asof import is_open_on
from lieguan.tracking.cycles import current_cycles
from lieguan.tracking.models import Assignment, CaseSource, CaseStatus, ProgressReport, TrackedCase
from lieguan.tracking.reminders import DEFAULT_WITHIN


def scope_lines(series: MeetingSeries | None, source: str, agency: Organisation | None) -> list[str]:
    """The filters of a table in words, for the lines under its title."""
    lines = []
    if series is not None:
        lines.append(_("會議：%(series)s") % {"series": series.full_name})
    if source:
        lines.append(_("案件來源：%(source)s") % {"source": CaseSource(source).label})
    if agency is not None:
        lines.append(_("機關：%(agency)s") % {"agency": agency.display_name})
    return lines


@dataclass(frozen=True)
class Filters:
    start: dt.date
    end: dt.date
    series: MeetingSeries | None = None
    source: str = ""
    agency: Organisation | None = None
    within: int = DEFAULT_WITHIN
    view: str = NOW  # by the organisation as it is now, or as it was then (reports.grouping)

    @property
    def as_of(self) -> dt.date:
        """The day open and overdue parts are counted on: the end of the period, or today if that is later."""
        return min(self.end, timezone.localdate())

    def describe(self) -> list[str]:
        return [
            _("統計期間：%(start)s至%(end)s") % {"start": dates.long_date(self.start), "end": dates.long_date(self.end)},
            *scope_lines(self.series, self.source, self.agency),
            describe_view(self.view, self.as_of),
        ]


@dataclass
class Figures:
    """The figures of one row: an agency, a series, or the total."""

    label: str
    key: str = ""
    new: int = 0  # parts put under tracking in the period
    open: int = 0  # parts open on the as-of day
    overdue: int = 0
    due_soon: int = 0
    released: int = 0  # parts released in the period
    released_total: int = 0  # parts released up to the as-of day
    release_days: list[int] = field(default_factory=list)
    open_now: int = 0  # parts open today, who owe a report this cycle
    reported: int = 0

    @property
    def unreported(self) -> int:
        return self.open_now - self.reported

    @property
    def median_days(self) -> float | None:
        return float(statistics.median(self.release_days)) if self.release_days else None

    @property
    def reported_percent(self) -> float | None:
        return round(100 * self.reported / self.open_now, 1) if self.open_now else None


@dataclass
class Statistics:
    filters: Filters
    by_agency: list[Figures]
    by_series: list[Figures]
    total: Figures


def filtered_assignments(
    user: Any,
    *,
    series: MeetingSeries | None = None,
    source: str = "",
    agency: Organisation | None = None,
    grouping: Grouping | None = None,
) -> QuerySet[Assignment]:
    """The parts ``user`` may see, of one series or source, of one agency (with its units).

    With a ``grouping``, the agency's parts include those of the bodies it succeeded or that succeeded it, for
    the grouping to sort out row by row.
    """
    qs = visible_assignments(user)
    if series is not None:
        qs = qs.filter(case__series=series)
    if source:
        qs = qs.filter(case__source=source)
    if agency is not None:
        parent_of: dict[int, int | None] = dict(Organisation.objects.values_list("id", "parent_id"))
        roots = grouping.scope(agency) if grouping is not None else frozenset({agency.pk})
        qs = qs.filter(organisation_id__in=descendants(parent_of, roots))
    return qs


# One definition for every view: see ``tracking.asof``.
open_on = is_open_on


def _count(figures: Figures, row: Mapping[str, Any], filters: Filters, horizon: dt.date, today: dt.date, reported: bool) -> None:
    as_of = filters.as_of
    opened, released_on, deadline = row["case__opened_on"], row["released_on"], row["case__deadline"]
    if filters.start <= opened <= filters.end:
        figures.new += 1
    if open_on(row["status"], released_on, opened, as_of):
        figures.open += 1
        if deadline is not None and deadline < as_of:
            figures.overdue += 1
        elif deadline is not None and deadline < horizon:
            figures.due_soon += 1
    elif row["status"] == CaseStatus.RELEASED and (released_on is None or released_on <= as_of) and opened <= as_of:
        figures.released_total += 1
    if released_on is not None and filters.start <= released_on <= filters.end:
        figures.released += 1
        figures.release_days.append((released_on - opened).days)
    if row["status"] == CaseStatus.OPEN and opened <= today:
        figures.open_now += 1
        if reported:
            figures.reported += 1


def compute(user: Any, filters: Filters, *, calendar: WorkCalendar | None = None) -> Statistics:
    """The figures ``user`` may see, per agency (units counted with their agency) and per series or source."""
    calendar = calendar or work_calendar()
    today = timezone.localdate()
    # Due soon: fewer than N + 1 working days after the as-of day, as the reminders count it.
    horizon = calendar.add_working_days(filters.as_of, filters.within + 1)
    grouping = Grouping.load(filters.view, filters.as_of)
    qs = filtered_assignments(user, series=filters.series, source=filters.source, agency=filters.agency, grouping=grouping)
    rows = list(
        qs.values(
            "id",
            "organisation_id",
            "status",
            "released_on",
            "case_id",
            "case__opened_on",
            "case__deadline",
            "case__series_id",
            "case__source",
        )
    )
    agency_for = {row["id"]: grouping.agency(row["id"], row["organisation_id"]) for row in rows}
    if filters.agency is not None:
        rows = [r for r in rows if agency_for[r["id"]] == filters.agency.pk]
    series_ids = {r["case__series_id"] for r in rows if r["case__series_id"] is not None}
    # current_cycles needs only each case's id and series: stand-ins spare loading thousands of cases.
    cases = {r["case_id"]: TrackedCase(pk=r["case_id"], series_id=r["case__series_id"]) for r in rows if r["status"] == CaseStatus.OPEN}
    cycles = {case_id: cycle.key for case_id, cycle in current_cycles(cases.values()).items()}
    reported_pairs = set(
        ProgressReport.objects.filter(assignment__in=qs.filter(status=CaseStatus.OPEN), cycle__in=set(cycles.values())).values_list(
            "assignment_id", "cycle"
        )
    )
    grouping.load_agencies({agency_for[r["id"]] for r in rows})
    agencies = grouping.agencies
    series = {s.pk: s for s in MeetingSeries.objects.filter(pk__in=series_ids).select_related("owner")}
    by_agency: dict[int, Figures] = {}
    by_series: dict[str, Figures] = {}
    total = Figures(_("合計"), "total")
    for row in rows:
        agency_id = agency_for[row["id"]]
        a_fig = by_agency.setdefault(agency_id, Figures(grouping.label(agency_id), f"agency-{agency_id}"))
        sid = row["case__series_id"]
        if sid is not None:
            s_key, s_label = f"series-{sid}", series[sid].full_name
        else:
            s_key, s_label = f"source-{row['case__source']}", CaseSource(row["case__source"]).label
        s_fig = by_series.setdefault(s_key, Figures(s_label, s_key))
        reported = (row["id"], cycles.get(row["case_id"])) in reported_pairs
        for figures in (a_fig, s_fig, total):
            _count(figures, row, filters, horizon, today, reported)
    agency_order = sorted(by_agency, key=lambda pk: (agencies[pk].sort_order, agencies[pk].code))
    return Statistics(
        filters=filters,
        by_agency=[by_agency[pk] for pk in agency_order],
        by_series=sorted(by_series.values(), key=lambda f: (not f.key.startswith("series-"), f.label)),
        total=total,
    )


def series_choices(user: Any) -> QuerySet[MeetingSeries]:
    """The series that have cases ``user`` may see figures of."""
    # A probe per series (a few dozen), each stopping at its first visible part: not every part read and sorted.
    if viewer_for(user).reads_everything:
        seen = Exists(TrackedCase.objects.filter(series=OuterRef("pk")))
    else:
        seen = Exists(visible_assignments(user).filter(case__series=OuterRef("pk")))
    return MeetingSeries.objects.filter(seen).select_related("owner").order_by("owner__sort_order", "name")


def agency_choices(user: Any) -> list[Organisation]:
    """The agencies (not units) of the parts ``user`` may see, as their parts are held today."""
    orgs: dict[int, tuple[int | None, str]] = {
        pk: (parent, kind) for pk, parent, kind in Organisation.objects.values_list("id", "parent_id", "kind")
    }
    # A probe per organisation on the assignments' index, as many as the directory has, however many parts.
    held = Organisation.objects.filter(Exists(visible_assignments(user).filter(organisation=OuterRef("pk")))).values_list("pk", flat=True)
    ids = {agency_of(pk, orgs) for pk in held}
    return list(Organisation.objects.filter(pk__in=ids).order_by("sort_order", "code"))
