"""DOCX: paragraphs and tables in document order, with Word's automatic numbering written out.

Minutes typed in Word often number their sections and items with automatic
lists, whose labels (壹、 一、 （一）) are not in the paragraph text; they are
rebuilt here from the numbering definitions so that the parser sees them.
A sentence that a page or column break cut into two paragraphs is one line again.
"""

from __future__ import annotations

import io
from typing import Any

from lieguan.minutes.errors import UnreadableDocumentError, gettext_noop
from lieguan.minutes.numerals import to_chinese, to_financial
from lieguan.minutes.readers import limits

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CHINESE_COUNTING = frozenset(
    {"taiwaneseCountingThousand", "taiwaneseCounting", "chineseCounting", "chineseCountingThousand", "japaneseCounting"}
)
_FINANCIAL = frozenset({"chineseLegalSimplified", "ideographLegalTraditional", "koreanLegal", "japaneseLegal"})
_STEMS = "甲乙丙丁戊己庚辛壬癸"


def read_docx(data: bytes, *, table_rows: bool = False) -> str:
    """The document's text; a table's cells each on a line, or with ``table_rows`` each row on a line, cells
    separated by tabs (how a work report's tables are read: ``workreport.tables``)."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    limits.check_zip(data)
    try:
        document = docx.Document(io.BytesIO(data))
        numbering = _Numbering(document)
        lines: list[str] = []

        def walk(container: Any) -> None:
            # The set keeps the lxml elements alive, so that the same cell is the same object again.
            seen: set[Any] = set()
            broken = False
            for block in container.iter_inner_content():
                if isinstance(block, Paragraph):
                    label = numbering.label(block)
                    text = block.text
                    if lines and not label and (broken or _breaks_before(block)) and cut_sentence(lines[-1]):
                        lines[-1] += text
                    else:
                        lines.append(label + text)
                    broken = _ends_with_break(block)
                elif isinstance(block, Table) and table_rows:
                    for row in block.rows:
                        lines.append("\t".join(_row_cells(row)))
                elif isinstance(block, Table):
                    for row in block.rows:
                        for cell in row.cells:
                            # A merged cell appears once per grid column it spans.
                            if cell._tc in seen:
                                continue
                            seen.add(cell._tc)
                            walk(cell)

        walk(document)
    except UnreadableDocumentError:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds of error on a damaged file
        raise UnreadableDocumentError(gettext_noop("DOCX 檔已損壞，無法開啟（%(error)s）"), {"error": type(exc).__name__}) from None
    return "\n".join(lines)


def _row_cells(row: Any) -> list[str]:
    """A row's cells as text, one per grid column as a printed table shows them: a cell merged across columns
    first and empty after, and a cell merged down from the row above empty."""
    from docx.table import _Cell

    out: list[str] = []
    for tc in row._tr.tc_lst:
        cell = _Cell(tc, row.table)
        text = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
        out.append("" if tc.vMerge == "continue" else text)
        out += [""] * (tc.grid_span - 1)
    return out


def _breaks_before(paragraph: Any) -> bool:
    """Whether the paragraph starts a new page (w:pageBreakBefore)."""
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.find(f"{_W}pageBreakBefore") is not None


def _ends_with_break(paragraph: Any) -> bool:
    """Whether the paragraph's last content is a page or column break, so that the next paragraph starts on a new page or column."""
    last = None
    for el in paragraph._p.iter(f"{_W}br", f"{_W}t"):
        last = el
    return last is not None and last.tag == f"{_W}br" and last.get(f"{_W}type") in ("page", "column")


def cut_sentence(text: str) -> bool:
    """Whether ``text`` stops inside a sentence: it ends with neither a full stop nor a closing mark."""
    stripped = text.rstrip()
    return bool(stripped) and stripped[-1] not in _SENTENCE_ENDS


# What a paragraph ends with when it is complete: a break after anything else cut a sentence.
_SENTENCE_ENDS = frozenset("。！？!?；;：:」』）)】]…")


class _Numbering:
    """Counts Word's automatic list numbers as the document goes, the way Word displays them."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.styles: dict[str, tuple[str, int]] = {}
        from docx.opc.constants import RELATIONSHIP_TYPE

        try:
            # Asked for directly: the numbering_part property would try to create a missing part.
            root = document.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element
        except KeyError:
            return
        abstract: dict[str, Any] = {a.get(f"{_W}abstractNumId"): a for a in root.iter(f"{_W}abstractNum")}
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            definition = abstract.get(ref.get(f"{_W}val")) if ref is not None else None
            if definition is None:
                continue
            num_id = num.get(f"{_W}numId")
            for lvl in definition.iter(f"{_W}lvl"):
                ilvl = int(lvl.get(f"{_W}ilvl", "0"))
                fmt = _val(lvl, "numFmt") or "decimal"
                text = _val(lvl, "lvlText") or ""
                start = int(_val(lvl, "start") or "1")
                self.levels[(num_id, ilvl)] = (fmt, text, start)
        for style in document.styles:
            ppr = getattr(style.element, "pPr", None)
            found = _num_pr(ppr)
            if found is not None:
                self.styles[style.style_id] = found

    def label(self, paragraph: Any) -> str:
        found = _num_pr(paragraph._p.pPr)
        if found is None and paragraph._p.pPr is not None and paragraph._p.pPr.pStyle is not None:
            found = self.styles.get(paragraph._p.pPr.pStyle.val)
        if found is None:
            return ""
        num_id, ilvl = found
        if (num_id, ilvl) not in self.levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        fmt, text, start = self.levels[(num_id, ilvl)]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt in ("bullet", "none"):
            return ""
        out = text
        for level in range(ilvl + 1):
            lvl_fmt, _, lvl_start = self.levels.get((num_id, level), ("decimal", "", 1))
            out = out.replace(f"%{level + 1}", _format(lvl_fmt, counters.get(level, lvl_start)))
        return out


def _val(element: Any, tag: str) -> str | None:
    child = element.find(f"{_W}{tag}")
    return None if child is None else child.get(f"{_W}val")


def _num_pr(ppr: Any) -> tuple[str, int] | None:
    if ppr is None:
        return None
    num_pr = ppr.find(f"{_W}numPr")
    if num_pr is None:
        return None
    num_id = _val(num_pr, "numId")
    if num_id is None or num_id == "0":
        return None
    return num_id, int(_val(num_pr, "ilvl") or "0")


def _format(fmt: str, n: int) -> str:
    if fmt in _CHINESE_COUNTING:
        return to_chinese(n)
    if fmt in _FINANCIAL:
        return to_financial(n)
    if fmt == "ideographTraditional" and 1 <= n <= len(_STEMS):
        return _STEMS[n - 1]
    if fmt == "taiwaneseDigital":
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt == "upperLetter" and 1 <= n <= 26:
        return chr(64 + n)
    if fmt == "lowerLetter" and 1 <= n <= 26:
        return chr(96 + n)
    return str(n)
