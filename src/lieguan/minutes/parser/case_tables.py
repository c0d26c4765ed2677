"""Status tables of tracked cases (列管編號 | 案由 | 主辦機關 | 辦理情形 | 擬辦 | 決定), as text conversion flattens them.

The report on the carry-over cases (上次會議結論事項執行情形) is often a table
whose last column records the meeting's decision on each case: 解除列管,
賡續列管, or one decision per agency (捷運公司部分解除列管). Converted to text,
the table arrives in one of four shapes: Markdown rows between ``|`` pipes,
cells separated by tabs, cells separated by runs of spaces, or every cell on a
line of its own. This module finds such tables in the source lines, reads a
decision per case from the decision column (or, failing that, from the
proposal column, which is then reported as a guess) and hands the table on as
one paragraph, so that its rows are neither taken for items nor read again as
conclusions.

A table counts as a case table only if its header names a case-number column
and a column about progress or decision, and at least one row holds a case
number; a budget table with a 編號 column of row numbers is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from lieguan.minutes.errors import ParseWarning, gettext_noop
from lieguan.minutes.model import CaseDecision, Decision
from lieguan.minutes.parser import vocabulary as v
from lieguan.minutes.parser.labels import split_label
from lieguan.minutes.parser.tracking import decision_verbs, fold, read_case_cell

Kind = Literal["serial", "case", "decision", "proposal", "status", "agency", "subject", "note"]
Shape = Literal["pipe", "tab", "spaces", "lines"]

# Checked in this order: 列管情形 is the decision, 辦理情形 the progress.
_HEADER_KINDS: list[tuple[Kind, re.Pattern[str]]] = [
    ("serial", re.compile(r"^(?:項次|序號|序|項|次序|NO\.?|No\.?)$")),
    ("case", re.compile(r"編號|案號|案件號|管制號")),
    (
        "decision",
        re.compile(r"決定|列管情形|審議結果|審查結果|裁示|核定|列管與否|是否解除|解除列管|列管結果|(?<!原)(?<!會議)決議$|^議決$"),
    ),
    ("proposal", re.compile(r"擬辦|建議|意見|擬議")),
    ("status", re.compile(r"情形|進度|進展|說明|成果|現況")),
    ("agency", re.compile(r"機關|單位|局處|承辦|主辦|協辦|權責")),
    ("subject", re.compile(r"案由|結論|事項|名稱|主旨|決議|指示|內容|案名|標題|交辦")),
    ("note", re.compile(r"備註|附註|期限|日期|時間|完成|附件")),
]
_TRACKING_KINDS = frozenset({"decision", "proposal", "status"})
_MAX_HEADER_CELL = 16
_MAX_COLUMNS = 12
# A cell on a line of its own that says no more than a decision is this short.
_MAX_DECISION_LINE = 40
# Lines a one-cell-per-line row may run beyond its column count (cells wrapped in two).
_ROW_SLACK = 4
_MAX_ROW_LINES = 60

_PIPE_RULE = re.compile(r"^\|?\s{0,3}:?-{3,}:?\s{0,3}(?:\|\s{0,3}:?-{3,}:?\s{0,3}){0,60}\|?$")
_SPACE_SPLIT = re.compile(r"[ \u00a0]{2,}|\u3000+")
_CLEAN_HEADER = re.compile(r"[\s*_`#>]+")
_PAGE_MARK = re.compile(
    r"^(?:[-－—–─‐~～]\s{0,3}[0-9０-９]{1,4}\s{0,3}[-－—–─‐~～]|第\s{0,3}[0-9０-９]{1,4}\s{0,3}頁.{0,12}|[0-9０-９]{1,3})$"
)
_CELL_CLAUSE = re.compile(r"[；;。，,\n]")
_PART = re.compile(r"[(]?\s{0,2}(?P<part>[^\s()（）:：，,；;。]{1,30}?)\s{0,2}部分")
_PART_PREFIX = re.compile(r"^(?:同意|擬|建議|准予|准|經查|其中|另)+")
_NEGATED = re.compile(r"(?:不|未|暫不|不予|無法|尚難)\s{0,2}(?:同意)?\s{0,2}$")
# A decision that defers to the proposal column: 同意, 依擬辦理, 如擬, 照擬辦.
_AS_PROPOSED = re.compile(r"同意|依擬|如擬|照擬|准如|照案|洽悉|准予備查")


@dataclass(slots=True)
class CaseTable:
    first: int  # source line of the header (1-based, as lines.py counts)
    last: int  # source line of the table's last line
    shape: Shape
    text: str  # the rows as text, one row a line, cells between ｜
    decisions: list[CaseDecision] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # A council's table of bills (案號 | 案由 | 審查意見 | 議決): each row an item, its decision the conclusion.
    motions: list[Motion] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Motion:
    """One row of a table of bills: its number, its subject (案由), the decision on it and that column's heading."""

    case: str
    subject: str
    resolution: str
    heading: str
    row: str


