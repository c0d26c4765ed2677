"""Issue 19, both languages: the secretariat switches to English and the main pages of the KPIs, work
reports, monthly indicators, the directory and the statistics speak English.

What stays Chinese is the records' own data: names of agencies, people and KPIs, case titles, dates in
the ROC calendar, units, and the official documents shown in previews. Pages mark such elements with
``data-record``; the rows of a records table are data as a whole. Everything else inside <main> must
have no Chinese character, and every page passes the axe check.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from lieguan.demo.city import demo_password
from tests.browser.conftest import ARTIFACTS, sign_in
from tests.browser.english import CJK, english_visitor, switch_to_english

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = ARTIFACTS / "english-pages"


def test_the_secretariats_main_pages_speak_english_outside_the_records_data(page, demo, check_a11y):
    sign_in(page, "secretariat", demo_password("secretariat"))
    switch_to_english(page)
    visit = english_visitor(page, check_a11y, SHOTS)

    visit("/kpis/", "Strategic goals and key performance indicators", "kpis-en.png")
    page.locator("table.data tbody th a").first.click()
    page.wait_for_load_state()
    visit("", CJK)  # the KPI's own name is its heading
    assert page.get_by_role("heading", name="Targets and actuals by period").is_visible()

    visit("/work-reports/", "Work reports")
    # The secretariat drafts its own agency's report, in English, and lands on the report's page.
    page.get_by_role("button", name="Create a draft").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Work report draft created; the units can start writing.")).to_be_visible()
    visit("", CJK, "workreport-en.png")
    assert page.get_by_role("heading", name="Progress of each part").is_visible()

    visit("/indicators/", re.escape("Agencies' monthly indicators"))
    visit("/directory/stand-ins/", "Stand-ins")
    visit("/reports/", "Progress statistics", "statistics-en.png")
    visit("/reports/agencies/", "Progress by agency")


def _quote_width(page) -> float:
    """How wide the page draws an opening quotation mark, in ems of its text."""
    return page.evaluate(
        """() => { const s = document.createElement('span'); s.textContent = '\\u201c'; document.querySelector('main').append(s);
                   const w = s.getBoundingClientRect().width / parseFloat(getComputedStyle(s).fontSize); s.remove(); return w; }"""
    )


def test_english_pages_set_quotation_marks_as_english_does_and_chinese_pages_as_chinese_does(page, demo):
    sign_in(page, "secretariat", demo_password("secretariat"))
    chinese = _quote_width(page)
    switch_to_english(page)
    english = _quote_width(page)
    # The CJK font draws “ a full em wide, with a gap after it; English wants it narrow.
    assert chinese > 0.9 and english < 0.6, (chinese, english)
