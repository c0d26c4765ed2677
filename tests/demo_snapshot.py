"""The demo city for tests, loaded once per test process and copied back in for each test that asks.

Loading the demo runs hundreds of actions (each audited, indexed and
committed), a few seconds every time; many tests start from it. The first
test loads it and keeps a copy of every table's rows; later tests get the rows
inserted back in a fraction of a second. The copy is taken only of tables the
models own, so database-generated parts (PostgreSQL's tsvector column, the
triggers that keep SQLite's FTS table in step) are rebuilt by the database
itself as the rows go in.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core import mail
from django.core.management.color import no_style
from django.db import connection, transaction


@dataclass
class _Table:
    name: str
    columns: list[str]
    rows: list[tuple[Any, ...]]


_snapshot: list[_Table] | None = None
_report: Any = None


# Rebuilt by Django itself after every flush (post_migrate), with the same ids; the default escalation
# rules are put in the same way (tracking.reminders.ensure_default_rules).
_REGENERATED = {"contenttypes.contenttype", "auth.permission", "tracking.escalationrule"}


def _models() -> list[Any]:
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy and m._meta.label_lower not in _REGENERATED
    ]


def _take() -> list[_Table]:
    qn = connection.ops.quote_name
    tables = []
    with connection.cursor() as cursor:
        for model in _models():
            columns = [f.column for f in model._meta.concrete_fields]
            cursor.execute(f"SELECT {', '.join(qn(c) for c in columns)} FROM {qn(model._meta.db_table)}")  # noqa: S608 — table and column names come from the models, quoted
            tables.append(_Table(model._meta.db_table, columns, cursor.fetchall()))
    return tables


def _put(tables: list[_Table]) -> None:
    qn = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {qn(table.name)}")  # noqa: S608 — table and column names come from the models, quoted
            if cursor.fetchone()[0]:
                raise RuntimeError(f"the demo city can only be copied into an empty database ({table.name} has rows)")
        for table in tables:
            if table.rows:
                placeholders = ", ".join(["%s"] * len(table.columns))
                sql = f"INSERT INTO {qn(table.name)} ({', '.join(qn(c) for c in table.columns)}) VALUES ({placeholders})"  # noqa: S608 — table and column names come from the models, quoted
                cursor.executemany(sql, table.rows)
        for sql in connection.ops.sequence_reset_sql(no_style(), _models()):
            cursor.execute(sql)


def load_demo_for_test() -> Any:
    """The demo city in the test database, as `lieguan demo` would leave it, with its search index built."""
    # SQLite calls back into Python (Django's date functions) for many of the rows written here. Were the
    # garbage collector to free, inside such a call, an unclosed connection to the same in-memory database
    # that another thread left behind (the browser tests' live server), closing it would wait for the lock
    # the running statement holds, and the test process would hang for good (seen in tests/browser). So
    # the garbage goes first, and none is collected meanwhile.
    gc.collect()
    gc.disable()
    try:
        return _load()
    finally:
        gc.enable()


def _load() -> Any:
    global _snapshot, _report
    if _snapshot is None:
        from lieguan.demo import load_demo
        from lieguan.search.indexer import reindex_all

        _report = load_demo()
        # Inside a test's transaction no commit hook runs, so the index is built here, the same in every test.
        reindex_all()
        _snapshot = _take()
        # Loading sends the demo's own mail (publication notices, assignments). A test that happens to load the
        # demo first must see the same empty outbox as every test that gets the copy.
        mail.outbox.clear()
        return _report
    _put(_snapshot)
    return _report
