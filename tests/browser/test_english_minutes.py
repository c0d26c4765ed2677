"""Issue 19, both languages: the secretariat handles minutes in English.

The minutes page in each state the demo has (published, confirmed, a draft and the same minutes
circulated for review), the editor, the version history and the comparison of two versions, and the
import pages (start, batch, one file's preview) speak English outside the records' data. The
official text of the minutes (the document in the official layout, the lines of a comparison) stays
Chinese: it is record data, marked ``data-record``.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from lieguan.demo.city import ACTOR, demo_password
from lieguan.meetings.models import Meeting
from tests.browser.conftest import ARTIFACTS, screenshot, sign_in
from tests.browser.english import chinese_in_interface, switch_to_english
from tests.browser.test_meetings_minutes import held_89, item_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = ARTIFACTS / "english-minutes"

# Invented for this test: a short past session of the demo's 主任秘書會報, naming only people and
# agencies the demo's directory knows.
MINUTES_80 = """臨海市政府第 80 次主任秘書會報紀錄

時間：民國 115 年 3 月 19 日上午 10 時 00 分

地點：市政大樓北區十二樓第一會議室

主席：林予安秘書長

紀錄：許文華

出席：如簽到表

壹、宣讀本府 115 年 2 月 12 日第 79 次主任秘書會報紀錄。

會議結論：紀錄確定。

貳、報告事項

一、本府公務車輛共乘調度規劃。（秘書處）

會議結論：洽悉。

散會（11 時 00 分）
"""


def test_the_secretariat_handles_minutes_in_english(page, demo, check_a11y, tmp_path):
    from lieguan.meetings import actions

    SHOTS.mkdir(parents=True, exist_ok=True)
    page.on("dialog", lambda dialog: dialog.accept())
    published = Meeting.objects.get(series__code="chief-secretaries", number=88)
    confirmed = Meeting.objects.get(series__code="chief-secretaries", number=87)
    draft = held_89()
    budget = item_of(draft, "資訊預算")
    actions.do_add_conclusion(ACTOR, budget, text="請資訊局於 12 月底前彙整各機關資訊預算需求。")

    sign_in(page, "secretariat", demo_password("secretariat"))
    switch_to_english(page)

    def check(url: str, shot: str = "") -> None:
        if url:
            page.goto(url)
            page.wait_for_load_state()
        leftovers = chinese_in_interface(page)
        assert not leftovers, f"Chinese in the English interface of {page.url}: {leftovers}"
        check_a11y(page, context=f"{page.url} in English")
        if shot:
            screenshot(page, SHOTS / shot)

    # Published minutes: the state card, the downloads, and the official text kept in Chinese.
    check(f"/meetings/{published.pk}/minutes/", "published.png")
    expect(page.get_by_role("heading", name=re.compile("Minutes status: Published"))).to_be_visible()
    expect(page.get_by_role("link", name="Word (DOCX)")).to_be_visible()
    expect(page.locator(".document-frame[data-record] .lg-minutes")).to_contain_text("主任秘書會報")

    # Confirmed minutes, their versions, and the comparison of two of them.
    check(f"/meetings/{confirmed.pk}/minutes/")
    expect(page.get_by_role("heading", name="These minutes are confirmed")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^Version history \(2 versions\)$")).click()
    page.wait_for_load_state()
    check("", "revisions.png")
    expect(page.get_by_role("table")).to_contain_text("Confirmed")
    page.get_by_role("link", name=re.compile("^Compare with the previous version")).first.click()
    page.wait_for_load_state()
    check("", "compare.png")
    expect(page.get_by_role("heading", name=re.compile(r"^Changes from version 1 \(Published\) to version 2"))).to_be_visible()
    page.get_by_role("link", name="Compare the full text").click()
    page.wait_for_load_state()
    check("")
    page.get_by_role("link", name="Back to the version history").click()
    page.get_by_role("link", name=re.compile(r"^View\s*version 1$")).click()
    page.wait_for_load_state()
    check("")
    expect(page.get_by_text("Current version")).to_have_count(0)

    # A draft: its page, then the editor with the confirmation of the previous minutes.
    check(f"/meetings/{draft.pk}/minutes/")
    expect(page.get_by_role("heading", name=re.compile("Minutes status: Draft"))).to_be_visible()
    page.get_by_role("link", name="Edit the minutes").click()
    page.wait_for_load_state()
    check("", "editor.png")
    expect(page.get_by_role("button", name="Minutes confirmed (no amendments)")).to_be_visible()
    expect(page.get_by_role("button", name="Add remark").first).to_be_visible()
    expect(page.get_by_label("Adjourned at")).to_be_visible()

    # Circulated for review, from the editor.
    page.get_by_role("button", name="Circulate to participants for review").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Circulated to the participants for review")).to_be_visible()
    check("")
    check(f"/meetings/{draft.pk}/minutes/", "circulated.png")
    expect(page.get_by_role("heading", name=re.compile("Minutes status: Circulated for review"))).to_be_visible()
    expect(page.get_by_role("heading", name="Download (version under review)")).to_be_visible()

    # Importing minutes: the start page, the batch, and one file's preview.
    check("/meetings/import/", "import-start.png")
    expect(page.get_by_role("heading", level=1)).to_have_text("Import minutes")
    upload = tmp_path / "linhai_chief_secretaries_80.txt"
    upload.write_text(MINUTES_80, encoding="utf-8")
    page.get_by_label("Minutes files").set_input_files(str(upload))
    page.get_by_role("button", name="Upload and start parsing").click()
    expect(page.locator("#import-status")).to_have_text("1 of 1 files processed; parsing finished")
    check("", "import-batch.png")
    page.get_by_role("link", name=re.compile("^Preview and confirm: linhai_chief_secretaries_80")).click()
    page.wait_for_load_state()
    expect(page.locator("h1.page-title")).to_contain_text("Import preview: linhai_chief_secretaries_80")
    check("", "import-file.png")
    expect(page.get_by_text("All agencies and people named in the minutes are in the directory.")).to_be_visible()
