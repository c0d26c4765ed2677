"""From converted text to the paragraphs of the minutes.

Text converted from PDF or DOCX carries the marks of its conversion: Markdown
bullets, bold and headings; page numbers, footers and the title repeated at the
top of each page; and sentences cut in two by a page break (a blank line, or a
page footer, in the middle of a sentence). This module removes the marks and
joins the cut sentences, so that each ``Line`` it returns is one paragraph.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from lieguan.minutes.parser import vocabulary as v
from lieguan.minutes.parser.labels import split_label
from lieguan.minutes.parser.memo import SHORT


@dataclass(slots=True)
class Line:
    text: str
    # 1-based line of the source text where the paragraph starts.
    number: int
    # Source lines of the places where a page break cut this paragraph and it was joined again.
    joined_at: list[int] = field(default_factory=list)
    # A flattened table, its rows one per line: never joined to the text around it, never read as labels.
    table: bool = False


@dataclass(slots=True)
class _Raw:
    text: str
    number: int
    page_edge: bool = False  # first or last line of a page
    table: bool = False


# A table the caller has already recognised: its first and last source line, and its text.
TableSpan = tuple[int, int, str]


_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\x00-\x08\x0b\x0e-\x1f\x7f]")
_MD_HEADING = re.compile(r"^#{1,6}(?:\s+|$)")
_MD_QUOTE = re.compile(r"^(?:>\s?)+")
_MD_BULLET = re.compile(r"^(?:[-*+•●■◆▪・‧◎□►➢✓]\s+)+")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_MD_TABLE_RULE = re.compile(r"^\|?\s{0,3}:?-{3,}:?\s{0,3}(?:\|\s{0,3}:?-{3,}:?\s{0,3}){0,60}\|?$")
_PAGE_FURNITURE = re.compile(
    r"^(?:[-－—–─‐~～]\s{0,3}[0-9０-９]{1,4}\s{0,3}[-－—–─‐~～]"
    r"|第\s{0,3}[0-9０-９一二三四五六七八九十百]{1,5}\s{0,3}頁(?:\s{0,3}[,，/／、]?\s{0,3}共\s{0,3}[0-9０-９一二三四五六七八九十百]{1,5}\s{0,3}頁)?"
    # 第 1/3 頁; 丁-156, a gazette's part and page.
    r"|第\s{0,3}[0-9０-９]{1,4}\s{0,3}[/／]\s{0,3}[0-9０-９]{1,4}\s{0,3}頁"
    r"|[甲乙丙丁戊己庚辛壬癸]\s{0,2}[-－—–]\s{0,3}[0-9０-９]{1,4}"
    r"|共\s{0,3}[0-9０-９]{1,4}\s{0,3}頁\s{0,3}[,，、]?\s{0,3}第\s{0,3}[0-9０-９]{1,4}\s{0,3}頁"
    r"|[0-9０-９]{1,4}\s{0,3}[/／]\s{0,3}[0-9０-９]{1,4}"
    r"|(?:page|p\.)\s{0,3}[0-9]{1,4}(?:\s{0,3}(?:of|/)\s{0,3}[0-9]{1,4})?"
    r"|[0-9０-９]{1,3})$",
    re.IGNORECASE,
)
# No page mark is longer (第 123 頁，共 456 頁 with every space the pattern allows is 33).
_FURNITURE_MAX = 40
_TITLE_WORDS = re.compile(r"紀錄|記錄|紀要|會議|會報|大會")
_NUMBERED_HEAD = re.compile(r"^(?P<words>[^，。；：,;:]{4,34}?)\s{1,3}[0-9０-９]{1,4}$")
# A run of copies this long is a PDF's way of drawing bold type, not the document's own repetition.
_STUTTER_COPIES = 3
# A line without punctuation that ends like the name of a meeting or its minutes is a title, complete in itself.
_COMPLETE_TITLE = re.compile(r"^[^，。；：,;:]{4,60}(?:紀錄|記錄|紀要|會議|會報|大會)(?:[(（][^()（）]{1,10}[)）])?$")
# The characters a Markdown mark can start with; other lines skip the Markdown clean-up.
_MARKDOWN_STARTS = frozenset("#>-*+•●■◆▪・‧◎□►➢✓")
# A line cut by a page break is at least this long, unless it ends with a comma.
_MIN_CUT = 14
# Hard-wrapped text (PDF extraction) is recognised by many lines of the same width.
_WRAP_MIN_LINES = 8
_WRAP_SHARE = 0.25
_WRAP_SLACK = 2
_WRAP_SENTENCE_ENDS = 0.35
_SENTENCE_END = frozenset("。！？!?；;")
_WRAP_OVERFLOW = 0.1
# How far short of the margin a full line can stop: two Chinese characters.
_KINSOKU = 4
# How far short of the margin a line can stop when the next word did not fit.
_LATIN_WORD = 12


def clean(raw: str) -> str:
    """One source line without Markdown marks, invisible characters or runs of spaces."""
    # Every invisible character is unprintable, and most lines have none: skip the substitution for them.
    text = raw if raw.isprintable() else _INVISIBLE.sub("", raw)
    # str.split() without arguments splits at every run of white space, \u3000 and \u00a0 included.
    text = " ".join(text.split())
    for _ in range(3 if text[:1] in _MARKDOWN_STARTS else 0):
        before = text
        text = _MD_QUOTE.sub("", text)
        text = _MD_HEADING.sub("", text)
        if not _PAGE_FURNITURE.match(text):
            text = _MD_BULLET.sub("", text)
        if text == before:
            break
    if "**" in text or "__" in text:
        text = text.replace("**", "").replace("__", "")
    if "\\" in text:
        text = _MD_ESCAPE.sub(r"\1", text)
    if text.endswith("\\"):
        text = text[:-1]
    return text.strip()


def is_page_furniture(text: str) -> bool:
    return bool(_PAGE_FURNITURE.match(text))


def _key(text: str) -> str:
    return "".join(text.split())


def _raw_lines(text: str, tables: Sequence[TableSpan] = ()) -> list[_Raw]:
    """The cleaned source lines; page numbers are dropped, and the lines beside a page break are marked.

    Each of ``tables`` stands as one line of its own in place of its source lines.
    """
    out: list[_Raw] = []
    number = 0
    spans = iter(tables)
    span = next(spans, None)
    pages = text.split("\f")
    # Most text carries no Markdown emphasis, escapes or invisible characters: its lines need only their spaces put right.
    plain = "**" not in text and "__" not in text and "\\" not in text and _INVISIBLE.search(text) is None
    for page_no, page in enumerate(pages):
        edge_next = page_no > 0
        for raw in page.splitlines() or [""]:
            number += 1
            while span is not None and span[1] < number:
                span = next(spans, None)
            if span is not None and span[0] <= number:
                if span[0] == number:
                    out.append(_Raw(span[2], number, table=True))
                continue
            if not raw or raw.isspace():
                # Half the lines of converted text are the blank ones between paragraphs.
                continue
            if "|" in raw and raw.lstrip().startswith("|"):
                cells = [] if _MD_TABLE_RULE.match(raw.strip()) else raw.strip().strip("|").split("|")
            else:
                cells = [raw]
            for cell in cells:
                line = " ".join(cell.split()) if plain else clean(cell)
                if plain and line[:1] in _MARKDOWN_STARTS:
                    line = clean(line)
                if not line:
                    continue
                if len(line) <= _FURNITURE_MAX and _PAGE_FURNITURE.match(line):
                    _mark_last_edge(out)
                    edge_next = True
                    continue
                out.append(_Raw(line, number, page_edge=edge_next))
                edge_next = False
        _mark_last_edge(out)
    return out


def _collapse_stutter(raws: list[_Raw]) -> list[_Raw]:
    """Undo the copies some PDF extraction makes of bold text, each fragment several times over.

    臺南市議會第 / 臺南市議會第 / 臺南市議會第 / 臺南市議會第1 / 1屆第 / 屆第 / 屆第 / 屆第8 …
    is 臺南市議會第1屆第8…: the last copy of a fragment carries the first
    characters of the plain text after it, and the next fragment's first copy
    repeats them. Only runs of at least three copies count (or a run the chain
    of a stutter already reached), so a line the document itself repeats stays.
    """
    out: list[_Raw] = []
    core = ""  # the fragment the last kept line ends with
    overlap = ""  # characters the last copy carried beyond its fragment
    chained = False
    i = 0
    while i < len(raws):
        r = raws[i]
        if out and core and not r.table and not out[-1].table:
            copies = 0
            while i + copies < len(raws) and raws[i + copies].text == core:
                copies += 1
            if copies and (chained or copies + 1 >= _STUTTER_COPIES):
                i += copies
                chained = True
                continue
            if chained and r.text.startswith(core) and len(r.text) > len(core):
                overlap = r.text[len(core) :]
                out[-1].text += overlap
                i += 1
                continue
            if chained and overlap and r.text.startswith(overlap) and len(r.text) > len(overlap):
                core = r.text[len(overlap) :]
                out[-1].text += core
                overlap = ""
                i += 1
                continue
        out.append(r)
        core = split_label(r.text)[1]
        overlap, chained = "", False
        i += 1
    return out


def _mark_last_edge(out: list[_Raw]) -> None:
    if out:
        out[-1].page_edge = True


def _title_keys(raws: list[_Raw]) -> set[str]:
    """The document title as it may be repeated at the top of every page."""
    head = raws[:10]
    keys = {_key(r.text) for r in head[:1]}
    for r in head:
        if _TITLE_WORDS.search(r.text) and not v.HEADER_FIELD.match(r.text) and split_label(r.text)[0] is None:
            keys.add(_key(r.text))
            break
    return {k for k in keys if len(k) >= 4}


def _numbered_head(text: str) -> str | None:
    """The words of a running head that ends in its page number (第 8 次臨時會 會議紀錄 16 → 第8次臨時會會議紀錄)."""
    m = _NUMBERED_HEAD.match(text)
    return _key(m.group("words")) if m and _TITLE_WORDS.search(m.group("words")) else None


def _drop_running_heads(raws: list[_Raw]) -> list[_Raw]:
    """Remove the title repeated on later pages and any header or footer line repeated at page edges."""
    if not raws:
        return raws
    titles = _title_keys(raws)
    edge_counts = Counter(_key(r.text) for r in raws if r.page_edge and len(r.text) <= 40)
    # A line that ends a sentence is the end of a paragraph that met the page
    # edge, however often it recurs (「品質。」 closing two pages); heads don't.
    running = {k for k, n in edge_counts.items() if n >= 2 and not starts_block(k) and k[-1] not in _SENTENCE_END}
    # A head that carries the page number differs on every page; without page
    # breaks in the text it is known by recurring with different numbers.
    numbered: dict[str, set[str]] = {}
    for r in raws:
        if len(r.text) <= 40 and r.text[-1:].isdigit() and (words := _numbered_head(r.text)) is not None:
            numbered.setdefault(words, set()).add(r.text)
    running |= {k for k, texts in numbered.items() if len(texts) >= 2}
    first = raws[0]
    kept = [first]
    seen_title = {_key(first.text)} & titles
    # Where the text shows its page breaks, the title is repeated only at the top of a page: the same
    # words inside a page are text (a heading's wrapped second line may read exactly as the title).
    # The last line always counts as an edge: it shows no page break. A page's running head followed by
    # the title it repeats (the first page's) is one title too.
    edges_shown = any(r.page_edge for r in raws[1:-1])
    for r in raws[1:]:
        # Cleaned lines hold no white space but single spaces.
        k = r.text if not r.table and " " not in r.text else _key(r.text)
        if k in titles:
            if k in seen_title and (r.page_edge or not edges_shown or _key(kept[-1].text) == k):
                continue
            seen_title.add(k)
        elif (r.page_edge and k in running) or (r.text[-1:].isdigit() and _numbered_head(r.text) in running):
            continue
        kept.append(r)
    return kept


def starts_block(text: str, *, after_full_line: bool = False) -> bool:
    """Whether a paragraph starting with ``text`` opens something new (and so cannot continue a cut sentence).

    After a line that filled the page width, a header word standing alone (紀錄,
    as a flattened table would put it) is more likely the end of the sentence.
    """
    # Asked of every line where a sentence may go on, and again by the head: the answer depends on the text alone.
    if len(text) <= SHORT:
        return _remembered_start(text, after_full_line)
    return _starts_block(text, after_full_line)


def _starts_block(text: str, after_full_line: bool) -> bool:
    if split_label(text)[0] is not None:
        return True
    field = v.HEADER_FIELD.match(text)
    if field and not (after_full_line and field.end() >= len(text)):
        return True
    if v.CONCLUSION_HEADING.match(text) or v.ITEM_FIELD.match(text):
        return True
    if v.END.match(text) or v.ITEM_HEADING.match(text):
        return True
    m = v.REMARK.match(text)
    if m and v.is_speaker(m.group("speaker"), m.group("verb")):
        return True
    return len(text) <= 20 and v.section_kind(text, bare=True) is not None


_remembered_start = lru_cache(maxsize=4096)(_starts_block)


# The wide (two-column) ranges of East Asian text: CJK, kana, hangul and full-width forms.
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)


_NARROW = re.compile(f"[^{_WIDE.pattern[1:-1]}]+")


def display_width(text: str) -> int:
    """Columns the text takes in print: two for a Chinese character, one for a Latin letter."""
    # Runs of narrow characters are few and long, single wide ones many: count the runs.
    return 2 * len(text) - sum(map(len, _NARROW.findall(text)))


def _wrap_width(raws: list[_Raw]) -> int | None:
    """The page width of hard-wrapped text, or None if lines were not wrapped at a fixed width.

    In text extracted from a PDF every line of a paragraph but the last fills the
    width of the page, give or take a character, so one width recurs far more
    than chance allows.
    """
    # A line of fewer than 9 characters is narrower than 18 columns, too narrow to be counted or compared below.
    measured = [(display_width(r.text), r.text) for r in raws if not r.table and len(r.text) >= 9]
    widths = [w for w, _ in measured if w >= 20]
    if len(widths) < _WRAP_MIN_LINES:
        return None
    counts = Counter(widths)

    # How many lines are within the slack of each width.
    get, offsets = counts.get, range(-_WRAP_SLACK, _WRAP_SLACK + 1)
    near = {width: sum([get(width + d, 0) for d in offsets]) for width in counts}
    best = max(counts, key=lambda w: (near[w], counts[w], w))
    if near[best] < _WRAP_SHARE * len(widths) or near[best] < _WRAP_MIN_LINES:
        return None
    # The margin is where lines stop: in wrapped text hardly a line runs past it.
    if sum(n for w, n in counts.items() if w > best + _WRAP_SLACK) > _WRAP_OVERFLOW * len(widths):
        return None
    # A wrap falls anywhere in a sentence; lines that merely happen to be as long
    # as one another (a list of short items) end where their sentences end.
    at_width = [text for w, text in measured if abs(w - best) <= _WRAP_SLACK]
    if sum(text[-1] in v.TERMINAL for text in at_width) > _WRAP_SENTENCE_ENDS * len(at_width):
        return None
    return best


def wrap_width(text: str) -> int | None:
    """The page width (in columns, a Chinese character being two) at which ``text`` was hard-wrapped, if it was."""
    return _wrap_width(_drop_running_heads(_collapse_stutter(_raw_lines(text))))


def is_full_line(text: str, width: int) -> bool:
    """Whether a line of hard-wrapped text reaches the margin, and so goes on in the next line.

    A line may stop a character or two short: a closing mark may not start a
    line (the kinsoku rule), so the character before it moves down with it.
    """
    return display_width(text) >= width - _KINSOKU


def _stops_short(line: str, following: str, width: int) -> bool:
    """A line of hard-wrapped text that ends short of the margin only because the next word did not fit.

    Latin words and numbers are not broken, and a typesetter breaks at the
    spaces around them (which extraction drops), so a line can end a word's
    length early where it meets Latin script or a number, or after a comma.
    """
    if line[-1] in v.TERMINAL or display_width(line) < width - _LATIN_WORD:
        return False
    if line[-1] in v.CONTINUING or _latin(line[-1]) or _latin(following[0]):
        return True
    # A closing mark may not start a line: the character before it (and any mark after) moved down with it.
    moved = _moved_down(following)
    return bool(moved) and display_width(line) + display_width(moved) > width


# Marks that may not start a line of CJK text (the kinsoku rule).
_NO_LINE_START = frozenset("、。，；：？！）」』】%,.;:?!)")


def _moved_down(following: str) -> str:
    """The start of a line that a typesetter carried down as one: a character and the closing marks after it."""
    end = 1
    while end < len(following) and following[end] in _NO_LINE_START:
        end += 1
    return following[:end] if end > 1 else ""


def _latin(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _is_cut(pieces: list[str], length: int, full: bool | None = None) -> bool:
    """Whether the paragraph made of ``pieces`` stops in mid-sentence.

    ``full`` says, for hard-wrapped text, whether its last line reached the
    margin: there a line goes on exactly when it is full. For other text (None)
    the last character and the length of the line decide.
    """
    if full is not None:
        return full and pieces[-1][-1] not in "：:"
    last = pieces[-1][-1]
    if last in v.TERMINAL:
        return False
    if last in v.CONTINUING:
        return True
    if length < _MIN_CUT:
        return False
    if len(pieces) > 1:
        return True
    if _COMPLETE_TITLE.search(pieces[0]):
        return False
    label, rest = split_label(pieces[0])
    # A section heading is never continued on the next line.
    return not (label is not None and len(rest) <= 70 and v.section_kind(rest) is not None)


def _glue(left: str, right: str) -> str:
    """What goes between the halves of a cut sentence: a space between two words of Latin script, else nothing."""
    a, b = left[-1], right[0]
    return " " if a.isascii() and a.isalnum() and b.isascii() and b.isalnum() else ""


def paragraphs(text: str, tables: Sequence[TableSpan] = ()) -> list[Line]:
    """The paragraphs of ``text``, page marks removed and sentences cut by page breaks joined.

    ``tables`` (in document order) each become one ``Line`` marked ``table``.
    """
    raws = _drop_running_heads(_collapse_stutter(_raw_lines(text, tables)))
    width = _wrap_width(raws)
    out: list[Line] = []
    pieces: list[str] = []
    length = 0
    full: bool | None = None
    current: Line | None = None
    previous_number = 0
    for r in raws:
        if r.table:
            if current is not None:
                current.text = "".join(pieces)
                out.append(current)
            out.append(Line(r.text, r.number, table=True))
            current, pieces, length, full = None, [], 0, None
            previous_number = r.number
            continue
        cut = _is_cut(pieces, length, full) or (width is not None and _stops_short(pieces[-1], r.text, width)) if pieces else False
        if current is not None and cut and not starts_block(r.text, after_full_line=bool(full)):
            if r.number > previous_number + 1:
                current.joined_at.append(r.number)
            glue = _glue(pieces[-1], r.text)
            pieces.append(glue + r.text)
            length += len(glue) + len(r.text)
        else:
            if current is not None:
                current.text = "".join(pieces)
                out.append(current)
            current = Line("", r.number)
            pieces = [r.text]
            length = len(r.text)
        full = None if width is None else is_full_line(r.text, width)
        previous_number = r.number
    if current is not None:
        current.text = "".join(pieces)
        out.append(current)
    return out
