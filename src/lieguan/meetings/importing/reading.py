"""Reading one uploaded file into a ``Minutes`` document, or into the reason it cannot be imported.

A file is a minutes document (TXT, MD, DOCX, ODT, PDF with text) or a Minutes
JSON file. Whatever goes wrong becomes a ``ReadResult`` saying why and, where
the parser knows it, on which line: a batch of many files must go on after one
bad file, so nothing here raises.

Why is kept as a sentence (``ReadResult.words``) and worded in its reader's
language when read (``ImportFile.worded_error``), in the form that
``core.wording`` words: ``{"msgid": "…%(name)s…", "params": {…}}``,
the msgid the Chinese source sentence marked with ``gettext_noop``, each
parameter text, a number or a sentence within the sentence. This module imports
no Django, since the parsing child (``sandbox``) runs it: it builds the
sentences itself, marks them with the minutes library's ``gettext_noop``, and
says them in Chinese (``ReadResult.error``, as the row stores them) without
gettext.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from lieguan.minutes import Minutes, MinutesError, NotMinutesError
from lieguan.minutes.errors import ParseWarning, gettext_noop
from lieguan.minutes.parser import parse_text
from lieguan.minutes.readers import read_bytes

# Extensions offered in the file picker and accepted by the upload check.
ACCEPTED_EXTENSIONS = (".txt", ".md", ".docx", ".odt", ".pdf", ".json")


# {"msgid": "…%(name)s…", "params": {"name": …}}: what ``core.wording`` words in the reader's language.
Sentence = dict[str, Any]


def said(msgid: str, /, **params: object) -> Sentence:
    """One sentence: ``msgid`` (the Chinese source, marked with ``gettext_noop``) with its named parameters.

    A parameter is text, a number or a sentence; anything else is kept as its text.
    """
    sentence: Sentence = {"msgid": msgid}
    if params:
        sentence["params"] = {name: _neutral(value) for name, value in params.items()}
    return sentence


def _neutral(value: object) -> Any:
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return str(value)


def said_by(error: MinutesError) -> Sentence:
    """What the minutes library's ``error`` says, as a sentence (its msgid and parameters; without its line)."""
    return said(error.msgid, **error.params)


def warning_said(warning: str) -> Sentence | None:
    """A parser warning as a sentence (its line, its msgid and parameters); None for one read back as text only."""
    if not isinstance(warning, ParseWarning):
        return None
    sentence = said(warning.msgid, **warning.params)
    if warning.line is None:
        return sentence
    return said(gettext_noop("第 %(line)s 行：%(text)s"), line=warning.line, text=sentence)


def in_chinese(sentence: Mapping[str, Any]) -> str:
    """The sentence in Chinese, its source language: its msgid with its parameters filled in, as gettext would."""
    params = sentence.get("params")
    if not params:
        return str(sentence["msgid"])
    return str(sentence["msgid"]) % {name: in_chinese(v) if isinstance(v, Mapping) else v for name, v in params.items()}


_INVISIBLE = re.compile(r"[\s\u200b\ufeff#*>|`]+")


def normalised_digest(text: str) -> str:
    """The SHA-256 of a document's text with spacing, width and Markdown residue folded away.

    The same minutes typed again, converted from DOCX or copied out of a PDF
    give the same digest, so importing them twice finds the first import.
    """
    folded = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text)).replace("台", "臺")
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


@dataclass
class ReadResult:
    name: str
    digest: str = ""
    minutes: Minutes | None = None
    # Why it cannot be imported (a sentence, worded when read); None when it can.
    words: Sentence | None = None
    line: int | None = None
    # The document was readable but is no minutes (a work report): said as 「不是會議紀錄」.
    not_minutes: bool = False
    # Each of ``minutes.warnings`` as a sentence, worded when read (None for one without words), in their order.
    warning_words: list[Sentence | None] = field(default_factory=list)
    # The most memory (resident, KB) the bounded child that read it held; 0 when read in process or unknown.
    peak_kb: int = 0

    @property
    def ok(self) -> bool:
        return self.minutes is not None

    @property
    def error(self) -> str:
        """Why it cannot be imported, in Chinese ("" when it can): what the row stores and the audit trail keeps."""
        return in_chinese(self.words) if self.words else ""


