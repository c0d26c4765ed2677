"""The agenda builder: actions, and the pages with and without HTMX."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lieguan.meetings import actions
from lieguan.meetings.models import AgendaItem, Meeting
from tests.factories import SETUP, during
from tests.meetings.meeting_support import pdf, schedule
from tests.pages import by_id, by_role, field, field_value, find, fragment, is_whole_page, options, page_text, parse, selected

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def scheduled(city):
    return schedule(city)


@pytest.fixture
def alice(client, city):
    client.force_login(city.user("alice"))
    return client


def titles(section):
    return [(i.label, i.title) for i in section.items.order_by("position")]


def test_published_minutes_freeze_the_agenda(city, scheduled):
    with during(scheduled.meeting):  # minutes are published once the meeting has been held
        actions.do_transition_minutes(SETUP, scheduled.meeting, Meeting.MinutesState.PUBLISHED)
    scheduled.meeting.refresh_from_db()
    with pytest.raises(ValidationError, match="議程不可再修改"):
        actions.do_add_item(city.user("alice"), scheduled.it_item.section, title="遲來的報告")
    with pytest.raises(ValidationError, match="議程不可再修改"):
        actions.do_move_item(city.user("alice"), AgendaItem.objects.get(pk=scheduled.it_item.pk), 1)


def test_an_item_with_materials_cannot_be_deleted_until_they_are_removed(city, scheduled):
    actions.do_upload_material(city.user("bob"), scheduled.it_item, pdf(), "簡報.pdf")
    with pytest.raises(ValidationError, match="已有會議資料"):
        actions.do_delete_item(city.user("alice"), scheduled.it_item)


def test_adding_an_item_with_htmx_answers_with_the_agenda_alone(city, scheduled, alice):
    section = scheduled.it_item.section
    response = alice.post(
        reverse("meetings:item_add", args=[section.pk]), {"title": "年終安全維護措施", "presenter": city.secretariat.pk}, **HX
    )
    assert response.status_code == 200
    assert not is_whole_page(response)
    first = fragment(response)[0]  # the agenda builder itself, first of the fragment
    assert (first.tag, first.get("id")) == ("section", "agenda-builder") and {"card", "agenda"} <= set(first.classes)
    assert "已於「報告事項」新增案件" in page_text(response)
    assert titles(section)[-1] == ("四", "年終安全維護措施")
    assert section.items.get(title="年終安全維護措施").presenter_text == "秘書處"


def test_adding_an_item_without_javascript_redirects_back_to_the_agenda(city, scheduled, alice):
    section = scheduled.it_item.section
    response = alice.post(reverse("meetings:item_add", args=[section.pk]), {"title": "年終安全維護措施"})
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:meeting", args=[scheduled.meeting.pk]) + f"#section-{section.pk}"
    page = alice.get(response["Location"]).content.decode()
    assert "已於「報告事項」新增案件" in page and "年終安全維護措施" in page


def test_an_empty_title_is_explained_not_saved(city, scheduled, alice):
    section = scheduled.it_item.section
    response = alice.post(reverse("meetings:item_add", args=[section.pk]), {"title": "  "}, **HX)
    assert "案由" in page_text(response) and by_role(response, "alert")
    assert section.items.count() == 3


def test_items_and_sections_move_up_and_down_and_are_relabelled(city, scheduled, alice):
    section = scheduled.it_item.section
    alice.post(reverse("meetings:item_move", args=[scheduled.edu_item.pk]), {"offset": "-1"}, **HX)
    assert titles(section) == [("一", "上次會議結論事項執行情形"), ("二", "校園網路頻寬擴充"), ("三", "116年度資訊預算編列情形")]
    motions = scheduled.meeting.sections.get(kind="motions")
    alice.post(reverse("meetings:section_move", args=[motions.pk]), {"offset": "-1"})
    order = [(s.label, s.kind) for s in scheduled.meeting.sections.order_by("position")]
    assert order == [("壹", "previous_minutes"), ("貳", "reports"), ("參", "motions"), ("肆", "discussions")]


def test_editing_an_item_inline_and_on_its_own_page(city, scheduled, alice):
    url = reverse("meetings:item_edit", args=[scheduled.it_item.pk])
    inline = alice.get(url, **HX)
    first = fragment(inline)[0]  # the item being edited, in place of its line of the agenda
    assert (first.tag, first.get("id")) == ("li", f"item-{scheduled.it_item.pk}")
    assert {"agenda-item", "agenda-item--editing"} <= set(first.classes)
    assert find(inline, "//form[@hx-post]")
    page = alice.get(url)
    assert find(page, "//h1") and not find(page, "//*[@hx-post]")  # the page without HTMX posts as an ordinary form
    response = alice.post(url, {"title": "116年度資訊預算（修正）", "presenter": city.edu.pk})
    assert response.status_code == 302
    scheduled.it_item.refresh_from_db()
    assert scheduled.it_item.title == "116年度資訊預算（修正）"
    assert scheduled.it_item.presenter == city.edu and scheduled.it_item.presenter_text == "教育局"


def test_sections_are_added_renamed_and_deleted(city, scheduled, alice):
    meeting = scheduled.meeting
    alice.post(reverse("meetings:section_add", args=[meeting.pk]), {"kind": "chair_directives", "heading": "主席裁示事項"}, **HX)
    added = meeting.sections.get(kind="chair_directives")
    assert added.label == "伍"
    alice.post(reverse("meetings:section_edit", args=[added.pk]), {"kind": "other", "heading": "其他事項"}, **HX)
    added.refresh_from_db()
    assert (added.kind, added.heading) == ("other", "其他事項")
    discussions = meeting.sections.get(kind="discussions")
    alice.post(reverse("meetings:section_delete", args=[discussions.pk]), **HX)
    assert [s.label for s in meeting.sections.order_by("position")] == ["壹", "貳", "參", "肆"]
    assert not meeting.sections.filter(kind="discussions").exists()


def test_deleting_an_item_with_materials_shows_why_it_is_refused(city, scheduled, alice):
    actions.do_upload_material(city.user("bob"), scheduled.it_item, pdf(), "簡報.pdf")
    response = alice.post(reverse("meetings:item_delete", args=[scheduled.it_item.pk]), follow=True)
    assert "此案件已有會議資料，請先移除資料" in response.content.decode()
    assert AgendaItem.objects.filter(pk=scheduled.it_item.pk).exists()


def test_the_agenda_fragment_restores_the_agenda_after_an_inline_edit_is_cancelled(city, scheduled, alice):
    url = reverse("meetings:agenda", args=[scheduled.meeting.pk])
    assert by_id(alice.get(url, **HX), "agenda-builder") is not None
    assert alice.get(url).status_code == 302


def test_the_presenter_list_nests_each_unit_under_its_own_agency(city, scheduled, alice):
    from lieguan.organisations.models import Organisation

    # Units are numbered within their agency, so their numbers sort before every agency's.
    for org, order in ((city.secretariat, 10), (city.it, 20), (city.edu, 30), (city.rdec, 40), (city.it_unit, 1)):
        Organisation.objects.filter(pk=org.pk).update(sort_order=order)
    section = scheduled.it_item.section
    page = alice.get(reverse("meetings:meeting", args=[scheduled.meeting.pk]))
    adding = by_id(page, f"section-{section.pk}")  # the section's own form to add an item
    assert field(adding, "報告機關").get("name") == "presenter"
    expected = ["（無）", "市府", "秘書處", "資訊局", "\u3000維運科", "教育局", "研考會"]
    assert options(adding, "報告機關") == expected
    edit = parse(alice.get(reverse("meetings:item_edit", args=[scheduled.it_item.pk]), **HX))
    assert field(edit, "報告機關").get("name") == "presenter"
    assert options(edit, "報告機關") == expected
    assert selected(edit, "報告機關") == ["資訊局"] and field_value(edit, "報告機關").isdigit()
