"""Minutes documents as files → their text, one paragraph per line.

The format is recognised by content (magic bytes), not only by the file name:
PDF (text layer only), DOCX, ODT, and plain text or Markdown in UTF-8 or Big5
(cp950). Pages of a PDF are separated by form feeds (\\f), which the parser
reads as page breaks. Anything unreadable raises ``UnreadableDocumentError``
with a message that says what the file is and what to do about it.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path
from typing import Literal

from lieguan.minutes.errors import UnreadableDocumentError, gettext_noop
from lieguan.minutes.readers.plain import decode_text

DocumentFormat = Literal["pdf", "docx", "odt", "text"]

_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_IMAGE_MAGIC: dict[bytes, str] = {
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF8": "GIF",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
    b"BM": "BMP",
}


def detect_format(data: bytes, filename: str | None = None) -> DocumentFormat:
    """What ``data`` is, judged by its content; raise ``UnreadableDocumentError`` for formats we cannot read."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_format(data, filename)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableDocumentError(gettext_noop("這是舊版 Office（.doc）格式，無法直接讀取；請另存為 DOCX、ODT 或 PDF 後再匯入"))
    if data.startswith(b"{\\rtf"):
        raise UnreadableDocumentError(gettext_noop("這是 RTF 格式，無法直接讀取；請另存為 DOCX、ODT 或 PDF 後再匯入"))
    for magic, name in _IMAGE_MAGIC.items():
        if data.startswith(magic):
            raise UnreadableDocumentError(
                gettext_noop("這是一張 %(format)s 圖片，不是文字文件；須先經 OCR 文字辨識才能讀取"), {"format": name}
            )
    suffix = Path(filename).suffix.lower() if filename else ""
    if suffix in (".pdf", ".docx", ".odt"):
        raise UnreadableDocumentError(
            gettext_noop("檔名是 %(suffix)s，內容卻不是 %(format)s 檔；檔案可能已損壞"), {"suffix": suffix, "format": suffix[1:].upper()}
        )
    return "text"


def _zip_format(data: bytes, filename: str | None) -> DocumentFormat:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "mimetype" in names and z.open("mimetype").read(len(_ODT_MIMETYPE) + 2).strip() == _ODT_MIMETYPE:
                return "odt"
            if "content.xml" in names and "mimetype" not in names:
                return "odt"
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError) as exc:
        raise UnreadableDocumentError(gettext_noop("ZIP 格式的檔案已損壞，無法開啟（%(error)s）"), {"error": str(exc)}) from None
    if filename:
        raise UnreadableDocumentError(gettext_noop("「%(name)s」是 ZIP 壓縮檔，但不是 DOCX 或 ODT 文件"), {"name": filename})
    raise UnreadableDocumentError(gettext_noop("這個檔案是 ZIP 壓縮檔，但不是 DOCX 或 ODT 文件"))


def read_bytes(data: bytes, filename: str | None = None, *, table_rows: bool = False) -> str:
    """The text of a document given as bytes; ``filename`` only sharpens the error messages.

    With ``table_rows`` the tables of a DOCX or ODT come one row per line, cells separated by tabs, as a work
    report's tables are read; by default each cell is a line of its own, as minutes are read.
    """
    fmt = detect_format(data, filename)
    if fmt == "pdf":
        from lieguan.minutes.readers.pdf import read_pdf

        return read_pdf(data)
    if fmt == "docx":
        from lieguan.minutes.readers.docx import read_docx

        return read_docx(data, table_rows=table_rows)
    if fmt == "odt":
        from lieguan.minutes.readers.odt import read_odt

        return read_odt(data, table_rows=table_rows)
    return decode_text(data)


def read_path(path: str | os.PathLike[str], *, table_rows: bool = False) -> str:
    """The text of the document at ``path``."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except IsADirectoryError:
        raise UnreadableDocumentError(gettext_noop("「%(path)s」是資料夾，不是檔案"), {"path": str(p)}) from None
    except FileNotFoundError:
        raise UnreadableDocumentError(gettext_noop("找不到檔案「%(path)s」"), {"path": str(p)}) from None
    except OSError as exc:
        raise UnreadableDocumentError(
            gettext_noop("無法讀取檔案「%(path)s」：%(error)s"), {"path": str(p), "error": str(exc.strerror or exc)}
        ) from None
    return read_bytes(data, p.name, table_rows=table_rows)


__all__ = ["DocumentFormat", "detect_format", "read_bytes", "read_path"]
