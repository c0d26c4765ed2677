"""Applying imported minutes to the cases, meeting by meeting in date order.

Each imported meeting contributes the conclusions it put under tracking (new
cases, numbered by the series' pattern) and the decisions its minutes record
on numbered cases (the meetings app's MinutesCaseDecision rows, which tracking
only reads). A decision counts as applied once tracking holds its own
CaseDecision for that case at that meeting (for each agency of a partial
decision), so that applying twice changes nothing. A case that a decision
names but whose origin was never imported is created from the decision alone
and marked incomplete (僅見於決議，待補資料) until the secretariat fills it in.

The import applies its meeting inside its own transaction, as the person
importing (``tracking.receivers``); ``lieguan cases --rebuild`` applies what
is still unapplied, e.g. once the directory knows an agency a part named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lieguan.core import audit
from lieguan.core.actors import Actor
from lieguan.meetings.models import Conclusion, Meeting, MeetingSeries, MinutesCaseDecision
from lieguan.organisations.directory import Directory
from lieguan.organisations.models import Organisation
from lieguan.tracking import access
from lieguan.tracking.actions.cases import next_case_number, suggest_case
from lieguan.tracking.actions.decisions import Decide, apply_decision
from lieguan.tracking.actions.opening import open_case
from lieguan.tracking.audit_events import CASE_ASSIGN, CASE_REBUILD
from lieguan.tracking.models import Assignment, CaseDecision, CaseSource, TrackedCase

_PART_SEPARATORS = re.compile(r"及|、|與|和|暨")


@dataclass
class RebuildReport:
    meetings: int = 0
    created: list[str] = field(default_factory=list)
    decisions: int = 0
    warnings: list[str] = field(default_factory=list)


def _new_case(actor: Actor, meeting: Meeting, conclusion: Conclusion, report: RebuildReport) -> None:
    suggestion = suggest_case(conclusion)
    day = timezone.localtime(meeting.start).date()
    lead = suggestion.lead
    case = open_case(
        actor,
        how=CASE_REBUILD,
        number=next_case_number(meeting),
        source=CaseSource.MINUTES,
        series=meeting.series,
        meeting=meeting,
        conclusion=conclusion,
        owner=meeting.series.owner,
        level=meeting.series.level,
        title=suggestion.title,
        text=conclusion.text,
        deadline=suggestion.deadline,
        deadline_basis=suggestion.deadline_basis,
        opened_on=day,
        imported=True,
        lead=lead,
        co=suggestion.co,
        # History is recorded as it happened, even a deadline the minutes set before the meeting.
        check_deadline=False,
    )
    if lead is None:
        report.warnings.append(
            _("%(meeting)s：新列管案件 %(number)s 看不出主辦機關，請補登。") % {"meeting": meeting, "number": case.number}
        )
    report.created.append(case.number)


def _case_for(actor: Actor, series: MeetingSeries, number: str, meeting: Meeting, report: RebuildReport) -> TrackedCase:
    """The case a decision names; one the system never saw is made from the decision alone, marked incomplete."""
    case = TrackedCase.objects.filter(series=series, number=number).first()
    if case is not None:
        return case
    case = open_case(
        actor,
        how=CASE_REBUILD,
        number=number,
        source=CaseSource.MINUTES,
        series=series,
        owner=series.owner,
        level=series.level,
        title=f"列管編號 {number}",
        text="本案由歷次會議紀錄的列管決定重建；原列管之會議紀錄未匯入，列管事項請補登。",
        opened_on=timezone.localtime(meeting.start).date(),
        imported=True,
        incomplete=True,
    )
    report.created.append(number)
    return case


def _part_agencies(part: str, directory: Directory, day: Any) -> tuple[list[Organisation], list[str]]:
    """The agencies a partial decision names (捷運公司, 觀傳局及法務局), and the names the directory does not know."""
    names = [n.strip() for n in _PART_SEPARATORS.split(part) if n.strip()]
    resolved = {name: directory.resolve(name, on=day) for name in names}
    return [o for o in resolved.values() if o is not None], [n for n, o in resolved.items() if o is None]


def _applied(row: MinutesCaseDecision, case: TrackedCase | None, organisations: list[Organisation]) -> bool:
    """Tracking already holds this decision: its own CaseDecision on the case at the meeting (for each agency of a part)."""
    if case is None:
        return False
    decided = CaseDecision.objects.filter(case=case, meeting_id=row.meeting_id, decision=row.decision)
    if row.part:
        return bool(organisations) and all(decided.filter(assignment__organisation=o).exists() for o in organisations)
    return decided.exists()


def _assign(actor: Actor, case: TrackedCase, organisations: list[Organisation]) -> None:
    """A partial decision names agencies the case may not have yet (it was known only from decisions)."""
    for org in organisations:
        if not case.assignments.filter(organisation=org).exists():
            role = Assignment.Role.CO if case.assignments.filter(role=Assignment.Role.LEAD).exists() else Assignment.Role.LEAD
            a = Assignment.objects.create(case=case, organisation=org, role=role)
            audit.record(actor=actor, action=CASE_ASSIGN, target=a, after=audit.snapshot(a))


def _apply_row(actor: Actor, row: MinutesCaseDecision, meeting: Meeting, directory: Directory, report: RebuildReport) -> None:
    """Apply one decision the minutes record, unless tracking holds it already.

    A part is applied whole or not at all: applying it for the agencies found
    would lose the others for good, while a part left unapplied is applied by
    the next rebuild, once the directory knows them.
    """
    day = timezone.localtime(meeting.start).date()
    organisations, unknown = _part_agencies(row.part, directory, day) if row.part else ([], [])
    existing = TrackedCase.objects.filter(series=meeting.series, number=row.case_number).first()
    if _applied(row, existing, organisations):
        return
    case = existing or _case_for(actor, meeting.series, row.case_number, meeting, report)
    if unknown:
        report.warnings.append(
            _(
                "%(meeting)s：%(number)s（%(part)s部分）中的「%(names)s」不在機關名錄中，此項決定未套用；"
                "補登機關後執行 lieguan cases --rebuild 即可套用。"
            )
            % {"meeting": meeting, "number": case.number, "part": row.part, "names": _("、").join(unknown)}
        )
        return
    _assign(actor, case, organisations)
    apply_decision(actor, Decide(case, row.decision, tuple(organisations)), meeting=meeting, day=day, note="由會議紀錄套用")
    report.decisions += 1


def rebuild_meeting(actor: Actor, meeting: Meeting, report: RebuildReport | None = None) -> RebuildReport:
    """Apply one imported meeting: its new tracked conclusions, then the decisions its minutes record."""
    access.require_rebuild_meeting(actor, meeting)
    report = report or RebuildReport()
    directory = Directory.load()
    with transaction.atomic():
        if meeting.series.tracks_cases:
            for conclusion in _untracked(meeting).order_by("id"):
                _new_case(actor, meeting, conclusion, report)
        for row in MinutesCaseDecision.objects.filter(meeting=meeting).order_by("id"):
            _apply_row(actor, row, meeting, directory, report)
        report.meetings += 1
    return report


def _unapplied(meeting: Meeting, directory: Directory) -> bool:
    day = timezone.localtime(meeting.start).date()
    for row in MinutesCaseDecision.objects.filter(meeting=meeting):
        organisations, _unknown = _part_agencies(row.part, directory, day) if row.part else ([], [])
        case = TrackedCase.objects.filter(series=meeting.series, number=row.case_number).first()
        if not _applied(row, case, organisations):
            return True
    return False


def rebuild_from_history(actor: Actor, series: MeetingSeries | None = None) -> RebuildReport:
    """Apply every imported meeting not yet applied, oldest first."""
    report = RebuildReport()
    directory = Directory.load()
    meetings = Meeting.objects.filter(source=Meeting.Source.IMPORTED).select_related("series", "series__owner")
    if series is not None:
        meetings = meetings.filter(series=series)
    for meeting in meetings.order_by("start"):
        if _unapplied(meeting, directory) or _untracked(meeting).exists():
            rebuild_meeting(actor, meeting, report)
    return report


def _untracked(meeting: Meeting) -> Any:
    """The meeting's conclusions put under tracking that no case follows yet."""
    return (
        Conclusion.objects.filter(tracked=True, cases__isnull=True)
        .filter(Q(item__section__meeting=meeting) | Q(section__meeting=meeting))
        .distinct()
    )
