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


@pytest.mark.parametrize("view", ["now", "then"])
def test_the_agencies_overview_pages_through_the_lines_of_the_whole_table_in_its_order(client, council, monkeypatch, view):
    from django.utils import timezone

    from lieguan.minutes.rocdate import format_roc_short
    from lieguan.reports import overview
    from lieguan.reports.overview import OverviewFilters, build_overview

    city = council.city
    dave = city.user("dave")
    add_cases(city, 14, council=council)
    whole = build_overview(dave, OverviewFilters(as_of=timezone.localdate(), view=view))
    expected = [(g.agency.pk, line.assignment.pk) for g in whole.groups for line in g.lines]
    assert len(expected) > 12 and len(whole.groups) > 1
    assert all(g.overdue == sum(1 for line in g.lines if line.days_overdue) for g in whole.groups)
    assert any(g.overdue for g in whole.groups)
    monkeypatch.setattr(overview, "PAGE_LINES", 4)
    client.force_login(dave)
    query = {"as_of": format_roc_short(timezone.localdate()), "view": view}
    seen, number = [], 1
    while True:
        page = client.get("/reports/agencies/", query | {"page": number}).context["overview"]
        seen += [(g.agency.pk, line.assignment.pk) for g in page.groups for line in g.lines]
        # Every page names every agency's figures for the whole table, and where each agency starts.
        assert [(g.agency.pk, g.total, g.overdue) for g in page.summary] == [(g.agency.pk, len(g.lines), g.overdue) for g in whole.groups]
        assert page.count == len(expected)
        if not page.has_next:
            break
        number += 1
    assert seen == expected and number == -(-len(expected) // 4)
    first_pages = {g.agency.pk: g.first_page for g in page.summary}
    assert all(expected.index(next(e for e in expected if e[0] == pk)) // 4 + 1 == p for pk, p in first_pages.items())
    beyond = client.get("/reports/agencies/", query | {"page": 999}).context["overview"]
    assert beyond.page == number and client.get("/reports/agencies/", query | {"page": "x"}).context["overview"].page == 1


def test_the_overview_sorted_by_the_database_lists_the_lines_as_the_sort_in_python_does(council):
    """With no succession, "as it is now" (sorted in SQL) and "as it was then" (sorted in Python) are one table:
    the series by name with the cases of other sources among them, numbers in natural order (224-4 before 224-10),
    an agency's own parts before its unit's."""
    from django.utils import timezone

    from lieguan.reports.overview import OverviewFilters, build_overview

    city = council.city
    add_cases(city, 30, council=council)

    def lines(view: str) -> list[tuple[int, str, int]]:
        table = build_overview(city.user("dave"), OverviewFilters(as_of=timezone.localdate(), view=view))
        return [(g.agency.pk, line.case.number, line.assignment.organisation_id) for g in table.groups for line in g.lines]

    now = lines("now")
    assert now == lines("then")
    numbers = [number for _agency, number, _org in now]
    assert numbers.index("224-6") < numbers.index("224-12") and len(now) > 30
