"""Saving what the minutes editor sends: named fields, each passed to its ``do_*`` action.

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

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from lieguan.core.templatetags.roc import roc_datetime
from lieguan.meetings import access, actions
from lieguan.meetings.actions.minutes import MINUTES_ITEM_FIELDS, MOTION_ITEM_FIELDS
from lieguan.meetings.models import AgendaItem, Conclusion, Meeting, Remark
from lieguan.minutes.rocdate import parse_clock
from lieguan.organisations.access import viewer_for

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
    "item": "此案件已被刪除，請重新整理頁面。",
    "remark": "此發言已被刪除，請重新整理頁面。",
    "conclusion": "此會議結論已被刪除，請重新整理頁面。",
}


PUBLISHED_MESSAGE = "會議紀錄已發布，不可再修改；如需修正，請於下次會議確定紀錄時提出。"


def writable_minutes(request: HttpRequest, meeting: Meeting) -> Meeting:
    """``meeting`` (already read through ``access``) if the user may edit its minutes now."""
    if not access.can_write_minutes(viewer_for(request.user), meeting):
        raise PermissionDenied(
            PUBLISHED_MESSAGE if meeting.minutes_state in access.PUBLISHED_STATES else "只有此會議的幕僚單位或紀錄人員可以編輯會議紀錄。"
        )
    return meeting


def refusal(meeting: Meeting) -> str:
    """Why a save was refused after the minutes left draft and review: who moved them on, and when."""
    last = meeting.transitions.select_related("by__person").order_by("-at", "-id").first()
    if last is None or meeting.minutes_state not in access.PUBLISHED_STATES:
        return PUBLISHED_MESSAGE
    person = getattr(last.by, "person", None) if last.by else None
    by = person.name if person else (last.by.get_username() if last.by else "系統")
    return (
        f"會議紀錄已於{roc_datetime(last.at)}由{by}改為「{last.get_to_state_display()}」，不能再修改。"
        "您最後輸入的文字沒有儲存，仍留在畫面上，可複製保留；如需修正，請於下次會議確定紀錄時提出。"
    )


def parse_end(meeting: Meeting, text: str) -> dt.datetime | None:
    """散會 on the day of the meeting: 11:20, 11時20分, 上午11時20分, 下午2時."""
    text = text.strip()
    if not text:
        return None
    found = parse_clock(text)
    if found is None or text[found[1] :].strip():
        raise ValidationError("散會時間請寫成「11:20」或「上午11時20分」。")
    day = timezone.localtime(meeting.start).date()
    return timezone.make_aware(dt.datetime.combine(day, found[0]))


def format_end(meeting: Meeting) -> str:
    return timezone.localtime(meeting.end).strftime("%H:%M") if meeting.end else ""


def _too_long(model: type[models.Model], field: str, value: str) -> str | None:
    found = model._meta.get_field(field)
    limit = getattr(found, "max_length", None)
    if limit and len(value) > limit:
        return f"{getattr(found, 'verbose_name', field)}最多 {limit} 字，目前 {len(value)} 字。"
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


def save_fields(actor: Any, meeting: Meeting, data: Any, *, whole_form: bool) -> dict[str, str]:
    """Save every recognised field of ``data``; the errors, by field name. Raises PermissionDenied."""
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
                        errors[f"{kind}-{pk}-{field}"] = GONE[kind]
                    continue
                _save_one(actor, kind, obj, values, errors)
    return errors


def _save_header(actor: Any, meeting: Meeting, header: dict[str, Any], errors: dict[str, str]) -> None:
    values: dict[str, Any] = {}
    for field, raw in header.items():
        if field == "end":
            try:
                values["end"] = parse_end(meeting, raw)
            except ValidationError as e:
                errors["header-end"] = "；".join(e.messages)
            continue
        problem = _too_long(Meeting, field, raw)
        if problem:
            errors[f"header-{field}"] = problem
        else:
            values[field] = raw
    if not values:
        return
    try:
        actions.do_update_minutes_header(actor, meeting, **values)
    except ValidationError as e:
        errors["header-end"] = "；".join(e.messages)
        meeting.refresh_from_db()


def _save_one(actor: Any, kind: str, obj: Any, values: dict[str, str], errors: dict[str, str]) -> None:
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
            actions.do_update_item_minutes(actor, obj, **clean)
        elif kind == "remark":
            actions.do_update_remark(actor, obj, **clean)
        else:
            actions.do_update_conclusion(actor, obj, **clean)
    except (ValidationError, ValueError) as e:
        message = "；".join(e.messages) if isinstance(e, ValidationError) else "此欄位不能在會議紀錄中修改。"
        for field in clean:
            errors[f"{kind}-{obj.pk}-{field}"] = message
