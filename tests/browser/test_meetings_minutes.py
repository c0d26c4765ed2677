"""Issue 4, minutes: written with autosave, circulated, commented on, published, downloaded, then confirmed with an amendment.

The demo's 主任秘書會報第89次 is moved into the past (it has been held); the
secretariat writes its minutes in the editor, the attendee (an invitee)
leaves a 會簽意見, the secretariat publishes and downloads every format; at
the 90th meeting the secretariat confirms the 89th minutes with one
amendment, and the revision history shows what changed.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import time
import zipfile

import pdfplumber
import pytest
from django.db.utils import OperationalError
from django.utils import timezone
from docx import Document
from playwright.sync_api import Page, expect

from lieguan.meetings.models import Conclusion, Meeting
from lieguan.minutes.model import Minutes
from tests.browser.conftest import ARTIFACTS, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECRETARIAT = ("secretariat", "Lieguan-secretariat-2026")
ATTENDEE = ("attendee", "Lieguan-attendee-2026")


def held_89() -> Meeting:
    """The demo's upcoming 89th meeting, moved to last week: it has been held."""
    from lieguan.demo.city import ACTOR
    from lieguan.meetings import actions
    from lieguan.tracking.actions import do_accept_proposals

    meeting = Meeting.objects.get(series__code="chief-secretaries", number=89)
    start = timezone.make_aware(dt.datetime.combine(timezone.localdate() - dt.timedelta(days=7), dt.time(10, 0)))
    meeting = actions.do_update_meeting(ACTOR, meeting, start=start)
    # It decided on the cases of its status report as the agencies proposed, so its minutes can be published.
    do_accept_proposals(ACTOR, meeting)
    return meeting


def item_of(meeting: Meeting, title_part: str):
    return next(i for s in meeting.sections.all() for i in s.items.all() if title_part in i.title)


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot(page, ARTIFACTS / f"{name}.png")


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="登出").click()
    page.wait_for_url("**/accounts/login/**")


def add_conclusion(page: Page, item_pk: int) -> Conclusion:
    before = page.url
    page.locator(f'button[value="add_conclusion:item:{item_pk}"]').click()
    page.wait_for_url(lambda url: url != before and "#conclusion-" in url)
    page.wait_for_load_state()
    pk = int(page.url.split("#conclusion-")[1].split("-")[0])
    return Conclusion.objects.get(pk=pk)


def settled(page: Page) -> None:
    """Every change typed so far has reached the server (the editor says so on its form)."""
    expect(page.locator("#minutes-editor")).to_have_attribute("data-busy", "false")


