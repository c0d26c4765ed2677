"""The audit events of the monthly indicators (registered in ``lieguan.core.audit_events``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lieguan.core.audit_events import SNAPSHOT, Event

INDICATOR_CREATE = Event("indicator.create", _("新增指標"), "indicators.indicator", after=SNAPSHOT, extra=("agencies",))
INDICATOR_TARGET = Event("indicator.target", _("設定指標目標值"), "indicators.indicatortarget", before=SNAPSHOT, after=SNAPSHOT)
INDICATOR_RULE_CREATE = Event("indicator_rule.create", _("新增警示規則"), "indicators.rule", after=SNAPSHOT, extra=("indicators",))
INDICATOR_RULE_UPDATE = Event(
    "indicator_rule.update", _("修改警示規則"), "indicators.rule", before=SNAPSHOT, after=SNAPSHOT, extra=("indicators",)
)
INDICATOR_VALUE_RECORD = Event("indicator_value.record", _("登錄指標值"), "indicators.indicatorvalue", after=SNAPSHOT)
INDICATOR_VALUE_CORRECT = Event(
    "indicator_value.correct", _("更正指標值"), "indicators.indicatorvalue", before=("version", "value"), after=SNAPSHOT
)
# One entry per rule and kind of change; "alerts" lists each alert with its state (alert, indicator,
# organisation, months, values, cleared_at).
INDICATOR_ALERT_RAISE = Event("indicator_alert.raise", _("產生指標警示"), "indicators.rule", after=("alerts",))
INDICATOR_ALERT_UPDATE = Event("indicator_alert.update", _("延續指標警示"), "indicators.rule", before=("alerts",), after=("alerts",))
INDICATOR_ALERT_CLEAR = Event("indicator_alert.clear", _("解除指標警示"), "indicators.rule", before=("alerts",), after=("alerts",))
INDICATOR_ALERT_TRACK = Event("indicator_alert.track", _("指標警示列管"), "indicators.alert", after=("case",))
INDICATOR_REPORT_ATTACH = Event("indicator_report.attach", _("產生指標報告資料"), "meetings.material", after=("item", "month"))
