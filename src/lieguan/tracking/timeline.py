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
from django.utils.translation import gettext as _

from lieguan.core import dates
from lieguan.core.audit import object_type_of
from lieguan.core.audit_events import Event
from lieguan.core.models import AuditEntry
from lieguan.meetings.models import Meeting
from lieguan.organisations.models import Organisation, Succession
from lieguan.tracking import details
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

# The roles', sources' and proposals' labels stay plain Chinese in the models (notifications, the API and the
# statistics' files are written with them): the entries translate them when they are read.
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
        return _("（無）")
    return dates.long_date(dt.date.fromisoformat(value))


def month_label(key: str) -> str:
    """month:2026-11 → 115年11月 (a key that is not a month is shown as it is)."""
    try:
        year, month = key.removeprefix("month:").split("-")
        return dates.month(dt.date(int(year), int(month), 1))
    except ValueError:
        return key


def _deadline_change(before: dict[str, Any], after: dict[str, Any]) -> str:
    basis = _("（%(basis)s）") % {"basis": after["deadline_basis"]} if after.get("deadline_basis") else ""
    return _("列管期限由 %(before)s 改為 %(after)s%(basis)s") % {
        "before": _date(before.get("deadline")),
        "after": _date(after.get("deadline")),
        "basis": basis,
    }


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
        return self.organisations.get(self.assignment_org.get(str(assignment_id), 0), _("（已移除的機關）"))

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
    where = f"{meeting.series.full_name}{meeting.ordinal}" if meeting else _("會議（名稱不詳）")
    link = reverse("meetings:minutes", args=[meeting.pk]) if meeting else ""
    text = _opening_text(timeline, entry)
    title = _("由%(where)s會議結論選項列管") % {"where": where}
    timeline.add(entry, "created", title, text=text, link=link, link_label=_("%(where)s會議紀錄") % {"where": where})


@renders(CASE_CREATE)
def _created(timeline: Timeline, entry: AuditEntry) -> None:
    case = timeline.case
    source = _(CaseSource(case.source).label)
    # The reference the case was created with (the snapshot): a later correction is its own entry.
    given = (entry.after or {}).get("source_reference", case.source_reference)
    reference = _("（%(reference)s）") % {"reference": given} if given else ""
    title = _("建立%(source)s列管案件%(reference)s") % {"source": source, "reference": reference}
    timeline.add(entry, "created", title, text=_opening_text(timeline, entry))


@renders(CASE_SPAWN)
def _spawned(timeline: Timeline, entry: AuditEntry) -> None:
    parent = timeline.case.parent
    if parent is None:
        # The city-level case is gone from under it: say what the case is, as for one created directly.
        _created(timeline, entry)
        return
    link = reverse("tracking:case", args=[parent.pk])
    number = parent.number
    title = _("由府級列管案件 %(number)s 轉為本機關列管") % {"number": number}
    timeline.add(entry, "created", title, link=link, link_label=_("府級列管案件 %(number)s") % {"number": number})


@renders(CASE_REBUILD)
def _rebuilt(timeline: Timeline, entry: AuditEntry) -> None:
    timeline.add(entry, "created", _("由匯入的會議紀錄重建列管案件"), text=_opening_text(timeline, entry))


@renders(CASE_UPDATE)
def _updated(timeline: Timeline, entry: AuditEntry) -> None:
    before, after = entry.before or {}, entry.after or {}
    if before.get("deadline") != after.get("deadline"):
        timeline.add(entry, "deadline", _deadline_change(before, after))
    if before.get("title") != after.get("title") or before.get("text") != after.get("text"):
        timeline.add(entry, "edit", _("修改案由或列管事項"), text=after.get("text", ""))
    for detail, was, now in details.changed(before, after):
        words = {"label": detail.label, "before": details.worded_snapshot(detail, was), "after": details.worded_snapshot(detail, now)}
        timeline.add(entry, "edit", _("%(label)s由 %(before)s 改為 %(after)s") % words)


@renders(CASE_STATUS, CASE_REOPEN)
def _status_changed(timeline: Timeline, entry: AuditEntry) -> None:
    after = entry.after or {}
    released = after.get("status") == "released"
    title = _("全案解除列管（%(date)s）") % {"date": _date(after.get("released_on"))} if released else _("恢復列管")
    timeline.add(entry, "status", title)


@renders(CASE_AMEND)
def _amended(timeline: Timeline, entry: AuditEntry) -> None:
    """A confirmed amendment of the minutes changed the case's text (and deadline)."""
    before, after = entry.before or {}, entry.after or {}
    meeting = timeline.meeting(after.get("meeting"))
    lines = [_deadline_change(before, after)] if before.get("deadline") != after.get("deadline") else []
    link = reverse("meetings:minutes", args=[meeting.pk]) if meeting else ""
    if meeting:
        where = f"{meeting.series.full_name}{meeting.ordinal}"
        title = _("%(where)s會議確定紀錄時修正會議結論") % {"where": where}
    else:
        title = _("%(where)s確定紀錄時修正會議結論") % {"where": after.get("meeting_name", _("會議（名稱不詳）"))}
    timeline.add(
        entry,
        "edit",
        title,
        text=after.get("text", ""),
        lines=lines,
        link=link,
        link_label=_("%(where)s會議紀錄") % {"where": where} if link else "",
    )


