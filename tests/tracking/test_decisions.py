from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from lieguan.meetings.models import MinutesCaseDecision
from lieguan.tracking import actions as t
from lieguan.tracking.actions import Decide
from lieguan.tracking.models import CaseStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(council):
    alice = council.city.user("alice")
    one = t.do_select_case(alice, council.it_conclusion, lead=council.city.it, co=[council.city.edu])
    two = t.do_select_case(alice, council.shared_conclusion, lead=council.city.edu)
    return one, two


def test_a_partial_release_releases_one_agency_and_keeps_the_case_open(council, cases):
    one, two = cases
    alice = council.city.user("alice")
    t.do_record_decisions(
        alice,
        council.second,
        [Decide(one, "release", (council.city.it,)), Decide(one, "continue", (council.city.edu,)), Decide(two, "release")],
    )
    one.refresh_from_db()
    two.refresh_from_db()
    assert one.status == CaseStatus.OPEN
    assert {a.organisation.short_name: a.status for a in one.assignments.all()} == {"資訊局": "released", "教育局": "open"}
    assert two.status == CaseStatus.RELEASED and str(two.released_on) == "2026-10-15"


def test_recording_decisions_writes_the_standard_sentence_into_the_minutes(council, cases):
    one, two = cases
    t.do_record_decisions(
        council.city.user("alice"),
        council.second,
        [Decide(one, "release", (council.city.it,)), Decide(one, "continue", (council.city.edu,)), Decide(two, "release")],
    )
    item = council.second.status_report.item
    assert item.title.endswith("執行情形")
    sentence = council.second.status_report.decision_conclusion.text
    assert sentence == "列管編號 224-1（資訊局部分）、224-2 等 2 案解除列管；列管編號 224-1（教育局部分）賡續列管。"
    rows = {(r.case_number, r.decision, r.part) for r in MinutesCaseDecision.objects.filter(meeting=council.second)}
    assert rows == {("224-1", "release", "資訊局"), ("224-2", "release", ""), ("224-1", "continue", "教育局")}


def test_changing_a_decision_at_the_same_meeting_rewrites_the_sentence(council, cases):
    one, two = cases
    alice = council.city.user("alice")
    t.do_record_decisions(alice, council.second, [Decide(one, "continue"), Decide(two, "continue")])
    t.do_record_decisions(alice, council.second, [Decide(two, "release")])
    report = council.second.status_report
    report.decision_conclusion.refresh_from_db()
    assert report.decision_conclusion.text == "列管編號 224-2 解除列管；列管編號 224-1 賡續列管。"
    assert report.item.conclusions.count() == 1


def test_the_parsed_sentence_gives_back_the_decisions(council, cases):
    from lieguan.minutes.parser.tracking import find_case_decisions

    one, two = cases
    t.do_record_decisions(
        council.city.user("alice"),
        council.second,
        [Decide(one, "release", (council.city.it,)), Decide(one, "continue", (council.city.edu,)), Decide(two, "continue")],
    )
    sentence = council.second.status_report.decision_conclusion.text
    parsed = {(d.case, d.decision, d.part) for d in find_case_decisions(sentence).decisions}
    assert parsed == {("224-1", "release", "資訊局"), ("224-1", "continue", "教育局"), ("224-2", "continue", None)}


def test_a_bureau_case_waits_for_its_city_level_parent(council, cases):
    from lieguan.meetings import actions as m
    from tests.factories import SETUP, aware

    one, _ = cases
    bureau = m.do_create_series(SETUP, owner=council.city.it, code="it-board", name="局務會議", release_after_parent=True)
    board = m.do_schedule_meeting(SETUP, bureau, start=aware("2026-10-20 14:00"))
    child = t.do_spawn_child_case(SETUP, one, board, lead=council.city.it_unit)
    later = m.do_schedule_meeting(SETUP, bureau, start=aware("2026-11-20 14:00"))
    with pytest.raises(ValidationError, match="須待府級列管案件 224-1 解除列管"):
        t.do_record_decisions(SETUP, later, [Decide(child, "release")])
    t.do_record_decisions(SETUP, council.second, [Decide(one, "release")])
    t.do_record_decisions(SETUP, later, [Decide(child, "release")])
    child.refresh_from_db()
    assert child.status == CaseStatus.RELEASED


def test_a_bureau_meeting_before_the_parent_release_cannot_release_the_child(council, cases):
    from lieguan.meetings import actions as m
    from tests.factories import SETUP, aware

    one, _ = cases
    bureau = m.do_create_series(SETUP, owner=council.city.it, code="it-board", name="局務會議", release_after_parent=True)
    early = m.do_schedule_meeting(SETUP, bureau, start=aware("2026-10-01 14:00"))
    child = t.do_spawn_child_case(SETUP, one, early, lead=council.city.it_unit)
    t.do_record_decisions(SETUP, council.second, [Decide(one, "release")])  # released 2026-10-15
    with pytest.raises(ValidationError, match="須於其後的會議報告後"):
        t.do_record_decisions(SETUP, early, [Decide(child, "release")])


def test_a_liaison_cannot_decide(council, cases):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        t.do_record_decisions(council.city.user("bob"), council.second, [Decide(cases[0], "release")])


def test_a_run_of_released_office_cases_is_written_as_a_range(city):
    from lieguan.meetings import actions as m
    from lieguan.meetings.models import AgendaSection
    from tests.factories import SETUP, aware

    office = m.do_create_series(SETUP, owner=city.root, code="office", name="處務會議", case_number_pattern="{session}{seq:02}")
    hundredth = m.do_schedule_meeting(SETUP, office, start=aware("2026-06-17 14:00"), number=100)
    item = m.do_add_item(SETUP, hundredth.sections.get(kind=AgendaSection.Kind.REPORTS), title="各組工作報告", presenter=city.it)
    alice = city.user("alice")
    cases = [t.do_select_case(alice, m.do_add_conclusion(SETUP, item, text=f"請資訊局辦理第 {n} 項。"), lead=city.it) for n in range(1, 9)]
    assert [c.number for c in cases] == [f"1000{n}" for n in range(1, 9)]
    next_one = m.do_schedule_meeting(SETUP, office, start=aware("2026-07-15 14:00"))

    t.do_record_decisions(alice, next_one, [*(Decide(c, "release") for c in cases[:7]), Decide(cases[7], "continue")])

    sentence = next_one.status_report.decision_conclusion.text
    assert sentence == "列管編號 10001 至 10007 等 7 案解除列管；列管編號 10008 賡續列管。"
    for case in cases:
        case.refresh_from_db()
    assert [c.status for c in cases] == [CaseStatus.RELEASED] * 7 + [CaseStatus.OPEN]
