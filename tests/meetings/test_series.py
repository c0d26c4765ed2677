"""Series: creating and editing them (actions and pages), the agenda template, the case-number pattern."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from lieguan.core.models import AuditEntry
from lieguan.meetings import actions
from lieguan.meetings.actions.series import ensure_tracking_sections
from lieguan.meetings.models import MeetingSeries
from tests.factories import SETUP
from tests.meetings.meeting_support import make_series, schedule

pytestmark = pytest.mark.django_db


def test_a_new_tracking_series_starts_with_the_previous_minutes_and_the_status_report(city):
    series = actions.do_create_series(city.user("alice"), owner=city.root, name="主任秘書會報")
    kinds = [s["kind"] for s in series.agenda_template]
    assert kinds[:2] == ["previous_minutes", "reports"]
    assert series.agenda_template[1]["items"][0] == "上次會議結論事項執行情形"
    assert series.code.startswith("city-")
    assert AuditEntry.objects.filter(action="series.create", object_id=str(series.pk)).exists()


def test_tracking_puts_a_template_in_order_rather_than_refusing_it(city):
    template = [
        {"kind": "discussions", "heading": "討論事項", "items": []},
        {"kind": "reports", "heading": "報告事項", "items": ["各組業務報告", "第3次會議結論事項執行情形"]},
    ]
    shaped = ensure_tracking_sections(template)
    assert [s["kind"] for s in shaped] == ["previous_minutes", "reports", "discussions"]
    assert shaped[1]["items"] == ["第3次會議結論事項執行情形", "各組業務報告"]
    plain = actions.do_create_series(SETUP, owner=city.secretariat, name="業務協調會", tracks_cases=False, agenda_template=template)
    assert [s["kind"] for s in plain.agenda_template] == ["discussions", "reports"]


def test_only_the_secretariat_of_the_owner_creates_a_series(city):
    with pytest.raises(PermissionDenied):
        actions.do_create_series(city.user("bob"), owner=city.it, name="局務會議")
    with pytest.raises(PermissionDenied):
        actions.do_create_series(city.user("alice"), owner=city.it, name="局務會議")


def test_a_case_number_pattern_must_use_session_and_seq(city):
    with pytest.raises(ValidationError, match="須包含"):
        actions.do_create_series(SETUP, owner=city.root, name="市政會議", case_number_pattern="{session}")
    with pytest.raises(ValidationError):
        actions.do_create_series(SETUP, owner=city.root, name="市政會議", case_number_pattern="{session}-{seq:zz}")


def test_two_series_of_one_body_cannot_share_a_name(city):
    make_series(city)
    with pytest.raises(ValidationError, match="已有"):
        make_series(city)


def test_the_numbering_of_a_series_with_meetings_cannot_change(city):
    scheduled = schedule(city)
    with pytest.raises(ValidationError, match="編號方式"):
        actions.do_update_series(city.user("alice"), scheduled.series, numbering="yearly")
    fresh = make_series(city, name="市政會議")
    actions.do_update_series(city.user("alice"), fresh, numbering="yearly")
    assert fresh.numbering == "yearly"


# Pages -------------------------------------------------------------------------------------------------


def _template_post(rows, extra=2):
    data = {
        "template-TOTAL_FORMS": str(len(rows) + extra),
        "template-INITIAL_FORMS": str(len(rows)),
        "template-MIN_NUM_FORMS": "0",
        "template-MAX_NUM_FORMS": "1000",
    }
    for n, (kind, heading, items, order, delete) in enumerate(rows):
        data |= {
            f"template-{n}-kind": kind,
            f"template-{n}-heading": heading,
            f"template-{n}-items": items,
            f"template-{n}-ORDER": str(order),
        }
        if delete:
            data[f"template-{n}-DELETE"] = "on"
    for n in range(len(rows), len(rows) + extra):
        data[f"template-{n}-kind"] = "reports"
    return data


SERIES_FIELDS = {
    "name": "市政會議",
    "numbering": "yearly",
    "level": "city",
    "default_location": "市政大樓第一會議室",
    "case_number_pattern": "{session}{seq:02}",
    "material_cutoff_days": "1",
    "tracks_cases": "on",
    "public": "on",
}


def test_the_secretariat_creates_a_series_with_its_agenda_template_on_the_page(city, client):
    client.force_login(city.user("alice"))
    page = client.get(reverse("meetings:series_create"))
    assert page.status_code == 200
    assert "宣讀上次會議紀錄" in page.content.decode()
    # The page starts from the default template (four sections); the secretariat changes it.
    rows = [
        ("previous_minutes", "宣讀上次會議紀錄", "", 1, True),
        ("reports", "報告事項", "各局處重要業務報告", 2, False),
        ("discussions", "討論事項", "", 3, False),
        ("motions", "臨時動議", "", 4, True),
    ]
    data = {"owner": str(city.root.pk), **SERIES_FIELDS, **_template_post(rows)}
    response = client.post(reverse("meetings:series_create"), data)
    series = MeetingSeries.objects.get(name="市政會議")
    assert response.status_code == 302 and response["Location"] == reverse("meetings:series", args=[series.pk])
    assert series.numbering == "yearly" and series.public and series.material_cutoff_days == 1
    assert [s["kind"] for s in series.agenda_template] == ["previous_minutes", "reports", "discussions"]
    assert series.agenda_template[1]["items"] == ["上次會議結論事項執行情形", "各局處重要業務報告"]


def test_the_create_page_shows_what_is_wrong_in_chinese(city, client):
    client.force_login(city.user("alice"))
    removed = [("reports", "報告事項", "", n, True) for n in range(1, 5)]
    data = {"owner": str(city.root.pk), **SERIES_FIELDS, "case_number_pattern": "{session}", **_template_post(removed)}
    response = client.post(reverse("meetings:series_create"), data)
    text = response.content.decode()
    assert response.status_code == 200
    assert "列管編號格式須包含" in text
    assert "議程範本至少須有一段" in text
    assert not MeetingSeries.objects.filter(name="市政會議").exists()


def test_the_pattern_preview_shows_example_numbers_or_the_error(city, client):
    client.force_login(city.user("alice"))
    url = reverse("meetings:pattern_preview")
    ok = client.get(url, {"case_number_pattern": "{session}{seq:02}"}, HTTP_HX_REQUEST="true").content.decode()
    assert "22401" in ok and "10112" in ok
    dash = client.get(url, {"case_number_pattern": "{session}-{seq}"}).content.decode()
    assert "224-1" in dash
    bad = client.get(url, {"case_number_pattern": "{seq}"}).content.decode()
    assert "須包含" in bad


def test_editing_a_series_reorders_and_removes_template_sections(city, client):
    series = make_series(city)
    client.force_login(city.user("alice"))
    assert client.get(reverse("meetings:series_edit", args=[series.pk])).status_code == 200
    rows = [(s["kind"], s["heading"], "\n".join(s["items"]), n, False) for n, s in enumerate(series.agenda_template, 1)]
    rows[2] = (*rows[2][:3], 9, False)  # discussions last
    rows[3] = (*rows[3][:4], True)  # motions removed
    rows.append(("chair_directives", "主席裁示事項", "", 5, False))
    data = {**SERIES_FIELDS, "name": "主任秘書會報", "numbering": "sequential", "active": "on", **_template_post(rows, extra=0)}
    response = client.post(reverse("meetings:series_edit", args=[series.pk]), data)
    assert response.status_code == 302
    series.refresh_from_db()
    assert [s["kind"] for s in series.agenda_template] == ["previous_minutes", "reports", "chair_directives", "discussions"]
    assert series.case_number_pattern == "{session}{seq:02}"


def test_the_series_list_offers_a_new_series_only_to_those_who_may(city, client):
    make_series(city)
    client.force_login(city.user("alice"))
    assert "新增會議" in client.get(reverse("meetings:series_list")).content.decode()
    client.force_login(city.user("dave"))
    assert "新增會議" not in client.get(reverse("meetings:series_list")).content.decode()


def test_the_series_page_offers_scheduling_the_next_meeting_to_its_secretariat(city, client):
    series = make_series(city)
    client.force_login(city.user("alice"))
    assert "排定下次會議" in client.get(reverse("meetings:series", args=[series.pk])).content.decode()
    client.force_login(city.user("erin"))
    assert "排定下次會議" not in client.get(reverse("meetings:series", args=[series.pk])).content.decode()
