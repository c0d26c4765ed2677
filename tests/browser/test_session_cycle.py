"""Issue 12, done when: two full session cycles in a browser, and every place that shows them tells one story.

A new series of the demo city holds three sessions around the real now: 第12次
a month ago (its minutes published), 第13次 two hours ago and 第14次 an hour
ago, so that decisions and publication are allowed without touching the clock.
The secretariat puts a conclusion of 第12次 under tracking with 資訊局 leading
and 教育局 helping; both liaisons report; publishing 第13次's minutes before
deciding is refused; 第13次 amends the tracked conclusion (text and deadline)
while confirming 第12次's minutes, is moved to the day before, and the tracking
officer accepts the agencies' proposals in one step (資訊局 released, 教育局
continued); 第14次 reads the moved date, carries the amended text, and releases
教育局's part through the per-agency form.

After each step the same facts are read from every place that shows them: the
minutes (page and TXT), the case page, the status report, the home page, the
statistics page and the JSON API (a liaison's personal token, the others'
sessions). Each page is checked with axe.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from lieguan.core.actors import SystemActor
from lieguan.demo.city import demo_password
from lieguan.meetings import actions as m
from lieguan.meetings.models import AgendaSection, Conclusion, Meeting, MeetingSeries
from lieguan.minutes.rocdate import format_roc_date, format_roc_short, to_roc_year
from lieguan.organisations.models import Organisation, Person
from lieguan.tracking.models import TrackedCase
from tests.browser.conftest import ARTIFACTS, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SETUP = SystemActor("test-setup")
SERIES = "校園安全會報"
ITEM = "各校網路頻寬盤點"
REPORT_IT = "已完成 30 所學校網路頻寬盤點，擴充規格已提送教育局。"
REPORT_EDU_1 = "所屬學校需求彙整中，尚有 6 校未回復。"
REPORT_EDU_2 = "6 校需求已全數彙整，併入擴充規格。"
# What the minutes must say at each session, in the standard wording.
SENTENCE_13 = "列管編號 12-1（資訊局部分）解除列管；列管編號 12-1（教育局部分）賡續列管。"
SENTENCE_14 = "列管編號 12-1（教育局部分）解除列管。"


@dataclass
class Cycle:
    series: MeetingSeries
    first: Meeting  # 第12次: the conclusion is put under tracking here
    second: Meeting  # 第13次: first cycle (per-agency release, amendment, moved date)
    third: Meeting  # 第14次: second cycle
    conclusion: Conclusion
    text: str
    amended: str
    deadline: dt.date
    amended_deadline: dt.date


@dataclass
class Story:
    """What every page must agree on about case 12-1 at one moment."""

    status: str  # "open" | "released"
    parts: dict[str, dt.date | None]  # agency → released on (None: still 列管中)
    text: str
    deadline: dt.date
    released_on: dt.date | None = None
    history: list[str] = field(default_factory=list)


def arrange() -> Cycle:
    """The series and its three sessions; 第12次's minutes written and published as the recorder would."""
    city = Organisation.objects.get(code="city")
    series = m.do_create_series(
        SETUP,
        owner=city,
        name=SERIES,
        code="campus-safety",
        level="city",
        public=True,
        case_number_pattern="{session}-{seq}",
        default_chair=Person.objects.get(name="林予安"),
        default_recorder=Person.objects.get(name="許文華"),
        default_location="市政大樓第三會議室",
    )
    now = timezone.localtime().replace(second=0, microsecond=0)
    first_start = (now - dt.timedelta(days=30)).replace(hour=10, minute=0)
    first = m.do_schedule_meeting(SETUP, series, start=first_start, number=12)
    reports = first.sections.get(kind=AgendaSection.Kind.REPORTS)
    item = m.do_add_item(SETUP, reports, title=ITEM, presenter=Organisation.objects.get(code="dit"))
    text = "請資訊局會同教育局於12月底前完成各校網路頻寬盤點。"
    conclusion = m.do_add_conclusion(SETUP, item, text=text)
    status_item = reports.items.order_by("position").first()
    m.do_add_conclusion(SETUP, status_item, text="本次為本會報首次列管，洽悉。")
    m.do_update_minutes_header(SETUP, first, end=first_start + dt.timedelta(hours=1))
    m.do_transition_minutes(SETUP, first, Meeting.MinutesState.PUBLISHED)
    second = m.do_schedule_meeting(SETUP, series, start=now - dt.timedelta(hours=2), number=13)
    third = m.do_schedule_meeting(SETUP, series, start=now - dt.timedelta(hours=1), number=14)
    year = first_start.year
    return Cycle(
        series=series,
        first=first,
        second=second,
        third=third,
        conclusion=conclusion,
        text=text,
        amended=f"請資訊局會同教育局於{to_roc_year(year) + 1}年1月底前完成各校網路頻寬盤點。",
        deadline=dt.date(year, 12, 31),
        amended_deadline=dt.date(year + 1, 1, 31),
    )


