"""Each resource of the API, read as a program reads it: what it holds, its filters, and whose it is to see."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from lieguan.meetings import actions as m
from lieguan.tracking import actions as t
from tests.factories import SETUP

pytestmark = pytest.mark.django_db


@pytest.fixture
def tracked(council):
    """224-1 (資訊局 leads, 教育局 helps) and 224-2 (教育局), a report from each agency, and the decisions of meeting 225."""
    city, alice = council.city, council.city.user("alice")
    one = t.do_select_case(alice, council.it_conclusion, lead=city.it, co=[city.edu])
    two = t.do_select_case(alice, council.shared_conclusion, lead=city.edu)
    t.do_submit_report(city.user("bob"), one.assignments.get(organisation=city.it), text="頻寬盤點進行中。", proposal="continue")
    t.do_submit_report(city.user("carol"), two.assignments.get(), text="各校盤點完成。", proposal="release")
    t.do_record_decisions(alice, council.second, [t.Decide(two, "release")])
    return one, two


def ids(body: dict) -> list[int]:
    return [x["id"] for x in body["items"]]


def test_the_directory_is_for_signed_in_callers_and_filters_by_parent_kind_and_name(council, token_for, api_client):
    city = council.city
    bob = api_client(token_for(city.user("bob")))
    agencies = bob.get("/api/v1/organisations", {"parent_id": city.root.pk, "kind": "agency"}).json()
    assert set(ids(agencies)) == {city.secretariat.pk, city.it.pk, city.edu.pk, city.rdec.pk}
    assert ids(bob.get("/api/v1/organisations", {"name": "資訊局"}).json()) == [city.it.pk, city.it_unit.pk]
    one = bob.get(f"/api/v1/organisations/{city.it.pk}").json()
    assert one["short_name"] == "資訊局" and one["parent_id"] == city.root.pk
    assert {n["text"] for n in one["names"]} >= {"測試市政府資訊局", "資訊局"}
    people = bob.get("/api/v1/people", {"organisation_id": city.it.pk}).json()["items"]
    assert {p["name"] for p in people} == {"李大同"}
    assert [p["title"] for p in bob.get("/api/v1/people", {"name": "王小美"}).json()["items"]] == ["專員"]
    refused = api_client().get("/api/v1/people")
    assert refused.status_code == 403 and refused["Content-Type"] == "application/problem+json"
    assert refused.json()["detail"] == "機關與人員名錄僅供登入使用者查詢。"


def test_series_and_meetings_with_date_and_state_filters(council, token_for, api_client):
    alice = api_client(token_for(council.city.user("alice")))
    [series] = alice.get("/api/v1/series").json()["items"]
    assert series["code"] == "chiefs" and series["tracks_cases"] is True
    assert alice.get(f"/api/v1/series/{council.series.pk}").json()["name"] == "主任秘書會報"
    meetings = f"/api/v1/meetings?series_id={council.series.pk}"
    assert ids(alice.get(meetings).json()) == [council.first.pk, council.second.pk]
    assert ids(alice.get(meetings, {"start_from": "2026-10-01"}).json()) == [council.second.pk]
    assert ids(alice.get(meetings, {"start_to": "2026-09-17"}).json()) == [council.first.pk]
    m.do_transition_minutes(SETUP, council.first, "published")
    assert ids(alice.get(meetings, {"minutes_state": "published"}).json()) == [council.first.pk]
    assert alice.get("/api/v1/meetings", {"start_from": "1700000000"}).status_code == 422
    one = alice.get(f"/api/v1/meetings/{council.first.pk}").json()
    assert one["number"] == 224 and one["start"] == "2026-09-17T10:00:00+08:00"
    assert one["minutes_url"] == f"http://testserver/api/v1/meetings/{council.first.pk}/minutes"


def test_minutes_are_minutes_json_and_drafts_stay_with_those_who_write_them(council, token_for, api_client):
    bob = api_client(token_for(council.city.user("bob")))
    alice = api_client(token_for(council.city.user("alice")))
    minutes = f"/api/v1/meetings/{council.first.pk}/minutes"
    draft = alice.get(minutes)
    assert draft.status_code == 200 and draft.json()["format"] == "lieguan.minutes/1"
    assert draft.json()["session"]["number"] == 224
    assert "請資訊局評估學校網路頻寬擴充方案" in draft.content.decode("utf-8")  # characters, not \\u escapes
    assert bob.get(f"/api/v1/meetings/{council.first.pk}").json()["minutes_url"] is None
    refused = bob.get(minutes)
    assert refused.status_code == 403 and refused["Content-Type"] == "application/problem+json"
    m.do_transition_minutes(SETUP, council.first, "published")
    assert bob.get(minutes).json()["title"] == council.first.title


def test_agenda_items_and_conclusions_of_the_meetings_one_may_read(council, token_for, api_client):
    bob = api_client(token_for(council.city.user("bob")))
    alice = api_client(token_for(council.city.user("alice")))
    items = bob.get("/api/v1/agenda-items", {"meeting_id": council.first.pk}).json()["items"]
    item = next(i for i in items if i["title"] == "本府網路頻寬檢討")
    assert item["presenter_id"] == council.city.it.pk and item["section_kind"] == "reports"
    assert bob.get("/api/v1/agenda-items", {"meeting_id": council.second.pk}).json()["items"] == []  # not bob's meeting
    # Conclusions are part of the minutes: a draft's are for those who write it.
    assert bob.get("/api/v1/conclusions").json()["items"] == []
    conclusion = f"/api/v1/conclusions/{council.it_conclusion.pk}"
    assert bob.get(conclusion).status_code == 403
    found = alice.get("/api/v1/conclusions", {"meeting_id": council.first.pk}).json()["items"]
    assert [c["id"] for c in found] == [council.it_conclusion.pk, council.shared_conclusion.pk]
    assert alice.get(conclusion).json()["item_id"] == item["id"]
    t.do_select_case(council.city.user("alice"), council.it_conclusion, lead=council.city.it)
    assert ids(alice.get("/api/v1/conclusions", {"tracked": "true"}).json()) == [council.it_conclusion.pk]
    m.do_transition_minutes(SETUP, council.first, "published")
    assert bob.get(conclusion).json()["tracked"] is True


def test_cases_with_their_assignments_and_filters(council, tracked, token_for, api_client):
    one, two = tracked
    dave = api_client(token_for(council.city.user("dave")))
    case = dave.get(f"/api/v1/cases/{one.pk}").json()
    assert case["number"] == "224-1" and case["meeting_id"] == council.first.pk
    parts = [(a["organisation"], a["role"], a["status"]) for a in case["assignments"]]
    assert parts == [("資訊局", "lead", "open"), ("教育局", "co", "open")]
    assert ids(dave.get("/api/v1/cases", {"status": "released"}).json()) == [two.pk]
    assert ids(dave.get("/api/v1/cases", {"status": "open"}).json()) == [one.pk]
    assert ids(dave.get("/api/v1/cases", {"organisation_id": council.city.it.pk}).json()) == [one.pk]
    assert ids(dave.get("/api/v1/cases", {"series_id": council.series.pk, "source": "minutes"}).json()) == [one.pk, two.pk]
    assert dave.get("/api/v1/cases", {"overdue": "true"}).json()["items"] == []  # no deadline has passed
    t.do_update_case(SETUP, one, deadline=timezone.localdate() - dt.timedelta(days=1))
    assert ids(dave.get("/api/v1/cases", {"overdue": "true"}).json()) == [one.pk]
    assert ids(dave.get("/api/v1/cases", {"overdue": "false"}).json()) == [two.pk]  # released: never overdue


def test_progress_reports_and_decisions_are_read_by_those_who_may_see_the_case(council, tracked, token_for, api_client):
    one, two = tracked
    bob = api_client(token_for(council.city.user("bob")))
    dave = api_client(token_for(council.city.user("dave")))
    reports = dave.get("/api/v1/progress-reports").json()["items"]
    assert [(r["case_id"], r["organisation"], r["proposal"]) for r in reports] == [
        (one.pk, "資訊局", "continue"),
        (two.pk, "教育局", "release"),
    ]
    assert reports[0]["submitted_by"] == "李大同" and reports[0]["submitted_at"].endswith("+08:00")
    assert [r["text"] for r in dave.get("/api/v1/progress-reports", {"case_id": two.pk}).json()["items"]] == ["各校盤點完成。"]
    # bob sees 224-1 (his agency's) and nothing of 224-2.
    assert [r["case_id"] for r in bob.get("/api/v1/progress-reports").json()["items"]] == [one.pk]
    decisions = dave.get("/api/v1/decisions", {"meeting_id": council.second.pk}).json()["items"]
    assert [(d["case_number"], d["decision"], d["organisation"]) for d in decisions] == [("224-2", "release", "教育局")]
    assert decisions[0]["decided_on"] == "2026-10-15"
    assert bob.get("/api/v1/decisions").json()["items"] == []
    assert dave.get("/api/v1/decisions", {"case_id": one.pk}).json()["items"] == []


def test_a_single_resource_answers_304_to_its_etag_until_it_changes(council, tracked, token_for, api_client):
    one, _ = tracked
    dave = api_client(token_for(council.city.user("dave")))
    path = f"/api/v1/cases/{one.pk}"
    first = dave.get(path)
    assert dave.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    t.do_update_case(SETUP, one, title="本府網路頻寬全面檢討")
    changed = dave.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed.json()["title"] == "本府網路頻寬全面檢討"
    assert changed["ETag"] != first["ETag"]


def test_a_token_cannot_write_what_its_owner_may_not(council, tracked, token_for, api_client):
    from lieguan.core.models import AuditEntry

    one, two = tracked
    carol = api_client(token_for(council.city.user("carol")))
    released = two.assignments.get()
    refused = carol.post_json(f"/api/v1/assignments/{released.pk}/progress-reports", {"text": "補充。", "proposal": "release"})
    assert refused.status_code == 403 and refused.json()["detail"] == "此機關的列管已解除，不需再填報辦理情形。"
    payload = {"text": "代填。", "proposal": "continue"}
    other = carol.post_json(f"/api/v1/assignments/{one.assignments.get(organisation=council.city.it).pk}/progress-reports", payload)
    assert other.status_code == 403 and other.json()["detail"] == "只有主協辦機關的聯絡人可以填報辦理情形。"
    accepted = carol.post_json(f"/api/v1/assignments/{one.assignments.get(organisation=council.city.edu).pk}/progress-reports", payload)
    assert accepted.status_code == 201
    # The write went through the tracking action: it is in the audit trail under carol's name.
    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry is not None and entry.action.startswith("report.") and entry.actor_id == council.city.user("carol").pk
