"""The records of the KPI register and the work reports that the security tests ask about (beside scenario.py)."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from lieguan.kpis import actions as k
from lieguan.kpis.models import Kpi
from lieguan.kpis.periods import Period
from lieguan.organisations.models import Organisation
from tests.security.scenario import SETUP


def add_kpis(scenario: Any) -> None:
    # 資安中心 is a unit of 資訊局: its indicators are entered by 資訊局's liaison (liaison), not 教育局's (liaison2).
    kpi_it = Kpi.objects.get(goal__organisation__code="dit", name="資安事件 1 小時內通報比率")
    kpi_sec = Kpi.objects.get(goal__organisation__code="secretariat", name="市民陳情案件 6 日內結案比率")
    computed = Kpi.objects.get(goal__organisation__code="dit", name="列管案件如期解除列管比率")
    actual = k.do_record_actual(
        scenario.users["liaison"],
        kpi_it,
        Period(2026, 1),
        value=Decimal("97"),
        note="依資安事件通報紀錄統計。",
        files=[(io.BytesIO(b"%PDF-1.4\n% evidence\n" + b"0" * 200), "通報紀錄.pdf")],
    )
    scenario.ids.update(
        kpi_it=kpi_it.pk,
        kpi_sec=kpi_sec.pk,
        kpi_computed=computed.pk,
        goal_it=kpi_it.goal_id,
        actual_it=actual.pk,
        evidence_it=actual.evidence.get().pk,
    )


def add_work_report(scenario):
    """The secretariat's own draft work report (秘書處), for the work report routes."""
    from lieguan.workreports.actions import do_create_report

    agency = Organisation.objects.get(code="secretariat")
    scenario.ids["agency_secretariat"] = agency.pk
    scenario.ids["work_report"] = do_create_report(SETUP, agency, year=2025, half=2).pk
