"""The API: another system pushes a month's values for its agency, checked whole; the register and the values read back in pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from lieguan.api.actions import do_create_token
from lieguan.core.models import AuditEntry
from lieguan.indicators import actions as i
from lieguan.indicators.models import Alert, IndicatorValue
from tests.indicators.conftest import SETUP

pytestmark = pytest.mark.django_db


def as_user(user) -> Client:
    token = do_create_token(user, name="統計系統", days=30)[1]
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def push(client: Client, *values: dict):
    return client.post("/api/v1/indicator-values", {"values": list(values)}, content_type="application/json")


def test_a_liaison_pushes_two_months_and_the_rule_raises_an_alert_in_the_same_request(register, city):
    bob = as_user(city.user("bob"))
    row = {"organisation_id": city.it.pk, "indicator_id": register.doors.pk}
    response = push(bob, {**row, "month": "2026-09", "value": 1}, {**row, "month": "2026-10", "value": "2"})
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["written"], data["unchanged"], data["alerts_raised"]) == (2, 0, 1)
    assert [(v["month"], v["value"], v["source"], v["version"]) for v in data["values"]] == [
        ("2026-09", 1.0, "api", 1),
        ("2026-10", 2.0, "api", 1),
    ]
    alert = Alert.objects.get()
    assert alert.months == ["2026-09", "2026-10"] and alert.organisation == city.it
    assert AuditEntry.objects.filter(action="indicator_value.record").count() == 2


def test_the_same_figure_again_is_no_new_version_and_a_different_one_is_a_correction(register, city):
    bob = as_user(city.user("bob"))
    row = {"organisation_id": city.it.pk, "indicator_id": register.doors.pk, "month": "2026-09"}
    push(bob, {**row, "value": 1})
    again = push(bob, {**row, "value": "1.0"}).json()
    assert (again["written"], again["unchanged"]) == (0, 1)
    corrected = push(bob, {**row, "value": 0}).json()
    assert corrected["values"][0]["version"] == 2
    assert list(IndicatorValue.objects.filter(current=True).values_list("value", flat=True)) == [Decimal(0)]


def test_a_malformed_row_refuses_the_whole_batch_with_a_422_naming_the_row(register, city):
    bob = as_user(city.user("bob"))
    row = {"organisation_id": city.it.pk, "indicator_id": register.doors.pk}
    response = push(bob, {**row, "month": "2026-09", "value": 1}, {**row, "month": "2026-13", "value": 1})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert [e["loc"][-2:] for e in response.json()["errors"]] == [[1, "month"]]
    assert not IndicatorValue.objects.exists()


def test_a_row_the_register_refuses_refuses_the_whole_batch_with_a_409_naming_the_row(register, city):
    bob = as_user(city.user("bob"))
    row = {"organisation_id": city.it.pk, "indicator_id": register.doors.pk}
    response = push(bob, {**row, "month": "2026-09", "value": 1}, {**row, "month": "2026-10", "value": "-3"})
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == "第 2 筆：數值不能為負數。"
    assert not IndicatorValue.objects.exists()


def test_an_unknown_indicator_a_month_to_come_and_a_repeated_row_are_each_named(register, city):
    bob = as_user(city.user("bob"))
    next_year = f"{dt.date.today().year + 1}-01"
    doors = {"organisation_id": city.it.pk, "indicator_id": register.doors.pk}
    response = push(
        bob,
        {**doors, "month": next_year, "value": 1},
        {**doors, "month": "2026-01", "value": 1},
        {**doors, "month": "2026-01", "value": 2},
        {**doors, "indicator_id": 10**9, "month": "2026-01", "value": 50},
    )
    assert response.status_code == 409
    messages = response.json()["detail"].split("；")
    assert len(messages) == 3
    assert messages[0].startswith("第 1 筆：") and "尚未到來" in messages[0]
    assert messages[1] == "第 3 筆：與第 2 筆重複（同一機關、指標與年月）。"
    assert messages[2] == f"第 4 筆：找不到指標 {10**9}。"
    assert not IndicatorValue.objects.exists()


def test_a_liaison_cannot_push_another_agencys_values_and_nothing_of_the_batch_is_written(register, city):
    bob = as_user(city.user("bob"))
    response = push(
        bob,
        {"organisation_id": city.it.pk, "indicator_id": register.doors.pk, "month": "2026-09", "value": 1},
        {"organisation_id": city.edu.pk, "indicator_id": register.doors.pk, "month": "2026-09", "value": 1},
    )
    assert response.status_code == 403 and "第 2 筆" in response.json()["detail"]
    assert not IndicatorValue.objects.exists()


def test_the_register_and_the_values_read_in_pages_filtered_by_agency_and_months(register, city):
    for month in (7, 8, 9):
        i.do_record_value(SETUP, register.doors, city.it, dt.date(2026, month, 1), Decimal(month))
    i.do_record_value(SETUP, register.doors, city.edu, dt.date(2026, 8, 1), Decimal(5))
    carol = as_user(city.user("carol"))
    names = [r["name"] for r in carol.get("/api/v1/indicators").json()["items"]]
    assert names == ["門禁管理缺失", "線上簽核比率"]
    query = {"organisation_id": city.it.pk, "month_from": "2026-08", "month_to": "2026-09", "limit": 1}
    first = carol.get("/api/v1/indicator-values", query).json()
    second = carol.get("/api/v1/indicator-values", {**query, "after": first["next"]}).json()
    assert [v["month"] for v in first["items"] + second["items"]] == ["2026-08", "2026-09"]
    assert second["next"] is None
    assert carol.get("/api/v1/indicator-values", {"month_from": "2026-13"}).status_code == 422
