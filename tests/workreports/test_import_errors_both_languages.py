"""Issue 19: why a work report could not be read reads in the reader's language, and as before in Chinese.

The reader of an uploaded report (``minutes.workreport``, ``minutes.readers``) says what is wrong as a msgid and
parameters; the import page shows it at once, never stores it, and words it in its reader's language.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lieguan.organisations.models import Organisation
from tests.pages import find, text_of

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u4e00-\u9fff]")
NOT_A_REPORT_ZH = "找不到工作報告的封面（「工作報告」字樣）與「壹、貳、」各部分"
NOT_A_REPORT_EN = "This is not a work report: neither its cover (the words “work report”) nor its numbered parts were found"
BROKEN_DOCX_ZH = "DOCX 檔已損壞，無法開啟（"


@pytest.fixture
def secretariat(demo_city):
    client = Client()
    client.force_login(get_user_model().objects.get(username="secretariat"))
    return client


def _error(client, language: str, **data) -> str:
    agency = Organisation.objects.get(code="secretariat")
    page = client.post("/work-reports/import/", {"organisation": agency.pk, **data}, HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 400
    found = [text_of(e) for e in find(page, "//*[contains(@class, 'message--error')]")]
    assert found, page.content.decode()[:3000]
    return " ".join(found)


def test_a_text_that_is_no_work_report_is_told_in_english_to_an_english_reader_and_as_before_to_a_chinese_one(secretariat):
    english = _error(secretariat, "en", text="這只是一段文字，不是工作報告。")
    assert NOT_A_REPORT_EN in english and not CJK.search(english)
    assert NOT_A_REPORT_ZH in _error(secretariat, "zh-hant", text="這只是一段文字，不是工作報告。")


def test_a_broken_file_is_told_in_english_to_an_english_reader_and_as_before_to_a_chinese_one(secretariat):
    def broken() -> SimpleUploadedFile:
        data = io.BytesIO()
        with zipfile.ZipFile(data, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/document.xml", "<broken")
        return SimpleUploadedFile("report.docx", data.getvalue(), content_type="application/octet-stream")

    english = _error(secretariat, "en", file=broken())
    assert "The DOCX file is damaged and cannot be opened (" in english and not CJK.search(english)
    assert BROKEN_DOCX_ZH in _error(secretariat, "zh-hant", file=broken())
