"""The lifecycle of a work report as data: its states and the allowed next states.

草稿 (units and the secretariat write) → 審閱中 (the secretariat assembles and
reviews; units no longer write) → 已核定 (approved, frozen) → 已送議會
(submitted). Review can send it back to draft, and an approval can be
withdrawn while the report has not been submitted. Every step is the
secretariat's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lieguan.workreports import access
from lieguan.workreports.models import WorkReport

S = WorkReport.State


@dataclass(frozen=True)
class Transition:
    to: str
    label: str | Promise


TRANSITIONS: dict[str, tuple[Transition, ...]] = {
    S.DRAFT: (Transition(S.REVIEW, _("送請審閱")),),
    S.REVIEW: (Transition(S.DRAFT, _("退回各單位修改")), Transition(S.APPROVED, _("核定"))),
    S.APPROVED: (Transition(S.REVIEW, _("撤回核定")), Transition(S.SUBMITTED, _("送出至議會"))),
    S.SUBMITTED: (),
}


def transition(from_state: str, to_state: str) -> Transition | None:
    return next((t for t in TRANSITIONS.get(from_state, ()) if t.to == to_state), None)


def allowed_transitions(viewer: Any, report: WorkReport) -> list[Transition]:
    if not access.manages(viewer, report.organisation_id):
        return []
    return list(TRANSITIONS.get(report.state, ()))
