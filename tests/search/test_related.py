"""Related decisions: earlier conclusions that say much the same, found by shared bigrams weighted by TF-IDF."""

from __future__ import annotations

import pytest

from lieguan.core.actors import SystemActor
from lieguan.meetings import actions as m
from lieguan.meetings.models import AgendaSection, Meeting
from lieguan.search.related import related_conclusions
from lieguan.tracking import actions as t
from tests.factories import SETUP, aware

pytestmark = pytest.mark.django_db
ADMIN = SystemActor("test")


@pytest.fixture
def later(archive, signals):
    """A published meeting after the others, deciding on vehicles again."""
    with signals():
        meeting = m.do_schedule_meeting(SETUP, archive.chiefs, start=aware("2024-02-22 10:00"), number=230)
        item = m.do_add_item(SETUP, meeting.sections.get(kind=AgendaSection.Kind.REPORTS), title="公務車輛調派檢討")
        again = m.do_add_conclusion(SETUP, item, text="公務車輛統一調派之出車趟數，請秘書處兼顧公平性並避免勞逸不均。")
        m.do_add_conclusion(SETUP, item, text="市政大樓停車場照明請加強。")
        t.do_accept_proposals(SETUP, meeting)  # publishing needs a decision on every case still open
        m.do_transition_minutes(SETUP, meeting, Meeting.MinutesState.PUBLISHED)
    return again


def test_the_earlier_conclusion_on_the_same_subject_comes_first(archive, later):
    related = related_conclusions(ADMIN, later)
    assert related[0].entry.object_id == archive.vehicles.pk
    assert related[0].similarity > 0.3
    assert "<mark>" in related[0].snippet
    assert related[0].url.startswith(f"/meetings/{archive.published.pk}/minutes/#lg-s")


def test_only_earlier_meetings_and_never_the_sources_own_meeting(archive, later):
    found = {r.entry.object_id for r in related_conclusions(ADMIN, archive.vehicles)}
    assert later.pk not in found
    assert archive.evaluate.pk not in found and archive.kiosk.pk not in found


def test_unrelated_conclusions_are_left_out(archive, later):
    found = {r.entry.object_id for r in related_conclusions(ADMIN, later)}
    assert archive.edu_conclusion.pk not in found


def test_what_the_user_may_not_read_is_never_offered(archive, later):
    found_by_admin = {r.entry.object_id for r in related_conclusions(ADMIN, later)}
    assert archive.draft_vehicles.pk in found_by_admin
    found_by_bob = {r.entry.object_id for r in related_conclusions(archive.user("bob"), later)}
    assert archive.draft_vehicles.pk not in found_by_bob and archive.vehicles.pk in found_by_bob


def test_a_case_finds_the_decisions_before_it_but_not_its_own_conclusion(archive, signals):
    with signals():
        earlier = m.do_schedule_meeting(SETUP, archive.chiefs, start=aware("2021-05-20 10:00"), number=200)
        item = m.do_add_item(SETUP, earlier.sections.get(kind=AgendaSection.Kind.REPORTS), title="自助服務設備")
        kiosk_before = m.do_add_conclusion(SETUP, item, text="市政大樓 KIOSK 設備故障頻繁，請資訊局查明原因。")
    found = [r.entry.object_id for r in related_conclusions(ADMIN, archive.case)]
    assert found[0] == kiosk_before.pk
    assert archive.kiosk.pk not in found


def test_at_most_the_limit_is_returned(archive, later, signals):
    with signals():
        item = archive.vehicles.item
        for n in range(8):
            m.do_add_conclusion(SETUP, item, text=f"公務車輛調派第{n}案，請兼顧公平性。")
    assert len(related_conclusions(ADMIN, later, limit=3)) == 3
