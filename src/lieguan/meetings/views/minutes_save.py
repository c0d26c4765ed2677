"""What the minutes editor's views share around saving: who may save now, and why a save was refused.

The saving itself is one action, ``actions.minutes_editing.do_save_minutes_fields``.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from lieguan.core.templatetags.roc import roc_datetime
from lieguan.meetings import access
from lieguan.meetings.actions.minutes_editing import HEADER_FIELDS
from lieguan.meetings.models import Meeting

__all__ = ["HEADER_FIELDS", "PUBLISHED_MESSAGE", "format_end", "refusal", "writable_minutes"]

PUBLISHED_MESSAGE = access.MINUTES_PUBLISHED


def writable_minutes(request: HttpRequest, meeting: Meeting) -> Meeting:
    """``meeting`` (already read through ``access``) if the user may edit its minutes now."""
    access.require_write_minutes(request.user, meeting)
    return meeting


def refusal(meeting: Meeting) -> str:
    """Why a save was refused after the minutes left draft and review: who moved them on, and when."""
    last = meeting.transitions.select_related("by__person").order_by("-at", "-id").first()
    if last is None or meeting.minutes_state not in access.PUBLISHED_STATES:
        return str(PUBLISHED_MESSAGE)
    person = getattr(last.by, "person", None) if last.by else None
    by = person.name if person else (last.by.get_username() if last.by else _("系統"))
    return _(
        "會議紀錄已於%(at)s由%(by)s改為「%(state)s」，不能再修改。"
        "您最後輸入的文字沒有儲存，仍留在畫面上，可複製保留；如需修正，請於下次會議確定紀錄時提出。"
    ) % {"at": roc_datetime(last.at), "by": by, "state": _(last.get_to_state_display())}


def format_end(meeting: Meeting) -> str:
    return timezone.localtime(meeting.end).strftime("%H:%M") if meeting.end else ""
