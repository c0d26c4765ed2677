"""Issue 19 (a): a case's details (tracking/details.py) go everywhere the registry says, and nowhere else.

Each entry of ``CASE_DETAILS`` is checked in each place it declares (the create and edit forms, the case page,
the API, the status report) and checked absent from the others; a confidential case withholds it from those
not entitled. Then a detail registered only for a test (an existing model field, the registry patched) shows
that a new detail needs nothing but its entry: the newcomer's change made cheap.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from django.db import models
from django.urls import reverse

from lieguan.api import schemas
from lieguan.api.routers.tracking import case_out
from lieguan.core.audit import jsonable
from lieguan.meetings import actions as m
from lieguan.meetings.confidential import CONFIDENTIAL_TITLE, redact
from lieguan.tracking import actions as t
from lieguan.tracking import details
from lieguan.tracking.details import CASE_DETAILS, Detail, Where
from lieguan.tracking.models import TrackedCase
from tests.factories import SETUP
from tests.pages import field, fields, label_of, page_text, parse, with_class
from tests.tracking.board import Board, make_board

pytestmark = pytest.mark.django_db

PLACEHOLDER = str(CONFIDENTIAL_TITLE)


@pytest.fixture
def board(city) -> Board:
    return make_board(city)


def sample(detail: Detail) -> Any:
    """A value of the detail's type that nothing else on the pages carries."""
    model_field = detail.model_field
    if isinstance(model_field, models.DateField):
        return dt.date(2026, 12, 31)
    if isinstance(model_field, models.DecimalField):
        # As many places as the field keeps: an amount in whole NT$ has none.
        return Decimal(1234567).quantize(Decimal(1).scaleb(-model_field.decimal_places))
    if isinstance(model_field, models.IntegerField | models.FloatField):
        return 1234567
    return f"樣本{detail.field}甲乙丙"[: getattr(model_field, "max_length", None) or 100]


def typed(detail: Detail, value: Any) -> str:
    """The value as a person types it into the form."""
    return f"{value.year - 1911}/{value.month}/{value.day}" if isinstance(value, dt.date) else str(value)


def facts(page: Any) -> list[tuple[str, str]]:
    """(term, description) of the case page's facts, in order."""
    found = with_class(parse(page), "facts", "dl")
    assert len(found) == 1
    terms = found[0].xpath("./dt|./dd")
    return [(dt_.text_content().strip(), dd.text_content().strip()) for dt_, dd in zip(terms[::2], terms[1::2], strict=True)]


def with_samples(board: Board) -> TrackedCase:
    """The board's case (on the next meeting's status report) with a sample value in each detail."""
    TrackedCase.objects.filter(pk=board.case.pk).update(**{d.field: sample(d) for d in CASE_DETAILS})
    return TrackedCase.objects.get(pk=board.case.pk)


def status_report_text(client: Any, board: Board) -> str:
    return page_text(client.get(f"/cases/meetings/{board.next.pk}/status-report/"))


def api_case(client: Any, case: TrackedCase) -> dict[str, Any]:
    response = client.get(reverse("api-1:get_case", args=[case.pk]))
    assert response.status_code == 200
    return dict(json.loads(response.content))


def given_in(where: Where) -> list[Any]:
    """The entries given there (an empty list is pytest's own skip, saying so)."""
    return [pytest.param(d, id=d.field) for d in CASE_DETAILS if where in d.where]


# Every entry, in every place it declares -------------------------------------------------------------------


@pytest.mark.parametrize("detail", CASE_DETAILS, ids=lambda d: d.field)
def test_each_detail_is_in_the_forms_it_declares_and_only_those(client, board, detail):
    client.force_login(board.city.user("alice"))
    create = parse(client.get("/cases/new/"))
    edit = parse(client.get(f"/cases/{board.case.pk}/edit/"))
    assert (detail.field in fields(create)) == (Where.CREATE in detail.where)
    assert (detail.field in fields(edit)) == (Where.EDIT in detail.where)
    for page in (p for p, where in ((create, Where.CREATE), (edit, Where.EDIT)) if where in detail.where):
        assert label_of(page, detail.field) == detail.label


