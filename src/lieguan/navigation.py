"""What the main menu offers the signed-in user (a context processor, so every page's menu agrees with access rules)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from lieguan.indicators.access import reads as reads_indicators
from lieguan.kpis.access import reads_register
from lieguan.meetings.importing.access import can_import_minutes
from lieguan.organisations.access import viewer_for
from lieguan.reports.access import sees_statistics
from lieguan.workreports.access import sees_reports


def _menu(request: HttpRequest) -> dict[str, bool]:
    viewer = viewer_for(request.user)
    if not viewer.is_authenticated:
        return {}
    return {
        "statistics": sees_statistics(viewer),
        "kpis": reads_register(viewer),
        "indicators": reads_indicators(viewer),
        "workreports": sees_reports(viewer),
        "import": can_import_minutes(viewer),
        "admin": viewer.is_admin,
    }


def menu(request: HttpRequest) -> dict[str, Any]:
    return {"menu": SimpleLazyObject(lambda: _menu(request))}
