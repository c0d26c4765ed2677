"""Minutes as official plain text: the layout that the parser reads back.

One paragraph per line with a blank line between paragraphs, as minutes
converted from PDF look. Sections carry 壹、貳、…, items 一、二、…, enumerated
conclusions （一）（二）… under their heading (會議結論：), or 一、二、… directly
under a 綜合會議結論 section; remarks read 「speaker補充說明：text」.
"""

from __future__ import annotations

import datetime as dt

from lieguan.minutes.model import Conclusion, Item, Minutes, Remark, Section
from lieguan.minutes.numerals import FINANCIAL_DIGITS
from lieguan.minutes.rocdate import to_roc_year

_TERMINAL = "。！？!?"
# Sections whose conclusions stand directly under the heading, without 會議結論：.
_CONCLUSION_SECTIONS = frozenset({"general_conclusions", "chair_directives"})
_DEFAULT_HEADING = "會議結論"


def render_text(m: Minutes) -> str:
    """The minutes ``m`` as plain text."""
    out: list[str] = [m.title]
    out.extend(_header(m))
    for section in m.sections:
        out.extend(_section(section))
    out.append(_adjournment(m.end_time))
    return "\n\n".join(p for p in out if p) + "\n"


def format_date(d: dt.date) -> str:
    """民國 111 年 9 月 22 日."""
    return f"民國 {to_roc_year(d.year)} 年 {d.month} 月 {d.day} 日"


def format_clock(t: dt.time) -> str:
    """10 時 00 分 (24-hour, as minutes print it)."""
    return f"{t.hour} 時 {t.minute:02d} 分"


def _header(m: Minutes) -> list[str]:
    out: list[str] = []
    when = " ".join(
        part for part in (format_date(m.date) if m.date else None, format_clock(m.start_time) if m.start_time else None) if part
    )
    if when:
        out.append(f"時間：{when}")
    if m.location:
        out.append(f"地點：{m.location}")
    chair = (m.chair.name or "") + (m.chair.title or "")
    if chair:
        out.append(f"主席：{chair}")
    if m.recorder:
        out.append(f"紀錄：{m.recorder}")
    for word, value in (
        ("出席", m.attendance.present),
        ("列席", m.attendance.observers),
        ("請假", m.attendance.excused),
    ):
        if value:
            out.append(f"{word}：{value}")
    return out


def _section(section: Section) -> list[str]:
    out = [f"{section.label}、{section.heading}" if section.label else section.heading]
    if section.conclusions:
        if section.kind in _CONCLUSION_SECTIONS and section.conclusion_heading is None:
            style = "、" if section.label and section.label[0] in FINANCIAL_DIGITS else "（）"
            out.extend(_enumerated(section.conclusions, style))
        else:
            out.extend(_conclusions(section.conclusion_heading or _DEFAULT_HEADING, section.conclusions))
    for item in section.items:
        out.extend(_item(item, discussion=section.kind == "discussions"))
    return out


def _item(item: Item, *, discussion: bool) -> list[str]:
    title = item.title
    if title and title[-1] not in _TERMINAL:
        title += "。"
    if item.presenter:
        title += f"（{item.presenter}）"
    if discussion:
        title = f"案由：{title}"
    out = [f"{item.label}、{title}" if item.label else title]
    out.extend(_paragraphs(item.body))
    if item.explanation:
        out.extend(_paragraphs("說明：" + item.explanation))
    if item.proposed_action:
        out.extend(_paragraphs("辦法：" + item.proposed_action))
    out.extend(_remark(r) for r in item.remarks)
    if item.conclusions:
        out.extend(_conclusions(item.conclusion_heading or _DEFAULT_HEADING, item.conclusions))
    return out


def _remark(remark: Remark) -> str:
    return "\n\n".join(_paragraphs(f"{remark.speaker}{remark.kind or '補充說明'}：{remark.text}"))


def _conclusions(heading: str, conclusions: list[Conclusion]) -> list[str]:
    if len(conclusions) == 1 and conclusions[0].label is None:
        return _paragraphs(f"{heading}：{conclusions[0].text}")
    return [f"{heading}：", *_enumerated(conclusions, "（）")]


def _enumerated(conclusions: list[Conclusion], style: str) -> list[str]:
    out: list[str] = []
    for c in conclusions:
        if c.label is None:
            out.extend(_paragraphs(c.text))
        elif style == "、":
            out.extend(_paragraphs(f"{c.label}、{c.text}"))
        else:
            out.extend(_paragraphs(f"（{c.label}）{c.text}"))
    return out


def _paragraphs(text: str | None) -> list[str]:
    return [p for p in (text or "").split("\n") if p.strip()]


def _adjournment(end: dt.time | None) -> str:
    return f"散會（{format_clock(end)}）" if end else "散會"
