"""Putting things under tracking: from a conclusion (選項列管), from other sources, and bureau-level copies."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from lieguan.core import audit
from lieguan.core.actors import is_system
from lieguan.meetings.models import Conclusion, Meeting, MeetingSeries
from lieguan.meetings.numbering import format_case_number
from lieguan.minutes.deadlines import find_deadlines
from lieguan.organisations.access import viewer_for
from lieguan.organisations.directory import Directory
from lieguan.organisations.models import Organisation
from lieguan.tracking import access
from lieguan.tracking.calendar import work_calendar
from lieguan.tracking.models import Assignment, CaseSource, CaseStatus, TrackedCase
from lieguan.tracking.signals import case_changed, send_after_commit


def _require_manages_owner(actor: Any, owner: Organisation) -> None:
    if not is_system(actor) and not access.manages_owner(viewer_for(actor), owner.pk):
        raise PermissionDenied("只有列管單位可以建立或修改列管案件。")


def _require_manages(actor: Any, case: TrackedCase) -> None:
    if not is_system(actor) and not access.manages_case(viewer_for(actor), case):
        raise PermissionDenied("只有此案的列管單位可以修改列管案件。")


def meeting_of_conclusion(conclusion: Conclusion) -> Meeting:
    return conclusion.item.section.meeting if conclusion.item_id else conclusion.section.meeting  # type: ignore[union-attr]


# Suggestions ---------------------------------------------------------------------------------------------

# 請資訊局評估…、請教育局協助… : the agency asked first leads; agencies asked to help (協助、配合、會同) co-organise.
_CO_VERBS = re.compile(r"^(?:協助|配合|協辦|會同|偕同)")


@dataclass
class Suggestion:
    number: str
    lead: Organisation | None
    co: list[Organisation] = field(default_factory=list)
    deadline: dt.date | None = None
    deadline_basis: str = ""
    title: str = ""


def suggest_case(conclusion: Conclusion) -> Suggestion:
    """What the secretariat most likely wants: the number, the agencies asked, the deadline asked for."""
    meeting = meeting_of_conclusion(conclusion)
    day = timezone.localtime(meeting.start).date()
    mentions = Directory.load().find_in(conclusion.text, on=day)
    lead: Organisation | None = None
    co: list[Organisation] = []
    for mention in mentions:
        org = mention.organisation
        if org.kind == Organisation.Kind.CITY or org == lead or org in co:
            continue
        follows = conclusion.text[mention.end : mention.end + 2] if mention.end < len(conclusion.text) else ""
        precedes = conclusion.text[max(0, mention.start - 2) : mention.start]
        helping = bool(_CO_VERBS.match(follows)) or precedes.endswith(("會同", "偕同"))
        if lead is None and not helping:
            lead = org
        else:
            co.append(org)
    if lead is None and co:
        lead = co.pop(0)
    deadlines = find_deadlines(conclusion.text, day)
    item = conclusion.item
    title = (item.title if item is not None else conclusion.text)[:300]
    return Suggestion(
        number=next_case_number(meeting),
        lead=lead,
        co=co,
        deadline=deadlines[0].date if deadlines else None,
        deadline_basis=deadlines[0].text if deadlines else "",
        title=title,
    )


def next_case_number(meeting: Meeting) -> str:
    """The series' pattern with this meeting's number and the next free sequence number: 224-1, 10101."""
    series = meeting.series
    taken = set(TrackedCase.objects.filter(series=series).values_list("number", flat=True))
    seq = TrackedCase.objects.filter(meeting=meeting).count() + 1
    while True:
        number = format_case_number(series.case_number_pattern, session=meeting.number, seq=seq, year=meeting.year)
        if number not in taken:
            return number
        seq += 1


def resolve_deadline(*, deadline: dt.date | None, working_days: int | None, start: dt.date) -> tuple[dt.date | None, str]:
    """A deadline given as a date, or as N working days from ``start`` on the government calendar."""
    if working_days is not None:
        if working_days <= 0:
            raise ValidationError("工作日數須為正整數。")
        return work_calendar().add_working_days(start, working_days), f"{working_days} 個工作日"
    return deadline, ""


# Creating cases ------------------------------------------------------------------------------------------


def _assign(actor: Any, case: TrackedCase, lead: Organisation | None, co: list[Organisation]) -> None:
    seen: set[int] = set()
    for org, role in [*([(lead, Assignment.Role.LEAD)] if lead else []), *((o, Assignment.Role.CO) for o in co)]:
        if org.pk in seen:
            continue
        seen.add(org.pk)
        a = Assignment.objects.create(case=case, organisation=org, role=role)
        audit.record(actor=actor, action="case.assign", target=a, after=audit.snapshot(a))


def do_select_case(
    actor: Any,
    conclusion: Conclusion,
    *,
    lead: Organisation,
    co: list[Organisation] | None = None,
    deadline: dt.date | None = None,
    working_days: int | None = None,
    number: str | None = None,
    title: str = "",
    deadline_basis: str = "",
) -> TrackedCase:
    """選項列管: put a conclusion under tracking in one step.

    ``deadline_basis`` is what the conclusion said (10 月底前), kept beside a deadline given as a date.
    """
    meeting = meeting_of_conclusion(conclusion)
    series = meeting.series
    _require_manages_owner(actor, series.owner)
    if not series.tracks_cases:
        raise ValidationError("此會議未設定列管會議結論。")
    start = timezone.localtime(meeting.start).date()
    due, basis = resolve_deadline(deadline=deadline, working_days=working_days, start=start)
    basis = basis or (deadline_basis.strip()[:100] if due is not None else "")
    with transaction.atomic():
        number = (number or "").strip() or next_case_number(meeting)
        if TrackedCase.objects.filter(series=series, number=number).exists():
            raise ValidationError(f"列管編號 {number} 已被使用。")
        case = TrackedCase.objects.create(
            number=number,
            source=CaseSource.MINUTES,
            series=series,
            meeting=meeting,
            conclusion=conclusion,
            owner=series.owner,
            level=series.level,
            title=(title or (conclusion.item.title if conclusion.item else conclusion.text))[:300],
            text=conclusion.text,
            deadline=due,
            deadline_basis=basis,
            opened_on=start,
        )
        audit.record(actor=actor, action="case.select", target=case, after=audit.snapshot(case))
        _assign(actor, case, lead, co or [])
        if not conclusion.tracked:
            before = audit.snapshot(conclusion, ["tracked"])
            conclusion.tracked = True
            conclusion.save(update_fields=["tracked"])
            audit.record(actor=actor, action="minutes.mark_tracked", target=conclusion, before=before, after={"tracked": True})
        send_after_commit(case_changed, case.pk)
    return case


def do_create_case(
    actor: Any,
    *,
    source: str,
    owner: Organisation,
    title: str,
    text: str,
    lead: Organisation,
    co: list[Organisation] | None = None,
    number: str = "",
    source_reference: str = "",
    deadline: dt.date | None = None,
    working_days: int | None = None,
    opened_on: dt.date | None = None,
) -> TrackedCase:
    """A case that did not come from minutes: 市長承諾案件, 議員索資, 人民陳情."""
    if source == CaseSource.MINUTES:
        raise ValidationError("會議結論的列管案件請由會議紀錄選項列管。")
    if source not in CaseSource.values:
        raise ValidationError("未知的案件來源。")
    _require_manages_owner(actor, owner)
    if not title.strip():
        raise ValidationError("請填寫案由。")
    opened = opened_on or timezone.localdate()
    due, basis = resolve_deadline(deadline=deadline, working_days=working_days, start=opened)
    with transaction.atomic():
        if not number.strip():
            count = TrackedCase.objects.filter(source=source, series__isnull=True, opened_on__year=opened.year).count()
            prefix = {"mayor": "M", "councillor": "C", "petition": "P", "other": "O"}[source]
            number = f"{prefix}{opened.year - 1911}-{count + 1:03d}"
            while TrackedCase.objects.filter(source=source, series__isnull=True, number=number).exists():
                count += 1
                number = f"{prefix}{opened.year - 1911}-{count + 1:03d}"
        elif TrackedCase.objects.filter(source=source, series__isnull=True, number=number.strip()).exists():
            raise ValidationError(f"編號 {number} 已被使用。")
        case = TrackedCase.objects.create(
            number=number.strip(),
            source=source,
            source_reference=source_reference,
            owner=owner,
            level=TrackedCase.Level.CITY if owner.kind == Organisation.Kind.CITY or owner.parent_id is None else TrackedCase.Level.AGENCY,
            title=title.strip()[:300],
            text=text,
            deadline=due,
            deadline_basis=basis,
            opened_on=opened,
        )
        audit.record(actor=actor, action="case.create", target=case, after=audit.snapshot(case))
        _assign(actor, case, lead, co or [])
        send_after_commit(case_changed, case.pk)
    return case


def do_update_case(
    actor: Any,
    case: TrackedCase,
    *,
    title: str | None = None,
    text: str | None = None,
    deadline: dt.date | None = None,
    working_days: int | None = None,
    clear_deadline: bool = False,
) -> TrackedCase:
    _require_manages(actor, case)
    with transaction.atomic():
        before = audit.snapshot(case)
        if title is not None:
            case.title = title.strip()[:300]
        if text is not None:
            case.text = text
        if clear_deadline:
            case.deadline, case.deadline_basis = None, ""
        elif deadline is not None or working_days is not None:
            case.deadline, case.deadline_basis = resolve_deadline(deadline=deadline, working_days=working_days, start=timezone.localdate())
        case.save()
        audit.record(actor=actor, action="case.update", target=case, before=before, after=audit.snapshot(case))
        send_after_commit(case_changed, case.pk)
    return case


def do_add_assignment(actor: Any, case: TrackedCase, organisation: Organisation, role: str = Assignment.Role.CO) -> Assignment:
    _require_manages(actor, case)
    if role not in Assignment.Role.values:
        raise ValidationError("角色須為主辦或協辦。")
    with transaction.atomic():
        if case.assignments.filter(organisation=organisation).exists():
            raise ValidationError(f"{organisation} 已是此案的主協辦機關。")
        if role == Assignment.Role.LEAD and case.assignments.filter(role=Assignment.Role.LEAD).exists():
            raise ValidationError("每案只能有一個主辦機關。")
        a = Assignment.objects.create(case=case, organisation=organisation, role=role)
        audit.record(actor=actor, action="case.assign", target=a, after=audit.snapshot(a))
        if case.status == CaseStatus.RELEASED:
            before = audit.snapshot(case, ["status", "released_on"])
            case.status, case.released_on = CaseStatus.OPEN, None
            case.save(update_fields=["status", "released_on", "updated"])
            audit.record(
                actor=actor, action="case.reopen", target=case, before=before, after=audit.snapshot(case, ["status", "released_on"])
            )
        send_after_commit(case_changed, case.pk)
    return a


def do_remove_assignment(actor: Any, assignment: Assignment) -> None:
    case = assignment.case
    _require_manages(actor, case)
    if assignment.reports.exists() or assignment.decisions.exists():
        raise ValidationError("已有辦理情形或列管決定的機關不可移除。")
    with transaction.atomic():
        audit.record(actor=actor, action="case.unassign", target=assignment, before=audit.snapshot(assignment))
        assignment.delete()
        send_after_commit(case_changed, case.pk)


def do_spawn_child_case(
    actor: Any,
    parent: TrackedCase,
    meeting: Meeting,
    *,
    lead: Organisation,
    co: list[Organisation] | None = None,
    number: str | None = None,
    deadline: dt.date | None = None,
) -> TrackedCase:
    """A bureau keeps tracking its part of a city-level case in its own series (自行列管 / 局內列管)."""
    series: MeetingSeries = meeting.series
    _require_manages_owner(actor, series.owner)
    if series.pk == parent.series_id:
        raise ValidationError("機關列管案件須建立在機關自己的會議。")
    with transaction.atomic():
        number = (number or "").strip() or next_case_number(meeting)
        if TrackedCase.objects.filter(series=series, number=number).exists():
            raise ValidationError(f"列管編號 {number} 已被使用。")
        child = TrackedCase.objects.create(
            number=number,
            source=parent.source,
            series=series,
            meeting=meeting,
            owner=series.owner,
            level=TrackedCase.Level.AGENCY,
            parent=parent,
            title=parent.title,
            text=parent.text,
            deadline=deadline or parent.deadline,
            deadline_basis="" if deadline else parent.deadline_basis,
            opened_on=timezone.localtime(meeting.start).date(),
        )
        audit.record(actor=actor, action="case.spawn", target=child, after=audit.snapshot(child))
        _assign(actor, child, lead, co or [])
        send_after_commit(case_changed, child.pk)
    return child
