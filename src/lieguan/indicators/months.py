"""Months as the register keeps them (the first day) and as people write them (ROC 115/03, Gregorian 2026-03)."""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext

from lieguan.minutes.rocdate import format_roc_month, format_roc_month_short, from_roc_year

_ROC = re.compile(r"^(?:民國)?\s*(\d{2,3})\s*(?:[/／.\-]|年)\s*(\d{1,2})\s*月?$")
_GREGORIAN = re.compile(r"^(\d{4})\s*[/／.\-]\s*(\d{1,2})(?:[/／.\-]\d{1,2})?$")


def parse_month(text: str) -> dt.date:
    """115/03, 115年3月, 2026-03 or 2026/3 → 2026-03-01; ValueError for anything else, a month 13 included."""
    text = str(text).strip()
    if found := _GREGORIAN.match(text):
        year, month = int(found[1]), int(found[2])
    elif found := _ROC.match(text):
        year, month = from_roc_year(int(found[1])), int(found[2])
    else:
        raise ValueError(gettext("「%(text)s」不是年月（例如 115/03 或 2026-03）") % {"text": text})
    if not 1 <= month <= 12:
        raise ValueError(gettext("「%(text)s」的月份 %(month)s 不存在") % {"text": text, "month": month})
    return dt.date(year, month, 1)


def shift(month: dt.date, by: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + by
    return dt.date(index // 12, index % 12 + 1, 1)


def roc_label(month: dt.date) -> str:
    return format_roc_month_short(month)


def roc_long(month: dt.date) -> str:
    return format_roc_month(month, spaced=True)
