"""Signals tracking actions send after commit, so that search and others stay current without imports back."""

from __future__ import annotations

from django.dispatch import Signal

from lieguan.core.oncommit import send_once_after_commit

# sender=TrackedCase, case_id=int: a case, its assignments, reports or decisions changed.
case_changed = Signal()


def send_after_commit(signal: Signal, case_id: int) -> None:
    from lieguan.tracking.models import TrackedCase

    send_once_after_commit(signal, TrackedCase, case_id=case_id)
