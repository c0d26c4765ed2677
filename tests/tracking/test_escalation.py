"""Escalation (稽催分級): an overdue case climbs to the agency's head and the series' chair, by rules kept as data."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from lieguan.core.calendar import work_calendar
from lieguan.core.models import AuditEntry
from lieguan.meetings import actions as m
from lieguan.organisations import actions as o
from lieguan.organisations.models import Role
from lieguan.tracking import actions as t
from lieguan.tracking import reminders
from lieguan.tracking.actions import reminding
from lieguan.tracking.actions.escalation import do_save_escalation_rule
from lieguan.tracking.models import EscalationRule, ReminderLog
from tests.factories import PASSWORD, SETUP

pytestmark = pytest.mark.django_db

# A Wednesday in an ordinary week.
TODAY = dt.date(2026, 3, 18)


def late_by(working_days: int, day: dt.date = TODAY) -> dt.date:
    """The latest deadline that is ``working_days`` working days past on ``day``."""
    calendar = work_calendar()
    deadline = day
    while calendar.working_days_between(deadline, day) < working_days:
        deadline -= dt.timedelta(days=1)
    return deadline


def case(city, title, deadline, lead, owner=None):
    return t.do_create_case(
        SETUP, source="mayor", owner=owner or city.rdec, title=title, text=f"{title}。", lead=lead, co=[],
        deadline=deadline, opened_on=dt.date(2025, 12, 1),
    )  # fmt: skip


@pytest.fixture
def head(city):
    """資訊局's director, with an account and the head role over the bureau."""
    person = o.do_create_person(SETUP, name="郭志遠", title="局長", organisation=city.it, email="director@example.gov.tw")
    user = o.do_create_user(SETUP, username="director", password=PASSWORD, person=person)
    o.do_grant_role(SETUP, user, Role.HEAD, city.it)
    return user


def by_user(plan):
    out = {}
    for digest in plan.digests:
        out.setdefault(digest.user.username, []).append(digest)
    return out


def test_the_default_rules_send_five_working_days_to_the_head_and_fifteen_to_the_chair():
    rules = [(r.tier, r.condition, r.working_days, r.recipients) for r in EscalationRule.objects.all()]
    assert rules == [(1, "overdue", 5, ["head"]), (2, "overdue", 15, ["chair"])]


def test_a_case_five_working_days_overdue_reaches_the_agency_head_and_four_does_not(city, head):
    five = case(city, "資安健診", late_by(5), city.it_unit)
    four = case(city, "網站無障礙檢測", late_by(4), city.it)
    plan = reminders.plan(TODAY, within=0)
    [digest] = by_user(plan)["director"]
    # The unit's case climbs to the head of the agency the unit belongs to.
    assert [i.number for i in digest.items] == [five.number]
    assert digest.tier == 1 and digest.recipient == "head" and digest.organisation == city.it
    assert digest.subject.startswith("【列管稽催・第 1 級】資訊局：逾期 1 案")
    body = digest.body()
    assert "稽催層級：第 1 級。本案已逾列管期限 5 個工作日，敬請機關首長督促辦理。" in body
    assert "已逾期 5 個工作日；第 1 級稽催" in body
    # The liaison still hears of both; their digest states the highest tier among them.
    [liaison] = by_user(plan)["bob"]
    assert {i.number for i in liaison.items} == {five.number, four.number}
    assert liaison.tier == 1


def test_overdue_is_counted_in_working_days_so_a_long_weekend_does_not_escalate(city, head):
    # Thursday 3/12 to Wednesday 3/18: six calendar days, four working days.
    case(city, "機房巡檢", dt.date(2026, 3, 12), city.it)
    assert "director" not in by_user(reminders.plan(TODAY, within=0))
    # One working day later it is five.
    assert "director" in by_user(reminders.plan(dt.date(2026, 3, 19), within=0))


