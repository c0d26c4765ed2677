"""The one walk of a Minutes document into the official printed structure.

Every visual renderer (HTML, DOCX, ODT and, through HTML, PDF) lays a document
out from :func:`layout`, so that all of them print the same labels, the same
lead-ins (會議結論：, 說明：, 都發局張主秘補充說明：) and the same indents, and can
never disagree about how a meeting is numbered.

The official enumeration runs 壹、→ 一、→（一）→ 1、→（1）. Sections keep the
label the minutes printed (壹 貳 for city meetings, 一 二 for bureau meetings
that number their sections like items); items are numbered one level deeper
than their section, so a bureau meeting's 五、主席裁示事項 holds
（一）（二）while a city meeting's 參、綜合會議結論 holds 一、二、. Conclusions
listed under 會議結論： are （一）（二） wherever they stand, as render.text
prints them and the parser reads them back.

Indents are measured in em (one CJK character) so that each renderer converts
them with its own body font size: a block's label starts at ``indent`` and its
text at ``indent + hang``; wrapped lines return to ``indent + hang``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from lieguan.minutes.model import Conclusion, Item, Minutes, Remark, Section
from lieguan.minutes.numerals import DIGITS, FINANCIAL_DIGITS
from lieguan.minutes.rocdate import format_roc_date, format_time, weekday_zh

# Type sizes shared by every renderer, in points.
TITLE_PT = 18.0
SECTION_PT = 14.0
BODY_PT = 13.0
LINE_SPACING = 1.5

# East-Asian font families, most wanted first: 標楷體 is what government
# offices print with; the Noto families are what a Linux server has.
CJK_FONTS: tuple[str, ...] = ("標楷體", "DFKai-SB", "TW-Kai", "Noto Serif CJK TC", "Noto Sans CJK TC")
# The one font a format that cannot list alternatives names first.
CJK_FONT = CJK_FONTS[0]
# What a reader without 標楷體 should substitute.
CJK_FALLBACK_FONT = "Noto Serif CJK TC"
LATIN_FONT = "Times New Roman"

DEFAULT_TITLE = "會議紀錄"

NodeKind = Literal[
    "section",  # 壹、報告事項
    "item",  # 一、本府e化統計。（研考會）  — or 一、案由：… for a discussion
    "field",  # 說明：… / 辦法：… of a discussion item
    "paragraph",  # body text, or a further line of a longer text
    "remark",  # 都發局張主秘補充說明：…
    "conclusions",  # 會議結論：（then the enumerated conclusions) or 會議結論：a single sentence
    "conclusion",  # （一）…
]


@dataclass(slots=True)
class Node:
    """One printed paragraph and the paragraphs that stand under it."""

    kind: NodeKind
    # The printed enumeration label with its punctuation: 壹、 一、 （一） 1、 （1）; "" for none.
    label: str = ""
    # A lead-in printed before the text, ending in ：, e.g. 會議結論：, 說明：, 案由：.
    lead: str = ""
    text: str = ""
    # Depth in the enumeration hierarchy (0 = 壹, 1 = 一, 2 = （一）, 3 = 1, 4 = （1））.
    level: int = 0
    # Where the label starts and how wide it is, in em.
    indent: float = 0.0
    hang: float = 0.0
    # A conclusion that itself puts something under tracking (本案列管).
    tracked: bool = False
    children: list[Node] = field(default_factory=list)

    @property
    def text_start(self) -> float:
        return self.indent + self.hang


@dataclass(frozen=True, slots=True)
class Block:
    """A node flattened for the paragraph-by-paragraph renderers (DOCX, ODT)."""

    kind: NodeKind
    label: str
    lead: str
    text: str
    level: int
    indent: float
    hang: float
    tracked: bool

    @property
    def text_start(self) -> float:
        return self.indent + self.hang


@dataclass(frozen=True, slots=True)
class HeaderLine:
    """時間：… / 地點：… — one line of the header under the title."""

    key: str  # machine name: time, location, chair, recorder, present, observers, excused
    name: str  # printed name: 時間, 地點, 主席 …
    value: str


@dataclass(slots=True)
class Layout:
    title: str
    subject: str  # for document properties: the series or organisation
    organisation: str
    header: list[HeaderLine]
    body: list[Node]
    # 散會（11時44分）, or 散會 where the end time is not known.
    adjourn: str

    def blocks(self) -> Iterator[Block]:
        """The body in reading order, one block per printed paragraph."""
        for node in self.body:
            yield from _flatten(node)

    def all_text(self) -> Iterator[str]:
        """Every printed string in reading order (for tests and search)."""
        yield self.title
        for line in self.header:
            yield f"{line.name}：{line.value}"
        for block in self.blocks():
            yield block.label + block.lead + block.text
        if self.adjourn:
            yield self.adjourn


def _flatten(node: Node) -> Iterator[Block]:
    yield Block(
        kind=node.kind,
        label=node.label,
        lead=node.lead,
        text=node.text,
        level=node.level,
        indent=node.indent,
        hang=node.hang,
        tracked=node.tracked,
    )
    for child in node.children:
        yield from _flatten(child)


# ---------------------------------------------------------------- text hygiene

# Characters XML 1.0 cannot carry (C0 controls but tab/newline/CR, surrogates,
# U+FFFE/U+FFFF) and the C1 controls it only tolerates (odfpy turns them into
# U+FFFD): minutes typed into a web form or produced by OCR can hold them, and
# DOCX, ODT and HTML would be broken by them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(text: str | None) -> str:
    """Text fit for any output format: no control characters, newlines as \\n, no tabs."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _NOT_XML.sub("", text).replace("\t", " ")
    return text


