"""Reminders (稽催): who is told about which cases, once, counted on the government's working days."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from lieguan.core.models import AuditEntry
from lieguan.notifications.models import Notification
from lieguan.tracking import actions as t
from lieguan.tracking import digests, reminders
from lieguan.tracking.actions import Decide, reminding
from lieguan.tracking.models import Assignment, ReminderLog
from tests.factories import SETUP

pytestmark = pytest.mark.django_db


def reminders_in_app():
    """The reminder digests in the inbox (cases put under tracking notify their agencies too)."""
    return Notification.objects.filter(kind="reminder.digest")


Role = Assignment.Role

# A Wednesday. Five working days later is Wednesday 3/25; 3/21-22 is a weekend.
TODAY = dt.date(2026, 3, 18)


def mayoral(city, title, deadline, lead, co=(), opened=dt.date(2026, 1, 5)):
    return t.do_create_case(
        SETUP,
        source="mayor",
        owner=city.rdec,
        title=title,
        text=f"{title}，請於期限內完成。",
        lead=lead,
        co=list(co),
        deadline=deadline,
        opened_on=opened,
    )


@pytest.fixture
def cases(city):
    return {
        "overdue": mayoral(city, "市民服務專線整併", dt.date(2026, 3, 10), city.it, co=[city.edu]),
        "soon": mayoral(city, "校園網路汰換", dt.date(2026, 3, 25), city.edu),
        "weekend": mayoral(city, "機房電力改善", dt.date(2026, 3, 21), city.it_unit),
        "later": mayoral(city, "智慧路燈規劃", dt.date(2026, 3, 26), city.it),
        "no_deadline": mayoral(city, "資料開放推動", None, city.it),
    }


def digest_for(plan, username):
    found = [d for d in plan.digests if d.user.username == username]
    assert len(found) == 1, [d.user.username for d in plan.digests]
    return found[0]


def test_each_liaison_gets_one_digest_of_the_overdue_and_the_due_soon_cases_of_their_agency(city, cases):
    plan = reminders.plan(TODAY, within=5)
    assert sorted(d.user.username for d in plan.digests) == ["bob", "carol"]
    bob = digest_for(plan, "bob")
    assert bob.organisation == city.it
    # The unit's case (維運科) reaches the agency's liaison; the case due on 3/26 is six working days away.
    assert [(i.number, i.state) for i in bob.items] == [
        (cases["overdue"].number, reminders.State.OVERDUE),
        (cases["weekend"].number, reminders.State.DUE_SOON),
    ]
    carol = digest_for(plan, "carol")
    # The agency's part is kept as its code (Assignment.Role), worded when the digest is read.
    assert {(i.number, i.role) for i in carol.items} == {(cases["overdue"].number, Role.CO), (cases["soon"].number, Role.LEAD)}


def test_days_overdue_and_working_days_left_are_counted_on_the_government_calendar(city, cases):
    plan = reminders.plan(TODAY, within=5)
    items = {i.number: i for d in plan.digests for i in d.items}
    # 3/10 (Tuesday) to 3/18 (Wednesday): eight days, six of them working days.
    assert items[cases["overdue"].number].days_overdue == 6
    assert items[cases["overdue"].number].when == "已逾期 6 個工作日"
    assert items[cases["soon"].number].working_days_left == 5
    # Saturday 3/21: Thursday and Friday are the two working days left.
    assert items[cases["weekend"].number].when == "尚餘 2 個工作日"


def test_a_make_up_workday_counts_and_a_typhoon_day_does_not(city, cases):
    # Saturday 3/21 becomes a make-up workday: three working days to that deadline.
    t.do_load_calendar(SETUP, "日期,上班,說明\n2026-03-21,補班,補行上班\n")
    items = {i.number: i for d in reminders.plan(TODAY, within=5).digests for i in d.items}
    assert items[cases["weekend"].number].working_days_left == 3
    assert cases["later"].number not in items
    # A typhoon day on 3/19 pushes every count back by one: 3/26 is now within five working days.
    t.do_load_calendar(SETUP, "日期,上班,說明\n2026-03-19,放假,颱風假\n2026-03-21,放假,\n")
    items = {i.number: i for d in reminders.plan(TODAY, within=5).digests for i in d.items}
    assert items[cases["later"].number].working_days_left == 5
    assert items[cases["weekend"].number].working_days_left == 1


def test_the_same_reminder_is_never_sent_twice(city, cases):
    first = reminding.send(reminders.plan(TODAY), base_url="https://lieguan.example.gov.tw")
    assert first.digests == 2 and len(mail.outbox) == 2
    again = reminders.plan(TODAY)
    assert again.digests == [] and again.repeated == 4
    # The next day, only the case that has come within five working days is new.
    next_day = reminders.plan(TODAY + dt.timedelta(days=1))
    assert [(d.user.username, [i.number for i in d.items]) for d in next_day.digests] == [("bob", [cases["later"].number])]
    assert ReminderLog.objects.count() == 4
    assert reminders_in_app().count() == 2


def test_a_case_becoming_overdue_or_a_new_deadline_makes_a_new_reminder(city, cases):
    reminding.send(reminders.plan(TODAY), base_url="https://x.example")
    t.do_update_case(SETUP, cases["soon"], deadline=dt.date(2026, 3, 24))
    moved = reminders.plan(TODAY)
    assert [(d.user.username, [i.number for i in d.items]) for d in moved.digests] == [("carol", [cases["soon"].number])]
    assert moved.digests[0].already == 1
    reminding.send(moved, base_url="https://x.example")
    # Saturday 3/21 passes: the unit's case is now overdue.
    monday = reminders.plan(dt.date(2026, 3, 23))
    bob = digest_for(monday, "bob")
    assert [(i.number, i.state, i.days_overdue) for i in bob.items] == [
        # Due on Saturday: on Monday it is one working day overdue.
        (cases["weekend"].number, reminders.State.OVERDUE, 1),
        (cases["later"].number, reminders.State.DUE_SOON, 0),
    ]


def test_released_parts_and_released_cases_are_not_chased(council):
    city = council.city
    case = t.do_select_case(SETUP, council.it_conclusion, lead=city.it, co=[city.edu], deadline=dt.date(2026, 10, 1))
    t.do_record_decisions(SETUP, council.second, [Decide(case, "release", (city.it,)), Decide(case, "continue", (city.edu,))])
    plan = reminders.plan(dt.date(2026, 10, 20))
    assert [(d.user.username, [i.number for i in d.items]) for d in plan.digests] == [("carol", [case.number])]


def test_the_digest_names_each_case_with_its_roc_deadline_and_a_link(city, cases):
    bob = digest_for(reminders.plan(TODAY), "bob")
    assert bob.subject == "【列管稽催・第 1 級】資訊局：逾期 1 案、列管期限將屆 1 案"
    body = bob.body("https://lieguan.example.gov.tw/")
    assert "李大同科員　您好" in body
    assert "截至民國115年3月18日" in body
    assert f"列管編號 {cases['overdue'].number}　市民服務專線整併" in body
    assert "列管期限：115年3月10日（已逾期 6 個工作日；第 1 級稽催）" in body
    assert "列管期限：115年3月21日（尚餘 2 個工作日）" in body
    assert "主辦機關：維運科" in body
    assert f"https://lieguan.example.gov.tw{digests.case_path(cases['overdue'].pk)}" in body


def test_sending_records_the_log_the_notification_and_an_audit_entry_by_the_remind_job(city, cases):
    outcome = reminding.send(reminders.plan(TODAY), base_url="https://x.example")
    assert (outcome.digests, outcome.emailed, outcome.overdue, outcome.due_soon) == (2, 2, 2, 2)
    bob_logs = ReminderLog.objects.filter(user=city.user("bob"))
    assert {log.key for log in bob_logs} == {
        f"assignment:{cases['overdue'].lead.pk}:overdue:2026-03-10",
        f"assignment:{cases['weekend'].lead.pk}:due_soon:2026-03-21",
    }
    assert all(log.emailed and log.organisation == city.it for log in bob_logs)
    note = reminders_in_app().get(user=city.user("bob"))
    assert note.subject.startswith("【列管稽催・第 1 級】資訊局") and "市民服務專線整併" in note.body
    entries = AuditEntry.objects.filter(action="reminder.send")
    assert entries.count() == 2 and {e.actor_label for e in entries} == {"remind"}
    assert [m.to for m in mail.outbox if "資訊局" in m.subject] == [["bob@example.gov.tw"]]


def test_a_liaison_without_an_email_address_is_told_in_the_app_only(city, cases):
    from lieguan.organisations import actions as o

    o.do_update_person(SETUP, city.people["carol"], email="")
    carol = city.user("carol")
    carol.email = ""
    carol.save()
    outcome = reminding.send(reminders.plan(TODAY), base_url="https://x.example")
    assert (outcome.emailed, outcome.in_app_only) == (1, 1)
    assert reminders_in_app().filter(user=carol).count() == 1
    assert not ReminderLog.objects.filter(user=carol, emailed=True).exists()
    assert len(mail.outbox) == 1


def test_a_refused_email_records_nothing_so_that_the_next_run_tries_again(city, cases, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens on discard
    outcome = reminding.send(reminders.plan(TODAY), base_url="https://x.example")
    assert outcome.digests == 0 and len(outcome.failures) == 2
    assert not ReminderLog.objects.exists() and not reminders_in_app().exists()
    assert len(reminders.plan(TODAY).digests) == 2


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("remind", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_dry_run_shows_what_would_go_and_sends_and_records_nothing(city, cases):
    out, _ = run("--dry-run", "--today", "2026-03-18", "--base-url", "https://lieguan.example.gov.tw")
    assert "收件人：李大同科員（bob@example.gov.tw）" in out
    assert "主旨：【列管稽催・第 1 級】資訊局：逾期 1 案、列管期限將屆 1 案" in out
    assert "列管期限：115年3月10日（已逾期 6 個工作日；第 1 級稽催）" in out
    assert out.strip().splitlines()[-1].startswith("稽催試跑（未寄送、未記錄）：115年3月18日，將寄出 2 份稽催摘要")
    assert mail.outbox == []
    assert not ReminderLog.objects.exists() and not reminders_in_app().exists()
    assert not AuditEntry.objects.filter(action="reminder.send").exists()


def test_the_command_sends_and_ends_with_a_summary_line(city, cases):
    out, _ = run("--today", "2026-03-18", "--within", "5")
    assert out.strip().splitlines()[-1] == (
        "稽催完成：115年3月18日，已寄出 2 份稽催摘要（電子郵件 2 封、無電子郵件僅站內通知 0 份），"
        "共逾期 2 件、5 個工作日內到期 2 件；先前已通知而不重寄 0 件。"
    )
    out, _ = run("--today", "2026-03-18")
    assert "已寄出 0 份稽催摘要" in out and "先前已通知而不重寄 4 件" in out
    assert len(mail.outbox) == 2


def test_the_command_sends_nothing_on_a_day_off_unless_asked(city, cases):
    out, _ = run("--today", "2026-03-21")
    assert "不是工作日" in out and mail.outbox == []
    out, _ = run("--today", "2026-03-21", "--any-day")
    assert "已寄出 2 份" in out


def test_the_command_refuses_a_malformed_day_and_a_negative_window(city):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("--today", "115/3/18")
    with pytest.raises(CommandError, match="--within"):
        run("--within", "-1")


def test_the_command_fails_when_mail_cannot_be_sent(city, cases, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    with pytest.raises(CommandError, match="2 份稽催摘要寄送失敗"):
        run("--today", "2026-03-18")


def test_the_liaison_of_an_agency_and_of_its_unit_hears_of_a_unit_case_once(city, cases):
    from lieguan.organisations import actions as o

    o.do_grant_role(SETUP, city.user("bob"), "liaison", city.it_unit)
    plan = reminders.plan(TODAY)
    bob = [d for d in plan.digests if d.user.username == "bob"]
    assert sorted((d.organisation.short_name, [i.number for i in d.items]) for d in bob) == [
        ("維運科", [cases["weekend"].number]),
        ("資訊局", [cases["overdue"].number]),
    ]


def test_the_command_reminds_about_one_agency_with_its_code(city, cases):
    out, _ = run("--today", "2026-03-18", "--agency", "edu")
    assert "已寄出 1 份稽催摘要" in out
    assert [m.to for m in mail.outbox] == [["carol@example.gov.tw"]]
    with pytest.raises(CommandError, match="機關代碼「nowhere」不存在"):
        run("--today", "2026-03-18", "--agency", "nowhere")
