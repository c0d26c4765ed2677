"""The government working-day calendar: weekends and national holidays off, make-up workdays (補班) on.

``holidays.TW`` knows the holidays and the weekend make-up workdays; the
official calendar that the Directorate-General of Personnel Administration
publishes each year can override it day by day (an administrator loads it as
CSV), because typhoon days and late changes are not in any library.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import holidays

from lieguan.minutes.errors import MinutesError, gettext_noop
from lieguan.minutes.rocdate import parse_roc_date


class CalendarError(MinutesError):
    """A calendar file that cannot be read; the message names the line.

    Raised while the administrator uploads the file and shown at once, never stored: the page words it in its
    reader's language (``core.wording.word_error``).
    """


@dataclass(frozen=True)
class DayOverride:
    date: dt.date
    working: bool
    note: str = ""


@dataclass
class WorkCalendar:
    # date → True (a working day) or False (a day off), overriding the library.
    overrides: Mapping[dt.date, bool] = field(default_factory=dict)
    _years: set[int] = field(default_factory=set, init=False, repr=False)
    _holidays: holidays.HolidayBase = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._holidays = holidays.country_holidays("TW", years=[])

    def _library(self, day: dt.date) -> holidays.HolidayBase:
        if day.year not in self._years:
            self._years.add(day.year)
            self._holidays = holidays.country_holidays("TW", years=sorted(self._years))
        return self._holidays

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        return bool(self._library(day).is_working_day(day))

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The date ``days`` working days after ``start`` (``start`` itself not counted): 3 個工作日內."""
        if days < 0:
            raise ValueError("days must not be negative")
        day = start
        counted = 0
        while counted < days:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative when ``end`` is earlier)."""
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count


_TRUE = {"1", "是", "上班", "工作日", "補班", "true", "yes", "y"}
_FALSE = {"0", "否", "放假", "休假", "假日", "false", "no", "n", "2"}


def read_calendar_csv(text: str) -> list[DayOverride]:
    """Read an official yearly calendar.

    Accepts the open-data layout of the government calendar (columns 西元日期,
    星期, 是否放假, 備註: 是否放假 is 2 for a day off and 0 for a working day) and a
    plain layout (date, working, note) with ISO or ROC dates.
    """
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows:
        raise CalendarError(gettext_noop("行事曆檔案是空的。"))
    header = [h.strip() for h in rows[0]]
    if "西元日期" in header and "是否放假" in header:
        date_col, flag_col = header.index("西元日期"), header.index("是否放假")
        note_col = header.index("備註") if "備註" in header else None
        return [_official_row(r, n, date_col, flag_col, note_col) for n, r in enumerate(rows[1:], start=2) if any(r)]
    start = 1 if header and not _looks_like_date(header[0]) else 0
    return [_plain_row(r, n) for n, r in enumerate(rows[start:], start=start + 1) if any(c.strip() for c in r)]


def _looks_like_date(text: str) -> bool:
    try:
        _date(text, 0)
    except CalendarError:
        return False
    return True


def _date(text: str, line: int) -> dt.date:
    value = text.strip()
    if len(value) == 8 and value.isdigit():
        value = f"{value[:4]}-{value[4:6]}-{value[6:]}"
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return parse_roc_date(value)
    except ValueError:
        raise CalendarError(gettext_noop("無法辨識的日期「%(text)s」"), {"text": text}, line=line) from None


def _official_row(row: list[str], line: int, date_col: int, flag_col: int, note_col: int | None) -> DayOverride:
    try:
        flag = row[flag_col].strip()
        day = _date(row[date_col], line)
    except IndexError:
        raise CalendarError(gettext_noop("欄位不足"), line=line) from None
    if flag not in ("0", "2"):
        raise CalendarError(gettext_noop("「是否放假」應為 0 或 2，而非「%(flag)s」"), {"flag": flag}, line=line)
    note = row[note_col].strip() if note_col is not None and note_col < len(row) else ""
    return DayOverride(day, flag == "0", note)


def _plain_row(row: list[str], line: int) -> DayOverride:
    if len(row) < 2:
        raise CalendarError(gettext_noop("每列須有日期與是否上班兩欄"), line=line)
    flag = row[1].strip().lower()
    if flag in _TRUE:
        working = True
    elif flag in _FALSE:
        working = False
    else:
        raise CalendarError(gettext_noop("無法判斷「%(value)s」是上班或放假"), {"value": row[1]}, line=line)
    return DayOverride(_date(row[0], line), working, row[2].strip() if len(row) > 2 else "")


def calendar_from(overrides: Iterable[DayOverride]) -> WorkCalendar:
    return WorkCalendar({o.date: o.working for o in overrides})
