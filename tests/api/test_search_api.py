"""GET /api/v1/search: the search page's results and access rules, as JSON with a position cursor."""

from __future__ import annotations

import pytest

from lieguan.meetings import actions as m
from lieguan.search.indexer import reindex_all
from lieguan.tracking import actions as t
from tests.factories import SETUP
from tests.ratelimits import reset_rate_counters

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    reset_rate_counters()


@pytest.fixture
def indexed(council):
    """Meeting 224 published (its series not public), with 224-1 under tracking; the index built."""
    alice = council.city.user("alice")
    case = t.do_select_case(alice, council.it_conclusion, lead=council.city.it, co=[council.city.edu])
    m.do_transition_minutes(SETUP, council.first, "published")
    reindex_all()
    return council, case


def found(client, **params) -> list[tuple[str, int]]:
    response = client.get("/api/v1/search", params)
    assert response.status_code == 200, response.content
    return [(x["kind"], x["object_id"]) for x in response.json()["items"]]


def test_a_liaison_finds_the_conclusion_and_the_case_with_links(indexed, token_for, api_client):
    council, case = indexed
    bob = api_client(token_for(council.city.user("bob")))
    body = bob.get("/api/v1/search", {"q": "頻寬"}).json()
    kinds = {(x["kind"], x["object_id"]) for x in body["items"]}
    assert ("conclusion", council.it_conclusion.pk) in kinds and ("case", case.pk) in kinds
    conclusion = next(x for x in body["items"] if x["kind"] == "conclusion" and x["object_id"] == council.it_conclusion.pk)
    assert conclusion["title"] == council.first.title and conclusion["kind_label"] == "會議結論"
    assert conclusion["meeting_id"] == council.first.pk and conclusion["series_id"] == council.series.pk
    assert conclusion["url"].startswith(f"http://testserver/meetings/{council.first.pk}/minutes/#")
    assert "頻寬" in conclusion["excerpt"] and conclusion["text"] == council.it_conclusion.text
    listed = next(x for x in body["items"] if x["kind"] == "case")
    assert listed["title"] == "224-1 本府網路頻寬檢討" and listed["case_status"] == "open"
    assert listed["url"] == f"http://testserver/cases/{case.pk}/"
    assert body["next"] is None


def test_nobody_finds_what_they_may_not_read(indexed, token_for, api_client, settings):
    council, _ = indexed
    frank = api_client(token_for(council.city.user("frank")))
    assert found(frank, q="頻寬") == []  # not involved, and the series is not public
    settings.PUBLIC_PORTAL = False
    response = api_client().get("/api/v1/search", {"q": "頻寬"})
    assert response.status_code == 403 and response["Content-Type"] == "application/problem+json"
    settings.PUBLIC_PORTAL = True
    assert found(api_client(), q="頻寬") == []
    m.do_update_series(SETUP, council.series, public=True)
    # The public reads the published minutes of a public series, never the cases.
    public = found(api_client(), q="頻寬")
    assert ("conclusion", council.it_conclusion.pk) in public
    assert all(kind in ("conclusion", "item", "remark") for kind, _ in public)


def test_kind_and_series_narrow_the_results(indexed, token_for, api_client):
    council, case = indexed
    dave = api_client(token_for(council.city.user("dave")))
    assert found(dave, q="頻寬", kind="case") == [("case", case.pk)]
    assert all(kind == "conclusion" for kind, _ in found(dave, q="頻寬", kind="conclusion"))
    assert found(dave, q="頻寬", series_id=council.series.pk)
    other = m.do_create_series(SETUP, owner=council.city.edu, code="edu-board", name="局務會議")
    assert found(dave, q="頻寬", series_id=other.pk) == []


def test_pages_follow_the_next_position_to_the_end(indexed, token_for, api_client):
    council, _ = indexed
    dave = api_client(token_for(council.city.user("dave")))
    everything = found(dave, q="資訊局", limit=50)
    assert len(everything) >= 3
    seen, after = [], None
    while True:
        params = {"q": "資訊局", "limit": 1, **({"after": after} if after is not None else {})}
        body = dave.get("/api/v1/search", params).json()
        seen += [(x["kind"], x["object_id"]) for x in body["items"]]
        after = body["next"]
        if after is None:
            break
    assert seen == everything


def test_punctuation_finds_nothing_and_a_missing_query_is_a_problem(indexed, token_for, api_client):
    council, _ = indexed
    dave = api_client(token_for(council.city.user("dave")))
    assert dave.get("/api/v1/search", {"q": "！？"}).json() == {"items": [], "next": None}
    response = dave.get("/api/v1/search")
    assert response.status_code == 422 and "q" in response.json()["detail"]
    assert dave.get("/api/v1/search", {"q": "頻寬", "kind": "minutes"}).status_code == 422
