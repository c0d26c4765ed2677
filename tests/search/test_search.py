"""What a query finds: Chinese words of two characters and more, single characters, Latin words, phrases, filters."""

from __future__ import annotations

import datetime as dt

import pytest

from lieguan.core.actors import SystemActor
from lieguan.meetings import actions as m
from lieguan.search.models import SearchEntry
from lieguan.search.query import DATE, Criteria, search
from tests.factories import SETUP

pytestmark = pytest.mark.django_db
ADMIN = SystemActor("test")
K = SearchEntry.Kind


def conclusions(q: str, **criteria) -> list[int]:
    return [e.object_id for e in search(ADMIN, Criteria(q=q, kinds=[K.CONCLUSION], **criteria))[:50]]


def test_a_two_character_word_finds_every_conclusion_that_holds_it(archive):
    assert set(conclusions("公務")) == {archive.vehicles.pk, archive.draft_vehicles.pk}
    assert conclusions("勞逸") == [archive.vehicles.pk]


def test_a_three_character_word_must_appear_as_written(archive):
    assert set(conclusions("公務車")) == {archive.vehicles.pk, archive.draft_vehicles.pk}
    assert conclusions("務車統") == []


def test_a_single_character_is_found_at_the_start_middle_or_end_of_a_word(archive):
    assert set(conclusions("車")) == {archive.vehicles.pk, archive.draft_vehicles.pk}
    assert set(conclusions("處")) == {archive.draft_vehicles.pk, archive.kiosk.pk}


def test_latin_words_match_whatever_their_case_or_width(archive):
    assert conclusions("kiosk") == conclusions("KIOSK") == conclusions("ｋｉｏｓｋ") == [archive.kiosk.pk]
    assert conclusions("ragic") == [archive.evaluate.pk]
    assert conclusions("100") == [archive.evaluate.pk]


def test_tai_and_tai_variant_are_the_same_character(archive):
    assert conclusions("台北") == conclusions("臺北") == [archive.edu_conclusion.pk]


def test_a_quoted_phrase_needs_its_words_together_and_in_order(archive):
    assert conclusions('"資訊局 評估"') == [archive.evaluate.pk]
    assert conclusions('"評估 資訊局"') == []
    # Both words are in the KIOSK conclusion too, but apart: only the phrase tells them apart.
    assert set(conclusions("資訊局 查明")) == {archive.kiosk.pk}
    assert conclusions('"資訊局 查明"') == []


def test_space_separated_words_must_all_appear_and_or_takes_either(archive):
    assert conclusions("公務車 秘書處") == [archive.draft_vehicles.pk]
    assert set(conclusions("勞逸 OR ragic")) == {archive.vehicles.pk, archive.evaluate.pk}


def test_the_words_the_secretariat_asks_for_are_found_as_written(archive, signals):
    with signals():
        reply = m.do_add_conclusion(SETUP, archive.vehicles.item, text="本案公文請於列管期限前函復，並以 PoC 驗證新版 TaipeiON 通報。")
    assert conclusions("公文") == conclusions("列管") == conclusions("poc") == conclusions("PoC") == [reply.pk]
    assert conclusions("車輛") == [archive.vehicles.pk]
    assert set(conclusions("taipeion")) == {reply.pk}
    assert conclusions('"列管期限 前函復"') == [reply.pk]
    # 公文 and 列管 are both in it; 公文 and 勞逸 are never in one conclusion.
    assert conclusions("公文 列管") == [reply.pk]
    assert conclusions("公文 勞逸") == []


def test_items_remarks_cases_and_reports_are_found_too(archive):
    found = {(e.kind, e.object_id) for e in search(ADMIN, Criteria(q="kiosk"))[:50]}
    report = archive.case.assignments.get().reports.get()
    assert found == {(K.CONCLUSION, archive.kiosk.pk), (K.CASE, archive.case.pk), (K.REPORT, report.pk)}
    remark = [(e.kind, e.object_id) for e in search(ADMIN, Criteria(q="TaipeiON"))[:5]]
    assert remark == [(K.REMARK, archive.remark.pk)]


