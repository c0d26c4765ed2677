"""Who may see and change meetings, agenda, attendance and materials: the access functions, then requests."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from lieguan.meetings import access, actions
from lieguan.organisations.access import viewer_for
from tests.factories import SETUP
from tests.meetings.meeting_support import pdf, schedule

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled(city):
    return schedule(city)


def test_a_liaison_may_upload_only_to_the_items_their_agency_presents(city, scheduled):
    bob = viewer_for(city.user("bob"))
    assert access.can_upload_material(bob, scheduled.it_item)
    assert not access.can_upload_material(bob, scheduled.edu_item)
    assert access.access_item(city.user("bob"), scheduled.it_item.pk, for_upload=True) == scheduled.it_item
    with pytest.raises(PermissionDenied):
        access.access_item(city.user("bob"), scheduled.edu_item.pk, for_upload=True)


def test_the_secretariat_may_upload_to_any_item_and_after_the_cutoff(city, scheduled):
    alice = viewer_for(city.user("alice"))
    actions.do_update_meeting(SETUP, scheduled.meeting, materials_cutoff=timezone.now() - dt.timedelta(hours=1))
    assert access.can_upload_material(alice, scheduled.edu_item)
    assert not access.materials_closed_for(alice, scheduled.meeting)
    assert access.materials_closed_for(viewer_for(city.user("bob")), scheduled.meeting)


def test_an_attendee_of_one_meeting_cannot_open_the_materials_of_another(city, scheduled):
    mine = actions.do_upload_material(city.user("alice"), scheduled.it_item, pdf(), "簡報.pdf")
    office = actions.do_create_series(SETUP, owner=city.secretariat, name="處務會議")
    other = actions.do_schedule_meeting(SETUP, office, start=timezone.now() + dt.timedelta(days=2))
    item = actions.do_add_item(SETUP, other.sections.get(kind="reports"), title="各組業務報告")
    theirs = actions.do_upload_material(city.user("alice"), item, pdf("業務報告.pdf"), "業務報告.pdf")
    assert access.access_material(city.user("frank"), mine.pk) == mine
    with pytest.raises(Http404):
        access.access_material(city.user("frank"), theirs.pk)
    # Removed from the meeting, frank loses its materials too.
    actions.do_uninvite(SETUP, scheduled.frank)
    with pytest.raises(Http404):
        access.access_material(city.user("frank"), mine.pk)


def test_materials_are_never_public_and_not_for_the_uninvolved(city, scheduled, settings):
    settings.PUBLIC_PORTAL = True
    material = actions.do_upload_material(city.user("alice"), scheduled.it_item, pdf(), "簡報.pdf")
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(Http404):
        access.access_material(AnonymousUser(), material.pk)
    with pytest.raises(Http404):
        access.access_material(city.user("bob"), material.pk + 1000)
    # dave (tracking officer) reads everything; carol presents an item of this meeting.
    assert access.access_material(city.user("dave"), material.pk) == material
    assert access.access_material(city.user("carol"), material.pk) == material


def test_the_recorder_and_the_secretariat_keep_the_sign_in_sheet_but_not_an_invitee(city, scheduled):
    meeting = scheduled.meeting
    assert access.can_mark_attendance(viewer_for(city.user("alice")), meeting)
    assert not access.can_mark_attendance(viewer_for(city.user("frank")), meeting)
    actions.do_update_meeting(SETUP, meeting, recorder=city.people["frank"])
    assert access.can_mark_attendance(viewer_for(city.user("frank")), meeting)
    assert access.access_attendance(city.user("frank"), meeting.pk) == meeting
    with pytest.raises(PermissionDenied):
        access.access_attendance(city.user("bob"), meeting.pk)


def test_agenda_sections_are_for_the_secretariat_and_hidden_from_those_who_cannot_see_the_meeting(city, scheduled):
    section = scheduled.it_item.section
    assert access.access_section(city.user("alice"), section.pk) == section
    with pytest.raises(PermissionDenied):
        access.access_section(city.user("bob"), section.pk)
    other_series = actions.do_create_series(SETUP, owner=city.edu, name="局務會議")
    hidden = actions.do_schedule_meeting(SETUP, other_series, start=timezone.now() + dt.timedelta(days=3))
    with pytest.raises(Http404):
        access.access_section(city.user("bob"), hidden.sections.first().pk)


def test_only_secretariats_may_create_series_and_only_for_the_bodies_they_serve(city):
    assert access.may_create_series(viewer_for(city.user("alice")))
    assert not access.may_create_series(viewer_for(city.user("bob")))
    owners = set(access.series_owners(viewer_for(city.user("alice"))))
    assert owners == {city.root, city.secretariat}
    assert city.it in set(access.series_owners(viewer_for(city.user("root"))))


# Requests ----------------------------------------------------------------------------------------------


def _client(client, user):
    client.force_login(user)
    return client


def test_a_liaison_of_another_agency_gets_403_uploading_to_an_item_not_theirs(city, scheduled, client):
    response = _client(client, city.user("bob")).post(reverse("meetings:material_upload", args=[scheduled.edu_item.pk]), {"file": pdf()})
    assert response.status_code == 403
    assert "只有報告機關的聯絡人" in response.content.decode()
    assert not scheduled.edu_item.materials.exists()


def test_someone_not_involved_gets_404_for_the_meeting_its_materials_and_its_agenda_tools(city, scheduled, client):
    material = actions.do_upload_material(city.user("alice"), scheduled.it_item, pdf(), "簡報.pdf")
    other_series = actions.do_create_series(SETUP, owner=city.edu, name="局務會議")
    hidden = actions.do_schedule_meeting(SETUP, other_series, start=timezone.now() + dt.timedelta(days=3))
    actions.do_invite(SETUP, hidden, city.people["frank"])
    # frank is invited to the education bureau's meeting only after being removed from this one.
    actions.do_uninvite(SETUP, scheduled.frank)
    c = _client(client, city.user("frank"))
    assert c.get(reverse("meetings:meeting", args=[hidden.pk])).status_code == 200
    assert c.get(reverse("meetings:meeting", args=[scheduled.meeting.pk])).status_code == 404
    assert c.get(reverse("meetings:material", args=[material.pk])).status_code == 404
    assert c.post(reverse("meetings:item_delete", args=[scheduled.it_item.pk])).status_code == 404
    assert c.get(reverse("meetings:sign_in_sheet", args=[scheduled.meeting.pk])).status_code == 404


def test_an_invitee_may_read_but_gets_403_on_every_write_of_the_secretariat(city, scheduled, client):
    c = _client(client, city.user("frank"))
    meeting = scheduled.meeting
    assert c.get(reverse("meetings:meeting", args=[meeting.pk])).status_code == 200
    forbidden = [
        ("get", reverse("meetings:meeting_edit", args=[meeting.pk])),
        ("post", reverse("meetings:meeting_cancel", args=[meeting.pk])),
        ("get", reverse("meetings:notice", args=[meeting.pk])),
        ("post", reverse("meetings:section_add", args=[meeting.pk])),
        ("post", reverse("meetings:item_add", args=[scheduled.it_item.section_id])),
        ("post", reverse("meetings:item_move", args=[scheduled.it_item.pk])),
        ("post", reverse("meetings:invite", args=[meeting.pk])),
        ("post", reverse("meetings:mark_attendance", args=[scheduled.frank.pk])),
        ("get", reverse("meetings:sign_in_sheet", args=[meeting.pk])),
        ("get", reverse("meetings:series_edit", args=[scheduled.series.pk])),
        ("get", reverse("meetings:schedule", args=[scheduled.series.pk])),
        ("get", reverse("meetings:series_create")),
    ]
    for method, url in forbidden:
        assert getattr(c, method)(url).status_code == 403, url


def test_pages_ask_anonymous_visitors_to_sign_in(city, scheduled, client):
    for url in (
        reverse("meetings:meeting", args=[scheduled.meeting.pk]),
        reverse("meetings:attendance", args=[scheduled.meeting.pk]),
        reverse("meetings:sign_in", args=[scheduled.meeting.pk]),
        reverse("meetings:meeting_ics", args=[scheduled.meeting.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
