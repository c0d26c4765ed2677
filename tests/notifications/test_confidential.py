"""A confidential item's words never reach, through a notification, someone not entitled to read them."""

from __future__ import annotations

import datetime as dt

import pytest

from lieguan.meetings import actions as m
from lieguan.meetings.actions.minutes import Amendment, where_is
from lieguan.notifications.models import Notification
from lieguan.tracking import actions as t
from tests.factories import during

pytestmark = pytest.mark.django_db

SECRET = "評估學校網路頻寬擴充方案"


@pytest.fixture
def confidential(concerned):
    """本府網路頻寬檢討 (presented by 資訊局) is marked confidential; nobody is named on it."""
    council = concerned.council
    m.do_mark_confidential(concerned.user("alice"), council.it_conclusion.item, confidential=True)
    return concerned


def test_an_amendment_of_a_confidential_item_tells_the_entitled_its_words_and_the_others_only_where(confidential):
    council, alice = confidential.council, confidential.user("alice")
    city = council.city
    with during(council.first):
        m.do_transition_minutes(alice, council.first, "published")
    new_text = f"請資訊局{SECRET}，並請教育局協助彙整各校需求，於11月底前提報。"
    with during(council.second):
        m.do_confirm_previous_minutes(alice, council.second, [Amendment(council.it_conclusion, new_text)])
    amended = Notification.objects.filter(kind="minutes.amended", key__endswith=f":{council.second.pk}")
    # erin chairs 第224次 and bob speaks for the presenting agency: entitled. frank and 周議員 were invited only.
    entitled = {n.user.username if n.user else n.person.name for n in amended if SECRET in n.body}
    told_where = {n.user.username if n.user else n.person.name for n in amended if SECRET not in n.body}
    assert entitled == {"erin", "bob"}
    assert told_where == {"frank", "周議員"}
    frank = amended.get(user=city.user("frank"))
    assert frank.body == f"修正之處：{where_is(council.it_conclusion)}。" and "頻寬" not in frank.subject
    assert not Notification.objects.filter(body__contains="頻寬").exclude(user__username__in=["erin", "bob"]).exists()


def test_the_agency_of_a_case_from_a_confidential_item_reads_its_title_in_the_notification(confidential):
    council, alice = confidential.council, confidential.user("alice")
    city = council.city
    with during(council.first):
        case = t.do_select_case(alice, council.it_conclusion, lead=city.it, deadline=dt.date(2026, 10, 31), title="頻寬擴充評估")
    # 資訊局 holds the case, so its liaison is entitled to it; nobody else was told.
    (bob,) = Notification.objects.filter(kind="case.assigned")
    assert bob.user == city.user("bob") and bob.subject == f"列管案件 {case.number} 請貴機關主辦：頻寬擴充評估"
