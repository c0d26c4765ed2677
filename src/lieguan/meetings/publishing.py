"""What must hold before minutes are published, contributed by the apps to the right of meetings.

Tracking registers one condition: every case on the session's status report
has a decision. The minutes page shows the unmet conditions beside the publish
button, and ``do_transition_minutes`` refuses to publish while any is unmet, in
the same transaction, so the warning and the refusal are the same rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lieguan.meetings.models import Meeting


@dataclass(frozen=True)
class Unmet:
    """A condition for publishing that does not hold yet, with where to fix it."""

    message: str
    link: str = ""
    link_label: str = ""


Condition = Callable[[Meeting], Unmet | None]
_conditions: list[Condition] = []


def register_publish_condition(condition: Condition) -> Condition:
    if condition not in _conditions:
        _conditions.append(condition)
    return condition


def unmet_conditions(meeting: Meeting) -> list[Unmet]:
    return [u for u in (condition(meeting) for condition in _conditions) if u is not None]
