"""A deadline given in working days reads in the reader's language; what the minutes said stays as they said it."""

from __future__ import annotations

import datetime as dt
from copy import deepcopy

import pytest
from django.test import Client

from lieguan.tracking import actions as t
from lieguan.tracking.models import TrackedCase
from tests.factories import SETUP
from tests.pages import find, parse, text_of
from tests.tracking.board import make_board

pytestmark = pytest.mark.django_db


def deadline_on_case_page(user, case: TrackedCase, language: str) -> tuple[str, str]:
    """(the case page's 列管期限 line, that line less the records' own words) as ``language`` reads it."""
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    tree = parse(client.get(f"/cases/{case.pk}/"))
    line = [term for term in find(tree, "//dl[contains(@class, 'facts')]/dt") if text_of(term) in ("列管期限", "Deadline")]
    assert line, "the case page lists its deadline"
    dd = line[0].getnext()
    interface = deepcopy(dd)
    for record in interface.xpath(".//*[@data-record]"):
        record.drop_tree()
    return text_of(dd), text_of(interface)


@pytest.fixture
def board(city):
    return make_board(city)


def test_ten_working_days_read_in_english_and_in_chinese_and_the_report_keeps_the_stored_words(board):
    case = t.do_update_case(SETUP, board.case, working_days=10)
    assert case.deadline_basis == "10 個工作日"  # stored as the status report prints it
    user = board.city.user("alice")
    english, english_interface = deadline_on_case_page(user, case, "en")
    assert "(10 working days)" in english and "個工作日" not in english
    assert "10 working days" in english_interface  # the interface's words, not the record's
    chinese, _ = deadline_on_case_page(user, case, "zh-hant")
    assert "（10 個工作日）" in chinese


def test_one_working_day_is_singular_in_english(board):
    case = t.do_update_case(SETUP, board.case, working_days=1)
    english, _ = deadline_on_case_page(board.city.user("alice"), case, "en")
    assert "(1 working day)" in english


def test_what_the_minutes_said_stays_as_the_record_has_it_in_either_language(board):
    TrackedCase.objects.filter(pk=board.case.pk).update(deadline=dt.date(2026, 10, 31), deadline_basis="10 月底前")
    board.case.refresh_from_db()
    english, english_interface = deadline_on_case_page(board.city.user("alice"), board.case, "en")
    assert "10 月底前" in english and "10 月底前" not in english_interface
