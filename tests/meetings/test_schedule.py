"""Scheduling a meeting: the next number, the series' defaults, ROC dates, editing and cancelling."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from lieguan.core.models import AuditEntry
from lieguan.meetings import actions
from lieguan.meetings.actions.schedule import default_materials_cutoff
from lieguan.meetings.models import Meeting
from lieguan.minutes.rocdate import to_roc_year
from tests.factories import SETUP, aware
from tests.meetings.meeting_support import make_series, schedule
from tests.pages import field, field_value, find

pytestmark = pytest.mark.django_db


def test_sequential_numbers_follow_the_last_meeting(city):
    series = make_series(city)
    actions.do_schedule_meeting(SETUP, series, start=aware("2026-01-15 10:00"), number=223)
    assert actions.next_number(series, aware("2026-02-15 10:00")) == (224, None)


def test_yearly_numbers_restart_each_roc_year(city):
    series = make_series(city, name="市政會議", numbering="yearly")
    actions.do_schedule_meeting(SETUP, series, start=aware("2024-12-20 10:00"), number=12)
    assert actions.next_number(series, aware("2024-12-27 10:00")) == (13, 113)
    assert actions.next_number(series, aware("2025-01-08 10:00")) == (1, 114)
    first = actions.do_schedule_meeting(SETUP, series, start=aware("2025-01-08 10:00"))
    assert first.ordinal == "114年第1次"


def test_a_meeting_takes_the_defaults_and_the_agenda_template_of_its_series(city):
    scheduled = schedule(city)
    meeting = scheduled.meeting
    assert meeting.location == "市政大樓第一會議室"
    assert meeting.chair == city.people["erin"] and meeting.chair_name == "林秘書長"
    assert meeting.materials_cutoff == default_materials_cutoff(meeting.series, meeting.start)
    headings = [s.heading for s in meeting.sections.order_by("position")]
    assert headings[0] == "宣讀上次會議紀錄"
    assert meeting.sections.get(kind="reports").items.first().title == "上次會議結論事項執行情形"


def test_changing_the_number_to_one_already_used_is_refused_in_words(city):
    scheduled = schedule(city)
    later = actions.do_schedule_meeting(SETUP, scheduled.series, start=scheduled.meeting.start + dt.timedelta(days=28))
    with pytest.raises(ValidationError, match="已有第1次"):
        actions.do_update_meeting(city.user("alice"), later, number=1)


def test_cancelling_keeps_the_meeting_and_its_number_and_is_audited(city):
    scheduled = schedule(city)
    actions.do_cancel_meeting(city.user("alice"), scheduled.meeting)
    scheduled.meeting.refresh_from_db()
    assert scheduled.meeting.cancelled
    assert AuditEntry.objects.filter(action="meeting.cancel", object_id=str(scheduled.meeting.pk)).exists()
    assert actions.next_number(scheduled.series, timezone.now())[0] == 2


def test_a_meeting_with_minutes_cannot_be_cancelled(city):
    scheduled = schedule(city)
    actions.do_add_conclusion(SETUP, scheduled.it_item, text="洽悉。")
    with pytest.raises(ValidationError, match="已有會議紀錄"):
        actions.do_cancel_meeting(city.user("alice"), scheduled.meeting)


# Pages -------------------------------------------------------------------------------------------------


def test_the_schedule_page_fills_in_the_next_number_and_the_defaults(city, client):
    series = make_series(city)
    actions.do_schedule_meeting(SETUP, series, start=aware("2026-01-15 10:00"), number=223)
    client.force_login(city.user("alice"))
    page = client.get(reverse("meetings:schedule", args=[series.pk])).content.decode()
    assert field_value(page, "會次") == "224"
    assert "下一個會次為第224次" in page
    assert field_value(page, "地點") == "市政大樓第一會議室"
    offered = find(page, "//datalist[@id=$id]/option/@value", id=field(page, "地點").get("list"))
    assert "視訊會議" in offered  # offered as a location


def test_scheduling_on_the_page_reads_an_roc_date(city, client):
    series = make_series(city)
    client.force_login(city.user("alice"))
    data = {
        "number": "7",
        "date": "115/12/17",
        "time": "14:30",
        "location": "視訊會議",
        "chair": str(city.people["erin"].pk),
        "recorder": str(city.people["alice"].pk),
        "cutoff_date": "民國115年12月15日",
        "cutoff_time": "12:00",
    }
    response = client.post(reverse("meetings:schedule", args=[series.pk]), data)
    meeting = Meeting.objects.get(series=series)
    assert response.status_code == 302 and response["Location"] == reverse("meetings:meeting", args=[meeting.pk])
    assert meeting.number == 7
    assert timezone.localtime(meeting.start) == aware("2026-12-17 14:30")
    assert timezone.localtime(meeting.materials_cutoff) == aware("2026-12-15 12:00")
    assert meeting.location == "視訊會議"


def test_the_schedule_page_explains_a_bad_date_and_a_late_cutoff(city, client):
    series = make_series(city)
    client.force_login(city.user("alice"))
    url = reverse("meetings:schedule", args=[series.pk])
    bad = client.post(url, {"number": "1", "date": "115/2/30", "time": "10:00"}).content.decode()
    assert "日期「115/2/30」不存在" in bad
    late = client.post(url, {"number": "1", "date": "115/12/17", "time": "10:00", "cutoff_date": "115/12/18"})
    assert "資料上傳截止不可晚於開會時間" in late.content.decode()
    assert not Meeting.objects.filter(series=series).exists()


def test_the_schedule_page_refuses_a_number_already_used(city, client):
    scheduled = schedule(city)
    client.force_login(city.user("alice"))
    response = client.post(reverse("meetings:schedule", args=[scheduled.series.pk]), {"number": "1", "date": "115/12/30", "time": "10:00"})
    assert "此會議已有第1次" in response.content.decode()


def test_yearly_series_are_scheduled_in_the_year_of_the_date(city, client):
    series = make_series(city, name="市政會議", numbering="yearly")
    client.force_login(city.user("alice"))
    client.post(reverse("meetings:schedule", args=[series.pk]), {"number": "3", "date": "116/1/6", "time": "09:30"})
    meeting = Meeting.objects.get(series=series)
    assert (meeting.year, meeting.number) == (116, 3)
    assert to_roc_year(timezone.localtime(meeting.start).year) == 116


def test_editing_a_meeting_moves_it_and_keeps_the_cutoff_typed(city, client):
    scheduled = schedule(city)
    client.force_login(city.user("alice"))
    url = reverse("meetings:meeting_edit", args=[scheduled.meeting.pk])
    page = client.get(url).content.decode()
    assert field_value(page, "會次") == "1"
    data = {"number": "1", "date": "116/1/20", "time": "15:00", "location": "第二會議室", "chair": str(city.people["erin"].pk)}
    response = client.post(url, data)
    assert response.status_code == 302
    scheduled.meeting.refresh_from_db()
    assert timezone.localtime(scheduled.meeting.start) == aware("2027-01-20 15:00")
    assert scheduled.meeting.location == "第二會議室"
    assert scheduled.meeting.recorder is None
    # A blank cut-off returns to the series' default before the new time.
    assert scheduled.meeting.materials_cutoff == aware("2027-01-18 17:00")  # two working days before, end of day


def test_cancelling_on_the_page(city, client):
    scheduled = schedule(city)
    client.force_login(city.user("alice"))
    response = client.post(reverse("meetings:meeting_cancel", args=[scheduled.meeting.pk]), follow=True)
    text = response.content.decode()
    assert "已取消第1次" in text and "已取消" in text
    scheduled.meeting.refresh_from_db()
    assert scheduled.meeting.cancelled


def test_the_meeting_page_gives_the_secretariat_its_tools_and_an_invitee_only_what_is_theirs(city, client):
    scheduled = schedule(city)
    url = reverse("meetings:meeting", args=[scheduled.meeting.pk])
    client.force_login(city.user("alice"))
    text = client.get(url).content.decode()
    for tool in ("編輯會次", "取消會次", "開會通知", "新增案件", "新增段落", "116年度資訊預算編列情形", "（資訊局）"):
        assert tool in text, tool
    client.force_login(city.user("frank"))
    text = client.get(url).content.decode()
    assert "編輯會次" not in text and "新增案件" not in text
    assert "我的簽到" in text and "加入行事曆" in text
