"""Confidential items (機密／限閱, issue 15): every channel shows a confidential item in full to those entitled
to it and as 「機密案件」, with no title or text, to everyone else.

The item (tests/security/confidential_scenario.py) carries a marker string in
each confidential field. Each test below reads one channel as an entitled
reader, who must find the markers, and as one who is not, who must find none
of them and the placeholder instead. Who is entitled is the rule of
``meetings.access.can_read_confidential``, described in docs/security.md.
"""

from __future__ import annotations

import ast
import datetime as dt
import email
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import icalendar
import pdfplumber
import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from lieguan.core.models import AuditEntry
from lieguan.meetings import actions as m
from lieguan.meetings.access import can_read_confidential, hidden_item_ids, viewer_for_person
from lieguan.meetings.audit_events import AGENDA_ITEM_CONFIDENTIAL
from lieguan.meetings.confidential import CONFIDENTIAL_TITLE, redact
from lieguan.meetings.exporting import export_minutes
from lieguan.meetings.models import AgendaItem, Invitation, Meeting
from lieguan.meetings.notice import notice_message
from lieguan.organisations.access import viewer_for
from lieguan.tracking.access import can_read_case_text
from lieguan.tracking.models import TrackedCase
from tests.security.confidential_scenario import (
    ENTITLED,
    MARK_CONF_CASE,
    MARK_CONF_CONCLUSION,
    MARK_CONF_MATERIAL,
    MARK_CONF_REPORT,
    MARK_CONF_TITLE,
    MARKERS,
    Confidential,
    add_confidential_item,
)

pytestmark = pytest.mark.django_db

PLACEHOLDER = str(CONFIDENTIAL_TITLE)
ITEM_MARKERS = [m for m in MARKERS if m not in (MARK_CONF_CASE, MARK_CONF_REPORT, MARK_CONF_MATERIAL)]
SRC = Path(__file__).resolve().parents[2] / "src" / "lieguan"


def _user(username: str) -> Any:
    return get_user_model().objects.get(username=username)


def _client(username: str | None) -> Client:
    client = Client()
    if username is not None:
        client.force_login(_user(username))
    return client


def _text(response: Any) -> str:
    content = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    return content.decode("utf-8", "replace")


def _leaks(text: str, markers: Any = MARKERS) -> list[str]:
    return [marker for marker in markers if marker in text]


def _file_text(data: bytes, fmt: str) -> str:
    """The words of a downloaded file, whatever its format (whitespace removed: PDF lines break anywhere)."""
    if fmt == "pdf":
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            text = "".join(page.extract_text() or "" for page in pdf.pages)
    elif fmt in ("docx", "odt"):
        archive = zipfile.ZipFile(io.BytesIO(data))
        xml = archive.read("word/document.xml" if fmt == "docx" else "content.xml").decode("utf-8")
        text = re.sub(r"<[^>]+>", "", xml)
    else:
        text = data.decode("utf-8")
    return re.sub(r"\s+", "", text)


@pytest.fixture
def conf(demo_city) -> Confidential:
    users = {a.username: _user(a.username) for a in demo_city.accounts}
    return add_confidential_item(users)


# --- The rule ---------------------------------------------------------------------------------------------


PERSONAS = ("admin", "secretariat", "tracking", "liaison", "liaison2", "chair", "attendee")


def test_the_entitled_are_the_secretariat_the_chair_the_named_person_and_the_agency_of_the_case(conf):
    entitled = {name for name in PERSONAS if can_read_confidential(viewer_for(_user(name)), conf.item)}
    assert entitled == set(ENTITLED)
    reads_case = {name for name in PERSONAS if can_read_case_text(viewer_for(_user(name)), conf.case)}
    assert reads_case == set(ENTITLED)


def test_the_bulk_rule_agrees_with_the_single_one_for_every_persona(conf):
    for name in PERSONAS:
        viewer = viewer_for(_user(name))
        assert (conf.item.pk in hidden_item_ids(viewer)) is not can_read_confidential(viewer, conf.item), name


