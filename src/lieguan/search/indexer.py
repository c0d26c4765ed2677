"""Writing the index: one meeting or one case after a change, or everything at once.

``index_meeting`` and ``index_case`` compare what the index holds with the
records as they are now and write only the differences, so that an edit to one
conclusion rewrites one entry. ``reindex_all`` empties the index and loads it
in bulk with the full-text structures dropped, then builds them in one pass.
The document frequencies of conclusion tokens (``SearchTerm``) follow every
change, for the related decisions' TF-IDF.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lieguan.meetings.models import Conclusion, Meeting
from lieguan.search import fulltext
from lieguan.search.models import SearchEntry, SearchEntryAgency
from lieguan.search.records import MAX_TOKENS, AgencyNames, Record, case_records, meeting_records
from lieguan.search.tokenizer import tokens
from lieguan.tracking.models import TrackedCase

K = SearchEntry.Kind
MEETING_KINDS = (K.CONCLUSION, K.ITEM, K.REMARK)
CASE_KINDS = (K.CASE, K.REPORT)
# The SearchTerm row that counts the conclusions themselves.
DOCUMENTS = ""
_FIELDS = ("meeting_id", "case_id", "series_id", "date", "case_status", "context", "text", "anchor")


def token_text(text: str) -> str:
    return " ".join(tokens(text)[:MAX_TOKENS])


def _entry(record: Record) -> SearchEntry:
    return SearchEntry(
        kind=record.kind,
        object_id=record.object_id,
        meeting_id=record.meeting_id,
        case_id=record.case_id,
        series_id=record.series_id,
        date=record.date,
        case_status=record.case_status,
        context=record.context,
        text=record.text,
        tokens=token_text(record.text),
        anchor=record.anchor,
    )


def _term_set(token_string: str) -> set[str]:
    return set(token_string.split())


def _apply_df(delta: Counter[str]) -> None:
    """Add ``delta`` to the document frequencies (an upsert, safe against concurrent writers)."""
    rows = [(term, n) for term, n in delta.items() if n]
    if not rows:
        return
    with connection.cursor() as cursor:
        cursor.executemany(_UPSERT_DF, rows)


def _sync(existing: QuerySet[SearchEntry], records: list[Record], *, write: bool = True) -> int:
    """Make ``existing`` (the entries of some meetings or cases) say what ``records`` say, touching only changes;
    how many entries were added, changed or removed. With ``write=False`` only count them (nothing is written)."""
    # A fresh read each time (.all()): a count made before writing must not leave its objects in the queryset.
    old = {(e.kind, e.object_id): e for e in existing.all()}
    old_agencies: dict[int, set[int]] = {}
    for entry_id, org in SearchEntryAgency.objects.filter(entry__in=old.values()).values_list("entry_id", "organisation_id"):
        old_agencies.setdefault(entry_id, set()).add(org)
    df: Counter[str] = Counter()
    create: list[tuple[SearchEntry, set[int]]] = []
    agency_changes: dict[int, set[int]] = {}
    touched: set[int] = set()  # entries kept, whose fields or agencies changed
    for record in records:
        fresh = _entry(record)
        current = old.pop((record.kind, record.object_id), None)
        if current is None:
            create.append((fresh, record.agencies))
            if record.kind == K.CONCLUSION:
                df.update(_term_set(fresh.tokens) | {DOCUMENTS})
            continue
        changed = [f for f in (*_FIELDS, "tokens") if getattr(current, f) != getattr(fresh, f)]
        if changed:
            if record.kind == K.CONCLUSION and "tokens" in changed:
                df.update(_term_set(fresh.tokens))
                df.subtract(_term_set(current.tokens))
            for f in changed:
                setattr(current, f, getattr(fresh, f))
            if write:
                current.save(update_fields=[*changed, "updated"])
            touched.add(current.pk)
        if old_agencies.get(current.pk, set()) != record.agencies:
            agency_changes[current.pk] = record.agencies
            touched.add(current.pk)
    gone = list(old.values())
    if not write:
        return len(create) + len(gone) + len(touched)
    for entry in gone:
        if entry.kind == K.CONCLUSION:
            df.subtract(_term_set(entry.tokens) | {DOCUMENTS})
    if gone:
        SearchEntry.objects.filter(pk__in=[e.pk for e in gone]).delete()
    if agency_changes:
        SearchEntryAgency.objects.filter(entry_id__in=agency_changes).delete()
        SearchEntryAgency.objects.bulk_create(
            SearchEntryAgency(entry_id=pk, organisation_id=org) for pk, orgs in agency_changes.items() for org in orgs
        )
    if create:
        made = SearchEntry.objects.bulk_create([e for e, _ in create])
        SearchEntryAgency.objects.bulk_create(
            SearchEntryAgency(entry_id=e.pk, organisation_id=org) for e, (_, orgs) in zip(made, create, strict=True) for org in orgs
        )
    _apply_df(df)
    return len(create) + len(gone) + len(touched)


def index_meeting(meeting_id: int, names: AgencyNames | None = None) -> None:
    """Bring a meeting's items, remarks and conclusions in the index up to date (or remove them)."""
    names = names or AgencyNames.load()
    with transaction.atomic():
        # One writer per meeting at a time, so that two quick edits cannot both insert the same entry.
        exists = Meeting.objects.select_for_update().filter(pk=meeting_id).exists()
        records = meeting_records([meeting_id], names) if exists else []
        _sync(SearchEntry.objects.filter(meeting_id=meeting_id, kind__in=MEETING_KINDS), records)


