"""One definition of "open as of a day", for every view that counts cases.

A case, or one agency's part of it, is open on day D when it was opened on or
before D and not released on or before D. The home page, the case list, the
statistics, the overview, the API and the exports all count with this, so they
agree for any day. "Open now" (the ``status`` column) is the same thing for
today, because nothing is decided for a meeting that has not begun and a
release takes effect on the day of the meeting that decided it
(``meetings.access.case_decisions_refusal``): no release is ever dated ahead.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from lieguan.tracking.models import CaseStatus


def today() -> dt.date:
    """The day "now" counts as, in Asia/Taipei."""
    return timezone.localdate()


def is_open_on(status: str, released_on: dt.date | None, opened_on: dt.date, day: dt.date) -> bool:
    if opened_on > day:
        return False
    if status == CaseStatus.RELEASED:
        # A part released without a date (rebuilt from old minutes) has been released since before we knew it.
        return released_on is not None and released_on > day
    return released_on is None or released_on > day


def open_assignments_on(day: dt.date) -> Q:
    """Assignments open on ``day`` (the filter form of ``is_open_on``)."""
    return Q(case__opened_on__lte=day) & (Q(status=CaseStatus.OPEN) | Q(status=CaseStatus.RELEASED, released_on__gt=day))


def open_cases_on(day: dt.date) -> Q:
    """Cases open on ``day`` (the filter form of ``is_open_on``)."""
    return Q(opened_on__lte=day) & (Q(status=CaseStatus.OPEN) | Q(status=CaseStatus.RELEASED, released_on__gt=day))
