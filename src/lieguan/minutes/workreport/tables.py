"""Tables of a work report as PDF extraction leaves them: one row per line, cells split by tabs or only by spaces.

With tabs the cells are given; with spaces they are found again: figures that
carry spaces (「3 萬 7,113 件」) are kept whole, and the words left over are
joined into as many cells as the header has columns, joining words to words
and figures to figures before ever joining a word to a figure. A header of two
lines (a spanning 110 年 over the months) becomes one name per column; a
header that repeats itself (機關名稱 件數 機關名稱 件數) marks two column
pairs side by side, read back one under the other; 合計 rows are kept apart.
"""

from __future__ import annotations

import re
from functools import cache

from lieguan.minutes.workreport.amounts import find_quantities, parse_quantity
from lieguan.minutes.workreport.model import Table

TOTAL_WORDS = ("合計", "總計", "小計", "共計", "總數")
_SENTENCE_MARKS = re.compile(r"[，。；：！？]")
_TOC_LINE = re.compile(r"(?:\.{3,}|…{2,}|·{3,})\s*\d+\s*$")
_LABEL = re.compile(r"^\s*(?:[壹貳參肆伍陸柒捌玖拾一二三四五六七八九十]+、|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d+\s*[、．])")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_PROTECT = "\u2060"  # a word joiner stands in for the spaces inside a figure while a row is split on spaces
_DATE_CELL = re.compile(r"^\d+\s*(?:年|月|季)(?:\s*\d+\s*(?:月|日))?$")


def is_tab_row(line: str) -> bool:
    return "\t" in line.strip("\n") and not _TOC_LINE.search(line) and len([c for c in line.split("\t") if c.strip()]) >= 2


def is_space_row(line: str) -> bool:
    """A line that could be a row of a table flattened with spaces: several short cells, no sentence."""
    s = line.strip()
    if not s or _SENTENCE_MARKS.search(s) or _TOC_LINE.search(s) or _LABEL.match(s):
        return False
    tokens = _tokens(s)
    return len(tokens) >= 2 and all(len(t) <= 20 for t in tokens)


def clean_cell(text: str) -> str:
    """A cell without the line-wrap spaces PDF extraction leaves between two Chinese characters."""
    return _CJK_GAP.sub("", text.strip())


def _tokens(line: str) -> list[str]:
    s = line.strip()
    for q in sorted(find_quantities(s), key=lambda q: -q.start):
        if " " in q.text:
            s = s[: q.start] + q.text.replace(" ", _PROTECT) + s[q.end :]
    return [t.replace(_PROTECT, " ") for t in s.split()]


def _kind(token: str) -> str:
    if _DATE_CELL.match(token):
        return "date"
    qs = find_quantities(token)
    if qs and qs[0].start == 0 and not qs[0].is_date:
        return "figure"
    return "word"


def _join_cost(a: str, b: str) -> int:
    if a == b == "word":
        return 1
    if a == b:
        return 3
    return 20


def fit_cells(tokens: list[str], width: int) -> list[str]:
    """Join ``tokens`` into ``width`` cells at the least cost; fewer tokens are padded with empty cells."""
    if len(tokens) <= width:
        return tokens + [""] * (width - len(tokens))
    kinds = [_kind(t) for t in tokens]

    @cache
    def best(i: int, cells: int) -> tuple[int, tuple[int, ...]]:
        # Split tokens[i:] into ``cells`` groups; answer the cost and the group sizes.
        left = len(tokens) - i
        if cells == 1:
            return sum(_join_cost(kinds[j], kinds[j + 1]) for j in range(i, len(tokens) - 1)), (left,)
        options = []
        for size in range(1, left - cells + 2):
            here = sum(_join_cost(kinds[j], kinds[j + 1]) for j in range(i, i + size - 1))
            cost, rest = best(i + size, cells - 1)
            options.append((here + cost, (size, *rest)))
        return min(options)

    out, at = [], 0
    for size in best(0, width)[1]:
        out.append(" ".join(tokens[at : at + size]))
        at += size
    return out


