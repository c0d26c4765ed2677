"""A work report as a Word document (DOCX): cover, a 目錄 field Word fills with the real pages, the body.

The front matter (cover and 目錄) is a section of its own without page
numbers; the body's section restarts at page 1 in the footer's PAGE field.
Headings use Word's own Heading 1–5 styles (restyled to the report's look),
so the TOC field and the navigation pane find them; Word is asked to update
the fields when the file opens, and the field's result is filled with the
headings beforehand so that a reader that never updates fields still lists
them. A table's header rows repeat at the top of every page (``w:tblHeader``).
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from lieguan.minutes.render.docx import _prepare_defaults, _set_fonts
from lieguan.minutes.render.layout import CJK_FONT
from lieguan.minutes.workreport.layout import (
    AUDIENCE_PT,
    BODY_PT,
    PART_PT,
    SECTION_PT,
    TABLE_PT,
    TITLE_PT,
    Block,
    header_cells,
    layout,
)
from lieguan.minutes.workreport.model import Table, WorkReport

_HEADING_PT = (PART_PT, SECTION_PT, BODY_PT, BODY_PT, BODY_PT)


def _field(paragraph: Any, instruction: str, result: str = "") -> None:
    """A complex field (``PAGE``, ``TOC \\o "1-2"``) with ``result`` shown until Word updates it."""

    def char(kind: str) -> Any:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            el.set(qn("w:dirty"), "true")
        return el

    run = paragraph.add_run()
    run._r.append(char("begin"))
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    paragraph.add_run()._r.append(char("separate"))
    paragraph.add_run(result)
    paragraph.add_run()._r.append(char("end"))


def _update_fields_on_open(doc: Any) -> None:
    settings = doc.settings.element
    el = OxmlElement("w:updateFields")
    el.set(qn("w:val"), "true")
    settings.append(el)


def _indent(paragraph: Any, indent: float, hang: float, size: float) -> None:
    pf = paragraph.paragraph_format
    pf.left_indent = Pt((indent + hang) * size)
    pf.first_line_indent = Pt(-hang * size) if hang else None


def _heading_styles(doc: Any, font: str) -> None:
    for level, size in enumerate(_HEADING_PT, start=1):
        style = doc.styles[f"Heading {level}"]
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = None
        style.font.name = "Times New Roman"
        _set_fonts(style.element.get_or_add_rPr(), font)
        pf = style.paragraph_format
        pf.space_before = Pt(6 if level <= 2 else 3)
        pf.space_after = Pt(0)
        pf.keep_with_next = True


def _table(doc: Any, table: Table, indent: float) -> None:
    header_rows = table.header_rows or [table.header]
    body = list(table.totals) + list(table.rows)
    if table.paired:
        width = len(table.header)
        body = [body[i] + (body[i + 1] if i + 1 < len(body) else [""] * width) for i in range(0, len(body), 2)]
    rows = [*header_rows, *body]
    columns = max((len(r) for r in rows), default=1)
    t = doc.add_table(rows=len(rows), cols=columns)
    t.style = doc.styles["Table Grid"]
    tbl_pr = t._tbl.tblPr
    ind = OxmlElement("w:tblInd")
    ind.set(qn("w:w"), str(int(indent * BODY_PT * 20)))
    ind.set(qn("w:type"), "dxa")
    tbl_pr.append(ind)
    # The header's cells are merged before any is written, so that a merged cell holds its one heading only.
    for r, header_row in enumerate(header_cells(header_rows)):
        for cell in header_row:
            target = t.cell(r, cell.column)
            if cell.colspan > 1 or cell.rowspan > 1:
                target = target.merge(t.cell(r + cell.rowspan - 1, cell.column + cell.colspan - 1))
            paragraph = target.paragraphs[0]
            run = paragraph.add_run(cell.text)
            run.font.size = Pt(TABLE_PT)
            run.bold = True
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for r, row in enumerate(rows):
        if r >= len(header_rows):
            cells = t.rows[r].cells
            for c in range(columns):
                run = cells[c].paragraphs[0].add_run(row[c] if c < len(row) else "")
                run.font.size = Pt(TABLE_PT)
        if r < len(header_rows):
            tr_pr = t.rows[r]._tr.get_or_add_trPr()
            header = OxmlElement("w:tblHeader")
            header.set(qn("w:val"), "true")
            tr_pr.append(header)
        else:
            tr_pr = t.rows[r]._tr.get_or_add_trPr()
            cant_split = OxmlElement("w:cantSplit")
            tr_pr.append(cant_split)
    doc.add_paragraph()


def _block(doc: Any, block: Block) -> None:
    if block.kind == "table" and block.table is not None:
        _table(doc, block.table, block.indent)
        return
    if block.kind == "heading":
        paragraph = doc.add_paragraph(style=f"Heading {min(block.level + 1, 5)}")
        size = _HEADING_PT[min(block.level, 4)]
        paragraph.add_run(f"{block.label}{block.text}")
        _indent(paragraph, block.indent, block.hang, size)
        return
    paragraph = doc.add_paragraph(f"{block.label}{block.text}")
    _indent(paragraph, block.indent, block.hang if block.label else 0.0, BODY_PT)


def _centred(doc: Any, text: str, size: float, *, bold: bool = False, before: float = 0) -> None:
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(before)
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold


def render_work_report_docx(report: WorkReport, *, font: str = CJK_FONT) -> bytes:
    lay = layout(report)
    doc = Document()
    _prepare_defaults(doc, font)
    _heading_styles(doc, font)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = Mm(25), Mm(22), Mm(25), Mm(20)
    core = doc.core_properties
    core.title = lay.title or "工作報告"
    core.author = lay.organisation
    c = lay.cover
    if c.month:
        month = doc.add_paragraph(c.month)
        month.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if c.audience:
        _centred(doc, c.audience, AUDIENCE_PT, before=72)
    _centred(doc, c.title or "工作報告", TITLE_PT, bold=True, before=48)
    if c.presenter:
        _centred(doc, c.presenter, SECTION_PT, before=120)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    if lay.toc:
        _centred(doc, "目 錄", PART_PT, bold=True)
        toc = doc.add_paragraph()
        listed = "\n".join(("　" * line.level) + line.text for line in lay.toc)
        _field(toc, 'TOC \\o "1-2" \\h \\z \\u', listed)
    body = doc.add_section(WD_SECTION.NEW_PAGE)
    body.footer.is_linked_to_previous = False
    numbers = OxmlElement("w:pgNumType")
    numbers.set(qn("w:start"), "1")
    body._sectPr.append(numbers)
    footer = body.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(footer, "PAGE", "1")
    if lay.greeting:
        doc.add_paragraph(lay.greeting)
    for p in lay.opening:
        paragraph = doc.add_paragraph(p)
        paragraph.paragraph_format.first_line_indent = Pt(2 * BODY_PT)
    for block in lay.body:
        _block(doc, block)
    for i, p in enumerate(lay.closing):
        paragraph = doc.add_paragraph(p)
        if i:
            paragraph.paragraph_format.left_indent = Pt(2 * BODY_PT)
    _update_fields_on_open(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
