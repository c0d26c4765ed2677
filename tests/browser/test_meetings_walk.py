"""Issue 4 in one walk: one new series and its first session, from creation to minutes confirmed with an amendment.

The other meetings browser tests look at each step closely on the demo's
meetings; this one follows a single session through every hand it passes, in
the order a city works: the secretariat creates the series and schedules the
session (sign-in opens within the hour, uploads close before it), builds the
agenda, invites and sends the notice; the IT bureau's liaison uploads a
material; the attendee signs in on a phone; the recorder writes the minutes
(they survive a reload) and circulates them; the chair publishes; every format
is downloaded; the second session confirms the first minutes with an
amendment, and the first minutes then show their revisions and the change.
"""

from __future__ import annotations

import datetime as dt
import email
import io
import json
import re
import zipfile

import icalendar
import pdfplumber
import pytest
from django.core import mail
from django.utils import timezone
from docx import Document
from playwright.sync_api import Page, expect

from lieguan.meetings.models import Conclusion, Invitation, Meeting, MeetingSeries, MinutesRevision
from lieguan.minutes.model import Minutes
from lieguan.minutes.rocdate import format_roc_short
from lieguan.organisations.models import Person
from tests.browser.conftest import ARTIFACTS, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n% school-zone traffic safety slides\n"
TITLE = "校園周邊交通安全改善計畫"
CONCLUSION = "請資訊局於 3 月底前完成校園周邊號誌資料介接。"
AMENDED = "請資訊局於 4 月底前完成校園周邊號誌資料介接。"
FORMATS = (("PDF", "pdf"), ("Word（DOCX）", "docx"), ("ODF 文字文件（ODT）", "odt"), ("純文字", "txt"), ("Minutes JSON", "json"))


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot(page, ARTIFACTS / f"{name}.png")


def schedule(page: Page) -> None:
    """Press 排定會議, confirming when the date is a weekend or holiday (the form then asks 「仍要排定」)."""
    page.get_by_role("button", name="排定會議").click()
    # The click returns once the answer has begun to load; whether it asks is known once it has loaded.
    page.wait_for_load_state()
    confirm = page.get_by_label("仍要排定")
    if confirm.count():
        confirm.check()
        page.get_by_role("button", name="排定會議").click()


def clock_at(monkeypatch: pytest.MonkeyPatch, moment: dt.datetime) -> None:
    """Move the clock of the server (it runs in this process) to ``moment``: minutes are circulated, published
    and confirmed only once their meeting has begun."""
    monkeypatch.setattr(timezone, "now", lambda: moment)


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="登出").click()
    page.wait_for_url("**/accounts/login/**")


