"""Notifications and each person's choice of how to receive them.

A notification is written once per recipient and change (``key``): the same
change told again finds the row and sends nothing. Its e-mail is a state of
the row, sent by the background worker after the change commits, so that a
mail server that refuses it never loses the notification in the app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lieguan.core import wording
from lieguan.notifications.kinds import lookup


class Notification(models.Model):
    class EmailState(models.TextChoices):
        NONE = "", _("不寄送")
        PENDING = "pending", _("待寄送")
        SENDING = "sending", _("寄送中")
        SENT = "sent", _("已寄送")
        FAILED = "failed", _("寄送失敗")

    # A person in the directory without an account is told by e-mail only; a user without a person in the app only.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("收件帳號")
    )
    person = models.ForeignKey(
        "organisations.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("收件人")
    )
    kind = models.CharField(_("種類"), max_length=40)
    # What change this tells of (``minutes.published:224``): one notification per recipient and key, ever.
    key = models.CharField(max_length=200)
    subject = models.CharField(_("主旨"), max_length=200)
    body = models.TextField(_("內容"), blank=True)
    # What it says, as message ids and parameters (``core.wording``), worded in each reader's language when
    # read; ``subject`` and ``body`` keep it in Chinese for the e-mail. Empty on rows written before: they read as stored.
    words = models.JSONField(_("措辭"), default=dict, blank=True, editable=False)
    link = models.CharField(_("連結"), max_length=300, blank=True)
    created = models.DateTimeField(_("通知時間"), default=timezone.now)
    # False when the recipient chose e-mail only: the row stays, so that the change is still told once.
    in_app = models.BooleanField(_("站內通知"), default=True)
    read_at = models.DateTimeField(_("已讀時間"), null=True, blank=True)
    email_to = models.EmailField(_("電子郵件"), blank=True)
    email_state = models.CharField(_("電子郵件"), max_length=10, choices=EmailState.choices, blank=True, default=EmailState.NONE)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_error = models.CharField(max_length=300, blank=True)
    # When a worker took the e-mail (state "sending"); a worker that died leaves it there, and it is taken again later.
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    # A refused e-mail is tried again from then on (the delay grows with each attempt).
    email_next_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(user__isnull=False) | Q(person__isnull=False), name="notification_has_recipient"),
            models.UniqueConstraint(fields=["user", "key"], condition=Q(user__isnull=False), name="notification_once_per_user"),
            models.UniqueConstraint(
                fields=["person", "key"], condition=Q(user__isnull=True), name="notification_once_per_person_without_account"
            ),
        ]
        indexes = [
            # The header's count on every page: the unread ones of one user, and nothing else, are indexed.
            models.Index(fields=["user"], condition=Q(in_app=True, read_at__isnull=True), name="notification_unread"),
            models.Index(fields=["user", "in_app", "-created"], name="notification_inbox"),
            models.Index(fields=["email_state"], condition=Q(email_state__in=["pending", "sending"]), name="notification_email_due"),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def worded_subject(self) -> str:
        """The subject in the active language (the stored Chinese for a row without words)."""
        return wording.worded((self.words or {}).get("subject"), self.subject)

    @property
    def worded_body(self) -> str:
        """The body in the active language (the stored Chinese for a row without words)."""
        return wording.worded((self.words or {}).get("body"), self.body)

    @property
    def kind_label(self) -> str:
        kind = lookup(self.kind)
        return str(kind.label) if kind is not None else ""


class Preference(models.Model):
    """How one user wants one kind of notification; no row means both ways."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("種類"), max_length=40)
    in_app = models.BooleanField(_("站內通知"), default=True)
    email = models.BooleanField(_("電子郵件"), default=True)

    class Meta:
        verbose_name = _("通知方式")
        verbose_name_plural = _("通知方式")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_unique")]

    def __str__(self) -> str:
        return f"{self.kind}: {'站內' if self.in_app else ''}{'郵件' if self.email else ''}"