# Moving around -------------------------------------------------------------------------------------------


def as_user(page: Page, username: str) -> None:
    sign_out = page.get_by_role("button", name="登出")
    if sign_out.count():
        settle(page)
        sign_out.click()
        page.wait_for_url("**/accounts/login/**")
    sign_in(page, username, demo_password(username))


def visit(page: Page, url: str, a11y: Any, context: str) -> None:
    page.goto(url)
    a11y(page, context=context)


def settle(page: Page) -> None:
    """Let a case page's related decisions finish loading before the test moves on.

    They load over HTMX as they scroll into view. A request still running would race
    the next one for the session row: signing out deletes it under the request (400,
    「session interrupted」), and SQLite's shared in-memory test database answers two
    writers with 「table is locked」.
    """
    page.evaluate("document.querySelector('.related-decisions')?.scrollIntoView()")
    expect(page.locator(".related-decisions--loading")).to_have_count(0)


def open_case(page: Page, case: TrackedCase) -> None:
    page.goto(f"/cases/{case.pk}/")
    settle(page)


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot(page, ARTIFACTS / f"{name}.png")


def figures(block: Locator) -> dict[str, int]:
    """A figures list (<dl class="figures">) as {label: number}."""
    pairs = block.locator(".figures__item").evaluate_all(
        "items => items.map(i => [i.querySelector('dt').textContent.trim(), i.querySelector('dd').textContent.trim()])"
    )
    return {label: int(value) for label, value in pairs if value.isdigit()}


def table(block: Locator) -> dict[str, dict[str, str]]:
    """A table with a header row and row headers as {row header: {column header: cell text}}."""
    return block.evaluate(
        """t => {
            const heads = [...t.querySelectorAll('thead th')].map(h => h.textContent.trim());
            const out = {};
            for (const row of t.querySelectorAll('tbody tr')) {
                const cells = [...row.children].map(c => c.textContent.trim());
                out[cells[0]] = Object.fromEntries(heads.map((h, i) => [h, cells[i]]));
            }
            return out;
        }"""
    )


