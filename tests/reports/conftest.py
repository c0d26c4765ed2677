"""A small history of tracking for the statistics: one city series, one mayoral case, releases at two meetings.

主任秘書會報 第101次 (115/3/5) puts three conclusions under tracking:
  101-1 資訊局 leads, 教育局 helps, due 115/3/31;
  101-2 教育局, due 115/6/30;
  101-3 維運科 (a unit of 資訊局), due 115/4/30.
A mayoral commitment M115-001 (資訊局, due 115/5/20) was opened on 115/2/2.
第102次 (115/4/9) releases 資訊局's part of 101-1 and continues 教育局's;
第103次 (115/5/14) releases 101-3.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from lieguan.meetings import actions as m
from lieguan.meetings.models import AgendaSection, Meeting, MeetingSeries
from lieguan.tracking import actions as t
from lieguan.tracking.actions import Decide
from lieguan.tracking.models import TrackedCase
from tests.factories import SETUP, City, aware


@dataclass
class History:
    city: City
    series: MeetingSeries
    meetings: list[Meeting]
    cases: dict[str, TrackedCase]


@pytest.fixture
def history(city) -> History:
    series = m.do_create_series(
        SETUP, owner=city.root, code="chiefs", name="主任秘書會報", level="city", case_number_pattern="{session}-{seq}"
    )
    first = m.do_schedule_meeting(SETUP, series, start=aware("2026-03-05 10:00"), number=101)
    second = m.do_schedule_meeting(SETUP, series, start=aware("2026-04-09 10:00"))
    third = m.do_schedule_meeting(SETUP, series, start=aware("2026-05-14 10:00"))
    reports = first.sections.get(kind=AgendaSection.Kind.REPORTS)
    item = m.do_add_item(SETUP, reports, title="資訊業務報告", presenter=city.it)
    texts = ["請資訊局會同教育局完成校園網路盤點。", "請教育局規劃數位學習平臺。", "請資訊局維運科完成機房備援演練。"]
    conclusions = [m.do_add_conclusion(SETUP, item, text=text) for text in texts]
    cases = {
        "101-1": t.do_select_case(SETUP, conclusions[0], lead=city.it, co=[city.edu], deadline=dt.date(2026, 3, 31), title="校園網路盤點"),
        "101-2": t.do_select_case(SETUP, conclusions[1], lead=city.edu, deadline=dt.date(2026, 6, 30), title="數位學習平臺"),
        "101-3": t.do_select_case(SETUP, conclusions[2], lead=city.it_unit, deadline=dt.date(2026, 4, 30), title="機房備援演練"),
        "M115-001": t.do_create_case(
            SETUP,
            source="mayor",
            owner=city.rdec,
            title="市民數位服務躍升",
            text="市長承諾：一年內完成市民數位服務躍升。",
            lead=city.it,
            deadline=dt.date(2026, 5, 20),
            opened_on=dt.date(2026, 2, 2),
        ),
    }
    assert [c.number for c in cases.values()] == list(cases)
    t.do_record_decisions(SETUP, second, [Decide(cases["101-1"], "release", (city.it,)), Decide(cases["101-1"], "continue", (city.edu,))])
    t.do_record_decisions(SETUP, third, [Decide(cases["101-3"], "release")])
    for case in cases.values():
        case.refresh_from_db()
    return History(city, series, [first, second, third], cases)
