"""A story across apps: a session decides, and the minutes, the cases, the status report, the home page,
the statistics and the API tell the same story at each step (issue 12)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from django.utils import timezone

from lieguan.api.actions import do_create_token
from lieguan.meetings import actions as m
from lieguan.meetings.document import minutes_document
from lieguan.meetings.models import Meeting
from lieguan.minutes.render.text import render_text
from lieguan.reports.statistics import Filters, compute
from lieguan.tracking import actions as t
from lieguan.tracking.actions import Decide
from lieguan.tracking.models import StatusReport
from lieguan.tracking.status_report import build

pytestmark = pytest.mark.django_db


def _api(user, path):
    token = do_create_token(user, name="story", days=1)[1]
    response = Client().get(path, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def _home_open_figure(user) -> int:
    client = Client()
    client.force_login(user)
    page = client.get("/").content.decode()
    from lieguan.organisations.access import viewer_for
    from lieguan.reports.panels import tracking_figures

    request = RequestFactory().get("/")
    request.user = user
    panel = tracking_figures(request, viewer_for(user))  # the same panel the page above rendered
    assert panel is not None and str(panel.context["open"]) in page
    return panel.context["open"]


def _story(user, case) -> dict:
    """Every view's account of the case's agencies: {agency: status}."""
    api = _api(user, f"/api/v1/cases/{case.pk}")
    stats = compute(user, Filters(start=dt.date(2026, 1, 1), end=timezone.localdate()))
    listed = _api(user, "/api/v1/cases?status=open&limit=100")["items"]
    open_api = sum(1 for c in listed for a in c["assignments"] if a["status"] == "open")
    case.refresh_from_db()
    return {
        "model": {a.organisation.display_name: a.status for a in case.assignments.all()},
        "api": {a["organisation"]: a["status"] for a in api["assignments"]},
        "api_case": api["status"],
        "case": case.status,
        "open_parts": {"home": _home_open_figure(user), "statistics": stats.total.open, "api": open_api},
    }


def test_a_per_agency_release_is_told_alike_by_the_minutes_the_case_the_report_the_home_page_statistics_and_api(council):
    alice, dave = council.city.user("alice"), council.city.user("dave")
    case = t.do_select_case(alice, council.it_conclusion, lead=council.city.it, co=[council.city.edu])
    other = t.do_select_case(alice, council.shared_conclusion, lead=council.city.edu)
    m.do_transition_minutes(alice, council.first, Meeting.MinutesState.PUBLISHED)

    before = _story(dave, case)
    assert before["model"] == before["api"] == {"資訊局": "open", "教育局": "open"}
    assert before["open_parts"] == {"home": 3, "statistics": 3, "api": 3}

    # The next session: publishing before deciding is refused, and nothing changes.
    with pytest.raises(ValidationError):
        m.do_transition_minutes(alice, council.second, Meeting.MinutesState.PUBLISHED)
    assert _story(dave, case) == before

    # 資訊局's part is released, 教育局's continued; the other case continues.
    t.do_record_decisions(
        dave, council.second, [Decide(case, "release", (council.city.it,)), Decide(case, "continue", (council.city.edu,))]
    )
    t.do_accept_proposals(dave, council.second)
    m.do_transition_minutes(alice, council.second, Meeting.MinutesState.PUBLISHED)

    after = _story(dave, case)
    assert after["model"] == after["api"] == {"資訊局": "released", "教育局": "open"}
    assert after["case"] == after["api_case"] == "open"
    assert after["open_parts"] == {"home": 2, "statistics": 2, "api": 2}

    text = render_text(minutes_document(council.second))
    sentence = "列管編號 224-1（資訊局部分）解除列管；列管編號 224-1（教育局部分）、224-2 等 2 案賡續列管。"
    assert sentence in text
    assert StatusReport.objects.get(meeting=council.second).decision_conclusion.text == sentence
    lines = build(council.second).lines
    decided = {(line.case.number, a.assignment.organisation.short_name, a.decision.decision) for line in lines for a in line.agencies}
    assert decided == {("224-1", "資訊局", "release"), ("224-1", "教育局", "continue"), ("224-2", "教育局", "continue")}
    released = case.assignments.get(organisation=council.city.it).released_on
    assert released == timezone.localtime(council.second.start).date()
    api_decisions = _api(dave, f"/api/v1/decisions?meeting_id={council.second.pk}&limit=100")["items"]
    assert {(d["case_number"], d["decision"]) for d in api_decisions} >= {("224-1", "release"), ("224-1", "continue")}
    assert other.pk
