"""The status report (會議結論事項執行情形) of a meeting: every open case of its series, agency by agency.

For each case: number, conclusion (with the details ``tracking/details.py`` shows here),
lead and co agencies, each agency's report for this meeting's cycle and its proposal,
deadline and days overdue on the meeting day. Cases decided at this very meeting stay in the report, so that it
still shows what was decided after the decisions are recorded; and a report
written for a later meeting never shows up in an earlier meeting's report.

``report_for`` and ``report_table`` give the report as one reader sees it (the
page and the downloads alike), ``fingerprint`` what a download is made from.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lieguan.meetings.confidential import CONFIDENTIAL_TITLE, is_redacted, redact
from lieguan.meetings.models import Meeting
from lieguan.minutes.rocdate import format_roc_date, format_roc_short
from lieguan.minutes.sentences import case_sort_key
from lieguan.minutes.tables import Column, TableDocument
from lieguan.organisations.access import viewer_for
from lieguan.tracking import access, details
from lieguan.tracking.cycles import GRACE
from lieguan.tracking.models import Assignment, CaseDecision, CaseStatus, ProgressReport, TrackedCase


@dataclass
class AgencyLine:
    assignment: Assignment
    # The report for this meeting's cycle; ``previous`` is the latest one of an earlier cycle.
    report: ProgressReport | None
    decision: CaseDecision | None = None
    previous: ProgressReport | None = None

    @property
    def reported(self) -> bool:
        return self.report is not None


@dataclass
class CaseLine:
    case: TrackedCase
    agencies: list[AgencyLine] = field(default_factory=list)
    days_overdue: int = 0

    @property
    def lead(self) -> AgencyLine | None:
        return next((a for a in self.agencies if a.assignment.role == Assignment.Role.LEAD), None)

    @property
    def co(self) -> list[AgencyLine]:
        return [a for a in self.agencies if a.assignment.role == Assignment.Role.CO]

    @property
    def missing_reports(self) -> list[AgencyLine]:
        return [a for a in self.agencies if a.assignment.status == CaseStatus.OPEN and not a.reported]


@dataclass
class StatusReportData:
    meeting: Meeting
    day: dt.date
    lines: list[CaseLine]

    @property
    def title(self) -> str:
        return f"{self.meeting.series.full_name}會議結論事項執行情形"


def cases_for(meeting: Meeting) -> list[TrackedCase]:
    """Open cases of the series opened before this meeting, and those decided at it."""
    start = timezone.localtime(meeting.start).date()
    decided_here = CaseDecision.objects.filter(meeting=meeting).values("case_id")
    # Only what the report shows: at 5,000 cases, whole users and meetings per report cost seconds.
    reports = (
        ProgressReport.objects.order_by("-submitted_at")
        .select_related("cycle_meeting")
        .only("assignment_id", "cycle", "text", "proposal", "submitted_at", "cycle_meeting_id", "cycle_meeting__start")
    )
    assignments = (
        Assignment.objects.select_related("organisation")
        .only("case_id", "role", "status", "released_on", "organisation__name", "organisation__short_name")
        .prefetch_related(Prefetch("reports", queryset=reports))
    )
    qs = (
        TrackedCase.objects.filter(series=meeting.series)
        .filter(Q(status=CaseStatus.OPEN, opened_on__lt=start) | Q(pk__in=decided_here))
        .exclude(meeting=meeting)
        .prefetch_related(Prefetch("assignments", queryset=assignments))
    )
    return sorted(qs, key=lambda c: case_sort_key(c.number))


def _split_reports(
    reports: list[ProgressReport], meeting: Meeting, previous_start: dt.datetime | None
) -> tuple[ProgressReport | None, ProgressReport | None]:
    """This meeting's report (for its cycle, or a monthly one written since the meeting before) and the one before it."""

    def this_cycle(r: ProgressReport) -> bool:
        if r.cycle_meeting_id is not None:
            return r.cycle_meeting_id == meeting.pk
        after_previous = previous_start is None or r.submitted_at >= previous_start
        return after_previous and r.submitted_at <= meeting.start + GRACE

    def earlier(r: ProgressReport) -> bool:
        if r.cycle_meeting is not None:
            return r.cycle_meeting.start < meeting.start
        return r.submitted_at < meeting.start

    current = next((r for r in reports if this_cycle(r)), None)
    previous = next((r for r in reports if not this_cycle(r) and earlier(r)), None)
    return current, previous


