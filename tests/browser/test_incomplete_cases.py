"""Issue 12 (8): a case known only from a decision in old minutes is listed for the secretariat and completed in one form."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.utils import timezone
from playwright.sync_api import expect

from lieguan.demo.city import ACTOR
from lieguan.meetings.models import MeetingSeries
from lieguan.organisations.models import Organisation
from lieguan.tracking.actions.opening import open_case
from lieguan.tracking.audit_events import CASE_REBUILD
from lieguan.tracking.models import TrackedCase
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_secretariat_completes_a_case_known_only_from_a_decision(page, demo, check_a11y):
    series = MeetingSeries.objects.get(code="chief-secretaries")
    with transaction.atomic():
        case = open_case(
            ACTOR,
            how=CASE_REBUILD,
            number="61-3",
            source="minutes",
            series=series,
            owner=series.owner,
            level=series.level,
            title="列管編號 61-3",
            text="本案由歷次會議紀錄的列管決定重建；原列管之會議紀錄未匯入，列管事項請補登。",
            opened_on=timezone.localdate(),
            imported=True,
            incomplete=True,
        )
    sign_in(page, "secretariat", "Lieguan-secretariat-2026")
    page.goto("/cases/")
    page.get_by_role("link", name="待補資料案件（1）").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("待補資料的列管案件")
    check_a11y(page, context="cases known only from decisions")
    page.get_by_role("link", name="補登資料（列管編號 61-3）").click()
    check_a11y(page, context="completing a case")
    page.get_by_label("案由").fill("市政大樓節能改善")
    page.get_by_label("列管事項").fill("請秘書處評估市政大樓空調汰換，並於年底前提出節能方案。")
    it = Organisation.objects.get(code="dit")
    page.get_by_label("主辦機關").select_option(value=str(it.pk))
    page.get_by_role("button", name="補登並完成").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("61-3")
    check_a11y(page, context="the completed case")
    case = TrackedCase.objects.get(pk=case.pk)
    assert not case.incomplete and case.title == "市政大樓節能改善"
    assert [a.organisation.code for a in case.assignments.all()] == ["dit"]
    expect(page.locator("main")).not_to_contain_text("僅見於決議，待補資料")
