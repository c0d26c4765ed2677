"""The register as pages, the API and the work report read it: each KPI period by period, with its statement.

A period appears once it has a target or an actual. Its figure of record is
the latest version of the actual; the year-on-year change compares it with the
same half of the year before, or else with the period's baseline.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from lieguan.kpis.achievement import RANGE, Assessment, sentence
from lieguan.kpis.models import Kpi, KpiActual, KpiTarget, assessment_of
from lieguan.kpis.periods import Period


@dataclass
class PeriodRow:
    kpi: Kpi
    period: Period
    target: KpiTarget | None
    versions: list[KpiActual] = field(default_factory=list)  # newest first
    before: Decimal | None = None
    before_label: str = ""

    @property
    def actual(self) -> KpiActual | None:
        return self.versions[0] if self.versions else None

    @property
    def earlier_versions(self) -> list[KpiActual]:
        return self.versions[1:]

    @property
    def assessment(self) -> Assessment:
        return assessment_of(self.kpi, self.target, self.actual)

    @property
    def generated_sentence(self) -> str:
        target = self.target
        return sentence(
            period_label=self.period.label,
            name=self.kpi.name,
            unit=self.kpi.unit,
            direction=self.kpi.direction,
            target=target.target if target else None,
            target_high=target.target_high if target and self.kpi.direction == RANGE else None,
            actual=self.actual.value if self.actual else None,
            before=self.before,
            before_label=self.before_label,
        )

    @property
    def sentence(self) -> str:
        """The statement of record: the owner unit's own wording when it rewrote it, else the generated one."""
        if self.actual is not None and self.actual.sentence.strip():
            return self.actual.sentence.strip()
        return self.generated_sentence

    @property
    def rewritten(self) -> bool:
        return self.actual is not None and bool(self.actual.sentence.strip())


def rows_for(kpis: Iterable[Kpi]) -> dict[int, list[PeriodRow]]:
    """Every KPI's periods in time order, in two queries for any number of KPIs."""
    kpis = list(kpis)
    ids = [k.pk for k in kpis]
    targets: dict[tuple[int, Period], KpiTarget] = {(t.kpi_id, t.period): t for t in KpiTarget.objects.filter(kpi_id__in=ids)}
    versions: dict[tuple[int, Period], list[KpiActual]] = defaultdict(list)
    for a in KpiActual.objects.filter(kpi_id__in=ids).select_related("recorded_by").prefetch_related("evidence").order_by("-version"):
        versions[(a.kpi_id, a.period)].append(a)
    out: dict[int, list[PeriodRow]] = {}
    for kpi in kpis:
        periods = {p for k, p in targets if k == kpi.pk} | {p for k, p in versions if k == kpi.pk}
        rows = []
        for period in sorted(periods, key=lambda p: p.sort_key):
            row = PeriodRow(kpi, period, targets.get((kpi.pk, period)), versions.get((kpi.pk, period), []))
            earlier = versions.get((kpi.pk, period.year_before()))
            if earlier:
                row.before, row.before_label = earlier[0].value, period.year_before().label
            elif row.target is not None and row.target.baseline is not None:
                row.before, row.before_label = row.target.baseline, "基準值"
            rows.append(row)
        out[kpi.pk] = rows
    return out


def rows_of(kpi: Kpi) -> list[PeriodRow]:
    return rows_for([kpi])[kpi.pk]


def row_for(kpi: Kpi, period: Period) -> PeriodRow:
    """One period of one KPI (empty when it has neither target nor actual): what a work report states for it."""
    found = next((r for r in rows_of(kpi) if r.period == period), None)
    return found or PeriodRow(kpi, period, None)