def test_one_session_goes_from_a_new_series_to_minutes_confirmed_with_an_amendment(page, demo, check_a11y, tmp_path, monkeypatch):
    page.on("dialog", lambda dialog: dialog.accept())
    chair = Person.objects.get(name="林予安")
    recorder = Person.objects.get(name="許文華")
    attendee = Person.objects.get(name="馮柏均")
    # The session starts within the hour, so that sign-in is open; uploads close a quarter of an hour before it.
    now = timezone.localtime()
    start = (now + dt.timedelta(minutes=40)).replace(second=0, microsecond=0)
    cutoff = start - dt.timedelta(minutes=15)

    # 1. The secretariat creates the series.
    sign_in(page, "secretariat", "Lieguan-secretariat-2026")
    page.goto("/meetings/")
    page.get_by_role("link", name="新增會議").click()
    page.get_by_label("主辦機關").select_option(label="市府")
    page.get_by_label("會議名稱").fill("交通安全會報")
    page.get_by_label("預設主席").select_option(value=str(chair.pk))
    page.get_by_label("預設紀錄").select_option(value=str(recorder.pk))
    page.get_by_label("預設地點").fill("市政大樓第二會議室")
    page.get_by_label("列管編號格式").fill("{session}-{seq}")
    expect(page.locator("#pattern-preview")).to_contain_text("224-1")
    page.get_by_role("button", name="儲存").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("臨海市政府交通安全會報")
    series = MeetingSeries.objects.get(name="交通安全會報")
    check_a11y(page, context="walk: the new series")

    # 2. Its first session: number, chair, recorder and location come from the series.
    page.get_by_role("link", name="排定下次會議").click()
    expect(page.get_by_label("會次")).to_have_value("1")
    expect(page.get_by_label("主席")).to_have_value(str(chair.pk))
    expect(page.get_by_label("紀錄", exact=True)).to_have_value(str(recorder.pk))
    expect(page.get_by_label("地點")).to_have_value("市政大樓第二會議室")
    page.get_by_label("開會日期").fill(format_roc_short(start.date()))
    page.get_by_label("開會時間").fill(f"{start:%H:%M}")
    page.get_by_label("會議資料上傳截止日期").fill(format_roc_short(cutoff.date()))
    page.get_by_label("會議資料上傳截止時間").fill(f"{cutoff:%H:%M}")
    schedule(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("臨海市政府交通安全會報第1次")
    first = Meeting.objects.get(series=series, number=1)
    assert timezone.localtime(first.start) == start and timezone.localtime(first.materials_cutoff) == cutoff

    # 3. The agenda: an item the IT bureau presents.
    page.get_by_label("新增案件至「報告事項」：案由").fill(TITLE)
    reports = page.locator(".agenda-section", has=page.get_by_role("heading", name="貳、報告事項"))
    reports.get_by_label("報告機關").select_option(label="資訊局")
    reports.get_by_role("button", name="新增案件").click()
    expect(page.locator(".agenda")).to_contain_text(f"二、{TITLE}（資訊局）")
    check_a11y(page, context="walk: the agenda")

    # 4. The attendee is invited, and the notice goes out with its calendar entry and the agenda link.
    page.get_by_role("link", name="與會人員", exact=True).click()
    page.get_by_label("搜尋人員（姓名、職稱或機關）").fill("馮柏均")
    results = page.locator("#person-results")
    results.get_by_role("button", name=re.compile("邀請出席.*馮柏均")).click()
    expect(page.locator(".messages")).to_contain_text("已邀請馮柏均主任秘書（出席）")
    check_a11y(page, context="walk: invitations")
    page.get_by_role("link", name="議程與資料").click()
    page.get_by_role("link", name="開會通知").click()
    expect(page.locator(".notice-preview")).to_contain_text(TITLE)
    check_a11y(page, context="walk: the notice")
    page.get_by_role("button", name="寄送開會通知").click()
    expect(page.locator(".messages")).to_contain_text("已寄出開會通知給 1 位與會人員")
    (message,) = mail.outbox
    assert message.to == [attendee.email]
    assert f"/meetings/{first.pk}/" in message.body
    parsed = email.message_from_bytes(message.message().as_bytes())
    ics = next(p for p in parsed.walk() if p.get_content_type() == "text/calendar").get_payload(decode=True)
    event = icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]
    assert event.decoded("DTSTART").strftime("%Y-%m-%d %H:%M") == f"{start:%Y-%m-%d %H:%M}"
    sign_out(page)

    # 5. The IT bureau's liaison uploads the slides before the cut-off.
    sign_in(page, "liaison", "Lieguan-liaison-2026")
    page.goto(f"/meetings/{first.pk}/")
    expect(page.locator(".cutoff")).to_contain_text("會議資料上傳截止")
    page.get_by_label(re.compile(f"上傳會議資料.*{TITLE}")).set_input_files(
        {"name": "校園交通安全簡報.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    item = first.sections.get(kind="reports").items.get(title=TITLE)
    page.locator(f"#item-{item.pk}").get_by_role("button", name="上傳", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("已上傳「校園交通安全簡報.pdf」")
    check_a11y(page, context="walk: the liaison's upload")
    sign_out(page)

    # 6. The attendee signs in on a phone, from the meeting page.
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, "attendee", "Lieguan-attendee-2026")
    page.goto(f"/meetings/{first.pk}/")
    expect(page.get_by_role("link", name="校園交通安全簡報.pdf")).to_be_visible()
    page.locator(".sign-in-card").get_by_role("button", name="簽到").click()
    expect(page.locator(".signed-in")).to_contain_text("已簽到")
    check_a11y(page, context="walk: the attendee signed in on a phone")
    shot(page, "walk-attendee-signed-in")
    invitation = Invitation.objects.get(meeting=first, person=attendee)
    assert invitation.attendance == Invitation.Attendance.PRESENT and invitation.self_signed
    sign_out(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    # 7. The meeting is held; afterwards the recorder prints the sign-in sheet and writes the minutes.
    clock_at(monkeypatch, start + dt.timedelta(minutes=70))
    sign_in(page, "secretariat", "Lieguan-secretariat-2026")
    page.goto(f"/meetings/{first.pk}/attendance/")
    page.get_by_role("link", name="簽到表（列印）").click()
    expect(page.locator(".sign-in-sheet")).to_contain_text("馮柏均")
    expect(page.locator(".sign-in-sheet")).to_contain_text("線上簽到")
    check_a11y(page, context="walk: the sign-in sheet")
    page.goto(f"/meetings/{first.pk}/minutes/")
    page.get_by_role("link", name="編輯會議紀錄").click()
    # Enter presses the remark's own button only once the editor's script has run, at the page's load.
    page.wait_for_url(f"**/meetings/{first.pk}/minutes/edit/")
    page.locator(f"#new-remark-{item.pk}-speaker").fill("資訊局馮主秘")
    before = page.url
    page.locator(f"#new-remark-{item.pk}-speaker").press("Enter")
    page.wait_for_url(lambda url: url != before and "#remark-" in url)
    page.locator(":focus").fill("號誌資料已完成 8 成介接。")
    before = page.url
    page.locator(f'button[value="add_conclusion:item:{item.pk}"]').click()
    page.wait_for_url(lambda url: url != before and "#conclusion-" in url)
    conclusion = Conclusion.objects.get(pk=int(page.url.split("#conclusion-")[1].split("-")[0]))
    page.locator(f"#conclusion-{conclusion.pk}-text").fill(CONCLUSION)
    page.locator(f"#conclusion-{conclusion.pk}-tracked").check()
    # The minutes hold the adjournment as a time of day on the meeting's date, so a session begun late in the
    # evening adjourns before midnight.
    adjourned = min(start + dt.timedelta(hours=1), start.replace(hour=23, minute=59))
    page.get_by_label("散會時間").fill(f"{adjourned:%H:%M}")
    expect(page.locator("#save-status")).to_contain_text("已儲存")
    # Nothing was submitted: what was typed is on the server, as a reload shows.
    page.reload()
    expect(page.locator(f"#conclusion-{conclusion.pk}-text")).to_have_value(CONCLUSION)
    expect(page.locator(f"#conclusion-{conclusion.pk}-tracked")).to_be_checked()
    check_a11y(page, context="walk: the minutes editor")
    # The first session of a series has no previous minutes to read, and no discussions or motions were held.
    for section in first.sections.filter(kind__in=["previous_minutes", "discussions", "motions"]):
        if not section.items.exists() and not section.conclusions.exists():
            page.locator(f'button[value="delete_section:{section.pk}"]').click()
            page.wait_for_load_state()
    status_item = first.sections.get(kind="reports").items.exclude(pk=item.pk).first()
    if status_item is not None:
        before = page.url
        page.locator(f'button[value="add_conclusion:item:{status_item.pk}"]').click()
        page.wait_for_url(lambda url: url != before and "#conclusion-" in url)
        page.locator(":focus").fill("本次為第 1 次會議，尚無列管案件。")
        expect(page.locator("#save-status")).to_contain_text("已儲存")
    page.get_by_role("button", name="送請與會人員會簽").click()
    expect(page.get_by_text("已送請與會人員會簽")).to_be_visible()
    sign_out(page)

    # 8. The chair publishes.
    sign_in(page, "chair", "Lieguan-chair-2026")
    page.goto(f"/meetings/{first.pk}/minutes/")
    expect(page.locator(".document-frame")).to_contain_text(CONCLUSION)
    page.get_by_role("button", name="發布紀錄").click()
    expect(page.get_by_text("會議紀錄已發布。")).to_be_visible()
    history = page.get_by_role("table").filter(has_text="處理歷程")
    expect(history).to_contain_text("會簽中 → 已發布")
    expect(history).to_contain_text("林予安")
    check_a11y(page, context="walk: the published minutes")
    shot(page, "walk-published-minutes")

    # 9. Every format, downloaded from the minutes page, holds the conclusion.
    files = {}
    for label, fmt in FORMATS:
        with page.expect_download() as download:
            page.get_by_role("link", name=label, exact=True).click()
        path = tmp_path / download.value.suggested_filename
        download.value.save_as(path)
        assert path.suffix == f".{fmt}"
        files[fmt] = path.read_bytes()
    with pdfplumber.open(io.BytesIO(files["pdf"])) as pdf:
        assert CONCLUSION.replace(" ", "") in "".join((p.extract_text() or "") for p in pdf.pages).replace("\n", "").replace(" ", "")
    assert CONCLUSION in "\n".join(p.text for p in Document(io.BytesIO(files["docx"])).paragraphs)
    assert CONCLUSION in zipfile.ZipFile(io.BytesIO(files["odt"])).read("content.xml").decode()
    text = files["txt"].decode()
    assert "臨海市政府第1次交通安全會報紀錄" in text and "資訊局馮主秘" in text and CONCLUSION in text
    assert Minutes.from_dict(json.loads(files["json"])).session.number == 1
    sign_out(page)

    # 10. The secretariat schedules the second session; it confirms the first minutes with an amendment.
    sign_in(page, "secretariat", "Lieguan-secretariat-2026")
    page.goto(f"/meetings/series/{series.pk}/")
    expect(page.locator("main")).to_contain_text(format_roc_short(start.date()).split("/")[0])
    page.get_by_role("link", name="排定下次會議").click()
    expect(page.get_by_label("會次")).to_have_value("2")
    page.get_by_label("開會日期").fill(format_roc_short((start + dt.timedelta(days=7)).date()))
    schedule(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("臨海市政府交通安全會報第2次")
    second = Meeting.objects.get(series=series, number=2)
    # The second session is held a week later; the first minutes are confirmed there.
    sign_out(page)
    clock_at(monkeypatch, second.start + dt.timedelta(minutes=10))
    sign_in(page, "secretariat", "Lieguan-secretariat-2026")
    page.goto(f"/meetings/{second.pk}/minutes/edit/")
    page.get_by_label("修正的會議結論").select_option(value=str(conclusion.pk))
    amendment = page.get_by_label("修正後的文字")
    expect(amendment).to_have_value(CONCLUSION)
    amendment.fill(AMENDED)
    check_a11y(page, context="walk: confirming the first minutes")
    page.get_by_role("button", name="依上列修正，其餘紀錄確定").click()
    expect(page.get_by_text("已修正 1 處並確定")).to_be_visible()
    section = page.locator(".editor-section").filter(has=page.get_by_role("heading", name="宣讀")).first
    expect(section.locator("textarea").first).to_have_value(re.compile("修改為"))
    expect(section.locator("textarea").nth(1)).to_have_value("其餘紀錄確定。")

    # 11. The first minutes show that they were amended, their two revisions and what changed.
    page.goto(f"/meetings/{first.pk}/minutes/")
    expect(page.get_by_role("heading", name="本紀錄已修正確定")).to_be_visible()
    expect(page.locator(".document-frame")).to_contain_text(AMENDED)
    page.get_by_role("link", name="版本紀錄（2 版）").click()
    expect(page.get_by_role("table")).to_contain_text("第2次")
    check_a11y(page, context="walk: the revisions of the first minutes")
    page.get_by_role("link", name="與前一版比較").click()
    changed = page.locator(".diff-line--changed")
    expect(changed).to_have_count(1)
    expect(changed.locator("ins").last).to_contain_text("4")
    check_a11y(page, context="walk: what the amendment changed")
    shot(page, "walk-amendment-diff")
    assert MinutesRevision.objects.filter(meeting=first).count() == 2
