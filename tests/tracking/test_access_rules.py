"""The tracking rules that views, actions and templates share: one predicate each, and the helper that refuses with its message."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lieguan.meetings import actions as m
from lieguan.organisations.access import viewer_for
from lieguan.tracking import access
from lieguan.tracking import actions as t
from lieguan.tracking.models import TrackedCase
from tests.factories import SETUP, City
from tests.tracking.board import Board, make_board

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(city: City) -> Board:
    return make_board(city)


def test_an_agency_without_reports_or_decisions_may_be_removed_by_the_managers_only(board: Board) -> None:
    city = board.city
    edu = board.assignment("教育局")
    assert not access.has_history(edu)
    assert access.can_remove_assignment(viewer_for(city.user("alice")), edu)
    assert not access.can_remove_assignment(viewer_for(city.user("bob")), edu)


def test_an_agency_that_reported_stays_on_the_case(board: Board) -> None:
    city = board.city
    it = board.assignment("資訊局")
    t.do_submit_report(city.user("bob"), it, text="已完成頻寬盤點。", proposal="continue")
    assert access.has_history(it)
    assert not access.can_remove_assignment(viewer_for(city.user("alice")), it)
    with pytest.raises(ValidationError, match="已有辦理情形或列管決定的機關不可移除。"):
        t.do_remove_assignment(city.user("alice"), it)


def test_the_status_report_is_placed_by_the_secretariat_while_the_agenda_is_open(board: Board) -> None:
    city = board.city
    alice, dave = city.user("alice"), city.user("dave")
    assert access.can_place_status_report(viewer_for(alice), board.next)
    assert not access.can_place_status_report(viewer_for(dave), board.next)
    with pytest.raises(PermissionDenied, match="只有此會議的幕僚單位可以將執行情形報告放入議程。"):
        access.require_place_status_report(dave, board.next)
    m.do_cancel_meeting(SETUP, board.next)
    board.next.refresh_from_db()
    assert access.status_report_placing_closed(board.next) == "此會次已取消。"
    assert not access.can_place_status_report(viewer_for(alice), board.next)
    with pytest.raises(ValidationError, match="此會次已取消。"):
        access.require_place_status_report(alice, board.next)


def test_cases_are_created_and_completed_by_those_who_manage_some_body(board: Board) -> None:
    city = board.city
    assert access.manages_some_owner(city.user("alice")) and access.manages_some_owner(city.user("dave"))
    assert not access.manages_some_owner(city.user("bob"))
    access.require_create_cases(city.user("dave"))
    with pytest.raises(PermissionDenied, match="只有會議幕僚或研考人員可以建立列管案件。"):
        access.require_create_cases(city.user("bob"))
    with pytest.raises(PermissionDenied, match="只有會議幕僚或研考人員可以補登列管案件的資料。"):
        access.require_complete_cases(city.user("bob"))


def test_the_escalation_rules_are_refused_to_a_liaison(board: Board) -> None:
    access.require_edit_escalation_rules(board.city.user("dave"))
    with pytest.raises(PermissionDenied, match="只有會議幕僚、研考人員或系統管理者可以修改稽催分級規則。"):
        access.require_edit_escalation_rules(board.city.user("bob"))


def test_keeping_a_case_in_a_bureau_is_refused_first_for_the_case_then_for_the_person(board: Board) -> None:
    city = board.city
    assert not access.can_spawn(city.user("alice"), board.case)
    with pytest.raises(PermissionDenied, match="只有主協辦機關的會議幕僚可以將府級列管案件轉為機關列管。"):
        access.require_spawn(city.user("alice"), board.case)
    board.case.level = TrackedCase.Level.AGENCY
    with pytest.raises(PermissionDenied, match="只有列管中的府級案件可以轉為機關列管。"):
        access.require_spawn(city.user("alice"), board.case)


def test_an_unchanged_deadline_keeps_its_basis_and_a_new_one_replaces_it(board: Board) -> None:
    alice = board.city.user("alice")
    case = board.case
    t.do_update_case(SETUP, case, working_days=3)
    case.refresh_from_db()
    basis, deadline = case.deadline_basis, case.deadline
    assert basis and deadline is not None
    t.do_update_case(alice, case, title="校園網路頻寬擴充", deadline=deadline)
    case.refresh_from_db()
    assert (case.deadline, case.deadline_basis) == (deadline, basis)
    t.do_update_case(alice, case, deadline=deadline + dt.timedelta(days=7))
    case.refresh_from_db()
    assert case.deadline == deadline + dt.timedelta(days=7) and case.deadline_basis == ""
