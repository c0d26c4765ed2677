"""Related decisions: the earlier conclusions most like a given conclusion or case.

Similarity is the cosine of TF-IDF vectors over the texts' bigrams and words
(the index tokens, without the one-character ones), with document frequencies
over all conclusions from ``SearchTerm``. The full-text index finds the
candidates — conclusions sharing the source's most distinctive tokens — and
the cosine orders them. Only conclusions the user may find are considered,
and only those of earlier meetings (the same day included), never the
source's own meeting.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.safestring import SafeString

from lieguan.meetings.models import Conclusion
from lieguan.search import fulltext
from lieguan.search.access import findable_entries
from lieguan.search.indexer import DOCUMENTS, token_text
from lieguan.search.models import SearchEntry, SearchTerm
from lieguan.search.results import marked, minutes_url
from lieguan.search.tokenizer import Piece, Query, Term
from lieguan.tracking.models import TrackedCase

# How many of the source's tokens look for candidates, and how many candidates are compared. Tokens in
# more than COMMON of all conclusions (公文, 辦理) would make the candidate query read most of the index
# for little: they still count in the similarity, but do not look for candidates.
QUERY_TOKENS = 16
CANDIDATES = 60
COMMON = 0.003
AT_LEAST = 4
# Below this cosine a conclusion shares too little to be called related.
MIN_SIMILARITY = 0.08


@dataclass
class Related:
    entry: SearchEntry
    title: str
    context: str
    snippet: SafeString
    url: str
    date: dt.date
    similarity: float


def _vector_tokens(token_string: str) -> Counter[str]:
    return Counter(t for t in token_string.split() if len(t) > 1)


def _source(obj: Conclusion | TrackedCase) -> tuple[str, dt.date, int | None, int | None]:
    """Its text, date, meeting and own conclusion id."""
    if isinstance(obj, Conclusion):
        conclusion = Conclusion.objects.select_related("item__section__meeting", "section__meeting").get(pk=obj.pk)
        meeting = conclusion.item.section.meeting if conclusion.item_id else conclusion.section.meeting  # type: ignore[union-attr]
        return conclusion.text, timezone.localtime(meeting.start).date(), meeting.pk, conclusion.pk
    if isinstance(obj, TrackedCase):
        return f"{obj.title}\n{obj.text}", obj.opened_on, obj.meeting_id, obj.conclusion_id
    raise TypeError(f"related decisions need a conclusion or a case, not {obj!r}")


def _frequencies(terms: set[str]) -> tuple[dict[str, int], int]:
    """How many conclusions hold each term, and how many conclusions there are."""
    rows = dict(SearchTerm.objects.filter(term__in=[*terms, DOCUMENTS]).values_list("term", "df"))
    return {t: max(rows.get(t, 0), 0) for t in terms}, max(rows.get(DOCUMENTS, 0), 1)


def _idf(terms: set[str]) -> dict[str, float]:
    df, total = _frequencies(terms)
    return {t: math.log((total + 1) / (df[t] + 1)) + 1 for t in terms}


def _weights(tf: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    return {t: n * idf[t] for t, n in tf.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(w * b[t] for t, w in a.items() if t in b)
    if not dot:
        return 0.0
    return dot / (math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values())))


def _token_query(terms: list[str]) -> Query:
    def piece(t: str) -> Piece:
        return Piece("word" if t.isascii() else "cjk", t, 0, len(t))

    return Query(tuple((Term((piece(t),)),) for t in terms))


def related_conclusions(user: Any, conclusion_or_case: Conclusion | TrackedCase, limit: int = 5) -> list[Related]:
    """The earlier conclusions most similar to ``conclusion_or_case`` that ``user`` may read, best first."""
    text, day, meeting_id, own_id = _source(conclusion_or_case)
    tf = _vector_tokens(token_text(text))
    if not tf:
        return []
    df, total = _frequencies(set(tf))
    idf = {t: math.log((total + 1) / (df[t] + 1)) + 1 for t in tf}
    source = _weights(tf, idf)
    # The rarest tokens say most, but one that no other conclusion holds finds nothing.
    indexed_itself = 1 if own_id is not None and isinstance(conclusion_or_case, Conclusion) else 0
    common = max(50, COMMON * total)
    shared = [t for t in source if df[t] > indexed_itself]
    strongest = sorted((t for t in shared if df[t] <= common), key=lambda t: (-source[t], t))[:QUERY_TOKENS]
    if len(strongest) < AT_LEAST:
        # A text made only of common words still looks with its rarest ones.
        strongest += sorted((t for t in shared if t not in strongest), key=lambda t: (df[t], t))[: AT_LEAST - len(strongest)]
    if not strongest:
        return []
    candidates = findable_entries(user).filter(kind=SearchEntry.Kind.CONCLUSION, date__lte=day)
    if meeting_id is not None:
        candidates = candidates.exclude(meeting_id=meeting_id)
    if own_id is not None:
        candidates = candidates.exclude(object_id=own_id)
    ranked, _ = fulltext.ranked(candidates, _token_query(strongest), by_date=False, offset=0, limit=CANDIDATES)
    by_id = SearchEntry.objects.select_related("meeting__series__owner").in_bulk([pk for pk, _ in ranked])
    found = [by_id[pk] for pk, _ in ranked if pk in by_id]
    vectors = {e.pk: _vector_tokens(e.tokens) for e in found}
    idf.update(_idf({t for v in vectors.values() for t in v} - set(idf)))
    scored = sorted(((_cosine(source, _weights(vectors[e.pk], idf)), e) for e in found), key=lambda pair: (-pair[0], -pair[1].pk))
    shown = _token_query(strongest)
    return [
        Related(
            entry=e,
            title=e.meeting.title if e.meeting else e.context,
            context=e.context,
            snippet=marked(e.text, shown, width=100),
            url=minutes_url(e.meeting_id, e.anchor) if e.meeting_id else "",
            date=e.date,
            similarity=similarity,
        )
        for similarity, e in scored[:limit]
        if similarity >= MIN_SIMILARITY
    ]
