"""Issue 19: the register's pages name a period in the reader's language and calendar (first half of 2025 in English,
114 年上半年 in Chinese); the statement of record, which the council's work report prints, keeps the ROC form."""

from __future__ import annotations

import re
from copy import deepcopy
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import translation

from lieguan.kpis import actions as k
from lieguan.kpis.periods import Period
from lieguan.kpis.register import row_for
from tests.kpis.conftest import SETUP
from tests.pages import by_id, find, parse, text_of, with_class

pytestmark = pytest.mark.django_db
H1, YEAR = Period(2025, 1), Period(2025)
# A period as the ROC calendar names it: 114 年上半年, 114 年下半年, 114 年度.
ROC_PERIOD = re.compile(r"\d+\s*年(?:度|上半年|下半年)")


def client_for(user, language: str) -> Client:
    c = Client(HTTP_ACCEPT_LANGUAGE=language)
    c.force_login(user)
    return c


def _interface(page) -> str:
    """The page's text less the records' own (``data-record``: the statement, names, figures)."""
    tree = deepcopy(parse(page))
    for record in tree.xpath("//*[@data-record]"):
        record.drop_tree()
    return text_of(tree)


@pytest.fixture
def measured(register):
    k.do_set_target(SETUP, register.visits, YEAR, target=Decimal(30))
    k.do_record_actual(register.city.user("bob"), register.visits, H1, value=Decimal(15))
    return register


def test_an_english_kpi_page_names_its_periods_in_the_gregorian_calendar(measured):
    page = client_for(measured.city.user("bob"), "en").get(f"/kpis/{measured.visits.pk}/")
    assert text_of(by_id(page, "period-2025H1")) == "first half of 2025"
    assert text_of(by_id(page, "period-2025")) == "2025"
    assert [text_of(t) for t in with_class(page, "chart-label")] == ["first half of 2025", "2025"]
    assert "first half of 2025 actual 15" in page.content.decode()
    assert not ROC_PERIOD.search(_interface(page)), _interface(page)
    # The statement is the record's, as the work report prints it: in Chinese, with the ROC period.
    statements = [text_of(p) for p in with_class(page, "tracking-sentence")]
    assert any(s.startswith("114 年上半年到府協助長者申辦場次目標值 15 場，實際達成 15 場") for s in statements), statements


def test_an_english_register_list_names_the_latest_period_in_the_gregorian_calendar(measured):
    page = client_for(measured.city.user("bob"), "en").get("/kpis/")
    cells = [text_of(td) for td in find(page, "//tbody/tr/td")]
    assert "first half of 2025" in cells
    assert not any(ROC_PERIOD.search(cell) for cell in cells)


def test_the_chinese_pages_name_periods_as_before(measured):
    bob = client_for(measured.city.user("bob"), "zh-hant")
    page = bob.get(f"/kpis/{measured.visits.pk}/")
    assert text_of(by_id(page, "period-2025H1")) == "114 年上半年"
    assert text_of(by_id(page, "period-2025")) == "114 年度"
    assert [text_of(t) for t in with_class(page, "chart-label")] == ["114 年上半年", "114 年度"]
    assert "114 年上半年 實際值 15 場" in page.content.decode()
    assert "114 年上半年" in [text_of(td) for td in find(bob.get("/kpis/"), "//tbody/tr/td")]


def test_the_message_after_entering_a_figure_names_the_period_in_the_readers_language(register):
    form = {"roc_year": "114", "half": "1", "value": "12", "note": "", "submission_token": "1" * 32}
    english = client_for(register.city.user("bob"), "en").post(f"/kpis/{register.visits.pk}/actual", form, follow=True)
    assert "Actual for first half of 2025 entered (version 1)." in english.content.decode()
    form["submission_token"] = "2" * 32
    chinese = client_for(register.city.user("bob"), "zh-hant").post(f"/kpis/{register.visits.pk}/actual", form, follow=True)
    assert "已更正114 年上半年的實際值（第 2 版）。" in chinese.content.decode()


def test_the_statement_of_record_keeps_the_roc_period_whatever_the_language(measured):
    with translation.override("en"):
        assert row_for(measured.visits, H1).sentence.startswith("114 年上半年到府協助長者申辦場次")
        assert H1.label == "114 年上半年" and YEAR.label == "114 年度"
        assert (H1.worded_label, YEAR.worded_label) == ("first half of 2025", "2025")
    with translation.override("zh-hant"):
        assert (H1.worded_label, YEAR.worded_label) == ("114 年上半年", "114 年度")
