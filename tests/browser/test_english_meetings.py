"""Issue 19, both languages: the meetings pages speak English to who asks for it.

The secretariat, in English, walks the meetings list, a series, a session's agenda and its editor, the
attendance page, the session and series forms and the meeting notice; an attendee reads a session page.
What stays Chinese is the records' own data (series and agency names, session numbers, ROC dates, agenda
titles) and the official documents: the notice's e-mail body and the printed sign-in sheet.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from lieguan.demo.city import demo_password
from tests.browser.conftest import ARTIFACTS, screenshot, sign_in
from tests.browser.english import CJK, chinese_in_interface, english_visitor, switch_to_english

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = ARTIFACTS / "english-meetings"


def test_the_secretariat_runs_a_meeting_in_english(page, demo, check_a11y):
    from lieguan.meetings.models import Meeting

    meeting = Meeting.objects.get(series__code="chief-secretaries", number=89)
    section = meeting.sections.order_by("position").last()
    item = next(i for s in meeting.sections.all() for i in s.items.all())
    sign_in(page, "secretariat", demo_password("secretariat"))
    switch_to_english(page)
    visit = english_visitor(page, check_a11y, SHOTS)

    visit("/meetings/", "^Meetings$", "series-list-en.png")
    expect(page.get_by_role("link", name="New meeting")).to_be_visible()
    visit(f"/meetings/series/{meeting.series_id}/", CJK, "series-en.png")
    expect(page.get_by_role("link", name="Schedule the next meeting")).to_be_visible()

    visit(f"/meetings/{meeting.pk}/", CJK, "meeting-en.png")
    expect(page.get_by_role("heading", name="Agenda", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Add section")).to_be_visible()
    visit(f"/meetings/agenda/sections/{section.pk}/edit/", "^Edit section", "agenda-edit-en.png")
    visit(f"/meetings/{meeting.pk}/attendance/", CJK, "attendance-en.png")
    expect(page.get_by_role("heading", name="Invite attendees")).to_be_visible()
    # The printed sign-in sheet is an official document: Chinese inside, English around it.
    page.get_by_role("link", name="Sign-in sheet (print)").click()
    page.wait_for_load_state()
    expect(page.get_by_role("button", name="Print the sign-in sheet")).to_be_visible()
    assert page.locator("article.sign-in-sheet").get_attribute("lang") == "zh-Hant"
    assert chinese_in_interface(page) == [], page.url
    check_a11y(page, context="the sign-in sheet in English")
    screenshot(page, SHOTS / "sign-in-sheet-en.png")
    visit(f"/meetings/agenda/items/{item.pk}/confidential/", "^Confidentiality: ")
    visit(f"/meetings/{meeting.pk}/edit/", re.compile(r": edit "), "meeting-form-en.png")
    visit(f"/meetings/series/{meeting.series_id}/edit/", "^Edit ", "series-form-en.png")
    expect(page.get_by_text("Agenda template", exact=True)).to_be_visible()
    visit(f"/meetings/{meeting.pk}/notice/", "^Meeting notice: ", "notice-en.png")
    # The notice's official body stays in Chinese, marked as such.
    assert page.locator("pre.notice-preview").get_attribute("lang") == "zh-Hant"


def test_an_attendee_reads_a_session_page_in_english(page, demo, check_a11y):
    from lieguan.meetings.models import Meeting

    meeting = Meeting.objects.get(series__code="chief-secretaries", number=89)
    sign_in(page, "attendee", demo_password("attendee"))
    switch_to_english(page)
    visit = english_visitor(page, check_a11y, SHOTS)
    visit(f"/meetings/{meeting.pk}/", CJK, "meeting-attendee-en.png")
    expect(page.get_by_role("heading", name="My sign-in")).to_be_visible()
