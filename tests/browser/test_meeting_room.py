"""Issue 15: the live meeting room. The recorder moves the meeting from a desktop; an attendee's tablet and the
projector follow within a second each time; the attendee then reads a material with the network cut."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Browser, BrowserContext, Page, expect

from lieguan.live.agenda import items_in_order, status_report_item_id
from lieguan.meetings import actions
from lieguan.meetings.models import Meeting
from tests.browser.asgi_server import asgi_server
from tests.browser.conftest import ARTIFACTS, screenshot, sign_in

# The room holds a stream open per screen while the recorder writes: each database serves that its own way.
pytestmark = [pytest.mark.browser, pytest.mark.every_database, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n% 116 budget slides for the room\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
FOLLOW_SECONDS = 1.0


@pytest.fixture
def server(demo) -> Iterator[str]:
    with asgi_server() as url:
        yield url


def _context(browser: Browser, base_url: str, **options) -> BrowserContext:
    context = browser.new_context(base_url=base_url, locale="zh-TW", timezone_id="Asia/Taipei", **options)
    context.set_default_timeout(15_000)
    return context


def _watch_errors(page: Page, errors: list[str]) -> None:
    page.on("pageerror", lambda exc: errors.append(f"{page.url}: {exc}"))
    page.on("console", lambda msg: errors.append(f"{page.url}: {msg.text}") if msg.type == "error" else None)


def test_the_attendee_and_the_projector_follow_the_recorder_and_the_material_stays_readable_offline(browser, server, check_a11y):
    meeting = Meeting.objects.get(series__code="chief-secretaries", number=89)
    items = items_in_order(meeting)
    status_item = status_report_item_id(meeting)
    assert items[0].pk == status_item, "the demo's session opens with its status report"
    budget = items[1]
    material = actions.do_upload_material(
        get_user_model().objects.get(username="secretariat"), budget, io.BytesIO(PDF), "116年度預算簡報.pdf"
    )

    recorder_context = _context(browser, server, viewport={"width": 1280, "height": 900})
    tablet_context = _context(browser, server, viewport={"width": 1024, "height": 768}, has_touch=True, is_mobile=True)
    projector_context = _context(browser, server, viewport={"width": 1920, "height": 1080})
    errors: list[str] = []
    online_errors: list[str] = []
    try:
        recorder, tablet, projector = (c.new_page() for c in (recorder_context, tablet_context, projector_context))
        for page in (recorder, tablet, projector):
            _watch_errors(page, errors)
        sign_in(recorder, "secretariat", "Lieguan-secretariat-2026")  # 許文華, the session's recorder
        sign_in(tablet, "attendee", "Lieguan-attendee-2026")  # 馮柏均, invited
        sign_in(projector, "chair", "Lieguan-chair-2026")
        recorder.goto(f"/meetings/{meeting.pk}/")
        recorder.get_by_role("link", name="進入會議室").click()
        tablet.goto(f"/live/{meeting.pk}/")
        projector.goto(f"/live/{meeting.pk}/projector/")
        for page in (recorder, tablet, projector):
            expect(page.locator("[data-live-connection]")).to_have_text("即時連線")
        expect(tablet.locator("#live-item")).to_contain_text("會議尚未開始")

        # Three moves, each by one key: the first item, the next, the next.
        for expected in items[:3]:
            start = time.monotonic()
            recorder.keyboard.press("ArrowRight")
            for page in (tablet, projector):
                left = FOLLOW_SECONDS - (time.monotonic() - start)
                expect(page.locator("#live-item")).to_have_attribute("data-item", str(expected.pk), timeout=max(1, int(left * 1000)))
            took = time.monotonic() - start
            assert took < FOLLOW_SECONDS, f"{expected.title}: followed after {took:.2f} s"
            expect(tablet.locator("#live-item-title")).to_contain_text(expected.title[:20])
            expect(projector.locator("#live-item-title")).to_contain_text(expected.title[:20])
            if expected.pk == status_item:
                # The projector shows the cases being decided, the tablet its presenting agency and materials.
                expect(projector.locator(".projector__cases tbody tr").first).to_be_visible()
                check_a11y(projector, context="projector on the status report")
                check_a11y(tablet, context="tablet on the status report")
            if expected.pk == budget.pk:
                expect(tablet.get_by_role("link", name="116年度預算簡報.pdf")).to_be_visible()
                expect(tablet.locator(".live-item__presenter")).to_contain_text("報告機關")
        ARTIFACTS.mkdir(exist_ok=True)
        screenshot(projector, ARTIFACTS / "live-projector.png", full_page=False)
        check_a11y(recorder, context="recorder's room")

        # The attendee browses back to the budget item, and returns to what the meeting is on now.
        tablet.locator(f'[data-browse="{budget.pk}"]').click()
        expect(tablet.locator("#live-item")).to_have_attribute("data-item", str(budget.pk))
        expect(tablet.locator("[data-live-mode]")).to_contain_text("自行瀏覽中")
        tablet.get_by_role("button", name="回到目前議程").click()
        expect(tablet.locator("#live-item")).to_have_attribute("data-item", str(items[2].pk))
        check_a11y(tablet, context="tablet following the meeting")
        screenshot(tablet, ARTIFACTS / "live-tablet.png", full_page=False)

        # Saved before the network drops: then the room, the item and its material are read from the copies.
        tablet.get_by_role("button", name="離線保存").click()
        expect(tablet.locator("[data-live-offline-status]")).to_contain_text("已保存")
        online_errors = list(errors)
        tablet_context.set_offline(True)
        # The network is really gone for the service worker too: what was not saved cannot be had.
        unsaved = tablet.evaluate(
            "url => fetch(url).then(r => 'HTTP ' + r.status).catch(() => 'failed')", f"/live/{meeting.pk}/offline.json"
        )
        assert unsaved == "failed"
        offline = tablet.goto(f"/live/{meeting.pk}/")
        assert offline is not None and offline.from_service_worker
        tablet.locator(f'[data-browse="{budget.pk}"]').click()
        expect(tablet.locator("#live-item")).to_have_attribute("data-item", str(budget.pk))
        link = tablet.get_by_role("link", name="116年度預算簡報.pdf")
        expect(link).to_be_visible()
        body = tablet.evaluate(
            "url => fetch(url).then(r => r.ok ? r.text() : 'HTTP ' + r.status).catch(e => 'failed: ' + e)", link.get_attribute("href")
        )
        assert body.startswith("%PDF-1.4\n% 116 budget slides"), body[:80]
        check_a11y(tablet, context="tablet offline")
        tablet_context.set_offline(False)
    finally:
        for context in (recorder_context, tablet_context, projector_context):
            context.close()
    assert material.pk
    assert online_errors == []
    # Offline, the room's stream and what was never saved fail to load (the browser logs it); nothing else may fail.
    assert [e for e in errors[len(online_errors) :] if "Failed to load resource" not in e and "/events" not in e] == []
