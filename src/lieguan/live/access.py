"""Who may enter a meeting's room, who conducts it, and whose notes are whose.

The rules, in words:
- the room of a meeting is for those signed in who may read the meeting
  (``meetings.access.can_read_meeting``): its invitees, chair, recorder, the
  presenting agencies' liaisons, its secretariat, and those who read everything;
- the chair, the recorder and the secretariat that runs the series conduct it:
  they move the current item; nobody conducts a cancelled meeting;
- a private note is read and written by its owner only; no role, not even an
  administrator, reads another person's notes through Lieguan.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext, gettext_lazy

from lieguan.core.actors import lets_system_through
from lieguan.live.models import PrivateNote
from lieguan.meetings import access as meetings_access
from lieguan.meetings.models import AgendaItem, Material, Meeting
from lieguan.organisations.access import Viewer, viewer_for

NOT_FOUND = gettext_lazy("找不到此會次。")
WHO_CONDUCTS = gettext_lazy("只有主席、紀錄或會議幕僚可以切換目前議程。")
CANCELLED = gettext_lazy("此會次已取消，無法切換議程。")


def can_enter_room(viewer: Viewer, meeting: Meeting) -> bool:
    return viewer.is_authenticated and meetings_access.can_read_meeting(viewer, meeting)


def can_conduct(viewer: Viewer, meeting: Meeting) -> bool:
    if meeting.cancelled or not viewer.is_authenticated:
        return False
    if meetings_access.runs_series(viewer, meeting.series):
        return True
    return viewer.person_id is not None and viewer.person_id in (meeting.chair_id, meeting.recorder_id)


@lets_system_through
def require_conduct(user: Any, meeting: Meeting) -> None:
    viewer = viewer_for(user)
    if can_conduct(viewer, meeting):
        return
    if meeting.cancelled and can_enter_room(viewer, meeting):
        raise ValidationError(CANCELLED)
    raise PermissionDenied(WHO_CONDUCTS)


def access_room(user: Any, meeting_id: Any, *, for_conduct: bool = False) -> Meeting:
    """The meeting, if ``user`` may enter its room; ``for_conduct``: and move its current item."""
    try:
        meeting = Meeting.objects.select_related("series", "series__owner").get(pk=int(meeting_id))
    except (Meeting.DoesNotExist, ValueError, TypeError):
        raise Http404(NOT_FOUND) from None
    if not can_enter_room(viewer_for(user), meeting):
        raise Http404(NOT_FOUND)
    if for_conduct:
        require_conduct(user, meeting)
    return meeting


def access_room_item(user: Any, meeting: Meeting, item_id: Any) -> AgendaItem:
    """An item of the meeting whose room ``user`` is in (``access_room`` first)."""
    try:
        return AgendaItem.objects.select_related("section", "presenter").get(pk=int(item_id), section__meeting=meeting)
    except (AgendaItem.DoesNotExist, ValueError, TypeError):
        raise Http404(gettext("找不到此議程案件。")) from None


def access_room_material(user: Any, material_id: Any) -> Material:
    """A material to read in the room: whoever may read it on the meeting page (``can_read_material``), signed in."""
    if not viewer_for(user).is_authenticated:
        raise Http404(gettext("找不到此檔案。"))
    return meetings_access.access_material(user, material_id)


def can_keep_notes(viewer: Viewer, meeting: Meeting) -> bool:
    return can_enter_room(viewer, meeting)


def require_keep_notes(user: Any, meeting: Meeting) -> None:
    if not can_keep_notes(viewer_for(user), meeting):
        raise PermissionDenied(gettext("只有可進入此會議室的與會人員可以寫個人筆記。"))


def own_notes(user: Any, items: list[AgendaItem]) -> dict[int, PrivateNote]:
    """``user``'s notes on these items, by item id: the only way notes are read."""
    if not getattr(user, "is_authenticated", False):
        return {}
    return {n.item_id: n for n in PrivateNote.objects.filter(owner=user, item__in=items)}
