"""The lifecycle of minutes as data: the states and the allowed next states.

草稿 (draft) → 會簽 (circulated, for participants to review) → 發布 (published)
→ 確定 (confirmed at the next meeting, as they are or with amendments).
Confirmation is not a button of its own: it happens when the next meeting
records 紀錄確定 (``do_confirm_previous_minutes``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lieguan.meetings import access
from lieguan.meetings.models import Meeting

S = Meeting.MinutesState


@dataclass(frozen=True)
class Transition:
    to: str
    label: str | Promise
    # Who may take it: access.WRITER (secretariat or recorder) or access.APPROVER (secretariat or chair).
    who: str


W, A = access.WRITER, access.APPROVER
TRANSITIONS: dict[str, tuple[Transition, ...]] = {
    S.DRAFT: (Transition(S.CIRCULATED, _("送請與會人員會簽"), W), Transition(S.PUBLISHED, _("發布紀錄"), A)),
    S.CIRCULATED: (Transition(S.DRAFT, _("退回草稿"), W), Transition(S.PUBLISHED, _("發布紀錄"), A)),
    S.PUBLISHED: (),
    S.CONFIRMED: (),
}


def transition(from_state: str, to_state: str) -> Transition | None:
    return next((t for t in TRANSITIONS.get(from_state, ()) if t.to == to_state), None)


def allowed_transitions(viewer: Any, meeting: Meeting) -> list[Transition]:
    """The next states ``viewer`` may move the minutes of ``meeting`` to, in the order the buttons show them."""
    return [step for step in TRANSITIONS.get(meeting.minutes_state, ()) if access.can_take_minutes_step(viewer, meeting, step.who)]
