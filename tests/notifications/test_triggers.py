"""Each of the five changes tells the people concerned with it, and only them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from lieguan.meetings import actions as m
from lieguan.meetings.actions.minutes import Amendment
from lieguan.meetings.models import AgendaSection
from lieguan.notifications.kinds import CASE_ASSIGNED, MEETING_RESCHEDULED, MINUTES_AMENDED, MINUTES_CIRCULATED, MINUTES_PUBLISHED
from lieguan.notifications.models import Notification
from lieguan.organisations import actions as o
from lieguan.tracking import actions as t
from tests.factories import SETUP, during
from tests.notifications.conftest import told

pytestmark = pytest.mark.django_db

PARTICIPANTS = {"frank", "erin", "周議員", "bob"}


def test_circulating_the_minutes_tells_the_invitees_the_chair_and_the_presenting_agencys_liaison(concerned):
    first = concerned.council.first
    with during(first):
        m.do_transition_minutes(concerned.user("alice"), first, "circulated")
    # alice circulated them herself; carol's agency presents nothing; dave and root are not concerned.
    assert told(MINUTES_CIRCULATED) == PARTICIPANTS
    frank = Notification.objects.get(kind="minutes.circulated", user=concerned.user("frank"))
    assert frank.subject == "測試市政府第224次主任秘書會報紀錄送請會簽"
    assert frank.link == f"/meetings/{first.pk}/minutes/" and frank.in_app and frank.read_at is None


def test_someone_without_an_account_is_told_by_e_mail_only(concerned, django_capture_on_commit_callbacks):
    first = concerned.council.first
    with during(first), django_capture_on_commit_callbacks(execute=True):
        m.do_transition_minutes(concerned.user("alice"), first, "circulated")
    councillor = Notification.objects.get(person=concerned.councillor)
    assert councillor.user_id is None and not councillor.in_app and councillor.email_state == "sent"
    assert sorted(message.to[0] for message in mail.outbox) == [
        "bob@example.gov.tw",
        "councillor@example.tw",
        "erin@example.gov.tw",
        "frank@example.gov.tw",
    ]


def test_publishing_the_minutes_tells_the_same_participants(concerned):
    first = concerned.council.first
    with during(first):
        m.do_transition_minutes(concerned.user("erin"), first, "published")
    # The chair published them: the secretariat who did not is told, the chair is not.
    assert told(MINUTES_PUBLISHED) == PARTICIPANTS - {"erin"}
    assert not Notification.objects.filter(user=concerned.user("alice")).exists()  # alice is not a participant
    assert Notification.objects.get(user=concerned.user("bob")).subject == "測試市政府第224次主任秘書會報紀錄已發布"


@pytest.fixture
def coming(concerned):
    """A session a month from now at 市府大樓, where 教育局 presents; frank is invited."""
    city = concerned.council.city
    start = timezone.localtime(timezone.now() + dt.timedelta(days=30)).replace(hour=10, minute=0, second=0, microsecond=0)
    meeting = m.do_schedule_meeting(SETUP, concerned.council.series, start=start, location="市府大樓", confirm=True)
    section = meeting.sections.get(kind=AgendaSection.Kind.REPORTS)
    m.do_add_item(SETUP, section, title="校園數位學習推動情形", presenter=city.edu)
    m.do_invite(SETUP, meeting, city.people["frank"])
    return meeting


def test_moving_a_coming_meeting_tells_its_invitees_and_the_presenting_agency(concerned, coming):
    later = coming.start + dt.timedelta(days=7, hours=4)
    m.do_update_meeting(concerned.user("alice"), coming, start=later, confirm=True)
    assert told(MEETING_RESCHEDULED) == {"frank", "carol"}
    frank = Notification.objects.get(kind="meeting.rescheduled", user=concerned.user("frank"))
    assert frank.subject == f"測試市政府主任秘書會報{coming.ordinal}會議時間變更"
    assert "改為" in frank.body and "14:00" in frank.body


def test_each_move_is_told_and_saving_the_same_place_again_tells_nothing(concerned, coming):
    alice = concerned.user("alice")
    m.do_update_meeting(alice, coming, location="市府大樓 12 樓會議室")
    m.do_update_meeting(alice, coming, location="市府大樓 12 樓會議室")
    m.do_update_meeting(alice, coming, location="市府大樓")
    frank = Notification.objects.filter(kind="meeting.rescheduled", user=concerned.user("frank")).order_by("id")
    assert [n.subject for n in frank] == [f"測試市政府主任秘書會報{coming.ordinal}會議地點變更"] * 2
    assert "市府大樓 12 樓會議室 改為 市府大樓" in frank.last().body


def test_correcting_the_time_of_a_meeting_that_was_held_tells_nobody(concerned):
    first = concerned.council.first
    m.do_update_meeting(concerned.user("alice"), first, start=first.start + dt.timedelta(minutes=30))
    assert told(MEETING_RESCHEDULED) == set()


def test_a_confirmed_amendment_tells_the_participants_and_the_liaisons_of_its_cases(concerned):
    council, alice = concerned.council, concerned.user("alice")
    city = council.city
    with during(council.first):
        m.do_transition_minutes(alice, council.first, "published")
        case = t.do_select_case(alice, council.it_conclusion, lead=city.it, co=[city.edu], deadline=dt.date(2026, 10, 31))
    Notification.objects.all().delete()
    new_text = "請資訊局評估學校網路頻寬擴充方案，並請教育局協助彙整各校需求，於11月底前提報。"
    with during(council.second):
        m.do_confirm_previous_minutes(alice, council.second, [Amendment(council.it_conclusion, new_text)])
    # Participants of 第224次 hear of the minutes; the agencies of 224-1 (資訊局, 教育局) of their case.
    assert told(MINUTES_AMENDED) == PARTICIPANTS | {"carol"}
    bob = Notification.objects.filter(kind="minutes.amended", user=city.user("bob")).order_by("id")
    assert [n.subject for n in bob] == [
        f"列管案件 {case.number} 依第225次會議修正確定之紀錄變更：{case.title}",
        "測試市政府第224次主任秘書會報紀錄經第225次會議修正確定",
    ]
    assert "列管期限為 115年11月30日" in bob[0].body
    frank = Notification.objects.get(kind="minutes.amended", user=city.user("frank"))
    assert "修改為「" + new_text + "」" in frank.body  # nothing confidential: everyone reads the new wording


def test_assigning_a_case_tells_the_liaisons_of_each_agency_and_of_a_units_agency(concerned):
    council, alice = concerned.council, concerned.user("alice")
    city = council.city
    with during(council.first):
        case = t.do_select_case(alice, council.shared_conclusion, lead=city.edu, deadline=dt.date(2026, 12, 17))
    assert told(CASE_ASSIGNED) == {"carol"}
    carol = Notification.objects.get(user=city.user("carol"))
    assert carol.subject == f"列管案件 {case.number} 請貴機關主辦：{case.title}"
    assert carol.link == f"/cases/{case.pk}/" and "列管期限：115年12月17日" in carol.body
    t.do_add_assignment(alice, case, city.it_unit)
    # 維運科 is a unit of 資訊局: bob speaks for it.
    assert told(CASE_ASSIGNED) == {"carol", "bob"}
    assert Notification.objects.get(user=city.user("bob")).subject.startswith(f"列管案件 {case.number} 請貴機關協辦：")


def test_a_liaison_on_leave_is_told_through_their_stand_in(concerned):
    council, alice = concerned.council, concerned.user("alice")
    city = council.city
    today = timezone.localtime(council.first.start).date()  # the day the case is put under tracking
    o.do_appoint_stand_in(SETUP, person=city.people["carol"], stand_in=city.people["frank"], organisation=city.edu, start=today, end=today)
    with during(council.first):
        t.do_select_case(alice, council.shared_conclusion, lead=city.edu)
    assert told(CASE_ASSIGNED) == {"carol", "frank"}
