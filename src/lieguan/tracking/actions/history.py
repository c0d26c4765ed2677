"""Rebuilding a city's cases from its imported minutes, meeting by meeting in date order.

Each imported meeting contributes the conclusions it put under tracking (new
cases, numbered by the series' pattern) and the decisions it recorded on
numbered cases (MinutesCaseDecision rows the importer left unapplied). A case
that a decision names but whose origin was never imported is created from the
decision alone, with its number as the minutes wrote it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from lieguan.core import audit
from lieguan.core.actors import is_system
from lieguan.meetings.models import Conclusion, Meeting, MeetingSeries, MinutesCaseDecision
from lieguan.organisations.access import viewer_for
from lieguan.organisations.directory import Directory
from lieguan.organisations.models import Organisation
from lieguan.tracking import access
from lieguan.tracking.actions.cases import next_case_number, suggest_case
from lieguan.tracking.actions.decisions import Decide, apply_decision
from lieguan.tracking.models import Assignment, CaseSource, TrackedCase

_PART_SEPARATORS = re.compile(r"及|、|與|和|暨")


@dataclass
class RebuildReport:
    meetings: int = 0
    created: list[str] = field(default_factory=list)
    decisions: int = 0
    warnings: list[str] = field(default_factory=list)


def _new_case(actor: Any, meeting: Meeting, conclusion: Conclusion, report: RebuildReport) -> None:
    suggestion = suggest_case(conclusion)
    day = timezone.localtime(meeting.start).date()
    case = TrackedCase.objects.create(
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
    )
    audit.record(actor=actor, action="case.rebuild", target=case, after=audit.snapshot(case))
    lead = suggestion.lead
    for org, role in [*([(lead, Assignment.Role.LEAD)] if lead else []), *((o, Assignment.Role.CO) for o in suggestion.co)]:
        a = Assignment.objects.create(case=case, organisation=org, role=role)
        audit.record(actor=actor, action="case.assign", target=a, after=audit.snapshot(a))
    if lead is None:
        report.warnings.append(f"{meeting}：新列管案件 {case.number} 看不出主辦機關，請補登。")
    report.created.append(case.number)


def _case_for(actor: Any, series: MeetingSeries, number: str, meeting: Meeting, report: RebuildReport) -> TrackedCase:
    case = TrackedCase.objects.filter(series=series, number=number).first()
    if case is not None:
        return case
    case = TrackedCase.objects.create(
        number=number,
        source=CaseSource.MINUTES,
        series=series,
        owner=series.owner,
        level=series.level,
        title=f"列管編號 {number}",
        text="本案由歷次會議紀錄的列管決定重建；原列管之會議紀錄未匯入，列管事項請補登。",
        opened_on=timezone.localtime(meeting.start).date(),
        imported=True,
    )
    audit.record(actor=actor, action="case.rebuild", target=case, after=audit.snapshot(case))
    report.created.append(number)
    return case


def _agencies(
    actor: Any, case: TrackedCase, part: str, directory: Directory, meeting: Meeting, report: RebuildReport
) -> tuple[Organisation, ...]:
    """The agencies a partial decision names, or none when one of them is unknown to the directory.

    A part is applied whole or not at all: applying it for the agencies found
    and marking it done would lose the others for good, while a part left
    unapplied is applied by the next rebuild, once the directory knows them.
    """
    day = timezone.localtime(meeting.start).date()
    names = [n.strip() for n in _PART_SEPARATORS.split(part) if n.strip()]
    resolved = {name: directory.resolve(name, on=day) for name in names}
    unknown = [name for name, org in resolved.items() if org is None]
    if unknown:
        report.warnings.append(
            f"{meeting}：{case.number}（{part}部分）中的「{'、'.join(unknown)}」不在機關名錄中，此項決定未套用；"
            "補登機關後執行 lieguan cases --rebuild 即可套用。"
        )
        return ()
    found: list[Organisation] = []
    for org in resolved.values():
        assert org is not None
        if not case.assignments.filter(organisation=org).exists():
            role = Assignment.Role.CO if case.assignments.filter(role=Assignment.Role.LEAD).exists() else Assignment.Role.LEAD
            a = Assignment.objects.create(case=case, organisation=org, role=role)
            audit.record(actor=actor, action="case.assign", target=a, after=audit.snapshot(a))
        found.append(org)
    return tuple(found)


def rebuild_meeting(actor: Any, meeting: Meeting, report: RebuildReport | None = None) -> RebuildReport:
    """Apply one imported meeting: its new tracked conclusions, then its decisions."""
    if not is_system(actor) and not access.manages_owner(viewer_for(actor), meeting.series.owner_id):
        raise PermissionDenied("只有列管單位可以由會議紀錄重建列管案件。")
    report = report or RebuildReport()
    series = meeting.series
    day = timezone.localtime(meeting.start).date()
    directory = Directory.load()
    with transaction.atomic():
        tracked = Conclusion.objects.filter(tracked=True, cases__isnull=True).filter(
            item__section__meeting=meeting
        ) | Conclusion.objects.filter(tracked=True, cases__isnull=True, section__meeting=meeting)
        if series.tracks_cases:
            for conclusion in tracked.distinct().order_by("id"):
                _new_case(actor, meeting, conclusion, report)
        for row in MinutesCaseDecision.objects.filter(meeting=meeting, applied=False).order_by("id"):
            case = _case_for(actor, series, row.case_number, meeting, report)
            organisations = _agencies(actor, case, row.part, directory, meeting, report) if row.part else ()
            if row.part and not organisations:
                continue
            apply_decision(actor, Decide(case, row.decision, organisations), meeting=meeting, day=day, note="由會議紀錄重建")
            row.applied = True
            row.save(update_fields=["applied"])
            report.decisions += 1
        report.meetings += 1
    return report


def rebuild_from_history(actor: Any, series: MeetingSeries | None = None) -> RebuildReport:
    """Apply every imported meeting not yet applied, oldest first."""
    report = RebuildReport()
    meetings = Meeting.objects.filter(source=Meeting.Source.IMPORTED).select_related("series", "series__owner")
    if series is not None:
        meetings = meetings.filter(series=series)
    for meeting in meetings.order_by("start"):
        if meeting.case_decisions.filter(applied=False).exists() or _has_untracked(meeting):
            rebuild_meeting(actor, meeting, report)
    return report


def _has_untracked(meeting: Meeting) -> bool:
    return (
        Conclusion.objects.filter(tracked=True, cases__isnull=True, item__section__meeting=meeting).exists()
        or Conclusion.objects.filter(tracked=True, cases__isnull=True, section__meeting=meeting).exists()
    )
