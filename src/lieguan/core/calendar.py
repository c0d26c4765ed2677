"""The working-day calendar of the city: the built-in Taiwan calendar with the administrator's overrides."""

from __future__ import annotations

import datetime as dt

import holidays
from django.utils.translation import get_language, gettext_lazy

from lieguan.core.models import CalendarDay
from lieguan.minutes.workdays import WorkCalendar


def work_calendar() -> WorkCalendar:
    return WorkCalendar({d.date: d.working for d in CalendarDay.objects.all()})


def day_off_reason(day: dt.date, calendar: WorkCalendar | None = None) -> str | None:
    """Why ``day`` is not a working day (星期日, 行憲紀念日, the administrator's note), or None when it is one."""
    calendar = calendar or work_calendar()
    if calendar.is_working_day(day):
        return None
    override = CalendarDay.objects.filter(date=day, working=False).exclude(note="").first()
    if override is not None:
        return override.note
    language = "en_US" if (get_language() or "").startswith("en") else "zh_TW"
    name = holidays.country_holidays("TW", years=[day.year], language=language).get(day)
    if name:
        return str(name)
    return str(WEEKDAYS[day.weekday()])


WEEKDAYS = (
    gettext_lazy("星期一"),
    gettext_lazy("星期二"),
    gettext_lazy("星期三"),
    gettext_lazy("星期四"),
    gettext_lazy("星期五"),
    gettext_lazy("星期六"),
    gettext_lazy("星期日"),
)


def working_days_before(day: dt.date, count: int, calendar: WorkCalendar | None = None) -> dt.date:
    """The working day ``count`` working days before ``day`` (``day`` itself not counted); ``day`` for 0."""
    if count < 0:
        raise ValueError("count must not be negative")
    calendar = calendar or work_calendar()
    counted = 0
    while counted < count:
        day -= dt.timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
    return day
