"""A case's whole history as a timeline, read from the audit trail and the rows it names.

The audit trail holds every change in the order it was made — selection,
assignments, reports (as written at each revision), decisions, deadline and
status changes — so the timeline is causal even when decisions are recorded
for a meeting dated later than the day they were typed in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from lieguan.core.audit import object_type_of
from lieguan.core.models import AuditEntry
from lieguan.meetings.models import Meeting
from lieguan.minutes.rocdate import format_roc_date
from lieguan.organisations.models import Organisation, Succession
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
class Event:
    at: dt.datetime
    kind: str
    title: str
    actor: str = ""
    text: str = ""
    lines: list[str] = field(default_factory=list)
    link: str = ""
    link_label: str = ""


def _who(entry: AuditEntry) -> str:
    """「secretariat 許文華」 → 許文華; a job (demo, import:rebuild-cases) as it was recorded."""
    label = entry.actor_label
    return label.split(" ", 1)[1] if " " in label else label


def _date(value: Any) -> str:
    if not value:
        return "（無）"
    return format_roc_date(dt.date.fromisoformat(value))


def _entries(case: TrackedCase) -> list[AuditEntry]:
    types = {m: object_type_of(m) for m in (TrackedCase, Assignment, ProgressReport, ReportAttachment, CaseDecision)}
    removed = AuditEntry.objects.filter(object_type=types[Assignment], action="case.unassign", before__case_id=case.pk).values_list(
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


class _Timeline:
    def __init__(self, case: TrackedCase) -> None:
        self.case = case
        self.events: list[Event] = []
        self.organisations = {o.pk: o.display_name for o in Organisation.objects.all()}
        self.assignment_org: dict[str, int] = {}
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

    def add(self, entry: AuditEntry, kind: str, title: str, **kwargs: Any) -> Event:
        event = Event(at=entry.at, kind=kind, title=title, actor=_who(entry), **kwargs)
        self.events.append(event)
        return event

    def created(self, entry: AuditEntry) -> None:
        case = self.case
        # What was put under tracking then: an amendment confirmed later shows as an event of its own.
        text = (entry.after or {}).get("text", case.text)
        if entry.action == "case.select":
            meeting = self.meeting((entry.after or {}).get("meeting_id"))
            where = f"{meeting.series.full_name}{meeting.ordinal}" if meeting else "會議"
            link = reverse("meetings:minutes", args=[meeting.pk]) if meeting else ""
            self.add(entry, "created", f"由{where}會議結論選項列管", text=text, link=link, link_label=f"{where}會議紀錄")
        elif entry.action == "case.spawn" and case.parent is not None:
            link = reverse("tracking:case", args=[case.parent.pk])
            number = case.parent.number
            self.add(entry, "created", f"由府級列管案件 {number} 轉為本機關列管", link=link, link_label=f"府級列管案件 {number}")
        elif entry.action == "case.rebuild":
            self.add(entry, "created", "由匯入的會議紀錄重建列管案件", text=text)
        else:
            source = CaseSource(case.source).label
            reference = f"（{case.source_reference}）" if case.source_reference else ""
            self.add(entry, "created", f"建立{source}列管案件{reference}", text=text)

    def case_changed(self, entry: AuditEntry) -> None:
        before, after = entry.before or {}, entry.after or {}
        if entry.action == "case.update":
            if before.get("deadline") != after.get("deadline"):
                basis = f"（{after['deadline_basis']}）" if after.get("deadline_basis") else ""
                self.add(entry, "deadline", f"列管期限由 {_date(before.get('deadline'))} 改為 {_date(after.get('deadline'))}{basis}")
            if before.get("title") != after.get("title") or before.get("text") != after.get("text"):
                self.add(entry, "edit", "修改案由或列管事項", text=after.get("text", ""))
        elif entry.action in ("case.status", "case.reopen"):
            released = after.get("status") == "released"
            title = f"全案解除列管（{_date(after.get('released_on'))}）" if released else "恢復列管"
            self.add(entry, "status", title)

    def amended(self, entry: AuditEntry) -> None:
        """A confirmed amendment of the minutes changed the case's text (and deadline)."""
        before, after = entry.before or {}, entry.after or {}
        meeting = self.meeting(after.get("meeting"))
        where = f"{meeting.series.full_name}{meeting.ordinal}會議" if meeting else after.get("meeting_name", "會議")
        lines = []
        if before.get("deadline") != after.get("deadline"):
            basis = f"（{after['deadline_basis']}）" if after.get("deadline_basis") else ""
            lines.append(f"列管期限由 {_date(before.get('deadline'))} 改為 {_date(after.get('deadline'))}{basis}")
        link = reverse("meetings:minutes", args=[meeting.pk]) if meeting else ""
        self.add(
            entry,
            "edit",
            f"{where}確定紀錄時修正會議結論",
            text=after.get("text", ""),
            lines=lines,
            link=link,
            link_label=f"{where}紀錄" if link else "",
        )

    def assignment_changed(self, entry: AuditEntry) -> None:
        snapshot = entry.after if entry.action == "case.assign" else entry.before
        snapshot = snapshot or {}
        if "organisation_id" in snapshot:
            self.assignment_org[entry.object_id] = snapshot["organisation_id"]
        name = self.org_of_assignment(entry.object_id)
        role = ROLE.get(snapshot.get("role", ""), "")
        if entry.action == "case.assign":
            self.add(entry, "assignment", f"指定{role}機關：{name}")
        elif entry.action == "case.unassign":
            self.add(entry, "assignment", f"移除{role}機關：{name}")

    def succession(self, entry: AuditEntry) -> None:
        """機關改制: the part moved to the successor (tracking/succession_receivers.py)."""
        before, after = entry.before or {}, entry.after or {}
        old = self.organisations.get(before.get("organisation_id") or 0, "")
        new = self.organisations.get(after.get("organisation_id") or 0, "")
        if "organisation_id" in after:
            self.assignment_org[entry.object_id] = after["organisation_id"]
        kind = dict(Succession.Kind.choices).get(after.get("kind", ""), "改制")
        effective = after.get("effective")
        when = f"，{format_roc_date(dt.date.fromisoformat(effective))}生效" if effective else ""
        self.add(entry, "assignment", f"機關改制（{old}{kind}）：改由{new}承辦{when}")

    def report(self, entry: AuditEntry, reports: dict[str, ProgressReport]) -> None:
        after = entry.after or {}
        report = reports.get(entry.object_id)
        name = self.org_of_assignment(after.get("assignment_id"))
        meeting = self.meeting(after.get("cycle_meeting_id"))
        cycle = f"{meeting.ordinal}會議" if meeting else _month(after.get("cycle", ""))
        verb = "修正" if entry.action == "report.revise" else "填報"
        proposal = PROPOSAL.get(after.get("proposal", ""), "")
        link = reverse("tracking:case", args=[self.case.pk]) + f"#report-{report.pk}" if report else ""
        label = "查看此期辦理情形" if link else ""
        self.add(entry, "report", f"{name}{verb}{cycle}辦理情形：{proposal}", text=after.get("text", ""), link=link, link_label=label)

    def attachment(self, entry: AuditEntry) -> None:
        after = entry.after or {}
        self.add(entry, "attachment", f"上傳附件「{after.get('original_name', '')}」")

    def decision(self, entry: AuditEntry) -> None:
        after = entry.after or {}
        meeting = self.meeting(after.get("meeting_id"))
        part = self.org_of_assignment(after["assignment_id"]) if after.get("assignment_id") else "全案"
        line = f"{part}：{DECISION.get(after.get('decision', ''), '')}"
        last = self.events[-1] if self.events else None
        where = f"{meeting.series.full_name}{meeting.ordinal}會議" if meeting else f"{_date(after.get('decided_on'))}"
        title = f"{where}決定"
        if last is not None and last.kind == "decision" and last.title == title:
            last.lines.append(line)
            return
        link = reverse("tracking:status_report", args=[meeting.pk]) if meeting else ""
        note = after.get("note", "")
        self.add(entry, "decision", title, text=note, lines=[line], link=link, link_label="" if not link else "該次會議執行情形報告")


