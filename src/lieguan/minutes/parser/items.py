"""Reading the parts of one item: its title and presenting agency, oral reports, the minutes it confirms."""

from __future__ import annotations

import datetime as dt
import re

from lieguan.minutes.errors import ParseWarning, gettext_noop
from lieguan.minutes.model import Item, PreviousMinutes, Remark, SessionNumber
from lieguan.minutes.numerals import parse_number
from lieguan.minutes.parser import vocabulary as v
from lieguan.minutes.parser.header import SESSION_MARK
from lieguan.minutes.rocdate import find_date_mentions

_TRAILING_BRACKETS = re.compile(r"[(（](?P<inner>[^()（）]{2,60})[)）]\s{0,2}[。．.]?\s{0,2}$")
_FULL_STOP = re.compile(r"[。．]+$")
_CLAUSE_END = re.compile(r"[，,。；;：:！？!?]")
_LAST_TIME = re.compile(r"上次|前次|上一次")
_TITLE_LIMIT = 60


def title_and_presenter(text: str) -> tuple[str, str | None]:
    """本府e化統計。(主計處) → (本府e化統計, 主計處): the agency in the trailing brackets, and the title before it."""
    title, presenter = text.strip(), None
    m = _TRAILING_BRACKETS.search(title)
    if m and v.is_agency_list(m.group("inner")):
        presenter = v.presenter_text(m.group("inner"))
        title = title[: m.start()].rstrip()
    return _FULL_STOP.sub("", title).rstrip(), presenter


def first_clause(text: str) -> str:
    """The opening clause of a report, which stands as its title when the minutes give none."""
    first_paragraph = text.split("\n", 1)[0]
    for m in _CLAUSE_END.finditer(first_paragraph, 0, _TITLE_LIMIT + 1):
        if m.start() >= 4:
            return first_paragraph[: m.start()].strip()
    return first_paragraph[:_TITLE_LIMIT].strip()


def oral_report_item(label: str | None, speaker: str, verb: str, text: str) -> Item:
    """An item that is only an official's report (臨時動議 財政局石專委口頭報告：…).

    Its title is the report's first clause, its presenter the speaker's agency,
    and the report itself its one remark.
    """
    return Item(
        title=first_clause(text) or speaker + verb,
        label=label,
        presenter=v.agency_prefix(speaker),
        remarks=[Remark(speaker=speaker, text=text, kind=verb)],
    )


def previous_minutes(
    heading: str, meeting_date: dt.date | None, session: SessionNumber
) -> tuple[PreviousMinutes | None, ParseWarning | None]:
    """The session and date of the minutes that a 宣讀上次會議紀錄 heading confirms, and a warning if any was inferred."""
    number: int | None = None
    marks = list(SESSION_MARK.finditer(heading))
    if marks:
        try:
            number = parse_number(marks[-1].group("n"))
        except ValueError:
            number = None
    date: dt.date | None = None
    warning: ParseWarning | None = None
    mentions = find_date_mentions(heading)
    if mentions:
        mention = mentions[0]
        if mention.year is not None:
            date = dt.date(mention.year, mention.month, mention.day)
        elif meeting_date is not None:
            date = mention.resolve_past(meeting_date)
            warning = ParseWarning(
                gettext_noop("上次會議日期「%(mention)s」未寫年份，推定為 %(date)s"),
                {"mention": heading[mention.start : mention.end], "date": date.isoformat()},
            )
    if number is None and _LAST_TIME.search(heading) and session.number is not None and session.number > 1:
        number = session.number - 1
        warning = ParseWarning(gettext_noop("上次會議的次數未寫明，推定為第 %(number)s 次"), {"number": number})
    if number is None and date is None:
        return None, None
    return PreviousMinutes(session=number, date=date), warning
