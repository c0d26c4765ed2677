"""Putting things under tracking: from a conclusion (選項列管), from other sources, and bureau-level copies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lieguan.core import audit
from lieguan.core.actors import Actor
from lieguan.core.calendar import work_calendar
from lieguan.meetings import access as meetings_access
from lieguan.meetings.models import Conclusion, Meeting, MeetingSeries
from lieguan.minutes.rocdate import to_roc_year
from lieguan.organisations.models import Organisation
from lieguan.tracking import access, notifying
from lieguan.tracking.actions.opening import open_case, require_deadline_not_before
from lieguan.tracking.audit_events import (
    CASE_ASSIGN,
    CASE_CREATE,
    CASE_REOPEN,
    CASE_SELECT,
    CASE_SPAWN,
    CASE_UNASSIGN,
    CASE_UPDATE,
    MINUTES_MARK_TRACKED,
)
from lieguan.tracking.details import Where, cleaned
from lieguan.tracking.models import Assignment, CaseSource, CaseStatus, TrackedCase, working_days_basis
from lieguan.tracking.signals import case_changed, send_after_commit

# The suggestion read from a conclusion lives in tracking.suggestions; these names stay importable from here.
from lieguan.tracking.suggestions import Suggestion, meeting_of_conclusion, next_case_number, suggest_case

__all__ = [
    "Suggestion",
    "do_add_assignment",
    "do_create_case",
    "do_remove_assignment",
    "do_select_case",
    "do_spawn_child_case",
    "do_update_case",
    "meeting_of_conclusion",
    "next_case_number",
    "require_deadline_not_before",
    "resolve_deadline",
    "suggest_case",
]


def resolve_deadline(*, deadline: dt.date | None, working_days: int | None, start: dt.date) -> tuple[dt.date | None, str]:
    """A deadline given as a date, or as N working days from ``start`` on the government calendar."""
    if working_days is not None:
        if working_days <= 0:
            raise ValidationError(_("工作日數須為正整數。"))
        return work_calendar().add_working_days(start, working_days), working_days_basis(working_days)
    return deadline, ""


# Creating cases ------------------------------------------------------------------------------------------


def do_select_case(
    actor: Actor,
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
    access.require_manage_owner(actor, series.owner)
    if not series.tracks_cases:
        raise ValidationError(_("此會議未設定列管會議結論。"))
    if not meetings_access.has_started(meeting):
        # Putting a conclusion under tracking is the meeting's decision: it opens on the meeting's day.
        raise ValidationError(
            _("%(not_started)s會議開始後才能將其結論列管。") % {"not_started": meetings_access.not_started_message(meeting)}
        )
    start = timezone.localtime(meeting.start).date()
    due, basis = resolve_deadline(deadline=deadline, working_days=working_days, start=start)
    require_deadline_not_before(due, start)
    basis = basis or (deadline_basis.strip()[:100] if due is not None else "")
    with transaction.atomic():
        case = open_case(
            actor,
            how=CASE_SELECT,
            number=(number or "").strip() or next_case_number(meeting),
            source=CaseSource.MINUTES,
            series=series,
            meeting=meeting,
            conclusion=conclusion,
            owner=series.owner,
            level=series.level,
            title=title or (conclusion.item.title if conclusion.item else conclusion.text),
            text=conclusion.text,
            deadline=due,
            deadline_basis=basis,
            opened_on=start,
            lead=lead,
            co=co or [],
        )
        if not conclusion.tracked:
            before = audit.snapshot(conclusion, ["tracked"])
            conclusion.tracked = True
            conclusion.save(update_fields=["tracked"])
            audit.record(actor=actor, action=MINUTES_MARK_TRACKED, target=conclusion, before=before, after={"tracked": True})
    return case


def do_create_case(
    actor: Actor,
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
    details: Mapping[str, object] | None = None,
) -> TrackedCase:
    """A case that did not come from minutes: 市長承諾案件, 議員索資, 人民陳情.

    ``details`` are its descriptive details given at creation (``tracking/details.py``: ``Where.CREATE``);
    ``source_reference`` is one of them, also taken on its own as its callers have always given it.
    """
    if source == CaseSource.MINUTES:
        raise ValidationError(_("會議結論的列管案件請由會議紀錄選項列管。"))
    if source not in CaseSource.values:
        raise ValidationError(_("未知的案件來源。"))
    access.require_manage_owner(actor, owner)
    if not title.strip():
        raise ValidationError(_("請填寫案由。"))
    given = cleaned({**({"source_reference": source_reference} if source_reference else {}), **(details or {})}, Where.CREATE)
    opened = opened_on or timezone.localdate()
    due, basis = resolve_deadline(deadline=deadline, working_days=working_days, start=opened)
    require_deadline_not_before(due, opened)
    with transaction.atomic():
        if not number.strip():
            count = TrackedCase.objects.filter(source=source, series__isnull=True, opened_on__year=opened.year).count()
            prefix = {"mayor": "M", "councillor": "C", "petition": "P", "other": "O"}[source]
            number = f"{prefix}{to_roc_year(opened.year)}-{count + 1:03d}"
            while TrackedCase.objects.filter(source=source, series__isnull=True, number=number).exists():
                count += 1
                number = f"{prefix}{to_roc_year(opened.year)}-{count + 1:03d}"
        return open_case(
            actor,
            how=CASE_CREATE,
            number=number,
            source=source,
            details=given,
            owner=owner,
            level=TrackedCase.Level.CITY if owner.kind == Organisation.Kind.CITY or owner.parent_id is None else TrackedCase.Level.AGENCY,
            title=title,
            text=text,
            deadline=due,
            deadline_basis=basis,
            opened_on=opened,
            lead=lead,
            co=co or [],
        )


def do_update_case(
    actor: Actor,
    case: TrackedCase,
    *,
    title: str | None = None,
    text: str | None = None,
    deadline: dt.date | None = None,
    working_days: int | None = None,
    clear_deadline: bool = False,
    details: Mapping[str, object] | None = None,
) -> TrackedCase:
    """Change a case's title, text, deadline and the details given in the edit form (``tracking/details.py``:
    ``Where.EDIT``); the audit entry keeps the case before and after, which the timeline words."""
    access.require_manage_case(actor, case)
    given = cleaned(details, Where.EDIT, case)
    if deadline is not None and deadline == case.deadline:
        # An unchanged date keeps how it was set (10 月底前): only a new date replaces its basis.
        deadline = None
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
            require_deadline_not_before(case.deadline, case.opened_on)
        for name, value in given.items():
            setattr(case, name, value)
        case.save()
        audit.record(actor=actor, action=CASE_UPDATE, target=case, before=before, after=audit.snapshot(case))
        send_after_commit(case_changed, case.pk)
    return case


def do_add_assignment(actor: Actor, case: TrackedCase, organisation: Organisation, role: str = Assignment.Role.CO) -> Assignment:
    access.require_manage_case(actor, case)
    if role not in Assignment.Role.values:
        raise ValidationError(_("角色須為主辦或協辦。"))
    with transaction.atomic():
        if case.assignments.filter(organisation=organisation).exists():
            raise ValidationError(_("%(agency)s 已是此案的主協辦機關。") % {"agency": organisation})
        if role == Assignment.Role.LEAD and case.assignments.filter(role=Assignment.Role.LEAD).exists():
            raise ValidationError(_("每案只能有一個主辦機關。"))
        a = Assignment.objects.create(case=case, organisation=organisation, role=role)
        audit.record(actor=actor, action=CASE_ASSIGN, target=a, after=audit.snapshot(a))
        notifying.case_assigned(actor, a)
        if case.status == CaseStatus.RELEASED:
            before = audit.snapshot(case, ["status", "released_on"])
            case.status, case.released_on = CaseStatus.OPEN, None
            case.save(update_fields=["status", "released_on", "updated"])
            audit.record(actor=actor, action=CASE_REOPEN, target=case, before=before, after=audit.snapshot(case, ["status", "released_on"]))
        send_after_commit(case_changed, case.pk)
    return a


def do_remove_assignment(actor: Actor, assignment: Assignment) -> None:
    case = assignment.case
    access.require_manage_case(actor, case)
    if access.has_history(assignment):
        raise ValidationError(_("已有辦理情形或列管決定的機關不可移除。"))
    with transaction.atomic():
        audit.record(actor=actor, action=CASE_UNASSIGN, target=assignment, before=audit.snapshot(assignment))
        assignment.delete()
        send_after_commit(case_changed, case.pk)


def do_spawn_child_case(
    actor: Actor,
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
    access.require_manage_owner(actor, series.owner)
    if series.pk == parent.series_id:
        raise ValidationError(_("機關列管案件須建立在機關自己的會議。"))
    if deadline is not None and deadline == parent.deadline:
        # The parent's date, unchanged, is inherited with how it was set (10 月底前).
        deadline = None
    # Only a deadline given here is checked: one inherited from an overdue parent is overdue here too.
    require_deadline_not_before(deadline, timezone.localtime(meeting.start).date())
    with transaction.atomic():
        return open_case(
            actor,
            how=CASE_SPAWN,
            number=(number or "").strip() or next_case_number(meeting),
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
            lead=lead,
            co=co or [],
            check_deadline=False,
        )
