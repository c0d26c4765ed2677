"""The demo city's monthly indicators (本府 e 化統計): a register, a year of figures per agency, rules and what they catch.

Invented for the demo. The year runs from 114 年 12 月 to 115 年 11 月, the
month reported at 主任秘書會報第 89 次 (115 年 12 月). The figures follow a
fixed pattern per agency and month, so that loading twice gives the same
register, with a few months set by hand so that the rules find something:
資訊局's door-control lapses two months running (10 and 11 月), 交通局's in
4 and 5 月, 觀傳局's meeting rooms over the threshold in 11 月, and 財政局's
online sign-off rate below its target in 11 月. One indicator is not reported
but counted by Lieguan from the demo's tracked cases: each agency's overdue
cases at the end of every month of the year.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from lieguan.demo.city import ACTOR
from lieguan.indicators import actions as i
from lieguan.indicators.models import Indicator, IndicatorTarget, Rule
from lieguan.indicators.months import roc_label
from lieguan.organisations.models import Organisation

FIRST = dt.date(2025, 12, 1)
MONTHS = 12

INDICATORS: list[dict[str, str]] = [
    {
        "name": "門禁管理缺失",
        "unit": "count",
        "direction": "lower",
        "definition": "下班後門禁未落實（門窗未上鎖、感應卡借用、訪客未登記）經巡查發現之件數。",
    },
    {
        "name": "會議室逾時使用次數",
        "unit": "count",
        "direction": "lower",
        "definition": "預約之會議室超過借用時段仍未歸還、影響下一場會議之次數。",
    },
    {
        "name": "公文線上簽核比率",
        "unit": "percent",
        "direction": "higher",
        "definition": "當月以線上簽核方式辦結之公文件數占全部辦結公文件數之比率。",
    },
]
# Counted from the records (indicators.computed), one figure per agency and month, rather than reported.
COMPUTED: list[dict[str, str]] = [
    {
        "name": "月底逾期列管案件數",
        "computed": "overdue_cases",
        "definition": "月底仍在列管中、已逾列管期限之案件數（含所屬單位主辦或協辦者），由系統依列管紀錄計算。",
    },
]
TARGETS = {"會議室逾時使用次數": (None, Decimal(5)), "公文線上簽核比率": (Decimal(85), None)}
RULES: list[dict[str, Any]] = [
    {"name": "同樣缺失連續 2 個月", "kind": "running", "indicators": ["門禁管理缺失"], "months": 2},
    {"name": "會議室逾時超過警戒值", "kind": "threshold", "indicators": ["會議室逾時使用次數"], "months": 1},
    {"name": "線上簽核未達年度目標", "kind": "target", "indicators": ["公文線上簽核比率"], "months": 1},
]
# (agency code, indicator, month) → the figure that month, where the pattern would not show what the demo needs.
SET_BY_HAND = {
    ("dit", "門禁管理缺失", dt.date(2026, 9, 1)): Decimal(0),
    ("dit", "門禁管理缺失", dt.date(2026, 10, 1)): Decimal(1),
    ("dit", "門禁管理缺失", dt.date(2026, 11, 1)): Decimal(2),
    ("transport", "門禁管理缺失", dt.date(2026, 4, 1)): Decimal(1),
    ("transport", "門禁管理缺失", dt.date(2026, 5, 1)): Decimal(1),
    ("tourism", "會議室逾時使用次數", dt.date(2026, 11, 1)): Decimal(7),
    ("finance", "公文線上簽核比率", dt.date(2026, 11, 1)): Decimal("82.5"),
}


def _month(n: int) -> dt.date:
    index = FIRST.year * 12 + FIRST.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def _pattern(name: str, agency: int, month: int) -> Decimal:
    if name == "門禁管理缺失":
        # Consecutive months step by 3 modulo 11, so the pattern alone never lapses two months running.
        return Decimal(1 if (agency * 7 + month * 3) % 11 == 0 else 0)
    if name == "會議室逾時使用次數":
        return Decimal((agency * 5 + month * 2) % 5)
    return Decimal(88 + (agency * 3 + month) % 7)


def _csv(agencies: list[Organisation]) -> bytes:
    lines = ["機關,指標,年月,數值"]
    for a, agency in enumerate(agencies):
        for spec in INDICATORS:
            for n in range(MONTHS):
                month = _month(n)
                value = SET_BY_HAND.get((agency.code, spec["name"], month), _pattern(spec["name"], a, n))
                lines.append(f"{agency.short_name or agency.name},{spec['name']},{roc_label(month)},{value}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def load_indicators(orgs: dict[str, Organisation]) -> int:
    """Load the register, its rules and a year of figures; loading again changes nothing. Returns the alerts raised."""
    indicators = {}
    for position, spec in enumerate(INDICATORS, start=1):
        indicators[spec["name"]] = Indicator.objects.filter(name=spec["name"]).first() or i.do_create_indicator(
            ACTOR, name=spec["name"], unit=spec["unit"], direction=spec["direction"], definition=spec["definition"], position=position
        )
    for name, (target, threshold) in TARGETS.items():
        if not IndicatorTarget.objects.filter(indicator=indicators[name], year=2026).exists():
            i.do_set_indicator_target(ACTOR, indicators[name], 2026, target=target, threshold=threshold)
    for rule in RULES:
        if not Rule.objects.filter(name=rule["name"]).exists():
            chosen = [indicators[n] for n in rule["indicators"]]
            i.do_save_rule(ACTOR, name=rule["name"], kind=rule["kind"], indicators=chosen, months=rule["months"])
    agencies = [o for o in orgs.values() if o.kind == Organisation.Kind.AGENCY and o.active]
    agencies.sort(key=lambda o: (o.sort_order, o.code))
    result = i.do_import_values(ACTOR, _csv(agencies), "示範城市月報.csv")
    if not result.applied:
        raise RuntimeError("示範月報資料有誤：" + "；".join(str(p) for p in result.problems))
    for position, spec in enumerate(COMPUTED, start=len(INDICATORS) + 1):
        if not Indicator.objects.filter(name=spec["name"]).exists():
            i.do_create_indicator(
                ACTOR,
                name=spec["name"],
                unit="count",
                direction="lower",
                definition=spec["definition"],
                source="computed",
                computed=spec["computed"],
                position=position,
            )
    # Counted as the nightly job would have at each month's end; a figure already kept is no new version.
    for n in range(MONTHS):
        i.do_compute_values(ACTOR, _month(n))
    return len(result.evaluation.raised)
