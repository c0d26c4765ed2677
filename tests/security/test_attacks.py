"""The attack suite: stored XSS in every text field, CSRF on every write, hostile uploads (SQL: test_sql_metacharacters.py)."""

from __future__ import annotations

import importlib
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.test import Client

from lieguan.meetings import actions as m
from lieguan.meetings.models import AgendaItem, Material
from tests.pages import find
from tests.security import scenario as sc
from tests.security.test_matrix import PROBES, _body, _client, _url

pytestmark = pytest.mark.django_db

PAYLOAD = """<script>alert("xss")</script><img src=x onerror=alert(1)>"'><svg onload=alert(1)>{{7*7}}"""
# What would mean the payload reached a page as markup rather than as text.
LIVE_MARKUP = re.compile(r"<script>alert|<img src=x onerror|<svg onload", re.IGNORECASE)

# Fields that are not free text: identifiers, formats, hashes and paths the application itself relies on.
NOT_FREE_TEXT = {
    "code",
    "digest",
    "hash",
    "prev_hash",
    "password",
    "username",
    "email",
    "content_type",
    "case_number_pattern",
    "cycle",
    "key",
    "hint",
    "session_key",
    "source_digest",
    "language",
    "tokens",
    "object_type",
    "object_id",
    "action",
    "kind",
    "ip",
    "path",
}
OUR_APPS = {"core", "organisations", "meetings", "tracking", "api", "search", "reports"}


def _free_text_fields(model: type[models.Model]) -> list[str]:
    out = []
    for field in model._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField) or field.choices:
            continue
        if field.name in NOT_FREE_TEXT or isinstance(field, models.SlugField | models.EmailField | models.FileField):
            continue
        out.append(field.attname)
    return out


@pytest.fixture
def world(demo_city):
    return sc.build_all(demo_city)


@contextmanager
def _audit_log_writable(cursor: Any) -> Iterator[None]:
    """The audit log shows object names and labels too; poisoning them needs its guard lifted (the test's own transaction)."""
    if connection.vendor == "sqlite":
        migration = importlib.import_module("lieguan.core.migrations.0002_audit_append_only")
        cursor.execute("DROP TRIGGER core_auditentry_append_only_update")
        yield
        for sql in migration.SQLITE:
            cursor.execute(sql)
    else:
        cursor.execute("ALTER TABLE core_auditentry DISABLE TRIGGER core_auditentry_append_only")
        yield
        cursor.execute("ALTER TABLE core_auditentry ENABLE TRIGGER core_auditentry_append_only")


def poison_everything() -> None:
    """Every free-text field of every record starts with the payload, as if every form had been filled with it."""
    from lieguan.search.indexer import reindex_all

    with connection.cursor() as cursor, _audit_log_writable(cursor):
        for model in apps.get_models():
            if model._meta.app_label not in OUR_APPS or model._meta.db_table.startswith("search_"):
                continue
            for name in _free_text_fields(model):
                column = model._meta.get_field(name).column
                max_length = getattr(model._meta.get_field(name), "max_length", None)
                value = PAYLOAD if max_length is None else PAYLOAD[: max(0, max_length - 20)]
                table = connection.ops.quote_name(model._meta.db_table)
                col = connection.ops.quote_name(column)
                # Prefixing keeps each value distinct where a uniqueness constraint needs it.
                if max_length is None:
                    cursor.execute(f"UPDATE {table} SET {col} = %s || {col}", [value])  # noqa: S608 (names from the model)
                else:
                    cursor.execute(
                        f"UPDATE {table} SET {col} = substr(%s || {col}, 1, %s)",  # noqa: S608
                        [value, max_length],
                    )
    reindex_all()


@pytest.fixture
def poisoned(world):
    poison_everything()
    return world


def _html_pages(world, persona):
    client = _client(persona, world.users)
    for route_name, probes in PROBES.items():
        for probe in probes:
            if probe.method != "get":
                continue
            url = _url(route_name, probe, world.ids)
            response = client.get(url)
            yield url, response


