"""寄送稽催 from the web: a preview of who gets what, then send, once, by whoever manages the cases."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from lieguan.core.models import AuditEntry
from lieguan.tracking import actions as t
from lieguan.tracking.models import ReminderLog
from tests.factories import SETUP
from tests.pages import field_value, find, hrefs, links

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def cases(city):
    def make(title, lead, owner):
        return t.do_create_case(
            SETUP, source="mayor", owner=owner, title=title, text=f"{title}。", lead=lead, co=[],
            deadline=TODAY - dt.timedelta(days=2), opened_on=TODAY - dt.timedelta(days=100),
        )  # fmt: skip

    return {"it": make("公有雲遷移", city.it_unit, city.rdec), "edu": make("校園資安稽核", city.edu, city.secretariat)}


def signed_in(client, city, name):
    client.force_login(city.user(name))
    return client


def test_the_missing_reports_page_offers_reminders_to_those_who_manage_cases_only(client, city, cases):
    page = signed_in(client, city, "dave").get("/cases/missing-reports/").content.decode()
    assert ("寄送稽催（所有機關）", "/cases/reminders/") in links(page)
    assert f"/cases/reminders/?agency={city.it_unit.pk}" in hrefs(page)
    client.logout()
    page = signed_in(client, city, "bob").get("/cases/missing-reports/").content.decode()
    assert "寄送稽催" not in page
    assert client.get("/cases/reminders/").status_code == 403
    assert client.post("/cases/reminders/send/").status_code == 403
    assert not ReminderLog.objects.exists()


def test_the_preview_names_who_gets_what_and_sends_nothing(client, city, cases):
    page = signed_in(client, city, "dave").get("/cases/reminders/").content.decode()
    assert "將寄出 2 份稽催摘要" in page
    assert "李大同科員" in page and "bob@example.gov.tw" in page and cases["it"].number in page
    assert "陳可欣專員" in page and cases["edu"].number in page
    assert "確認寄送 2 份稽催" in page
    assert not ReminderLog.objects.exists() and not mail.outbox


def test_sending_from_the_web_is_audited_by_the_sender_and_sending_again_sends_nothing(client, city, cases):
    client = signed_in(client, city, "dave")
    answer = client.post("/cases/reminders/send/", follow=True)
    assert "已寄出 2 份稽催摘要" in answer.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == ["bob@example.gov.tw", "carol@example.gov.tw"]
    sent = AuditEntry.objects.filter(action="reminder.send")
    assert sent.count() == 2 and {e.actor_id for e in sent} == {city.user("dave").pk}
    # Links in the e-mail use the public address, whatever host the request came in on.
    assert f"http://testserver/cases/{cases['it'].pk}/" in next(m for m in mail.outbox if m.to == ["bob@example.gov.tw"]).body
    again = client.post("/cases/reminders/send/", follow=True).content.decode()
    assert "已寄出 0 份稽催摘要" in again
    assert len(mail.outbox) == 2 and ReminderLog.objects.count() == 2


def test_one_agency_at_a_time_and_only_the_cases_the_sender_manages(client, city, cases):
    client = signed_in(client, city, "dave")
    page = client.get(f"/cases/reminders/?agency={city.edu.pk}").content.decode()
    assert "將寄出 1 份稽催摘要" in page and "陳可欣專員" in page and "李大同科員" not in page
    client.post("/cases/reminders/send/", {"agency": city.edu.pk})
    assert [m.to for m in mail.outbox] == [["carol@example.gov.tw"]]
    client.logout()
    # alice runs 秘書處's cases: she sees and sends the education case's reminder only, and it was sent already.
    page = signed_in(client, city, "alice").get("/cases/reminders/").content.decode()
    assert cases["it"].number not in page and "目前沒有需要寄送的稽催" in page
    assert client.get("/cases/reminders/?agency=999999").status_code == 404


def test_the_overdue_list_offers_reminders_for_all_agencies_and_for_each_to_those_who_manage_cases_only(client, city, cases):
    page = signed_in(client, city, "dave").get("/cases/?due=overdue").content.decode()
    assert ("寄送稽催（所有機關）", "/cases/reminders/?from=overdue") in links(page)
    assert f"/cases/reminders/?agency={city.it_unit.pk}&from=overdue" in hrefs(page)
    assert f"/cases/reminders/?agency={city.edu.pk}&from=overdue" in hrefs(page)
    # Filtered to one agency, the list offers that agency's reminders by name.
    page = client.get(f"/cases/?due=overdue&agency={city.edu.pk}").content.decode()
    assert (f"寄送稽催：{city.edu.display_name}", f"/cases/reminders/?agency={city.edu.pk}&from=overdue") in links(page)
    # The unfiltered list is not where reminders are sent from.
    assert "寄送稽催" not in client.get("/cases/").content.decode()
    client.logout()
    assert "寄送稽催" not in signed_in(client, city, "bob").get("/cases/?due=overdue").content.decode()


def test_the_preview_opened_from_the_overdue_list_leads_back_to_it_before_and_after_sending(client, city, cases):
    client = signed_in(client, city, "dave")
    page = client.get(f"/cases/reminders/?agency={city.edu.pk}&from=overdue").content.decode()
    assert ("取消", "/cases/?due=overdue") in links(page) and field_value(page, "from") == "overdue"
    answer = client.post("/cases/reminders/send/", {"agency": city.edu.pk, "from": "overdue"})
    assert answer.status_code == 302 and answer["Location"] == f"/cases/reminders/?agency={city.edu.pk}&from=overdue"
    assert [m.to for m in mail.outbox] == [["carol@example.gov.tw"]]
    after = client.get(answer["Location"]).content.decode()
    assert "目前沒有需要寄送的稽催" in after and ("回逾期列管案件", "/cases/?due=overdue") in links(after)
    # From the missing-reports page, or from anywhere unknown, the way back is the missing-reports page.
    page = client.get("/cases/reminders/?from=https://elsewhere.example").content.decode()
    assert ("回本期未填報案件", "/cases/missing-reports/") in links(page)
    assert not [href for href in find(page, "//@href") if href.startswith("https://elsewhere")]
