"""Reading a work report's text (as typed, or as extracted from a PDF) into a ``WorkReport``.

The cover comes first (month, audience, agency with 工作報告, presenter), then
the contents with dotted leaders and page numbers, the greeting to the
councillors and a few opening paragraphs that name the period (本期), then the
labelled parts. Sentences that a page break cut in two are joined again; a
table whose header is printed again on the next page is one table.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from lieguan.minutes.errors import gettext_noop
from lieguan.minutes.numerals import format_label, parse_number
from lieguan.minutes.rocdate import from_roc_year
from lieguan.minutes.workreport import tables as tb
from lieguan.minutes.workreport.amounts import find_quantities
from lieguan.minutes.workreport.kpis import read_kpis
from lieguan.minutes.workreport.model import Presenter, Section, Table, TocEntry, WorkReport

REPORT_NAME = re.compile(r"工作報告|業務報告|施政報告|工作成果報告")
_COUNCIL = re.compile(r"議會|代表會")
_COVER_MONTH = re.compile(r"(?:中華)?民國\s*(\d+)\s*年\s*(\d+)\s*月")
_PRESENTER = re.compile(r"^報告人\s*[：:]\s*(.+)$")
_PRESENTER_ALONE = re.compile(r"^報告人\s*[：:]$")  # a cover line that ends in a colon, never the greeting
_TOC_HEAD = re.compile(r"^目\s*錄$|^目\s*次$")
_TOC_LINE = re.compile(r"^(?P<heading>.+?)\s*(?:\.{2,}|…+|·{2,})\s*(?P<page>\d+)\s*$")
_BULLET = re.compile(r"^[-•‧●]\s+")
# The labels of the five heading levels: 壹、 一、 （一） 1、 （1）. The markup units write uses them too.
LEVELS = (
    re.compile(r"^(?P<n>[壹貳參肆伍陸柒捌玖拾]+)\s*、\s*"),
    re.compile(r"^(?P<n>[一二三四五六七八九十百]+)\s*、\s*"),
    re.compile(r"^[（(]\s*(?P<n>[一二三四五六七八九十百]+)\s*[）)]\s*"),
    re.compile(r"^(?P<n>\d{1,2})\s*[、．]\s*"),
    re.compile(r"^[（(]\s*(?P<n>\d{1,2})\s*[）)]\s*"),
)
_ENDS_SENTENCE = re.compile(r"[。！？：；」』）)!?:;]$")
_PERIOD = re.compile(
    r"(?P<y1>\d+)\s*年\s*(?P<m1>\d+)\s*月\s*(?P<d1>\d+)\s*日\s*[至到~～－—-]\s*"
    r"(?:(?P<y2>\d+)\s*年\s*)?(?P<m2>\d+)\s*月\s*(?P<d2>\d+)\s*日"
)
_HALF_YEAR = re.compile(r"(?P<y>\d+)\s*年(?:度)?\s*(?P<half>上|下)半年")
_TABLE_INTRO = re.compile(r"(?:如下表|下表|如下)\s*[：:]?$")
_STATED_TOTAL = re.compile(r"(?:共計|合計|總計|計|共)\s*(?:受理|辦理|服務|提供|處理)?\s*$")


class NotWorkReportError(ValueError):
    """The text is not a work report.

    Like the library's errors, it says so as a message id and parameters (``msgid``, ``params``; ``str()`` is the
    Chinese sentence), so that the page that shows it at once words it in its reader's language.
    """

    line: int | None = None

    def __init__(self, msgid: str, params: Mapping[str, object] | None = None) -> None:
        self.msgid = msgid
        self.params: Mapping[str, object] = dict(params or {})
        super().__init__(msgid % self.params if self.params else msgid)


@dataclass
class _Para:
    text: str
    level: int | None  # the enumeration level of its label, None when unlabelled
    label: str
    number: int  # line number, for messages


def looks_like_work_report(text: str) -> bool:
    """Whether ``text`` is a work report: a report's name on its cover and parts labelled 壹、貳、."""
    head = [ln.strip() for ln in text.splitlines()[:40] if ln.strip()]
    named = any(REPORT_NAME.search(ln) for ln in head[:12])
    parts = sum(1 for ln in text.splitlines() if LEVELS[0].match(_BULLET.sub("", ln.strip())) and not _TOC_LINE.match(ln.strip()))
    return named and parts >= 2


_PAGE_NUMBER = re.compile(r"^\s*[-－–]?\s*\d{1,3}\s*[-－–]?\s*$")
_SPREAD = re.compile(r"^[\u3400-\u9fff](?: [\u3400-\u9fff])+$")
_TOC_THEN_TEXT = re.compile(r"^(?P<toc>.+?(?:\.{2,}|…+|·{2,})\s*\d+)\s+(?P<rest>\S.*)$")
_MONTH_THEN_TEXT = re.compile(r"^(?P<month>(?:中華)?民國\s*\d+\s*年\s*\d+\s*月)\s*(?P<rest>\S.*)$")