@dataclass(slots=True)
class _Row:
    cells: list[str]
    line: int
    # False when the cells could not be matched to the columns one for one.
    aligned: bool = True


def source_lines(text: str) -> list[tuple[int, str]]:
    """The lines of ``text`` numbered as ``lines.paragraphs`` numbers them (form feeds split pages)."""
    out: list[tuple[int, str]] = []
    number = 0
    for page in text.split("\f"):
        for raw in page.splitlines() or [""]:
            number += 1
            out.append((number, raw))
    return out


def find_case_tables(text: str) -> list[CaseTable]:
    """Every table of tracked cases in ``text``, in document order."""
    if "編號" not in text and "案號" not in text:
        return []
    lines = source_lines(text)
    tables: list[CaseTable] = []
    i = 0
    while i < len(lines):
        _, raw = lines[i]
        if "編號" not in raw and "案號" not in raw:
            i += 1
            continue
        table, end = _table_at(lines, i)
        if table is not None:
            tables.append(table)
        # Lines a rejected table spanned hold no table either: they were all of its shape.
        i = max(end, i + 1)
    return tables


def _table_at(lines: list[tuple[int, str]], i: int) -> tuple[CaseTable | None, int]:
    _, raw = lines[i]
    stripped = raw.strip()
    if stripped.startswith("|"):
        return _delimited(lines, i, "pipe")
    if "\t" in stripped:
        return _delimited(lines, i, "tab")
    if len(_split(raw, "spaces")) >= 3:
        return _delimited(lines, i, "spaces")
    return _one_per_line(lines, i)


# ---------------------------------------------------------------- headers
def _header_kind(cell: str) -> Kind | None:
    text = _CLEAN_HEADER.sub("", cell)
    if not text or len(text) > _MAX_HEADER_CELL:
        return None
    for kind, pattern in _HEADER_KINDS:
        if pattern.search(text):
            return kind
    return None


def _header(cells: list[str]) -> list[Kind | None] | None:
    """The kind of each column, if ``cells`` are the header of a case table."""
    cells = [c for c in cells if c.strip()]
    if not 3 <= len(cells) <= _MAX_COLUMNS:
        return None
    kinds = [_header_kind(c) for c in cells]
    if sum(k is None for k in kinds) > 1 or "case" not in kinds or not _TRACKING_KINDS & set(kinds):
        return None
    return kinds


# ---------------------------------------------------------------- delimited shapes
def _split(raw: str, shape: Shape) -> list[str]:
    if shape == "pipe":
        return [c.strip() for c in raw.strip().strip("|").split("|")]
    if shape == "tab":
        # Trailing tabs are empty cells at the end of the row, so only the line ending goes.
        return [c.strip() for c in raw.rstrip("\r\n \u00a0").split("\t")]
    return [c.strip() for c in _SPACE_SPLIT.split(raw.strip())]


def _belongs(raw: str, shape: Shape) -> bool:
    stripped = raw.strip()
    if shape == "pipe":
        return stripped.startswith("|")
    if shape == "tab":
        return "\t" in stripped or raw.startswith("\t")
    return len(_split(raw, "spaces")) >= 2 or (raw[:1] in (" ", "\u3000") and not _structural(stripped))


