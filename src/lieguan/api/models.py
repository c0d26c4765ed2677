"""Personal API tokens and secret calendar-feed addresses.

Tokens are shown once when made and stored only as a SHA-256 hash: they are
long random strings, so a slow hash adds nothing, and a leaked database does
not leak usable tokens.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "lg_"  # noqa: S105  (the visible prefix of every token, not a secret)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("用途"), max_length=100)
    # The first characters after the prefix, shown to tell tokens apart.
    hint = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    expires = models.DateTimeField(_("到期"))
    last_used = models.DateTimeField(null=True, blank=True)
    revoked = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API 權杖")
        verbose_name_plural = _("API 權杖")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.name}（{TOKEN_PREFIX}{self.hint}…）"

    @property
    def active(self) -> bool:
        return self.revoked is None and self.expires > timezone.now()


class CalendarFeed(models.Model):
    """A secret address at which a calendar program reads a user's .ics feed without signing in."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("行事曆訂閱")
        verbose_name_plural = _("行事曆訂閱")

    def __str__(self) -> str:
        return f"{self.user} 的行事曆訂閱"


class RateCounter(models.Model):
    """One client's requests in the current window of its rate limit (``api.throttles``).

    One row per client, not per window: the window is reset in the same upsert that counts, so that a
    request costs one query, and a client's row never outlives its next request.
    """

    scope = models.CharField(max_length=16)
    ident = models.CharField(max_length=255)
    # Epoch seconds at which the counted window began.
    window_start = models.BigIntegerField()
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope", "ident"], name="api_ratecounter_one_per_client")]
        # The sweep of clients that stopped calling looks rows up by their window.
        indexes = [models.Index(fields=["scope", "window_start"], name="api_ratecounter_window")]

    def __str__(self) -> str:
        return f"{self.scope}:{self.ident} {self.count}"
