"""Issue 12, point 7: every create form of the meetings pages carries a one-time token; sent twice, it creates once."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lieguan.core.models import SubmissionToken
from lieguan.meetings.models import AgendaItem, AgendaSection, Conclusion, ImportBatch, Invitation, Material, Meeting, MeetingSeries, Remark
from tests.meetings.meeting_support import make_series, pdf, schedule
from tests.meetings.minutes_support import held_meeting
from tests.pages import find, forms

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


def tokens(html: str, action: str) -> list[str]:
    """The submission tokens of the forms on a page that post to ``action``."""
    found = []
    for form in forms(html):
        if (form.get("action") or "") == action:  # a form without an action posts to its page
            values = [box.get("value") or "" for box in find(form, "//input[@name='submission_token']")]
            found += [value for value in values if re.fullmatch(r"[0-9a-f]+", value)]
    return found


def token_of(client, page_url: str, action: str = "") -> str:
    found = tokens(client.get(page_url).content.decode(), action)
    assert found, f"no submission token on {page_url} for {action or 'its form'}"
    return found[0]


def twice(client, url: str, data: dict, **extra):
    first = client.post(url, data, **extra)
    second = client.post(url, data, **extra)
    return first, second


@pytest.fixture
def alice(client, city):
    client.force_login(city.user("alice"))
    return client


def test_adding_the_same_agenda_item_twice_creates_it_once(city, alice):
    scheduled = schedule(city)
    section = scheduled.meeting.sections.get(kind="reports")
    url = reverse("meetings:item_add", args=[section.pk])
    token = token_of(alice, reverse("meetings:meeting", args=[scheduled.meeting.pk]), url)
    first, second = twice(alice, url, {"title": "年終安全維護措施", "submission_token": token})
    assert first.status_code == 302 and second.status_code == 302
    assert second["Location"] == first["Location"]
    assert AgendaItem.objects.filter(section=section, title="年終安全維護措施").count() == 1


def test_a_repeated_htmx_submit_answers_with_nothing_to_swap(city, alice):
    scheduled = schedule(city)
    section = scheduled.meeting.sections.get(kind="reports")
    url = reverse("meetings:item_add", args=[section.pk])
    token = token_of(alice, reverse("meetings:meeting", args=[scheduled.meeting.pk]), url)
    first, second = twice(alice, url, {"title": "年終安全維護措施", "submission_token": token}, **HX)
    assert first.status_code == 200 and "年終安全維護措施" in first.content.decode()
    # The agenda swapped in by the first answer carries fresh tokens for the next item.
    assert token not in tokens(first.content.decode(), url)
    assert second.status_code == 204
    assert AgendaItem.objects.filter(section=section, title="年終安全維護措施").count() == 1


def test_adding_the_same_section_twice_creates_it_once(city, alice):
    scheduled = schedule(city)
    url = reverse("meetings:section_add", args=[scheduled.meeting.pk])
    token = token_of(alice, reverse("meetings:meeting", args=[scheduled.meeting.pk]), url)
    twice(alice, url, {"kind": "reports", "heading": "專案報告", "submission_token": token})
    assert AgendaSection.objects.filter(meeting=scheduled.meeting, heading="專案報告").count() == 1


def test_creating_the_same_series_twice_creates_it_once(city, alice):
    token = token_of(alice, reverse("meetings:series_create"))
    data = {
        "owner": city.root.pk,
        "name": "防災會報",
        "numbering": "sequential",
        "level": "agency",
        "case_number_pattern": "{session}-{seq}",
        "material_cutoff_days": "2",
        "template-TOTAL_FORMS": "1",
        "template-INITIAL_FORMS": "0",
        "template-MIN_NUM_FORMS": "0",
        "template-MAX_NUM_FORMS": "1000",
        "template-0-kind": "reports",
        "template-0-heading": "報告事項",
        "template-0-ORDER": "1",
        "submission_token": token,
    }
    first, second = twice(alice, reverse("meetings:series_create"), data)
    assert first.status_code == 302 and second["Location"] == first["Location"]
    assert MeetingSeries.objects.filter(name="防災會報").count() == 1


def test_scheduling_the_same_meeting_twice_schedules_it_once(city, alice):
    series = make_series(city)
    url = reverse("meetings:schedule", args=[series.pk])
    token = token_of(alice, url)
    first, second = twice(alice, url, {"number": "1", "date": "115/12/16", "time": "10:00", "submission_token": token})
    assert first.status_code == 302 and second["Location"] == first["Location"]
    assert Meeting.objects.filter(series=series).count() == 1


def test_a_form_shown_again_with_its_errors_can_be_sent_again_with_the_same_token(city, alice):
    series = make_series(city)
    url = reverse("meetings:schedule", args=[series.pk])
    token = token_of(alice, url)
    refused = alice.post(url, {"number": "1", "date": "115/2/30", "time": "10:00", "submission_token": token})
    assert refused.status_code == 200 and not Meeting.objects.exists()
    accepted = alice.post(url, {"number": "1", "date": "115/12/16", "time": "10:00", "submission_token": token})
    assert accepted.status_code == 302 and Meeting.objects.filter(series=series).count() == 1


def test_inviting_twice_with_one_token_invites_once(city, alice):
    scheduled = schedule(city)
    url = reverse("meetings:invite", args=[scheduled.meeting.pk])
    results = alice.get(reverse("meetings:person_search", args=[scheduled.meeting.pk]), {"q": "陳"}, **HX).content.decode()
    token = tokens(results, url)[0]
    person = city.people["carol"]
    twice(alice, url, {"person": person.pk, "capacity": "observer", "submission_token": token})
    assert Invitation.objects.filter(meeting=scheduled.meeting, person=person).count() == 1
    group_url = reverse("meetings:invite_group", args=[scheduled.meeting.pk])
    group_token = token_of(alice, reverse("meetings:attendance", args=[scheduled.meeting.pk]), group_url)
    first, second = twice(
        alice, group_url, {"organisation": city.it.pk, "group": "heads", "capacity": "member", "submission_token": group_token}
    )
    assert second["Location"] == first["Location"]


def test_uploading_the_same_material_twice_stores_it_once(city, alice):
    scheduled = schedule(city)
    url = reverse("meetings:material_upload", args=[scheduled.it_item.pk])
    token = token_of(alice, reverse("meetings:meeting", args=[scheduled.meeting.pk]), url)
    alice.post(url, {"file": pdf(), "submission_token": token})
    alice.post(url, {"file": pdf(), "submission_token": token})
    assert Material.objects.filter(item=scheduled.it_item).count() == 1


def test_the_minutes_editors_add_buttons_add_once_per_page(city, alice):
    held = held_meeting(city)
    url = reverse("meetings:minutes_edit", args=[held.meeting.pk])
    token = token_of(alice, url, url)
    first, second = twice(alice, url, {"op": f"add_conclusion:item:{held.report.pk}", "submission_token": token})
    assert second["Location"] == first["Location"]
    assert Conclusion.objects.filter(item=held.report).count() == 1
    token = token_of(alice, url, url)
    twice(
        alice, url, {"op": f"add_remark:{held.proposal.pk}", f"new-remark-{held.proposal.pk}-speaker": "秘書處", "submission_token": token}
    )
    assert Remark.objects.filter(item=held.proposal).count() == 1


def test_uploading_the_same_files_to_import_twice_makes_one_batch(city, alice):
    url = reverse("meetings:import")
    token = token_of(alice, url)
    text = "臺北市政府第1次測試會報紀錄\n時間：115年12月1日上午10時\n".encode()
    for _ in range(2):
        alice.post(url, {"uploads": [SimpleUploadedFile("第1次測試會報紀錄.txt", text)], "submission_token": token})
    assert ImportBatch.objects.count() == 1


def test_a_token_is_only_a_replay_for_the_user_who_sent_it(city, client):
    scheduled = schedule(city)
    section = scheduled.meeting.sections.get(kind="reports")
    url = reverse("meetings:item_add", args=[section.pk])
    token = "ab" * 16
    client.force_login(city.user("alice"))
    client.post(url, {"title": "甲案", "submission_token": token})
    client.force_login(city.user("root"))
    client.post(url, {"title": "甲案", "submission_token": token})
    assert AgendaItem.objects.filter(section=section, title="甲案").count() == 2
    assert SubmissionToken.objects.filter(token=token).count() == 2


def test_a_review_comment_sent_twice_is_one_comment(city, client):
    from lieguan.meetings import actions
    from tests.meetings.minutes_support import written

    held = written(city, held_meeting(city))
    actions.do_transition_minutes(city.user("alice"), held.meeting, Meeting.MinutesState.CIRCULATED)
    client.force_login(city.user("frank"))
    page = reverse("meetings:minutes", args=[held.meeting.pk])
    url = reverse("meetings:minutes_comment", args=[held.meeting.pk])
    data = {"text": "報告事項二請補列教育局。", "submission_token": token_of(client, page, url)}
    first, second = twice(client, url, data)
    assert first.status_code == 302 and second.status_code == 302
    assert second["Location"] == first["Location"]
    assert held.meeting.comments.count() == 1
