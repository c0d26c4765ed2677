"""Issue 5: the tracking officer reads 執行情形統計 (chart, tables, downloads); a liaison sees only their agency."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import openpyxl
import pytest
from django.utils import timezone

from lieguan.core.actors import SystemActor
from lieguan.core.calendar import work_calendar
from lieguan.meetings.models import Meeting
from lieguan.minutes.rocdate import format_roc_short
from lieguan.organisations.models import Organisation
from lieguan.tracking import actions as t
from lieguan.tracking.actions import Decide
from lieguan.tracking.models import Assignment, CaseStatus
from tests.browser.conftest import ARTIFACTS, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SETUP = SystemActor("test-setup")


def track_demo_cases() -> dict[str, object]:
    """Cases of the demo city around today: overdue, due soon (one of a unit's), later, and one released at 第86次."""
    today = timezone.localdate()
    calendar = work_calendar()
    orgs = {o.code: o for o in Organisation.objects.all()}

    def mayoral(title, lead, deadline, co=(), opened=today - dt.timedelta(days=90)):
        return t.do_create_case(
            SETUP,
            source="mayor",
            owner=orgs["rdec"],
            title=title,
            text=f"市長承諾：{title}。",
            lead=orgs[lead],
            co=[orgs[c] for c in co],
            deadline=deadline,
            opened_on=opened,
        )

    cases = {
        "overdue": mayoral("市民服務專線整併", "dit", today - dt.timedelta(days=12), co=["edu"]),
        "soon": mayoral("校園網路汰換", "edu", calendar.add_working_days(today, 2)),
        "unit": mayoral("資安攻防演練", "dit-security", calendar.add_working_days(today, 4)),
        "later": mayoral("智慧路燈建置", "transport", today + dt.timedelta(days=120)),
    }
    # A commitment the meeting of 115/8/20 (第86次) released: one released part in a period that includes it.
    cases["released"] = mayoral("防災整備清單彙整", "udd", dt.date(2026, 8, 31), opened=dt.date(2026, 7, 1))
    # (Recorded as that meeting's published minutes already say: straight through the tracking rule, since the
    # minutes can no longer take a new decision.)
    from django.db import transaction

    from lieguan.tracking.actions.decisions import apply_decision

    second = Meeting.objects.get(series__code="chief-secretaries", number=86)
    with transaction.atomic():
        apply_decision(SETUP, Decide(cases["released"], "release"), meeting=second, day=dt.date(2026, 8, 20))
    return cases


def agency_section(page, name):
    return page.locator("section.agency-group", has=page.get_by_role("heading", level=2, name=name))


def parts_of(code: str):
    """The agency parts of an agency and its units, straight from the database."""
    agency = Organisation.objects.get(code=code)
    orgs = [agency.pk, *Organisation.objects.filter(parent=agency).values_list("pk", flat=True)]
    return Assignment.objects.filter(organisation_id__in=orgs)


def open_parts_of(code: str) -> int:
    return parts_of(code).filter(status=CaseStatus.OPEN).count()


def released_parts_of(code: str, start: dt.date, end: dt.date) -> int:
    return parts_of(code).filter(released_on__range=(start, end)).count()


def test_the_tracking_officer_filters_the_statistics_reads_the_chart_and_downloads_the_tables(page, demo, check_a11y):
    track_demo_cases()
    sign_in(page, "tracking", "Lieguan-tracking-2026")
    page.goto("/")
    page.get_by_role("region", name="列管統計").get_by_role("link", name="執行情形統計").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "執行情形統計"

    today = format_roc_short(timezone.localdate())
    page.get_by_label("統計期間起日").fill("115/7/1")
    page.get_by_label("統計期間迄日").fill(today)
    page.get_by_role("button", name="套用篩選").click()
    page.wait_for_load_state()
    assert "start=115%2F7%2F1" in page.url
    assert "統計期間：115年7月1日至" in page.locator(".lead").first.inner_text()

    chart = page.get_by_role("img", name="各機關列管件數")
    assert chart.is_visible()
    assert chart.locator("rect.chart-bar--overdue").count() >= 2
    by_agency = page.get_by_role("table", name="列管案件執行情形統計表", exact=True)
    it_row = by_agency.get_by_role("row", name="資訊局")
    assert it_row.get_by_role("cell").nth(1).inner_text() == str(open_parts_of("dit"))  # 列管中
    udd_row = by_agency.get_by_role("row", name="都發局")
    # 本期解除列管, among them the case released at 第86次 on 115/8/20.
    released = released_parts_of("udd", dt.date(2026, 7, 1), timezone.localdate())
    assert released >= 1
    assert udd_row.get_by_role("cell").nth(4).inner_text() == str(released)
    assert page.get_by_role("table", name="列管案件執行情形統計表（依會議）").is_visible()
    check_a11y(page, context="statistics of the tracking officer")
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot(page, ARTIFACTS / "reports-statistics.png")

    with page.expect_download() as csv_download:
        page.get_by_role("link", name=re.compile(r"^CSV\s*（依機關統計表）$")).click()
    rows = list(csv.reader(io.StringIO(csv_download.value.path().read_text(encoding="utf-8-sig"))))
    assert rows[0][:3] == ["機關", "本期新增", "列管中"]
    it = next(r for r in rows if r[0] == "資訊局")
    assert int(it[2]) == open_parts_of("dit")
    assert rows[-1][0] == "合計"

    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name=re.compile(r"^XLSX\s*（依機關統計表）$")).click()
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_download.value.path().read_bytes())).active
    values = [[c.value for c in r] for r in sheet.iter_rows()]
    edu = next(r for r in values if r[0] == "教育局")
    assert edu[2] == open_parts_of("edu")
    overdue = parts_of("edu").filter(status=CaseStatus.OPEN, case__deadline__lt=timezone.localdate()).count()
    assert overdue >= 1  # 教育局 helps with 市民服務專線整併
    assert edu[3] == overdue


