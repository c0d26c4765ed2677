"""The search page and the related-decisions endpoint, through the test client."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lieguan.meetings import actions as m
from tests.factories import SETUP
from tests.pages import by_role, field, field_value, fields, find, hrefs, is_whole_page, page_text, parse, text_of, with_class
from tests.search.test_search import HOSTILE

pytestmark = pytest.mark.django_db
URL = "/search/"


@pytest.fixture
def as_alice(client, archive):
    client.force_login(archive.user("alice"))
    return client


def test_every_page_has_the_search_box_for_signed_in_users(as_alice, archive):
    pages = [
        reverse("home"),
        reverse("meetings:series_list"),
        reverse("meetings:minutes", args=[archive.published.pk]),
        reverse("tracking:case_list"),
        reverse("tracking:case", args=[archive.case.pk]),
        reverse("search:related_conclusion", args=[archive.kiosk.pk]),
        "/no-such-page/",
    ]
    for url in pages:
        boxes = by_role(as_alice.get(url), "search", "全站搜尋")
        assert len(boxes) == 1 and boxes[0].get("action") == "/search/", url
        assert field(boxes[0], "搜尋會議紀錄與列管案件").get("name") == "q", url  # the box is labelled


def test_visitors_get_no_search_box_unless_the_portal_is_open(client, settings):
    settings.PUBLIC_PORTAL = False
    assert not by_role(client.get("/no-such-page/"), "search", "全站搜尋")
    settings.PUBLIC_PORTAL = True
    assert by_role(client.get("/no-such-page/"), "search", "全站搜尋")


def test_the_search_page_lists_matches_with_marked_excerpts_and_links_to_the_conclusion(as_alice, archive):
    page = parse(as_alice.get(URL, {"q": "公務車", "kinds": "conclusion"}))
    assert "共 2 筆" in page_text(page)
    assert any(text_of(mark) == "公務車" and (mark.tail or "").startswith("輛統一調派") for mark in find(page, "//mark"))
    minutes = reverse("meetings:minutes", args=[archive.published.pk])
    assert any(href.startswith(f"{minutes}#lg-s") and ":~:text=" in href for href in hrefs(page))


def test_a_case_result_links_to_the_case_page_and_a_report_to_its_place_there(as_alice, archive):
    page = hrefs(as_alice.get(URL, {"q": "通報流程 OR kiosk", "kinds": ["case", "report"]}))
    case_url = reverse("tracking:case", args=[archive.case.pk])
    report = archive.case.assignments.get().reports.get()
    assert case_url in page
    assert f"{case_url}#report-{report.pk}" in page


def test_markup_in_records_is_shown_as_text(as_alice, archive, signals):
    with signals():
        m.do_add_conclusion(SETUP, archive.vehicles.item, text='<script>alert(1)</script>公務車<img src=x onerror="alert(2)"> & 「引號」')
    page = as_alice.get(URL, {"q": "公務車"}).content.decode()
    # The escaping itself is what is tested, so the raw markup is read here.
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<mark>公務車</mark>&lt;img src=x" in page


@pytest.mark.parametrize("q", HOSTILE)
def test_no_query_ever_makes_an_error_page(as_alice, q):
    response = as_alice.get(URL, {"q": q, "sort": "date"})
    assert response.status_code == 200


def test_a_query_of_punctuation_alone_says_there_is_nothing_to_search(as_alice):
    page = as_alice.get(URL, {"q": "%_';--"}).content.decode()
    assert "查詢內容沒有可搜尋的文字" in page


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "公務車", "date_from": "明年"}, "無法辨識的日期「明年」"),
        ({"q": "公務車", "date_from": "112/1/1", "date_to": "111/1/1"}, "日期迄不可早於日期起。"),
        ({"q": "公務車", "series": "999999"}, "找不到此會議，請重新選擇。"),
        ({"q": "公務車", "kinds": "secret"}, "沒有「secret」這種資料類別。"),
        ({"q": "公" * 201}, "關鍵字最多 200 個字"),
        ({"q": "公務車", "status": "x"}, "請選擇列管中或已解除列管。"),
    ],
)
def test_wrong_filters_are_explained_in_chinese(as_alice, params, message):
    response = as_alice.get(URL, params)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_dates_are_typed_and_shown_in_roc_form(as_alice, archive):
    page = parse(as_alice.get(URL, {"q": "公務車", "kinds": "conclusion", "date_from": "民國112年1月1日"}))
    assert "共 1 筆" in page_text(page) and "112年3月16日" in page_text(page) and field_value(page, "date_from") == "民國112年1月1日"


def test_a_series_the_user_may_not_see_is_not_offered(client, archive):
    client.force_login(archive.user("bob"))
    page = client.get(URL).content.decode()
    assert "主任秘書會報" in page and "局務會議" not in page


def test_results_come_twenty_a_page(as_alice, archive, signals):
    with signals():
        for n in range(25):
            m.do_add_conclusion(SETUP, archive.vehicles.item, text=f"第{n}次頻寬量測結果")
    first = parse(as_alice.get(URL, {"q": "頻寬", "kinds": "conclusion"}))
    # alice does not read 教育局's own minutes, which also speak of 頻寬.
    assert "共 25 筆，第 1／2 頁" in page_text(first) and any("page=2" in href for href in hrefs(first))
    assert len(with_class(first, "search-hit")) == 20
    second = parse(as_alice.get(URL, {"q": "頻寬", "kinds": "conclusion", "page": "2"}))
    assert len(with_class(second, "search-hit")) == 5 and [ol.get("start") for ol in with_class(second, "search-results")] == ["21"]
    assert as_alice.get(URL, {"q": "頻寬", "page": "nonsense"}).status_code == 200


def test_visitors_are_asked_to_sign_in_when_the_portal_is_closed(client, archive, settings):
    settings.PUBLIC_PORTAL = False
    response = client.get(URL, {"q": "公務車"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_public_searches_published_public_minutes_when_the_portal_is_open(client, archive, settings):
    settings.PUBLIC_PORTAL = True
    page = client.get(URL, {"q": "公務車 OR kiosk OR 頻寬", "kinds": "conclusion"}).content.decode()
    assert "共 2 筆" in page and "汰換" not in page
    assert "agency" not in fields(page) and not find(parse(page), "//*[@value='case']")


def test_related_decisions_are_a_page_or_an_htmx_fragment(as_alice, archive, signals):
    with signals():
        again = m.do_add_conclusion(SETUP, archive.draft_vehicles.item, text="公務車輛統一調派仍請兼顧公平性。")
    url = reverse("search:related_conclusion", args=[again.pk])
    page = as_alice.get(url)
    assert is_whole_page(page) and "相關的歷次決議" in page_text(page) and "勞逸不均" in page_text(page)
    fragment = as_alice.get(url, {"level": "3"}, HTTP_HX_REQUEST="true")
    assert not is_whole_page(fragment) and find(fragment, "//h3") and "勞逸不均" in page_text(fragment)


def test_related_decisions_of_minutes_or_cases_one_may_not_read_are_refused(client, archive):
    client.force_login(archive.user("bob"))
    draft = client.get(reverse("search:related_conclusion", args=[archive.draft_vehicles.pk]))
    assert draft.status_code in (403, 404)
    assert client.get(reverse("search:related_conclusion", args=[10**9])).status_code == 404
    client.force_login(archive.user("carol"))
    assert client.get(reverse("search:related_case", args=[archive.case.pk])).status_code == 404


def test_the_include_loads_itself_over_htmx(rf, archive):
    from django.template.loader import render_to_string

    html = render_to_string("search/_related.html", {"case": archive.case})
    loader = find(html, "//*[@hx-get=$url]", url=reverse("search:related_case", args=[archive.case.pk]))
    assert loader and loader[0].get("hx-trigger") == "revealed"
