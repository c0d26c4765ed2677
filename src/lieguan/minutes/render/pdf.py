"""Minutes as PDF: the HTML rendering typeset on A4 by WeasyPrint, CJK fonts embedded.

WeasyPrint embeds (a subset of) every font it uses, so the PDF reads the same
on any machine; on a server without 標楷體 the text is set in Noto Serif CJK TC
(Debian's fonts-noto-cjk). Page numbers (第 N 頁，共 M 頁) come from the @page
rule of the HTML stylesheet; the title, author and subject from its <head>.
A line breaks at a space only between two Latin letters or digits, so that
the PDF reader knows which line breaks lost a space
(:mod:`lieguan.minutes.render.linebreaks`).
"""

from __future__ import annotations

import logging
from typing import Any

from lieguan.minutes.model import Minutes
from lieguan.minutes.render.html import render_html
from lieguan.minutes.render.linebreaks import MARK_KEY, MARK_VALUE

# WeasyPrint and fontTools report every font subset and unsupported CSS hint at
# INFO/WARNING; none of it concerns the reader of the minutes.
_QUIET = ("weasyprint", "fontTools", "fontTools.subset", "fontTools.ttLib")


def _identity_encoding(_document: Any, pdf: Any) -> None:
    """Give every composite font the Identity-H encoding, so that any reader can extract the text.

    When a character is in no installed font (an emoji, a rare name character
    of CJK Extension B, an unassigned code point) WeasyPrint encodes that font
    with an embedded CMap sending the missing glyphs to .notdef — and pdfminer
    (pdfplumber) and pypdf, which look CMaps up by name only, then extract no
    text at all from anything set in that font. Under Identity-H the missing
    glyphs are CIDs the font lacks, which a PDF reader draws as .notdef all the
    same (ISO 32000-1, 9.7.6.3; poppler draws nothing), and the ToUnicode map
    still gives back the character itself. One limit remains, WeasyPrint's: the
    Noto CJK fonts hold 65,535 glyphs, the most a font can, so a second missing
    character in the same font shares the first one's glyph id and is
    extracted as the first.
    """
    for obj in pdf.objects:
        if isinstance(obj, dict) and obj.get("Type") == "/Font" and obj.get("Subtype") == "/Type0" and obj.get("Encoding") != "/Identity-H":
            obj["Encoding"] = "/Identity-H"


def _finish(document: Any, pdf: Any) -> None:
    """Identity-H fonts, and the mark that the minutes' lines break only where :mod:`~lieguan.minutes.render.linebreaks` says."""
    import pydyf

    _identity_encoding(document, pdf)
    pdf.info[MARK_KEY] = pydyf.String(MARK_VALUE)


def render_pdf(m: Minutes) -> bytes:
    """The minutes as an A4 PDF with embedded fonts and extractable text."""
    from weasyprint import HTML

    for name in _QUIET:
        logging.getLogger(name).setLevel(logging.ERROR)
    document = HTML(string=render_html(m, standalone=True, for_pdf=True), base_url=None)
    pdf = document.write_pdf(finisher=_finish)
    assert isinstance(pdf, bytes)
    return pdf
