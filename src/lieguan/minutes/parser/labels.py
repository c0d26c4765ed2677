"""Enumeration labels at the start of a line: 壹、 一、 （一） 1、 （1）.

The official hierarchy gives each form a level (0 = 壹, 1 = 一, 2 = （一）,
3 = 1, 4 = （1）); the parser uses the levels, not the characters, to decide
what contains what. Councils put the heavenly stems (甲、乙、丙) above the
hierarchy, or between 壹 and 一; they get level -1, and the body decides by the
document whether they or 壹 are the sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lieguan.minutes.numerals import parse_number
from lieguan.minutes.parser.memo import SHORT

STEMS = "甲乙丙丁戊己庚辛壬癸"
_FINANCIAL = "壹貳貮參叁肆伍陸柒捌玖拾佰"
_CHINESE = "一二三四五六七八九十百〇零"
_DIGIT = "0-9０-９"

# One pattern for all five forms: one match attempt per line.
_LABEL = re.compile(
    rf"^(?:(?P<lstem>[{STEMS}])\s{{0,2}}[、．.]"
    rf"|(?P<l0>[{_FINANCIAL}]{{1,4}})\s{{0,2}}[、，,．.]"
    rf"|(?P<l1>[{_CHINESE}]{{1,5}})\s{{0,2}}[、．.]"
    rf"|[(（]\s{{0,2}}(?:(?P<l2>[{_CHINESE}]{{1,5}})|(?P<l4>[{_DIGIT}]{{1,3}}))\s{{0,2}}[)）]"
    rf"|(?P<l3>[{_DIGIT}]{{1,3}})\s{{0,2}}(?:、|[．.](?![{_DIGIT}])))\s*"
)
_GROUP_LEVELS = (("lstem", -1), ("l0", 0), ("l1", 1), ("l2", 2), ("l3", 3), ("l4", 4))
_STARTS = frozenset(STEMS + _FINANCIAL + _CHINESE + "(（" + "0123456789０１２３４５６７８９")


@dataclass(frozen=True, slots=True)
class Label:
    level: int
    # As printed, without brackets or 、 (the Minutes JSON form): 貳, 一, 1.
    value: str
    number: int


@lru_cache(maxsize=4096)
def _label(level: int, value: str) -> Label | None:
    if level < 0:
        return Label(level, value, STEMS.index(value) + 1)
    try:
        number = parse_number(value)
    except ValueError:
        return None
    return Label(level, value, number) if number > 0 else None


def split_label(text: str) -> tuple[Label | None, str]:
    """Split ``（二）請各機關……`` into the label 二 (level 2) and the text after it."""
    if not text or text[0] not in _STARTS:
        return None, text
    # The same paragraph is asked about several times (joining, running heads, the body); labels are immutable.
    return _remembered_split(text) if len(text) <= SHORT else _split_label(text)


def _split_label(text: str) -> tuple[Label | None, str]:
    m = _LABEL.match(text)
    if m is None:
        return None, text
    for group, level in _GROUP_LEVELS:
        value = m.group(group)
        if value is not None:
            label = _label(level, value)
            return (label, text[m.end() :]) if label is not None else (None, text)
    return None, text


_remembered_split = lru_cache(maxsize=8192)(_split_label)
