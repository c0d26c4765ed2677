"""What the home page shows about tracked cases: a liaison's own cases, and the secretariat's missing reports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from lieguan.core.home import Panel, register_panel
from lieguan.organisations.models import Role
from lieguan.tracking import access
from lieguan.tracking.models import CaseStatus
from lieguan.tracking.views.queries import days_overdue, due_soon, missing_reports, open_cases

SHOWN = 6


@register_panel
def agency_cases(request: HttpRequest, viewer: Any) -> Panel | None:
    """本機關列管案件: overdue, due soon, and not yet reported this cycle, most urgent first."""
    if Role.LIAISON not in viewer.grants:
        return None
    scope = viewer.scope(Role.LIAISON) or frozenset()
    # The agency's own part must still be open: a case another agency carries on (86-1 教育局部分) is no longer theirs to do.
    mine = access.visible_cases(request.user).filter(assignments__organisation_id__in=scope, assignments__status=CaseStatus.OPEN)
    cases = access.shown_cases(request.user, open_cases(mine).distinct())
    if not cases:
        return None
    today = timezone.localdate()
    missing = missing_reports(cases, organisations=scope)
    unreported = {m.case.pk for m in missing}
    rows: list[dict[str, Any]] = []
    for case in cases:
        overdue, soon = days_overdue(case, today), due_soon(case, today)
        if overdue or soon or case.pk in unreported:
            rows.append({"case": case, "overdue": overdue, "soon": soon, "unreported": case.pk in unreported})
    rows.sort(key=lambda r: (-r["overdue"], not r["soon"], r["case"].deadline or dt.date.max))
    context = {
        "total": len(cases),
        "overdue": sum(1 for r in rows if r["overdue"]),
        "soon": sum(1 for r in rows if r["soon"]),
        "unreported": len(unreported),
        "rows": rows[:SHOWN],
        "more": max(0, len(rows) - SHOWN),
    }
    return Panel(_("本機關列管案件"), "tracking/panels/agency_cases.html", context, order=30)


@register_panel
def unreported_cases(request: HttpRequest, viewer: Any) -> Panel | None:
    """本期未填報案件: the agencies that have not reported for the next meeting, for those who run the tracking."""
    if Role.SECRETARIAT not in viewer.grants and Role.TRACKING_OFFICER not in viewer.grants:
        return None
    missing = missing_reports(open_cases(access.managed_cases(request.user)))
    if not missing:
        return None
    context = {"rows": missing[:SHOWN], "total": len(missing), "more": max(0, len(missing) - SHOWN)}
    return Panel(_("本期未填報案件"), "tracking/panels/unreported.html", context, order=25)
