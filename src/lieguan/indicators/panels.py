"""What this app adds elsewhere: the home panel of an agency's alerts, and the alerts' lines in the reminder digest."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from lieguan.core.home import Panel, register_panel
from lieguan.indicators import access
from lieguan.indicators.models import Alert
from lieguan.organisations.access import viewer_for
from lieguan.tracking.reminders import DIGEST_SECTIONS, Digest

PANEL_LIMIT = 5


@register_panel
def alerts_panel(request: HttpRequest, viewer: Any) -> Panel | None:
    if not access.reads(viewer):
        return None
    current = access.visible_alerts(request.user).filter(cleared_at__isnull=True)
    shown = list(current[:PANEL_LIMIT])
    if not shown:
        return None
    total = len(shown) if len(shown) < PANEL_LIMIT else current.count()
    return Panel("指標警示", "indicators/panels/alerts.html", {"alerts": shown, "total": total}, order=25)


def digest_lines(digest: Digest) -> list[str]:
    """The agency's current alerts not yet put under tracking, with the months and values that raised them."""
    viewer = viewer_for(digest.user)
    if not access.enters_for(viewer, digest.organisation):
        return []
    alerts = list(
        Alert.objects.filter(organisation=digest.organisation, cleared_at__isnull=True, case__isnull=True).select_related(
            "rule", "indicator"
        )
    )
    if not alerts:
        return []
    lines = ["", f"【本府 e 化統計指標警示（{len(alerts)} 則）】"]
    lines += [f"{n}. {alert.text}" for n, alert in enumerate(alerts, start=1)]
    lines.append(f"   詳見 {reverse('indicators:alerts')}")
    return lines


if digest_lines not in DIGEST_SECTIONS:
    DIGEST_SECTIONS.append(digest_lines)
