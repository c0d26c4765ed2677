"""Issue 19: the parser's warnings on an imported file read in the reader's language, and in Chinese as before.

The file's row keeps the document's warnings in Chinese (``document["warnings"]``, as Minutes JSON has them) and, beside
them, as sentences (``WARNING_WORDS_KEY``): the import file page and ``lieguan import --dry-run`` word them when read. A
row written before keeps no sentences and is read as stored; a warning inside why a file failed is a sentence too.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from lieguan.meetings.importing.plan import plan_import
from lieguan.meetings.importing.reading import read_document
from lieguan.meetings.importing.summary import plan_lines
from lieguan.meetings.models import WARNING_WORDS_KEY, ImportBatch
from tests.meetings.import_support import F
from tests.minutes.warned import WARNED
from tests.pages import by_id, find, text_of

pytestmark = pytest.mark.django_db

WARNINGS_ZH = [
    "第 8 行：正文開頭沒有章節標題，先歸入未命名的一節",
    "第 11 行：「秘書處報告」沒有案由，以報告的第一句作為標題",
    "第 14 行：散會之後的 2 段文字未列入紀錄",
]
WARNINGS_EN = [
    "Line 8: The body begins without a section heading; what comes first was put in an untitled section",
    "Line 11: “秘書處報告” has no subject; the first sentence of the report was taken as its title",
    "Line 14: 2 paragraph(s) after the meeting closed were left out of the minutes",
]
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def secretariat(client, demo_city):
    client.force_login(get_user_model().objects.get(username="secretariat"))
    return client


def _upload(client, name: str, text: str):
    response = client.post(reverse("meetings:import"), {"uploads": [SimpleUploadedFile(name, text.encode())]})
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportBatch.objects.latest("pk").files.get()


def _warnings_on_the_file_page(client, row, language: str) -> list[str]:
    page = client.get(reverse("meetings:import_file", args=[row.pk]), HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    return [text_of(li) for li in find(page, "//ul[contains(@class, 'import-warnings')]/li")]


def test_the_warnings_of_a_file_read_in_english_to_an_english_reader_and_as_stored_to_a_chinese_one(secretariat):
    row = _upload(secretariat, "warned.txt", WARNED)
    assert row.status == F.PARSED
    assert row.document["warnings"] == WARNINGS_ZH  # the Minutes JSON as before

    english = _warnings_on_the_file_page(secretariat, row, "en")
    assert english == WARNINGS_EN
    assert not CJK.search(english[0] + english[2])
    assert _warnings_on_the_file_page(secretariat, row, "zh-hant") == WARNINGS_ZH


def test_a_row_stored_before_warnings_kept_their_words_shows_them_as_stored(secretariat):
    row = _upload(secretariat, "warned.txt", WARNED)
    row.document.pop(WARNING_WORDS_KEY)
    row.save(update_fields=["document"])
    assert _warnings_on_the_file_page(secretariat, row, "en") == WARNINGS_ZH


def test_a_dry_run_words_the_warnings_in_the_reader_s_language():
    result = read_document(WARNED.encode(), "warned.txt")
    with translation.override("en"):
        english = "\n".join(plan_lines(plan_import(result.minutes, result.digest, may_create=True)))
    assert all(f"Parsing warning: {w}" in english for w in WARNINGS_EN)
    assert "正文開頭沒有章節標題" not in english and "未列入紀錄" not in english
    with translation.override("zh-hant"):
        chinese = "\n".join(plan_lines(plan_import(result.minutes, result.digest, may_create=True)))
    assert all(f"解析警告：{w}" in chinese for w in WARNINGS_ZH)


def test_a_file_failed_for_a_date_its_warning_names_says_why_in_english_and_as_before_in_chinese(secretariat):
    row = _upload(secretariat, "baddate.txt", WARNED.replace("民國 115 年 3 月 18 日", "民國 115 年 13 月 45 日"))
    assert row.status == F.FAILED and row.error_line == 3
    assert row.error == "讀不出會議日期「民國 115 年 13 月 45 日（星期三）上午 9 時」，無法建立會次"

    page = secretariat.get(reverse("meetings:import_batch", args=[row.batch_id]), HTTP_ACCEPT_LANGUAGE="en")
    english = text_of(by_id(page, f"import-file-{row.pk}"))
    assert "The meeting date “民國 115 年 13 月 45 日（星期三）上午 9 時” could not be read" in english
    assert "讀不出會議日期" not in english
    page = secretariat.get(reverse("meetings:import_batch", args=[row.batch_id]), HTTP_ACCEPT_LANGUAGE="zh-hant")
    assert row.error in text_of(by_id(page, f"import-file-{row.pk}"))