def api(page: Page, path: str, token: str | None = None) -> Any:
    """A GET of the JSON API, with a personal token when given, else with the browser's session."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = page.context.request.get(f"/api/v1{path}", headers=headers)
    assert response.status == 200, (path, response.status, response.text()[:500])
    return response.json()


def every(page: Page, path: str, token: str | None = None) -> list[dict[str, Any]]:
    items, after = [], None
    while True:
        joiner = "&" if "?" in path else "?"
        page_of = api(page, f"{path}{joiner}limit=200" + (f"&after={after}" if after else ""), token)
        items.extend(page_of["items"])
        after = page_of["next"]
        if after is None:
            return items


def minutes_txt(page: Page, meeting: Meeting) -> str:
    response = page.context.request.get(f"/meetings/{meeting.pk}/minutes.txt")
    assert response.status == 200
    return response.text()


def roc(day: dt.date) -> str:
    return format_roc_date(day)


# The story, read from every place -------------------------------------------------------------------------


def check_case(page: Page, case: TrackedCase, story: Story, a11y: Any, *, token: str | None = None, context: str) -> None:
    """The case page and the API say the same as ``story``."""
    open_case(page, case)
    a11y(page, context=f"case page: {context}")
    label = {"open": "列管中", "released": "已解除列管"}
    expect(page.locator(".lead .badge").first).to_have_text(label[story.status])
    assert page.locator("p.tracking-text").first.inner_text() == story.text
    facts = page.locator("dl.facts").inner_text()
    assert f"列管期限\n{roc(story.deadline)}" in facts, facts
    if story.released_on:
        assert f"解除列管日期\n{roc(story.released_on)}" in facts, facts
    else:
        assert "解除列管日期" not in facts
    rows = table(page.locator("#assignments table"))
    for agency, released in story.parts.items():
        status = rows[agency]["狀態"]
        expected = f"已解除列管{roc(released)}" if released else "列管中"
        assert status == expected, (agency, status, expected)
    history = page.locator(".tracking-timeline").inner_text()
    for step in story.history:
        assert step in history, (step, history)

    data = api(page, f"/cases/{case.pk}", token)
    assert data["status"] == story.status
    assert data["text"] == story.text
    assert data["deadline"] == story.deadline.isoformat()
    assert data["released_on"] == (story.released_on.isoformat() if story.released_on else None)
    parts = {a["organisation"]: (a["status"], a["released_on"]) for a in data["assignments"]}
    for agency, released in story.parts.items():
        assert parts[agency] == (("released", released.isoformat()) if released else ("open", None)), (agency, parts)


def check_decided(page: Page, meeting: Meeting, case: TrackedCase, sentence: str, decided: dict[str, str], a11y: Any) -> None:
    """The minutes page, the TXT download, the minutes JSON of the API and the API's decisions carry the sentence."""
    visit(page, f"/meetings/{meeting.pk}/minutes/", a11y, f"minutes of {meeting.ordinal}")
    expect(page.locator(".document-frame")).to_contain_text(sentence)
    assert sentence in minutes_txt(page, meeting)
    assert sentence in str(api(page, f"/meetings/{meeting.pk}/minutes"))
    rows = api(page, f"/decisions?meeting_id={meeting.pk}")["items"]
    day = timezone.localtime(meeting.start).date().isoformat()
    assert {r["organisation"]: r["decision"] for r in rows if r["case_id"] == case.pk} == decided
    assert {r["decided_on"] for r in rows} == {day}


def check_counts(page: Page, cycle: Cycle, a11y: Any, *, series_rows: dict[str, tuple[int, int]], context: str) -> dict[str, int]:
    """Home figures = statistics figures = the API's open parts; the series' rows per agency: (列管中, 本期解除列管)."""
    visit(page, "/", a11y, f"home: {context}")
    home = figures(page.get_by_role("region", name="列管統計"))
    visit(page, "/reports/", a11y, f"statistics: {context}")
    stats = figures(page.locator(".stats-summary"))
    for label in ("列管中", "已逾期"):
        assert home[label] == stats[label], (label, home, stats)
    soon = next(k for k in home if k.endswith("個工作日內到期"))
    assert home[soon] == stats[soon]
    open_parts = sum(a["status"] == "open" for c in every(page, "/cases?status=open") for a in c["assignments"])
    assert open_parts == home["列管中"], (open_parts, home)

    if not series_rows:  # the statistics offer only series that have cases
        return home
    start, end = format_roc_short(timezone.localtime(cycle.first.start).date()), format_roc_short(timezone.localdate())
    visit(page, f"/reports/?start={start}&end={end}&series={cycle.series.pk}", a11y, f"statistics of the series: {context}")
    rows = table(page.get_by_role("table", name="列管案件執行情形統計表", exact=True))
    for agency, (still_open, released) in series_rows.items():
        assert (int(rows[agency]["列管中"]), int(rows[agency]["本期解除列管"])) == (still_open, released), (agency, rows[agency])
    return home


def liaison_panel(page: Page, code: str, token: str | None = None) -> tuple[int, str]:
    """The liaison's home panel total (本機關列管案件) and, from the API, how many cases their agency still has open."""
    page.goto("/")
    region = page.get_by_role("region", name="本機關列管案件")
    total = int(re.search(r"列管中 (\d+) 案", region.inner_text()).group(1)) if region.count() else 0
    agency = Organisation.objects.get(code=code)
    scope = {agency.pk, *Organisation.objects.filter(parent=agency).values_list("pk", flat=True)}
    mine = [
        c
        for c in every(page, "/cases?status=open", token)
        if any(a["organisation_id"] in scope and a["status"] == "open" for a in c["assignments"])
    ]
    return total, " ".join(c["number"] for c in mine)


