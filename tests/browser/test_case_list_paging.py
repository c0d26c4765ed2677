"""Issue 16: the case list pages in the database; past the count cap it says 「超過 N 案」 and still pages on."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from lieguan.tracking.models import TrackedCase
from lieguan.tracking.views import paging
from tests.browser.conftest import ARTIFACTS, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_tracking_officer_pages_through_a_list_too_long_to_count(page: Page, demo, check_a11y, monkeypatch):
    total = TrackedCase.objects.count()
    assert total > 6
    # The demo city is small: a cap and a page far below its size stand for a city of a million cases.
    monkeypatch.setattr(paging, "COUNT_CAP", total - 2)
    monkeypatch.setattr(paging, "PAGE_SIZE", 3)
    sign_in(page, "tracking", "Lieguan-tracking-2026")
    page.goto("/cases/?status=all&sort=deadline")
    expect(page.get_by_role("status").filter(has_text="案")).to_contain_text(f"超過 {total - 2:,} 案，第 1 頁")
    first = page.locator("table.tracking-cases tbody th").all_inner_texts()
    assert len(first) == 3
    page.get_by_role("navigation", name="分頁").get_by_role("link", name="下一頁").click()
    expect(page.get_by_role("navigation", name="分頁")).to_contain_text("第 2 頁")
    second = page.locator("table.tracking-cases tbody th").all_inner_texts()
    assert len(second) == 3 and not set(first) & set(second)
    # The sort survives the paging.
    expect(page.get_by_role("columnheader", name="列管期限")).to_have_attribute("aria-sort", "ascending")
    check_a11y(page, context="case list, second page past the count cap")
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot(page, ARTIFACTS / "tracking-case-list-paged.png")

    monkeypatch.setattr(paging, "COUNT_CAP", 10_000)
    page.goto("/cases/?status=all&page=2")
    pages = -(-total // 3)
    expect(page.get_by_role("navigation", name="分頁")).to_contain_text(f"第 2／{pages} 頁")
    screenshot(page, ARTIFACTS / "tracking-case-list-counted.png")
