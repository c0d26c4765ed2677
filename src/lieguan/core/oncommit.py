"""Sending a signal once, after the transaction commits, however many changes asked for it.

An action that adds twenty conclusions to a meeting asks twenty times for
"meeting 12 changed"; listeners (the search index) need to hear it once, after
the data is committed. Pending sends are recognised on the connection's own
list of commit hooks, so a rolled-back savepoint drops them as Django drops
its hooks.
"""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction
from django.dispatch import Signal


def send_once_after_commit(signal: Signal, sender: Any, **kwargs: Any) -> None:
    key = (id(signal), sender, tuple(sorted(kwargs.items())))
    # Each pending hook is (savepoint ids, function, robust).
    if connection.in_atomic_block and any(getattr(entry[1], "lieguan_key", None) == key for entry in connection.run_on_commit):
        return

    def send() -> None:
        signal.send(sender=sender, **kwargs)

    send.lieguan_key = key  # type: ignore[attr-defined]
    transaction.on_commit(send)
