"""Cases as plain data, for the CLI, scripts and checks of an import."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from lieguan.minutes.sentences import case_sort_key
from lieguan.tracking.models import TrackedCase


def filter_cases(qs: QuerySet[TrackedCase], *, series: str | None = None, status: str | None = None) -> list[TrackedCase]:
    if series:
        qs = qs.filter(
            Q(series__name=series) | Q(series__code=series) | Q(series__owner__name__startswith=series) & Q(series__isnull=False)
        )
    if status:
        qs = qs.filter(status=status)
    qs = qs.select_related("series", "series__owner").prefetch_related("assignments__organisation")
    return sorted(qs, key=lambda c: (c.series.full_name if c.series else "", case_sort_key(c.number)))


def case_data(case: TrackedCase) -> dict[str, Any]:
    return {
        "number": case.number,
        "series": case.series.full_name if case.series else None,
        "source": case.source,
        "title": case.title,
        "status": case.status,
        "opened_on": case.opened_on.isoformat(),
        "deadline": case.deadline.isoformat() if case.deadline else None,
        "released_on": case.released_on.isoformat() if case.released_on else None,
        "assignments": [{"agency": a.organisation.display_name, "role": a.role, "status": a.status} for a in case.assignments.all()],
    }
