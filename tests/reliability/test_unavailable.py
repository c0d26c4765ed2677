"""An unreachable database or an unwritable data directory answers 503 with Retry-After, a page that says so, one log line (issue 20, 7)."""

from __future__ import annotations

import errno
import io
import logging
import os
import subprocess
import sys
import textwrap

import pytest
from django.core.files.storage import FileSystemStorage
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client

from lieguan.tracking import actions as t
from lieguan.tracking.models import ProgressReport


def _no_database(*args, **kwargs):
    raise OperationalError("server closed the connection unexpectedly")


def _unavailable_lines(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "lieguan.unavailable"]


def _tracebacks(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.exc_info and r.name != "lieguan.unavailable"]


@pytest.mark.django_db
def test_a_signed_in_page_answers_503_with_retry_after_when_the_database_is_gone(council, monkeypatch, caplog):
    # The session is read inside a middleware, where Django turns the error into a 500 before the view;
    # the test client would re-raise it, a server does not.
    client = Client(raise_request_exception=False)
    client.force_login(council.city.user("bob"))
    with monkeypatch.context() as patch:
        patch.setattr(CursorWrapper, "execute", _no_database)
        patch.setattr(CursorWrapper, "executemany", _no_database)
        response = client.get("/cases/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "無法連線到資料庫" in response.content.decode()
    lines = _unavailable_lines(caplog)
    assert len(lines) == 1 and "database unavailable" in lines[0].getMessage() and "/cases/" in lines[0].getMessage()
    assert lines[0].exc_info is None
    # Django's own record of the error, traceback and all, is dropped by the log handlers' filter.
    from lieguan.core.middleware import SkipUnavailableFilter

    assert _tracebacks(caplog) and not any(SkipUnavailableFilter().filter(r) for r in _tracebacks(caplog))


@pytest.mark.django_db
def test_an_api_call_answers_503_in_problem_json_when_the_database_is_gone(council, monkeypatch, caplog):
    from lieguan.api.actions import do_create_token

    token = do_create_token(council.city.user("bob"), name="可靠度測試")[1]
    with monkeypatch.context() as patch:
        patch.setattr(CursorWrapper, "execute", _no_database)
        response = Client().get("/api/v1/series", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "30"
    assert len(_unavailable_lines(caplog)) == 1


@pytest.mark.django_db
def test_a_report_whose_attachment_cannot_be_stored_answers_503_saying_the_data_directory_is_unwritable(
    client, council, monkeypatch, caplog, settings
):
    case = t.do_select_case(council.city.user("alice"), council.it_conclusion, lead=council.city.it)
    client.force_login(council.city.user("bob"))

    def read_only(storage, name, content):
        raise OSError(errno.EROFS, "Read-only file system", os.path.join(str(settings.MEDIA_ROOT), name))

    upload = io.BytesIO("盤點結果\n".encode())
    upload.name = "盤點.txt"
    with monkeypatch.context() as patch:
        patch.setattr(FileSystemStorage, "_save", read_only)
        response = client.post(
            f"/cases/assignments/{case.assignments.get().pk}/report/",
            {"text": "已完成盤點。", "proposal": "continue", "attachments": [upload]},
        )
    assert response.status_code == 503
    assert "無法寫入資料目錄" in response.content.decode()
    assert len(_unavailable_lines(caplog)) == 1
    assert not ProgressReport.objects.exists()


def test_an_oserror_elsewhere_is_not_mistaken_for_unavailable_storage():
    from lieguan.core.middleware import unavailable_cause

    assert unavailable_cause(OSError(errno.EROFS, "Read-only file system", "/usr/share/x")) is None
    assert unavailable_cause(FileNotFoundError(errno.ENOENT, "No such file", "/anything")) is None
    assert unavailable_cause(ValueError("x")) is None


def test_sqlite_refusing_to_write_is_told_as_the_data_directory_not_the_connection():
    from lieguan.core.middleware import unavailable_cause

    assert unavailable_cause(OperationalError("attempt to write a readonly database")) == "storage"
    assert unavailable_cause(OperationalError("database or disk is full")) == "storage"
    assert unavailable_cause(OperationalError("connection refused")) == "database"


_SERVE = textwrap.dedent(
    """
    import django
    django.setup()
    from django.conf import settings
    from django.test import Client
    # Static files from the source tree, as in the other tests: there is no collectstatic here.
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    for path in ("/accounts/login/", "/api/v1/series"):
        # Signing in is the first thing that needs the database (a page needs a session first).
        response = Client().post(path, {"username": "bob", "password": "x"}) if "login" in path else Client().get(path)
        print(path, response.status_code, response.get("Retry-After"))
    """
)


@pytest.mark.parametrize(
    "database_url",
    ["postgres://lieguan@127.0.0.1:1/unreachable", "sqlite:////nonexistent-lieguan-dir/db.sqlite3"],
    ids=["postgresql", "sqlite"],
)
def test_a_server_whose_database_cannot_be_reached_answers_503_and_logs_one_line_per_request(tmp_path, database_url):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lieguan.settings",
        "DATABASE_URL": database_url,
        "LIEGUAN_DATA_DIR": str(tmp_path),
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "testserver",
    }
    done = subprocess.run([sys.executable, "-c", _SERVE], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    statuses = [line.split() for line in done.stdout.splitlines()]
    assert [s[1:] for s in statuses] == [["503", "30"]] * 2, done.stdout
    log = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(log) == 2 and all("database unavailable" in line for line in log), done.stderr
    assert "Traceback" not in done.stderr