def test_fifteen_working_days_reach_the_series_chair_and_a_climb_is_sent_again(city, council, head):
    m.do_update_series(SETUP, council.series, default_chair=city.people["erin"])
    day = dt.date(2026, 11, 18)  # after the council's meeting 224 opened the case
    late = t.do_select_case(SETUP, council.it_conclusion, lead=city.it, co=[], deadline=late_by(14, day))
    reminding.send(reminders.plan(day, within=0), base_url="https://lieguan.example.gov.tw")
    assert set(ReminderLog.objects.values_list("user__username", flat=True)) == {"bob", "director"}
    # The next working day it is 15 working days late: the chair hears of it, nobody hears twice of tier 1.
    next_day = reminders.plan(dt.date(2026, 11, 19), within=0)
    [digest] = next_day.digests
    assert (digest.user.username, digest.tier, digest.recipient) == ("erin", 2, "chair")
    assert [i.number for i in digest.items] == [late.number]
    assert "稽催層級：第 2 級。本案已逾列管期限 15 個工作日，陳報會議主席。" in digest.body()
    # bob's reminder is not repeated; the head is not told again, as the second tier names only the chair.
    assert next_day.repeated == 1


def test_the_rules_are_data_the_secretariat_edits_and_the_plan_follows(city, head):
    deputy_person = o.do_create_person(SETUP, name="蔡明哲", title="副局長", organisation=city.it, email="deputy@example.gov.tw")
    deputy = o.do_create_user(SETUP, username="deputy", password=PASSWORD, person=deputy_person)
    o.do_grant_role(SETUP, deputy, Role.DEPUTY, city.it)
    rule = EscalationRule.objects.get(tier=1)
    do_save_escalation_rule(
        city.user("alice"), rule, working_days=2, recipients=["deputy", "liaison"], wording="逾期 2 個工作日，請副首長督促。"
    )
    case(city, "公文線上簽核", late_by(2), city.it)
    plan = by_user(reminders.plan(TODAY, within=0))
    assert "director" not in plan
    assert plan["deputy"][0].tier == 1 and "請副首長督促" in plan["deputy"][0].body()
    assert AuditEntry.objects.filter(action="escalation_rule.save").count() == 1
    with pytest.raises(PermissionDenied):
        do_save_escalation_rule(city.user("bob"), rule, working_days=1)
    with pytest.raises(ValidationError):
        do_save_escalation_rule(city.user("alice"), None, tier=3, working_days=30, recipients=["mayor"], wording="x")


def test_an_agency_with_nobody_to_remind_is_reported_to_the_secretariat_and_in_the_summary(city):
    # 研考會 has a tracking officer but no liaison; the case is run by 秘書處, whose secretariat is alice.
    orphan = case(city, "陳情案件分案檢討", late_by(30), city.rdec, owner=city.secretariat)
    plan = reminders.plan(TODAY, within=0)
    [told] = [d for d in plan.digests if d.unreached]
    assert told.user.username == "alice" and told.organisation == city.rdec
    assert told.subject.startswith("【列管稽催・無人可收】研考會")
    assert "研考會沒有機關聯絡人或職務代理人可收受稽催" in told.body() and orphan.number in told.body()
    assert [(u.organisation, u.count, u.told) for u in plan.unreached] == [(city.rdec, 1, True)]
    outcome = reminding.send(plan, base_url="https://lieguan.example.gov.tw")
    assert "無聯絡人可收稽催的機關 1 個，已通知會議幕僚：研考會 1 件" in reminding.summary(plan, outcome, dry_run=False)


def test_the_run_summary_names_an_agency_nobody_could_be_told_about(city):
    case(city, "路燈節能", late_by(3), city.rdec, owner=city.rdec)
    out = StringIO()
    call_command("remind", "--today", TODAY.isoformat(), "--within", "0", "--dry-run", stdout=out)
    assert "研考會 1 件（亦無會議幕僚可通知）" in out.getvalue()


def test_the_head_reads_the_cases_of_the_agency_the_escalation_names_but_does_not_report(client, city, head):
    from lieguan.organisations.access import viewer_for
    from lieguan.tracking.access import can_report

    own = case(city, "資料中心整併", late_by(5), city.it_unit)
    other = case(city, "校舍耐震補強", late_by(5), city.edu)
    client.force_login(head)
    assert client.get(f"/cases/{own.pk}/").status_code == 200
    assert client.get(f"/cases/{other.pk}/").status_code == 404
    assert not can_report(viewer_for(head), own.assignments.get())