def unpage(text: str) -> str:
    """Text read from a PDF (pages split by form feeds) as the parser reads typed text.

    The PDF reader joins a line that reaches the right margin with the next, so a
    right-aligned cover month runs into the audience and the last 目錄 line into
    the greeting; a page's number is its last line; letter-spaced titles come out
    with a space between every two characters.
    """
    if "\f" not in text:
        return text
    out: list[str] = []
    for page in text.split("\f"):
        lines = page.split("\n")
        while lines and not lines[-1].strip():
            lines.pop()
        if lines and _PAGE_NUMBER.match(lines[-1]):
            lines.pop()
        for line in lines:
            stripped = line.strip()
            if _SPREAD.match(stripped):
                out.append(stripped.replace(" ", ""))
            elif (found := _TOC_THEN_TEXT.match(stripped) or _MONTH_THEN_TEXT.match(stripped)) is not None:
                out += [found.group(1), found.group("rest")]
            else:
                out.append(line)
    return "\n".join(out)


def parse_work_report(text: str) -> WorkReport:
    """Read ``text`` as a work report; raise ``NotWorkReportError`` if it is none."""
    text = unpage(text)
    if not looks_like_work_report(text):
        raise NotWorkReportError(gettext_noop("找不到工作報告的封面（「工作報告」字樣）與「壹、貳、」各部分"))
    # Tabs are kept at either end: a leading tab is the empty first cell of a header row.
    lines = [_BULLET.sub("", ln.replace("\f", "").strip(" \u3000\r")) for ln in text.split("\n")]
    first_part = _first_part(lines)
    report = _front(lines[:first_part])
    root = Section(label="", heading="", level=-1)
    _build(root, _blocks(lines, first_part, report.warnings))
    report.sections = root.sections
    _closing(report)
    if report.period_start is None:
        _period_from_headings(report)
    report.kpis = read_kpis(report.sections)
    for table in report.tables():
        report.warnings += tb.check_totals(table)
    return report


def _first_part(lines: list[str]) -> int:
    """Where 壹 begins: the first part heading that is not a line of the contents."""
    parts = [i for i, ln in enumerate(lines) if LEVELS[0].match(ln) and not _TOC_LINE.match(ln)]
    toc = next((i for i, ln in enumerate(lines[: parts[0]]) if _TOC_HEAD.match(ln)), None)
    if toc is None:
        return parts[0]
    # Contents without page numbers (a DOCX's 目錄, which Word numbers when the file is opened) name the parts
    # again before the greeting: the body starts after it.
    greeting = next((i for i in range(toc + 1, len(lines)) if _is_greeting(lines[i])), None)
    return next((i for i in parts if greeting is not None and i > greeting), parts[0])


def _is_greeting(ln: str) -> bool:
    return ln.endswith(("：", ":")) and not _PRESENTER_ALONE.match(ln)


def _front(lines: list[str]) -> WorkReport:
    """The cover, the contents, the greeting and the opening paragraphs."""
    report = WorkReport(title="", organisation="", audience="", month=None, presenter=None, period_start=None, period_end=None)
    in_toc = False
    greeted = False
    for ln in lines:
        if not ln:
            continue
        if _TOC_HEAD.match(ln):
            in_toc = True
            continue
        toc = _TOC_LINE.match(ln)
        if toc and not greeted:
            report.contents.append(TocEntry(heading=toc.group("heading").strip(), page=int(toc.group("page"))))
            continue
        if greeted:
            report.opening.append(ln)
        elif _is_greeting(ln):
            # The first line addressed to the councillors, after the contents or, without them, after the cover.
            report.greeting, greeted = ln, True
        elif not in_toc:
            _cover_line(report, ln)
    _period(report, " ".join(report.opening))
    return report


def _cover_line(report: WorkReport, ln: str) -> None:
    if (m := _COVER_MONTH.search(ln)) and report.month is None:
        report.month = f"{from_roc_year(int(m.group(1))):04d}-{int(m.group(2)):02d}"
    elif m := _PRESENTER.match(ln):
        who = m.group(1).split()
        report.presenter = Presenter(name=who[-1], title=" ".join(who[:-1])) if len(who) > 1 else Presenter(name=who[0], title="")
    elif REPORT_NAME.search(ln) and not report.title:
        report.title = ln
        report.organisation = REPORT_NAME.sub("", ln).strip()
    elif _COUNCIL.search(ln) and not report.audience:
        report.audience = ln


def _period(report: WorkReport, opening: str) -> None:
    found = list(_PERIOD.finditer(opening))
    if not found:
        return
    # The sentence that names 本期 is the one that sets the period.
    m = next((f for f in found if "本期" in opening[f.end() : f.end() + 15]), found[0])
    y1 = int(m.group("y1"))
    y2 = int(m.group("y2")) if m.group("y2") else y1
    try:
        report.period_start = dt.date(from_roc_year(y1), int(m.group("m1")), int(m.group("d1")))
        report.period_end = dt.date(from_roc_year(y2), int(m.group("m2")), int(m.group("d2")))
    except ValueError:
        report.warnings.append(f"報告期間「{m.group()}」不是有效日期")


