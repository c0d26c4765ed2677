"""The session cycle holds together: decisions, publication, confirmation and time agree (issue 12, points 1–4)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lieguan.meetings import actions as m
from lieguan.meetings.models import Meeting
from lieguan.tracking import actions as t
from lieguan.tracking.actions import Decide
from lieguan.tracking.models import CaseStatus
from lieguan.tracking.status_report import build
from tests.factories import SETUP

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(council):
    return t.do_select_case(council.city.user("alice"), council.it_conclusion, lead=council.city.it, co=[council.city.edu])


def _publish_first(council):
    alice = council.city.user("alice")
    m.do_transition_minutes(alice, council.first, Meeting.MinutesState.PUBLISHED)


def test_publishing_minutes_before_recording_the_decisions_on_their_status_report_is_refused(council, case):
    _publish_first(council)
    with pytest.raises(ValidationError) as refused:
        m.do_transition_minutes(council.city.user("alice"), council.second, Meeting.MinutesState.PUBLISHED)
    assert "224-1" in str(refused.value) and "列管決定" in str(refused.value)
    council.second.refresh_from_db()
    assert council.second.minutes_state == Meeting.MinutesState.DRAFT


def test_accepting_the_proposals_in_one_step_lets_the_minutes_be_published_and_the_minutes_say_so(council, case):
    _publish_first(council)
    alice = council.city.user("alice")
    assert t.pending_decisions(council.second) == ["224-1"]
    t.do_accept_proposals(alice, council.second)
    assert t.pending_decisions(council.second) == []
    m.do_transition_minutes(alice, council.second, Meeting.MinutesState.PUBLISHED)
    council.second.refresh_from_db()
    assert council.second.minutes_state == Meeting.MinutesState.PUBLISHED
    sentence = council.second.status_report.decision_conclusion.text
    assert sentence == "列管編號 224-1 賡續列管。"
    revision = council.second.revisions.get()
    assert "列管編號 224-1 賡續列管。" in str(revision.document)


def test_the_tracking_officer_records_decisions_on_draft_minutes(council, case):
    dave = council.city.user("dave")
    rows = t.do_record_decisions(dave, council.second, [Decide(case, "release", (council.city.it,))])
    assert len(rows) == 1
    case.refresh_from_db()
    assert {a.organisation.short_name: a.status for a in case.assignments.all()} == {"資訊局": "released", "教育局": "open"}


def test_after_publication_the_refusal_says_the_minutes_are_published_not_that_the_user_lacks_rights(council, case):
    alice, dave = council.city.user("alice"), council.city.user("dave")
    t.do_record_decisions(alice, council.second, [Decide(case, "continue")])
    m.do_transition_minutes(alice, council.first, Meeting.MinutesState.PUBLISHED)
    m.do_transition_minutes(alice, council.second, Meeting.MinutesState.PUBLISHED)
    with pytest.raises(ValidationError) as refused:
        t.do_record_decisions(dave, council.second, [Decide(case, "release")])
    assert "已發布" in str(refused.value) and "無權" not in str(refused.value)


def test_a_liaison_is_told_who_may_record_decisions(council, case):
    with pytest.raises(PermissionDenied) as refused:
        t.do_record_decisions(council.city.user("bob"), council.second, [Decide(case, "release")])
    assert "研考" in str(refused.value)


def test_nothing_is_decided_published_or_confirmed_for_a_meeting_that_has_not_begun(council, case):
    alice = council.city.user("alice")
    ahead = m.do_schedule_meeting(SETUP, council.series, start=timezone.now() + dt.timedelta(days=17))
    with pytest.raises(ValidationError, match="尚未開會"):
        t.do_record_decisions(alice, ahead, [Decide(case, "release")])
    with pytest.raises(ValidationError, match="尚未開會"):
        t.do_accept_proposals(alice, ahead)
    with pytest.raises(ValidationError, match="尚未開會"):
        m.do_transition_minutes(alice, ahead, Meeting.MinutesState.PUBLISHED)
    # The minutes it would confirm are published and ready: only the time stands in the way.
    _publish_first(council)
    t.do_record_decisions(alice, council.second, [Decide(case, "continue")])
    m.do_transition_minutes(alice, council.second, Meeting.MinutesState.PUBLISHED)
    ahead.refresh_from_db()
    assert ahead.previous == council.second
    with pytest.raises(ValidationError, match="尚未開會"):
        m.do_confirm_previous_minutes(alice, ahead, [])
    council.second.refresh_from_db()
    assert council.second.minutes_state == Meeting.MinutesState.PUBLISHED
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN and case.released_on is None


def test_a_release_takes_effect_on_the_day_of_the_meeting_that_decided_it(council, case):
    t.do_record_decisions(council.city.user("dave"), council.second, [Decide(case, "release")])
    case.refresh_from_db()
    assert case.released_on == timezone.localtime(council.second.start).date()


def test_an_amendment_of_a_tracked_conclusion_at_confirmation_reaches_the_case_and_the_next_status_report(council, case):
    alice = council.city.user("alice")
    _publish_first(council)
    new_text = "請資訊局評估學校網路頻寬擴充方案，並請教育局協助彙整各校需求，於116年1月底前提報。"
    m.do_confirm_previous_minutes(alice, council.second, [m.Amendment(council.it_conclusion, new_text)])
    case.refresh_from_db()
    assert case.text == new_text
    assert case.deadline == dt.date(2027, 1, 31)
    line = next(line for line in build(council.second).lines if line.case.pk == case.pk)
    assert line.case.text == new_text
    from lieguan.tracking.timeline import case_timeline

    events = [e for e in case_timeline(case) if "確定紀錄時修正" in e.title]
    assert len(events) == 1 and council.second.ordinal in events[0].title
    assert any("116年1月31日" in line for line in events[0].lines)


def test_moving_a_meeting_that_decided_moves_the_release_and_the_opening_with_it(council, case):
    alice = council.city.user("alice")
    t.do_record_decisions(alice, council.second, [Decide(case, "release")])
    earlier = council.second.start - dt.timedelta(days=2)
    m.do_update_meeting(alice, council.second, start=earlier, confirm=True)
    case.refresh_from_db()
    day = timezone.localtime(earlier).date()
    assert case.released_on == day
    assert {a.released_on for a in case.assignments.all()} == {day}
    assert set(case.decisions.values_list("decided_on", flat=True)) == {day}


def test_a_meeting_that_decided_cannot_be_moved_into_the_future_nor_once_its_minutes_are_published(council, case):
    alice = council.city.user("alice")
    t.do_record_decisions(alice, council.second, [Decide(case, "continue")])
    with pytest.raises(ValidationError, match="尚未到來"):
        m.do_update_meeting(alice, council.second, start=timezone.now() + dt.timedelta(days=3), confirm=True)
    council.second.refresh_from_db()
    assert council.second.start.date().isoformat().startswith("2026-10")
    m.do_transition_minutes(alice, council.first, Meeting.MinutesState.PUBLISHED)
    m.do_transition_minutes(alice, council.second, Meeting.MinutesState.PUBLISHED)
    with pytest.raises(ValidationError, match="已發布"):
        m.do_update_meeting(alice, council.second, start=council.second.start - dt.timedelta(days=1), confirm=True)
