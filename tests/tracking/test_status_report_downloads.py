"""Issues 16 and 20: status report downloads are built in the background, shown with progress, kept until the report changes."""

from __future__ import annotations

import io

import docx
import pdfplumber
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult
from odf import teletype
from odf.opendocument import load as load_odf
from odf.table import TableCell

from lieguan.meetings import actions as m
from lieguan.meetings.models import AgendaSection
from lieguan.tracking import actions as t
from lieguan.tracking import tasks
from lieguan.tracking.actions import Decide
from lieguan.tracking.models import StatusReportFile
from tests.factories import SETUP, during
from tests.pages import find, hrefs
from tests.tracking.board import make_board

pytestmark = pytest.mark.django_db

S = StatusReportFile.State
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# The worker's loop closes a connection left outside autocommit: the tests that run it commit for real.
WORKER_LOOP = pytest.mark.django_db(transaction=True)


@pytest.fixture
def board(city):
    board = make_board(city)
    # A second case, 教育局's alone: in the whole report, not in 資訊局's liaison's part of it.
    item = m.do_add_item(SETUP, board.past.sections.get(kind=AgendaSection.Kind.REPORTS), title="校園午餐", presenter=city.edu)
    conclusion = m.do_add_conclusion(SETUP, item, text="請教育局檢討校園午餐供應契約。")
    board.edu_case = t.do_select_case(city.user("alice"), conclusion, lead=city.edu)
    return board


def url(board, fmt: str) -> str:
    return f"/cases/meetings/{board.next.pk}/status-report.{fmt}"


def signed_in(client, board, name: str):
    client.force_login(board.city.user(name))
    return client


def pdf_text(content: bytes) -> str:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return "".join(p.extract_text() or "" for p in pdf.pages)


def docx_cells(content: bytes) -> list[str]:
    return [c.text for table in docx.Document(io.BytesIO(content)).tables for row in table.rows for c in row.cells]


def run_worker_once() -> None:
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0", verbosity=0)


@WORKER_LOOP
def test_a_download_is_queued_shown_with_its_progress_built_by_the_worker_then_downloaded(client, board, settings):
    settings.TASKS = DATABASE_QUEUE
    alice = signed_in(client, board, "alice")
    response = alice.get(url(board, "pdf"))
    # The request built nothing: it queued the file and sent its reader to the progress page.
    assert response.status_code == 302 and response["Location"] == f"{url(board, 'pdf')}/progress/"
    assert [(q.task_path, q.status) for q in DBTaskResult.objects.all()] == [("lieguan.tracking.tasks.build_status_report_file", "READY")]
    built = StatusReportFile.objects.get()
    assert (built.state, built.audience, bytes(built.content)) == (S.QUEUED, StatusReportFile.WHOLE, b"")
    page = alice.get(response["Location"]).content.decode()
    assert "排隊中" in page and find(page, "//progress") and find(page, "//*[@hx-trigger='every 1s']")
    # Asking again while it waits queues nothing more.
    assert alice.get(url(board, "pdf")).status_code == 302
    assert DBTaskResult.objects.count() == 1
    run_worker_once()
    # The worker queued the waiting file again as it started (in case a worker before it died): built once.
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    queued = DBTaskResult.objects.count()
    fragment = alice.get(f"{url(board, 'pdf')}/progress/", headers={"HX-Request": "true"}).content.decode()
    assert "已完成" in fragment and not find(fragment, "//*[@hx-trigger='every 1s']") and url(board, "pdf") in hrefs(fragment)
    download = alice.get(url(board, "pdf"))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert "attachment;" in download["Content-Disposition"]
    text = pdf_text(download.content)
    assert board.case.number in text and board.edu_case.number in text
    assert DBTaskResult.objects.count() == queued  # served from the file built, not built again


@WORKER_LOOP
def test_files_left_waiting_by_a_worker_that_stopped_are_built_when_a_worker_starts(client, board, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    signed_in(client, board, "alice").get(url(board, "docx"))
    assert StatusReportFile.objects.get().state == S.QUEUED
    settings.TASKS = DATABASE_QUEUE
    run_worker_once()
    assert StatusReportFile.objects.get().state == S.READY


def test_each_format_opens_in_its_program_and_holds_the_cases(client, board):
    t.do_submit_report(board.city.user("bob"), board.assignment("資訊局"), text="完成盤點。", proposal="release")
    alice = signed_in(client, board, "alice")
    word = alice.get(url(board, "docx"))
    assert word["Content-Type"].startswith("application/vnd.openxmlformats")
    assert board.case.number in docx_cells(word.content) and any("完成盤點" in c for c in docx_cells(word.content))
    odt = load_odf(io.BytesIO(alice.get(url(board, "odt")).content))
    assert any(teletype.extractText(c) == board.case.number for c in odt.getElementsByType(TableCell))
    assert "完成盤點" in pdf_text(alice.get(url(board, "pdf")).content)
    assert sorted(StatusReportFile.objects.values_list("fmt", flat=True)) == ["docx", "odt", "pdf"]
    assert alice.get(url(board, "exe")).status_code == 404
    assert alice.get(f"{url(board, 'exe')}/progress/").status_code == 404


def test_a_file_built_is_served_again_without_building_while_the_report_is_unchanged(client, board, monkeypatch):
    alice = signed_in(client, board, "alice")
    first = alice.get(url(board, "docx")).content
    built = []
    monkeypatch.setattr(tasks, "render_table", lambda doc, fmt: built.append(fmt) or b"")
    with CaptureQueriesContext(connection) as queries:
        again = alice.get(url(board, "docx"))
    assert again.content == first and built == []
    assert not [q["sql"] for q in queries.captured_queries if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))]


