"""A confidential item (機密／限閱) in the browser: the secretariat marks it, the presenting agency's liaison reads it
with its 「機密」 badge, and the liaison of another agency invited to the same meeting sees 「機密案件」 only."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from lieguan.meetings.models import AgendaItem, Meeting
from tests.browser.conftest import ARTIFACTS, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = ARTIFACTS


def _page_as(browser: Browser, live_server, username: str) -> Page:
    context = browser.new_context(
        base_url=live_server.url, locale="zh-TW", timezone_id="Asia/Taipei", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    sign_in(page, username, f"Lieguan-{username}-2026")
    return page


def test_the_secretariat_marks_an_item_and_only_those_entitled_read_it(page, browser, live_server, demo, check_a11y):
    meeting = Meeting.objects.get(series__code="chief-secretaries", number=89)
    item = AgendaItem.objects.get(section__meeting=meeting, presenter__code="dit")
    title = item.title
    SHOTS.mkdir(parents=True, exist_ok=True)

    sign_in(page, "secretariat", "Lieguan-secretariat-2026")
    page.goto(f"/meetings/{meeting.pk}/")
    page.locator(f"#item-{item.pk}").get_by_role("link", name=f"機密設定 案件{item.label}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("機密設定")
    page.get_by_label("機密案件（限閱）").check()
    check_a11y(page, context="the confidential form")
    screenshot(page, SHOTS / "confidential-form.png")
    page.get_by_role("button", name="儲存").click()
    expect(page.locator(".messages")).to_contain_text("已設為機密案件")
    expect(page.locator(f"#item-{item.pk} .badge--confidential")).to_have_text("機密")

    # The presenting agency's liaison is entitled: the title, with the badge.
    entitled = _page_as(browser, live_server, "liaison")
    entitled.goto(f"/meetings/{meeting.pk}/")
    row = entitled.locator(f"#item-{item.pk}")
    expect(row).to_contain_text(title[:20])
    expect(row.locator(".badge--confidential")).to_be_visible()
    check_a11y(entitled, context="the meeting page of an entitled liaison")
    screenshot(entitled, SHOTS / "confidential-entitled-liaison.png")

    # The liaison of 教育局, invited to the same meeting, sees the placeholder and nothing of the item.
    other = _page_as(browser, live_server, "liaison2")
    other.goto(f"/meetings/{meeting.pk}/")
    row = other.locator(f"#item-{item.pk}")
    expect(row).to_contain_text("機密案件")
    assert title[:20] not in other.content()
    assert row.locator(".badge--confidential").count() == 0
    check_a11y(other, context="the meeting page of another agency's liaison")
    screenshot(other, SHOTS / "confidential-other-liaison.png")
    for extra in (entitled, other):
        extra.context.close()