def test_marking_is_for_the_secretariat_and_is_audited_with_who_may_read(conf):
    with pytest.raises(PermissionDenied):
        m.do_mark_confidential(_user("liaison2"), conf.item, confidential=False)
    m.do_mark_confidential(_user("secretariat"), conf.item, confidential=False)
    entries = AuditEntry.objects.filter(action=AGENDA_ITEM_CONFIDENTIAL.name).order_by("pk")
    assert [e.after["confidential"] for e in entries] == [True, False]
    assert entries.first().after["people"] == [_user("attendee").person.pk]
    # Lifted: the item reads in full to everyone who reads the meeting.
    assert can_read_confidential(viewer_for(_user("liaison")), AgendaItem.objects.get(pk=conf.item.pk))


def test_a_redacted_copy_cannot_be_saved_over_the_record(conf):
    copy = redact(conf.item)
    assert copy.title == PLACEHOLDER and copy.body == "" and list(copy.remarks.all()) == []
    with pytest.raises(RuntimeError):
        copy.save()
    assert MARK_CONF_TITLE in AgendaItem.objects.get(pk=conf.item.pk).title


def test_every_channel_that_builds_the_minutes_document_names_its_reader():
    calls = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            named = isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "minutes_document"
            if named and not any(k.arg == "reader" for k in node.keywords):
                calls.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert calls == []


# --- Meetings: the agenda, the minutes, their files ---------------------------------------------------------


def test_the_meeting_page_shows_a_liaison_of_another_agency_only_the_placeholder(conf):
    url = reverse("meetings:meeting", args=[conf.meeting.pk])
    other = _text(_client("liaison").get(url))
    assert _leaks(other) == [] and PLACEHOLDER in other
    entitled = _text(_client("liaison2").get(url))
    assert MARK_CONF_TITLE in entitled and MARK_CONF_MATERIAL in entitled
    assert "badge--confidential" in entitled


def test_the_material_of_a_confidential_item_is_not_found_by_those_not_entitled(conf):
    material = conf.item.materials.get()
    url = reverse("meetings:material", args=[material.pk])
    assert _client("liaison").get(url).status_code == 404
    assert _client("attendee").get(url).status_code == 200


def test_the_minutes_page_withholds_every_field_of_the_item(conf):
    url = reverse("meetings:minutes", args=[conf.meeting.pk])
    other = _text(_client("liaison").get(url))
    assert _leaks(other) == [] and PLACEHOLDER in other
    entitled = _text(_client("chair").get(url))
    assert _leaks(entitled, ITEM_MARKERS) == ITEM_MARKERS


@pytest.mark.parametrize("fmt", ["txt", "docx", "odt", "pdf", "json", "html"])
def test_the_minutes_downloads_in_every_format_withhold_the_item(conf, fmt):
    url = reverse("meetings:minutes_download", args=[conf.meeting.pk, fmt])
    other = _file_text(_client("tracking").get(url).content, fmt)
    assert _leaks(other) == [] and PLACEHOLDER in other
    entitled = _file_text(_client("secretariat").get(url).content, fmt)
    assert MARK_CONF_TITLE in entitled and MARK_CONF_CONCLUSION in entitled


@pytest.mark.parametrize("fmt", ["txt", "docx", "odt", "pdf"])
def test_the_export_command_writes_the_public_copy_and_the_full_one_only_when_asked(conf, fmt, tmp_path):
    [public] = export_minutes([conf.meeting], fmt, tmp_path / "public").written
    text = _file_text(public.read_bytes(), fmt)
    assert _leaks(text) == [] and PLACEHOLDER in text
    [full] = export_minutes([conf.meeting], fmt, tmp_path / "full", reader=viewer_for(_user("secretariat"))).written
    assert MARK_CONF_TITLE in _file_text(full.read_bytes(), fmt)


