"""A case cannot be due before it opens: such a deadline is refused with both dates in ROC form."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from lieguan.meetings import actions as m
from lieguan.tracking import actions as t
from lieguan.tracking.models import TrackedCase
from tests.factories import SETUP, aware

pytestmark = pytest.mark.django_db


def test_a_case_opened_on_115_12_7_is_not_given_a_deadline_of_115_1_1(city):
    with pytest.raises(ValidationError, match=r"115年1月1日.*115年12月7日"):
        t.do_create_case(
            SETUP,
            source="petition",
            owner=city.rdec,
            title="人行道破損",
            text="請教育局查明。",
            lead=city.edu,
            opened_on=dt.date(2026, 12, 7),
            deadline=dt.date(2026, 1, 1),
        )
    assert not TrackedCase.objects.exists()


def test_selecting_a_conclusion_refuses_a_deadline_before_the_meeting(council):
    with pytest.raises(ValidationError, match="列管期限 115年9月1日 早於本案列管日 115年9月17日"):
        t.do_select_case(council.city.user("alice"), council.it_conclusion, lead=council.city.it, deadline=dt.date(2026, 9, 1))
    council.it_conclusion.refresh_from_db()
    assert not council.it_conclusion.tracked and not TrackedCase.objects.exists()


def test_a_deadline_on_the_day_the_case_opens_is_accepted(council):
    case = t.do_select_case(council.city.user("alice"), council.it_conclusion, lead=council.city.it, deadline=dt.date(2026, 9, 17))
    assert case.deadline == dt.date(2026, 9, 17)


def test_updating_a_case_refuses_a_deadline_before_it_opened_and_keeps_the_old_one(council):
    alice = council.city.user("alice")
    case = t.do_select_case(alice, council.it_conclusion, lead=council.city.it, deadline=dt.date(2026, 10, 31))
    with pytest.raises(ValidationError, match=r"115年9月16日.*115年9月17日"):
        t.do_update_case(alice, case, deadline=dt.date(2026, 9, 16))
    case.refresh_from_db()
    assert case.deadline == dt.date(2026, 10, 31)


def test_a_bureau_copy_refuses_a_deadline_before_its_own_meeting(council):
    alice = council.city.user("alice")
    parent = t.do_select_case(alice, council.it_conclusion, lead=council.city.it, deadline=dt.date(2026, 12, 31))
    bureau = m.do_create_series(SETUP, owner=council.city.it, code="it-bureau", name="局務會議", level="agency")
    meeting = m.do_schedule_meeting(SETUP, bureau, start=aware("2026-10-06 14:00"), number=12)
    with pytest.raises(ValidationError, match=r"115年10月1日.*115年10月6日"):
        t.do_spawn_child_case(SETUP, parent, meeting, lead=council.city.it_unit, deadline=dt.date(2026, 10, 1))
    child = t.do_spawn_child_case(SETUP, parent, meeting, lead=council.city.it_unit, deadline=dt.date(2026, 11, 30))
    assert child.deadline == dt.date(2026, 11, 30)
