"""Completing a case known only from a decision (僅見於決議，待補資料) in one step.

Old minutes decide on cases whose origin was never imported (列管編號 211-1
解除列管): tracking made them from the decision alone, with a number and
nothing else. The secretariat fills in what the case is about and who does it;
then it is a case like any other.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lieguan.core import audit
from lieguan.core.actors import Actor
from lieguan.organisations.models import Organisation
from lieguan.tracking import access, notifying
from lieguan.tracking.actions.cases import require_deadline_not_before, resolve_deadline
from lieguan.tracking.audit_events import ASSIGNMENT_ROLE, CASE_ASSIGN, CASE_COMPLETE
from lieguan.tracking.models import Assignment, CaseStatus, TrackedCase
from lieguan.tracking.signals import case_changed, send_after_commit


def _place(actor: Actor, case: TrackedCase, organisation: Organisation, role: str) -> None:
    """Give ``organisation`` its role on the case: a new assignment, or the role changed on the one it has."""
    existing = case.assignments.filter(organisation=organisation).first()
    if existing is not None:
        if existing.role != role:
            before = audit.snapshot(existing, ["role"])
            existing.role = role
            existing.save(update_fields=["role"])
            audit.record(actor=actor, action=ASSIGNMENT_ROLE, target=existing, before=before, after=audit.snapshot(existing, ["role"]))
        return
    # A case the minutes already released as a whole stays released: its agencies are recorded as released with it.
    released = case.status == CaseStatus.RELEASED
    a = Assignment.objects.create(
        case=case,
        organisation=organisation,
        role=role,
        status=CaseStatus.RELEASED if released else CaseStatus.OPEN,
        released_on=case.released_on if released else None,
    )
    audit.record(actor=actor, action=CASE_ASSIGN, target=a, after=audit.snapshot(a))
    notifying.case_assigned(actor, a)


def do_complete_case(
    actor: Actor,
    case: TrackedCase,
    *,
    title: str,
    text: str,
    lead: Organisation,
    co: list[Organisation] | None = None,
    deadline: dt.date | None = None,
    working_days: int | None = None,
) -> TrackedCase:
    """Fill in an incomplete case: its title and text, its lead and co agencies, its deadline; it is then complete.

    Agencies a partial decision already put on the case keep their assignment
    (and its decisions); the one chosen as lead becomes the lead.
    """
    access.require_complete_case(actor, case)
    if not case.incomplete:
        raise ValidationError(_("列管編號 %(number)s 的資料已完整，請由「修改案件資料」變更。") % {"number": case.number})
    if not title.strip():
        raise ValidationError(_("請填寫案由。"))
    if not text.strip():
        raise ValidationError(_("請填寫列管事項。"))
    due, basis = resolve_deadline(deadline=deadline, working_days=working_days, start=timezone.localdate())
    require_deadline_not_before(due, case.opened_on)
    with transaction.atomic():
        if not TrackedCase.objects.select_for_update().filter(pk=case.pk, incomplete=True).exists():
            raise ValidationError(_("列管編號 %(number)s 的資料已由他人補登。") % {"number": case.number})
        before = audit.snapshot(case)
        case.title, case.text = title.strip()[:300], text.strip()
        if due is not None:
            case.deadline, case.deadline_basis = due, basis
        case.incomplete = False
        case.save()
        audit.record(actor=actor, action=CASE_COMPLETE, target=case, before=before, after=audit.snapshot(case))
        # The lead steps down first: a case has one lead at a time.
        for old in case.assignments.filter(role=Assignment.Role.LEAD).exclude(organisation=lead):
            _place(actor, case, old.organisation, Assignment.Role.CO)
        _place(actor, case, lead, Assignment.Role.LEAD)
        for org in co or []:
            if org.pk != lead.pk:
                _place(actor, case, org, Assignment.Role.CO)
        send_after_commit(case_changed, case.pk)
    return case
