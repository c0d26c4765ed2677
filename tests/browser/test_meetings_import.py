"""Issue 4: the secretariat imports a batch of minutes files in the browser, from upload to the meeting page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from lieguan.meetings.models import Meeting
from tests.browser.conftest import ARTIFACTS, screenshot, sign_in
from tests.meetings.import_support import CHIEF_83, CHIEF_84, OFFICE_39, WORK_REPORT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot(page, ARTIFACTS / f"{name}.png")


def test_the_secretariat_uploads_reviews_confirms_and_imports_minutes(page, demo, check_a11y):
    sign_in(page, "secretariat", "Lieguan-secretariat-2026")
    page.goto("/meetings/import/")
    expect(page.get_by_role("heading", level=1)).to_have_text("匯入會議紀錄")
    check_a11y(page, context="import page")
    _shot(page, "import-start")

    page.get_by_label("會議紀錄檔案").set_input_files([str(p) for p in (CHIEF_84, WORK_REPORT, CHIEF_83, OFFICE_39)])
    page.get_by_role("button", name="上傳並開始解析").click()
    status = page.locator("#import-status")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_text("已處理 4 / 4 個檔案，解析完成")
    expect(page.locator("#import-bar")).to_have_attribute("value", "4")
    rows = page.locator("table.import-files tbody tr")
    # In the order of the meetings' dates, whatever the order of the upload; the work report last.
    expect(rows.nth(0)).to_contain_text("第 83 次主任秘書會報")
    expect(rows.nth(1)).to_contain_text("第 84 次主任秘書會報")
    expect(rows.nth(2)).to_contain_text("第 39 次處務會議")
    expect(rows.nth(3)).to_contain_text("這份文件不是會議紀錄")
    check_a11y(page, context="batch after parsing")
    _shot(page, "import-batch")

    page.get_by_role("link", name=re.compile("預覽並確認：linhai_chief_secretaries_83")).click()
    expect(page.get_by_role("heading", name="解析警告（1）")).to_be_visible()
    expect(page.get_by_text("「觀傳局江主秘口頭報告」沒有案由")).to_be_visible()
    name = page.get_by_role("group", name=re.compile("「海洋局」"))
    expect(name).to_contain_text("報告事項三（報告機關）")
    check_a11y(page, context="preview of 83")
    _shot(page, "import-preview")
    name.get_by_label("僅保留文字，不連結名錄").check()
    page.get_by_role("button", name="確認並匯入").click()
    expect(page.locator(".messages")).to_contain_text("已匯入「臨海市政府主任秘書會報第83次」")

    page.get_by_role("link", name=re.compile("預覽並確認：linhai_chief_secretaries_84")).click()
    traffic = page.get_by_role("group", name=re.compile("「交通處」"))
    expect(traffic.get_by_label("對應至既有項目（請在下方選擇）")).to_be_checked()
    expect(traffic.get_by_label("對應「交通處」的既有機關")).to_have_value(str(_transport_id()))
    page.get_by_role("button", name="確認並匯入").click()
    expect(page.locator(".messages")).to_contain_text("已匯入「臨海市政府主任秘書會報第84次」")

    page.get_by_role("button", name=re.compile("匯入 1 個不需確認的檔案")).click()
    expect(page.locator(".messages")).to_contain_text("已匯入 1 個檔案")
    expect(page.get_by_text("此批檔案皆已處理完畢。")).to_be_visible()
    check_a11y(page, context="batch after importing")
    _shot(page, "import-batch-done")

    page.get_by_role("link", name="臨海市政府主任秘書會報第83次").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("臨海市政府主任秘書會報第83次")
    expect(page.get_by_text("已確定")).to_be_visible()
    check_a11y(page, context="imported meeting")
    _shot(page, "import-meeting")
    assert Meeting.objects.get(series__code="chief-secretaries", number=83).minutes_state == "confirmed"


def _transport_id():
    from lieguan.organisations.models import Organisation

    return Organisation.objects.get(code="transport").pk


def _hold_polls_while(page, batch_url, work):
    """Run ``work`` while the page's progress requests wait in the browser.

    Playwright's sync API answers a route only when the test calls it again, so the page's polls are
    held until ``work`` is done: the live server never reads while the worker writes (the in-memory
    test database of SQLite has table locks that a real database file does not).
    """
    page.route(batch_url, lambda route: route.continue_())
    work()
    page.unroute(batch_url)


def _worker(tasks):
    from django.core.management import call_command

    return lambda: call_command("worker", "--max-tasks", str(tasks), "--no-startup-delay", "--no-reload", "--interval", "0", verbosity=0)


def test_a_batch_of_many_files_is_parsed_in_the_background_and_the_page_follows_it_to_the_end(page, demo, tmp_path, check_a11y, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    text = OFFICE_39.read_text(encoding="utf-8")
    paths = []
    for n in range(1, 23):
        path = tmp_path / f"office-{n:02}.txt"
        path.write_text(text.replace("第 39 次", f"第 {n} 次"), encoding="utf-8")
        paths.append(str(path))
    sign_in(page, "secretariat", "Lieguan-secretariat-2026")
    page.goto("/meetings/import/")
    page.get_by_label("會議紀錄檔案").set_input_files(paths)
    page.get_by_role("button", name="上傳並開始解析").click()
    status = page.locator("#import-status")
    # The request only stored and queued the files: nothing is parsed until a worker runs.
    expect(status).to_have_text("已處理 0 / 22 個檔案")
    expect(page.locator("#import-bar")).to_have_attribute("value", "0")
    expect(page.get_by_text("檔案正在背景逐一解析")).to_be_visible()
    check_a11y(page, context="batch while waiting")
    _shot(page, "import-batch-waiting")

    # The worker's own loop (`lieguan worker`) runs a few files at a time; the page follows by itself.
    batch_url = re.sub(r"^https?://[^/]+", "**", page.url)
    for files, done in ((5, 5), (7, 12), (10, 22)):
        _hold_polls_while(page, batch_url, _worker(files))
        expect(page.locator("#import-bar")).to_have_attribute("value", str(done))
        if done == 12:
            expect(status).to_have_text("已處理 12 / 22 個檔案")
            _shot(page, "import-batch-in-progress")
    expect(status).to_have_text("已處理 22 / 22 個檔案，解析完成")
    expect(page.locator("table.import-files tbody tr")).to_have_count(22)
    page.set_viewport_size({"width": 800, "height": 1100})
    check_a11y(page, context="a batch of 22 files at tablet width")
    _shot(page, "import-batch-many-tablet")
