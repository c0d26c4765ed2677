"""A scheduled meeting of the test city, for the schedule/agenda/attendance/materials/notice tests.

The city's 主任秘書會報 (run by alice) meets in a week; 資訊局 and 教育局 each
present an item; frank (教育局) is invited as a member.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lieguan.meetings import actions
from lieguan.meetings.models import AgendaItem, Invitation, Meeting, MeetingSeries
from tests.factories import SETUP, City

PDF = b"%PDF-1.4\n% a small test file\n"


@dataclass
class Scheduled:
    series: MeetingSeries
    meeting: Meeting
    it_item: AgendaItem
    edu_item: AgendaItem
    frank: Invitation


def make_series(city: City, **fields) -> MeetingSeries:
    defaults = {
        "name": "主任秘書會報",
        "default_chair": city.people["erin"],
        "default_recorder": city.people["alice"],
        "default_location": "市政大樓第一會議室",
    }
    return actions.do_create_series(SETUP, owner=city.root, **{**defaults, **fields})


def schedule(city: City, *, start: dt.datetime | None = None, series: MeetingSeries | None = None) -> Scheduled:
    series = series or make_series(city)
    start = start or (timezone.now() + dt.timedelta(days=7)).replace(hour=10, minute=0, second=0, microsecond=0)
    meeting = actions.do_schedule_meeting(SETUP, series, start=start)
    reports = meeting.sections.get(kind="reports")
    it_item = actions.do_add_item(SETUP, reports, title="116年度資訊預算編列情形", presenter=city.it)
    edu_item = actions.do_add_item(SETUP, reports, title="校園網路頻寬擴充", presenter=city.edu)
    frank = actions.do_invite(SETUP, meeting, city.people["frank"])
    return Scheduled(series, meeting, it_item, edu_item, frank)


def pdf(name: str = "資訊預算簡報.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")
