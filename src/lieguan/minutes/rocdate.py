"""ROC (民國) dates: conversion, the forms printed in minutes, and the forms people type.

民國 N 年 is Gregorian year N + 1911. Pages show and accept ROC dates; the
database and Minutes JSON keep Gregorian ISO dates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from lieguan.minutes.numerals import NUMERAL_CHARS, parse_number

ROC_OFFSET = 1911


def to_roc_year(year: int) -> int:
    return year - ROC_OFFSET


def from_roc_year(roc_year: int) -> int:
    return roc_year + ROC_OFFSET


def year_in_either_calendar(year: int) -> int:
    """The Gregorian year of a year typed in either calendar: 115 → 2026, 2026 → 2026. ROC years in use are far below
    the first Gregorian year of the Republic, so the number says which calendar it is in; 0 or less stays as typed."""
    if year > ROC_OFFSET or year <= 0:
        return year
    return from_roc_year(year)


def format_roc_date(d: dt.date, *, prefix: str = "", spaced: bool = False) -> str:
    """2022-09-22 → 111年9月22日 (``prefix="民國"`` → 民國111年9月22日; ``spaced`` → 111 年 9 月 22 日)."""
    year = to_roc_year(d.year)
    if spaced:
        return f"{prefix}{' ' if prefix else ''}{year} 年 {d.month} 月 {d.day} 日"
    return f"{prefix}{year}年{d.month}月{d.day}日"


def format_roc_short(d: dt.date) -> str:
    """2022-09-22 → 111/09/22, the compact form used in tables."""
    return f"{to_roc_year(d.year)}/{d.month:02d}/{d.day:02d}"


def format_roc_month(d: dt.date, *, spaced: bool = False) -> str:
    """2026-03 → 115年3月 (``spaced`` → 115 年 3 月): a month, as reports and cycles name it."""
    year = to_roc_year(d.year)
    return f"{year} 年 {d.month} 月" if spaced else f"{year}年{d.month}月"


def format_roc_month_short(d: dt.date) -> str:
    """2026-03 → 115/03, the compact form of a month in tables and spreadsheets."""
    return f"{to_roc_year(d.year)}/{d.month:02d}"


_HALF_YEAR_WORDS = {1: "上", 2: "下"}


def format_roc_half_year(year: int, half: int) -> str:
    """Gregorian 2026, half 1 → 115 年上半年 (half 1 is January–June, 2 July–December)."""
    if half not in _HALF_YEAR_WORDS:
        raise ValueError(f"half must be 1 or 2, not {half}")
    return f"{to_roc_year(year)} 年{_HALF_YEAR_WORDS[half]}半年"


def format_roc_whole_year(year: int) -> str:
    """Gregorian 2026 as a reporting period → 115 年度 (the year as a whole, beside its halves)."""
    return f"{to_roc_year(year)} 年度"


def format_time(t: dt.time) -> str:
    """10:00 → 10時00分 (24-hour, as official minutes print it)."""
    return f"{t.hour}時{t.minute:02d}分"


def format_roc_datetime(d: dt.date, t: dt.time | None = None, *, prefix: str = "民國") -> str:
    text = format_roc_date(d, prefix=prefix)
    return text if t is None else text + format_time(t)


_WEEKDAYS = "一二三四五六日"


def weekday_zh(d: dt.date) -> str:
    """星期 label: 2022-09-22 → 四."""
    return _WEEKDAYS[d.weekday()]


_N = rf"[0-9０-９{NUMERAL_CHARS}]+"
_TYPED = re.compile(rf"^\s*(?:中華)?(?:民國)?\s*(?P<y>{_N})\s*(?:年|/|-|\.)\s*(?P<m>{_N})\s*(?:月|/|-|\.)\s*(?P<d>{_N})\s*日?\s*$")


def parse_roc_date(text: str) -> dt.date:
    """Read a date as people type it: 111/9/22, 111-09-22, 111.9.22, 民國111年9月22日, 一一一年九月二十二日.

    A four-digit year is taken as Gregorian (2022/9/22), anything shorter as
    ROC. Raises ``ValueError`` with a message fit to show the user.
    """
    m = _TYPED.match(text)
    if not m:
        raise ValueError(f"無法辨識的日期「{text}」，請以「民國年/月/日」輸入，例如 115/3/18")
    try:
        year, month, day = (parse_number(m.group(k)) for k in ("y", "m", "d"))
    except ValueError:
        raise ValueError(f"無法辨識的日期「{text}」") from None
    if year < 1000:
        year = from_roc_year(year)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"日期「{text}」不存在") from None


# Dates and clock times as minutes print them in running text. Every
# quantifier is bounded so that a search over a multi-megabyte line stays linear.
_TEXT_NUM = "[0-9０-９〇零一二三四五六七八九十百兩]"
_MENTION = re.compile(
    rf"(?:(?:中華)?民國\s{{0,2}})?(?:(?P<y>{_TEXT_NUM}{{2,6}})\s{{0,2}}年\s{{0,2}})?"
    rf"(?P<m>{_TEXT_NUM}{{1,3}})\s{{0,2}}月\s{{0,2}}(?P<d>{_TEXT_NUM}{{1,4}})\s{{0,2}}[日號]"
    r"|(?<![0-9])(?P<gy>[12][0-9]{3})\s?[-/.]\s?(?P<gm>[0-9]{1,2})\s?[-/.]\s?(?P<gd>[0-9]{1,2})(?![0-9])"
    r"|(?<![0-9/.])(?P<ry>[0-9]{2,3})/(?P<rm>[0-9]{1,2})/(?P<rd>[0-9]{1,2})(?![0-9/])"
)
_CLOCK = re.compile(
    r"(?P<ap>上午|下午|中午|晚上|晚間|早上|凌晨|傍晚|午後)?\s{0,2}"
    rf"(?P<h>{_TEXT_NUM}{{1,3}})\s{{0,2}}(?:時|點|[:：](?=\s?[0-9０-９]))\s{{0,2}}"
    rf"(?:(?P<mi>{_TEXT_NUM}{{1,3}})\s{{0,2}}分?|(?P<half>半))?"
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A calendar date printed in text; ``year`` is Gregorian, or None where the text left it out (9月29日)."""

    start: int
    end: int
    year: int | None
    month: int
    day: int

    def resolve(self, near: dt.date) -> dt.date:
        """The date itself, taking a missing year from ``near`` (the meeting date).

        A yearless date more than a month before the meeting is read as next
        year's: minutes in December speak of 1月8日 of the coming year.
        """
        if self.year is not None:
            return dt.date(self.year, self.month, self.day)
        candidate = _valid_date(near.year, self.month, self.day) or dt.date(near.year, self.month, 28)
        if candidate < near - dt.timedelta(days=31):
            return _valid_date(near.year + 1, self.month, self.day) or dt.date(near.year + 1, self.month, 28)
        return candidate

    def resolve_past(self, near: dt.date) -> dt.date:
        """As ``resolve``, but a yearless date is the latest such date not after ``near`` (the last meeting)."""
        if self.year is not None:
            return dt.date(self.year, self.month, self.day)
        candidate = _valid_date(near.year, self.month, self.day)
        if candidate is None or candidate > near:
            candidate = _valid_date(near.year - 1, self.month, self.day) or dt.date(near.year - 1, self.month, 28)
        return candidate


