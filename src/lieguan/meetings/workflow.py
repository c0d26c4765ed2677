"""The lifecycle of minutes as data: the states and the allowed next states.

草稿 (draft) → 會簽 (circulated, for participants to review) → 發布 (published)
→ 確定 (confirmed at the next meeting, as they are or with amendments).
Confirmation is not a button of its own: it happens when the next meeting
records 紀錄確定 (``do_confirm_previous_minutes``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lieguan.meetings import access
from lieguan.meetings.models import Meeting

S = Meeting.MinutesState


@dataclass(frozen=True)
class Transition:
    to: str
    label: str
    # Who may take it: "writer" (secretariat or recorder) or "approver" (secretariat or chair).
    who: str


TRANSITIONS: dict[str, tuple[Transition, ...]] = {
    S.DRAFT: (Transition(S.CIRCULATED, "送請與會人員會簽", "writer"), Transition(S.PUBLISHED, "發布紀錄", "approver")),
    S.CIRCULATED: (Transition(S.DRAFT, "退回草稿", "writer"), Transition(S.PUBLISHED, "發布紀錄", "approver")),
    S.PUBLISHED: (),
    S.CONFIRMED: (),
}


def transition(from_state: str, to_state: str) -> Transition | None:
    return next((t for t in TRANSITIONS.get(from_state, ()) if t.to == to_state), None)


def allowed_transitions(viewer: Any, meeting: Meeting) -> list[Transition]:
    """The next states ``viewer`` may move the minutes of ``meeting`` to, in the order the buttons show them."""
    out = []
    for step in TRANSITIONS.get(meeting.minutes_state, ()):
        allowed = access.can_approve_minutes(viewer, meeting) if step.who == "approver" else access.can_write_minutes(viewer, meeting)
        if allowed:
            out.append(step)
    return out