@pytest.mark.parametrize("detail", given_in(Where.CREATE))
def test_a_detail_typed_in_the_create_form_is_saved_with_the_new_case(client, board, detail):
    client.force_login(board.city.user("dave"))
    data = {"source": "petition", "owner": board.city.rdec.pk, "title": "陳情", "text": "請查明。", "lead": board.city.it.pk}
    response = client.post("/cases/new/", {**data, detail.field: typed(detail, sample(detail))})
    case = TrackedCase.objects.get(source="petition")
    assert response["Location"] == f"/cases/{case.pk}/"
    assert detail.value(case) == sample(detail)


@pytest.mark.parametrize("detail", given_in(Where.EDIT))
def test_a_detail_changed_in_the_edit_form_is_saved_and_told_on_the_timeline(client, board, detail):
    client.force_login(board.city.user("alice"))
    data = {"title": board.case.title, "text": board.case.text, detail.field: typed(detail, sample(detail))}
    assert client.post(f"/cases/{board.case.pk}/edit/", data).status_code == 302
    board.case.refresh_from_db()
    assert detail.value(board.case) == sample(detail)
    assert f"{detail.label}由 （無） 改為 {detail.words().read(sample(detail))}" in page_text(client.get(f"/cases/{board.case.pk}/"))


@pytest.mark.parametrize("detail", CASE_DETAILS, ids=lambda d: d.field)
def test_each_detail_is_on_the_case_page_in_the_api_and_in_the_status_report_as_it_declares(client, board, detail):
    case = with_samples(board)
    client.force_login(board.city.user("alice"))
    shown = (detail.label, detail.words().read(sample(detail)))
    assert (shown in facts(client.get(f"/cases/{case.pk}/"))) == (Where.PAGE in detail.where)
    body = api_case(client, case)
    assert (detail.field in body) == (Where.API in detail.where)
    if Where.API in detail.where:
        assert body[detail.field] == jsonable(sample(detail))
    line = f"{detail.label}：{detail.words().printed(sample(detail))}"
    assert (line in status_report_text(client, board)) == (Where.STATUS_REPORT in detail.where)


def test_a_case_without_a_detail_shows_no_empty_line_for_it(client, board):
    client.force_login(board.city.user("alice"))
    labels = [term for term, _ in facts(client.get(f"/cases/{board.case.pk}/"))]
    assert not set(labels) & {d.label for d in CASE_DETAILS}


def test_a_value_the_model_field_refuses_is_refused_by_the_action_naming_the_detail(board):
    from django.core.exceptions import ValidationError

    too_long = "號" * 101
    with pytest.raises(ValidationError, match="來源文號"):
        t.do_create_case(
            SETUP,
            source="petition",
            owner=board.city.rdec,
            title="陳情",
            text="…",
            lead=board.city.it,
            details={"source_reference": too_long},
        )
    with pytest.raises(ValidationError, match="來源文號"):
        t.do_update_case(SETUP, board.case, details={"source_reference": too_long})
    # The deadline sets its own basis: it is no detail a caller may give.
    with pytest.raises(ValueError, match="not a case detail"):
        t.do_update_case(SETUP, board.case, details={"deadline_basis": "10 月底前"})
    assert not TrackedCase.objects.filter(source="petition").exists()
    board.case.refresh_from_db()
    assert board.case.source_reference == "" and board.case.deadline_basis != "10 月底前"


def test_the_old_keyword_for_the_source_reference_still_creates_the_case_with_it(board):
    case = t.do_create_case(
        SETUP, source="councillor", owner=board.city.rdec, title="索資", text="…", lead=board.city.it, source_reference="議員索資 115-1"
    )
    assert case.source_reference == "議員索資 115-1"


# Confidential cases ------------------------------------------------------------------------------------------