def build(meeting: Meeting) -> StatusReportData:
    day = timezone.localtime(meeting.start).date()
    decisions = {(d.case_id, d.assignment_id): d for d in CaseDecision.objects.filter(meeting=meeting)}
    before = (
        Meeting.objects.filter(series_id=meeting.series_id, cancelled=False, start__lt=meeting.start)
        .order_by("-start")
        .values_list("start", flat=True)
        .first()
    )
    lines = []
    for case in cases_for(meeting):
        line = CaseLine(case=case, days_overdue=max(0, (day - case.deadline).days) if case.deadline else 0)
        for assignment in case.assignments.all():
            current, previous = _split_reports(list(assignment.reports.all()), meeting, before)
            line.agencies.append(
                AgencyLine(
                    assignment=assignment,
                    report=current,
                    decision=decisions.get((case.pk, assignment.pk)),
                    previous=previous,
                )
            )
        lines.append(line)
    return StatusReportData(meeting=meeting, day=day, lines=lines)


# The headers in the reader's language: the page's; a download's is Chinese (its views run ``in_official_language``,
# its background build in the default language). ``_columns`` makes the columns when a table is made.
COLUMNS: list[tuple[Any, float, bool]] = [
    (gettext_lazy("列管編號"), 0.9, False),
    (gettext_lazy("會議結論"), 3.2, False),
    (gettext_lazy("主協辦機關"), 1.2, False),
    (gettext_lazy("辦理情形"), 4.0, False),
    (gettext_lazy("擬辦"), 1.0, False),
    (gettext_lazy("列管期限"), 1.0, False),
    (gettext_lazy("逾期日數"), 0.8, True),
]


def _columns(columns: list[tuple[Any, float, bool]]) -> list[Column]:
    return [Column(str(header), weight, numeric) for header, weight, numeric in columns]


def released_before(a: AgencyLine) -> bool:
    """Released at an earlier meeting: nothing more to report, nothing to decide here."""
    return a.assignment.status == CaseStatus.RELEASED and a.decision is None


def _agency_label(a: AgencyLine) -> str:
    # The roles' and proposals' labels stay plain Chinese in the model (notifications are written with them).
    role = _(a.assignment.get_role_display())
    released = _("（已解列）") if released_before(a) else ""
    return _("%(role)s：%(agency)s%(released)s") % {"role": role, "agency": a.assignment.organisation.display_name, "released": released}


def report_text(a: AgencyLine) -> str:
    if a.report is not None:
        return a.report.text
    return _("（已解除列管）") if released_before(a) else _("（本期未填報）")


def case_text(case: TrackedCase) -> str:
    """The case's text, then a line for each detail the status report shows (tracking/details.py): 來源文號：…"""
    lines = [_("%(label)s：%(value)s") % {"label": label, "value": value} for label, value in details.printed(case)]
    return "\n".join([case.text, *lines])


def as_table(data: StatusReportData) -> TableDocument:
    rows: list[list[str | int | float | None]] = []
    for line in data.lines:
        agencies = line.agencies
        reports = [f"【{a.assignment.organisation.display_name}】{report_text(a)}" for a in agencies]
        proposals = [
            f"{a.assignment.organisation.display_name}：{_(a.report.get_proposal_display()) if a.report else '—'}" for a in agencies
        ]
        rows.append(
            [
                line.case.number,
                str(CONFIDENTIAL_TITLE) if is_redacted(line.case) else case_text(line.case),
                "\n".join(_agency_label(a) for a in agencies) or _("（未指定）"),
                "\n".join(reports) or _("（本期未填報）"),
                "\n".join(proposals) or "—",
                format_roc_short(line.case.deadline) if line.case.deadline else "—",
                line.days_overdue or None,
            ]
        )
    meeting = data.meeting
    return TableDocument(
        title=data.title,
        columns=_columns(COLUMNS),
        rows=rows,
        subtitle=[_("%(ordinal)s會議（%(date)s）") % {"ordinal": meeting.ordinal, "date": format_roc_date(data.day)}],
        notes=[_("註：共 %(count)s 案；逾期日數以開會日 %(date)s 計算。") % {"count": len(rows), "date": format_roc_date(data.day)}],
    )


