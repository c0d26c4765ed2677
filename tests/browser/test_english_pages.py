"""Issue 19, both languages: the secretariat switches to English and the main pages of the KPIs, work
reports, monthly indicators, the directory and the statistics speak English.

What stays Chinese is the records' own data: names of agencies, people and KPIs, case titles, dates in
the ROC calendar, units, and the official documents shown in previews. Pages mark such elements with
``data-record``; the rows of a records table are data as a whole. Everything else inside <main> must
have no Chinese character, and every page passes the axe check.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from lieguan.demo.city import demo_password
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots/hi18n")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")

# The interface text of <main>: every rendered text node, visually hidden ones included (screen readers
# read them), less the records' data, form options (the directory's names), charts' data and the
# content of closed disclosures (not shown until opened).
INTERFACE_TEXT = """() => {
  const main = document.querySelector("main");
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  const out = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!el || !node.textContent.trim()) continue;
    if (el.closest("[data-record], tbody td, tbody th, option, script, style, template, [hidden]")) continue;
    const details = el.closest("details:not([open])");
    if (details && !el.closest("summary")) continue;
    out.push(node.textContent.trim());
  }
  return out;
}"""


def chinese_in_interface(page) -> list[str]:
    return [text for text in page.evaluate(INTERFACE_TEXT) if CJK.search(text)]


def switch_to_english(page) -> None:
    page.locator("#language-select").select_option("en")
    page.locator(".language-form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "en"


def test_the_secretariats_main_pages_speak_english_outside_the_records_data(page, demo, check_a11y):
    sign_in(page, "secretariat", demo_password("secretariat"))
    switch_to_english(page)
    SHOTS.mkdir(parents=True, exist_ok=True)

    def visit(url: str, heading: str | re.Pattern[str], shot: str = "") -> None:
        if url:
            page.goto(url)
            page.wait_for_load_state("networkidle")
        assert re.search(heading, page.locator("h1.page-title").inner_text()), page.url
        leftovers = chinese_in_interface(page)
        assert not leftovers, f"Chinese in the English interface of {page.url}: {leftovers}"
        check_a11y(page, context=f"{page.url} in English")
        if shot:
            page.screenshot(path=str(SHOTS / shot), full_page=True)

    visit("/kpis/", "Strategic goals and key performance indicators", "kpis-en.png")
    page.locator("table.data tbody th a").first.click()
    page.wait_for_load_state("networkidle")
    visit("", CJK)  # the KPI's own name is its heading
    assert page.get_by_role("heading", name="Targets and actuals by period").is_visible()

    visit("/work-reports/", "Work reports")
    # The secretariat drafts its own agency's report, in English, and lands on the report's page.
    page.get_by_role("button", name="Create a draft").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_text("Work report draft created; the units can start writing.")).to_be_visible()
    visit("", CJK, "workreport-en.png")
    assert page.get_by_role("heading", name="Progress of each part").is_visible()

    visit("/indicators/", re.escape("Agencies' monthly indicators"))
    visit("/directory/stand-ins/", "Stand-ins")
    visit("/reports/", "Progress statistics", "statistics-en.png")
    visit("/reports/agencies/", "Progress by agency")
