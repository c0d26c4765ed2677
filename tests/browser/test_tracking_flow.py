"""Issue 5: a conclusion goes from selection through two reporting cycles by two agencies to a partial release and then a full release."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from lieguan.demo.city import ACTOR
from lieguan.meetings import actions as m
from lieguan.meetings.models import Conclusion, Meeting, MeetingSeries
from lieguan.tracking.models import CaseStatus, TrackedCase
from tests.browser.conftest import ARTIFACTS, clock_at, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORDS = {name: f"Lieguan-{name}-2026" for name in ("secretariat", "liaison", "liaison2")}


def as_user(page: Page, username: str) -> None:
    # Sign out as a person would: clearing cookies races the case page's lazily loaded related-items
    # request, whose response can set the previous user's session cookie again.
    sign_out = page.get_by_role("button", name="登出")
    if sign_out.count():
        sign_out.click()
        page.wait_for_url("**/accounts/login/**")
    sign_in(page, username, PASSWORDS[username])


def meetings_ahead(series: MeetingSeries) -> tuple[Meeting, Meeting]:
    """The next meeting of the series (the demo's coming one while it lies ahead) and one four weeks after it."""
    now = timezone.now()
    first = series.meetings.filter(start__gte=now, cancelled=False).order_by("start").first()
    if first is None:
        first = m.do_schedule_meeting(ACTOR, series, start=now + dt.timedelta(days=14))
    second = m.do_schedule_meeting(ACTOR, series, start=first.start + dt.timedelta(days=28))
    return first, second


def report(page: Page, case: TrackedCase, agency: str, text: str, proposal: str, file_name: str | None = None, a11y=None) -> None:
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("link", name=f"填報辦理情形（{agency}）").click()
    if a11y is not None:
        a11y(page, context="report form")
    page.get_by_role("textbox", name="辦理情形").fill(text)
    page.get_by_label(proposal).check()
    if file_name:
        page.get_by_label("附件").set_input_files(
            {"name": file_name, "mimeType": "text/plain", "buffer": f"{agency}辦理情形附件\n".encode()}
        )
    page.get_by_role("button", name="送出辦理情形").click()
    expect(page.locator(".message--success")).to_contain_text(f"已填報{agency}")


def decide(page: Page, meeting: Meeting) -> str:
    page.goto(f"/cases/meetings/{meeting.pk}/decisions/")
    page.get_by_role("button", name="儲存列管決定").click()
    expect(page.locator(".message--success")).to_contain_text("已記錄列管決定")
    return page.locator(".tracking-sentence p").inner_text()


def row_of(page: Page, case: TrackedCase) -> str:
    return page.locator(f"#case-{case.pk}").inner_text()


def download(page: Page, label: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=label).click()
    path = info.value.path()
    with open(path, "rb") as handle:
        return handle.read()


def test_a_conclusion_goes_from_selection_through_two_cycles_to_a_partial_then_a_full_release(
    page, demo, check_a11y, live_server, monkeypatch
):
    series = MeetingSeries.objects.get(code="chief-secretaries")
    published = series.meetings.get(number=88)
    assert published.minutes_state == Meeting.MinutesState.PUBLISHED
    conclusion = Conclusion.objects.get(item__section__meeting=published, text__startswith="稽核發現之缺失")
    cycle1, cycle2 = meetings_ahead(series)

    # The secretariat selects the conclusion, correcting the suggested agencies and deadline.
    as_user(page, "secretariat")
    page.goto(f"/cases/meetings/{published.pk}/select/")
    check_a11y(page, context="selection list")
    page.locator(f"#conclusion-{conclusion.pk}").get_by_role("link", name="列管").click()
    suggested = page.get_by_label("列管編號").input_value()
    assert suggested.startswith("88-")
    check_a11y(page, context="selection form")
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot(page, ARTIFACTS / "tracking-select-form.png")
    page.get_by_label("主辦機關").select_option(label="資訊局")
    page.get_by_role("checkbox", name="教育局", exact=True).check()
    page.get_by_label("列管期限", exact=True).fill("115/12/31")
    page.get_by_role("button", name="確認列管並開啟案件").click()
    expect(page.locator(".message--success")).to_contain_text(f"已列管 {suggested}")
    case = TrackedCase.objects.get(conclusion=conclusion)
    assert case.number == suggested and str(case.deadline) == "2026-12-31"
    assert [(a.organisation.short_name, a.role) for a in case.assignments.all()] == [("資訊局", "lead"), ("教育局", "co")]

    # The status report goes on the agenda of the next meeting.
    page.goto(f"/cases/meetings/{cycle1.pk}/status-report/")
    page.get_by_role("button", name="放入議程").click()
    expect(page.locator(".message--success")).to_contain_text("已將執行情形報告放入")

    # Until the agencies report, the secretariat's home page lists them as not reported this cycle.
    page.goto("/")
    missing = page.get_by_role("region", name="本期未填報案件").inner_text()
    assert f"{case.number} 資訊局（主辦）" in missing and f"{case.number} 教育局（協辦）" in missing

    # Cycle 1: both agencies report for the next meeting.
    as_user(page, "liaison")
    expect(page.get_by_role("region", name="本機關列管案件")).to_contain_text(case.number)
    report(page, case, "資訊局", "已完成各機關個資稽核缺失改善追蹤，共 12 項均已改善。", "擬解除列管", "資訊局改善清冊.txt", check_a11y)
    check_a11y(page, context="case page after the IT bureau's report")
    as_user(page, "liaison2")
    report(page, case, "教育局", "所屬學校 8 校已改善，其餘 4 校預計下月完成。", "擬繼續列管")

    # At that meeting (the clock moves into it): released for 資訊局, continued for 教育局.
    clock_at(monkeypatch, cycle1.start + dt.timedelta(hours=1))
    as_user(page, "secretariat")
    page.goto(f"/cases/meetings/{cycle1.pk}/decisions/")
    block = page.locator(f"#decide-{case.pk}").locator("xpath=..")
    expect(block.get_by_role("group", name="資訊局（主辦）").get_by_label("解除列管")).to_be_checked()
    expect(block.get_by_role("group", name="教育局（協辦）").get_by_label("賡續列管")).to_be_checked()
    check_a11y(page, context="decisions page")
    screenshot(page, ARTIFACTS / "tracking-decisions.png")
    sentence = decide(page, cycle1)
    assert f"{case.number}（資訊局部分）" in sentence and f"{case.number}（教育局部分）" in sentence
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN
    assert {a.organisation.short_name: a.status for a in case.assignments.all()} == {"資訊局": "released", "教育局": "open"}

    # Two days before the deadline the daily reminder run chases 教育局's open part, and not 資訊局's released one.
    mail.outbox.clear()
    day = (case.deadline - dt.timedelta(days=2)).isoformat()
    call_command("remind", "--today", day, "--any-day", "--base-url", live_server.url, stdout=io.StringIO())
    line = f"列管編號 {case.number}　"
    edu = next(e for e in mail.outbox if e.to == ["tseng.juoyu@linhai.example.gov.tw"])
    lines = edu.body.splitlines()
    at = next(n for n, text in enumerate(lines) if line in text)
    assert "（尚餘 2 個工作日）" in lines[at + 1] and lines[at + 3].strip() == f"{live_server.url}/cases/{case.pk}/"
    assert not any(line in e.body for e in mail.outbox if e.to != ["tseng.juoyu@linhai.example.gov.tw"])
    call_command("remind", "--today", day, "--any-day", stdout=io.StringIO())
    assert sum(line in e.body for e in mail.outbox) == 1  # never twice
    as_user(page, "liaison2")
    page.goto("/reports/notifications/")
    digest = page.get_by_role("article").filter(has_text=line)
    expect(digest).to_contain_text("尚餘 2 個工作日")
    check_a11y(page, context="reminder digest in the inbox")

    # Cycle 2: 教育局 reports for the following meeting, which releases it: the case is released.
    page.goto(f"/cases/{case.pk}/")
    assert cycle2.ordinal in page.locator("#assignments").inner_text()
    report(page, case, "教育局", "其餘 4 校已於本月完成改善，全數改善完畢。", "擬解除列管")
    clock_at(monkeypatch, cycle2.start + dt.timedelta(hours=1))
    as_user(page, "secretariat")
    sentence = decide(page, cycle2)
    assert f"{case.number}（教育局部分）" in sentence and "解除列管" in sentence
    case.refresh_from_db()
    assert case.status == CaseStatus.RELEASED

    # The case page tells the whole story.
    page.goto(f"/cases/{case.pk}/")
    history = page.locator(".tracking-timeline").inner_text()
    for step in (
        f"由{series.full_name}第88次會議結論選項列管",
        "指定主辦機關：資訊局",
        "指定協辦機關：教育局",
        f"資訊局填報{cycle1.ordinal}會議辦理情形：擬解除列管",
        f"教育局填報{cycle1.ordinal}會議辦理情形：擬繼續列管",
        f"{cycle1.ordinal}會議決定",
        f"教育局填報{cycle2.ordinal}會議辦理情形：擬解除列管",
        f"{cycle2.ordinal}會議決定",
        "全案解除列管",
    ):
        assert step in history, step
    assert history.index(f"{cycle1.ordinal}會議決定") < history.index(f"教育局填報{cycle2.ordinal}")
    expect(page.get_by_role("link", name="資訊局改善清冊.txt")).to_be_visible()
    check_a11y(page, context="case page")
    screenshot(page, ARTIFACTS / "tracking-case.png")

    # Each meeting's status report shows that meeting's reports.
    page.goto(f"/cases/meetings/{cycle1.pk}/status-report/")
    first = row_of(page, case)
    assert "共 12 項均已改善" in first and "其餘 4 校預計下月完成" in first and "全數改善完畢" not in first
    check_a11y(page, context="status report")
    screenshot(page, ARTIFACTS / "tracking-status-report.png")
    page.goto(f"/cases/meetings/{cycle2.pk}/status-report/")
    second = row_of(page, case)
    assert "全數改善完畢" in second and "（已解除列管）" in second and "預計下月完成" not in second

    # Downloads open in their programs' libraries and carry the case.
    import docx
    import pdfplumber
    from odf import teletype
    from odf.opendocument import load as load_odf
    from odf.table import TableCell

    word = docx.Document(io.BytesIO(download(page, "Word（DOCX）")))
    assert case.number in [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    odt = load_odf(io.BytesIO(download(page, "ODF 文字（ODT）")))
    assert any(teletype.extractText(c) == case.number for c in odt.getElementsByType(TableCell))
    pdf_bytes = download(page, "PDF")
    (ARTIFACTS / "tracking-status-report.pdf").write_bytes(pdf_bytes)
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        assert case.number in "".join(p.extract_text() or "" for p in pdf.pages)
    assert zipfile.is_zipfile(io.BytesIO(download(page, "Word（DOCX）")))
