"""Figures as work reports print them: 「3 萬 7,113 件」「1,551 萬餘元」「92.05%」「+4.05%」.

Reports write large counts in myriads (萬, 億) with thousands separators inside
each myriad, and PDF extraction leaves spaces between every part; a figure is
read back to one number with its unit so that tables can be added up and KPIs
compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Longest first, so that 人次 wins over 人 and 萬元 over 萬.
UNITS = (
    "人次",
    "場次",
    "梯次",
    "小時",
    "分鐘",
    "萬元",
    "%",
    "％",
    "件",
    "次",
    "場",
    "處",
    "則",
    "箱",
    "卷",
    "案",
    "筆",
    "元",
    "日",
    "天",
    "戶",
    "期",
    "名",
    "張",
    "支",
    "輛",
    "間",
    "度",
    "噸",
    "人",
    "團",
    "份",
    "個",
    "項",
    "所",
    "家",
    "攤",
    "週",
    "年",
    "月",
)
# A year or a month after a number is a date, not a quantity (110 年, 7 月); days
# stay quantities because targets are set in days (處理時效 5 日).
DATE_UNITS = frozenset({"年", "月"})

_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_QUANTITY = re.compile(
    r"(?P<sign>[+＋\-－])?"
    r"(?:(?P<big>(?:" + _NUMBER + r"\s*[億萬]\s*)+)(?P<small>" + _NUMBER + r")?|(?P<plain>" + _NUMBER + r"))"
    r"\s*(?P<approx>餘|多)?"
    r"\s*(?P<unit>" + "|".join(re.escape(u) for u in UNITS) + r")?"
)
_MYRIADS = {"萬": 10_000, "億": 100_000_000}


@dataclass(frozen=True)
class Quantity:
    """One figure of the text: its value, its unit (``""`` when bare) and where it stood."""

    value: float
    unit: str
    text: str
    start: int = 0
    end: int = 0
    approximate: bool = False

    @property
    def is_date(self) -> bool:
        return self.unit in DATE_UNITS

    @property
    def is_percent(self) -> bool:
        return self.unit in ("%", "％")

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "value": plain_number(self.value), "unit": "%" if self.is_percent else self.unit}


def plain_number(value: float) -> int | float:
    """An integral value as an ``int`` (so JSON prints 732, not 732.0)."""
    return int(value) if float(value).is_integer() else value


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _value(m: re.Match[str]) -> float:
    if m.group("plain") is not None:
        value = _number(m.group("plain"))
    else:
        value = 0.0
        for part in re.finditer(_NUMBER + r"\s*([億萬])", m.group("big")):
            value += _number(part.group(0)[:-1].strip()) * _MYRIADS[part.group(1)]
        if m.group("small"):
            value += _number(m.group("small"))
    return -value if m.group("sign") in ("-", "－") else value


def find_quantities(text: str) -> list[Quantity]:
    """Every figure in ``text``, in order, dates (110 年, 7 月) included and marked by their unit."""
    out = []
    for m in _QUANTITY.finditer(text):
        unit = m.group("unit") or ""
        out.append(
            Quantity(
                value=_value(m),
                unit="%" if unit == "％" else unit,
                text=m.group(0).strip(),
                start=m.start(),
                end=m.start() + len(m.group(0).rstrip()),
                approximate=bool(m.group("approx")),
            )
        )
    return out


def parse_quantity(text: str) -> Quantity | None:
    """The figure ``text`` consists of (「3 萬 7,113 件」 → 37113 件), or ``None`` if it holds anything else."""
    s = text.strip()
    m = _QUANTITY.fullmatch(s)
    if m is None or not s:
        return None
    unit = m.group("unit") or ""
    return Quantity(_value(m), "%" if unit == "％" else unit, s, 0, len(s), bool(m.group("approx")))


def quantity_spans(text: str) -> list[tuple[int, int]]:
    """Where the figures that carry inner spaces are, so that splitting a row on spaces keeps each whole."""
    return [(q.start, q.end) for q in find_quantities(text) if " " in q.text]
