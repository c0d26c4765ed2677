"""Issue 12, point 7: the one-time submission token (lieguan.core.submission) and the tracking forms that use it."""

from __future__ import annotations

import re

import pytest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template import Context, Template
from django.test import RequestFactory

from lieguan.core.models import SubmissionToken
from lieguan.core.submission import REPLAYED, once_per_submission
from lieguan.tracking.models import ProgressReport, TrackedCase
from tests.pages import find
from tests.tracking.board import make_board

pytestmark = pytest.mark.django_db


def token_in(html: str) -> str:
    found = find(html, "//input[@type='hidden'][@name='submission_token']/@value")
    assert found, "the form carries no submission token"
    assert re.fullmatch("[0-9a-f]{32}", found[0]), found[0]
    return found[0]


def test_the_tag_writes_a_fresh_token_each_time():
    template = Template("{% load submission %}{% submission_token %}|{% submission_token guard=False %}")
    first, unguarded = template.render(Context()).split("|")
    assert token_in(first) != token_in(template.render(Context()))
    # The tag's own output, read as written.
    assert "data-submission-token" in first and "data-submission-token" not in unguarded


def test_a_view_runs_once_per_token_and_a_replay_gets_the_first_redirect(city):
    calls = []

    @once_per_submission
    def create(request):
        calls.append(request.POST["title"])
        return redirect(f"/things/{len(calls)}/")

    factory = RequestFactory()
    user = city.user("alice")
    said = _Messages()

    def post(data, **extra):
        request = factory.post("/things/new/", data, **extra)
        request.user = user
        request._messages = said
        return create(request)

    token = "0f" * 16
    first = post({"title": "甲", "submission_token": token})
    second = post({"title": "甲", "submission_token": token})
    assert calls == ["甲"]
    assert first["Location"] == second["Location"] == "/things/1/"
    assert said == [REPLAYED]
    assert post({"title": "乙", "submission_token": token}, HTTP_HX_REQUEST="true").status_code == 204
    # Without a token (the API, a script) nothing is remembered.
    post({"title": "丙"})
    post({"title": "丙"})
    assert calls == ["甲", "丙", "丙"]
    assert SubmissionToken.objects.get(token=token).location == "/things/1/"


def test_a_view_that_fails_leaves_the_token_unused(city):
    @once_per_submission
    def create(request):
        raise RuntimeError("寫入失敗")

    request = RequestFactory().post("/things/new/", {"submission_token": "1a" * 16})
    request.user = city.user("alice")
    with pytest.raises(RuntimeError):
        create(request)
    assert not SubmissionToken.objects.exists()


def test_an_answer_that_is_not_a_redirect_frees_the_token(city):
    @once_per_submission
    def create(request):
        return HttpResponse("請修正以下錯誤")

    request = RequestFactory().post("/things/new/", {"submission_token": "2b" * 16})
    request.user = city.user("alice")
    create(request)
    assert not SubmissionToken.objects.exists()


class _Messages(list):
    """Just enough of the messages storage for a RequestFactory request."""

    level = 0

    def add(self, level, message, extra_tags=""):
        self.append(message)


# The tracking forms ---------------------------------------------------------------------------------


def test_creating_a_case_twice_with_one_token_creates_one_case(client, city):
    board = make_board(city)
    client.force_login(city.user("dave"))
    token = token_in(client.get("/cases/new/").content.decode())
    data = {
        "source": "councillor",
        "source_reference": "議員索資 115-90",
        "owner": city.rdec.pk,
        "title": "公園照明資料",
        "text": "提供各公園照明現況。",
        "lead": city.it.pk,
        "working_days": "3",
        "submission_token": token,
    }
    first = client.post("/cases/new/", data)
    second = client.post("/cases/new/", data)
    assert first.status_code == 302 and second["Location"] == first["Location"]
    assert TrackedCase.objects.filter(source="councillor").count() == 1
    assert TrackedCase.objects.exclude(pk=board.case.pk).count() == 1


def test_selecting_a_conclusion_twice_with_one_token_tracks_it_once(client, council):
    client.force_login(council.city.user("alice"))
    url = f"/cases/select/{council.it_conclusion.pk}/"
    token = token_in(client.get(url).content.decode())
    data = {"number": "224-1", "title": "學校網路頻寬", "lead": council.city.it.pk, "deadline": "115/10/31", "submission_token": token}
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == 302 and second["Location"] == first["Location"]
    assert TrackedCase.objects.count() == 1


def test_a_progress_report_sent_twice_is_one_report_with_one_audit_entry(client, city):
    from lieguan.core.models import AuditEntry

    board = make_board(city)
    client.force_login(city.user("bob"))
    url = f"/cases/assignments/{board.assignment('資訊局').pk}/report/"
    token = token_in(client.get(url).content.decode())
    data = {"text": "已完成盤點。", "proposal": "continue", "submission_token": token}
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == 302 and second["Location"] == first["Location"]
    assert ProgressReport.objects.count() == 1
    assert AuditEntry.objects.filter(action__startswith="report.").count() == 1
