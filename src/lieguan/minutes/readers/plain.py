"""Plain text and Markdown: UTF-8 (with or without BOM), UTF-16 with BOM, or Big5 as Windows writes it (cp950)."""

from __future__ import annotations

from lieguan.minutes.errors import UnreadableDocumentError, gettext_noop

# cp950 is Big5 with Microsoft's additions, which is what Taiwanese offices save;
# big5hkscs adds the Hong Kong characters that cp950 lacks.
_FALLBACKS = ("cp950", "big5hkscs")


def decode_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableDocumentError(gettext_noop("UTF-16 文字檔內容損壞，無法解碼")) from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _legacy(data)
    if "\x00" in text:
        raise UnreadableDocumentError(gettext_noop("無法辨識的檔案格式：內容是二進位資料，不是文字"))
    return text


def _legacy(data: bytes) -> str:
    for encoding in _FALLBACKS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableDocumentError(gettext_noop("無法辨識文字檔的編碼：既不是 UTF-8，也不是 Big5（cp950）；請另存為 UTF-8 後再匯入"))
