"""The inbox, the header's unread count and the preferences page, as a liaison uses them."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lieguan.notifications import access
from lieguan.notifications.actions import do_notify
from lieguan.notifications.kinds import CASE_ASSIGNED, REMINDER, all_kinds
from lieguan.notifications.models import Notification, Preference
from tests.factories import SETUP
from tests.pages import find, text_of, with_class

pytestmark = pytest.mark.django_db


def _tell(user, count: int, *, start: int = 0) -> list[Notification]:
    with transaction.atomic():
        made = [
            do_notify(SETUP, CASE_ASSIGNED, key=f"t{n}", subject=f"列管案件 224-{n} 請貴機關主辦", link="/cases/", users=[user])
            for n in range(start, start + count)
        ]
    return [rows[0] for rows in made]


def _badge(html: str) -> str | None:
    """The unread count the header's link to the inbox shows, or None."""
    found = with_class(html, "inbox-link", "a")
    assert found, "the header has no link to the inbox"
    count = with_class(found[0], "inbox-link__count")
    return text_of(count[0]) if count else None


def test_the_header_shows_the_unread_count_and_drops_it_as_they_are_read(client, city):
    bob = city.user("bob")
    first, _second = _tell(bob, 2)
    client.force_login(bob)
    page = client.get(reverse("meetings:series_list")).content.decode()
    assert _badge(page) == "2" and "（2 則未讀）" in page
    response = client.post(reverse("notifications:mark_read", args=[first.pk]), follow=True)
    assert _badge(response.content.decode()) == "1"
    client.post(reverse("notifications:mark_all_read"))
    assert _badge(client.get(reverse("meetings:series_list")).content.decode()) is None


def test_the_inbox_lists_the_newest_first_with_the_unread_marked(client, city):
    bob = city.user("bob")
    _tell(bob, 2)
    client.force_login(bob)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert page.index("列管案件 224-1") < page.index("列管案件 224-0")
    assert page.count("notification--unread") == 2 and "您有 2 則未讀通知。" in page
    assert "列管案件交辦" in page  # the kind's label


def test_opening_a_notification_reads_it_and_goes_where_it_points(client, city):
    bob = city.user("bob")
    (note,) = _tell(bob, 1)
    client.force_login(bob)
    response = client.post(reverse("notifications:open", args=[note.pk]))
    assert response.status_code == 302 and response["Location"] == "/cases/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_another_person_s_notification_is_not_found(client, city):
    (note,) = _tell(city.user("bob"), 1)
    client.force_login(city.user("carol"))
    assert client.post(reverse("notifications:mark_read", args=[note.pk])).status_code == 404
    assert client.post(reverse("notifications:open", args=[note.pk])).status_code == 404
    assert "列管案件 224-0" not in client.get(reverse("notifications:inbox")).content.decode()


def test_a_visitor_is_sent_to_sign_in(client):
    assert client.get(reverse("notifications:inbox"))["Location"].startswith("/accounts/login/")
    assert client.get(reverse("notifications:preferences"))["Location"].startswith("/accounts/login/")


def test_the_preferences_page_saves_each_kind_s_two_ticks(client, city):
    bob = city.user("bob")
    client.force_login(bob)
    page = client.get(reverse("notifications:preferences")).content.decode()
    # Five kinds with two ticks each, and the reminders' one: their e-mail goes by the rules, not by choice.
    assert len(find(page, "//input[@checked]")) == 11 and "bob@example.gov.tw" in page and "依規定寄送" in page
    ticks = {"minutes.published:in_app": "on", "minutes.published:email": "on", "case.assigned:in_app": "on"}
    ticks["reminder.digest:in_app"] = "on"
    for name in ("meeting.rescheduled", "minutes.circulated", "minutes.amended"):
        ticks |= {f"{name}:in_app": "on", f"{name}:email": "on"}
    response = client.post(reverse("notifications:preferences"), ticks, follow=True)
    assert "已儲存通知方式。" in response.content.decode()
    assert list(Preference.objects.filter(user=bob).values_list("kind", "in_app", "email")) == [("case.assigned", True, False)]
    assert len(find(response, "//input[@checked]")) == 10


def test_a_reminder_digest_can_leave_the_inbox_but_its_e_mail_still_goes(client, city):
    bob = city.user("bob")
    client.force_login(bob)
    ticks = {f"{k.name}:{way}": "on" for k in all_kinds() for way in ("in_app", "email") if k.name != "reminder.digest"}
    client.post(reverse("notifications:preferences"), ticks | {"reminder.digest:email": ""})
    assert Preference.objects.get(user=bob, kind="reminder.digest").email is True
    with transaction.atomic():
        (told,) = do_notify(SETUP, REMINDER, key="reminder:t", subject="【列管稽催】資訊局", users=[bob], email=False)
    assert told.in_app is False and told.email_state == ""
    assert not access.visible_notifications(bob).exists()


def test_the_interface_of_the_inbox_speaks_english_when_asked(client, city):
    bob = city.user("bob")
    _tell(bob, 1)
    client.force_login(bob)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "Notifications" in page and "Mark as read" in page and "You have 1 unread notification(s)." in page


def test_the_header_costs_one_query_however_many_notifications_there_are(client, city):
    bob = city.user("bob")
    client.force_login(bob)
    _tell(bob, 1)

    def queries(path: str) -> list[str]:
        with CaptureQueriesContext(connection) as run:
            assert client.get(path).status_code == 200
        return [q["sql"] for q in run.captured_queries]

    paths = ("/", reverse("meetings:series_list"), reverse("notifications:inbox"))
    for path in paths:  # the first request of a session does its own bookkeeping
        queries(path)
    few = {path: queries(path) for path in paths}
    _tell(bob, 45, start=1)
    many = {path: queries(path) for path in few}
    assert {path: len(q) for path, q in many.items()} == {path: len(q) for path, q in few.items()}
    counting = [q for q in many[reverse("meetings:series_list")] if "notifications_notification" in q]
    assert len(counting) == 1 and counting[0].startswith("SELECT COUNT(*)")
    assert _badge(client.get("/").content.decode()) == "46"