def test_filters_narrow_by_series_agency_dates_status_and_kind(archive):
    city = archive.city
    assert conclusions("網路 OR 公務車", series_id=archive.bureau.pk) == [archive.edu_conclusion.pk]
    assert set(conclusions("資訊局", agency_id=city.it.pk)) == {archive.evaluate.pk, archive.kiosk.pk}
    assert conclusions("公務車", date_from=dt.date(2023, 1, 1)) == [archive.draft_vehicles.pk]
    assert conclusions("公務車", date_to=dt.date(2022, 12, 31)) == [archive.vehicles.pk]
    assert conclusions("設備", case_status="open") == [archive.kiosk.pk]
    kinds = {e.kind for e in search(ADMIN, Criteria(q="kiosk", kinds=[K.CASE, K.REPORT]))[:10]}
    assert kinds == {K.CASE, K.REPORT}


def test_an_agency_filter_includes_its_units(archive, signals):
    city = archive.city
    with signals():
        m.do_add_conclusion(SETUP, archive.vehicles.item, text="請維運科檢視機房空調。")
    assert conclusions("機房") == conclusions("機房", agency_id=city.it.pk)
    assert conclusions("機房", agency_id=city.edu.pk) == []


def test_relevance_puts_the_record_with_more_of_the_words_first_and_date_order_the_newest(archive, signals):
    with signals():
        many = m.do_add_conclusion(SETUP, archive.edu_conclusion.item, text="公務車、公務車與公務車：公務車調度。")
    assert conclusions("公務車")[0] == many.pk
    by_date = conclusions("公務車", sort=DATE)
    assert by_date[0] == many.pk and by_date[-1] == archive.vehicles.pk


def test_filters_alone_list_records_newest_first(archive):
    listed = [e.object_id for e in search(ADMIN, Criteria(series_id=archive.chiefs.pk, kinds=[K.CONCLUSION]))[:10]]
    assert listed[0] == archive.draft_vehicles.pk and len(listed) == 4


def test_results_are_counted_and_sliced_page_by_page(archive, signals):
    with signals():
        for n in range(25):
            m.do_add_conclusion(SETUP, archive.edu_conclusion.item, text=f"第{n}項頻寬改善")
    results = search(ADMIN, Criteria(q="頻寬", kinds=[K.CONCLUSION]))
    assert results.count() == len(results) == 26
    pages = [results[0:20], results[20:40]]
    assert [len(p) for p in pages] == [20, 6]
    assert len({e.pk for page in pages for e in page}) == 26
    assert results[3].pk == pages[0][3].pk


HOSTILE = [
    '"',
    "'",
    '""',
    "*",
    "公務*",
    "NEAR(公務 車)",
    "公務 AND",
    "OR",
    "AND OR NOT",
    "%",
    "_",
    "%公務%",
    "公_車",
    "'; DROP TABLE search_searchentry; --",
    "--",
    ";",
    "\\",
    '公務" OR "1"="1',
    "^公務",
    "公務:*",
    "公務 & 車 | !",
    "tokens:公務",
    "{公務 車}",
    "(((",
    ")",
    "'公務'",
    "x" * 500,
    "\x00公務",
    "𠀀𠀁",
    "🚗 公務車",
]


@pytest.mark.parametrize("q", HOSTILE)
def test_query_syntax_of_either_database_is_only_text(archive, q):
    results = search(ADMIN, Criteria(q=q))
    results.count()
    for entry in results[:20]:
        assert entry.pk


@pytest.mark.parametrize("sort", ["relevance", DATE])
def test_filtered_searches_give_the_same_results_whichever_way_the_database_starts(archive, monkeypatch, sort):
    """SQLite starts from the filtered entries when they are few, else from the matches; PostgreSQL plans itself."""
    from lieguan.search import fulltext

    cases = [
        Criteria(q="公務車 OR kiosk OR 頻寬", sort=sort),
        Criteria(q="公務車 OR kiosk", kinds=[K.CONCLUSION, K.CASE], sort=sort),
        Criteria(q="資訊局", series_id=archive.chiefs.pk, date_to=dt.date(2022, 12, 31), sort=sort),
    ]
    users = [ADMIN, archive.user("bob"), archive.user("alice")]

    def run() -> list[list[tuple[str, int]]]:
        out = []
        for user in users:
            for criteria in cases:
                results = search(user, criteria)
                out.append([(e.kind, e.object_id) for e in results[:50]] + [("count", results.count())])
        return out

    few_first = run()
    monkeypatch.setattr(fulltext, "FEW", 0)
    assert run() == few_first
