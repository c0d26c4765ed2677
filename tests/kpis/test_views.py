"""The register's pages: the list, a KPI with its chart and versions, entering an actual, the open data and the API."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from lieguan.kpis import actions as k
from lieguan.kpis.models import KpiActual
from lieguan.kpis.periods import Period
from tests.pages import find, text_of, with_class

pytestmark = pytest.mark.django_db
H1 = Period(2025, 1)


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def test_the_liaison_enters_a_figure_and_the_kpi_page_shows_chart_versions_and_statement(register):
    bob = client_for(register.city.user("bob"))
    url = f"/kpis/{register.visits.pk}/actual"
    assert bob.get(url).status_code == 200
    for value in ("12", "15"):
        response = bob.post(
            url, {"roc_year": "114", "half": "1", "value": value, "note": "依簽到表。", "submission_token": f"{int(value):032x}"}
        )
        assert response.status_code == 302
    assert list(KpiActual.objects.values_list("version", flat=True)) == [2, 1]
    page = bob.get(f"/kpis/{register.visits.pk}/").content.decode()
    assert find(page, "//svg") and "歷期趨勢" in page
    assert "目標值 15 場，實際達成 15 場，目標達成度 100%" in page
    assert "第 1 版：12 場" in page
    listing = bob.get("/kpis/").content.decode()
    assert "到府協助長者申辦場次" in listing and "達成" in listing


def test_the_list_and_the_kpi_page_state_a_range_target_with_both_bounds(register):
    from tests.kpis.conftest import SETUP

    heat = k.do_create_kpi(SETUP, register.goal, name="機房平均溫度", unit="°C", owner=register.city.it, direction="range")
    k.do_set_target(SETUP, heat, H1, target=Decimal(18), target_high=Decimal(27))
    for kpi, value in ((heat, "22.5"), (register.rate, "45"), (register.visits, "15")):
        k.do_record_actual(register.city.user("bob"), kpi, H1, value=Decimal(value))
    bob = client_for(register.city.user("bob"))
    figures = [text_of(cell) for cell in with_class(bob.get("/kpis/"), "num", "td")]  # the figures' cells, set as numbers
    assert "介於 18 °C 至 27 °C" in figures
    assert "> 40%" in figures and "≥ 15 場" in figures
    # The target is the record's own figure, marked as such (data-record) for the English-page test.
    assert "介於 18 °C 至 27 °C" in [text_of(dd) for dd in find(bob.get(f"/kpis/{heat.pk}/"), "//dd")]


def test_someone_without_a_role_reads_nothing_of_the_register(register):
    frank = client_for(register.city.user("frank"))
    assert frank.get("/kpis/").status_code == 403
    assert frank.get(f"/kpis/{register.visits.pk}/").status_code == 403
    assert frank.get("/api/v1/kpis").status_code == 403


def test_the_api_and_the_open_data_carry_targets_actuals_and_achievement(register, settings):
    k.do_record_actual(register.city.user("bob"), register.rate, H1, value=Decimal("18.18"), note="內部說明")
    data = client_for(register.city.user("erin")).get(f"/api/v1/kpis/{register.rate.pk}").json()
    period = data["periods"][0]
    assert (period["period"], period["target"], period["actual"], period["met"], period["achievement"]) == (
        "2025H1",
        40.0,
        18.18,
        False,
        45.45,
    )
    settings.PUBLIC_PORTAL = True
    csv_text = Client().get("/opendata/kpis/114/kpis.csv").content.decode("utf-8-sig")
    assert "系統異常通報比率" in csv_text and "18.18" in csv_text and "未達成" in csv_text
    assert "內部說明" not in csv_text
    dataset = Client().get("/opendata/kpis/114/kpis.json").json()
    assert dataset["dataset"]["count"] == 2
    assert Client().get("/opendata/kpis/100/kpis.json").status_code == 404
