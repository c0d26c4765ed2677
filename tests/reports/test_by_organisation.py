"""Statistics by the organisation as it is now (依現在機關) or as it was then (依當時機關), after agencies merge or split.

On 115/6/1 資訊局 (with its unit 維運科) and 教育局 are merged into a new 數位發展局,
through the succession actions an administrator confirms: their open cases move
there, their closed cases keep the organisation they had.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from lieguan.organisations import actions as o
from lieguan.organisations.lineage import Lineage
from lieguan.reports.overview import OverviewFilters, build_overview
from lieguan.reports.statistics import Filters, compute
from lieguan.tracking import actions as t
from tests.factories import SETUP
from tests.pages import find, hrefs, text_of


def current_links(page) -> list[str]:
    """The text of the links marked as the current one of their set (aria-current)."""
    return [text_of(a) for a in find(page, "//a[@aria-current='true']")]


pytestmark = pytest.mark.django_db

EFFECTIVE = dt.date(2026, 6, 1)
APRIL_NOW = Filters(start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 30))
APRIL_THEN = Filters(start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 30), view="then")


def figures(stats):
    return {f.label: (f.new, f.open, f.overdue, f.due_soon, f.released, f.released_total) for f in stats.by_agency}


@pytest.fixture
def merged(history):
    city = history.city
    admin = city.user("root")
    digital = o.do_create_organisation(
        SETUP, code="digital", name="測試市政府數位發展局", short_name="數位發展局", kind="agency", parent=city.root
    )
    for body in (city.it, city.edu):
        merger = o.do_propose_succession(admin, kind="merge", organisation=body, effective=EFFECTIVE, successors=[digital])
        o.do_confirm_succession(admin, merger)
    return digital


def test_one_function_names_the_bodies_that_carry_an_organisation_on(history, merged):
    city = history.city
    lineage = Lineage.load()
    assert lineage.current_successors(city.it.pk) == (merged.pk,)
    assert lineage.current_successors(merged.pk) == (merged.pk,)
    # The unit went with its agency, and the figures "as it was then" know from where.
    assert lineage.parent_on(city.it_unit.pk, merged.pk, dt.date(2026, 5, 31)) == city.it.pk
    assert lineage.parent_on(city.it_unit.pk, merged.pk, EFFECTIVE) == merged.pk


def test_as_it_is_now_the_merged_agencies_cases_open_and_closed_count_for_their_successor(history, merged):
    stats = compute(history.city.user("dave"), APRIL_NOW)
    # 資訊局's released part of 101-1 and 維運科's 101-3 stayed with them, and count for 數位發展局 all the same.
    assert figures(stats) == {"數位發展局": (0, 4, 1, 1, 1, 1)}
    assert stats.filters.describe()[-1] == "機關：依現在機關（已改制機關的案件計入現在的承接機關）"


def test_as_it_was_then_the_agencies_are_counted_as_they_were_before_the_merger(history, merged):
    before = figures(compute(history.city.user("dave"), APRIL_THEN))
    # The same figures as before anything was merged (test_statistics: April per agency).
    assert before == {"教育局": (0, 2, 1, 0, 0, 0), "資訊局": (0, 2, 0, 1, 1, 1)}
    # After the merger, the open parts are 數位發展局's then too; the closed ones keep the agency they had.
    june = compute(history.city.user("dave"), Filters(start=dt.date(2026, 6, 1), end=dt.date(2026, 6, 30), view="then"))
    assert figures(june)["數位發展局"][1] == 3
    # 資訊局's released part of 101-1 is its own; 維運科 (and its 101-3) was 數位發展局's by 115/6/30.
    assert figures(june)["資訊局"][1:] == (0, 0, 0, 0, 1)


def test_the_totals_are_the_same_in_both_views(history, merged):
    dave = history.city.user("dave")
    now, then = compute(dave, APRIL_NOW).total, compute(dave, APRIL_THEN).total
    assert (now.open, now.overdue, now.released, now.released_total) == (then.open, then.overdue, then.released, then.released_total)


def test_one_agency_chosen_counts_what_is_its_in_the_view_shown(history, merged):
    dave = history.city.user("dave")
    now = compute(dave, Filters(APRIL_NOW.start, APRIL_NOW.end, agency=merged))
    assert figures(now) == {"數位發展局": (0, 4, 1, 1, 1, 1)}
    then = compute(dave, Filters(APRIL_NOW.start, APRIL_NOW.end, agency=history.city.it, view="then"))
    assert figures(then) == {"資訊局": (0, 2, 0, 1, 1, 1)}


def test_a_split_agency_keeps_its_closed_cases_in_a_row_named_as_split(history):
    city = history.city
    admin = city.user("root")
    make = o.do_create_organisation
    cloud = make(SETUP, code="cloud", name="測試市政府雲端服務處", short_name="雲端處", kind="agency", parent=city.root)
    security = make(SETUP, code="security", name="測試市政府資安處", short_name="資安處", kind="agency", parent=city.root)
    split = o.do_propose_succession(admin, kind="split", organisation=city.it, effective=EFFECTIVE, successors=[cloud, security])
    mayoral = history.cases["M115-001"].assignments.get()
    o.do_confirm_succession(admin, split, choices={f"assignment:{mayoral.pk}": security.pk})
    assert Lineage.load().current_successors(city.it.pk) == tuple(sorted((cloud.pk, security.pk)))
    now = figures(compute(city.user("dave"), APRIL_NOW))
    # 資訊局's released part of 101-1 belongs to neither successor alone: it is not counted twice.
    assert now["資訊局（已分拆為雲端處、資安處）"] == (0, 0, 0, 0, 1, 1)
    assert now["資安處"][1] == 1


def test_the_agencies_overview_groups_by_the_view_and_names_who_held_each_part_then(history, merged):
    dave = history.city.user("dave")
    now = build_overview(dave, OverviewFilters(as_of=dt.date(2026, 4, 30)))
    assert [(g.name, len(g.lines)) for g in now.groups] == [("數位發展局", 4)]
    then = build_overview(dave, OverviewFilters(as_of=dt.date(2026, 4, 30), view="then"))
    assert [(g.name, len(g.lines)) for g in then.groups] == [("教育局", 2), ("資訊局", 2)]
    mayoral = next(line for g in then.groups for line in g.lines if line.case.number == "M115-001")
    # Today the part is 數位發展局's; on 115/4/30 it was 資訊局's.
    assert mayoral.assignment.organisation == merged and mayoral.holder == "資訊局"


def test_the_page_offers_both_views_says_which_it_shows_and_its_downloads_follow(client, history, merged):
    client.force_login(history.city.user("dave"))
    april = {"start": "115/4/1", "end": "115/4/30"}
    html = client.get(reverse("reports:statistics"), april).content.decode()
    assert "本頁依現在機關" in html and "依現在機關" in current_links(html)
    assert any("view=then" in href for href in hrefs(html)) and "數位發展局：列管中 4" in html
    html = client.get(reverse("reports:statistics"), {**april, "view": "then"}).content.decode()
    assert "本頁依當時機關" in html and "依當時機關" in current_links(html)
    assert "資訊局：列管中 2" in html and "數位發展局：列管中" not in html
    # Applying the filters keeps the view; the downloads carry it.
    assert [box.get("value") for box in find(html, "//input[@type='hidden'][@name='view']")] == ["then"]
    assert any("statistics.csv?start=115%2F4%2F1&end=115%2F4%2F30&view=then" in href for href in hrefs(html))
    response = client.get(reverse("reports:statistics_download", args=["csv"]), {**april, "view": "then"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:3]] == ["教育局", "資訊局"]
    response = client.get(reverse("reports:statistics_download", args=["xlsx"]), {**april, "view": "then"})
    cells = [c.value for r in openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows() for c in r]
    assert any(isinstance(v, str) and v.startswith("機關：依當時機關") for v in cells)
    response = client.get(reverse("reports:agencies_download", args=["xlsx"]), {"as_of": "115/4/30"})
    first_cells = [r[0].value for r in openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows()]
    assert "數位發展局（4 案，逾期 1 案）" in first_cells
    # A view nobody offered is the default one, not an error.
    assert "本頁依現在機關" in client.get(reverse("reports:agencies"), {"view": "whenever"}).content.decode()


def test_computing_as_it_was_then_takes_the_same_number_of_queries_for_few_and_many_cases(history, merged, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    dave = history.city.user("dave")
    compute(dave, APRIL_THEN)  # the user's roles are read once per request
    with CaptureQueriesContext(connection) as few:
        compute(dave, APRIL_THEN)
    for n in range(12):
        t.do_create_case(
            dave, source="petition", owner=history.city.rdec, title=f"陳情案 {n}", text="陳情內容", lead=merged,
            co=[history.city.it_unit], deadline=dt.date(2026, 4, 1 + n), opened_on=dt.date(2026, 3, 1),
        )  # fmt: skip
    with django_assert_max_num_queries(len(few.captured_queries)):
        stats = compute(dave, APRIL_THEN)
    assert stats.total.open == 4 + 24
