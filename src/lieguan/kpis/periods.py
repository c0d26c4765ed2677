"""Reporting periods of the KPI register: a year (年度) or one of its halves (上半年, 下半年).

Work reports go to the council every half year and targets are set per year or
per half year, so a period is a Gregorian year and a half: 0 for the whole
year, 1 for January–June, 2 for July–December. It is written in keys as 2026H1,
2026H2 or 2026, and named in two ways: ``label``, in ROC years (115 年上半年, 115 年度),
as official documents print it (the council's work report, the statement of record,
published data, text stored on a row); ``worded_label``, in the reader's language
and calendar (``core.dates``: first half of 2026, 2026), for pages and messages.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from lieguan.core import dates
from lieguan.minutes.rocdate import format_roc_half_year, format_roc_whole_year, to_roc_year

WHOLE_YEAR, FIRST_HALF, SECOND_HALF = 0, 1, 2
HALF_CHOICES = [(WHOLE_YEAR, _("全年度")), (FIRST_HALF, _("上半年（1 月至 6 月）")), (SECOND_HALF, _("下半年（7 月至 12 月）"))]
_KEY = re.compile(r"^(?P<year>\d{4})(?:-?H(?P<half>[12]))?$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Period:
    year: int
    half: int = WHOLE_YEAR

    def __post_init__(self) -> None:
        if self.half not in (WHOLE_YEAR, FIRST_HALF, SECOND_HALF):
            raise ValueError(f"half must be 0, 1 or 2, not {self.half}")
        if not 1912 <= self.year <= 9999:
            raise ValueError(f"year out of range: {self.year}")

    @classmethod
    def parse(cls, key: str) -> Period:
        """2026H1, 2026-H2 or 2026 (a whole year)."""
        m = _KEY.match(key.strip())
        if m is None:
            raise ValueError(f"not a period: {key!r}")
        return cls(int(m.group("year")), int(m.group("half") or 0))

    @classmethod
    def covering(cls, start: dt.date, end: dt.date) -> Period:
        """The period a report's dates cover: a half when both ends fall within it, else the year of the end."""
        if start.year == end.year:
            if end.month <= 6:
                return cls(end.year, FIRST_HALF)
            if start.month >= 7:
                return cls(end.year, SECOND_HALF)
        return cls(end.year, WHOLE_YEAR)

    @property
    def key(self) -> str:
        return f"{self.year}H{self.half}" if self.half else str(self.year)

    @property
    def roc_year(self) -> int:
        return to_roc_year(self.year)

    @property
    def label(self) -> str:
        """115 年上半年, 115 年度 in any language: as official documents and the statement of record print it."""
        return format_roc_half_year(self.year, self.half) if self.half else format_roc_whole_year(self.year)

    @property
    def worded_label(self) -> str:
        """The period in the reader's language and calendar, for pages: 115 年上半年 | first half of 2026, 115 年度 | 2026."""
        return dates.half_year(self.year, self.half) if self.half else dates.whole_year(self.year)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 7 if self.half == SECOND_HALF else 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 6, 30) if self.half == FIRST_HALF else dt.date(self.year, 12, 31)

    @property
    def sort_key(self) -> tuple[int, int]:
        """Chronological: the halves of a year, then the year as a whole (it ends with the second half)."""
        return (self.year, self.half or 3)

    def year_before(self) -> Period:
        """The same half of the year before: what a year-on-year change compares with."""
        return Period(self.year - 1, self.half)

    def __str__(self) -> str:
        return self.label
