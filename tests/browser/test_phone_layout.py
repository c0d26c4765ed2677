"""Issue 15: the pages read on a phone (390 × 844), and the public portal's landing page.

On a narrow screen the tables of the status report and the case list become one
card a row, each value under its column's name; the meeting page puts the agenda
before the attendees. No page may scroll sideways.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from lieguan.meetings.models import Meeting, MeetingSeries
from tests.browser.conftest import ARTIFACTS, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
# The status report of the demo meeting (three cases) took 6,685 px when its table squeezed to a character a
# line; as cards it takes about one screen a case. The bound leaves room for longer texts, not for squeezing.
STATUS_REPORT_MAX_HEIGHT = 3000


def demo_meeting() -> Meeting:
    """第89次主任秘書會報: the session ahead, with an agenda, invitees and a status report of open cases."""
    return MeetingSeries.objects.get(code="chief-secretaries").meetings.get(number=89)


def on_phone(page: Page) -> None:
    page.set_viewport_size(PHONE)


def overflow(page: Page) -> list[str]:
    """What is wider than the screen: the page itself, or a box that scrolls sideways inside it."""
    return page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          const out = [];
          if (document.documentElement.scrollWidth > width) out.push(`page ${document.documentElement.scrollWidth}px`);
          for (const el of document.querySelectorAll('main *')) {
            const r = el.getBoundingClientRect();
            // Text for screen readers only is clipped to a pixel on purpose.
            if (r.width <= 1 || el.closest('.visually-hidden')) continue;
            const scrolls = ['auto', 'scroll'].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1;
            if (r.right > width + 1 || scrolls)
              out.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.right)}px/${el.scrollWidth}px`);
          }
          return out;
        }"""
    )


def narrowest_cell(page: Page, table: str) -> int:
    """The width of the narrowest cell: a table squeezed into a phone leaves a character or two a line."""
    widths = page.locator(f"{table} tbody td").evaluate_all("cells => cells.map(c => c.getBoundingClientRect().width)")
    return int(min(widths))


def height(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollHeight"))


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot(page, ARTIFACTS / f"phone-{name}.png")


def test_the_status_report_reads_as_one_card_a_case_on_a_phone(page, demo, check_a11y):
    meeting = demo_meeting()
    on_phone(page)
    sign_in(page, "secretariat", "Lieguan-secretariat-2026")
    page.goto(f"/cases/meetings/{meeting.pk}/status-report/")
    rows = page.locator("table.lg-table tbody tr")
    assert rows.count() >= 3
    # Each value sits under its column's name, as the table's header says it.
    headers = page.locator("table.lg-table thead th").all_inner_texts()
    labels = rows.first.locator("td").evaluate_all("cells => cells.map(c => c.dataset.label)")
    assert labels == headers[1:]
    first = rows.first.bounding_box()
    assert first is not None and first["width"] <= PHONE["width"] and first["height"] < PHONE["height"]
    assert narrowest_cell(page, "table.lg-table") > PHONE["width"] * 0.6
    assert overflow(page) == []
    assert height(page) < STATUS_REPORT_MAX_HEIGHT, f"the status report is {height(page)} px tall"
    check_a11y(page, context="status report on a phone")
    shot(page, "status-report")


def test_the_case_list_reads_as_cards_on_a_phone(page, demo, check_a11y):
    on_phone(page)
    sign_in(page, "tracking", "Lieguan-tracking-2026")
    page.goto("/cases/")
    rows = page.locator("table.tracking-cases tbody tr")
    assert rows.count() >= 3
    labels = rows.first.locator("td").evaluate_all("cells => cells.map(c => c.dataset.label)")
    assert "案由" in labels and "主協辦機關" in labels and all(labels)
    # The cards stack: the second begins below the first.
    first, second = rows.nth(0).bounding_box(), rows.nth(1).bounding_box()
    assert first and second and second["y"] >= first["y"] + first["height"]
    assert narrowest_cell(page, "table.tracking-cases") > PHONE["width"] * 0.6
    assert overflow(page) == []
    check_a11y(page, context="case list on a phone")
    shot(page, "case-list")


def test_the_meeting_page_shows_the_agenda_before_the_attendees_on_a_phone(page, demo, check_a11y):
    meeting = demo_meeting()
    on_phone(page)
    sign_in(page, "secretariat", "Lieguan-secretariat-2026")
    page.goto(f"/meetings/{meeting.pk}/")
    agenda, attendees = page.locator("#agenda").bounding_box(), page.locator("#who").bounding_box()
    assert agenda and attendees and agenda["y"] < attendees["y"]
    assert overflow(page) == []
    check_a11y(page, context="meeting page on a phone")
    shot(page, "meeting")
    # On a wide screen the attendees sit beside the agenda instead of after it.
    page.set_viewport_size({"width": 1280, "height": 900})
    agenda, attendees = page.locator("#agenda").bounding_box(), page.locator("#who").bounding_box()
    assert agenda and attendees and attendees["x"] > agenda["x"] + agenda["width"]


def test_the_public_portal_landing_page_and_a_published_session_read_well_on_a_phone(page, demo, check_a11y, settings):
    settings.PUBLIC_PORTAL = True
    published = MeetingSeries.objects.get(code="chief-secretaries").meetings.get(number=88)
    on_phone(page)
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("會議紀錄公開資訊")
    expect(page.get_by_role("link", name="開放資料下載")).to_be_visible()
    assert overflow(page) == []
    check_a11y(page, context="landing page on a phone")
    shot(page, "landing")
    page.get_by_label("檢索已發布的會議紀錄").fill("節能")
    page.get_by_role("button", name="搜尋").click()
    page.wait_for_url("**/search/?q=*")
    page.goto(f"/meetings/{published.pk}/")
    expect(page.locator("#agenda")).to_be_visible()
    expect(page.locator("#who")).to_have_count(0)
    assert overflow(page) == []
    check_a11y(page, context="a published session's agenda, for the public, on a phone")
    shot(page, "public-meeting")
