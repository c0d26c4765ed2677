"""What this app adds elsewhere: the home panel of an agency's alerts, and the alerts as news in the reminder digest."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lieguan.core.home import Panel, register_panel
from lieguan.indicators import access
from lieguan.indicators.models import Alert
from lieguan.tracking.digests import News
from lieguan.tracking.reminders import NEWS_SOURCES

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
    return Panel(_("指標警示"), "indicators/panels/alerts.html", {"alerts": shown, "total": total}, order=25)


def alert_news(today: dt.date) -> list[News]:
    """Every agency's current alerts not yet put under tracking, with the months and values that raised them.

    An alert is news again when a further month extends its run (the key holds its latest month).
    """
    alerts = Alert.objects.filter(cleared_at__isnull=True, case__isnull=True).select_related("rule", "indicator")
    link = reverse("indicators:alerts")
    return [
        News(
            key=f"indicator-alert:{alert.pk}:{alert.last_month.isoformat()}",
            organisation_id=alert.organisation_id,
            # Worded in each reader's language when the digest is read (core.wording).
            label=gettext_noop("指標警示"),
            heading=gettext_noop("本府 e 化統計指標警示"),
            text=alert.text,
            link=link,
        )
        for alert in alerts.order_by("organisation_id", "indicator__position", "first_month", "pk")
    ]


if alert_news not in NEWS_SOURCES:
    NEWS_SOURCES.append(alert_news)