def clean_line(text: str | None) -> str:
    """:func:`clean`, then everything on one line (for titles, names and header values)."""
    return " ".join(part.strip() for part in clean(text).split("\n") if part.strip())


def lines(text: str | None) -> list[str]:
    """The non-empty lines of a text, stripped."""
    return [line.strip() for line in clean(text).split("\n") if line.strip()]


# ---------------------------------------------------------------- labels


# The widest hanging indent a label gets: （二十一） and then some. A longer
# "label" (garbage from OCR or a form) just pushes its text along.
MAX_HANG = 6.0


def label_width(label: str) -> float:
    """The printed width of a label in em (CJK and full-width characters 1, the rest ½), at most MAX_HANG."""
    return min(MAX_HANG, sum(1.0 if _is_wide(c) else 0.5 for c in label))


def _is_wide(c: str) -> bool:
    o = ord(c)
    return o >= 0x2E80 and not (0xFF61 <= o <= 0xFFDC)


def decorate(level: int, value: str) -> str:
    """The printed label at a hierarchy level: 壹、 一、 （一） 1、 （1）."""
    value = value.strip()
    if not value:
        return ""
    if level in (2, 4):
        return f"（{value}）"
    return f"{value}、"


def _bare(label: str | None) -> str:
    """The value of a label as the model holds it, with any stray punctuation removed."""
    if not label:
        return ""
    return clean_line(label).strip(" 、.．,，:：()（）")


def _level_of_section(label: str) -> int:
    """壹 貳 參 → 0; 一 二 三 (bureau meetings) → 1."""
    bare = _bare(label)
    if bare and all(c in FINANCIAL_DIGITS + "拾佰" for c in bare):
        return 0
    if bare and all(c in DIGITS + "十百〇" for c in bare):
        return 1
    return 0


# A label at the start of a line of running text: （一） (一) 一、 1、 1. （1） (1) 壹、
_CN = "零一二三四五六七八九十百"
_FIN = "壹貳參肆伍陸柒捌玖拾"
_LINE_LABEL = re.compile(
    rf"^(?:[（(][{_CN}]+[）)]|[{_CN}]+、|[{_FIN}]+、|[0-9０-９]{{1,3}}[、.．](?![0-9０-９])|[（(][0-9０-９]{{1,3}}[）)])\s*"
)


def split_line_label(line: str) -> tuple[str, str]:
    """'（一）請各機關…' → ('（一）', '請各機關…'); a line without a label → ('', line).

    Half-width brackets are printed full-width so that labels line up.
    """
    m = _LINE_LABEL.match(line)
    if not m or m.end() == len(line):
        return "", line
    label = m.group(0).strip().replace("(", "（").replace(")", "）")
    return label, line[m.end() :]


# ---------------------------------------------------------------- header


def format_meeting_time(date: dt.date | None, start: dt.time | None) -> str:
    """民國 111 年 9 月 22 日（星期四）上午 10 時 00 分."""
    parts: list[str] = []
    if date is not None:
        parts.append(f"{format_roc_date(date, prefix='民國', spaced=True)}（星期{weekday_zh(date)}）")
    if start is not None:
        parts.append(format_clock(start))
    return "".join(parts)


