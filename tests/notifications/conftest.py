"""The people of one council meeting, for telling them things.

On top of the small city (tests/factories.py) and its council (主任秘書會報 第224次, where 資訊局
presents 本府網路頻寬檢討, and 第225次 a month later):
- frank (教育局 主任秘書) is invited to 第224次 as a member;
- erin (秘書長) chairs it;
- 周議員, a person in the directory without an account, is invited as an observer (e-mail only);
- bob speaks for 資訊局, the presenting agency; carol for 教育局, which presents nothing there;
- alice (secretariat) does the work; dave (研考會) and root are not concerned with this meeting.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from lieguan.meetings import actions as m
from lieguan.notifications.models import Notification
from lieguan.organisations import actions as o
from lieguan.organisations.models import Person
from tests.factories import SETUP, Council


@dataclass
class Concerned:
    council: Council
    councillor: Person

    def user(self, name: str) -> Any:
        return self.council.city.user(name)


@pytest.fixture
def concerned(council) -> Concerned:
    city = council.city
    councillor = o.do_create_person(SETUP, name="周議員", title="議員", email="councillor@example.tw")
    m.do_update_meeting(SETUP, council.first, chair=city.people["erin"])
    m.do_invite(SETUP, council.first, city.people["frank"])
    m.do_invite(SETUP, council.first, councillor, capacity="observer")
    return Concerned(council, councillor)


def told(kind: Any) -> set[str]:
    """Who was told of ``kind``: usernames, and the names of people without an account."""
    rows = Notification.objects.filter(kind=str(kind)).select_related("user", "person")
    return {n.user.username if n.user is not None else n.person.name for n in rows}
