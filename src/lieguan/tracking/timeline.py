"""A case's whole history as a timeline, read from the audit trail through the event registry.

The audit trail holds every change in the order it was made — selection,
assignments, reports (as written at each revision), decisions, deadline and
status changes — so the timeline is causal even when decisions are recorded
for a meeting dated later than the day they were typed in.

Each event type that belongs on a case's timeline has one renderer here,
registered with the event (``@renders(CASE_DECIDE)``); it reads only the keys
the event declares in ``tracking/audit_events.py``. An entry whose event has no
renderer is not part of the timeline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from lieguan.core.audit import object_type_of
from lieguan.core.audit_events import Event
from lieguan.core.models import AuditEntry
from lieguan.meetings.models import Meeting
from lieguan.minutes.rocdate import format_roc_date, format_roc_month
from lieguan.organisations.models import Organisation, Succession
from lieguan.tracking.audit_events import (
    CASE_AMEND,
    CASE_ASSIGN,
    CASE_CREATE,
    CASE_DECIDE,
    CASE_REBUILD,
    CASE_REOPEN,
    CASE_SELECT,
    CASE_SPAWN,
    CASE_STATUS,
    CASE_SUCCESSION,
    CASE_UNASSIGN,
    CASE_UPDATE,
    REPORT_ATTACH,
    REPORT_REVISE,
    REPORT_SUBMIT,
)
from lieguan.tracking.models import (
    Assignment,
    CaseDecision,
    CaseSource,
    ProgressReport,
    Proposal,
    ReportAttachment,
    TrackedCase,
)

ROLE = dict(Assignment.Role.choices)
DECISION = dict(CaseDecision.Decision.choices)
PROPOSAL = dict(Proposal.choices)


@dataclass
class TimelineEvent:
    """One line of the timeline as the case page shows it."""

    at: dt.datetime
    kind: str
    title: str
    actor: str = ""
    text: str = ""
    lines: list[str] = field(default_factory=list)
    link: str = ""
    link_label: str = ""


Renderer = Callable[["Timeline", AuditEntry], None]

RENDERERS: dict[str, Renderer] = {}
"""Event name → the renderer of its entries."""


def renders(*events: Event) -> Callable[[Renderer], Renderer]:
    """Register the decorated function as the renderer of these events."""

    def register(renderer: Renderer) -> Renderer:
        for event in events:
            if event.name in RENDERERS:
                raise ValueError(f"the timeline already renders {event.name}")
            RENDERERS[event.name] = renderer
        return renderer

    return register


def rendered_events() -> list[str]:
    """The names of the events a case's timeline shows."""
    return sorted(RENDERERS)


def _who(entry: AuditEntry) -> str:
    """「secretariat 許文華」 → 許文華; a job (demo, import:rebuild-cases) as it was recorded."""
    label = entry.actor_label
    return label.split(" ", 1)[1] if " " in label else label


def _date(value: Any) -> str:
    if not value:
        return "（無）"
    return format_roc_date(dt.date.fromisoformat(value))


def month_label(key: str) -> str:
    """month:2026-11 → 115年11月 (a key that is not a month is shown as it is)."""
    try:
        year, month = key.removeprefix("month:").split("-")
        return format_roc_month(dt.date(int(year), int(month), 1))
    except ValueError:
        return key


def _deadline_change(before: dict[str, Any], after: dict[str, Any]) -> str:
    basis = f"（{after['deadline_basis']}）" if after.get("deadline_basis") else ""
    return f"列管期限由 {_date(before.get('deadline'))} 改為 {_date(after.get('deadline'))}{basis}"


def _entries(case: TrackedCase) -> list[AuditEntry]:
    """The entries about the case and the rows hanging from it, removed assignments included, in the order written."""
    types = {m: object_type_of(m) for m in (TrackedCase, Assignment, ProgressReport, ReportAttachment, CaseDecision)}
    removed = AuditEntry.objects.filter(object_type=types[Assignment], action=CASE_UNASSIGN.name, before__case_id=case.pk).values_list(
        "object_id", flat=True
    )
    assignment_ids = {str(pk) for pk in case.assignments.values_list("pk", flat=True)} | set(removed)
    report_ids = [str(pk) for pk in ProgressReport.objects.filter(assignment__case=case).values_list("pk", flat=True)]
    attachment_ids = [str(pk) for pk in ReportAttachment.objects.filter(report__assignment__case=case).values_list("pk", flat=True)]
    decision_ids = [str(pk) for pk in case.decisions.values_list("pk", flat=True)]
    condition = (
        Q(object_type=types[TrackedCase], object_id=str(case.pk))
        | Q(object_type=types[Assignment], object_id__in=assignment_ids)
        | Q(object_type=types[ProgressReport], object_id__in=report_ids)
        | Q(object_type=types[ReportAttachment], object_id__in=attachment_ids)
        | Q(object_type=types[CaseDecision], object_id__in=decision_ids)
    )
    return list(AuditEntry.objects.filter(condition).order_by("seq"))


