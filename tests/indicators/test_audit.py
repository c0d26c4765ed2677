"""The audit of a rules' run: one entry per rule and kind of change, listing every alert, on the unbroken chain."""

from __future__ import annotations

import pytest

from lieguan.core import audit
from lieguan.core.models import AuditEntry
from lieguan.indicators import actions as i
from lieguan.indicators.models import Alert
from tests.indicators.conftest import SETUP, csv_bytes

pytestmark = pytest.mark.django_db

TWO_RUNS = csv_bytes(
    ("資訊局", "門禁管理缺失", "115/01", "1"),
    ("資訊局", "門禁管理缺失", "115/02", "2"),
    ("教育局", "門禁管理缺失", "115/03", "1"),
    ("教育局", "門禁管理缺失", "115/04", "3"),
)


def test_alerts_raised_together_are_one_entry_on_their_rule_listing_each_with_its_months(register):
    i.do_import_values(SETUP, TWO_RUNS, "月報.csv")
    alerts = {a.pk: a for a in Alert.objects.all()}
    assert len(alerts) == 2
    entry = AuditEntry.objects.get(action="indicator_alert.raise")
    assert (entry.object_type, entry.object_id) == ("indicators.rule", str(register.running.pk))
    listed = {row["alert"]: row for row in entry.after["alerts"]}
    assert set(listed) == set(alerts)
    assert {a.organisation.short_name: listed[pk]["months"] for pk, a in alerts.items()} == {
        "資訊局": ["2026-01", "2026-02"],
        "教育局": ["2026-03", "2026-04"],
    }
    assert audit.verify()[1] == []


def test_a_correction_ending_a_run_lists_the_cleared_alert_with_its_state_before(register):
    i.do_import_values(SETUP, TWO_RUNS, "月報.csv")
    i.do_import_values(SETUP, csv_bytes(("教育局", "門禁管理缺失", "115/04", "0")), "更正.csv")
    entry = AuditEntry.objects.get(action="indicator_alert.clear")
    assert [row["cleared_at"] is None for row in entry.before["alerts"]] == [True]
    assert [row["cleared_at"] is None for row in entry.after["alerts"]] == [False]
    assert audit.verify()[1] == []
