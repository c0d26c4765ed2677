"""Calendar feeds: a secret address per user, what each feed lists, and the same event as the e-mailed notice."""

from __future__ import annotations

import datetime as dt
from email import message_from_bytes

import pytest
from django.core import mail
from django.test import Client
from icalendar import Calendar

from lieguan.api.actions import do_reset_calendar_feed
from lieguan.api.models import CalendarFeed
from lieguan.core.models import SecurityEvent
from lieguan.meetings import actions as m
from lieguan.meetings.ics import meeting_uid
from lieguan.tracking import actions as t
from tests.factories import SETUP

pytestmark = pytest.mark.django_db


def events(response) -> list:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def feed(secret: str, name: str = "meetings.ics", **params) -> object:
    return Client().get(f"/calendars/{secret}/{name}", params)


@pytest.fixture
def cases(council):
    alice = council.city.user("alice")
    one = t.do_select_case(alice, council.it_conclusion, lead=council.city.it, co=[council.city.edu], deadline=dt.date(2026, 10, 31))
    two = t.do_select_case(alice, council.shared_conclusion, lead=council.city.edu, deadline=dt.date(2026, 12, 17))
    return one, two


def test_the_meetings_feed_lists_the_meetings_its_owner_may_see_in_taipei_time(council):
    secret = do_reset_calendar_feed(council.city.user("bob"))
    response = feed(secret)
    found = events(response)
    # bob's agency presents at meeting 224 only; meeting 225 is not his to see.
    assert [str(e["uid"]) for e in found] == [meeting_uid(council.first)]
    event = found[0]
    assert event["dtstart"].dt == dt.datetime(2026, 9, 17, 10, 0, tzinfo=event["dtstart"].dt.tzinfo)
    assert event["dtstart"].params["TZID"] == "Asia/Taipei"
    assert str(event["summary"]) == "測試市政府主任秘書會報第224次"
    assert str(event["url"]).endswith(f"/meetings/{council.first.pk}/")
    calendar = Calendar.from_ical(response.content)
    assert [str(z["tzid"]) for z in calendar.walk("VTIMEZONE")] == ["Asia/Taipei"]
    assert response["Cache-Control"] == "private, no-store"
    alice = do_reset_calendar_feed(council.city.user("alice"))
    assert {str(e["uid"]) for e in events(feed(alice))} == {meeting_uid(council.first), meeting_uid(council.second)}


def test_the_feed_and_the_emailed_notice_describe_one_event(council, settings):
    settings.DEFAULT_FROM_EMAIL = "lieguan@city.example.gov.tw"
    alice = council.city.user("alice")
    m.do_invite(alice, council.first, council.city.people["frank"])
    m.do_send_notice(alice, council.first, "https://lieguan.example.gov.tw")
    m.do_update_meeting(alice, council.first, location="第二會議室")
    m.do_send_notice(alice, council.first, "https://lieguan.example.gov.tw")
    part = next(p for p in message_from_bytes(mail.outbox[-1].message().as_bytes()).walk() if p.get_content_type() == "text/calendar")
    emailed = Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")[0]
    secret = do_reset_calendar_feed(council.city.user("frank"))
    [subscribed] = events(feed(secret))
    assert str(subscribed["uid"]) == str(emailed["uid"]) == f"lieguan-meeting-{council.first.pk}@city.example.gov.tw"
    assert subscribed["sequence"] == emailed["sequence"] == 1
    assert subscribed["dtstart"].dt == emailed["dtstart"].dt
    assert str(subscribed["location"]) == str(emailed["location"]) == "第二會議室"


def test_coming_and_recent_meetings_carry_their_agenda_and_older_ones_the_link(council):
    from django.utils import timezone

    from lieguan.meetings.models import AgendaSection

    now = timezone.now().replace(second=0, microsecond=0)
    soon = m.do_schedule_meeting(SETUP, council.series, start=now + dt.timedelta(days=3), number=300)
    old = m.do_schedule_meeting(SETUP, council.series, start=now - dt.timedelta(days=60), number=299)
    for meeting in (soon, old):
        reports = meeting.sections.get(kind=AgendaSection.Kind.REPORTS)
        m.do_add_item(SETUP, reports, title="資安演練結果", presenter=council.city.it)
    secret = do_reset_calendar_feed(council.city.user("bob"))
    descriptions = {str(e["uid"]): str(e["description"]) for e in events(feed(secret))}
    assert "資安演練結果（資訊局）" in descriptions[meeting_uid(soon)]
    assert descriptions[meeting_uid(soon)].endswith(f"議程及會議資料：http://testserver/meetings/{soon.pk}/")
    assert descriptions[meeting_uid(old)] == f"會議資料：http://testserver/meetings/{old.pk}/"


