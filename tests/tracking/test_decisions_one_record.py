"""Issue 12, one owner for each fact: a session's decisions are recorded once, in tracking, and the minutes follow.

The minutes' record of the decisions (``MinutesCaseDecision``) and their standard sentence are
written by the meetings app's own action, audited under the person deciding, in the transaction
that records the decisions: either both sides change or neither does.
"""

from __future__ import annotations

import pytest

from lieguan.core.models import AuditEntry
from lieguan.meetings import actions as meeting_actions
from lieguan.meetings.models import MinutesCaseDecision
from lieguan.tracking import actions as t
from lieguan.tracking.actions import Decide
from lieguan.tracking.models import CaseDecision, CaseStatus, StatusReport
from tests.factories import during

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(council):
    return t.do_select_case(council.city.user("alice"), council.it_conclusion, lead=council.city.it, co=[council.city.edu])


def minutes_rows(meeting) -> list[tuple[str, str, str]]:
    return list(MinutesCaseDecision.objects.filter(meeting=meeting).order_by("id").values_list("case_number", "decision", "part"))


def entries(action: str, after_seq: int) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action, seq__gt=after_seq).order_by("seq"))


def last_seq() -> int:
    entry = AuditEntry.objects.order_by("-seq").first()
    return entry.seq if entry else 0


def test_the_minutes_record_of_the_decisions_follows_tracking_and_each_change_is_audited_under_the_person_deciding(council, case):
    dave = council.city.user("dave")  # the tracking officer (研考)
    it, edu = council.city.it, council.city.edu
    start = last_seq()

    with during(council.second):
        t.do_record_decisions(dave, council.second, [Decide(case, "release", (it,)), Decide(case, "continue", (edu,))])

    assert minutes_rows(council.second) == [("224-1", "release", "資訊局"), ("224-1", "continue", "教育局")]
    sentence = StatusReport.objects.get(meeting=council.second).decision_conclusion
    assert sentence.text == "列管編號 224-1（資訊局部分）解除列管；列管編號 224-1（教育局部分）賡續列管。"
    [written] = entries("minutes.case_decisions", start)
    assert written.actor_id == dave.pk and written.object_id == str(council.second.pk)
    assert written.before == {"decisions": []}
    assert written.after == {"decisions": [["224-1", "release", "資訊局"], ["224-1", "continue", "教育局"]]}
    [worded] = entries("minutes.decision_sentence", start)
    assert worded.actor_id == dave.pk and worded.object_id == str(sentence.pk)
    decided = entries("case.decide", start)
    assert decided and {e.actor_id for e in decided} == {dave.pk}

    # The meeting changes its mind about 資訊局 before the minutes are published: the minutes follow, audited again.
    again = last_seq()
    with during(council.second):
        t.do_record_decisions(dave, council.second, [Decide(case, "continue", (it,))])
    assert minutes_rows(council.second) == [("224-1", "continue", "")]
    sentence.refresh_from_db()
    assert sentence.text == "列管編號 224-1 賡續列管。"
    [rewritten] = entries("minutes.case_decisions", again)
    assert rewritten.before == written.after and rewritten.after == {"decisions": [["224-1", "continue", ""]]}
    assert [e.actor_id for e in entries("minutes.decision_sentence", again)] == [dave.pk]


def test_when_the_minutes_cannot_be_written_the_decisions_are_not_recorded_either(council, case, monkeypatch):
    dave = council.city.user("dave")
    start = last_seq()

    def broken(*args, **kwargs):
        raise RuntimeError("the minutes could not be written")

    monkeypatch.setattr(meeting_actions, "do_write_case_decisions", broken)
    with during(council.second), pytest.raises(RuntimeError):
        t.do_record_decisions(dave, council.second, [Decide(case, "release")])

    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN and case.released_on is None
    assert {a.status for a in case.assignments.all()} == {CaseStatus.OPEN}
    assert not CaseDecision.objects.filter(meeting=council.second).exists()
    assert minutes_rows(council.second) == []
    assert not AuditEntry.objects.filter(seq__gt=start).exists()
