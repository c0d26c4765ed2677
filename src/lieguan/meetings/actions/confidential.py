"""Marking an agenda item confidential (機密／限閱) and naming who else may read it, or lifting the mark."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from lieguan.core import audit
from lieguan.core.actors import Actor
from lieguan.meetings.access import require_mark_confidential
from lieguan.meetings.audit_events import AGENDA_ITEM_CONFIDENTIAL
from lieguan.meetings.models import AgendaItem
from lieguan.meetings.signals import meeting_changed, send_after_commit
from lieguan.organisations.models import Organisation, Person


def _state(item: AgendaItem) -> dict[str, Any]:
    return {
        "confidential": item.confidential,
        "people": sorted(item.confidential_people.values_list("pk", flat=True)),
        "organisations": sorted(item.confidential_organisations.values_list("pk", flat=True)),
    }


def do_mark_confidential(
    actor: Actor,
    item: AgendaItem,
    *,
    confidential: bool,
    people: Iterable[Person] = (),
    organisations: Iterable[Organisation] = (),
) -> AgendaItem:
    """Set (or lift) the mark and the named readers; the chair, recorder, secretariat, presenting agency and
    the agencies of the item's cases are entitled without being named (``meetings.access.can_read_confidential``).

    Allowed also after the minutes are published: declassifying, or restricting late, changes who reads the
    record, not the record. Lifting the mark keeps the names, so marking again restores them.
    """
    require_mark_confidential(actor, item)
    with transaction.atomic():
        item = AgendaItem.objects.select_for_update().get(pk=item.pk)
        before = _state(item)
        item.confidential = confidential
        item.save(update_fields=["confidential"])
        if confidential:
            item.confidential_people.set(list(people))
            item.confidential_organisations.set(list(organisations))
        after = _state(item)
        audit.record(actor=actor, action=AGENDA_ITEM_CONFIDENTIAL, target=item, before=before, after=after)
        # The search index and every page built from the meeting follow the new mark.
        send_after_commit(meeting_changed, item.section.meeting_id)
    return item
