"""Template filters that show dates the way Taiwan's government writes them (民國)."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

from lieguan.minutes.rocdate import format_roc_date, format_roc_short, format_time, to_roc_year, weekday_zh

register = template.Library()


def _local(value: dt.date | dt.datetime) -> dt.date | dt.datetime:
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def roc_date(value: dt.date | dt.datetime | None) -> str:
    """2022-09-22 → 111年9月22日"""
    if value is None or value == "":
        return ""
    v = _local(value)
    return format_roc_date(v.date() if isinstance(v, dt.datetime) else v)


@register.filter
def roc_year(value: int | dt.date | dt.datetime | None) -> int | str:
    """2026 (or any day of 2026) → 115"""
    if value is None or value == "":
        return ""
    if isinstance(value, int):
        return to_roc_year(value)
    return to_roc_year(_local(value).year)


@register.filter
def roc_short(value: dt.date | dt.datetime | None) -> str:
    """2022-09-22 → 111/09/22"""
    if value is None or value == "":
        return ""
    v = _local(value)
    return format_roc_short(v.date() if isinstance(v, dt.datetime) else v)


@register.filter
def roc_datetime(value: dt.datetime | None) -> str:
    """2022-09-22 10:00 → 111年9月22日（四）10時00分"""
    if value is None or value == "":
        return ""
    v = _local(value)
    assert isinstance(v, dt.datetime)
    return f"{format_roc_date(v.date())}（{weekday_zh(v.date())}）{format_time(v.time())}"


@register.filter
def roc_weekday(value: dt.date | dt.datetime | None) -> str:
    if value is None or value == "":
        return ""
    v = _local(value)
    return weekday_zh(v.date() if isinstance(v, dt.datetime) else v)
