"""The web import's parsing runs in the background: queued in the database, run by the worker, each file in a bounded child."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from lieguan.core.models import AuditEntry
from lieguan.meetings import tasks
from lieguan.meetings.actions import importing as imp
from lieguan.meetings.importing import reading
from lieguan.meetings.models import ImportBatch
from tests.meetings.import_support import CHIEF_83, OFFICE_39, WORK_REPORT, F
from tests.pages import find

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


# The worker's loop closes a connection left outside autocommit, as a test's transaction would leave it on
# PostgreSQL: the tests that run it commit for real.
WORKER_LOOP = pytest.mark.django_db(transaction=True)


def run_worker_once() -> None:
    """The worker's own loop (`lieguan worker`), until the queue is empty."""
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0", verbosity=0)


def _upload(client, paths) -> ImportBatch:
    files = [SimpleUploadedFile(p.name, p.read_bytes()) for p in paths]
    response = client.post(reverse("meetings:import"), {"uploads": files})
    assert response.status_code == 302
    return ImportBatch.objects.latest("pk")


@WORKER_LOOP
def test_an_upload_is_queued_in_the_database_and_the_worker_parses_it_not_the_request(client, city, settings, monkeypatch):
    settings.TASKS = DATABASE_QUEUE
    client.force_login(city.user("alice"))
    batch = _upload(client, [CHIEF_83, WORK_REPORT, OFFICE_39])
    assert list(batch.files.values_list("status", flat=True)) == [F.PENDING] * 3
    queued = DBTaskResult.objects.all()
    assert [(q.task_path, q.status) for q in queued] == [("lieguan.meetings.tasks.parse_import_file", "READY")] * 3
    page = client.get(reverse("meetings:import_batch", args=[batch.pk]), headers={"HX-Request": "true"}).content.decode()
    assert "已處理 0 / 3 個檔案" in page and find(page, "//*[@hx-trigger='every 2s']")

    def parsed_here(*args, **kwargs):
        raise AssertionError("a file was parsed in the worker's own process, not in its bounded child")

    monkeypatch.setattr(reading, "read_document", parsed_here)
    monkeypatch.setattr(imp, "read_document", parsed_here)
    run_worker_once()
    # The worker queued the waiting files again as it started (in case a worker before it died): each is parsed once.
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert AuditEntry.objects.filter(action="import.parse").count() == 3
    assert sorted(batch.files.values_list("status", flat=True)) == [F.FAILED, F.PARSED, F.PARSED]
    page = client.get(reverse("meetings:import_batch", args=[batch.pk]), headers={"HX-Request": "true"}).content.decode()
    assert "已處理 3 / 3 個檔案，解析完成" in page and not find(page, "//*[@hx-trigger='every 2s']")
    assert "這份文件不是會議紀錄" in page
    # The files were parsed as the person who uploaded them.
    assert set(AuditEntry.objects.filter(action="import.parse").values_list("actor_id", flat=True)) == {city.user("alice").pk}


@WORKER_LOOP
def test_files_left_waiting_by_a_worker_that_died_are_queued_again_when_a_worker_starts(city, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    batch = imp.do_start_import(city.user("alice"), [(p.name, p.read_bytes()) for p in (CHIEF_83, OFFICE_39)])
    # The worker parsed the first file and died before the second: its task is left "running" for ever.
    imp.do_parse_import_file(city.user("alice"), imp.next_pending(batch))
    assert batch.files.filter(status=F.PENDING).count() == 1
    settings.TASKS = DATABASE_QUEUE
    run_worker_once()
    assert list(batch.files.values_list("status", flat=True)) == [F.PARSED, F.PARSED]
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["SUCCESSFUL"]  # the one file left waiting


def test_a_file_parsed_twice_at_once_is_written_once(city):
    alice = city.user("alice")
    batch = imp.do_start_import(alice, [(OFFICE_39.name, OFFICE_39.read_bytes())])
    first, second = batch.files.get(), batch.files.get()
    imp.do_parse_import_file(alice, first)
    imp.do_parse_import_file(alice, second)  # a second worker, holding the row as it was before the first wrote
    assert second.status == F.PARSED
    assert AuditEntry.objects.filter(action="import.parse").count() == 1


def test_a_batch_of_the_cli_is_parsed_as_the_operators_job(city):
    from lieguan.core.actors import SystemActor

    batch = imp.do_start_import(SystemActor("lieguan import"), [(OFFICE_39.name, OFFICE_39.read_bytes())])
    assert tasks.importer_of(batch).label == "lieguan import"
    assert tasks.parse_import_file.call(batch.files.get().pk) == F.PARSED
    assert batch.files.get().status == F.PARSED
