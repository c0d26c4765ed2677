"""各機關執行情形一覽表: each agency's open cases on a day, with the latest report and the days overdue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from lieguan.meetings.models import MeetingSeries
from lieguan.minutes.rocdate import format_roc_date, format_roc_short
from lieguan.minutes.sentences import case_sort_key
from lieguan.minutes.tables import Column, TableDocument
from lieguan.organisations.models import Organisation
from lieguan.reports.grouping import NOW, THEN, Grouping, describe_view
from lieguan.reports.statistics import filtered_assignments, scope_lines
from lieguan.tracking.asof import open_assignments_on
from lieguan.tracking.models import Assignment, ProgressReport, TrackedCase
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
            f"截至{format_roc_date(self.as_of)}仍列管中之案件",
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

    @property
    def holder(self) -> str:
        return self.held_by or self.assignment.organisation.display_name

    @property
    def case(self) -> TrackedCase:
        return self.assignment.case

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

    @property
    def name(self) -> str:
        return self.label or self.agency.display_name

    @property
    def overdue(self) -> int:
        return sum(1 for line in self.lines if line.days_overdue)


@dataclass
class Overview:
    filters: OverviewFilters
    groups: list[AgencyGroup]

    @property
    def count(self) -> int:
        return sum(len(g.lines) for g in self.groups)


def build_overview(user: Any, filters: OverviewFilters) -> Overview:
    day = filters.as_of
    # Reports written after the day did not exist on it.
    cutoff = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))
    reports = ProgressReport.objects.filter(submitted_at__lt=cutoff).order_by("-submitted_at")
    grouping = Grouping.load(filters.view, day)
    qs = (
        filtered_assignments(user, series=filters.series, source=filters.source, agency=filters.agency, grouping=grouping)
        .filter(open_assignments_on(day))
        .select_related("case", "case__series", "case__series__owner", "case__meeting", "organisation")
        .prefetch_related(Prefetch("reports", queryset=reports))
    )
    groups: dict[int, list[Line]] = {}
    # Lines of parts that moved after the day, with the body that held them then.
    moved: list[tuple[Line, int]] = []
    for assignment in qs:
        agency_id = grouping.agency(assignment.pk, assignment.organisation_id)
        if filters.agency is not None and agency_id != filters.agency.pk:
            continue
        deadline = assignment.case.deadline
        latest = next(iter(assignment.reports.all()), None)
        line = Line(assignment, max(0, (day - deadline).days) if deadline else 0, latest)
        if grouping.view == THEN:
            held = grouping.lineage.holder_on(f"{PREFIX}{assignment.pk}", assignment.organisation_id, day)
            if held != assignment.organisation_id:
                moved.append((line, held))
        groups.setdefault(agency_id, []).append(line)
    grouping.load_agencies(set(groups) | {held for _line, held in moved})
    agencies = grouping.agencies
    for line, held in moved:
        line.held_by = grouping.label(held)
    ordered = sorted(groups, key=lambda pk: (agencies[pk].sort_order, agencies[pk].code))
    out = []
    anchored: set[int] = set()
    for pk in ordered:
        lines = sorted(
            groups[pk],
            key=lambda ln: (
                ln.case.series.full_name if ln.case.series else f"~{ln.case.source}",
                case_sort_key(ln.case.number),
                ln.assignment.organisation_id,
            ),
        )
        for line in lines:
            if line.case.pk not in anchored:
                anchored.add(line.case.pk)
                line.anchor = f"case-{line.case.pk}"
        out.append(AgencyGroup(agencies[pk], lines, grouping.label(pk)))
    return Overview(filters, out)


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
