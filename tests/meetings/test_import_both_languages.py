"""Issue 19: why an imported file failed reads in its reader's language, whoever uploaded it and in whatever language.

The reason is kept on the file's row as a message id and parameters (``ImportFile.error_words``): the minutes
library's own sentence (``MinutesError.msgid``, ``.params``) or the importer's, worded when the page is read. The
row also keeps it in Chinese (``ImportFile.error``), exactly as it was stored before, and a row written before the
words existed is read as it was stored.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lieguan.meetings.importing import sandbox
from lieguan.meetings.importing.reading import read_document
from lieguan.meetings.models import ImportBatch, ImportFile
from tests.meetings.import_support import WORK_REPORT, F
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
