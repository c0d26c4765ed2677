"""The minutes editor over HTTP: the whole form, the autosave endpoint, its buttons, and refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lieguan.meetings import actions
from lieguan.meetings.models import AgendaSection, Conclusion, Meeting, Remark
from tests.meetings.minutes_support import held_meeting, next_meeting, published, written
from tests.pages import by_role, described_by, fields, find, label_of

S = Meeting.MinutesState
K = AgendaSection.Kind
pytestmark = pytest.mark.django_db


def signed_in(client, city, name):
    client.force_login(city.user(name))
    return client


def edit_url(meeting):
    return reverse("meetings:minutes_edit", args=[meeting.pk])


def autosave_url(meeting):
    return reverse("meetings:minutes_autosave", args=[meeting.pk])


def test_the_editor_shows_every_part_of_the_minutes_as_labelled_fields(client, city):
    held = written(city, held_meeting(city))
    response = signed_in(client, city, "alice").get(edit_url(held.meeting))
    assert response.status_code == 200
    html = response.content.decode()
    conclusion = held.report.conclusions.get(label="一")
    remark = held.report.remarks.get()
    for name in (
        f"conclusion-{conclusion.pk}-text",
        f"conclusion-{conclusion.pk}-tracked",
        f"remark-{remark.pk}-speaker",
        f"remark-{remark.pk}-kind",
        f"remark-{remark.pk}-text",
        f"item-{held.proposal.pk}-explanation",
        f"item-{held.proposal.pk}-proposed_action",
        "header-end",
        "header-present_text",
    ):
        assert label_of(html, name), name
    assert "報告事項二會議結論（一）" in html
    assert "polite" in [status.get("aria-live") for status in by_role(html, "status")]
    assert any(src.endswith("/minutes-editor.js") for src in find(html, "//script/@src"))


def test_an_autosave_saves_only_the_fields_sent_and_says_when(client, city):
    held = written(city, held_meeting(city))
    conclusion = held.report.conclusions.get(label="二")
    remark = held.report.remarks.get()
    response = signed_in(client, city, "alice").post(
        autosave_url(held.meeting),
        {f"conclusion-{conclusion.pk}-text": "請教育局於 12 月底前彙整各校需求。", f"remark-{remark.pk}-text": "已完成 31 所。"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["errors"] == {} and len(body["saved_at"]) == 8 and body["state"] == "draft"
    conclusion.refresh_from_db()
    remark.refresh_from_db()
    assert conclusion.text == "請教育局於 12 月底前彙整各校需求。"
    assert not conclusion.tracked, "a checkbox not sent by an autosave is left as it was"
    assert remark.text == "已完成 31 所。"


def test_autosave_marks_tracking_and_the_adjournment_time(client, city):
    held = written(city, held_meeting(city))
    conclusion = held.report.conclusions.get(label="二")
    response = signed_in(client, city, "alice").post(
        autosave_url(held.meeting), {f"conclusion-{conclusion.pk}-tracked": "1", "header-end": "上午11時20分"}
    )
    assert response.json()["errors"] == {}
    conclusion.refresh_from_db()
    held.meeting.refresh_from_db()
    assert conclusion.tracked
    assert timezone.localtime(held.meeting.end).time() == dt.time(11, 20)


def test_an_unreadable_field_is_reported_by_name_and_the_others_are_saved(client, city):
    held = written(city, held_meeting(city))
    conclusion = held.report.conclusions.get(label="一")
    response = signed_in(client, city, "alice").post(
        autosave_url(held.meeting),
        {"header-end": "九點多", f"conclusion-{conclusion.pk}-text": "改好了。", "header-location": "市" * 101},
    )
    errors = response.json()["errors"]
    assert "散會時間請寫成" in errors["header-end"]
    assert "最多 100 字" in errors["header-location"]
    conclusion.refresh_from_db()
    assert conclusion.text == "改好了。"


def test_ids_of_another_meeting_are_never_changed_through_this_meetings_editor(client, city):
    held = written(city, held_meeting(city))
    other = written(city, held_meeting(city, series=held.series, days_ago=20))
    foreign = other.report.conclusions.get(label="一")
    response = signed_in(client, city, "alice").post(autosave_url(held.meeting), {f"conclusion-{foreign.pk}-text": "竄改"})
    assert "已被刪除" in response.json()["errors"][f"conclusion-{foreign.pk}-text"]
    foreign.refresh_from_db()
    assert foreign.text != "竄改"


def test_a_save_after_publication_is_refused_with_who_and_when(client, city):
    held = written(city, held_meeting(city))
    conclusion = held.report.conclusions.get(label="一")
    signed_in(client, city, "alice")
    actions.do_transition_minutes(city.user("erin"), held.meeting, S.PUBLISHED)
    response = client.post(autosave_url(held.meeting), {f"conclusion-{conclusion.pk}-text": "太晚了"})
    body = response.json()
    assert body["conflict"] is True and body["saved_at"] is None
    assert "林秘書長" in body["error"] and "已發布" in body["error"]
    conclusion.refresh_from_db()
    assert conclusion.text != "太晚了"
    # The whole form, too: back to the minutes page with the same explanation.
    response = client.post(edit_url(held.meeting), {f"conclusion-{conclusion.pk}-text": "太晚了"}, follow=True)
    assert "不能再修改" in response.content.decode()
    conclusion.refresh_from_db()
    assert conclusion.text != "太晚了"


def test_saves_continue_while_the_minutes_are_circulated(client, city):
    held = written(city, held_meeting(city))
    actions.do_transition_minutes(city.user("alice"), held.meeting, S.CIRCULATED)
    conclusion = held.report.conclusions.get(label="一")
    response = signed_in(client, city, "alice").post(autosave_url(held.meeting), {f"conclusion-{conclusion.pk}-text": "依會簽意見修正。"})
    assert response.status_code == 200 and response.json()["state"] == "circulated"


def test_autosave_refuses_strangers_and_signed_out_people_in_json(client, city):
    held = written(city, held_meeting(city))
    conclusion = held.report.conclusions.get(label="一")
    data = {f"conclusion-{conclusion.pk}-text": "x"}
    assert client.post(autosave_url(held.meeting), data).status_code == 401
    signed_in(client, city, "bob")
    assert client.post(autosave_url(held.meeting), data).status_code == 404
    client.logout()
    signed_in(client, city, "frank")  # invited, but drafts are not theirs to read
    assert client.post(autosave_url(held.meeting), data).status_code == 403
    conclusion.refresh_from_db()
    assert conclusion.text != "x"


def test_the_whole_form_saves_every_field_and_unticks_an_unchecked_box(client, city):
    held = written(city, held_meeting(city))
    tracked = held.report.conclusions.get(label="一")
    assert tracked.tracked
    response = signed_in(client, city, "alice").post(
        edit_url(held.meeting), {"op": "save", f"conclusion-{tracked.pk}-text": tracked.text, "header-excused_text": "無"}
    )
    assert response.status_code == 302
    tracked.refresh_from_db()
    held.meeting.refresh_from_db()
    assert not tracked.tracked and held.meeting.excused_text == "無"


def test_buttons_add_and_delete_rows_and_come_back_to_them(client, city):
    held = written(city, held_meeting(city))
    signed_in(client, city, "alice")
    response = client.post(edit_url(held.meeting), {"op": f"add_conclusion:item:{held.report.pk}"})
    added = held.report.conclusions.order_by("-position").first()
    assert added.text == "" and response["Location"].endswith(f"#conclusion-{added.pk}-text")
    response = client.post(
        edit_url(held.meeting),
        {
            "op": f"add_remark:{held.proposal.pk}",
            f"new-remark-{held.proposal.pk}-speaker": "秘書處何處長",
            f"new-remark-{held.proposal.pk}-kind": "補充報告",
        },
    )
    remark = held.proposal.remarks.get()
    assert (remark.speaker, remark.kind) == ("秘書處何處長", "補充報告")
    client.post(edit_url(held.meeting), {"op": f"delete_remark:{remark.pk}"})
    client.post(edit_url(held.meeting), {"op": f"delete_conclusion:{added.pk}"})
    assert not Remark.objects.filter(pk=remark.pk).exists()
    assert not Conclusion.objects.filter(pk=added.pk).exists()


def test_adding_a_remark_without_a_speaker_shows_the_error_beside_the_field(client, city):
    held = written(city, held_meeting(city))
    response = signed_in(client, city, "alice").post(edit_url(held.meeting), {"op": f"add_remark:{held.proposal.pk}"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "請填寫發言人。" in described_by(html, f"new-remark-{held.proposal.pk}-speaker")


def test_motions_and_closing_sections_are_added_from_the_editor(client, city):
    held = written(city, held_meeting(city))
    signed_in(client, city, "alice")
    client.post(edit_url(held.meeting), {"op": "add_motion", "new-motion-title": "年終大掃除", "new-motion-presenter": "秘書處"})
    motion = held.meeting.sections.get(kind=K.MOTIONS).items.get()
    assert motion.title == "年終大掃除" and motion.presenter == city.secretariat
    response = client.post(edit_url(held.meeting), {"op": "add_section:chair_directives"})
    directives = held.meeting.sections.get(kind=K.CHAIR_DIRECTIVES)
    assert response["Location"].endswith(f"#conclusion-{directives.conclusions.get().pk}-text")


def test_an_empty_section_can_be_left_out_but_not_one_with_content(client, city):
    held = written(city, held_meeting(city))
    signed_in(client, city, "alice")
    motions = held.meeting.sections.get(kind=K.MOTIONS)
    discussions = held.meeting.sections.get(kind=K.DISCUSSIONS)
    assert client.post(edit_url(held.meeting), {"op": f"delete_section:{discussions.pk}"}).status_code == 400
    client.post(edit_url(held.meeting), {"op": f"delete_section:{motions.pk}"})
    assert not held.meeting.sections.filter(kind=K.MOTIONS).exists()


def test_the_first_session_of_a_series_may_leave_out_its_empty_previous_minutes_section_and_later_ones_may_not(client, city):
    held = held_meeting(city)
    signed_in(client, city, "alice")
    previous = held.meeting.sections.get(kind=K.PREVIOUS_MINUTES)
    assert f"delete_section:{previous.pk}" in client.get(edit_url(held.meeting)).content.decode()
    following = next_meeting(city, held)
    kept = following.sections.get(kind=K.PREVIOUS_MINUTES)
    assert f"delete_section:{kept.pk}" not in client.get(edit_url(following)).content.decode()
    assert client.post(edit_url(following), {"op": f"delete_section:{kept.pk}"}).status_code == 400
    assert following.sections.filter(kind=K.PREVIOUS_MINUTES).exists()
    client.post(edit_url(held.meeting), {"op": f"delete_section:{previous.pk}"})
    assert not held.meeting.sections.filter(kind=K.PREVIOUS_MINUTES).exists()
    assert held.meeting.sections.order_by("position").first().label == "壹"


def test_published_minutes_send_the_editor_back_to_the_minutes_page(client, city):
    held = published(city, held_meeting(city))
    response = signed_in(client, city, "alice").get(edit_url(held.meeting))
    assert response.status_code == 302 and response["Location"] == reverse("meetings:minutes", args=[held.meeting.pk])


def test_the_editor_is_refused_to_readers_who_do_not_write(client, city):
    held = written(city, held_meeting(city))
    actions.do_transition_minutes(city.user("alice"), held.meeting, S.CIRCULATED)
    assert signed_in(client, city, "frank").get(edit_url(held.meeting)).status_code == 403
    client.logout()
    assert signed_in(client, city, "bob").get(edit_url(held.meeting)).status_code == 404


def test_the_next_meeting_confirms_the_previous_minutes_with_an_amendment_from_its_editor(client, city):
    held = published(city, held_meeting(city, days_ago=9))
    following = next_meeting(city, held)
    target = held.report.conclusions.get(label="二")
    url = reverse("meetings:minutes_confirm_previous", args=[following.pk])
    signed_in(client, city, "alice")
    page = client.get(edit_url(following)).content.decode()
    assert "確定第1次會議紀錄" in page and "報告事項二會議結論（二）" in page
    more = client.post(url, {"amend-TOTAL_FORMS": "1", "amend-INITIAL_FORMS": "0", "amend-0-conclusion": str(target.pk), "more": "1"})
    assert more.status_code == 200 and "amend-1-conclusion" in fields(more)  # a second amendment to fill in
    response = client.post(
        url,
        {
            "amend-TOTAL_FORMS": "2",
            "amend-INITIAL_FORMS": "0",
            "amend-0-conclusion": str(target.pk),
            "amend-0-new_text": "請教育局協助彙整各校需求，並副知資訊局。",
            "amend-1-conclusion": "",
            "amend-1-new_text": "",
            "confirm": "1",
        },
    )
    assert response.status_code == 302
    held.meeting.refresh_from_db()
    assert held.meeting.minutes_state == S.CONFIRMED
    texts = [c.text for c in following.sections.get(kind=K.PREVIOUS_MINUTES).conclusions.all()]
    assert texts[-1] == "其餘紀錄確定。" and "修改為「請教育局協助彙整各校需求，並副知資訊局。」" in texts[0]


def test_a_confirmation_without_any_amendment_asks_for_one_or_the_plain_confirmation(client, city):
    held = published(city, held_meeting(city, days_ago=9))
    following = next_meeting(city, held)
    url = reverse("meetings:minutes_confirm_previous", args=[following.pk])
    signed_in(client, city, "alice")
    data = {"amend-TOTAL_FORMS": "1", "amend-INITIAL_FORMS": "0", "amend-0-conclusion": "", "amend-0-new_text": ""}
    response = client.post(url, {**data, "confirm": "1"})
    assert response.status_code == 400 and "紀錄確定（無修正）" in response.content.decode()
    response = client.post(url, {**data, "amend-0-new_text": "沒選結論", "confirm": "1"})
    assert "請選擇要修正的會議結論" in response.content.decode()
    client.post(url, {**data, "as_is": "1"})
    held.meeting.refresh_from_db()
    assert held.meeting.minutes_state == S.CONFIRMED
    assert "紀錄確定。" in client.get(edit_url(following)).content.decode()
