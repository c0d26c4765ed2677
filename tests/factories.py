"""A small city for unit tests: alice runs the secretariat's meetings, bob is the IT bureau's liaison.

The personas:
- alice: secretariat (秘書處), runs the series owned by 秘書處 and by the city;
- bob: liaison of 資訊局 (IT bureau);
- carol: liaison of 教育局 (education bureau);
- dave: tracking officer (研考會);
- erin: chair (秘書長);
- frank: no role, attendee when invited;
- root: administrator.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from unittest.mock import patch

from django.utils import timezone

from lieguan.core.actors import SystemActor
from lieguan.organisations import actions
from lieguan.organisations.models import Organisation, Person, Role

SETUP = SystemActor("test-setup")
PASSWORD = "Test-Password-2026"


@dataclass
class City:
    root: Organisation
    secretariat: Organisation
    it: Organisation
    it_unit: Organisation
    edu: Organisation
    rdec: Organisation
    users: dict[str, Any]
    people: dict[str, Person]

    def user(self, name: str) -> Any:
        return self.users[name]


def make_city() -> City:
    org = actions.do_create_organisation
    root = org(SETUP, code="city", name="測試市政府", short_name="市府", kind="city")
    secretariat = org(SETUP, code="sec", name="測試市政府秘書處", short_name="秘書處", kind="agency", parent=root)
    it = org(SETUP, code="it", name="測試市政府資訊局", short_name="資訊局", kind="agency", parent=root, valid_from=dt.date(2010, 1, 1))
    it_unit = org(SETUP, code="it-ops", name="資訊局維運科", short_name="維運科", kind="unit", parent=it)
    edu = org(SETUP, code="edu", name="測試市政府教育局", short_name="教育局", kind="agency", parent=root)
    rdec = org(SETUP, code="rdec", name="測試市政府研究發展考核委員會", short_name="研考會", kind="agency", parent=root)
    specs = [
        ("alice", "王小美", "專員", secretariat, Role.SECRETARIAT, secretariat),
        ("bob", "李大同", "科員", it, Role.LIAISON, it),
        ("carol", "陳可欣", "專員", edu, Role.LIAISON, edu),
        ("dave", "張志明", "研究員", rdec, Role.TRACKING_OFFICER, None),
        ("erin", "林秘書長", "秘書長", root, Role.CHAIR, None),
        ("frank", "吳主秘", "主任秘書", edu, None, None),
        ("root", "系統管理員", "管理師", secretariat, Role.ADMIN, None),
    ]
    users: dict[str, Any] = {}
    people: dict[str, Person] = {}
    for username, name, title, organisation, role, scope in specs:
        person = actions.do_create_person(SETUP, name=name, title=title, organisation=organisation, email=f"{username}@example.gov.tw")
        user = actions.do_create_user(SETUP, username=username, password=PASSWORD, person=person)
        if role:
            actions.do_grant_role(SETUP, user, role, scope)
        users[username] = user
        people[username] = person
    # alice runs the city's own series too (主任秘書會報 is owned by the city government).
    actions.do_grant_role(SETUP, users["alice"], Role.SECRETARIAT, root)
    return City(root, secretariat, it, it_unit, edu, rdec, users, people)


@dataclass
class Council:
    city: City
    series: Any
    first: Any
    second: Any
    it_conclusion: Any
    shared_conclusion: Any


def make_council(city: City) -> Council:
    from lieguan.meetings import actions as m
    from lieguan.meetings.models import AgendaSection

    series = m.do_create_series(
        SETUP, owner=city.root, code="chiefs", name="主任秘書會報", level="city", case_number_pattern="{session}-{seq}"
    )
    first = m.do_schedule_meeting(SETUP, series, start=aware("2026-09-17 10:00"), number=224)
    reports = first.sections.get(kind=AgendaSection.Kind.REPORTS)
    item = m.do_add_item(SETUP, reports, title="本府網路頻寬檢討", presenter=city.it)
    it_conclusion = m.do_add_conclusion(SETUP, item, text="請資訊局評估學校網路頻寬擴充方案，並請教育局協助彙整各校需求，於10月底前提報。")
    shared_conclusion = m.do_add_conclusion(SETUP, item, text="請教育局會同資訊局於3個月內完成盤點。")
    second = m.do_schedule_meeting(SETUP, series, start=aware("2026-10-15 10:00"))
    return Council(city, series, first, second, it_conclusion, shared_conclusion)


def aware(text: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.strptime(text, "%Y-%m-%d %H:%M"))


@contextmanager
def during(meeting: Any, *, hours: float = 1) -> Iterator[dt.datetime]:
    """The clock inside ``meeting`` (an hour after it began): decisions and publication need a meeting that began."""
    moment = meeting.start + dt.timedelta(hours=hours)
    with patch("django.utils.timezone.now", return_value=moment):
        yield moment
