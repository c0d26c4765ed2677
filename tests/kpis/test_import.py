"""Filling actuals from a parsed work report: the preview says what would change, applying writes all of it or nothing."""

from __future__ import annotations

from decimal import Decimal
from unittest.mock import patch

import pytest
from django.core.exceptions import PermissionDenied

from lieguan.kpis import actions as k
from lieguan.kpis.models import KpiActual
from lieguan.kpis.periods import Period
from lieguan.minutes.workreport.amounts import Quantity
from lieguan.minutes.workreport.model import Kpi as ParsedKpi

pytestmark = pytest.mark.django_db
H1 = Period(2025, 1)


def parsed(name, value, unit, goal="強化市民數位服務"):
    actual = None if value is None else Quantity(value=value, unit=unit, text=f"{value}{unit}")
    return ParsedKpi(goal=goal, name=name, text=f"{name}實際達成 {value}{unit}", actual=actual)


def report():
    return [
        parsed("協助長者線上申辦場次", 16, "場"),  # an other name of 到府協助長者申辦場次
        {"goal": "強化市民數位服務", "name": "系統異常通報比率", "actual": {"value": 42.5, "unit": "%"}, "text": "通報比率 42.5%"},
        parsed("市民滿意度", 91, "%"),  # not in the register
    ]


def test_the_preview_lists_what_would_be_created_updated_and_left_unmatched_without_writing(register):
    bob = register.city.user("bob")
    k.do_record_actual(bob, register.rate, H1, value=Decimal(38))
    preview = k.do_import_kpi_actuals(bob, register.city.it, H1, report(), dry_run=True)
    assert [(r.stated.name, r.action) for r in preview.rows] == [
        ("協助長者線上申辦場次", "create"),
        ("系統異常通報比率", "update"),
        ("市民滿意度", "unmatched"),
    ]
    assert preview.rows[0].kpi == register.visits and preview.rows[1].previous == Decimal(38)
    assert not preview.applied
    assert KpiActual.objects.count() == 1


def test_applying_writes_a_new_version_of_each_and_says_where_it_came_from(register):
    bob = register.city.user("bob")
    k.do_record_actual(bob, register.rate, H1, value=Decimal(38))
    preview = k.do_import_kpi_actuals(bob, register.city.it, H1, report(), dry_run=False)
    assert preview.applied and len(preview.writes) == 2
    visits = KpiActual.objects.get(kpi=register.visits)
    assert (visits.value, visits.origin, visits.version) == (Decimal(16), "imported", 1)
    assert "工作報告匯入" in visits.note
    assert list(KpiActual.objects.filter(kpi=register.rate).values_list("version", "value")) == [(2, Decimal("42.5")), (1, Decimal(38))]
    # Importing the same report again changes nothing.
    again = k.do_import_kpi_actuals(bob, register.city.it, H1, report(), dry_run=False)
    assert [r.action for r in again.rows] == ["unchanged", "unchanged", "unmatched"]
    assert KpiActual.objects.count() == 3


def test_a_failure_half_way_leaves_nothing_imported(register):
    from lieguan.kpis.actions import actuals

    real = actuals._write
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)

    with patch("lieguan.kpis.actions.importing._write", failing), pytest.raises(RuntimeError):
        k.do_import_kpi_actuals(register.city.user("bob"), register.city.it, H1, report(), dry_run=False)
    assert len(calls) == 2
    assert not KpiActual.objects.exists()


def test_a_percentage_never_fills_a_count_and_a_figureless_kpi_is_skipped(register):
    rows = k.do_import_kpi_actuals(
        register.city.user("dave"),
        register.city.it,
        H1,
        [parsed("到府協助長者申辦場次", 80, "%"), parsed("系統異常通報比率", None, "")],
        dry_run=True,
    ).rows
    assert [r.action for r in rows] == ["skipped", "skipped"]
    assert "單位不符" in rows[0].reason and "未載明實際值" in rows[1].reason


def test_someone_who_may_not_enter_the_agencys_actuals_gets_no_preview(register):
    with pytest.raises(PermissionDenied):
        k.do_import_kpi_actuals(register.city.user("carol"), register.city.it, H1, report(), dry_run=True)


def test_a_name_matching_two_kpis_is_left_for_a_person_to_decide(register):
    from tests.kpis.conftest import SETUP

    k.do_create_kpi(SETUP, register.goal, name="到府協助長者申辦場次（偏鄉）", unit="場", owner=register.city.it)
    row = k.do_import_kpi_actuals(
        register.city.user("bob"), register.city.it, H1, [parsed("到府協助長者申辦", 3, "場")], dry_run=True
    ).rows[0]
    assert row.action == "unmatched" and "同時符合" in row.reason


def test_the_seeds_kpis_find_their_indicators_in_a_register_written_for_them(register, city):
    """The parser's KPIs of the Secretariat's real report go through the preview as they come."""
    from lieguan.minutes.workreport.parser import parse_work_report
    from tests.kpis.conftest import SETUP
    from tests.shared import SEEDS

    seed = SEEDS / "003_e0154fb9a2a8d755.txt"
    parsed_report = parse_work_report(seed.read_text(encoding="utf-8"))
    goal = k.do_create_goal(SETUP, city.secretariat, title="主動拜訪暨邀請駐臺單位參與活動")
    visits = k.do_create_kpi(SETUP, goal, name="主動拜訪駐臺單位", unit="次", owner=city.secretariat)
    preview = k.do_import_kpi_actuals(SETUP, city.secretariat, Period(2021, 0), parsed_report.kpis, dry_run=True)
    matched = [r for r in preview.rows if r.kpi == visits]
    assert len(matched) == 1 and matched[0].stated.value == Decimal(15) and matched[0].action == "create"
