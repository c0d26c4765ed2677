"""Official table documents (the status report 會議結論事項執行情形, the statistics tables) in every format.

A ``TableDocument`` is a title, a few lines under it, a header row and rows of
cells (each cell one or more paragraphs); it renders to HTML (for pages), PDF
(typeset by Typst), DOCX, ODT, CSV and XLSX, landscape A4 when wide.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Cell = str | int | float | None


@dataclass(frozen=True)
class Column:
    header: str
    # Relative width; numbers are right-aligned.
    weight: float = 1.0
    numeric: bool = False


@dataclass
class TableDocument:
    title: str
    columns: list[Column]
    rows: list[list[Cell]]
    subtitle: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    landscape: bool = True
    # Rows whose first cell is a group heading spanning the table (e.g. an agency).
    group_rows: set[int] = field(default_factory=set)

    def text(self, cell: Cell) -> str:
        if cell is None:
            return ""
        if isinstance(cell, float):
            return f"{cell:.1f}"
        return str(cell)


FONT = "Noto Sans CJK TC"


def _cell_html(text: str) -> str:
    return "<br>".join(html.escape(line) for line in text.split("\n"))


def render_table_html(doc: TableDocument, *, standalone: bool = False, id_prefix: str = "lgt") -> str:
    """An accessible table; ``standalone`` adds the page around it (for PDF)."""
    total = sum(c.weight for c in doc.columns) or 1.0
    out = [f'<article class="lg-table-doc" id="{id_prefix}">', f"<h1>{html.escape(doc.title)}</h1>"]
    out += [f'<p class="lg-table-sub">{html.escape(line)}</p>' for line in doc.subtitle]
    out.append('<table class="lg-table"><colgroup>')
    out += [f'<col class="lg-w{round(100 * c.weight / total)}">' for c in doc.columns]
    out.append("</colgroup><thead><tr>")
    numeric = ' class="num"'
    out += [f'<th scope="col"{numeric if c.numeric else ""}>{html.escape(c.header)}</th>' for c in doc.columns]
    out.append("</tr></thead><tbody>")
    for n, row in enumerate(doc.rows):
        if n in doc.group_rows:
            out.append(f'<tr class="lg-group"><th scope="colgroup" colspan="{len(doc.columns)}">{html.escape(doc.text(row[0]))}</th></tr>')
            continue
        cells = []
        for col, cell in zip(doc.columns, row, strict=False):
            cls = ' class="num"' if col.numeric else ""
            cells.append(f"<td{cls}>{_cell_html(doc.text(cell))}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    out += [f'<p class="lg-table-note">{html.escape(line)}</p>' for line in doc.notes]
    out.append("</article>")
    body = "\n".join(out)
    if not standalone:
        return body
    return (
        '<!DOCTYPE html><html lang="zh-Hant"><head><meta charset="utf-8">'
        f"<title>{html.escape(doc.title)}</title><style>{table_stylesheet(doc.landscape)}</style></head>"
        f"<body>{body}</body></html>"
    )


def table_stylesheet(landscape: bool = True) -> str:
    widths = "".join(f".lg-w{n}{{width:{n}%}}" for n in range(1, 101))
    page = "A4 landscape" if landscape else "A4"
    return (
        f"@page{{size:{page};margin:14mm 12mm 16mm;@bottom-center{{content:'第 ' counter(page) ' 頁，共 ' counter(pages) ' 頁';"
        f"font-family:'{FONT}';font-size:9pt}}}}"
        f".lg-table-doc{{font-family:'{FONT}',sans-serif;font-size:10.5pt;line-height:1.5}}"
        ".lg-table-doc h1{font-size:16pt;text-align:center;margin:0 0 4pt}"
        ".lg-table-sub{text-align:center;margin:0 0 2pt}"
        ".lg-table{width:100%;border-collapse:collapse;table-layout:fixed;margin-top:8pt}"
        ".lg-table th,.lg-table td{border:1px solid #000;padding:3pt 4pt;vertical-align:top;overflow-wrap:anywhere}"
        ".lg-table thead th{background:#e8e8e8;text-align:center}"
        ".lg-table thead{display:table-header-group}.lg-table tr{break-inside:avoid}"
        ".lg-table .num{text-align:right}.lg-group th{text-align:left;background:#f3f3f3}"
        ".lg-table-note{font-size:9pt;margin:4pt 0 0}" + widths
    )


# The PDF is typeset by Typst, not by WeasyPrint through the HTML: the same 500-case status report takes
# about 0.5 s instead of 7 s (bench/README.md, "Status report"). The layout follows table_stylesheet():
# A4 landscape, the same margins, sizes, line height, borders and header shading, the header row repeated
# on every page, no row split across pages, and 第 n 頁，共 N 頁 at the foot. The data goes in as JSON
# (sys.inputs), never as markup, so that no text of a case is read as Typst code.
TYPST_TABLE = """
#let data = json(bytes(sys.inputs.data))
#set document(title: data.title)
#set page(paper: "a4", flipped: data.landscape, margin: (top: 14mm, x: 12mm, bottom: 16mm),
  footer: context align(center, text(size: 9pt)[第 #counter(page).display() 頁，共 #counter(page).final().first() 頁]))
#set text(font: data.font, size: 10.5pt, lang: "zh", region: "tw", cjk-latin-spacing: none,
  top-edge: "ascender", bottom-edge: "descender")
#set par(leading: 0.5em, spacing: 0.5em)
#align(center, text(size: 16pt, weight: "bold", data.title))
#for line in data.subtitle { align(center, line) }
#v(4pt)
#let total = data.columns.map(c => c.weight).sum()
#let lines(s) = s.split("\n").join(linebreak())
#let n = data.columns.len()
#set table.cell(breakable: false)
#table(
  columns: data.columns.map(c => c.weight / total * 100%),
  stroke: 0.75pt,
  inset: (x: 4pt, y: 3pt),
  align: (x, y) => if data.columns.at(x).numeric { right + top } else { left + top },
  table.header(..data.columns.map(c => table.cell(fill: luma(232), align: center, strong(c.header)))),
  ..data.rows.enumerate().map(((i, row)) => if i in data.groups {
    (table.cell(colspan: n, fill: rgb("#f3f3f3"), align: left, strong(row.first())),)
  } else {
    row.map(lines)
  }).flatten(),
)
#for line in data.notes { block(above: 4pt, below: 0pt, text(size: 9pt, line)) }
"""


def render_table_pdf(doc: TableDocument) -> bytes:
    import json

    import typst

    width = len(doc.columns)
    data = {
        "title": doc.title,
        "font": FONT,
        "landscape": doc.landscape,
        "columns": [{"header": c.header, "weight": c.weight, "numeric": c.numeric} for c in doc.columns],
        # Every row as wide as the header: Typst fills the table cell by cell.
        "rows": [[doc.text(cell) for cell in row[:width]] + [""] * (width - len(row)) for row in doc.rows],
        "groups": sorted(doc.group_rows),
        "subtitle": doc.subtitle,
        "notes": doc.notes,
    }
    pdf = typst.compile(TYPST_TABLE.encode(), format="pdf", sys_inputs={"data": json.dumps(data, ensure_ascii=False)})
    assert isinstance(pdf, bytes)
    return pdf


def render_table_csv(doc: TableDocument) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel on a government PC opens the Chinese correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([c.header for c in doc.columns])
    for n, row in enumerate(doc.rows):
        if n in doc.group_rows:
            continue
        writer.writerow([doc.text(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def render_table_xlsx(doc: TableDocument) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = doc.title[:31] or "表"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.append([doc.title])
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    for line in doc.subtitle:
        ws.append([line])
    header_row = ws.max_row + 1
    ws.append([c.header for c in doc.columns])
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E8E8E8")
        cell.border = border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for n, row in enumerate(doc.rows):
        values: list[Any] = [row[0]] if n in doc.group_rows else [cell if cell is not None else "" for cell in row]
        ws.append(values)
        for cell in ws[ws.max_row]:
            cell.border = border
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    for i, col in enumerate(doc.columns, start=1):
        ws.column_dimensions[ws.cell(row=header_row, column=i).column_letter].width = max(8, col.weight * 12)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    for line in doc.notes:
        ws.append([line])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def render_table_docx(doc: TableDocument) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    if doc.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(14))
    style = document.styles["Normal"]
    style.font.size = Pt(10.5)
    style.font.name = FONT
    rpr = style.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    document.core_properties.title = doc.title
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(doc.title)
    run.bold = True
    run.font.size = Pt(16)
    for line in doc.subtitle:
        p = document.add_paragraph(line)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    table = document.add_table(rows=1, cols=len(doc.columns))
    table.style = "Table Grid"
    usable = (section.page_width or Mm(297)) - (section.left_margin or 0) - (section.right_margin or 0)
    total = sum(c.weight for c in doc.columns) or 1.0
    for cell, col in zip(table.rows[0].cells, doc.columns, strict=True):
        cell.text = col.header
        cell.paragraphs[0].runs[0].bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.width = int(usable * col.weight / total)
    _repeat_header(table.rows[0])
    for n, row in enumerate(doc.rows):
        cells = table.add_row().cells
        if n in doc.group_rows:
            merged = cells[0].merge(cells[-1])
            merged.text = doc.text(row[0])
            merged.paragraphs[0].runs[0].bold = True
            continue
        for cell, col, value in zip(cells, doc.columns, row, strict=False):
            cell.text = doc.text(value)
            cell.width = int(usable * col.weight / total)
            if col.numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for line in doc.notes:
        document.add_paragraph(line).runs[0].font.size = Pt(9)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


def render_table_odt(doc: TableDocument) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.style import (
        FontFace,
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
    from odf.table import Table, TableCell, TableColumn, TableHeaderRows, TableRow
    from odf.text import P

    document = OpenDocumentText()
    document.fontfacedecls.addElement(FontFace(name=FONT, fontfamily=FONT, fontfamilygeneric="swiss"))
    layout = PageLayout(name="LgPage")
    width, height = ("297mm", "210mm") if doc.landscape else ("210mm", "297mm")
    layout.addElement(
        PageLayoutProperties(
            pagewidth=width,
            pageheight=height,
            printorientation="landscape" if doc.landscape else "portrait",
            margintop="14mm",
            marginbottom="14mm",
            marginleft="14mm",
            marginright="14mm",
        )
    )
    document.automaticstyles.addElement(layout)
    document.masterstyles.addElement(MasterPage(name="Standard", pagelayoutname=layout))
    body = Style(name="LgBody", family="paragraph")
    body.addElement(TextProperties(fontname=FONT, fontnameasian=FONT, fontsize="10.5pt", fontsizeasian="10.5pt"))
    document.styles.addElement(body)
    title = Style(name="LgTitle", family="paragraph", parentstylename=body)
    title.addElement(ParagraphProperties(textalign="center"))
    title.addElement(TextProperties(fontsize="16pt", fontsizeasian="16pt", fontweight="bold", fontweightasian="bold"))
    document.styles.addElement(title)
    centre = Style(name="LgCentre", family="paragraph", parentstylename=body)
    centre.addElement(ParagraphProperties(textalign="center"))
    document.styles.addElement(centre)
    head = Style(name="LgHead", family="paragraph", parentstylename=centre)
    head.addElement(TextProperties(fontweight="bold", fontweightasian="bold"))
    document.styles.addElement(head)
    table_style = Style(name="LgTable", family="table")
    table_style.addElement(TableProperties(width="100%" if not doc.landscape else "269mm", align="margins"))
    document.automaticstyles.addElement(table_style)
    cell_style = Style(name="LgCell", family="table-cell")
    cell_style.addElement(TableCellProperties(border="0.5pt solid #000000", padding="1mm"))
    document.automaticstyles.addElement(cell_style)
    document.text.addElement(P(stylename=title, text=doc.title))
    for line in doc.subtitle:
        document.text.addElement(P(stylename=centre, text=line))
    table = Table(name="表", stylename=table_style)
    total = sum(c.weight for c in doc.columns) or 1.0
    usable_mm = 269 if doc.landscape else 182
    for n, col in enumerate(doc.columns):
        col_style = Style(name=f"LgCol{n}", family="table-column")
        col_style.addElement(TableColumnProperties(columnwidth=f"{usable_mm * col.weight / total:.1f}mm"))
        document.automaticstyles.addElement(col_style)
        table.addElement(TableColumn(stylename=col_style))
    header_rows = TableHeaderRows()
    header = TableRow()
    for col in doc.columns:
        cell = TableCell(stylename=cell_style, valuetype="string")
        cell.addElement(P(stylename=head, text=col.header))
        header.addElement(cell)
    header_rows.addElement(header)
    table.addElement(header_rows)
    for n, row in enumerate(doc.rows):
        tr = TableRow()
        if n in doc.group_rows:
            cell = TableCell(stylename=cell_style, numbercolumnsspanned=len(doc.columns), valuetype="string")
            cell.addElement(P(stylename=head, text=doc.text(row[0])))
            tr.addElement(cell)
        else:
            for value in row:
                cell = TableCell(stylename=cell_style, valuetype="string")
                for line in doc.text(value).split("\n") or [""]:
                    cell.addElement(P(stylename=body, text=line))
                tr.addElement(cell)
        table.addElement(tr)
    document.text.addElement(table)
    for line in doc.notes:
        document.text.addElement(P(stylename=body, text=line))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


TABLE_FORMATS: dict[str, tuple[str, str]] = {
    "pdf": ("application/pdf", ".pdf"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    "odt": ("application/vnd.oasis.opendocument.text", ".odt"),
    "csv": ("text/csv; charset=utf-8", ".csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    "html": ("text/html; charset=utf-8", ".html"),
}


def render_table(doc: TableDocument, fmt: str) -> bytes:
    renderers: dict[str, Callable[[TableDocument], bytes]] = {
        "pdf": render_table_pdf,
        "docx": render_table_docx,
        "odt": render_table_odt,
        "csv": render_table_csv,
        "xlsx": render_table_xlsx,
        "html": lambda d: render_table_html(d, standalone=True).encode("utf-8"),
    }
    if fmt not in renderers:
        raise ValueError(f"unknown table format {fmt!r}")
    return renderers[fmt](doc)


def columns(*specs: tuple[str, float] | tuple[str, float, bool]) -> list[Column]:
    return [Column(s[0], s[1], bool(s[2]) if len(s) > 2 else False) for s in specs]
