"""Issue 15: a liaison sees the unread count in the header, opens the inbox, reads a notification, and the count drops."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from lieguan.notifications.access import unread_count
from lieguan.notifications.models import Notification, Preference
from lieguan.organisations.models import Organisation
from lieguan.tracking import actions as t
from tests.browser.conftest import ARTIFACTS, screenshot, sign_in
from tests.factories import SETUP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = ARTIFACTS / "notifications"


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    screenshot(page, SHOTS / f"{name}.png")


def _badge(page) -> str | None:
    count = page.locator("header .inbox-link .inbox-link__count")
    return count.inner_text() if count.count() else None


def test_the_liaison_sees_the_count_opens_the_inbox_reads_one_and_the_count_drops(page, demo, check_a11y):
    orgs = {o.code: o for o in Organisation.objects.all()}
    # 研考會 puts a mayoral commitment under tracking with 資訊局 leading: its liaison is told.
    case = t.do_create_case(
        SETUP,
        source="mayor",
        owner=orgs["rdec"],
        title="公共場域免費無線網路擴充",
        text="市長承諾：公共場域免費無線網路熱點增設 200 處。",
        lead=orgs["dit"],
        deadline=timezone.localdate() + dt.timedelta(days=60),
        opened_on=timezone.localdate(),
    )
    liaison = get_user_model().objects.get(username="liaison")
    unread = unread_count(liaison)
    assert unread >= 1

    sign_in(page, "liaison", "Lieguan-liaison-2026")
    assert _badge(page) == str(unread)
    # The figure is drawn for the eye; a screen reader hears 「通知（6 則未讀）」.
    link = page.get_by_role("link", name=re.compile(rf"^通知\s*（{unread} 則未讀）$"))
    check_a11y(page, context="home with the unread count")
    _shot(page, "home-badge")

    link.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "通知"
    assert f"您有 {unread} 則未讀通知。" in page.locator(".lead").inner_text()
    subject = f"列管案件 {case.number} 請貴機關主辦：公共場域免費無線網路擴充"
    item = page.get_by_role("article").filter(has=page.get_by_role("heading", name=subject))
    assert "列管案件交辦" in item.inner_text()
    check_a11y(page, context="notifications inbox")
    _shot(page, "inbox")

    item.get_by_role("button", name="標為已讀").click()
    page.wait_for_load_state()
    assert f"已將「{subject}」標為已讀。" in page.locator(".messages").inner_text()
    assert _badge(page) == (str(unread - 1) if unread > 1 else None)
    assert Notification.objects.get(user=liaison, subject=subject).read_at is not None
    check_a11y(page, context="inbox after reading one")
    _shot(page, "inbox-after-reading")

    # The link of the notification reads it too and leads to the case.
    if unread > 1:
        page.get_by_role("button", name="全部標為已讀").click()
        page.wait_for_load_state()
        assert _badge(page) is None and "沒有未讀通知。" in page.locator(".lead").inner_text()
    page.get_by_role("article").filter(has=page.get_by_role("heading", name=subject)).get_by_role("button", name="開啟").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/cases/{case.pk}/")


def test_the_liaison_turns_off_e_mail_for_assigned_cases(page, demo, check_a11y):
    sign_in(page, "liaison", "Lieguan-liaison-2026")
    page.goto("/notifications/preferences/")
    assert page.get_by_role("heading", level=1).inner_text() == "通知設定"
    check_a11y(page, context="notification preferences")
    _shot(page, "preferences")
    row = page.get_by_role("row").filter(has_text="列管案件交辦")
    row.get_by_role("checkbox", name="電子郵件").uncheck()
    page.get_by_role("button", name="儲存").click()
    page.wait_for_load_state()
    assert "已儲存通知方式。" in page.locator(".messages").inner_text()
    kept = Preference.objects.get(user__username="liaison")
    assert (kept.kind, kept.in_app, kept.email) == ("case.assigned", True, False)
    assert not page.get_by_role("row").filter(has_text="列管案件交辦").get_by_role("checkbox", name="電子郵件").is_checked()
