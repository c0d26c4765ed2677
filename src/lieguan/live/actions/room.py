"""Moving the meeting to another agenda item: one row, one audit entry, one message to every screen."""

from __future__ import annotations

from typing import Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lieguan.core import audit
from lieguan.core.actors import Actor, user_of
from lieguan.live import access, broker
from lieguan.live.agenda import items_in_order
from lieguan.live.audit_events import ROOM_MOVE
from lieguan.live.models import RoomState
from lieguan.meetings.models import AgendaItem, Meeting

Step = Literal["next", "previous"]


def _target(meeting: Meeting, current: int | None, item: AgendaItem | int | None, step: Step | None) -> int:
    order = [i.pk for i in items_in_order(meeting)]
    if not order:
        raise ValidationError(_("此會次尚無議程，無法切換。"))
    if item is not None:
        wanted = item if isinstance(item, int) else item.pk
        if wanted not in order:
            raise ValidationError(_("此議程案件不屬於這個會次。"))
        return wanted
    if current not in order:
        return order[0] if step != "previous" else order[-1]
    at = order.index(current)
    return order[min(at + 1, len(order) - 1)] if step == "next" else order[max(at - 1, 0)]


def do_move_current(actor: Actor, meeting: Meeting, *, item: AgendaItem | int | None = None, step: Step | None = None) -> RoomState:
    """Make ``item`` (or the next or previous one) the meeting's current item; moving to where it is changes nothing."""
    if (item is None) == (step is None):
        raise ValueError("give either an item or a step")
    access.require_conduct(actor, meeting)
    with transaction.atomic():
        state, _created = RoomState.objects.select_for_update().get_or_create(meeting=meeting)
        target = _target(meeting, state.item_id, item, step)
        if target == state.item_id:
            return state
        before = {"item": state.item_id, "version": state.version}
        state.item_id = target
        state.version += 1
        state.moved_at = timezone.now()
        state.moved_by = user_of(actor)
        state.save()
        audit.record(actor=actor, action=ROOM_MOVE, target=state, before=before, after={"item": state.item_id, "version": state.version})
        broker.publish(broker.State.of(state, meeting.pk))
    return state