def test_a_new_progress_report_or_a_decision_makes_the_next_download_new(client, board):
    alice = signed_in(client, board, "alice")
    assert not any("頻寬已擴充" in c for c in docx_cells(alice.get(url(board, "docx")).content))
    before = StatusReportFile.objects.get().fingerprint
    t.do_submit_report(board.city.user("bob"), board.assignment("資訊局"), text="頻寬已擴充。", proposal="release")
    assert any("頻寬已擴充" in c for c in docx_cells(alice.get(url(board, "docx")).content))
    reported = StatusReportFile.objects.get().fingerprint
    assert reported != before
    with during(board.next):
        t.do_record_decisions(board.city.user("alice"), board.next, [Decide(board.case, "release", (board.city.it,))])
    cells = docx_cells(alice.get(url(board, "docx")).content)
    assert "本次會議決定" in cells and any("資訊局：解除列管" in c for c in cells)
    assert StatusReportFile.objects.get().fingerprint not in (before, reported)


def test_a_liaison_gets_their_own_part_never_the_whole_reports_file_nor_the_reverse(client, board):
    alice = signed_in(client, board, "alice")
    whole = alice.get(url(board, "pdf")).content
    assert board.edu_case.number in pdf_text(whole)
    bob = signed_in(client, board, "bob")
    part = bob.get(url(board, "pdf")).content
    assert board.case.number in pdf_text(part) and board.edu_case.number not in pdf_text(part)
    bob_user = board.city.user("bob")
    assert set(StatusReportFile.objects.values_list("audience", flat=True)) == {"whole", f"user:{bob_user.pk}"}
    # Another agency's liaison has a part of their own, with their agency's case.
    carol = signed_in(client, board, "carol")
    theirs = pdf_text(carol.get(url(board, "pdf")).content)
    assert board.edu_case.number in theirs
    assert StatusReportFile.objects.count() == 3
    # The whole report's file, asked for after the parts, is still the whole one.
    alice = signed_in(client, board, "alice")
    assert board.edu_case.number in pdf_text(alice.get(url(board, "pdf")).content)


def test_someone_who_may_not_open_the_meeting_gets_neither_the_file_nor_its_progress(client, board):
    signed_in(client, board, "alice").get(url(board, "pdf"))
    frank = signed_in(client, board, "frank")
    assert frank.get(url(board, "pdf")).status_code == 404
    assert frank.get(f"{url(board, 'pdf')}/progress/").status_code == 404


def test_a_failed_build_says_so_and_is_built_again_when_asked(client, board, monkeypatch):
    def broken(doc, fmt):
        raise RuntimeError("typesetting failed")

    monkeypatch.setattr(tasks, "render_table", broken)
    alice = signed_in(client, board, "alice")
    response = alice.get(url(board, "pdf"))
    assert response.status_code == 302
    page = alice.get(response["Location"]).content.decode()
    assert "製作失敗" in page and "重新製作" in page
    assert StatusReportFile.objects.get().state == S.FAILED
    monkeypatch.undo()
    assert alice.get(url(board, "pdf")).status_code == 200
    assert StatusReportFile.objects.get().state == S.READY


def test_text_that_looks_like_typst_markup_is_printed_as_written_not_run():
    from lieguan.minutes.tables import Column, TableDocument, render_table_pdf

    tricky = '#set page(paper: "a6") $x^2$ *粗體* _斜體_ <label> @ref \\ `code` = 標題'
    doc = TableDocument(
        title="測試表",
        columns=[Column("編號", 1), Column("內容", 4), Column("數量", 1, numeric=True)],
        rows=[["甲組", None, None], ["1", tricky, 3], ["2", "第一行\n第二行", None]],
        group_rows={0},
    )
    text = pdf_text(render_table_pdf(doc))
    assert "甲組" in text and "第一行" in text and "第二行" in text
    assert all(part in text for part in ('#set page(paper: "a6")', "$x^2$", "*粗體*", "_斜體_", "<label>", "`code`"))
