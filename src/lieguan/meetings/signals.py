"""Signals that meetings actions send after their transaction commits.

Other apps (search, tracking) listen to keep derived data current without the
meetings app importing them.
"""

from __future__ import annotations

from django.dispatch import Signal

from lieguan.core.oncommit import send_once_after_commit

# sender=Meeting, meeting_id=int: the minutes, agenda or header of a meeting changed.
meeting_changed = Signal()
# sender=Meeting, meeting_id=int: minutes were published or confirmed.
minutes_published = Signal()
# sender=Meeting, meeting_id=int: a meeting was imported from a minutes document (with its case decisions).
minutes_imported = Signal()


def send_after_commit(signal: Signal, meeting_id: int) -> None:
    from lieguan.meetings.models import Meeting

    send_once_after_commit(signal, Meeting, meeting_id=meeting_id)
