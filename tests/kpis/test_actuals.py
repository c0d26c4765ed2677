"""Entering actuals: who may, every correction a new version, evidence kept, the statement rewritable; all audited."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lieguan.core.models import AuditEntry
from lieguan.kpis import actions as k
from lieguan.kpis.models import KpiActual
from lieguan.kpis.periods import Period
from lieguan.kpis.register import row_for

pytestmark = pytest.mark.django_db
H1 = Period(2025, 1)
PDF = b"%PDF-1.4\n% sign-in sheet\n" + b"0" * 200


def test_the_liaison_of_the_owner_units_agency_enters_the_actual_with_evidence(register):
    bob = register.city.user("bob")  # 資訊局's liaison; the KPI belongs to its unit 維運科
    actual = k.do_record_actual(bob, register.visits, H1, value=Decimal(15), note="依簽到表統計。", files=[(io.BytesIO(PDF), "簽到表.pdf")])
    assert (actual.version, actual.origin, actual.recorded_by_label) == (1, "entered", "李大同")
    assert actual.evidence.get().original_name == "簽到表.pdf"
    actions = set(AuditEntry.objects.filter(object_id__in=[str(actual.pk), str(actual.evidence.get().pk)]).values_list("action", flat=True))
    assert {"kpi_actual.record", "kpi_actual.attach"} <= actions


@pytest.mark.parametrize("username", ["carol", "frank", "erin"])
def test_another_agencys_liaison_or_someone_without_a_say_cannot_enter_it(register, username):
    with pytest.raises(PermissionDenied):
        k.do_record_actual(register.city.user(username), register.visits, H1, value=Decimal(1))
    assert not KpiActual.objects.exists()


def test_the_secretariat_of_the_body_enters_its_own_kpis_but_not_another_agencys(register, city):
    from lieguan.kpis.actions import do_create_goal, do_create_kpi
    from tests.kpis.conftest import SETUP

    goal = do_create_goal(SETUP, city.secretariat, title="會議紀錄即時公告")
    own = do_create_kpi(SETUP, goal, name="會後 7 日內公告比率", unit="%", owner=city.secretariat)
    assert k.do_record_actual(city.user("alice"), own, H1, value=Decimal(95)).version == 1
    with pytest.raises(PermissionDenied):
        k.do_record_actual(city.user("alice"), register.visits, H1, value=Decimal(1))


def test_only_administrators_and_tracking_officers_keep_the_register(register, city):
    for username in ("bob", "alice", "erin"):
        with pytest.raises(PermissionDenied):
            k.do_set_target(city.user(username), register.visits, H1, target=Decimal(1))
        with pytest.raises(PermissionDenied):
            k.do_create_goal(city.user(username), city.it, title="另一個目標")
    target = k.do_set_target(city.user("dave"), register.visits, H1, target=Decimal(16), baseline=Decimal(12))
    assert target.target == 16
    entry = AuditEntry.objects.filter(action="kpi_target.set", object_id=str(target.pk)).latest("seq")
    assert entry.before["target"] == "15.0000" and entry.after["target"] == "16.0000"


def test_a_correction_is_a_new_version_and_the_earlier_one_stays_visible(register):
    bob = register.city.user("bob")
    first = k.do_record_actual(bob, register.visits, H1, value=Decimal(12), note="依 6 月 20 日統計。")
    second = k.do_record_actual(bob, register.visits, H1, value=Decimal(15), note="補列 6 月下旬 3 場。")
    row = row_for(register.visits, H1)
    assert row.actual == second and row.earlier_versions == [first]
    first.refresh_from_db()
    assert (first.version, first.value, first.note) == (1, Decimal(12), "依 6 月 20 日統計。")
    assert row.assessment.met is True
    assert row.sentence == "114 年上半年到府協助長者申辦場次目標值 15 場，實際達成 15 場，目標達成度 100%。"


def test_the_statement_can_be_rewritten_and_cleared_back_to_the_generated_one(register):
    bob = register.city.user("bob")
    first = k.do_record_actual(bob, register.visits, H1, value=Decimal(15))
    k.do_rewrite_sentence(bob, first, "114 年上半年到府協助長者申辦 15 場，遍及 12 個行政區，目標達成度 100%。")
    row = row_for(register.visits, H1)
    assert row.rewritten and row.sentence.startswith("114 年上半年到府協助長者申辦 15 場，遍及")
    assert AuditEntry.objects.filter(action="kpi_actual.sentence", object_id=str(first.pk)).exists()
    k.do_rewrite_sentence(bob, first, "")
    assert row_for(register.visits, H1).sentence == row_for(register.visits, H1).generated_sentence
    k.do_record_actual(bob, register.visits, H1, value=Decimal(16))
    with pytest.raises(ValidationError):
        k.do_rewrite_sentence(bob, first, "舊版本不能改")


def test_a_missed_target_is_marked_and_stated(register):
    k.do_record_actual(register.city.user("bob"), register.rate, H1, value=Decimal("18.18"))
    row = row_for(register.rate, H1)
    assert row.assessment.met is False
    assert row.sentence.endswith("目標值大於 40%，實際達成值為 18.18%，目標達成度 45.45%，未達目標。")


def test_the_year_before_is_the_comparison_when_it_was_measured(register):
    bob = register.city.user("bob")
    k.do_record_actual(bob, register.rate, Period(2024, 1), value=Decimal("91.71"))
    k.do_record_actual(bob, register.rate, H1, value=Decimal("99.71"))
    assert "從 113 年上半年 91.71%進步至 99.71%" in row_for(register.rate, H1).sentence


def test_a_file_that_is_not_what_it_claims_is_refused_and_nothing_is_written(register):
    with pytest.raises(ValidationError):
        k.do_record_actual(register.city.user("bob"), register.visits, H1, value=Decimal(3), files=[(io.BytesIO(b"MZ\x00\x01"), "x.pdf")])
    assert not KpiActual.objects.exists()
