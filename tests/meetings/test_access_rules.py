"""The meetings rules that views, actions and templates share: one predicate each, and the helper that refuses with its message."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from lieguan.meetings import access, actions
from lieguan.meetings.actions.minutes_editing import (
    OMITTABLE_KINDS,
    do_delete_minutes_section,
    may_omit_section,
    omittable_kinds,
)
from lieguan.meetings.importing import access as import_access
from lieguan.meetings.models import AgendaSection, Meeting
from lieguan.meetings.workflow import TRANSITIONS, allowed_transitions
from lieguan.organisations.access import viewer_for
from tests.factories import City
from tests.meetings.minutes_support import Held, held_meeting, next_meeting, published

pytestmark = pytest.mark.django_db

K = AgendaSection.Kind
S = Meeting.MinutesState


@pytest.fixture
def held(city: City) -> Held:
    return held_meeting(city)


def test_every_step_of_the_workflow_is_taken_by_a_writer_or_an_approver() -> None:
    steps = [step for out in TRANSITIONS.values() for step in out]
    assert steps and {step.who for step in steps} == set(access.STEP_TAKERS) == {access.WRITER, access.APPROVER}


def test_the_chair_may_publish_the_minutes_but_not_send_them_round(city: City, held: Held) -> None:
    erin = viewer_for(city.user("erin"))
    assert access.can_take_minutes_step(erin, held.meeting, access.APPROVER)
    assert not access.can_take_minutes_step(erin, held.meeting, access.WRITER)
    assert [step.to for step in allowed_transitions(erin, held.meeting)] == [S.PUBLISHED]
    with pytest.raises(PermissionDenied, match="只有此會議的幕僚單位或紀錄人員可以「送請與會人員會簽」。"):
        access.require_take_minutes_step(city.user("erin"), held.meeting, access.WRITER, "送請與會人員會簽")


def test_an_invitee_is_refused_both_steps_with_who_takes_them(city: City, held: Held) -> None:
    frank = city.user("frank")
    assert not access.can_take_minutes_step(viewer_for(frank), held.meeting, access.APPROVER)
    with pytest.raises(PermissionDenied, match="只有此會議的幕僚單位或主席可以「發布紀錄」。"):
        access.require_take_minutes_step(frank, held.meeting, access.APPROVER, "發布紀錄")
    with pytest.raises(PermissionDenied, match="只有此會議的幕僚單位或主席可以「發布紀錄」。"):
        actions.do_transition_minutes(frank, held.meeting, S.PUBLISHED)


def test_writing_minutes_is_refused_to_an_invitee_and_to_everyone_once_published(city: City, held: Held) -> None:
    frank, alice = city.user("frank"), city.user("alice")
    access.require_write_minutes(alice, held.meeting)
    with pytest.raises(PermissionDenied) as refused:
        access.require_write_minutes(frank, held.meeting)
    assert str(refused.value) == access.WHO_WRITES_MINUTES
    published(city, held)
    assert not access.can_write_minutes(viewer_for(alice), held.meeting)
    with pytest.raises(PermissionDenied) as refused:
        access.require_write_minutes(alice, held.meeting)
    assert str(refused.value) == access.MINUTES_PUBLISHED


def test_only_the_secretariat_confirms_the_previous_minutes_not_the_chair(city: City, held: Held) -> None:
    later = next_meeting(city, held)
    assert access.can_confirm_previous_minutes(viewer_for(city.user("alice")), later)
    assert not access.can_confirm_previous_minutes(viewer_for(city.user("erin")), later)
    access.require_confirm_previous_minutes(city.user("alice"), later)
    with pytest.raises(PermissionDenied, match="只有此會議的幕僚單位可以確定上次會議紀錄。"):
        access.require_confirm_previous_minutes(city.user("erin"), later)


def test_the_public_browses_the_series_only_where_the_portal_is_open(city: City, settings: Any) -> None:
    settings.PUBLIC_PORTAL = False
    assert not access.can_browse_series(viewer_for(AnonymousUser()))
    assert access.can_browse_series(viewer_for(city.user("frank")))
    with pytest.raises(PermissionDenied):
        access.require_browse_series(AnonymousUser())
    settings.PUBLIC_PORTAL = True
    assert access.can_browse_series(viewer_for(AnonymousUser()))
    access.require_browse_series(AnonymousUser())


def test_only_a_secretariat_creates_series_and_imports_minutes(city: City) -> None:
    access.require_create_series(city.user("alice"))
    import_access.require_import_minutes(city.user("alice"))
    with pytest.raises(PermissionDenied, match="只有會議幕僚可以新增會議。"):
        access.require_create_series(city.user("bob"))
    with pytest.raises(PermissionDenied, match="只有會議幕僚或系統管理者可以匯入會議紀錄。"):
        import_access.require_import_minutes(city.user("bob"))


def test_the_first_session_may_also_leave_out_its_previous_minutes_section(city: City, held: Held) -> None:
    assert omittable_kinds(held.meeting) == (*OMITTABLE_KINDS, K.PREVIOUS_MINUTES)
    assert omittable_kinds(next_meeting(city, held)) == OMITTABLE_KINDS
    assert not may_omit_section(K.REPORTS, omittable_kinds(held.meeting), empty=True)
    assert not may_omit_section(K.DISCUSSIONS, OMITTABLE_KINDS, empty=False)
    assert may_omit_section(K.DISCUSSIONS, OMITTABLE_KINDS, empty=True)


def test_a_section_with_content_stays_and_an_empty_one_is_left_out(city: City, held: Held) -> None:
    alice = city.user("alice")
    discussions = held.meeting.sections.get(kind=K.DISCUSSIONS)
    with pytest.raises(ValidationError, match="只能刪除沒有內容的段落。"):
        do_delete_minutes_section(alice, discussions)
    actions.do_delete_item(alice, held.proposal)
    do_delete_minutes_section(alice, discussions)
    assert not held.meeting.sections.filter(kind=K.DISCUSSIONS).exists()