def _month(key: str) -> str:
    """month:2026-11 → 115年11月."""
    try:
        year, month = key.removeprefix("month:").split("-")
        return f"{int(year) - 1911}年{int(month)}月"
    except ValueError:
        return key


def case_timeline(case: TrackedCase) -> list[Event]:
    timeline = _Timeline(case)
    for a in case.assignments.all():
        timeline.assignment_org[str(a.pk)] = a.organisation_id
    reports = {str(r.pk): r for r in ProgressReport.objects.filter(assignment__case=case)}
    handlers = {
        "case.select": timeline.created,
        "case.create": timeline.created,
        "case.spawn": timeline.created,
        "case.rebuild": timeline.created,
        "case.update": timeline.case_changed,
        "case.amend": timeline.amended,
        "case.status": timeline.case_changed,
        "case.reopen": timeline.case_changed,
        "case.assign": timeline.assignment_changed,
        "case.unassign": timeline.assignment_changed,
        "case.succession": timeline.succession,
        "report.attach": timeline.attachment,
        "case.decide": timeline.decision,
    }
    for entry in _entries(case):
        if entry.action in ("report.submit", "report.revise"):
            timeline.report(entry, reports)
        elif entry.action in handlers:
            handlers[entry.action](entry)
    return timeline.events


def cycle_label(report: ProgressReport) -> str:
    if report.cycle_meeting is not None:
        day = timezone.localtime(report.cycle_meeting.start).date()
        return f"{report.cycle_meeting.ordinal}會議（{format_roc_date(day)}）"
    return _month(report.cycle)
