"""The demo city's submitted work report: made through the actions, once, and readable as a work report."""

from __future__ import annotations

import pytest

from lieguan.demo.workreport_data import UNIT_PARTS, load_work_report
from lieguan.minutes.workreport import parse_work_report, render_work_report_text
from lieguan.organisations.models import Organisation
from lieguan.workreports.document import build
from lieguan.workreports.models import WorkReport

pytestmark = pytest.mark.django_db


def test_the_demo_city_holds_one_submitted_report_of_an_agency_with_kpis(demo_city):
    report = WorkReport.objects.get()
    assert (report.organisation.code, report.year, report.half, report.state) == ("dit", 2025, 2, WorkReport.State.SUBMITTED)
    assert [r.note for r in report.revisions.order_by("number")] == ["建立草稿", "送請審閱", "核定", "送出至議會"]
    results = report.parts.select_related("unit").filter(kind="results", unit__isnull=False)
    written = {p.unit.code: p.body for p in results if p.unit.code in UNIT_PARTS}
    assert written == UNIT_PARTS


def test_the_demo_report_reads_back_with_its_register_kpis_judged(demo_city):
    report = WorkReport.objects.get()
    back = parse_work_report(render_work_report_text(build(report)))
    assert [s.heading for s in back.sections][1:] == ["策略目標與關鍵績效指標(KPI)之執行情形", "創新作為及未來工作重點", "結語"]
    assert len(back.sections[1].sections) == 2  # 資訊局's two strategic goals
    assert back.kpis and all(k.achieved is not None for k in back.kpis)
    assert any(t.header == ["項次", "資料類別", "資料集數", "下載次數"] for t in back.tables())


def test_loading_the_demo_again_adds_no_second_report(demo_city):
    assert load_work_report({o.code: o for o in Organisation.objects.all()}) == 1
    assert WorkReport.objects.count() == 1
