"""Pages that follow the session cycle (issue 12): a liaison's home panel after a partial release; the case history after an amendment."""

from __future__ import annotations

import pytest

from lieguan.meetings import actions as m
from lieguan.meetings.models import Meeting
from lieguan.tracking import actions as t
from lieguan.tracking.actions import Decide
from lieguan.tracking.timeline import case_timeline
from tests.factories import during

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(council):
    return t.do_select_case(council.city.user("alice"), council.it_conclusion, lead=council.city.it, co=[council.city.edu])


def test_a_liaison_whose_part_was_released_no_longer_counts_the_case_another_agency_carries_on(client, council, case):
    with during(council.second):
        t.do_record_decisions(council.city.user("dave"), council.second, [Decide(case, "release", (council.city.it,))])
    client.force_login(council.city.user("bob"))
    assert ">本機關列管案件</h2>" not in client.get("/").content.decode()
    client.force_login(council.city.user("carol"))
    edu = client.get("/").content.decode()
    assert ">本機關列管案件</h2>" in edu and "列管中 1 案" in edu


def test_the_case_history_shows_the_text_put_under_tracking_and_the_amendment_beside_it(council, case):
    alice = council.city.user("alice")
    original = case.text
    amended = original.replace("10月底前", "116年1月底前")
    with during(council.first):
        m.do_transition_minutes(alice, council.first, Meeting.MinutesState.PUBLISHED)
    with during(council.second):
        m.do_confirm_previous_minutes(alice, council.second, [m.Amendment(council.it_conclusion, amended)])
    case.refresh_from_db()
    events = case_timeline(case)
    selected = next(e for e in events if "選項列管" in e.title)
    change = next(e for e in events if "確定紀錄時修正會議結論" in e.title)
    assert (selected.text, change.text) == (original, amended)
