"""The 行事曆訂閱 page: the secret addresses shown once, only their hash kept, a reset that retires the old one."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from lieguan.api.models import CalendarFeed, hash_token
from lieguan.core.models import AuditEntry
from tests.pages import field, field_value, links

pytestmark = pytest.mark.django_db


def signed_in(username: str) -> Client:
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


MEETINGS = "會議（您可檢視的所有會次）"
DEADLINES = "列管期限（本機關列管中案件的期限，全日事件）"


def shown_secret(html: str) -> str:
    shown = field(html, MEETINGS)  # shown to copy, not to edit
    assert shown.get("type") == "text" and shown.get("readonly") is not None
    match = re.fullmatch(r"http://testserver/calendars/([^/]+)/meetings.ics", shown.get("value"))
    assert match, shown.get("value")
    return match.group(1)


def test_visitors_are_asked_to_sign_in(council):
    response = Client().get("/api/calendars/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_addresses_are_shown_once_and_only_their_hash_is_kept(council):
    bob = signed_in("bob")
    page = bob.get("/api/calendars/").content.decode()
    assert "您尚未建立訂閱網址" in page and "建立訂閱網址" in page
    html = bob.post("/api/calendars/").content.decode()
    secret = shown_secret(html)
    assert field_value(html, DEADLINES) == f"http://testserver/calendars/{secret}/deadlines.ics"
    assert field_value(html, council.series.full_name) == f"http://testserver/calendars/{secret}/meetings.ics?series={council.series.pk}"
    assert "原有的訂閱網址已失效" not in html
    feed = CalendarFeed.objects.get(user=council.city.user("bob"))
    assert feed.digest == hash_token(secret) and secret not in feed.digest
    assert AuditEntry.objects.filter(action="calendar_feed.reset").count() == 1
    again = bob.get("/api/calendars/").content.decode()
    assert secret not in again and "重設訂閱網址" in again
    assert Client().get(f"/calendars/{secret}/meetings.ics").status_code == 200


def test_a_reset_retires_the_old_address(council):
    bob = signed_in("bob")
    old = shown_secret(bob.post("/api/calendars/").content.decode())
    html = bob.post("/api/calendars/").content.decode()
    new = shown_secret(html)
    assert new != old and "原有的訂閱網址已失效" in html
    assert Client().get(f"/calendars/{old}/meetings.ics").status_code == 404
    assert Client().get(f"/calendars/{new}/meetings.ics").status_code == 200


def test_the_page_lists_public_series_feeds_only_when_the_portal_is_open(council, settings):
    from lieguan.meetings import actions as m
    from tests.factories import SETUP

    m.do_update_series(SETUP, council.series, public=True)
    settings.PUBLIC_PORTAL = False
    assert "公開會議行事曆" not in signed_in("frank").get("/api/calendars/").content.decode()
    settings.PUBLIC_PORTAL = True
    html = signed_in("frank").get("/api/calendars/").content.decode()
    assert (council.series.full_name, f"http://testserver/calendars/series/{council.series.pk}.ics") in links(html)
