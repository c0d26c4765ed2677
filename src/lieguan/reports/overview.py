"""各機關執行情形一覽表: each agency's open cases on a day, with the latest report and the days overdue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, F, IntegerField, OrderBy, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from lieguan.core import dates
from lieguan.meetings.confidential import redact
from lieguan.meetings.models import MeetingSeries
from lieguan.minutes.rocdate import format_roc_date, format_roc_short
from lieguan.minutes.sentences import case_sort_key
from lieguan.minutes.tables import Column, TableDocument
from lieguan.organisations.access import viewer_for
from lieguan.organisations.models import Organisation
from lieguan.reports.grouping import NOW, THEN, Grouping, describe_view
from lieguan.reports.statistics import filtered_assignments, scope_lines
from lieguan.tracking.access import hidden_case_ids
from lieguan.tracking.asof import open_assignments_on
from lieguan.tracking.models import Assignment, CaseSource, ProgressReport, TrackedCase
from lieguan.tracking.succession_receivers import PREFIX


@dataclass(frozen=True)
class OverviewFilters:
    as_of: dt.date
    series: MeetingSeries | None = None
    source: str = ""
    agency: Organisation | None = None
    view: str = NOW  # by the organisation as it is now, or as it was then (reports.grouping)

    def describe(self) -> list[str]:
        return [
            _("截至%(day)s仍列管中之案件") % {"day": dates.long_date(self.as_of)},
            *scope_lines(self.series, self.source, self.agency),
            describe_view(self.view, self.as_of),
        ]


@dataclass
class Line:
    assignment: Assignment
    days_overdue: int
    report: ProgressReport | None
    # The target of links to the case (from reminders): set on the case's first line only.
    anchor: str = ""
    # Who held the part in the view shown, when it is not who holds it now (as it was then, before a succession).
    held_by: str = ""
    # The case as a reader not entitled to a confidential one sees it (機密案件), when that is so.
    shown_case: TrackedCase | None = None

    @property
    def holder(self) -> str:
        return self.held_by or self.assignment.organisation.display_name

    @property
    def case(self) -> TrackedCase:
        return self.shown_case or self.assignment.case

    @property
    def origin(self) -> str:
        case = self.case
        if case.series is not None:
            return f"{case.series.full_name}{case.meeting.ordinal if case.meeting else ''}"
        return case.get_source_display()


@dataclass
class AgencyGroup:
    agency: Organisation
    lines: list[Line] = field(default_factory=list)
    label: str = ""
    # The agency's lines and overdue lines in the whole table, not only on the page shown.
    total: int = 0
    total_overdue: int = 0
    # The page its first line is on, and whether the page shown starts in the middle of its lines.
    first_page: int = 1
    continued: bool = False

    @property
    def name(self) -> str:
        return self.label or self.agency.display_name

    @property
    def overdue(self) -> int:
        return self.total_overdue


@dataclass
class Overview:
    filters: OverviewFilters
    groups: list[AgencyGroup]
    # Every agency of the table, with its figures (the groups of the page shown are among them).
    summary: list[AgencyGroup] = field(default_factory=list)
    page: int = 1
    pages: int = 1

    @property
    def count(self) -> int:
        return sum(g.total for g in self.summary)

    # What the shared pager (tracking/_pager.html) asks of a page.
    @property
    def number(self) -> int:
        return self.page

    @property
    def num_pages(self) -> int:
        return self.pages

    @property
    def has_other_pages(self) -> bool:
        return self.pages > 1

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def previous_page_number(self) -> int:
        return self.page - 1

    @property
    def next_page_number(self) -> int:
        return self.page + 1


# Lines a page shows: the table of a large city has tens of thousands; the download holds them all.
PAGE_LINES = 50


@dataclass(frozen=True)
class _Row:
    """One line of the table as the sort needs it: read for every line, when whole lines are read for one page."""

    pk: int
    agency: int
    # Who held the part on the day, as it was then, when a succession has moved it since; else None.
    moved_from: int | None
    sort: tuple[Any, ...]
    overdue: bool


def _rows(qs: QuerySet[Assignment], filters: OverviewFilters, grouping: Grouping) -> list[_Row]:
    """Every line, light, for the sort in Python that the view "as it was then" needs (who held a part is history)."""
    day = filters.as_of
    series_names = {s.pk: s.full_name for s in MeetingSeries.objects.select_related("owner")}
    rows = []
    fields = ("pk", "organisation_id", "case__series_id", "case__source", "case__number", "case__deadline")
    for pk, org_id, series_id, source, number, deadline in qs.values_list(*fields).iterator(chunk_size=5000):
        agency_id = grouping.agency(pk, org_id)
        if filters.agency is not None and agency_id != filters.agency.pk:
            continue
        held = grouping.lineage.holder_on(f"{PREFIX}{pk}", org_id, day)
        series = series_names[series_id] if series_id is not None else f"~{source}"
        moved_from = held if held != org_id else None
        rows.append(_Row(pk, agency_id, moved_from, (series, case_sort_key(number), org_id), bool(deadline and deadline < day)))
    return rows


def _line_order() -> list[OrderBy]:
    """Within an agency, as ``_rows`` sorts: the series by full name (a case without one by "~" and its source,
    among them), the number in natural order (``case_sort_key``), then the organisation (an agency, its units)."""
    names: list[tuple[str, dict[str, Any]]] = [
        (s.full_name, {"case__series_id": s.pk}) for s in MeetingSeries.objects.select_related("owner")
    ]
    names += [(f"~{value}", {"case__series__isnull": True, "case__source": value}) for value in CaseSource.values]
    names.sort(key=lambda entry: entry[0])
    series_rank = Case(
        *(When(then=Value(rank), **match) for rank, (_, match) in enumerate(names)), default=Value(len(names)), output_field=IntegerField()
    )
    number = ["case__number_session", "case__number_prefix", "case__number_item", "case__number"]
    return [series_rank.asc(), *(F(part).asc(nulls_last=True) for part in number), F("organisation_id").asc(), F("pk").asc()]


@dataclass(frozen=True)
class _Figures:
    agency: int
    total: int
    overdue: int
    # The organisations whose parts count for the agency (itself, its units, the bodies it succeeded).
    organisations: tuple[int, ...] = ()


def _figures_now(qs: QuerySet[Assignment], filters: OverviewFilters, grouping: Grouping) -> list[_Figures]:
    """Each agency's figures "as it is now", in the table's order, from one count grouped by organisation: a part
    counts for the agency its organisation counts for today, so a few hundred rows however many cases there are."""
    late = Q(case__deadline__lt=filters.as_of)
    counts = qs.values("organisation_id").order_by().annotate(n=Count("pk"), late=Count("pk", filter=late))
    by_agency: dict[int, tuple[int, int, tuple[int, ...]]] = {}
    for org_id, total, overdue in counts.values_list("organisation_id", "n", "late"):
        agency_id = grouping.agency_now(org_id)
        if filters.agency is not None and agency_id != filters.agency.pk:
            continue
        before = by_agency.get(agency_id, (0, 0, ()))
        by_agency[agency_id] = (before[0] + total, before[1] + overdue, (*before[2], org_id))
    grouping.load_agencies(set(by_agency))
    agencies = grouping.agencies
    order = sorted(by_agency, key=lambda pk: (agencies[pk].sort_order, agencies[pk].code))
    return [_Figures(pk, *by_agency[pk]) for pk in order]


def _lines_now(qs: QuerySet[Assignment], figures: list[_Figures], day: dt.date, start: int, stop: int | None) -> list[_Row]:
    """The table's lines from ``start`` to ``stop`` (all: None), sorted in SQL, one query per agency they span."""
    rows: list[_Row] = []
    order: list[OrderBy] = []
    offset = 0
    for agency in figures:
        lo, hi = max(start - offset, 0), agency.total if stop is None else min(stop - offset, agency.total)
        offset += agency.total
        if lo >= hi:
            continue
        order = order or _line_order()
        lines = qs.filter(organisation_id__in=agency.organisations).order_by(*order).values_list("pk", "case__deadline")
        rows += [_Row(pk, agency.agency, None, (), bool(deadline and deadline < day)) for pk, deadline in lines[lo:hi]]
    return rows


