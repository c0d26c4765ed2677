"""Keeping cases in step with the meetings app, which sends signals and never imports tracking."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from lieguan.meetings.models import Meeting
from lieguan.meetings.signals import minutes_imported


@receiver(minutes_imported)
def _apply_imported_meeting(sender: Any, actor: Any, meeting: Meeting, **kwargs: Any) -> None:
    # Sent inside the import's transaction: what this raises undoes the whole import of the file.
    from lieguan.tracking.actions import rebuild_meeting

    rebuild_meeting(actor, meeting)
