"""Issue 4: the secretariat creates a series, schedules its first session, builds the agenda, invites and sends the notice."""

from __future__ import annotations

import email
import re

import icalendar
import pytest
from django.core import mail
from playwright.sync_api import expect

from lieguan.meetings.models import Meeting, MeetingSeries
from tests.browser.conftest import ARTIFACTS, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot(page, ARTIFACTS / f"{name}.png")


def test_the_secretariat_runs_a_new_series_from_creation_to_the_notice(page, demo, check_a11y):
    sign_in(page, "secretariat", "Lieguan-secretariat-2026")
    page.goto("/meetings/")
    check_a11y(page, context="series list")
    page.get_by_role("link", name="新增會議").click()

    # The series, with a live preview of its case numbers.
    expect(page.get_by_role("heading", name="新增會議", level=1)).to_be_visible()
    page.get_by_label("主辦機關").select_option(label="市府")
    page.get_by_label("會議名稱").fill("災害防救會報")
    pattern = page.get_by_label("列管編號格式")
    pattern.fill("{session}{seq:02}")
    expect(page.locator("#pattern-preview")).to_contain_text("22401")
    pattern.fill("{session}")
    expect(page.locator("#pattern-preview")).to_contain_text("須包含")
    pattern.fill("{session}-{seq}")
    expect(page.locator("#pattern-preview")).to_contain_text("224-1")
    page.get_by_label("預設地點").fill("市政大樓災害應變中心")
    page.get_by_label("第 5 列類別").select_option("chair_directives")
    page.get_by_label("第 5 列標題").fill("主席裁示事項")
    check_a11y(page, context="new series form")
    shot(page, "meetings-series-form")
    page.get_by_role("button", name="儲存").click()

    series = MeetingSeries.objects.get(name="災害防救會報")
    expect(page.get_by_role("heading", level=1)).to_have_text("臨海市政府災害防救會報")
    assert [s["kind"] for s in series.agenda_template][-1] == "chair_directives"
    check_a11y(page, context="series page")

    # The first session: its number is filled in.
    page.get_by_role("link", name="排定下次會議").click()
    expect(page.get_by_label("會次")).to_have_value("1")
    expect(page.get_by_label("地點")).to_have_value("市政大樓災害應變中心")
    page.get_by_label("開會日期").fill("115/12/24")
    page.get_by_label("開會時間").fill("14:30")
    check_a11y(page, context="schedule form")
    shot(page, "meetings-schedule-form")
    page.get_by_role("button", name="排定會議").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("臨海市政府災害防救會報第1次")
    meeting = Meeting.objects.get(series=series)

    # The agenda builder works in place (HTMX): the page is never reloaded.
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_label("新增案件至「報告事項」：案由").fill("寒流低溫應變整備情形")
    reports = page.locator(".agenda-section", has=page.get_by_role("heading", name="貳、報告事項"))
    reports.get_by_label("報告機關").select_option(label="衛生局")
    reports.get_by_role("button", name="新增案件").click()
    expect(page.locator("#agenda-builder").get_by_role("status")).to_contain_text("已於「報告事項」新增案件")
    page.get_by_label("新增案件至「報告事項」：案由").fill("避難收容處所整備情形")
    reports.get_by_label("報告機關").select_option(label="資訊局")
    reports.get_by_role("button", name="新增案件").click()
    expect(page.locator(".agenda")).to_contain_text("三、避難收容處所整備情形（資訊局）")
    page.get_by_role("button", name="上移 案件三").click()
    expect(page.locator(".agenda")).to_contain_text("二、避難收容處所整備情形（資訊局）")
    page.get_by_role("link", name="編輯 案件三").click()
    page.get_by_label("案由", exact=True).fill("寒流低溫應變整備情形（含長者關懷）")
    page.get_by_role("button", name="儲存").click()
    expect(page.locator(".agenda")).to_contain_text("三、寒流低溫應變整備情形（含長者關懷）（衛生局）")
    assert page.evaluate("window.stillTheSamePage") is True
    check_a11y(page, context="agenda builder")
    shot(page, "meetings-agenda-builder")

    # Invitations: a directory search, then all liaisons of an agency.
    page.get_by_role("link", name="與會人員", exact=True).click()
    page.get_by_label("搜尋人員（姓名、職稱或機關）").fill("唐思遠")
    results = page.locator("#person-results")
    expect(results).to_contain_text("資訊局 唐思遠 局長")
    results.get_by_role("button", name=re.compile("邀請出席.*唐思遠")).click()
    expect(page.locator(".messages")).to_contain_text("已邀請唐思遠局長（出席）")
    page.get_by_label("機關", exact=True).select_option(label="教育局")
    page.get_by_label("對象").select_option(label="聯絡人")
    page.get_by_label("身分").select_option(label="列席")
    page.get_by_role("button", name="邀請", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("已邀請 1 人：曾若瑜")
    check_a11y(page, context="attendance page")
    shot(page, "meetings-attendance-invite")

    # The notice: previewed, sent with its calendar entry.
    page.get_by_role("link", name="議程與資料").click()
    page.get_by_role("link", name="開會通知").click()
    expect(page.locator(".notice-preview")).to_contain_text("寒流低溫應變整備情形")
    check_a11y(page, context="notice page")
    shot(page, "meetings-notice")
    page.get_by_role("button", name="寄送開會通知").click()
    expect(page.locator(".messages")).to_contain_text("已寄出開會通知給 2 位與會人員")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "tang.ssuyuan@linhai.example.gov.tw",
        "tseng.juoyu@linhai.example.gov.tw",
    ]
    message = mail.outbox[0]
    parsed = email.message_from_bytes(message.message().as_bytes())
    ics = next(p for p in parsed.walk() if p.get_content_type() == "text/calendar").get_payload(decode=True)
    event = icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]
    assert event["DTSTART"].params["TZID"] == "Asia/Taipei"
    assert event.decoded("DTSTART").strftime("%Y-%m-%d %H:%M") == "2026-12-24 14:30"
    assert re.search(rf"/meetings/{meeting.pk}/", message.body)
    meeting.refresh_from_db()
    assert meeting.notice_sent_at is not None


