"""The status report per meeting, reporting cycles after decisions, placing the report on the agenda, levels, access."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lieguan.meetings import actions as m
from lieguan.meetings.models import AgendaSection, Meeting
from lieguan.organisations import actions as org_actions
from lieguan.organisations.models import Role
from lieguan.tracking import access, status_report
from lieguan.tracking import actions as t
from lieguan.tracking.actions import Decide
from lieguan.tracking.cycles import current_cycle, current_cycles
from lieguan.tracking.models import StatusReport
from lieguan.tracking.status_report import report_text
from tests.factories import SETUP, during
from tests.tracking.board import make_board

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(city):
    return make_board(city)


def submit(board, agency: str, text: str, proposal: str = "continue"):
    user = board.city.user({"資訊局": "bob", "教育局": "carol"}[agency])
    return t.do_submit_report(user, board.assignment(agency), text=text, proposal=proposal)


def line_of(meeting: Meeting, case):
    return next(line for line in status_report.build(meeting).lines if line.case == case)


def test_reports_are_for_the_next_meeting_until_it_decides_then_for_the_one_after(board):
    first = submit(board, "資訊局", "已完成盤點。", "release")
    assert first.cycle_meeting == board.next
    with during(board.next):
        t.do_record_decisions(board.city.user("alice"), board.next, [Decide(board.case, "continue")])
    assert current_cycle(board.case).meeting == board.after
    second = submit(board, "資訊局", "已提出擴充方案。", "release")
    assert second.pk != first.pk and second.cycle_meeting == board.after
    first.refresh_from_db()
    assert first.text == "已完成盤點。"


def test_the_bulk_cycles_agree_with_the_single_ones(board):
    with during(board.next):
        t.do_record_decisions(board.city.user("alice"), board.next, [Decide(board.case, "continue")])
    other = t.do_create_case(SETUP, source="petition", owner=board.city.rdec, title="陳情", text="請教育局查明。", lead=board.city.edu)
    cycles = current_cycles([board.case, other])
    assert cycles[board.case.pk] == current_cycle(board.case)
    assert cycles[other.pk] == current_cycle(other) and cycles[other.pk].key.startswith("month:")


def test_each_meetings_status_report_shows_the_reports_written_for_it(board):
    submit(board, "資訊局", "第一期：盤點完成。", "release")
    submit(board, "教育局", "第一期：彙整中。")
    with during(board.next):
        t.do_record_decisions(
            board.city.user("alice"),
            board.next,
            [Decide(board.case, "release", (board.city.it,)), Decide(board.case, "continue", (board.city.edu,))],
        )
    submit(board, "教育局", "第二期：彙整完成。", "release")

    first = line_of(board.next, board.case)
    assert [report_text(a) for a in first.agencies] == ["第一期：盤點完成。", "第一期：彙整中。"]
    assert [a.decision.decision for a in first.agencies] == ["release", "continue"]
    second = line_of(board.after, board.case)
    assert [report_text(a) for a in second.agencies] == ["（已解除列管）", "第二期：彙整完成。"]
    assert second.agencies[1].previous.text == "第一期：彙整中。"
    assert second.missing_reports == []


def test_an_agency_that_has_not_reported_for_this_meeting_is_missing_even_with_an_old_report(board):
    submit(board, "教育局", "第一期：彙整中。")
    with during(board.next):
        t.do_record_decisions(board.city.user("alice"), board.next, [Decide(board.case, "continue")])
    line = line_of(board.after, board.case)
    assert [a.assignment.organisation.short_name for a in line.missing_reports] == ["資訊局", "教育局"]
    table = status_report.as_table(status_report.build(board.after))
    assert "【教育局】（本期未填報）" in table.rows[0][3]


def test_placing_the_status_report_makes_it_the_first_report_item(board):
    alice = board.city.user("alice")
    reports = board.next.sections.get(kind=AgendaSection.Kind.REPORTS)
    m.do_add_item(SETUP, reports, title="116 年度資訊預算", presenter=board.city.it)
    placed = t.do_place_status_report(alice, board.next)
    assert placed.item.position == 1 and placed.item.title.endswith("執行情形")
    assert placed.generated_by == alice
    again = t.do_place_status_report(alice, board.next)
    assert again.pk == placed.pk and again.item == placed.item
    assert reports.items.count() == 2 and reports.items.get(position=2).title == "116 年度資訊預算"


def test_only_the_series_secretariat_places_the_report_and_not_in_published_minutes(board):
    with pytest.raises(PermissionDenied):
        t.do_place_status_report(board.city.user("bob"), board.next)
    with pytest.raises(PermissionDenied):
        t.do_place_status_report(board.city.user("dave"), board.next)
    Meeting.objects.filter(pk=board.next.pk).update(minutes_state=Meeting.MinutesState.PUBLISHED)
    board.next.refresh_from_db()
    with pytest.raises(ValidationError, match="已發布"):
        t.do_place_status_report(board.city.user("alice"), board.next)
    assert not StatusReport.objects.exists()


def test_a_deadline_given_as_the_conclusions_date_keeps_its_words(board):
    conclusion = board.case.conclusion
    case = t.do_select_case(
        board.city.user("alice"), conclusion, lead=board.city.edu, deadline=dt.date(2026, 12, 31), deadline_basis="年底前"
    )
    assert case.deadline_basis == "年底前"
    by_days = t.do_select_case(board.city.user("alice"), conclusion, lead=board.city.edu, working_days=5, deadline_basis="年底前")
    assert by_days.deadline_basis == "5 個工作日"


def test_a_bureau_secretariat_reads_its_agencys_cases_and_may_keep_tracking_them(board):
    it_secretary = org_actions.do_create_user(SETUP, username="grace", password="Grace-Password-2026")
    org_actions.do_grant_role(SETUP, it_secretary, Role.SECRETARIAT, board.city.it)
    assert access.access_case(it_secretary, board.case.pk) == board.case
    assert not access.spawn_series(it_secretary, board.case).exists()
    bureau = m.do_create_series(SETUP, owner=board.city.it, code="it-board", name="局務會議")
    assert list(access.spawn_series(it_secretary, board.case)) == [bureau]
    # Not into someone else's series, and not the 秘書處's even for a co-organiser it does not run.
    assert not access.spawn_series(board.city.user("carol"), board.case).exists()
    # The city series (owned by the root) is never a bureau series, even for a manager of everything.
    assert list(access.spawn_series(board.city.user("dave"), board.case)) == [bureau]


def test_a_liaison_sees_and_selects_nothing_of_another_agency(board):
    from django.http import Http404

    stranger = t.do_create_case(SETUP, source="petition", owner=board.city.rdec, title="陳情", text="…", lead=board.city.edu)
    with pytest.raises(Http404):
        access.access_case(board.city.user("bob"), stranger.pk)
    with pytest.raises(PermissionDenied):
        access.access_conclusion(board.city.user("bob"), board.case.conclusion_id)
    assert list(access.managed_owners(board.city.user("bob"))) == []
    assert set(access.managed_cases(board.city.user("alice"))) == {board.case}
