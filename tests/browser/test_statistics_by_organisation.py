"""Issue 18: statistics by the organisation as it is now or as it was then, after 法務局 is merged into 人事處."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from lieguan.organisations import actions as o
from lieguan.organisations.models import Organisation
from lieguan.tracking import actions as t
from tests.browser.conftest import ARTIFACTS, screenshot, sign_in
from tests.factories import SETUP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def merge_legal_into_hr() -> None:
    """An open case each for 法務局 and 人事處; then 法務局 is merged into 人事處 from 116/1/1, confirmed today."""
    today = timezone.localdate()
    orgs = {org.code: org for org in Organisation.objects.all()}
    for title, lead in (("法規資料庫整併", "legal"), ("公務人員訓練數位化", "hr")):
        t.do_create_case(
            SETUP, source="mayor", owner=orgs["rdec"], title=title, text=f"市長承諾：{title}。", lead=orgs[lead], co=[],
            deadline=today + dt.timedelta(days=60), opened_on=today - dt.timedelta(days=30),
        )  # fmt: skip
    merger = o.do_propose_succession(
        SETUP, kind="merge", organisation=orgs["legal"], effective=dt.date(2027, 1, 1), successors=[orgs["hr"]]
    )
    o.do_confirm_succession(SETUP, merger)


def agency_rows(page) -> list[str]:
    table = page.get_by_role("table", name="列管案件執行情形統計表", exact=True)
    return [h.inner_text() for h in table.locator("tbody th").all()]


def test_the_statistics_page_counts_by_the_organisation_now_or_then_and_says_which(page, demo, check_a11y):
    merge_legal_into_hr()
    sign_in(page, "tracking", "Lieguan-tracking-2026")
    page.goto("/reports/")
    toggle = page.get_by_role("region", name="機關歸屬")
    assert toggle.get_by_role("link", name="依現在機關").get_attribute("aria-current") == "true"
    assert "本頁依現在機關" in toggle.inner_text()
    rows = agency_rows(page)
    assert "人事處" in rows and "法務局" not in rows
    check_a11y(page, context="statistics as it is now")
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot(page, ARTIFACTS / "statistics-now.png")

    toggle.get_by_role("link", name="依當時機關").click()
    page.wait_for_load_state()
    toggle = page.get_by_role("region", name="機關歸屬")
    assert toggle.get_by_role("link", name="依當時機關").get_attribute("aria-current") == "true"
    assert "本頁依當時機關" in toggle.inner_text()
    # Until 116/1/1 法務局 is its own agency, with its own case.
    rows = agency_rows(page)
    assert "人事處" in rows and "法務局" in rows
    check_a11y(page, context="statistics as it was then")
    screenshot(page, ARTIFACTS / "statistics-then.png")
    # Applying the filters keeps the view.
    page.get_by_role("button", name="套用篩選").click()
    page.wait_for_load_state()
    assert "view=then" in page.url and "法務局" in agency_rows(page)

    page.get_by_role("link", name="各機關執行情形一覽表").click()
    page.wait_for_load_state()
    page.get_by_role("region", name="機關歸屬").get_by_role("link", name="依當時機關").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="法務局", exact=False).first.is_visible()
    check_a11y(page, context="agencies overview as it was then")
