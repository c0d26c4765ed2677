"""Signals the meetings app sends, so that apps to its right react without the meetings app importing them.

Two kinds, never mixed:

- **Within the transaction** (``send_within``): a domain write another app owns
  must happen with this one or not at all. Tracking applies an imported
  meeting's case decisions and carries a confirmed amendment to its cases.
  (Conditions for publishing are not signals: see ``meetings.publishing``.) The
  receiver calls its own app's actions with the same actor; an exception it
  raises rolls back the whole change.
- **After commit** (``send_after_commit``): derived data only (the search index),
  rebuilt from what was committed.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.dispatch import Signal

from lieguan.core.oncommit import send_once_after_commit

# After commit. sender=Meeting, meeting_id=int: the minutes, agenda or header of a meeting changed.
meeting_changed = Signal()
# After commit. sender=Meeting, meeting_id=int: minutes were published or confirmed.
minutes_published = Signal()

# Within the transaction. sender=Meeting, actor, meeting: a meeting was imported from a minutes document,
# with its case decisions; tracking applies them now.
minutes_imported = Signal()
# Within the transaction. sender=Meeting, actor, meeting, old_start: a meeting's date moved; what it decided
# (cases opened, parts released) moves with it, and tracking may refuse (decisions need a meeting that began).
meeting_moved = Signal()
# Within the transaction. sender=Meeting, actor, meeting (the amended one), at_meeting (where it was decided),
# changes=[(conclusion, old_text, new_text)]: a confirmed amendment changed conclusions.
minutes_amended = Signal()


def send_within(signal: Signal, **kwargs: Any) -> None:
    """Send ``signal`` now, inside the caller's transaction; receivers' exceptions propagate."""
    from lieguan.meetings.models import Meeting

    assert connection.in_atomic_block, "send_within must be called inside transaction.atomic()"
    signal.send(sender=Meeting, **kwargs)


def send_after_commit(signal: Signal, meeting_id: int) -> None:
    from lieguan.meetings.models import Meeting

    send_once_after_commit(signal, Meeting, meeting_id=meeting_id)
