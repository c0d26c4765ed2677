"""The browser test harness: Debian's Chromium driven by Playwright, with an axe check for every page.

Browsers are never downloaded: tests use the system's `chromium` (installed by
`make test`) and fail with a clear message when it is missing.
"""

from __future__ import annotations

import gc
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, sync_playwright

from tests.browser.a11y import assert_accessible
from tests.factories import PASSWORD

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--no-first-run",
]


def chromium_path() -> str:
    path = os.environ.get("LIEGUAN_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Chromium is not installed: run `make test`, which installs Debian's chromium package", pytrace=False)
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # One browser a module, not a session: Playwright's sync API keeps its event loop running in the thread
    # while it is open, and the tests a pytest worker runs after a browser module must find none there (an
    # async view through Django's test client, asyncio.run). The launch costs about a second a module.
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def one_request_at_a_time(live_server) -> None:
    """On the tests' in-memory SQLite database the live server's threads all share the test's one connection
    (a second connection would see another, empty database), so two requests at once would interleave their
    transactions on it: a double click's two POSTs broke each other's atomic blocks. A real deployment gives
    each thread its own connection; here the requests take turns, which keeps each one's transaction whole.
    PostgreSQL's live server has a connection per thread and serves requests at once."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    server = live_server.thread.httpd
    app = server.get_app()
    turn = threading.Lock()

    def taking_turns(environ: Any, start_response: Any) -> Any:
        with turn:
            # The whole body is produced inside the turn: a streamed answer reads the database as it goes.
            return list(app(environ, start_response))

    server.set_app(taking_turns)


@pytest.fixture
def context(browser: Browser, live_server, settings, one_request_at_a_time) -> Iterator[BrowserContext]:
    # The links the site sends away (feeds, QR codes, e-mails) lead to the server the browser uses.
    settings.LIEGUAN_BASE_URL = live_server.url
    context = browser.new_context(
        base_url=live_server.url, locale="zh-TW", timezone_id="Asia/Taipei", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    yield context
    context.close()
    # The live server's threads leave unclosed connections to the in-memory SQLite database behind: freed
    # now, between tests, rather than by a collection that happens to run inside one of SQLite's calls back
    # into Python, where closing waits for a lock the call holds and the process hangs (tests/demo_snapshot.py).
    gc.collect()


@pytest.fixture
def page(context: BrowserContext, request) -> Iterator[Page]:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(f"{msg.text} {msg.location.get('url', '')}") if msg.type == "error" else None)
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    # A page that logs a JavaScript error or a CSP violation is broken even if the test passed its checks.
    assert not errors, f"browser console errors: {errors}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def screenshot(target: Page | Locator, path: Path, *, full_page: bool = True) -> None:
    """Keep a picture of ``target`` for a person to look at, when asked (``LIEGUAN_SCREENSHOTS=1``, e.g. before
    resolving an issue): a full-page picture costs a third of a second, and CI has nobody to look. A failing
    test keeps its picture whatever is asked (the ``page`` fixture)."""
    if not os.environ.get("LIEGUAN_SCREENSHOTS"):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(target, Locator):
        target.screenshot(path=str(path))
    else:
        target.screenshot(path=str(path), full_page=full_page)


def sign_in(page: Page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the sign-in page, as a person would."""
    page.goto("/accounts/login/")
    page.get_by_label("帳號").fill(username)
    page.get_by_label("密碼").fill(password)
    page.get_by_role("button", name="登入").click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, f"sign-in as {username} failed: {page.content()[:2000]}"


@pytest.fixture
def check_a11y():
    return assert_accessible


@pytest.fixture
def demo(transactional_db):
    """The demo city, as `lieguan demo` leaves it (copied in from the first load: tests/demo_snapshot.py)."""
    from tests.demo_snapshot import load_demo_for_test

    return load_demo_for_test()


def clock_at(monkeypatch: pytest.MonkeyPatch, moment: Any) -> None:
    """Move the live server's clock (it runs in this process) to ``moment``, e.g. into a meeting that lies ahead:
    decisions and publication need a meeting that began. Sessions made before then have expired: sign in again."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: moment)
