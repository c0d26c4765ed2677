from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from lieguan.api.models import ApiToken
from lieguan.tracking import actions as t
from tests.ratelimits import reset_rate_counters

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(council):
    alice = council.city.user("alice")
    one = t.do_select_case(alice, council.it_conclusion, lead=council.city.it, co=[council.city.edu])
    two = t.do_select_case(alice, council.shared_conclusion, lead=council.city.edu)
    return one, two


def test_a_token_acts_with_its_owners_permissions_only(council, cases, token_for, api_client):
    bob = api_client(token_for(council.city.user("bob")))
    numbers = [c["number"] for c in bob.get("/api/v1/cases").json()["items"]]
    assert numbers == ["224-1"]  # 224-2 is 教育局's alone
    assert bob.get(f"/api/v1/cases/{cases[1].pk}").status_code == 404
    dave = api_client(token_for(council.city.user("dave")))
    assert len(dave.get("/api/v1/cases").json()["items"]) == 2


def test_a_revoked_or_expired_token_is_refused_with_a_problem(council, token_for, api_client):
    from lieguan.api.actions import do_revoke_token

    user = council.city.user("bob")
    secret = token_for(user)
    client = api_client(secret)
    assert client.get("/api/v1/series").status_code == 200
    do_revoke_token(user, ApiToken.objects.get(user=user))
    response = client.get("/api/v1/series")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "未通過身分驗證"
    expired = token_for(user)
    ApiToken.objects.filter(revoked__isnull=True).update(expires=timezone.now() - dt.timedelta(seconds=1))
    assert api_client(expired).get("/api/v1/series").status_code == 401


def test_tokens_are_stored_hashed(council, token_for):
    secret = token_for(council.city.user("bob"))
    row = ApiToken.objects.get()
    assert secret not in (row.digest, row.hint) and len(row.digest) == 64


def test_a_liaison_reports_progress_through_the_api(council, cases, token_for, api_client):
    one, _ = cases
    bob = api_client(token_for(council.city.user("bob")))
    assignment = one.assignments.get(organisation=council.city.it)
    report = {"text": "已完成 30 所學校頻寬盤點。", "proposal": "continue"}
    response = bob.post_json(f"/api/v1/assignments/{assignment.pk}/progress-reports", report)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["text"] == "已完成 30 所學校頻寬盤點。" and body["organisation"] == "資訊局"
    assert "已完成" in response.content.decode("utf-8")  # Chinese is not \\u-escaped
    other = one.assignments.get(organisation=council.city.edu)
    assert bob.post_json(f"/api/v1/assignments/{other.pk}/progress-reports", {"text": "x", "proposal": "continue"}).status_code == 403


def test_the_secretariat_records_decisions_and_gets_the_sentence(council, cases, token_for, api_client):
    one, two = cases
    alice = api_client(token_for(council.city.user("alice")))
    payload = {
        "decisions": [
            {"case_id": one.pk, "decision": "release", "organisation_ids": [council.city.it.pk]},
            {"case_id": one.pk, "decision": "continue", "organisation_ids": [council.city.edu.pk]},
            {"case_id": two.pk, "decision": "release"},
        ]
    }
    response = alice.post_json(f"/api/v1/meetings/{council.second.pk}/decisions", payload)
    assert response.status_code == 200, response.content
    assert response.json()["sentence"] == "列管編號 224-1（資訊局部分）、224-2 等 2 案解除列管；列管編號 224-1（教育局部分）賡續列管。"
    bob = api_client(token_for(council.city.user("bob")))
    assert bob.post_json(f"/api/v1/meetings/{council.second.pk}/decisions", payload).status_code in (403, 404)


def test_invalid_input_is_a_problem_that_names_the_field(council, cases, token_for, api_client):
    bob = api_client(token_for(council.city.user("bob")))
    assignment = cases[0].assignments.get(organisation=council.city.it)
    response = bob.post_json(f"/api/v1/assignments/{assignment.pk}/progress-reports", {"text": "", "proposal": "maybe"})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert "proposal" in response.json()["detail"]


