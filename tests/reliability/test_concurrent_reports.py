"""Writes that race: first reports of a cycle sent at the same moment, and revisions of one report (issue 20, 1–2)."""

from __future__ import annotations

import itertools
import threading

import pytest
from django.db import connection

from lieguan.core.models import AuditEntry
from lieguan.tracking import actions as t
from lieguan.tracking.models import ProgressReport
from tests.factories import make_city, make_council

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="row locks are PostgreSQL's; SQLite serialises writers"),
]


def _at_once(n: int, work) -> list[BaseException]:
    """Run ``work(i)`` in ``n`` threads released together; return what they raised."""
    barrier = threading.Barrier(n)
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            barrier.wait()
            work(i)
        except BaseException as error:  # collected and asserted on below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return errors


@pytest.fixture
def assignment():
    city = make_city()
    council = make_council(city)
    case = t.do_select_case(city.user("alice"), council.it_conclusion, lead=city.it)
    return city, case.assignments.get()


def test_ten_first_reports_of_a_cycle_sent_at_once_make_one_report_and_no_error(assignment):
    city, a = assignment
    bob = city.user("bob")
    errors = _at_once(10, lambda i: t.do_submit_report(bob, a, text=f"第{i}版", proposal="continue"))
    assert errors == []
    assert ProgressReport.objects.filter(assignment=a).count() == 1


def test_each_concurrent_revision_records_as_before_what_the_previous_one_left(assignment):
    city, a = assignment
    bob = city.user("bob")
    t.do_submit_report(bob, a, text="初版", proposal="continue")
    errors = _at_once(8, lambda i: t.do_submit_report(bob, a, text=f"修正{i}", proposal="continue"))
    assert errors == []
    report = ProgressReport.objects.get(assignment=a)
    entries = list(AuditEntry.objects.filter(object_id=str(report.pk), action__in=["report.submit", "report.revise"]).order_by("seq"))
    assert len(entries) == 9
    for earlier, later in itertools.pairwise(entries):
        assert later.before["text"] == earlier.after["text"]
