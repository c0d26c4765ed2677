"""Issue 16: the statistics and each agency's overview take the same queries for any number of cases."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.tracking.test_list_query_counts import add_cases

pytestmark = pytest.mark.django_db

PAGES = [
    "/reports/",
    "/reports/?view=then",
    "/reports/agencies/",
    "/reports/agencies/?view=then",
]


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    # The figures themselves, not the form asking to correct a filter.
    assert "stats" in response.context or "overview" in response.context, url
    return len(queries)


@pytest.mark.parametrize("user", ["alice", "bob", "dave", "erin"])
def test_the_statistics_pages_take_as_many_queries_for_three_times_the_cases(client, council, user):
    city = council.city
    client.force_login(city.user(user))
    add_cases(city, 6, council=council)
    client.get("/")
    before = [count_queries(client, url) for url in PAGES]
    add_cases(city, 12, start=6, council=council)
    after = [count_queries(client, url) for url in PAGES]
    assert after == before