def wait_for_text(conclusion: Conclusion, text: str, seconds: float = 8) -> None:
    """For a save the page sent as it closed: nothing in the browser is left to ask."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(0.25)
        try:
            conclusion.refresh_from_db()
        except OperationalError:
            # The in-memory SQLite of the tests locks whole tables while the server writes.
            continue
        if conclusion.text == text:
            return
    raise AssertionError(f"not saved: {conclusion.text!r} != {text!r}")


def test_closing_the_tab_right_after_typing_loses_nothing(page, context, demo):
    meeting = held_89()
    item = item_of(meeting, "資訊預算")
    sign_in(page, *SECRETARIAT)
    page.goto(f"/meetings/{meeting.pk}/minutes/edit/")
    conclusion = add_conclusion(page, item.pk)
    box = page.locator(f"#conclusion-{conclusion.pk}-text")
    expect(box).to_be_focused()
    typed = "請資訊局於 12 月底前彙整各機關資訊預算需求。"
    box.press_sequentially(typed, delay=5)
    # No pause, no button: the tab is closed at once.
    page.close(run_before_unload=True)
    wait_for_text(conclusion, typed)
    again = context.new_page()
    again.goto(f"/meetings/{meeting.pk}/minutes/edit/")
    expect(again.locator(f"#conclusion-{conclusion.pk}-text")).to_have_value(typed)
    again.close()


def test_two_fields_edited_quickly_are_both_saved_and_the_status_says_when(page, demo, check_a11y):
    meeting = held_89()
    item = item_of(meeting, "安全維護")
    sign_in(page, *SECRETARIAT)
    page.goto(f"/meetings/{meeting.pk}/minutes/edit/")
    first = add_conclusion(page, item.pk)
    second = add_conclusion(page, item.pk)
    page.locator(f"#conclusion-{first.pk}-text").fill("請公管中心加強年終夜間巡查。")
    page.locator(f"#conclusion-{second.pk}-text").fill("請各機關檢查消防設備。")
    page.locator(f"#conclusion-{second.pk}-tracked").check()
    page.locator("#header-end").fill("11:35")
    page.locator("#header-excused_text").fill("衛生局石技正（公假）")
    settled(page)
    expect(page.locator("#save-status")).to_contain_text("已儲存")
    for conclusion, text in ((first, "請公管中心加強年終夜間巡查。"), (second, "請各機關檢查消防設備。")):
        conclusion.refresh_from_db()
        assert conclusion.text == text
    assert second.tracked
    meeting.refresh_from_db()
    assert timezone.localtime(meeting.end).strftime("%H:%M") == "11:35"
    assert meeting.excused_text == "衛生局石技正（公假）"
    page.goto(f"/meetings/{meeting.pk}/minutes/")
    expect(page.locator(".lg-minutes")).to_contain_text("請各機關檢查消防設備。")
    check_a11y(page, context="minutes page with a draft")


def test_a_save_after_someone_published_is_refused_with_a_clear_message(page, demo):
    from lieguan.demo.city import ACTOR
    from lieguan.meetings import actions

    meeting = held_89()
    item = item_of(meeting, "安全維護")
    sign_in(page, *SECRETARIAT)
    page.goto(f"/meetings/{meeting.pk}/minutes/edit/")
    conclusion = add_conclusion(page, item.pk)
    page.locator(f"#conclusion-{conclusion.pk}-text").fill("洽悉。")
    expect(page.locator("#save-status")).to_contain_text("已儲存")
    actions.do_transition_minutes(ACTOR, meeting, Meeting.MinutesState.PUBLISHED)
    page.locator(f"#conclusion-{conclusion.pk}-text").fill("洽悉，並請公管中心加強巡查。")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("不能再修改")
    expect(page.locator("#save-status")).to_contain_text("已發布")
    expect(page.locator(f"#conclusion-{conclusion.pk}-text")).to_have_value("洽悉，並請公管中心加強巡查。")
    conclusion.refresh_from_db()
    assert conclusion.text == "洽悉。"


def test_minutes_are_written_reviewed_published_downloaded_and_confirmed_with_an_amendment(page, demo, check_a11y, tmp_path):
    from lieguan.demo.city import ACTOR
    from lieguan.meetings import actions

    page.on("dialog", lambda dialog: dialog.accept())
    meeting = held_89()
    budget = item_of(meeting, "資訊預算")

    # The secretariat writes: a remark, two conclusions (one tracked), and confirms the 88th minutes as they are.
    sign_in(page, *SECRETARIAT)
    page.goto(f"/meetings/{meeting.pk}/minutes/")
    page.get_by_role("link", name="編輯會議紀錄").click()
    expect(page.get_by_role("heading", name="編輯會議紀錄")).to_be_visible()
    check_a11y(page, context="minutes editor")
    shot(page, "minutes-editor")
    page.get_by_role("button", name="紀錄確定（無修正）").click()
    expect(page.get_by_text("第88次會議紀錄已確定")).to_be_visible()
    # Enter presses the remark's own button only once the editor's script has run, at the page's load.
    page.wait_for_load_state()
    page.locator(f"#new-remark-{budget.pk}-speaker").fill("資訊局馮主秘")
    before = page.url
    page.locator(f"#new-remark-{budget.pk}-speaker").press("Enter")
    page.wait_for_url(lambda url: url != before and "#remark-" in url)
    remark_box = page.locator(":focus")
    remark_box.fill("各機關資訊預算較去年成長 4%，以資安及雲端服務為主。")
    first = add_conclusion(page, budget.pk)
    page.locator(f"#conclusion-{first.pk}-text").fill("請資訊局於 12 月底前彙整各機關資訊預算需求。")
    page.locator(f"#conclusion-{first.pk}-tracked").check()
    second = add_conclusion(page, budget.pk)
    page.locator(f"#conclusion-{second.pk}-text").fill("請主計處協助檢視預算編列之合理性。")
    page.get_by_label("散會時間").fill("11:25")
    expect(page.locator("#save-status")).to_contain_text("已儲存")
    before = page.url
    page.get_by_role("button", name="新增「綜合會議結論」段落").click()
    page.wait_for_url(lambda url: url != before and "#conclusion-" in url)
    page.locator(":focus").fill("請各機關注意年終假期之值勤安排。")
    expect(page.locator("#save-status")).to_contain_text("已儲存")
    for section in meeting.sections.filter(kind__in=["discussions", "motions"]):
        if not section.items.exists():
            page.locator(f'button[value="delete_section:{section.pk}"]').click()
            page.wait_for_load_state()
    page.get_by_role("button", name="送請與會人員會簽").click()
    expect(page.get_by_text("已送請與會人員會簽")).to_be_visible()
    shot(page, "minutes-editor-circulated")
    sign_out(page)

    # The attendee, an invitee, reads the circulated minutes and leaves a 會簽意見.
    sign_in(page, *ATTENDEE)
    page.goto(f"/meetings/{meeting.pk}/minutes/")
    expect(page.locator(".document-frame").get_by_text("請資訊局於 12 月底前彙整各機關資訊預算需求。")).to_be_visible()
    page.get_by_label("提出會簽意見").fill("報告事項二會議結論（二）建議加上「並於下次會議報告」。")
    page.get_by_role("button", name="送出會簽意見").click()
    expect(page.get_by_text("已送出會簽意見")).to_be_visible()
    check_a11y(page, context="circulated minutes with a comment")
    shot(page, "minutes-circulated-attendee")
    sign_out(page)

    # The secretariat answers the comment, publishes, and downloads every format.
    sign_in(page, *SECRETARIAT)
    page.goto(f"/meetings/{meeting.pk}/minutes/edit/")
    page.locator(f"#conclusion-{second.pk}-text").fill("請主計處協助檢視預算編列之合理性，並於下次會議報告。")
    expect(page.locator("#save-status")).to_contain_text("已儲存")
    page.get_by_label("處理情形").fill("已照意見修正。")
    page.get_by_role("button", name="標記已處理").click()
    expect(page.get_by_text("會簽意見已標記為已處理")).to_be_visible()
    page.get_by_role("button", name="發布紀錄").click()
    expect(page.get_by_text("會議紀錄已發布。")).to_be_visible()
    assert "/minutes/edit/" not in page.url
    expect(page.get_by_role("table").filter(has_text="處理歷程")).to_contain_text("會簽中 → 已發布")
    check_a11y(page, context="published minutes")
    shot(page, "minutes-published")
    files = {}
    formats = (("PDF", "pdf"), ("Word（DOCX）", "docx"), ("ODF 文字文件（ODT）", "odt"), ("純文字", "txt"), ("Minutes JSON", "json"))
    for label, fmt in formats:
        with page.expect_download() as download:
            page.get_by_role("link", name=label, exact=True).click()
        path = tmp_path / f"minutes.{fmt}"
        download.value.save_as(path)
        assert download.value.suggested_filename.endswith(f".{fmt}")
        files[fmt] = path.read_bytes()
    with pdfplumber.open(io.BytesIO(files["pdf"])) as pdf:
        assert "並於下次會議報告" in "".join((p.extract_text() or "").replace("\n", "") for p in pdf.pages)
    assert "並於下次會議報告" in "\n".join(p.text for p in Document(io.BytesIO(files["docx"])).paragraphs)
    assert zipfile.ZipFile(io.BytesIO(files["odt"])).read("mimetype") == b"application/vnd.oasis.opendocument.text"
    assert "臨海市政府第89次主任秘書會報紀錄" in files["txt"].decode()
    assert Minutes.from_dict(json.loads(files["json"])).session.number == 89

    # At the 90th meeting, the secretariat confirms the 89th minutes with one amendment.
    following = actions.do_schedule_meeting(ACTOR, meeting.series, start=meeting.start + dt.timedelta(days=3))
    page.goto(f"/meetings/{following.pk}/minutes/edit/")
    page.get_by_label("修正的會議結論").select_option(label="報告事項二會議結論（一）：請資訊局於 12 月底前彙整各機關資訊預算需求。")
    amendment = page.get_by_label("修正後的文字")
    expect(amendment).to_have_value("請資訊局於 12 月底前彙整各機關資訊預算需求。")
    amendment.fill("請資訊局於 1 月 15 日前彙整各機關資訊預算需求。")
    check_a11y(page, context="editor of the next meeting, confirming the previous minutes")
    shot(page, "minutes-confirm-previous")
    page.get_by_role("button", name="依上列修正，其餘紀錄確定").click()
    expect(page.get_by_text("已修正 1 處並確定")).to_be_visible()
    section = page.locator(".editor-section").filter(has=page.get_by_role("heading", name="宣讀")).first
    expect(section.locator("textarea").first).to_have_value(
        "報告事項二會議結論（一）「請資訊局於 12 月底前彙整各機關資訊預算需求。」"
        "修改為「請資訊局於 1 月 15 日前彙整各機關資訊預算需求。」。"
    )
    expect(section.locator("textarea").nth(1)).to_have_value("其餘紀錄確定。")

    # The 89th minutes now show their revision history and what changed.
    page.goto(f"/meetings/{meeting.pk}/minutes/")
    expect(page.get_by_role("heading", name="本紀錄已修正確定")).to_be_visible()
    page.get_by_role("link", name="版本紀錄（2 版）").click()
    table = page.get_by_role("table")
    expect(table).to_contain_text("發布")
    expect(table).to_contain_text("修正")
    expect(table).to_contain_text("許文華")
    expect(table).to_contain_text("第90次")
    check_a11y(page, context="revisions page")
    shot(page, "minutes-revisions")
    page.get_by_role("link", name="與前一版比較").click()
    changed = page.locator(".diff-line--changed")
    expect(changed).to_have_count(1)
    expect(changed.locator("del").first).to_have_text("［刪除：12］")
    expect(changed.locator("ins").last).to_contain_text("15 日")
    check_a11y(page, context="comparison of two revisions")
    shot(page, "minutes-compare")
    page.get_by_role("link", name="全文對照").click()
    check_a11y(page, context="full comparison")
    page.get_by_role("link", name="回版本紀錄").click()
    page.get_by_role("link", name=re.compile(r"^檢視\s*第 1 版$")).click()
    expect(page.locator(".document-frame").get_by_text("請資訊局於 12 月底前彙整各機關資訊預算需求。")).to_be_visible()
    check_a11y(page, context="one revision")


def test_the_editor_works_on_a_tablet_and_with_the_keyboard(page, demo, check_a11y):
    meeting = held_89()
    sign_in(page, *SECRETARIAT)
    page.set_viewport_size({"width": 800, "height": 1100})
    page.goto(f"/meetings/{meeting.pk}/minutes/edit/")
    check_a11y(page, context="editor at tablet width")
    shot(page, "minutes-editor-tablet")
    page.locator("#header-location").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "header-end"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"


def test_the_public_reads_published_minutes_and_never_a_draft(page, demo, check_a11y, settings):
    settings.PUBLIC_PORTAL = True
    published = Meeting.objects.get(series__code="chief-secretaries", number=88)
    draft = held_89()
    page.goto(f"/meetings/{published.pk}/minutes/")
    expect(page.locator(".lg-minutes")).to_contain_text("請公管中心持續追蹤節能成效")
    expect(page.get_by_role("link", name="PDF", exact=True)).to_be_visible()
    assert page.get_by_text("會簽意見").count() == 0 and page.get_by_role("link", name="編輯會議紀錄").count() == 0
    check_a11y(page, context="published minutes, not signed in")
    page.goto(f"/meetings/{draft.pk}/minutes/")
    assert "/accounts/login/" in page.url
