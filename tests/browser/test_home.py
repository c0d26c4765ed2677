"""Issue 2: each demo role signs in and sees a home page made for them, with zero accessibility violations."""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_demo_role_signs_in_and_sees_their_home_page(page, demo, check_a11y):
    assert {a.role for a in demo.accounts} >= {"admin", "secretariat", "tracking_officer", "liaison", "chair", "attendee"}
    for account in demo.accounts:
        sign_in(page, account.username, account.password)
        heading = page.get_by_role("heading", level=1).inner_text()
        assert heading.startswith(account.person), (account.username, heading)
        assert account.role_label in page.locator(".lead").inner_text()
        check_a11y(page, context=f"home of {account.username}")
        page.get_by_role("button", name="登出").click()
        page.wait_for_url("**/accounts/login/**")


def test_the_secretariat_sees_the_coming_meetings_of_its_series(page, demo, check_a11y):
    sign_in(page, "secretariat", "Lieguan-secretariat-2026")
    panel = page.get_by_role("region", name="近期會議")
    assert "主任秘書會報第89次" in panel.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot(page, ARTIFACTS / "home-secretariat.png")
    page.set_viewport_size({"width": 800, "height": 1100})  # a tablet in a meeting room
    check_a11y(page, context="tablet width")
    screenshot(page, ARTIFACTS / "home-secretariat-tablet.png")


def test_the_home_page_is_usable_with_the_keyboard_alone(page, demo):
    sign_in(page, "liaison", "Lieguan-liaison-2026")
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到主要內容"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # Then on through the navigation: every link gets a visible focus ring.
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.tagName")
    assert focused in ("A", "BUTTON", "INPUT", "SELECT")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
