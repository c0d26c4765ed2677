"""Issue 4: the IT bureau's liaison uploads a material for their item before the cut-off, and is refused after it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lieguan.demo.city import ACTOR
from lieguan.meetings import actions
from lieguan.meetings.models import AgendaItem, Meeting
from tests.browser.conftest import ARTIFACTS, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n% 116 budget slides for the demo\n"


def test_the_liaison_uploads_before_the_cutoff_and_is_refused_after_it(page, demo, check_a11y):
    meeting = Meeting.objects.get(series__code="chief-secretaries", number=89)
    item = AgendaItem.objects.get(section__meeting=meeting, presenter__code="dit")
    assert meeting.materials_cutoff > timezone.now()
    sign_in(page, "liaison", "Lieguan-liaison-2026")
    page.goto(f"/meetings/{meeting.pk}/")
    expect(page.locator(".cutoff")).to_contain_text("會議資料上傳截止")
    # Only the item 資訊局 presents offers an upload.
    assert page.locator("input[type=file]").count() == 1
    upload = page.get_by_label(re.compile("上傳會議資料.*資訊預算"))
    upload.set_input_files({"name": "116年度資訊預算簡報.pdf", "mimeType": "application/pdf", "buffer": PDF})
    page.locator(f"#item-{item.pk}").get_by_role("button", name="上傳", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("已上傳「116年度資訊預算簡報.pdf」")
    link = page.get_by_role("link", name="116年度資訊預算簡報.pdf")
    with page.expect_download() as info:
        link.click()
    assert info.value.suggested_filename == "116年度資訊預算簡報.pdf"
    check_a11y(page, context="meeting page of the liaison")
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot(page, ARTIFACTS / "meetings-liaison-upload.png")

    # The secretariat closes uploads while the liaison still has the page open.
    actions.do_update_meeting(ACTOR, meeting, materials_cutoff=timezone.now() - dt.timedelta(minutes=5))
    page.get_by_label(re.compile("上傳會議資料.*資訊預算")).set_input_files(
        {"name": "補充資料.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.locator(f"#item-{item.pk}").get_by_role("button", name="上傳", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("「補充資料.pdf」未上傳：會議資料已於")
    expect(page.locator(".messages")).to_contain_text("如需補件，請洽會議幕僚")
    expect(page.locator(f"#item-{item.pk} .upload-closed")).to_be_visible()
    assert page.locator("input[type=file]").count() == 0
    assert item.materials.count() == 1
    check_a11y(page, context="after the cut-off")
    screenshot(page, ARTIFACTS / "meetings-liaison-after-cutoff.png")
