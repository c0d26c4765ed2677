"""The minutes page, review comments, the revisions pages, and who may reach any of them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lieguan.meetings import actions
from lieguan.meetings.actions import Amendment
from lieguan.meetings.models import Meeting
from tests.meetings.minutes_support import held_meeting, next_meeting, published, written
from tests.pages import find, text_of, with_class

S = Meeting.MinutesState
pytestmark = pytest.mark.django_db


def minutes_url(meeting, name="minutes", **kwargs):
    return reverse(f"meetings:{name}", kwargs={"meeting_id": meeting.pk, **kwargs})


def amended(city, *, public=False):
    """A published meeting whose minutes the next session confirmed with one amendment."""
    held = published(city, held_meeting(city, days_ago=9, public=public))
    following = next_meeting(city, held)
    target = held.report.conclusions.get(label="一")
    actions.do_confirm_previous_minutes(city.user("alice"), following, [Amendment(target, "請資訊局於 1 月底前提出頻寬擴充計畫。")])
    return held, following


def test_the_minutes_page_shows_the_official_layout_the_state_and_its_history(client, city):
    held = written(city, held_meeting(city))
    actions.do_transition_minutes(city.user("alice"), held.meeting, S.CIRCULATED, note="請於三日內會簽")
    client.force_login(city.user("alice"))
    html = client.get(minutes_url(held.meeting)).content.decode()
    assert "紀錄狀態" in html and "會簽中" in html
    assert with_class(html, "lg-minutes") and "請資訊局於 12 月底前提出頻寬擴充計畫。" in html
    assert "處理歷程" in html and "草稿 → 會簽中" in html and "請於三日內會簽" in html and "王小美" in html
    assert "發布紀錄" in html and "退回草稿" in html
    for fmt in ("pdf", "docx", "odt", "txt", "json"):
        assert minutes_url(held.meeting, "minutes_download", fmt=fmt) in html


def test_an_invitee_comments_on_circulated_minutes_from_the_minutes_page_and_the_recorder_answers(client, city):
    held = written(city, held_meeting(city))
    actions.do_transition_minutes(city.user("alice"), held.meeting, S.CIRCULATED)
    client.force_login(city.user("frank"))
    page = client.get(minutes_url(held.meeting)).content.decode()
    assert "提出會簽意見" in page and "發布紀錄" not in page
    empty = client.post(minutes_url(held.meeting, "minutes_comment"), {"text": " "})
    assert empty.status_code == 400 and "請填寫會簽意見" in empty.content.decode()
    response = client.post(minutes_url(held.meeting, "minutes_comment"), {"text": "報告事項二請補列教育局。"})
    comment = held.meeting.comments.get()
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    assert client.post(minutes_url(held.meeting, "minutes_comment_resolve", comment_id=comment.pk), {"response": "我改"}).status_code == 403
    client.force_login(city.user("alice"))
    page = client.get(minutes_url(held.meeting)).content.decode()
    assert "未處理 1 則" in page and "標記已處理" in page
    client.post(minutes_url(held.meeting, "minutes_comment_resolve", comment_id=comment.pk), {"response": "已補列。", "back": "minutes"})
    comment.refresh_from_db()
    assert comment.resolved and comment.response == "已補列。"


def test_publishing_from_the_page_records_who_and_goes_back_to_the_minutes(client, city):
    held = written(city, held_meeting(city))
    client.force_login(city.user("erin"))
    response = client.post(minutes_url(held.meeting, "minutes_transition"), {"to_state": "published", "back": "editor"})
    assert response["Location"] == minutes_url(held.meeting) + "#state"
    held.meeting.refresh_from_db()
    assert held.meeting.minutes_state == S.PUBLISHED
    assert held.meeting.transitions.get().by == city.user("erin")


def test_a_refused_transition_is_explained_on_the_page(client, city):
    held = written(city, held_meeting(city))
    actions.do_add_conclusion(city.user("alice"), held.report, text="")
    client.force_login(city.user("alice"))
    response = client.post(minutes_url(held.meeting, "minutes_transition"), {"to_state": "circulated", "back": "minutes"}, follow=True)
    assert "尚未填寫" in response.content.decode()
    held.meeting.refresh_from_db()
    assert held.meeting.minutes_state == S.DRAFT


def test_the_revisions_page_lists_each_version_with_who_when_where_and_why(client, city):
    held, following = amended(city)
    client.force_login(city.user("carol"))  # liaison of the presenting agency: a reader, not a writer
    html = client.get(minutes_url(held.meeting, "minutes_revisions")).content.decode()
    assert "第 1 版" in html and "第 2 版" in html
    assert "發布" in html and "修正" in html
    assert "王小美" in html and following.ordinal in html and "修改為" in html
    assert minutes_url(held.meeting, "minutes_compare") + "?from=1&amp;to=2" in html
    page = client.get(minutes_url(held.meeting)).content.decode()
    assert "本紀錄已修正確定" in page and "檢視修正前後差異" in page


def announced(html: str, tag: str) -> list[tuple[str, str, str | None]]:
    """For each <del> or <ins> opening with a visually hidden label (what a screen reader announces): that label,
    the changed text after it, and the tag of the element that follows the text."""
    found = []
    for change in find(html, f"//{tag}"):
        label = change[0] if len(change) and change.text is None else None
        if label is not None and label.tag == "span" and "visually-hidden" in label.classes:
            after = label.getnext()
            found.append((text_of(label), label.tail or "", after.tag if after is not None else None))
    return found


def test_the_compare_page_marks_removed_and_added_text_without_inline_styles(client, city):
    held, _ = amended(city)
    client.force_login(city.user("alice"))
    html = client.get(minutes_url(held.meeting, "minutes_compare") + "?from=1&to=2").content.decode()
    assert ("［刪除：", "12", "span") in announced(html, "del")
    assert ("［新增：", "1", "span") in announced(html, "ins")
    assert not find(html, "//*[@style]") and not find(html, "//style")
    assert "共 1 個段落有變動" in html
    full = client.get(minutes_url(held.meeting, "minutes_compare") + "?from=1&to=2&full=1").content.decode()
    assert "校園網路頻寬擴充" in full and find(full, "//del")
    assert client.get(minutes_url(held.meeting, "minutes_compare") + "?from=1&to=9").status_code == 404
    assert client.get(minutes_url(held.meeting, "minutes_compare") + "?from=x").status_code == 404


def test_one_revision_is_shown_as_it_was(client, city):
    held, _ = amended(city)
    client.force_login(city.user("alice"))
    first = client.get(minutes_url(held.meeting, "minutes_revision", number=1)).content.decode()
    second = client.get(minutes_url(held.meeting, "minutes_revision", number=2)).content.decode()
    assert "請資訊局於 12 月底前提出頻寬擴充計畫。" in first
    assert "請資訊局於 1 月底前提出頻寬擴充計畫。" in second and "現行版本" in second
    assert client.get(minutes_url(held.meeting, "minutes_revision", number=7)).status_code == 404


def test_the_public_reads_published_minutes_of_public_series_only(client, city, settings):
    settings.PUBLIC_PORTAL = True
    held, following = amended(city, public=True)
    draft = held_meeting(city, series=held.series, days_ago=1)
    for url in (
        minutes_url(held.meeting),
        minutes_url(held.meeting, "minutes_revisions"),
        minutes_url(held.meeting, "minutes_revision", number=2),
        minutes_url(held.meeting, "minutes_compare"),
        minutes_url(held.meeting, "minutes_download", fmt="txt"),
    ):
        assert client.get(url).status_code == 200, url
    public_page = client.get(minutes_url(held.meeting)).content.decode()
    assert "會簽意見" not in public_page and "發布紀錄" not in public_page and "編輯會議紀錄" not in public_page
    # Drafts, the editor, and made-up ids all send the visitor to sign in: nothing is revealed.
    for url in (
        minutes_url(draft.meeting),
        minutes_url(following),
        minutes_url(draft.meeting, "minutes_download", fmt="pdf"),
        minutes_url(draft.meeting, "minutes_revisions"),
        minutes_url(following, "minutes_edit"),
        reverse("meetings:minutes", args=[987654]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    assert client.post(minutes_url(following, "minutes_autosave"), {}).status_code == 401


def test_without_the_public_portal_nobody_reads_minutes_without_signing_in(client, city, settings):
    settings.PUBLIC_PORTAL = False
    held, _ = amended(city, public=True)
    response = client.get(minutes_url(held.meeting))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_people_outside_a_meeting_never_reach_its_unpublished_minutes_even_by_guessing_ids(client, city):
    held = written(city, held_meeting(city))
    client.force_login(city.user("bob"))  # 資訊局 neither presents nor is invited
    for state in (S.DRAFT, S.CIRCULATED):
        if state == S.CIRCULATED:
            actions.do_transition_minutes(city.user("alice"), held.meeting, S.CIRCULATED)
        for name in ("minutes", "minutes_edit", "minutes_revisions", "minutes_compare"):
            assert client.get(minutes_url(held.meeting, name)).status_code == 404, (state, name)
        assert client.get(minutes_url(held.meeting, "minutes_download", fmt="json")).status_code == 404
        assert client.post(minutes_url(held.meeting, "minutes_comment"), {"text": "x"}).status_code == 404
    client.force_login(city.user("frank"))
    assert client.get(minutes_url(held.meeting)).status_code == 200  # invited: circulated minutes are theirs to read


def test_an_invitee_does_not_read_draft_minutes(client, city):
    held = written(city, held_meeting(city))
    client.force_login(city.user("frank"))
    assert client.get(minutes_url(held.meeting)).status_code == 403
    assert client.get(minutes_url(held.meeting, "minutes_download", fmt="txt")).status_code == 403


def test_published_minutes_of_a_series_that_is_not_public_stay_with_participants(client, city):
    held = published(city, held_meeting(city))
    client.force_login(city.user("bob"))
    assert client.get(minutes_url(held.meeting)).status_code == 404
    client.force_login(city.user("dave"))  # the tracking officer reads every record
    assert client.get(minutes_url(held.meeting)).status_code == 200


def test_unpublished_downloads_say_so_in_their_file_name(client, city):
    held = written(city, held_meeting(city))
    client.force_login(city.user("alice"))
    response = client.get(minutes_url(held.meeting, "minutes_download", fmt="txt"))
    assert "%EF%BC%88%E8%8D%89%E7%A8%BF%EF%BC%89" in response["Content-Disposition"]  # （草稿）
    assert f'filename="minutes-{held.meeting.pk}.txt"' in response["Content-Disposition"]
    assert client.get(minutes_url(held.meeting, "minutes_download", fmt="exe")).status_code == 404
