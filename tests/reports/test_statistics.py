"""The figures of 執行情形統計: counted per agency part, rebuilt for a past period, and only what each user may see."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from lieguan.reports.statistics import Filters, compute
from lieguan.reports.tables import statistics_table
from lieguan.tracking import actions as t

pytestmark = pytest.mark.django_db

APRIL = Filters(start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 30))


def row(stats, label, by="agency"):
    rows = stats.by_agency if by == "agency" else stats.by_series
    found = [f for f in rows if f.label == label]
    assert found, [f.label for f in rows]
    return found[0]


def test_april_figures_per_agency_count_units_with_their_agency(history):
    stats = compute(history.city.user("dave"), APRIL)
    # Agencies in the directory's order (here: by code, edu before it).
    assert [f.label for f in stats.by_agency] == ["教育局", "資訊局"]
    it = row(stats, "資訊局")
    # 101-3 (維運科) and M115-001 are open on 4/30; 資訊局's part of 101-1 was released on 4/9, 35 days after 3/5.
    assert (it.new, it.open, it.overdue, it.due_soon, it.released, it.released_total) == (0, 2, 0, 1, 1, 1)
    assert it.median_days == 35.0
    edu = row(stats, "教育局")
    # 101-1 was due on 3/31 and 教育局's part goes on: overdue on 4/30.
    assert (edu.open, edu.overdue, edu.due_soon, edu.released) == (2, 1, 0, 0)
    assert edu.median_days is None
    assert (stats.total.open, stats.total.overdue, stats.total.due_soon, stats.total.released) == (4, 1, 1, 1)


def test_a_period_counts_what_was_new_and_released_within_it(history):
    march = compute(history.city.user("dave"), Filters(start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31)))
    assert (march.total.new, march.total.open, march.total.released) == (4, 5, 0)
    may = compute(history.city.user("dave"), Filters(start=dt.date(2026, 5, 1), end=dt.date(2026, 5, 31)))
    it = row(may, "資訊局")
    # 101-3 released on 5/14 (70 days); M115-001 is past its deadline of 5/20 on 5/31.
    assert (it.open, it.overdue, it.released, it.median_days, it.released_total) == (1, 1, 1, 70.0, 2)


def test_per_series_and_source(history):
    stats = compute(history.city.user("dave"), APRIL)
    assert [f.label for f in stats.by_series] == ["測試市政府主任秘書會報", "市長承諾案件"]
    series = row(stats, "測試市政府主任秘書會報", by="series")
    assert (series.open, series.overdue, series.released) == (3, 1, 1)
    assert row(stats, "市長承諾案件", by="series").open == 1


def test_reporting_this_cycle(history):
    from lieguan.meetings import actions as m
    from tests.factories import SETUP

    city = history.city
    cases = history.cases
    # The series meets again in three weeks: 教育局's reports are for that meeting.
    m.do_schedule_meeting(SETUP, history.series, start=timezone.now() + dt.timedelta(days=21))
    t.do_submit_report(city.user("carol"), cases["101-2"].lead, text="平臺需求訪談已完成。", proposal="continue")
    t.do_submit_report(city.user("bob"), cases["M115-001"].lead, text="已完成第一階段上線。", proposal="continue")
    stats = compute(city.user("dave"), APRIL)
    # Open today: 教育局's parts of 101-1 and 101-2, 資訊局's M115-001.
    assert (row(stats, "教育局").open_now, row(stats, "教育局").reported, row(stats, "教育局").reported_percent) == (2, 1, 50.0)
    assert (row(stats, "資訊局").unreported, row(stats, "資訊局").reported_percent) == (0, 100.0)


def test_a_liaison_sees_only_their_agencys_figures(history):
    bob = compute(history.city.user("bob"), APRIL)
    assert [f.label for f in bob.by_agency] == ["資訊局"]
    assert bob.total.open == 2
    carol = compute(history.city.user("carol"), APRIL)
    assert [f.label for f in carol.by_agency] == ["教育局"]
    # 101-1 is shared with 資訊局, whose released part is not 教育局's figure.
    assert carol.total.released == 0


def test_a_secretariat_sees_the_cases_of_its_series_and_not_the_mayors(history):
    stats = compute(history.city.user("alice"), APRIL)
    assert [f.label for f in stats.by_series] == ["測試市政府主任秘書會報"]
    assert stats.total.open == 3


def test_filters_by_series_source_and_agency(history):
    dave = history.city.user("dave")
    assert compute(dave, Filters(APRIL.start, APRIL.end, source="mayor")).total.open == 1
    assert compute(dave, Filters(APRIL.start, APRIL.end, series=history.series)).total.open == 3
    only_it = compute(dave, Filters(APRIL.start, APRIL.end, agency=history.city.it))
    assert [f.label for f in only_it.by_agency] == ["資訊局"] and only_it.total.open == 2


def test_the_statistics_table_has_a_row_per_agency_and_a_total(history):
    doc = statistics_table(compute(history.city.user("dave"), APRIL))
    assert doc.title == "列管案件執行情形統計表"
    assert doc.subtitle == ["統計期間：115年4月1日至115年4月30日", "機關：依現在機關（已改制機關的案件計入現在的承接機關）"]
    assert [r[0] for r in doc.rows] == ["教育局", "資訊局", "合計"]
    assert doc.rows[1][:7] == ["資訊局", 0, 2, 0, 1, 1, 35.0]
    assert doc.rows[2][:6] == ["合計", 0, 4, 1, 1, 1]
    assert any("115年4月30日" in note for note in doc.notes)


def test_computing_takes_the_same_number_of_queries_for_few_and_many_cases(history, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    dave = history.city.user("dave")
    compute(dave, APRIL)  # the user's roles are read once per request
    with CaptureQueriesContext(connection) as few:
        compute(dave, APRIL)
    for n in range(12):
        t.do_create_case(
            history.city.user("dave"),
            source="petition",
            owner=history.city.rdec,
            title=f"陳情案 {n}",
            text="陳情內容",
            lead=history.city.edu,
            co=[history.city.it_unit],
            deadline=dt.date(2026, 4, 1 + n),
            opened_on=dt.date(2026, 3, 1),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        stats = compute(dave, APRIL)
    assert stats.total.open == 4 + 24