def index_case(case_id: int, names: AgencyNames | None = None, *, with_conclusion: bool = True) -> None:
    """Bring a case and its reports up to date, and the conclusion it tracks (its status and agencies)."""
    names = names or AgencyNames.load()
    with transaction.atomic():
        case = TrackedCase.objects.select_for_update().filter(pk=case_id).values("pk", "conclusion_id").first()
        records = case_records([case_id], names) if case else []
        _sync(SearchEntry.objects.filter(case_id=case_id, kind__in=CASE_KINDS), records)
    conclusion_id = case["conclusion_id"] if case else None
    if with_conclusion and conclusion_id:
        conclusion = Conclusion.objects.select_related("item__section", "section").get(pk=conclusion_id)
        index_meeting(conclusion.meeting_id, names)


# Everything at once --------------------------------------------------------------------------------------


@dataclass
class ReindexReport:
    entries: int = 0
    conclusions: int = 0
    seconds: float = 0.0
    fulltext_seconds: float = 0.0
    # With refresh_index: the entries written (added, changed or removed) and the terms counted again.
    written: int = 0
    terms: int = 0


def _chunks(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


# The SQL of the bulk paths, with our own table names; every value is a bound parameter.
_UPSERT_DF = (
    "INSERT INTO search_searchterm (term, df) VALUES (%s, %s) ON CONFLICT (term) DO UPDATE SET df = search_searchterm.df + excluded.df"
)
_INSERT_ENTRY = (
    "INSERT INTO search_searchentry (id, kind, object_id, meeting_id, case_id, series_id, date, "
    "case_status, context, text, tokens, anchor, updated) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
)
_INSERT_AGENCY = "INSERT INTO search_searchentryagency (entry_id, organisation_id) VALUES (%s, %s)"
_INSERT_TERM = "INSERT INTO search_searchterm (term, df) VALUES (%s, %s)"
_EMPTY = ["DELETE FROM search_searchentryagency", "DELETE FROM search_searchentry", "DELETE FROM search_searchterm"]


class _BulkLoader:
    """Plain INSERTs with ids of our own, many times faster than bulk_create for a million entries."""

    def __init__(self) -> None:
        self.next_id = 1
        self.df: Counter[str] = Counter()
        self.now = connection.ops.adapt_datetimefield_value(timezone.now())

    def load(self, records: list[Record]) -> int:
        rows: list[tuple[Any, ...]] = []
        agency_rows: list[tuple[int, int]] = []
        for r in records:
            token_string = token_text(r.text)
            if r.kind == K.CONCLUSION:
                self.df.update(_term_set(token_string))
            pk = self.next_id
            self.next_id += 1
            day = connection.ops.adapt_datefield_value(r.date)
            rows.append(
                (
                    pk,
                    r.kind,
                    r.object_id,
                    r.meeting_id,
                    r.case_id,
                    r.series_id,
                    day,
                    r.case_status,
                    r.context,
                    r.text,
                    token_string,
                    r.anchor,
                    self.now,
                )
            )
            agency_rows.extend((pk, org) for org in r.agencies)
        with connection.cursor() as cursor:
            if rows:
                cursor.executemany(_INSERT_ENTRY, rows)
            if agency_rows:
                cursor.executemany(_INSERT_AGENCY, agency_rows)
        return len(rows)

    def finish(self, conclusions: int) -> None:
        self.df[DOCUMENTS] = conclusions
        with connection.cursor() as cursor:
            cursor.executemany(_INSERT_TERM, list(self.df.items()))
            for sql in connection.ops.sequence_reset_sql(no_style(), [SearchEntry]):
                cursor.execute(sql)


def reindex_all(progress: Callable[[str], Any] | None = None, *, chunk: int = 200) -> ReindexReport:
    """Rebuild the whole index from the meetings and cases, in one transaction, with the full-text structures
    dropped and built again at the end: the fastest way to fill an empty index (a new database, the demo, the
    bench), but it holds the index's tables the whole time. A running site refreshes instead (``refresh_index``)."""
    say = progress or (lambda message: None)
    report = ReindexReport()
    began = time.monotonic()
    names = AgencyNames.load()
    loader = _BulkLoader()
    with transaction.atomic():
        fulltext.suspend(connection)
        with connection.cursor() as cursor:
            for sql in _EMPTY:
                cursor.execute(sql)
        meeting_ids = list(Meeting.objects.order_by("pk").values_list("pk", flat=True))
        for n, ids in enumerate(_chunks(meeting_ids, chunk)):
            records = meeting_records(ids, names)
            report.conclusions += sum(1 for r in records if r.kind == K.CONCLUSION)
            report.entries += loader.load(records)
            if n % 50 == 49:
                say(
                    _("已處理 %(done)s／%(total)s 個會次，%(entries)s 筆")
                    % {"done": min((n + 1) * chunk, len(meeting_ids)), "total": len(meeting_ids), "entries": report.entries}
                )
        case_ids = list(TrackedCase.objects.order_by("pk").values_list("pk", flat=True))
        for ids in _chunks(case_ids, chunk * 5):
            report.entries += loader.load(case_records(ids, names))
        loader.finish(report.conclusions)
        say(_("建立全文索引（%(entries)s 筆）…") % {"entries": report.entries})
        started = time.monotonic()
        fulltext.resume(connection)
        report.fulltext_seconds = time.monotonic() - started
    if not connection.in_atomic_block:
        fulltext.tidy(connection)
    report.seconds = time.monotonic() - began
    return report


def refresh_index(progress: Callable[[str], Any] | None = None, *, chunk: int = 200) -> ReindexReport:
    """Bring every entry up to what the meetings and cases say now, while the site keeps running.

    Each chunk of meetings (then of cases) is compared and written in a transaction of its own, as one edit
    is (``_sync``: only what differs is written), so a search or an edit waits at most for one chunk, never
    for the whole index; a stopped run leaves every chunk it finished up to date, and running it again
    finishes the rest. Entries of meetings and cases that no longer exist are removed, and the terms'
    document frequencies are counted again from the entries, which repairs them whatever they had become.
    """
    say = progress or (lambda message: None)
    report = ReindexReport()
    began = time.monotonic()
    names = AgencyNames.load()
    meeting_ids = list(Meeting.objects.order_by("pk").values_list("pk", flat=True))
    case_ids = list(TrackedCase.objects.order_by("pk").values_list("pk", flat=True))
    total, done, shown = len(meeting_ids) + len(case_ids), 0, -1
    parts: list[tuple[list[int], Callable[[list[int]], Any]]] = [
        (ids, lambda ids: _refresh_meetings(ids, names)) for ids in _chunks(meeting_ids, chunk)
    ]
    parts += [(ids, lambda ids: _refresh_cases(ids, names)) for ids in _chunks(case_ids, chunk * 5)]
    for ids, refresh in parts:
        records, written = refresh(ids)
        report.entries += len(records)
        report.conclusions += sum(1 for r in records if r.kind == K.CONCLUSION)
        report.written += written
        done += len(ids)
        percent = done * 100 // max(total, 1)
        if percent // 5 != shown // 5:
            shown = percent
            say(
                _("%(percent)s%%：已比對 %(done)s／%(total)s 個會次與案件，寫入 %(written)s 筆")
                % {"percent": percent, "done": f"{done:,}", "total": f"{total:,}", "written": f"{report.written:,}"}
            )
    with transaction.atomic():
        report.written += _sync(SearchEntry.objects.filter(kind__in=MEETING_KINDS).exclude(meeting_id__in=Meeting.objects.values("pk")), [])
        report.written += _sync(SearchEntry.objects.filter(kind__in=CASE_KINDS).exclude(case_id__in=TrackedCase.objects.values("pk")), [])
    say(_("重新計算詞頻…"))
    report.terms = _recount_terms()
    report.seconds = time.monotonic() - began
    return report


def _refresh_meetings(ids: list[int], names: AgencyNames) -> tuple[list[Record], int]:
    def records(lock: bool) -> list[Record]:
        meetings = Meeting.objects.select_for_update() if lock else Meeting.objects.all()
        present = list(meetings.filter(pk__in=ids).values_list("pk", flat=True))
        return meeting_records(present, names) if present else []

    return _refresh(records, SearchEntry.objects.filter(meeting_id__in=ids, kind__in=MEETING_KINDS))


def _refresh_cases(ids: list[int], names: AgencyNames) -> tuple[list[Record], int]:
    def records(lock: bool) -> list[Record]:
        cases = TrackedCase.objects.select_for_update() if lock else TrackedCase.objects.all()
        present = list(cases.filter(pk__in=ids).values_list("pk", flat=True))
        return case_records(present, names) if present else []

    return _refresh(records, SearchEntry.objects.filter(case_id__in=ids, kind__in=CASE_KINDS))


# After a chunk that wrote, the writers that waited meanwhile (an edit's reindexing) go first: SQLite's busy
# handler sleeps between its tries, and without a pause the next chunk would take the lock again every time.
_PAUSE_AFTER_WRITING = 0.1


def _refresh(records: Callable[[bool], list[Record]], existing: QuerySet[SearchEntry]) -> tuple[list[Record], int]:
    """One chunk: compared without a lock (an index up to date is only read), then, if anything differs, read
    again and written in one transaction holding the chunk's rows, as index_meeting does for one meeting."""
    found = records(False)
    if not _sync(existing, found, write=False):
        return found, 0
    with transaction.atomic():
        found = records(True)
        written = _sync(existing, found)
    time.sleep(_PAUSE_AFTER_WRITING)
    return found, written


def _recount_terms(chunk: int = 5000) -> int:
    """The conclusions' document frequencies counted from the entries (read in chunks, without a lock), then
    written in one short transaction; the number of terms."""
    df: Counter[str] = Counter()
    conclusions = SearchEntry.objects.filter(kind=K.CONCLUSION).order_by("pk").values_list("tokens", flat=True)
    for tokens_of_one in conclusions.iterator(chunk_size=chunk):
        df.update(_term_set(tokens_of_one) | {DOCUMENTS})
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_searchterm")
        cursor.executemany(_INSERT_TERM, list(df.items()))
    return len(df)