@pytest.mark.parametrize("persona", ["admin", "liaison"])
def test_no_text_field_ever_reaches_a_page_as_markup(poisoned, persona):
    shown = 0
    for url, response in _html_pages(poisoned, persona):
        assert response.status_code < 500, url
        content_type = response.get("Content-Type", "")
        if response.status_code != 200:
            continue
        body = _body(response)
        if "html" in content_type:
            assert not LIVE_MARKUP.search(body), f"{url} renders user text as markup"
            shown += "&lt;script&gt;alert" in body
        elif "json" in content_type:
            assert response["X-Content-Type-Options"] == "nosniff", url
    # The payload was really there to be escaped, on many pages.
    assert shown >= 20


# CSRF ------------------------------------------------------------------------------------------------------


def _writes():
    for route_name, probes in PROBES.items():
        for probe in probes:
            if probe.method in ("post", "post_json") and probe.everyone is None:
                yield route_name, probe


def test_every_write_refuses_a_request_without_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["admin"])
    checked = 0
    for route_name, probe in _writes():
        url = _url(route_name, probe, world.ids)
        data = probe.data(world.ids) if callable(probe.data) else probe.data
        with transaction.atomic():
            as_json = {"content_type": "application/json"} if probe.method == "post_json" else {}
            response = client.post(url, data, **as_json)
            transaction.set_rollback(True)
        # Pages answer 403; the API, for a session without the token, does not authenticate it at all (401).
        assert response.status_code in (401, 403), f"{route_name} {url} accepted a POST without a CSRF token ({response.status_code})"
        checked += 1
    assert checked >= 30


def test_every_form_that_posts_carries_the_csrf_token(world):
    forms = 0
    for url, response in _html_pages(world, "admin"):
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for form in find(_body(response), "//form"):
            if (form.get("method") or "").lower() == "post":
                forms += 1
                assert find(form, "//input[@name='csrfmiddlewaretoken']"), f"{url}: a POST form without the CSRF token"
    assert forms >= 20


# Uploads ---------------------------------------------------------------------------------------------------

PDF = b"%PDF-1.4\n% upload test\n" + b"1" * 500


def _it_item(world) -> AgendaItem:
    return AgendaItem.objects.get(pk=world.ids["item_it"])


def test_an_uploaded_name_cannot_choose_where_the_file_lands(world, settings):
    material = m.do_upload_material(world.users["secretariat"], _it_item(world), io.BytesIO(PDF), "../../../../etc/cron.d/evil.pdf")
    stored = Path(settings.MEDIA_ROOT, material.file.name).resolve()
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert material.original_name == "evil.pdf"
    assert stored.read_bytes() == PDF


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("簡報.pdf", b"<html><script>alert(1)</script></html>", "內容"),
        ("簡報.exe", b"MZ\x90\x00", "不接受"),
        ("簡報.pdf", b"", "空的"),
        ("簡報.docx", PDF, "不符"),
    ],
)
def test_a_file_is_judged_by_its_content_not_its_name(world, name, content, message):
    before = Material.objects.count()
    with pytest.raises(ValidationError, match=message):
        m.do_upload_material(world.users["secretariat"], _it_item(world), io.BytesIO(content), name)
    assert Material.objects.count() == before


def test_an_oversized_upload_is_refused_and_nothing_is_kept(world, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    before = Material.objects.count()
    client = _client("liaison", world.users)
    upload = io.BytesIO(PDF * 4)
    upload.name = "簡報.pdf"
    response = client.post(f"/meetings/agenda/items/{world.ids['item_it']}/materials/", {"file": upload}, follow=True)
    assert response.status_code == 200
    assert "上限" in _body(response)
    assert Material.objects.count() == before


def test_an_upload_to_another_agencys_item_is_refused(world):
    with pytest.raises(PermissionDenied):
        m.do_upload_material(world.users["liaison2"], _it_item(world), io.BytesIO(PDF), "x.pdf")


def test_paths_in_file_urls_lead_nowhere(world):
    client = _client("admin", world.users)
    for url in (
        "/meetings/materials/..%2F..%2F..%2Fetc%2Fpasswd/",
        "/meetings/materials/1%00/",
        "/files/../settings.py",
        "/static/../../settings.py",
        "/cases/attachments/..%2Fsecret_key/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
