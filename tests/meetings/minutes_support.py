"""Meetings of the test city that have been held, with minutes to write, review, publish and confirm.

The city's 主任秘書會報 (run by alice, chaired by erin) met two days ago: a
report by 教育局 and a discussion item; frank (教育局) was invited. The next
session, a week later, confirms its minutes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from lieguan.meetings import actions
from lieguan.meetings.models import AgendaItem, AgendaSection, Meeting, MeetingSeries
from tests.factories import SETUP, City
from tests.meetings.meeting_support import make_series

K = AgendaSection.Kind


@dataclass
class Held:
    series: MeetingSeries
    meeting: Meeting
    report: AgendaItem
    proposal: AgendaItem


def held_meeting(city: City, *, series: MeetingSeries | None = None, days_ago: int = 2, public: bool = False) -> Held:
    series = series or make_series(city, public=public)
    start = timezone.localtime() - dt.timedelta(days=days_ago)
    start = start.replace(hour=10, minute=0, second=0, microsecond=0)
    meeting = actions.do_schedule_meeting(SETUP, series, start=start)
    reports = meeting.sections.get(kind=K.REPORTS)
    report = actions.do_add_item(SETUP, reports, title="校園網路頻寬擴充", presenter=city.edu)
    discussions = meeting.sections.get(kind=K.DISCUSSIONS)
    proposal = actions.do_add_item(
        SETUP, discussions, title="擬訂定本府會議室借用要點", presenter=city.secretariat, explanation="現行借用方式不一。"
    )
    actions.do_invite(SETUP, meeting, city.people["frank"])
    return Held(series, meeting, report, proposal)


def written(city: City, held: Held) -> Held:
    """The minutes of ``held`` written by alice: a remark and two conclusions, one tracked."""
    alice = city.user("alice")
    actions.do_add_remark(alice, held.report, speaker="教育局吳主秘", text="已完成 30 所學校頻寬盤點。")
    actions.do_add_conclusion(alice, held.report, text="請資訊局於 12 月底前提出頻寬擴充計畫。", tracked=True)
    actions.do_add_conclusion(alice, held.report, text="請教育局協助彙整各校需求。")
    actions.do_add_conclusion(alice, held.proposal, text="照案通過。")
    previous = held.meeting.sections.get(kind=K.PREVIOUS_MINUTES)
    actions.do_add_conclusion(alice, previous, text="紀錄確定。")
    return held


def published(city: City, held: Held) -> Held:
    written(city, held)
    actions.do_transition_minutes(city.user("alice"), held.meeting, Meeting.MinutesState.PUBLISHED)
    held.meeting.refresh_from_db()
    return held


def next_meeting(city: City, held: Held) -> Meeting:
    """The following session, whose 宣讀上次會議紀錄 confirms the minutes of ``held``."""
    start = held.meeting.start + dt.timedelta(days=7)
    return actions.do_schedule_meeting(SETUP, held.series, start=start)
