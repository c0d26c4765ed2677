"""Making and revoking personal API tokens and calendar-feed secrets (audited like every write)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lieguan.api.audit_events import API_TOKEN_CREATE, API_TOKEN_REVOKE, CALENDAR_FEED_RESET
from lieguan.api.models import TOKEN_PREFIX, ApiToken, CalendarFeed, hash_token, new_secret
from lieguan.core import audit

MAX_DAYS = 365


def do_create_token(actor: Any, *, name: str, days: int = 90) -> tuple[ApiToken, str]:
    """A token for the actor's own use, with the actor's own permissions; returns it with its secret (shown once)."""
    if not actor.is_authenticated:
        raise PermissionDenied(_("請先登入。"))
    if not name.strip():
        raise ValidationError(_("請填寫權杖的用途。"))
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(_("有效天數須在 1 到 %(max)s 天之間。") % {"max": MAX_DAYS})
    secret = new_secret()
    token = f"{TOKEN_PREFIX}{secret}"
    with transaction.atomic():
        row = ApiToken.objects.create(
            user=actor, name=name.strip()[:100], hint=secret[:8], digest=hash_token(token), expires=timezone.now() + dt.timedelta(days=days)
        )
        audit.record(actor=actor, action=API_TOKEN_CREATE, target=row, after=audit.snapshot(row, ["name", "hint", "expires"]))
    return row, token


def do_revoke_token(actor: Any, token: ApiToken) -> None:
    if token.user_id != getattr(actor, "pk", None) and not getattr(actor, "is_superuser", False):
        raise PermissionDenied(_("只能撤銷自己的權杖。"))
    with transaction.atomic():
        before = audit.snapshot(token, ["revoked"])
        token.revoked = timezone.now()
        token.save(update_fields=["revoked"])
        audit.record(actor=actor, action=API_TOKEN_REVOKE, target=token, before=before, after=audit.snapshot(token, ["revoked"]))


def do_reset_calendar_feed(actor: Any) -> str:
    """A new secret feed address for the actor; the old one stops working."""
    if not actor.is_authenticated:
        raise PermissionDenied(_("請先登入。"))
    secret = new_secret()
    with transaction.atomic():
        feed, created = CalendarFeed.objects.update_or_create(user=actor, defaults={"digest": hash_token(secret)})
        audit.record(actor=actor, action=CALENDAR_FEED_RESET, target=feed, after={"created": created})
    return secret
