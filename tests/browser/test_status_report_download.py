"""Issues 16 and 20: a status report download is built in the background while its page shows the progress."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, screenshot, sign_in
from tests.tracking.board import make_board

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot(page, ARTIFACTS / f"{name}.png")


def test_the_pdf_is_built_in_the_background_and_offered_when_ready(page, city, settings, check_a11y):
    settings.TASKS = DATABASE_QUEUE
    board = make_board(city)
    sign_in(page, "alice")
    page.goto(f"/cases/meetings/{board.next.pk}/status-report/")
    page.get_by_role("link", name="PDF", exact=True).click()
    expect(page).to_have_url(f"{page.url.split('/cases/')[0]}/cases/meetings/{board.next.pk}/status-report.pdf/progress/")
    expect(page.get_by_role("status")).to_have_text("排隊中（0%）")
    expect(page.get_by_label("製作進度")).to_have_attribute("value", "0")
    check_a11y(page, context="status report file waiting")
    _shot(page, "status-report-file-queued")
    # The worker builds it; the page, polling, offers it without being reloaded.
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0", verbosity=0)
    expect(page.get_by_role("status")).to_have_text("已完成")
    link = page.get_by_role("link", name="下載 PDF")
    check_a11y(page, context="status report file ready")
    _shot(page, "status-report-file-ready")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith("會議結論事項執行情形.pdf")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
