"""What the room knows beyond the agenda: where the meeting is now, and each attendee's own notes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lieguan.meetings.models import AgendaItem, Meeting


class RoomState(models.Model):
    """The item the meeting is on. ``version`` grows by one with every move: the push carries it, so that a
    screen that missed a message (a dropped connection) knows it is behind as soon as it hears the next one."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="room_state", verbose_name=_("會次"))
    item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("目前議程"))
    version = models.PositiveIntegerField(default=0)
    moved_at = models.DateTimeField(_("切換時間"), null=True, blank=True)
    moved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("會議室目前議程")
        verbose_name_plural = _("會議室目前議程")

    def __str__(self) -> str:
        return f"{self.meeting} 目前議程"


class PrivateNote(models.Model):
    """An attendee's own note on one agenda item: read and written by its owner only."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("個人筆記"), blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("個人筆記")
        verbose_name_plural = _("個人筆記")
        constraints = [models.UniqueConstraint(fields=["owner", "item"], name="live_one_note_per_owner_and_item")]

    def __str__(self) -> str:
        # Never the text: this is what the audit trail keeps as the entry's description.
        return f"個人筆記 #{self.pk}"
