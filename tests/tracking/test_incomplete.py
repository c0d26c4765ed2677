"""Cases known only from a decision (僅見於決議，待補資料): marked, listed for the secretariat, completed in one form."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from lieguan.core.models import AuditEntry
from lieguan.meetings.models import Meeting, MinutesCaseDecision
from lieguan.organisations import actions as org_actions
from lieguan.tracking.actions import do_complete_case, rebuild_from_history
from lieguan.tracking.models import CaseStatus, TrackedCase
from tests.factories import SETUP
from tests.pages import fields, hrefs, links

pytestmark = pytest.mark.django_db


def _decided_in_old_minutes(council, decisions):
    """Meeting 224 imported, its minutes deciding on cases whose own minutes were never imported."""
    Meeting.objects.filter(pk=council.first.pk).update(source=Meeting.Source.IMPORTED)
    for number, decision, part in decisions:
        MinutesCaseDecision.objects.create(meeting=council.first, case_number=number, decision=decision, part=part)
    rebuild_from_history(SETUP)
    return {c.number: c for c in TrackedCase.objects.filter(series=council.series)}


def test_a_case_named_only_by_a_decision_is_marked_incomplete_and_one_from_a_conclusion_is_not(council):
    council.it_conclusion.tracked = True
    council.it_conclusion.save()
    cases = _decided_in_old_minutes(council, [("211-1", "release", ""), ("204-2", "continue", "")])
    assert cases["211-1"].incomplete and cases["204-2"].incomplete
    assert not cases["224-1"].incomplete
    assert cases["211-1"].status == CaseStatus.RELEASED and not cases["211-1"].assignments.exists()


def test_the_secretariat_sees_them_listed_with_a_count_on_the_case_list_and_the_label_on_the_case(client, council):
    cases = _decided_in_old_minutes(council, [("211-1", "release", ""), ("204-2", "continue", "")])
    client.force_login(council.city.user("alice"))
    listing = client.get(reverse("tracking:case_list")).content.decode()
    assert ("待補資料案件（2）", reverse("tracking:incomplete")) in links(listing)
    page = client.get(reverse("tracking:incomplete")).content.decode()
    assert "共 2 案僅見於決議，待補資料" in page
    for number in ("204-2", "211-1"):
        assert reverse("tracking:case_complete", args=[cases[number].pk]) in hrefs(page)
    assert "第224次" in page and "解除列管" in page
    case_page = client.get(reverse("tracking:case", args=[cases["211-1"].pk])).content.decode()
    assert "僅見於決議，待補資料" in case_page and "補登資料" in case_page


def test_one_form_completes_the_case_and_it_leaves_the_list(client, council):
    city = council.city
    case = _decided_in_old_minutes(council, [("204-2", "continue", "")])["204-2"]
    client.force_login(city.user("alice"))
    url = reverse("tracking:case_complete", args=[case.pk])
    form = client.get(url).content.decode()
    assert {"title", "lead", "co", "deadline"} <= set(fields(form))
    text = "請資訊局會同教育局擴充學校網路頻寬。"
    data = {"title": "學校網路頻寬擴充", "text": text, "lead": city.it.pk, "co": [city.edu.pk], "deadline": "115/12/31"}
    response = client.post(url, data)
    assert response["Location"] == reverse("tracking:case", args=[case.pk])
    case.refresh_from_db()
    assert not case.incomplete
    assert (case.title, case.text, case.deadline) == ("學校網路頻寬擴充", text, dt.date(2026, 12, 31))
    assert {(a.organisation, a.role, a.status) for a in case.assignments.all()} == {(city.it, "lead", "open"), (city.edu, "co", "open")}
    entry = AuditEntry.objects.get(action="case.complete", object_id=str(case.pk))
    assert entry.actor == city.user("alice") and entry.before["incomplete"] is True and entry.after["incomplete"] is False
    assert "共 0 案" in client.get(reverse("tracking:incomplete")).content.decode()
    assert client.get(url)["Location"] == reverse("tracking:case", args=[case.pk])


def test_a_case_the_minutes_released_stays_released_when_its_agencies_are_filled_in(council):
    city = council.city
    case = _decided_in_old_minutes(council, [("211-1", "release", "")])["211-1"]
    do_complete_case(city.user("alice"), case, title="市政大樓節能", text="請秘書處研議節能措施。", lead=city.secretariat)
    case.refresh_from_db()
    assert case.status == CaseStatus.RELEASED and not case.incomplete
    assert [(a.role, a.status, a.released_on) for a in case.assignments.all()] == [("lead", "released", case.released_on)]


def test_agencies_a_partial_decision_put_on_the_case_keep_their_decisions_and_the_lead_chosen_leads(council):
    city = council.city
    for code, name, short in [("metro", "測試捷運公司", "捷運公司"), ("legal", "測試市政府法務局", "法務局")]:
        org_actions.do_create_organisation(SETUP, code=code, name=name, short_name=short, kind="agency", parent=city.root)
    case = _decided_in_old_minutes(council, [("211-2", "release", "捷運公司"), ("211-2", "continue", "法務局")])["211-2"]
    assert {a.organisation.short_name: a.role for a in case.assignments.all()} == {"捷運公司": "lead", "法務局": "co"}
    legal = city.root.children.get(short_name="法務局")
    do_complete_case(city.user("root"), case, title="捷運站出入口無障礙", text="請法務局會同捷運公司辦理。", lead=legal, co=[city.edu])
    roles = {a.organisation.short_name: (a.role, a.status) for a in case.assignments.all()}
    assert roles == {"法務局": ("lead", "open"), "捷運公司": ("co", "released"), "教育局": ("co", "open")}
    assert case.decisions.count() == 2


def test_completing_is_refused_to_others_before_the_deadline_it_opened_and_once_complete(council):
    city = council.city
    case = _decided_in_old_minutes(council, [("204-2", "continue", "")])["204-2"]
    fields = {"title": "頻寬", "text": "擴充頻寬。", "lead": city.it}
    with pytest.raises(PermissionDenied, match="列管單位"):
        do_complete_case(city.user("bob"), case, **fields)
    with pytest.raises(ValidationError, match="早於本案列管日"):
        do_complete_case(city.user("alice"), case, **fields, deadline=dt.date(2026, 1, 1))
    case.refresh_from_db()
    assert case.incomplete and not case.assignments.exists()
    do_complete_case(city.user("alice"), case, **fields)
    with pytest.raises(ValidationError, match="資料已完整"):
        do_complete_case(city.user("alice"), case, **fields)


def test_a_liaison_may_neither_open_the_list_nor_the_form(client, council):
    case = _decided_in_old_minutes(council, [("204-2", "continue", "")])["204-2"]
    client.force_login(council.city.user("bob"))
    assert client.get(reverse("tracking:incomplete")).status_code == 403
    assert client.get(reverse("tracking:case_complete", args=[case.pk])).status_code == 404
    assert "待補資料案件" not in client.get(reverse("tracking:case_list")).content.decode()
