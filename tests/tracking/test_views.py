"""Issue 5: the tracking pages with the Django test client — selecting, reporting, deciding, the status report."""

from __future__ import annotations

import io

import docx
import pdfplumber
import pytest
from odf import teletype
from odf.opendocument import load as load_odf
from odf.table import TableCell

from lieguan.meetings.models import Meeting
from lieguan.tracking import actions as t
from lieguan.tracking.models import CaseStatus, ProgressReport, TrackedCase
from tests.factories import SETUP, during
from tests.pages import checked, column_headers, field_value, find, options, page_text, parse, row_headers, selected
from tests.tracking.board import make_board

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(city):
    return make_board(city)


def as_user(client, board, name: str):
    client.force_login(board.city.user(name))
    return client


def test_the_selection_form_is_prefilled_from_the_conclusion(client, council):
    client.force_login(council.city.user("alice"))
    page = parse(client.get(f"/cases/select/{council.it_conclusion.pk}/"))
    assert field_value(page, "列管編號") == "224-1"
    assert selected(page, "主辦機關") == ["資訊局"] and field_value(page, "主辦機關") == str(council.city.it.pk)
    assert ("co", str(council.city.edu.pk)) in checked(page, "checkbox")
    assert field_value(page, "列管期限") == "115/10/31" and "10月底前" in page_text(page)
    # Each agency is followed by its units.
    agencies = options(page, "主辦機關")
    assert agencies.index("資訊局") < agencies.index("\u3000維運科") < agencies.index("研考會")


def test_the_secretariat_corrects_the_suggestion_and_the_case_is_created(client, council):
    client.force_login(council.city.user("alice"))
    data = {
        "number": "224-1",
        "title": "學校網路頻寬",
        "lead": council.city.edu.pk,
        "co": [council.city.it.pk, council.city.edu.pk],
        "deadline": "115/10/31",
    }
    response = client.post(f"/cases/select/{council.it_conclusion.pk}/", data)
    back = f"/cases/meetings/{council.first.pk}/select/#conclusion-{council.it_conclusion.pk}"
    assert response.status_code == 302 and response["Location"] == back
    case = TrackedCase.objects.get()
    assert [(a.organisation, a.role) for a in case.assignments.all()] == [(council.city.edu, "lead"), (council.city.it, "co")]
    assert case.deadline_basis == "10月底前"
    listing = client.get(f"/cases/meetings/{council.first.pk}/select/").content.decode()
    assert f"已列管 {case.number}" in listing


def test_a_number_already_used_and_a_double_deadline_are_explained(client, council):
    alice = council.city.user("alice")
    t.do_select_case(alice, council.shared_conclusion, lead=council.city.edu, number="224-1")
    client.force_login(alice)
    data = {"number": "224-1", "title": "頻寬", "lead": council.city.it.pk, "deadline": "115/10/31", "working_days": "5"}
    page = client.post(f"/cases/select/{council.it_conclusion.pk}/", data).content.decode()
    assert "列管期限請擇一填寫" in page
    del data["working_days"]
    page = client.post(f"/cases/select/{council.it_conclusion.pk}/", data).content.decode()
    assert "列管編號 224-1 已被使用。" in page
    data["working_days"], data["deadline"] = "3", ""
    response = client.post(f"/cases/select/{council.it_conclusion.pk}/", {**data, "number": "224-2", "then": "case"})
    case = TrackedCase.objects.get(number="224-2")
    assert response["Location"] == f"/cases/{case.pk}/" and case.deadline_basis == "3 個工作日"


