"""The one walk of a ``WorkReport`` into printed blocks, shared by the HTML (and so the PDF), DOCX and ODT writers.

The report prints as the agencies print it: a cover (month, audience, the
agency's 工作報告, presenter), the 目錄 of the parts and their first-level
sections, the greeting and opening, then the parts down the official
hierarchy 壹、→ 一、→（一）→ 1、→（1）, each heading on a hanging indent so a
wrapped line returns under the text rather than the label, the paragraphs
under a heading aligned with its text, and the closing wishes. Indents are in
em (one CJK character), so each writer converts them with its own font size.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

from lieguan.minutes.rocdate import to_roc_year
from lieguan.minutes.workreport.model import Section, Table, WorkReport

TITLE_PT = 26.0
AUDIENCE_PT = 18.0
PART_PT = 16.0
SECTION_PT = 14.0
BODY_PT = 13.0
TABLE_PT = 11.0
LINE_SPACING = 1.5
# Where each level's label starts, in em: 壹 and 一 at the margin, then one character further per level.
LEVEL_INDENT = (0.0, 0.0, 1.0, 2.0, 3.0)
# Entries of the 目錄: the parts and the sections directly under them, as the reports list them.
TOC_DEPTH = 1

BlockKind = Literal["heading", "paragraph", "table"]


@dataclass(slots=True)
class Block:
    kind: BlockKind
    level: int = 0
    label: str = ""
    text: str = ""
    anchor: str = ""
    indent: float = 0.0  # where the label (or the paragraph) starts, in em
    hang: float = 0.0  # the label's width, in em
    table: Table | None = None


@dataclass(slots=True)
class TocLine:
    level: int
    text: str
    anchor: str


@dataclass(slots=True)
class Cover:
    month: str  # 中華民國 111 年 3 月
    audience: str
    title: str
    presenter: str  # 報告人：秘書長兼處長 陳志銘


@dataclass(slots=True)
class ReportLayout:
    cover: Cover
    toc: list[TocLine]
    greeting: str
    opening: list[str]
    body: list[Block]
    closing: list[str]
    title: str
    organisation: str


@dataclass(frozen=True, slots=True)
class HeaderCell:
    """One printed cell of a table's header: its text, the column it starts in, and how far it spans."""

    text: str
    column: int
    colspan: int = 1
    rowspan: int = 1


def header_cells(rows: list[list[str]]) -> list[list[HeaderCell]]:
    """A header as the reports print it, each row's cells with their spans.

    A header of two rows keeps the upper row's empty cells where the reports
    merge them: an empty cell right of a heading that has columns named under
    it widens that heading (110 年 over its months), and an empty cell under a
    heading lengthens it (類別 \\ 期間 and 總計 over both rows).
    """
    width = max((len(r) for r in rows), default=0)
    grid = [[*r, *[""] * (width - len(r))] for r in rows]
    covered: set[tuple[int, int]] = set()
    out: list[list[HeaderCell]] = []
    for r, row in enumerate(grid):
        below = grid[r + 1 :]
        cells: list[HeaderCell] = []
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            colspan = rowspan = 1
            if text:
                while (
                    c + colspan < width
                    and not row[c + colspan]
                    and (r, c + colspan) not in covered
                    and below
                    and all(lower[c + colspan] for lower in below)
                ):
                    colspan += 1
                span = range(c, c + colspan)
                while r + rowspan < len(grid) and all(not grid[r + rowspan][j] and (r + rowspan, j) not in covered for j in span):
                    rowspan += 1
                covered.update((r + dr, j) for dr in range(rowspan) for j in span)
            cells.append(HeaderCell(text, c, colspan, rowspan))
        out.append(cells)
    return out


def label_width(label: str) -> float:
    """The width of a label in em: a CJK or full-width character is one, a digit or a half-width mark half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in label)


def cover_month(month: str | None) -> str:
    if not month:
        return ""
    year, mon = (int(x) for x in month.split("-"))
    return f"中華民國 {to_roc_year(year)} 年 {mon} 月"


def heading_text(section: Section) -> str:
    return f"{section.label}{section.heading}"


def layout(report: WorkReport) -> ReportLayout:
    presenter = ""
    if report.presenter is not None:
        who = " ".join(x for x in (report.presenter.title, report.presenter.name) if x)
        presenter = f"報告人：{who}" if who else ""
    cover = Cover(cover_month(report.month), report.audience, report.title, presenter)
    body: list[Block] = []
    toc: list[TocLine] = []
    counter = [0]

    def walk(section: Section, level: int) -> None:
        counter[0] += 1
        anchor = f"wr-s{counter[0]}"
        level = min(level, len(LEVEL_INDENT) - 1)
        indent = LEVEL_INDENT[level]
        hang = label_width(section.label)
        paragraphs = list(section.paragraphs)
        # A label before a sentence has no heading: the sentence is printed on the label's line.
        inline = not section.heading and bool(paragraphs)
        text = section.heading or (paragraphs.pop(0) if inline else "")
        kind: BlockKind = "paragraph" if inline else "heading"
        body.append(Block(kind, level, section.label, text, anchor, indent, hang))
        if level <= TOC_DEPTH and not inline and (level == 0 or listed[0]):
            toc.append(TocLine(level, heading_text(section), anchor))
        start = indent + hang
        tables = sorted(section.tables, key=lambda t: t.after_paragraph)
        offset = 1 if inline else 0
        for at, paragraph in enumerate(paragraphs, start=offset):
            body.extend(Block("table", level, indent=start, table=t) for t in tables if t.after_paragraph == at)
            body.append(Block("paragraph", level, text=paragraph, indent=start))
        body.extend(Block("table", level, indent=start, table=t) for t in tables if t.after_paragraph >= len(paragraphs) + offset)
        for sub in section.sections:
            walk(sub, sub.level if sub.level >= 0 else level + 1)

    # A part whose sections are sentences after a label (參's numbered list) lists none of them in the 目錄.
    listed = [True]
    for part in report.sections:
        listed[0] = all(s.heading for s in part.sections)
        walk(part, 0)
    return ReportLayout(
        cover=cover,
        toc=toc,
        greeting=report.greeting,
        opening=list(report.opening),
        body=body,
        closing=list(report.closing),
        title=report.title,
        organisation=report.organisation,
    )
