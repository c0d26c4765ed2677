"""Issue 19, both languages: what Python and JavaScript write on the pages speaks English to an English reader.

A case's history (the timeline's entries, written by ``tracking/timeline.py``), the home panels' titles, the
reminder preview's recipients, the status report's notes, the condition for publishing minutes and the
minutes editor's autosave status were Chinese whatever the reader's language. The records' own data in
them (agency names, case numbers, ROC dates, the progress reports' text) stays as it is.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lieguan.demo.city import ACTOR, demo_password
from lieguan.meetings.models import Meeting
from lieguan.tracking.models import CaseDecision, TrackedCase
from tests.browser.conftest import ARTIFACTS, screenshot, sign_in
from tests.browser.english import CJK, english_visitor, switch_to_english

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = ARTIFACTS / "english-python"
# An English word: every entry says in English what happened, around the records' names.
WORD = re.compile(r"[A-Za-z]{3,}")


def test_python_and_javascript_texts_speak_english(page, demo, check_a11y):
    # A case with a decided meeting behind it: its history has selection, assignments, reports and decisions.
    decided = CaseDecision.objects.filter(meeting__isnull=False).values_list("case_id", flat=True)
    case = TrackedCase.objects.filter(pk__in=decided, meeting__isnull=False).order_by("pk").first()
    assert case is not None
    report_meeting = CaseDecision.objects.filter(case=case, meeting__isnull=False).order_by("pk").first().meeting

    sign_in(page, "tracking", demo_password("tracking"))
    switch_to_english(page)
    visit = english_visitor(page, check_a11y, SHOTS)

    # The home panels' titles.
    visit("/", "Welcome", "home-tracking-en.png")
    expect(page.get_by_role("heading", name="Cases not reported this cycle")).to_be_visible()

    # The case's history: every entry is English around the records' names.
    visit(f"/cases/{case.pk}/", "Case", "case-history-en.png")
    titles = page.locator(".tracking-timeline__title").all_inner_texts()
    assert titles, "the case has a history"
    assert all(WORD.search(t) for t in titles), titles
    assert any(t.startswith("Put under tracking from the conclusions of") for t in titles), titles
    assert any(re.match(r"Assigned as (lead|co-organising) agency: ", t) for t in titles), titles
    assert any(t.startswith("Decided at") for t in titles), titles
    for line in page.locator(".tracking-timeline__lines li").all_inner_texts():
        assert re.search(r": (Release|Continue tracking)$", line), line
    expect(page.get_by_role("link", name="Status report of that meeting").first).to_be_visible()

    # The status report of that meeting: its columns and its note.
    visit(f"/cases/meetings/{report_meeting.pk}/status-report/", CJK, "status-report-en.png")
    expect(page.get_by_role("columnheader", name="Days overdue")).to_be_visible()
    expect(page.locator(".lg-table-note")).to_contain_text(re.compile(r"^Note: \d+ case\(s\); days overdue counted to the meeting day"))
    expect(page.locator(".lg-table-sub")).to_contain_text(re.compile(r"^Meeting "))
    # Its download is the official document: Chinese headers and notes, whatever the reader's language.
    download = page.request.get(f"/cases/meetings/{report_meeting.pk}/status-report.docx")
    assert download.ok, download.status
    with zipfile.ZipFile(io.BytesIO(download.body())) as docx:
        document = docx.read("word/document.xml").decode()
    assert "列管編號" in document and "逾期日數以開會日" in document and "Days overdue" not in document

    # The reminder preview: who gets each digest, in English (the digests themselves are the Chinese notices).
    visit("/cases/reminders/", "Send reminders", "remind-preview-en.png")
    roles = page.locator("table.data tbody td:nth-child(2)").all_inner_texts()
    assert roles, "the demo has reminders to send"
    assert not [r for r in roles if CJK.search(r.split("\n")[0])], roles


def test_an_agency_liaisons_panel_speaks_english(page, demo, check_a11y):
    sign_in(page, "liaison", demo_password("liaison"))
    switch_to_english(page)
    english_visitor(page, check_a11y, SHOTS)("/", "Welcome", "home-liaison-en.png")
    expect(page.get_by_role("heading", name="Your agency's tracked cases")).to_be_visible()


def test_the_publishing_condition_and_the_editors_autosave_speak_english(page, demo, check_a11y):
    from lieguan.meetings import actions

    # The demo's 89th meeting, held last week, its status report not yet decided: the minutes cannot be published.
    meeting = Meeting.objects.get(series__code="chief-secretaries", number=89)
    start = timezone.make_aware(dt.datetime.combine(timezone.localdate() - dt.timedelta(days=7), dt.time(10, 0)))
    meeting = actions.do_update_meeting(ACTOR, meeting, start=start)

    sign_in(page, "secretariat", demo_password("secretariat"))
    switch_to_english(page)
    visit = english_visitor(page, check_a11y, SHOTS)

    visit(f"/meetings/{meeting.pk}/minutes/", ".", "minutes-unmet-en.png")
    expect(page.get_by_text(re.compile(r"case\(s\) on this meeting's status report have no tracking decision yet"))).to_be_visible()
    expect(page.get_by_role("link", name="Record tracking decisions").first).to_be_visible()

    visit(f"/meetings/{meeting.pk}/minutes/edit/", ".")
    status = page.locator("#save-status")
    page.locator("#header-excused_text").fill("衛生局石技正（公假）")
    page.locator("#header-excused_text").blur()
    expect(status).to_have_text(re.compile(r"^Saved \d\d:\d\d:\d\d$"))
    assert not CJK.search(status.inner_text())
    screenshot(page, SHOTS / "editor-saved-en.png")
