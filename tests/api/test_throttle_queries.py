"""Issue 16: the API's rate limit costs one query a request, and every worker counts on the same limit."""

from __future__ import annotations

import types

import pytest
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lieguan.api import throttles
from lieguan.api.models import RateCounter

NOON = 1_796_097_600.0  # 2026-12-01 12:00 Asia/Taipei, on the hour


@pytest.fixture
def clock(monkeypatch):
    """The throttle's clock, fixed, so that no window ends in the middle of a test unless the test moves it."""
    now = types.SimpleNamespace(value=NOON)
    monkeypatch.setattr(throttles, "time", types.SimpleNamespace(time=lambda: now.value))
    return now


def throttle_queries(client: Client, **extra) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        status = client.get("/api/v1/series", **extra).status_code
    return status, [q["sql"] for q in queries.captured_queries if "api_ratecounter" in q["sql"] or "lieguan_cache" in q["sql"]]


@pytest.mark.django_db
def test_a_public_request_costs_the_rate_limit_one_query_and_the_first_of_a_window_two(council, settings, clock):
    settings.API_RATE_ANONYMOUS = "100/h"
    client = Client(REMOTE_ADDR="203.0.113.40")
    first = throttle_queries(client)
    later = [throttle_queries(client) for _ in range(3)]
    assert first[0] == 200 and len(first[1]) == 2  # the count, and the sweep of clients gone quiet
    assert all(status == 200 and len(sql) == 1 for status, sql in later), later
    assert not any("lieguan_cache" in q for _, sql in [first, *later] for q in sql)


@pytest.mark.django_db
def test_a_signed_in_request_costs_the_rate_limit_one_query(council, token_for, api_client, settings, clock):
    settings.API_RATE_SIGNED_IN = "100/h"
    client = api_client(token_for(council.city.user("dave")))
    throttle_queries(client)
    status, sql = throttle_queries(client)
    assert status == 200 and len(sql) == 1


@pytest.mark.django_db
def test_a_new_window_starts_the_count_again_and_sweeps_clients_that_stopped_calling(council, settings, clock):
    settings.API_RATE_ANONYMOUS = "2/h"
    quiet, busy = Client(REMOTE_ADDR="203.0.113.41"), Client(REMOTE_ADDR="203.0.113.42")
    assert quiet.get("/api/v1/series").status_code == 200
    assert [busy.get("/api/v1/series").status_code for _ in range(3)] == [200, 200, 429]
    clock.value += 3600
    assert busy.get("/api/v1/series").status_code == 200
    assert RateCounter.objects.get(ident="203.0.113.42").count == 1
    # One window later the quiet client's row is older than the window before the current one: swept.
    clock.value += 3600
    assert busy.get("/api/v1/series").status_code == 200
    assert not RateCounter.objects.filter(ident="203.0.113.41").exists()


@pytest.mark.django_db(transaction=True)
def test_two_workers_on_their_own_connections_count_against_one_limit(settings, clock):
    settings.API_RATE_ANONYMOUS = "3/h"
    address = "203.0.113.43"
    client = Client(REMOTE_ADDR=address)
    assert [client.get("/api/v1/series").status_code for _ in range(2)] == [200, 200]
    # A second worker: its own database connection and its own throttle objects, nothing shared in memory.
    other = connections.create_connection("default")
    try:
        window_start = int(NOON // 3600) * 3600
        assert throttles.count_in_database("public", address, window_start, 3600, db=other) == 3
    finally:
        other.close()
    assert client.get("/api/v1/series").status_code == 429


@pytest.mark.django_db
def test_separate_throttle_objects_share_one_count(council, settings, clock, rf):
    settings.API_RATE_ANONYMOUS = "2/h"
    request = rf.get("/api/v1/series", REMOTE_ADDR="203.0.113.44")
    request.auth = None
    workers = [throttles.PublicThrottle(), throttles.PublicThrottle(), throttles.PublicThrottle()]
    assert [worker.allow_request(request) for worker in workers] == [True, True, False]
    assert 0 < (workers[2].wait() or 0) <= 3600
