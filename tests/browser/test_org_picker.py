"""Issue 18: every organisation picker shows the directory as a tree and narrows it as you type.

On the agenda builder (報告機關) and on a new case (主辦機關, 協辦機關): typing part of
a name leaves the matching agency with its own units nested under it, Enter
picks a single match, the count is announced, and what was chosen is saved.
"""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from lieguan.meetings.models import AgendaItem, MeetingSeries
from lieguan.organisations.models import Organisation
from lieguan.tracking.models import TrackedCase
from tests.browser.conftest import ARTIFACTS, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FILTER = "輸入名稱篩選下方選項"


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot(page, ARTIFACTS / f"{name}.png")


def shown(select) -> list[str]:
    return select.locator("option").all_inner_texts()


def test_the_presenter_picker_narrows_to_an_agency_and_its_units_and_enter_picks_one(page, demo, check_a11y):
    series = MeetingSeries.objects.get(owner__code="city", name="主任秘書會報")
    meeting = series.meetings.filter(start__gte=timezone.now(), cancelled=False).order_by("start").first()
    sign_in(page, "secretariat", "Lieguan-secretariat-2026")
    page.goto(f"/meetings/{meeting.pk}/")
    reports = page.locator(".agenda-section", has=page.get_by_role("heading", name="報告事項"))
    presenter = reports.get_by_label("報告機關", exact=True)
    box = reports.get_by_role("searchbox", name=FILTER)
    status = reports.locator(".org-picker__status")
    # Untouched, the list is the whole tree: 秘書處's units right under it, not under 市府.
    everything = shown(presenter)
    assert everything[:4] == ["（無）", "市府", "秘書處", "　文書組"]
    assert everything.index("　國小教育科") == everything.index("教育局") + 1

    box.fill("資訊")
    expect(status).to_have_text("符合 5 個")
    assert shown(presenter) == ["（無）", "資訊局", "　秘書室", "　策略中心", "　資安中心", "　創新中心"]
    # A unit is found by its own name and shown under its agency, which is not counted as a match.
    box.fill("資安")
    expect(status).to_have_text("符合 1 個，按 Enter 選取")
    assert shown(presenter) == ["（無）", "資訊局", "　資安中心"]
    box.press("Enter")
    expect(status).to_have_text("已選取：資安中心")
    expect(presenter).to_have_value(str(Organisation.objects.get(code="dit-security").pk))

    reports.get_by_label("新增案件至「報告事項」：案由").fill("資安演練缺失改善情形")
    reports.get_by_role("button", name="新增案件").click()
    expect(page.locator(".agenda")).to_contain_text("資安演練缺失改善情形（資安中心）")
    item = AgendaItem.objects.get(section__meeting=meeting, title="資安演練缺失改善情形")
    assert item.presenter.code == "dit-security" and item.presenter_text == "資安中心"
    # The builder came back through htmx: its pickers are enhanced again, and Escape clears a filter.
    # (The accessibility checks come after the swaps: axe leaves empty style attributes that htmx would copy.)
    reports = page.locator(".agenda-section", has=page.get_by_role("heading", name="報告事項"))
    box = reports.get_by_role("searchbox", name=FILTER)
    box.fill("國小")
    box.press("Escape")
    expect(box).to_have_value("")
    box.fill("資安")
    expect(reports.locator(".org-picker__status")).to_have_text("符合 1 個，按 Enter 選取")
    check_a11y(page, context="presenter picker, filtered")
    shot(page, "org-picker-agenda")

    page.set_viewport_size({"width": 390, "height": 844})
    box.fill("教育")
    check_a11y(page, context="presenter picker on a phone")
    shot(page, "org-picker-agenda-390")


def test_a_new_cases_lead_and_co_organisers_are_chosen_by_typing(page, demo, check_a11y):
    sign_in(page, "tracking", "Lieguan-tracking-2026")
    page.goto("/cases/new/")
    page.get_by_label("人民陳情").check()
    page.get_by_role("textbox", name="案由").fill("市民陳情市政大樓停車位不足")
    page.get_by_role("textbox", name="列管事項").fill("請總務組清查車位，並請國小教育科協助宣導。")

    lead = page.locator("#id_lead")
    lead_field = page.locator(".field", has=lead)
    lead_field.get_by_role("searchbox", name=FILTER).fill("總務")
    expect(lead_field.locator(".org-picker__status")).to_have_text("符合 1 個，按 Enter 選取")
    assert shown(lead) == ["（請選擇）", "秘書處", "　總務組"]
    lead_field.get_by_role("searchbox", name=FILTER).press("Enter")

    co = page.get_by_role("group", name="協辦機關")
    co.get_by_role("searchbox", name=FILTER).fill("教育")
    expect(co.locator(".org-picker__status")).to_have_text("符合 2 個")
    expect(co.get_by_role("checkbox")).to_have_count(2)
    co.get_by_role("checkbox", name="國小教育科").check()
    check_a11y(page, context="case form with filtered pickers")
    shot(page, "org-picker-case")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "org-picker-case-390")
    # Ticked choices that a later filter hides are still sent.
    co.get_by_role("searchbox", name=FILTER).fill("文化")
    expect(co.get_by_role("checkbox", name="國小教育科")).to_be_hidden()
    page.get_by_label("或：期限為幾個工作日").fill("10")
    page.get_by_role("button", name="建立列管案件").click()
    expect(page.locator(".message--success")).to_contain_text("已建立列管案件 P")
    case = TrackedCase.objects.get(title="市民陳情市政大樓停車位不足")
    assert sorted((a.organisation.code, a.role) for a in case.assignments.all()) == [("edu-primary", "co"), ("sec-general", "lead")]
