"""Keeping cases in step with the meetings app, which sends signals and never imports tracking."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from lieguan.core.actors import SystemActor
from lieguan.meetings.models import Meeting
from lieguan.meetings.signals import minutes_imported


@receiver(minutes_imported)
def _rebuild_imported_meeting(sender: Any, meeting_id: int, **kwargs: Any) -> None:
    from lieguan.tracking.actions import rebuild_meeting

    meeting = Meeting.objects.select_related("series", "series__owner").get(pk=meeting_id)
    rebuild_meeting(SystemActor("import:rebuild-cases"), meeting)
