"""Issue 5: the other tracking pages on the demo city — other sources, the list, editing, levels, missing reports, the calendar."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from lieguan.demo.city import ACTOR
from lieguan.meetings import actions as m
from lieguan.meetings.models import Conclusion, MeetingSeries
from lieguan.organisations.models import Organisation
from lieguan.tracking import actions as t
from lieguan.tracking.models import CalendarDay, TrackedCase
from tests.browser.conftest import ARTIFACTS, clock_at, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def as_user(page: Page, username: str) -> None:
    # Sign out as a person would: clearing cookies races the case page's lazily loaded related-items
    # request, whose response can set the previous user's session cookie again.
    sign_out = page.get_by_role("button", name="登出")
    if sign_out.count():
        sign_out.click()
        page.wait_for_url("**/accounts/login/**")
    sign_in(page, username, f"Lieguan-{username}-2026")


def org(code: str) -> Organisation:
    return Organisation.objects.get(code=code)


def test_a_petition_is_tracked_like_a_conclusion_and_the_list_filters_by_source(page, demo, check_a11y):
    conclusion = Conclusion.objects.get(text__startswith="稽核發現之缺失")
    minutes_case = t.do_select_case(ACTOR, conclusion, lead=org("edu"), deadline=timezone.localdate() - dt.timedelta(days=3))

    as_user(page, "tracking")
    page.goto("/cases/new/")
    check_a11y(page, context="new case from another source")
    page.get_by_label("人民陳情").check()
    page.get_by_label("來源文號").fill("陳情 1150777")
    page.get_by_role("textbox", name="案由").fill("市民陳情校園周邊人行道破損")
    page.get_by_role("textbox", name="列管事項").fill("請資訊局於市政地圖標示施工路段，並請教育局通知各校。")
    page.get_by_label("主辦機關").select_option(label="資訊局")
    page.get_by_role("checkbox", name="教育局", exact=True).check()
    page.get_by_label("或：期限為幾個工作日").fill("10")
    page.get_by_role("button", name="建立列管案件").click()
    expect(page.locator(".message--success")).to_contain_text("已建立列管案件 P")
    petition = TrackedCase.objects.get(source="petition", source_reference="陳情 1150777")
    assert petition.deadline_basis == "10 個工作日" and petition.owner.code == "rdec"
    expect(page.locator(".lead")).to_contain_text("人民陳情")

    page.goto("/cases/?source=petition")
    numbers = page.locator("table.tracking-cases tbody th").all_inner_texts()
    assert petition.number in numbers and minutes_case.number not in numbers
    assert set(numbers) == set(TrackedCase.objects.filter(source="petition", status="open").values_list("number", flat=True))
    page.goto("/cases/?due=overdue")
    overdue = page.locator("table.tracking-cases tbody th").all_inner_texts()
    assert minutes_case.number in overdue and petition.number not in overdue
    expect(page.locator(f"#case-row-{minutes_case.pk}")).to_contain_text("逾 3 日")
    page.goto("/cases/")
    page.get_by_role("link", name="列管期限").click()
    expect(page.get_by_role("columnheader", name="列管期限")).to_have_attribute("aria-sort", "ascending")
    listed = page.locator("table.tracking-cases tbody th").all_inner_texts()
    assert listed.index(minutes_case.number) < listed.index(petition.number)
    page.get_by_role("link", name="列管期限").click()
    expect(page.get_by_role("columnheader", name="列管期限")).to_have_attribute("aria-sort", "descending")
    check_a11y(page, context="case list")
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot(page, ARTIFACTS / "tracking-case-list.png")

    # A liaison sees only their agency's cases: 資訊局 is not on the minutes case.
    as_user(page, "liaison")
    page.goto("/cases/")
    listed = page.locator("table.tracking-cases tbody th").all_inner_texts()
    assert petition.number in listed and minutes_case.number not in listed
    assert page.request.get(f"/cases/{minutes_case.pk}/").status == 404


def test_the_secretariat_corrects_a_deadline_and_the_agencies_and_the_history_keeps_it(page, demo, check_a11y):
    conclusion = Conclusion.objects.get(text__startswith="稽核發現之缺失")
    case = t.do_select_case(ACTOR, conclusion, lead=org("legal"), deadline=dt.date(2026, 11, 15), deadline_basis="1 個月內")
    as_user(page, "secretariat")
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("link", name="修改案件資料").click()
    check_a11y(page, context="edit case")
    page.get_by_label("列管期限", exact=True).fill("116/1/31")
    page.get_by_role("button", name="儲存").click()
    expect(page.locator(".message--success")).to_contain_text("已更新")
    page.get_by_label("新增機關").select_option(label="資訊局")
    page.get_by_role("button", name="新增", exact=True).click()
    expect(page.locator(".message--success")).to_contain_text("已將資訊局列為協辦機關")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="移除資訊局").click()
    expect(page.locator(".message--success")).to_contain_text("已移除資訊局")
    history = page.locator(".tracking-timeline").inner_text()
    assert "列管期限由 115年11月15日 改為 116年1月31日" in history
    assert "指定協辦機關：資訊局" in history and "移除協辦機關：資訊局" in history
    check_a11y(page, context="case page after edits")


def test_a_bureau_tracks_its_part_of_a_city_level_case_and_cannot_release_it_first(page, demo, check_a11y, monkeypatch):
    office = MeetingSeries.objects.get(code="secretariat-office")
    m.do_update_series(ACTOR, office, release_after_parent=True)
    conclusion = Conclusion.objects.get(text__startswith="稽核發現之缺失")
    parent = t.do_select_case(ACTOR, conclusion, lead=org("secretariat"), co=[org("dit")])
    board = office.meetings.get(number=42)
    coming = office.meetings.filter(start__gte=timezone.now()).order_by("start").first() or m.do_schedule_meeting(
        ACTOR, office, start=timezone.now() + dt.timedelta(days=10)
    )

    as_user(page, "secretariat")
    page.goto(f"/cases/{parent.pk}/")
    page.get_by_role("link", name="轉為本機關列管").click()
    check_a11y(page, context="spawn a bureau-level case")
    page.get_by_label("列管會次").select_option(label=f"{office.full_name}{board.ordinal}")
    page.get_by_label("主辦機關（單位）").select_option(label="\u3000總務組")  # a unit, indented under 秘書處
    page.get_by_role("button", name="建立機關列管案件").click()
    expect(page.locator(".message--success")).to_contain_text(f"上級為府級列管案件 {parent.number}")
    child = TrackedCase.objects.get(parent=parent)
    assert child.number.startswith("42") and child.series == office and child.level == "agency"
    expect(page.get_by_role("link", name=parent.number, exact=True)).to_be_visible()
    page.goto(f"/cases/{parent.pk}/")
    expect(page.get_by_role("link", name=child.number, exact=True)).to_be_visible()

    clock_at(monkeypatch, coming.start + dt.timedelta(hours=1))  # the coming meeting is held
    as_user(page, "secretariat")
    page.goto(f"/cases/meetings/{coming.pk}/decisions/")
    page.locator(f"#decide-{child.pk}").locator("xpath=..").get_by_label("解除列管").check()
    page.get_by_role("button", name="儲存列管決定").click()
    expect(page.locator(".error-summary")).to_contain_text(f"須待府級列管案件 {parent.number} 解除列管後，始得解除列管")
    check_a11y(page, context="decisions refused")
    child.refresh_from_db()
    assert child.status == "open"


def test_liaisons_see_what_they_have_not_reported(page, demo, check_a11y):
    conclusion = Conclusion.objects.get(text__startswith="稽核發現之缺失")
    case = t.do_select_case(ACTOR, conclusion, lead=org("dit"), co=[org("edu")], deadline=timezone.localdate() + dt.timedelta(days=3))
    as_user(page, "liaison")
    panel = page.get_by_role("region", name="本機關列管案件")
    expect(panel.locator("li", has_text=case.number)).to_contain_text("本期未填報")
    expect(panel.locator("li", has_text=case.number)).to_contain_text("期限")
    screenshot(page, ARTIFACTS / "tracking-home-liaison.png")
    panel.get_by_role("link", name=re.compile("本期未填報")).click()
    check_a11y(page, context="missing reports of a liaison")
    row = page.locator("table tbody tr", has_text=case.number).inner_text()
    assert "資訊局（主辦）" in row and "教育局" not in page.locator("table").inner_text()
    page.get_by_role("link", name=f"填報 {case.number}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("資訊局辦理情形")

    as_user(page, "secretariat")
    page.goto("/cases/missing-reports/")
    check_a11y(page, context="missing reports of the secretariat")
    text = page.locator("table").inner_text()
    assert "資訊局（主辦）" in text and "教育局（協辦）" in text


def test_the_administrator_loads_the_official_calendar(page, demo, check_a11y):
    as_user(page, "admin")
    page.goto("/cases/calendar/")
    check_a11y(page, context="calendar")
    bad = "西元日期,星期,是否放假,備註\n20270101,五,2,開國紀念日\n20270102,六,9,\n"
    page.get_by_label("行事曆檔案（CSV）").set_input_files({"name": "116年.csv", "mimeType": "text/csv", "buffer": bad.encode()})
    page.get_by_role("button", name="載入行事曆").click()
    expect(page.locator(".error-summary")).to_contain_text("第 3 行")
    check_a11y(page, context="calendar with an error")
    assert not CalendarDay.objects.exists()
    good = "西元日期,星期,是否放假,備註\n20270101,五,2,開國紀念日\n20270220,六,0,補行上班\n"
    page.get_by_label("行事曆檔案（CSV）").set_input_files({"name": "116年.csv", "mimeType": "text/csv", "buffer": good.encode("cp950")})
    page.get_by_role("button", name="載入行事曆").click()
    expect(page.locator(".message--success")).to_contain_text("已載入 2 個日期")
    table = page.locator("table").inner_text()
    assert "116/02/20" in table and "補行上班" in table
    check_a11y(page, context="calendar of 116")

    as_user(page, "secretariat")
    assert page.request.get("/cases/calendar/").status == 403