def test_no_report_by_the_meetings_deadline_reaches_the_liaison_and_the_secretariat_until_reported(city, council):
    from tests.factories import aware

    do_save_escalation_rule(
        city.user("alice"),
        None,
        tier=3,
        condition="no_report",
        working_days=3,
        recipients=["liaison", "secretariat"],
        wording="會議前 3 個工作日仍未填報辦理情形，請儘速填報。",
    )
    case_ = t.do_select_case(SETUP, council.it_conclusion, lead=city.it, co=[], deadline=dt.date(2026, 12, 31))
    # Meeting 225 is on Thursday 10/15: on Thursday 10/8 it is four working days away (10/9 is a holiday).
    assert reminders.plan(dt.date(2026, 10, 8), within=0).digests == []
    plan = by_user(reminders.plan(dt.date(2026, 10, 12), within=0))
    [bob] = plan["bob"]
    assert bob.tier == 3 and [i.number for i in bob.unreported] == [case_.number]
    assert bob.subject == "【列管稽催・第 3 級】資訊局：本期未填報 1 案"
    assert "會議日期：115年10月15日（距會議 3 個工作日，尚未填報本期辦理情形；第 3 級稽催）" in bob.body()
    assert "尚未填報本期辦理情形，會議將屆，請儘速填報。" in bob.body()
    assert [d.recipient for d in plan["alice"]] == ["secretariat"]
    t.do_submit_report(city.user("bob"), case_.assignments.get(), text="已完成評估。", proposal="continue", at=aware("2026-10-12 09:00"))
    assert reminders.plan(dt.date(2026, 10, 12), within=0).digests == []


def test_the_secretariat_edits_the_rules_on_their_page_and_a_liaison_cannot(client, city):
    client.force_login(city.user("alice"))
    page = client.get("/cases/escalation-rules/").content.decode()
    assert "第 1 級：逾期達 5 個工作日" in page and "第 2 級：逾期達 15 個工作日" in page
    rule = EscalationRule.objects.get(tier=2)
    edit = {
        f"rule-{rule.pk}-tier": "2",
        f"rule-{rule.pk}-condition": "overdue",
        f"rule-{rule.pk}-working_days": "10",
        f"rule-{rule.pk}-recipients": ["chair", "secretariat"],
        f"rule-{rule.pk}-wording": "逾期 10 個工作日，陳報會議主席。",
        f"rule-{rule.pk}-active": "on",
    }
    client.post(f"/cases/escalation-rules/{rule.pk}/", edit)
    rule.refresh_from_db()
    assert (rule.working_days, rule.recipients) == (10, ["chair", "secretariat"])
    new = {"new-tier": "1", "new-condition": "overdue", "new-working_days": "3", "new-recipients": ["head"], "new-wording": "x"}
    answer = client.post("/cases/escalation-rules/", new)
    # Tier 1 exists already: the form says so and nothing is added.
    assert "稽催分級規則 已經存在" in answer.content.decode() and EscalationRule.objects.count() == 2
    client.post(f"/cases/escalation-rules/{rule.pk}/delete/")
    assert list(EscalationRule.objects.values_list("tier", flat=True)) == [1]
    client.force_login(city.user("bob"))
    assert client.get("/cases/escalation-rules/").status_code == 403


def test_working_days_late_counted_in_one_walk_agree_with_the_calendar():
    from lieguan.tracking.reminders import _working_days_late

    calendar = work_calendar()
    deadlines = {TODAY - dt.timedelta(days=n) for n in (1, 2, 5, 9, 40, 400)} | {TODAY, TODAY + dt.timedelta(days=3)}
    late = _working_days_late(deadlines, TODAY, calendar)
    assert late == {d: calendar.working_days_between(d, TODAY) for d in deadlines if d < TODAY}