def _assignment(timeline: Timeline, entry: AuditEntry, snapshot: dict[str, Any], what: str) -> None:
    """``what``: the line's text, with %(role)s and %(agency)s."""
    if "organisation_id" in snapshot:
        timeline.assignment_org[entry.object_id] = snapshot["organisation_id"]
    role = _(ROLE[snapshot["role"]]) if snapshot.get("role") in ROLE else ""
    timeline.add(entry, "assignment", what % {"role": role, "agency": timeline.org_of_assignment(entry.object_id)})


@renders(CASE_ASSIGN)
def _assigned(timeline: Timeline, entry: AuditEntry) -> None:
    _assignment(timeline, entry, entry.after or {}, _("指定%(role)s機關：%(agency)s"))


@renders(CASE_UNASSIGN)
def _unassigned(timeline: Timeline, entry: AuditEntry) -> None:
    _assignment(timeline, entry, entry.before or {}, _("移除%(role)s機關：%(agency)s"))


@renders(CASE_SUCCESSION)
def _succession(timeline: Timeline, entry: AuditEntry) -> None:
    """機關改制: the part moved to the successor (tracking/succession_receivers.py)."""
    before, after = entry.before or {}, entry.after or {}
    old = timeline.organisations.get(before.get("organisation_id") or 0, "")
    new = timeline.organisations.get(after.get("organisation_id") or 0, "")
    if "organisation_id" in after:
        timeline.assignment_org[entry.object_id] = after["organisation_id"]
    kind = dict(Succession.Kind.choices).get(after.get("kind", ""), _("改制"))
    effective = after.get("effective")
    when = _("，%(date)s生效") % {"date": dates.long_date(dt.date.fromisoformat(effective))} if effective else ""
    title = _("機關改制（%(old)s%(kind)s）：改由%(new)s承辦%(when)s") % {"old": old, "kind": kind, "new": new, "when": when}
    timeline.add(entry, "assignment", title)


def _report(timeline: Timeline, entry: AuditEntry, what: str) -> None:
    """``what``: the line's text, with %(agency)s, %(cycle)s and %(proposal)s."""
    after = entry.after or {}
    report = timeline.reports.get(entry.object_id)
    name = timeline.org_of_assignment(after.get("assignment_id"))
    meeting = timeline.meeting(after.get("cycle_meeting_id"))
    cycle = _("%(ordinal)s會議") % {"ordinal": meeting.ordinal} if meeting else month_label(after.get("cycle", ""))
    proposal = _(PROPOSAL[after["proposal"]]) if after.get("proposal") in PROPOSAL else ""
    link = reverse("tracking:case", args=[timeline.case.pk]) + f"#report-{report.pk}" if report else ""
    label = _("查看此期辦理情形") if link else ""
    title = what % {"agency": name, "cycle": cycle, "proposal": proposal}
    timeline.add(entry, "report", title, text=after.get("text", ""), link=link, link_label=label)


@renders(REPORT_SUBMIT)
def _submitted(timeline: Timeline, entry: AuditEntry) -> None:
    _report(timeline, entry, _("%(agency)s填報%(cycle)s辦理情形：%(proposal)s"))


@renders(REPORT_REVISE)
def _revised(timeline: Timeline, entry: AuditEntry) -> None:
    _report(timeline, entry, _("%(agency)s修正%(cycle)s辦理情形：%(proposal)s"))


@renders(REPORT_ATTACH)
def _attached(timeline: Timeline, entry: AuditEntry) -> None:
    after = entry.after or {}
    timeline.add(entry, "attachment", _("上傳附件「%(name)s」") % {"name": after.get("original_name", "")})


@renders(CASE_DECIDE)
def _decided(timeline: Timeline, entry: AuditEntry) -> None:
    after = entry.after or {}
    meeting = timeline.meeting(after.get("meeting_id"))
    part = timeline.org_of_assignment(after["assignment_id"]) if after.get("assignment_id") else _("全案")
    line = _("%(part)s：%(decision)s") % {"part": part, "decision": DECISION.get(after.get("decision", ""), "")}
    last = timeline.events[-1] if timeline.events else None
    if meeting:
        title = _("%(where)s會議決定") % {"where": f"{meeting.series.full_name}{meeting.ordinal}"}
    else:
        title = _("%(date)s決定") % {"date": _date(after.get("decided_on"))}
    # The parts decided at one session read as one event with a line per part.
    if last is not None and last.kind == "decision" and last.title == title:
        last.lines.append(line)
        return
    link = reverse("tracking:status_report", args=[meeting.pk]) if meeting else ""
    note = after.get("note", "")
    timeline.add(entry, "decision", title, text=note, lines=[line], link=link, link_label="" if not link else _("該次會議執行情形報告"))


def case_timeline(case: TrackedCase) -> list[TimelineEvent]:
    return Timeline(case).read(_entries(case))


def cycle_label(report: ProgressReport) -> str:
    if report.cycle_meeting is not None:
        day = timezone.localtime(report.cycle_meeting.start).date()
        return _("%(ordinal)s會議（%(date)s）") % {"ordinal": report.cycle_meeting.ordinal, "date": dates.long_date(day)}
    return month_label(report.cycle)
