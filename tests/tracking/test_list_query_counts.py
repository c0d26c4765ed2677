"""Issue 16: the case list is filtered, sorted, counted and paged in SQL, in the same few queries for any number of cases."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lieguan.meetings import actions as m
from lieguan.minutes.sentences import case_sort_key
from lieguan.tracking import actions as t
from lieguan.tracking.models import NO_ITEM, CaseStatus, TrackedCase, number_parts
from lieguan.tracking.views import cases as case_views
from lieguan.tracking.views import paging
from tests.factories import SETUP

pytestmark = pytest.mark.django_db

# The most queries one case list page may take, for any number of cases (session, roles, choices, count, page,
# assignments, the links of the toolbar, the header's count of unread notifications). Measured at 15 and 16 before
# the header's count (one query on every page); the margin is for a role that needs one more.
MAX_QUERIES = 21

LIST_URLS = [
    "/cases/",
    "/cases/?status=all",
    "/cases/?sort=deadline&order=desc",
    "/cases/?sort=overdue",
    "/cases/?sort=opened&status=released",
    "/cases/?due=overdue",
]


def add_cases(city, count: int, *, start: int = 0, council=None) -> list[TrackedCase]:
    """``count`` cases spread over two agencies (one with a unit helping), some overdue.

    With ``council``, every third case is a conclusion of its meeting 224; the others come from other sources.
    """
    made = []
    for i in range(start, start + count):
        lead, co = (city.it, [city.it_unit]) if i % 2 else (city.edu, [city.it])
        if council is not None and i % 3 == 0:
            conclusion = m.do_add_conclusion(SETUP, council.it_conclusion.item, text=f"請研處第 {i} 案。")
            made.append(t.do_select_case(SETUP, conclusion, lead=lead, co=co, number=f"224-{i + 3}"))
            continue
        opened = dt.date(2026, 1, 1) + dt.timedelta(days=i % 40)
        made.append(
            t.do_create_case(
                SETUP,
                source=("petition", "mayor", "councillor")[i % 3],
                owner=city.rdec,
                title=f"測試案件 {i}",
                text="請研處。",
                lead=lead,
                co=co,
                number=f"{100 + i % 7}-{i}",
                opened_on=opened,
                deadline=opened + dt.timedelta(days=30 + (i % 5) * 300) if i % 4 else None,
            )
        )
    return made


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def row_ids(page: str) -> list[int]:
    return [int(x) for x in re.findall(r'id="case-row-(\d+)"', page)]


@pytest.mark.parametrize("user", ["dave", "bob", "alice"])
def test_the_case_list_takes_as_many_queries_for_three_times_the_cases(client, council, user):
    city = council.city
    client.force_login(city.user(user))
    add_cases(city, 6, council=council)
    client.get("/")  # the session's first request writes it; that is not the list's cost
    agency = f"/cases/?agency={city.it.pk}"
    before = {url: count_queries(client, url) for url in [*LIST_URLS, agency]}
    add_cases(city, 12, start=6, council=council)
    after = {url: count_queries(client, url) for url in [*LIST_URLS, agency]}
    assert after == before
    assert max(after.values()) <= MAX_QUERIES


def natural(case: TrackedCase) -> tuple:
    return (case.series.full_name if case.series else case.get_source_display(), case_sort_key(case.number))


def test_the_number_sort_follows_the_series_and_the_natural_order_of_numbers(client, council, monkeypatch):
    city = council.city
    alice = city.user("alice")
    t.do_select_case(alice, council.it_conclusion, lead=city.it)
    t.do_select_case(alice, council.shared_conclusion, lead=city.edu)
    for number in ["204-10", "204-2", "204", "10101", "204-a", "99-1", "204-1-2", "P115-003", "P114-005", "P114-010"]:
        t.do_create_case(SETUP, source="petition", owner=city.rdec, title=number, text="請研處。", lead=city.it, number=number)
    add_cases(city, 9)
    monkeypatch.setattr(paging, "PAGE_SIZE", 4)
    client.force_login(city.user("dave"))
    expected = [c.pk for c in sorted(TrackedCase.objects.filter(status=CaseStatus.OPEN), key=natural)]
    shown: list[int] = []
    for page in range(1, 7):
        shown += row_ids(client.get(f"/cases/?page={page}").content.decode())
    assert shown == expected
    descending = row_ids(client.get("/cases/?order=desc").content.decode())
    assert descending == list(reversed(expected))[:4]


def test_the_deadline_and_overdue_sorts_keep_cases_without_a_deadline_last_and_the_most_overdue_first(client, city):
    cases = add_cases(city, 16)
    client.force_login(city.user("dave"))
    today = dt.date(2026, 12, 7)
    for case in cases:
        case.refresh_from_db()
    far = dt.date.max
    by_deadline = sorted(cases, key=lambda c: (c.deadline or far, case_sort_key(c.number)))
    assert row_ids(client.get("/cases/?sort=deadline").content.decode()) == [c.pk for c in by_deadline]
    assert row_ids(client.get("/cases/?sort=deadline&order=desc").content.decode()) == [c.pk for c in reversed(by_deadline)]

    def overdue(c: TrackedCase) -> int:
        return (today - c.deadline).days if c.deadline and c.deadline < today else 0

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(case_views.timezone, "localdate", lambda: today)
        page = client.get("/cases/?sort=overdue&order=desc").content.decode()
    by_overdue = sorted(cases, key=lambda c: (overdue(c), case_sort_key(c.number)), reverse=True)
    assert row_ids(page) == [c.pk for c in by_overdue]


def test_the_agency_filter_takes_its_units_and_lists_each_case_once(client, city):
    cases = add_cases(city, 8)
    client.force_login(city.user("dave"))
    page = client.get(f"/cases/?agency={city.it.pk}").content.decode()
    # Every case has 資訊局 or its unit: the even ones help with 資訊局, the odd ones lead with it and its unit helps.
    assert sorted(row_ids(page)) == sorted(c.pk for c in cases)
    assert "共 8 案" in page
    only_edu = client.get(f"/cases/?agency={city.edu.pk}").content.decode()
    assert sorted(row_ids(only_edu)) == sorted(c.pk for i, c in enumerate(cases) if i % 2 == 0)


def test_a_liaison_sees_only_the_cases_of_their_agency_in_the_list_and_its_choices(client, city):
    cases = add_cases(city, 6)
    client.force_login(city.user("carol"))
    page = client.get("/cases/").content.decode()
    # carol is 教育局's liaison: the even cases are led by 教育局, the odd ones do not involve it.
    assert sorted(row_ids(page)) == sorted(c.pk for i, c in enumerate(cases) if i % 2 == 0)
    assert "共 3 案" in page
    # bob speaks for 資訊局 and its unit: a case where both have a part is listed once.
    client.force_login(city.user("bob"))
    page = client.get("/cases/").content.decode()
    assert sorted(row_ids(page)) == sorted(c.pk for c in cases)
    assert "共 6 案" in page


def test_past_the_count_cap_the_list_says_more_than_and_still_pages(client, city, monkeypatch):
    add_cases(city, 9)
    monkeypatch.setattr(paging, "COUNT_CAP", 5)
    monkeypatch.setattr(paging, "PAGE_SIZE", 4)
    client.force_login(city.user("dave"))
    first = client.get("/cases/").content.decode()
    assert "超過 5 案，第 1 頁。" in first and "page=2" in first
    last = client.get("/cases/?page=3").content.decode()
    assert len(row_ids(last)) == 1 and "page=2" in last and "page=4" not in last


def test_a_page_past_the_end_shows_the_last_page(client, city, monkeypatch):
    add_cases(city, 5)
    monkeypatch.setattr(paging, "PAGE_SIZE", 2)
    client.force_login(city.user("dave"))
    page = client.get("/cases/?page=99").content.decode()
    assert "共 5 案，第 3／3 頁。" in page and len(row_ids(page)) == 1
    assert row_ids(client.get("/cases/?page=nonsense").content.decode()) == row_ids(client.get("/cases/").content.decode())


def make_one_case() -> TrackedCase:
    from lieguan.organisations.models import Organisation

    agency = Organisation.objects.get(code="it")
    return t.do_create_case(SETUP, source="petition", owner=agency, title="一案", text="請研處。", lead=agency, number="P114-005")


def test_the_sortable_parts_of_a_number_are_kept_as_it_changes(city):
    assert number_parts("224-13") == (224, "", 13)
    assert number_parts("10101") == (10101, "", NO_ITEM)
    assert number_parts("P115-003") == (None, "P115", 3)
    assert number_parts("204-a") == (204, "", None)
    assert number_parts("２２４－３") == (224, "", 3)
    assert number_parts("9" * 30) == (None, "9" * 30, NO_ITEM)
    case = TrackedCase.objects.get(pk=make_one_case().pk)
    assert (case.number_session, case.number_prefix, case.number_item) == (None, "P114", 5)
    case.number = "230-4"
    case.save(update_fields=["number"])
    case.refresh_from_db()
    assert (case.number_session, case.number_prefix, case.number_item) == (230, "", 4)


@pytest.mark.parametrize("user", ["alice", "bob", "dave"])
def test_the_missing_reports_page_takes_as_many_queries_for_three_times_the_cases(client, council, user):
    city = council.city
    client.force_login(city.user(user))
    add_cases(city, 6, council=council)
    client.get("/")
    before = count_queries(client, "/cases/missing-reports/")
    add_cases(city, 12, start=6, council=council)
    after = count_queries(client, "/cases/missing-reports/")
    assert after == before
    assert after <= MAX_QUERIES


def test_the_migration_fills_in_the_sortable_parts_of_the_cases_already_there(city):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("lieguan.tracking.migrations.0006_case_list_indexes")
    cases = add_cases(city, 3)
    TrackedCase.objects.update(number_session=None, number_prefix="", number_item=None)
    migration.backfill(apps, None)
    for case in cases:
        case.refresh_from_db()
        assert (case.number_session, case.number_prefix, case.number_item) == number_parts(case.number) != (None, "", None)


def test_the_missing_reports_page_is_paged_in_sql_in_the_order_and_with_the_rows_of_the_whole_list(client, council, monkeypatch):
    from django.utils import timezone

    from lieguan.meetings.models import Meeting
    from lieguan.tracking import access
    from lieguan.tracking.models import Assignment, CaseDecision
    from lieguan.tracking.views.queries import missing_reports, open_cases

    city = council.city
    dave = city.user("dave")
    add_cases(city, 9, council=council)
    # The series' next meeting is ahead: its cases report to it and come first, the others report for the month.
    later = Meeting.objects.filter(series=council.series).order_by("-start").first()
    Meeting.objects.filter(pk=later.pk).update(start=timezone.now() + dt.timedelta(days=10))
    # A session that began an hour ago is still the one to report to, but not for a case it has decided on:
    # that case reports to the session after it.
    today = m.do_schedule_meeting(SETUP, council.series, start=timezone.now() - dt.timedelta(hours=1), number=226)
    decided = TrackedCase.objects.get(number="224-6")
    CaseDecision.objects.create(case=decided, meeting=today, decision="continue", decided_on=timezone.localdate())
    # One part that has reported this cycle drops out; a released case is not listed at all.
    reported = Assignment.objects.filter(organisation=city.it, role="lead", case__number="224-6").get()
    t.do_submit_report(city.user("bob"), reported, text="辦理中。", proposal="continue")
    TrackedCase.objects.filter(number="101-1").update(status=CaseStatus.RELEASED)
    expected = [(r.assignment.pk, r.cycle.key) for r in missing_reports(open_cases(access.managed_cases(dave)))]
    assert reported.pk not in [pk for pk, _ in expected] and len(expected) > 8
    monkeypatch.setattr(paging, "PAGE_SIZE", 4)
    assert {key.split(":")[0] for _, key in expected} == {"meeting", "month"}
    keys = {key for _, key in expected}
    assert f"meeting:{today.pk}" in keys and f"meeting:{later.pk}" in keys
    client.force_login(dave)
    seen, labels, number = [], [], 1
    while True:
        response = client.get("/cases/missing-reports/", {"page": number})
        seen += [(row.assignment.pk, row.cycle.key) for row in response.context["rows"]]
        labels.append(response.context["total_label"])
        if not response.context["page"].has_next:
            break
        number += 1
    assert seen == expected
    assert number == -(-len(expected) // 4) and set(labels) == {f"共 {len(expected)} 筆"}
    monkeypatch.setattr(paging, "COUNT_CAP", 5)
    capped = client.get("/cases/missing-reports/", {"page": 2})
    assert capped.context["total_label"] == "超過 5 筆" and "第 2 頁" in capped.content.decode()
