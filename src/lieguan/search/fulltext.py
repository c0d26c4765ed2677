"""The database-specific half of full-text search: the schema, matching and ranking.

SQLite: FTS5 over the pre-tokenized ``tokens`` column. The trigram tokenizer
cannot match two-character words, so the tokens are our own CJK bigrams and
words (tokenizer.py) and FTS5 only splits them on spaces (unicode61). The
table uses the entries table as external content, kept in step by triggers,
with a one-character prefix index for one-character queries.

PostgreSQL: ``tsv``, a generated ``to_tsvector('simple', tokens)`` column with
a GIN index; queries go through ``to_tsquery('simple', …)`` so that both sides
pass the same parser.

Only text built by ``tokenizer.fts5_query`` / ``tokenizer.tsquery`` reaches the
database's query language, always as a bound parameter.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import EmptyResultSet, FullResultSet, ImproperlyConfigured
from django.db import connections
from django.db.models import BooleanField, Count, FloatField, QuerySet, Window
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

from lieguan.search.tokenizer import Query, fts5_query, tsquery

TABLE = "search_searchentry"

# Table names are written out: no SQL here is built from anything but these constants, and every
# value (the query, the filters) is a bound parameter.
SQLITE_SCHEMA = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(tokens, content='search_searchentry', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0', prefix='1')",
    "CREATE TRIGGER IF NOT EXISTS search_entry_ai AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_fts(rowid, tokens) VALUES (new.id, new.tokens); END",
    "CREATE TRIGGER IF NOT EXISTS search_entry_ad AFTER DELETE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens); END",
    "CREATE TRIGGER IF NOT EXISTS search_entry_au AFTER UPDATE OF tokens ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens); "
    "INSERT INTO search_fts(rowid, tokens) VALUES (new.id, new.tokens); END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_entry_ai",
    "DROP TRIGGER IF EXISTS search_entry_ad",
    "DROP TRIGGER IF EXISTS search_entry_au",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_SCHEMA = [
    "ALTER TABLE search_searchentry ADD COLUMN IF NOT EXISTS tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, tokens)) STORED",
    "CREATE INDEX IF NOT EXISTS search_entry_tsv ON search_searchentry USING gin (tsv)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_entry_tsv",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS tsv",
]


def vendor(using: str = "default") -> str:
    return connections[using].vendor


def install(connection: Any) -> None:
    """Create the full-text table or column for this database (idempotent; other databases: nothing)."""
    statements = {"sqlite": SQLITE_SCHEMA, "postgresql": POSTGRES_SCHEMA}.get(connection.vendor, [])
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def uninstall(connection: Any) -> None:
    statements = {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(connection.vendor, [])
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def suspend(connection: Any) -> None:
    """Before a bulk load: drop what would be updated row by row (SQLite: the FTS table; PostgreSQL: the GIN index)."""
    if connection.vendor == "sqlite":
        uninstall(connection)
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS search_entry_tsv")


def resume(connection: Any) -> None:
    """After a bulk load: build the full-text index over every entry in one pass."""
    if connection.vendor == "sqlite":
        install(connection)
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Django's foreign keys are deferred; PostgreSQL builds no index while their checks are pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        install(connection)


def _sqlite_where(entries: QuerySet[Any]) -> tuple[str, list[Any]]:
    """The WHERE clause of ``entries`` (conditions on the entries table and subqueries only), as SQL."""
    query = entries.query
    joined = [alias for alias, refs in query.alias_refcount.items() if refs and alias != TABLE]
    if joined:
        raise ValueError(f"full-text filters must not join other tables ({joined}); use a subquery")
    if not query.where:
        return "1", []
    compiler = query.get_compiler(using=entries.db)
    try:
        sql, params = compiler.compile(query.where)
    except EmptyResultSet:
        return "0", []
    except FullResultSet:
        return "1", []
    return sql, list(params)


# SQLite has two plans, both starting from FTS5 (CROSS JOIN fixes the loop order: with an ordinary
# join SQLite may walk an index of the entries and run the full-text query once per entry, a thousand
# times slower). ``{where}`` is the WHERE clause Django compiled from the filters, with its parameters.
# - Filters that leave many entries: each match's entry is read by its key and the filters checked.
_SQLITE_JOIN = (
    "FROM search_fts CROSS JOIN search_searchentry ON search_searchentry.id = search_fts.rowid WHERE search_fts MATCH %s AND ({where})"
)
# - Filters that leave few entries (one series over three years; a liaison's meetings): those ids are
#   found by the entries' indexes first, and the matches kept are those among them. The unary + keeps
#   the condition out of FTS5, which would otherwise rerun the whole query (and bm25) once per id.
_SQLITE_AMONG = (
    "FROM search_fts CROSS JOIN search_searchentry ON search_searchentry.id = search_fts.rowid "
    "WHERE search_fts MATCH %s AND +search_fts.rowid IN (SELECT search_searchentry.id FROM search_searchentry WHERE {where})"
)
_SQLITE_FILTERED = "SELECT COUNT(*) FROM (SELECT 1 FROM search_searchentry WHERE {where} LIMIT %s)"
_SQLITE_BY_RANK = "search_fts.rank, search_searchentry.date DESC, search_searchentry.id DESC"
_SQLITE_BY_DATE = "search_searchentry.date DESC, search_searchentry.id DESC"
# Up to this many entries left by the filters, the second plan is used.
FEW = 20_000
_PG_MATCH = "search_searchentry.tsv @@ to_tsquery('simple'::regconfig, %s)"
_PG_SCORE = "-ts_rank(search_searchentry.tsv, to_tsquery('simple'::regconfig, %s), 1)"


def _backend(entries: QuerySet[Any]) -> str:
    backend = vendor(entries.db)
    if backend not in ("sqlite", "postgresql"):
        raise ImproperlyConfigured(_("全文檢索只支援 SQLite 與 PostgreSQL，不支援此資料庫（%(backend)s）。") % {"backend": backend})
    return backend


def _sqlite_plan(entries: QuerySet[Any]) -> tuple[str, str, list[Any]]:
    """Which plan ("join" or "among"), and the filters' WHERE clause and parameters."""
    where, params = _sqlite_where(entries)
    if where == "1":
        return "join", where, params
    with connections[entries.db].cursor() as cursor:
        cursor.execute(_SQLITE_FILTERED.format(where=where), [*params, FEW + 1])
        left = int(cursor.fetchone()[0])
    return ("among" if left <= FEW else "join"), where, params


