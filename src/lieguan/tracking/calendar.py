"""The working-day calendar of the city: the built-in Taiwan calendar with the administrator's overrides."""

from __future__ import annotations

from lieguan.minutes.workdays import WorkCalendar
from lieguan.tracking.models import CalendarDay


def work_calendar() -> WorkCalendar:
    return WorkCalendar({d.date: d.working for d in CalendarDay.objects.all()})