def _delimited(lines: list[tuple[int, str]], i: int, shape: Shape) -> tuple[CaseTable | None, int]:
    first, raw = lines[i]
    header_cells = _split(raw, shape)
    kinds = _header(header_cells)
    if kinds is None:
        return None, i + 1
    if shape == "tab":
        # A tab table keeps its empty cells, so the header's own empty cells count.
        kinds_all: list[Kind | None] = [_header_kind(c) if c else None for c in header_cells]
    else:
        kinds_all = kinds
    rows: list[_Row] = []
    j = i + 1
    last = first
    while j < len(lines):
        number, raw = lines[j]
        if not raw.strip():
            j += 1
            continue
        if not _belongs(raw, shape):
            break
        last = number
        j += 1
        stripped = raw.strip()
        if shape == "pipe" and _PIPE_RULE.match(stripped):
            continue
        cells = _split(raw, shape)
        if _header(cells) is not None:
            continue  # the header repeated at the top of a new page
        _add_row(rows, cells, number, kinds_all, shape)
    return _finish(first, last, shape, header_cells, kinds_all, rows), j


def _add_row(rows: list[_Row], cells: list[str], number: int, kinds: list[Kind | None], shape: Shape) -> None:
    """A row of its own if it holds a case number, else the wrapped continuation of the row before."""
    if shape == "spaces" and len(cells) != len(kinds):
        cells = _realign(cells, kinds)
    case_at = kinds.index("case")
    starts = case_at < len(cells) and bool(read_case_cell(cells[case_at]))
    if not starts and shape == "spaces" and cells and read_case_cell(cells[0]):
        starts = True
    if starts or not rows:
        rows.append(_Row(cells, number, aligned=len(cells) == len(kinds)))
        return
    previous = rows[-1]
    if len(cells) == len(previous.cells):
        previous.cells = [f"{a}\n{b}" if a and b else a or b for a, b in zip(previous.cells, cells, strict=True)]
    else:
        previous.cells[-1] = "\n".join(c for c in (previous.cells[-1], *cells) if c)
        previous.aligned = False


def _realign(cells: list[str], kinds: list[Kind | None]) -> list[str]:
    """Cells split at runs of spaces lose the empty ones; keep the case first and the last cell last."""
    if len(cells) > len(kinds) or len(cells) < 2:
        return cells
    missing = len(kinds) - len(cells)
    return [*cells[:-1], *([""] * missing), cells[-1]]


# ---------------------------------------------------------------- one cell per line
def _one_per_line(lines: list[tuple[int, str]], i: int) -> tuple[CaseTable | None, int]:
    """Header cells on consecutive lines, then each row from its case number to the next."""
    kinds: list[Kind | None] = []
    j = i
    # The header may start a line or two before the case column (項次, 案由).
    while j > 0 and i - j < 2 and _header_kind(lines[j - 1][1].strip()) is not None:
        j -= 1
    start = j
    while j < len(lines) and len(kinds) < _MAX_COLUMNS:
        kind = _header_kind(lines[j][1].strip())
        if kind is None or not lines[j][1].strip():
            break
        kinds.append(kind)
        j += 1
    if len(kinds) < 3 or "case" not in kinds or not _TRACKING_KINDS & set(kinds):
        return None, i + 1
    first = lines[start][0]
    width = len(kinds)
    rows: list[_Row] = []
    current: list[str] = []
    current_line = 0
    last = lines[j - 1][0]
    while j < len(lines):
        number, raw = lines[j]
        text = raw.strip()
        if not text:
            j += 1
            continue
        if read_case_cell(text):
            if current:
                rows.append(_Row(current, current_line))
            current, current_line = [text], number
        elif _PAGE_MARK.match(text) or (_header_kind(text) is not None and not current):
            pass
        elif _header_kind(text) is not None and _header_block(lines, j, width):
            j += width  # the header repeated on a new page
            continue
        elif not current or _ends_row(current, text, width):
            break
        else:
            current.append(text)
        last = number
        j += 1
    if current:
        rows.append(_Row(current, current_line))
    case_at = kinds.index("case")
    shaped = [_cells_of(row, kinds, case_at) for row in rows]
    header = [raw.strip() for _, raw in lines[start : start + width]]
    return _finish(first, last, "lines", header, kinds, shaped), j


