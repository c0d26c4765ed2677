"""Shared fixtures: isolated file storage, and the people of a small city for unit tests."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings as hypothesis_settings

from tests.examples import PROFILE, SCALES

# Playwright's sync API runs an event loop in the test thread; Django would take
# the test's own database calls for async ones and refuse them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# `lieguan` speaks the terminal's language (lieguan/cli.py); the tests read its Chinese whatever the developer's locale.
os.environ["LIEGUAN_LANGUAGE"] = "zh-hant"

# Property tests: "ci" by default, "quick" or "thorough" with HYPOTHESIS_PROFILE (tests/examples.py scales the
# examples each test asks for). CI starts from a clean clone, where an example database would only write into the
# checkout: a failure prints the blob that reproduces it (@reproduce_failure) instead.
for _name, _scale in SCALES.items():
    _database = {"database": None} if _name == "ci" else {}
    hypothesis_settings.register_profile(_name, max_examples=max(1, round(100 * _scale)), print_blob=True, **_database)
hypothesis_settings.load_profile(PROFILE)


# Tables whose rows a trigger refuses to delete (core/migrations/0002_audit_append_only.py): emptied by TRUNCATE.
_DELETE_REFUSED = {"core_auditentry"}


def _flush_by_delete(self, style, tables, *, reset_sequences=False, allow_cascade=False):
    """PostgreSQL's flush between transactional tests (the browser tests, the live server's): DELETE, not TRUNCATE.

    Django empties every table with one TRUNCATE, which on PostgreSQL makes new files for each of the 77 tables
    and their indexes: 2.6 s a test, against 0.07 s to delete the few rows a test leaves. Django's foreign keys
    are deferred to the commit, by which time every table is empty, so the order does not matter. SQLite's
    flush already deletes.
    """
    if reset_sequences or allow_cascade:
        return _truncate(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
    quote = self.quote_name
    refused = [t for t in tables if t in _DELETE_REFUSED]
    statements = [f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(quote(t))};" for t in tables if t not in _DELETE_REFUSED]
    if refused:
        statements += _truncate(self, style, refused)
    return statements


try:
    from django.db.backends.postgresql.operations import DatabaseOperations as _PostgresOperations
except ImportError:  # the pure library's tests run without Django's PostgreSQL driver
    pass
else:
    _truncate = _PostgresOperations.sql_flush
    _PostgresOperations.sql_flush = _flush_by_delete


def _touches_the_database(item: pytest.Item) -> bool:
    return item.get_closest_marker("django_db") is not None or bool({"_django_db_helper", "live_server"} & set(item.fixturenames))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark what one database suffices for: a test that touches no database, and a browser test, which checks what
    the browser shows and does (the pages' queries are checked on every database by the view tests), unless it is
    about how the database serves requests at once (``every_database``). CI's second database skips them
    (``-m "not one_database"``, .ci/run): their answer cannot differ there, and they are half of the suite's time."""
    for item in items:
        if item.get_closest_marker("every_database"):
            continue
        if item.get_closest_marker("browser") or not _touches_the_database(item):
            item.add_marker(pytest.mark.one_database)


def _django_settings(request):
    """pytest-django's settings fixture, or None when the pure library's tests run with -p no:django."""
    if not request.config.pluginmanager.hasplugin("django"):
        return None
    return request.getfixturevalue("settings")


@pytest.fixture(autouse=True)
def _isolated_files(request, tmp_path):
    settings = _django_settings(request)
    if settings is None:
        return
    settings.MEDIA_ROOT = tmp_path / "files"
    # Static files straight from the source tree: tests do not run collectstatic.
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Links sent away (e-mails, feeds, QR codes) point where the test client reaches the site.
    settings.LIEGUAN_BASE_URL = "http://testserver"


@pytest.fixture(autouse=True)
def _tasks_run_at_once(request):
    # A queued task runs at once in the test's thread (django-tasks' ImmediateBackend); the tests of the
    # database queue and its worker set the DatabaseBackend themselves (tests/meetings/test_import_background.py).
    settings = _django_settings(request)
    if settings is not None:
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _interface_in_its_source_language():
    # The test client answers in this thread, and a page asked for in English leaves English active in it:
    # each test starts in the site's own language (Traditional Chinese), as every request that sets none does.
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _audit_events_declared(request):
    # Recording an event the registry does not declare raises in tests (in production it is logged): core/audit.py.
    settings = _django_settings(request)
    if settings is not None:
        settings.LIEGUAN_AUDIT_STRICT = True


@pytest.fixture(autouse=True)
def _fast_password_hashing(request):
    # Argon2 is slow on purpose; tests that are about hashing ask for it with @pytest.mark.argon2.
    settings = _django_settings(request)
    if settings is not None and "argon2" not in request.keywords:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def city(db):
    from tests.factories import make_city

    return make_city()


@pytest.fixture
def demo_city(db):
    """The demo city inside the test's transaction (copied in after the first load: tests/demo_snapshot.py)."""
    from tests.demo_snapshot import load_demo_for_test

    return load_demo_for_test()


@pytest.fixture
def council(city):
    """The city's 主任秘書會報: meeting 224 with two conclusions to track, meeting 225 a month later."""
    from tests.factories import make_council

    return make_council(city)
