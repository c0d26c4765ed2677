"""Explicit due dates in the text of a conclusion, resolved against the meeting date.

A deadline is a date by which someone is asked to do something: 9月底前,
114年1月8日前, 持續列管至115年底, 截止日期為114年1月15日, 三個月內. A date on
which something merely happens (預定9月29日正式啟用, 11月26日選舉, 明日市政會議)
asks nothing of anyone and is not a deadline. Working-day periods (3個工作日內)
need the working-day calendar (lieguan.minutes.workdays, with the official
overrides an administrator loads): given one, they are resolved; without it
they are reported in ``warnings`` and left out rather than guessed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Protocol

from lieguan.minutes.errors import ParseWarning, gettext_noop
from lieguan.minutes.model import Deadline
from lieguan.minutes.numerals import parse_number
from lieguan.minutes.parser.memo import short_text_cache
from lieguan.minutes.parser.vocabulary import DUE_BEFORE, DUE_BEFORE_EVENTS
from lieguan.minutes.rocdate import DateMention, find_date_mentions, from_roc_year

_N = "[0-9０-９〇零一二三四五六七八九十兩]"
_YEAR = (
    rf"(?:(?P<y>{_N}{{2,4}})\s{{0,2}}年(?:度)?"
    rf"|(?P<rel>今|本|明|去|隔)\s{{0,2}}(?:[(（]\s{{0,2}}(?P<yp>{_N}{{2,4}})\s{{0,2}}[)）])?\s{{0,2}}年(?:度)?)"
)
_YEAR2 = _YEAR.replace("P<y>", "P<y2>").replace("P<rel>", "P<rel2>").replace("P<yp>", "P<yp2>")
_PATTERN = re.compile(
    rf"(?P<monthend>(?:{_YEAR}\s{{0,2}})?(?P<m>{_N}{{1,2}}|本|下|次|當)\s{{0,2}}月\s{{0,2}}(?P<part>底|末|上旬|中旬|下旬))"
    rf"|(?P<yearend>(?:{_YEAR2})\s{{0,2}}底|年\s{{0,2}}底)"
    rf"|(?P<within>(?<![月0-9０-９])(?P<n>{_N}{{1,3}})\s{{0,2}}"
    rf"(?P<unit>個\s{{0,2}}月|個?\s{{0,2}}(?:工作天|工作日|週|星期|禮拜|天|日))\s{{0,2}}內)"
    rf"|(?P<weekday>(?P<wk>本|下)\s{{0,2}}(?:週|星期|禮拜)\s{{0,2}}(?P<wd>[一二三四五六日天]))"
)
# Each phrase of _PATTERN holds one of these (月 of 月底, 底 of 年底, 內 of 一週內, 週|星|禮 of 下週一): text with none has no match.
_PATTERN_NEEDS = "月底內週星禮"
_BY = re.compile(rf"\s{{0,2}}(?:(?:{'|'.join(DUE_BEFORE_EVENTS)})\s{{0,2}})?{DUE_BEFORE}")
# 截至9月15日 is the cut-off of a report (as of), not a date anyone must meet.
_AS_OF = re.compile(r"(?:截至|截止至|迄至|迄)\s{0,2}$")
# 預定9月29日啟用, 將於10月8日上路: a plan or an event, asking nothing of anyone.
_PLANNED = re.compile(r"(?:預計|預定|預估|預期|將於|將在|計畫於|規劃於)[^，。；,;]{0,6}$")
_DUE_BEFORE = re.compile(r"(?:截止|期限|期程|限期)(?:日期|日|時間)?\s{0,2}(?:為|是|於|至|訂於|定於)?\s{0,2}$")
_DUE_AFTER = re.compile(r"\s{0,2}(?:截止|到期|止)")
_UNTIL = re.compile(r"(?:至|於|在|到)\s{0,2}$")
_AT = re.compile(r"於\s{0,2}$")
# A date without 前 is still a deadline when someone is asked to act on it (請各機關於10月5日提出).
_REQUEST = re.compile(r"請|務必|務請|應|須|需|必須|要求|督促|限")
_ACTION = re.compile(
    r"^\s{0,2}(?:[^，。；,;]{0,4}?)(?:完成|提出|提送|送達|送交|函送|函報|報送|陳報|提報|繳交|回復|函復|上傳|填報|辦理完成|改善|檢討|簽報)"
)
_PAST = re.compile(r"(?:近|過去|最近|前|已)\s{0,2}$")
_RELATIVE_TO_EVENT = re.compile(r"(?:後|起)\s{0,2}$")
_CLAUSE_START = re.compile(r"[。；;！？!?\n]")
_WEEKDAYS = "一二三四五六日"
_CONTEXT = 12


class WorkingDays(Protocol):
    """The part of the working-day calendar that deadlines need (``workdays.WorkCalendar`` has it)."""

    def add_working_days(self, start: dt.date, days: int) -> dt.date: ...


@dataclass(frozen=True, slots=True)
class _Context:
    before: str
    after: str
    clause: str


def _context(text: str, start: int, end: int) -> _Context:
    window = text[max(0, start - 40) : start]
    cut = max((m.end() for m in _CLAUSE_START.finditer(window)), default=0)
    return _Context(text[max(0, start - _CONTEXT) : start], text[end : end + _CONTEXT], window[cut:])


def find_deadlines(
    text: str,
    meeting_date: dt.date,
    *,
    warnings: list[str] | None = None,
    working_days: WorkingDays | None = None,
) -> list[Deadline]:
    """The explicit deadlines in ``text``, in the order written, each with its resolved date."""
    if working_days is None:
        # Minutes repeat their sentences (洽悉, 照案通過, the same request to every agency): read each once per date.
        found, notes = _without_calendar(text, meeting_date)
        if warnings is not None:
            warnings.extend(notes)
        return [Deadline(phrase, date) for phrase, date in found]
    return _find_deadlines(text, meeting_date, warnings, working_days)


@short_text_cache
def _without_calendar(text: str, meeting_date: dt.date) -> tuple[tuple[tuple[str, dt.date], ...], tuple[str, ...]]:
    notes: list[str] = []
    found = _find_deadlines(text, meeting_date, notes, None)
    return tuple((d.text, d.date) for d in found), tuple(notes)


def _find_deadlines(text: str, meeting_date: dt.date, warnings: list[str] | None, working_days: WorkingDays | None) -> list[Deadline]:
    # Each deadline once, at the place it is first written.
    found: dict[tuple[str, dt.date], tuple[int, Deadline]] = {}

    def keep(at: int, deadline: Deadline | None) -> None:
        if deadline is not None:
            key = (deadline.text, deadline.date)
            if key not in found or found[key][0] > at:
                found[key] = (at, deadline)

    taken: list[tuple[int, int]] = []
    # Each kind of phrase needs one of these characters; most sentences have none, and the search is costly.
    for m in _PATTERN.finditer(text) if any(c in text for c in _PATTERN_NEEDS) else ():
        keep(m.start(), _relative(m, text, meeting_date, warnings, working_days))
        taken.append((m.start(), m.end()))
    # Both lists run in text order: one sweep finds the dates already read as 月底 or 年底.
    span = 0
    for mention in find_date_mentions(text):
        while span < len(taken) and taken[span][1] <= mention.start:
            span += 1
        if span < len(taken) and taken[span][0] < mention.end:
            continue
        keep(mention.start, _dated(mention, text, meeting_date))
    return [deadline for _, deadline in sorted(found.values(), key=lambda pair: pair[0])]


def _phrase(text: str, start: int, end: int) -> str:
    return "".join(text[start:end].split())


def _with_by(text: str, end: int) -> int:
    """Where the phrase ends, taking in a following 前/以前/之前."""
    m = _BY.match(text, end)
    return m.end() if m else end


def _dated(mention: DateMention, text: str, meeting_date: dt.date) -> Deadline | None:
    ctx = _context(text, mention.start, mention.end)
    if _AS_OF.search(ctx.before) or _PLANNED.search(ctx.before):
        return None
    by = _BY.match(text, mention.end) is not None
    due = _DUE_BEFORE.search(ctx.before) is not None or (_DUE_AFTER.match(text, mention.end) is not None and not _AS_OF.search(ctx.clause))
    asked = _AT.search(ctx.before) is not None and _REQUEST.search(ctx.clause) is not None and bool(_ACTION.match(ctx.after))
    if not (by or due or asked):
        return None
    end = _with_by(text, mention.end)
    return Deadline(text=_phrase(text, mention.start, end), date=mention.resolve(meeting_date))


def _year_of(m: re.Match[str], meeting_date: dt.date, suffix: str = "") -> int | None:
    """The Gregorian year the match names (115年, 今（111）年, 明年), or None if it names none."""
    explicit = m.group("y" + suffix) or m.group("yp" + suffix)
    if explicit:
        n = parse_number(explicit)
        return n if n >= 1000 else from_roc_year(n)
    rel = m.group("rel" + suffix)
    if rel is None:
        return None
    return meeting_date.year + {"今": 0, "本": 0, "明": 1, "隔": 1, "去": -1}[rel]


def _relative(
    m: re.Match[str], text: str, meeting_date: dt.date, warnings: list[str] | None, working_days: WorkingDays | None
) -> Deadline | None:
    try:
        if m.group("within"):
            return _within(m, text, meeting_date, warnings, working_days)
        ctx = _context(text, m.start(), m.end())
        if _AS_OF.search(ctx.before) or _PLANNED.search(ctx.before):
            return None
        by = _BY.match(text, m.end()) is not None
        due = _DUE_BEFORE.search(ctx.before) is not None
        if m.group("weekday"):
            return _weekday(m, text, meeting_date) if by else None
        if m.group("yearend"):
            year = _year_of(m, meeting_date, "2")
            named = year is not None
            if not (by or due or (named and _UNTIL.search(ctx.before))):
                return None
            date = dt.date(year if year is not None else meeting_date.year, 12, 31)
        else:
            asked = _UNTIL.search(ctx.before) is not None and _REQUEST.search(ctx.clause) is not None
            if not (by or due or asked):
                return None
            date = _month_part(m, meeting_date)
    except (ValueError, OverflowError):
        return None
    return Deadline(text=_phrase(text, m.start(), _with_by(text, m.end())), date=date)


def _month_part(m: re.Match[str], meeting_date: dt.date) -> dt.date:
    word = m.group("m")
    year = _year_of(m, meeting_date)
    if word in ("本", "當"):
        month, year = meeting_date.month, year or meeting_date.year
    elif word in ("下", "次"):
        month = meeting_date.month % 12 + 1
        year = year or (meeting_date.year + (1 if month == 1 else 0))
    else:
        month = parse_number(word)
    if not 1 <= month <= 12:
        raise ValueError(month)
    part = m.group("part")

    def day_of(y: int) -> int:
        return 10 if part == "上旬" else 20 if part == "中旬" else calendar.monthrange(y, month)[1]

    if year is None:
        year = meeting_date.year
        if dt.date(year, month, day_of(year)) < meeting_date - dt.timedelta(days=31):
            year += 1
    return dt.date(year, month, day_of(year))


def _within(
    m: re.Match[str], text: str, meeting_date: dt.date, warnings: list[str] | None, working_days: WorkingDays | None
) -> Deadline | None:
    before = text[max(0, m.start() - _CONTEXT) : m.start()]
    if _PAST.search(before):
        return None
    # 派車事實發生後 3 個工作日內 counts from an event the minutes do not date.
    after_event = _RELATIVE_TO_EVENT.search(before) is not None
    phrase = _phrase(text, m.start(), m.end())
    unit = re.sub(r"[\s個]", "", m.group("unit"))
    n = parse_number(m.group("n"))
    if unit in ("工作天", "工作日"):
        if not after_event and working_days is not None:
            return Deadline(text=phrase, date=working_days.add_working_days(meeting_date, n))
        if warnings is not None:
            if after_event:
                warnings.append(
                    ParseWarning(gettext_noop("「%(phrase)s」自文中所述的事件起算，不是會議日期，未列為期限"), {"phrase": phrase})
                )
            else:
                warnings.append(
                    ParseWarning(gettext_noop("「%(phrase)s」以工作日計算，須依政府行事曆換算，未列為期限"), {"phrase": phrase})
                )
        return None
    if after_event:
        return None
    if unit == "月":
        date = add_months(meeting_date, n)
    elif unit in ("週", "星期", "禮拜"):
        date = meeting_date + dt.timedelta(weeks=n)
    else:
        date = meeting_date + dt.timedelta(days=n)
    return Deadline(text=phrase, date=date)


def _weekday(m: re.Match[str], text: str, meeting_date: dt.date) -> Deadline:
    target = _WEEKDAYS.index("日" if m.group("wd") == "天" else m.group("wd"))
    monday = meeting_date - dt.timedelta(days=meeting_date.weekday())
    if m.group("wk") == "下":
        monday += dt.timedelta(weeks=1)
    date = monday + dt.timedelta(days=target)
    return Deadline(text=_phrase(text, m.start(), _with_by(text, m.end())), date=date)


def add_months(d: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day where that day does not exist (1月31日 + 1 → 2月28日)."""
    index = d.month - 1 + months
    year, month = d.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True, slots=True)
class NextMeetingDeadline:
    """「於下次會議提出報告」: due at the series' next session, whose date the minutes do not give."""

    text: str
    start: int


# 下次會議、下一次會報、下次局務會議: the session that follows. 下次會議再議 still asks for it by then.
_NEXT_MEETING = re.compile(
    r"(?:於|在|至|提|到)?\s{0,2}下\s{0,2}(?:一\s{0,2})?(?:次|場)\s{0,2}(?:[\u4e00-\u9fff]{0,4}?)(?:會議|會報)(?:前|時|中)?"
)


def find_next_meeting_deadline(text: str) -> NextMeetingDeadline | None:
    """The first place ``text`` asks for something at the next session, or None.

    Only the phrase is found here: its date is the next session's, which the
    series' schedule knows and the text does not.
    """
    m = _NEXT_MEETING.search(text)
    if m is None:
        return None
    return NextMeetingDeadline(text=_phrase(text, m.start(), m.end()), start=m.start())
