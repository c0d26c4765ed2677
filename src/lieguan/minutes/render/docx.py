"""Minutes as a Word document (DOCX) with python-docx, in the look of an official record.

A4, 標楷體 for Chinese (the font table names Noto Serif CJK TC as its
alternative where 標楷體 is missing; ``font=`` chooses another), Times New Roman for Latin, title centred, every
numbered paragraph on a hanging indent so wrapped lines align under the text
rather than the label, and 第 X 頁，共 Y 頁 in the footer from PAGE/NUMPAGES
fields. Paragraph styles are named (Minutes Title, Minutes Section, …) so a
clerk can restyle the whole record at once; section and item headings carry
outline levels for Word's navigation pane.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from lieguan.minutes.model import Minutes
from lieguan.minutes.render.layout import (
    BODY_PT,
    CJK_FALLBACK_FONT,
    CJK_FONT,
    LATIN_FONT,
    LINE_SPACING,
    SECTION_PT,
    TITLE_PT,
    Block,
    layout,
)

# Style names, shared with the tests that read the documents back.
STYLE_TITLE = "Minutes Title"
STYLE_HEADER = "Minutes Header"
STYLE_SECTION = "Minutes Section"
STYLE_ITEM = "Minutes Item"
STYLE_TEXT = "Minutes Text"
STYLE_CONCLUSION = "Minutes Conclusion"
STYLE_REMARK = "Minutes Remark"
STYLE_ADJOURN = "Minutes Adjourn"
STYLE_FOOTER = "Minutes Footer"

_BLOCK_STYLES = {
    "section": STYLE_SECTION,
    "item": STYLE_ITEM,
    "conclusions": STYLE_CONCLUSION,
    "conclusion": STYLE_CONCLUSION,
    "remark": STYLE_REMARK,
    "field": STYLE_TEXT,
    "paragraph": STYLE_TEXT,
}

_HEADER_HANG = 3.0  # 時間： is three characters wide


def _set_fonts(rpr: Any, east_asia: str, *, latin: str = LATIN_FONT) -> None:
    """Name the fonts of a run or style explicitly, dropping the template's theme fonts."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:hint"), "eastAsia")


def _set_language(rpr: Any) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-TW")


def _no_grid_snap(ppr: Any) -> None:
    # Word snaps CJK lines to the document grid by default, which doubles the line pitch.
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    ppr.append(snap)


def _prepare_defaults(doc: Any, font: str) -> None:
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr, font)
    _set_language(rpr)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    normal.font.name = LATIN_FONT
    _set_fonts(normal.element.get_or_add_rPr(), font)
    _set_language(normal.element.get_or_add_rPr())
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
    pf.line_spacing = Pt(BODY_PT * LINE_SPACING)
    pf.widow_control = True
    _no_grid_snap(normal.element.get_or_add_pPr())


def _add_style(
    doc: Any,
    name: str,
    font: str,
    *,
    size: float = BODY_PT,
    bold: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = None,
    keep_with_next: bool = False,
    space_before: float = 0.0,
    space_after: float = 0.0,
    outline_level: int | None = None,
) -> ParagraphStyle:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(style, ParagraphStyle)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    style.font.size = Pt(size)
    style.font.bold = bold
    _set_fonts(style.element.get_or_add_rPr(), font)
    pf = style.paragraph_format
    if align is not None:
        pf.alignment = align
    pf.keep_with_next = keep_with_next
    pf.space_before = Pt(space_before)
    pf.space_after = Pt(space_after)
    pf.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
    pf.line_spacing = Pt(size * LINE_SPACING)
    if outline_level is not None:
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(outline_level))
        style.element.get_or_add_pPr().append(level)
    return style


def _prepare_styles(doc: Any, font: str) -> None:
    _prepare_defaults(doc, font)
    _add_style(
        doc,
        STYLE_TITLE,
        font,
        size=TITLE_PT,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=12,
        keep_with_next=True,
    )
    _add_style(doc, STYLE_HEADER, font)
    _add_style(doc, STYLE_SECTION, font, size=SECTION_PT, bold=True, keep_with_next=True, space_before=8, outline_level=0)
    _add_style(doc, STYLE_ITEM, font, keep_with_next=True, space_before=3, outline_level=1)
    _add_style(doc, STYLE_TEXT, font)
    _add_style(doc, STYLE_CONCLUSION, font)
    _add_style(doc, STYLE_REMARK, font)
    _add_style(doc, STYLE_ADJOURN, font, space_before=12)
    _add_style(doc, STYLE_FOOTER, font, size=10, align=WD_ALIGN_PARAGRAPH.CENTER)


