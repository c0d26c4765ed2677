"""Status report benchmark: a session's 會議結論事項執行情形 with 500 and with 5,000 open cases.

    .venv/bin/python bench/status_report.py                 # 500 and 5,000 cases, print the figures
    .venv/bin/python bench/status_report.py --sizes 200 2000 --repeat 1
    .venv/bin/python bench/status_report.py --write         # and put them into bench/README.md
    .venv/bin/python bench/status_report.py --sizes 500 --weasyprint   # and the PDF through WeasyPrint

In a fresh SQLite database (a temporary LIEGUAN_DATA_DIR, migrated here), the
script generates one meeting series per size: an earlier session that opened
the cases, and the session whose status report is measured. Every case has a
lead agency, one in three a co-organiser too; four in five parts have a report
for the session and every part one from the cycle before. Then it times, each
from the database up (a fresh meeting object, nothing cached):

- page: ``render_table_html(as_table(build(meeting)))``, what the status report page shows;
- request: ``fingerprint(report_table(build(meeting)), "pdf")``, what a request for a download does
  before it serves the file already built or queues its build (``tracking.tasks.request_file``);
- DOCX and PDF: ``render_table(as_table(build(meeting)), fmt)``, the downloads, built by the background
  worker (the PDF typeset by Typst); with ``--weasyprint``, also the same table as PDF through
  WeasyPrint (the HTML and stylesheet the PDF was made from before), for the comparison;

and prints the best of ``--repeat`` runs, the 5,000 / 500 ratio and the time
per case, with the number of queries ``build`` made for each size.

Fixture rows are inserted with bulk_create: thousands of cases through the
actions would measure the audit trail, not the report.
It is a script, not a test: CI never runs it. Figures: bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import logging
import os
import platform
import secrets
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

README = ROOT / "bench" / "README.md"
START, END = "<!-- status-report:start -->", "<!-- status-report:end -->"
AGENCIES = 24
PHRASES = [
    "已完成需求訪談並彙整各機關意見",
    "委託服務案已決標，預計下月啟動",
    "與相關機關召開協調會議，就分工達成共識",
    "第一階段工程已完工，刻正辦理驗收",
    "持續追蹤辦理進度，並按月陳報",
    "已函請各區公所配合辦理，目前彙整回復中",
]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def setup_django(data_dir: str) -> None:
    os.environ["LIEGUAN_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)  # the embedded SQLite, fresh in the temporary directory
    os.environ["DJANGO_SETTINGS_MODULE"] = "lieguan.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    # WeasyPrint reports every page it lays out; the figures are what this script prints.
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)


def generate(size: int, series_code: str, agencies: list[Any], user: Any) -> Any:
    """A series with two sessions; ``size`` cases opened at the first and open at the second. Returns the second."""
    from django.utils import timezone

    from lieguan.core.actors import SystemActor
    from lieguan.meetings import actions as m
    from lieguan.tracking.models import Assignment, ProgressReport, TrackedCase

    actor = SystemActor("bench")
    root = agencies[0].parent
    series = m.do_create_series(actor, owner=root, code=series_code, name=f"主任秘書會報{size}", case_number_pattern="{session}-{seq}")
    first = m.do_schedule_meeting(actor, series, start=timezone.make_aware(dt.datetime(2026, 3, 5, 10)), number=100)
    session = m.do_schedule_meeting(actor, series, start=timezone.make_aware(dt.datetime(2026, 4, 9, 10)), number=101)
    opened = dt.date(2026, 3, 5)
    cases = TrackedCase.objects.bulk_create(
        [
            TrackedCase(
                number=f"100-{n}",
                series=series,
                meeting=first,
                owner=root,
                level="city",
                title=f"第 {n} 案：{PHRASES[n % len(PHRASES)][:12]}",
                text=f"請{agencies[n % AGENCIES].name}就第 {n} 案研提具體辦理方案，並於 115 年 4 月底前提報本會報。",
                deadline=opened + dt.timedelta(days=10 + n % 60),
                opened_on=opened,
            )
            for n in range(1, size + 1)
        ],
        batch_size=1000,
    )
    parts = [Assignment(case=c, organisation=agencies[n % AGENCIES], role="lead") for n, c in enumerate(cases)]
    parts += [Assignment(case=c, organisation=agencies[(n + 7) % AGENCIES], role="co") for n, c in enumerate(cases) if n % 3 == 0]
    parts = Assignment.objects.bulk_create(parts, batch_size=1000)
    earlier = timezone.make_aware(dt.datetime(2026, 3, 1, 9))
    reports = []
    for n, part in enumerate(parts):
        reports.append(
            ProgressReport(
                assignment=part,
                cycle=f"meeting:{first.pk}",
                cycle_meeting=first,
                text=PHRASES[n % len(PHRASES)] + "。",
                proposal="continue",
                submitted_by=user,
                submitted_at=earlier,
            )
        )
        if n % 5:
            reports.append(
                ProgressReport(
                    assignment=part,
                    cycle=f"meeting:{session.pk}",
                    cycle_meeting=session,
                    text=f"{PHRASES[(n + 1) % len(PHRASES)]}；{PHRASES[(n + 3) % len(PHRASES)]}，預計本季完成。",
                    proposal="release" if n % 4 == 0 else "continue",
                    submitted_by=user,
                    submitted_at=session.start - dt.timedelta(days=3),
                )
            )
    ProgressReport.objects.bulk_create(reports, batch_size=1000)
    return session


def city() -> tuple[list[Any], Any]:
    from lieguan.core.actors import SystemActor
    from lieguan.organisations import actions as o

    actor = SystemActor("bench")
    root = o.do_create_organisation(actor, code="city", name="臨海市政府", short_name="市府", kind="city")
    names = [
        "資訊",
        "教育",
        "財政",
        "主計",
        "法務",
        "都發",
        "交通",
        "衛生",
        "文化",
        "觀傳",
        "人事",
        "工務",
        "環保",
        "社會",
        "勞動",
        "警察",
        "消防",
        "地政",
        "民政",
        "產業",
        "客家",
        "原民",
        "體育",
        "兵役",
    ]
    agencies = [
        o.do_create_organisation(
            actor, code=f"a{n}", name=f"臨海市政府{name}局", short_name=f"{name}局", kind="agency", parent=root, sort_order=n
        )
        for n, name in enumerate(names[:AGENCIES])
    ]
    person = o.do_create_person(actor, name="白芷寧", title="專員", organisation=agencies[0])
    # Only the author of the generated reports; nobody signs in to the benchmark's throwaway database.
    user = o.do_create_user(actor, username="liaison", password=secrets.token_urlsafe(16) + "-Aa1", person=person)
    return agencies, user


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        began = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - began)
    return best, result


def weasyprint_pdf(doc: Any) -> bytes:
    """The table as PDF the way it was made before Typst: its standalone HTML through WeasyPrint."""
    from weasyprint import HTML

    from lieguan.minutes.tables import render_table_html

    pdf: bytes = HTML(string=render_table_html(doc, standalone=True)).write_pdf()
    return pdf


def measure(session_id: int, repeat: int, weasyprint: bool = False) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from pypdf import PdfReader

    from lieguan.meetings.models import Meeting
    from lieguan.minutes.tables import render_table, render_table_html
    from lieguan.tracking.status_report import as_table, build, fingerprint, report_table

    def fresh() -> Meeting:
        return Meeting.objects.get(pk=session_id)

    with CaptureQueriesContext(connection) as captured:
        data = build(fresh())
    out: dict[str, Any] = {"cases": len(data.lines), "queries": len(captured.captured_queries)}
    out["build"], _ = timed(lambda: build(fresh()), repeat)
    out["page"], html = timed(lambda: render_table_html(as_table(build(fresh()))), repeat)
    out["html_kb"] = len(html.encode()) / 1024
    out["request"], _ = timed(lambda: fingerprint(report_table(build(fresh())), "pdf"), repeat)
    out["docx"], docx = timed(lambda: render_table(as_table(build(fresh())), "docx"), repeat)
    out["docx_kb"] = len(docx) / 1024
    out["pdf"], pdf = timed(lambda: render_table(as_table(build(fresh())), "pdf"), max(1, repeat if len(data.lines) <= 1000 else 1))
    out["pdf_kb"] = len(pdf) / 1024
    out["pdf_pages"] = len(PdfReader(io.BytesIO(pdf)).pages)
    if weasyprint:
        out["weasy"], old = timed(lambda: weasyprint_pdf(as_table(build(fresh()))), 1)
        out["weasy_pages"] = len(PdfReader(io.BytesIO(old)).pages)
    return out


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        memory = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
        gib = int(memory.split()[1]) / 1024 / 1024
        mem = f", {gib:.0f} GiB RAM"
    except (OSError, StopIteration):
        mem = ""
    return (
        f"{cpu}, {os.cpu_count()} CPUs{mem}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
    )


def load() -> str:
    try:
        return " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def busy(load_text: str) -> bool:
    try:
        return float(load_text.split(" / ")[0]) > (os.cpu_count() or 1) / 2
    except ValueError:
        return False


def report(results: list[dict[str, Any]], load_before: str, load_after: str) -> str:
    small, large = results[0], results[-1]
    ratio_of = large["cases"] / small["cases"]
    lines = [
        "## Status report",
        "",
        START,
        f"`bench/status_report.py`, {time.strftime('%Y-%m-%d')}, on {machine()}.",
        "Fresh SQLite database, one series per size; times from the database up, best of the runs (PDF of the largest size: one run).",
        f"Load average (1/5/15 min) before: {load_before}, after: {load_after}"
        + (" — the machine was busy with other jobs, so absolute times are pessimistic." if busy(load_before) else "."),
        "",
        "| open cases | queries in build() | build() | page (HTML) | download request | DOCX | PDF (Typst) | PDF pages |"
        + (" PDF (WeasyPrint) |" if "weasy" in small else ""),
        "|---:|---:|---:|---:|---:|---:|---:|---:|" + ("---:|" if "weasy" in small else ""),
    ]
    for r in results:
        lines.append(
            f"| {r['cases']:,} | {r['queries']} | {r['build']:.2f} s | {r['page']:.2f} s ({r['html_kb']:.0f} KiB) | {r['request']:.2f} s "
            f"| {r['docx']:.2f} s ({r['docx_kb']:.0f} KiB) | {r['pdf']:.2f} s ({r['pdf_kb']:.0f} KiB) | {r['pdf_pages']} |"
            + (f" {r['weasy']:.1f} s ({r['weasy_pages']} pages) |" if "weasy" in r else "")
        )
    lines += [
        "",
        f"Ratio {large['cases']:,} / {small['cases']:,} cases (×{ratio_of:.0f} the cases):",
        "",
        "| | build() | page | DOCX | PDF |",
        "|---|---:|---:|---:|---:|",
        "| ratio | " + " | ".join(f"×{large[k] / small[k]:.1f}" for k in ("build", "page", "docx", "pdf")) + " |",
    ]
    for r in results:
        lines.append(
            f"| per case, {r['cases']:,} | "
            + " | ".join(f"{1000 * r[k] / r['cases']:.2f} ms" for k in ("build", "page", "docx", "pdf"))
            + " |"
        )
    lines.append(END)
    return "\n".join(lines)


def write_readme(section: str) -> None:
    text = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n\nFigures printed by the scripts in this directory.\n"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        _, tail = rest.split(END, 1)
        # The heading and anything before the start marker stay; only the figures are replaced.
        head = head.rstrip().removesuffix("## Status report").rstrip()
        text = f"{head}\n\n{section}{tail}"
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    README.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000], help="open cases per session (default 500 5000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best counts (default 3)")
    parser.add_argument("--write", action="store_true", help="write the figures into bench/README.md")
    parser.add_argument("--weasyprint", action="store_true", help="also time the PDF through WeasyPrint (slow: minutes at 5,000)")
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="lieguan-bench-status-")
    try:
        setup_django(data_dir)
        agencies, user = city()
        sessions = []
        for size in args.sizes:
            began = time.perf_counter()
            sessions.append(generate(size, f"bench{size}", agencies, user))
            log(f"{size} cases generated in {time.perf_counter() - began:.1f} s")
        load_before = load()
        results = []
        for size, session in zip(args.sizes, sessions, strict=True):
            results.append(measure(session.pk, args.repeat, args.weasyprint))
            r = results[-1]
            log(f"{size}: build {r['build']:.2f} s, page {r['page']:.2f} s, DOCX {r['docx']:.2f} s, PDF {r['pdf']:.2f} s")
        section = report(results, load_before, load())
        print(section)
        if args.write:
            write_readme(section)
            log(f"written to {README.relative_to(ROOT)}")
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
