"""PDF with a text layer. Pages are joined with form feeds so that the parser knows where the page breaks were.

A PDF has no paragraphs, only lines placed on the page. A paragraph's lines
are put back together here, so that the text is one paragraph per line as
from the other formats: a line goes on in the next when the next line's first
word would not have fitted at its end (it was wrapped there, by the width of
the page or of a column) and the next line does not open something new. The
same holds across a page break, past the page number between them.

Where a line was wrapped the PDF keeps no space, so the reader decides
whether one stood there. Between two Latin letters or digits one always did.
Between Chinese and Latin script (使用 App, 完成App) it may or may not have:
a PDF that Lieguan wrote says so in its metadata, and breaks its lines at a
space only between two Latin letters or digits
(:mod:`lieguan.minutes.render.linebreaks`), so any other break in it lost
nothing. Of a PDF from any other tool nothing of the kind is known; there the
reader follows the document's own habit, counted over its unbroken lines
(does it write 使用 App or 使用App?), which is right for a document that
keeps to one habit and the best guess for one that does not.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any

from lieguan.minutes.errors import UnreadableDocumentError, gettext_noop
from lieguan.minutes.readers import limits
from lieguan.minutes.render.linebreaks import MARK_KEY, MARK_VALUE, breakable, wrap_edge

SCANNED_MESSAGE = gettext_noop("這是掃描影像的 PDF，沒有文字層，無法讀出文字；請先以 OCR（文字辨識）轉成有文字層的 PDF 或文字檔後再匯入")
# Points between two characters that still belong to one word, beyond the page's usual spacing.
_WORD_GAP = 1.5
# The right margin is where most long lines stop: this share of the lines stop at or before it.
_MARGIN_QUANTILE = 0.9
# A line may stop this many characters short of the margin and still be full (a
# closing mark may not start a line, so the character before it moves down too).
_KINSOKU = 1.0
# How wide a space is, and how far past the margin a word may still fit (the margin is measured, not known).
_SPACE = 0.25
_SLACK = 0.0
# A gap between two characters up to this many characters wide is a space; a wider one is a column or a tab.
_SPACE_MAX = 0.5
# Continuation lines of one paragraph start within this many characters of one another.
_ALIGN = 0.5
_LATIN = re.compile(r"[A-Za-z0-9]")
_WIDE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_OPENING = "「『（(〔【《〈"
_CLOSING = "」』）)〕】》〉，、。；：！？,.;:!?…"


@dataclass(slots=True)
class _Line:
    text: str
    x0: float
    x1: float
    size: float
    # The width of what the line starts with that cannot be broken: a Latin word, or a character with the marks that cling to it.
    first_word: float


def read_pdf(data: bytes) -> str:
    import pdfplumber

    pages: list[list[_Line]] = []
    images = 0
    edge: float | None = None
    deadline = limits.Deadline()
    limits.check_pdf(data, deadline)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            ours = _breaks_only_between_latin(pdf.metadata)
            if ours and pdf.pages:
                edge = wrap_edge(float(pdf.pages[0].width))
            for page in pdf.pages:
                deadline.check()
                tolerance = _usual_gap(page.chars) + _WORD_GAP
                found = page.extract_text_lines(x_tolerance=tolerance, y_tolerance=3)
                pages.append([line for raw in found if (line := _line(raw, tolerance if ours else None)) is not None])
                images += len(page.images)
    except UnreadableDocumentError:
        raise
    except Exception as exc:  # pdfminer raises many kinds of error on a damaged or encrypted file
        raise UnreadableDocumentError(gettext_noop("PDF 檔已損壞或加密，無法開啟（%(error)s）"), {"error": type(exc).__name__}) from None
    if not any(p for p in pages):
        if images or pages:
            raise UnreadableDocumentError(SCANNED_MESSAGE)
        raise UnreadableDocumentError(gettext_noop("PDF 檔沒有任何頁面"))
    return join_wrapped_lines(pages, glued=ours, edge=edge)


def _breaks_only_between_latin(metadata: dict[str, Any]) -> bool:
    """Whether the PDF says that its lines break at a space only between two Latin letters or digits (Lieguan's own)."""
    return metadata.get(MARK_KEY) == MARK_VALUE


def _line(raw: dict[str, Any], glued: float | None = None) -> _Line | None:
    """The line of text ``raw``; ``glued``, for a PDF that glues spaces, is the least gap (points) that is a space."""
    # A no-break space is a space in the text; Lieguan's PDFs hold many (see the module docstring).
    text = str(raw.get("text", "")).replace("\u00a0", " ").strip()
    chars = [c for c in raw.get("chars", []) if str(c.get("text", "")).strip()]
    if not text or not chars:
        return None
    size = statistics.median(float(c["size"]) for c in chars)
    return _Line(text, float(chars[0]["x0"]), float(chars[-1]["x1"]), size, _first_word(chars, size, glued))


def _first_word(chars: list[dict[str, Any]], size: float, glued: float | None) -> float:
    """How wide the line's first unbreakable piece is: a run of Latin letters and digits, or a character with its marks.

    In a PDF that glues spaces (``glued`` is the least gap that is a space,
    ``size`` the type size) the piece goes on past every space that a line may
    not break at: 完成 3 件 at a line's start is one piece, as wide as all of it.
    """
    end = _piece(chars, 0)
    while glued is not None and end < len(chars):
        gap = float(chars[end]["x0"]) - float(chars[end - 1]["x1"])
        if not glued < gap <= _SPACE_MAX * size or breakable(str(chars[end - 1]["text"]), str(chars[end]["text"])):
            break
        end = _piece(chars, end)
    return float(chars[end - 1]["x1"]) - float(chars[0]["x0"])


def _piece(chars: list[dict[str, Any]], start: int) -> int:
    """Where the unbreakable piece that starts at ``chars[start]`` ends (its end index)."""
    first = str(chars[start]["text"])
    end = start + 1
    if _LATIN.match(first):
        while end < len(chars) and _LATIN.match(str(chars[end]["text"])):
            end += 1
    else:
        if first in _OPENING and end < len(chars):
            end += 1
        while end < len(chars) and str(chars[end]["text"]) in _CLOSING:
            end += 1
    return end


def join_wrapped_lines(pages: list[list[_Line]], *, glued: bool = False, edge: float | None = None) -> str:
    """The text of the pages, each paragraph on one line, pages separated by form feeds.

    ``glued``: the PDF breaks its lines at a space only between two Latin
    letters or digits, so a wrapped line lost a space exactly there.
    ``edge``: the margin at which the lines wrap, if known; it is measured all the same.
    """
    from lieguan.minutes.parser.lines import is_page_furniture, starts_block

    # A line that starts or ends two pages or more is a running head or foot, not text.
    edges = Counter(ln.text for page in pages for ln in {id(x): x for x in (page[:1] + page[-1:])}.values())
    running = {text for text, n in edges.items() if n >= 2}

    def furniture(ln: _Line) -> bool:
        return ln.text in running or is_page_furniture(ln.text)

    body = [ln for page in pages for ln in page if not furniture(ln)]
    ends = sorted(ln.x1 for ln in body)
    margin = ends[min(len(ends) - 1, int(len(ends) * _MARGIN_QUANTILE))] if ends else 0.0
    if edge is not None and body:
        # Where few lines were wrapped, few reach the margin and the measure falls short of it. WeasyPrint
        # stops a wrapped line up to about a character short of the page's margin: the measure falls no further.
        margin = max(margin, edge - statistics.median(ln.size for ln in body))
    spaced = None if glued else _spacing([ln.text for ln in body])
    out: list[list[str]] = []
    # The paragraph being built: where its text is, its last line, and whether it has more than one.
    at: tuple[list[str], int] | None = None
    last: _Line | None = None
    continued = False
    for page in pages:
        texts: list[str] = []
        out.append(texts)
        for ln in page:
            if furniture(ln):
                texts.append(ln.text)
                continue
            glue = _glue(at[0][at[1]], ln.text, spaced) if at is not None else ""
            if at is not None and last is not None and _goes_on(last, ln, margin, continued, glue) and not starts_block(ln.text):
                held, index = at
                held[index] += glue + ln.text
                continued = True
            else:
                texts.append(ln.text)
                at, continued = (texts, len(texts) - 1), False
            last = ln
    return "\f".join("\n".join(texts) for texts in out)


def _goes_on(line: _Line, following: _Line, margin: float, continued: bool, glue: str) -> bool:
    """Whether ``line`` was wrapped: the next line's first word (and the space before it) would not have fitted on it.

    The lines after a paragraph's first start at one place (the first may
    hang out or be indented); a line that starts elsewhere begins anew.
    """
    space = _SPACE * line.size if glue else 0.0
    fits = line.x1 + space + following.first_word <= margin + _SLACK * line.size
    if fits and line.x1 < margin - _KINSOKU * line.size:
        return False
    return not (continued and abs(following.x0 - line.x0) > _ALIGN * line.size)


def _spacing(texts: list[str]) -> dict[tuple[bool, bool], bool]:
    """Whether the document puts a space between Chinese and Latin script, in each direction (使用 Taipeiion, 2 個月).

    A line break drops that space; the document's own habit says whether to put it back.
    """
    counts = {key: [0, 0] for key in ((True, False), (False, True))}
    for text in texts:
        for a, b, c in zip(text, text[1:], text[2:], strict=False):
            if b == " " and _kind(a) is not None and _kind(c) is not None and _kind(a) != _kind(c):
                counts[(_kind(a) is True, _kind(c) is True)][0] += 1
        for a, b in itertools.pairwise(text):
            if _kind(a) is not None and _kind(b) is not None and _kind(a) != _kind(b):
                counts[(_kind(a) is True, _kind(b) is True)][1] += 1
    return {key: spaced > joined for key, (spaced, joined) in counts.items()}


def _kind(c: str) -> bool | None:
    """True for a Latin letter or digit, False for a Chinese character, None for anything else."""
    if _LATIN.match(c):
        return True
    if _WIDE.match(c):
        return False
    return None


def _glue(left: str, right: str, spaced: dict[tuple[bool, bool], bool] | None) -> str:
    """The space, if any, that stood where the text ``left`` was wrapped onto ``right``.

    ``spaced`` is the document's habit (:func:`_spacing`), or None for a PDF
    whose lines break only at spaces that :func:`breakable` allows.
    """
    if spaced is None:
        return " " if breakable(left[-1], right[0]) else ""
    a, b = _kind(left[-1]), _kind(right[0])
    if a is None or b is None:
        return ""
    if a and b:
        return " "
    return " " if a != b and spaced[(a, b)] else ""


def _usual_gap(chars: list[dict[str, Any]]) -> float:
    """The usual space between neighbouring characters of a line, in points.

    Letter-spaced text (justified Chinese, or a 主　席 spread over a cell) leaves
    a gap after every character; read with a fixed tolerance it would come out
    as 主 席 ： 王 志 明, with a space between every two characters.
    """
    gaps = [b["x0"] - a["x1"] for a, b in itertools.pairwise(chars) if abs(a["top"] - b["top"]) < 1 and -1 <= b["x0"] - a["x1"] < a["size"]]
    return max(0.0, statistics.median(gaps)) if gaps else 0.0