class Timeline:
    """What the renderers share while they read one case's entries: the case, names, meetings, the lines so far."""

    def __init__(self, case: TrackedCase) -> None:
        self.case = case
        self.events: list[TimelineEvent] = []
        self.organisations = {o.pk: o.display_name for o in Organisation.objects.all()}
        self.assignment_org: dict[str, int] = {str(a.pk): a.organisation_id for a in case.assignments.all()}
        self.reports = {str(r.pk): r for r in ProgressReport.objects.filter(assignment__case=case)}
        self.meetings: dict[int, Meeting] = {}

    def meeting(self, pk: Any) -> Meeting | None:
        if pk is None:
            return None
        if pk not in self.meetings:
            found = Meeting.objects.select_related("series", "series__owner").filter(pk=pk).first()
            if found is None:
                return None
            self.meetings[pk] = found
        return self.meetings[pk]

    def org_of_assignment(self, assignment_id: Any) -> str:
        return self.organisations.get(self.assignment_org.get(str(assignment_id), 0), "（已移除的機關）")

    def add(self, entry: AuditEntry, kind: str, title: str, **kwargs: Any) -> TimelineEvent:
        event = TimelineEvent(at=entry.at, kind=kind, title=title, actor=_who(entry), **kwargs)
        self.events.append(event)
        return event

    def read(self, entries: list[AuditEntry]) -> list[TimelineEvent]:
        for entry in entries:
            renderer = RENDERERS.get(entry.action)
            if renderer is not None:
                renderer(self, entry)
        return self.events


def _opening_text(timeline: Timeline, entry: AuditEntry) -> str:
    # What was put under tracking then: an amendment confirmed later shows as an event of its own.
    return str((entry.after or {}).get("text", timeline.case.text))


@renders(CASE_SELECT)
def _selected(timeline: Timeline, entry: AuditEntry) -> None:
    meeting = timeline.meeting((entry.after or {}).get("meeting_id"))
    where = f"{meeting.series.full_name}{meeting.ordinal}" if meeting else "會議"
    link = reverse("meetings:minutes", args=[meeting.pk]) if meeting else ""
    text = _opening_text(timeline, entry)
    timeline.add(entry, "created", f"由{where}會議結論選項列管", text=text, link=link, link_label=f"{where}會議紀錄")


@renders(CASE_CREATE)
def _created(timeline: Timeline, entry: AuditEntry) -> None:
    case = timeline.case
    source = CaseSource(case.source).label
    reference = f"（{case.source_reference}）" if case.source_reference else ""
    timeline.add(entry, "created", f"建立{source}列管案件{reference}", text=_opening_text(timeline, entry))


@renders(CASE_SPAWN)
def _spawned(timeline: Timeline, entry: AuditEntry) -> None:
    parent = timeline.case.parent
    if parent is None:
        # The city-level case is gone from under it: say what the case is, as for one created directly.
        _created(timeline, entry)
        return
    link = reverse("tracking:case", args=[parent.pk])
    number = parent.number
    timeline.add(entry, "created", f"由府級列管案件 {number} 轉為本機關列管", link=link, link_label=f"府級列管案件 {number}")


@renders(CASE_REBUILD)
def _rebuilt(timeline: Timeline, entry: AuditEntry) -> None:
    timeline.add(entry, "created", "由匯入的會議紀錄重建列管案件", text=_opening_text(timeline, entry))


@renders(CASE_UPDATE)
def _updated(timeline: Timeline, entry: AuditEntry) -> None:
    before, after = entry.before or {}, entry.after or {}
    if before.get("deadline") != after.get("deadline"):
        timeline.add(entry, "deadline", _deadline_change(before, after))
    if before.get("title") != after.get("title") or before.get("text") != after.get("text"):
        timeline.add(entry, "edit", "修改案由或列管事項", text=after.get("text", ""))


@renders(CASE_STATUS, CASE_REOPEN)
def _status_changed(timeline: Timeline, entry: AuditEntry) -> None:
    after = entry.after or {}
    released = after.get("status") == "released"
    title = f"全案解除列管（{_date(after.get('released_on'))}）" if released else "恢復列管"
    timeline.add(entry, "status", title)