def test_an_agency_reports_with_files_and_revises_within_the_cycle(client, board):
    bob = as_user(client, board, "bob")
    url = f"/cases/assignments/{board.assignment('資訊局').pk}/report/"
    assert board.next.ordinal in bob.get(url).content.decode()
    upload = io.BytesIO("盤點結果\n".encode())
    upload.name = "盤點.txt"
    response = bob.post(url, {"text": "已完成盤點。", "proposal": "continue", "attachments": [upload]})
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    assert report.attachments.get().original_name == "盤點.txt"
    page = bob.get(url).content.decode()
    assert "本期已於" in page and "盤點.txt" in page
    bob.post(url, {"text": "已完成盤點並提出方案。", "proposal": "release"})
    report.refresh_from_db()
    assert ProgressReport.objects.count() == 1 and report.proposal == "release"
    case_page = bob.get(f"/cases/{board.case.pk}/").content.decode()
    assert "已完成盤點並提出方案。" in case_page and "資訊局修正" in case_page


def test_a_refused_file_type_is_shown_on_the_form(client, board):
    bob = as_user(client, board, "bob")
    upload = io.BytesIO(b"MZ\x90\x00binary")
    upload.name = "tool.exe"
    page = bob.post(
        f"/cases/assignments/{board.assignment('資訊局').pk}/report/", {"text": "說明", "proposal": "continue", "attachments": [upload]}
    ).content.decode()
    assert "不接受「.exe」檔案" in page and not ProgressReport.objects.exists()


def test_decisions_are_prefilled_from_the_proposals_and_write_the_standard_sentence(client, board):
    t.do_submit_report(board.city.user("bob"), board.assignment("資訊局"), text="完成。", proposal="release")
    t.do_submit_report(board.city.user("carol"), board.assignment("教育局"), text="進行中。", proposal="continue")
    url = f"/cases/meetings/{board.next.pk}/decisions/"
    with during(board.next):
        alice = as_user(client, board, "alice")
        page = alice.get(url)
        it, edu = board.assignment("資訊局"), board.assignment("教育局")
        assert checked(page, "radio") >= {(f"a{it.pk}", "release"), (f"a{edu.pk}", "continue")}
        response = alice.post(url, {f"a{it.pk}": "release", f"a{edu.pk}": "continue"}, follow=True)
        sentence = f"列管編號 {board.case.number}（資訊局部分）解除列管；列管編號 {board.case.number}（教育局部分）賡續列管。"
        assert sentence in response.content.decode()
        it.refresh_from_db()
        assert it.status == CaseStatus.RELEASED
        unchanged = alice.post(url, {f"a{it.pk}": "release", f"a{edu.pk}": "continue"}, follow=True).content.decode()
        assert "列管決定沒有變更" in unchanged


def test_decisions_cannot_change_published_minutes(client, board):
    Meeting.objects.filter(pk=board.next.pk).update(minutes_state=Meeting.MinutesState.PUBLISHED)
    alice = as_user(client, board, "alice")
    page = alice.get(f"/cases/meetings/{board.next.pk}/decisions/").content.decode()
    assert "會議紀錄已發布" in page and "不可再修改" in page and "儲存列管決定" not in page
    it = board.assignment("資訊局")
    refused = alice.post(f"/cases/meetings/{board.next.pk}/decisions/", {f"a{it.pk}": "release"}).content.decode()
    assert "不可再修改" in refused
    it.refresh_from_db()
    assert it.status == CaseStatus.OPEN


def test_the_status_report_downloads_open_in_word_odf_and_pdf(client, board):
    t.do_submit_report(board.city.user("bob"), board.assignment("資訊局"), text="完成盤點。", proposal="release")
    alice = as_user(client, board, "alice")
    base = f"/cases/meetings/{board.next.pk}/status-report"
    word = alice.get(f"{base}.docx")
    assert word["Content-Type"].startswith("application/vnd.openxmlformats")
    cells = [c.text for table in docx.Document(io.BytesIO(word.content)).tables for row in table.rows for c in row.cells]
    assert board.case.number in cells and any("完成盤點" in c for c in cells)
    odt = load_odf(io.BytesIO(alice.get(f"{base}.odt").content))
    assert any(teletype.extractText(c) == board.case.number for c in odt.getElementsByType(TableCell))
    with pdfplumber.open(io.BytesIO(alice.get(f"{base}.pdf").content)) as pdf:
        assert board.case.number in "".join(p.extract_text() or "" for p in pdf.pages)
    assert alice.get(f"{base}.exe").status_code == 404
    css = alice.get("/cases/status-report.css")
    assert css["Content-Type"].startswith("text/css") and ".lg-w10{width:10%}" in css.content.decode()


