"""Searching the index: what a user may find, narrowed by the query and the filters, in the order asked for."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, overload

from django.db.models import QuerySet

from lieguan.organisations.access import descendants
from lieguan.organisations.models import Organisation
from lieguan.search import fulltext
from lieguan.search.access import findable_entries
from lieguan.search.models import SearchEntry, SearchEntryAgency
from lieguan.search.tokenizer import Query, parse_query

RELEVANCE = "relevance"
DATE = "date"


@dataclass
class Criteria:
    q: str = ""
    series_id: int | None = None
    agency_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    case_status: str = ""
    kinds: list[str] = field(default_factory=list)
    sort: str = RELEVANCE

    @property
    def query(self) -> Query:
        return parse_query(self.q)


def agency_and_units(agency_id: int) -> frozenset[int]:
    parent_of: dict[int, int | None] = dict(Organisation.objects.values_list("id", "parent_id"))
    return descendants(parent_of, [agency_id])


def with_related(entries: QuerySet[SearchEntry]) -> QuerySet[SearchEntry]:
    """What result pages read of each entry, in the same query."""
    return entries.select_related("meeting__series__owner", "case")


class Results:
    """The matching entries, counted and sliced like a queryset (so that ``Paginator`` takes them).

    A slice reads only the ids of that page from the full-text index, then
    those entries; each carries ``score`` when there is a query. Counting
    reads the first page in the same pass, since that is the page most asked for.
    """

    def __init__(self, entries: QuerySet[SearchEntry], query: Query, *, by_date: bool, first_page: int = 20) -> None:
        self.entries = entries
        self.query = query
        self.by_date = by_date or query.empty
        self.first_page = first_page
        self._count: int | None = None
        self._first: list[tuple[int, float]] | None = None

    def count(self) -> int:
        if self._count is None:
            if self.query.empty:
                self._count = self.entries.count()
            else:
                self._first, total = self._ranked(0, self.first_page)
                self._count = total or 0
        return self._count

    def _ranked(self, offset: int, limit: int) -> tuple[list[tuple[int, float]], int | None]:
        return fulltext.ranked(self.entries, self.query, by_date=self.by_date, offset=offset, limit=limit)

    def __len__(self) -> int:
        return self.count()

    @overload
    def __getitem__(self, index: int) -> SearchEntry: ...
    @overload
    def __getitem__(self, index: slice) -> list[SearchEntry]: ...
    def __getitem__(self, index: int | slice) -> SearchEntry | list[SearchEntry]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        if stop is None:
            stop = self.count()
        if stop <= start:
            return []
        if self.query.empty:
            return list(with_related(self.entries.order_by("-date", "-id"))[start:stop])
        if self._first is not None and start == 0 and stop <= self.first_page:
            ranked = self._first[:stop]
        else:
            ranked, total = self._ranked(start, stop - start)
            if total is not None:
                self._count = total
        found = with_related(SearchEntry.objects.filter(pk__in=[pk for pk, _ in ranked])).in_bulk()
        out = []
        for pk, score in ranked:
            entry = found.get(pk)
            if entry is not None:
                entry.score = score  # type: ignore[attr-defined]
                out.append(entry)
        return out


def filtered_entries(user: Any, criteria: Criteria) -> QuerySet[SearchEntry]:
    """The entries ``user`` may find, narrowed by the filters (conditions on the entries table and subqueries)."""
    entries = findable_entries(user)
    if criteria.series_id:
        entries = entries.filter(series_id=criteria.series_id)
    if criteria.agency_id:
        agencies = SearchEntryAgency.objects.filter(organisation_id__in=agency_and_units(criteria.agency_id))
        entries = entries.filter(pk__in=agencies.values("entry_id"))
    if criteria.date_from:
        entries = entries.filter(date__gte=criteria.date_from)
    if criteria.date_to:
        entries = entries.filter(date__lte=criteria.date_to)
    if criteria.case_status:
        entries = entries.filter(case_status=criteria.case_status)
    if criteria.kinds:
        entries = entries.filter(kind__in=criteria.kinds)
    return entries


def search(user: Any, criteria: Criteria) -> Results:
    """The entries ``user`` may find that match ``criteria``, by relevance (or date), newest first among equals."""
    return Results(filtered_entries(user, criteria), criteria.query, by_date=criteria.sort == DATE)
