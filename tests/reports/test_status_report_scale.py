"""The status report of a session costs the same number of queries for 3 open cases or 60."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lieguan.minutes.tables import render_table_html
from lieguan.tracking import status_report
from lieguan.tracking.models import Assignment, ProgressReport, TrackedCase

pytestmark = pytest.mark.django_db


def add_cases(history, count: int, start: int) -> None:
    city, series = history.city, history.series
    opened = dt.date(2026, 3, 5)
    cases = TrackedCase.objects.bulk_create(
        TrackedCase(
            number=f"101-{n}",
            series=series,
            meeting=history.meetings[0],
            owner=city.root,
            title=f"案由 {n}",
            text=f"請資訊局辦理第 {n} 案。",
            deadline=opened + dt.timedelta(days=n),
            opened_on=opened,
        )
        for n in range(start, start + count)
    )
    assignments = Assignment.objects.bulk_create(
        [Assignment(case=c, organisation=city.it, role="lead") for c in cases]
        + [Assignment(case=c, organisation=city.edu, role="co") for c in cases]
    )
    now = timezone.now()
    ProgressReport.objects.bulk_create(
        ProgressReport(
            assignment=a,
            cycle=f"meeting:{history.meetings[2].pk}",
            text="辦理中。",
            proposal="continue",
            submitted_by=history.city.user("bob"),
            submitted_at=now,
        )
        for a in assignments
        if a.role == "lead"
    )


def queries_for(meeting) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        data = status_report.build(meeting)
        render_table_html(status_report.as_table(data))
    return len(captured.captured_queries), len(data.lines)


def test_building_and_rendering_the_status_report_takes_a_constant_number_of_queries(history, django_assert_max_num_queries):
    meeting = type(history.meetings[2]).objects.get(pk=history.meetings[2].pk)
    add_cases(history, 3, start=10)
    few, lines = queries_for(meeting)
    # 101-1 and 101-2 are open at the third meeting, and 101-3 is released at it: it stays in its report.
    assert lines == 3 + 3
    add_cases(history, 60, start=100)
    meeting = type(meeting).objects.get(pk=meeting.pk)
    with django_assert_max_num_queries(few):
        data = status_report.build(meeting)
        render_table_html(status_report.as_table(data))
    assert len(data.lines) == 66
