"""The index follows the meetings and tracking actions through their signals, and `reindex` rebuilds it."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db import connection

from lieguan.core.actors import SystemActor
from lieguan.meetings import actions as m
from lieguan.search.indexer import DOCUMENTS, index_meeting, refresh_index, reindex_all
from lieguan.search.models import SearchEntry, SearchEntryAgency, SearchTerm
from lieguan.search.query import Criteria, search
from lieguan.tracking import actions as t
from tests.factories import SETUP

pytestmark = pytest.mark.django_db
ADMIN = SystemActor("test")
K = SearchEntry.Kind


def found(q: str, **criteria) -> list[tuple[str, int]]:
    return [(e.kind, e.object_id) for e in search(ADMIN, Criteria(q=q, **criteria))[:50]]


def snapshot() -> set[tuple]:
    agencies: dict[tuple[str, int], set[int]] = {}
    for kind, object_id, org in SearchEntryAgency.objects.values_list("entry__kind", "entry__object_id", "organisation_id"):
        agencies.setdefault((kind, object_id), set()).add(org)
    fields = ("kind", "object_id", "meeting_id", "case_id", "series_id", "date", "case_status", "context", "text", "tokens", "anchor")
    return {(*row, frozenset(agencies.get(row[:2], ()))) for row in SearchEntry.objects.values_list(*fields)}


def test_every_item_remark_conclusion_case_and_report_is_indexed(archive):
    indexed = set(SearchEntry.objects.values_list("kind", "object_id"))
    report = archive.case.assignments.get().reports.get()
    assert {
        (K.CONCLUSION, archive.vehicles.pk),
        (K.CONCLUSION, archive.draft_vehicles.pk),
        (K.ITEM, archive.vehicles.item_id),
        (K.REMARK, archive.remark.pk),
        (K.CASE, archive.case.pk),
        (K.REPORT, report.pk),
    } <= indexed
    kinds = Counter(kind for kind, _ in indexed)
    assert (kinds[K.CONCLUSION], kinds[K.REMARK], kinds[K.CASE], kinds[K.REPORT]) == (5, 1, 1, 1)


def test_a_new_conclusion_is_found_once_its_action_commits(archive, signals):
    item = archive.vehicles.item
    with signals():
        m.do_add_conclusion(SETUP, item, text="請秘書處研議電動公務車充電樁設置。")
    assert len(found("充電樁")) == 1


def test_an_edited_conclusion_is_found_by_its_new_words_only(archive, signals):
    with signals():
        m.do_update_conclusion(SETUP, archive.draft_vehicles, text="機車汰換計畫請秘書處研議後提報。")
    assert found("機車") == [(K.CONCLUSION, archive.draft_vehicles.pk)]
    assert (K.CONCLUSION, archive.draft_vehicles.pk) not in found("公務車")


def test_a_deleted_conclusion_is_no_longer_found(archive, signals):
    with signals():
        m.do_delete_conclusion(SETUP, archive.draft_vehicles)
    assert not SearchEntry.objects.filter(kind=K.CONCLUSION, object_id=archive.draft_vehicles.pk).exists()
    assert (K.CONCLUSION, archive.draft_vehicles.pk) not in found("公務車")


def test_an_edit_rewrites_only_the_entry_that_changed(archive, signals):
    before = dict(SearchEntry.objects.filter(meeting=archive.draft).values_list("pk", "updated"))
    with signals():
        m.do_update_conclusion(SETUP, archive.draft_vehicles, text="公務車汰換計畫請秘書處於年底前提報。")
    after = dict(SearchEntry.objects.filter(meeting=archive.draft).values_list("pk", "updated"))
    changed = {pk for pk in before if before[pk] != after.get(pk)}
    assert changed == {SearchEntry.objects.get(kind=K.CONCLUSION, object_id=archive.draft_vehicles.pk).pk}


def test_a_progress_report_and_a_decision_update_the_case_and_its_conclusion(archive, signals):
    case = archive.case
    assert found("通報流程") == [(K.REPORT, case.assignments.get().reports.get().pk)]
    with signals():
        t.do_record_decisions(SETUP, archive.draft, [t.Decide(case, "release")])
    statuses = dict(SearchEntry.objects.filter(case_status__gt="").values_list("kind", "case_status"))
    assert statuses == {K.CASE: "released", K.REPORT: "released", K.CONCLUSION: "released"}


def test_the_agencies_of_an_entry_are_the_presenter_the_assigned_and_those_its_text_names(archive):
    city = archive.city
    entry = SearchEntry.objects.get(kind=K.CONCLUSION, object_id=archive.kiosk.pk)
    orgs = set(SearchEntryAgency.objects.filter(entry=entry).values_list("organisation_id", flat=True))
    assert orgs == {city.secretariat.pk, city.it.pk}


def test_reindex_gives_the_same_index_as_the_signals_did(archive):
    incremental = snapshot()
    terms = dict(SearchTerm.objects.filter(df__gt=0).values_list("term", "df"))
    report = reindex_all()
    assert report.entries == len(incremental) and report.conclusions == 5
    assert snapshot() == incremental
    assert dict(SearchTerm.objects.filter(df__gt=0).values_list("term", "df")) == terms
    assert terms[DOCUMENTS] == 5
    assert found("公務車")


def test_document_frequencies_follow_edits_and_deletions(archive, signals):
    with signals():
        m.do_add_conclusion(SETUP, archive.vehicles.item, text="勞逸不均請再檢討。")
        m.do_delete_conclusion(SETUP, archive.draft_vehicles)
    incremental = dict(SearchTerm.objects.filter(df__gt=0).values_list("term", "df"))
    reindex_all()
    assert dict(SearchTerm.objects.filter(df__gt=0).values_list("term", "df")) == incremental


def test_reindexing_a_meeting_that_does_not_exist_changes_nothing(archive):
    before = snapshot()
    index_meeting(10**9)
    assert snapshot() == before


def test_a_failing_index_update_never_breaks_the_users_action(archive, signals, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("lieguan.search.indexer.index_meeting", broken)
    with signals():
        conclusion = m.do_add_conclusion(SETUP, archive.vehicles.item, text="這一筆沒有進入索引。")
    assert conclusion.pk
    assert "lieguan search reindex" in caplog.text


def test_cases_an_import_opens_are_indexed_once_it_commits(archive, signals):
    from django.db import transaction

    from lieguan.meetings.signals import minutes_imported, send_within
    from lieguan.tracking.models import TrackedCase

    with signals():
        conclusion = m.do_add_conclusion(SETUP, archive.vehicles.item, text="停車位清查請秘書處於年底前完成，本案列管。", tracked=True)
        # The import sends this inside its transaction; the cases tracking opens send case_changed after commit.
        with transaction.atomic():
            send_within(minutes_imported, actor=SETUP, meeting=archive.published)
    case = TrackedCase.objects.get(conclusion=conclusion)
    assert found("停車位清查", kinds=[K.CASE]) == [(K.CASE, case.pk)]
    assert SearchEntry.objects.get(kind=K.CONCLUSION, object_id=conclusion.pk).case_status == "open"


def test_the_full_text_index_is_fts5_on_sqlite_and_a_gin_indexed_tsvector_on_postgresql(archive):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'search_fts'")
            (sql,) = cursor.fetchone()
            assert "fts5" in sql.lower() and "unicode61" in sql
            # The FTS5 table holds our bigrams: a MATCH on one finds the entry whose tokens hold it.
            cursor.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", ['"勞逸"'])
        else:
            assert connection.vendor == "postgresql"
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_entry_tsv'")
            (indexdef,) = cursor.fetchone()
            assert "USING gin (tsv)" in indexdef
            cursor.execute(
                "SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                "WHERE attrelid = 'search_searchentry'::regclass AND attname = 'tsv'"
            )
            assert cursor.fetchone() == ("tsvector",)
            cursor.execute("SELECT id FROM search_searchentry WHERE tsv @@ to_tsquery('simple', %s)", ["'勞逸'"])
        rows = [r[0] for r in cursor.fetchall()]
    assert SearchEntry.objects.filter(pk__in=rows).get().object_id == archive.vehicles.pk


# Refreshing on a running site (issue 16): chunk by chunk, writing only what differs --------------------------


def test_a_refresh_of_an_index_already_up_to_date_writes_nothing_and_leaves_it_as_it_was(archive):
    before, terms = snapshot(), dict(SearchTerm.objects.values_list("term", "df"))
    messages: list[str] = []
    report = refresh_index(messages.append, chunk=1)
    assert (report.written, report.conclusions) == (0, 5) and report.entries == len(before)
    assert snapshot() == before and dict(SearchTerm.objects.values_list("term", "df")) == terms
    # Progress as it goes, by percent, to the end.
    percents = [int(m.split("%")[0]) for m in messages[:-1]]
    assert len(percents) > 2 and percents == sorted(percents) and percents[-1] == 100


def test_a_refresh_repairs_entries_and_frequencies_changed_behind_the_indexers_back(archive):
    incremental = snapshot()
    terms = dict(SearchTerm.objects.filter(df__gt=0).values_list("term", "df"))
    # An entry lost, another wrong, an orphan left by a meeting deleted without its signal, frequencies off.
    SearchEntry.objects.filter(kind=K.CONCLUSION, object_id=archive.vehicles.pk).delete()
    SearchEntry.objects.filter(kind=K.REMARK).update(text="舊的發言", tokens="舊的")
    orphan = SearchEntry.objects.filter(kind=K.ITEM).first()
    SearchEntry.objects.create(
        **{f: getattr(orphan, f) for f in ("kind", "series_id", "date", "context", "text", "tokens")}, object_id=999_999, meeting_id=999_999
    )
    SearchTerm.objects.update(df=77)
    report = refresh_index(chunk=2)
    assert report.written == 3
    assert snapshot() == incremental
    assert dict(SearchTerm.objects.filter(df__gt=0).values_list("term", "df")) == terms
    assert found("公務車")


def test_a_refresh_takes_no_lock_where_the_index_is_up_to_date_and_writes_each_chunk_that_differs_on_its_own(archive, monkeypatch):
    from types import SimpleNamespace

    from django.db import transaction

    from lieguan.meetings.models import Meeting
    from lieguan.tracking.models import TrackedCase

    opened = []
    real = transaction.atomic

    def counting(*args, **kwargs):
        opened.append(True)
        return real(*args, **kwargs)

    # The indexer's own transactions only (Django's bulk writes open their own, inside them).
    monkeypatch.setattr("lieguan.search.indexer.transaction", SimpleNamespace(atomic=counting))
    monkeypatch.setattr("lieguan.search.indexer._PAUSE_AFTER_WRITING", 0)
    refresh_index(chunk=1)
    # Up to date: only the removal of orphans and the count of the terms write.
    assert len(opened) == 2
    opened.clear()
    SearchEntry.objects.all().delete()
    report = refresh_index(chunk=1)
    chunks = Meeting.objects.count() + -(-TrackedCase.objects.count() // 5)
    assert len(opened) == chunks + 2 and report.written == report.entries
