""".ics feeds: the meetings a user may see, the deadlines of their agency's cases, a public series' sessions.

A calendar program reads a feed without signing in, so a personal feed lives
at a secret address (``CalendarFeed``: only the secret's hash is kept). What a
feed lists is decided by the access functions for the feed's owner, exactly
as the pages would show it to them.

A meeting's event is built by ``meetings.ics``, as the e-mailed notice's is, with
the SEQUENCE of the latest notice sent, so that a calendar program that received
the notice and also subscribes to the feed holds one event, not two.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import Count, Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from lieguan.api.auth import Anonymous
from lieguan.api.models import CalendarFeed, hash_token
from lieguan.core.audit import object_type_of
from lieguan.core.models import AuditEntry
from lieguan.meetings import access as meetings_access
from lieguan.meetings.ics import ics_bytes, meeting_event, new_ics, uid_domain
from lieguan.meetings.models import Meeting, MeetingSeries
from lieguan.meetings.notice import NOTICE_ACTION, agenda_text
from lieguan.organisations.access import Viewer, viewer_for
from lieguan.organisations.models import Role
from lieguan.tracking import access as tracking_access
from lieguan.tracking.models import Assignment, CaseStatus, TrackedCase

# Older meetings are listed with the link to their minutes only: their agenda is in the
# minutes, and reading every agenda of years of history would make the feed slow.
AGENDA_DAYS = 31
# Calendar programs that honour these poll hourly instead of daily.
REFRESH = "PT1H"


def feed_owner(secret: str) -> Any | None:
    """The user whose feed this secret opens, or None (wrong, reset, or the account was closed)."""
    if not secret or len(secret) > 100:
        return None
    feed = CalendarFeed.objects.select_related("user").filter(digest=hash_token(secret)).first()
    if feed is None or not feed.user.is_active:
        return None
    return feed.user


def has_feed(user: Any) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first() if user.is_authenticated else None


# --- What each feed lists ---


def feed_meetings(user: Any, series: MeetingSeries | None = None) -> QuerySet[Meeting]:
    """Every meeting ``user`` may see (of one series, when given), oldest first."""
    meetings = meetings_access.visible_meetings(user)
    if series is not None:
        meetings = meetings.filter(series=series)
    # The event names the series' owner as its organiser.
    return meetings.select_related("series__owner").order_by("start", "pk")


def feed_cases(user: Any) -> QuerySet[TrackedCase]:
    """Open cases with a deadline: a liaison's agency and its units' part of them, or every case others may see."""
    cases = tracking_access.visible_cases(user).filter(status=CaseStatus.OPEN, deadline__isnull=False)
    liaison = viewer_for(user).scope(Role.LIAISON)
    if liaison:
        # One filter() call: the same assignment must be the agency's and still open.
        cases = cases.filter(assignments__organisation_id__in=liaison, assignments__status=CaseStatus.OPEN)
    assignments = Assignment.objects.select_related("organisation")
    return cases.prefetch_related(Prefetch("assignments", queryset=assignments)).distinct().order_by("deadline", "pk")


def public_meetings(series: MeetingSeries) -> QuerySet[Meeting]:
    """The sessions of a public series that the public may see (the access functions, with nobody signed in)."""
    return feed_meetings(Anonymous(), series)


# --- Writing the feeds ---


def _feed(name: str, description: str) -> Calendar:
    calendar = new_ics()
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-caldesc", description)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("refresh-interval", dt.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    return calendar


def _notices_sent(meetings: list[Meeting]) -> dict[int, int]:
    """How many notices each meeting had sent, in one query."""
    if not meetings:
        return {}
    rows = AuditEntry.objects.filter(object_type=object_type_of(Meeting), action=NOTICE_ACTION).values("object_id").annotate(n=Count("id"))
    return {int(r["object_id"]): r["n"] for r in rows if r["object_id"].isdigit()}


def meetings_ics(meetings: Iterable[Meeting], *, base_url: str, name: str, reader: Viewer) -> bytes:
    """Meetings as VEVENTs in Asia/Taipei time, with the VTIMEZONE that defines it; agendas as ``reader`` reads them."""
    rows = list(meetings)
    sent = _notices_sent(rows)
    recent = timezone.now() - dt.timedelta(days=AGENDA_DAYS)
    calendar = _feed(name, _("%(city)s會議與列管系統的會議行事曆") % {"city": settings.CITY_NAME})
    for meeting in rows:
        # The SEQUENCE of the latest notice e-mailed: the feed shows that same version of the event.
        sequence = max(sent.get(meeting.pk, 0) - 1, 0)
        agenda = agenda_text(meeting, reader) if meeting.start >= recent else ""
        calendar.add_component(meeting_event(meeting, base_url=base_url, sequence=sequence, agenda=agenda))
    return ics_bytes(calendar)


def case_url(case: TrackedCase, base_url: str) -> str:
    return base_url.rstrip("/") + reverse("tracking:case", args=[case.pk])


def _agencies(case: TrackedCase, role: str) -> str:
    return _("、").join(a.organisation.display_name for a in case.assignments.all() if a.role == role)


def deadline_event(case: TrackedCase, *, base_url: str) -> Event:
    """An all-day event on the deadline, with what a liaison needs to act on it."""
    assert case.deadline is not None
    link = case_url(case, base_url)
    lead, co = _agencies(case, Assignment.Role.LEAD), _agencies(case, Assignment.Role.CO)
    lines = [_("列管編號：%(number)s") % {"number": case.number}, _("案由：%(title)s") % {"title": case.title}]
    if lead:
        lines.append(_("主辦機關：%(agencies)s") % {"agencies": lead})
    if co:
        lines.append(_("協辦機關：%(agencies)s") % {"agencies": co})
    if case.deadline_basis:
        lines.append(_("期限依據：%(basis)s") % {"basis": case.deadline_basis})
    lines += ["", case.text, "", _("案件頁面：%(url)s") % {"url": link}]
    event = Event()
    event.add("uid", f"lieguan-case-{case.pk}-deadline@{uid_domain()}")
    event.add("dtstamp", timezone.now().astimezone(dt.UTC))
    event.add("last-modified", case.updated.astimezone(dt.UTC))
    event.add("dtstart", case.deadline)
    event.add("dtend", case.deadline + dt.timedelta(days=1))
    event.add("summary", _("列管期限：%(number)s %(title)s") % {"number": case.number, "title": case.title})
    event.add("description", "\n".join(lines))
    event.add("url", link)
    event.add("categories", [_("列管期限")])
    # A deadline does not take up the day: calendars must not show the person as busy.
    event.add("transp", "TRANSPARENT")
    return event


def deadlines_ics(cases: Iterable[TrackedCase], *, base_url: str, name: str, user: Any) -> bytes:
    calendar = _feed(name, _("%(city)s會議與列管系統的列管期限") % {"city": settings.CITY_NAME})
    for case in tracking_access.shown_cases(user, cases):
        calendar.add_component(deadline_event(case, base_url=base_url))
    return ics_bytes(calendar)
