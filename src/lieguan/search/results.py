"""Search results as pages show them: where each one is, an excerpt with the matches marked, and its link.

A conclusion, item or remark links to its meeting's minutes page at the
section that holds it (``#lg-s3``, the ids minutes/render/html.py gives), with
a text directive that scrolls the browser to the record itself. A case links
to the case page (``tracking:case``) and a progress report to its place there
(``#report-<id>``); until the tracking app has that page, a case from minutes
links to its conclusion in the minutes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from lieguan.search.access import readable_minutes
from lieguan.search.highlight import excerpt
from lieguan.search.models import SearchEntry
from lieguan.search.tokenizer import Query

K = SearchEntry.Kind


@dataclass
class Hit:
    entry: SearchEntry
    kind: str
    title: str
    context: str
    snippet: SafeString
    url: str | None
    date: dt.date

    @property
    def is_conclusion(self) -> bool:
        return self.entry.kind == K.CONCLUSION


def marked(text: str, query: Query, *, width: int = 120) -> SafeString:
    """An excerpt of ``text`` with the query's words in <mark>; everything else escaped."""
    parts = [format_html("<mark>{}</mark>", piece) if hit else escape(piece) for piece, hit in excerpt(text, query, width=width)]
    return mark_safe("".join(parts))  # noqa: S308  (every piece was escaped above)


def minutes_url(meeting_id: int, anchor: str) -> str:
    url = reverse("meetings:minutes", args=[meeting_id])
    return f"{url}#{anchor}" if anchor else url


def case_url(case_id: int, fragment: str = "") -> str | None:
    try:
        url = reverse("tracking:case", args=[case_id])
    except NoReverseMatch:
        return None
    return f"{url}#{fragment}" if fragment else url


def _case_fallbacks(user: Any, entries: list[SearchEntry]) -> dict[int, str]:
    """For cases while there is no case page: their conclusion in the minutes, where the user may read them."""
    case_conclusions = {e.case_id: e.case.conclusion_id for e in entries if e.case_id and e.case is not None and e.case.conclusion_id}
    if not case_conclusions:
        return {}
    rows = SearchEntry.objects.filter(kind=K.CONCLUSION, object_id__in=case_conclusions.values()).values(
        "object_id", "meeting_id", "anchor"
    )
    readable = set(readable_minutes(user).filter(pk__in=[r["meeting_id"] for r in rows]).values_list("pk", flat=True))
    by_conclusion = {r["object_id"]: minutes_url(r["meeting_id"], r["anchor"]) for r in rows if r["meeting_id"] in readable}
    return {case: by_conclusion[c] for case, c in case_conclusions.items() if c in by_conclusion}


def hits(user: Any, entries: Iterable[SearchEntry], query: Query) -> list[Hit]:
    rows = list(entries)
    fallbacks: dict[int, str] | None = None
    out = []
    for e in rows:
        if e.kind in (K.CASE, K.REPORT):
            url = case_url(e.case_id, "" if e.kind == K.CASE else e.anchor) if e.case_id else None
            if url is None and e.case_id:
                if fallbacks is None:
                    fallbacks = _case_fallbacks(user, rows)
                url = fallbacks.get(e.case_id)
            title = f"{e.case.number} {e.case.title}" if e.case else e.context
        else:
            url = minutes_url(e.meeting_id, e.anchor) if e.meeting_id else None
            title = e.meeting.title if e.meeting else e.context
        out.append(
            Hit(
                entry=e,
                kind=e.get_kind_display(),
                title=title,
                context=e.context,
                snippet=marked(e.text, query),
                url=url,
                date=e.date,
            )
        )
    return out
