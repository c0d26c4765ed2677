"""The head of the minutes: title (organisation, series, session) and the fields 時間 地點 主席 紀錄 出席 列席."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from lieguan.minutes.errors import ParseWarning, gettext_noop
from lieguan.minutes.model import Attendance, Chair, SessionNumber
from lieguan.minutes.numerals import parse_number
from lieguan.minutes.parser import vocabulary as v
from lieguan.minutes.parser.labels import split_label
from lieguan.minutes.parser.lines import Line, starts_block
from lieguan.minutes.parser.memo import short_text_cache
from lieguan.minutes.rocdate import find_date_mentions, parse_clock, to_roc_year

# ○ (a white circle) stands for zero in numbers typed as digits: 第五三○次.
_NUM = "[0-9０-９一二三四五六七八九十百千〇○零]"
# 第224次, 第五一二次, 113年第12次, 一一三年度第三次: the session, and the ROC year where numbering restarts yearly.
SESSION_MARK = re.compile(rf"(?:(?P<year>{_NUM}{{2,5}})\s{{0,2}}年(?:度)?\s{{0,2}})?第\s{{0,2}}(?P<n>{_NUM}{{1,8}})\s{{0,2}}次")
_RECORD_WORDS = re.compile(r"(?:紀錄|記錄|紀要|摘要)(?:\s{0,2}[(（][^()（）]{0,20}[)）])?\s*$")
_TRAILING_NOTE = re.compile(r"\s{0,2}[(（][^()（）]{0,20}[)）]\s*$")
_GENERIC_SERIES = frozenset({"", "會議", "會", "大會", "會報"})
_ORGANISATION = re.compile(
    r"^(?P<org>[^\s第]{1,14}?(?:政府|議會|公所|委員會)"
    r"(?:[\u4e00-\u9fff]{1,10}?(?:局|處|署|中心|委員會|會(?![議報])|所|院|部|隊|室))?)"
)
_TITLE_WORDS = re.compile(r"紀錄|記錄|紀要|會議|會報|大會")
_DATE_ONLY = re.compile(
    r"^(?:中華)?(?:民國)?\s{0,2}[0-9０-９一二三四五六七八九十]{2,4}\s{0,2}年(?:\s{0,2}[0-9０-９一二三四五六七八九十]{1,2}\s{0,2}月)?$"
)
_PLACEHOLDER = re.compile(r"^[(（]?(?:略|無|詳[^()（）]{0,10}|如[^()（）]{0,10})[)）]?[。.]?$")
_HEADER_LOOKAHEAD = 40
# The end of a time range must follow the joint at once: 至 8 月 10 日 is a date, not a time.
_CLOCK_START = re.compile(r"(?:上午|下午|中午|晚上|晚間|傍晚|午後)?\s{0,2}[0-9０-９一二三四五六七八九十]{1,3}\s{0,2}[時點:：]")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_CONTINUED_FIELDS = frozenset({"present", "observers", "excused"})
_COLON_OPENING = re.compile(r"^[:：]\s*")
_AGENCY_END = re.compile(r"(?:政府|議會|委員會|局|處|署|中心)$")
_SHORT_FIELD = re.compile(r"^[^:：]{1,8}[:：]")


@dataclass(slots=True)
class TitleParts:
    organisation: str | None = None
    series: str | None = None
    session: SessionNumber = field(default_factory=SessionNumber)


@dataclass(slots=True)
class Header:
    title: str = ""
    parts: TitleParts = field(default_factory=TitleParts)
    date: dt.date | None = None
    start_time: dt.time | None = None
    # The end of a time range on the 時間 line (下午2時30分至4時10分), when one is given.
    end_time: dt.time | None = None
    location: str | None = None
    chair: Chair = field(default_factory=Chair)
    recorder: str | None = None
    attendance: Attendance = field(default_factory=Attendance)
    # How many of the fields 時間 地點 主席 紀錄 出席 … the head had: the mark of minutes.
    field_count: int = 0
    body_start: int = 0
    warnings: list[str] = field(default_factory=list)


def _number(text: str | None) -> int | None:
    if not text:
        return None
    try:
        return parse_number(text)
    except ValueError:
        return None


def parse_title(title: str) -> TitleParts:
    """臺北市政府資訊局 113 年第 12 次局務會議紀錄 → 臺北市政府資訊局, 局務會議, session 12 of 113."""
    text = title[:300]
    text = _RECORD_WORDS.sub("", text) if _RECORD_WORDS.search(text) else _TRAILING_NOTE.sub("", text)
    text = text.strip()
    marks = list(SESSION_MARK.finditer(text))
    if not marks:
        m = _ORGANISATION.match(text)
        organisation = m.group("org") if m else None
        series = text[m.end() :].strip() if m else text
        return TitleParts(compact(organisation), compact(series))
    mark = marks[-1]
    number = _number(mark.group("n"))
    year = _number(mark.group("year"))
    if year is not None and year >= 1000:
        year = to_roc_year(year)
    prefix = text[: mark.start()].strip()
    tail = text[mark.end() :].strip()
    qualifier_at = prefix.find("第")
    organisation = (prefix[:qualifier_at] if qualifier_at >= 0 else prefix).strip() or None
    qualifier = prefix[qualifier_at:].strip() if qualifier_at >= 0 else ""
    if tail in _GENERIC_SERIES and qualifier:
        series = qualifier
    elif qualifier and tail:
        series = qualifier + tail
    else:
        series = tail or qualifier
    return TitleParts(compact(organisation), compact(series), SessionNumber(number=number, year=year))


def compact(name: str | None) -> str | None:
    """A name as an identifier: 第 5 屆第 3 次定期大會 → 第5屆第3次定期大會 (spaces kept only between Latin words)."""
    if not name:
        return None
    name = name.strip().translate(_FULL_WIDTH_DIGITS)
    return re.sub(r"(?<![A-Za-z])\s+|\s+(?![A-Za-z])", "", name) or None


def split_chair(value: str) -> Chair:
    """陳志銘秘書長 → 陳志銘 + 秘書長; 黃副主任委員景茂 → 黃景茂 + 副主任委員; a bare name has no title."""
    text = _TRAILING_NOTE.sub("", value).strip()
    compact = "".join(text.split())
    if not compact:
        return Chair()
    if compact in v.PERSONAL_TITLES:
        return Chair(None, compact)
    ending = v.ENDS_WITH_TITLE.search(compact)
    if ending and ending.start() > 0:
        # 資訊局趙式隆局長: an agency before the name goes with the title.
        named = re.match(rf"^(?P<a>.{{2,12}}?(?:{v.AGENCY_SUFFIX_ALT}))(?P<n>[^\s]{{2,4}})$", compact[: ending.start()])
        if named:
            return Chair(named.group("n"), named.group("a") + ending.group())
        return Chair(compact[: ending.start()], ending.group())
    titles = "|".join(v.PERSONAL_TITLES)
    inner = re.match(rf"^(?P<a>.{{2,12}}?(?:{v.AGENCY_SUFFIX_ALT}))??(?P<s>[^\s]{{1,2}}?)(?P<t>{titles})(?P<g>[^\s]{{1,2}})$", compact)
    if inner:
        # 交通局高副局長志遠: the agency belongs to the title, the surname and given name to the name.
        return Chair(inner.group("s") + inner.group("g"), (inner.group("a") or "") + inner.group("t"))
    leading = re.match(rf"^(?P<t>{titles})(?P<n>[^\s]{{2,4}})$", compact)
    if leading:
        return Chair(leading.group("n"), leading.group("t"))
    return Chair(text, None)


def _fields_in(text: str) -> list[tuple[str, str]]:
    """The header fields on one line: ``主席：陳志銘秘書長 紀錄：許菁芳`` → chair, recorder."""
    first = v.HEADER_FIELD.match(text)
    if first is None:
        return []
    starts = [first]
    # A row of a header table flattened into one line (主席 黃景茂 紀錄 蔡宜蓁)
    # has no colons at all; typed fields always put one after each word.
    table_row = text[first.end() : first.end() + 1] not in (":", "：")
    for m in v.HEADER_FIELD.finditer(text, first.end()):
        # Later fields on the same line are set off by a space.
        if text[m.start() - 1] == " " and (table_row or text[m.end() : m.end() + 1] in (":", "：")):
            starts.append(m)
    out: list[tuple[str, str]] = []
    for n, m in enumerate(starts):
        key = v.header_key(m.group("key"))
        end = starts[n + 1].start() if n + 1 < len(starts) else len(text)
        value = text[m.end() : end].strip()
        value = _COLON_OPENING.sub("", value)
        if value[:1] in "(（" and value[-1:] in ")）":
            value = value[1:-1].strip()
        if key is not None:
            out.append((key, value))
    return out


# Asked twice of the head's lines (to find the head, then to read it).
@short_text_cache
def _field_line(text: str) -> tuple[tuple[str, str], ...]:
    label, rest = split_label(text)
    if label is not None and label.level > 1:
        return ()
    return tuple(_fields_in(rest))


def _find_title(lines: list[Line], first_field: int) -> str:
    before = [ln.text for ln in lines[:first_field]]
    if not before:
        return ""
    end = max((n for n, t in enumerate(before) if _TITLE_WORDS.search(t)), default=0)
    start = end
    while start > 0 and end - start < 2:
        prev = before[start - 1]
        if len(prev) > 40 or "：" in prev or ":" in prev or _DATE_ONLY.match(prev) or split_label(prev)[0]:
            break
        if not (_TITLE_WORDS.search(prev) or _AGENCY_END.search(prev)):
            break
        start -= 1
    return "".join(before[start : end + 1])


def parse_header(lines: list[Line]) -> Header:
    """Read the head of the minutes; ``body_start`` is the index of the first line of the body."""
    head = Header()
    first_field = next((n for n, ln in enumerate(lines[:_HEADER_LOOKAHEAD]) if _field_line(ln.text)), None)
    if first_field is None:
        head.title = _find_title(lines, min(len(lines), 5))
        head.parts = parse_title(head.title)
        head.body_start = next((n for n, ln in enumerate(lines) if n > 0 and starts_block(ln.text)), len(lines))
        return head
    head.title = _find_title(lines, first_field)
    head.parts = parse_title(head.title)
    values: dict[str, list[str]] = {}
    current: str | None = None
    n = first_field
    while n < len(lines):
        text = lines[n].text
        found = _field_line(text)
        if found:
            for key, value in found:
                values.setdefault(key, []).append(value)
                head.field_count += 1
            current = found[-1][0]
        elif starts_block(text):
            break
        elif current is not None and (current in _CONTINUED_FIELDS or not "".join(values[current])):
            values[current].append(text)
        elif n + 1 < len(lines) and _field_line(lines[n + 1].text):
            # A second line under a one-line field (the vice-chair under 主席): the head goes on.
            head.warnings.append(
                ParseWarning(gettext_noop("「%(text)s」不屬於任何會議欄位，未列入"), {"text": text[:20]}, line=lines[n].number)
            )
        elif not _SHORT_FIELD.match(text):
            break
        n += 1
    head.body_start = n
    _fill(head, values, lines[first_field].number)
    return head


def _fill(head: Header, values: dict[str, list[str]], line_no: int) -> None:
    def joined(key: str, sep: str = " ") -> str | None:
        parts = [p for p in values.get(key, []) if p]
        return sep.join(parts) if parts else None

    when = joined("time")
    if when:
        _fill_time(head, when, line_no)
    head.location = _without_opening(head, joined("place"))
    chair = _without_opening(head, joined("chair"))
    if chair:
        head.chair = split_chair(chair)
    head.recorder = _without_opening(head, joined("recorder"))
    head.attendance = Attendance(present=joined("present", "\n"), observers=joined("observers", "\n"), excused=joined("excused", "\n"))


def _without_opening(head: Header, value: str | None) -> str | None:
    """A field value without the opening of the meeting that PDF extraction ran into it (邱碧娥主席宣布開會 → 邱碧娥)."""
    if not value:
        return value
    m = v.OPENING.search(value)
    if m is None or m.start() == 0:
        return value
    head.warnings.append(
        ParseWarning(gettext_noop("「%(value)s」末尾的「%(opening)s」是宣布開會，不屬於欄位內容"), {"value": value, "opening": m.group()})
    )
    return value[: m.start()].rstrip()


def _fill_time(head: Header, when: str, line_no: int) -> None:
    dates = find_date_mentions(when)
    rest = when
    if dates:
        d = dates[0]
        if d.year is None:
            head.warnings.append(
                ParseWarning(gettext_noop("會議日期「%(date)s」沒有年份，無法確定日期"), {"date": when[d.start : d.end]}, line=line_no)
            )
        else:
            head.date = dt.date(d.year, d.month, d.day)
        rest = when[d.end :]
    else:
        head.warnings.append(ParseWarning(gettext_noop("讀不出會議日期「%(date)s」"), {"date": when}, line=line_no))
    clock = parse_clock(rest)
    if clock is not None:
        head.start_time = clock[0]
        head.end_time = _range_end(rest, clock[1], clock[0])


def _range_end(text: str, at: int, start: dt.time) -> dt.time | None:
    """The end of 下午2時30分至4時10分: the clock right after 至, in the afternoon if the start was and it says no other."""
    joint = v.TIME_RANGE.match(text, at)
    if joint is None:
        return None
    end = parse_clock(text[joint.end() :])
    if end is None or _CLOCK_START.match(text, joint.end()) is None:
        return None
    clock = end[0]
    if clock < start and clock.hour < 12 and start.hour >= 12:
        clock = clock.replace(hour=clock.hour + 12)
    return clock if clock > start else None


def is_placeholder(text: str) -> bool:
    """（略）, 無, 詳如附件: text that stands in for content and carries none."""
    return bool(_PLACEHOLDER.match(text.strip()))
