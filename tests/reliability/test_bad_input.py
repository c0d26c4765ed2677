"""Bad input answers 4xx in problem+json, never 500; rate limits hold per client and across workers (issue 20, 4–6)."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.test import Client

from lieguan.api.actions import do_create_token
from lieguan.api.models import RateCounter
from lieguan.tracking import actions as t
from lieguan.tracking.models import ProgressReport
from tests.ratelimits import reset_rate_counters

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


@pytest.fixture(autouse=True)
def _fresh_counters():
    reset_rate_counters()


@pytest.fixture
def assignment(council):
    case = t.do_select_case(council.city.user("alice"), council.it_conclusion, lead=council.city.it)
    return case.assignments.get()


def _bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {do_create_token(user, name='可靠度測試')[1]}"}


def test_a_nul_character_in_report_text_is_refused_with_422_and_nothing_is_written(council, assignment):
    response = Client().post(
        f"/api/v1/assignments/{assignment.pk}/progress-reports",
        {"text": "已完成\x00盤點", "proposal": "continue"},
        content_type="application/json",
        **_bearer(council.city.user("bob")),
    )
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == PROBLEM
    assert response.json()["errors"][0]["loc"][-1] == "text"
    assert not ProgressReport.objects.exists()


def test_a_nul_character_in_a_query_string_is_refused_with_422(council):
    response = Client().get("/api/v1/cases", {"q": "資訊\x00"}, **_bearer(council.city.user("dave")))
    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM


def test_a_nul_character_in_the_report_form_is_a_form_error_not_a_server_error(client, council, assignment):
    client.force_login(council.city.user("bob"))
    response = client.post(f"/cases/assignments/{assignment.pk}/report/", {"text": "已完成\x00盤點", "proposal": "continue"})
    assert response.status_code == 200
    assert "不允許空（null）字元" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_an_api_body_over_the_limit_is_refused_with_413_in_problem_json(council, assignment, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    body = '{"text": "' + "字" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 3 + 10) + '", "proposal": "continue"}'
    response = Client().post(
        f"/api/v1/assignments/{assignment.pk}/progress-reports",
        body,
        content_type="application/json",
        **_bearer(council.city.user("bob")),
    )
    assert response.status_code == 413
    assert response["Content-Type"] == PROBLEM
    assert "1 MB" in response.json()["detail"]


def test_the_public_limit_counts_per_address_so_a_newcomer_is_not_throttled_by_strangers(council, settings):
    settings.API_RATE_ANONYMOUS = "3/h"
    settings.API_RATE_SIGNED_IN = "1000/h"
    stranger = [Client(REMOTE_ADDR="203.0.113.7").get("/api/v1/series").status_code for _ in range(4)]
    assert stranger == [200, 200, 200, 429]
    assert Client(REMOTE_ADDR="203.0.113.8").get("/api/v1/series").status_code == 200


def test_a_throttled_public_caller_is_told_how_long_to_wait_in_problem_json(council, settings):
    settings.API_RATE_ANONYMOUS = "1/h"
    client = Client(REMOTE_ADDR="203.0.113.9")
    client.get("/api/v1/series")
    response = client.get("/api/v1/series")
    assert response.status_code == 429
    assert response["Content-Type"] == PROBLEM
    assert 0 < int(response["Retry-After"]) <= 3600


def test_a_forged_forwarded_for_header_does_not_buy_a_fresh_public_limit(council, settings):
    settings.API_RATE_ANONYMOUS = "2/h"
    statuses = [Client(REMOTE_ADDR="203.0.113.10", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}").get("/api/v1/series").status_code for i in range(3)]
    assert statuses == [200, 200, 429]


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_client(council, settings):
    settings.API_RATE_ANONYMOUS = "1/h"
    settings.API_TRUSTED_PROXIES = 1
    proxy = "127.0.0.1"
    first = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.1").get("/api/v1/series").status_code
    second = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.2").get("/api/v1/series").status_code
    again = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.1").get("/api/v1/series").status_code
    assert (first, second, again) == (200, 200, 429)


def test_signed_in_callers_have_a_limit_each_and_not_the_public_one(council, settings):
    settings.API_RATE_ANONYMOUS = "1/h"
    settings.API_RATE_SIGNED_IN = "2/h"
    bob, dave = _bearer(council.city.user("bob")), _bearer(council.city.user("dave"))
    address = {"REMOTE_ADDR": "203.0.113.20"}
    assert [Client(**address).get("/api/v1/series", **bob).status_code for _ in range(3)] == [200, 200, 429]
    assert Client(**address).get("/api/v1/series", **dave).status_code == 200


def test_the_counters_live_in_the_database_so_every_worker_sees_the_same_count(council, settings):
    settings.API_RATE_ANONYMOUS = "2/h"
    assert "shared" not in django_settings.CACHES  # no LIEGUAN_CACHE_URL: the database counts
    Client(REMOTE_ADDR="203.0.113.30").get("/api/v1/series")
    # A row of the database, not a worker's memory: every worker counts on it (tests/api/test_throttle_queries.py).
    assert RateCounter.objects.get(scope="public", ident="203.0.113.30").count == 1