def build_overview(user: Any, filters: OverviewFilters, *, page: int | str | None = None) -> Overview:
    """The table: every line (``page`` None, for the downloads) or the ``page``-th fifty, with every agency's figures.

    Whole lines, their cases and latest reports are read for the lines shown only, so that the page costs the
    same queries, and little memory, however many cases there are. As the organisation is now (the default),
    the figures and the page's lines come sorted from the database; as it was then, a few columns of every
    line are read and sorted here, since who held a part on the day is the history's answer.
    """
    day = filters.as_of
    grouping = Grouping.load(filters.view, day)
    qs = filtered_assignments(user, series=filters.series, source=filters.source, agency=filters.agency, grouping=grouping).filter(
        open_assignments_on(day)
    )
    if grouping.view == THEN:
        rows = _rows(qs, filters, grouping)
        grouping.load_agencies({r.agency for r in rows} | {r.moved_from for r in rows if r.moved_from is not None})
        agencies = grouping.agencies
        rows.sort(key=lambda r: (agencies[r.agency].sort_order, agencies[r.agency].code, r.sort))
        figures: list[_Figures] = []
        for row in rows:
            if not figures or figures[-1].agency != row.agency:
                figures.append(_Figures(row.agency, 0, 0))
            figures[-1] = _Figures(row.agency, figures[-1].total + 1, figures[-1].overdue + row.overdue)
    else:
        figures = _figures_now(qs, filters, grouping)
    pages = max(1, -(-sum(f.total for f in figures) // PAGE_LINES))
    number = _page_number(page, pages)
    start, stop = (0, None) if number is None else ((number - 1) * PAGE_LINES, number * PAGE_LINES)
    shown = rows[start:stop] if grouping.view == THEN else _lines_now(qs, figures, day, start, stop)
    summary: dict[int, AgencyGroup] = {}
    index = 0
    for f in figures:
        group = AgencyGroup(grouping.agencies[f.agency], label=grouping.label(f.agency), total=f.total, total_overdue=f.overdue)
        group.first_page = index // PAGE_LINES + 1
        summary[f.agency] = group
        index += f.total
    lines = _lines(user, shown, day, grouping)
    groups: list[AgencyGroup] = []
    for row, line in zip(shown, lines, strict=True):
        if not groups or groups[-1].agency.pk != row.agency:
            whole = summary[row.agency]
            groups.append(
                AgencyGroup(
                    whole.agency,
                    label=whole.label,
                    total=whole.total,
                    total_overdue=whole.total_overdue,
                    first_page=whole.first_page,
                    continued=number is not None and whole.first_page < number,
                )
            )
        groups[-1].lines.append(line)
    return Overview(filters, groups, list(summary.values()), number or 1, pages)


def _page_number(page: int | str | None, pages: int) -> int | None:
    if page is None:
        return None
    try:
        return min(max(int(page), 1), pages)
    except (TypeError, ValueError):
        return 1


def _lines(user: Any, rows: list[_Row], day: dt.date, grouping: Grouping) -> list[Line]:
    """The lines of ``rows``, in their order, with the latest report on the day (those written after did not exist)."""
    cutoff = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))
    reports = ProgressReport.objects.filter(submitted_at__lt=cutoff).order_by("-submitted_at")
    found: dict[int, Assignment] = {}
    ids = [r.pk for r in rows]
    for start in range(0, len(ids), 2000):
        chunk = (
            Assignment.objects.filter(pk__in=ids[start : start + 2000])
            .select_related("case", "case__series", "case__series__owner", "case__meeting", "organisation")
            .prefetch_related(Prefetch("reports", queryset=reports))
        )
        found.update((a.pk, a) for a in chunk)
    lines = []
    for row in rows:
        assignment = found[row.pk]
        deadline = assignment.case.deadline
        line = Line(assignment, max(0, (day - deadline).days) if deadline else 0, next(iter(assignment.reports.all()), None))
        if row.moved_from is not None:
            line.held_by = grouping.label(row.moved_from)
        lines.append(line)
    hidden = hidden_case_ids(viewer_for(user), {line.assignment.case_id for line in lines})
    for line in lines:
        if line.assignment.case_id in hidden:
            line.shown_case = redact(line.assignment.case)
            line.report = redact(line.report) if line.report is not None else None
    anchored: set[int] = set()
    for line in lines:
        if line.case.pk not in anchored:
            anchored.add(line.case.pk)
            line.anchor = f"case-{line.case.pk}"
    return lines


