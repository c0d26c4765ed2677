"""A series whose meetings lie around today, so that reports go to real "next meetings"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from lieguan.meetings import actions as m
from lieguan.meetings.models import AgendaSection, Meeting, MeetingSeries
from lieguan.tracking import actions as t
from lieguan.tracking.models import Assignment, TrackedCase
from tests.factories import SETUP, City


@dataclass
class Board:
    city: City
    series: MeetingSeries
    past: Meeting
    next: Meeting
    after: Meeting
    case: TrackedCase

    def assignment(self, short_name: str) -> Assignment:
        return self.case.assignments.get(organisation__short_name=short_name)


def at(days: int) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


def make_board(city: City) -> Board:
    """主任秘書會報: a meeting a month ago whose conclusion is tracked (資訊局 leads, 教育局 helps), the next two ahead."""
    series = m.do_create_series(SETUP, owner=city.root, code="chiefs", name="主任秘書會報", level="city")
    past = m.do_schedule_meeting(SETUP, series, start=at(-30), number=300)
    item = m.do_add_item(SETUP, past.sections.get(kind=AgendaSection.Kind.REPORTS), title="校園網路頻寬", presenter=city.it)
    conclusion = m.do_add_conclusion(SETUP, item, text="請資訊局評估頻寬擴充方案，並請教育局協助彙整各校需求。")
    upcoming = m.do_schedule_meeting(SETUP, series, start=at(7))
    after = m.do_schedule_meeting(SETUP, series, start=at(35))
    case = t.do_select_case(city.user("alice"), conclusion, lead=city.it, co=[city.edu])
    return Board(city, series, past, upcoming, after, case)
