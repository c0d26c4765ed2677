"""Official minutes in every format the system hands out: text, HTML, DOCX, ODT, PDF and Minutes JSON.

``render(m, "pdf")`` is the one entry point; :data:`FORMATS` says what each
format is called, which media type to serve it with and which file extension
to save it under. The visual formats share one layout (:mod:`.layout`), so
they number and word every paragraph identically. Each renderer is imported
only when asked for, so that producing JSON or text never loads WeasyPrint.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from lieguan.minutes.errors import MinutesError
from lieguan.minutes.model import Minutes


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    media_type: str
    extension: str  # with the dot: ".pdf"
    label: str  # what the web app shows: 「下載 PDF」
    binary: bool


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("txt", "text/plain; charset=utf-8", ".txt", "純文字", binary=False),
        Format("html", "text/html; charset=utf-8", ".html", "網頁（HTML）", binary=False),
        Format(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ".docx",
            "Word（DOCX）",
            binary=True,
        ),
        Format("odt", "application/vnd.oasis.opendocument.text", ".odt", "ODF 文字文件（ODT）", binary=True),
        Format("pdf", "application/pdf", ".pdf", "PDF", binary=True),
        Format("json", "application/json", ".json", "Minutes JSON", binary=False),
    )
}


class UnsupportedFormatError(MinutesError, ValueError):
    """``render`` was asked for a format it does not know."""


def format_for_filename(filename: str) -> Format | None:
    """The format a file name's extension asks for (``minutes.PDF`` → pdf), or None."""
    lowered = filename.lower()
    for fmt in FORMATS.values():
        if lowered.endswith(fmt.extension):
            return fmt
    if lowered.endswith(".htm"):
        return FORMATS["html"]
    return None


def render_json(m: Minutes) -> str:
    """Minutes JSON, indented, with Chinese left readable (not \\u-escaped)."""
    return json.dumps(m.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render(m: Minutes, fmt: str) -> bytes:
    """The minutes as the bytes of a file in ``fmt`` (a key of :data:`FORMATS`)."""
    if fmt == "json":
        # A lone surrogate (from JSON such as "\\ud800") cannot be UTF-8; backslashreplace
        # writes it back as the JSON escape it came from.
        return render_json(m).encode("utf-8", "backslashreplace")
    if fmt == "txt":
        from lieguan.minutes.render.text import render_text

        text: str = render_text(m)
        return text.encode("utf-8", "replace")
    if fmt == "html":
        from lieguan.minutes.render.html import render_html

        return render_html(m).encode("utf-8")
    if fmt == "docx":
        from lieguan.minutes.render.docx import render_docx

        return render_docx(m)
    if fmt == "odt":
        from lieguan.minutes.render.odt import render_odt

        return render_odt(m)
    if fmt == "pdf":
        from lieguan.minutes.render.pdf import render_pdf

        return render_pdf(m)
    raise UnsupportedFormatError(f"不支援的格式 {fmt!r}，可用的格式：{'、'.join(FORMATS)}")


__all__ = ["FORMATS", "Format", "UnsupportedFormatError", "format_for_filename", "render", "render_json"]
