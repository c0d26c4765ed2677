"""An attendee's private note on an agenda item."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lieguan.core import audit
from lieguan.core.actors import Actor, signed_in
from lieguan.live import access
from lieguan.live.audit_events import NOTE_SAVE
from lieguan.live.models import PrivateNote
from lieguan.meetings.models import AgendaItem

MAX_LENGTH = 20_000


def do_save_note(actor: Actor, item: AgendaItem, text: str) -> PrivateNote:
    """Write ``actor``'s own note on ``item``; an empty text keeps the row, empty, so the trail stays readable."""
    access.require_keep_notes(actor, item.section.meeting)
    text = text.replace("\r\n", "\n").strip()
    if len(text) > MAX_LENGTH:
        raise ValidationError(_("個人筆記最多 %(max)s 字。") % {"max": f"{MAX_LENGTH:,}"})
    with transaction.atomic():
        note, created = PrivateNote.objects.select_for_update().get_or_create(owner=signed_in(actor), item=item)
        before = None if created else {"length": len(note.text)}
        if not created and note.text == text:
            return note
        note.text = text
        note.save()
        audit.record(actor=actor, action=NOTE_SAVE, target=note, before=before, after={"length": len(text), "item": item.pk})
    return note
