"""Minutes as an OpenDocument text (ODT) with odfpy — ODF is the document standard of Taiwan's government.

Same structure as the DOCX: A4, named paragraph styles (Minutes Title,
Minutes Section, …) with the CJK font declared as ``style:font-name-asian``,
hanging indents as automatic styles derived from the named ones, and
第 N 頁，共 M 頁 in the footer from page-number and page-count fields.

The East-Asian font face is 標楷體, what government desktops print with; a
reader without it substitutes its own CJK font (LibreOffice on Linux: a Noto
CJK face). ODF has no standard fallback list, and LibreOffice ignores all but
the first name of a ``a;b`` list when the first is missing, so none is written;
pass ``font="Noto Serif CJK TC"`` for documents meant for such readers.
"""

from __future__ import annotations

import io
from typing import Any

from odf import dc, meta, teletype
from odf.opendocument import OpenDocumentText
from odf.style import (
    FontFace,
    Footer,
    FooterStyle,
    HeaderFooterProperties,
    MasterPage,
    PageLayout,
    PageLayoutProperties,
    ParagraphProperties,
    Style,
    TextProperties,
)
from odf.text import P, PageCount, PageNumber

from lieguan.minutes.model import Minutes
from lieguan.minutes.render.layout import (
    BODY_PT,
    CJK_FONT,
    LATIN_FONT,
    LINE_SPACING,
    SECTION_PT,
    TITLE_PT,
    layout,
)

# Style names (style:name; the display names have spaces), shared with the tests.
STYLE_TITLE = "MinutesTitle"
STYLE_HEADER = "MinutesHeader"
STYLE_SECTION = "MinutesSection"
STYLE_ITEM = "MinutesItem"
STYLE_TEXT = "MinutesText"
STYLE_CONCLUSION = "MinutesConclusion"
STYLE_REMARK = "MinutesRemark"
STYLE_ADJOURN = "MinutesAdjourn"
STYLE_FOOTER = "MinutesFooter"

BLOCK_STYLES = {
    "section": STYLE_SECTION,
    "item": STYLE_ITEM,
    "conclusions": STYLE_CONCLUSION,
    "conclusion": STYLE_CONCLUSION,
    "remark": STYLE_REMARK,
    "field": STYLE_TEXT,
    "paragraph": STYLE_TEXT,
}

_HEADER_HANG = 3.0
_LATIN_FACE = "Latin"
_CJK_FACE = "CJK"


def _pt(value: float) -> str:
    return f"{value:.2f}pt"


def _text_properties(size: float, *, bold: bool = False) -> Any:
    weight = "bold" if bold else "normal"
    return TextProperties(
        fontname=_LATIN_FACE,
        fontnameasian=_CJK_FACE,
        fontnamecomplex=_LATIN_FACE,
        fontsize=_pt(size),
        fontsizeasian=_pt(size),
        fontsizecomplex=_pt(size),
        fontweight=weight,
        fontweightasian=weight,
        fontweightcomplex=weight,
        language="zh",
        country="TW",
        languageasian="zh",
        countryasian="TW",
    )