def split_row(line: str, width: int | None = None) -> list[str]:
    if "\t" in line:
        cells = [c.strip() for c in line.strip("\r\n").split("\t")]
    else:
        tokens = _tokens(line)
        cells = fit_cells(tokens, width) if width else tokens
    return [clean_cell(c) for c in cells]


def _is_subheader(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    return bool(filled) and all(_DATE_CELL.match(c) for c in filled)


def _spread(top: list[str], sub: list[str], width: int) -> list[str]:
    """One name per column from a spanning header line over a line of sub-headers."""
    if len(top) == width and len(sub) == width:
        names, span = [], ""
        for t, s in zip(top, sub, strict=True):
            span = t or (span if s else "")
            names.append(" ".join(x for x in (span, s) if x))
        return names
    # Sub-headers that could not be set under their spanning name: they name what they can.
    return (sub + [""] * width)[:width]


def _aligned(top: list[str], sub: list[str], width: int) -> list[list[str]]:
    """A two-line header flattened with spaces, set out one cell per column as a tabbed one prints it."""
    middle = top[1:-1]
    if len(top) < 3 or not middle or len(sub) + 2 != width or len(sub) % len(middle):
        return [top, sub]
    per = len(sub) // len(middle)
    spanning = [cell for m in middle for cell in [m] + [""] * (per - 1)]
    return [[top[0], *spanning, top[-1]], ["", *sub, ""]]


def read_table(lines: list[str]) -> Table:
    """The table printed as ``lines`` (the first one or two being its header)."""
    tabbed = any("\t" in ln for ln in lines)
    header_rows: list[list[str]] = []
    if tabbed:
        rows = [split_row(ln) for ln in lines]
        width = max(len(r) for r in rows)
        rows = [(r + [""] * width)[:width] for r in rows]
        header_rows.append(rows.pop(0))
        if rows and _is_subheader(rows[0]):
            header_rows.append(rows.pop(0))
    else:
        head_tokens = _tokens(lines[0])
        body = lines[1:]
        sub: list[str] | None = None
        if body and all(_DATE_CELL.match(t) for t in _tokens(body[0])):
            sub = _tokens(body[0])
            body = body[1:]
        width = len(sub) + 2 if sub is not None else len(head_tokens)
        header_rows.append(fit_cells(head_tokens, 3 if sub is not None else width))
        if sub is not None:
            header_rows.append(sub)
        rows = [split_row(ln, width) for ln in body]
    if len(header_rows) == 2 and not tabbed:
        header_rows = _aligned(header_rows[0], header_rows[1], width)
    header = _spread(header_rows[0], header_rows[1], width) if len(header_rows) == 2 else header_rows[0]
    table = Table(header=header, rows=[], header_rows=header_rows)
    _unpair(table, rows)
    return table


def _unpair(table: Table, rows: list[list[str]]) -> None:
    half = len(table.header) // 2
    if half >= 2 and len(table.header) % 2 == 0 and table.header[:half] == table.header[half:]:
        table.paired = True
        table.header = table.header[:half]
        rows = [part for r in rows for part in (r[:half], r[half:]) if any(part)]
    add_rows(table, rows)


def add_rows(table: Table, rows: list[list[str]]) -> None:
    """Append body rows, setting 合計 rows apart."""
    for r in rows:
        if not any(r):
            continue
        if r[0].replace(" ", "") in TOTAL_WORDS:
            table.totals.append(r)
        else:
            table.rows.append(r)


def same_header(a: Table, b: Table) -> bool:
    """Whether ``b`` is ``a`` continued on the next page (its header printed again)."""
    return a.header_rows == b.header_rows


def check_totals(table: Table) -> list[str]:
    """Where the 合計 row or the stated total does not add up from the body, said in one sentence each."""
    problems = []
    for total in table.totals:
        for at, name in enumerate(table.header[1:], start=1):
            stated = parse_quantity(total[at]) if at < len(total) else None
            cells = [parse_quantity(r[at]) if at < len(r) else None for r in table.rows]
            if stated is None or any(c is None for c in cells):
                continue
            added = sum(c.value for c in cells if c is not None)
            if abs(added - stated.value) > 1e-6:
                problems.append(f"表「{'、'.join(table.header)}」的{total[0]}「{name}」為 {total[at]}，各列相加卻是 {added:g}")
    return problems
