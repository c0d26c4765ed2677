"""Issue 19: why an imported file failed reads in its reader's language, whoever uploaded it and in whatever language.

The reason is kept on the file's row as a message id and parameters (``ImportFile.error_words``): the minutes
library's own sentence (``MinutesError.msgid``, ``.params``) or the importer's, worded when the page is read. The
row also keeps it in Chinese (``ImportFile.error``), exactly as it was stored before, and a row written before the
words existed is read as it was stored.
"""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from lieguan.meetings.actions import importing as imp
from lieguan.meetings.importing import sandbox
from lieguan.meetings.importing.plan import plan_import
from lieguan.meetings.importing.reading import read_document
from lieguan.meetings.importing.summary import plan_lines
from lieguan.meetings.models import ImportBatch, ImportFile
from lieguan.minutes.parser import parse_file
from tests.meetings.import_support import OFFICE_39, WORK_REPORT, F
from tests.pages import by_id, page_text, text_of

pytestmark = pytest.mark.django_db

NOT_MINUTES_ZH = re.compile(
    r"^這份文件不是會議紀錄，看來是一份報告（「.*秘書處 工作報告」）：找不到會議紀錄的標題，也沒有「時間」「地點」「主席」等會議欄位$"
)
NOT_MINUTES_EN = re.compile(
    r"This document is not minutes; it looks like a report \(“.*秘書處 工作報告”\): it has no minutes title, "
    r"nor the fields of a meeting such as time \(時間\), place \(地點\) and chair \(主席\)"
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PNG_ZH = "無法匯入PNG 圖片檔案；請上傳 TXT、MD、DOCX、ODT、PDF 或 Minutes JSON。"
PNG_EN = "PNG image files cannot be imported; upload TXT, MD, DOCX, ODT, PDF or Minutes JSON."


@pytest.fixture
def secretariat(client, demo_city):
    client.force_login(get_user_model().objects.get(username="secretariat"))
    return client


def _upload(client, files, **headers) -> ImportBatch:
    """Upload ``files`` (name, bytes) as one batch; its parsing, queued, runs at once (tests/conftest.py)."""
    response = client.post(reverse("meetings:import"), {"uploads": [SimpleUploadedFile(n, d) for n, d in files]}, **headers)
    assert response.status_code == 302, response.content.decode()[:2000]
    batch = ImportBatch.objects.latest("pk")
    assert not batch.files.filter(status=F.PENDING).exists()
    return batch


def _reason_on_the_batch_page(client, row: ImportFile, language: str) -> str:
    page = client.get(reverse("meetings:import_batch", args=[row.batch_id]), HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    return text_of(by_id(page, f"import-file-{row.pk}"))


def test_a_file_that_is_not_minutes_says_why_in_english_to_an_english_reader_and_as_before_to_a_chinese_one(secretariat):
    batch = _upload(secretariat, [(WORK_REPORT.name, WORK_REPORT.read_bytes())])
    row = batch.files.get()
    assert row.status == F.FAILED
    assert NOT_MINUTES_ZH.match(row.error)

    english = _reason_on_the_batch_page(secretariat, row, "en")
    assert NOT_MINUTES_EN.search(english)
    assert "這份文件不是會議紀錄" not in english and "找不到" not in english
    own_page = page_text(secretariat.get(reverse("meetings:import_file", args=[row.pk]), HTTP_ACCEPT_LANGUAGE="en"))
    assert NOT_MINUTES_EN.search(own_page) and "這份文件不是會議紀錄" not in own_page

    assert row.error in _reason_on_the_batch_page(secretariat, row, "zh-hant")


def test_a_file_refused_while_an_english_reader_uploaded_it_is_stored_and_shown_in_chinese_to_a_chinese_reader(secretariat):
    batch = _upload(secretariat, [("scan.png", PNG)], HTTP_ACCEPT_LANGUAGE="en")
    row = batch.files.get()
    assert (row.status, row.error) == (F.FAILED, PNG_ZH)
    assert PNG_ZH in _reason_on_the_batch_page(secretariat, row, "zh-hant")
    english = _reason_on_the_batch_page(secretariat, row, "en")
    assert PNG_EN in english and "無法匯入" not in english


def test_a_row_written_before_the_reasons_kept_their_words_shows_the_text_it_stored(secretariat):
    batch = _upload(secretariat, [(WORK_REPORT.name, WORK_REPORT.read_bytes())])
    row = batch.files.get()
    ImportFile.objects.filter(pk=row.pk).update(error="這份文件不是會議紀錄（舊紀錄）", error_words={})
    row.refresh_from_db()
    assert row.worded_error == "這份文件不是會議紀錄（舊紀錄）"
    assert "這份文件不是會議紀錄（舊紀錄）" in _reason_on_the_batch_page(secretariat, row, "en")


@pytest.mark.slow
def test_the_parsing_child_answers_with_the_words_of_its_reason_as_reading_here_would():
    data = WORK_REPORT.read_bytes()
    child = sandbox.read_limited(data, WORK_REPORT.name, seconds=60, memory_mb=1024)
    here = read_document(data, WORK_REPORT.name)
    assert child.words == here.words
    assert child.words["msgid"].startswith("這份文件不是會議紀錄，看來是一份報告（「%(report)s」）")
    assert NOT_MINUTES_ZH.match(child.error)


# The upload check's refusals (core.uploads) and 「已匯入過」 are kept as words too, whoever uploaded the file.
REFUSED_UPLOADS = [
    pytest.param(
        "setup.exe",
        b"MZ\x90\x00",
        "不接受「.exe」檔案；可上傳：.csv、.doc、.docx、.jpeg、.jpg、.md、.odp、.ods、.odt、.pdf、.png、.ppt、.pptx、.txt、.xls、.xlsx。",
        "“.exe” files are not accepted. You may upload: .csv, .doc, .docx, .jpeg, .jpg, .md, .odp, .ods, .odt, .pdf, .png, "
        ".ppt, .pptx, .txt, .xls, .xlsx.",
        id="extension",
    ),
    pytest.param(
        "README",
        b"text",
        "不接受「無副檔名」檔案；可上傳：.csv、.doc、.docx、.jpeg、.jpg、.md、.odp、.ods、.odt、.pdf、.png、.ppt、.pptx、.txt、.xls、.xlsx。",
        "“no extension” files are not accepted.",
        id="no-extension",
    ),
    pytest.param(
        "scan.pdf",
        PNG,
        "檔案內容為PNG 圖片，與副檔名「.pdf」不符。",
        "The file's content is PNG image, which does not match its extension “.pdf”.",
        id="content",
    ),
    pytest.param("blank.docx", b"\x00\x01\x02garbage", "無法辨識的檔案內容，或內容與可接受的格式不符。", "not recognised", id="unknown"),
]


@pytest.mark.parametrize(("name", "data", "chinese", "english"), REFUSED_UPLOADS)
@pytest.mark.parametrize("uploaded_in", ["en", "zh-hant"])
def test_an_upload_the_check_refused_is_stored_in_chinese_and_read_in_each_language(secretariat, name, data, chinese, english, uploaded_in):
    batch = _upload(secretariat, [(name, data)], HTTP_ACCEPT_LANGUAGE=uploaded_in)
    row = batch.files.get()
    assert (row.status, row.error) == (F.FAILED, chinese)
    assert chinese in _reason_on_the_batch_page(secretariat, row, "zh-hant")
    in_english = _reason_on_the_batch_page(secretariat, row, "en")
    assert english in in_english and "檔案" not in in_english and "副檔名" not in in_english


def _imported(client, path) -> ImportFile:
    """``path`` imported through the import pages' actions, as the secretariat, every unknown name kept as text."""
    secretariat = get_user_model().objects.get(username="secretariat")
    row = _upload(client, [(path.name, path.read_bytes())]).files.get()
    imp.do_import_file(secretariat, row, imp.ImportChoices(accept_proposals=False))
    row.refresh_from_db()
    assert row.status == F.IMPORTED, row.worded_error
    return row


@pytest.mark.parametrize("uploaded_in", ["en", "zh-hant"])
def test_a_file_imported_before_says_so_in_each_language_whoever_uploaded_it_again(secretariat, uploaded_in):
    meeting = _imported(secretariat, OFFICE_39).meeting
    again = _upload(secretariat, [(OFFICE_39.name, OFFICE_39.read_bytes())], HTTP_ACCEPT_LANGUAGE=uploaded_in).files.get()
    assert (again.status, again.meeting) == (F.DUPLICATE, meeting)
    assert again.error == f"同一份紀錄已於先前匯入為「{meeting}」。"
    assert again.error in _reason_on_the_batch_page(secretariat, again, "zh-hant")
    in_english = _reason_on_the_batch_page(secretariat, again, "en")
    assert f"The same minutes were imported before as “{meeting.series.full_name} Session 39”." in in_english
    assert "先前匯入" not in in_english


def test_a_session_held_already_says_so_in_each_language_even_from_another_file(secretariat, tmp_path):
    meeting = _imported(secretariat, OFFICE_39).meeting
    retyped = parse_file(OFFICE_39)
    retyped.location = "秘書處第一會議室"
    data = json.dumps(retyped.to_dict(), ensure_ascii=False).encode()
    again = _upload(secretariat, [("office-39.json", data)], HTTP_ACCEPT_LANGUAGE="en").files.get()
    assert (again.status, again.meeting) == (F.DUPLICATE, meeting)
    assert again.error == f"「{meeting.series.full_name}」已有第39次，視為已匯入。"
    in_english = _reason_on_the_batch_page(secretariat, again, "en")
    assert f"“{meeting.series.full_name}” already has Session 39; taken as imported before." in in_english
    assert "視為已匯入" not in in_english


def test_a_file_found_imported_only_when_importing_it_says_so_in_each_language(secretariat):
    """Two copies in one batch: both parse as new; importing the second finds the first (``AlreadyImported``)."""
    secretariat_user = get_user_model().objects.get(username="secretariat")
    batch = _upload(secretariat, [(OFFICE_39.name, OFFICE_39.read_bytes()), ("copy.txt", OFFICE_39.read_bytes())])
    first, second = batch.files.order_by("position")
    assert first.status == second.status == F.PARSED
    with translation.override("en"):
        imp.do_import_file(secretariat_user, first, imp.ImportChoices(accept_proposals=False))
        imp.do_import_file(secretariat_user, second, imp.ImportChoices(accept_proposals=False))
    second.refresh_from_db()
    assert second.status == F.DUPLICATE
    assert second.error == f"同一份紀錄已於先前匯入為「{second.meeting}」。"
    with translation.override("en"):
        assert second.worded_error == f"The same minutes were imported before as “{second.meeting.series.full_name} Session 39”."


def test_a_dry_run_names_a_duplicate_in_its_readers_language_whatever_language_planned_it(secretariat):
    meeting = _imported(secretariat, OFFICE_39).meeting
    read = read_document(OFFICE_39.read_bytes(), OFFICE_39.name)
    with translation.override("zh-hant"):
        plan = plan_import(read.minutes, read.digest, may_create=False)
    assert plan.duplicate == meeting
    with translation.override("en"):
        assert f"imported before as “{meeting.series.full_name} Session 39”." in "\n".join(plan_lines(plan))
    with translation.override("zh-hant"):
        assert f"已匯入過：同一份紀錄已於先前匯入為「{meeting}」。" in "\n".join(plan_lines(plan))
