"""Each kind of rule finds what it says: beyond a threshold, short of the target, worse K months running, not reported in time."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from lieguan.indicators import actions as i
from lieguan.indicators.models import Alert, IndicatorValue, Rule
from tests.indicators.conftest import SETUP, csv_bytes

pytestmark = pytest.mark.django_db


def _months(rule):
    current = Alert.objects.filter(rule=rule, cleared_at__isnull=True).select_related("organisation")
    return sorted((a.organisation.short_name, tuple(a.months)) for a in current)


def test_a_threshold_is_crossed_by_the_value_in_the_indicators_direction(register):
    rule = i.do_save_rule(SETUP, name="簽核率低於 60%", kind="threshold", indicators=[register.rate], threshold=Decimal(60))
    i.do_import_values(SETUP, csv_bytes(("資訊局", "線上簽核比率", "115/01", "55"), ("教育局", "線上簽核比率", "115/01", "75")), "a.csv")
    assert _months(rule) == [("資訊局", ("2026-01",))]


def test_below_target_uses_the_years_target(register):
    i.do_set_indicator_target(SETUP, register.rate, 2026, target=Decimal(80), threshold=None)
    rule = i.do_save_rule(SETUP, name="未達目標", kind="target", indicators=[register.rate])
    i.do_import_values(SETUP, csv_bytes(("資訊局", "線上簽核比率", "115/01", "81"), ("教育局", "線上簽核比率", "115/01", "79.5")), "a.csv")
    assert _months(rule) == [("教育局", ("2026-01",))]


def test_worse_k_months_in_a_row_compares_each_month_with_the_one_before(register):
    rule = i.do_save_rule(SETUP, name="連續 2 個月惡化", kind="worse", indicators=[register.rate], months=2)
    rows = [("資訊局", "線上簽核比率", f"115/0{m}", v) for m, v in ((1, "90"), (2, "85"), (3, "80"))]
    rows += [("教育局", "線上簽核比率", f"115/0{m}", v) for m, v in ((1, "90"), (2, "85"), (3, "88"))]
    i.do_import_values(SETUP, csv_bytes(*rows), "a.csv")
    assert _months(rule) == [("資訊局", ("2026-02", "2026-03"))]


def test_a_month_not_reported_by_the_deadline_day_is_an_alert_until_it_is_reported(register, city):
    rule = i.do_save_rule(SETUP, name="逾期未填報", kind="missing", indicators=[register.rate], deadline_day=10)
    # Missing reports are chased from January of the year the rule was made.
    Rule.objects.filter(pk=rule.pk).update(created=timezone.make_aware(dt.datetime(2026, 1, 5)))
    i.do_import_values(SETUP, csv_bytes(("資訊局", "線上簽核比率", "115/01", "90"), ("教育局", "線上簽核比率", "115/01", "90")), "a.csv")
    i.do_evaluate(today=dt.date(2026, 2, 10))
    assert _months(rule) == []
    i.do_evaluate(today=dt.date(2026, 3, 11))
    assert _months(rule) == [("教育局", ("2026-02",)), ("資訊局", ("2026-02",))]
    i.do_record_value(city.user("bob"), register.rate, city.it, dt.date(2026, 2, 1), Decimal(91), today=dt.date(2026, 3, 11))
    assert Alert.objects.get(organisation=city.it, rule=rule).cleared_at is not None


def test_a_liaison_enters_only_their_agencys_values_and_the_rule_runs_as_they_arrive(register, city):
    bob = city.user("bob")
    i.do_record_value(bob, register.doors, city.it, dt.date(2026, 10, 1), Decimal(1))
    recorded = i.do_record_value(bob, register.doors, city.it, dt.date(2026, 11, 1), Decimal(1))
    assert [a.months for a in recorded.evaluation.raised] == [["2026-10", "2026-11"]]
    with pytest.raises(PermissionDenied):
        i.do_record_value(bob, register.doors, city.edu, dt.date(2026, 11, 1), Decimal(1))
    with pytest.raises(ValidationError):
        i.do_record_value(bob, register.doors, city.it, dt.date(2099, 1, 1), Decimal(1))


def test_entering_the_same_value_again_adds_no_version(register, city):
    bob = city.user("bob")
    i.do_record_value(bob, register.doors, city.it, dt.date(2026, 10, 1), Decimal(1))
    again = i.do_record_value(bob, register.doors, city.it, dt.date(2026, 10, 1), Decimal("1.0"))
    assert not again.changed and IndicatorValue.objects.count() == 1


def test_only_those_who_run_the_statistics_choose_rules(register, city):
    with pytest.raises(PermissionDenied):
        i.do_save_rule(city.user("bob"), name="x", kind="running", indicators=[register.doors])
    assert i.do_save_rule(city.user("alice"), name="連續 3 個月", kind="running", indicators=[register.doors], months=3).months == 3


def test_a_computed_indicator_counts_each_agencys_overdue_cases_at_the_end_of_the_month(register, city):
    from django.core.management import call_command

    from lieguan.tracking import actions as t

    overdue = i.do_create_indicator(SETUP, name="逾期列管案件數", unit="count", source="computed", computed="overdue_cases", position=3)
    i.do_save_rule(SETUP, name="逾期案件超過 1 件", kind="threshold", indicators=[overdue], threshold=Decimal(1))
    for title, lead, deadline in (("機房改善", city.it_unit, dt.date(2026, 9, 30)), ("網站改版", city.it, dt.date(2026, 10, 15))):
        t.do_create_case(
            SETUP,
            source="mayor",
            owner=city.rdec,
            title=title,
            text="請辦理。",
            lead=lead,
            deadline=deadline,
            opened_on=dt.date(2026, 9, 1),
        )
    t.do_create_case(
        SETUP,
        source="mayor",
        owner=city.rdec,
        title="校園網路",
        text="請辦理。",
        lead=city.edu,
        deadline=dt.date(2026, 12, 31),
        opened_on=dt.date(2026, 9, 1),
    )
    call_command("indicators", "evaluate", "--today", "2026-11-05")
    figures = dict(
        IndicatorValue.objects.filter(indicator=overdue, month=dt.date(2026, 10, 1)).values_list("organisation__short_name", "value")
    )
    assert figures == {"資訊局": Decimal(2), "教育局": Decimal(0), "秘書處": Decimal(0), "研考會": Decimal(0)}
    assert [(a.organisation.short_name, a.months) for a in Alert.objects.filter(indicator=overdue)] == [("資訊局", ["2026-10"])]
    with pytest.raises(ValidationError):
        i.do_create_indicator(SETUP, name="缺計算方式", unit="count", source="computed")


def test_a_month_still_to_come_is_refused_in_the_readers_calendar(register, city):
    bob = city.user("bob")
    today = dt.date(2026, 11, 20)
    with pytest.raises(ValidationError, match=r"^\['115年12月尚未到來，不能填報。'\]$"):
        i.do_record_value(bob, register.doors, city.it, dt.date(2026, 12, 1), Decimal(1), today=today)
    with translation.override("en"), pytest.raises(ValidationError, match="Dec 2026 has not come yet"):
        i.do_record_value(bob, register.doors, city.it, dt.date(2026, 12, 1), Decimal(1), today=today)
