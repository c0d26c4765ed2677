"""Issue 12, point 10: the upload cut-off falls on a working day; an unusual date or number asks for confirmation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lieguan.core.models import AuditEntry, CalendarDay
from lieguan.meetings import actions
from lieguan.meetings.actions.schedule import ConfirmationRequired, default_materials_cutoff, warnings_for_schedule
from lieguan.meetings.models import Meeting
from lieguan.tracking.actions import do_load_calendar
from tests.factories import SETUP, aware
from tests.meetings.meeting_support import make_series
from tests.pages import field

pytestmark = pytest.mark.django_db


def local(value: dt.datetime | None) -> dt.datetime | None:
    return timezone.localtime(value) if value else None


# The cut-off ------------------------------------------------------------------------------------------


def test_the_cutoff_of_a_monday_meeting_is_the_thursday_before_at_the_end_of_the_day(city):
    series = make_series(city)
    meeting = actions.do_schedule_meeting(city.user("alice"), series, start=aware("2026-12-14 10:00"))
    # 48 hours before would have been Saturday 12/12 10:00.
    assert local(meeting.materials_cutoff) == aware("2026-12-10 17:00")
    assert meeting.materials_cutoff.date().weekday() < 5


def test_the_cutoff_skips_a_national_holiday(city):
    series = make_series(city)
    # Friday 12/25 is 行憲紀念日: two working days before Monday 12/28 are Thursday 12/24 and Wednesday 12/23.
    assert local(default_materials_cutoff(series, aware("2026-12-28 14:00"))) == aware("2026-12-23 17:00")


def test_the_cutoff_follows_the_administrators_calendar_and_the_series_setting(city):
    series = make_series(city, material_cutoff_days=1)
    assert local(default_materials_cutoff(series, aware("2026-12-14 10:00"))) == aware("2026-12-11 17:00")
    do_load_calendar(city.user("root"), "2026-12-11,放假,颱風假\n")
    assert CalendarDay.objects.get(date=dt.date(2026, 12, 11)).note == "颱風假"
    assert local(default_materials_cutoff(series, aware("2026-12-14 10:00"))) == aware("2026-12-10 17:00")


def test_a_series_without_notice_takes_uploads_until_the_meeting_starts(city):
    series = make_series(city, material_cutoff_days=0)
    assert default_materials_cutoff(series, aware("2026-12-14 10:00")) == aware("2026-12-14 10:00")


def test_the_calendar_moved_to_core_is_still_read_through_tracking(city):
    from lieguan.core.calendar import work_calendar
    from lieguan.tracking.models import CalendarDay as TrackingCalendarDay

    assert TrackingCalendarDay is CalendarDay
    assert CalendarDay._meta.db_table == "tracking_calendarday"
    CalendarDay.objects.create(date=dt.date(2026, 12, 19), working=True, note="補班")
    assert work_calendar().is_working_day(dt.date(2026, 12, 19))


def test_the_series_page_sets_the_cutoff_in_working_days(city, client):
    series = make_series(city)
    client.force_login(city.user("alice"))
    page = client.get(reverse("meetings:series_edit", args=[series.pk])).content.decode()
    assert field(page, "會議資料上傳截止（開會前幾個工作日）").get("name") == "material_cutoff_days"


# Confirmation -----------------------------------------------------------------------------------------


def test_a_sunday_asks_for_confirmation_and_is_scheduled_once_confirmed(city):
    series = make_series(city)
    alice = city.user("alice")
    with pytest.raises(ConfirmationRequired) as asked:
        actions.do_schedule_meeting(alice, series, start=aware("2026-12-20 10:00"))
    assert asked.value.warnings == ["115年12月20日是星期日，不是上班日。"]
    assert not Meeting.objects.filter(series=series).exists()
    meeting = actions.do_schedule_meeting(alice, series, start=aware("2026-12-20 10:00"), confirm=True)
    assert meeting.number == 1


def test_a_holiday_is_named_in_the_warning(city):
    series = make_series(city)
    warnings = warnings_for_schedule(series, start=aware("2026-12-25 10:00"), number=1)
    assert warnings == ["115年12月25日是行憲紀念日，不是上班日。"]
    CalendarDay.objects.create(date=dt.date(2026, 12, 24), working=False, note="颱風假")
    assert warnings_for_schedule(series, start=aware("2026-12-24 10:00"), number=1) == ["115年12月24日是颱風假，不是上班日。"]


def test_a_make_up_saturday_is_a_working_day(city):
    series = make_series(city)
    CalendarDay.objects.create(date=dt.date(2026, 12, 19), working=True, note="補班")
    assert warnings_for_schedule(series, start=aware("2026-12-19 10:00"), number=1) == []


def test_the_91st_before_the_89th_asks_for_confirmation(city):
    series = make_series(city)
    actions.do_schedule_meeting(SETUP, series, start=aware("2026-12-02 10:00"), number=88)
    actions.do_schedule_meeting(SETUP, series, start=aware("2026-12-16 10:00"), number=89)
    alice = city.user("alice")
    with pytest.raises(ConfirmationRequired) as asked:
        actions.do_schedule_meeting(alice, series, start=aware("2026-12-09 10:00"), number=91)
    assert asked.value.warnings == ["第91次排在第89次（115年12月16日）之前，會次與日期的順序不一致。"]
    assert warnings_for_schedule(series, start=aware("2026-12-30 10:00"), number=90) == []
    assert warnings_for_schedule(series, start=aware("2026-11-25 10:00"), number=90) == [
        "第90次排在第88次（115年12月2日）之前，會次與日期的順序不一致。"
    ]


def test_moving_a_meeting_to_a_saturday_asks_for_confirmation(city):
    series = make_series(city)
    alice = city.user("alice")
    meeting = actions.do_schedule_meeting(alice, series, start=aware("2026-12-16 10:00"))
    with pytest.raises(ConfirmationRequired, match="星期六"):
        actions.do_update_meeting(alice, meeting, start=aware("2026-12-19 10:00"))
    meeting.refresh_from_db()
    assert local(meeting.start) == aware("2026-12-16 10:00")
    # Changing the place of a meeting already on a weekend asks nothing: only moving it does.
    actions.do_update_meeting(alice, meeting, start=aware("2026-12-19 10:00"), confirm=True)
    actions.do_update_meeting(alice, meeting, location="第二會議室")
    assert AuditEntry.objects.filter(action="meeting.update", object_id=str(meeting.pk)).count() == 2


def test_the_schedule_page_shows_the_warning_and_schedules_after_confirmation(city, client):
    series = make_series(city)
    client.force_login(city.user("alice"))
    url = reverse("meetings:schedule", args=[series.pk])
    data = {"number": "1", "date": "115/12/20", "time": "10:00"}
    page = client.post(url, data)
    text = page.content.decode()
    assert page.status_code == 200
    assert "115年12月20日是星期日，不是上班日。" in text
    confirm = field(text, "仍要排定")
    assert (confirm.get("type"), confirm.get("name")) == ("checkbox", "confirm")
    assert not Meeting.objects.filter(series=series).exists()
    response = client.post(url, {**data, "confirm": "on"})
    assert response.status_code == 302
    meeting = Meeting.objects.get(series=series)
    # The cut-off of a Sunday meeting is the Thursday before.
    assert local(meeting.materials_cutoff) == aware("2026-12-17 17:00")


def test_the_edit_page_asks_before_moving_a_meeting_onto_a_holiday(city, client):
    series = make_series(city)
    meeting = actions.do_schedule_meeting(SETUP, series, start=aware("2026-12-16 10:00"))
    client.force_login(city.user("alice"))
    url = reverse("meetings:meeting_edit", args=[meeting.pk])
    data = {"number": "1", "date": "115/12/25", "time": "10:00"}
    text = client.post(url, data).content.decode()
    assert "行憲紀念日" in text and "仍要排定" in text
    meeting.refresh_from_db()
    assert local(meeting.start) == aware("2026-12-16 10:00")
    assert client.post(url, {**data, "confirm": "on"}).status_code == 302
    meeting.refresh_from_db()
    assert local(meeting.start) == aware("2026-12-25 10:00")


def test_a_used_number_is_refused_before_anything_is_asked(city):
    series = make_series(city)
    actions.do_schedule_meeting(SETUP, series, start=aware("2026-12-16 10:00"), number=5)
    with pytest.raises(Exception, match="已有第5次") as refused:
        actions.do_schedule_meeting(city.user("alice"), series, start=aware("2026-12-20 10:00"), number=5)
    assert not isinstance(refused.value, ConfirmationRequired)
