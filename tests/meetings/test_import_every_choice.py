"""Issue 12, point 8: the import page's choices never dead-end. Every choice the preview of a seed offers imports it.

The walk of the issue was offered 「僅保留文字」 for the body holding the meeting and then refused
it, and 「建立新會議」 ended in 「臨海市政府已有「主任秘書會報」」. Here each seed's preview is read
as a person sees it, and each choice it offers (each series in the list, each way of treating each
unknown name) is sent with the rest left as offered, and undone after: every one must import the file.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from lxml.html import HtmlElement

from lieguan.meetings.models import ImportBatch, ImportFile
from lieguan.organisations import actions as org_actions
from lieguan.organisations.models import Organisation, Role
from tests.factories import PASSWORD, SETUP
from tests.meetings.test_import_one_round import _defaults
from tests.pages import find, forms, text_of, with_class
from tests.shared import minutes_seed_paths

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
F = ImportFile.Status


class Undo(Exception):
    """Raised to roll one tried choice back."""


def _form(page: str) -> HtmlElement:
    """The form that posts the preview, the one with the series list."""
    found = [form for form in forms(page) if form.get("method") == "post" and find(form, "//*[@name='series']")]
    assert found, page[:2000]
    return found[0]


def _offered(form: HtmlElement) -> Iterator[tuple[str, str, str]]:
    """(field, value, label) for every choice of the series list and of each name's radio group."""
    select = find(form, "//select[@name='series']")
    assert select
    for option in select[0].xpath(".//option[@value]"):
        yield "series", option.get("value"), option.text_content().strip()
    for radio in find(form, "//input[@type='radio']"):
        name, value = radio.get("name"), radio.get("value")
        yield name, value, f"{name}={value}"


def _first_option(form: HtmlElement, name: str) -> str:
    """The first organisation or person a match list offers (what a person picks when nothing is preselected)."""
    select = find(form, "//select[@name=$name]", name=name)
    assert select, name
    return next(v for v in (option.get("value") for option in select[0].xpath(".//option")) if v)


def _upload(client, user) -> ImportBatch:
    client.force_login(user)
    paths = minutes_seed_paths()
    response = client.post(reverse("meetings:import"), {"uploads": [SimpleUploadedFile(p.name, p.read_bytes()) for p in paths]})
    assert response.status_code == 302
    batch = ImportBatch.objects.latest("pk")
    for _ in paths:
        client.post(reverse("meetings:import_step", args=[batch.pk]), headers={"HX-Request": "true"})
    assert set(batch.files.values_list("status", flat=True)) <= {F.PARSED, F.IMPORTED}, list(batch.files.values("original_name", "error"))
    return batch


def _try_every_choice(client, batch: ImportBatch) -> list[str]:
    """Each offered choice of each file, sent and undone; the files in date order, each imported as offered after."""
    dead_ends: list[str] = []
    tried = 0
    for import_file in sorted(batch.files.all(), key=lambda f: f.original_name):
        if import_file.status != F.PARSED:
            continue
        url = reverse("meetings:import_file", args=[import_file.pk])
        form = _form(client.get(url).content.decode())
        defaults = _defaults(form)
        for field, value, label in _offered(form):
            if defaults.get(field) == value:
                continue
            data = {**defaults, field: value}
            if field.endswith("_action") and value == "match":
                match = field.replace("_action", "_match")
                data[match] = data.get(match) or _first_option(form, match)
            try:
                with transaction.atomic():
                    page = client.post(url, data)
                    import_file.refresh_from_db()
                    if import_file.status != F.IMPORTED:
                        errors = [text_of(e) for kind in ("errorlist", "message--error") for e in with_class(page, kind)]
                        dead_ends.append(f"{import_file.original_name}: {label}: {import_file.error or errors}")
                    raise Undo
            except Undo:
                tried += 1
        client.post(url, defaults)
        import_file.refresh_from_db()
        assert import_file.status == F.IMPORTED, (import_file.original_name, import_file.error)
    assert tried >= 20  # both directories offer dozens of choices for the four seeds
    return dead_ends


def test_every_choice_offered_to_an_administrator_for_the_seeds_of_their_own_city_imports_them(client, db):
    org = org_actions.do_create_organisation
    city = org(SETUP, code="tp", name="臺北市政府", short_name="市府", kind="city", aliases=("本府",))
    org(SETUP, code="tp-sec", name="臺北市政府秘書處", short_name="秘書處", kind="agency", parent=city)
    org(SETUP, code="tp-dit", name="臺北市政府資訊局", short_name="資訊局", kind="agency", parent=city)
    admin = org_actions.do_create_user(SETUP, username="keeper", password=PASSWORD)
    org_actions.do_grant_role(SETUP, admin, Role.ADMIN, None)
    assert _try_every_choice(client, _upload(client, admin)) == []


def test_every_choice_offered_to_the_demo_citys_secretariat_for_the_seeds_imports_them(client, demo_city):
    user = get_user_model().objects.get(username="secretariat")
    org_actions.do_grant_role(SETUP, user, Role.SECRETARIAT, Organisation.objects.get(code="dit"))
    assert _try_every_choice(client, _upload(client, user)) == []
