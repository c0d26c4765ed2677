"""A decompression bomb uploaded through the web import is refused by the background parse, never by the web worker (issue 20)."""

from __future__ import annotations

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from lieguan.meetings import tasks
from lieguan.meetings.actions import importing as imp
from lieguan.meetings.importing import reading
from lieguan.meetings.models import ImportBatch, ImportFile
from tests.reliability import bombs

GB = 1024 * 1024 * 1024


# Committed for real: the worker's loop closes a connection left outside autocommit by a test's transaction.
@pytest.mark.django_db(transaction=True)
def test_a_docx_bomb_uploaded_through_the_web_is_refused_by_the_background_parse_within_30_seconds_and_1_gb(
    client, city, settings, monkeypatch
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

    def parsed_in_this_process(*args, **kwargs):
        raise AssertionError("the bomb was parsed by the web (or the worker's own) process")

    monkeypatch.setattr(reading, "read_document", parsed_in_this_process)
    monkeypatch.setattr(imp, "read_document", parsed_in_this_process)
    results = []
    read_limited = tasks.read_limited

    def read_and_keep(*args, **kwargs):
        results.append(read_limited(*args, **kwargs))
        return results[-1]

    monkeypatch.setattr(tasks, "read_limited", read_and_keep, raising=True)
    client.force_login(city.user("alice"))
    started = time.monotonic()
    response = client.post(reverse("meetings:import"), {"uploads": [SimpleUploadedFile("bomb.docx", bombs.docx_bomb())]})
    assert response.status_code == 302
    bomb = ImportBatch.objects.latest("pk").files.get()
    assert bomb.status == ImportFile.Status.PENDING  # the request stored and queued it, nothing more

    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0", verbosity=0)
    elapsed = time.monotonic() - started
    # The parsing child's own peak (VmHWM): the test process's other children (a browser) don't count.
    [result] = results
    peak = result.peak_kb * 1024
    bomb.refresh_from_db()
    assert bomb.status == ImportFile.Status.FAILED
    assert "過大" in bomb.error and "並非檔案損壞" in bomb.error and "已損壞" not in bomb.error
    assert elapsed < 30
    assert 0 < peak < GB / 2, f"peak RSS {peak / 2**20:.0f} MB"
