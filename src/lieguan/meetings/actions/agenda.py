"""Building the agenda: sections and items, in order, with their presenting agencies."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from lieguan.core import audit
from lieguan.core.actors import Actor
from lieguan.meetings.access import PUBLISHED_STATES
from lieguan.meetings.actions._common import require_runs_series
from lieguan.meetings.audit_events import (
    AGENDA_ADD_ITEM,
    AGENDA_ADD_SECTION,
    AGENDA_DELETE_ITEM,
    AGENDA_DELETE_SECTION,
    AGENDA_MOVE_ITEM,
    AGENDA_MOVE_SECTION,
    AGENDA_UPDATE_ITEM,
    AGENDA_UPDATE_SECTION,
)
from lieguan.meetings.models import AgendaItem, AgendaSection, Meeting
from lieguan.meetings.signals import meeting_changed, send_after_commit
from lieguan.minutes.numerals import to_chinese, to_financial
from lieguan.organisations.models import Organisation


def require_agenda_open(actor: Actor, meeting: Meeting) -> None:
    """The agenda is the skeleton of the minutes: once they are published it is part of the record."""
    require_runs_series(actor, meeting.series)
    if meeting.minutes_state in PUBLISHED_STATES:
        raise ValidationError(_("會議紀錄已發布，議程不可再修改。"))


def _next_position(qs: Any) -> int:
    return int(qs.aggregate(n=Max("position"))["n"] or 0) + 1


def relabel_sections(meeting: Meeting) -> None:
    for n, section in enumerate(meeting.sections.order_by("position"), start=1):
        if section.position != n or section.label != to_financial(n):
            section.position, section.label = n, to_financial(n)
            section.save(update_fields=["position", "label"])


def relabel_items(section: AgendaSection) -> None:
    for n, item in enumerate(section.items.order_by("position"), start=1):
        if item.position != n or item.label != to_chinese(n):
            item.position, item.label = n, to_chinese(n)
            item.save(update_fields=["position", "label"])


def do_add_section(actor: Actor, meeting: Meeting, *, kind: str, heading: str) -> AgendaSection:
    require_agenda_open(actor, meeting)
    if kind not in AgendaSection.Kind.values:
        raise ValidationError(_("未知的段落類別。"))
    if not heading.strip():
        raise ValidationError(_("段落標題不可空白。"))
    with transaction.atomic():
        position = _next_position(meeting.sections)
        section = AgendaSection.objects.create(
            meeting=meeting,
            position=position,
            label=to_financial(position),
            kind=kind,
            heading=heading.strip(),
            conclusion_heading="決議" if kind == AgendaSection.Kind.DISCUSSIONS else "",
        )
        audit.record(actor=actor, action=AGENDA_ADD_SECTION, target=section, after=audit.snapshot(section))
        send_after_commit(meeting_changed, section.meeting_id)
    return section


def do_update_section(actor: Actor, section: AgendaSection, *, heading: str | None = None, kind: str | None = None) -> AgendaSection:
    require_agenda_open(actor, section.meeting)
    with transaction.atomic():
        before = audit.snapshot(section)
        if heading is not None:
            if not heading.strip():
                raise ValidationError(_("段落標題不可空白。"))
            section.heading = heading.strip()
        if kind is not None:
            if kind not in AgendaSection.Kind.values:
                raise ValidationError(_("未知的段落類別。"))
            section.kind = kind
            section.conclusion_heading = "決議" if kind == AgendaSection.Kind.DISCUSSIONS else ""
        section.save()
        audit.record(actor=actor, action=AGENDA_UPDATE_SECTION, target=section, before=before, after=audit.snapshot(section))
        send_after_commit(meeting_changed, section.meeting_id)
    return section


def do_delete_section(actor: Actor, section: AgendaSection) -> None:
    meeting = section.meeting
    require_agenda_open(actor, meeting)
    if section.items.filter(materials__isnull=False).exists():
        raise ValidationError(_("此段落的案件已有會議資料，請先移除資料。"))
    with transaction.atomic():
        audit.record(actor=actor, action=AGENDA_DELETE_SECTION, target=section, before=audit.snapshot(section))
        send_after_commit(meeting_changed, meeting.pk)
        section.delete()
        relabel_sections(meeting)


def do_move_section(actor: Actor, section: AgendaSection, offset: int) -> None:
    meeting = section.meeting
    require_agenda_open(actor, meeting)
    with transaction.atomic():
        ordered = list(meeting.sections.order_by("position"))
        i = next(n for n, s in enumerate(ordered) if s.pk == section.pk)
        j = max(0, min(len(ordered) - 1, i + offset))
        ordered.insert(j, ordered.pop(i))
        for n, s in enumerate(ordered, start=1):
            s.position = n
            s.save(update_fields=["position"])
        relabel_sections(meeting)
        audit.record(actor=actor, action=AGENDA_MOVE_SECTION, target=section, after={"position": j + 1})
        send_after_commit(meeting_changed, meeting.pk)


ITEM_FIELDS = {"title", "presenter", "presenter_text", "body", "explanation", "proposed_action", "conclusion_heading"}


def do_add_item(
    actor: Actor,
    section: AgendaSection,
    *,
    title: str,
    presenter: Organisation | None = None,
    body: str = "",
    explanation: str = "",
    proposed_action: str = "",
) -> AgendaItem:
    require_agenda_open(actor, section.meeting)
    if not title.strip():
        raise ValidationError(_("案由不可空白。"))
    with transaction.atomic():
        position = _next_position(section.items)
        item = AgendaItem.objects.create(
            section=section,
            position=position,
            label=to_chinese(position),
            title=title.strip(),
            presenter=presenter,
            presenter_text=presenter.display_name if presenter else "",
            body=body,
            explanation=explanation,
            proposed_action=proposed_action,
        )
        audit.record(actor=actor, action=AGENDA_ADD_ITEM, target=item, after=audit.snapshot(item))
        send_after_commit(meeting_changed, item.section.meeting_id)
    return item


def do_update_item(actor: Actor, item: AgendaItem, **changes: Any) -> AgendaItem:
    require_agenda_open(actor, item.section.meeting)
    unknown = set(changes) - ITEM_FIELDS
    if unknown:
        raise ValueError(f"unknown item fields: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        before = audit.snapshot(item)
        for key, value in changes.items():
            setattr(item, key, value)
        if "presenter" in changes and "presenter_text" not in changes:
            item.presenter_text = item.presenter.display_name if item.presenter else ""
        if not item.title.strip():
            raise ValidationError(_("案由不可空白。"))
        item.save()
        audit.record(actor=actor, action=AGENDA_UPDATE_ITEM, target=item, before=before, after=audit.snapshot(item))
        send_after_commit(meeting_changed, item.section.meeting_id)
    return item


def do_delete_item(actor: Actor, item: AgendaItem) -> None:
    section = item.section
    require_agenda_open(actor, section.meeting)
    if item.materials.exists():
        raise ValidationError(_("此案件已有會議資料，請先移除資料。"))
    with transaction.atomic():
        audit.record(actor=actor, action=AGENDA_DELETE_ITEM, target=item, before=audit.snapshot(item))
        send_after_commit(meeting_changed, section.meeting_id)
        item.delete()
        relabel_items(section)


def do_move_item(actor: Actor, item: AgendaItem, offset: int) -> None:
    section = item.section
    require_agenda_open(actor, section.meeting)
    with transaction.atomic():
        ordered = list(section.items.order_by("position"))
        i = next(n for n, it in enumerate(ordered) if it.pk == item.pk)
        j = max(0, min(len(ordered) - 1, i + offset))
        ordered.insert(j, ordered.pop(i))
        for n, it in enumerate(ordered, start=1):
            it.position = n
            it.save(update_fields=["position"])
        relabel_items(section)
        audit.record(actor=actor, action=AGENDA_MOVE_ITEM, target=item, after={"position": j + 1})
        send_after_commit(meeting_changed, section.meeting_id)
