"""The import page: a past report is read and previewed with nothing written, then imported whole on confirming."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lieguan.core.models import AuditEntry
from lieguan.kpis.models import KpiActual
from lieguan.organisations.models import Organisation
from lieguan.workreports.models import WorkReport
from tests.pages import button, field_value

pytestmark = pytest.mark.django_db

# An invented report of the demo city's 秘書處 for 112 年下半年, a half year the demo's register holds no figure for.
PAST_REPORT = """中華民國 113 年 3 月

臨海市議會第 4 屆第 6 次定期大會

臨海市政府秘書處 工作報告

報告人：秘書長 林予安

目 錄

壹、112 年下半年重要業務執行成果.....	1
一、文書業務.....	1
貳、策略目標與關鍵績效指標(KPI)之執行情形.....	2
一、速處市民陳情.....	2
參、結語.....	3

議長、副議長、各位議員女士、先生：

謹就本處 112 年 7 月 1 日至 12 月 31 日（以下簡稱本期）之業務執行情形提出報告。

壹、112 年下半年重要業務執行成果

一、文書業務

（一）收發文

本期收文計 1 萬 1,204 件，發文計 8,310 件。

貳、策略目標與關鍵績效指標(KPI)之執行情形

一、速處市民陳情

（一）市民陳情案件 6 日內結案比率：目標值大於 85%，實際達成值為 84.2%，未達原訂目標。

參、結語

以上報告，敬請各位議員不吝指教。
"""


def _upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("秘書處112下工作報告.txt", PAST_REPORT.encode("utf-8"), content_type="text/plain")


def test_the_preview_lists_the_kpis_it_would_fill_and_writes_nothing_until_confirmed(demo_city):
    agency = Organisation.objects.get(code="secretariat")
    client = Client()
    client.force_login(get_user_model().objects.get(username="secretariat"))
    actuals_before = KpiActual.objects.count()

    preview = client.post("/work-reports/import/", {"organisation": agency.pk, "file": _upload()})
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "市民陳情案件 6 日內結案比率" in page and "新增實際值" in page
    [confirming] = button(page, "確認匯入").xpath("ancestor::form")
    assert field_value(confirming, "confirm") == "1"
    assert not WorkReport.objects.filter(organisation=agency, year=2023).exists()
    assert KpiActual.objects.count() == actuals_before

    confirmed = client.post(
        "/work-reports/import/",
        {"organisation": agency.pk, "text": preview.context["text"], "source_name": preview.context["source_name"], "confirm": "1"},
    )
    report = WorkReport.objects.get(organisation=agency, year=2023, half=2)
    assert confirmed.status_code == 302 and confirmed["Location"] == f"/work-reports/{report.pk}/"
    assert report.state == WorkReport.State.DRAFT
    assert report.parts.filter(level=0).count() == 3
    actual = KpiActual.objects.get(kpi__name="市民陳情案件 6 日內結案比率", year=2023, half=2)
    assert (actual.value, actual.origin, actual.version) == (Decimal("84.2"), KpiActual.Origin.IMPORTED, 1)
    assert KpiActual.objects.count() == actuals_before + 1
    assert set(AuditEntry.objects.filter(object_id__in=[str(report.pk), str(actual.pk)]).values_list("action", flat=True)) >= {
        "workreport.import",
        "kpi_actual.import",
    }
    # The same half year again is refused as a whole: still one report and one figure.
    again = client.post(
        "/work-reports/import/",
        {"organisation": agency.pk, "text": PAST_REPORT, "source_name": "x.txt", "confirm": "1"},
    )
    assert again.status_code == 400
    assert WorkReport.objects.filter(organisation=agency, year=2023).count() == 1
    assert KpiActual.objects.count() == actuals_before + 1


def test_a_file_that_is_no_work_report_is_refused_with_a_message_and_nothing_written(demo_city):
    agency = Organisation.objects.get(code="secretariat")
    client = Client()
    client.force_login(get_user_model().objects.get(username="secretariat"))
    letter = SimpleUploadedFile("函.txt", "臨海市政府秘書處 函\n\n主旨：請查照。\n".encode(), content_type="text/plain")
    response = client.post("/work-reports/import/", {"organisation": agency.pk, "file": letter})
    assert response.status_code == 400 and "工作報告" in response.content.decode()
    assert WorkReport.objects.count() == 1  # the demo's own submitted report
