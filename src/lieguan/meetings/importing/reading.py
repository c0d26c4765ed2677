"""Reading one uploaded file into a ``Minutes`` document, or into the reason it cannot be imported.

A file is a minutes document (TXT, MD, DOCX, ODT, PDF with text) or a Minutes
JSON file. Whatever goes wrong becomes a ``ReadResult`` with a message in
Traditional Chinese and, where the parser knows it, the line: a batch of many
files must go on after one bad file, so nothing here raises.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import unicodedata
from dataclasses import dataclass

from lieguan.minutes import Minutes, MinutesError, NotMinutesError
from lieguan.minutes.parser import parse_text
from lieguan.minutes.readers import read_bytes

# Extensions offered in the file picker and accepted by the upload check.
ACCEPTED_EXTENSIONS = (".txt", ".md", ".docx", ".odt", ".pdf", ".json")


def _(message: str) -> str:
    """``gettext`` where Django runs (the site, ``lieguan import``); the Chinese as it is in the parsing child.

    The child (``sandbox``) imports no Django, and gettext cannot run before Django's apps are ready:
    what the child says is stored as it is, as the worker (in the site's language) would say it anyway.
    """
    django_apps = sys.modules.get("django.apps")
    if django_apps is None or not django_apps.apps.ready:
        return message
    from django.utils.translation import gettext

    return gettext(message)


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
    error: str = ""
    line: int | None = None
    # The document was readable but is no minutes (a work report): said as 「不是會議紀錄」.
    not_minutes: bool = False
    # The most memory (resident, KB) the bounded child that read it held; 0 when read in process or unknown.
    peak_kb: int = 0

    @property
    def ok(self) -> bool:
        return self.minutes is not None

    @property
    def why(self) -> str:
        """The failure in one line, with its line number when known."""
        return _("第 %(line)s 行：") % {"line": self.line} + self.error if self.line else self.error


def _looks_like_json(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def _read_json(data: bytes, name: str) -> ReadResult:
    try:
        payload = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        return ReadResult(name, error=_("JSON 格式有誤，無法讀取（%(error)s）") % {"error": error})
    if isinstance(payload, dict) and payload.get("kind") == "other":
        return ReadResult(name, error=_("不是會議紀錄：此 Minutes JSON 標示為其他文件（kind: other）"), not_minutes=True)
    try:
        minutes = Minutes.from_dict(payload)
    except MinutesError as error:
        return ReadResult(name, error=_("Minutes JSON 內容有誤：%(error)s") % {"error": error.message})
    canonical = json.dumps(minutes.to_dict(), ensure_ascii=False, sort_keys=True)
    return ReadResult(name, digest=normalised_digest(canonical), minutes=minutes)


_WARNING_LINE = re.compile(r"^第 (\d+) 行：(.+)$")


def _missing(minutes: Minutes) -> tuple[str, int | None]:
    """What a meeting cannot be created without, in words, and the line at fault; empty when nothing is missing.

    When the parser saw the field but could not read it (民國 111 年 13 月 45 日),
    its warning names the line and the text: that says more than 「找不到」.
    """
    if minutes.date is None:
        return _because(minutes, "會議日期", _("找不到開會日期（「時間：民國…年…月…日」），無法建立會次"))
    if minutes.session.number is None:
        return _because(minutes, "會次", _("找不到會次（標題中的「第 N 次」），無法建立會次"))
    return "", None


def _because(minutes: Minutes, subject: str, otherwise: str) -> tuple[str, int | None]:
    for warning in minutes.warnings:
        found = _WARNING_LINE.match(warning)
        if found and subject in found.group(2):
            return _("%(warning)s，無法建立會次") % {"warning": found.group(2)}, int(found.group(1))
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
            message = error.message if "不是會議紀錄" in error.message else _("不是會議紀錄：%(reason)s") % {"reason": error.message}
            return ReadResult(name, error=message, line=error.line, not_minutes=True)
        except MinutesError as error:
            return ReadResult(name, error=error.message, line=error.line)
        except Exception as error:  # a parser bug must not stop the batch nor show a traceback
            return ReadResult(name, error=_("解析時發生內部錯誤（%(error)s），請將此檔案回報系統管理者") % {"error": type(error).__name__})
        result = ReadResult(name, digest=normalised_digest(text), minutes=minutes)
    if result.minutes is not None:
        if result.minutes.kind != "minutes":
            return ReadResult(name, error=_("不是會議紀錄"), not_minutes=True)
        missing, line = _missing(result.minutes)
        if missing:
            return ReadResult(name, digest=result.digest, error=missing, line=line)
    return result