def test_a_confidential_case_withholds_every_withheld_detail_from_those_not_entitled(client, board):
    case = with_samples(board)
    m.do_mark_confidential(board.city.user("alice"), case.conclusion.item, confidential=True)
    withheld = [d for d in CASE_DETAILS if d.withheld]
    assert withheld, "the registry's details are secret on a secret case unless said otherwise"
    copy = redact(case)
    assert all(d.value(copy) == d.empty for d in withheld)
    client.force_login(board.city.user("dave"))  # the tracking officer: not entitled to the item
    page, body, report = page_text(client.get(f"/cases/{case.pk}/")), api_case(client, case), status_report_text(client, board)
    assert PLACEHOLDER in page and body["confidential"] is True and PLACEHOLDER in report
    for detail in withheld:
        assert detail.words().read(sample(detail)) not in page
        assert body.get(detail.field, detail.empty) == jsonable(detail.empty)
        assert detail.words().printed(sample(detail)) not in report
    client.force_login(board.city.user("alice"))
    entitled = dict(facts(client.get(f"/cases/{case.pk}/")))
    assert all(entitled[d.label] == d.words().read(sample(d)) for d in withheld if Where.PAGE in d.where)


# A new detail is one entry ---------------------------------------------------------------------------------


@pytest.fixture
def released_on_as_a_detail(monkeypatch) -> Detail:
    """解除列管日期 (an existing date field) registered as a detail given and shown everywhere, for this test only."""
    extra = Detail("released_on", Where.EVERYWHERE)
    monkeypatch.setattr(details, "CASE_DETAILS", (*details.CASE_DETAILS, extra))
    return extra


def test_a_detail_added_to_the_registry_alone_reaches_the_forms_the_page_the_api_and_the_status_report(
    client, board, released_on_as_a_detail
):
    detail = released_on_as_a_detail
    client.force_login(board.city.user("alice"))
    # The forms: its model field's label, read as people here type a date.
    assert label_of(client.get("/cases/new/"), "released_on") == "解除列管日期"
    edit = client.get(f"/cases/{board.case.pk}/edit/")
    assert field(edit, "解除列管日期").get("name") == "released_on"
    data = {"title": board.case.title, "text": board.case.text, "released_on": "115/12/31"}
    assert client.post(f"/cases/{board.case.pk}/edit/", data).status_code == 302
    board.case.refresh_from_db()
    assert board.case.released_on == dt.date(2026, 12, 31)
    # The case page: worded in the reader's calendar, and the change on the timeline by the detail's label.
    page = client.get(f"/cases/{board.case.pk}/")
    assert ("解除列管日期", "115年12月31日") in facts(page)
    assert "解除列管日期由 （無） 改為 115年12月31日" in page_text(page)
    # The API: a typed field built from the registry, and the case's value in it.
    assert schemas.detail_fields()["released_on"] == (dt.date | None, ...)
    built = schemas.case_schema().model_validate(case_out(board.case))
    assert built.model_dump(mode="json")["released_on"] == "2026-12-31"
    # The status report (page and downloads): a line under the case's text, as documents print a date.
    assert "解除列管日期：115年12月31日" in status_report_text(client, board)
    # Withheld on a confidential case, as every detail is unless its entry says otherwise.
    assert redact(board.case).released_on is None and detail.withheld


def test_the_create_action_takes_a_registered_detail_by_its_name(board, released_on_as_a_detail):
    case = t.do_create_case(
        SETUP, source="mayor", owner=board.city.rdec, title="承諾", text="…", lead=board.city.it, details={"released_on": "2026-12-31"}
    )
    assert TrackedCase.objects.get(pk=case.pk).released_on == dt.date(2026, 12, 31)


def test_the_timeline_keeps_the_reference_the_case_was_created_with_beside_its_correction(client, board):
    case = t.do_create_case(
        SETUP,
        source="petition",
        owner=board.city.rdec,
        title="陳情",
        text="請查明。",
        lead=board.city.it,
        details={"source_reference": "陳情 1150932"},
    )
    t.do_update_case(SETUP, case, details={"source_reference": "陳情 1150933"})
    client.force_login(board.city.user("dave"))  # the tracking officer
    text = page_text(client.get(f"/cases/{case.pk}/"))
    assert "建立人民陳情列管案件（陳情 1150932）" in text
    assert "來源文號由 陳情 1150932 改為 陳情 1150933" in text
