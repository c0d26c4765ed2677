"""Scheduling meetings: numbers, defaults from the series, the agenda skeleton."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from lieguan.core import audit
from lieguan.meetings.actions._common import require_runs_series
from lieguan.meetings.models import AgendaItem, AgendaSection, Conclusion, Meeting, MeetingSeries
from lieguan.minutes.numerals import to_chinese, to_financial
from lieguan.minutes.rocdate import format_roc_date, to_roc_year
from lieguan.organisations.models import Person


def next_number(series: MeetingSeries, start: dt.datetime) -> tuple[int, int | None]:
    """The number the next meeting gets: 第N次 after the last, or 113年第N次 restarting each ROC year."""
    if series.numbering == MeetingSeries.Numbering.YEARLY:
        year = to_roc_year(timezone.localtime(start).year)
        last = series.meetings.filter(year=year).aggregate(n=Max("number"))["n"]
        return (last or 0) + 1, year
    last = series.meetings.filter(year__isnull=True).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1, None


def previous_meeting(series: MeetingSeries, start: dt.datetime, exclude: int | None = None) -> Meeting | None:
    qs = series.meetings.filter(start__lt=start, cancelled=False).order_by("-start")
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    return qs.first()


def previous_minutes_heading(series: MeetingSeries, previous: Meeting | None) -> str:
    """宣讀111年8月24日第223次主任秘書會報紀錄"""
    if previous is None:
        return "宣讀上次會議紀錄"
    day = format_roc_date(timezone.localtime(previous.start).date())
    return f"宣讀{day}{previous.ordinal}{series.name}紀錄"


def do_schedule_meeting(
    actor: Any,
    series: MeetingSeries,
    *,
    start: dt.datetime,
    location: str | None = None,
    chair: Person | None = None,
    recorder: Person | None = None,
    number: int | None = None,
    year: int | None = None,
    materials_cutoff: dt.datetime | None = None,
) -> Meeting:
    require_runs_series(actor, series)
    if timezone.is_naive(start):
        raise ValidationError("開會時間須含時區。")
    if number is None:
        number, year = next_number(series, start)
    elif series.numbering == MeetingSeries.Numbering.YEARLY and year is None:
        year = to_roc_year(timezone.localtime(start).year)
    chair = chair or series.default_chair
    recorder = recorder or series.default_recorder
    with transaction.atomic():
        clash = series.meetings.filter(number=number, year=year)
        if clash.exists():
            raise ValidationError(f"此會議已有{clash.first().ordinal}，請確認會次。")  # type: ignore[union-attr]
        previous = previous_meeting(series, start)
        meeting = Meeting.objects.create(
            series=series,
            number=number,
            year=year,
            start=start,
            location=location if location is not None else series.default_location,
            chair=chair,
            chair_name=chair.name if chair else "",
            chair_title=chair.title if chair else "",
            recorder=recorder,
            recorder_name=recorder.name if recorder else "",
            materials_cutoff=materials_cutoff or (start - dt.timedelta(hours=series.material_cutoff_hours)),
            previous=previous,
        )
        for position, entry in enumerate(series.agenda_template, start=1):
            heading = entry["heading"]
            if entry["kind"] == AgendaSection.Kind.PREVIOUS_MINUTES:
                heading = previous_minutes_heading(series, previous)
            section = AgendaSection.objects.create(
                meeting=meeting,
                position=position,
                label=to_financial(position),
                kind=entry["kind"],
                heading=heading,
                conclusion_heading="決議" if entry["kind"] == AgendaSection.Kind.DISCUSSIONS else "",
            )
            for n, title in enumerate(entry.get("items", []), start=1):
                AgendaItem.objects.create(section=section, position=n, label=to_chinese(n), title=title)
        audit.record(actor=actor, action="meeting.schedule", target=meeting, after=audit.snapshot(meeting))
    return meeting


MEETING_FIELDS = {
    "start",
    "end",
    "location",
    "chair",
    "recorder",
    "materials_cutoff",
    "present_text",
    "observers_text",
    "excused_text",
    "cancelled",
    "number",
    "year",
}


def do_update_meeting(actor: Any, meeting: Meeting, **changes: Any) -> Meeting:
    require_runs_series(actor, meeting.series)
    unknown = set(changes) - MEETING_FIELDS
    if unknown:
        raise ValueError(f"unknown meeting fields: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        before = audit.snapshot(meeting)
        for key, value in changes.items():
            setattr(meeting, key, value)
        if meeting.series.numbering == MeetingSeries.Numbering.YEARLY and "start" in changes and "year" not in changes:
            # A meeting moved into another year takes that year's numbering.
            meeting.year = to_roc_year(timezone.localtime(meeting.start).year)
        if {"number", "year", "start"} & set(changes):
            clash = meeting.series.meetings.filter(number=meeting.number, year=meeting.year).exclude(pk=meeting.pk)
            if clash.exists():
                raise ValidationError(f"此會議已有{clash.first().ordinal}，請確認會次。")  # type: ignore[union-attr]
        if "chair" in changes:
            meeting.chair_name = meeting.chair.name if meeting.chair else ""
            meeting.chair_title = meeting.chair.title if meeting.chair else ""
        if "recorder" in changes:
            meeting.recorder_name = meeting.recorder.name if meeting.recorder else ""
        if meeting.end and meeting.end < meeting.start:
            raise ValidationError("散會時間不可早於開會時間。")
        if "start" in changes:
            meeting.previous = previous_meeting(meeting.series, meeting.start, exclude=meeting.pk)
        meeting.full_clean()
        meeting.save()
        audit.record(actor=actor, action="meeting.update", target=meeting, before=before, after=audit.snapshot(meeting))
    return meeting


def do_cancel_meeting(actor: Any, meeting: Meeting) -> Meeting:
    """Call a meeting off. It stays in the series (its number is not reused); a notice can tell the invitees."""
    require_runs_series(actor, meeting.series)
    if meeting.cancelled:
        return meeting
    has_minutes = Conclusion.objects.filter(Q(item__section__meeting=meeting) | Q(section__meeting=meeting)).exists()
    if meeting.minutes_state != Meeting.MinutesState.DRAFT or has_minutes:
        raise ValidationError("此會次已有會議紀錄，不能取消。")
    with transaction.atomic():
        before = audit.snapshot(meeting)
        meeting.cancelled = True
        meeting.save(update_fields=["cancelled", "updated"])
        audit.record(actor=actor, action="meeting.cancel", target=meeting, before=before, after=audit.snapshot(meeting))
    return meeting