COLUMNS = [
    Column("列管編號", 0.9),
    Column("案由", 2.4),
    Column("會議／來源", 1.5),
    Column("主協辦", 1.0),
    Column("列管期限", 1.0),
    Column("逾期日數", 0.8, numeric=True),
    Column("最新辦理情形", 4.0),
    Column("擬辦", 1.0),
]


def report_text(report: ProgressReport | None) -> str:
    if report is None:
        return "（尚未填報）"
    return f"（{format_roc_short(timezone.localtime(report.submitted_at).date())} 填報）{report.text}"


def overview_table(overview: Overview) -> TableDocument:
    rows: list[list[str | int | float | None]] = []
    group_rows: set[int] = set()
    for group in overview.groups:
        group_rows.add(len(rows))
        rows.append([f"{group.name}（{len(group.lines)} 案，逾期 {group.overdue} 案）"])
        for line in group.lines:
            a = line.assignment
            rows.append(
                [
                    line.case.number,
                    line.case.title,
                    line.origin,
                    f"{a.get_role_display()}：{line.holder}",
                    format_roc_short(line.case.deadline) if line.case.deadline else "—",
                    line.days_overdue or None,
                    report_text(line.report),
                    line.report.get_proposal_display() if line.report else "—",
                ]
            )
    return TableDocument(
        title="各機關執行情形一覽表",
        columns=COLUMNS,
        rows=rows,
        subtitle=overview.filters.describe(),
        notes=[
            f"註：共 {overview.count} 件（一案由多機關辦理時，各機關分別列出）；逾期日數以 {format_roc_date(overview.filters.as_of)} 計算。"
        ],
        group_rows=group_rows,
    )
