"""Reindexing a running site: how long a search and an edit wait while the whole index is rebuilt (issue 16).

    .venv/bin/python bench/reindex.py --n 100000                 # SQLite and PostgreSQL
    .venv/bin/python bench/reindex.py --n 20000 --backends sqlite

For each database the script generates ``--n`` conclusions (bench/search.py's generator), fills the index
once, then rebuilds it twice while a second connection, in a thread, keeps doing what the site does — a search
for a two-character word (count and first page) and an edit's reindexing of one meeting (``index_meeting``),
one after the other, as fast as they come back:

- ``refresh_index`` (`lieguan search reindex`): chunk by chunk, each in a short transaction of its own;
- ``reindex_all`` (`lieguan search reindex --full`): one transaction, full-text structures dropped and rebuilt.

It prints, for each, how long the rebuild took and how long the site's search and edit waited at the worst
(and at p95), with the errors it got (SQLite's "database is locked" after its busy timeout). It is a script,
not a test: CI never runs it. Figures: bench/README.md, "Reindexing a running site".
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from bench.search import _pg, _with_database, generate, log  # noqa: E402

WORD = "資訊"


def _site(stop: threading.Event, samples: dict[str, list[float]], errors: list[str], meeting_ids: list[int]) -> None:
    """What the site keeps doing during a rebuild, on a connection of its own (this thread's)."""
    from django.db import connection

    from lieguan.core.actors import SystemActor
    from lieguan.search.indexer import index_meeting
    from lieguan.search.query import Criteria, search

    admin = SystemActor("bench")
    rng = random.Random(7)
    try:
        while not stop.is_set():
            for name, work in (
                ("search", lambda: (search(admin, Criteria(q=WORD)).count(), list(search(admin, Criteria(q=WORD))[:20]))),
                ("edit", lambda: index_meeting(rng.choice(meeting_ids))),
            ):
                began = time.perf_counter()
                try:
                    work()
                except Exception as error:  # what a request would have answered with
                    errors.append(f"{name}: {type(error).__name__}: {str(error)[:80]}")
                samples[name].append(time.perf_counter() - began)
            time.sleep(0.05)
    finally:
        connection.close()


def _during(rebuild: Any, meeting_ids: list[int]) -> dict[str, Any]:
    stop = threading.Event()
    samples: dict[str, list[float]] = {"search": [], "edit": []}
    errors: list[str] = []
    site = threading.Thread(target=_site, args=(stop, samples, errors, meeting_ids), daemon=True)
    site.start()
    time.sleep(1)  # the site's first answers, before the rebuild starts
    began = time.perf_counter()
    failed = ""
    try:
        rebuild()
    except Exception as error:  # the rebuild itself can fail against the site's work (PostgreSQL: a deadlock)
        failed = f"{type(error).__name__}: {str(error).splitlines()[0][:120]}"
    took = time.perf_counter() - began
    stop.set()
    site.join()
    out: dict[str, Any] = {"seconds": took, "failed": failed, "errors": len(errors), "first_errors": errors[:3]}
    for name, values in samples.items():
        ordered = sorted(values)
        out[name] = {
            "n": len(values),
            "max_ms": ordered[-1] * 1000 if ordered else 0.0,
            "p95_ms": ordered[int(len(ordered) * 0.95) - 1] * 1000 if ordered else 0.0,
        }
    return out


def child(args: argparse.Namespace) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lieguan.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from lieguan.meetings.models import Meeting
    from lieguan.search.indexer import refresh_index, reindex_all

    call_command("migrate", verbosity=0, skip_checks=True)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")
    log(f"{connection.vendor}: generating {args.n:,} conclusions")
    generate(args.n, args.seed)
    reindex_all()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    meeting_ids = list(Meeting.objects.values_list("pk", flat=True))
    result: dict[str, Any] = {"backend": connection.vendor, "n": args.n}
    log(f"{connection.vendor}: refresh_index while the site searches and edits")
    result["refresh"] = _during(lambda: refresh_index(), meeting_ids)
    log(f"{connection.vendor}: reindex_all (--full) while the site searches and edits")
    result["full"] = _during(lambda: reindex_all(), meeting_ids)
    print("RESULT " + json.dumps(result, ensure_ascii=False), flush=True)


def run_backend(backend: str, args: argparse.Namespace) -> dict[str, Any]:
    data_dir = Path(tempfile.mkdtemp(prefix="lieguan-reindex-"))
    env = {**os.environ, "LIEGUAN_DATA_DIR": str(data_dir), "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}"}
    if backend == "postgres":
        _pg(args.pg_url, "DROP DATABASE IF EXISTS {}", args.pg_database)
        _pg(args.pg_url, "CREATE DATABASE {}", args.pg_database)
        env["DATABASE_URL"] = _with_database(args.pg_url, args.pg_database)
    else:
        env["DATABASE_URL"] = f"sqlite:///{data_dir / 'bench.sqlite3'}"
    try:
        command = [sys.executable, __file__, "--child", "--n", str(args.n), "--seed", str(args.seed)]
        done = subprocess.run(command, env=env, stdout=subprocess.PIPE, text=True, check=True)
        line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
        return json.loads(line[len("RESULT ") :])
    finally:
        if backend == "postgres":
            _pg(args.pg_url, "DROP DATABASE IF EXISTS {}", args.pg_database)
        shutil.rmtree(data_dir, ignore_errors=True)


def table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| database | conclusions | rebuild | took | search waited: max / p95 ms | edit waited: max / p95 ms | site's errors |",
        "|---|---:|---|---:|---:|---:|---:|",
    ]
    for r in results:
        for mode, label in (("refresh", "`reindex` (refresh_index)"), ("full", "`reindex --full` (reindex_all)")):
            m = r[mode]
            lines.append(
                f"| {r['backend']} | {r['n']:,} | {label} | {m['seconds']:.1f} s "
                f"| {m['search']['max_ms']:,.0f} / {m['search']['p95_ms']:,.0f} | {m['edit']['max_ms']:,.0f} / {m['edit']['p95_ms']:,.0f} "
                f"| {m['errors']}{'; the rebuild failed: ' + m['failed'] if m['failed'] else ''} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000, help="conclusions to generate (default 100,000)")
    parser.add_argument("--backends", default="sqlite,postgres", help="sqlite, postgres or both (default)")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/test"))
    parser.add_argument("--pg-database", default="lieguan_bench_reindex")
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    results = [run_backend(b.strip(), args) for b in args.backends.split(",") if b.strip()]
    print(table(results))
    print()
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
