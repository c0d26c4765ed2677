"""Dates as the reader's language writes them: the ROC calendar (民國) in Chinese, the Gregorian one in English.

Official documents always print ROC dates (`lieguan.minutes.rocdate`); these are for the interface: pages,
messages and e-mails. An English reader meets "7 Dec 2026" where a Chinese one reads 115年12月7日, and both
type either form into a date field (`core.forms.RocDateField` reads 115/12/7 and 2026-12-07 alike).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import get_language

from lieguan.minutes.rocdate import (
    format_roc_date,
    format_roc_half_year,
    format_roc_month,
    format_roc_month_short,
    format_roc_short,
    format_roc_whole_year,
    format_time,
    weekday_zh,
)

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def reads_roc() -> bool:
    """Whether the active language writes ROC dates: Chinese does; English (and no language at all, as in a
    background job, which writes the default language) are told apart by the language code."""
    return (get_language() or "zh-hant").startswith("zh")


def _day(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    return value


def long_date(value: dt.date | dt.datetime, *, roc_prefix: str = "") -> str:
    """115年12月7日 | 7 Dec 2026 (``roc_prefix="民國"``: 民國115年12月7日, as the minutes write it)."""
    day = _day(value)
    return format_roc_date(day, prefix=roc_prefix) if reads_roc() else f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def short_date(value: dt.date | dt.datetime) -> str:
    """115/12/07 | 2026-12-07: the compact form of tables and date fields."""
    day = _day(value)
    return format_roc_short(day) if reads_roc() else day.isoformat()


def weekday(value: dt.date | dt.datetime) -> str:
    """一 | Mon"""
    day = _day(value)
    return weekday_zh(day) if reads_roc() else _WEEKDAYS[day.weekday()]


def date_time(value: dt.datetime) -> str:
    """115年12月7日（一）10時00分 | Mon 7 Dec 2026, 10:00"""
    moment = timezone.localtime(value) if timezone.is_aware(value) else value
    if reads_roc():
        return document_date_time(moment)
    return f"{weekday(moment)} {long_date(moment)}, {moment:%H:%M}"


def document_date_time(value: dt.datetime) -> str:
    """115年12月7日（一）10時00分 in any language: as official documents print a moment."""
    moment = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{format_roc_date(moment.date())}（{weekday_zh(moment.date())}）{format_time(moment.time())}"


def month(value: dt.date) -> str:
    """115年3月 | Mar 2026"""
    return format_roc_month(value) if reads_roc() else f"{_MONTHS[value.month - 1]} {value.year}"


def month_short(value: dt.date) -> str:
    """115/03 | 2026-03"""
    return format_roc_month_short(value) if reads_roc() else f"{value.year}-{value.month:02d}"


def half_year(year: int, half: int) -> str:
    """115 年上半年 | first half of 2026 (``year`` is Gregorian; half 1 is January–June)."""
    if reads_roc():
        return format_roc_half_year(year, half)
    if half not in (1, 2):
        raise ValueError(f"half must be 1 or 2, not {half}")
    return f"{'first' if half == 1 else 'second'} half of {year}"


def whole_year(year: int) -> str:
    """115 年度 | 2026: a year as a reporting period, beside its halves (``year`` is Gregorian)."""
    return format_roc_whole_year(year) if reads_roc() else str(year)


def date_and_time(value: dt.datetime) -> str:
    """115年12月7日10時00分 | 7 Dec 2026, 10:00: a deadline's moment in running text."""
    moment = timezone.localtime(value) if timezone.is_aware(value) else value
    if reads_roc():
        return f"{format_roc_date(moment.date())}{format_time(moment.time())}"
    return f"{long_date(moment)}, {moment:%H:%M}"
