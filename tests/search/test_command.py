"""`lieguan search reindex` and `lieguan search QUERY [--json] [--as USERNAME]`."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from lieguan.search.models import SearchEntry

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("search", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_reindex_rebuilds_the_index_from_the_records(archive):
    SearchEntry.objects.all().delete()
    assert "索引已重建" in run("reindex")
    assert SearchEntry.objects.filter(kind=SearchEntry.Kind.CONCLUSION).count() == 5


def test_a_search_as_administrator_finds_drafts_too_and_prints_links(archive):
    out = run("公務車", "--kind", "conclusion")
    assert out.startswith("共 2 筆")
    assert "公務車汰換計畫" in out and f"/meetings/{archive.published.pk}/minutes/#lg-s" in out


def test_json_output_lists_the_results_for_scripts(archive):
    data = json.loads(run('"資訊局 評估"', "--json"))
    assert data["total"] == 1
    (result,) = data["results"]
    assert result["kind"] == "conclusion" and result["id"] == archive.evaluate.pk
    assert result["date"] == "2022-09-22" and result["url"].startswith(f"/meetings/{archive.published.pk}/minutes/")


def test_as_a_user_only_what_they_may_see(archive):
    data = json.loads(run("公務車", "--json", "--as", "bob", "--kind", "conclusion"))
    assert [r["id"] for r in data["results"]] == [archive.vehicles.pk]


def test_filters_and_date_order_on_the_command_line(archive):
    data = json.loads(run("公務車", "--json", "--kind", "conclusion", "--from", "112/1/1", "--sort", "date"))
    assert [r["id"] for r in data["results"]] == [archive.draft_vehicles.pk]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["%_';--"], "沒有可搜尋的文字"),
        (["公務車", "--as", "nobody"], "找不到帳號「nobody」"),
        (["公務車", "--series", "nope"], "找不到代碼為「nope」的會議"),
        (["公務車", "--from", "昨天"], "無法辨識的日期"),
    ],
)
def test_mistakes_are_explained(archive, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_reindex_on_a_running_site_refreshes_chunk_by_chunk_and_says_how_far_it_is(archive):
    SearchEntry.objects.filter(kind=SearchEntry.Kind.CONCLUSION).delete()
    out, err = io.StringIO(), io.StringIO()
    call_command("search", "reindex", stdout=out, stderr=err)
    assert "寫入 5 筆" in out.getvalue() and "100%" in err.getvalue()
    assert SearchEntry.objects.filter(kind=SearchEntry.Kind.CONCLUSION).count() == 5


def test_reindex_full_empties_and_rebuilds_in_one_pass(archive):
    assert "全文索引" in run("reindex", "--full")
    assert SearchEntry.objects.filter(kind=SearchEntry.Kind.CONCLUSION).count() == 5
