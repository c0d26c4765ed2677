"""Issue 8 in the browser: the API documentation offline, tokens, calendar subscriptions and the open-data index."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import ARTIFACTS, screenshot, sign_in
from tests.ratelimits import reset_rate_counters

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    reset_rate_counters()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot(page, ARTIFACTS / f"{name}.png")


def test_the_documentation_works_offline_and_leads_to_an_operation(page, demo, check_a11y, context):
    # Any request that leaves the server would fail: the page must need nothing from the internet.
    outside: list[str] = []
    context.route(re.compile(r"^https?://(?!localhost|127\.0\.0\.1)"), lambda route: (outside.append(route.request.url), route.abort()))
    page.goto("/api/docs/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("列管 Lieguan API")
    check_a11y(page, context="API documentation")
    shot(page, "api-docs")
    toc = page.get_by_role("navigation", name="目錄")
    toc.get_by_role("link", name=re.compile("填報辦理情形")).click()
    assert page.url.endswith("/api/docs/#lieguan_api_routers_tracking_submit_report")
    target = page.locator("#lieguan_api_routers_tracking_submit_report")
    assert target.get_by_role("heading", level=3).inner_text().split() == ["POST", "/api/v1/assignments/{assignment_id}/progress-reports"]
    assert "/api/v1/api/v1" not in page.locator("main").inner_text()
    # Errors name their shape, and where it is sent as problem+json.
    assert "404 Not Found：Problem（application/problem+json）" in target.inner_text()
    # The description's Markdown is rendered, not shown as marks.
    intro = page.locator(".api-intro")
    assert intro.locator("li code", has_text="Authorization: Bearer lg_…").count() == 1 and "`" not in intro.inner_text()
    assert target.is_visible() and target.evaluate("e => e.getBoundingClientRect().top") < 200
    target.get_by_role("link", name="ProgressReportIn").click()
    assert page.url.endswith("#model-ProgressReportIn")
    assert "proposal" in page.locator("#model-ProgressReportIn").inner_text()
    assert outside == []


def test_a_liaison_makes_a_token_sees_it_once_uses_it_and_revokes_it(page, demo, check_a11y):
    sign_in(page, "liaison", "Lieguan-liaison-2026")
    page.goto("/api/tokens/")
    check_a11y(page, context="tokens page")
    page.get_by_label("用途").fill("本局填報程式")
    page.get_by_role("button", name="建立權杖").click()
    page.wait_for_load_state()
    token = page.get_by_role("textbox", name="權杖", exact=True).input_value()
    assert token.startswith("lg_") and len(token) > 40
    check_a11y(page, context="token just made")
    shot(page, "api-tokens")
    api = page.context.request
    assert api.get("/api/v1/cases?status=open", headers={"Authorization": f"Bearer {token}"}).status == 200

    page.goto("/api/tokens/")
    assert token not in page.content()  # shown once only
    assert "本局填報程式" in page.locator("main").inner_text()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="撤銷").click()
    page.wait_for_load_state()
    assert "權杖「本局填報程式」已撤銷。" in page.locator(".messages").inner_text()
    assert "已撤銷" in page.get_by_role("region", name="我的權杖").inner_text()
    check_a11y(page, context="after revoking")
    assert api.get("/api/v1/cases", headers={"Authorization": f"Bearer {token}"}).status == 401


def test_a_liaison_subscribes_to_the_calendars_and_resets_the_address(page, demo, check_a11y):
    sign_in(page, "liaison", "Lieguan-liaison-2026")
    page.goto("/api/calendars/")
    assert page.get_by_role("heading", level=1).inner_text() == "行事曆訂閱"
    check_a11y(page, context="calendars page")
    page.get_by_role("button", name="建立訂閱網址").click()
    page.wait_for_load_state()
    meetings = page.get_by_label("會議（您可檢視的所有會次）").input_value()
    deadlines = page.get_by_label(re.compile("^列管期限")).input_value()
    page.get_by_text("只訂閱單一會議").click()
    check_a11y(page, context="calendar addresses shown")
    shot(page, "api-calendars")
    request = page.context.request
    feed = request.get(meetings)
    assert feed.status == 200 and feed.headers["content-type"] == "text/calendar; charset=utf-8"
    assert "SUMMARY:臨海市政府主任秘書會報第89次" in feed.text()
    assert "列管期限：C115-001 市府資訊預算執行明細" in request.get(deadlines).text().replace("\r\n ", "")

    page.goto("/api/calendars/")
    assert meetings not in page.content()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="重設訂閱網址").click()
    page.wait_for_load_state()
    assert "原有的訂閱網址已失效" in page.locator("main").inner_text()
    assert page.get_by_label("會議（您可檢視的所有會次）").input_value() != meetings
    assert request.get(meetings).status == 404
    check_a11y(page, context="after reset")


def test_the_public_downloads_open_data_from_the_index(page, demo, check_a11y, settings):
    settings.PUBLIC_PORTAL = True
    page.goto("/opendata/")
    assert page.get_by_role("heading", level=1).inner_text() == "開放資料"
    table = page.get_by_role("table", name="公開會議與年度")
    assert "臨海市政府主任秘書會報" in table.inner_text() and "處務會議" not in table.inner_text()
    check_a11y(page, context="open data index")
    shot(page, "opendata-index")
    link = table.get_by_role("link", name=re.compile("115 年列管決定"))
    response = page.context.request.get(link.get_attribute("href"))
    assert response.status == 200
    text = response.body().decode("utf-8-sig")
    assert text.splitlines()[0].startswith("會議日期,會議日期（民國）,會議,列管編號,決定")
    assert "86-1,解除列管,資訊局" in text
    minutes = page.context.request.get(table.get_by_role("link", name=re.compile("115 年會議紀錄")).get_attribute("href")).json()
    assert [x["session"]["number"] for x in minutes["minutes"]] == [85, 86, 87, 88]