def report(page: Page, case: TrackedCase, agency: str, text: str, proposal: str, a11y: Any) -> None:
    open_case(page, case)
    page.get_by_role("link", name=f"填報辦理情形（{agency}）").click()
    a11y(page, context=f"report form of {agency}")
    page.get_by_role("textbox", name="辦理情形").fill(text)
    page.get_by_label(proposal).check()
    page.get_by_role("button", name="送出辦理情形").click()
    expect(page.locator(".message--success")).to_contain_text(f"已填報{agency}")
    settle(page)  # back on the case page


def make_token(page: Page, a11y: Any) -> str:
    visit(page, "/api/tokens/", a11y, "tokens page")
    page.get_by_label("用途").fill("列管案件查詢")
    page.get_by_role("button", name="建立權杖").click()
    token = page.get_by_role("textbox", name="權杖", exact=True).input_value()
    assert token.startswith("lg_")
    return token


# The walk ----------------------------------------------------------------------------------------------


def test_two_session_cycles_tell_one_story_in_the_minutes_the_cases_the_status_report_the_figures_and_the_api(page, demo, check_a11y):
    page.on("dialog", lambda dialog: dialog.accept())
    cycle = arrange()
    first, second, third = cycle.first, cycle.second, cycle.third
    day_1 = timezone.localtime(first.start).date()

    # The tracking officer's figures before anything happens: home, statistics and API agree.
    as_user(page, "tracking")
    before = check_counts(page, cycle, check_a11y, series_rows={}, context="before")

    # 1. The secretariat puts the conclusion under tracking: 資訊局 leads, 教育局 helps.
    as_user(page, "secretariat")
    visit(page, f"/cases/meetings/{first.pk}/select/", check_a11y, "selection list")
    page.locator(f"#conclusion-{cycle.conclusion.pk}").get_by_role("link", name="列管").click()
    assert page.get_by_label("列管編號").input_value() == "12-1"
    check_a11y(page, context="selection form")
    page.get_by_label("主辦機關").select_option(label="資訊局")
    page.get_by_role("checkbox", name="教育局", exact=True).check()
    page.get_by_label("列管期限", exact=True).fill(format_roc_short(cycle.deadline))
    page.get_by_role("button", name="確認列管並開啟案件").click()
    expect(page.locator(".message--success")).to_contain_text("已列管 12-1")
    case = TrackedCase.objects.get(conclusion=cycle.conclusion)
    opened = Story(
        "open",
        {"資訊局": None, "教育局": None},
        cycle.text,
        cycle.deadline,
        history=[f"由臨海市政府{SERIES}第12次會議結論選項列管", "指定主辦機關：資訊局", "指定協辦機關：教育局"],
    )
    check_case(page, case, opened, check_a11y, context="just tracked")
    visit(page, f"/cases/meetings/{second.pk}/status-report/", check_a11y, "status report of 第13次")
    row = page.locator(f"#case-{case.pk}").inner_text()
    assert cycle.text in row and format_roc_short(cycle.deadline) in row

    # 2. Both liaisons report for 第13次: 資訊局 proposes release, 教育局 continuing.
    as_user(page, "liaison")
    total, mine = liaison_panel(page, "dit")
    assert "12-1" in mine.split() and total == len(mine.split()), (total, mine)
    check_a11y(page, context="liaison home")
    report(page, case, "資訊局", REPORT_IT, "擬解除列管", check_a11y)
    as_user(page, "liaison2")
    token = make_token(page, check_a11y)
    report(page, case, "教育局", REPORT_EDU_1, "擬繼續列管", check_a11y)
    check_case(page, case, opened, check_a11y, token=token, context="both reported")

    # 3. The secretariat tries to publish 第13次's minutes before any decision: refused, naming the case.
    as_user(page, "secretariat")
    visit(page, f"/meetings/{second.pk}/minutes/", check_a11y, "minutes of 第13次 before deciding")
    page.get_by_role("button", name="發布紀錄").click()
    refusal = page.locator(".message--error")
    expect(refusal).to_contain_text("12-1")
    expect(refusal).to_contain_text("列管決定")
    expect(page.locator(".minutes-state h2")).to_contain_text("草稿")
    check_a11y(page, context="publication refused")
    shot(page, "cycle-publish-refused")

    # 4. At 第13次 the minutes of 第12次 are confirmed with an amendment of the tracked conclusion.
    visit(page, f"/meetings/{second.pk}/minutes/edit/", check_a11y, "editor of 第13次")
    page.get_by_label("修正的會議結論").select_option(value=str(cycle.conclusion.pk))
    amendment = page.get_by_label("修正後的文字")
    expect(amendment).to_have_value(cycle.text)
    amendment.fill(cycle.amended)
    page.get_by_role("button", name="依上列修正，其餘紀錄確定").click()
    expect(page.get_by_text("已修正 1 處並確定")).to_be_visible()
    amended = Story(
        "open",
        {"資訊局": None, "教育局": None},
        cycle.amended,
        cycle.amended_deadline,
        history=[*opened.history, f"臨海市政府{SERIES}第13次會議確定紀錄時修正會議結論"],
    )
    check_case(page, case, amended, check_a11y, context="amended at 第13次")
    events = page.locator(".tracking-timeline__event")
    change = events.filter(has_text="確定紀錄時修正會議結論").inner_text()
    assert f"列管期限由 {roc(cycle.deadline)} 改為 {roc(cycle.amended_deadline)}" in change and cycle.amended in change, change
    # The history still shows what was put under tracking before the amendment.
    selected = events.filter(has_text="會議結論選項列管").inner_text()
    assert cycle.text in selected and cycle.amended not in selected, selected

    # 5. 第13次 is moved to the day before; 第14次 reads the new date.
    old_day = timezone.localtime(second.start).date()
    moved = timezone.localtime(second.start) - dt.timedelta(days=1)
    visit(page, f"/meetings/{second.pk}/edit/", check_a11y, "moving 第13次")
    page.get_by_label("開會日期").fill(format_roc_short(moved.date()))
    page.get_by_label("會議資料上傳截止日期").fill("")
    page.get_by_label("會議資料上傳截止時間").fill("")
    page.get_by_role("button", name="儲存").click()
    page.wait_for_load_state()
    if page.get_by_label("仍要排定").count():  # a weekend or a holiday: the form asks first
        check_a11y(page, context="moving 第13次 to a day off")
        page.get_by_label("仍要排定").check()
        page.get_by_role("button", name="儲存").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("第13次")
    second.refresh_from_db()
    assert timezone.localtime(second.start) == moved
    day_2 = moved.date()
    heading = f"宣讀{roc(day_2)}第13次{SERIES}紀錄"
    visit(page, f"/meetings/{third.pk}/minutes/", check_a11y, "minutes of 第14次 after the move")
    frame = page.locator(".document-frame").inner_text()
    assert heading in frame and f"宣讀{roc(old_day)}" not in frame, (
        f"第14次's 宣讀 heading does not follow the moved date of 第13次: expected 「{heading}」 in\n{frame[:600]}"
    )

    # 6. The tracking officer (研考) accepts the agencies' proposals in one step.
    as_user(page, "tracking")
    visit(page, f"/cases/meetings/{second.pk}/decisions/", check_a11y, "decisions of 第13次")
    expect(page.locator(".tracking-accept-all")).to_contain_text("12-1")
    page.get_by_role("button", name=re.compile("全部採納機關擬辦")).click()
    expect(page.locator(".message--success")).to_contain_text(SENTENCE_13)
    assert page.locator(".tracking-sentence p").inner_text() == SENTENCE_13
    check_a11y(page, context="decisions recorded")
    shot(page, "cycle-decisions-13")
    after_first = Story(
        "open",
        {"資訊局": day_2, "教育局": None},
        cycle.amended,
        cycle.amended_deadline,
        history=[*amended.history, "第13次會議決定"],
    )
    check_case(page, case, after_first, check_a11y, context="decided at 第13次")
    check_decided(page, second, case, SENTENCE_13, {"資訊局": "release", "教育局": "continue"}, check_a11y)
    visit(page, f"/cases/meetings/{second.pk}/status-report/", check_a11y, "status report of 第13次 after deciding")
    row = page.locator(f"#case-{case.pk}").inner_text()
    assert REPORT_IT in row and REPORT_EDU_1 in row
    home = check_counts(page, cycle, check_a11y, series_rows={"資訊局": (0, 1), "教育局": (1, 0)}, context="after 第13次")
    assert home["列管中"] == before["列管中"] + 1  # two parts opened, one released

    # 7. Now the secretariat publishes 第13次's minutes.
    as_user(page, "secretariat")
    visit(page, f"/meetings/{second.pk}/minutes/", check_a11y, "minutes of 第13次 after deciding")
    page.get_by_role("button", name="發布紀錄").click()
    expect(page.get_by_text("會議紀錄已發布。")).to_be_visible()
    text = minutes_txt(page, second)
    assert SENTENCE_13 in text and cycle.amended in text and "其餘紀錄確定" in text
    check_decided(page, second, case, SENTENCE_13, {"資訊局": "release", "教育局": "continue"}, check_a11y)
    shot(page, "cycle-minutes-13-published")

    # 8. 資訊局's liaison: its part is done, and its home page no longer counts the case.
    as_user(page, "liaison")
    total, mine = liaison_panel(page, "dit")
    assert "12-1" not in mine.split()
    assert total == len(mine.split()), f"本機關列管案件 says 列管中 {total} 案, but 資訊局 has {len(mine.split())} open parts: {mine}"
    check_a11y(page, context="liaison home after release")

    # 9. Second cycle: 教育局 reports for 第14次, whose status report carries the amended text.
    as_user(page, "liaison2")
    open_case(page, case)
    check_a11y(page, context="case page for the second cycle")
    expect(page.locator("#assignments .hint")).to_contain_text("第14次會議")
    report(page, case, "教育局", REPORT_EDU_2, "擬解除列管", check_a11y)
    check_case(page, case, after_first, check_a11y, token=token, context="教育局 reported for 第14次")

    # 10. At 第14次: the status report, the minutes of 第13次 confirmed, 教育局 released, the minutes published.
    as_user(page, "secretariat")
    visit(page, f"/cases/meetings/{third.pk}/status-report/", check_a11y, "status report of 第14次")
    row = page.locator(f"#case-{case.pk}").inner_text()
    assert cycle.amended in row and cycle.text not in row and format_roc_short(cycle.amended_deadline) in row, row
    assert REPORT_EDU_2 in row and REPORT_EDU_1 not in row
    shot(page, "cycle-status-report-14")
    visit(page, f"/meetings/{third.pk}/minutes/edit/", check_a11y, "editor of 第14次")
    page.get_by_role("button", name="紀錄確定（無修正）").click()
    expect(page.locator("#confirm .message--success")).to_contain_text("第13次會議紀錄已於本次會議確定")
    visit(page, f"/cases/meetings/{third.pk}/decisions/", check_a11y, "decisions of 第14次")
    block = page.locator(f"#decide-{case.pk}").locator("xpath=..")
    edu = block.get_by_role("group", name="教育局（協辦）")
    expect(edu.get_by_label("解除列管")).to_be_checked()
    edu.get_by_label("解除列管").check()
    page.get_by_role("button", name="儲存列管決定").click()
    expect(page.locator(".message--success")).to_contain_text("已記錄列管決定")
    assert page.locator(".tracking-sentence p").inner_text() == SENTENCE_14
    visit(page, f"/meetings/{third.pk}/minutes/", check_a11y, "minutes of 第14次 before publishing")
    page.get_by_role("button", name="發布紀錄").click()
    expect(page.get_by_text("會議紀錄已發布。")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="純文字", exact=True).click()
    text = download.value.path().read_text(encoding="utf-8")
    assert heading in text and SENTENCE_14 in text and "紀錄確定" in text
    day_3 = timezone.localtime(third.start).date()
    released = Story(
        "released",
        {"資訊局": day_2, "教育局": day_3},
        cycle.amended,
        cycle.amended_deadline,
        released_on=day_3,
        history=[*after_first.history, "第14次會議決定", "全案解除列管"],
    )
    check_case(page, case, released, check_a11y, context="released at 第14次")
    check_decided(page, third, case, SENTENCE_14, {"教育局": "release"}, check_a11y)

    # 11. The tracking officer's figures are back where they started; the series counts two released parts.
    as_user(page, "tracking")
    check_case(page, case, released, check_a11y, context="the tracking officer's view")
    shot(page, "cycle-case-released")
    home = check_counts(page, cycle, check_a11y, series_rows={"資訊局": (0, 1), "教育局": (0, 1)}, context="after 第14次")
    assert home["列管中"] == before["列管中"]
    assert day_1 < day_2 <= day_3
