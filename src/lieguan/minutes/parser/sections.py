"""How sections and items announce themselves: section headings, the level sections are numbered at, item starts."""

from __future__ import annotations

import re

from lieguan.minutes.model import SectionKind
from lieguan.minutes.numerals import parse_number
from lieguan.minutes.parser import vocabulary as v
from lieguan.minutes.parser.items import title_and_presenter
from lieguan.minutes.parser.labels import split_label
from lieguan.minutes.parser.lines import Line
from lieguan.minutes.parser.memo import short_text_cache

_INLINE_HEADING = re.compile(r"^(?P<h>[^:：]{1,24})[:：]\s*(?P<rest>.*)$", re.DOTALL)


def section_heading(rest: str) -> tuple[SectionKind, str, str] | None:
    """The kind, heading and any text after the heading's colon, if ``rest`` is a section heading."""
    kind = v.section_kind(rest)
    if kind is not None:
        return kind, v.clean_heading(rest), ""
    m = _INLINE_HEADING.match(rest)
    if m:
        kind = v.section_kind(m.group("h"))
        if kind is not None:
            return kind, v.clean_heading(m.group("h")), m.group("rest").strip()
    return None


def section_mode(lines: list[Line]) -> int | None:
    """Which label level the sections carry.

    -1 (甲、乙、, as councils number the parts of a sitting, with any 壹、 inside
    or above them sections too), 0 (壹、), 1 (一、 with section words, as bureau
    meetings number them), or None.
    """
    level0 = level1 = False
    stems: set[int] = set()
    for ln in lines:
        label, rest = split_label(ln.text)
        if label is None:
            continue
        if label.level == -1:
            stems.add(label.number)
            if {1, 2} <= stems:
                return -1
        elif label.level == 0:
            level0 = True
        elif label.level == 1 and not level1 and section_heading(rest) is not None and not v.END.match(rest):
            level1 = True
    return 0 if level0 else 1 if level1 else None


@short_text_cache
def looks_like_item(rest: str) -> bool:
    m = v.ITEM_FIELD.match(rest)
    if m and v.item_field_key(m.group("word")) == "title":
        return True
    return title_and_presenter(rest)[1] is not None or bool(v.ITEM_HEADING.match(rest))


@short_text_cache
def label_number(value: str | None) -> int:
    """The number of a label as Minutes JSON keeps it (一, 貳, 3); 0 for none."""
    if not value:
        return 0
    try:
        return parse_number(value)
    except ValueError:
        return 0
