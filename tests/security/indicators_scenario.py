"""The records of the indicator register that the security tests ask about (beside scenario.py): an alert of 資訊局."""

from __future__ import annotations

from typing import Any

from lieguan.indicators import actions as i
from lieguan.indicators.models import Alert, Indicator, Rule
from lieguan.organisations.models import Organisation
from tests.security.scenario import SETUP

CSV = "機關,指標,年月,數值\n資訊局,門禁管理缺失,114/01,1\n資訊局,門禁管理缺失,114/02,2\n教育局,門禁管理缺失,114/01,0\n"


def add_indicators(scenario: Any) -> None:
    doors = Indicator.objects.filter(name="門禁管理缺失").first() or i.do_create_indicator(
        SETUP, name="門禁管理缺失", unit="count", direction="lower"
    )
    rule = Rule.objects.filter(kind="running", indicators=doors).first() or i.do_save_rule(
        SETUP, name="同樣缺失連續 2 個月", kind="running", indicators=[doors], months=2
    )
    result = i.do_import_values(SETUP, CSV.encode("utf-8"), "matrix.csv")
    assert result.applied, result.problems
    dit = Organisation.objects.get(code="dit")
    scenario.ids.update(
        indicator_doors=doors.pk,
        indicator_rule=rule.pk,
        indicator_alert_it=Alert.objects.filter(organisation=dit, indicator=doors, case__isnull=True).first().pk,
        agency_dit=dit.pk,
        agency_edu=Organisation.objects.get(code="edu").pk,
    )
