"""The questions the tracking pages and home panels ask of cases: overdue, due soon, not reported this cycle."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from lieguan.minutes.sentences import case_sort_key
from lieguan.organisations.models import Organisation
from lieguan.tracking.cycles import Cycle, current_cycles
from lieguan.tracking.models import Assignment, CaseStatus, ProgressReport, TrackedCase

DUE_SOON_DAYS = 7


def days_overdue(case: TrackedCase, today: dt.date) -> int:
    if case.status != CaseStatus.OPEN or case.deadline is None or case.deadline >= today:
        return 0
    return (today - case.deadline).days


def due_soon(case: TrackedCase, today: dt.date) -> bool:
    if case.status != CaseStatus.OPEN or case.deadline is None:
        return False
    return today <= case.deadline <= today + dt.timedelta(days=DUE_SOON_DAYS)


def filter_cases(qs: QuerySet[TrackedCase], values: dict[str, Any], today: dt.date) -> QuerySet[TrackedCase]:
    """The case list's filters: series, source, status, agency (with its units), overdue or due soon."""
    if values.get("series") is not None:
        qs = qs.filter(series=values["series"])
    if values.get("source"):
        qs = qs.filter(source=values["source"])
    if values.get("status") in (CaseStatus.OPEN, CaseStatus.RELEASED):
        qs = qs.filter(status=values["status"])
    agency = values.get("agency")
    if agency is not None:
        # Subqueries, not joins: a join needs DISTINCT over every column of the case, and the agency and its
        # units as a list of ids lets the assignments' (organisation, status, case) index answer.
        agency_and_units = Organisation.objects.filter(Q(pk=agency.pk) | Q(parent=agency)).values("pk")
        parts = Assignment.objects.filter(organisation__in=agency_and_units)
        qs = qs.filter(pk__in=parts.values("case_id"))
    if values.get("due") == "overdue":
        qs = qs.filter(status=CaseStatus.OPEN, deadline__lt=today)
    elif values.get("due") == "soon":
        qs = qs.filter(status=CaseStatus.OPEN, deadline__gte=today, deadline__lte=today + dt.timedelta(days=DUE_SOON_DAYS))
    return qs


@dataclass
class Missing:
    """An open assignment with no report for its case's current cycle."""

    case: TrackedCase
    assignment: Assignment
    cycle: Cycle


def missing_reports(
    cases: Iterable[TrackedCase], *, organisations: frozenset[int] | None = None, now: dt.datetime | None = None
) -> list[Missing]:
    """Open assignments (of ``organisations`` only, when given) that have not reported in the current cycle."""
    cases = [c for c in cases if c.status == CaseStatus.OPEN]
    cycles = current_cycles(cases, now)
    keys = {c.key for c in cycles.values()}
    reported = set(
        ProgressReport.objects.filter(assignment__case_id__in=[c.pk for c in cases], cycle__in=keys).values_list("assignment_id", "cycle")
    )
    out: list[Missing] = []
    for case in cases:
        cycle = cycles[case.pk]
        for assignment in case.assignments.all():
            if assignment.status != CaseStatus.OPEN:
                continue
            if organisations is not None and assignment.organisation_id not in organisations:
                continue
            if (assignment.pk, cycle.key) not in reported:
                out.append(Missing(case, assignment, cycle))
    last = dt.datetime.max.replace(tzinfo=dt.UTC)
    out.sort(key=lambda m: (m.cycle.meeting.start if m.cycle.meeting else last, case_sort_key(m.case.number)))
    return out


def open_cases(qs: QuerySet[TrackedCase]) -> QuerySet[TrackedCase]:
    return qs.filter(status=CaseStatus.OPEN).select_related("series", "series__owner").prefetch_related("assignments__organisation")
