"""Minutes and cases to search, written through the meetings and tracking actions so that their signals index them.

- 主任秘書會報 (the city's, public; alice runs it):
  - 第224次 (111/9/22, published): an item on vehicles with three conclusions
    (公務車輛, "資訊局評估", full-width ＫＩＯＳＫ), a remark naming TaipeiON;
    the KIOSK conclusion is tracked as case 224-1 (lead 資訊局) with bob's report;
  - 第225次 (112/3/16, draft): a conclusion on 公務車 that only its writers may read.
- 局務會議 of 教育局 (not public; nobody in the city runs it but administrators):
  - 第12次 (112/5/4, published, 教育局 presents): 臺北 written with 臺.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from django.db import connection

from lieguan.meetings import actions as m
from lieguan.meetings.models import AgendaSection, Conclusion, Meeting, MeetingSeries, Remark
from lieguan.tracking import actions as t
from lieguan.tracking.models import TrackedCase
from tests.factories import SETUP, City, aware

K = AgendaSection.Kind


@dataclass
class Archive:
    city: City
    chiefs: MeetingSeries
    bureau: MeetingSeries
    published: Meeting
    draft: Meeting
    edu_meeting: Meeting
    vehicles: Conclusion
    evaluate: Conclusion
    kiosk: Conclusion
    remark: Remark
    draft_vehicles: Conclusion
    edu_conclusion: Conclusion
    case: TrackedCase

    def user(self, name: str):
        return self.city.user(name)


def build_archive(city: City) -> Archive:
    chiefs = m.do_create_series(SETUP, owner=city.root, code="chiefs", name="主任秘書會報", level="city", public=True)
    published = m.do_schedule_meeting(SETUP, chiefs, start=aware("2022-09-22 10:00"), number=224)
    reports = published.sections.get(kind=K.REPORTS)
    item = m.do_add_item(SETUP, reports, title="本府公務車輛調派及市政大樓設備", presenter=city.secretariat)
    vehicles = m.do_add_conclusion(SETUP, item, text="有關公務車輛統一調派出車趟數及時數，請持續兼顧公平性，避免勞逸不均。")
    evaluate = m.do_add_conclusion(SETUP, item, text="請資訊局評估辦理開口契約採購 Ragic 系統授權數量，目標為 100 套。")
    kiosk = m.do_add_conclusion(SETUP, item, text="近日市政大樓 ＫＩＯＳＫ 設備偶有突發狀況，請資訊局儘速查明妥處。")
    remark = m.do_add_remark(SETUP, item, speaker="資訊局李科長", text="市民可經由 TaipeiON 群組回報設備故障。")
    m.do_transition_minutes(SETUP, published, Meeting.MinutesState.PUBLISHED)
    case = t.do_select_case(SETUP, kiosk, lead=city.it)
    draft = m.do_schedule_meeting(SETUP, chiefs, start=aware("2023-03-16 10:00"), number=225)
    draft_item = m.do_add_item(SETUP, draft.sections.get(kind=K.REPORTS), title="公務車汰換")
    draft_vehicles = m.do_add_conclusion(SETUP, draft_item, text="公務車汰換計畫請秘書處研議後提報。")
    bureau = m.do_create_series(SETUP, owner=city.edu, code="edu-bureau", name="局務會議")
    edu_meeting = m.do_schedule_meeting(SETUP, bureau, start=aware("2023-05-04 14:00"), number=12)
    edu_item = m.do_add_item(SETUP, edu_meeting.sections.get(kind=K.REPORTS), title="校園網路", presenter=city.edu)
    edu_conclusion = m.do_add_conclusion(SETUP, edu_item, text="臺北校園網路頻寬擴充，請教育局於年底前完成盤點。")
    m.do_transition_minutes(SETUP, edu_meeting, Meeting.MinutesState.PUBLISHED)
    return Archive(
        city, chiefs, bureau, published, draft, edu_meeting, vehicles, evaluate, kiosk, remark, draft_vehicles, edu_conclusion, case
    )


@contextmanager
def committed() -> Iterator[None]:
    """Run the after-commit hooks of what happens inside, and drop them, as a real commit does.

    A test runs in one transaction that never commits. pytest-django's
    ``django_capture_on_commit_callbacks`` runs the hooks but leaves them
    pending, and core/oncommit.py sends a signal once per pending hook: a
    second change to the same meeting in the same test would never be sent.
    """
    start = len(connection.run_on_commit)
    yield
    while len(connection.run_on_commit) > start:
        pending = connection.run_on_commit[start:]
        del connection.run_on_commit[start:]
        for _savepoints, hook, _robust in pending:
            hook()


@pytest.fixture
def archive(city) -> Archive:
    with committed():
        built = build_archive(city)
    with committed():
        assignment = built.case.assignments.get()
        t.do_submit_report(city.user("bob"), assignment, text="已完成 KIOSK 設備檢修，並與公管中心建立通報流程。", proposal="continue")
    return built


@pytest.fixture
def signals():
    """``with signals():`` runs the after-commit signals of what the test does inside."""
    return committed
