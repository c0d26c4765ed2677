"""Tracking's part of the meetings app's transactions: the condition for publishing, and amendments.

The meetings app sends these signals inside its own transaction
(``meetings.signals.send_within``) and never imports tracking; what a receiver
raises refuses the whole change.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext as _

from lieguan.meetings.models import Conclusion, Meeting
from lieguan.meetings.publishing import Unmet, register_publish_condition
from lieguan.meetings.signals import meeting_moved, minutes_amended


@register_publish_condition
def _every_case_on_the_status_report_is_decided(meeting: Meeting) -> Unmet | None:
    from lieguan.tracking.actions.decisions import pending_decisions

    if not meeting.series.tracks_cases:
        return None
    pending = pending_decisions(meeting)
    if not pending:
        return None
    shown = _("、").join(pending[:20]) + (_("等") if len(pending) > 20 else "")
    return Unmet(
        _(
            "本次會議執行情形報告中仍有 %(count)s 案尚未記錄列管決定（%(cases)s），"
            "請先記錄解除或賡續列管（可一次採納各機關擬辦），再發布會議紀錄。"
        )
        % {"count": len(pending), "cases": shown},
        link=reverse("tracking:decisions", args=[meeting.pk]),
        link_label=_("記錄列管決定"),
    )


@receiver(minutes_amended)
def _amendments_reach_cases(
    sender: Any, actor: Any, meeting: Meeting, at_meeting: Meeting, changes: list[tuple[Conclusion, str, str]], **kwargs: Any
) -> None:
    from lieguan.tracking.actions.amendments import apply_amendment

    for conclusion, _old, new in changes:
        apply_amendment(actor, conclusion, new, meeting=meeting, at_meeting=at_meeting)


@receiver(meeting_moved)
def _decisions_follow_the_meeting_date(sender: Any, actor: Any, meeting: Meeting, old_start: Any, **kwargs: Any) -> None:
    from lieguan.tracking.actions.moves import follow_meeting_date

    follow_meeting_date(actor, meeting)
