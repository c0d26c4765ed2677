"""Issue 7: searching the imported seed minutes from the header, reaching the very conclusion on the minutes page."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page, expect

from lieguan.organisations import actions as org_actions
from lieguan.organisations.models import Role
from tests.browser.conftest import ARTIFACTS, screenshot, sign_in
from tests.factories import PASSWORD, SETUP
from tests.shared import minutes_seed_paths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VEHICLES = "有關公務車輛統一調派出車趟數及時數"
EVALUATE = "請資訊局評估辦理開口契約採購"


@pytest.fixture
def seeds(transactional_db):
    """The shared seed minutes, imported as `lieguan import --confirm-new` imports them, and an administrator."""
    call_command("import", *[str(p) for p in minutes_seed_paths()], "--confirm-new", stdout=io.StringIO())
    person = org_actions.do_create_person(SETUP, name="檢索管理員", title="管理師", organisation=None, email="searcher@example.gov.tw")
    user = org_actions.do_create_user(SETUP, username="searcher", password=PASSWORD, person=person)
    org_actions.do_grant_role(SETUP, user, Role.ADMIN, None)
    return user


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot(page, ARTIFACTS / f"{name}.png")


def _header_search(page: Page, words: str) -> None:
    box = page.get_by_role("search", name="全站搜尋").get_by_label("搜尋會議紀錄與列管案件")
    box.fill(words)
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))


def _in_view(page: Page, text: str) -> bool:
    target = page.locator(".lg-minutes p", has_text=text).first
    expect(target).to_be_visible()
    box = target.evaluate("e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom, innerHeight]; }")
    return box[0] >= 0 and box[1] <= box[2]


def _open_first_result(page: Page) -> None:
    page.locator(".search-hit").first.get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"/meetings/\d+/minutes/"))
    page.wait_for_timeout(300)  # the browser scrolls to the text directive after the load


def test_a_two_character_word_from_the_header_reaches_the_conclusion_on_its_minutes(page, live_server, seeds, check_a11y):
    sign_in(page, "searcher")
    page.goto("/")
    _header_search(page, "勞逸")
    expect(page.get_by_role("heading", level=1)).to_have_text("全文檢索")
    first = page.locator(".search-hit").first
    expect(first).to_contain_text(VEHICLES)
    expect(first.locator("mark")).to_have_text("勞逸")
    expect(first).to_contain_text("第224次主任秘書會報")
    check_a11y(page, context="results for 勞逸")
    _shot(page, "search-results")
    _open_first_result(page)
    assert _in_view(page, VEHICLES), "the minutes page did not scroll to the conclusion"
    _shot(page, "search-landed-on-conclusion")


def test_two_words_narrow_to_the_conclusion_that_has_both(page, live_server, seeds):
    sign_in(page, "searcher")
    page.goto("/search/?q=公務車+調派&kinds=conclusion")
    expect(page.locator(".search-summary")).to_have_text("共 1 筆")
    _open_first_result(page)
    assert _in_view(page, VEHICLES)


def test_a_quoted_phrase_reaches_the_conclusion_that_says_it(page, live_server, seeds, check_a11y):
    sign_in(page, "searcher")
    page.goto("/")
    _header_search(page, '"資訊局 評估"')
    first = page.locator(".search-hit").first
    expect(first).to_contain_text(EVALUATE)
    expect(first.locator("mark").first).to_have_text("資訊局評估")
    expect(first).to_contain_text("第212次主任秘書會報")
    _open_first_result(page)
    assert _in_view(page, EVALUATE)
    check_a11y(page, context="minutes reached from a search")


def test_latin_words_are_found_whatever_their_case(page, live_server, seeds):
    sign_in(page, "searcher")
    counts = {}
    for word in ("KIOSK", "kiosk", "Kiosk"):
        page.goto(f"/search/?q={word}&kinds=conclusion")
        counts[word] = page.locator(".search-hit").count()
        expect(page.locator(".search-hit mark").first).to_have_text(re.compile("^kiosk$", re.IGNORECASE))
    assert counts == {"KIOSK": 2, "kiosk": 2, "Kiosk": 2}
    page.goto("/search/?q=TaipeiON&kinds=conclusion")
    first = page.locator(".search-hit").first
    expect(first).to_contain_text("TaipeiON 群組")
    expect(first).to_contain_text("資訊局113年第12次局務會議")
    page.goto("/search/?q=poc&kinds=conclusion")
    expect(page.locator(".search-hit").first.locator("mark").first).to_have_text("PoC")


def test_a_single_character_is_found_and_marked(page, live_server, seeds):
    sign_in(page, "searcher")
    page.goto("/search/?q=櫃&kinds=conclusion")
    first = page.locator(".search-hit").first
    expect(first.locator("mark").first).to_have_text("櫃")
    _open_first_result(page)
    assert _in_view(page, "免書證自動櫃檯機")


def test_filters_in_roc_dates_and_date_order_with_their_errors_explained(page, live_server, seeds, check_a11y):
    sign_in(page, "searcher")
    page.goto("/search/")
    check_a11y(page, context="empty search page")
    page.get_by_label("關鍵字").fill("資訊局")
    page.get_by_text("篩選條件").click()
    page.get_by_label("日期起").fill("111/1/1")
    page.get_by_label("日期迄").fill("110/1/1")
    page.get_by_label("會議結論").check()
    page.get_by_label("日期（新到舊）").check()
    page.get_by_role("button", name="搜尋").click()
    expect(page.get_by_role("alert")).to_contain_text("日期迄不可早於日期起。")
    check_a11y(page, context="search form with an error")
    _shot(page, "search-filter-error")
    page.get_by_label("日期迄").fill("111/12/31")
    page.get_by_role("button", name="搜尋").click()
    # The click returns once the results page has begun to load: its hits are read after it has loaded.
    page.wait_for_load_state()
    expect(page.locator(".search-hit__meta").first).to_be_visible()
    dates = page.locator(".search-hit__meta").all_inner_texts()
    assert dates and all("111年" in d for d in dates)
    expect(page.get_by_label("日期起")).to_have_value("111/1/1")
    check_a11y(page, context="filtered results")
    _shot(page, "search-filtered")
    page.set_viewport_size({"width": 800, "height": 1100})
    check_a11y(page, context="tablet width")
    _shot(page, "search-filtered-tablet")


def test_related_decisions_of_a_result_lead_to_the_earlier_decision(page, live_server, seeds, check_a11y):
    sign_in(page, "searcher")
    page.goto("/search/?q=KIOSK+人流&kinds=conclusion")
    page.locator(".search-hit").first.get_by_role("link", name=re.compile("相關的歷次決議")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("相關的歷次決議")
    expect(page.locator(".related-source")).to_contain_text("KIOSK 設備及人流管制系統")
    earlier = page.locator(".related-list li").first
    expect(earlier).to_contain_text("處務會議")
    expect(earlier.locator("mark").first).to_be_visible()
    check_a11y(page, context="related decisions")
    _shot(page, "search-related")
    earlier.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/meetings/\d+/minutes/"))
    page.wait_for_timeout(300)
    assert _in_view(page, "請公管中心積極辦理")


def test_the_public_searches_published_minutes_of_public_series_when_the_portal_is_open(page, live_server, seeds, settings, check_a11y):
    from lieguan.meetings import actions as meeting_actions
    from lieguan.meetings.models import MeetingSeries

    settings.PUBLIC_PORTAL = True
    chiefs = MeetingSeries.objects.get(name="主任秘書會報")
    meeting_actions.do_update_series(SETUP, chiefs, public=True)
    page.goto("/search/?q=KIOSK")
    hits = page.locator(".search-hit")
    expect(hits).to_have_count(2)
    expect(page.get_by_label("機關")).to_have_count(0)
    check_a11y(page, context="public search")
    _shot(page, "search-public")
    settings.PUBLIC_PORTAL = False
    page.goto("/search/?q=KIOSK")
    page.wait_for_url(re.compile(r"/accounts/login/"))


# Related decisions on the pages that show a conclusion or a case ------------------------------------------

BUDGET = "臺北市議會第 13 屆第 8 次定期大會為預算會期"
EARLIER_BUDGET = "本會期為預算會期"


def _seed_conclusion(number: int, starts: str):
    """A conclusion of the imported seed meeting ``number`` (主任秘書會報), by how its text begins."""
    from lieguan.meetings.models import Conclusion, Meeting

    meeting = Meeting.objects.get(series__name="主任秘書會報", number=number)
    return next(c for c in Conclusion.objects.filter(text__startswith=starts) if c.meeting_id == meeting.pk)


def _track(conclusion, agency: str):
    from lieguan.organisations.models import Organisation
    from lieguan.tracking import actions as tracking_actions

    return tracking_actions.do_select_case(SETUP, conclusion, lead=Organisation.objects.get(short_name=agency))


def test_a_case_page_loads_the_earlier_decisions_on_its_subject_when_scrolled_to(page, live_server, seeds, check_a11y):
    case = _track(_seed_conclusion(224, BUDGET), "府會")
    sign_in(page, "searcher")
    url = reverse("tracking:case", args=[case.pk])
    # A short window, so that the card starts below the fold: it loads only once scrolled to.
    page.set_viewport_size({"width": 1280, "height": 400})
    page.goto(url)
    page.wait_for_load_state()
    placeholder = page.locator(".related-decisions--loading")
    expect(placeholder).to_have_count(1)
    expect(placeholder.get_by_role("link", name="相關的歷次決議")).to_have_attribute("href", f"/search/related/case/{case.pk}/")
    placeholder.evaluate("e => e.scrollIntoView()")
    # The placeholder is replaced over HTMX, on the same page, by the list under its own heading.
    expect(placeholder).to_have_count(0)
    card = page.locator(".related-decisions")
    expect(card.get_by_role("heading", level=2)).to_have_text("相關的歷次決議")
    assert page.url.endswith(url)
    earlier = card.locator(".related-list li").first
    expect(earlier).to_contain_text(EARLIER_BUDGET)
    expect(earlier).to_contain_text("第212次主任秘書會報")
    expect(earlier.locator("mark").first).to_be_visible()
    # The case's own conclusion and its own meeting are never offered as "earlier".
    expect(card).not_to_contain_text(BUDGET)
    check_a11y(page, context="case page with related decisions loaded")
    _shot(page, "search-related-on-case")
    earlier.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/meetings/\d+/minutes/"))
    page.wait_for_timeout(300)
    assert _in_view(page, EARLIER_BUDGET)


def test_the_minutes_page_lists_each_conclusion_with_a_link_to_its_related_decisions(page, live_server, seeds, check_a11y):
    sign_in(page, "searcher")
    page.goto(f"/meetings/{_seed_conclusion(224, BUDGET).meeting_id}/minutes/")
    index = page.locator("details.related-index")
    index.locator("summary").click()
    link = index.get_by_role("link", name=re.compile("^" + re.escape(BUDGET[:20])))
    expect(link).to_be_visible()
    check_a11y(page, context="minutes page with the related-decisions index open")
    _shot(page, "search-related-index-on-minutes")
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("相關的歷次決議")
    expect(page.locator(".related-source")).to_contain_text(BUDGET)
    earlier = page.locator(".related-list li").first
    expect(earlier).to_contain_text(EARLIER_BUDGET)
    check_a11y(page, context="related decisions of a seed conclusion")
    earlier.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/meetings/\d+/minutes/"))
    page.wait_for_timeout(300)
    assert _in_view(page, EARLIER_BUDGET)


def test_a_liaison_finds_the_cases_of_their_own_agency_only(page, live_server, seeds):
    from lieguan.organisations.models import Organisation

    ours = _track(_seed_conclusion(224, "請資訊局針對未能採行副本契約電子化之機關"), "資訊局")
    theirs = _track(_seed_conclusion(212, "請資訊局列管之2案"), "秘書處")
    it = Organisation.objects.get(short_name="資訊局")
    person = org_actions.do_create_person(SETUP, name="資訊局聯絡人", title="專員", organisation=it, email="it-liaison@example.gov.tw")
    user = org_actions.do_create_user(SETUP, username="it-liaison", password=PASSWORD, person=person)
    org_actions.do_grant_role(SETUP, user, Role.LIAISON, it)
    # Both cases name 資訊局 and 契約; the administrator finds both.
    sign_in(page, "searcher")
    page.goto("/search/?q=資訊局+契約&kinds=case")
    expect(page.locator(".search-hit")).to_have_count(2)
    page.context.clear_cookies()
    sign_in(page, "it-liaison")
    page.goto("/search/?q=資訊局+契約&kinds=case")
    hits = page.locator(".search-hit")
    expect(hits).to_have_count(1)
    expect(hits.first).to_contain_text(ours.number)
    expect(page.locator(f'a[href="{reverse("tracking:case", args=[theirs.pk])}"]')).to_have_count(0)