def ranked(entries: QuerySet[Any], query: Query, *, by_date: bool, offset: int, limit: int) -> tuple[list[tuple[int, float]], int | None]:
    """(entry id, score) of the matches in ``[offset, offset + limit)``, by relevance (or date), then newest;
    and how many match in all, counted in the same pass (None when the range is past the end)."""
    if _backend(entries) == "postgresql":
        ordering = ("-date", "-id") if by_date else ("score", "-date", "-id")
        rows = (
            match(entries, query)
            .annotate(total=Window(Count("*")))
            .order_by(*ordering)
            .values_list("id", "score", "total")[offset : offset + limit]
        )
        found = list(rows)
    else:
        plan, where, params = _sqlite_plan(entries)
        sql = (
            "SELECT search_searchentry.id, search_fts.rank, COUNT(*) OVER () "
            + (_SQLITE_AMONG if plan == "among" else _SQLITE_JOIN).format(where=where)
            + " ORDER BY "
            + (_SQLITE_BY_DATE if by_date else _SQLITE_BY_RANK)
            + " LIMIT %s OFFSET %s"
        )
        with connections[entries.db].cursor() as cursor:
            cursor.execute(sql, [fts5_query(query), *params, limit, offset])
            found = cursor.fetchall()
    total = int(found[0][2]) if found else (0 if offset == 0 else None)
    return [(int(pk), float(score)) for pk, score, _ in found], total


def tidy(connection: Any) -> None:
    """After a bulk load has committed: give the planner fresh statistics, and SQLite its WAL file back."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("ANALYZE search_searchentry")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        elif connection.vendor == "postgresql":
            cursor.execute("ANALYZE search_searchentry")


def match(entries: QuerySet[Any], query: Query) -> QuerySet[Any]:
    """PostgreSQL: the entries matching ``query``, annotated with ``score`` (lower is more relevant)."""
    q = tsquery(query)
    hit = RawSQL(_PG_MATCH, [q], output_field=BooleanField())  # noqa: S611  (constant SQL, the query bound)
    score = RawSQL(_PG_SCORE, [q], output_field=FloatField())  # noqa: S611
    matched: QuerySet[Any] = entries.filter(hit).annotate(score=score)
    return matched