def _valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year(text: str) -> int:
    n = parse_number(text)
    return n if n >= 1000 else from_roc_year(n)


def find_date_mentions(text: str) -> list[DateMention]:
    """Every date in ``text``: 民國 111 年 9 月 22 日, 九十二年五月二十二日, 9月29日, 2020-12-22, 111/9/22."""
    out: list[DateMention] = []
    for m in _MENTION.finditer(text):
        try:
            if m.group("m") is not None:
                year = _year(m.group("y")) if m.group("y") else None
                month, day = parse_number(m.group("m")), parse_number(m.group("d"))
            elif m.group("gy") is not None:
                year, month, day = int(m.group("gy")), int(m.group("gm")), int(m.group("gd"))
            else:
                year = from_roc_year(int(m.group("ry")))
                month, day = int(m.group("rm")), int(m.group("rd"))
        except ValueError:
            continue
        if _valid_date(year if year is not None else 2000, month, day) is None:
            continue
        out.append(DateMention(m.start(), m.end(), year, month, day))
    return out


def parse_clock(text: str) -> tuple[dt.time, int] | None:
    """The first clock time in ``text`` and where it ends: 下午 2 時 → 14:00, 10時00分, 11:44, 上午十時三十分."""
    for m in _CLOCK.finditer(text):
        try:
            hour = parse_number(m.group("h"))
            minute = 30 if m.group("half") else parse_number(m.group("mi")) if m.group("mi") else 0
        except ValueError:
            continue
        ap = m.group("ap")
        # 中午 1 時 is one in the afternoon; 中午 12 時 is noon.
        if (ap in ("下午", "晚上", "晚間", "傍晚", "午後") and hour < 12) or (ap == "中午" and hour < 6):
            hour += 12
        if hour == 24 and minute == 0:
            hour = 0
        if 0 <= hour < 24 and 0 <= minute < 60:
            return dt.time(hour, minute), m.end()
    return None
