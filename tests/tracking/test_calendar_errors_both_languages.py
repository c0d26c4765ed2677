"""Issue 19: why the official calendar file was not loaded reads in the administrator's language, and as before in Chinese.

The calendar's errors (``minutes.workdays.CalendarError``) are shown at once on the page that loads the file and never
stored: the page words their msgid and parameters, and their line, in the reader's language.
"""

from __future__ import annotations

import io
import re

import pytest

from tests.pages import find, text_of
from tests.tracking.board import make_board

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def root(client, city):
    client.force_login(make_board(city).city.user("root"))
    return client


def _error(client, content: str, language: str) -> str:
    upload = io.BytesIO(content.encode())
    upload.name = "cal.csv"
    page = client.post("/cases/calendar/", {"file": upload}, HTTP_ACCEPT_LANGUAGE=language)
    found = [text_of(e) for e in find(page, "//*[contains(@class, 'error-summary')]")]
    assert found, page.content.decode()[:3000]
    return " ".join(found)


@pytest.mark.parametrize(
    ("content", "zh", "en"),
    [
        (
            "2027-01-01,放假\n2027-01-02,也許\n",
            "行事曆未載入，第 2 行：無法判斷「也許」是上班或放假。",
            "The calendar was not loaded: Line 2: cannot tell whether “也許” means a working day or a day off.",
        ),
        (
            "2027-01-01,放假\n2027-02-30,上班\n",
            "行事曆未載入，第 2 行：無法辨識的日期「2027-02-30」。",
            "The calendar was not loaded: Line 2: “2027-02-30” is not a date we can read.",
        ),
        (
            "2027-01-01,放假\n2027-01-02\n",
            "行事曆未載入，第 2 行：每列須有日期與是否上班兩欄。",
            "The calendar was not loaded: Line 2: each row needs two columns: the date and whether it is a working day.",
        ),
    ],
)
def test_a_bad_line_is_told_in_english_to_an_english_reader_and_as_before_to_a_chinese_one(root, content, zh, en):
    english = _error(root, content, "en")
    assert en in english
    assert not CJK.search(english.replace("也許", ""))
    assert zh in _error(root, content, "zh-hant")