def test_a_stored_version_of_the_minutes_withholds_the_item_as_the_current_minutes_do(conf):
    from lieguan.meetings.document import minutes_document
    from lieguan.meetings.models import MinutesRevision

    number = conf.meeting.revisions.count() + 1
    MinutesRevision.objects.create(meeting=conf.meeting, number=number, reason="amended", document=minutes_document(conf.meeting).to_dict())
    url = reverse("meetings:minutes_revision", args=[conf.meeting.pk, number])
    other = _text(_client("liaison").get(url))
    assert _leaks(other) == [] and PLACEHOLDER in other
    assert MARK_CONF_TITLE in _text(_client("attendee").get(url))
    compare = _text(_client("liaison").get(reverse("meetings:minutes_compare", args=[conf.meeting.pk]) + "?full=1"))
    assert _leaks(compare) == []


def test_the_public_portal_shows_the_public_the_placeholder_only(conf, settings):
    settings.PUBLIC_PORTAL = True
    for url in (reverse("meetings:minutes", args=[conf.meeting.pk]), reverse("meetings:meeting", args=[conf.meeting.pk]), "/"):
        response = Client().get(url)
        assert response.status_code == 200, url
        assert _leaks(_text(response)) == [], url
    assert PLACEHOLDER in _text(Client().get(reverse("meetings:minutes", args=[conf.meeting.pk])))


# --- The notice, its .ics, the calendar feeds ----------------------------------------------------------------


def _notice(meeting: Meeting, username: str) -> tuple[str, str]:
    person = _user(username).person
    invitation, _ = Invitation.objects.get_or_create(meeting=meeting, person=person)
    message = notice_message(meeting, invitation, base_url="https://lieguan.example", sequence=0, update=False).message()
    parsed = email.message_from_bytes(message.as_bytes())
    body = ics = ""
    for part in parsed.walk():
        if part.get_content_type() == "text/plain":
            body = part.get_payload(decode=True).decode("utf-8")
        elif part.get_content_type() == "text/calendar" and not ics:
            calendar = icalendar.Calendar.from_ical(part.get_payload(decode=True))
            ics = "".join(str(event.get("description")) for event in calendar.walk("VEVENT"))
    return body, ics


def test_the_notice_email_and_its_ics_give_an_invitee_not_entitled_only_the_placeholder(conf):
    body, ics = _notice(conf.meeting, "liaison")
    assert _leaks(body) == [] and PLACEHOLDER in body
    assert _leaks(ics) == [] and PLACEHOLDER in ics
    body, ics = _notice(conf.meeting, "attendee")
    assert MARK_CONF_TITLE in body and MARK_CONF_TITLE in ics


def test_the_meeting_ics_download_and_the_calendar_feed_withhold_the_item(conf, monkeypatch):
    from lieguan.api import feeds
    from lieguan.api.actions import do_reset_calendar_feed

    # The feed carries agendas of recent meetings only: session 88 counts as recent here.
    monkeypatch.setattr(feeds, "AGENDA_DAYS", 100000)
    url = reverse("meetings:meeting_ics", args=[conf.meeting.pk])
    assert _leaks(_text(_client("liaison").get(url))) == []
    assert MARK_CONF_TITLE in _text(_client("secretariat").get(url)).replace("\r\n ", "")
    for username, sees in (("liaison", False), ("secretariat", True)):
        secret = do_reset_calendar_feed(_user(username))
        feed = _text(Client().get(reverse("calendar_meetings", args=[secret]))).replace("\r\n ", "")
        assert (MARK_CONF_TITLE in feed) is sees, username


# --- Search and related decisions ---------------------------------------------------------------------------


@pytest.mark.parametrize("marker", [MARK_CONF_TITLE, MARK_CONF_CONCLUSION, MARK_CONF_CASE, MARK_CONF_REPORT])
def test_search_finds_the_confidential_records_for_the_entitled_only(conf, marker):
    query = {"q": marker[2:-1]}
    url = reverse("search:search")
    for username in ("liaison", "tracking"):
        assert _leaks(_text(_client(username).get(url, query)).replace("<mark>", "").replace("</mark>", "")) == [], username
    found = _text(_client("secretariat").get(url, query)).replace("<mark>", "").replace("</mark>", "")
    assert marker in found


