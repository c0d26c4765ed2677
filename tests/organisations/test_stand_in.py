"""Stand-ins (職務代理人): while a liaison is on leave, someone else gets the reminders and reports for the agency."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lieguan.core.models import AuditEntry
from lieguan.minutes.rocdate import format_roc_date, format_roc_short
from lieguan.organisations import actions as o
from lieguan.organisations.access import viewer_for
from lieguan.organisations.models import Role, StandIn
from lieguan.tracking import access as tracking_access
from lieguan.tracking import actions as t
from lieguan.tracking import reminders
from lieguan.tracking.models import ProgressReport
from tests.factories import SETUP
from tests.pages import page_text

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
# A leave two weeks from now.
LEAVE = (TODAY + dt.timedelta(days=15), TODAY + dt.timedelta(days=33))


@pytest.fixture
def gina(city):
    """An IT bureau colleague of bob with an account and no role of her own."""
    person = o.do_create_person(SETUP, name="周怡君", title="科員", organisation=city.it, email="gina@example.gov.tw")
    o.do_create_user(SETUP, username="gina", password="Test-Password-2026", person=person)
    return person


@pytest.fixture
def overdue_case(city):
    return t.do_create_case(
        SETUP,
        source="mayor",
        owner=city.rdec,
        title="機房不斷電系統汰換",
        text="請資訊局於期限內完成汰換。",
        lead=city.it_unit,
        co=[],
        deadline=TODAY - dt.timedelta(days=3),
        opened_on=TODAY - dt.timedelta(days=90),
    )


def fresh(user):
    user.refresh_from_db()
    if hasattr(user, "_lieguan_viewer"):
        del user._lieguan_viewer
    return user


def appoint(city, gina, *, start=TODAY - dt.timedelta(days=1), end=TODAY + dt.timedelta(days=5), actor=None):
    bob = city.people["bob"]
    return o.do_appoint_stand_in(actor or city.user("bob"), person=bob, stand_in=gina, organisation=city.it, start=start, end=end)


def test_during_the_range_the_stand_in_reports_for_the_agency_and_the_report_says_for_whom(client, city, gina, overdue_case):
    appoint(city, gina)
    stand_in_user = fresh(gina.user)
    viewer = viewer_for(stand_in_user)
    assignment = overdue_case.assignments.get()
    # The unit's case: a stand-in for the agency's liaison covers its units, as the liaison does.
    assert tracking_access.can_report(viewer, assignment)
    assert viewer.on_behalf_of(city.it_unit.pk) == city.people["bob"].pk
    report = t.do_submit_report(stand_in_user, assignment, text="已完成採購規格，下月決標。", proposal="continue")
    client.force_login(stand_in_user)
    report = ProgressReport.objects.get(pk=report.pk)
    assert report.submitted_by == stand_in_user
    assert report.on_behalf_of == city.people["bob"]
    assert "周怡君（代理 李大同） 於" in page_text(client.get(f"/cases/{overdue_case.pk}/"))
    # bob, back at his desk, reports as himself: nobody else is named.
    again = t.do_submit_report(fresh(city.user("bob")), assignment, text="已決標。", proposal="continue")
    assert ProgressReport.objects.get(pk=again.pk).on_behalf_of is None


def test_before_and_after_the_range_the_stand_in_holds_nothing(city, gina, overdue_case):
    appoint(city, gina, start=TODAY + dt.timedelta(days=2), end=TODAY + dt.timedelta(days=4))
    o.do_appoint_stand_in(
        SETUP,
        person=city.people["bob"],
        stand_in=gina,
        organisation=city.it,
        start=TODAY - dt.timedelta(days=10),
        end=TODAY - dt.timedelta(days=1),
    )
    viewer = viewer_for(fresh(gina.user))
    assert not viewer.has(Role.LIAISON)
    assert not tracking_access.can_report(viewer, overdue_case.assignments.get())
    with pytest.raises(PermissionDenied):
        t.do_submit_report(gina.user, overdue_case.assignments.get(), text="代填", proposal="continue")


def test_the_stand_in_gets_the_reminders_and_the_liaison_on_leave_does_not(city, gina, overdue_case):
    appoint(city, gina)
    plan = reminders.plan(TODAY, within=0)
    receivers = {d.user.username: d for d in plan.digests}
    assert "bob" not in receivers
    digest = receivers["gina"]
    assert digest.organisation == city.it and digest.acting_for == city.people["bob"]
    assert [i.number for i in digest.items] == [overdue_case.number]
    assert "您為李大同科員的職務代理人" in digest.body()
    # When the leave is over, bob is reminded again himself.
    back = reminders.plan(TODAY + dt.timedelta(days=6), within=0)
    assert "bob" in {d.user.username for d in back.digests} and "gina" not in {d.user.username for d in back.digests}


def test_the_agencys_secretariat_may_appoint_a_stand_in_and_the_citys_or_another_liaison_may_not(city, gina):
    # alice serves the city government and 秘書處: not 資訊局's staff.
    with pytest.raises(PermissionDenied):
        appoint(city, gina, actor=city.user("alice"))
    o.do_grant_role(SETUP, city.user("alice"), Role.SECRETARIAT, city.it)
    made = appoint(city, gina, actor=fresh(city.user("alice")))
    assert made.appointed_by == city.user("alice")
    with pytest.raises(PermissionDenied):
        o.do_appoint_stand_in(
            city.user("carol"),
            person=city.people["bob"],
            stand_in=gina,
            organisation=city.it,
            start=TODAY + dt.timedelta(days=30),
            end=TODAY + dt.timedelta(days=31),
        )


def test_a_stand_in_reaches_no_further_than_the_person_on_leave(city, gina):
    # bob speaks for 資訊局 only: he cannot hand on 教育局.
    with pytest.raises(ValidationError, match="沒有可代理的職務"):
        o.do_appoint_stand_in(city.user("bob"), person=city.people["bob"], stand_in=gina, organisation=city.edu, start=TODAY, end=TODAY)
    appoint(city, gina)
    viewer = viewer_for(fresh(gina.user))
    assert viewer.covers(Role.LIAISON, city.it.pk) and not viewer.covers(Role.LIAISON, city.edu.pk)


def test_an_overlapping_or_backwards_range_or_oneself_is_refused(city, gina):
    appoint(city, gina)
    bob = city.people["bob"]
    with pytest.raises(ValidationError, match="已有職務代理人"):
        o.do_appoint_stand_in(SETUP, person=bob, stand_in=gina, organisation=city.it, start=TODAY, end=TODAY + dt.timedelta(days=20))
    with pytest.raises(ValidationError, match="迄日不可早於起日"):
        o.do_appoint_stand_in(SETUP, person=bob, stand_in=gina, organisation=city.it, start=TODAY, end=TODAY - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="不可為本人"):
        o.do_appoint_stand_in(SETUP, person=bob, stand_in=bob, organisation=city.it, start=TODAY, end=TODAY)


def test_ending_a_stand_in_early_is_audited_and_a_future_one_is_withdrawn(city, gina):
    current = appoint(city, gina)
    o.do_end_stand_in(city.user("bob"), current, last_day=TODAY - dt.timedelta(days=1))
    current.refresh_from_db()
    assert current.end == TODAY - dt.timedelta(days=1)
    assert not viewer_for(fresh(gina.user)).has(Role.LIAISON)
    future = appoint(city, gina, start=TODAY + dt.timedelta(days=10), end=TODAY + dt.timedelta(days=12))
    assert o.do_end_stand_in(city.user("root"), future, last_day=TODAY) is None
    assert not StandIn.objects.filter(pk=future.pk).exists()
    actions = list(AuditEntry.objects.filter(action__startswith="stand_in.").order_by("id").values_list("action", flat=True))
    assert actions == ["stand_in.appoint", "stand_in.end", "stand_in.appoint", "stand_in.withdraw"]


def test_a_liaison_names_their_stand_in_on_the_page_and_ends_it_when_back(client, city, gina):
    client.force_login(city.user("bob"))
    form = {
        "person": city.people["bob"].pk,
        "stand_in": gina.pk,
        "organisation": city.it.pk,
        "start": format_roc_short(LEAVE[0]),
        "end": format_roc_short(LEAVE[1]),
    }
    assert client.post("/directory/stand-ins/", form).status_code == 302
    made = StandIn.objects.get()
    assert (made.person, made.stand_in, made.start, made.end) == (city.people["bob"], gina, *LEAVE)
    page = client.get("/directory/stand-ins/").content.decode()
    assert "周怡君" in page and f"{format_roc_date(LEAVE[0])}至{format_roc_date(LEAVE[1])}" in page
    # Naming someone else's stand-in is not bob's to do: carol is not among the people he may choose.
    other = {**form, "person": city.people["carol"].pk, "organisation": city.edu.pk}
    client.post("/directory/stand-ins/", other)
    assert StandIn.objects.count() == 1
    client.force_login(city.user("carol"))
    assert client.post(f"/directory/stand-ins/{made.pk}/end/").status_code == 404
    client.force_login(city.user("bob"))
    client.post(f"/directory/stand-ins/{made.pk}/end/")
    # The leave had not begun: ending it withdraws it.
    assert not StandIn.objects.filter(pk=made.pk).exists()
    assert AuditEntry.objects.filter(action="stand_in.withdraw").count() == 1
