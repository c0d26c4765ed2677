"""Checking uploaded files: type by content (not by name), size, and a display name that cannot be a path.

Files are stored under a name derived from their content hash, so nothing an
uploader sends can choose where a file lands; the original name is kept only
to show and to offer on download.
"""

from __future__ import annotations

import hashlib
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_noop

from lieguan.core.wording import listing, said, word


@dataclass(frozen=True)
class FileKind:
    label: str  # in Chinese, marked with gettext_noop: translate it where it is shown
    media_type: str
    extensions: tuple[str, ...]


PDF = FileKind("PDF", "application/pdf", (".pdf",))
DOCX = FileKind("Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",))
XLSX = FileKind("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",))
PPTX = FileKind("PowerPoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation", (".pptx",))
ODT = FileKind(gettext_noop("ODF 文件"), "application/vnd.oasis.opendocument.text", (".odt",))
ODS = FileKind(gettext_noop("ODF 試算表"), "application/vnd.oasis.opendocument.spreadsheet", (".ods",))
ODP = FileKind(gettext_noop("ODF 簡報"), "application/vnd.oasis.opendocument.presentation", (".odp",))
OLE = FileKind("Office 97-2003", "application/x-ole-storage", (".doc", ".xls", ".ppt"))
PNG = FileKind(gettext_noop("PNG 圖片"), "image/png", (".png",))
JPEG = FileKind(gettext_noop("JPEG 圖片"), "image/jpeg", (".jpg", ".jpeg"))
TEXT = FileKind(gettext_noop("純文字"), "text/plain", (".txt", ".csv", ".md"))

ALLOWED = (PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, OLE, PNG, JPEG, TEXT)
ALLOWED_EXTENSIONS = sorted({e for k in ALLOWED for e in k.extensions})

_ODF = {
    b"application/vnd.oasis.opendocument.text": ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": ODS,
    b"application/vnd.oasis.opendocument.presentation": ODP,
}
_OOXML = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}


def sniff(head: bytes, whole: IO[bytes]) -> FileKind | None:
    """The kind of a file from its bytes; None when it is none we accept."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return OLE
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(whole)
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            # A multi-byte character cut at the end of the sample is still text.
            if error.start < len(head) - 4:
                return None
        return TEXT
    return None


def _sniff_zip(whole: IO[bytes]) -> FileKind | None:
    try:
        whole.seek(0)
        with zipfile.ZipFile(whole) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                # At most a line: a "mimetype" member that inflates to gigabytes is a decompression bomb.
                with archive.open("mimetype") as member:
                    return _ODF.get(member.read(128).strip())
            if "[Content_Types].xml" in names:
                for prefix, kind in _OOXML.items():
                    if any(n.startswith(prefix) for n in names):
                        return kind
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return None
    finally:
        whole.seek(0)
    return None


def display_name(name: str) -> str:
    """The last path component, without control characters, at most 200 characters, keeping the extension."""
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip().lstrip(".")
    if not name:
        return "未命名檔案"  # stored as the file's name: data, not interface
    if len(name) > 200:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 200 - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 else name[:200]
    return name


class UploadRefused(ValidationError):
    """A refusal of the upload check: its message in the active language, and what it says, to word it again later.

    ``words`` is the sentence in the form that ``core.wording`` words: ``{"msgid": …, "params": {…}}``, the
    msgid the Chinese sentence (marked with ``gettext_noop``) and each parameter text, a number, a sentence within
    the sentence (``{"msgid": …}``) or values to join (``{"list": […]}``). A refusal kept on a row that others read
    (an import file's, ``ImportFile.error_words``) is kept as these words, so that each reader reads it in their
    own language.
    """

    def __init__(self, msgid: str, **params: Any) -> None:
        self.words: dict[str, Any] = said(msgid, **params)
        super().__init__(word(self.words))

    def __reduce__(self) -> tuple[Any, ...]:
        # Copied or pickled as what it says (a ValidationError's own arguments are its worded message).
        return _refusal, (self.words,)


def _refusal(words: dict[str, Any]) -> UploadRefused:
    return UploadRefused(words["msgid"], **words.get("params", {}))


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    kind: FileKind
    size: int
    digest: str


def check_upload(stream: IO[bytes], name: str) -> CheckedUpload:
    """Validate an upload; raise ``UploadRefused`` (a ValidationError) with a message for the user."""
    limit = settings.UPLOAD_MAX_BYTES
    clean = display_name(name)
    extension = ("." + clean.rsplit(".", 1)[-1].lower()) if "." in clean else ""
    if extension not in ALLOWED_EXTENSIONS:
        raise UploadRefused(
            gettext_noop("不接受「%(extension)s」檔案；可上傳：%(allowed)s。"),
            extension=extension or said(gettext_noop("無副檔名")),
            allowed=listing(ALLOWED_EXTENSIONS),
        )
    digest = hashlib.sha256()
    total = 0
    stream.seek(0)
    head = stream.read(8192)
    chunk = head
    while chunk:
        total += len(chunk)
        if total > limit:
            raise UploadRefused(gettext_noop("檔案超過 %(mb)s MB 的上限。"), mb=limit // (1024 * 1024))
        digest.update(chunk)
        chunk = stream.read(1 << 20)
    if total == 0:
        raise UploadRefused(gettext_noop("檔案是空的。"))
    stream.seek(0)
    kind = sniff(head, stream)
    if kind is None:
        raise UploadRefused(gettext_noop("無法辨識的檔案內容，或內容與可接受的格式不符。"))
    if extension not in kind.extensions:
        raise UploadRefused(gettext_noop("檔案內容為%(kind)s，與副檔名「%(extension)s」不符。"), kind=said(kind.label), extension=extension)
    return CheckedUpload(name=clean, kind=kind, size=total, digest=digest.hexdigest())