def _header_block(lines: list[tuple[int, str]], j: int, width: int) -> bool:
    block = lines[j : j + width]
    return len(block) == width and all(_header_kind(raw.strip()) is not None for _, raw in block)


def _ends_row(current: list[str], text: str, width: int) -> bool:
    """Whether ``text`` is no longer part of the row: the minutes go on after the table."""
    if _structural(text, deep=len(current) >= width):
        return True
    return len(current) >= width + _ROW_SLACK or len(current) >= _MAX_ROW_LINES


def _structural(text: str, *, deep: bool = True) -> bool:
    """A line that opens something in the minutes: a label (only 壹、 and 一、 unless ``deep``), a conclusion, the end."""
    label = split_label(text)[0]
    if label is not None and (deep or label.level <= 1):
        return True
    return bool(v.CONCLUSION_HEADING.match(text) and ("：" in text or ":" in text)) or bool(v.END.match(text))


def _cells_of(row: _Row, kinds: list[Kind | None], case_at: int) -> _Row:
    """The cells of a row read one per line; the columns before the case number are taken to be empty or lost."""
    lines = row.cells
    after = len(kinds) - case_at
    if len(lines) == after:
        return _Row([""] * case_at + lines, row.line)
    # Empty cells leave no line: a row one line short of a last note column (備註) left it empty.
    if len(lines) == after - 1 and kinds[-1] == "note":
        return _Row([""] * case_at + lines + [""], row.line)
    # A wrapped cell: the case number is first and the decision (the last column) is the last line.
    cells = [""] * len(kinds)
    cells[case_at] = lines[0]
    cells[-1] = lines[-1] if len(lines) > 1 else ""
    middle = lines[1:-1]
    if len(kinds) - case_at > 2 and middle:
        cells[case_at + 1] = "\n".join(middle)
    return _Row(cells, row.line, aligned=False)


# ---------------------------------------------------------------- decisions
def _finish(first: int, last: int, shape: Shape, header: list[str], kinds: list[Kind | None], rows: list[_Row]) -> CaseTable | None:
    case_at = kinds.index("case")
    case_rows = [r for r in rows if case_at < len(r.cells) and read_case_cell(r.cells[case_at])]
    if not case_rows:
        return None
    text = "\n".join(" ｜ ".join(c.replace("\n", "") for c in cells) for cells in [header, *(r.cells for r in rows)])
    table = CaseTable(first=first, last=last, shape=shape, text=text)
    decision_at = _column(kinds, "decision")
    table.motions = _motions(header, kinds, case_rows, case_at, decision_at)
    proposal_at = _column(kinds, "proposal")
    agency_at = _column(kinds, "agency")
    if any(not r.aligned for r in case_rows):
        table.warnings.append(
            ParseWarning(
                gettext_noop("第 %(first)s 行起的列管案件表：部分列的儲存格與欄位無法一一對應，依位置推定案號與決定欄"), {"first": first}
            )
        )
    for row in case_rows:
        cases = read_case_cell(row.cells[case_at])
        found = _row_decisions(row, decision_at, proposal_at, first, table.warnings)
        if not found:
            continue
        agencies = _cell(row, agency_at)
        if len(found) > 1 and all(part is None for part, _ in found):
            agency_lines = [a for a in agencies.split("\n") if a.strip()]
            if len(agency_lines) == len(found):
                table.warnings.append(
                    ParseWarning(
                        gettext_noop("第 %(first)s 行起的列管案件表：案號 %(case)s 有多項決定，依主辦機關欄逐一對應為部分決定"),
                        {"first": first, "case": cases[0][0]},
                    )
                )
                found = [(a.strip(), d) for a, (_, d) in zip(agency_lines, found, strict=True)]
            else:
                table.warnings.append(
                    ParseWarning(
                        gettext_noop("第 %(first)s 行起的列管案件表：案號 %(case)s 有多項決定卻未載明各屬哪個機關，僅採第一項"),
                        {"first": first, "case": cases[0][0]},
                    )
                )
                found = found[:1]
        for case, case_part in cases:
            for part, decision in found:
                table.decisions.append(CaseDecision(case=case, decision=decision, part=part or case_part))
    return table


