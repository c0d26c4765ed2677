"""The batch page plans each parsed file once, when the parsing is done, not on every poll."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lieguan.meetings.actions import importing as imp
from lieguan.meetings.models import ImportFile
from tests.meetings.import_support import CHIEF_83, CHIEF_84, OFFICE_39

pytestmark = pytest.mark.django_db

F = ImportFile.Status


def test_while_files_wait_the_poll_plans_no_file_and_once_done_it_plans_each_once(client, city, monkeypatch):
    user = city.user("alice")
    client.force_login(user)
    batch = imp.do_start_import(user, [(p.name, p.read_bytes()) for p in (CHIEF_83, OFFICE_39, CHIEF_84)])
    first, *_ = batch.files.order_by("position")
    imp.do_parse_import_file(user, first)
    planned: list[int] = []
    real = imp.preview
    monkeypatch.setattr(imp, "preview", lambda actor, f, **kw: planned.append(f.pk) or real(actor, f, **kw))

    page = client.get(reverse("meetings:import_batch", args=[batch.pk]), HTTP_HX_REQUEST="true")
    assert page.status_code == 200
    assert planned == []
    assert "已解析" in page.content.decode()

    for waiting in batch.files.filter(status=F.PENDING):
        imp.do_parse_import_file(user, waiting)
    page = client.get(reverse("meetings:import_batch", args=[batch.pk]), HTTP_HX_REQUEST="true")
    parsed = list(batch.files.filter(status=F.PARSED).values_list("pk", flat=True))
    assert parsed and sorted(planned) == sorted(parsed)
    assert "已解析" not in page.content.decode()
