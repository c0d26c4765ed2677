"""Issue 19, both languages: the tracking pages speak English to the tracking officer and to an agency liaison.

What stays Chinese is the records' data (case numbers and titles, agencies, ROC dates, the progress
reports' text, the history's entries) and the official status report table itself; pages mark those
with ``data-record``. Everything else inside <main> is English, and every page passes the axe check.
"""

from __future__ import annotations

import pytest
from django.utils import timezone

from lieguan.demo.city import demo_password
from lieguan.meetings.models import Meeting
from lieguan.tracking.models import Assignment, TrackedCase
from tests.browser.conftest import ARTIFACTS, sign_in
from tests.browser.english import CJK, english_visitor, switch_to_english

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = ARTIFACTS / "english-tracking"


def test_the_tracking_officers_pages_speak_english(page, demo, check_a11y):
    case = TrackedCase.objects.filter(status="open", meeting__isnull=False).order_by("pk").first()
    assert case is not None
    later = Meeting.objects.filter(series=case.series, start__gt=case.meeting.start, cancelled=False).order_by("start")
    # A session whose decisions may still be recorded shows the decision form; any later one shows its status report.
    open_session = later.filter(start__lte=timezone.now(), minutes_state__in=["draft", "circulated"]).first()
    meeting = open_session or later.first() or case.meeting

    sign_in(page, "tracking", demo_password("tracking"))
    switch_to_english(page)
    visit = english_visitor(page, check_a11y, SHOTS)

    visit("/cases/", "Tracked cases", "case-list-en.png")
    visit("/cases/?due=overdue&status=all", "Tracked cases")
    visit(f"/cases/{case.pk}/", "Case", "case-en.png")
    visit("/cases/new/", "Add a tracked case from another source", "case-create-en.png")
    visit(f"/cases/{case.pk}/edit/", "Edit case")
    visit(f"/cases/meetings/{meeting.pk}/decisions/", "Record tracking decisions", "decisions-en.png")
    visit(f"/cases/meetings/{meeting.pk}/status-report/", CJK, "status-report-en.png")  # the official table's own title
    assert page.get_by_role("link", name="Record tracking decisions").is_visible()
    visit(f"/cases/meetings/{meeting.pk}/select/", "Choose what to track")
    visit("/cases/missing-reports/", "Cases not reported this cycle", "missing-en.png")
    visit("/cases/incomplete/", "Tracked cases missing details")
    visit("/cases/escalation-rules/", "Reminder escalation rules", "escalation-en.png")
    visit("/cases/reminders/", "Send reminders", "remind-en.png")


def test_the_office_calendar_speaks_english_to_the_administrator(page, demo, check_a11y):
    sign_in(page, "admin", demo_password("admin"))
    switch_to_english(page)
    english_visitor(page, check_a11y, SHOTS)("/cases/calendar/", "Government office calendar", "calendar-en.png")


def test_an_agency_liaison_reports_progress_in_english(page, demo, check_a11y):
    assignment = Assignment.objects.filter(organisation__code="dit", status="open", case__status="open").order_by("pk").first()
    assert assignment is not None

    sign_in(page, "liaison", demo_password("liaison"))
    switch_to_english(page)
    visit = english_visitor(page, check_a11y, SHOTS)

    visit("/cases/", "Tracked cases")
    visit("/cases/missing-reports/", "Cases not reported this cycle")
    visit(f"/cases/{assignment.case_id}/", "Case")
    visit(f"/cases/assignments/{assignment.pk}/report/", "Progress report of", "report-form-en.png")
    assert page.get_by_role("button", name="Submit the progress report").is_visible()
