"""A work report as an OpenDocument text (ODT), the document standard of Taiwan's government.

Headings are ``text:h`` with outline levels, so the 目錄 — a
``text:table-of-content`` over levels 1–2, filled with the headings now and
with their pages when the reader updates the index — finds them; tables keep
their header rows in ``table:table-header-rows``, which every ODF reader
repeats on each page the table runs onto. The body starts on a page style of
its own whose footer carries the page number, counted from 1.
"""

from __future__ import annotations

import io
from typing import Any

from odf.opendocument import OpenDocumentText
from odf.style import (
    FontFace,
    Footer,
    MasterPage,
    PageLayout,
    PageLayoutProperties,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TextProperties,
)
from odf.table import CoveredTableCell, TableCell, TableColumn, TableHeaderRows, TableRow
from odf.table import Table as OdfTable
from odf.text import H, IndexBody, IndexTitle, IndexTitleTemplate, P, PageNumber, TableOfContent, TableOfContentSource

from lieguan.minutes.render.layout import CJK_FONT, LATIN_FONT
from lieguan.minutes.workreport.layout import (
    AUDIENCE_PT,
    BODY_PT,
    LINE_SPACING,
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


def _pt(v: float) -> str:
    return f"{v:.2f}pt"


def _text(size: float, *, bold: bool = False) -> Any:
    weight = "bold" if bold else "normal"
    return TextProperties(
        fontname="Latin",
        fontnameasian="CJK",
        fontsize=_pt(size),
        fontsizeasian=_pt(size),
        fontweight=weight,
        fontweightasian=weight,
        language="en",
        country="US",
        languageasian="zh",
        countryasian="TW",
    )


class _Styles:
    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.made: dict[tuple[str, int, int], str] = {}

    def paragraph(
        self, size: float, indent: float, hang: float, *, bold: bool = False, align: str = "start", before: float = 0, page: str = ""
    ) -> str:
        key = (f"{size}-{bold}-{align}-{before}-{page}", round(indent * 2), round(hang * 2))
        if key in self.made:
            return self.made[key]
        name = f"WR{len(self.made) + 1}"
        attrs: dict[str, Any] = {"name": name, "family": "paragraph"}
        if page:
            attrs["masterpagename"] = page
        style = Style(**attrs)
        style.addElement(
            ParagraphProperties(
                marginleft=_pt((indent + hang) * size),
                textindent=_pt(-hang * size),
                textalign=align,
                margintop=_pt(before),
                lineheight=f"{int(LINE_SPACING * 100)}%",
            )
        )
        style.addElement(_text(size, bold=bold))
        self.doc.automaticstyles.addElement(style)
        self.made[key] = name
        return name


def _table(doc: Any, styles: _Styles, table: Table, indent: float, n: int) -> Any:
    header_rows = table.header_rows or [table.header]
    body = list(table.totals) + list(table.rows)
    if table.paired:
        width = len(table.header)
        body = [body[i] + (body[i + 1] if i + 1 < len(body) else [""] * width) for i in range(0, len(body), 2)]
    columns = max((len(r) for r in [*header_rows, *body]), default=1)
    tstyle = Style(name=f"WRTable{n}", family="table")
    tstyle.addElement(TableProperties(width="150mm", marginleft=_pt(indent * BODY_PT), align="left"))
    doc.automaticstyles.addElement(tstyle)
    cstyle = Style(name=f"WRCell{n}", family="table-cell")
    cstyle.addElement(TableCellProperties(border="0.5pt solid #000000", padding="0.8mm"))
    doc.automaticstyles.addElement(cstyle)
    colstyle = Style(name=f"WRCol{n}", family="table-column")
    colstyle.addElement(TableColumnProperties(columnwidth=f"{150 / columns:.2f}mm"))
    doc.automaticstyles.addElement(colstyle)
    head_style = styles.paragraph(TABLE_PT, 0, 0, bold=True, align="center")
    cell_style = styles.paragraph(TABLE_PT, 0, 0)
    t = OdfTable(name=f"表{n}", stylename=tstyle)
    t.addElement(TableColumn(numbercolumnsrepeated=columns, stylename=colstyle))

    def row(cells: list[str], style: str) -> Any:
        tr = TableRow()
        for c in range(columns):
            cell = TableCell(stylename=cstyle, valuetype="string")
            cell.addElement(P(stylename=style, text=cells[c] if c < len(cells) else ""))
            tr.addElement(cell)
        return tr

    header = TableHeaderRows()
    spanned: set[tuple[int, int]] = set()  # the positions a merged heading covers
    for n_row, cells in enumerate(header_cells(header_rows)):
        tr = TableRow()
        starts = {cell.column: cell for cell in cells}
        for c in range(columns):
            if (n_row, c) in spanned:
                tr.addElement(CoveredTableCell())
                continue
            cell = starts.get(c)
            spans: dict[str, int] = {}
            if cell is not None and (cell.colspan > 1 or cell.rowspan > 1):
                spans = {"numbercolumnsspanned": cell.colspan, "numberrowsspanned": cell.rowspan}
                spanned.update((n_row + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan))
            td = TableCell(stylename=cstyle, valuetype="string", **spans)
            td.addElement(P(stylename=head_style, text=cell.text if cell is not None else ""))
            tr.addElement(td)
        header.addElement(tr)
    t.addElement(header)
    for r in body:
        t.addElement(row(r, cell_style))
    return t


def render_work_report_odt(report: WorkReport, *, font: str = CJK_FONT) -> bytes:
    lay = layout(report)
    doc = OpenDocumentText()
    doc.fontfacedecls.addElement(FontFace(name="Latin", fontfamily=LATIN_FONT, fontfamilygeneric="roman"))
    doc.fontfacedecls.addElement(FontFace(name="CJK", fontfamily=font, fontfamilygeneric="roman"))
    page = PageLayout(name="A4")
    page.addElement(
        PageLayoutProperties(
            pagewidth="210mm", pageheight="297mm", margintop="25mm", marginbottom="22mm", marginleft="25mm", marginright="20mm"
        )
    )
    doc.automaticstyles.addElement(page)
    doc.masterstyles.addElement(MasterPage(name="Front", pagelayoutname=page))
    body_page = MasterPage(name="Body", pagelayoutname=page)
    footer = Footer()
    styles = _Styles(doc)
    numbered = P(stylename=styles.paragraph(10, 0, 0, align="center"))
    numbered.addElement(PageNumber(selectpage="current"))
    footer.addElement(numbered)
    body_page.addElement(footer)
    doc.masterstyles.addElement(body_page)
    # The body's first paragraph starts the Body page style, and with it page 1.
    restart = Style(name="WRBodyStart", family="paragraph", masterpagename="Body")
    restart.addElement(ParagraphProperties(pagenumber="1", lineheight=f"{int(LINE_SPACING * 100)}%"))
    restart.addElement(_text(BODY_PT))
    doc.automaticstyles.addElement(restart)
    text = doc.text
    c = lay.cover
    first = styles.paragraph(BODY_PT, 0, 0, align="end", page="Front")
    text.addElement(P(stylename=first, text=c.month or " "))
    if c.audience:
        text.addElement(P(stylename=styles.paragraph(AUDIENCE_PT, 0, 0, align="center", before=72), text=c.audience))
    text.addElement(P(stylename=styles.paragraph(TITLE_PT, 0, 0, bold=True, align="center", before=48), text=c.title or "工作報告"))
    if c.presenter:
        text.addElement(P(stylename=styles.paragraph(SECTION_PT, 0, 0, align="center", before=120), text=c.presenter))
    if lay.toc:
        toc = TableOfContent(name="目錄", protected="true")
        source = TableOfContentSource(outlinelevel=2)
        title = IndexTitleTemplate()
        title.addText("目 錄")
        source.addElement(title)
        toc.addElement(source)
        index = IndexBody()
        heading = IndexTitle(name="目錄標題")
        breaking = Style(name="WRTocTitle", family="paragraph")
        breaking.addElement(ParagraphProperties(breakbefore="page", textalign="center"))
        breaking.addElement(_text(PART_PT, bold=True))
        doc.automaticstyles.addElement(breaking)
        heading.addElement(P(stylename=breaking, text="目 錄"))
        index.addElement(heading)
        for line in lay.toc:
            index.addElement(P(stylename=styles.paragraph(BODY_PT, line.level, 0), text=line.text))
        toc.addElement(index)
        text.addElement(toc)
    text.addElement(P(stylename=restart, text=lay.greeting))
    for p in lay.opening:
        text.addElement(P(stylename=styles.paragraph(BODY_PT, 0, 0), text="　　" + p))
    tables = 0
    for block in lay.body:
        tables += _block(doc, text, styles, block, tables)
    for i, p in enumerate(lay.closing):
        text.addElement(P(stylename=styles.paragraph(BODY_PT, 2.0 if i else 0, 0), text=p))
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


def _block(doc: Any, text: Any, styles: _Styles, block: Block, tables: int) -> int:
    if block.kind == "table" and block.table is not None:
        text.addElement(_table(doc, styles, block.table, block.indent, tables + 1))
        return 1
    if block.kind == "heading":
        size = _HEADING_PT[min(block.level, 4)]
        style = styles.paragraph(size, block.indent, block.hang, bold=True, before=4)
        text.addElement(H(outlinelevel=block.level + 1, stylename=style, text=f"{block.label}{block.text}"))
        return 0
    style = styles.paragraph(BODY_PT, block.indent, block.hang if block.label else 0)
    text.addElement(P(stylename=style, text=f"{block.label}{block.text}"))
    return 0
