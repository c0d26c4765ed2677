"""The meeting notice: e-mails that really carry a calendar entry, in Asia/Taipei time, updated when re-sent."""

from __future__ import annotations

import datetime as dt
import email
from smtplib import SMTPException
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from lieguan.core.models import AuditEntry
from lieguan.meetings import actions
from lieguan.meetings.ics import meeting_uid
from lieguan.organisations import actions as directory
from tests.factories import SETUP, aware
from tests.meetings.meeting_support import schedule

pytestmark = pytest.mark.django_db
BASE = "https://lieguan.example.gov.tw"
TAIPEI = ZoneInfo("Asia/Taipei")


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise SMTPException("550 relay denied")


@pytest.fixture
def scheduled(city):
    found = schedule(city, start=aware("2026-12-17 14:30"))
    actions.do_invite(SETUP, found.meeting, city.people["bob"], capacity="observer")
    return found


def calendar_of(message) -> tuple[icalendar.Calendar, str]:
    """The .ics part of a sent message, parsed, and its Content-Type header."""
    parsed = email.message_from_bytes(message.message().as_bytes())
    parts = [p for p in parsed.walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1, "the notice carries exactly one calendar part"
    return icalendar.Calendar.from_ical(parts[0].get_payload(decode=True)), parts[0]["Content-Type"]


def test_every_invitee_gets_a_notice_with_an_ics_that_parses_with_the_start_in_taipei_time(city, scheduled):
    result = actions.do_send_notice(city.user("alice"), scheduled.meeting, BASE)
    assert {p.name for p in result.sent} == {"吳主秘", "李大同"} and not result.update
    assert sorted(m.to[0] for m in mail.outbox) == ["bob@example.gov.tw", "frank@example.gov.tw"]
    frank = next(m for m in mail.outbox if m.to == ["frank@example.gov.tw"])
    assert frank.subject == "開會通知：測試市政府主任秘書會報第1次"
    assert "謹訂於115年12月17日（四）14時30分在市政大樓第一會議室召開測試市政府主任秘書會報第1次，敬請出席。" in frank.body
    assert f"{BASE}/meetings/{scheduled.meeting.pk}/" in frank.body
    assert "\u3000二、116年度資訊預算編列情形（資訊局）" in frank.body
    calendar, content_type = calendar_of(frank)
    assert "method=REQUEST" in content_type.replace('"', "")
    event = calendar.walk("VEVENT")[0]
    assert event["DTSTART"].params["TZID"] == "Asia/Taipei"
    start = event.decoded("DTSTART")
    assert start == dt.datetime(2026, 12, 17, 14, 30, tzinfo=TAIPEI)
    assert start.utcoffset() == dt.timedelta(hours=8)
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Asia/Taipei"
    assert str(event["UID"]) == meeting_uid(scheduled.meeting)
    assert str(event["LOCATION"]) == "市政大樓第一會議室"
    assert "貳、報告事項" in str(event["DESCRIPTION"]) and f"{BASE}/meetings/" in str(event["DESCRIPTION"])
    assert int(event["SEQUENCE"]) == 0
    assert str(calendar["METHOD"]) == "REQUEST"
    scheduled.meeting.refresh_from_db()
    assert scheduled.meeting.notice_sent_at is not None
    assert AuditEntry.objects.filter(action="meeting.notice", object_id=str(scheduled.meeting.pk)).count() == 1


def test_a_resent_notice_says_it_is_an_update_and_updates_the_same_calendar_entry(city, scheduled):
    actions.do_send_notice(city.user("alice"), scheduled.meeting, BASE)
    first, _ = calendar_of(mail.outbox[0])
    actions.do_update_meeting(city.user("alice"), scheduled.meeting, start=aware("2026-12-18 09:00"), location="視訊會議")
    mail.outbox.clear()
    result = actions.do_send_notice(city.user("alice"), scheduled.meeting, BASE)
    assert result.update
    message = mail.outbox[0]
    assert message.subject.startswith("【更新】開會通知")
    assert "本通知為更新版本" in message.body
    second, _ = calendar_of(message)
    before, after = first.walk("VEVENT")[0], second.walk("VEVENT")[0]
    assert str(after["UID"]) == str(before["UID"])
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after.decoded("DTSTART") == dt.datetime(2026, 12, 18, 9, 0, tzinfo=TAIPEI)
    assert str(after["LOCATION"]) == "視訊會議"


def test_a_cancelled_meeting_sends_a_cancellation_that_removes_the_calendar_entry(city, scheduled):
    actions.do_send_notice(city.user("alice"), scheduled.meeting, BASE)
    actions.do_cancel_meeting(city.user("alice"), scheduled.meeting)
    mail.outbox.clear()
    actions.do_send_notice(city.user("alice"), scheduled.meeting, BASE)
    message = mail.outbox[0]
    assert message.subject == "會議取消通知：測試市政府主任秘書會報第1次"
    assert "業經取消" in message.body
    calendar, content_type = calendar_of(message)
    assert str(calendar["METHOD"]) == "CANCEL" and "method=CANCEL" in content_type.replace('"', "")
    assert str(calendar.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"


def test_invitees_without_an_address_are_reported_and_nobody_without_one_is_refused(city, scheduled):
    nomail = directory.do_create_person(SETUP, name="無信箱", title="科長", organisation=city.edu)
    actions.do_invite(SETUP, scheduled.meeting, nomail)
    result = actions.do_send_notice(city.user("alice"), scheduled.meeting, BASE)
    assert [p.name for p in result.unreachable] == ["無信箱"]
    assert len(mail.outbox) == 2


def test_only_the_secretariat_sends_and_only_to_someone(city, scheduled):
    with pytest.raises(PermissionDenied):
        actions.do_send_notice(city.user("bob"), scheduled.meeting, BASE)
    empty = actions.do_schedule_meeting(SETUP, scheduled.series, start=aware("2027-01-14 10:00"))
    with pytest.raises(ValidationError, match="尚未邀請"):
        actions.do_send_notice(city.user("alice"), empty, BASE)
    assert mail.outbox == []


def test_when_the_mail_server_refuses_nothing_is_recorded_as_sent(city, scheduled, settings):
    settings.EMAIL_BACKEND = "tests.meetings.test_notice.RefusingBackend"
    with pytest.raises(SMTPException):
        actions.do_send_notice(city.user("alice"), scheduled.meeting, BASE)
    scheduled.meeting.refresh_from_db()
    assert scheduled.meeting.notice_sent_at is None
    assert not AuditEntry.objects.filter(action="meeting.notice").exists()


# Pages -------------------------------------------------------------------------------------------------


def test_the_notice_page_previews_the_mail_and_sends_it_with_links_built_from_the_request(city, scheduled, client):
    client.force_login(city.user("alice"))
    url = reverse("meetings:notice", args=[scheduled.meeting.pk])
    preview = client.get(url).content.decode()
    assert "開會通知：測試市政府主任秘書會報第1次" in preview and "寄送開會通知" in preview
    response = client.post(url, follow=True)
    assert "已寄出開會通知給 2 位與會人員" in response.content.decode()
    assert f"http://testserver/meetings/{scheduled.meeting.pk}/" in mail.outbox[0].body
    again = client.get(url).content.decode()
    assert "重新寄送（更新通知）" in again and "【更新】" in again


def test_a_mail_server_failure_is_explained_on_the_page(city, scheduled, client, settings):
    settings.EMAIL_BACKEND = "tests.meetings.test_notice.RefusingBackend"
    client.force_login(city.user("alice"))
    response = client.post(reverse("meetings:notice", args=[scheduled.meeting.pk]), follow=True)
    assert "郵件伺服器無法寄出開會通知" in response.content.decode()


def test_the_ics_download_has_the_same_uid_and_the_utf8_name(city, scheduled, client):
    client.force_login(city.user("frank"))
    response = client.get(reverse("meetings:meeting_ics", args=[scheduled.meeting.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(response.content)
    event = calendar.walk("VEVENT")[0]
    assert str(event["UID"]) == meeting_uid(scheduled.meeting)
    assert event.decoded("DTSTART") == dt.datetime(2026, 12, 17, 14, 30, tzinfo=TAIPEI)
    assert str(calendar["METHOD"]) == "PUBLISH"
