"""The audit events of the live meeting room (registered in ``lieguan.core.audit_events``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lieguan.core.audit_events import Event

ROOM_MOVE = Event("room.move", _("切換會議室目前議程"), "live.roomstate", before=("item", "version"), after=("item", "version"))
# A note is its owner's alone: the trail says that it was written and how long it is, never what it says.
NOTE_SAVE = Event("note.save", _("儲存個人筆記"), "live.privatenote", before=("length",), after=("length", "item"))