def test_related_decisions_never_offer_a_confidential_conclusion_to_those_not_entitled(conf):
    url = reverse("search:related_conclusion", args=[conf.conclusion.pk])
    assert _client("liaison").get(url).status_code == 404
    assert _client("attendee").get(url).status_code == 200
    assert _client("tracking").get(reverse("search:related_case", args=[conf.case.pk])).status_code == 404
    # Nor is it found as related to another conclusion of the same words.
    from lieguan.search.related import related_conclusions

    for username in ("liaison", "tracking"):
        related = related_conclusions(_user(username), conf.case)
        assert all(r.entry.object_id != conf.conclusion.pk for r in related)


# --- The API and open data ------------------------------------------------------------------------------------


def test_the_api_gives_the_placeholder_in_minutes_items_conclusions_cases_and_reports(conf):
    urls = [
        reverse("api-1:get_minutes", args=[conf.meeting.pk]),
        reverse("api-1:list_items") + f"?meeting_id={conf.meeting.pk}&limit=200",
        reverse("api-1:list_conclusions") + f"?meeting_id={conf.meeting.pk}&limit=200",
        reverse("api-1:list_cases") + "?limit=200",
        reverse("api-1:get_case", args=[conf.case.pk]),
        reverse("api-1:list_reports") + f"?case_id={conf.case.pk}",
        reverse("api-1:search_api") + f"?q={MARK_CONF_CASE[2:-1]}",
    ]
    for url in urls:
        response = _client("tracking").get(url)
        assert response.status_code == 200, url
        assert _leaks(_text(response)) == [], url
    case = json.loads(_text(_client("tracking").get(reverse("api-1:get_case", args=[conf.case.pk]))))
    assert case["title"] == PLACEHOLDER and case["text"] == "" and case["confidential"] is True
    full = json.loads(_text(_client("liaison2").get(reverse("api-1:get_case", args=[conf.case.pk]))))
    assert MARK_CONF_CASE in full["title"] and full["confidential"] is False
    assert MARK_CONF_TITLE in _text(_client("secretariat").get(urls[0]))


def test_open_data_never_carries_a_confidential_item_whoever_downloads_it(conf, settings):
    settings.PUBLIC_PORTAL = True
    kwargs = {"series_code": "chief-secretaries", "roc_year": 115}
    for name in ("opendata_minutes", "opendata_decisions", "opendata_cases"):
        url = reverse(name, kwargs=kwargs)
        for client in (Client(), _client("secretariat")):
            response = client.get(url)
            assert response.status_code == 200, url
            assert _leaks(_text(response)) == [], url
    assert PLACEHOLDER in _text(Client().get(reverse("opendata_cases", kwargs=kwargs)))


# --- Tracking: the case, the lists, the status report, the home page ----------------------------------------------


def test_the_case_page_shows_a_tracking_officer_not_entitled_only_the_placeholder(conf):
    url = reverse("tracking:case", args=[conf.case.pk])
    other = _text(_client("tracking").get(url))
    assert _leaks(other) == [] and PLACEHOLDER in other
    entitled = _text(_client("liaison2").get(url))
    assert MARK_CONF_CASE in entitled and MARK_CONF_REPORT in entitled and "badge--confidential" in entitled
    # Changing or reporting on it needs the text: refused to those without it.
    assert _client("tracking").get(reverse("tracking:case_edit", args=[conf.case.pk])).status_code == 403
    assert _client("tracking").get(reverse("tracking:report", args=[conf.case.assignments.get().pk])).status_code == 404


