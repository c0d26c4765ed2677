"""ODT (OpenDocument Text): headings, paragraphs, lists and tables in document order.

A numbered list keeps its labels (一、 （一） …) in its list style, not in the
text; they are written out here from the style's number format, prefix and
suffix, so that the parser sees them as the reader of the document does. A
sentence that a page or column break cut into two paragraphs is one line again.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from lieguan.minutes.errors import UnreadableDocumentError, gettext_noop
from lieguan.minutes.numerals import to_chinese, to_financial
from lieguan.minutes.readers import limits
from lieguan.minutes.readers.docx import cut_sentence

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
# Containers whose children are read in order; paragraphs and headings are read as lines.
_CONTAINERS = {
    (_TEXT, "list-header"),
    (_TEXT, "section"),
    (_TABLE, "table"),
    (_TABLE, "table-header-rows"),
    (_TABLE, "table-rows"),
    (_TABLE, "table-row"),
    (_TABLE, "table-cell"),
    (_OFFICE, "text"),
}
_LINES = {(_TEXT, "p"), (_TEXT, "h")}
_FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
_BREAKS = ("page", "column")
_LIST = (_TEXT, "list")
_TABLE_ELEMENT = (_TABLE, "table")
_TABLE_ROW = (_TABLE, "table-row")
_TABLE_CELL = (_TABLE, "table-cell")
_COVERED_CELL = (_TABLE, "covered-table-cell")
_LIST_ITEM = (_TEXT, "list-item")
_STEMS = "甲乙丙丁戊己庚辛壬癸"


@dataclass(frozen=True, slots=True)
class _LevelFormat:
    format: str
    prefix: str
    suffix: str
    start: int

    def label(self, n: int) -> str:
        return f"{self.prefix}{_number(self.format, n)}{self.suffix}"


def _number(fmt: str, n: int) -> str:
    head = fmt.split(",")[0].strip()
    if head == "一":
        return to_chinese(n)
    if head == "壹":
        return to_financial(n)
    if head == "甲" and 1 <= n <= len(_STEMS):
        return _STEMS[n - 1]
    if head in ("a", "A") and 1 <= n <= 26:
        return chr(ord(head) + n - 1)
    return str(n)


def _list_styles(document: Any) -> dict[str, dict[int, _LevelFormat]]:
    styles: dict[str, dict[int, _LevelFormat]] = {}
    for container in (document.automaticstyles, document.styles):
        for style in container.childNodes:
            if getattr(style, "qname", None) != (_TEXT, "list-style"):
                continue
            levels: dict[int, _LevelFormat] = {}
            for level in style.childNodes:
                if getattr(level, "qname", None) != (_TEXT, "list-level-style-number"):
                    continue
                attr = level.attributes
                levels[int(attr.get((_TEXT, "level"), "1"))] = _LevelFormat(
                    format=attr.get((_STYLE, "num-format"), "1"),
                    prefix=attr.get((_STYLE, "num-prefix"), ""),
                    suffix=attr.get((_STYLE, "num-suffix"), ""),
                    start=int(attr.get((_TEXT, "start-value"), "1")),
                )
            styles[style.attributes.get((_STYLE, "name"), "")] = levels
    return styles


def _break_styles(document: Any) -> dict[str, tuple[bool, bool]]:
    """For each paragraph style that breaks the page or column: whether it breaks before, and after."""
    out: dict[str, tuple[bool, bool]] = {}
    for container in (document.automaticstyles, document.styles):
        for style in container.childNodes:
            if getattr(style, "qname", None) != (_STYLE, "style"):
                continue
            for props in style.childNodes:
                if getattr(props, "qname", None) == (_STYLE, "paragraph-properties"):
                    before = props.attributes.get((_FO, "break-before")) in _BREAKS
                    after = props.attributes.get((_FO, "break-after")) in _BREAKS
                    if before or after:
                        out[style.attributes.get((_STYLE, "name"), "")] = (before, after)
    return out


def _row_cells(row: Any, extract: Any) -> list[str]:
    """A row's cells as text, one per column as a printed table shows them: a cell covered by one spanning from
    the left or from the row above is empty."""
    out: list[str] = []
    for cell in row.childNodes:
        kind = getattr(cell, "qname", None)
        if kind == _TABLE_CELL:
            out.append(" ".join(extract(cell).split()))
        elif kind == _COVERED_CELL:
            out.append("")
    return out


def read_odt(data: bytes, *, table_rows: bool = False) -> str:
    """The document's text; a table's cells each on a line, or with ``table_rows`` each row on a line, cells
    separated by tabs (how a work report's tables are read: ``workreport.tables``)."""
    from odf import teletype
    from odf.opendocument import load

    limits.check_zip(data)
    try:
        document = load(io.BytesIO(data))
        styles = _list_styles(document)
        breaks = _break_styles(document)
        lines: list[str] = []
        after_break = [False]

        def walk(node: Any) -> None:
            for child in node.childNodes:
                kind = getattr(child, "qname", None)
                if kind in _LINES:
                    text = teletype.extractText(child)
                    style = child.attributes.get((_TEXT, "style-name"), "")
                    if lines and (after_break[0] or breaks.get(style, (False, False))[0]) and cut_sentence(lines[-1]):
                        lines[-1] += text
                    else:
                        lines.append(text)
                    after_break[0] = breaks.get(style, (False, False))[1]
                elif kind == _LIST:
                    walk_list(child, None, 1)
                elif kind == _TABLE_ROW and table_rows:
                    lines.append("\t".join(_row_cells(child, teletype.extractText)))
                elif kind == _TABLE_ELEMENT and table_rows:
                    walk(child)
                    lines.append("")  # where one table ends: the next, with the same columns, is another table
                elif kind in _CONTAINERS:
                    walk(child)

        def walk_list(node: Any, style: str | None, depth: int) -> None:
            # A nested list takes its numbering from the outer list's style, one level down.
            style = node.attributes.get((_TEXT, "style-name")) or style
            level = styles.get(style or "", {}).get(depth)
            n = (level.start if level else 1) - 1
            for item in node.childNodes:
                if getattr(item, "qname", None) != _LIST_ITEM:
                    continue
                n += 1
                label = level.label(n) if level else ""
                for child in item.childNodes:
                    kind = getattr(child, "qname", None)
                    if kind == _LIST:
                        walk_list(child, style, depth + 1)
                    elif kind in _LINES:
                        lines.append(label + teletype.extractText(child))
                        label = ""
                        after_break[0] = False
                    elif kind in _CONTAINERS:
                        walk(child)

        walk(document.text)
    except Exception as exc:  # odfpy and its XML parser raise many kinds of error on a damaged file
        raise UnreadableDocumentError(gettext_noop("ODT 檔已損壞，無法開啟（%(error)s）"), {"error": type(exc).__name__}) from None
    return "\n".join(lines)
