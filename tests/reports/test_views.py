"""The statistics pages and their downloads, through the Django test client."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from lieguan.notifications.models import Notification
from tests.pages import by_id, by_role, find, text_of, with_class

pytestmark = pytest.mark.django_db

APRIL = {"start": "115/4/1", "end": "115年4月30日"}


def client_for(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_the_tracking_officer_sees_the_figures_the_chart_and_both_tables(client, history):
    response = client_for(client, "dave").get(reverse("reports:statistics"), APRIL)
    assert response.status_code == 200
    html = response.content.decode()
    assert [chart.get("xmlns") for chart in with_class(html, "chart", "svg")] == ["http://www.w3.org/2000/svg"]
    title = by_id(html, "chart-title")
    assert by_role(html, "img") and (title.tag, text_of(title)) == ("title", "各機關列管件數")
    assert "資訊局：列管中 2、逾期 0、本期解除列管 1" in html
    assert "統計期間：115年4月1日至115年4月30日" in html
    assert "執行情形統計表（依機關）" in html and "執行情形統計表（依會議及案件來源）" in html
    assert not find(html, "//*[@style]")  # no inline style, in the chart either


def test_a_bad_period_is_explained_in_chinese(client, history):
    response = client_for(client, "dave").get(reverse("reports:statistics"), {"start": "115/5/1", "end": "115/4/1"})
    assert "迄日不可早於起日。" in response.content.decode()
    assert not find(response, "//svg")
    response = client.get(reverse("reports:statistics"), {"start": "明年"})
    assert "統計期間起日" in response.content.decode() and by_role(response, "alert")
    assert client.get(reverse("reports:statistics_download", args=["csv"]), {"start": "明年"}).status_code == 400


def test_the_csv_download_has_the_figures_of_the_page(client, history):
    response = client_for(client, "dave").get(reverse("reports:statistics_download", args=["csv"]), APRIL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["機關", "本期新增", "列管中"]
    it = next(r for r in rows if r[0] == "資訊局")
    assert it[2] == "2" and it[6] == "35.0"


def test_the_xlsx_download_by_series(client, history):
    response = client_for(client, "dave").get(reverse("reports:statistics_download", args=["xlsx"]), {**APRIL, "by": "series"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in r] for r in sheet.iter_rows()]
    assert values[0][0] == "列管案件執行情形統計表（依會議）"
    series = next(r for r in values if r[0] == "測試市政府主任秘書會報")
    assert series[2] == 3


def test_the_pdf_download(client, history):
    response = client_for(client, "dave").get(reverse("reports:statistics_download", args=["pdf"]), APRIL)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_an_unknown_format_is_not_found(client, history):
    assert client_for(client, "dave").get(reverse("reports:statistics_download", args=["exe"])).status_code == 404


def test_the_agencies_overview_lists_each_agencys_open_cases_with_its_latest_report(client, history):
    from lieguan.tracking import actions as t

    t.do_submit_report(history.city.user("carol"), history.cases["101-2"].lead, text="平臺需求訪談已完成。", proposal="continue")
    response = client_for(client, "dave").get(reverse("reports:agencies"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "平臺需求訪談已完成。" in html
    assert by_id(html, f"case-{history.cases['101-1'].pk}") is not None
    # On 115/4/30 the report, written today, did not exist yet.
    past = client.get(reverse("reports:agencies"), {"as_of": "115/4/30"}).content.decode()
    assert "平臺需求訪談已完成。" not in past and "機房備援演練" in past


def test_the_agencies_overview_downloads_with_a_group_per_agency(client, history):
    response = client_for(client, "dave").get(reverse("reports:agencies_download", args=["xlsx"]), {"as_of": "115/4/30"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    first_cells = [r[0].value for r in sheet.iter_rows()]
    assert "教育局（2 案，逾期 1 案）" in first_cells and "資訊局（2 案，逾期 0 案）" in first_cells
    assert "101-3" in first_cells


def test_a_liaison_sees_only_their_agency_on_every_page_and_download(client, history):
    client_for(client, "bob")
    html = client.get(reverse("reports:statistics"), APRIL).content.decode()
    assert "資訊局：列管中 2" in html and "教育局：" not in html
    download = client.get(reverse("reports:statistics_download", args=["csv"]), APRIL)
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["資訊局", "合計"]
    overview = client.get(reverse("reports:agencies"), {"as_of": "115/4/30"}).content.decode()
    assert "數位學習平臺" not in overview and "機房備援演練" in overview


def test_people_without_a_tracking_role_are_refused(client, history):
    client_for(client, "frank")
    assert client.get(reverse("reports:statistics")).status_code == 403
    assert client.get(reverse("reports:agencies")).status_code == 403
    assert client.get(reverse("reports:statistics_download", args=["csv"])).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client, history):
    response = client.get(reverse("reports:statistics"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_old_inbox_address_leads_to_the_one_inbox_of_every_notification(client, city):
    client_for(client, "bob")
    response = client.get("/reports/notifications/")
    assert response.status_code == 301 and response["Location"] == reverse("notifications:inbox")


def test_the_home_page_shows_unread_notifications_and_the_figures(client, history):
    Notification.objects.create(user=history.city.user("bob"), kind="reminder.digest", key="t:1", subject="【列管稽催】資訊局：逾期 1 案")
    html = client_for(client, "bob").get(reverse("home")).content.decode()
    assert "【列管稽催】資訊局：逾期 1 案" in html
    assert "列管統計" in html and reverse("reports:statistics") in html