def format_clock(t: dt.time) -> str:
    """10:00 → 上午 10 時 00 分; 14:30 → 下午 2 時 30 分; 12:00 → 中午 12 時 00 分."""
    if t.hour < 12:
        period, hour = "上午", t.hour
    elif t.hour == 12:
        period, hour = "中午", 12
    else:
        period, hour = "下午", t.hour - 12
    return f"{period} {hour} 時 {t.minute:02d} 分"


def format_adjourn(end: dt.time | None) -> str:
    """散會（11時44分）; 散會 where the time was not recorded."""
    return "散會" if end is None else f"散會（{format_time(end)}）"


def document_title(m: Minutes) -> str:
    """The title as printed, or one composed from the organisation, session and series."""
    title = clean_line(m.title)
    if title:
        return title
    if m.series:
        session = ""
        if m.session.number is not None:
            year = f"{m.session.year}年" if m.session.year is not None else ""
            session = f"{year}第{m.session.number}次"
        return f"{clean_line(m.organisation)}{session}{clean_line(m.series)}紀錄"
    return DEFAULT_TITLE


def _header(m: Minutes) -> list[HeaderLine]:
    out: list[HeaderLine] = []

    def add(key: str, name: str, value: str | None) -> None:
        value = clean_line(value)
        if value:
            out.append(HeaderLine(key, name, value))

    add("time", "時間", format_meeting_time(m.date, m.start_time))
    add("location", "地點", m.location)
    add("chair", "主席", clean_line(m.chair.name) + clean_line(m.chair.title))
    add("recorder", "紀錄", m.recorder)
    add("present", "出席", m.attendance.present)
    add("observers", "列席", m.attendance.observers)
    add("excused", "請假", m.attendance.excused)
    return out


# ---------------------------------------------------------------- body

# An item title is a sentence: 一、本府e化統計。（研考會）— as render.text prints it.
_TERMINAL = "。！？!?"

# Sections whose conclusions stand directly under the section heading, without
# a 會議結論： of their own: 參、綜合會議結論 一、… and 五、主席裁示事項（一）….
_HEADINGLESS = ("general_conclusions", "chair_directives")


# The level of conclusions listed under 會議結論： (or 決議：): （一）（二）, whatever numbers the item or section above.
_UNDER_HEADING = 2


def _text_nodes(text: str | None, *, kind: NodeKind, level: int, indent: float, lead: str = "") -> list[Node]:
    """A text of one or more lines as nodes at ``indent``.

    The first line carries the lead (說明：…); a line that starts with its own
    label (（一）…, 1、…) hangs on that label; a line without one continues the
    text at the indent. With a lead and several labelled lines, the lead stands
    alone on the first line, as 說明： does above 一、二、.
    """
    parts = lines(text)
    if not parts:
        # A remark whose words were not recorded still names its speaker; an empty 說明 is left out.
        return [Node(kind=kind, lead=lead, level=level, indent=indent)] if lead and kind == "remark" else []
    out: list[Node] = []
    first_label, _ = split_line_label(parts[0])
    if lead and first_label and len(parts) > 1:
        out.append(Node(kind=kind, lead=lead, level=level, indent=indent))
        lead = ""
    for line in parts:
        # The first paragraph is the remark or field itself; further lines continue it.
        this_kind: NodeKind = kind if not out else "paragraph"
        label, rest = split_line_label(line)
        if lead:
            # The lead-in is printed first; a label inside the first line stays part of the text.
            out.append(Node(kind=this_kind, lead=lead, text=line, level=level, indent=indent))
            lead = ""
        elif label:
            out.append(Node(kind=this_kind, label=label, text=rest, level=level, indent=indent, hang=label_width(label)))
        else:
            out.append(Node(kind=this_kind, text=line, level=level, indent=indent))
    return out


