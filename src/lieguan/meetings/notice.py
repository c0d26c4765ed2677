"""The meeting notice (開會通知): its text, its calendar entry (.ics) and the e-mails that carry both.

The calendar entry keeps one UID per meeting, so that a notice sent again (a
changed time or room, a cancellation) updates the entry already in each
invitee's calendar instead of adding a second one; SEQUENCE grows with each
notice sent, which is how calendar programs tell the newer version.
"""

from __future__ import annotations

import datetime as dt
from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from lieguan.core import audit
from lieguan.meetings.document import load_tree
from lieguan.meetings.models import Invitation, Meeting
from lieguan.minutes.rocdate import format_roc_date, format_time, weekday_zh

NOTICE_ACTION = "meeting.notice"
# Calendars show a meeting without an end as a point in time; two hours is what a 會報 usually takes.
DEFAULT_LENGTH = dt.timedelta(hours=2)


def meeting_uid(meeting: Meeting) -> str:
    """The same for every notice of one meeting, whatever host name the sender used."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "lieguan"
    return f"lieguan-meeting-{meeting.pk}@{domain}"


def notices_sent(meeting: Meeting) -> int:
    return audit.history(meeting).filter(action=NOTICE_ACTION).count()


def meeting_url(meeting: Meeting, base_url: str) -> str:
    return base_url.rstrip("/") + reverse("meetings:meeting", args=[meeting.pk])


def when_text(moment: dt.datetime) -> str:
    """115年12月17日（四）10時00分"""
    local = timezone.localtime(moment)
    return f"{format_roc_date(local.date())}（{weekday_zh(local.date())}）{format_time(local.time())}"


def agenda_text(meeting: Meeting) -> str:
    """壹、報告事項 / 　一、…（資訊局）: the agenda as plain lines, for the e-mail and the calendar entry."""
    lines: list[str] = []
    for section in load_tree(meeting):
        lines.append(f"{section.label}、{section.heading}")
        for item in section.items.all():
            presenter = f"（{item.presenter_text}）" if item.presenter_text else ""
            lines.append(f"　{item.label}、{item.title}{presenter}")
    return "\n".join(lines)


def _end(meeting: Meeting) -> dt.datetime:
    if meeting.end and meeting.end > meeting.start:
        return meeting.end
    return meeting.start + DEFAULT_LENGTH


def build_calendar(
    meeting: Meeting,
    *,
    base_url: str,
    sequence: int,
    method: str = "PUBLISH",
    invitations: list[Invitation] | None = None,
) -> bytes:
    """One VEVENT in Asia/Taipei time, with the agenda and the link to the meeting page in its description."""
    series = meeting.series
    link = meeting_url(meeting, base_url)
    calendar = Calendar()
    calendar.add("prodid", "-//Lieguan//會議與列管系統//ZH-TW")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", sequence)
    event.add("dtstamp", timezone.now().astimezone(dt.UTC))
    event.add("dtstart", timezone.localtime(meeting.start))
    event.add("dtend", timezone.localtime(_end(meeting)))
    event.add("summary", f"{series.full_name}{meeting.ordinal}")
    if meeting.location:
        event.add("location", meeting.location)
    event.add("description", f"{agenda_text(meeting)}\n\n議程及會議資料：{link}")
    event.add("url", link)
    event.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
    organizer.params["cn"] = vText(series.owner.name)
    event["organizer"] = organizer
    for invitation in invitations or []:
        attendee = vCalAddress(f"mailto:{invitation.person.email}")
        attendee.params["cn"] = vText(invitation.person.name)
        attendee.params["role"] = (
            vText("REQ-PARTICIPANT") if invitation.capacity == Invitation.Capacity.MEMBER else vText("OPT-PARTICIPANT")
        )
        attendee.params["rsvp"] = vText("FALSE")
        event.add("attendee", attendee, encode=False)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def ics_filename(meeting: Meeting) -> str:
    return f"{meeting.series.full_name}{meeting.ordinal}.ics"


def notice_subject(meeting: Meeting, *, update: bool) -> str:
    name = f"{meeting.series.full_name}{meeting.ordinal}"
    if meeting.cancelled:
        return f"會議取消通知：{name}"
    return f"{'【更新】' if update else ''}開會通知：{name}"


def notice_body(meeting: Meeting, invitation: Invitation, *, base_url: str, update: bool) -> str:
    context = {
        "meeting": meeting,
        "series": meeting.series,
        "person": invitation.person,
        "capacity": invitation.get_capacity_display(),
        "when": when_text(meeting.start),
        "cutoff": when_text(meeting.materials_cutoff) if meeting.materials_cutoff else "",
        "agenda": agenda_text(meeting),
        "link": meeting_url(meeting, base_url),
        "update": update,
    }
    return render_to_string("meetings/notice_email.txt", context)


def notice_message(meeting: Meeting, invitation: Invitation, *, base_url: str, sequence: int, update: bool) -> EmailMessage:
    """The e-mail to one invitee, with the calendar entry both as an invitation part and as an attachment."""
    message = EmailMessage(
        subject=notice_subject(meeting, update=update),
        body=notice_body(meeting, invitation, base_url=base_url, update=update),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invitation.person.email],
    )
    method = "CANCEL" if meeting.cancelled else "REQUEST"
    ics = build_calendar(meeting, base_url=base_url, sequence=sequence, method=method, invitations=[invitation])
    part = MIMEText(ics.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", ics_filename(meeting)))
    message.attach(part)
    return message
