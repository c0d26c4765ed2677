"""Issue 5: the tracking pages go through tracking.access: what others' agencies' ids give a liaison is "not found"."""

from __future__ import annotations

import io

import pytest

from lieguan.tracking import actions as t
from tests.factories import SETUP
from tests.pages import find
from tests.tracking.board import make_board

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(city):
    return make_board(city)


@pytest.fixture
def petition(board):
    """A case of 教育局 alone, with a report and a file: nothing 資訊局's liaison may see."""
    case = t.do_create_case(
        SETUP, source="petition", owner=board.city.rdec, title="校園周邊人行道", text="請教育局查明。", lead=board.city.edu
    )
    report = t.do_submit_report(
        board.city.user("carol"),
        case.assignments.get(),
        text="已會同區公所查明。",
        proposal="release",
        files=[(io.BytesIO("現場照片說明\n".encode()), "說明.txt")],
    )
    return case, report.attachments.get()


def as_user(client, board, name: str):
    client.force_login(board.city.user(name))
    return client


def test_a_liaison_guessing_another_agencys_case_or_file_finds_nothing(client, board, petition):
    case, attachment = petition
    bob = as_user(client, board, "bob")
    assert bob.get(f"/cases/{case.pk}/").status_code == 404
    assert bob.get(f"/cases/attachments/{attachment.pk}/").status_code == 404
    assert bob.get(f"/cases/attachments/{attachment.pk + 1000}/").status_code == 404
    assert bob.get(f"/cases/assignments/{case.assignments.get().pk}/report/").status_code == 404
    assert bob.get(f"/cases/{case.pk}/edit/").status_code == 404
    assert "校園周邊人行道" not in bob.get("/cases/").content.decode()


def test_the_agency_and_the_managers_open_the_file(client, board, petition):
    _, attachment = petition
    for name in ("carol", "dave"):
        response = as_user(client, board, name).get(f"/cases/attachments/{attachment.pk}/")
        assert response.status_code == 200
        assert b"".join(response.streaming_content).decode() == "現場照片說明\n"
        assert "filename*=UTF-8''%E8%AA%AA%E6%98%8E.txt" in response["Content-Disposition"]


def test_a_liaison_reads_a_shared_case_but_reports_only_for_their_agency(client, board):
    bob = as_user(client, board, "bob")
    assert bob.get(f"/cases/{board.case.pk}/").status_code == 200
    assert bob.get(f"/cases/assignments/{board.assignment('資訊局').pk}/report/").status_code == 200
    assert bob.get(f"/cases/assignments/{board.assignment('教育局').pk}/report/").status_code == 403
    assert bob.get(f"/cases/{board.case.pk}/edit/").status_code == 403
    response = bob.post(f"/cases/{board.case.pk}/assignments/", {"organisation": board.city.rdec.pk, "role": "co"})
    assert response.status_code == 403


def test_selecting_and_deciding_are_for_the_series_managers(client, board):
    bob = as_user(client, board, "bob")
    conclusion = board.case.conclusion
    assert bob.get(f"/cases/select/{conclusion.pk}/").status_code == 403
    assert bob.get(f"/cases/meetings/{board.past.pk}/select/").status_code == 403
    assert bob.post(f"/cases/meetings/{board.next.pk}/decisions/", {}).status_code in (403, 404)
    assert bob.post(f"/cases/meetings/{board.next.pk}/status-report/place/").status_code in (403, 404)
    assert bob.get("/cases/new/").status_code == 403
    frank = as_user(client, board, "frank")
    assert frank.get(f"/cases/select/{conclusion.pk}/").status_code == 404
    assert frank.get(f"/cases/select/{conclusion.pk + 1000}/").status_code == 404
    dave = as_user(client, board, "dave")
    assert dave.get(f"/cases/select/{conclusion.pk}/").status_code == 200


def test_a_liaison_sees_only_their_agencys_rows_of_a_status_report(client, board):
    other = t.do_select_case(board.city.user("alice"), board.case.conclusion, lead=board.city.edu)
    page = as_user(client, board, "bob").get(f"/cases/meetings/{board.next.pk}/status-report/").content.decode()
    assert f"/cases/{board.case.pk}/" in rows_of(page)
    assert f"/cases/{other.pk}/" not in rows_of(page) and "僅列出貴機關" in page
    assert as_user(client, board, "frank").get(f"/cases/meetings/{board.next.pk}/status-report/").status_code == 404
    whole = as_user(client, board, "alice").get(f"/cases/meetings/{board.next.pk}/status-report/").content.decode()
    assert f"/cases/{other.pk}/" in rows_of(whole) and "僅列出貴機關" not in whole


def rows_of(report):
    """The case of each row of a status report, as the address its row heading links to."""
    return [a.get("href") for a in find(report, "//tr/th[@scope='row']/a")]


def test_only_administrators_load_the_calendar(client, board):
    assert as_user(client, board, "alice").get("/cases/calendar/").status_code == 403
    assert as_user(client, board, "root").get("/cases/calendar/").status_code == 200


def test_signed_out_visitors_are_sent_to_sign_in(client, board):
    response = client.get(f"/cases/{board.case.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
