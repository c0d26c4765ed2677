"""Search benchmark: index build time and size, query latency, and the ratio to a naive LIKE scan.

    .venv/bin/python bench/search.py                  # 1,000,000 conclusions, SQLite and PostgreSQL
    .venv/bin/python bench/search.py --n 20000        # a quick run
    .venv/bin/python bench/search.py --backends sqlite

For each database the script generates ``--n`` conclusions of invented Chinese
text (bench/search_corpus.py) in meetings of 30 series, builds the index with
``reindex_all`` (as `lieguan search reindex` does), measures its size, and then
times what the search page does for one query — count the matches and fetch
the first page of 20, by relevance, as an administrator (who may see
everything) — for 1-, 2-, 3- and 4-character words, Latin words, quoted
phrases and filtered queries (a series and a three-year date range), against
the same question asked with LIKE '%…%' over the same entries (count, and the
newest 20). SQLite runs in a temporary directory; PostgreSQL in a
database that the script creates and drops (``--pg-database``, default
``lieguan_bench``).

It is a script, not a test: CI never runs it. Figures: bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from bench import search_corpus as corpus  # noqa: E402

PER_ITEM = 10
ITEMS = 4
PER_MEETING = ITEMS * PER_ITEM + 10  # four items of ten conclusions, and ten general conclusions
PAGE = 20


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# The child: one database -------------------------------------------------------------------------------


def generate(n: int, seed: int) -> dict[str, Any]:
    """Organisations, series, meetings, items and ``n`` conclusions, inserted in bulk.

    Bulk inserts bypass the actions on purpose: a million conclusions through
    do_add_conclusion would take hours and test the audit trail, not search.
    """
    import datetime as dt

    from django.utils import timezone

    from lieguan.meetings.models import AgendaItem, AgendaSection, Conclusion, Meeting, MeetingSeries
    from lieguan.organisations.models import Organisation

    rng = random.Random(seed)
    root = Organisation.objects.create(code="bench-city", name="臨海市政府", short_name="市府", kind="city")
    agencies = [
        Organisation.objects.create(code=f"bench-{i}", name=f"臨海市政府{name}", short_name=name, kind="agency", parent=root, sort_order=i)
        for i, name in enumerate(corpus.AGENCIES)
    ]
    series = [
        MeetingSeries.objects.create(owner=root, name="市政會議", code="bench-council", level="city"),
        MeetingSeries.objects.create(owner=root, name="主任秘書會報", code="bench-chiefs", level="city"),
    ]
    series += [
        MeetingSeries.objects.create(owner=a, name="局務會議" if a.short_name.endswith("局") else "處務會議", code=f"bench-s{a.pk}")
        for a in agencies[:28]
    ]
    meetings_total = max(1, n // PER_MEETING)
    numbers = dict.fromkeys((s.pk for s in series), 0)
    first_day = dt.date(2011, 1, 1)
    span = (dt.date(2025, 12, 31) - first_day).days
    made = 0
    labels = "一二三四五六七八九十"
    started = time.monotonic()
    for chunk_start in range(0, meetings_total, 400):
        meetings = []
        for _ in range(chunk_start, min(meetings_total, chunk_start + 400)):
            s = rng.choice(series)
            numbers[s.pk] += 1
            day = first_day + dt.timedelta(days=rng.randrange(span))
            start = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
            state = "draft" if rng.random() < 0.05 else "published"
            meetings.append(Meeting(series=s, number=numbers[s.pk], start=start, minutes_state=state, location="市政大樓"))
        meetings = Meeting.objects.bulk_create(meetings, batch_size=2000)
        sections = []
        for m in meetings:
            sections.append(AgendaSection(meeting=m, position=1, label="壹", kind="reports", heading="報告事項"))
            sections.append(AgendaSection(meeting=m, position=2, label="貳", kind="general_conclusions", heading="綜合會議結論"))
        sections = AgendaSection.objects.bulk_create(sections, batch_size=2000)
        items = [
            AgendaItem(
                section=sec,
                position=k + 1,
                label=labels[k],
                title=corpus.item_title(rng),
                presenter=rng.choice(agencies),
                presenter_text="",
            )
            for sec in sections[0::2]
            for k in range(ITEMS)
        ]
        items = AgendaItem.objects.bulk_create(items, batch_size=2000)
        conclusions = [
            Conclusion(item=item, position=k + 1, label=labels[k], text=corpus.conclusion(rng)) for item in items for k in range(PER_ITEM)
        ]
        conclusions += [
            Conclusion(section=sec, position=k + 1, label=labels[k], text=corpus.conclusion(rng))
            for sec in sections[1::2]
            for k in range(PER_MEETING - ITEMS * PER_ITEM)
        ]
        Conclusion.objects.bulk_create(conclusions, batch_size=5000)
        made += len(conclusions)
        if chunk_start % 4000 == 0:
            log(f"generated {made:,} conclusions")
    return {"conclusions": made, "meetings": meetings_total, "series": len(series), "seconds": time.monotonic() - started}


def sizes() -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name")
            by_name = dict(cursor.fetchall())

            def total(*prefixes: str) -> int:
                return sum(v for k, v in by_name.items() if k.startswith(prefixes))

            fts = total("search_fts")
            other = total("search_searchterm", "search_searchentryagency", "sqlite_autoindex_search_searchterm")
            entries = total("search_searchentry", "search_entry", "sqlite_autoindex_search_searchentry_") - total(
                "search_searchentryagency"
            )
            source = total("meetings_conclusion")
            return {"fulltext": fts, "entries": entries, "other": other, "total": fts + entries + other, "source": source}
        cursor.execute(
            "SELECT pg_relation_size('search_entry_tsv'), pg_total_relation_size('search_searchentry'), "
            "pg_total_relation_size('search_searchentryagency') + pg_total_relation_size('search_searchterm'), "
            "pg_total_relation_size('meetings_conclusion')"
        )
        gin, entries, other, source = cursor.fetchone()
        return {"fulltext": gin, "entries": entries - gin, "other": other, "total": entries + other, "source": source}


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50": statistics.median(ordered) * 1000, "p95": p95 * 1000, "n": len(ordered)}


def run_queries(rounds: int, seed: int) -> dict[str, Any]:
    import datetime as dt

    from lieguan.core.actors import SystemActor
    from lieguan.meetings.models import Conclusion, MeetingSeries
    from lieguan.search.models import SearchEntry
    from lieguan.search.query import Criteria, search
    from lieguan.search.related import related_conclusions

    admin = SystemActor("bench")
    rng = random.Random(seed)
    series_ids = list(MeetingSeries.objects.values_list("pk", flat=True))

    def fts(q: str, filters: dict[str, Any]) -> int:
        results = search(admin, Criteria(q=q, **filters))
        total = results.count()
        results[:PAGE]
        return total

    def like(q: str, filters: dict[str, Any]) -> int:
        needle = q.strip('"').replace(" ", "") if q.startswith('"') else q
        lookup = "text__icontains" if needle.isascii() else "text__contains"
        qs = SearchEntry.objects.filter(**{lookup: needle})
        if filters:
            qs = qs.filter(series_id=filters["series_id"], date__range=(filters["date_from"], filters["date_to"]))
        total = qs.count()
        list(qs.order_by("-date", "-id")[:PAGE])
        return total

    def filtered() -> dict[str, Any]:
        year = rng.randint(2011, 2023)
        return {"series_id": rng.choice(series_ids), "date_from": dt.date(year, 1, 1), "date_to": dt.date(year + 2, 12, 31)}

    categories = {
        "1 字": [(w, {}) for w in corpus.ONE],
        "2 字": [(w, {}) for w in corpus.TWO],
        "3 字": [(w, {}) for w in corpus.THREE],
        "4 字": [(w, {}) for w in corpus.FOUR],
        "英文詞": [(w, {}) for w in corpus.LATIN],
        "詞組": [(w, {}) for w in corpus.PHRASES],
        "2 字＋篩選": [(w, filtered()) for w in corpus.TWO],
    }
    for q, f in categories["2 字"][:3]:
        fts(q, f)
    out: dict[str, Any] = {}
    for name, queries in categories.items():
        samples, like_samples, matches = [], [], []
        for _ in range(rounds):
            for q, f in queries:
                began = time.perf_counter()
                matches.append(fts(q, f))
                samples.append(time.perf_counter() - began)
        for q, f in queries:
            began = time.perf_counter()
            like(q, f)
            like_samples.append(time.perf_counter() - began)
        out[name] = {"fts": _percentiles(samples), "like": _percentiles(like_samples), "matches_median": statistics.median(matches)}
        log(f"{name}: search p50 {out[name]['fts']['p50']:.1f} ms, LIKE p50 {out[name]['like']['p50']:.1f} ms")
    ids = list(Conclusion.objects.order_by("?").values_list("pk", flat=True)[:20])
    related = []
    for pk in ids:
        began = time.perf_counter()
        related_conclusions(admin, Conclusion.objects.get(pk=pk))
        related.append(time.perf_counter() - began)
    out["相關決議"] = {"fts": _percentiles(related)}
    return out


def child(args: argparse.Namespace) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lieguan.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    # Import every page's code now: a run takes an hour on the full data, and the tree may change meanwhile.
    from django.urls import get_resolver

    from lieguan.search.indexer import reindex_all

    get_resolver().url_patterns  # noqa: B018
    call_command("migrate", verbosity=0, skip_checks=True)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")
    if connection.vendor == "sqlite":
        version = connection.Database.sqlite_version
    else:
        number = connection.cursor().connection.info.server_version
        version = f"{number // 10000}.{number % 10000}"
    result: dict[str, Any] = {"backend": connection.vendor, "version": version}
    log(f"{connection.vendor}: generating {args.n:,} conclusions")
    result["data"] = generate(args.n, args.seed)
    log(f"{connection.vendor}: building the index")
    report = reindex_all(log)
    result["build"] = {"seconds": report.seconds, "fulltext_seconds": report.fulltext_seconds, "entries": report.entries}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    result["size"] = sizes()
    result["queries"] = run_queries(args.rounds, args.seed)
    print("RESULT " + json.dumps(result, ensure_ascii=False), flush=True)


# The parent: one child per database, then the table -----------------------------------------------------


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _pg(url: str, statement: str, database: str) -> None:
    """Run ``statement`` (with ``{}`` for the database's name, quoted as an identifier) on the server."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL(statement).format(sql.Identifier(database)))


def run_backend(backend: str, args: argparse.Namespace) -> dict[str, Any]:
    data_dir = Path(tempfile.mkdtemp(prefix="lieguan-bench-"))
    env = {**os.environ, "LIEGUAN_DATA_DIR": str(data_dir), "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}"}
    bench_url = _with_database(args.pg_url, args.pg_database)
    if backend == "postgres":
        _pg(args.pg_url, "DROP DATABASE IF EXISTS {}", args.pg_database)
        _pg(args.pg_url, "CREATE DATABASE {}", args.pg_database)
        env["DATABASE_URL"] = bench_url
    else:
        env["DATABASE_URL"] = f"sqlite:///{data_dir / 'bench.sqlite3'}"
    try:
        command = [sys.executable, __file__, "--child", "--n", str(args.n), "--rounds", str(args.rounds), "--seed", str(args.seed)]
        done = subprocess.run(command, env=env, stdout=subprocess.PIPE, text=True, check=True)
        line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
        return json.loads(line[len("RESULT ") :])
    finally:
        if backend == "postgres" and not args.keep:
            _pg(args.pg_url, "DROP DATABASE IF EXISTS {}", args.pg_database)
        if not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:,.0f} MB"