class _Builder:
    def __init__(self, font: str) -> None:
        self.font = font
        self.doc = OpenDocumentText()
        self._auto: dict[tuple[str, float, float], str] = {}
        self._declare_fonts()
        self._declare_styles()
        self._declare_page()

    def _declare_fonts(self) -> None:
        self.doc.fontfacedecls.addElement(
            FontFace(name=_LATIN_FACE, fontfamily=LATIN_FONT, fontfamilygeneric="roman", fontpitch="variable")
        )
        self.doc.fontfacedecls.addElement(
            FontFace(
                name=_CJK_FACE,
                fontfamily=self.font,
                fontfamilygeneric="roman",
                fontpitch="variable",
            )
        )

    def _style(
        self,
        name: str,
        display: str,
        *,
        size: float = BODY_PT,
        bold: bool = False,
        align: str | None = None,
        keep_with_next: bool = False,
        space_before: float = 0.0,
        space_after: float = 0.0,
        outline_level: int | None = None,
        parent: str | None = "Standard",
    ) -> None:
        attrs: dict[str, Any] = {"name": name, "displayname": display, "family": "paragraph"}
        if parent:
            attrs["parentstylename"] = parent
        if outline_level is not None:
            attrs["defaultoutlinelevel"] = str(outline_level)
        style = Style(**attrs)
        pattrs: dict[str, str] = {
            "lineheightatleast": _pt(size * LINE_SPACING),
            "margintop": _pt(space_before),
            "marginbottom": _pt(space_after),
            "orphans": "2",
            "widows": "2",
        }
        if align:
            pattrs["textalign"] = align
        if keep_with_next:
            pattrs["keepwithnext"] = "always"
        style.addElement(ParagraphProperties(**pattrs))
        style.addElement(_text_properties(size, bold=bold))
        self.doc.styles.addElement(style)

    def _declare_styles(self) -> None:
        self._style("Standard", "Standard", parent=None)
        self._style(STYLE_TITLE, "Minutes Title", size=TITLE_PT, bold=True, align="center", space_after=12, keep_with_next=True)
        self._style(STYLE_HEADER, "Minutes Header")
        self._style(
            STYLE_SECTION,
            "Minutes Section",
            size=SECTION_PT,
            bold=True,
            keep_with_next=True,
            space_before=8,
            outline_level=1,
        )
        self._style(STYLE_ITEM, "Minutes Item", keep_with_next=True, space_before=3, outline_level=2)
        self._style(STYLE_TEXT, "Minutes Text")
        self._style(STYLE_CONCLUSION, "Minutes Conclusion")
        self._style(STYLE_REMARK, "Minutes Remark")
        self._style(STYLE_ADJOURN, "Minutes Adjourn", space_before=12)
        self._style(STYLE_FOOTER, "Minutes Footer", size=10, align="center")

    def _declare_page(self) -> None:
        page = PageLayout(name="MinutesA4")
        page.addElement(
            PageLayoutProperties(
                pagewidth="210mm",
                pageheight="297mm",
                printorientation="portrait",
                margintop="25mm",
                marginbottom="12mm",
                marginleft="25mm",
                marginright="20mm",
            )
        )
        footer_style = FooterStyle()
        footer_style.addElement(HeaderFooterProperties(minheight="10mm", margintop="3mm"))
        page.addElement(footer_style)
        self.doc.automaticstyles.addElement(page)
        master = MasterPage(name="Standard", pagelayoutname=page)
        footer = Footer()
        p = P(stylename=STYLE_FOOTER)
        p.addText("第 ")
        p.addElement(PageNumber(selectpage="current", text="1"))
        p.addText(" 頁，共 ")
        p.addElement(PageCount(text="1"))
        p.addText(" 頁")
        footer.addElement(p)
        master.addElement(footer)
        self.doc.masterstyles.addElement(master)

    def hanging_style(self, parent: str, text_start: float, hang: float, size: float = BODY_PT) -> str:
        """An automatic style: ``parent`` with a hanging indent (in em of ``size``)."""
        if not text_start and not hang:
            return parent
        key = (parent, text_start, hang)
        name = self._auto.get(key)
        if name is None:
            name = f"P{len(self._auto) + 1}"
            self._auto[key] = name
            style = Style(name=name, family="paragraph", parentstylename=parent)
            style.addElement(ParagraphProperties(marginleft=_pt(text_start * size), textindent=_pt(-hang * size)))
            self.doc.automaticstyles.addElement(style)
        return name

    def paragraph(self, style: str, text: str) -> None:
        p = P(stylename=style)
        teletype.addTextToElement(p, text)
        self.doc.text.addElement(p)


def render_odt(m: Minutes, *, font: str = CJK_FONT) -> bytes:
    """The minutes as an ODT file; ``font`` is the East-Asian font the styles name."""
    lay = layout(m)
    b = _Builder(font)
    doc = b.doc
    doc.meta.addElement(dc.Title(text=lay.title))
    doc.meta.addElement(dc.Subject(text=lay.subject))
    doc.meta.addElement(dc.Language(text="zh-TW"))
    doc.meta.addElement(meta.InitialCreator(text=lay.organisation or "lieguan"))
    doc.meta.addElement(dc.Creator(text=lay.organisation or "lieguan"))
    doc.meta.addElement(meta.Keyword(text="會議紀錄"))
    if m.date is not None:
        doc.meta.addElement(meta.CreationDate(text=f"{m.date.isoformat()}T00:00:00"))

    b.paragraph(STYLE_TITLE, lay.title)
    for line in lay.header:
        b.paragraph(b.hanging_style(STYLE_HEADER, _HEADER_HANG, _HEADER_HANG), f"{line.name}：{line.value}")
    for block in lay.blocks():
        size = SECTION_PT if block.kind == "section" else BODY_PT
        style = b.hanging_style(BLOCK_STYLES[block.kind], block.indent * BODY_PT / size + block.hang, block.hang, size)
        b.paragraph(style, block.label + block.lead + block.text)
    if lay.adjourn:
        b.paragraph(STYLE_ADJOURN, lay.adjourn)

    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()
