"""Issue 12, point 5: the 宣讀 line follows the session it reads until its own minutes are published."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lieguan.core.models import AuditEntry
from lieguan.meetings import actions
from lieguan.meetings.models import AgendaSection, Meeting
from tests.factories import SETUP, aware
from tests.meetings.meeting_support import make_series

pytestmark = pytest.mark.django_db
K = AgendaSection.Kind


def heading(meeting: Meeting) -> str:
    return meeting.sections.get(kind=K.PREVIOUS_MINUTES).heading


def txt(client, meeting: Meeting) -> str:
    response = client.get(reverse("meetings:minutes_download", args=[meeting.pk, "txt"]))
    assert response.status_code == 200
    return response.content.decode("utf-8-sig")


@pytest.fixture
def sessions(city):
    series = make_series(city)
    s89 = actions.do_schedule_meeting(SETUP, series, start=aware("2025-11-05 10:00"), number=89)
    s90 = actions.do_schedule_meeting(SETUP, series, start=aware("2025-11-19 10:00"), number=90)
    return series, s89, s90


def test_moving_the_89th_rewrites_the_90ths_line_and_its_minutes(city, client, sessions):
    _series, s89, s90 = sessions
    assert heading(s90) == "宣讀114年11月5日第89次主任秘書會報紀錄"
    alice = city.user("alice")
    actions.do_update_meeting(alice, s89, start=aware("2025-11-06 14:00"))
    assert heading(s90) == "宣讀114年11月6日第89次主任秘書會報紀錄"
    client.force_login(alice)
    text = txt(client, s90)
    assert "宣讀114年11月6日第89次主任秘書會報紀錄" in text and "11月5日" not in text
    entry = AuditEntry.objects.get(action="meeting.previous_minutes", object_id=str(s90.pk))
    assert entry.before["headings"] == ["宣讀114年11月5日第89次主任秘書會報紀錄"]
    assert entry.after["headings"] == ["宣讀114年11月6日第89次主任秘書會報紀錄"]


def test_renumbering_the_previous_session_rewrites_the_line(city, sessions):
    _series, s89, s90 = sessions
    actions.do_update_meeting(city.user("alice"), s89, number=88)
    assert heading(s90) == "宣讀114年11月5日第88次主任秘書會報紀錄"


def test_once_the_90th_is_published_moving_the_89th_leaves_its_text_alone(city, client, sessions):
    _series, s89, s90 = sessions
    alice = city.user("alice")
    actions.do_update_meeting(alice, s89, start=aware("2025-11-06 14:00"))
    actions.do_add_conclusion(SETUP, s90.sections.get(kind=K.PREVIOUS_MINUTES), text="紀錄確定。")
    actions.do_transition_minutes(SETUP, s90, Meeting.MinutesState.PUBLISHED)
    client.force_login(alice)
    published = txt(client, s90)
    actions.do_update_meeting(alice, s89, start=aware("2025-11-07 14:00"))
    assert heading(s90) == "宣讀114年11月6日第89次主任秘書會報紀錄"
    assert txt(client, s90) == published
    # Only the refresh from before publication is in the trail.
    assert AuditEntry.objects.filter(action="meeting.previous_minutes", object_id=str(s90.pk)).count() == 1


def test_a_session_put_in_between_becomes_the_one_the_later_session_reads(city, sessions):
    series, s89, s90 = sessions
    s90.refresh_from_db()
    assert s90.previous == s89
    extra = actions.do_schedule_meeting(city.user("alice"), series, start=aware("2025-11-12 10:00"), number=91, confirm=True)
    s90.refresh_from_db()
    assert s90.previous == extra
    assert heading(s90) == "宣讀114年11月12日第91次主任秘書會報紀錄"


def test_cancelling_the_previous_session_makes_the_later_one_read_the_session_before(city, sessions):
    series, s89, s90 = sessions
    s91 = actions.do_schedule_meeting(SETUP, series, start=aware("2025-12-03 10:00"), number=91)
    actions.do_cancel_meeting(city.user("alice"), s90)
    s91.refresh_from_db()
    assert s91.previous == s89
    assert heading(s91) == "宣讀114年11月5日第89次主任秘書會報紀錄"


def test_a_line_the_secretariat_reworded_is_kept(city, sessions):
    _series, s89, s90 = sessions
    section = s90.sections.get(kind=K.PREVIOUS_MINUTES)
    actions.do_update_section(SETUP, section, heading="確認上次會議紀錄")
    actions.do_update_meeting(city.user("alice"), s89, start=aware("2025-11-06 14:00"))
    assert heading(s90) == "確認上次會議紀錄"
