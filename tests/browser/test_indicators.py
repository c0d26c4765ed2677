"""Issue 14: monthly indicators in the browser, every page with the axe check.

教育局's liaison enters two months of door-control lapses; the rule "the same
deficiency 2 months running" fires; the alert reaches the agency's page and
home page; the secretariat puts it under tracking from the alert list; the
report item 「本府 e 化統計」 of 主任秘書會報第 89 次 shows it marked.
"""

from __future__ import annotations

import re

import pytest

from lieguan.indicators.models import Alert, Indicator
from lieguan.meetings.models import Meeting
from lieguan.organisations.models import Organisation
from lieguan.tracking.models import TrackedCase
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _enter(page, month: str, value: str) -> None:
    page.locator("#id_indicator").select_option(label="門禁管理缺失")
    page.get_by_label("年月").fill(month)
    page.get_by_label("數值").fill(value)
    page.get_by_role("button", name="儲存").click()
    page.wait_for_load_state()


def test_a_month_entered_raises_an_alert_that_is_tracked_and_shown_in_the_report_item(page, demo, check_a11y):
    edu = Organisation.objects.get(code="edu")
    sign_in(page, "liaison2", "Lieguan-liaison2-2026")
    page.get_by_role("link", name="月報指標").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "機關月報指標（本府 e 化統計）"
    check_a11y(page, context="register")

    page.get_by_role("link", name="填報教育局數值").click()
    check_a11y(page, context="value form")
    _enter(page, "115/10", "1")
    assert page.get_by_text("已填報教育局115/10「門禁管理缺失」。").is_visible()
    page.get_by_role("link", name="填報數值").click()
    _enter(page, "115/11", "2")
    assert page.get_by_text(re.compile("警示：門禁管理缺失（同樣缺失連續 2 個月）2026-10：1、2026-11：2")).is_visible()

    # The agency's page: the alert, and the trend chart with the caught months.
    assert page.locator("li.indicator-alert").filter(has_text="2026-10：1、2026-11：2").is_visible()
    # One trend chart per indicator that applies to the agency (the demo's register holds computed ones too).
    applicable = [i for i in Indicator.objects.filter(active=True) if i.all_agencies or i.agencies.filter(code="edu").exists()]
    assert page.locator("svg.chart").count() == len(applicable) >= 3
    check_a11y(page, context="agency page")
    page.goto("/")
    assert page.get_by_role("heading", name="指標警示").is_visible()
    check_a11y(page, context="home with alerts")

    # The secretariat puts it under tracking from the alert list, in one step.
    page.context.clear_cookies()
    sign_in(page, "secretariat", "Lieguan-secretariat-2026")
    page.goto("/indicators/alerts/")
    check_a11y(page, context="alert list")
    alert = Alert.objects.get(organisation=edu, cleared_at__isnull=True)
    page.locator(f"#alert-{alert.pk}").get_by_role("button", name="列管：提報局務會議檢討").click()
    page.wait_for_load_state()
    case = TrackedCase.objects.get(source="other", assignments__organisation=edu, title__contains="門禁管理缺失")
    assert page.get_by_text(f"已列管：{case.number}").is_visible()
    assert "提報局（處）務會議檢討" in case.text

    # The next session's report item: 教育局's November figure marked, the rule named, the city average beside it.
    meeting = Meeting.objects.get(series__code="chief-secretaries", number=89)
    page.goto(f"/indicators/meetings/{meeting.pk}/report")
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "本府 e 化統計（115 年 11 月）"
    row = page.locator("section", has=page.get_by_role("heading", name=re.compile("^門禁管理缺失"))).locator("tr", has_text="教育局")
    assert "2※" in row.inner_text() and "同樣缺失連續 2 個月" in row.inner_text()
    assert page.get_by_role("row", name=re.compile("^全市平均")).first.is_visible()
    check_a11y(page, context="report item")

    page.goto("/indicators/rules/new")
    check_a11y(page, context="rule form")
    page.goto("/indicators/import")
    check_a11y(page, context="import form")
