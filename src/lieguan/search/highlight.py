"""Where a query's words occur in a text, and a short excerpt around them (pure Python).

The spans are found in the folded text (the tokenizer's folding), then mapped
back to the original characters, so that ＫＩＯＳＫ, kiosk and 臺/台 are marked
as they were written. The caller escapes the pieces; nothing here emits markup.
"""

from __future__ import annotations

from lieguan.search.tokenizer import Folded, Query, fold_text

Segment = tuple[str, bool]  # text, and whether it matched


def _occurrences(folded: Folded, needle: str, *, word: bool) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    chars, classes = folded.chars, folded.classes
    start = chars.find(needle)
    while start >= 0:
        end = start + len(needle)
        # A Latin word matches whole words only: poc is not inside epoch.
        if not word or ((start == 0 or classes[start - 1] != "word") and (end == len(chars) or classes[end] != "word")):
            out.append((start, end))
        start = chars.find(needle, start + 1)
    return out


def match_spans(text: str, query: Query) -> list[tuple[int, int]]:
    """Merged, sorted [start, end) spans of ``text`` where a piece of a query term occurs."""
    if not text or query.empty:
        return []
    folded = fold_text(text)
    found: list[tuple[int, int]] = []
    for term in query.terms():
        for piece in term.pieces:
            for s, e in _occurrences(folded, piece.text, word=piece.kind == "word"):
                found.append((folded.origin[s], folded.origin[e - 1] + 1))
    found.sort()
    merged: list[tuple[int, int]] = []
    for s, e in found:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def excerpt(text: str, query: Query, *, width: int = 120) -> list[Segment]:
    """About ``width`` characters of ``text`` around its first match, split into marked and plain segments.

    Cut ends are shown with an ellipsis. Without a match, the start of the text.
    """
    text = " ".join(text.split())
    spans = match_spans(text, query)
    if len(text) <= width:
        lo, hi = 0, len(text)
    else:
        first = spans[0][0] if spans else 0
        lo = max(0, min(first - width // 4, len(text) - width))
        hi = min(len(text), lo + width)
    segments: list[Segment] = []
    if lo > 0:
        segments.append(("…", False))
    at = lo
    for s, e in spans:
        if e <= lo or s >= hi:
            continue
        s, e = max(s, lo), min(e, hi)
        if s > at:
            segments.append((text[at:s], False))
        segments.append((text[s:e], True))
        at = e
    if at < hi:
        segments.append((text[at:hi], False))
    if hi < len(text):
        segments.append(("…", False))
    return segments
