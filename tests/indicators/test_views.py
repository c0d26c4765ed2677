"""The pages: a liaison enters a month, the alert reaches the agency and the home page, the secretariat tracks it, the report shows it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client

from lieguan.indicators import actions as i
from lieguan.indicators.models import Alert, Indicator
from lieguan.meetings import actions as m
from lieguan.meetings.models import AgendaSection, Material
from lieguan.tracking import reminders
from lieguan.tracking.actions import reminding
from lieguan.tracking.models import TrackedCase
from tests.indicators.conftest import SETUP, csv_bytes
from tests.pages import find

pytestmark = pytest.mark.django_db


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def test_a_liaison_enters_a_month_and_the_alert_shows_on_the_agency_page_and_at_home(register, city):
    i.do_record_value(SETUP, register.doors, city.it, dt.date(2026, 9, 1), Decimal(1))
    bob = client_for(city.user("bob"))
    assert bob.get(f"/indicators/agencies/{city.it.pk}/enter").status_code == 200
    response = bob.post(f"/indicators/agencies/{city.it.pk}/enter", {"indicator": register.doors.pk, "month": "115/10", "value": "2"})
    assert response.status_code == 302
    page = bob.get(f"/indicators/agencies/{city.it.pk}/").content.decode()
    assert "2026-09：1、2026-10：2" in page and find(page, "//svg")
    assert "指標警示" in bob.get("/").content.decode()
    carol = client_for(city.user("carol"))
    assert "門禁管理缺失" not in carol.get("/indicators/alerts/").content.decode()
    assert (
        carol.post(
            f"/indicators/agencies/{city.it.pk}/enter", {"indicator": register.doors.pk, "month": "115/10", "value": "0"}
        ).status_code
        == 403
    )


def test_the_secretariat_puts_an_alert_under_tracking_in_one_step(register, city):
    i.do_import_values(SETUP, csv_bytes(("資訊局", "門禁管理缺失", "115/09", "1"), ("資訊局", "門禁管理缺失", "115/10", "1")), "a.csv")
    alert = Alert.objects.get()
    assert client_for(city.user("bob")).post(f"/indicators/alerts/{alert.pk}/track").status_code == 403
    alice = client_for(city.user("alice"))
    assert alice.post(f"/indicators/alerts/{alert.pk}/track").status_code == 302
    case = TrackedCase.objects.get()
    assert case.source == "other" and case.owner == city.root and "提報局（處）務會議檢討" in case.text
    assert [a.organisation for a in case.assignments.all()] == [city.it]
    alert.refresh_from_db()
    assert alert.case == case
    assert case.number in alice.get("/indicators/alerts/").content.decode()


def test_a_bad_file_on_the_import_page_lists_the_rows_and_imports_nothing(register, city):
    from django.core.files.uploadedfile import SimpleUploadedFile

    alice = client_for(city.user("alice"))
    upload = SimpleUploadedFile("月報.csv", csv_bytes(("資訊局", "門禁管理缺失", "115/13", "1")))
    page = alice.post("/indicators/import", {"file": upload}).content.decode()
    assert "第 2 列「年月」欄" in page and "整份未匯入" in page


def test_the_report_item_marks_the_hits_with_the_city_average_and_is_attached_as_material(register, council):
    city = council.city
    rows = [("資訊局", "門禁管理缺失", "115/08", "1"), ("資訊局", "門禁管理缺失", "115/09", "3"), ("教育局", "門禁管理缺失", "115/09", "0")]
    i.do_import_values(SETUP, csv_bytes(*rows), "a.csv")
    alice = client_for(city.user("alice"))
    page = alice.get(f"/indicators/meetings/{council.second.pk}/report").content.decode()
    assert "本府 e 化統計（115 年 9 月）" in page
    assert "3※" in page and "1.5" in page and "同樣缺失連續 2 個月" in page
    assert [svg.get("xmlns") for svg in find(page, "//svg")] == ["http://www.w3.org/2000/svg"] * 2  # a trend chart per indicator
    docx = alice.get(f"/indicators/meetings/{council.second.pk}/report.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    odt = alice.get(f"/indicators/meetings/{council.second.pk}/report.odt")
    assert b"application/vnd.oasis.opendocument.text" in odt.content[:100]
    reports = council.second.sections.get(kind=AgendaSection.Kind.REPORTS)
    item = m.do_add_item(SETUP, reports, title="本府 e 化統計", presenter=city.rdec)
    assert alice.post(f"/indicators/meetings/{council.second.pk}/report/attach", {"item": item.pk, "fmt": "docx"}).status_code == 302
    assert Material.objects.get(item=item).original_name.endswith("本府 e 化統計（115 年 9 月）.docx")
    assert client_for(city.user("bob")).post(f"/indicators/meetings/{council.second.pk}/report/attach", {"item": item.pk}).status_code in (
        403,
        404,
    )


def test_the_reminder_digest_carries_the_agencys_alerts(register, city):
    i.do_import_values(SETUP, csv_bytes(("資訊局", "門禁管理缺失", "115/09", "1"), ("資訊局", "門禁管理缺失", "115/10", "2")), "a.csv")
    from lieguan.tracking import actions as t

    t.do_create_case(
        SETUP,
        source="mayor",
        owner=city.rdec,
        title="機房改善",
        text="請辦理。",
        lead=city.it,
        deadline=dt.date(2026, 3, 10),
        opened_on=dt.date(2026, 1, 5),
    )
    plan = reminders.plan(dt.date(2026, 3, 18))
    reminding.send(plan, base_url="https://lieguan.example")
    sent = [message for message in mail.outbox if message.to == ["bob@example.gov.tw"]]
    assert len(sent) == 1
    assert "門禁管理缺失（同樣缺失連續 2 個月）2026-09：1、2026-10：2" in sent[0].body


def test_an_agency_whose_only_news_is_an_alert_is_e_mailed_once_and_again_when_the_run_grows(register, city):
    rows = [("教育局", "門禁管理缺失", "115/09", "1"), ("教育局", "門禁管理缺失", "115/10", "2")]
    i.do_import_values(SETUP, csv_bytes(*rows), "a.csv")

    def carols_mail(day):
        mail.outbox.clear()
        outcome = reminding.send(reminders.plan(day), base_url="https://lieguan.example")
        return [message for message in mail.outbox if message.to == ["carol@example.gov.tw"]], outcome

    sent, outcome = carols_mail(dt.date(2026, 11, 2))
    assert len(sent) == 1 and outcome.news == 1
    assert "指標警示 1 則" in sent[0].subject
    assert "門禁管理缺失（同樣缺失連續 2 個月）2026-09：1、2026-10：2" in sent[0].body
    assert "https://lieguan.example/indicators/alerts/" in sent[0].body
    assert "已逾列管期限" not in sent[0].body
    assert carols_mail(dt.date(2026, 11, 3))[0] == []

    i.do_record_value(SETUP, register.doors, city.edu, dt.date(2026, 11, 1), Decimal(1))
    [again], _ = carols_mail(dt.date(2026, 12, 1))
    assert "2026-09：1、2026-10：2、2026-11：1" in again.body


def test_the_secretariat_adds_an_indicator_sets_its_threshold_and_chooses_a_rule_in_forms(register, city):
    alice = client_for(city.user("alice"))
    response = alice.post(
        "/indicators/new", {"name": "公務車派車時數", "unit": "hours", "direction": "lower", "source": "entered", "position": "3"}
    )
    assert response.status_code == 302
    cars = Indicator.objects.get(name="公務車派車時數")
    assert alice.post(f"/indicators/{cars.pk}/target", {"year": "115", "threshold": "40"}).status_code == 302
    assert cars.targets.get(year=2026).threshold == Decimal(40)
    response = alice.post(
        "/indicators/rules/new",
        {"name": "派車時數超過警戒", "kind": "threshold", "indicators": [cars.pk], "months": "1", "deadline_day": "10", "active": "on"},
    )
    assert response.status_code == 302
    i.do_record_value(city.user("bob"), cars, city.it, dt.date(2026, 10, 1), Decimal("41.5"))
    assert [a.values for a in Alert.objects.filter(indicator=cars)] == [["41.5"]]
    assert "派車時數超過警戒" in alice.get("/indicators/rules/").content.decode()
    page = alice.get(f"/indicators/{cars.pk}/").content.decode()
    assert find(page, "//svg") and "41.5" in page


def test_liaisons_neither_change_the_register_nor_choose_rules_and_those_without_a_role_read_nothing(register, city):
    bob = client_for(city.user("bob"))
    assert bob.get("/indicators/").status_code == 200
    assert bob.get("/indicators/new").status_code == 403
    assert bob.get("/indicators/rules/").status_code == 403
    assert bob.post(f"/indicators/{register.doors.pk}/target", {"year": "115", "threshold": "1"}).status_code == 403
    frank = client_for(city.user("frank"))
    assert frank.get("/indicators/").status_code == 403
    assert frank.get("/indicators/import").status_code == 403
