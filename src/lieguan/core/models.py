"""The audit trail: an append-only, hash-chained log of every change.

Each entry's hash covers its own content and the previous entry's hash, so an
edited, inserted or deleted entry breaks the chain and ``lieguan audit verify``
finds it. ``AuditHead`` holds the sequence number and hash of the newest entry;
taking it FOR UPDATE serialises writers so that the chain never forks.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class AuditHead(models.Model):
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="")

    class Meta:
        verbose_name = _("稽核紀錄鏈首")

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash[:12]}"


class AuditEntry(models.Model):
    seq = models.BigIntegerField(unique=True)
    at = models.DateTimeField(db_index=True)
    # No database constraint: the log must outlive the accounts it names, and a
    # cascade or SET NULL would be an UPDATE of the log.
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+")
    actor_label = models.CharField(max_length=200)
    action = models.CharField(max_length=100, db_index=True)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300)
    before = models.JSONField(null=True)
    after = models.JSONField(null=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("稽核紀錄")
        verbose_name_plural = _("稽核紀錄")
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id", "seq"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_repr}"


class SecurityEvent(models.Model):
    """Sign-ins, failures, lockouts, denied accesses: the security log of 資通系統防護基準."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=40, db_index=True)
    username = models.CharField(max_length=150, blank=True)
    ip = models.GenericIPAddressField(null=True)
    path = models.CharField(max_length=500, blank=True)
    detail = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("資安事件")
        verbose_name_plural = _("資安事件")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} {self.username}"


class CalendarDay(models.Model):
    """A day of the official government calendar that overrides the built-in one (補班, 颱風假, 調整放假).

    It lives in core because every app counts working days (upload cut-offs, deadlines);
    the table keeps the name it was created with when tracking owned it.
    """

    date = models.DateField(_("日期"), unique=True)
    working = models.BooleanField(_("上班日"))
    note = models.CharField(_("說明"), max_length=100, blank=True)

    class Meta:
        db_table = "tracking_calendarday"
        verbose_name = _("行事曆調整")
        verbose_name_plural = _("行事曆調整")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {gettext('上班') if self.working else gettext('放假')}"


class SubmissionToken(models.Model):
    """A create form that has been submitted once: its one-time token and where the first answer sent the user.

    A second POST with the same token (a double click, a reload, the back button) is
    answered with the same redirect instead of creating the same thing again.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64)
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    location = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("表單送出紀錄")
        verbose_name_plural = _("表單送出紀錄")
        constraints = [models.UniqueConstraint(fields=["user", "token"], name="submission_token_once")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.token[:8]}"


class BuiltFile(models.Model):
    """A download built in the background (core/builds.py): queued, being built, ready (with its bytes) or failed."""

    class State(models.TextChoices):
        QUEUED = "queued", _("排隊中")
        RUNNING = "running", _("製作中")
        READY = "ready", _("已完成")
        FAILED = "failed", _("製作失敗")

    # Who asked (for a partial file: whose view it is built as).
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+")
    state = models.CharField(_("狀態"), max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(_("進度"), default=0)
    # Of the content asked for while queued, of the content the file holds once ready.
    fingerprint = models.CharField(max_length=64)
    # In the database rather than a file: it is replaced with its state in one write and goes with the backups.
    content = models.BinaryField(default=b"")
    error = models.CharField(max_length=300, blank=True)
    requested_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True)

    class Meta:
        abstract = True
