"""What the minutes editor writes: its named fields, saved together, and the sections left out of the minutes.

The editor names every field after what it changes — ``header-end``,
``item-12-explanation``, ``remark-7-text``, ``conclusion-31-tracked`` — so that
the whole form (without JavaScript) and each autosave (with it) go through the
same code. A field that fails (an unreadable time) is reported by name; the
others are saved.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lieguan.core.actors import Actor
from lieguan.meetings.actions._common import require_writes_minutes
from lieguan.meetings.actions.agenda import do_delete_section
from lieguan.meetings.actions.minutes import (
    MINUTES_ITEM_FIELDS,
    MOTION_ITEM_FIELDS,
    do_update_conclusion,
    do_update_item_minutes,
    do_update_minutes_header,
    do_update_remark,
)
from lieguan.meetings.actions.schedule import previous_meeting
from lieguan.meetings.models import AgendaItem, AgendaSection, Conclusion, Meeting, Remark
from lieguan.minutes.rocdate import parse_clock

K = AgendaSection.Kind
FIELD = re.compile(r"^(?P<kind>item|remark|conclusion)-(?P<id>\d+)-(?P<field>[a-z_]+)$")
HEADER_FIELDS = ("end", "location", "present_text", "observers_text", "excused_text")
FIELDS = {
    "item": MINUTES_ITEM_FIELDS | MOTION_ITEM_FIELDS,
    "remark": {"speaker", "kind", "text"},
    "conclusion": {"text", "tracked"},
}
MODELS: dict[str, type[models.Model]] = {"item": AgendaItem, "remark": Remark, "conclusion": Conclusion}
CHECKED = {"1", "on", "true"}
GONE = {
    "item": gettext_lazy("此案件已被刪除，請重新整理頁面。"),
    "remark": gettext_lazy("此發言已被刪除，請重新整理頁面。"),
    "conclusion": gettext_lazy("此會議結論已被刪除，請重新整理頁面。"),
}
# Official minutes leave out a section in which nothing happened (no proposals, no motions).
OMITTABLE_KINDS = (K.DISCUSSIONS, K.MOTIONS, K.GENERAL_CONCLUSIONS, K.CHAIR_DIRECTIVES, K.OTHER)


def omittable_kinds(meeting: Meeting) -> tuple[str, ...]:
    """The first session of a series has no previous minutes to read: its empty 宣讀 section may go too."""
    if previous_meeting(meeting.series, meeting.start, exclude=meeting.pk) is None:
        return (*OMITTABLE_KINDS, K.PREVIOUS_MINUTES)
    return OMITTABLE_KINDS


def may_omit_section(kind: str, omittable: tuple[str, ...], *, empty: bool) -> bool:
    """Whether the editor may delete a section of ``kind`` (``omittable``: ``omittable_kinds`` of its meeting)."""
    return kind in omittable and empty


def do_delete_minutes_section(actor: Actor, section: AgendaSection) -> None:
    """Leave out of the minutes a section in which nothing happened; any other section stays."""
    empty = not section.items.exists() and not section.conclusions.exists()
    if not may_omit_section(section.kind, omittable_kinds(section.meeting), empty=empty):
        raise ValidationError(_("只能刪除沒有內容的段落。"))
    do_delete_section(actor, section)


def parse_end(meeting: Meeting, text: str) -> dt.datetime | None:
    """散會 on the day of the meeting: 11:20, 11時20分, 上午11時20分, 下午2時."""
    text = text.strip()
    if not text:
        return None
    found = parse_clock(text)
    if found is None or text[found[1] :].strip():
        raise ValidationError(_("散會時間請寫成「11:20」或「上午11時20分」。"))
    day = timezone.localtime(meeting.start).date()
    return timezone.make_aware(dt.datetime.combine(day, found[0]))


def _too_long(model: type[models.Model], field: str, value: str) -> str | None:
    found = model._meta.get_field(field)
    limit = getattr(found, "max_length", None)
    if limit and len(value) > limit:
        return _("%(field)s最多 %(limit)s 字，目前 %(length)s 字。") % {
            "field": getattr(found, "verbose_name", field),
            "limit": limit,
            "length": len(value),
        }
    return None


def _meeting_objects(meeting: Meeting, kind: str, ids: list[int]) -> dict[int, Any]:
    """Only objects of this meeting: an id of another meeting is treated as gone, never changed."""
    qs: Any
    if kind == "item":
        qs = AgendaItem.objects.filter(section__meeting=meeting)
    elif kind == "remark":
        qs = Remark.objects.filter(item__section__meeting=meeting)
    else:
        qs = Conclusion.objects.filter(Q(item__section__meeting=meeting) | Q(section__meeting=meeting))
    return {o.pk: o for o in qs.filter(pk__in=ids)}


def do_save_minutes_fields(actor: Actor, meeting: Meeting, data: Any, *, whole_form: bool) -> dict[str, str]:
    """Save every recognised field of ``data`` in one transaction; the errors, by field name. Raises PermissionDenied.

    Each field goes through its own ``do_*`` action (which records its audit entry); a field that fails
    is rolled back alone and reported, the others are kept.
    """
    require_writes_minutes(actor, meeting)
    errors: dict[str, str] = {}
    header: dict[str, Any] = {}
    changes: dict[str, dict[int, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    for name in data:
        if name.startswith("header-") and name[7:] in HEADER_FIELDS:
            header[name[7:]] = data[name]
            continue
        match = FIELD.match(name)
        if match and match["field"] in FIELDS[match["kind"]]:
            changes[match["kind"]][int(match["id"])][match["field"]] = data[name]
    if whole_form:
        # An unchecked box is not sent with a form: a conclusion on the form without it is not tracked.
        for values in changes["conclusion"].values():
            if "text" in values:
                values.setdefault("tracked", "")
    with transaction.atomic():
        if header:
            _save_header(actor, meeting, header, errors)
        for kind in ("item", "remark", "conclusion"):
            found = _meeting_objects(meeting, kind, list(changes[kind]))
            for pk, values in changes[kind].items():
                obj = found.get(pk)
                if obj is None:
                    for field in values:
                        errors[f"{kind}-{pk}-{field}"] = str(GONE[kind])
                    continue
                _save_one(actor, kind, obj, values, errors)
    return errors


def _save_header(actor: Actor, meeting: Meeting, header: dict[str, Any], errors: dict[str, str]) -> None:
    values: dict[str, Any] = {}
    for field, raw in header.items():
        if field == "end":
            try:
                values["end"] = parse_end(meeting, raw)
            except ValidationError as e:
                errors["header-end"] = _("；").join(e.messages)
            continue
        problem = _too_long(Meeting, field, raw)
        if problem:
            errors[f"header-{field}"] = problem
        else:
            values[field] = raw
    if not values:
        return
    try:
        do_update_minutes_header(actor, meeting, **values)
    except ValidationError as e:
        errors["header-end"] = _("；").join(e.messages)
        meeting.refresh_from_db()


def _save_one(actor: Actor, kind: str, obj: Any, values: dict[str, str], errors: dict[str, str]) -> None:
    clean: dict[str, Any] = {}
    for field, raw in values.items():
        if field == "tracked":
            clean[field] = raw.lower() in CHECKED
            continue
        problem = _too_long(MODELS[kind], field, raw)
        if problem:
            errors[f"{kind}-{obj.pk}-{field}"] = problem
        else:
            clean[field] = raw
    if not clean:
        return
    try:
        if kind == "item":
            do_update_item_minutes(actor, obj, **clean)
        elif kind == "remark":
            do_update_remark(actor, obj, **clean)
        else:
            do_update_conclusion(actor, obj, **clean)
    except (ValidationError, ValueError) as e:
        message = _("；").join(e.messages) if isinstance(e, ValidationError) else _("此欄位不能在會議紀錄中修改。")
        for field in clean:
            errors[f"{kind}-{obj.pk}-{field}"] = message
