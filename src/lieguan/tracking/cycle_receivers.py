"""Tracking's part of the meetings app's transactions: publishing and amending minutes.

The meetings app sends these signals inside its own transaction
(``meetings.signals.send_within``) and never imports tracking; what a receiver
raises refuses the whole change.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from lieguan.meetings.models import Conclusion, Meeting
from lieguan.meetings.signals import minutes_amended, minutes_publishing


@receiver(minutes_publishing)
def _publish_only_when_decided(sender: Any, actor: Any, meeting: Meeting, **kwargs: Any) -> None:
    from lieguan.tracking.actions.decisions import require_decided

    require_decided(meeting)


@receiver(minutes_amended)
def _amendments_reach_cases(
    sender: Any, actor: Any, meeting: Meeting, at_meeting: Meeting, changes: list[tuple[Conclusion, str, str]], **kwargs: Any
) -> None:
    from lieguan.tracking.actions.amendments import apply_amendment

    for conclusion, _old, new in changes:
        apply_amendment(actor, conclusion, new, meeting=meeting, at_meeting=at_meeting)
