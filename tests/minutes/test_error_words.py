"""Issue 19: the minutes library says what is wrong as a message id with named parameters, and in Chinese as before.

The library has no gettext: its errors keep the sentence as a msgid (``%(name)s`` placeholders, marked with its own
``gettext_noop``) and the values that fill it, for whoever shows them to word in the reader's language; ``str()``
and ``message`` are the Chinese sentence they always were, for the CLI and for the stored text.
"""

from __future__ import annotations

import io
import pickle
import zipfile

import pytest

from lieguan.minutes import Minutes, MinutesError, NotMinutesError, UnreadableDocumentError
from lieguan.minutes.errors import InvalidMinutesJSON
from lieguan.minutes.parser import parse_text
from lieguan.minutes.readers import limits, read_bytes


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return buffer.getvalue()


def _raise(error: MinutesError):
    raise error


def _raised(call):
    with pytest.raises(MinutesError) as caught:
        call()
    return caught.value


CASES = [
    pytest.param(
        lambda: read_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "scan.png"),
        UnreadableDocumentError,
        "這是一張 PNG 圖片，不是文字文件；須先經 OCR 文字辨識才能讀取",
        "這是一張 %(format)s 圖片，不是文字文件；須先經 OCR 文字辨識才能讀取",
        {"format": "PNG"},
        id="image",
    ),
    pytest.param(
        lambda: read_bytes(_zip("notes.txt"), "notes.zip"),
        UnreadableDocumentError,
        "「notes.zip」是 ZIP 壓縮檔，但不是 DOCX 或 ODT 文件",
        "「%(name)s」是 ZIP 壓縮檔，但不是 DOCX 或 ODT 文件",
        {"name": "notes.zip"},
        id="zip-named",
    ),
    pytest.param(
        lambda: read_bytes(_zip("notes.txt")),
        UnreadableDocumentError,
        "這個檔案是 ZIP 壓縮檔，但不是 DOCX 或 ODT 文件",
        "這個檔案是 ZIP 壓縮檔，但不是 DOCX 或 ODT 文件",
        {},
        id="zip-unnamed",
    ),
    pytest.param(
        lambda: read_bytes(b"abc\x00def", "minutes.txt"),
        UnreadableDocumentError,
        "無法辨識的檔案格式：內容是二進位資料，不是文字",
        "無法辨識的檔案格式：內容是二進位資料，不是文字",
        {},
        id="binary",
    ),
    pytest.param(
        lambda: _raise(limits.too_large(100)),
        UnreadableDocumentError,
        "檔案解壓縮後過大（超過 100 MB），系統拒絕讀取；並非檔案損壞。",
        "檔案解壓縮後過大（超過 %(limit)s MB），系統拒絕讀取；並非檔案損壞。",
        {"limit": 100},
        id="too-large",
    ),
    pytest.param(
        lambda: parse_text(""),
        NotMinutesError,
        "文件沒有任何文字內容，不是會議紀錄",
        "文件沒有任何文字內容，不是會議紀錄",
        {},
        id="empty",
    ),
    pytest.param(
        lambda: parse_text("臨海市政府第83次主任秘書會報開會通知單\n時間：民國115年3月18日上午10時\n地點：市政大樓\n主席：陳秘書長\n"),
        NotMinutesError,
        "這份文件是開會通知單（「臨海市政府第83次主任秘書會報開會通知單」），不是會議紀錄；請於會後匯入會議紀錄",
        "這份文件是%(notice)s（「%(title)s」），不是會議紀錄；請於會後匯入會議紀錄",
        {"notice": "開會通知單", "title": "臨海市政府第83次主任秘書會報開會通知單"},
        id="notice",
    ),
    pytest.param(
        lambda: Minutes.from_dict({"kind": "memo"}),
        InvalidMinutesJSON,
        "$.kind 應為 'minutes' 或 'other'，而非 'memo'",
        "%(path)s 應為 'minutes' 或 'other'，而非 %(value)s",
        {"path": "$.kind", "value": "'memo'"},
        id="json-kind",
    ),
    pytest.param(
        lambda: Minutes.from_dict({"date": "115/3/18"}),
        InvalidMinutesJSON,
        "$.date 應為 YYYY-MM-DD 日期，而非 '115/3/18'",
        "%(path)s 應為 YYYY-MM-DD 日期，而非 %(value)s",
        {"path": "$.date", "value": "'115/3/18'"},
        id="json-date",
    ),
]


@pytest.mark.parametrize(("call", "kind", "sentence", "msgid", "params"), CASES)
def test_an_error_keeps_its_message_id_and_parameters_and_says_the_same_chinese_sentence(call, kind, sentence, msgid, params):
    error = _raised(call)
    assert isinstance(error, kind)
    assert str(error) == error.message == sentence
    assert (error.msgid, dict(error.params)) == (msgid, params)
    assert (msgid % params if params else msgid) == sentence


def test_an_error_on_a_line_says_the_line_first_and_survives_pickling():
    error = InvalidMinutesJSON("%(path)s 應為陣列", {"path": "$.sections"}, line=3)
    assert str(error) == "第 3 行：$.sections 應為陣列"
    again = pickle.loads(pickle.dumps(error))  # noqa: S301
    assert (str(again), again.msgid, dict(again.params), again.line) == (str(error), error.msgid, {"path": "$.sections"}, 3)


def test_a_message_given_whole_is_its_own_message_id():
    error = MinutesError("行事曆檔案是空的。")
    assert (error.msgid, dict(error.params), str(error)) == ("行事曆檔案是空的。", {}, "行事曆檔案是空的。")
