"""寄送稽催 from the missing-reports page: the tracking officer previews who gets what, then sends, once."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from lieguan.core.calendar import work_calendar
from lieguan.organisations.models import Organisation
from lieguan.tracking import actions as t
from lieguan.tracking.models import ReminderLog
from tests.browser.conftest import ARTIFACTS, screenshot, sign_in
from tests.factories import SETUP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def chase_cases() -> dict[str, object]:
    """Two commitments of the demo city around today: one of 資訊局 overdue, one of 教育局 due soon."""
    today = timezone.localdate()
    orgs = {o.code: o for o in Organisation.objects.all()}

    def mayoral(title, lead, deadline):
        return t.do_create_case(
            SETUP, source="mayor", owner=orgs["rdec"], title=title, text=f"市長承諾：{title}。", lead=orgs[lead], co=[],
            deadline=deadline, opened_on=today - dt.timedelta(days=90),
        )  # fmt: skip

    return {
        "overdue": mayoral("市民服務專線整併", "dit", today - dt.timedelta(days=12)),
        "soon": mayoral("校園網路汰換", "edu", work_calendar().add_working_days(today, 2)),
    }


def _digests() -> list:
    # The mail of the reminders, not the notifications of the cases put under tracking above.
    return [m for m in mail.outbox if m.subject.startswith("【列管稽催")]


def test_the_tracking_officer_previews_the_reminders_then_sends_them_once(page, demo, check_a11y):
    cases = chase_cases()
    sign_in(page, "tracking", "Lieguan-tracking-2026")
    page.goto("/cases/missing-reports/")
    check_a11y(page, context="missing reports with the reminder buttons")
    page.get_by_role("link", name="寄送稽催（所有機關）").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "寄送稽催"
    table = page.get_by_role("table")
    caption = table.locator("caption").inner_text()
    count = int(re.search(r"將寄出 (\d+) 份稽催摘要", caption).group(1))
    assert count >= 2
    text = table.inner_text()
    assert cases["overdue"].number in text and cases["soon"].number in text
    check_a11y(page, context="reminder preview")
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot(page, ARTIFACTS / "remind-preview.png")
    # Nothing is sent by looking.
    assert not ReminderLog.objects.exists() and not _digests()

    page.get_by_role("button", name=f"確認寄送 {count} 份稽催").click()
    page.wait_for_load_state()
    assert f"已寄出 {count} 份稽催摘要" in page.locator("main").inner_text()
    assert _digests()
    assert ReminderLog.objects.exists()
    check_a11y(page, context="after sending")
    # Sent once: the same page now has nothing left to send.
    assert "目前沒有需要寄送的稽催" in page.locator("main").inner_text()

    # One agency at a time, from its row of the missing-reports page.
    page.goto("/cases/missing-reports/")
    page.get_by_role("link", name=re.compile(f"^寄送稽催：.*（列管編號 {cases['soon'].number}）")).first.click()
    page.wait_for_load_state()
    assert "教育局" in page.get_by_role("heading", level=1).inner_text()
    check_a11y(page, context="one agency's preview")


def test_the_overdue_list_offers_the_same_reminders_and_its_preview_leads_back_to_it(page, demo, check_a11y):
    cases = chase_cases()
    sign_in(page, "tracking", "Lieguan-tracking-2026")
    page.goto("/cases/?due=overdue")
    check_a11y(page, context="overdue list with the reminder buttons")
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot(page, ARTIFACTS / "overdue-remind.png")
    page.get_by_role("link", name=re.compile(f"^寄送稽催：.*（列管編號 {cases['overdue'].number}）")).click()
    page.wait_for_load_state()
    assert "資訊局" in page.get_by_role("heading", level=1).inner_text()
    assert cases["overdue"].number in page.get_by_role("table").inner_text()
    check_a11y(page, context="one agency's preview from the overdue list")
    page.get_by_role("button", name=re.compile(r"^確認寄送 \d+ 份稽催$")).click()
    page.wait_for_load_state()
    assert "目前沒有需要寄送的稽催" in page.locator("main").inner_text()
    assert ReminderLog.objects.exists() and _digests()
    page.get_by_role("link", name="回逾期列管案件").click()
    page.wait_for_load_state()
    assert page.url.endswith("/cases/?due=overdue")
