"""Only what the user may read is ever found: the minutes' and the cases' own access rules decide."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from lieguan.meetings import actions as m
from lieguan.meetings.access import can_read_minutes
from lieguan.meetings.models import AgendaSection, Meeting
from lieguan.organisations.access import forget_viewer, viewer_for
from lieguan.search.access import readable_minutes
from lieguan.search.models import SearchEntry
from lieguan.search.query import Criteria, search
from tests.factories import SETUP, aware

pytestmark = pytest.mark.django_db
K = SearchEntry.Kind
PERSONAS = ["alice", "bob", "carol", "dave", "erin", "frank", "root"]


def found(user, q: str) -> set[tuple[str, int]]:
    return {(e.kind, e.object_id) for e in search(user, Criteria(q=q))[:100]}


@pytest.fixture
def more_states(archive, signals):
    """A circulated meeting frank is invited to, and a cancelled public one."""
    city = archive.city
    with signals():
        circulated = m.do_schedule_meeting(SETUP, archive.chiefs, start=aware("2023-06-01 10:00"), number=226)
        m.do_invite(SETUP, circulated, city.people["frank"])
        item = m.do_add_item(SETUP, circulated.sections.get(kind=AgendaSection.Kind.REPORTS), title="會簽中的紀錄")
        m.do_add_conclusion(SETUP, item, text="會簽中公務車結論。")
        m.do_transition_minutes(SETUP, circulated, Meeting.MinutesState.CIRCULATED)
        cancelled = m.do_schedule_meeting(SETUP, archive.chiefs, start=aware("2023-07-01 10:00"), number=227)
        m.do_cancel_meeting(SETUP, cancelled)
    return archive


@pytest.mark.parametrize("portal", [False, True])
def test_the_readable_minutes_query_agrees_with_can_read_minutes_for_everyone(more_states, settings, portal):
    settings.PUBLIC_PORTAL = portal
    users = [more_states.user(name) for name in PERSONAS] + [AnonymousUser()]
    for user in users:
        forget_viewer(user)
        viewer = viewer_for(user)
        readable = set(readable_minutes(user).values_list("pk", flat=True))
        for meeting in Meeting.objects.select_related("series"):
            assert (meeting.pk in readable) == can_read_minutes(viewer, meeting), (user, meeting, meeting.minutes_state)


def test_draft_minutes_are_found_only_by_those_who_may_read_them(archive):
    draft = (K.CONCLUSION, archive.draft_vehicles.pk)
    who = {name for name in PERSONAS if draft in found(archive.user(name), "公務車")}
    assert who == {"alice", "dave", "erin", "root"}


def test_circulated_minutes_are_found_by_their_participants_too(more_states):
    assert any("會簽中" in e.text for e in search(more_states.user("frank"), Criteria(q="公務車"))[:10])
    assert not any("會簽中" in e.text for e in search(more_states.user("bob"), Criteria(q="公務車"))[:10])


def test_a_bureaus_own_minutes_are_found_by_its_liaison_but_not_by_other_agencies(archive):
    edu = (K.CONCLUSION, archive.edu_conclusion.pk)
    assert edu in found(archive.user("carol"), "頻寬")
    assert edu not in found(archive.user("bob"), "頻寬")
    assert edu not in found(archive.user("alice"), "頻寬")


def test_cases_and_reports_are_found_by_those_who_see_the_case(archive):
    case = (K.CASE, archive.case.pk)
    who = {name for name in PERSONAS if case in found(archive.user(name), "kiosk")}
    assert who == {"alice", "bob", "dave", "erin", "root"}
    assert all(kind not in (K.CASE, K.REPORT) for kind, _ in found(archive.user("carol"), "kiosk"))


def test_the_public_finds_nothing_unless_the_portal_is_open(archive, settings):
    settings.PUBLIC_PORTAL = False
    assert found(AnonymousUser(), "公務車") == set()


def test_the_public_finds_only_published_minutes_of_public_series(archive, settings):
    settings.PUBLIC_PORTAL = True
    public = found(AnonymousUser(), "公務車 OR kiosk OR 頻寬 OR TaipeiON")
    meetings = {SearchEntry.objects.get(kind=kind, object_id=pk).meeting_id for kind, pk in public}
    assert meetings == {archive.published.pk}
    assert (K.CONCLUSION, archive.kiosk.pk) in public and (K.REMARK, archive.remark.pk) in public
    assert all(kind not in (K.CASE, K.REPORT) for kind, _ in public)


def test_making_a_series_private_hides_its_minutes_from_the_public_at_once(archive, settings):
    settings.PUBLIC_PORTAL = True
    m.do_update_series(SETUP, archive.chiefs, public=False)
    assert found(AnonymousUser(), "公務車") == set()


@pytest.mark.parametrize("q", ['" OR 1=1 --', "公務車' OR '1'='1", "* OR 公務車", "公務車 OR NEAR(公務 車) OR ' OR ''='", "%公務%"])
def test_query_syntax_never_widens_what_a_user_finds(archive, q):
    from lieguan.search.access import findable_entries

    bob = archive.user("bob")
    allowed = set(findable_entries(bob).values_list("pk", flat=True))
    found_pks = {e.pk for e in search(bob, Criteria(q=q))[:100]}
    assert found_pks <= allowed
    assert archive.draft_vehicles.pk not in {e.object_id for e in search(bob, Criteria(q=q))[:100] if e.kind == K.CONCLUSION}