def _looks_like_json(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def _read_json(data: bytes, name: str) -> ReadResult:
    try:
        payload = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        return ReadResult(name, words=said(gettext_noop("JSON 格式有誤，無法讀取（%(error)s）"), error=error))
    if isinstance(payload, dict) and payload.get("kind") == "other":
        return ReadResult(name, words=said(gettext_noop("不是會議紀錄：此 Minutes JSON 標示為其他文件（kind: other）")), not_minutes=True)
    try:
        minutes = Minutes.from_dict(payload)
    except MinutesError as error:
        return ReadResult(name, words=said(gettext_noop("Minutes JSON 內容有誤：%(error)s"), error=said_by(error)))
    canonical = json.dumps(minutes.to_dict(), ensure_ascii=False, sort_keys=True)
    return ReadResult(name, digest=normalised_digest(canonical), minutes=minutes)


_WARNING_LINE = re.compile(r"^第 (\d+) 行：(.+)$")


def _missing(minutes: Minutes) -> tuple[Sentence | None, int | None]:
    """What a meeting cannot be created without, in words, and the line at fault; empty when nothing is missing.

    When the parser saw the field but could not read it (民國 111 年 13 月 45 日),
    its warning names the line and the text: that says more than 「找不到」.
    """
    if minutes.date is None:
        return _because(minutes, "會議日期", said(gettext_noop("找不到開會日期（「時間：民國…年…月…日」），無法建立會次")))
    if minutes.session.number is None:
        return _because(minutes, "會次", said(gettext_noop("找不到會次（標題中的「第 N 次」），無法建立會次")))
    return None, None


def _because(minutes: Minutes, subject: str, otherwise: Sentence) -> tuple[Sentence, int | None]:
    for warning in minutes.warnings:
        found = _WARNING_LINE.match(warning)
        if found and subject in found.group(2):
            # The parser's warning is the document's own account, kept as its sentence (the preview shows it so too).
            said_warning = said(warning.msgid, **warning.params) if isinstance(warning, ParseWarning) else found.group(2)
            return said(gettext_noop("%(warning)s，無法建立會次"), warning=said_warning), int(found.group(1))
    return otherwise, None


def read_document(data: bytes, name: str) -> ReadResult:
    """Parse ``data`` (the bytes of a file called ``name``) and say how it went."""
    if _looks_like_json(data):
        result = _read_json(data, name)
    else:
        try:
            text = read_bytes(data, name)
            minutes = parse_text(text)
        except NotMinutesError as error:
            words = (
                said_by(error) if "不是會議紀錄" in error.message else said(gettext_noop("不是會議紀錄：%(reason)s"), reason=said_by(error))
            )
            return ReadResult(name, words=words, line=error.line, not_minutes=True)
        except MinutesError as error:
            return ReadResult(name, words=said_by(error), line=error.line)
        except Exception as error:  # a parser bug must not stop the batch nor show a traceback
            words = said(gettext_noop("解析時發生內部錯誤（%(error)s），請將此檔案回報系統管理者"), error=type(error).__name__)
            return ReadResult(name, words=words)
        result = ReadResult(name, digest=normalised_digest(text), minutes=minutes)
    if result.minutes is not None:
        if result.minutes.kind != "minutes":
            return ReadResult(name, words=said(gettext_noop("不是會議紀錄")), not_minutes=True)
        missing, line = _missing(result.minutes)
        if missing:
            return ReadResult(name, digest=result.digest, words=missing, line=line)
        result.warning_words = [warning_said(w) for w in result.minutes.warnings]
    return result
