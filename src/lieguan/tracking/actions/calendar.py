"""Loading the official yearly government calendar over the built-in one."""

from __future__ import annotations

from django.db import transaction

from lieguan.core import audit
from lieguan.core.actors import Actor
from lieguan.core.models import CalendarDay
from lieguan.minutes.workdays import read_calendar_csv
from lieguan.organisations.access import require_admin
from lieguan.tracking.audit_events import CALENDAR_SET_DAY


def do_load_calendar(actor: Actor, text: str) -> int:
    """Replace the overrides for the days the file lists; return how many days it set.

    The file is read in full before anything changes, so a bad line changes nothing.
    """
    require_admin(actor)
    days = read_calendar_csv(text)
    with transaction.atomic():
        for day in days:
            row = CalendarDay.objects.filter(date=day.date).first()
            before = audit.snapshot(row) if row else None
            row = row or CalendarDay(date=day.date)
            row.working, row.note = day.working, day.note[:100]
            row.save()
            audit.record(actor=actor, action=CALENDAR_SET_DAY, target=row, before=before, after=audit.snapshot(row))
    return len(days)
