"""The plain markup a unit writes its part of a work report in, read into ``Section``s and written back.

A part is typed as lines, never as HTML, so that nothing a unit writes can
run in a reader's browser. Each line is a paragraph; a line that starts with
an official label (（一） 1、 （1）…) opens a subsection one level down, and
「1、公務車輛：本處現有…」 gives it the heading 公務車輛 and that paragraph; a
run of lines starting with ``|`` is a table, one row to a line, cells between
bars, header first, a blank line after it — rows of the header the reports print on two lines and
rows of two column pairs set side by side are read as the text reader reads
them (``tables.read_table``), so a part written back and read again is the
same part.
"""

from __future__ import annotations

import re

from lieguan.minutes.numerals import format_label, parse_number
from lieguan.minutes.workreport import tables as tb
from lieguan.minutes.workreport.model import Section, Table
from lieguan.minutes.workreport.parser import LEVELS as _LEVELS
from lieguan.minutes.workreport.parser import _stated_total, split_heading

_RULE = re.compile(r"^\|[\s|:\-]*$")


def _label(line: str, deeper_than: int) -> tuple[int, str, str] | None:
    """The level, official label and rest of a labelled line, for labels below ``deeper_than`` only."""
    for level, pattern in enumerate(_LEVELS):
        if level <= deeper_than:
            continue
        if m := pattern.match(line):
            try:
                n = parse_number(m.group("n"))
            except ValueError:
                return None
            return level, format_label(level, n), line[m.end() :].strip()
    return None


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [c.strip() for c in inner.split("|")]


def _table(rows: list[str]) -> Table:
    # A Markdown-style rule under the header is allowed and means nothing more than the first row does.
    lines = ["\t".join(_cells(r)) for r in rows if not _RULE.match(r.strip())]
    if len(lines) == 1:
        cells = _cells(rows[0])
        return Table(header=cells, rows=[])
    return tb.read_table(lines)


def parse_body(text: str, section: Section) -> Section:
    """Add the paragraphs, tables and subsections written in ``text`` to ``section``; return it."""
    stack = [section]
    lines = [ln.strip(" \u3000\t\r") for ln in text.replace("\r\n", "\n").split("\n")]
    i = 0
    while i < len(lines):
        ln = lines[i]
        if not ln:
            i += 1
            continue
        if ln.startswith("|"):
            j = i
            while j < len(lines) and lines[j].startswith("|"):
                j += 1
            table = _table(lines[i:j])
            table.after_paragraph = len(stack[-1].paragraphs)
            # As in the text reader: 「計 732 件，詳如下表：」 before a table states what it adds up to.
            table.stated_total = _stated_total(stack[-1].paragraphs[-1]) if stack[-1].paragraphs else None
            stack[-1].tables.append(table)
            i = j
            continue
        labelled = _label(ln, section.level)
        if labelled is None:
            stack[-1].paragraphs.append(ln)
        else:
            level, label, rest = labelled
            while stack[-1].level >= level and len(stack) > 1:
                stack.pop()
            heading, paragraph = split_heading(rest)
            sub = Section(label=label, heading=heading, level=level, paragraphs=[paragraph] if paragraph else [])
            stack[-1].sections.append(sub)
            stack.append(sub)
        i += 1
    return section


def _table_text(table: Table) -> list[str]:
    header_rows = table.header_rows or [table.header]
    body = list(table.totals) + list(table.rows)
    if table.paired:
        width = len(table.header)
        body = [body[i] + (body[i + 1] if i + 1 < len(body) else [""] * width) for i in range(0, len(body), 2)]
    # The blank line after the rows ends the table: the next table may follow at once.
    return [*("| " + " | ".join(c.replace("|", "｜") for c in row) + " |" for row in [*header_rows, *body]), ""]


def _content(section: Section) -> list[str]:
    out: list[str] = []
    tables = sorted(section.tables, key=lambda t: t.after_paragraph)
    for at, paragraph in enumerate(section.paragraphs):
        for t in tables:
            if t.after_paragraph == at:
                out += _table_text(t)
        out.append(paragraph)
    for t in tables:
        if t.after_paragraph >= len(section.paragraphs):
            out += _table_text(t)
    return out


def write_body(section: Section) -> str:
    """The markup of what stands under ``section``: its paragraphs and tables, then each subsection with its label."""
    out = _content(section)
    for sub in section.sections:
        out += _write_sub(sub)
    return "\n".join(out).strip("\n")


def _write_sub(section: Section) -> list[str]:
    paragraphs = list(section.paragraphs)
    # A label before a sentence carries no heading: the sentence follows the label on its line.
    if section.heading:
        first = f"{section.label}{section.heading}"
    else:
        first = f"{section.label}{paragraphs.pop(0) if paragraphs else ''}"
        section = Section(
            label=section.label,
            heading="",
            level=section.level,
            paragraphs=paragraphs,
            tables=[_shifted(t, -1) for t in section.tables],
            sections=section.sections,
        )
    out = [first, *_content(section)]
    for sub in section.sections:
        out += _write_sub(sub)
    return out


def _shifted(table: Table, by: int) -> Table:
    return Table(
        header=table.header,
        rows=table.rows,
        header_rows=table.header_rows,
        totals=table.totals,
        paired=table.paired,
        stated_total=table.stated_total,
        after_paragraph=max(0, table.after_paragraph + by),
    )