def test_pages_follow_the_next_cursor_to_the_end(council, token_for, api_client):
    dave = api_client(token_for(council.city.user("dave")))
    seen, after = [], None
    while True:
        body = dave.get("/api/v1/organisations", {"limit": 2, **({"after": after} if after is not None else {})}).json()
        seen += [o["id"] for o in body["items"]]
        after = body["next"]
        if after is None:
            break
    from lieguan.organisations.models import Organisation

    assert seen == sorted(Organisation.objects.values_list("id", flat=True))


def test_an_unchanged_resource_answers_304_to_its_etag(council, token_for, api_client):
    dave = api_client(token_for(council.city.user("dave")))
    first = dave.get("/api/v1/series")
    assert first.status_code == 200 and first["ETag"]
    again = dave.get("/api/v1/series", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""


def test_too_many_requests_are_throttled(council, token_for, api_client, settings):
    settings.API_RATE_SIGNED_IN = "3/h"
    reset_rate_counters()
    dave = api_client(token_for(council.city.user("dave")))
    statuses = [dave.get("/api/v1/series").status_code for _ in range(5)]
    assert statuses[:3] == [200, 200, 200] and statuses[3] == 429


def test_the_public_sees_nothing_unless_the_portal_is_open(council, api_client, settings):
    from lieguan.meetings import actions as m
    from tests.factories import SETUP

    m.do_update_series(SETUP, council.series, public=True)
    m.do_transition_minutes(SETUP, council.first, "published")
    public = api_client()
    settings.PUBLIC_PORTAL = False
    assert public.get("/api/v1/meetings").json()["items"] == []
    settings.PUBLIC_PORTAL = True
    titles = [x["title"] for x in public.get("/api/v1/meetings").json()["items"]]
    assert titles == [council.first.title]
    assert public.get(f"/api/v1/meetings/{council.first.pk}/minutes").json()["title"] == council.first.title
    assert public.get(f"/api/v1/meetings/{council.second.pk}/minutes").status_code == 404
    assert public.get("/api/v1/cases").json()["items"] == []


def test_decisions_through_the_api_meet_the_same_refusals_as_the_decisions_page(council, cases, token_for, api_client):
    from django.test import Client
    from django.urls import reverse

    from lieguan.meetings import actions as m
    from tests.factories import SETUP, aware

    one, _ = cases
    alice = council.city.user("alice")
    api = api_client(token_for(alice))
    page = Client()
    page.force_login(alice)
    payload = {"decisions": [{"case_id": one.pk, "decision": "release"}]}
    # A series that does not track its conclusions has no decisions page, and no decisions.
    plain = m.do_create_series(SETUP, owner=council.city.root, code="plain", name="市政會議", tracks_cases=False)
    elsewhere = m.do_schedule_meeting(SETUP, plain, start=aware("2026-10-20 10:00"))
    assert page.get(reverse("tracking:decisions", args=[elsewhere.pk])).status_code == 404
    refused = api.post_json(f"/api/v1/meetings/{elsewhere.pk}/decisions", payload)
    assert refused.status_code == 404 and refused["Content-Type"] == "application/problem+json"
    # A cancelled meeting decides nothing, and the case stays as it was.
    m.do_cancel_meeting(alice, council.second)
    # (The state of the records, not the user's rights: the page says why, the API answers 409 in the same words.)
    answer = page.post(reverse("tracking:decisions", args=[council.second.pk]), {f"c{one.pk}": "release"}, follow=True)
    assert "此會次已取消，無法記錄列管決定" in answer.content.decode()
    refused = api.post_json(f"/api/v1/meetings/{council.second.pk}/decisions", payload)
    assert refused.status_code == 409, refused.content
    assert "此會次已取消，無法記錄列管決定" in refused.json()["detail"]
    one.refresh_from_db()
    assert one.status == "open" and not one.decisions.exists()


def test_a_well_formed_request_the_records_refuse_is_a_409_problem_in_the_actions_words(council, cases, token_for, api_client):
    _, two = cases
    alice = api_client(token_for(council.city.user("alice")))
    payload = {"decisions": [{"case_id": two.pk, "decision": "release", "organisation_ids": [council.city.it.pk]}]}
    response = alice.post_json(f"/api/v1/meetings/{council.second.pk}/decisions", payload)
    assert response.status_code == 409 and response["Content-Type"] == "application/problem+json"
    assert response.json() == {"type": "about:blank", "title": "無法執行", "status": 409, "detail": "資訊局 不是 224-2 的主協辦機關。"}
    assert not two.decisions.exists()