def test_the_case_list_and_the_missing_reports_show_the_placeholder(conf):
    for name in ("tracking:case_list", "tracking:missing_reports"):
        url = reverse(name) + "?status=all"
        other = _text(_client("tracking").get(url))
        assert _leaks(other) == [], name
    assert PLACEHOLDER in _text(_client("tracking").get(reverse("tracking:case_list")))
    assert MARK_CONF_CASE in _text(_client("liaison2").get(reverse("tracking:case_list")))


def _status_report_file(client: Client, meeting: Meeting, fmt: str) -> bytes:
    url = reverse("tracking:status_report_download", args=[meeting.pk, fmt])
    response = client.get(url)
    if response.status_code == 302:  # built in the background: the tests' worker has run it by now
        response = client.get(url)
    assert response.status_code == 200
    return response.content


def test_the_status_report_page_and_its_downloads_withhold_the_case(conf):
    following = conf.meeting.series.meetings.get(number=89)
    page = reverse("tracking:status_report", args=[following.pk])
    # The secretariat asks first: its file of the whole report, with the case in full, must not be handed on.
    assert MARK_CONF_CONCLUSION in _file_text(_status_report_file(_client("secretariat"), following, "docx"), "docx")
    other = _text(_client("tracking").get(page))
    assert _leaks(other) == [] and PLACEHOLDER in other
    for fmt in ("docx", "odt", "pdf"):
        text = _file_text(_status_report_file(_client("tracking"), following, fmt), fmt)
        assert _leaks(text) == [], fmt
        assert PLACEHOLDER in text, fmt
    assert MARK_CONF_REPORT in _text(_client("liaison2").get(page))
    decisions = _text(_client("tracking").get(reverse("tracking:decisions", args=[following.pk])))
    assert _leaks(decisions) == []


def test_the_home_panels_and_the_agency_overview_withhold_the_case(conf):
    # Long overdue: the first row of the 教育局 liaison's panel.
    TrackedCase.objects.filter(pk=conf.case.pk).update(deadline=dt.date(2001, 1, 2))
    for username in ("tracking", "liaison"):
        assert _leaks(_text(_client(username).get("/"))) == [], username
        assert _leaks(_text(_client(username).get(reverse("reports:agencies")))) == [], username
    assert MARK_CONF_CASE in _text(_client("liaison2").get("/"))
    assert MARK_CONF_REPORT in _text(_client("liaison2").get(reverse("reports:agencies")))


def test_a_person_without_an_account_named_on_the_item_reads_it_in_the_notice(conf):
    from lieguan.organisations.models import Person

    guest = Person.objects.create(name="鄭顧問", title="顧問", email="guest@example.gov.tw")
    conf.item.confidential_people.add(guest)
    assert can_read_confidential(viewer_for_person(guest), conf.item)
    invitation = Invitation.objects.create(meeting=conf.meeting, person=guest)
    body = notice_message(conf.meeting, invitation, base_url="https://x", sequence=0, update=False).body
    assert MARK_CONF_TITLE in body


def test_a_reminder_digest_names_the_case_to_an_escalation_recipient_not_entitled_only_as_the_placeholder(conf):
    from lieguan.tracking.digests import Digest, Item, State

    assignment = conf.case.assignments.get()
    item = Item(
        assignment_id=assignment.pk,
        case_id=conf.case.pk,
        number=conf.case.number,
        title=conf.case.title,
        deadline=dt.date(2026, 1, 5),
        state=State.OVERDUE,
        organisation=assignment.organisation.display_name,
        role=assignment.role,
        days_overdue=30,
        tier=2,
    )

    def body(username: str) -> str:
        digest = Digest(user=_user(username), organisation=assignment.organisation, today=dt.date(2026, 2, 16), within=5, items=[item])
        return digest.body("https://lieguan.example")

    # The tracking officer escalated to is not entitled; the agency's own liaison is.
    other = body("tracking")
    assert _leaks(other) == [] and PLACEHOLDER in other
    assert MARK_CONF_CASE in body("liaison2")
