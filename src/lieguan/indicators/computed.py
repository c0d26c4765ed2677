"""Figures Lieguan counts from its own records, per agency (its units included) and month, as of the month's last day.

The counts follow the tracking app's definition of "open on a day"
(``tracking.asof``), so that they agree with the statistics pages.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Q

from lieguan.indicators.models import Computed
from lieguan.indicators.months import shift
from lieguan.organisations.access import descendants
from lieguan.organisations.models import Organisation
from lieguan.tracking.asof import open_assignments_on
from lieguan.tracking.models import Assignment, CaseStatus


def month_end(month: dt.date) -> dt.date:
    return shift(month, 1) - dt.timedelta(days=1)


def compute(kind: str, agencies: list[Organisation], month: dt.date) -> dict[int, Decimal]:
    """The figure of each agency for ``month``; every agency gets one, 0 when nothing counts."""
    parent_of: dict[int, int | None] = dict(Organisation.objects.values_list("id", "parent_id"))
    agency_of: dict[int, int] = {}
    for agency in agencies:
        for org in descendants(parent_of, [agency.pk]):
            agency_of.setdefault(org, agency.pk)
    end = month_end(month)
    if kind == Computed.OPEN_CASES:
        condition = open_assignments_on(end)
    elif kind == Computed.OVERDUE_CASES:
        condition = open_assignments_on(end) & Q(case__deadline__lt=end)
    elif kind == Computed.RELEASED_CASES:
        condition = Q(status=CaseStatus.RELEASED, released_on__gte=month, released_on__lte=end)
    else:
        raise ValueError(f"unknown computed indicator {kind!r}")
    counts = Assignment.objects.filter(condition, organisation_id__in=list(agency_of)).values("organisation_id").annotate(n=Count("pk"))
    out = {a.pk: Decimal(0) for a in agencies}
    for row in counts:
        out[agency_of[row["organisation_id"]]] += row["n"]
    return out
