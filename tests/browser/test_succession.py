"""Issue 18: the administrator merges two demo agencies with open cases: preview, confirmation, the cases moved, their history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from lieguan.organisations.models import Organisation, Succession
from lieguan.tracking import actions as t
from lieguan.tracking.models import Assignment
from tests.browser.conftest import ARTIFACTS, screenshot, sign_in
from tests.factories import SETUP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_administrator_merges_two_agencies_and_their_open_cases_follow(page, demo, check_a11y):
    today = timezone.localdate()
    legal, hr = Organisation.objects.get(code="legal"), Organisation.objects.get(code="hr")
    case = t.do_create_case(
        SETUP, source="mayor", owner=Organisation.objects.get(code="rdec"), title="法規資料庫整併", text="市長承諾：法規資料庫整併。",
        lead=legal, co=[], deadline=today + dt.timedelta(days=60), opened_on=today - dt.timedelta(days=30),
    )  # fmt: skip
    sign_in(page, "admin", "Lieguan-admin-2026")
    page.goto("/directory/successions/")
    assert page.get_by_role("heading", level=1).inner_text() == "機關改制"
    check_a11y(page, context="succession form")
    page.locator("#id_kind").select_option(label="併入他機關")
    page.locator("#id_organisation").select_option(label="法務局")
    page.locator("#id_effective").fill("116/1/1")
    page.get_by_role("group", name="承接機關").get_by_role("checkbox", name="人事處", exact=True).check()
    page.get_by_role("button", name="預覽改制").click()
    page.wait_for_load_state()

    assert page.get_by_role("heading", level=1).inner_text() == "法務局併入他機關"
    table = page.get_by_role("table").inner_text()
    assert f"列管編號 {case.number}「法規資料庫整併」（主辦）" in table and "人事處" in table
    check_a11y(page, context="succession preview")
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot(page, ARTIFACTS / "succession-preview.png")
    # Nothing has moved before the confirmation.
    assert Assignment.objects.get(case=case).organisation == legal

    page.get_by_role("button", name="確認改制").click()
    page.wait_for_load_state()
    assert "已確認" in page.locator("main").inner_text()
    assert Succession.objects.get().status == "confirmed"
    assert Assignment.objects.get(case=case).organisation == hr
    check_a11y(page, context="succession confirmed")
    page.get_by_role("link", name=f"列管編號 {case.number}").click()
    page.wait_for_load_state()
    assert "人事處" in page.locator("main").inner_text()
    history = page.get_by_role("region", name="處理歷程").inner_text()
    assert "機關改制（法務局併入他機關）：改由人事處承辦，116年1月1日生效" in history
    check_a11y(page, context="case history after the merger")
