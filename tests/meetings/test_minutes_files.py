"""Issue 16: the minutes' PDF and DOCX are typeset by the background worker, never in the web request, shown
with their progress, and kept until the minutes' text changes."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from lieguan.meetings import actions, files
from lieguan.meetings.models import MinutesFile
from tests.meetings.minutes_support import held_meeting, written
from tests.pages import find, hrefs

pytestmark = pytest.mark.django_db

S = MinutesFile.State
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def download(meeting, fmt: str) -> str:
    return reverse("meetings:minutes_download", args=[meeting.pk, fmt])


def progress(meeting, fmt: str) -> str:
    return reverse("meetings:minutes_file", args=[meeting.pk, fmt])


def pdf_text(content: bytes) -> str:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return "".join(p.extract_text() or "" for p in pdf.pages)


@pytest.mark.django_db(transaction=True)
def test_the_pdf_is_queued_shown_with_its_progress_built_by_the_worker_then_downloaded(client, city, settings):
    settings.TASKS = DATABASE_QUEUE
    held = written(city, held_meeting(city))
    client.force_login(city.user("alice"))
    response = client.get(download(held.meeting, "pdf"))
    # The request typeset nothing: it queued the file and sent its reader to the progress page.
    assert response.status_code == 302 and response["Location"] == progress(held.meeting, "pdf")
    assert [(q.task_path, q.status) for q in DBTaskResult.objects.all()] == [("lieguan.meetings.tasks.build_minutes_file", "READY")]
    built = MinutesFile.objects.get()
    assert built.state == S.QUEUED and bytes(built.content) == b""
    page = client.get(response["Location"]).content.decode()
    assert "排隊中" in page and find(page, "//progress") and find(page, "//*[@hx-trigger='every 1s']")
    # Asking again while it waits queues nothing more.
    assert client.get(download(held.meeting, "pdf")).status_code == 302 and DBTaskResult.objects.count() == 1

    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0", verbosity=0)
    page = client.get(progress(held.meeting, "pdf"), HTTP_HX_REQUEST="true").content.decode()
    assert "已完成" in page and download(held.meeting, "pdf") in hrefs(page) and not find(page, "//*[@hx-trigger]")
    response = client.get(download(held.meeting, "pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "請資訊局於12月底前提出頻寬擴充計畫" in pdf_text(response.content).replace(" ", "")


def test_a_file_built_from_the_same_text_is_served_again_and_an_edit_builds_it_anew(client, city, monkeypatch):
    held = written(city, held_meeting(city))
    client.force_login(city.user("alice"))
    first = client.get(download(held.meeting, "docx"))
    assert first.status_code == 200 and first.content[:2] == b"PK"

    def no_typesetting(*args, **kwargs):
        raise AssertionError("typeset again for the same text")

    monkeypatch.setattr("lieguan.meetings.tasks.render", no_typesetting)
    assert client.get(download(held.meeting, "docx")).content == first.content
    monkeypatch.undo()

    conclusion = held.report.conclusions.get(label="一")
    actions.do_update_conclusion(city.user("alice"), conclusion, text="請資訊局於 1 月底前提出頻寬擴充計畫。")
    again = client.get(download(held.meeting, "docx"))
    assert again.status_code == 200 and again.content != first.content
    assert MinutesFile.objects.filter(meeting=held.meeting, fmt="docx", state=S.READY).count() == 2


def test_the_quick_formats_are_still_written_in_the_request(client, city):
    held = written(city, held_meeting(city))
    client.force_login(city.user("alice"))
    for fmt in ("txt", "html", "odt", "json"):
        assert client.get(download(held.meeting, fmt)).status_code == 200
    assert not MinutesFile.objects.exists()


def test_the_progress_page_finds_only_the_readers_own_file_and_asks_for_one_when_there_is_none(client, city):
    held = written(city, held_meeting(city))
    client.force_login(city.user("alice"))
    assert client.get(progress(held.meeting, "pdf"))["Location"] == download(held.meeting, "pdf")
    assert client.get(progress(held.meeting, "exe")).status_code == 404
    client.force_login(city.user("frank"))
    assert client.get(progress(held.meeting, "pdf")).status_code == 403


def test_older_texts_files_are_let_go_beyond_the_few_kept(city):
    held = written(city, held_meeting(city))
    from lieguan.meetings.document import minutes_document
    from lieguan.organisations.access import viewer_for

    alice = city.user("alice")
    conclusion = held.report.conclusions.get(label="一")
    for n in range(files.KEPT + 2):
        actions.do_update_conclusion(alice, conclusion, text=f"請資訊局於 {n + 1} 月底前提出頻寬擴充計畫。")
        files.request_minutes_file(alice, held.meeting, minutes_document(held.meeting, reader=viewer_for(alice)), "docx")
    assert MinutesFile.objects.filter(meeting=held.meeting, fmt="docx").count() == files.KEPT
