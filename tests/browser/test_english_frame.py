"""Issue 19, both languages: the frame every page shares (header, menu, search box, footer), the home page of
each demo role, the search, the notifications, the API's pages, the live meeting room and the public landing
page speak English once the reader chooses it.

The records' own data stays as it is (names, titles, ROC dates, the API's published specification): pages mark
it with ``data-record``. Everything else in <main>, and in the header and footer around it, has no Chinese.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from lieguan.demo.city import demo_password
from lieguan.meetings.models import Meeting
from tests.browser.asgi_server import asgi_server
from tests.browser.conftest import ARTIFACTS, sign_in
from tests.browser.english import CJK, english_visitor, switch_to_english

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = ARTIFACTS / "english-frame"


def _sign_out(page: Page) -> None:
    page.locator(".user-menu button[type=submit]").click()
    page.wait_for_load_state()


def test_the_secretariat_reads_the_frame_search_notifications_and_the_api_pages_in_english(page, demo, check_a11y):
    sign_in(page, "secretariat", demo_password("secretariat"))
    switch_to_english(page)
    visit = english_visitor(page, check_a11y, SHOTS)

    visit("/", "Welcome", "home-secretariat-en.png")
    nav = page.get_by_role("navigation", name="Main menu")
    for name in ("Home", "Meetings", "Tracked cases", "KPIs", "Work reports"):
        assert nav.get_by_role("link", name=name, exact=True).is_visible(), name
    assert page.get_by_role("search", name="Site search").is_visible()

    # The header's search box leads to the results, in English around the records' words.
    page.get_by_label("Search minutes and tracked cases").fill("資訊局")
    page.get_by_role("search", name="Site search").get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    visit("", "Full-text search", "search-en.png")
    assert page.locator(".search-hit").count() > 0
    assert re.search(r"\d+ found", page.locator(".search-summary").inner_text())
    page.get_by_text("Filters").click()
    assert page.get_by_label("Date from").is_visible()
    visit("/search/?q=資訊局&date_from=115/13/40", "Full-text search")
    assert page.locator(".error-summary").is_visible()

    visit("/search/?q=資訊局&kinds=conclusion", "Full-text search")
    first_related = page.locator(".search-hit__more a").first
    assert first_related.count()
    first_related.click()
    page.wait_for_load_state()
    visit("", "Related earlier decisions")

    visit("/notifications/", "Notifications", "notifications-en.png")
    visit("/notifications/preferences/", "Notification settings")
    visit("/api/docs/", "Lieguan API", "api-docs-en.png")
    assert page.get_by_role("heading", name="Data structures").is_visible()
    visit("/api/tokens/", "API tokens")
    page.get_by_label("Purpose").fill("Reporting")
    page.get_by_role("button", name="Create token").click()
    page.wait_for_load_state()
    visit("", "API tokens", "api-tokens-en.png")
    assert page.get_by_role("heading", name="New token created").is_visible()
    visit("/api/calendars/", "Calendar subscriptions")
    page.get_by_role("button", name="Create subscription address").click()
    page.wait_for_load_state()
    visit("", "Calendar subscriptions", "feeds-en.png")
    visit("/opendata/", "Open data", "opendata-en.png")


@pytest.mark.parametrize("role", ["tracking", "liaison", "chair", "attendee"])
def test_each_roles_home_page_speaks_english(page, demo, check_a11y, role):
    sign_in(page, role, demo_password(role))
    switch_to_english(page)
    visit = english_visitor(page, check_a11y, SHOTS)
    visit("/", "Welcome", f"home-{role}-en.png")
    _sign_out(page)


@pytest.fixture
def room_server(demo) -> Iterator[str]:
    with asgi_server() as url:
        yield url


def test_the_live_room_and_the_projector_speak_english(browser: Browser, room_server, check_a11y):
    meeting = Meeting.objects.get(series__code="chief-secretaries", number=89)
    context = browser.new_context(base_url=room_server, locale="zh-TW", timezone_id="Asia/Taipei", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        sign_in(page, "secretariat", demo_password("secretariat"))
        switch_to_english(page)
        visit = english_visitor(page, check_a11y, SHOTS)
        visit(f"/live/{meeting.pk}/", "Meeting room")
        expect(page.locator("[data-live-connection]")).to_have_text("Live")
        page.get_by_role("button", name="Next item").click()
        expect(page.locator("#live-item")).not_to_have_attribute("data-item", "")
        expect(page.locator("[data-live-mode]")).to_contain_text("Following the meeting · Current item: ")
        page.wait_for_load_state("networkidle")
        visit("", "Meeting room", "room-en.png")
        assert page.get_by_role("heading", name="Tracked cases decided at this session").is_visible()
        visit(f"/live/{meeting.pk}/projector/", CJK, "projector-en.png")  # the meeting's own name is its heading
        expect(page.locator("[data-live-connection]")).to_have_text("Live")
        assert page.get_by_role("button", name="Full screen").is_visible()
        assert page.locator(".projector__cases caption").inner_text().startswith("Tracked cases decided at this session")
        assert errors == []
    finally:
        context.close()


def test_the_public_landing_page_speaks_english(page, demo, settings, check_a11y):
    settings.PUBLIC_PORTAL = True
    page.goto("/")
    page.wait_for_load_state()
    switch_to_english(page)
    visit = english_visitor(page, check_a11y, SHOTS)
    visit("/", "public meeting records", "landing-en.png")
    assert page.get_by_role("link", name="Sign in").is_visible()
    visit("/opendata/", "Open data")
