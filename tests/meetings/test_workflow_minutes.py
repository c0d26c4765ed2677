"""The lifecycle of minutes: draft → circulated for review → published, with who and when, and review comments."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lieguan.meetings import access, actions
from lieguan.meetings.models import Meeting, MinutesRevision
from lieguan.meetings.workflow import TRANSITIONS, allowed_transitions, transition
from lieguan.minutes.model import Minutes
from lieguan.organisations.access import viewer_for
from tests.factories import SETUP
from tests.meetings.minutes_support import held_meeting, written

S = Meeting.MinutesState
pytestmark = pytest.mark.django_db


def test_the_states_and_their_next_states_are_data():
    assert {t.to for t in TRANSITIONS[S.DRAFT]} == {S.CIRCULATED, S.PUBLISHED}
    assert {t.to for t in TRANSITIONS[S.CIRCULATED]} == {S.DRAFT, S.PUBLISHED}
    assert TRANSITIONS[S.PUBLISHED] == () and TRANSITIONS[S.CONFIRMED] == ()
    assert transition(S.PUBLISHED, S.DRAFT) is None
    assert transition(S.DRAFT, S.CIRCULATED).who == "writer"  # type: ignore[union-attr]
    assert transition(S.CIRCULATED, S.PUBLISHED).who == "approver"  # type: ignore[union-attr]


def test_minutes_go_from_draft_to_review_to_published_and_each_step_says_who_and_when(city):
    held = written(city, held_meeting(city))
    alice, erin = city.user("alice"), city.user("erin")
    actions.do_transition_minutes(alice, held.meeting, S.CIRCULATED, note="請於三日內會簽")
    actions.do_transition_minutes(erin, held.meeting, S.PUBLISHED)
    steps = list(held.meeting.transitions.order_by("at", "id"))
    assert [(t.from_state, t.to_state, t.by) for t in steps] == [
        (S.DRAFT, S.CIRCULATED, alice),
        (S.CIRCULATED, S.PUBLISHED, erin),
    ]
    assert steps[0].note == "請於三日內會簽" and steps[0].at is not None
    revision = held.meeting.revisions.get()
    assert (revision.number, revision.reason, revision.created_by) == (1, MinutesRevision.Reason.PUBLISHED, erin)
    frozen = Minutes.from_dict(revision.document)
    assert "請資訊局於 12 月底前提出頻寬擴充計畫。" in [c.text for c in frozen.all_conclusions()]


def test_the_recorder_circulates_but_only_the_secretariat_or_the_chair_publishes(city):
    held = written(city, held_meeting(city))
    actions.do_update_meeting(SETUP, held.meeting, recorder=city.people["frank"])
    frank = city.user("frank")
    actions.do_transition_minutes(frank, held.meeting, S.CIRCULATED)
    assert [t.to for t in allowed_transitions(viewer_for(frank), held.meeting)] == [S.DRAFT]
    with pytest.raises(PermissionDenied, match="幕僚單位或主席"):
        actions.do_transition_minutes(frank, held.meeting, S.PUBLISHED)
    for outsider in ("bob", "dave"):
        with pytest.raises(PermissionDenied):
            actions.do_transition_minutes(city.user(outsider), held.meeting, S.PUBLISHED)
    actions.do_transition_minutes(city.user("erin"), held.meeting, S.PUBLISHED)
    assert held.meeting.minutes_state == S.PUBLISHED


def test_published_minutes_cannot_go_back_to_draft(city):
    held = written(city, held_meeting(city))
    actions.do_transition_minutes(city.user("alice"), held.meeting, S.PUBLISHED)
    with pytest.raises(ValidationError, match="無法由「已發布」改為「草稿」"):
        actions.do_transition_minutes(city.user("alice"), held.meeting, S.DRAFT)


def test_minutes_with_an_empty_conclusion_or_remark_are_not_circulated(city):
    held = written(city, held_meeting(city))
    alice = city.user("alice")
    empty = actions.do_add_conclusion(alice, held.report, text="")
    remark = actions.do_add_remark(alice, held.proposal, speaker="秘書處何處長", text=" ")
    with pytest.raises(ValidationError) as refused:
        actions.do_transition_minutes(alice, held.meeting, S.CIRCULATED)
    message = refused.value.messages[0]
    assert "報告事項二會議結論（三）" in message and "秘書處何處長補充說明" in message
    actions.do_delete_conclusion(alice, empty)
    actions.do_update_remark(alice, remark, text="場地將開放線上預約。")
    actions.do_transition_minutes(alice, held.meeting, S.CIRCULATED)


def test_invitees_read_circulated_minutes_but_not_drafts(city):
    held = written(city, held_meeting(city))
    frank = viewer_for(city.user("frank"))
    assert not access.can_read_minutes(frank, held.meeting)
    actions.do_transition_minutes(city.user("alice"), held.meeting, S.CIRCULATED)
    assert access.can_read_minutes(frank, held.meeting)
    assert not access.can_write_minutes(frank, held.meeting)


def test_an_invitee_leaves_a_review_comment_and_the_recorder_answers_it(city):
    held = written(city, held_meeting(city))
    alice, frank = city.user("alice"), city.user("frank")
    with pytest.raises(PermissionDenied, match="不在會簽階段"):
        actions.do_add_minutes_comment(frank, held.meeting, text="太早了")
    actions.do_transition_minutes(alice, held.meeting, S.CIRCULATED)
    comment = actions.do_add_minutes_comment(frank, held.meeting, text="報告事項二會議結論（二）請加上「於 1 月底前」。")
    assert not comment.resolved
    with pytest.raises(PermissionDenied, match="紀錄人員"):
        actions.do_resolve_minutes_comment(frank, comment, response="我自己處理")
    with pytest.raises(ValidationError, match="處理情形"):
        actions.do_resolve_minutes_comment(alice, comment, response=" ")
    actions.do_resolve_minutes_comment(alice, comment, response="已照改。")
    comment.refresh_from_db()
    assert comment.resolved and comment.response == "已照改。"


def test_people_not_at_the_meeting_cannot_comment_and_nobody_comments_on_published_minutes(city):
    held = written(city, held_meeting(city))
    alice = city.user("alice")
    actions.do_transition_minutes(alice, held.meeting, S.CIRCULATED)
    with pytest.raises(PermissionDenied, match="與會人員"):
        actions.do_add_minutes_comment(city.user("bob"), held.meeting, text="路過")
    with pytest.raises(ValidationError, match="請填寫"):
        actions.do_add_minutes_comment(city.user("frank"), held.meeting, text="  ")
    actions.do_transition_minutes(alice, held.meeting, S.PUBLISHED)
    with pytest.raises(PermissionDenied, match="不在會簽階段"):
        actions.do_add_minutes_comment(city.user("frank"), held.meeting, text="發布後才看到")


def test_review_comments_stay_among_participants(city, settings):
    settings.PUBLIC_PORTAL = True
    held = written(city, held_meeting(city, public=True))
    actions.do_transition_minutes(city.user("alice"), held.meeting, S.PUBLISHED)
    from django.contrib.auth.models import AnonymousUser

    assert access.can_read_minutes(viewer_for(AnonymousUser()), held.meeting)
    assert not access.can_read_minutes_comments(viewer_for(AnonymousUser()), held.meeting)
    assert not access.can_read_minutes_comments(viewer_for(city.user("bob")), held.meeting)
    assert access.can_read_minutes(viewer_for(city.user("bob")), held.meeting)
    assert access.can_read_minutes_comments(viewer_for(city.user("frank")), held.meeting)
