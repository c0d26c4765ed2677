"""Writing minutes through the actions: remarks, conclusions, item fields, motions, closing sections, the header."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lieguan.core.models import AuditEntry
from lieguan.meetings import actions
from lieguan.meetings.actions.minutes import where_is
from lieguan.meetings.document import minutes_document
from lieguan.meetings.models import AgendaSection, Meeting
from lieguan.minutes.render.text import render_text
from tests.factories import SETUP as SETUP_ACTOR
from tests.meetings.minutes_support import held_meeting, published, written

K = AgendaSection.Kind
pytestmark = pytest.mark.django_db


def test_several_conclusions_are_numbered_and_a_single_one_is_not(city):
    held = held_meeting(city)
    alice = city.user("alice")
    first = actions.do_add_conclusion(alice, held.report, text="洽悉。")
    assert first.label == ""
    second = actions.do_add_conclusion(alice, held.report, text="請資訊局協助。")
    first.refresh_from_db()
    assert (first.label, second.label) == ("一", "二")
    actions.do_delete_conclusion(alice, first)
    second.refresh_from_db()
    assert (second.position, second.label) == (1, "")


def test_a_conclusion_is_marked_tracked_and_the_minutes_show_it(city):
    held = held_meeting(city)
    alice = city.user("alice")
    c = actions.do_add_conclusion(alice, held.report, text="請資訊局於 12 月底前提出計畫。")
    actions.do_update_conclusion(alice, c, tracked=True)
    document = minutes_document(held.meeting)
    assert [x.tracked for x in document.all_conclusions()] == [True]
    assert document.deadlines, "the deadline in the conclusion is found"


def test_saving_an_unchanged_field_writes_no_audit_entry(city):
    held = held_meeting(city)
    alice = city.user("alice")
    c = actions.do_add_conclusion(alice, held.report, text="洽悉。")
    before = AuditEntry.objects.count()
    actions.do_update_conclusion(alice, c, text="洽悉。", tracked=False)
    actions.do_update_minutes_header(alice, held.meeting, present_text=held.meeting.present_text)
    assert AuditEntry.objects.count() == before


def test_remarks_keep_their_speaker_and_kind_and_find_the_speakers_agency(city):
    held = held_meeting(city)
    alice = city.user("alice")
    remark = actions.do_add_remark(alice, held.report, speaker="教育局吳主秘", kind="補充報告", text="")
    assert remark.speaker_organisation == city.edu
    actions.do_update_remark(alice, remark, text="已完成盤點。")
    assert "教育局吳主秘補充報告：已完成盤點。" in render_text(minutes_document(held.meeting))
    with pytest.raises(ValidationError, match="發言人"):
        actions.do_update_remark(alice, remark, speaker="  ")


def test_a_discussion_items_explanation_action_and_resolution_heading_are_written_in_the_minutes(city):
    held = held_meeting(city)
    alice = city.user("alice")
    actions.do_update_item_minutes(
        alice, held.proposal, explanation="借用方式不一。", proposed_action="訂定要點。", conclusion_heading="決議"
    )
    actions.do_add_conclusion(alice, held.proposal, text="照案通過。")
    text = render_text(minutes_document(held.meeting))
    assert "說明：借用方式不一。" in text
    assert "辦法：訂定要點。" in text
    assert "決議：照案通過。" in text
    with pytest.raises(ValidationError, match="結論標題"):
        actions.do_update_item_minutes(alice, held.proposal, conclusion_heading="隨便")


def test_only_a_motions_title_may_be_changed_in_the_minutes(city):
    held = held_meeting(city)
    alice = city.user("alice")
    with pytest.raises(ValueError, match="title"):
        actions.do_update_item_minutes(alice, held.report, title="改掉報告案由")
    motion = actions.do_add_motion(alice, held.meeting, title="市民服務中心延長服務時間", presenter="教育局")
    assert motion.presenter == city.edu
    actions.do_update_item_minutes(alice, motion, title="市民服務中心週六延長服務")
    motion.refresh_from_db()
    assert motion.title == "市民服務中心週六延長服務"


def test_a_motion_is_added_before_the_closing_sections_and_its_section_created_when_missing(city):
    held = held_meeting(city)
    alice = city.user("alice")
    actions.do_delete_section(alice, held.meeting.sections.get(kind=K.MOTIONS))
    actions.do_add_conclusion_section(alice, held.meeting, K.GENERAL_CONCLUSIONS)
    motion = actions.do_add_motion(alice, held.meeting, title="防汛整備", presenter="不存在的單位")
    kinds = list(held.meeting.sections.order_by("position").values_list("kind", flat=True))
    assert kinds[-2:] == [K.MOTIONS, K.GENERAL_CONCLUSIONS]
    assert motion.presenter is None and motion.presenter_text == "不存在的單位"
    labels = list(held.meeting.sections.order_by("position").values_list("label", flat=True))
    assert labels == ["壹", "貳", "參", "肆", "伍"]


def test_general_conclusions_and_chair_directives_are_sections_of_their_own_added_once(city):
    held = held_meeting(city)
    alice = city.user("alice")
    general = actions.do_add_conclusion_section(alice, held.meeting, K.GENERAL_CONCLUSIONS)
    assert actions.do_add_conclusion_section(alice, held.meeting, K.GENERAL_CONCLUSIONS) == general
    directives = actions.do_add_conclusion_section(alice, held.meeting, K.CHAIR_DIRECTIVES)
    actions.do_add_conclusion(alice, general, text="請各機關加強資安宣導。")
    actions.do_add_conclusion(alice, directives, text="請秘書處彙整。")
    text = render_text(minutes_document(held.meeting))
    assert "綜合會議結論" in text and "主席裁示事項" in text
    with pytest.raises(ValidationError):
        actions.do_add_conclusion_section(alice, held.meeting, K.REPORTS)


def test_the_header_records_the_adjournment_and_refuses_one_before_the_start(city):
    held = held_meeting(city)
    alice = city.user("alice")
    end = held.meeting.start + dt.timedelta(hours=1, minutes=20)
    actions.do_update_minutes_header(alice, held.meeting, end=end, excused_text="教育局吳主秘（公假）")
    text = render_text(minutes_document(held.meeting))
    assert "散會（11 時 20 分）" in text
    assert "請假：教育局吳主秘（公假）" in text
    with pytest.raises(ValidationError, match="散會時間不可早於開會時間"):
        actions.do_update_minutes_header(alice, held.meeting, end=held.meeting.start - dt.timedelta(minutes=5))
    held.meeting.refresh_from_db()
    assert held.meeting.end == end


def test_people_without_a_part_in_the_minutes_cannot_write_them(city):
    held = held_meeting(city)
    for name in ("bob", "frank", "dave"):
        with pytest.raises(PermissionDenied):
            actions.do_add_conclusion(city.user(name), held.report, text="我來寫")


def test_published_minutes_are_read_only_even_for_the_secretariat(city):
    held = published(city, held_meeting(city))
    alice = city.user("alice")
    conclusion = held.report.conclusions.first()
    with pytest.raises(PermissionDenied, match="已發布"):
        actions.do_update_conclusion(alice, conclusion, text="偷偷改")
    with pytest.raises(PermissionDenied, match="已發布"):
        actions.do_add_remark(alice, held.report, speaker="某人", text="補充")
    with pytest.raises(PermissionDenied, match="已發布"):
        actions.do_add_motion(alice, held.meeting, title="新動議")
    with pytest.raises(PermissionDenied, match="已發布"):
        actions.do_update_minutes_header(alice, held.meeting, excused_text="無")


def test_where_is_names_a_conclusion_as_minutes_do(city):
    held = written(city, held_meeting(city))
    report_conclusions = list(held.report.conclusions.order_by("position"))
    assert where_is(report_conclusions[1]) == "報告事項二會議結論（二）"
    assert where_is(held.proposal.conclusions.get()) == "討論事項一決議"
    previous = held.meeting.sections.get(kind=K.PREVIOUS_MINUTES).conclusions.get()
    assert where_is(previous) == "宣讀上次會議紀錄"


def test_the_recorder_who_is_not_the_secretariat_writes_the_minutes(city):
    held = held_meeting(city)
    actions.do_update_meeting(SETUP_ACTOR, held.meeting, recorder=city.people["frank"])
    frank = city.user("frank")
    conclusion = actions.do_add_conclusion(frank, held.report, text="洽悉。")
    assert conclusion.pk
    # …but adding agenda sections stays with the secretariat.
    with pytest.raises(PermissionDenied):
        actions.do_add_motion(frank, held.meeting, title="臨時提案")
    assert Meeting.objects.get(pk=held.meeting.pk).minutes_state == "draft"
    assert timezone.is_aware(held.meeting.start)