def test_the_edit_pages_pass_the_accessibility_check(page, demo, check_a11y):
    sign_in(page, "secretariat", "Lieguan-secretariat-2026")
    series = MeetingSeries.objects.get(code="secretariat-office")
    meeting = Meeting.objects.get(series=series, number=43)
    item = meeting.sections.get(kind="reports").items.order_by("position").last()
    for url, context in (
        (f"/meetings/series/{series.pk}/edit/", "series edit"),
        (f"/meetings/{meeting.pk}/edit/", "meeting edit"),
        (f"/meetings/agenda/items/{item.pk}/edit/", "agenda item edit page"),
        (f"/meetings/agenda/sections/{item.section_id}/edit/", "agenda section edit page"),
    ):
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        check_a11y(page, context=context)


def test_the_secretariat_edits_a_series_a_meeting_and_its_agenda_without_javascript(browser, live_server, demo):
    """Every form of these pages is an ordinary form: with JavaScript off they still work."""
    context = browser.new_context(base_url=live_server.url, locale="zh-TW", java_script_enabled=False)
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        sign_in(page, "secretariat", "Lieguan-secretariat-2026")
        series = MeetingSeries.objects.get(code="secretariat-office")
        meeting = Meeting.objects.get(series=series, number=43)
        page.goto(f"/meetings/series/{series.pk}/edit/")
        expect(page.get_by_label("列管編號格式")).to_have_value("{session}{seq:02}")
        page.get_by_label("預設地點").fill("秘書處第三會議室")
        page.get_by_role("button", name="儲存").click()
        expect(page.locator(".messages")).to_contain_text("已更新會議設定")
        expect(page.locator(".lead")).to_contain_text("秘書處第三會議室")

        page.goto(f"/meetings/{meeting.pk}/edit/")
        expect(page.get_by_label("會次")).to_have_value("43")
        page.get_by_label("開會時間").fill("15:00")
        page.get_by_role("button", name="儲存").click()
        expect(page.locator(".messages")).to_contain_text("已更新會次資料")

        # The agenda: the 編輯 link leads to a page of its own, moves and additions reload the meeting page.
        item = meeting.sections.get(kind="reports").items.order_by("position").last()
        page.get_by_role("link", name=f"編輯 案件{item.label}").click()
        page.get_by_label("案由").fill("各組室業務工作報告（含年終檢討）")
        page.get_by_role("button", name="儲存").click()
        expect(page.locator(f"#item-{item.pk}")).to_contain_text("各組室業務工作報告（含年終檢討）")
        page.get_by_role("button", name=f"上移 案件{item.label}").click()
        expect(page.locator(".messages")).to_contain_text("上移")
        page.get_by_label("新增案件至「報告事項」：案由").fill("年終文康活動規劃")
        page.locator(".agenda-section", has=page.get_by_role("heading", name="貳、報告事項")).get_by_role("button", name="新增案件").click()
        expect(page.locator(".agenda")).to_contain_text("三、年終文康活動規劃")

        page.get_by_role("button", name="取消會次").click()  # the confirmation prompt needs JavaScript
        expect(page.locator(".messages")).to_contain_text("已取消第43次")
        expect(page.get_by_role("heading", level=1)).to_contain_text("已取消")
        ARTIFACTS.mkdir(exist_ok=True)
        screenshot(page, ARTIFACTS / "meetings-cancelled.png")
    finally:
        context.close()
