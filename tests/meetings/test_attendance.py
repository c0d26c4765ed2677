"""Invitations, online sign-in, the recorder's attendance table and the sign-in sheet."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from lieguan.meetings import actions
from lieguan.meetings.actions.attendance import agency_group
from lieguan.meetings.models import Invitation
from lieguan.organisations import actions as directory
from lieguan.organisations.models import Role
from tests.factories import SETUP
from tests.meetings.meeting_support import schedule
from tests.pages import button, checked, field_value, fragment, hrefs, is_whole_page, with_class

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}
A = Invitation.Attendance


@pytest.fixture
def scheduled(city):
    return schedule(city)


@pytest.fixture
def today(city):
    """A meeting that starts in half an hour: sign-in is open."""
    start = timezone.now() + dt.timedelta(minutes=30)
    return schedule(city, start=start)


def test_the_heads_of_an_agency_are_found_by_title_and_its_liaisons_by_role(city):
    head = directory.do_create_person(SETUP, name="周局長", title="局長", organisation=city.it)
    directory.do_create_person(SETUP, name="科長甲", title="科長", organisation=city.it_unit)
    assert list(agency_group(city.it, "heads")) == [head]
    assert list(agency_group(city.it, "liaisons")) == [city.people["bob"]]


def test_inviting_the_liaisons_of_an_agency_skips_those_already_invited(city, scheduled):
    invited = actions.do_invite_group(city.user("alice"), scheduled.meeting, city.edu, "liaisons", capacity="observer")
    assert [i.person for i in invited] == [city.people["carol"]]
    assert actions.do_invite_group(city.user("alice"), scheduled.meeting, city.edu, "liaisons") == []
    with pytest.raises(ValidationError, match="沒有教育局的首長"):
        actions.do_invite_group(city.user("alice"), scheduled.meeting, city.edu, "heads")


def test_an_invitee_signs_in_on_their_own_device_only_when_sign_in_is_open(city, today):
    next_week = schedule(city, series=today.series, start=today.meeting.start + dt.timedelta(days=7))
    with pytest.raises(ValidationError, match="目前不在簽到時間內"):
        actions.do_sign_in(city.user("frank"), next_week.meeting)
    invitation = actions.do_sign_in(city.user("frank"), today.meeting)
    assert invitation.attendance == A.PRESENT and invitation.self_signed and invitation.signed_in_at
    with pytest.raises(PermissionDenied, match="不在此會議的與會名單"):
        actions.do_sign_in(city.user("bob"), today.meeting)


def test_the_recorder_marks_excused_and_substituted_and_a_substitute_needs_a_name(city, today):
    carol = actions.do_invite(SETUP, today.meeting, city.people["carol"])
    actions.do_mark_attendance(city.user("alice"), today.frank, A.EXCUSED)
    with pytest.raises(ValidationError, match="代理人姓名"):
        actions.do_mark_attendance(city.user("alice"), carol, A.SUBSTITUTED)
    actions.do_mark_attendance(city.user("alice"), carol, A.SUBSTITUTED, substitute_name="黃代理", substitute_title="科長")
    carol.refresh_from_db()
    assert (carol.attendance, carol.substitute_name, carol.self_signed) == (A.SUBSTITUTED, "黃代理", False)
    with pytest.raises(PermissionDenied):
        actions.do_mark_attendance(city.user("bob"), carol, A.ABSENT)


# Pages -------------------------------------------------------------------------------------------------


def test_the_secretariat_searches_the_directory_by_name_or_agency_and_invites(city, scheduled, client):
    client.force_login(city.user("alice"))
    url = reverse("meetings:person_search", args=[scheduled.meeting.pk])
    by_agency = client.get(url, {"q": "資訊局"}, **HX).content.decode()
    assert "李大同" in by_agency and not is_whole_page(by_agency)
    assert "找不到符合「吳主秘」且尚未邀請的人員" in client.get(url, {"q": "吳主秘"}, **HX).content.decode()
    by_two_words = client.get(url, {"q": "教育局 陳"}, **HX).content.decode()
    assert "陳可欣" in by_two_words
    response = client.post(
        reverse("meetings:invite", args=[scheduled.meeting.pk]),
        {"person": city.people["bob"].pk, "capacity": "observer", "q": "資訊局"},
    )
    assert response.status_code == 302 and "?q=" in response["Location"]
    assert scheduled.meeting.invitations.get(person=city.people["bob"]).capacity == "observer"


def test_the_search_works_without_javascript_on_the_attendance_page(city, scheduled, client):
    client.force_login(city.user("alice"))
    page = client.get(reverse("meetings:attendance", args=[scheduled.meeting.pk]), {"q": "李"}).content.decode()
    assert "李大同" in page and "邀請出席" in page


def test_inviting_all_heads_of_an_agency_on_the_page(city, scheduled, client):
    directory.do_create_person(SETUP, name="周局長", title="局長", organisation=city.it)
    client.force_login(city.user("alice"))
    response = client.post(
        reverse("meetings:invite_group", args=[scheduled.meeting.pk]),
        {"organisation": city.it.pk, "group": "heads", "capacity": "member"},
        follow=True,
    )
    assert "已邀請 1 人：周局長" in response.content.decode()


def test_the_recorder_marks_a_row_with_htmx_and_sees_it_saved(city, today, client):
    client.force_login(city.user("alice"))
    url = reverse("meetings:mark_attendance", args=[today.frank.pk])
    row = client.post(url, {"attendance": "substituted", "substitute_name": "", "substitute_title": "專門委員"}, **HX)
    text = row.content.decode()
    assert "代理出席須填寫代理人姓名" in text
    # What the recorder chose and typed stays, so only the name is left to add.
    assert ("attendance", "substituted") in checked(text, "radio") and field_value(text, "代理人職稱") == "專門委員"
    row = client.post(url, {"attendance": "substituted", "substitute_name": "黃代理", "substitute_title": "專門委員"}, **HX)
    text = row.content.decode()
    row = fragment(text)[0]  # the invitee's row itself, to replace the one on the page
    assert (row.tag, row.get("id")) == ("tr", f"invitation-{today.frank.pk}")
    assert "代理：黃代理專門委員" in text and "已儲存" in text
    today.frank.refresh_from_db()
    assert today.frank.attendance == A.SUBSTITUTED


def test_an_invitee_signs_in_from_the_meeting_page_and_the_sign_in_page(city, today, client):
    client.force_login(city.user("frank"))
    meeting_page = client.get(reverse("meetings:meeting", args=[today.meeting.pk])).content.decode()
    assert button(meeting_page, "簽到").xpath("ancestor::form/@action") == [reverse("meetings:sign_in", args=[today.meeting.pk])]
    response = client.post(reverse("meetings:sign_in", args=[today.meeting.pk]), follow=True)
    text = response.content.decode()
    assert "簽到完成" in text and "已簽到" in text
    today.frank.refresh_from_db()
    assert today.frank.self_signed


def test_someone_not_invited_is_told_so_on_the_sign_in_page(city, today, client):
    client.force_login(city.user("alice"))
    text = client.get(reverse("meetings:sign_in", args=[today.meeting.pk])).content.decode()
    assert "您不在本次會議的與會名單中" in text


def test_the_sign_in_sheet_lists_invitees_by_capacity_with_online_sign_in_times(city, today, client):
    actions.do_invite(SETUP, today.meeting, city.people["dave"], capacity="observer")
    actions.do_sign_in(city.user("frank"), today.meeting)
    client.force_login(city.user("alice"))
    text = client.get(reverse("meetings:sign_in_sheet", args=[today.meeting.pk])).content.decode()
    assert "第1次簽到表" in text
    assert text.index("出席人員") < text.index("吳主秘") < text.index("列席人員") < text.index("張志明")
    signed = timezone.localtime(today.meeting.invitations.get(person=city.people["frank"]).signed_in_at)
    assert f"線上簽到 {signed:%H:%M}" in text
    assert with_class(text, "qr-code", "svg")  # the QR code to the sign-in page, made here
    assert [href for href in hrefs(text) if href.endswith(f"/meetings/{today.meeting.pk}/sign-in/")]


def test_a_liaison_cannot_open_the_sign_in_sheet(city, today, client):
    client.force_login(city.user("bob"))
    assert client.get(reverse("meetings:sign_in_sheet", args=[today.meeting.pk])).status_code == 403


def test_uninviting_is_refused_once_attendance_is_recorded(city, today, client):
    client.force_login(city.user("alice"))
    actions.do_mark_attendance(city.user("alice"), today.frank, A.EXCUSED)
    response = client.post(reverse("meetings:uninvite", args=[today.frank.pk]), follow=True)
    assert "已登記出席情形的人員不可移除" in response.content.decode()
    carol = actions.do_invite(SETUP, today.meeting, city.people["carol"])
    client.post(reverse("meetings:uninvite", args=[carol.pk]))
    assert not Invitation.objects.filter(pk=carol.pk).exists()
    assert Role.LIAISON  # carol keeps her role: only the invitation went