def test_once_the_meeting_has_decided_the_downloads_carry_the_decisions_as_the_page_does(client, board):
    from lieguan.tracking.actions import Decide

    alice = as_user(client, board, "alice")
    base = f"/cases/meetings/{board.next.pk}/status-report"
    before = docx.Document(io.BytesIO(alice.get(f"{base}.docx").content)).tables[0]
    assert "本次會議決定" not in [c.text for c in before.rows[0].cells]
    with during(board.next):
        t.do_record_decisions(
            board.city.user("alice"),
            board.next,
            [Decide(board.case, "release", (board.city.it,)), Decide(board.case, "continue", (board.city.edu,))],
        )
    table = docx.Document(io.BytesIO(alice.get(f"{base}.docx").content)).tables[0]
    assert table.rows[0].cells[-1].text == "本次會議決定"
    assert table.rows[1].cells[-1].text == "資訊局：解除列管\n教育局：賡續列管"
    with pdfplumber.open(io.BytesIO(alice.get(f"{base}.pdf").content)) as pdf:
        text = "".join(p.extract_text() or "" for p in pdf.pages)
    # The narrow column wraps its heading and cells; 賡 appears only in the decision (the proposal says 擬繼續列管).
    assert "本次會議決" in text and "賡" in text
    page = alice.get(f"{base}/").content.decode()
    assert "本次會議決定" in page and "資訊局：解除列管" in page


def test_the_status_report_page_has_no_inline_styles_and_can_be_placed_on_the_agenda(client, board):
    alice = as_user(client, board, "alice")
    page = alice.get(f"/cases/meetings/{board.next.pk}/status-report/")
    assert not find(page, "//*[@style]") and not find(page, "//style")
    assert any(name.startswith("lg-w") for col in find(page, "//col") for name in col.classes)  # widths come from classes
    assert "列管編號" in column_headers(page)
    response = alice.post(f"/cases/meetings/{board.next.pk}/status-report/place/", follow=True)
    assert "已將執行情形報告放入" in response.content.decode()
    assert board.next.status_report.item.position == 1


def test_cases_from_other_sources_are_created_and_listed_by_source(client, board):
    dave = as_user(client, board, "dave")
    assert field_value(dave.get("/cases/new/"), "列管機關") == str(board.city.rdec.pk)
    data = {
        "source": "councillor",
        "source_reference": "議員索資 115-88",
        "owner": board.city.rdec.pk,
        "title": "各校網路頻寬資料",
        "text": "提供各校網路頻寬現況。",
        "lead": board.city.it.pk,
        "working_days": "3",
    }
    response = dave.post("/cases/new/", data)
    case = TrackedCase.objects.get(source="councillor")
    assert response["Location"] == f"/cases/{case.pk}/" and case.number.startswith("C")
    listing = dave.get("/cases/?source=councillor").content.decode()
    assert case.number in listing and board.case.number not in listing


def test_the_list_filters_overdue_and_due_soon_and_sorts(client, board):
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    t.do_update_case(SETUP, board.case, deadline=today - dt.timedelta(days=4))
    t.do_create_case(
        SETUP,
        source="petition",
        owner=board.city.rdec,
        title="陳情",
        text="…",
        lead=board.city.it,
        number="P-1",
        deadline=today + dt.timedelta(days=2),
    )
    dave = as_user(client, board, "dave")
    overdue = dave.get("/cases/?due=overdue").content.decode()
    assert board.case.number in overdue and "逾 4 日" in overdue and "P-1" not in overdue
    assert "P-1" in dave.get("/cases/?due=soon").content.decode()
    page = dave.get("/cases/?sort=deadline&order=desc")
    numbers = row_headers(page)  # each case's row is headed by its number
    assert numbers.index("P-1") < numbers.index(board.case.number) and find(page, "//th[@aria-sort='descending']")


