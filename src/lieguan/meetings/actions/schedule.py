"""Scheduling meetings: numbers, defaults from the series, the agenda skeleton."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lieguan.core import audit, dates
from lieguan.core.actors import Actor, is_system
from lieguan.core.calendar import day_off_reason, work_calendar, working_days_before
from lieguan.meetings import access, notifying
from lieguan.meetings.actions._common import require_runs_series
from lieguan.meetings.audit_events import MEETING_CANCEL, MEETING_PREVIOUS_MINUTES, MEETING_SCHEDULE, MEETING_UPDATE
from lieguan.meetings.models import AgendaItem, AgendaSection, Conclusion, Meeting, MeetingSeries
from lieguan.meetings.signals import meeting_moved, send_within
from lieguan.minutes.numerals import to_chinese, to_financial
from lieguan.minutes.rocdate import format_roc_date, to_roc_year
from lieguan.minutes.workdays import WorkCalendar
from lieguan.organisations.models import Person

# Uploads close at the end of a working day, so that the secretariat still has the
# working days in between to read them before the meeting.
CUTOFF_TIME = dt.time(17, 0)


class ConfirmationRequired(ValidationError):
    """The schedule is allowed but unusual (a weekend, a holiday, a number out of order): the user must confirm it."""

    def __init__(self, warnings: list[str]) -> None:
        super().__init__(warnings)
        self.warnings = warnings


def default_materials_cutoff(series: MeetingSeries, start: dt.datetime, calendar: WorkCalendar | None = None) -> dt.datetime:
    """The series' cut-off before a meeting: 17:00 of the working day N working days before the meeting day.

    Counted on the government calendar (weekends, holidays, 補班 and the administrator's
    overrides), so it never falls on a day off. With N = 0 uploads stay open until the meeting starts.
    """
    if series.material_cutoff_days == 0:
        return start
    day = working_days_before(timezone.localtime(start).date(), series.material_cutoff_days, calendar)
    return timezone.make_aware(dt.datetime.combine(day, CUTOFF_TIME))


def warnings_for_schedule(
    series: MeetingSeries,
    *,
    start: dt.datetime,
    number: int,
    year: int | None = None,
    exclude: Meeting | None = None,
    calendar: WorkCalendar | None = None,
) -> list[str]:
    """What the user should confirm before a meeting is put (or moved) at ``start`` with ``number``.

    A weekend or holiday, and a number out of order with the dates of the series' other
    sessions (第91次 before 第89次), are allowed, since such meetings do happen, but never silently.
    """
    warnings = []
    day = timezone.localtime(start).date()
    reason = day_off_reason(day, calendar or work_calendar())
    if reason:
        warnings.append(_("%(date)s是%(reason)s，不是上班日。") % {"date": dates.long_date(day), "reason": reason})
    # Yearly series restart their numbers: only the same year's sessions are in order with this one.
    others = series.meetings.filter(cancelled=False).filter(Q(year=year) if year is not None else Q(year__isnull=True))
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    ordinal = f"{year}年第{number}次" if year else f"第{number}次"
    later_but_smaller = others.filter(number__lt=number, start__gt=start).order_by("start").first()
    if later_but_smaller is not None:
        when = dates.long_date(later_but_smaller.start)
        warnings.append(
            _("%(ordinal)s排在%(other)s（%(date)s）之前，會次與日期的順序不一致。")
            % {"ordinal": ordinal, "other": later_but_smaller.ordinal, "date": when}
        )
    earlier_but_larger = others.filter(number__gt=number, start__lt=start).order_by("-start").first()
    if earlier_but_larger is not None:
        when = dates.long_date(earlier_but_larger.start)
        warnings.append(
            _("%(ordinal)s排在%(other)s（%(date)s）之後，會次與日期的順序不一致。")
            % {"ordinal": ordinal, "other": earlier_but_larger.ordinal, "date": when}
        )
    return warnings


def _require_confirmation(actor: Actor, warnings: list[str], confirm: bool) -> None:
    # A rule for people only: the operator's jobs (import of past minutes, the demo) record meetings that
    # were held as they were, so an odd number, a weekend or a holiday is no question to ask them.
    if warnings and not confirm and not is_system(actor):
        raise ConfirmationRequired(warnings)


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


def refresh_previous_minutes(actor: Actor, series: MeetingSeries) -> list[Meeting]:
    """Keep each session's 宣讀 line on the session it reads, until its own minutes are published.

    A scheduled session whose minutes are still a draft (or circulating) reads the latest
    session before it: when a date or number changes, or a session is put in between or
    called off, its link and its heading 「宣讀111年8月24日第223次主任秘書會報紀錄」 follow.
    Published minutes keep the line they were published with. Imported sessions keep what
    their own text says. Returns the sessions that changed; each change is audited.
    """
    changed = []
    drafts = (
        series.meetings.filter(cancelled=False, source=Meeting.Source.SCHEDULED)
        .exclude(minutes_state__in=access.PUBLISHED_STATES)
        .select_related("previous")
    )
    for later in drafts:
        previous = previous_meeting(series, later.start, exclude=later.pk)
        heading = previous_minutes_heading(series, previous)
        sections = [s for s in later.sections.filter(kind=AgendaSection.Kind.PREVIOUS_MINUTES) if _derived(s.heading)]
        stale = [s for s in sections if s.heading != heading]
        if later.previous_id == (previous.pk if previous else None) and not stale:
            continue
        before = {"previous": later.previous_id, "headings": [s.heading for s in sections]}
        later.previous = previous
        later.save(update_fields=["previous", "updated"])
        for section in stale:
            section.heading = heading
            section.save(update_fields=["heading"])
        after = {"previous": later.previous_id, "headings": [heading for _section in sections]}
        audit.record(actor=actor, action=MEETING_PREVIOUS_MINUTES, target=later, before=before, after=after)
        changed.append(later)
    return changed


def _derived(heading: str) -> bool:
    """A heading this module wrote (宣讀上次會議紀錄, 宣讀…第N次…紀錄), not one the secretariat reworded."""
    return heading.startswith("宣讀") and heading.endswith("紀錄")


def do_schedule_meeting(
    actor: Actor,
    series: MeetingSeries,
    *,
    start: dt.datetime,
    location: str | None = None,
    chair: Person | None = None,
    recorder: Person | None = None,
    number: int | None = None,
    year: int | None = None,
    materials_cutoff: dt.datetime | None = None,
    confirm: bool = False,
) -> Meeting:
    """Put a new session in the series; ``confirm`` must be True when ``warnings_for_schedule`` has anything to say."""
    require_runs_series(actor, series)
    if timezone.is_naive(start):
        raise ValidationError(_("開會時間須含時區。"))
    if number is None:
        number, year = next_number(series, start)
    elif series.numbering == MeetingSeries.Numbering.YEARLY and year is None:
        year = to_roc_year(timezone.localtime(start).year)
    chair = chair or series.default_chair
    recorder = recorder or series.default_recorder
    with transaction.atomic():
        clash = series.meetings.filter(number=number, year=year)
        if clash.exists():
            raise ValidationError(_("此會議已有%(ordinal)s，請確認會次。") % {"ordinal": clash.first().ordinal})  # type: ignore[union-attr]
        _require_confirmation(actor, warnings_for_schedule(series, start=start, number=number, year=year), confirm)
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
            materials_cutoff=materials_cutoff or default_materials_cutoff(series, start),
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
        audit.record(actor=actor, action=MEETING_SCHEDULE, target=meeting, after=audit.snapshot(meeting))
        # A session put between two others becomes the one the later session reads.
        refresh_previous_minutes(actor, series)
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


def do_update_meeting(actor: Actor, meeting: Meeting, *, confirm: bool = False, **changes: Any) -> Meeting:
    """Change a session; moving or renumbering it needs ``confirm`` when ``warnings_for_schedule`` warns."""
    require_runs_series(actor, meeting.series)
    unknown = set(changes) - MEETING_FIELDS
    if unknown:
        raise ValueError(f"unknown meeting fields: {', '.join(sorted(unknown))}")
    if meeting.minutes_state in access.PUBLISHED_STATES and {"start", "number", "year"} & set(changes):
        # The date and number are part of the published record (and of the next session's 宣讀 line).
        raise ValidationError(_("此會次的會議紀錄已發布，開會日期與會次已是紀錄的一部分，不可再變更。"))
    with transaction.atomic():
        before = audit.snapshot(meeting)
        placed = (meeting.start, meeting.number, meeting.year)
        for key, value in changes.items():
            setattr(meeting, key, value)
        if meeting.series.numbering == MeetingSeries.Numbering.YEARLY and "start" in changes and "year" not in changes:
            # A meeting moved into another year takes that year's numbering.
            meeting.year = to_roc_year(timezone.localtime(meeting.start).year)
        if {"number", "year", "start"} & set(changes):
            clash = meeting.series.meetings.filter(number=meeting.number, year=meeting.year).exclude(pk=meeting.pk)
            if clash.exists():
                raise ValidationError(_("此會議已有%(ordinal)s，請確認會次。") % {"ordinal": clash.first().ordinal})  # type: ignore[union-attr]
            if (meeting.start, meeting.number, meeting.year) != placed:
                warnings = warnings_for_schedule(
                    meeting.series, start=meeting.start, number=meeting.number, year=meeting.year, exclude=meeting
                )
                _require_confirmation(actor, warnings, confirm)
        if "chair" in changes:
            meeting.chair_name = meeting.chair.name if meeting.chair else ""
            meeting.chair_title = meeting.chair.title if meeting.chair else ""
        if "recorder" in changes:
            meeting.recorder_name = meeting.recorder.name if meeting.recorder else ""
        if meeting.end and meeting.end < meeting.start:
            raise ValidationError(_("散會時間不可早於開會時間。"))
        if "start" in changes:
            meeting.previous = previous_meeting(meeting.series, meeting.start, exclude=meeting.pk)
        meeting.full_clean()
        meeting.save()
        audit.record(actor=actor, action=MEETING_UPDATE, target=meeting, before=before, after=audit.snapshot(meeting))
        notifying.meeting_rescheduled(actor, meeting, old_start=placed[0], old_location=before["location"])
        if {"start", "number", "year", "cancelled"} & set(changes):
            refresh_previous_minutes(actor, meeting.series)
        if meeting.start != placed[0]:
            # What the meeting decided takes effect on its (new) day: tracking moves its dates with it.
            send_within(meeting_moved, actor=actor, meeting=meeting, old_start=placed[0])
    return meeting


def do_cancel_meeting(actor: Actor, meeting: Meeting) -> Meeting:
    """Call a meeting off. It stays in the series (its number is not reused); a notice can tell the invitees."""
    require_runs_series(actor, meeting.series)
    if meeting.cancelled:
        return meeting
    has_minutes = Conclusion.objects.filter(Q(item__section__meeting=meeting) | Q(section__meeting=meeting)).exists()
    if meeting.minutes_state != Meeting.MinutesState.DRAFT or has_minutes:
        raise ValidationError(_("此會次已有會議紀錄，不能取消。"))
    with transaction.atomic():
        before = audit.snapshot(meeting)
        meeting.cancelled = True
        meeting.save(update_fields=["cancelled", "updated"])
        audit.record(actor=actor, action=MEETING_CANCEL, target=meeting, before=before, after=audit.snapshot(meeting))
        # The session after a cancelled one reads the one before it.
        refresh_previous_minutes(actor, meeting.series)
    return meeting
