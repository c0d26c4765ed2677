"""The public portal (issue 15): the landing page at `/`, and public pages that show only what was published.

With the portal open, an anonymous visitor gets a landing page at `/`; the minutes
of a published session of a public series show neither the processing history
(處理歷程: staff names and their notes) nor the review comments; the agenda and
materials of such a session are public records, those of any other session are not.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from lieguan.core.actors import SystemActor
from lieguan.meetings import actions as m
from lieguan.meetings.models import AgendaSection, Meeting, MeetingSeries, MinutesComment, MinutesRevision, MinutesTransition
from lieguan.organisations import actions as org
from tests.pages import by_role, headings, hrefs, links

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% portal\n" + b"0" * 200
HISTORY_NOTE = "請於十二月一日前提供會簽意見（歷程標記壬癸）"
COMMENT_TEXT = "第二案文字請再確認（會簽標記子丑）"


def _user(username: str) -> Any:
    return get_user_model().objects.get(username=username)


def _signed_in(username: str) -> Client:
    client = Client()
    client.force_login(_user(username))
    return client


def _outsider() -> Client:
    """Signed in with no role and invited nowhere."""
    client = Client()
    client.force_login(org.do_create_user(SystemActor("portal-test"), username="outsider", password="Outsider-Password-2026"))
    return client


def _body(response: Any) -> str:
    return response.content.decode("utf-8")


def _sends_to_sign_in(response: Any) -> bool:
    return response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.fixture
def sessions(demo_city) -> dict[str, Meeting]:
    chiefs = MeetingSeries.objects.get(code="chief-secretaries")
    office = MeetingSeries.objects.get(code="secretariat-office")
    found = {
        "published": chiefs.meetings.get(number=88),
        "draft": chiefs.meetings.get(number=89),
        "private": office.meetings.get(number=42),
    }
    assert chiefs.public and not office.public
    assert found["published"].minutes_state == Meeting.MinutesState.PUBLISHED
    assert found["private"].minutes_state in (Meeting.MinutesState.PUBLISHED, Meeting.MinutesState.CONFIRMED)
    return found


def _first_report_item(meeting: Meeting) -> Any:
    return meeting.sections.get(kind=AgendaSection.Kind.REPORTS).items.order_by("position").first()


def test_an_anonymous_visitor_gets_the_landing_page_at_the_root_when_the_portal_is_open(sessions, settings):
    settings.PUBLIC_PORTAL = True
    response = Client().get("/")
    assert response.status_code == 200
    assert response.templates[0].name == "core/landing.html"
    body = _body(response)
    # Lately published minutes, the search over public records, open data.
    assert reverse("meetings:minutes", args=[sessions["published"].pk]) in hrefs(body)
    [search] = by_role(body, "search", "檢索公開會議紀錄")
    assert search.get("action") == reverse("search:search")
    assert ("開放資料下載", reverse("opendata")) in links(body)
    # The session ahead is announced (date and place) without opening its page, whose agenda is not public yet.
    assert sessions["draft"].ordinal in body
    assert reverse("meetings:meeting", args=[sessions["draft"].pk]) not in body
    # Nothing of the non-public series.
    assert sessions["private"].series.name not in body


def test_without_the_portal_the_root_sends_an_anonymous_visitor_to_sign_in(sessions, settings):
    settings.PUBLIC_PORTAL = False
    assert _sends_to_sign_in(Client().get("/"))


def test_a_signed_in_user_keeps_the_personal_home_with_the_portal_open(sessions, settings):
    settings.PUBLIC_PORTAL = True
    response = _signed_in("secretariat").get("/")
    assert response.status_code == 200
    assert response.templates[0].name == "core/home.html"


def test_published_minutes_show_the_public_neither_the_processing_history_nor_the_review_comments(sessions, settings):
    settings.PUBLIC_PORTAL = True
    published = sessions["published"]
    S = Meeting.MinutesState
    MinutesTransition.objects.create(
        meeting=published, from_state=S.DRAFT, to_state=S.CIRCULATED, by=_user("secretariat"), note=HISTORY_NOTE
    )
    MinutesComment.objects.create(meeting=published, author=_user("attendee"), text=COMMENT_TEXT)
    url = reverse("meetings:minutes", args=[published.pk])

    public = Client().get(url)
    assert public.status_code == 200
    body = _body(public)
    assert HISTORY_NOTE not in body and COMMENT_TEXT not in body
    assert "處理歷程" not in body and "會簽意見" not in body

    # Someone signed in but not involved reads the minutes, not the history either.
    outsider = _outsider().get(url)
    assert outsider.status_code == 200 and HISTORY_NOTE not in _body(outsider)

    # Those who handle the minutes still see both: the markers were planted where the page would show them.
    staff = _body(_signed_in("secretariat").get(url))
    assert HISTORY_NOTE in staff and COMMENT_TEXT in staff


def test_the_agenda_and_materials_of_a_published_public_session_are_readable_by_the_public(sessions, settings):
    settings.PUBLIC_PORTAL = True
    published = sessions["published"]
    item = _first_report_item(published)
    material = m.do_upload_material(_user("secretariat"), item, io.BytesIO(PDF), "公開簡報.pdf")

    page = Client().get(reverse("meetings:meeting", args=[published.pk]))
    assert page.status_code == 200
    body = _body(page)
    assert item.title[:20] in body and ("公開簡報.pdf", reverse("meetings:material", args=[material.pk])) in links(body)
    # Who was invited stays with those signed in; the attendance tab is not offered.
    assert reverse("meetings:attendance", args=[published.pk]) not in body
    assert "與會人員" not in headings(body)

    download = Client().get(reverse("meetings:material", args=[material.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


def test_the_agenda_and_materials_of_any_other_session_stay_closed_to_the_public(sessions, settings):
    settings.PUBLIC_PORTAL = True
    for meeting in (sessions["draft"], sessions["private"]):
        material = m.do_upload_material(_user("secretariat"), _first_report_item(meeting), io.BytesIO(PDF), "內部簡報.pdf")
        assert _sends_to_sign_in(Client().get(reverse("meetings:meeting", args=[meeting.pk])))
        assert _sends_to_sign_in(Client().get(reverse("meetings:material", args=[material.pk])))


def test_without_the_portal_even_the_published_session_asks_the_anonymous_visitor_to_sign_in(sessions, settings):
    settings.PUBLIC_PORTAL = False
    published = sessions["published"]
    material = m.do_upload_material(_user("secretariat"), _first_report_item(published), io.BytesIO(PDF), "公開簡報.pdf")
    assert _sends_to_sign_in(Client().get(reverse("meetings:meeting", args=[published.pk])))
    assert _sends_to_sign_in(Client().get(reverse("meetings:material", args=[material.pk])))
    # Signed in, anyone reads it, involved or not.
    assert _outsider().get(reverse("meetings:material", args=[material.pk])).status_code == 200


def test_the_versions_of_published_minutes_show_the_public_neither_who_handled_them_nor_the_publishing_note(sessions, settings):
    settings.PUBLIC_PORTAL = True
    published = sessions["published"]
    revision = published.revisions.get(reason=MinutesRevision.Reason.PUBLISHED)
    MinutesRevision.objects.filter(pk=revision.pk).update(note=HISTORY_NOTE, created_by=_user("secretariat"))
    urls = [
        reverse("meetings:minutes_revisions", args=[published.pk]),
        reverse("meetings:minutes_revision", args=[published.pk, revision.number]),
    ]
    for url in urls:
        public = Client().get(url)
        assert public.status_code == 200
        body = _body(public)
        # (Their names may appear in the minutes themselves, as chair or recorder: the column is what must go.)
        assert HISTORY_NOTE not in body and "處理人員" not in body, url
        staff = _body(_signed_in("secretariat").get(url))
        assert HISTORY_NOTE in staff and "處理人員" in staff, url
