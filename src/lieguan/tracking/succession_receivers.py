"""Tracking's part in a succession (機關改制): the open assignments of an organisation follow it to its successor.

Only open parts of open cases move; a closed case, or a part already released,
keeps the organisation it had. Each move is audited on the assignment, so the
case's history shows it.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver
from django.utils.translation import gettext as _

from lieguan.core import audit
from lieguan.organisations.models import Organisation, Succession
from lieguan.organisations.signals import OpenWork, open_work, succeeded
from lieguan.tracking.audit_events import CASE_SUCCESSION
from lieguan.tracking.models import Assignment, CaseStatus
from lieguan.tracking.signals import case_changed, send_after_commit

PREFIX = "assignment:"


@receiver(open_work, dispatch_uid="tracking.open_assignments")
def open_assignments(sender: Any, organisation: Organisation, **kwargs: Any) -> list[OpenWork]:
    rows = Assignment.objects.filter(organisation=organisation, status=CaseStatus.OPEN, case__status=CaseStatus.OPEN)
    out = []
    for a in rows.select_related("case").prefetch_related("case__assignments"):
        holders = frozenset(other.organisation_id for other in a.case.assignments.all() if other.pk != a.pk)
        # The role's label is kept in Chinese by the model; the catalogue has it (as translated_choices looks it up).
        label = _("列管編號 %(number)s「%(title)s」（%(role)s）") % {
            "number": a.case.number,
            "title": a.case.title,
            "role": _(a.get_role_display()),
        }
        out.append(OpenWork(f"{PREFIX}{a.pk}", label, holders))
    return out


@receiver(succeeded, dispatch_uid="tracking.follow_succession")
def follow_succession(sender: Any, actor: Any, succession: Succession, moves: dict[str, Organisation], **kwargs: Any) -> None:
    for key, successor in moves.items():
        if not key.startswith(PREFIX):
            continue
        assignment = Assignment.objects.select_for_update().select_related("case").get(pk=int(key.removeprefix(PREFIX)))
        before = audit.snapshot(assignment)
        assignment.organisation = successor
        assignment.save(update_fields=["organisation"])
        after = {
            **audit.snapshot(assignment),
            "succession_id": succession.pk,
            "kind": succession.kind,
            "effective": succession.effective.isoformat(),
            "number": assignment.case.number,
        }
        audit.record(actor=actor, action=CASE_SUCCESSION, target=assignment, before=before, after=after)
        send_after_commit(case_changed, assignment.case_id)
