"""The attack suite, SQL metacharacters: every filter of every page the matrix knows, for three personas.

Each route is first asked once with every filter set to a harmless value, and the query parameters its view
reads are noted (`read_parameters`); the metacharacters then go to the routes that read at least one filter.
A detail page that reads none would answer them as it answered the harmless value (it was some 80% of the
five thousand requests this test used to make, and half of CI's slowest test).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

from tests.security import scenario as sc
from tests.security.test_matrix import PROBES, _client, _url

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(demo_city):
    return sc.build_all(demo_city)


METACHARACTERS = ["' OR '1'='1", '"; DROP TABLE meetings_meeting; --', "%", "_", "\\", "1; SELECT 1", "NEAR(a b)", '"unclosed', "*", "\x00"]
FILTER_NAMES = [
    "q",
    "series",
    "series_id",
    "agency",
    "organisation_id",
    "status",
    "source",
    "kind",
    "sort",
    "order",
    "page",
    "after",
    "limit",
    "date_from",
    "date_to",
    "start_from",
    "start_to",
    "period_from",
    "period_to",
    "year",
    "name",
    "tracked",
]


# Whatever a view does with request.GET goes through these; the ones that hand out every key count as reading all.
_BY_KEY = ("__getitem__", "get", "getlist", "__contains__")
_ALL_KEYS = ("items", "lists", "values", "keys", "__iter__", "dict", "copy", "urlencode", "__copy__", "__deepcopy__")


@contextmanager
def read_parameters(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[str]]:
    """The names of the query parameters read while inside (``*`` when they were all handed out)."""
    read: set[str] = set()

    def by_key(name: str) -> Any:
        original = getattr(MultiValueDict, name)

        def noting(self: Any, key: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(self, QueryDict):  # not the URL resolver's MultiValueDicts
                read.add(str(key))
            return original(self, key, *args, **kwargs)

        return noting

    def every_key(owner: type, name: str) -> Any:
        original = getattr(owner, name)

        def noting(self: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(self, QueryDict) and self:
                read.add("*")
            return original(self, *args, **kwargs)

        return noting

    with monkeypatch.context() as patch:
        for name in _BY_KEY:
            patch.setattr(MultiValueDict, name, by_key(name))
        for name in _ALL_KEYS:
            # On the class that defines it, so that QueryDict's own copy and urlencode are seen too.
            owner = QueryDict if name in vars(QueryDict) else MultiValueDict
            if hasattr(owner, name):
                patch.setattr(owner, name, every_key(owner, name))
        yield read


def test_the_parameter_reader_sees_the_filters_a_list_reads_and_nothing_on_a_page_that_reads_none(world, monkeypatch):
    client = _client("admin", world.users)
    with read_parameters(monkeypatch) as read:
        client.get("/cases/", {"series": "1", "agency": "1"})
    assert {"series", "agency"} <= read
    with read_parameters(monkeypatch) as read:
        client.get("/healthz", {"series": "1", "agency": "1"})
    assert not read


def test_sql_metacharacters_in_every_filter_and_search_never_break_a_page(world, monkeypatch):
    from lieguan.meetings.models import Meeting

    meetings_before = Meeting.objects.count()
    filtered = 0
    for persona in ("admin", "liaison", "public"):
        client = _client(persona, world.users)
        for route_name, probes in PROBES.items():
            for probe in probes:
                if probe.method != "get":
                    continue
                base = _url(route_name, probe, world.ids).split("?")[0]
                with read_parameters(monkeypatch) as read:
                    response = client.get(base, dict.fromkeys(FILTER_NAMES, "1"))
                assert response.status_code < 500, f"{route_name} {base}: {response.status_code}"
                if not (read & {*FILTER_NAMES, "*"}):
                    continue
                filtered += 1
                for payload in METACHARACTERS:
                    response = client.get(base, dict.fromkeys(FILTER_NAMES, payload))
                    assert response.status_code < 500, f"{route_name} {base} with {payload!r}: {response.status_code}"
    # The lists, searches and statistics of three personas: far more than none, so that the reader has not
    # gone blind (a Django upgrade that reads request.GET some other way).
    assert filtered >= 60, filtered
    assert Meeting.objects.count() == meetings_before
