"""The demo city's register: 門禁管理缺失 with its rule, a year of figures per agency, a few hits; loading again changes nothing."""

from __future__ import annotations

import pytest

from lieguan.demo.indicators_data import load_indicators
from lieguan.indicators.models import Alert, IndicatorValue, Rule
from lieguan.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_demo_register_catches_a_few_agencies_and_loading_again_changes_nothing(demo_city):
    assert Rule.objects.get(indicators__name="門禁管理缺失").months == 2
    agencies = Organisation.objects.filter(kind="agency", active=True).count()
    assert IndicatorValue.objects.filter(indicator__name="門禁管理缺失").count() == agencies * 12
    caught = sorted(
        (a.organisation.code, a.indicator.name, tuple(a.months)) for a in Alert.objects.select_related("organisation", "indicator")
    )
    assert caught == [
        ("dit", "門禁管理缺失", ("2026-10", "2026-11")),
        ("finance", "公文線上簽核比率", ("2026-11",)),
        ("tourism", "會議室逾時使用次數", ("2026-11",)),
        ("transport", "門禁管理缺失", ("2026-04", "2026-05")),
    ]
    values = IndicatorValue.objects.count()
    overdue = IndicatorValue.objects.filter(indicator__name="月底逾期列管案件數", source="computed")
    assert overdue.count() == agencies * 12 and overdue.filter(value__gt=0).exists()
    assert load_indicators({o.code: o for o in Organisation.objects.all()}) == 0
    assert IndicatorValue.objects.count() == values and Alert.objects.count() == 4
