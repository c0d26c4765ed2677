"""Marking one's notifications read: only the addressee's own, each recorded in the audit."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from lieguan.core import audit
from lieguan.core.actors import Actor
from lieguan.notifications import access
from lieguan.notifications.audit_events import MARK_READ
from lieguan.notifications.models import Notification


def do_mark_read(actor: Actor, notification: Notification) -> Notification:
    """Reading it again changes nothing."""
    access.require_own(actor, notification)
    with transaction.atomic():
        # A second tab marking it at the same moment must not record it twice.
        if not Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now()):
            notification.refresh_from_db(fields=["read_at"])
            return notification
        notification.refresh_from_db(fields=["read_at"])
        audit.record(actor=actor, action=MARK_READ, target=notification, after={"read_at": notification.read_at})
    return notification


def do_mark_all_read(actor: Actor) -> int:
    """Every unread notification of the actor's inbox; returns how many there were."""
    with transaction.atomic():
        unread = list(access.visible_notifications(actor).filter(read_at__isnull=True).select_for_update())
        now = timezone.now()
        Notification.objects.filter(pk__in=[n.pk for n in unread]).update(read_at=now)
        for n in unread:
            n.read_at = now
            audit.record(actor=actor, action=MARK_READ, target=n, after={"read_at": now})
    return len(unread)
