"""Sending a notification's e-mail, by the background worker: sent once, and a refusal never loses the notification.

The e-mail is a state of the notification, not a part of the change it tells of:
the change and the notification are committed first, then a worker takes the
e-mail with a conditional update (so two workers never both send it), sends it,
and records the outcome. A refused e-mail is tried again later, a few times, with
a growing delay; the notification in the app is there all along.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lieguan.core import audit
from lieguan.core.actors import SystemActor
from lieguan.notifications.audit_events import EMAIL
from lieguan.notifications.models import Notification

logger = logging.getLogger(__name__)

ACTOR = SystemActor("notifications")
E = Notification.EmailState
# The delay before each further attempt; after the last one the e-mail is given up (the notification stays).
RETRY_DELAYS = (dt.timedelta(minutes=1), dt.timedelta(minutes=5), dt.timedelta(minutes=30), dt.timedelta(hours=2), dt.timedelta(hours=8))
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# A worker that took an e-mail and died leaves it "sending"; after this long another worker takes it.
CLAIM_EXPIRES = dt.timedelta(minutes=15)


def message(n: Notification) -> EmailMessage:
    link = f"\n\n{settings.LIEGUAN_BASE_URL.rstrip('/')}{n.link}" if n.link else ""
    footer = _("（%(city)s會議與列管系統通知；可於系統的「通知設定」頁選擇通知方式。）") % {"city": settings.CITY_NAME}
    body = f"{n.body or n.subject}{link}\n\n{footer}"
    return EmailMessage(subject=n.subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[n.email_to])


def _due(now: dt.datetime) -> Q:
    waiting = Q(email_state=E.PENDING) & (Q(email_next_at__isnull=True) | Q(email_next_at__lte=now))
    abandoned = Q(email_state=E.SENDING, email_claimed_at__lt=now - CLAIM_EXPIRES)
    return waiting | abandoned


def email_due(now: dt.datetime | None = None) -> list[int]:
    """The notifications whose e-mail may be sent now: waiting and due, or left by a worker that died."""
    return list(Notification.objects.filter(_due(now or timezone.now())).order_by("pk").values_list("pk", flat=True))


def retry_after() -> dt.datetime | None:
    """When the next refused e-mail is due to be tried again, if any is waiting."""
    row = Notification.objects.filter(email_state=E.PENDING, email_next_at__isnull=False).order_by("email_next_at").first()
    return row.email_next_at if row is not None else None


def deliver_email(notification_id: int, *, connection: Any | None = None) -> str:
    """Send one notification's e-mail if it is due and nobody else is sending it; returns its e-mail state after."""
    now = timezone.now()
    if not Notification.objects.filter(_due(now), pk=notification_id).update(email_state=E.SENDING, email_claimed_at=now):
        state = Notification.objects.filter(pk=notification_id).values_list("email_state", flat=True).first()
        return state or E.NONE
    n = Notification.objects.get(pk=notification_id)
    attempts = n.email_attempts + 1
    try:
        (connection or get_connection()).send_messages([message(n)])
    except Exception as error:  # whatever the mail path raises, the notification stays and the attempt is recorded
        logger.warning("notification %s: e-mail to %s refused: %s", n.pk, n.email_to, error)
        state = E.PENDING if attempts < MAX_ATTEMPTS else E.FAILED
        fields = {
            "email_state": state,
            "email_attempts": attempts,
            "email_error": str(error)[:300] or type(error).__name__,
            "email_next_at": now + RETRY_DELAYS[attempts - 1] if state == E.PENDING else None,
        }
    else:
        state = E.SENT
        fields = {"email_state": state, "email_attempts": attempts, "email_error": "", "email_next_at": None, "emailed_at": timezone.now()}
    with transaction.atomic():
        Notification.objects.filter(pk=n.pk).update(**fields)
        audit.record(
            actor=ACTOR, action=EMAIL, target=n, after={"email_state": state, "attempts": attempts, "error": fields["email_error"]}
        )
    return state
