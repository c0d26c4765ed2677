"""Issue 13: the KPI register in the browser, every page with the axe check.

The tracking officer reads the demo city's register, opens a KPI with its
trend chart, sets a target and adds an indicator; 資訊局's liaison enters a
figure with evidence, corrects it, and rewrites its statement.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from lieguan.kpis.models import Kpi, KpiActual
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_register_is_read_kept_and_filled_in_the_browser(page, demo, check_a11y, tmp_path):
    sign_in(page, "tracking", "Lieguan-tracking-2026")
    page.get_by_role("link", name="績效指標").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "策略目標與關鍵績效指標"
    assert page.get_by_role("heading", level=2, name="秘書處").is_visible()
    # The list shows each KPI's latest period: 114 年下半年, met by every indicator of the demo.
    assert page.locator("td .badge--ok").count() >= 8
    check_a11y(page, context="goal list")

    page.get_by_role("link", name="市民陳情案件 6 日內結案比率").click()
    page.wait_for_load_state()
    assert page.locator("svg.chart").count() == 1
    assert page.get_by_text(re.compile(r"114 年上半年市民陳情案件 6 日內結案比率.*未達目標。")).is_visible()
    check_a11y(page, context="kpi page")

    page.get_by_role("link", name="設定目標值", exact=True).click()
    check_a11y(page, context="target form")
    page.get_by_label("年度").fill("115")
    page.locator("#id_half").select_option("1")
    page.locator("#id_target").fill("86")
    page.get_by_role("button", name="儲存").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=3, name="115 年上半年").is_visible()

    page.goto("/kpis/")
    page.get_by_role("link", name=re.compile("新增指標.*提升數位服務品質")).click()
    check_a11y(page, context="kpi form")
    page.get_by_label("指標名稱").fill("公共場域免費無線網路使用人次")
    page.locator("#id_unit").fill("人次")
    page.locator("#id_owner").select_option(label="\u3000創新中心")  # a unit, indented under 資訊局
    page.get_by_role("button", name="儲存").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1, name="公共場域免費無線網路使用人次").is_visible()

    page.goto("/kpis/goals/new")
    check_a11y(page, context="goal form")

    # 資訊局's liaison enters the 資安中心's figure with evidence, then corrects it.
    page.context.clear_cookies()
    sign_in(page, "liaison", "Lieguan-liaison-2026")
    kpi = Kpi.objects.get(name="資安事件 1 小時內通報比率")
    page.goto(f"/kpis/{kpi.pk}/")
    page.get_by_role("link", name="填報實際值").first.click()
    check_a11y(page, context="actual form")
    evidence = tmp_path / "通報紀錄.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% evidence\n" + b"0" * 200)
    page.get_by_label("年度").fill("115")
    page.locator("#id_half").select_option("1")
    page.locator("#id_value").fill("94")
    page.locator("#id_note").fill("依資安通報平台紀錄統計。")
    page.get_by_label("佐證資料").set_input_files(str(evidence))
    page.get_by_role("button", name="儲存").click()
    page.wait_for_load_state()
    assert page.get_by_text("已填報115 年上半年的實際值（第 1 版）").is_visible()
    page.get_by_role("link", name=re.compile("更正實際值.*115 年上半年")).click()
    page.locator("#id_value").fill("96")
    page.locator("#id_note").fill("補列 6 月底通報 2 件。")
    page.get_by_role("button", name="儲存").click()
    page.wait_for_load_state()
    assert list(KpiActual.objects.filter(kpi=kpi, year=2026, half=1).values_list("version", "value")) == [(2, 96), (1, 94)]
    page.get_by_text("較早的版本（1）").first.click()
    assert page.get_by_role("link", name="通報紀錄.pdf").is_visible()

    page.get_by_role("link", name=re.compile("修改敘述.*115 年上半年")).click()
    check_a11y(page, context="sentence form")
    page.get_by_label("敘述").fill("115 年上半年資安事件均於 1 小時內通報，比率 96%，目標達成度 101.05%。")
    page.get_by_role("button", name="儲存").click()
    page.wait_for_load_state()
    assert page.get_by_text("已修改敘述").is_visible()
    check_a11y(page, context="kpi page after entering")

    # The edit forms of a goal and of a KPI, as the tracking officer who keeps the register sees them.
    page.get_by_role("button", name="登出").click()
    page.wait_for_url("**/accounts/login/**")
    sign_in(page, "tracking", "Lieguan-tracking-2026")
    page.goto(f"/kpis/goals/{kpi.goal_id}/edit")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check_a11y(page, context="goal edit form")
    page.goto(f"/kpis/{kpi.pk}/edit")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check_a11y(page, context="kpi edit form")