@renders(CASE_AMEND)
def _amended(timeline: Timeline, entry: AuditEntry) -> None:
    """A confirmed amendment of the minutes changed the case's text (and deadline)."""
    before, after = entry.before or {}, entry.after or {}
    meeting = timeline.meeting(after.get("meeting"))
    where = f"{meeting.series.full_name}{meeting.ordinal}會議" if meeting else after.get("meeting_name", "會議")
    lines = [_deadline_change(before, after)] if before.get("deadline") != after.get("deadline") else []
    link = reverse("meetings:minutes", args=[meeting.pk]) if meeting else ""
    timeline.add(
        entry,
        "edit",
        f"{where}確定紀錄時修正會議結論",
        text=after.get("text", ""),
        lines=lines,
        link=link,
        link_label=f"{where}紀錄" if link else "",
    )


def _assignment(timeline: Timeline, entry: AuditEntry, snapshot: dict[str, Any], verb: str) -> None:
    if "organisation_id" in snapshot:
        timeline.assignment_org[entry.object_id] = snapshot["organisation_id"]
    role = ROLE.get(snapshot.get("role", ""), "")
    timeline.add(entry, "assignment", f"{verb}{role}機關：{timeline.org_of_assignment(entry.object_id)}")


@renders(CASE_ASSIGN)
def _assigned(timeline: Timeline, entry: AuditEntry) -> None:
    _assignment(timeline, entry, entry.after or {}, "指定")


@renders(CASE_UNASSIGN)
def _unassigned(timeline: Timeline, entry: AuditEntry) -> None:
    _assignment(timeline, entry, entry.before or {}, "移除")


@renders(CASE_SUCCESSION)
def _succession(timeline: Timeline, entry: AuditEntry) -> None:
    """機關改制: the part moved to the successor (tracking/succession_receivers.py)."""
    before, after = entry.before or {}, entry.after or {}
    old = timeline.organisations.get(before.get("organisation_id") or 0, "")
    new = timeline.organisations.get(after.get("organisation_id") or 0, "")
    if "organisation_id" in after:
        timeline.assignment_org[entry.object_id] = after["organisation_id"]
    kind = dict(Succession.Kind.choices).get(after.get("kind", ""), "改制")
    effective = after.get("effective")
    when = f"，{format_roc_date(dt.date.fromisoformat(effective))}生效" if effective else ""
    timeline.add(entry, "assignment", f"機關改制（{old}{kind}）：改由{new}承辦{when}")


def _report(timeline: Timeline, entry: AuditEntry, verb: str) -> None:
    after = entry.after or {}
    report = timeline.reports.get(entry.object_id)
    name = timeline.org_of_assignment(after.get("assignment_id"))
    meeting = timeline.meeting(after.get("cycle_meeting_id"))
    cycle = f"{meeting.ordinal}會議" if meeting else month_label(after.get("cycle", ""))
    proposal = PROPOSAL.get(after.get("proposal", ""), "")
    link = reverse("tracking:case", args=[timeline.case.pk]) + f"#report-{report.pk}" if report else ""
    label = "查看此期辦理情形" if link else ""
    timeline.add(entry, "report", f"{name}{verb}{cycle}辦理情形：{proposal}", text=after.get("text", ""), link=link, link_label=label)


@renders(REPORT_SUBMIT)
def _submitted(timeline: Timeline, entry: AuditEntry) -> None:
    _report(timeline, entry, "填報")


@renders(REPORT_REVISE)
def _revised(timeline: Timeline, entry: AuditEntry) -> None:
    _report(timeline, entry, "修正")


@renders(REPORT_ATTACH)
def _attached(timeline: Timeline, entry: AuditEntry) -> None:
    after = entry.after or {}
    timeline.add(entry, "attachment", f"上傳附件「{after.get('original_name', '')}」")


@renders(CASE_DECIDE)
def _decided(timeline: Timeline, entry: AuditEntry) -> None:
    after = entry.after or {}
    meeting = timeline.meeting(after.get("meeting_id"))
    part = timeline.org_of_assignment(after["assignment_id"]) if after.get("assignment_id") else "全案"
    line = f"{part}：{DECISION.get(after.get('decision', ''), '')}"
    last = timeline.events[-1] if timeline.events else None
    where = f"{meeting.series.full_name}{meeting.ordinal}會議" if meeting else f"{_date(after.get('decided_on'))}"
    title = f"{where}決定"
    # The parts decided at one session read as one event with a line per part.
    if last is not None and last.kind == "decision" and last.title == title:
        last.lines.append(line)
        return
    link = reverse("tracking:status_report", args=[meeting.pk]) if meeting else ""
    note = after.get("note", "")
    timeline.add(entry, "decision", title, text=note, lines=[line], link=link, link_label="" if not link else "該次會議執行情形報告")


def case_timeline(case: TrackedCase) -> list[TimelineEvent]:
    return Timeline(case).read(_entries(case))


def cycle_label(report: ProgressReport) -> str:
    if report.cycle_meeting is not None:
        day = timezone.localtime(report.cycle_meeting.start).date()
        return f"{report.cycle_meeting.ordinal}會議（{format_roc_date(day)}）"
    return month_label(report.cycle)