# Who sees what, and the table as they see it: the page, the downloads and the background task that builds
# them all go through these, so that a download holds exactly what its reader's page shows.

DECISION_COLUMN: tuple[Any, float, bool] = (gettext_lazy("本次會議決定"), 1.2, False)


def report_for(user: Any, meeting: Meeting) -> tuple[StatusReportData, bool]:
    """The status report as ``user`` may see it: whole for those who manage or read everything, else their cases;
    a confidential case they are not entitled to as 「機密案件」, without its text or its agencies' reports."""
    data = build(meeting)
    whole = sees_whole(user, meeting)
    if not whole:
        visible = set(access.visible_cases(user).filter(series=meeting.series).values_list("pk", flat=True))
        data.lines = [line for line in data.lines if line.case.pk in visible]
    redact_hidden(user, data)
    return data, whole


def redact_hidden(user: Any, data: StatusReportData) -> StatusReportData:
    """Each line of a confidential case ``user`` is not entitled to, redacted in place (``meetings.confidential``)."""
    hidden = access.hidden_case_ids(viewer_for(user), [line.case.pk for line in data.lines])
    for line in data.lines:
        if line.case.pk in hidden:
            line.case = redact(line.case)
            for a in line.agencies:
                a.report = redact(a.report) if a.report is not None else None
                a.previous = redact(a.previous) if a.previous is not None else None
    return data


def sees_whole(user: Any, meeting: Meeting) -> bool:
    viewer = viewer_for(user)
    return bool(viewer.reads_everything or access.manages_owner(viewer, meeting.series.owner_id))


def shares_whole_file(user: Any, meeting: Meeting, data: StatusReportData | None = None) -> bool:
    """Whether ``user`` gets the one file of the whole report that all such readers share: they see the whole
    report and every confidential case of it in full. Anyone else gets a file built for them alone."""
    if not sees_whole(user, meeting):
        return False
    if data is not None:
        return not any(is_redacted(line.case) for line in data.lines)
    return not access.hidden_case_ids(viewer_for(user), [case.pk for case in cases_for(meeting)])


def _decision_text(line: CaseLine) -> str:
    parts = [
        _("%(part)s：%(decision)s") % {"part": a.assignment.organisation.display_name, "decision": a.decision.get_decision_display()}
        for a in line.agencies
        if a.decision
    ]
    whole = line.case.decisions.filter(meeting__isnull=False, assignment__isnull=True).first() if not line.agencies else None
    if whole is not None:
        parts.append(whole.get_decision_display())
    return "\n".join(parts)


def report_table(data: StatusReportData) -> TableDocument:
    """The report's table; once the meeting has decided, with the decisions, on the page and in the downloads alike."""
    doc = as_table(data)
    if CaseDecision.objects.filter(meeting=data.meeting).exists():
        doc.columns = [*doc.columns, *_columns([DECISION_COLUMN])]
        doc.rows = [[*cells, _decision_text(line)] for line, cells in zip(data.lines, doc.rows, strict=True)]
    return doc


# Bumped when the renderers change what a file looks like, so that files built before are built again.
RENDERING = 1


def fingerprint(doc: TableDocument, fmt: str) -> str:
    """A hash of everything the file is made from: equal fingerprints, equal files.

    A new or changed progress report, a decision, a case opened, released or
    reworded, or an agency renamed all change the table's text, hence the hash.
    """
    made_of = [RENDERING, fmt, doc.title, doc.subtitle, doc.notes, doc.landscape, sorted(doc.group_rows)]
    made_of += [[c.header, c.weight, c.numeric] for c in doc.columns]
    made_of += [[doc.text(cell) for cell in row] for row in doc.rows]
    return hashlib.sha256(json.dumps(made_of, ensure_ascii=False).encode()).hexdigest()
