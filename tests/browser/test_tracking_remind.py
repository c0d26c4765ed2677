"""Issue 5: after `lieguan remind`, the liaison finds the digest on the home page and in the notifications inbox."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from lieguan.core.calendar import work_calendar
from lieguan.notifications.models import Notification
from tests.browser.conftest import ARTIFACTS, screenshot, sign_in
from tests.browser.test_tracking_stats import track_demo_cases

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_liaison_reads_the_reminder_digest_in_the_inbox_and_marks_it_read(page, demo, check_a11y, live_server):
    cases = track_demo_cases()
    out = StringIO()
    # --any-day: the test must not depend on running on a working day.
    call_command("remind", "--any-day", "--base-url", live_server.url, stdout=out)
    assert "已寄出" in out.getvalue()
    # (The cases put under tracking above were e-mailed to her too, as notifications: the digest is the reminder.)
    digest = next(m for m in mail.outbox if m.to == ["pai.chihning@linhai.example.gov.tw"] and m.subject.startswith("【列管稽催"))
    # Overdue is counted in working days; twelve calendar days reach the first escalation tier (5 working days).
    late = work_calendar().working_days_between(cases["overdue"].deadline, timezone.localdate())
    # The digest takes the highest tier among the agency's cases (the demo has older overdue cases too).
    tier = re.match(r"【列管稽催(?:・第 (\d) 級)?】資訊局", digest.subject)
    assert tier is not None, digest.subject
    if late >= 5:  # this case alone reaches the first escalation tier (5 working days)
        assert tier.group(1) is not None, digest.subject

    sign_in(page, "liaison", "Lieguan-liaison-2026")
    panel = page.get_by_role("region", name="通知", exact=True)
    # One inbox: the digest beside the notices of the cases put under tracking, counted as the header counts.
    unread = Notification.objects.filter(user__username="liaison", in_app=True, read_at__isnull=True).count()
    assert unread > 1 and f"您有 {unread} 則未讀通知" in panel.inner_text()
    panel.get_by_role("link", name=digest.subject).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "通知"
    item = page.get_by_role("article").filter(has_text=digest.subject)
    text = item.inner_text()
    assert f"列管編號 {cases['overdue'].number}　市民服務專線整併" in text
    assert f"已逾期 {late} 個工作日" in text
    assert f"列管編號 {cases['unit'].number}　資安攻防演練" in text and "尚餘 4 個工作日" in text
    assert "校園網路汰換" not in text  # 教育局's case goes to 教育局's liaison
    check_a11y(page, context="notifications inbox")
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot(page, ARTIFACTS / "reports-inbox.png")

    item.get_by_role("button", name="標為已讀").click()
    page.wait_for_load_state()
    assert Notification.objects.get(user__username="liaison", kind="reminder.digest").read_at is not None
    assert "已讀" in page.get_by_role("article").filter(has_text=digest.subject).inner_text()
    check_a11y(page, context="inbox after reading")

    # The link of the notification leads to the agency's open cases.
    page.get_by_role("article").filter(has_text=digest.subject).get_by_role("button", name="開啟").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "各機關執行情形一覽表"
    assert "市民服務專線整併" in page.locator("main").inner_text()


def test_a_second_run_adds_no_second_notification(page, demo):
    track_demo_cases()
    call_command("remind", "--any-day", stdout=StringIO())
    call_command("remind", "--any-day", stdout=StringIO())
    assert Notification.objects.filter(user__username="liaison", kind="reminder.digest").count() == 1
    sign_in(page, "liaison", "Lieguan-liaison-2026")
    page.goto("/reports/notifications/")  # the old address, still kept by bookmarks
    assert page.get_by_role("article").filter(has_text="【列管稽催").count() == 1
