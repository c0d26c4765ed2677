"""Putting the minutes together: head, body, tracking, deadlines and the warnings of every step."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

# The module, not the function: deadlines reads the vocabulary of this package, which imports this module first.
from lieguan.minutes import deadlines as due_dates
from lieguan.minutes.errors import NotMinutesError, ParseWarning, gettext_noop
from lieguan.minutes.model import CaseDecision, Conclusion, Deadline, Item, Minutes
from lieguan.minutes.parser import vocabulary as v
from lieguan.minutes.parser.body import parse_body
from lieguan.minutes.parser.case_tables import CaseTable, find_case_tables
from lieguan.minutes.parser.header import Header, parse_header
from lieguan.minutes.parser.lines import Line, paragraphs
from lieguan.minutes.parser.tracking import find_case_decisions, starts_tracking

_RECORD_TITLE = re.compile(r"紀錄|記錄|紀要")
_REPORT_TITLE = re.compile(r"工作報告|施政報告|業務報告|報告書|簡報")
_ANNOUNCEMENT_TITLE = re.compile(r"開會通知單?|會議通知單?|議程|簽到表|簽到單")
# What a document announcing a meeting is, in its title's own word (開會通知單, 議程, 簽到表): one sentence for each kind,
# told apart by the placeholder's name, so that another language says "a meeting notice" or "an agenda" in its own words.
_ANNOUNCED = {
    "通知": (gettext_noop("這份文件是%(notice)s（「%(title)s」），不是會議紀錄；請於會後匯入會議紀錄"), "notice"),
    "議程": (gettext_noop("這份文件是%(agenda)s（「%(title)s」），不是會議紀錄；請於會後匯入會議紀錄"), "agenda"),
    "簽到": (gettext_noop("這份文件是%(sign_in_sheet)s（「%(title)s」），不是會議紀錄；請於會後匯入會議紀錄"), "sign_in_sheet"),
}
# Slips of OCR (or of a Japanese font) that are never words of their own, so
# they can be put right everywhere before reading: 録 for 錄, 菅 for 管.
_OCR_SLIPS = {"紀録": "紀錄", "記録": "記錄", "列菅": "列管"}


def parse_text(text: str) -> Minutes:
    """Parse the text of a minutes document; raise ``NotMinutesError`` if it is not minutes."""
    text, slips = _fold_ocr_slips(text)
    tables = find_case_tables(text)
    lines = paragraphs(text, [(t.first, t.last, t.text) for t in tables])
    if not lines:
        raise NotMinutesError(gettext_noop("文件沒有任何文字內容，不是會議紀錄"))
    head = parse_header(lines)
    _check_minutes(head, lines)
    body = parse_body(lines[head.body_start :], head.date, head.parts.session, {t.first: t.motions for t in tables if t.motions})
    minutes = Minutes(
        title=head.title,
        organisation=head.parts.organisation,
        series=head.parts.series,
        session=head.parts.session,
        date=head.date,
        start_time=head.start_time,
        # 散會 says when the meeting ended; a range on the 時間 line only what was planned or kept.
        end_time=body.end_time or head.end_time,
        location=head.location,
        chair=head.chair,
        recorder=head.recorder,
        attendance=head.attendance,
        previous_minutes=body.previous_minutes,
        sections=body.sections,
    )
    minutes.warnings = slips + _joins(lines) + head.warnings + body.warnings
    _read_tracking(minutes, _table_decisions(tables, body.tables, minutes.warnings))
    return minutes


def _fold_ocr_slips(text: str) -> tuple[str, list[str]]:
    warnings: list[str] = []
    for slip, word in _OCR_SLIPS.items():
        count = text.count(slip)
        if count:
            text = text.replace(slip, word)
            warnings.append(
                ParseWarning(
                    gettext_noop("「%(slip)s」視為「%(word)s」（疑為文字辨識錯誤），共 %(count)s 處"),
                    {"slip": slip, "word": word, "count": count},
                )
            )
    return text, warnings


def _check_minutes(head: Header, lines: list[Line]) -> None:
    """Refuse a document that has neither the head of minutes nor a minutes title."""
    titled = bool(_RECORD_TITLE.search(head.title))
    announced = _ANNOUNCEMENT_TITLE.search(head.title)
    if announced and not titled:
        # A meeting notice or agenda has 時間 地點 主席 too, but records nothing yet.
        word = announced.group()
        msgid, name = next(sentence for key, sentence in _ANNOUNCED.items() if key in word)
        raise NotMinutesError(msgid, {name: word, "title": _quote(head.title)})
    if head.field_count >= 2 or (head.field_count >= 1 and titled):
        return
    if titled and any(v.CONCLUSION_HEADING.match(ln.text) for ln in lines):
        head.warnings.append(ParseWarning(gettext_noop("找不到「時間、地點、主席」等會議欄位，僅依標題與會議結論判定為會議紀錄")))
        return
    # Quote the words up to the report's name: the lines after it (報告人 …) may have been joined to it.
    named = next((m for ln in lines[:10] if (m := _REPORT_TITLE.search(ln.text))), None)
    if named:
        raise NotMinutesError(
            gettext_noop(
                "這份文件不是會議紀錄，看來是一份報告（「%(report)s」）：找不到會議紀錄的標題，也沒有「時間」「地點」「主席」等會議欄位"
            ),
            {"report": named.string[max(0, named.end() - 60) : named.end()]},
        )
    raise NotMinutesError(gettext_noop("這份文件不是會議紀錄：找不到會議紀錄的標題，也沒有「時間」「地點」「主席」等會議欄位"))


def _quote(title: str, limit: int = 60) -> str:
    """A title short enough for a message, marked where it was cut."""
    return title if len(title) <= limit else title[:limit] + "…"


def _joins(lines: list[Line]) -> list[str]:
    return [
        ParseWarning(gettext_noop("被分頁切斷的句子已與第 %(at)s 行接合"), {"at": at}, line=ln.number)
        for ln in lines
        for at in ln.joined_at
    ]


def _table_decisions(tables: list[CaseTable], placed: list[tuple[int, Item]], warnings: list[str]) -> dict[int, list[CaseDecision]]:
    """The decisions of each case table, keyed by the ``id`` of the item the table stands in."""
    by_line = {t.first: t for t in tables}
    out: dict[int, list[CaseDecision]] = {}
    for line, item in placed:
        table = by_line.get(line)
        if table is not None:
            out.setdefault(id(item), []).extend(table.decisions)
            warnings.extend(table.warnings)
    return out


def _read_tracking(minutes: Minutes, table_decisions: dict[int, list[CaseDecision]]) -> None:
    """Case decisions, newly tracked conclusions and deadlines, read from the conclusions and the case tables.

    Remarks and titles are left out on purpose: a speaker's 建議解除列管 or a
    title's 截至8月底 decides and asks nothing, unless the meeting adopted the
    item as it was put (照案通過): then what the title asks for by a date, the
    meeting asks for. A case table's decisions come before the conclusions of
    the item it stands in, as the table is printed first.
    """
    # Keyed dicts keep the first of each in document order without a quadratic search.
    decisions: dict[tuple[str, str, str | None], CaseDecision] = {}
    deadlines: dict[tuple[str, dt.date], Deadline] = {}
    for conclusion, from_tables, adopted in _in_order(minutes, table_decisions):
        for d in from_tables:
            decisions.setdefault((d.case, d.decision, d.part), d)
        if adopted is not None and minutes.date is not None:
            for deadline in due_dates.find_deadlines(adopted, minutes.date, warnings=minutes.warnings):
                deadlines.setdefault((deadline.text, deadline.date), deadline)
                minutes.warnings.append(
                    ParseWarning(gettext_noop("「%(phrase)s」寫在照案通過的提案案由中，列為期限"), {"phrase": deadline.text})
                )
        if conclusion is None:
            continue
        found = find_case_decisions(conclusion.text)
        for d in found.decisions:
            decisions.setdefault((d.case, d.decision, d.part), d)
        minutes.warnings.extend(found.warnings)
        conclusion.tracked = not found.decisions and starts_tracking(conclusion.text)
        if minutes.date is not None:
            for deadline in due_dates.find_deadlines(conclusion.text, minutes.date, warnings=minutes.warnings):
                deadlines.setdefault((deadline.text, deadline.date), deadline)
    if minutes.date is None and any(_mentions_date(c) for c in minutes.all_conclusions()):
        minutes.warnings.append(ParseWarning(gettext_noop("會議日期不明，結論中的期限無法換算成日期")))
    minutes.case_decisions = list(decisions.values())
    minutes.deadlines = list(deadlines.values())


def _in_order(
    minutes: Minutes, table_decisions: dict[int, list[CaseDecision]]
) -> Iterator[tuple[Conclusion | None, list[CaseDecision], str | None]]:
    """Every conclusion in document order, each item's table decisions (and its title, if adopted as put) just before its conclusions."""
    for section in minutes.sections:
        for conclusion in section.conclusions:
            yield conclusion, [], None
        for item in section.items:
            adopted = item.title if any(v.ADOPTED_AS_PUT.search(c.text) for c in item.conclusions) else None
            yield None, table_decisions.get(id(item), []), adopted
            for conclusion in item.conclusions:
                yield conclusion, [], None


def _mentions_date(conclusion: Conclusion) -> bool:
    return "月" in conclusion.text or "年底" in conclusion.text
