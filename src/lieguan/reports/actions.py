"""The writes of the reports app: marking one's notifications as read."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from lieguan.core import audit
from lieguan.core.models import Notification
from lieguan.reports.audit_events import NOTIFICATION_READ


def do_mark_read(actor: Any, notification: Notification) -> Notification:
    """Only the addressee reads a notification; reading it again changes nothing."""
    if getattr(actor, "pk", None) != notification.user_id:
        raise PermissionDenied("只能標示自己的通知。")
    if notification.read_at is not None:
        return notification
    with transaction.atomic():
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        audit.record(actor=actor, action=NOTIFICATION_READ, target=notification, after={"read_at": notification.read_at})
    return notification


def do_mark_all_read(actor: Any) -> int:
    with transaction.atomic():
        unread = list(Notification.objects.select_for_update().filter(user_id=actor.pk, read_at__isnull=True))
        now = timezone.now()
        for notification in unread:
            notification.read_at = now
            notification.save(update_fields=["read_at"])
            audit.record(actor=actor, action=NOTIFICATION_READ, target=notification, after={"read_at": now})
    return len(unread)