def _declare_fallback_font(doc: Any, font: str) -> None:
    """Add the East-Asian font to the font table, with Noto Serif CJK TC as its alternative name."""
    if font == CJK_FALLBACK_FONT:
        return
    for rel in doc.part.rels.values():
        if rel.reltype == RT.FONT_TABLE:
            part = rel.target_part
            root = parse_xml(part.blob)
            entry = OxmlElement("w:font")
            entry.set(qn("w:name"), font)
            alt = OxmlElement("w:altName")
            alt.set(qn("w:val"), CJK_FALLBACK_FONT)
            entry.append(alt)
            # charset 88 = Big5, the code page of 標楷體.
            for tag, value in (("w:charset", "88"), ("w:family", "modern"), ("w:pitch", "fixed")):
                el = OxmlElement(tag)
                el.set(qn("w:val"), value)
                entry.append(el)
            root.append(entry)
            from lxml import etree

            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            return


def _page_setup(doc: Any) -> None:
    section = doc.sections[0]
    section.page_width = Mm(210)
    section.page_height = Mm(297)
    section.top_margin = Mm(25)
    section.bottom_margin = Mm(22)
    section.left_margin = Mm(25)
    section.right_margin = Mm(20)
    section.header_distance = Mm(12)
    section.footer_distance = Mm(10)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is not None:
        section._sectPr.remove(grid)
    footer = section.footer
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.style = doc.styles[STYLE_FOOTER]
    paragraph.add_run("第 ")
    _add_field(paragraph, "PAGE", "1")
    paragraph.add_run(" 頁，共 ")
    _add_field(paragraph, "NUMPAGES", "1")
    paragraph.add_run(" 頁")


def _add_field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    """A complex field (PAGE, NUMPAGES) that Word and LibreOffice update when they lay the page out."""

    def fld_char(kind: str) -> Any:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        return el

    run = paragraph.add_run()
    run._r.append(fld_char("begin"))
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} \\* MERGEFORMAT "
    run._r.append(instr)
    run = paragraph.add_run()
    run._r.append(fld_char("separate"))
    paragraph.add_run(placeholder)
    run = paragraph.add_run()
    run._r.append(fld_char("end"))


def _hanging(paragraph: Paragraph, text_start: float, hang: float, size: float = BODY_PT) -> None:
    """Wrap lines at ``text_start`` em, the first line ``hang`` em further left, where the label stands.

    The label is followed directly by the text, not by a tab: labels are full-width
    characters exactly ``hang`` em wide, and a tab stop at the very point where the
    label ends sends the text on to the next stop in LibreOffice.
    """
    pf = paragraph.paragraph_format
    if text_start:
        pf.left_indent = Pt(text_start * size)
    if hang:
        pf.first_line_indent = Pt(-hang * size)


def _block(doc: Any, block: Block) -> None:
    paragraph = doc.add_paragraph(style=_BLOCK_STYLES[block.kind])
    for part in (block.label, block.lead, block.text):
        if part:
            paragraph.add_run(part)
    size = SECTION_PT if block.kind == "section" else BODY_PT
    # A section's own label hangs in its larger type; its children are placed in body type.
    _hanging(paragraph, block.indent * BODY_PT / size + block.hang, block.hang, size)


def render_docx(m: Minutes, *, font: str = CJK_FONT) -> bytes:
    """The minutes as a DOCX file; ``font`` is the East-Asian font the styles name."""
    lay = layout(m)
    doc = Document()
    _prepare_styles(doc, font)
    _declare_fallback_font(doc, font)
    _page_setup(doc)

    props = doc.core_properties
    props.title = lay.title
    props.subject = lay.subject
    props.author = lay.organisation or "lieguan"
    props.last_modified_by = "lieguan"
    props.category = "會議紀錄"
    props.keywords = "、".join(k for k in (lay.organisation, lay.subject, "會議紀錄") if k)
    props.language = "zh-TW"
    props.comments = ""
    props.revision = 1
    if m.date is not None:
        stamp = dt.datetime.combine(m.date, m.end_time or m.start_time or dt.time(0, 0))
        props.created = stamp
        props.modified = stamp

    doc.add_paragraph(lay.title, style=STYLE_TITLE)
    for line in lay.header:
        paragraph = doc.add_paragraph(f"{line.name}：{line.value}", style=STYLE_HEADER)
        _hanging(paragraph, _HEADER_HANG, _HEADER_HANG)
    for block in lay.blocks():
        _block(doc, block)
    if lay.adjourn:
        doc.add_paragraph(lay.adjourn, style=STYLE_ADJOURN)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
