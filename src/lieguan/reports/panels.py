"""What the home page shows from this app: the user's tracking figures."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils.translation import gettext as _

from lieguan.core.calendar import work_calendar
from lieguan.core.home import Panel, register_panel
from lieguan.organisations.models import Role
from lieguan.reports import access
from lieguan.tracking import asof
from lieguan.tracking.reminders import DEFAULT_WITHIN


@register_panel
def tracking_figures(request: HttpRequest, viewer: Any) -> Panel | None:
    if not access.sees_statistics(viewer):
        return None
    if not viewer.reads_everything and not viewer.scope(Role.SECRETARIAT):
        # A liaison's own panel (本機關列管案件) already counts their cases: only the way to the reports here.
        return Panel(_("列管統計"), "reports/panels/figures.html", {"figures": False}, order=40)
    today = asof.today()
    horizon = work_calendar().add_working_days(today, DEFAULT_WITHIN + 1)
    figures = (
        access.visible_assignments(request.user)
        .filter(asof.open_assignments_on(today))
        .aggregate(
            open=Count("pk"),
            overdue=Count("pk", filter=Q(case__deadline__lt=today)),
            due_soon=Count("pk", filter=Q(case__deadline__gte=today, case__deadline__lt=horizon)),
        )
    )
    return Panel(_("列管統計"), "reports/panels/figures.html", {**figures, "figures": True, "within": DEFAULT_WITHIN}, order=40)