def _period_from_headings(report: WorkReport) -> None:
    for s in report.sections:
        if m := _HALF_YEAR.search(s.heading):
            year = from_roc_year(int(m.group("y")))
            first = m.group("half") == "上"
            report.period_start = dt.date(year, 1 if first else 7, 1)
            report.period_end = dt.date(year, 6 if first else 12, 30 if first else 31)
            report.warnings.append(f"報告期間依標題「{s.heading}」推定")
            return


def _label(ln: str) -> tuple[int, str, str] | None:
    for level, pattern in enumerate(LEVELS):
        if m := pattern.match(ln):
            try:
                n = parse_number(m.group("n"))
            except ValueError:
                return None
            return level, format_label(level, n), ln[m.end() :].strip()
    return None


def _is_table_start(lines: list[str], i: int, previous: str) -> bool:
    if tb.is_tab_row(lines[i]):
        return True
    if not tb.is_space_row(lines[i]):
        return False
    following = [ln for ln in lines[i + 1 : i + 4] if ln]
    rows_after = len(following) >= 1 and tb.is_space_row(following[0])
    return rows_after and (bool(_TABLE_INTRO.search(previous)) or (len(following) >= 2 and tb.is_space_row(following[1])))


def _table_lines(lines: list[str], i: int) -> int:
    """The index after the last row of the table starting at ``i``."""
    tabbed = "\t" in lines[i]
    j = i + 1
    while j < len(lines) and lines[j]:
        row = tb.is_tab_row(lines[j]) if tabbed else tb.is_space_row(lines[j])
        if not row:
            break
        j += 1
    return j


def _blocks(lines: list[str], start: int, warnings: list[str]) -> list[_Para | Table]:
    out: list[_Para | Table] = []
    i = start
    previous = ""
    while i < len(lines):
        ln = lines[i]
        if not ln.strip():
            i += 1
            continue
        if _is_table_start(lines, i, previous):
            end = _table_lines(lines, i)
            table = tb.read_table([x for x in lines[i:end] if x.strip()])
            last = out[-1] if out else None
            if isinstance(last, Table) and tb.same_header(last, table):
                tb.add_rows(last, [*table.rows, *table.totals] if not table.paired else table.rows)
            else:
                table.stated_total = _stated_total(previous)
                out.append(table)
            i = end
            continue
        ln = ln.strip()
        labelled = _label(ln)
        last = out[-1] if out else None
        if labelled is None and isinstance(last, _Para) and _continues(last) and not ln.startswith("敬祝"):
            # A page break cut the sentence: join its halves again.
            last.text = _join(last.text, ln)
            warnings.append(f"第 {i + 1} 行：被分頁切斷的句子已與第 {last.number} 行接合")
        elif labelled is None:
            out.append(_Para(ln, None, "", i + 1))
        else:
            out.append(_Para(labelled[2], labelled[0], labelled[1], i + 1))
        previous = out[-1].text if isinstance(out[-1], _Para) else previous
        i += 1
    return out


def _continues(para: _Para) -> bool:
    """Whether the paragraph stops in mid-sentence (and is no heading, which never ends in punctuation)."""
    if _ENDS_SENTENCE.search(para.text) or para.text.startswith("敬祝"):
        return False
    is_heading = para.level is not None and not re.search(r"[，。；：]", para.text)
    return not is_heading


def _join(a: str, b: str) -> str:
    if re.search(r"[A-Za-z0-9%]$", a) or re.match(r"^[A-Za-z0-9]", b):
        return f"{a} {b}"
    return a + b


def _stated_total(intro: str) -> float | None:
    if not _TABLE_INTRO.search(intro):
        return None
    stated = [q for q in find_quantities(intro) if not q.is_date and _STATED_TOTAL.search(intro[: q.start])]
    return stated[-1].value if stated else None


def split_heading(text: str) -> tuple[str, str]:
    """A labelled line as heading and paragraph: 「公務車輛：本處現有…」 → (公務車輛, 本處現有…); a sentence has no heading."""
    m = re.match(r"^([^，。；：:]{1,40})[：:]\s*(.*)$", text)
    if m:
        return m.group(1).strip(), m.group(2).strip()
    if re.search(r"[，。；]", text):
        return "", text
    return text, ""


def _build(root: Section, blocks: list[_Para | Table]) -> None:
    stack = [root]
    for block in blocks:
        if isinstance(block, Table):
            block.after_paragraph = len(stack[-1].paragraphs)
            stack[-1].tables.append(block)
            continue
        if block.level is None:
            stack[-1].paragraphs.append(block.text)
            continue
        while stack[-1].level >= block.level:
            stack.pop()
        heading, rest = split_heading(block.text)
        section = Section(label=block.label, heading=heading, level=block.level, paragraphs=[rest] if rest else [])
        stack[-1].sections.append(section)
        stack.append(section)


def _closing(report: WorkReport) -> None:
    """The closing wishes (敬祝…) after the last part, kept apart from its paragraphs."""
    if not report.sections:
        return
    last = report.sections[-1]
    while last.sections:
        last = last.sections[-1]
    for i, p in enumerate(last.paragraphs):
        if p.startswith("敬祝"):
            report.closing = last.paragraphs[i:]
            last.paragraphs = last.paragraphs[:i]
            return
