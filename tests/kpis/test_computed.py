"""Actuals Lieguan computes from its own meetings and cases: meetings held, released on time, reporting rate, days to release."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from lieguan.kpis import actions as k
from lieguan.kpis.computed import compute
from lieguan.kpis.models import Source
from lieguan.kpis.periods import Period
from lieguan.tracking import actions as t
from tests.factories import aware
from tests.kpis.conftest import SETUP

pytestmark = pytest.mark.django_db
H2 = Period(2026, 2)
END = dt.date(2026, 12, 31)


@pytest.fixture
def cases(council):
    """Two commitments of 資訊局 (one led by its unit) opened on 7/1, both released at 第224次 (9/17): one on time, one late."""
    city = council.city

    def commitment(title, lead, deadline):
        return t.do_create_case(
            SETUP,
            source="mayor",
            owner=city.rdec,
            title=title,
            text=f"市長承諾：{title}。",
            lead=lead,
            deadline=deadline,
            opened_on=dt.date(2026, 7, 1),
        )

    on_time = commitment("里民網路課程", city.it_unit, dt.date(2026, 9, 30))
    late = commitment("區公所視訊設備", city.it, dt.date(2026, 8, 31))
    t.do_submit_report(city.user("bob"), on_time.assignments.get(), text="已開課 4 場。", proposal="continue", at=aware("2026-08-10 09:00"))
    t.do_record_decisions(SETUP, council.first, [t.Decide(on_time, "release"), t.Decide(late, "release")])
    return council


def test_meetings_held_counts_the_series_the_organisation_runs_in_the_period(council):
    assert compute(Source.MEETINGS_HELD, council.city.root, H2, today=END).value == Decimal(2)
    assert compute(Source.MEETINGS_HELD, council.city.root, Period(2026, 1), today=END).value == Decimal(0)
    assert compute(Source.MEETINGS_HELD, council.city.it, H2, today=END).value == Decimal(0)


def test_released_on_time_is_the_share_released_by_the_deadline(cases):
    result = compute(Source.RELEASED_ON_TIME, cases.city.it, H2, today=END)
    assert result.value == Decimal("50.00")
    assert "2 件" in result.explanation and "1 件" in result.explanation
    assert compute(Source.RELEASED_ON_TIME, cases.city.edu, H2, today=END).value is None


def test_days_to_release_is_the_median_from_tracking_to_release(cases):
    assert compute(Source.DAYS_TO_RELEASE, cases.city.it, H2, today=END).value == Decimal(78)


def test_reporting_rate_counts_the_reports_owed_each_month_and_written(cases):
    # Open at the end of July and of August, released on 9/17: two reports owed by each case, one written.
    result = compute(Source.REPORTING_RATE, cases.city.it, H2, today=END)
    assert result.value == Decimal("25.00")
    assert "應填報辦理情形 4 次，已填報 1 次" in result.explanation


def test_computing_keeps_the_figure_as_a_version_and_computing_again_adds_none(cases):
    city = cases.city
    goal = k.do_create_goal(SETUP, city.it, title="市府交辦如期完成")
    kpi = k.do_create_kpi(SETUP, goal, name="如期解除列管比率", unit="次", owner=city.it, source=Source.RELEASED_ON_TIME)
    assert kpi.unit == "%"  # a computed source brings its own unit
    first = k.do_compute_actual(city.user("bob"), kpi, H2, today=END)
    assert (first.value, first.origin, first.version) == (Decimal(50), "computed", 1)
    assert k.do_compute_actual(city.user("bob"), kpi, H2, today=END) == first
    with pytest.raises(ValidationError):
        k.do_compute_actual(city.user("bob"), kpi, Period(2025, 1), today=END)  # nothing was released then


def test_a_period_that_has_not_begun_has_nothing_to_compute(council):
    assert compute(Source.MEETINGS_HELD, council.city.root, Period(2027, 1), today=dt.date(2026, 12, 6)).value is None
