"""The audit events of the KPI register (registered in ``lieguan.core.audit_events``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lieguan.core.audit_events import SNAPSHOT, Event

KPI_GOAL_CREATE = Event("kpi_goal.create", _("新增策略目標"), "kpis.strategicgoal", after=SNAPSHOT)
KPI_GOAL_UPDATE = Event("kpi_goal.update", _("修改策略目標"), "kpis.strategicgoal", before=SNAPSHOT, after=SNAPSHOT)
KPI_CREATE = Event("kpi.create", _("新增關鍵績效指標"), "kpis.kpi", after=SNAPSHOT)
KPI_UPDATE = Event("kpi.update", _("修改關鍵績效指標"), "kpis.kpi", before=SNAPSHOT, after=SNAPSHOT)
KPI_TARGET_SET = Event("kpi_target.set", _("設定目標值"), "kpis.kpitarget", before=SNAPSHOT, after=SNAPSHOT)
# Each figure is a new version: recorded (entered or computed) or imported from a work report.
KPI_ACTUAL_RECORD = Event("kpi_actual.record", _("登錄實際值"), "kpis.kpiactual", after=SNAPSHOT)
KPI_ACTUAL_IMPORT = Event("kpi_actual.import", _("由工作報告匯入實際值"), "kpis.kpiactual", after=SNAPSHOT)
KPI_ACTUAL_ATTACH = Event("kpi_actual.attach", _("上傳實際值佐證"), "kpis.kpievidence", after=SNAPSHOT)
KPI_ACTUAL_SENTENCE = Event("kpi_actual.sentence", _("修改達成情形說明"), "kpis.kpiactual", before=("sentence",), after=("sentence",))
