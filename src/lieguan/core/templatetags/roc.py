"""Template filters that show dates in the reader's language (`core/dates.py`): the ROC calendar (民國) in
Chinese, the Gregorian one in English. Official documents (`templates/documents/`) print ROC dates whatever
the reader's language, through the ``document_*`` filters."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

from lieguan.core import dates
from lieguan.minutes.rocdate import to_roc_year

register = template.Library()


def _local(value: dt.date | dt.datetime) -> dt.date | dt.datetime:
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def roc_date(value: dt.date | dt.datetime | None) -> str:
    """2022-09-22 → 111年9月22日 | 22 Sep 2022"""
    if value is None or value == "":
        return ""
    return dates.long_date(value)


@register.filter
def roc_year(value: int | dt.date | dt.datetime | None) -> int | str:
    """2026 (or any day of 2026) → 115: the ROC year in both languages (the English text says "ROC year"),
    as addresses such as the open data's carry it."""
    if value is None or value == "":
        return ""
    if isinstance(value, int):
        return to_roc_year(value)
    return to_roc_year(_local(value).year)


@register.filter
def roc_short(value: dt.date | dt.datetime | None) -> str:
    """2022-09-22 → 111/09/22 | 2022-09-22"""
    if value is None or value == "":
        return ""
    return dates.short_date(value)


@register.filter
def roc_datetime(value: dt.datetime | None) -> str:
    """2022-09-22 10:00 → 111年9月22日（四）10時00分 | Thu 22 Sep 2022, 10:00"""
    if value is None or value == "":
        return ""
    return dates.date_time(value)


@register.filter
def roc_weekday(value: dt.date | dt.datetime | None) -> str:
    """四 | Thu"""
    if value is None or value == "":
        return ""
    return dates.weekday(value)


@register.filter
def document_datetime(value: dt.datetime | None) -> str:
    """111年9月22日（四）10時00分 in any language: for official documents."""
    if value is None or value == "":
        return ""
    return dates.document_date_time(value)
