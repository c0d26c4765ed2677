"""A meeting as an iCalendar event (.ics): the one builder behind the e-mailed notice and the subscribed feeds.

The event keeps one UID per meeting, so that a notice sent again (a changed
time or room, a cancellation) updates the entry already in each invitee's
calendar program instead of adding a second one, and a program that both
received the notice and subscribes to a feed holds one event, not two.
SEQUENCE grows with each notice sent, which is how calendar programs tell the
newer version.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from lieguan.meetings.models import Invitation, Meeting

PRODID = "-//Lieguan//會議與列管系統//ZH-TW"
# Calendar programs show a meeting without an end as a point in time; two hours is what a 會報 usually takes.
DEFAULT_LENGTH = dt.timedelta(hours=2)


def uid_domain() -> str:
    """The host part of every UID: the sender's mail domain, whatever host name a request used."""
    return settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "lieguan"


def meeting_uid(meeting: Meeting) -> str:
    return f"lieguan-meeting-{meeting.pk}@{uid_domain()}"


def meeting_url(meeting: Meeting, base_url: str) -> str:
    return base_url.rstrip("/") + reverse("meetings:meeting", args=[meeting.pk])


def meeting_end(meeting: Meeting) -> dt.datetime:
    if meeting.end and meeting.end > meeting.start:
        return meeting.end
    return meeting.start + DEFAULT_LENGTH


def new_ics(method: str = "PUBLISH") -> Calendar:
    """An empty VCALENDAR; what it carries is added by the caller, then ``ics_bytes`` writes it."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    return calendar


def ics_bytes(calendar: Calendar) -> bytes:
    """The .ics text, with the VTIMEZONE (Asia/Taipei) its events' times refer to."""
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def meeting_event(meeting: Meeting, *, base_url: str, sequence: int, agenda: str, invitations: list[Invitation] | None = None) -> Event:
    """One VEVENT in Asia/Taipei time: the agenda (when given) and the link to the meeting page in its description.

    ``invitations`` become ATTENDEEs: a notice names its invitee, a feed names nobody.
    """
    series = meeting.series
    link = meeting_url(meeting, base_url)
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", sequence)
    event.add("dtstamp", timezone.now().astimezone(dt.UTC))
    event.add("last-modified", meeting.updated.astimezone(dt.UTC))
    event.add("dtstart", timezone.localtime(meeting.start))
    event.add("dtend", timezone.localtime(meeting_end(meeting)))
    event.add("summary", f"{series.full_name}{meeting.ordinal}")
    if meeting.location:
        event.add("location", meeting.location)
    event.add("description", f"{agenda}\n\n議程及會議資料：{link}" if agenda else f"會議資料：{link}")
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
    return event
