"""Confirming the previous minutes at the next meeting, the revisions it leaves, and comparing two revisions."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lieguan.meetings import actions
from lieguan.meetings.actions import Amendment
from lieguan.meetings.document import diff_hunks, diff_inline, diff_lines, minutes_document, revision_text
from lieguan.meetings.models import AgendaSection, Meeting, MinutesRevision
from lieguan.minutes.render.text import render_text
from tests.meetings.minutes_support import held_meeting, next_meeting, published, written

S = Meeting.MinutesState
R = MinutesRevision.Reason
pytestmark = pytest.mark.django_db


def _previous_section(meeting: Meeting) -> AgendaSection:
    return meeting.sections.get(kind=AgendaSection.Kind.PREVIOUS_MINUTES)


def test_confirming_without_amendments_records_that_the_minutes_are_confirmed(city):
    held = published(city, held_meeting(city, days_ago=9))
    following = next_meeting(city, held)
    actions.do_confirm_previous_minutes(city.user("alice"), following, [])
    held.meeting.refresh_from_db()
    assert held.meeting.minutes_state == S.CONFIRMED
    assert [c.text for c in _previous_section(following).conclusions.all()] == ["紀錄確定。"]
    revision = held.meeting.revisions.order_by("-number").first()
    assert (revision.number, revision.reason, revision.decided_at_meeting) == (2, R.CONFIRMED, following)
    last = held.meeting.transitions.order_by("-at", "-id").first()
    assert (last.from_state, last.to_state) == (S.PUBLISHED, S.CONFIRMED)


def test_an_amendment_changes_the_previous_minutes_and_is_worded_as_real_minutes_word_it(city):
    held = published(city, held_meeting(city, days_ago=9))
    following = next_meeting(city, held)
    target = held.report.conclusions.get(label="一")
    old_text = target.text
    actions.do_confirm_previous_minutes(city.user("alice"), following, [Amendment(target, "請資訊局於 1 月底前提出頻寬擴充計畫。")])
    target.refresh_from_db()
    assert target.text == "請資訊局於 1 月底前提出頻寬擴充計畫。"
    section = _previous_section(following)
    assert [(c.label, c.text) for c in section.conclusions.all()] == [
        ("一", f"報告事項二會議結論（一）「{old_text}」修改為「請資訊局於 1 月底前提出頻寬擴充計畫。」。"),
        ("二", "其餘紀錄確定。"),
    ]
    text = render_text(minutes_document(following))
    assert "（一）報告事項二會議結論（一）「" in text and "（二）其餘紀錄確定。" in text
    published_rev, amended_rev = held.meeting.revisions.order_by("number")
    assert (published_rev.reason, amended_rev.reason) == (R.PUBLISHED, R.AMENDED)
    assert amended_rev.decided_at_meeting == following and "修改為" in amended_rev.note
    assert amended_rev.created_by == city.user("alice")


def test_the_diff_between_the_published_and_the_amended_revision_shows_what_changed(city):
    held = published(city, held_meeting(city, days_ago=9))
    following = next_meeting(city, held)
    target = held.report.conclusions.get(label="一")
    actions.do_confirm_previous_minutes(city.user("alice"), following, [Amendment(target, "請資訊局於 1 月底前提出頻寬擴充計畫。")])
    first, second = held.meeting.revisions.order_by("number")
    hunks = diff_hunks(revision_text(first.document), revision_text(second.document))
    changed = [line for h in hunks for line in h.lines if line.kind != "same"]
    assert len(changed) == 1
    ops = {(s.op, s.text) for s in changed[0].segments}
    assert ("delete", "12") in ops and ("insert", "1") in ops


def test_only_the_secretariat_confirms_and_only_published_minutes(city):
    held = written(city, held_meeting(city, days_ago=9))
    following = next_meeting(city, held)
    with pytest.raises(ValidationError, match="須先發布"):
        actions.do_confirm_previous_minutes(city.user("alice"), following, [])
    actions.do_transition_minutes(city.user("alice"), held.meeting, S.PUBLISHED)
    with pytest.raises(PermissionDenied):
        actions.do_confirm_previous_minutes(city.user("frank"), following, [])
    actions.do_confirm_previous_minutes(city.user("alice"), following, [])
    with pytest.raises(ValidationError, match="已經確定"):
        actions.do_confirm_previous_minutes(city.user("alice"), following, [])


def test_amendments_must_name_a_conclusion_of_the_previous_minutes_and_change_it(city):
    held = published(city, held_meeting(city, days_ago=9))
    following = next_meeting(city, held)
    alice = city.user("alice")
    own = actions.do_add_conclusion(alice, _previous_section(following), text="本次的結論")
    target = held.report.conclusions.get(label="一")
    with pytest.raises(ValidationError, match="只能修正上次會議紀錄"):
        actions.do_confirm_previous_minutes(alice, following, [Amendment(own, "改")])
    with pytest.raises(ValidationError, match="與原文相同"):
        actions.do_confirm_previous_minutes(alice, following, [Amendment(target, target.text)])
    with pytest.raises(ValidationError, match="不可空白"):
        actions.do_confirm_previous_minutes(alice, following, [Amendment(target, "  ")])
    with pytest.raises(ValidationError, match="重複修正"):
        actions.do_confirm_previous_minutes(alice, following, [Amendment(target, "甲"), Amendment(target, "乙")])
    held.meeting.refresh_from_db()
    assert held.meeting.minutes_state == S.PUBLISHED
    assert held.meeting.revisions.count() == 1


def test_a_failed_confirmation_changes_nothing(city):
    held = published(city, held_meeting(city, days_ago=9))
    following = next_meeting(city, held)
    actions.do_transition_minutes(city.user("alice"), following, S.PUBLISHED)
    target = held.report.conclusions.get(label="一")
    with pytest.raises(PermissionDenied):
        actions.do_confirm_previous_minutes(city.user("alice"), following, [Amendment(target, "新的文字")])
    target.refresh_from_db()
    assert target.text != "新的文字"


def test_inline_diff_marks_removed_and_added_words_and_characters():
    segments = diff_inline("請於 8 月底前提報 KPI report。", "請於 9 月 15 日前提報 KPI summary。")
    assert ("delete", "8") in {(s.op, s.text) for s in segments}
    assert ("insert", "summary") in {(s.op, s.text) for s in segments}
    assert "".join(s.text for s in segments if s.op != "insert") == "請於 8 月底前提報 KPI report。"
    assert "".join(s.text for s in segments if s.op != "delete") == "請於 9 月 15 日前提報 KPI summary。"


def test_a_lone_character_between_two_changes_is_folded_into_them():
    segments = diff_inline("甲乙丙", "丁乙戊")
    assert [(s.op, s.text) for s in segments] == [("delete", "甲乙丙"), ("insert", "丁乙戊")]


def test_paragraph_diff_reports_removed_added_and_changed_paragraphs_with_context():
    old = "一\n\n二\n\n三\n\n四\n\n五\n\n六"
    new = "一\n\n二\n\n參\n\n四\n\n五\n\n六\n\n七"
    kinds = [line.kind for line in diff_lines(old, new)]
    assert kinds == ["same", "same", "changed", "same", "same", "same", "added"]
    hunks = diff_hunks(old, new)
    assert [[line.kind for line in h.lines] for h in hunks] == [["same", "changed", "same"], ["same", "added"]]
    assert diff_hunks(old, old) == []