def table(results: list[dict[str, Any]]) -> str:
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    head = "| | " + " | ".join(f"{names[r['backend']]} {r['version']}" for r in results) + " |"
    rows = [head, "|---|" + "---|" * len(results)]

    def row(label: str, cells: list[str]) -> None:
        rows.append(f"| {label} | " + " | ".join(cells) + " |")

    row("會議結論筆數", [f"{r['data']['conclusions']:,}（{r['data']['meetings']:,} 個會次）" for r in results])
    row("建立索引（reindex）", [f"{r['build']['seconds']:,.0f} 秒（全文索引 {r['build']['fulltext_seconds']:,.0f} 秒）" for r in results])
    row("索引大小（合計）", [_mb(r["size"]["total"]) for r in results])
    row("　全文索引（FTS5／GIN）", [_mb(r["size"]["fulltext"]) for r in results])
    row("　索引項目表（含 tokens）", [_mb(r["size"]["entries"]) for r in results])
    row("　機關與詞頻表", [_mb(r["size"]["other"]) for r in results])
    row("原始會議結論表", [_mb(r["size"]["source"]) for r in results])
    for name in results[0]["queries"]:
        cells = []
        for r in results:
            q = r["queries"][name]
            text = f"{q['fts']['p50']:,.1f}／{q['fts']['p95']:,.1f} ms"
            if "like" in q:
                ratio = q["like"]["p50"] / q["fts"]["p50"] if q["fts"]["p50"] else float("inf")
                like = f"LIKE {q['like']['p50']:,.0f}／{q['like']['p95']:,.0f} ms"
                text += f"（{like}，快 {ratio:,.1f} 倍；中位數 {q['matches_median']:,.0f} 筆）"
            cells.append(text)
        row(f"{name} p50／p95", cells)
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1_000_000, help="conclusions to generate (default 1,000,000)")
    parser.add_argument("--backends", default="sqlite,postgres", help="sqlite, postgres or both (default)")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/test"),
        help="a PostgreSQL server to create the benchmark's database on",
    )
    parser.add_argument(
        "--pg-database",
        default="lieguan_bench",
        help="the database the script creates and drops there (default lieguan_bench; name another on a shared server)",
    )
    parser.add_argument("--rounds", type=int, default=2, help="times each search query is run (LIKE runs once)")
    parser.add_argument("--seed", type=int, default=20261121)
    parser.add_argument("--keep", action="store_true", help="keep the generated databases")
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
