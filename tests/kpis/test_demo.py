"""The demo city's register: two agencies, each with goals and KPIs measured over two whole years."""

from __future__ import annotations

import pytest

from lieguan.kpis.models import Kpi, KpiActual, StrategicGoal
from lieguan.kpis.periods import Period
from lieguan.kpis.register import rows_for

pytestmark = pytest.mark.django_db
TWO_YEARS = [Period(2024, 1), Period(2024, 2), Period(2025, 1), Period(2025, 2)]


def test_two_agencies_hold_goals_whose_kpis_have_targets_and_actuals_for_two_years(demo_city):
    agencies = set(StrategicGoal.objects.values_list("organisation__code", flat=True))
    assert agencies == {"secretariat", "dit"}
    for code in agencies:
        kpis = list(Kpi.objects.filter(goal__organisation__code=code))
        assert len(kpis) >= 3, code
        rows = rows_for(kpis)
        for kpi in kpis:
            measured = {r.period for r in rows[kpi.pk] if r.target is not None and r.actual is not None}
            assert set(TWO_YEARS) <= measured, kpi.name


def test_the_demo_register_shows_every_direction_a_miss_a_correction_a_rewritten_statement_and_computed_sources(demo_city):
    kpis = list(Kpi.objects.all())
    assert {k.direction for k in kpis} >= {">=", ">", "<=", "range"}
    assert {k.source for k in kpis} >= {"manual", "meetings_held", "released_on_time"}
    rows = [r for period_rows in rows_for(kpis).values() for r in period_rows]
    missed = [(r.kpi.name, r.period.label) for r in rows if r.assessment.met is False]
    assert missed == [("市民陳情案件 6 日內結案比率", "114 年上半年")]
    assert any(r.earlier_versions for r in rows), "a corrected figure keeps its earlier version"
    assert any(r.rewritten for r in rows), "a unit rewrote one statement"
    assert KpiActual.objects.filter(recorded_by_label="").count() == 0