def _motions(header: list[str], kinds: list[Kind | None], rows: list[_Row], case_at: int, decision_at: int | None) -> list[Motion]:
    """The rows of a table of bills, one motion each; none for a status report of tracked cases.

    A table of bills names each bill's subject and the decision on it, and
    has no column of progress (辦理情形), which a status report always has.
    """
    subject_at = _column(kinds, "subject")
    if subject_at is None or decision_at is None or "status" in kinds or decision_at >= len(header):
        return []
    heading = _CLEAN_HEADER.sub("", header[decision_at])
    out: list[Motion] = []
    for row in rows:
        resolution = _cell(row, decision_at).replace("\n", "").strip()
        if resolution:
            cells = " ｜ ".join(c.replace("\n", "") for c in row.cells)
            out.append(Motion(row.cells[case_at].strip(), _cell(row, subject_at).replace("\n", "").strip(), resolution, heading, cells))
    return out


def _column(kinds: list[Kind | None], kind: Kind) -> int | None:
    # The last of its kind: 決定 follows 原決議 where a header has both.
    at = [n for n, k in enumerate(kinds) if k == kind]
    return at[-1] if at else None


def _cell(row: _Row, at: int | None) -> str:
    return row.cells[at] if at is not None and at < len(row.cells) else ""


def _row_decisions(
    row: _Row, decision_at: int | None, proposal_at: int | None, first: int, warnings: list[str]
) -> list[tuple[str | None, Decision]]:
    decided = _cell(row, decision_at)
    found = read_decision_cell(decided, warnings)
    if found:
        return found
    proposed = read_decision_cell(_cell(row, proposal_at), warnings)
    if proposed and (decision_at is None or not decided.strip() or _AS_PROPOSED.search(decided)):
        if decision_at is None or not decided.strip():
            warnings.append(
                ParseWarning(
                    gettext_noop("第 %(first)s 行起的列管案件表：第 %(line)s 行的決定欄空白，依擬辦欄判定"),
                    {"first": first, "line": row.line},
                )
            )
        return proposed
    return []


def read_decision_cell(cell: str, warnings: list[str]) -> list[tuple[str | None, Decision]]:
    """The decisions a decision cell records: 解除列管; 捷運公司部分解除列管，觀傳局部分賡續列管."""
    out: list[tuple[str | None, Decision]] = []
    folded = fold(cell)
    for clause in _clauses(folded):
        verbs = decision_verbs(clause)
        if not verbs:
            continue
        start, end, decision, ocr = verbs[0]
        if ocr:
            warnings.append(ParseWarning(gettext_noop("「%(word)s」視為「賡續列管」（疑為文字辨識錯誤）"), {"word": clause[start:end]}))
        if decision == "release" and _NEGATED.search(clause[max(0, start - 6) : start]):
            warnings.append(
                ParseWarning(gettext_noop("「%(clause)s」為不同意解除列管，視為賡續列管"), {"clause": clause[:_MAX_DECISION_LINE]})
            )
            decision = "continue"
        part_match = _PART.search(clause)
        part = _PART_PREFIX.sub("", part_match.group("part")) if part_match else None
        out.append((part or None, decision))
    return out


def _clauses(text: str) -> Iterator[str]:
    start = 0
    for m in _CELL_CLAUSE.finditer(text):
        yield text[start : m.start()]
        start = m.end()
    yield text[start:]