def _conclusions_node(conclusions: list[Conclusion], heading: str | None, *, level: int, indent: float) -> list[Node]:
    """會議結論：and its conclusions, enumerated at ``level``; or a single sentence after 會議結論：.

    ``heading`` None means the conclusions stand directly under a section
    heading (綜合會議結論, 主席裁示事項) and are always enumerated.
    """
    if not conclusions:
        return []
    lead = f"{heading}：" if heading else ""
    single = len(conclusions) == 1 and not _bare(conclusions[0].label)
    if single and heading:
        c = conclusions[0]
        parts = lines(c.text)
        node = Node(
            kind="conclusions",
            lead=lead,
            text=parts[0] if parts else "",
            level=level,
            indent=indent,
            tracked=c.tracked,
        )
        node.children = _text_nodes("\n".join(parts[1:]), kind="paragraph", level=level + 1, indent=indent)
        return [node]
    children: list[Node] = []
    for c in conclusions:
        # A conclusion the minutes did not number stays unnumbered, as render.text prints it.
        label = decorate(level, _bare(c.label))
        hang = label_width(label)
        parts = lines(c.text)
        node = Node(
            kind="conclusion",
            label=label,
            text=parts[0] if parts else "",
            level=level,
            indent=indent,
            hang=hang,
            tracked=c.tracked,
        )
        node.children = _text_nodes("\n".join(parts[1:]), kind="paragraph", level=level + 1, indent=indent + hang)
        children.append(node)
    if not heading:
        return children
    return [Node(kind="conclusions", lead=lead, level=level, indent=indent, children=children)]


def _remark_node(remark: Remark, default_kind: str, *, level: int, indent: float) -> list[Node]:
    speaker = clean_line(remark.speaker)
    word = clean_line(remark.kind) or default_kind
    lead = f"{speaker}{word}：" if speaker or word else ""
    return _text_nodes(remark.text, kind="remark", level=level, indent=indent, lead=lead)


def conclusion_heading(section: Section, item: Item | None = None) -> str | None:
    """The heading printed before conclusions: 會議結論, 決議 for discussions; None for none."""
    if item is not None:
        explicit = clean_line(item.conclusion_heading) or clean_line(section.conclusion_heading)
        if explicit:
            return explicit
        return "決議" if section.kind == "discussions" else "會議結論"
    explicit = clean_line(section.conclusion_heading)
    if explicit:
        return explicit
    return None if section.kind in _HEADINGLESS else "會議結論"


def _item_node(section: Section, item: Item, *, level: int, indent: float) -> Node:
    # An item the minutes did not number stays unnumbered, as render.text prints it.
    label = decorate(level, _bare(item.label))
    hang = label_width(label)
    title = clean_line(item.title)
    if title and title[-1] not in _TERMINAL:
        title += "。"
    presenter = clean_line(item.presenter)
    discussion = section.kind == "discussions"
    text = title + (f"（{presenter}）" if presenter else "")
    node = Node(
        kind="item",
        label=label,
        lead="案由：" if discussion and title else "",
        text=text,
        level=level,
        indent=indent,
        hang=hang,
    )
    inner = indent + hang
    below = level + 1
    children: list[Node] = []
    children += _text_nodes(item.body, kind="paragraph", level=below, indent=inner)
    children += _text_nodes(item.explanation, kind="field", level=below, indent=inner, lead="說明：")
    children += _text_nodes(item.proposed_action, kind="field", level=below, indent=inner, lead="辦法：")
    for remark in item.remarks:
        children += _remark_node(remark, "補充說明", level=below, indent=inner)
    children += _conclusions_node(item.conclusions, conclusion_heading(section, item), level=_UNDER_HEADING, indent=inner)
    node.children = children
    return node


def _section_node(section: Section) -> Node:
    level = _level_of_section(section.label)
    bare = _bare(section.label)
    label = decorate(min(level, 1), bare) if bare else ""
    hang = label_width(label)
    node = Node(kind="section", label=label, text=clean_line(section.heading), level=level, hang=hang)
    # Items of a 壹-level section start at the margin, as printed minutes do;
    # items of a bureau meeting's 一-level section stand under its heading text.
    inner = 0.0 if level == 0 else hang
    heading = conclusion_heading(section)
    # As render.text numbers them, which the parser reads back: under 會議結論： always （一）, even below a
    # bureau meeting's 一、 (where 一、 would read as the next section); directly under the heading 一、
    # only below a section numbered 壹、.
    headingless_level = 1 if bare[:1] and bare[0] in FINANCIAL_DIGITS else 2
    conclusion_level = headingless_level if heading is None else _UNDER_HEADING
    node.children += _conclusions_node(section.conclusions, heading, level=conclusion_level, indent=inner)
    for item in section.items:
        node.children.append(_item_node(section, item, level=level + 1, indent=inner))
    return node


def layout(m: Minutes) -> Layout:
    """Lay out a Minutes document as the official minutes print it."""
    organisation = clean_line(m.organisation)
    return Layout(
        title=document_title(m),
        subject=clean_line(m.series) or organisation or DEFAULT_TITLE,
        organisation=organisation,
        header=_header(m),
        body=[_section_node(s) for s in m.sections],
        adjourn=format_adjourn(m.end_time),
    )
