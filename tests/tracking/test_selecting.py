from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lieguan.tracking import actions as t
from lieguan.tracking.models import Assignment, CaseStatus

pytestmark = pytest.mark.django_db


def test_the_suggestion_reads_the_agencies_asked_and_the_deadline(council):
    s = t.suggest_case(council.it_conclusion)
    assert s.number == "224-1"
    assert s.lead == council.city.it
    assert s.co == [council.city.edu]
    assert s.deadline == dt.date(2026, 10, 31)


def test_an_agency_that_works_together_with_another_is_not_the_lead(council):
    s = t.suggest_case(council.shared_conclusion)
    assert s.lead == council.city.edu and s.co == [council.city.it]
    assert s.deadline == dt.date(2026, 12, 17)


def test_selecting_a_conclusion_makes_a_case_numbered_by_the_series_pattern(council):
    alice = council.city.user("alice")
    case = t.do_select_case(alice, council.it_conclusion, lead=council.city.it, co=[council.city.edu], deadline=dt.date(2026, 10, 31))
    assert case.number == "224-1"
    assert [(a.organisation, a.role) for a in case.assignments.all()] == [(council.city.it, "lead"), (council.city.edu, "co")]
    council.it_conclusion.refresh_from_db()
    assert council.it_conclusion.tracked
    second = t.do_select_case(alice, council.shared_conclusion, lead=council.city.edu)
    assert second.number == "224-2"


def test_a_series_with_its_own_pattern_numbers_the_bureau_way(council):
    from lieguan.meetings import actions as m

    m.do_update_series(council.city.user("alice"), council.series, case_number_pattern="{session}{seq:02}")
    case = t.do_select_case(council.city.user("alice"), council.it_conclusion, lead=council.city.it)
    assert case.number == "22401"


def test_a_deadline_in_working_days_skips_weekends_and_holidays(council):
    case = t.do_select_case(council.city.user("alice"), council.it_conclusion, lead=council.city.it, working_days=3)
    # Meeting on Thursday 2026-09-17: Fri 18, Mon 21, Tue 22.
    assert case.deadline == dt.date(2026, 9, 22)
    assert case.deadline_basis == "3 個工作日"


def test_only_the_series_secretariat_or_tracking_officers_select(council):
    with pytest.raises(PermissionDenied):
        t.do_select_case(council.city.user("bob"), council.it_conclusion, lead=council.city.it)
    case = t.do_select_case(council.city.user("dave"), council.it_conclusion, lead=council.city.it)
    assert case.status == CaseStatus.OPEN


def test_a_number_cannot_be_used_twice_in_a_series(council):
    t.do_select_case(council.city.user("alice"), council.it_conclusion, lead=council.city.it, number="224-9")
    with pytest.raises(ValidationError, match="已被使用"):
        t.do_select_case(council.city.user("alice"), council.shared_conclusion, lead=council.city.it, number="224-9")


def test_a_case_from_a_citizens_petition_has_the_same_assignments(council):
    case = t.do_create_case(
        council.city.user("dave"),
        source="petition",
        owner=council.city.rdec,
        title="市民陳情校園周邊人行道破損",
        text="請教育局會同資訊局查明。",
        lead=council.city.edu,
        co=[council.city.it],
        source_reference="陳情 1150001",
        working_days=10,
        opened_on=dt.date(2026, 11, 2),
    )
    assert case.number == "P115-001"
    assert case.source == "petition" and case.series is None
    assert case.deadline == dt.date(2026, 11, 16)
    assert case.assignments.get(role=Assignment.Role.LEAD).organisation == council.city.edu


def test_a_deadline_in_working_days_counts_the_make_up_saturday_of_the_built_in_calendar(council):
    # 113 年春節: 2/8 to 2/14 off, Saturday 2/17 a make-up workday (補班) that holidays.TW knows.
    case = t.do_create_case(
        council.city.user("dave"),
        source="mayor",
        owner=council.city.rdec,
        title="春節期間市民服務",
        text="請資訊局辦理。",
        lead=council.city.it,
        working_days=3,
        opened_on=dt.date(2024, 2, 7),
    )
    # Thursday 2/15, Friday 2/16, Saturday 2/17.
    assert case.deadline == dt.date(2024, 2, 17)
    assert case.deadline_basis == "3 個工作日" and case.number == "M113-001"
