from __future__ import annotations

import pytest

from lieguan.meetings.models import Meeting, MinutesCaseDecision
from lieguan.organisations import actions as org_actions
from lieguan.tracking.actions import rebuild_from_history
from lieguan.tracking.models import CaseDecision, CaseStatus, TrackedCase
from tests.factories import SETUP

pytestmark = pytest.mark.django_db


def _as_imported(meeting: Meeting, decisions: list[tuple[str, str, str]]) -> None:
    Meeting.objects.filter(pk=meeting.pk).update(source=Meeting.Source.IMPORTED)
    for number, decision, part in decisions:
        MinutesCaseDecision.objects.create(meeting=meeting, case_number=number, decision=decision, part=part)


def test_decisions_of_imported_minutes_rebuild_the_cases_in_date_order(council):
    city = council.city
    for code, name, short in [
        ("metro", "測試捷運公司", "捷運公司"),
        ("tourism", "測試市政府觀光傳播局", "觀傳局"),
        ("legal", "測試市政府法務局", "法務局"),
    ]:
        org_actions.do_create_organisation(SETUP, code=code, name=name, short_name=short, kind="agency", parent=city.root)
    _as_imported(council.first, [("204-2", "continue", ""), ("211-2", "release", "捷運公司"), ("211-2", "continue", "觀傳局及法務局")])
    _as_imported(council.second, [("204-2", "continue", ""), ("211-1", "release", "")])

    report = rebuild_from_history(SETUP)

    assert report.meetings == 2 and report.decisions == 5
    cases = {c.number: c for c in TrackedCase.objects.filter(series=council.series)}
    assert cases["204-2"].status == CaseStatus.OPEN
    assert cases["211-1"].status == CaseStatus.RELEASED
    split = {a.organisation.short_name: a.status for a in cases["211-2"].assignments.all()}
    assert split == {"捷運公司": "released", "觀傳局": "open", "法務局": "open"}
    assert cases["211-2"].status == CaseStatus.OPEN
    assert all(c.imported for c in cases.values())
    # Applying again finds nothing left to apply.
    assert rebuild_from_history(SETUP).decisions == 0


def test_a_tracked_conclusion_of_imported_minutes_becomes_a_case(council):
    Meeting.objects.filter(pk=council.first.pk).update(source=Meeting.Source.IMPORTED)
    council.it_conclusion.tracked = True
    council.it_conclusion.save()
    report = rebuild_from_history(SETUP)
    case = TrackedCase.objects.get(conclusion=council.it_conclusion)
    assert report.created == ["224-1"] and case.number == "224-1"
    assert case.assignments.get(role="lead").organisation == council.city.it


def test_an_agency_unknown_to_the_directory_is_reported_not_invented(council):
    _as_imported(council.first, [("211-2", "release", "不存在局")])
    report = rebuild_from_history(SETUP)
    assert any("不存在局" in w for w in report.warnings)
    assert not CaseDecision.objects.filter(case__number="211-2").exists()


def test_a_part_naming_one_unknown_agency_waits_whole_until_the_directory_knows_it(council):
    city = council.city
    org_actions.do_create_organisation(SETUP, code="legal", name="測試市政府法務局", short_name="法務局", kind="agency", parent=city.root)
    _as_imported(council.first, [("211-2", "continue", "觀傳局及法務局")])

    report = rebuild_from_history(SETUP)

    assert report.decisions == 0 and any("「觀傳局」不在機關名錄中" in w for w in report.warnings)
    assert not CaseDecision.objects.filter(case__number="211-2").exists()
    assert not TrackedCase.objects.get(number="211-2").assignments.exists()

    org_actions.do_create_organisation(
        SETUP, code="tourism", name="測試市政府觀光傳播局", short_name="觀傳局", kind="agency", parent=city.root
    )
    assert rebuild_from_history(SETUP).decisions == 1
    split = {a.organisation.short_name: (a.role, a.status) for a in TrackedCase.objects.get(number="211-2").assignments.all()}
    assert split == {"觀傳局": ("lead", "open"), "法務局": ("co", "open")}
