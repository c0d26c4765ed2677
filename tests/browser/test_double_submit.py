"""Issue 12, point 7: double-clicking 「新增案件」 on the agenda builder adds the item once.

A double click turns into two POSTs when the first answer is slow: the test holds
the first answer back (the server has already handled the request) while the
second click lands, as on a busy day.
"""

from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, Route, expect

from lieguan.meetings.models import AgendaItem, Meeting
from tests.browser.conftest import ARTIFACTS, screenshot, sign_in

# Two requests at once are the point: PostgreSQL serves them at once, SQLite takes turns (tests/browser/conftest.py).
pytestmark = [pytest.mark.browser, pytest.mark.every_database, pytest.mark.django_db(transaction=True)]
TITLE = "年終市政大樓消防安全檢查"
NEXT = "春節期間垃圾清運調整"


class SlowAnswers:
    """Hands every POST to the server at once but holds its answer until ``release()``."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.held: list[tuple[Route, object]] = []
        self.posts = 0
        page.route("**/*", self._handle)

    def _handle(self, route: Route) -> None:
        if route.request.method != "POST":
            route.continue_()
            return
        self.posts += 1
        self.held.append((route, route.fetch()))

    def release(self) -> None:
        held, self.held = self.held, []
        for route, response in held:
            # The browser may have given up on a request that the second click replaced.
            with contextlib.suppress(PlaywrightError):
                route.fulfill(response=response)
        self.page.unroute("**/*", self._handle)


def double_click(page: Page, button, *, posts: int) -> SlowAnswers:
    """Two clicks of the mouse at the button, the second while the first answer is still on its way; ``posts`` is
    how many POSTs the page should send (its script drops the second click; without scripts the browser posts twice)."""
    box = button.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    slow = SlowAnswers(page)
    page.mouse.click(x, y)
    # The second click lands once the first POST is held, however long a busy machine takes to send it.
    for _ in range(200):
        if slow.posts:
            break
        page.wait_for_timeout(50)
    page.mouse.click(x, y)
    # Released once the POSTs expected are held: a POST held after the release would never be answered, and a busy
    # machine has taken more than 200 ms to send the second. Then a moment for one that should not come.
    for _ in range(200):
        if slow.posts >= posts:
            break
        page.wait_for_timeout(50)
    page.wait_for_timeout(200)
    slow.release()
    return slow


def agenda_item_titles(page: Page, title: str):
    return page.locator("#agenda-builder .agenda-item__title", has_text=title)


def test_double_clicking_add_item_on_the_agenda_builder_adds_one_item(page, demo, check_a11y):
    meeting = Meeting.objects.get(series__code="chief-secretaries", number=89)
    section = meeting.sections.filter(kind="reports").order_by("position").first()
    sign_in(page, "secretariat", "Lieguan-secretariat-2026")
    page.goto(f"/meetings/{meeting.pk}/")
    form = page.locator(f"form:has(#new-item-title-{section.pk})")
    page.locator(f"#new-item-title-{section.pk}").fill(TITLE)
    slow = double_click(page, form.get_by_role("button", name="新增案件"), posts=1)
    # The page's script let the first click through and dropped the second.
    assert slow.posts == 1
    # The held answer then renders the whole builder: on CI's two shared cores that has taken more than 5 s.
    expect(page.locator("#agenda-builder")).to_contain_text(f"已於「{section.heading}」新增案件。", timeout=15_000)
    page.wait_for_load_state("networkidle")
    assert AgendaItem.objects.filter(section=section, title=TITLE).count() == 1
    expect(agenda_item_titles(page, TITLE)).to_have_count(1)
    check_a11y(page, context="agenda builder after a double click")

    # The refreshed form takes the next item, once, from a plain click.
    page.locator(f"#new-item-title-{section.pk}").fill(NEXT)
    page.locator(f"form:has(#new-item-title-{section.pk})").get_by_role("button", name="新增案件").click()
    expect(agenda_item_titles(page, NEXT)).to_have_count(1)
    page.wait_for_load_state("networkidle")
    assert AgendaItem.objects.filter(section=section, title=NEXT).count() == 1
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot(page, ARTIFACTS / "meetings-double-submit.png")


def test_without_javascript_a_double_click_still_adds_one_item(browser, live_server, one_request_at_a_time, demo):
    # Before the scripts load (or where they are blocked) the browser posts the form twice: the server must tell.
    context = browser.new_context(base_url=live_server.url, locale="zh-TW", java_script_enabled=False)
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        meeting = Meeting.objects.get(series__code="chief-secretaries", number=89)
        section = meeting.sections.filter(kind="reports").order_by("position").first()
        sign_in(page, "secretariat", "Lieguan-secretariat-2026")
        page.goto(f"/meetings/{meeting.pk}/")
        page.locator(f"#new-item-title-{section.pk}").fill(TITLE)
        slow = double_click(page, page.locator(f"form:has(#new-item-title-{section.pk})").get_by_role("button", name="新增案件"), posts=2)
        assert slow.posts == 2
        expect(page.locator(".messages")).to_contain_text("此表單已送出，未重複建立。")
        assert AgendaItem.objects.filter(section=section, title=TITLE).count() == 1
        expect(agenda_item_titles(page, TITLE)).to_have_count(1)
    finally:
        context.close()
