"""Issue 19: the parser's warnings, and the calendar's and the work report's errors, say what they say as a message id.

A warning is still the Chinese sentence it always was (a ``str``: ``第 N 行：…``), and carries the sentence without its
line (``msgid``, named ``%(name)s`` placeholders, marked with the library's ``gettext_noop``), its ``params`` and its
``line``, for whoever shows it to word in the reader's language. So do the working-day calendar's ``CalendarError`` and
the work report's ``NotWorkReportError``.
"""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from lieguan.minutes.deadlines import find_deadlines
from lieguan.minutes.errors import ParseWarning
from lieguan.minutes.model import SessionNumber
from lieguan.minutes.parser import parse_text
from lieguan.minutes.parser.items import previous_minutes
from lieguan.minutes.workdays import CalendarError, read_calendar_csv
from lieguan.minutes.workreport import NotWorkReportError, parse_work_report
from tests.minutes.warned import WARNED


def _rebuilt(warning: ParseWarning) -> str:
    text = warning.msgid % warning.params if warning.params else warning.msgid
    return f"第 {warning.line} 行：{text}" if warning.line is not None else text


def test_each_warning_is_the_chinese_sentence_it_was_and_carries_its_msgid_params_and_line():
    warnings = parse_text(WARNED).warnings
    assert warnings == [
        "第 8 行：正文開頭沒有章節標題，先歸入未命名的一節",
        "第 11 行：「秘書處報告」沒有案由，以報告的第一句作為標題",
        "第 14 行：散會之後的 2 段文字未列入紀錄",
    ]
    assert all(isinstance(w, ParseWarning) and _rebuilt(w) == w for w in warnings)
    assert [(w.msgid, dict(w.params), w.line) for w in warnings] == [
        ("正文開頭沒有章節標題，先歸入未命名的一節", {}, 8),
        ("「%(speaker)s%(verb)s」沒有案由，以報告的第一句作為標題", {"speaker": "秘書處", "verb": "報告"}, 11),
        ("散會之後的 %(count)s 段文字未列入紀錄", {"count": 2}, 14),
    ]


def test_a_warning_survives_a_copy_and_its_minutes_json_reads_back_as_the_same_text():
    warning = parse_text(WARNED).warnings[0]
    copied = copy.deepcopy(warning)
    assert isinstance(copied, ParseWarning) and copied == warning
    assert (copied.msgid, copied.line) == (warning.msgid, warning.line)
    assert parse_text(WARNED).to_dict()["warnings"][0] == "第 8 行：正文開頭沒有章節標題，先歸入未命名的一節"


def test_a_deadline_left_out_and_an_inferred_previous_session_say_their_sentences():
    notes: list[str] = []
    find_deadlines("請於 3 個工作日內完成", dt.date(2026, 3, 18), warnings=notes)
    assert notes == ["「3個工作日內」以工作日計算，須依政府行事曆換算，未列為期限"]
    assert isinstance(notes[0], ParseWarning) and notes[0].msgid == "「%(phrase)s」以工作日計算，須依政府行事曆換算，未列為期限"

    _found, warning = previous_minutes("宣讀上次會議紀錄", dt.date(2026, 3, 18), SessionNumber(number=12))
    assert warning == "上次會議的次數未寫明，推定為第 11 次"
    assert isinstance(warning, ParseWarning) and (warning.msgid, dict(warning.params)) == (
        "上次會議的次數未寫明，推定為第 %(number)s 次",
        {"number": 11},
    )
    assert warning.at(20) == "第 20 行：上次會議的次數未寫明，推定為第 11 次"


OFFICIAL = "西元日期,星期,是否放假,備註\n"


@pytest.mark.parametrize(
    ("text", "said", "msgid", "params"),
    [
        ("", "行事曆檔案是空的。", "行事曆檔案是空的。", {}),
        ("2027-01-01,也許\n", "第 1 行：無法判斷「也許」是上班或放假", "無法判斷「%(value)s」是上班或放假", {"value": "也許"}),
        (
            "2027-01-01,放假\n2027-02-30,上班\n",
            "第 2 行：無法辨識的日期「2027-02-30」",
            "無法辨識的日期「%(text)s」",
            {"text": "2027-02-30"},
        ),
        ("2027-01-01\n", "第 1 行：每列須有日期與是否上班兩欄", "每列須有日期與是否上班兩欄", {}),
        (
            "西元日期,星期,是否放假,備註\n20270101,五,1,\n",
            "第 2 行：「是否放假」應為 0 或 2，而非「1」",
            "「是否放假」應為 0 或 2，而非「%(flag)s」",
            {"flag": "1"},
        ),
        (OFFICIAL + "20270101\n", "第 2 行：欄位不足", "欄位不足", {}),
    ],
)
def test_a_calendar_file_that_cannot_be_read_says_why_as_a_msgid(text, said, msgid, params):
    with pytest.raises(CalendarError) as caught:
        read_calendar_csv(text)
    assert str(caught.value) == said
    assert (caught.value.msgid, dict(caught.value.params)) == (msgid, params)


def test_a_text_that_is_no_work_report_says_so_as_a_msgid():
    with pytest.raises(NotWorkReportError) as caught:
        parse_work_report("這不是工作報告，只是一段文字。")
    assert str(caught.value) == "找不到工作報告的封面（「工作報告」字樣）與「壹、貳、」各部分"
    assert caught.value.msgid == str(caught.value) and caught.value.params == {} and caught.value.line is None
