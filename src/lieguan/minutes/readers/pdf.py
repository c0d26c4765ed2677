"""PDF with a text layer. Pages are joined with form feeds so that the parser knows where the page breaks were."""

from __future__ import annotations

import io
import itertools
import statistics
from typing import Any

from lieguan.minutes.errors import UnreadableDocumentError

SCANNED_MESSAGE = "這是掃描影像的 PDF，沒有文字層，無法讀出文字；請先以 OCR（文字辨識）轉成有文字層的 PDF 或文字檔後再匯入"
# Points between two characters that still belong to one word, beyond the page's usual spacing.
_WORD_GAP = 1.5


def read_pdf(data: bytes) -> str:
    import pdfplumber

    pages: list[str] = []
    images = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                tolerance = _usual_gap(page.chars) + _WORD_GAP
                pages.append(page.extract_text(x_tolerance=tolerance, y_tolerance=3) or "")
                images += len(page.images)
    except Exception as exc:  # pdfminer raises many kinds of error on a damaged or encrypted file
        raise UnreadableDocumentError(f"PDF 檔已損壞或加密，無法開啟（{type(exc).__name__}）") from None
    if not any(p.strip() for p in pages):
        if images or pages:
            raise UnreadableDocumentError(SCANNED_MESSAGE)
        raise UnreadableDocumentError("PDF 檔沒有任何頁面")
    return "\f".join(pages)


def _usual_gap(chars: list[dict[str, Any]]) -> float:
    """The usual space between neighbouring characters of a line, in points.

    Letter-spaced text (justified Chinese, or a 主　席 spread over a cell) leaves
    a gap after every character; read with a fixed tolerance it would come out
    as 主 席 ： 王 志 明, with a space between every two characters.
    """
    gaps = [b["x0"] - a["x1"] for a, b in itertools.pairwise(chars) if abs(a["top"] - b["top"]) < 1 and -1 <= b["x0"] - a["x1"] < a["size"]]
    return max(0.0, statistics.median(gaps)) if gaps else 0.0
