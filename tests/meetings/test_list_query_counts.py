"""Issue 16: the meetings list (the series, each with its latest meeting) takes the same queries for any number of series."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lieguan.meetings import actions as m
from tests.factories import SETUP, aware

pytestmark = pytest.mark.django_db


def add_series(city, count: int, *, start: int = 0) -> None:
    """``count`` series of two agencies, each with two meetings, one of them cancelled."""
    for i in range(start, start + count):
        owner = city.it if i % 2 else city.edu
        series = m.do_create_series(
            SETUP, owner=owner, code=f"s{i}", name=f"業務會報{i}", level="agency", case_number_pattern="{session}-{seq}"
        )
        first = aware("2026-03-05 10:00") + dt.timedelta(days=i)
        m.do_schedule_meeting(SETUP, series, start=first, number=1)
        later = m.do_schedule_meeting(SETUP, series, start=first + dt.timedelta(days=30))
        if i % 3 == 0:
            m.do_cancel_meeting(SETUP, later)


def count_queries(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize("user", ["alice", "bob", "dave", "erin"])
def test_the_meetings_list_takes_as_many_queries_for_three_times_the_series(client, city, user):
    client.force_login(city.user(user))
    add_series(city, 3)
    client.get("/")
    before, _ = count_queries(client, "/meetings/")
    add_series(city, 6, start=3)
    after, page = count_queries(client, "/meetings/")
    assert after == before, (before, after)
    if user in ("dave", "erin"):  # who reads every series
        assert all(f"業務會報{i}" in page for i in range(9))
