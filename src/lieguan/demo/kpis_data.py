"""The demo city's KPI register: goals, indicators, targets and actuals of 秘書處 and 資訊局 for 113 and 114, and one target of 115.

Invented for the demo. Periods are written as keys (2025H1 is 114 年上半年).
Each indicator: name, owner unit code, unit, direction, source, definition,
targets {period: (target, baseline, upper bound of a range)}, actuals
{period: value, or a list of (value, note) versions when it was corrected}.
One target is missed (秘書處's petitions closed within six days, 114 年上半年),
one statement is rewritten by its unit, and the computed indicators, entered
by hand before the city used Lieguan, have a target for 115 年下半年 that the
demo's user computes from the meetings and cases on the KPI page.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from lieguan.demo.city import ACTOR
from lieguan.kpis import actions as k
from lieguan.kpis.models import Kpi, KpiActual, KpiTarget, Source, StrategicGoal
from lieguan.kpis.periods import Period
from lieguan.organisations.models import Organisation

HALVES = ("2024H1", "2024H2", "2025H1", "2025H2")


def _every(value: str) -> dict[str, tuple[str, str | None, str | None]]:
    return dict.fromkeys(HALVES, (value, None, None))


GOALS: list[dict[str, Any]] = [
    {
        "organisation": "secretariat",
        "title": "提升會議運作效能",
        "description": "會議依時召開、紀錄即時公告，讓決議事項儘速進入列管。",
        "kpis": [
            {
                "name": "處務會議召開次數",
                "owner": "secretariat",
                "unit": "次",
                "direction": ">=",
                "source": Source.MEETINGS_HELD,
                "definition": "本處主辦之會議於期間內實際召開之次數（不含取消之會次）。",
                "targets": {**_every("3"), "2026H2": ("3", None, None)},
                "actuals": {"2024H1": "3", "2024H2": "4", "2025H1": "3", "2025H2": "3"},
                "note": "導入列管系統前，依紙本會議紀錄彙計。",
            },
            {
                "name": "會議紀錄於會後 7 日內公告比率",
                "owner": "sec-docs",
                "unit": "%",
                "direction": ">=",
                "definition": "會後 7 日內公告紀錄之會次數／期間內召開之會次數 × 100%。",
                "targets": {
                    "2024H1": ("90", "88.6", None),
                    "2024H2": ("90", None, None),
                    "2025H1": ("92", None, None),
                    "2025H2": ("92", None, None),
                },
                "actuals": {"2024H1": "92.5", "2024H2": "95", "2025H1": "96.3", "2025H2": "97.2"},
            },
        ],
    },
    {
        "organisation": "secretariat",
        "title": "深化城市國際交流",
        "description": "主動拜訪友好城市代表處，邀請外賓參與市府活動。",
        "kpis": [
            {
                "name": "主動拜訪友好城市駐臨海代表處",
                "owner": "sec-intl",
                "unit": "次",
                "direction": ">=",
                "definition": "國際事務組主動拜訪友好城市駐本市代表處之次數。",
                "aliases": "主動拜訪駐臨海代表處",
                "targets": _every("6"),
                "actuals": {"2024H1": "6", "2024H2": "7", "2025H1": "6", "2025H2": "6"},
                "rewritten": {
                    "2025H1": "114 年上半年主動拜訪友好城市駐臨海代表處目標值 6 次，已拜訪港灣市、北岬市等 6 處代表處，目標達成度 100%。"
                },
            },
            {
                "name": "邀請外賓參與市府活動場次",
                "owner": "sec-intl",
                "unit": "場",
                "direction": ">=",
                "definition": "邀請駐臨海代表處人員出席市府主辦活動之場次。",
                "targets": _every("2"),
                "actuals": {
                    "2024H1": "2",
                    "2024H2": [("2", "依 11 月底統計。"), ("3", "補列 12 月海港燈會一場。")],
                    "2025H1": "2",
                    "2025H2": "3",
                },
            },
        ],
    },
    {
        "organisation": "secretariat",
        "title": "速處市民陳情",
        "description": "府前陳情案件儘速分案、結案，減少迭次陳情。",
        "kpis": [
            {
                "name": "市民陳情案件 6 日內結案比率",
                "owner": "secretariat",
                "unit": "%",
                "direction": ">",
                "definition": "6 日內結案之陳情案件數／期間內受理之陳情案件數 × 100%。",
                "targets": _every("85"),
                "actuals": {
                    "2024H1": "88.4",
                    "2024H2": "86.1",
                    "2025H1": ("79.35", "颱風期間陳情案件集中，部分案件須跨機關會勘，結案時間延長。"),
                    "2025H2": "87.2",
                },
            },
        ],
    },
    {
        "organisation": "dit",
        "title": "強化資通安全防護",
        "description": "資安事件即時通報，提升同仁對社交工程郵件的警覺。",
        "kpis": [
            {
                "name": "資安事件 1 小時內通報比率",
                "owner": "dit-security",
                "unit": "%",
                "direction": ">=",
                "definition": "於發現後 1 小時內完成通報之資安事件數／期間內資安事件數 × 100%。",
                "targets": _every("95"),
                "actuals": {"2024H1": "96", "2024H2": "98", "2025H1": "100", "2025H2": "100"},
            },
            {
                "name": "社交工程演練郵件點擊率",
                "owner": "dit-security",
                "unit": "%",
                "direction": "<=",
                "definition": "點擊演練郵件連結之人數／收到演練郵件之人數 × 100%，愈低愈好。",
                "targets": {
                    "2024H1": ("5", "6.4", None),
                    "2024H2": ("5", None, None),
                    "2025H1": ("4", None, None),
                    "2025H2": ("4", None, None),
                },
                "actuals": {"2024H1": "4.8", "2024H2": "4.1", "2025H1": "3.5", "2025H2": "2.8"},
            },
            {
                "name": "機房平均溫度",
                "owner": "dit-security",
                "unit": "°C",
                "direction": "range",
                "definition": "主機房每日平均溫度之期間平均，應維持於設備建議範圍內。",
                "targets": dict.fromkeys(HALVES, ("18", None, "27")),
                "actuals": {"2024H1": "22.4", "2024H2": "23.1", "2025H1": "22.8", "2025H2": "23.5"},
            },
        ],
    },
    {
        "organisation": "dit",
        "title": "提升數位服務品質",
        "description": "擴大線上申辦，市府交辦事項如期完成。",
        "kpis": [
            {
                "name": "線上申辦服務件數",
                "owner": "dit-innovation",
                "unit": "件",
                "direction": ">=",
                "definition": "市民透過市府線上申辦平台完成申辦之件數。",
                "targets": {
                    "2024H1": ("12000", "11250", None),
                    "2024H2": ("12000", None, None),
                    "2025H1": ("14000", None, None),
                    "2025H2": ("14000", None, None),
                },
                "actuals": {"2024H1": "12480", "2024H2": "13905", "2025H1": "15220", "2025H2": "16034"},
            },
            {
                "name": "列管案件如期解除列管比率",
                "owner": "dit",
                "unit": "%",
                "direction": ">=",
                "source": Source.RELEASED_ON_TIME,
                "definition": "於列管期限內解除列管之本局（含所屬單位）案件數／期間內解除列管且訂有期限之案件數 × 100%。",
                "targets": {**_every("80"), "2026H2": ("80", None, None)},
                "actuals": {"2024H1": "83.3", "2024H2": "85.7", "2025H1": "90", "2025H2": "88.9"},
                "note": "導入列管系統前，依研考會列管報表彙計。",
            },
        ],
    },
]


def _at(period: Period, days: int = 12) -> dt.datetime:
    """When the unit entered the figure: a little after the period ended."""
    day = period.end + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


def _versions(spec: Any, note: str) -> list[tuple[str, str]]:
    if isinstance(spec, list):
        return spec
    if isinstance(spec, tuple):
        return [spec]
    return [(spec, note)]


def _load_kpi(goal: StrategicGoal, position: int, spec: dict[str, Any], orgs: dict[str, Organisation]) -> None:
    kpi = Kpi.objects.filter(goal=goal, name=spec["name"]).first() or k.do_create_kpi(
        ACTOR,
        goal,
        name=spec["name"],
        unit=spec["unit"],
        owner=orgs[spec["owner"]],
        direction=spec["direction"],
        source=spec.get("source", Source.MANUAL),
        definition=spec["definition"],
        aliases=spec.get("aliases", ""),
        position=position,
    )
    for key, (target, baseline, high) in spec["targets"].items():
        period = Period.parse(key)
        if not KpiTarget.objects.filter(kpi=kpi, year=period.year, half=period.half).exists():
            k.do_set_target(
                ACTOR,
                kpi,
                period,
                target=Decimal(target),
                baseline=Decimal(baseline) if baseline else None,
                target_high=Decimal(high) if high else None,
            )
    for key, versions in spec["actuals"].items():
        period = Period.parse(key)
        if KpiActual.objects.filter(kpi=kpi, year=period.year, half=period.half).exists():
            continue
        for n, (value, note) in enumerate(_versions(versions, spec.get("note", ""))):
            actual = k.do_record_actual(ACTOR, kpi, period, value=Decimal(value), note=note, at=_at(period, 12 + 8 * n))
        if key in spec.get("rewritten", {}):
            k.do_rewrite_sentence(ACTOR, actual, spec["rewritten"][key])


def load_kpis(orgs: dict[str, Organisation]) -> int:
    """The register of the demo city; returns how many indicators it holds."""
    with transaction.atomic():
        for spec in GOALS:
            organisation = orgs[spec["organisation"]]
            goal = StrategicGoal.objects.filter(organisation=organisation, title=spec["title"]).first() or k.do_create_goal(
                ACTOR, organisation, title=spec["title"], description=spec["description"]
            )
            for position, kpi_spec in enumerate(spec["kpis"], start=1):
                _load_kpi(goal, position, kpi_spec, orgs)
    return Kpi.objects.count()
