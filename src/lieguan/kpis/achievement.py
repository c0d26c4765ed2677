"""達成度 and whether a target was met, and the sentence that states them as work reports do.

Pure arithmetic on Decimals, so that the page, the API, the open data and the
work report all say the same figure. The sentence follows the way agencies
write their KPIs to the council: the period and the indicator, the target
(with 大於、以下 or a range), what was reached, a change from the year before
when it is known, the 達成度, and 「未達目標」 when it was missed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

AT_LEAST, MORE_THAN, AT_MOST, LESS_THAN, RANGE = ">=", ">", "<=", "<", "range"
DIRECTION_CHOICES = [
    (AT_LEAST, _("≥ 不低於目標值")),
    (MORE_THAN, _("> 大於目標值")),
    (AT_MOST, _("≤ 不高於目標值")),
    (LESS_THAN, _("< 小於目標值")),
    (RANGE, _("介於目標區間")),
]
HIGHER_IS_BETTER = frozenset({AT_LEAST, MORE_THAN})
LOWER_IS_BETTER = frozenset({AT_MOST, LESS_THAN})
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Assessment:
    """The 達成度 in percent (None when there is nothing to divide by) and whether the target was met (None without a target)."""

    achievement: Decimal | None
    met: bool | None


def _pct(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    if denominator == 0:
        return None
    return (numerator / denominator * HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def assess(direction: str, target: Decimal | None, actual: Decimal | None, target_high: Decimal | None = None) -> Assessment:
    """Compare ``actual`` with the target: ≥ and > divide the actual by the target, ≤ and < the target by the actual.

    A range is fully achieved (100%) inside it; outside, the nearer bound is
    compared as ≥ (below it) or ≤ (above it).
    """
    if actual is None or target is None:
        return Assessment(None, None)
    if direction == RANGE:
        high = target_high if target_high is not None else target
        if target <= actual <= high:
            return Assessment(HUNDRED.quantize(CENT), True)
        if actual < target:
            return Assessment(_pct(actual, target), False)
        return Assessment(_pct(high, actual) if actual else None, False)
    if direction in LOWER_IS_BETTER:
        met = actual <= target if direction == AT_MOST else actual < target
        # Nothing at all (0 days, 0 complaints) against a ceiling is the target reached in full.
        achievement = _pct(target, actual) if actual else (HUNDRED.quantize(CENT) if met else None)
        return Assessment(achievement, met)
    met = actual >= target if direction == AT_LEAST else actual > target
    return Assessment(_pct(actual, target), met)


def figure(value: Decimal, unit: str = "") -> str:
    """15 → 「15 次」, 18.1800 → 「18.18%」, 12345 → 「12,345 件」: at most two decimals, no trailing zeros."""
    rounded = value.quantize(CENT, rounding=ROUND_HALF_UP)
    text = f"{rounded:,.2f}".rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    if not unit:
        return text
    return f"{text}{unit}" if unit in ("%", "％") else f"{text} {unit}"


def target_phrase(direction: str, target: Decimal, unit: str, target_high: Decimal | None = None) -> str:
    """目標值 15 次 / 目標值大於 40% / 目標值 5 日以下 / 目標值介於 80% 至 90%."""
    if direction == RANGE:
        return f"目標值介於 {figure(target, unit)} 至 {figure(target_high if target_high is not None else target, unit)}"
    if direction == MORE_THAN:
        return f"目標值大於 {figure(target, unit)}"
    if direction == LESS_THAN:
        return f"目標值小於 {figure(target, unit)}"
    if direction == AT_MOST:
        return f"目標值 {figure(target, unit)}以下"
    return f"目標值 {figure(target, unit)}"


def target_figure(direction: str, target: Decimal, unit: str, target_high: Decimal | None = None) -> str:
    """The target as a table cell states it: ≥ 15 次, < 5 日, or 介於 18 °C 至 27 °C for a range."""
    if direction == RANGE:
        return f"介於 {figure(target, unit)} 至 {figure(target_high if target_high is not None else target, unit)}"
    symbol = {AT_LEAST: "≥", MORE_THAN: ">", AT_MOST: "≤", LESS_THAN: "<"}.get(direction, "")
    return f"{symbol} {figure(target, unit)}".strip()


def change_phrase(direction: str, before: Decimal, before_label: str, actual: Decimal, unit: str) -> str:
    """從 114 年上半年 91.71%進步至 99.71%: better or worse as the direction says, or 持平."""
    # A year is set off by spaces as the reports print it (從 109 年), a word is not (從基準值).
    spaced = f" {before_label}" if before_label[:1].isdigit() else before_label
    if actual == before:
        return f"與{spaced}持平，為 {figure(actual, unit)}"
    if direction in LOWER_IS_BETTER:
        better = actual < before
    elif direction in HIGHER_IS_BETTER:
        better = actual > before
    else:
        verb = "提高" if actual > before else "降低"
        return f"從{spaced} {figure(before, unit)}{verb}至 {figure(actual, unit)}"
    return f"從{spaced} {figure(before, unit)}{'進步' if better else '退步'}至 {figure(actual, unit)}"


def sentence(
    *,
    period_label: str,
    name: str,
    unit: str,
    direction: str,
    target: Decimal | None,
    actual: Decimal | None,
    target_high: Decimal | None = None,
    before: Decimal | None = None,
    before_label: str = "",
) -> str:
    """The statement of one KPI for one period, in the style of the council reports."""
    if actual is None:
        lead = f"{period_label}{name}"
        return f"{lead}{target_phrase(direction, target, unit, target_high)}，尚無實際值。" if target is not None else f"{lead}尚無實際值。"
    percent = unit in ("%", "％")
    parts = []
    if before is not None:
        parts.append(f"{period_label}{name}{change_phrase(direction, before, before_label, actual, unit)}")
        if target is not None:
            parts.append(target_phrase(direction, target, unit, target_high))
    elif target is not None:
        reached = f"實際達成值為 {figure(actual, unit)}" if percent else f"實際達成 {figure(actual, unit)}"
        parts += [f"{period_label}{name}{target_phrase(direction, target, unit, target_high)}", reached]
    else:
        parts.append(f"{period_label}{name}{'為' if percent else '計'} {figure(actual, unit)}")
    result = assess(direction, target, actual, target_high)
    if result.achievement is not None:
        parts.append(f"目標達成度 {figure(result.achievement, '%')}")
    if result.met is False:
        parts.append("未達目標")
    return "，".join(parts) + "。"