def test_the_agencies_overview_lists_the_open_cases_with_days_overdue(page, demo, check_a11y):
    cases = track_demo_cases()
    sign_in(page, "tracking", "Lieguan-tracking-2026")
    page.goto("/reports/agencies/")
    it = agency_section(page, "資訊局")
    assert "市民服務專線整併" in it.inner_text() and "資安攻防演練" in it.inner_text()
    row = it.get_by_role("row", name=cases["overdue"].number)
    assert "12" in row.inner_text() and "尚未填報" in row.inner_text()
    assert cases["released"].title not in page.locator("main").inner_text()  # released: no longer listed
    check_a11y(page, context="agencies overview")
    screenshot(page, ARTIFACTS / "reports-agencies.png")
    page.set_viewport_size({"width": 800, "height": 1100})
    check_a11y(page, context="agencies overview on a tablet")


def test_a_liaison_sees_only_their_agencys_figures(page, demo, check_a11y):
    track_demo_cases()
    sign_in(page, "liaison", "Lieguan-liaison-2026")
    page.goto("/reports/")
    table = page.get_by_role("table", name="列管案件執行情形統計表", exact=True)
    labels = [h.inner_text() for h in table.locator("tbody th").all()]
    assert labels == ["資訊局", "合計"]
    assert "教育局" not in page.get_by_role("img", name="各機關列管件數").inner_html()
    check_a11y(page, context="statistics of a liaison")
    screenshot(page, ARTIFACTS / "reports-statistics-liaison.png")
    page.goto("/reports/agencies/")
    assert agency_section(page, "資訊局").is_visible()
    assert page.locator(".agency-group").count() == 1
    # Another agency's figures are not there to be asked for.
    page.goto("/reports/?agency=999999")
    assert page.get_by_role("alert").is_visible()
    check_a11y(page, context="a refused filter")


def test_a_period_typed_wrongly_is_explained(page, demo, check_a11y):
    sign_in(page, "tracking", "Lieguan-tracking-2026")
    page.goto("/reports/")
    page.get_by_label("統計期間起日").fill("115/9/1")
    page.get_by_label("統計期間迄日").fill("115/8/1")
    page.get_by_role("button", name="套用篩選").click()
    page.wait_for_load_state()
    assert "迄日不可早於起日" in page.get_by_role("alert").inner_text()
    check_a11y(page, context="filter errors")
