"""The attack suite, SQL metacharacters: every filter of every page the matrix knows, for three personas.

Apart from tests/security/test_attacks.py because it makes some five thousand requests: on its own a
test worker can run it while the other runs the rest of the attack suite.
"""

from __future__ import annotations

import pytest

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


def test_sql_metacharacters_in_every_filter_and_search_never_break_a_page(world):
    from lieguan.meetings.models import Meeting

    meetings_before = Meeting.objects.count()
    for persona in ("admin", "liaison", "public"):
        client = _client(persona, world.users)
        for route_name, probes in PROBES.items():
            for probe in probes:
                if probe.method != "get":
                    continue
                base = _url(route_name, probe, world.ids).split("?")[0]
                for payload in METACHARACTERS:
                    response = client.get(base, dict.fromkeys(FILTER_NAMES, payload))
                    assert response.status_code < 500, f"{route_name} {base} with {payload!r}: {response.status_code}"
    assert Meeting.objects.count() == meetings_before
