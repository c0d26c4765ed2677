"""Issue 4: the attendee signs in on their phone; the recorder marks one excused and one substituted; the sign-in sheet."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lieguan.demo.city import ACTOR
from lieguan.meetings import actions
from lieguan.meetings.models import Invitation, Meeting
from tests.browser.conftest import ARTIFACTS, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def meeting_today(demo):
    """The demo's next 主任秘書會報, moved to start in twenty minutes so that sign-in is open."""
    meeting = Meeting.objects.get(series__code="chief-secretaries", number=89)
    start = timezone.now() + dt.timedelta(minutes=20)
    return actions.do_update_meeting(ACTOR, meeting, start=start, materials_cutoff=start - dt.timedelta(hours=2))


def invitation(meeting, name):
    return Invitation.objects.get(meeting=meeting, person__name=name)


def test_signing_in_on_a_phone_then_the_recorder_marks_the_rest_and_prints_the_sheet(page, meeting_today, check_a11y):
    ARTIFACTS.mkdir(exist_ok=True)
    # The attendee, on a phone.
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, "attendee", "Lieguan-attendee-2026")
    page.goto(f"/meetings/{meeting_today.pk}/sign-in/")
    expect(page.get_by_role("heading", name="簽到", level=1)).to_be_visible()
    check_a11y(page, context="sign-in page on a phone")
    page.get_by_role("button", name="簽到").click()
    expect(page.locator(".messages")).to_contain_text("簽到完成")
    expect(page.locator(".signed-in")).to_contain_text("已簽到")
    screenshot(page, ARTIFACTS / "meetings-sign-in-phone.png")
    page.goto(f"/meetings/{meeting_today.pk}/")
    expect(page.locator(".sign-in-card")).to_contain_text("已簽到")
    check_a11y(page, context="meeting page of the attendee")
    signed = invitation(meeting_today, "馮柏均")
    assert signed.attendance == Invitation.Attendance.PRESENT and signed.self_signed
    page.get_by_role("button", name="登出").click()

    # The recorder, on a tablet.
    page.set_viewport_size({"width": 1024, "height": 900})
    sign_in(page, "secretariat", "Lieguan-secretariat-2026")
    page.goto(f"/meetings/{meeting_today.pk}/attendance/")
    excused = invitation(meeting_today, "韓志豪")
    row = page.locator(f"#invitation-{excused.pk}")
    row.get_by_label("請假", exact=True).check()
    row.get_by_role("button", name="登記").click()
    expect(page.locator(f"#invitation-{excused.pk}")).to_contain_text("已儲存")
    expect(page.locator(f"#invitation-{excused.pk} .attendance-status")).to_contain_text("請假")
    substituted = invitation(meeting_today, "邱冠宇")
    row = page.locator(f"#invitation-{substituted.pk}")
    row.get_by_label("代理", exact=True).check()
    row.get_by_role("button", name="登記").click()
    expect(page.locator(f"#invitation-{substituted.pk}")).to_contain_text("代理出席須填寫代理人姓名")
    row = page.locator(f"#invitation-{substituted.pk}")
    row.get_by_label("代理人姓名").fill("蔡明遠")
    row.get_by_label("代理人職稱").fill("專門委員")
    row.get_by_role("button", name="登記").click()
    expect(page.locator(f"#invitation-{substituted.pk}")).to_contain_text("代理：蔡明遠專門委員")
    attendee_row = page.locator(f"#invitation-{signed.pk}")
    expect(attendee_row).to_contain_text("線上簽到")
    check_a11y(page, context="attendance table")
    screenshot(page, ARTIFACTS / "meetings-attendance-marked.png")
    excused.refresh_from_db()
    substituted.refresh_from_db()
    assert excused.attendance == "excused"
    assert (substituted.attendance, substituted.substitute_name) == ("substituted", "蔡明遠")

    # The sign-in sheet: on screen, then as printed on A4.
    page.get_by_role("link", name="簽到表（列印）").click()
    sheet = page.locator(".sign-in-sheet")
    expect(sheet.get_by_role("heading", level=1)).to_have_text("臨海市政府主任秘書會報第89次簽到表")
    signed_at = timezone.localtime(Invitation.objects.get(pk=signed.pk).signed_in_at)
    expect(sheet).to_contain_text(f"線上簽到 {signed_at:%H:%M}")
    expect(sheet).to_contain_text("請假")
    expect(sheet).to_contain_text("代理：蔡明遠專門委員")
    assert sheet.locator("svg.qr-code").count() == 1
    check_a11y(page, context="sign-in sheet")
    screenshot(page, ARTIFACTS / "meetings-sign-in-sheet-screen.png")
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    assert not page.locator(".site-header").is_visible()
    assert not page.get_by_role("button", name="列印簽到表").is_visible()
    assert page.locator(".sheet-table").first.is_visible()
    screenshot(page, ARTIFACTS / "meetings-sign-in-sheet-print.png")
    assert page.pdf(format="A4").startswith(b"%PDF")
