"""The report item 「本府 e 化統計」 of a session: agencies × indicators for the last month, the months before it, the city average.

The month reported is the one before the session's month (the figures of the
month the session sits in are not in yet); if nobody has reported it, the
latest month before it that has figures. A value that belongs to a current
alert's run is marked, so the meeting sees which agencies a rule has caught.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Avg
from django.utils import translation

from lieguan.indicators.models import Alert, Indicator, IndicatorValue, month_key
from lieguan.indicators.months import roc_label, roc_long, shift
from lieguan.indicators.rules import agencies, applicable_agencies, figure
from lieguan.minutes.tables import Column, TableDocument
from lieguan.organisations.models import Organisation

TITLE = "本府 e 化統計"
MONTHS_SHOWN = 3
MARK = "※"


@dataclass
class Cell:
    value: Decimal | None
    hit: bool = False

    @property
    def text(self) -> str:
        if self.value is None:
            return "—"
        return figure(self.value) + (MARK if self.hit else "")


@dataclass
class AgencyRow:
    organisation: Organisation
    cells: list[Cell]
    rules: list[str] = field(default_factory=list)


@dataclass
class IndicatorBlock:
    indicator: Indicator
    rows: list[AgencyRow]
    average: list[Decimal | None]
    # The page's trend chart (SVG), drawn by the view; the printed layout has the table only.
    chart: str = ""

    @property
    def average_text(self) -> list[str]:
        return ["—" if a is None else figure(a.quantize(Decimal("0.01"))) for a in self.average]

    @property
    def hits(self) -> int:
        return sum(1 for r in self.rows if r.rules)


@dataclass
class ReportData:
    month: dt.date
    months: list[dt.date]
    blocks: list[IndicatorBlock]

    @property
    def title(self) -> str:
        return f"{TITLE}（{roc_long(self.month)}）"

    @property
    def month_labels(self) -> list[str]:
        return [roc_label(m) for m in self.months]


def report_month(before: dt.date) -> dt.date:
    """The month reported at a session held on ``before``: the previous month, or the latest earlier one with figures."""
    wanted = shift(before.replace(day=1), -1)
    if IndicatorValue.objects.filter(current=True, month=wanted).exists():
        return wanted
    latest = IndicatorValue.objects.filter(current=True, month__lte=wanted).order_by("-month").values_list("month", flat=True).first()
    return latest or wanted


def build(month: dt.date, *, months_shown: int = MONTHS_SHOWN) -> ReportData:
    months = [shift(month, -k) for k in range(months_shown - 1, -1, -1)]
    indicators = list(Indicator.objects.filter(active=True).prefetch_related("agencies"))
    city_agencies = agencies()
    values: dict[tuple[int, int, dt.date], Decimal] = {}
    for indicator_id, organisation_id, m, value in IndicatorValue.objects.filter(current=True, month__in=months).values_list(
        "indicator_id", "organisation_id", "month", "value"
    ):
        values[(indicator_id, organisation_id, m)] = value
    hit_months: dict[tuple[int, int], set[str]] = defaultdict(set)
    rule_names: dict[tuple[int, int], list[str]] = defaultdict(list)
    keys = {month_key(m) for m in months}
    for alert in Alert.objects.filter(cleared_at__isnull=True, last_month__gte=months[0]).select_related("rule"):
        covered = keys.intersection(alert.months)
        if covered:
            pair = (alert.indicator_id, alert.organisation_id)
            hit_months[pair] |= covered
            if alert.rule.name not in rule_names[pair]:
                rule_names[pair].append(alert.rule.name)
    blocks = []
    for indicator in indicators:
        ids = set(applicable_agencies(indicator, city_agencies))
        rows = []
        for organisation in city_agencies:
            if organisation.pk not in ids:
                continue
            pair = (indicator.pk, organisation.pk)
            cells = [Cell(values.get((indicator.pk, organisation.pk, m)), month_key(m) in hit_months.get(pair, ())) for m in months]
            rows.append(AgencyRow(organisation, cells, rule_names.get(pair, [])))
        average: list[Decimal | None] = []
        for i in range(len(months)):
            present = [v for r in rows if (v := r.cells[i].value) is not None]
            average.append(sum(present, Decimal(0)) / len(present) if present else None)
        blocks.append(IndicatorBlock(indicator, rows, average))
    return ReportData(month, months, blocks)


def city_averages(month: dt.date, count: int = 12) -> dict[int, list[tuple[dt.date, Decimal | None]]]:
    """Each indicator's city average for the ``count`` months up to ``month``, for the report's charts (one query)."""
    months = [shift(month, -k) for k in range(count - 1, -1, -1)]
    found: dict[tuple[int, dt.date], Decimal] = {}
    rows = IndicatorValue.objects.filter(current=True, month__in=months).values("indicator_id", "month").annotate(avg=Avg("value"))
    for row in rows:
        found[(row["indicator_id"], row["month"])] = Decimal(str(row["avg"])).quantize(Decimal("0.01"))
    ids = {i for i, _ in found}
    return {i: [(m, found.get((i, m))) for m in months] for i in ids}


def as_table(data: ReportData) -> TableDocument:
    """The official layout: one group per indicator, one row per agency, then the city average."""
    # A meeting document stays in Chinese whatever language the person downloading it reads the pages in.
    with translation.override(settings.LANGUAGE_CODE):
        return _as_table(data)


def _as_table(data: ReportData) -> TableDocument:
    cols = [Column("機關", 2.0), *[Column(f"{label}", 1.0, True) for label in data.month_labels], Column("警示", 2.0)]
    rows: list[list[str | int | float | None]] = []
    groups: set[int] = set()
    for block in data.blocks:
        groups.add(len(rows))
        unit = block.indicator.get_unit_display()
        rows.append([f"{block.indicator.name}（單位：{unit}；{block.indicator.get_direction_display()}）", *[""] * (len(cols) - 1)])
        for row in block.rows:
            rows.append([row.organisation.display_name, *[c.text for c in row.cells], "、".join(row.rules)])
        rows.append(["全市平均", *block.average_text, ""])
    notes = [f"{MARK} 表示該月數值觸發警示規則。", "— 表示尚未填報。"]
    subtitle = [f"統計月份：{roc_long(data.month)}（並列前 {len(data.months) - 1} 個月）"]
    return TableDocument(title=data.title, columns=cols, rows=rows, subtitle=subtitle, notes=notes, group_rows=groups)
