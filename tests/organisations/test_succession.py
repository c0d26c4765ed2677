"""Succession (機關改制): rename, merge, split, move and abolish on a date; open cases follow, closed ones stay."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lieguan.core.models import AuditEntry
from lieguan.organisations import actions as o
from lieguan.organisations.directory import Directory
from lieguan.organisations.models import Organisation, Role, RoleGrant, Succession
from lieguan.organisations.succession import preview
from lieguan.tracking import actions as t
from lieguan.tracking.actions import Decide
from lieguan.tracking.models import Assignment
from lieguan.tracking.timeline import case_timeline
from tests.factories import PASSWORD, SETUP

pytestmark = pytest.mark.django_db

EFFECTIVE = dt.date(2027, 1, 1)


@pytest.fixture
def bodies(city, council):
    """觀光傳播局 (with a liaison, a unit and cases) and 文化局, both under the city government."""
    org = o.do_create_organisation
    tourism = org(SETUP, code="tour", name="測試市政府觀光傳播局", short_name="觀傳局", kind="agency", parent=city.root)
    promo = org(SETUP, code="tour-promo", name="觀傳局行銷科", short_name="行銷科", kind="unit", parent=tourism)
    culture = org(SETUP, code="cult", name="測試市政府文化局", short_name="文化局", kind="agency", parent=city.root)
    person = o.do_create_person(SETUP, name="許雅婷", title="專員", organisation=tourism, email="hsu@example.gov.tw")
    user = o.do_create_user(SETUP, username="hsu", password=PASSWORD, person=person)
    o.do_grant_role(SETUP, user, Role.LIAISON, tourism)

    def make(title, lead, co=()):
        return t.do_create_case(
            SETUP, source="mayor", owner=city.rdec, title=title, text=f"{title}。", lead=lead, co=list(co),
            deadline=dt.date(2027, 6, 30), opened_on=dt.date(2026, 1, 5),
        )  # fmt: skip

    open_case = make("夜市觀光推廣", tourism)
    closed = t.do_select_case(SETUP, council.it_conclusion, lead=tourism, co=[], deadline=dt.date(2026, 12, 31))
    t.do_record_decisions(SETUP, council.second, [Decide(closed, "release")])
    return {"tourism": tourism, "promo": promo, "culture": culture, "liaison": user, "open": open_case, "closed": closed}


def org(pk):
    return Organisation.objects.get(pk=pk)


def test_a_merger_moves_open_cases_people_roles_and_units_and_leaves_closed_cases_where_they_were(city, bodies):
    tourism, culture = bodies["tourism"], bodies["culture"]
    merger = o.do_propose_succession(city.user("root"), kind="merge", organisation=tourism, effective=EFFECTIVE, successors=[culture])
    # Proposed: the preview shows where each open case goes, and nothing has changed yet.
    shown = preview(merger)
    assert [(r.work.label, r.successor) for r in shown.rows] == [(f"列管編號 {bodies['open'].number}「夜市觀光推廣」（主辦）", culture)]
    assert shown.units == [bodies["promo"]] and not shown.problems
    assert bodies["open"].assignments.get().organisation == tourism and org(tourism.pk).active

    o.do_confirm_succession(city.user("root"), merger)
    assert bodies["open"].assignments.get().organisation == culture
    assert bodies["closed"].assignments.get().organisation == tourism
    assert not org(tourism.pk).active and org(bodies["promo"].pk).parent == culture
    assert RoleGrant.objects.filter(user=bodies["liaison"], role=Role.LIAISON).get().organisation == culture
    assert type(bodies["liaison"]).objects.get(pk=bodies["liaison"].pk).person.organisation == culture
    # The case's history tells the move.
    titles = [e.title for e in case_timeline(bodies["open"])]
    assert "機關改制（觀傳局併入他機關）：改由文化局承辦，116年1月1日生效" in titles
    # Old minutes still name the old body as of their date.
    directory = Directory.load()
    assert directory.resolve("觀傳局", on=dt.date(2026, 6, 1)) == tourism
    merger.refresh_from_db()
    moved = {f"assignment:{bodies['open'].assignments.get().pk}": culture.pk, f"unit:{bodies['promo'].pk}": culture.pk}
    assert merger.status == "confirmed" and merger.moves == moved
    actions = set(
        AuditEntry.objects.filter(action__in=["succession.propose", "succession.confirm", "case.succession"]).values_list(
            "action", flat=True
        )
    )
    assert actions == {"succession.propose", "succession.confirm", "case.succession"}


def test_a_merger_into_a_body_already_on_the_case_is_refused_until_resolved(city, bodies):
    tourism, culture = bodies["tourism"], bodies["culture"]
    t.do_add_assignment(SETUP, bodies["open"], culture, "co")
    merger = o.do_propose_succession(city.user("root"), kind="merge", organisation=tourism, effective=EFFECTIVE, successors=[culture])
    with pytest.raises(ValidationError, match="文化局已是列管編號"):
        o.do_confirm_succession(city.user("root"), merger)
    assert org(tourism.pk).active
    assert Succession.objects.get(pk=merger.pk).status == "proposed"


def test_a_split_sends_each_open_case_where_the_administrator_chose(city, bodies):
    tourism, culture = bodies["tourism"], bodies["culture"]
    second = t.do_create_case(
        SETUP, source="mayor", owner=city.rdec, title="藝文活動媒體宣傳", text="宣傳。", lead=tourism, co=[city.edu],
        deadline=dt.date(2027, 6, 30), opened_on=dt.date(2026, 1, 5),
    )  # fmt: skip
    media = o.do_create_organisation(SETUP, code="media", name="測試市政府新聞局", short_name="新聞局", kind="agency", parent=city.root)
    split = o.do_propose_succession(city.user("root"), kind="split", organisation=tourism, effective=EFFECTIVE, successors=[culture, media])
    with pytest.raises(ValidationError, match="請為列管編號"):
        o.do_confirm_succession(city.user("root"), split)
    first_key = f"assignment:{bodies['open'].assignments.get().pk}"
    second_key = f"assignment:{second.assignments.get(organisation=tourism).pk}"
    o.do_confirm_succession(city.user("root"), split, choices={first_key: culture.pk, second_key: media.pk})
    assert bodies["open"].assignments.get().organisation == culture
    assert set(second.assignments.values_list("organisation__code", flat=True)) == {"media", "edu"}
    # A split hands the roles on to nobody: they are granted anew.
    assert RoleGrant.objects.filter(user=bodies["liaison"]).get().organisation == tourism


def test_abolishing_needs_a_successor_for_open_cases_and_then_moves_them(city, bodies):
    tourism, culture = bodies["tourism"], bodies["culture"]
    alone = o.do_propose_succession(city.user("root"), kind="abolish", organisation=tourism, effective=EFFECTIVE)
    with pytest.raises(ValidationError, match="請為列管編號"):
        o.do_confirm_succession(city.user("root"), alone)
    o.do_withdraw_succession(city.user("root"), alone)
    with_heir = o.do_propose_succession(city.user("root"), kind="abolish", organisation=tourism, effective=EFFECTIVE, successors=[culture])
    o.do_confirm_succession(city.user("root"), with_heir)
    assert bodies["open"].assignments.get().organisation == culture and not org(tourism.pk).active
    # An abolished body is not changed again.
    with pytest.raises(ValidationError, match="已不存在"):
        o.do_propose_succession(city.user("root"), kind="rename", organisation=org(tourism.pk), effective=EFFECTIVE, new_name="x")


def test_a_rename_keeps_the_body_and_its_cases_and_old_names_resolve_on_old_dates(city, bodies):
    tourism = bodies["tourism"]
    rename = o.do_propose_succession(
        city.user("root"),
        kind="rename",
        organisation=tourism,
        effective=EFFECTIVE,
        new_name="測試市政府觀光文化局",
        new_short_name="觀文局",
    )
    assert preview(rename).rows == []
    o.do_confirm_succession(city.user("root"), rename)
    assert org(tourism.pk).display_name == "觀文局" and bodies["open"].assignments.get().organisation == tourism
    directory = Directory.load()
    assert directory.resolve("觀傳局", on=dt.date(2026, 6, 1)) == tourism
    assert directory.resolve("觀文局", on=dt.date(2027, 2, 1)) == tourism


def test_a_move_changes_the_parent_and_never_under_the_body_itself(city, bodies):
    promo, culture = bodies["promo"], bodies["culture"]
    move = o.do_propose_succession(city.user("root"), kind="move", organisation=promo, effective=EFFECTIVE, new_parent=culture)
    o.do_confirm_succession(city.user("root"), move)
    assert org(promo.pk).parent == culture
    loop = o.do_propose_succession(city.user("root"), kind="move", organisation=culture, effective=EFFECTIVE, new_parent=org(promo.pk))
    with pytest.raises(ValidationError, match="不可為機關本身或其所屬單位"):
        o.do_confirm_succession(city.user("root"), loop)


def test_a_withdrawn_proposal_changes_nothing_and_only_the_administrator_decides(city, bodies):
    tourism, culture = bodies["tourism"], bodies["culture"]
    with pytest.raises(PermissionDenied):
        o.do_propose_succession(city.user("alice"), kind="merge", organisation=tourism, effective=EFFECTIVE, successors=[culture])
    merger = o.do_propose_succession(city.user("root"), kind="merge", organisation=tourism, effective=EFFECTIVE, successors=[culture])
    with pytest.raises(PermissionDenied):
        o.do_confirm_succession(city.user("alice"), merger)
    o.do_withdraw_succession(city.user("root"), merger)
    with pytest.raises(ValidationError, match="已確認或已撤回"):
        o.do_confirm_succession(city.user("root"), merger)
    assert org(tourism.pk).active and bodies["open"].assignments.get().organisation == tourism
    assert Assignment.objects.filter(organisation=culture).count() == 0
    assert AuditEntry.objects.filter(action="succession.withdraw").count() == 1


def test_the_administrator_proposes_previews_and_confirms_a_merger_on_the_pages(client, city, bodies):
    tourism, culture = bodies["tourism"], bodies["culture"]
    client.force_login(city.user("root"))
    form = {"kind": "merge", "organisation": tourism.pk, "effective": "116/1/1", "successors": [culture.pk]}
    answer = client.post("/directory/successions/", form)
    merger = Succession.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/directory/successions/{merger.pk}/"
    page = client.get(answer["Location"]).content.decode()
    assert "夜市觀光推廣" in page and "確認改制" in page and "所屬單位改隸文化局：行銷科" in page
    assert bodies["open"].assignments.get().organisation == tourism
    client.post(f"/directory/successions/{merger.pk}/confirm/")
    assert bodies["open"].assignments.get().organisation == culture
    page = client.get(f"/directory/successions/{merger.pk}/").content.decode()
    assert f"列管編號 {bodies['open'].number}</a>：改由文化局承辦" in page
    case_page = client.get(f"/cases/{bodies['open'].pk}/").content.decode()
    assert "機關改制（觀傳局併入他機關）：改由文化局承辦" in case_page
    client.force_login(city.user("alice"))
    assert client.get(f"/directory/successions/{merger.pk}/").status_code == 403
