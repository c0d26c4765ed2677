"""Series, meetings, their minutes (as Minutes JSON), agenda items and conclusions."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.db.models import Q
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router

from lieguan.api import schemas as s
from lieguan.api.auth import caller
from lieguan.api.pagination import Paging, paginate
from lieguan.api.schemas import DbId, IsoDate
from lieguan.meetings import access
from lieguan.meetings.confidential import is_redacted, redact
from lieguan.meetings.document import minutes_document
from lieguan.meetings.models import AgendaItem, Conclusion, Meeting, MeetingSeries
from lieguan.organisations.access import viewer_for

router = Router(tags=["會議"])


def series_out(x: MeetingSeries) -> dict[str, Any]:
    return {
        "id": x.pk,
        "code": x.code,
        "name": x.name,
        "full_name": x.full_name,
        "owner_id": x.owner_id,
        "numbering": x.numbering,
        "level": x.level,
        "public": x.public,
        "tracks_cases": x.tracks_cases,
        "case_number_pattern": x.case_number_pattern,
    }


def meeting_out(request: HttpRequest, m: Meeting) -> dict[str, Any]:
    readable = access.can_read_minutes(viewer_for(caller(request)), m)
    return {
        "id": m.pk,
        "series_id": m.series_id,
        "number": m.number,
        "year": m.year,
        "title": m.title,
        # Taipei time (+08:00), as the meeting was called, rather than the UTC the database hands back.
        "start": timezone.localtime(m.start),
        "end": timezone.localtime(m.end) if m.end else None,
        "location": m.location,
        "chair_name": m.chair_name,
        "chair_title": m.chair_title,
        "recorder_name": m.recorder_name,
        "minutes_state": m.minutes_state,
        "cancelled": m.cancelled,
        "minutes_url": request.build_absolute_uri(reverse("api-1:get_minutes", args=[m.pk])) if readable else None,
    }


@router.get("/series", response={200: s.SeriesPage, **s.ERRORS}, summary="會議（系列）")
def list_series(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    rows, nxt = paginate(access.visible_series(caller(request)), after=paging.after, limit=paging.limit)
    return {"items": [series_out(x) for x in rows], "next": nxt}


@router.get("/series/{series_id}", response={200: s.Series, **s.ERRORS}, summary="一個會議（系列）")
def get_series(request: HttpRequest, series_id: DbId) -> dict[str, Any]:
    return series_out(access.access_series(caller(request), series_id))


class MeetingFilter(Paging):
    series_id: DbId | None = None
    start_from: IsoDate | None = None
    start_to: IsoDate | None = None
    minutes_state: Literal["draft", "circulated", "published", "confirmed"] | None = None


@router.get("/meetings", response={200: s.MeetingPage, **s.ERRORS}, summary="會次")
def list_meetings(request: HttpRequest, filters: Query[MeetingFilter]) -> dict[str, Any]:
    qs = access.visible_meetings(caller(request))
    if filters.series_id is not None:
        qs = qs.filter(series_id=filters.series_id)
    tz = timezone.get_current_timezone()
    if filters.start_from:
        qs = qs.filter(start__gte=dt.datetime.combine(filters.start_from, dt.time.min, tz))
    if filters.start_to:
        qs = qs.filter(start__lt=dt.datetime.combine(filters.start_to + dt.timedelta(days=1), dt.time.min, tz))
    if filters.minutes_state:
        qs = qs.filter(minutes_state=filters.minutes_state)
    rows, nxt = paginate(qs, after=filters.after, limit=filters.limit)
    return {"items": [meeting_out(request, m) for m in rows], "next": nxt}


@router.get("/meetings/{meeting_id}", response={200: s.Meeting, **s.ERRORS}, summary="一個會次")
def get_meeting(request: HttpRequest, meeting_id: DbId) -> dict[str, Any]:
    return meeting_out(request, access.access_meeting(caller(request), meeting_id))


@router.get(
    "/meetings/{meeting_id}/minutes",
    response={200: dict[str, Any], **s.ERRORS},
    summary="會議紀錄（Minutes JSON）",
    description="格式見 Minutes JSON 第 1 版（lieguan.minutes/1）：標題、會次、時間、主席、段落、案件、發言、會議結論、列管決定與期限。",
)
def get_minutes(request: HttpRequest, meeting_id: DbId) -> dict[str, Any]:
    meeting = access.access_minutes(caller(request), meeting_id)
    return minutes_document(meeting, reader=viewer_for(caller(request))).to_dict()


class ItemFilter(Paging):
    meeting_id: DbId | None = None


def _readable_meeting_ids(request: HttpRequest) -> Any:
    return access.readable_minutes(caller(request)).values("pk")


@router.get("/agenda-items", response={200: s.AgendaItemPage, **s.ERRORS}, summary="議程案件")
def list_items(request: HttpRequest, filters: Query[ItemFilter]) -> dict[str, Any]:
    qs = AgendaItem.objects.select_related("section").filter(section__meeting__in=access.visible_meetings(caller(request)))
    if filters.meeting_id is not None:
        qs = qs.filter(section__meeting_id=filters.meeting_id)
    rows, nxt = paginate(qs, after=filters.after, limit=filters.limit)
    hidden = access.hidden_item_ids(viewer_for(caller(request)), [i.pk for i in rows])
    rows = [redact(i) if i.pk in hidden else i for i in rows]
    items = [
        {
            "id": i.pk,
            "meeting_id": i.section.meeting_id,
            "section_label": i.section.label,
            "section_kind": i.section.kind,
            "section_heading": i.section.heading,
            "label": i.label,
            "title": i.title,
            "presenter_id": i.presenter_id,
            "presenter": i.presenter_text,
            "confidential": i.confidential,
        }
        for i in rows
    ]
    return {"items": items, "next": nxt}


class ConclusionFilter(Paging):
    meeting_id: DbId | None = None
    tracked: bool | None = None


def conclusions_out(request: HttpRequest, conclusions: list[Conclusion]) -> list[dict[str, Any]]:
    """The conclusions as the caller may read them: those of a confidential item they are not entitled to, emptied."""
    hidden = access.hidden_item_ids(viewer_for(caller(request)), {c.item_id for c in conclusions if c.item_id})
    return [conclusion_out(redact(c) if c.item_id in hidden else c) for c in conclusions]


def conclusion_out(c: Conclusion) -> dict[str, Any]:
    meeting_id = c.item.section.meeting_id if c.item_id else c.section.meeting_id  # type: ignore[union-attr]
    return {
        "id": c.pk,
        "meeting_id": meeting_id,
        "item_id": c.item_id,
        "section_id": c.section_id,
        "label": c.label,
        "text": c.text,
        "tracked": c.tracked,
        "confidential": is_redacted(c),
    }


@router.get("/conclusions", response={200: s.ConclusionPage, **s.ERRORS}, summary="會議結論")
def list_conclusions(request: HttpRequest, filters: Query[ConclusionFilter]) -> dict[str, Any]:
    readable = _readable_meeting_ids(request)
    qs = Conclusion.objects.select_related("item__section", "section").filter(
        Q(item__section__meeting_id__in=readable) | Q(section__meeting_id__in=readable)
    )
    if filters.meeting_id is not None:
        qs = qs.filter(Q(item__section__meeting_id=filters.meeting_id) | Q(section__meeting_id=filters.meeting_id))
    if filters.tracked is not None:
        qs = qs.filter(tracked=filters.tracked)
    rows, nxt = paginate(qs, after=filters.after, limit=filters.limit)
    return {"items": conclusions_out(request, list(rows)), "next": nxt}


@router.get("/conclusions/{conclusion_id}", response={200: s.Conclusion, **s.ERRORS}, summary="一則會議結論")
def get_conclusion(request: HttpRequest, conclusion_id: DbId) -> dict[str, Any]:
    c = Conclusion.objects.select_related("item__section", "section").filter(pk=conclusion_id).first()
    if c is None:
        raise Http404(_("找不到此會議結論。"))
    meeting_id = c.item.section.meeting_id if c.item_id else c.section.meeting_id  # type: ignore[union-attr]
    access.access_minutes(caller(request), meeting_id)
    return conclusions_out(request, [c])[0]