def test_a_cancelled_meeting_stays_in_the_feed_as_cancelled(council):
    m.do_cancel_meeting(council.city.user("alice"), council.second)
    secret = do_reset_calendar_feed(council.city.user("alice"))
    statuses = {str(e["uid"]): str(e["status"]) for e in events(feed(secret))}
    assert statuses == {meeting_uid(council.first): "CONFIRMED", meeting_uid(council.second): "CANCELLED"}


def test_one_series_at_a_time_and_never_a_series_the_owner_may_not_see(council):
    alice = council.city.user("alice")
    other = m.do_create_series(SETUP, owner=council.city.edu, code="edu-board", name="局務會議")
    m.do_schedule_meeting(SETUP, other, start=council.first.start + dt.timedelta(days=1))
    root = do_reset_calendar_feed(council.city.user("root"))
    assert len(events(feed(root))) == 3
    assert len(events(feed(root, series=council.series.pk))) == 2
    secret = do_reset_calendar_feed(alice)
    assert len(events(feed(secret, series=council.series.pk))) == 2
    assert feed(secret, series=other.pk).status_code == 404
    assert feed(secret, series="abc").status_code == 404


def test_a_wrong_or_reset_secret_is_not_found_and_logged(council):
    bob = council.city.user("bob")
    old = do_reset_calendar_feed(bob)
    assert feed(old).status_code == 200
    new = do_reset_calendar_feed(bob)
    assert CalendarFeed.objects.count() == 1
    for secret in (old, "not-a-secret", new[:-1]):
        assert feed(secret).status_code == 404
        assert feed(secret, "deadlines.ics").status_code == 404
    assert SecurityEvent.objects.filter(kind="calendar_feed_refused").count() == 6
    assert old not in CalendarFeed.objects.get().digest
    assert feed(new).status_code == 200


def test_a_closed_accounts_feed_stops_working(council):
    bob = council.city.user("bob")
    secret = do_reset_calendar_feed(bob)
    bob.is_active = False
    bob.save(update_fields=["is_active"])
    assert feed(secret).status_code == 404


def test_a_liaison_gets_the_deadlines_of_their_agencys_open_parts_as_all_day_events(council, cases):
    one, _ = cases
    bob = do_reset_calendar_feed(council.city.user("bob"))
    [event] = events(feed(bob, "deadlines.ics"))
    assert event["dtstart"].dt == dt.date(2026, 10, 31) and event["dtend"].dt == dt.date(2026, 11, 1)
    assert event["dtstart"].params.get("VALUE") == "DATE"
    assert str(event["summary"]) == "列管期限：224-1 本府網路頻寬檢討"
    description = str(event["description"])
    assert "列管編號：224-1" in description and "主辦機關：資訊局" in description and "協辦機關：教育局" in description
    assert str(event["url"]).endswith(f"/cases/{one.pk}/")
    assert str(event["transp"]) == "TRANSPARENT"
    carol = do_reset_calendar_feed(council.city.user("carol"))
    assert [str(e["summary"]).split()[0] for e in events(feed(carol, "deadlines.ics"))] == ["列管期限：224-1", "列管期限：224-2"]
    # Once 資訊局's part is released, the case is no longer bob's to chase, though 教育局 goes on.
    t.do_record_decisions(council.city.user("alice"), council.second, [t.Decide(one, "release", (council.city.it,))])
    assert events(feed(bob, "deadlines.ics")) == []
    assert len(events(feed(carol, "deadlines.ics"))) == 2


def test_others_get_every_open_case_they_may_see_with_a_deadline(council, cases):
    _, two = cases
    dave = do_reset_calendar_feed(council.city.user("dave"))
    assert len(events(feed(dave, "deadlines.ics"))) == 2
    t.do_record_decisions(council.city.user("alice"), council.second, [t.Decide(two, "release")])
    assert [str(e["summary"]).split()[0] for e in events(feed(dave, "deadlines.ics"))] == ["列管期限：224-1"]
    frank = do_reset_calendar_feed(council.city.user("frank"))
    assert events(feed(frank, "deadlines.ics")) == []


def test_a_public_series_feed_needs_the_portal_and_shows_what_the_public_may_see(council, settings):
    m.do_update_series(SETUP, council.series, public=True)
    m.do_transition_minutes(SETUP, council.first, "published")
    url = f"/calendars/series/{council.series.pk}.ics"
    settings.PUBLIC_PORTAL = False
    assert Client().get(url).status_code == 404
    settings.PUBLIC_PORTAL = True
    response = Client().get(url)
    assert [str(e["uid"]) for e in events(response)] == [meeting_uid(council.first)]
    assert response["Cache-Control"] == "public, max-age=900"
    m.do_update_series(SETUP, council.series, public=False)
    assert Client().get(url).status_code == 404
    assert Client().get("/calendars/series/999999.ics").status_code == 404
