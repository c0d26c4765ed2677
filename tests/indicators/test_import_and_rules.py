"""Importing monthly values checks the whole file first, and the rules run over what arrives."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from lieguan.core.models import AuditEntry
from lieguan.indicators import actions as i
from lieguan.indicators.models import Alert, IndicatorValue
from tests.indicators.conftest import SETUP, csv_bytes

pytestmark = pytest.mark.django_db

DONE_WHEN = csv_bytes(
    ("資訊局", "門禁管理缺失", "120/01", "1"),
    ("資訊局", "門禁管理缺失", "120/02", "2"),
    ("教育局", "門禁管理缺失", "120/01", "1"),
    ("教育局", "門禁管理缺失", "120/02", "0"),
    ("教育局", "門禁管理缺失", "120/03", "1"),
)


def test_two_months_running_raises_an_alert_for_the_it_bureau_and_none_for_education(register):
    result = i.do_import_values(SETUP, DONE_WHEN, "月報.csv")
    assert result.applied and result.written == 5
    alerts = list(Alert.objects.select_related("organisation"))
    assert [(a.organisation.short_name, a.months, a.values) for a in alerts] == [("資訊局", ["2031-01", "2031-02"], ["1", "2"])]
    assert alerts[0].rule == register.running


def test_a_file_naming_an_unknown_agency_is_refused_whole_with_the_row_named(register):
    content = csv_bytes(("資訊局", "門禁管理缺失", "115/03", "1"), ("不存在局", "門禁管理缺失", "115/03", "2"))
    result = i.do_import_values(SETUP, content, "月報.csv")
    assert not result.applied
    assert [str(p) for p in result.problems] == ["第 3 列「機關」欄：機關名錄中找不到「不存在局」。"]
    assert IndicatorValue.objects.count() == 0


def test_month_13_and_a_bad_number_are_each_reported_by_row_and_column(register):
    content = csv_bytes(
        ("資訊局", "門禁管理缺失", "115/13", "1"), ("教育局", "門禁管理缺失", "2026-03", "三"), ("教育局", "不明指標", "115/02", "1")
    )
    result = i.do_import_values(SETUP, content, "月報.csv")
    assert [(p.row, p.column) for p in result.problems] == [(2, "年月"), (3, "數值"), (4, "指標")]
    assert "月份 13 不存在" in result.problems[0].message
    assert IndicatorValue.objects.count() == 0


def test_gregorian_and_roc_months_and_an_xlsx_file_are_read_alike(register):
    book = Workbook()
    sheet = book.active
    sheet.append(["機關", "指標", "年月", "數值"])
    sheet.append(["臺北市政府資訊局", "門禁管理缺失", "2026-03", 1])
    sheet.append(["教育局", "門禁管理缺失", "115/04", 2.5])
    stream = io.BytesIO()
    book.save(stream)
    result = i.do_import_values(SETUP, stream.getvalue(), "月報.xlsx")
    assert [str(p) for p in result.problems] == ["第 2 列「機關」欄：機關名錄中找不到「臺北市政府資訊局」。"]
    sheet.delete_rows(2)
    stream = io.BytesIO()
    book.save(stream)
    result = i.do_import_values(SETUP, stream.getvalue(), "月報.xlsx")
    i.do_import_values(SETUP, csv_bytes(("測試市政府資訊局", "門禁管理缺失", "2026-03", "1")), "月報.csv")
    assert result.applied
    assert sorted(IndicatorValue.objects.values_list("organisation__short_name", "month", "value")) == [
        ("教育局", dt.date(2026, 4, 1), Decimal("2.5")),
        ("資訊局", dt.date(2026, 3, 1), Decimal(1)),
    ]


def test_a_correction_is_a_new_version_and_clears_the_alert_it_ended(register):
    i.do_import_values(SETUP, DONE_WHEN, "月報.csv")
    i.do_import_values(SETUP, csv_bytes(("資訊局", "門禁管理缺失", "2031-02", "0")), "更正.csv")
    versions = IndicatorValue.objects.filter(organisation=register.city.it, month=dt.date(2031, 2, 1)).order_by("version")
    assert [(v.version, v.value, v.current) for v in versions] == [(1, Decimal(2), False), (2, Decimal(0), True)]
    alert = Alert.objects.get()
    assert alert.cleared_at is not None
    assert AuditEntry.objects.filter(action="indicator_value.correct").count() == 1
    assert AuditEntry.objects.filter(action="indicator_alert.clear").count() == 1


def test_a_liaison_may_import_only_their_own_agencys_rows(register):
    bob = register.city.user("bob")
    result = i.do_import_values(bob, csv_bytes(("教育局", "門禁管理缺失", "115/03", "1")), "月報.csv")
    assert [p.column for p in result.problems] == ["機關"] and not result.applied
    frank = register.city.user("frank")
    with pytest.raises(PermissionDenied):
        i.do_import_values(frank, DONE_WHEN, "月報.csv")


def test_a_run_that_goes_on_extends_its_alert_rather_than_raising_another(register):
    i.do_import_values(SETUP, DONE_WHEN, "月報.csv")
    i.do_import_values(SETUP, csv_bytes(("資訊局", "門禁管理缺失", "120/03", "4")), "三月.csv")
    alert = Alert.objects.get()
    assert alert.months == ["2031-01", "2031-02", "2031-03"] and alert.values == ["1", "2", "4"]


def test_an_agency_is_found_by_the_name_it_had_in_the_month_of_the_row(register, city):
    from lieguan.organisations.actions import do_rename_organisation

    do_rename_organisation(SETUP, city.edu, name="測試市政府教育暨體育局", short_name="教體局", effective=dt.date(2026, 8, 1))
    content = csv_bytes(("教育局", "門禁管理缺失", "115/03", "1"), ("教體局", "門禁管理缺失", "115/09", "2"))
    result = i.do_import_values(SETUP, content, "月報.csv")
    assert result.applied
    assert set(IndicatorValue.objects.values_list("organisation", flat=True)) == {city.edu.pk}
