"""In a real browser, no user-written text ever runs as script, on the pages that show the most of it."""

from __future__ import annotations

import pytest

from tests.browser.conftest import sign_in
from tests.security import scenario as sc
from tests.security.test_attacks import poison_everything

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_no_alert_fires_anywhere_a_poisoned_text_is_shown(page, demo, check_a11y):
    world = sc.build(demo)
    poison_everything()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(page, "admin", "Lieguan-admin-2026")
    ids = world.ids
    for path in (
        "/",
        f"/meetings/{ids['meeting_draft']}/",
        f"/meetings/{ids['meeting_published']}/minutes/",
        f"/meetings/{ids['meeting_draft']}/minutes/edit/",
        f"/cases/{ids['case_edu']}/",
        "/cases/",
        f"/cases/meetings/{ids['meeting_draft']}/status-report/",
        "/search/?q=alert",
        "/reports/",
    ):
        page.goto(path)
        page.wait_for_load_state()
        assert "&lt;script&gt;" not in page.inner_text("main"), path  # escaped once, shown as text, not twice
    assert dialogs == []