def test_an_unchanged_deadline_keeps_how_it_was_set(client, council):
    alice = council.city.user("alice")
    case = t.do_select_case(alice, council.it_conclusion, lead=council.city.it, working_days=3)
    client.force_login(alice)
    response = client.post(f"/cases/{case.pk}/edit/", {"title": "新案由", "text": case.text, "deadline": "115/9/22"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.title == "新案由" and case.deadline_basis == "3 個工作日"
    client.post(f"/cases/{case.pk}/edit/", {"title": "新案由", "text": case.text, "deadline": "115/9/30"})
    case.refresh_from_db()
    assert str(case.deadline) == "2026-09-30" and case.deadline_basis == ""
    history = client.get(f"/cases/{case.pk}/").content.decode()
    assert "列管期限由 115年9月22日 改為 115年9月30日" in history


def test_the_calendar_shows_a_bad_line_and_loads_a_good_file(client, board):
    root = as_user(client, board, "root")
    bad = io.BytesIO("2027-01-01,放假,開國紀念日\n2027-02-30,上班,\n".encode())
    bad.name = "cal.csv"
    page = root.post("/cases/calendar/", {"file": bad}).content.decode()
    assert "第 2 行" in page and "2027-02-30" in page
    good = io.BytesIO("2027-01-01,放假,開國紀念日\n116/2/20,上班,補行上班\n".encode())
    good.name = "cal.csv"
    response = root.post("/cases/calendar/", {"file": good})
    assert response["Location"].endswith("?year=2027")
    page = root.get(response["Location"]).content.decode()
    assert "116/02/20" in page and "補行上班" in page and "上班 1 日、放假 1 日" in page


def test_the_home_page_shows_the_panels(client, board):
    assert "本期未填報案件" in as_user(client, board, "alice").get("/").content.decode()
    liaison = as_user(client, board, "bob").get("/").content.decode()
    assert "本機關列管案件" in liaison and board.case.number in liaison
    assert "本期未填報案件" not in as_user(client, board, "frank").get("/").content.decode()


def test_missing_reports_list_the_agencies_still_to_report(client, board):
    t.do_submit_report(board.city.user("bob"), board.assignment("資訊局"), text="完成。", proposal="release")
    page = as_user(client, board, "alice").get("/cases/missing-reports/").content.decode()
    assert "教育局（協辦）" in page and "資訊局（主辦）" not in page
    own = as_user(client, board, "carol").get("/cases/missing-reports/").content.decode()
    assert "教育局（協辦）" in own and f"填報 {board.case.number}" in own


def test_a_city_case_is_kept_in_a_bureaus_series_only_by_that_bureaus_secretariat(client, board):
    from lieguan.meetings import actions as m

    alice = as_user(client, board, "alice")
    assert alice.get(f"/cases/{board.case.pk}/spawn/").status_code == 403
    bureau = m.do_create_series(SETUP, owner=board.city.it, code="it-board", name="局務會議")
    meeting = m.do_schedule_meeting(SETUP, bureau, start=board.next.start)
    root = as_user(client, board, "root")
    response = root.post(f"/cases/{board.case.pk}/spawn/", {"meeting": meeting.pk, "lead": board.city.it_unit.pk})
    child = TrackedCase.objects.get(parent=board.case)
    assert response["Location"] == f"/cases/{child.pk}/" and child.series == bureau
    page = root.get(f"/cases/{board.case.pk}/").content.decode()
    assert f"/cases/{child.pk}/" in page
