"""What the home page shows from this app: the user's unread notifications, reminders among them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from lieguan.core.home import Panel, register_panel
from lieguan.notifications import access

SHOWN = 5


@register_panel
def notifications(request: HttpRequest, viewer: Any) -> Panel | None:
    # The same count as the header's badge (one definition: access.unread_count), and two queries however many.
    total_unread = access.unread_count(request.user)
    mine = access.visible_notifications(request.user)
    if not total_unread:
        return Panel(_("通知"), "notifications/panel.html", {"unread": [], "total_unread": 0}, order=5) if mine.exists() else None
    unread = list(mine.filter(read_at__isnull=True)[:SHOWN])
    return Panel(_("通知"), "notifications/panel.html", {"unread": unread, "total_unread": total_unread}, order=5)
