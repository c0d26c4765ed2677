"""Lieguan beside Redmine: the same data shape, the same cluster, the same load, alternating rounds.

    PEERS_ROOT=/tmp/peers .venv/bin/python bench/peers.py --cases 100000
    PEERS_ROOT=/tmp/peers .venv/bin/python bench/peers.py --cases 1000000 --rounds 3

What it does, in order:
1. Redmine: if nothing answers on 127.0.0.1:3300, runs ../shared/bench/peer_redmine_bench.sh with
   KEEP_RUNNING=1 (it installs Redmine, starts its private PostgreSQL 15 cluster on 127.0.0.1:55432, loads
   N issues and leaves puma running). Its bench_ids.env names the measured assignee and the API key.
2. Lieguan: loads the same shape into its own database on that cluster (``lieguan_peers_<N>``, made once by
   bench/bulk_cases.py: 50 agencies, 40% open, 2 progress reports per case, texts of 560 characters) and
   serves it as ``lieguan serve`` does (gunicorn gthread, 2 workers x 4 threads) on 127.0.0.1:8100.
3. For each round, for each endpoint and concurrency: wrk on Lieguan, then wrk on Redmine (Connection:
   close, a warm-up first). Medians over the rounds. Lieguan-only pages are measured against the minimal
   SQL that produces their rows (the same rows, straight from psycopg, p50 of the same number of runs).
4. Prints a Markdown table (req/s, p50, p95, ratio) and the RSS of every gunicorn worker after the load.

It is a script, not a test: CI never runs it. Figures and the command that made them: bench/README.md.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED_BENCH = REPO.parent / "shared" / "bench" / "peer_redmine_bench.sh"
PG = "postgres://postgres@127.0.0.1:55432"
REDMINE = "http://127.0.0.1:3300"
LIEGUAN_PORT = 8100
LIEGUAN = f"http://127.0.0.1:{LIEGUAN_PORT}"
PASSWORD = "Bench-Password-2026"  # noqa: S105 — bench/bulk_cases.py's throwaway users

# wrk prints one machine-readable line per run; written here, read by `measure`.
WRK_REPORT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) failed = 0 end
function response(status, headers, body) if status ~= 200 then failed = failed + 1 end end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("failed") end
  local e = summary.errors
  io.write(string.format("FIGURES %d %.3f %.1f %.1f %d %d\\n", summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, bad, e.connect + e.read + e.write + e.timeout))
end
"""


@dataclass
class Run:
    requests: int
    seconds: float
    p50: float
    p95: float
    failed: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


@dataclass
class Endpoint:
    key: str
    label: str
    lieguan: str
    lieguan_headers: list[str]
    redmine: str | None = None
    redmine_headers: list[str] = field(default_factory=list)
    runs: dict[tuple[str, int], list[Run]] = field(default_factory=dict)


def redmine_up() -> bool:
    try:
        with urllib.request.urlopen(f"{REDMINE}/login", timeout=3) as response:  # noqa: S310 — loopback
            return response.status == 200
    except OSError:
        return False


def start_redmine(cases: int) -> None:
    if redmine_up():
        return
    env = {**os.environ, "N_ISSUES": str(cases), "KEEP_RUNNING": "1", "DURATION": "1", "WARMUP": "1"}
    env |= {"ENDPOINTS": "api_list", "CONCURRENCY": "1", "CONN_MODES": "close", "MAX_SECONDS": "5400"}
    print(f"starting Redmine with {cases:,} issues (first time: install and load)…", file=sys.stderr)
    subprocess.run(["bash", str(SHARED_BENCH)], env=env, check=True, stdout=sys.stderr)
    if not redmine_up():
        sys.exit("Redmine did not stay up: is KEEP_RUNNING honoured by the peer script?")


def redmine_ids() -> dict[str, str]:
    root = Path(os.environ.get("PEERS_ROOT", Path(tempfile.gettempdir()) / "peers")) / "redmine-bench" / "app" / "bench_ids.env"
    ids = {}
    for line in root.read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            ids[key.strip().removeprefix("export ")] = value.strip().strip("'\"")
    return ids


def redmine_cookie() -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{REDMINE}/login").read().decode()
    token = re.search(r'name="authenticity_token" value="([^"]*)"', page)
    assert token, "Redmine's login form has no authenticity token"
    data = urllib.parse.urlencode({"authenticity_token": token.group(1), "username": "bench", "password": "benchpass123"})
    opener.open(f"{REDMINE}/login", data=data.encode())
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def lieguan_env(database: str) -> dict[str, str]:
    # Redmine has no rate limit; Lieguan's (600 a minute per token) would answer most of the load with 429.
    rate = {"LIEGUAN_API_RATE": "1000000/m"}
    return {**os.environ, "DATABASE_URL": f"{PG}/{database}", "LIEGUAN_DEBUG": "0", "PYTHONPATH": str(REPO / "src")} | rate


def ensure_lieguan_data(database: str, cases: int) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone():
            return
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    print(f"loading {cases:,} cases into {database}…", file=sys.stderr)
    subprocess.run(
        [sys.executable, str(HERE / "bulk_cases.py"), "load", "--cases", str(cases), "--reports", "2", "--text-chars", "560"],
        env=lieguan_env(database),
        check=True,
    )


PREPARE = """
import django, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lieguan.settings")
django.setup()
from django.contrib.auth import get_user_model
from lieguan.api.actions import do_create_token
from lieguan.organisations.models import Organisation
from lieguan.tracking.models import TrackedCase
officer = get_user_model().objects.get(username="officer")
agency = Organisation.objects.get(code="a07")
case = TrackedCase.objects.order_by("pk")[TrackedCase.objects.count() // 2]
print(agency.pk, case.pk, do_create_token(officer, name="peers", days=1)[1])
"""


def prepare_lieguan(database: str) -> tuple[int, int, str]:
    out = subprocess.run([sys.executable, "-c", PREPARE], env=lieguan_env(database), capture_output=True, text=True)
    if out.returncode:
        sys.exit(out.stderr)
    agency, case, token = out.stdout.split()
    return int(agency), int(case), token


def lieguan_cookie(username: str) -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{LIEGUAN}/accounts/login/")
    csrf = next(c.value for c in jar if c.name == "csrftoken")
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": csrf, "username": username, "password": PASSWORD})
    request = urllib.request.Request(  # noqa: S310 — loopback
        f"{LIEGUAN}/accounts/login/", data=data.encode(), headers={"Referer": f"{LIEGUAN}/"}
    )
    opener.open(request)
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    assert "sessionid=" in cookie, f"could not sign in as {username}"
    return cookie


def serve_lieguan(database: str) -> subprocess.Popen[bytes]:
    env = lieguan_env(database)
    # `lieguan setup` migrates (a no-op here) and collects the static files the pages name.
    subprocess.run([str(REPO / ".venv" / "bin" / "lieguan"), "setup", "-v", "0"], env=env, check=True, cwd=REPO)
    process = subprocess.Popen(
        [str(REPO / ".venv" / "bin" / "lieguan"), "serve", "--port", str(LIEGUAN_PORT), "--task-workers", "0"],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"{LIEGUAN}/accounts/login/", timeout=3):  # noqa: S310 — loopback
                return process
        except OSError:
            time.sleep(0.5)
    process.kill()
    sys.exit("lieguan serve did not come up on port 8100")


def wrk(url: str, headers: list[str], concurrency: int, seconds: int, script: str) -> Run:
    command = ["wrk", "-t1", f"-c{concurrency}", f"-d{seconds}s", "--timeout", "30s", "-H", "Connection: close"]
    for header in headers:
        command += ["-H", header]
    done = subprocess.run([*command, "-s", script, url], capture_output=True, text=True, timeout=seconds + 90)
    match = re.search(r"^FIGURES (\d+) ([\d.]+) ([\d.]+) ([\d.]+) (\d+) (\d+)", done.stdout, re.M)
    if not match:
        print(f"wrk gave no figures for {url}: {done.stdout[-300:]} {done.stderr[-300:]}", file=sys.stderr)
        return Run(0, 0.0, 0.0, 0.0, 0)
    n, secs, p50, p95, bad, errors = match.groups()
    return Run(int(n), float(secs), float(p50), float(p95), int(bad) + int(errors))


def check(url: str, headers: list[str]) -> None:
    request = urllib.request.Request(url, headers=dict(h.split(": ", 1) for h in headers))  # noqa: S310 — loopback
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 — loopback
        assert response.status == 200, (url, response.status)
        assert b"/accounts/login/" not in response.url.encode(), f"{url} asked to sign in"


# The least SQL that yields each page's rows: the floor a page is compared with (%(agency)s is the measured one).
AGENCY_PAGE = (
    "SELECT * FROM tracking_trackedcase WHERE status = 'open'"
    " AND id IN (SELECT case_id FROM tracking_assignment WHERE organisation_id = %(agency)s)"
    " ORDER BY number_session, number_prefix, number_item, id LIMIT 50"
)


def minimal_sql() -> dict[str, str]:
    return {
        "html_list": AGENCY_PAGE,
        "html_list_liaison": AGENCY_PAGE,
        # Open parts with no report for this month's cycle (the bench's series have no meeting ahead), in the page's order.
        "missing": "SELECT a.* FROM tracking_assignment a JOIN tracking_trackedcase c ON c.id = a.case_id"
        " WHERE a.status = 'open' AND c.status = 'open' AND NOT EXISTS (SELECT 1 FROM tracking_progressreport r"
        " WHERE r.assignment_id = a.id AND r.cycle = %(month)s)"
        " ORDER BY c.number_session, c.number_prefix, c.number_item, c.number, c.id, a.id LIMIT 50",
        "meetings": "SELECT * FROM meetings_meeting ORDER BY start DESC LIMIT 50",
        "agencies": "SELECT organisation_id, count(*) FILTER (WHERE status = 'open'), count(*) FROM tracking_assignment "
        "GROUP BY organisation_id",
    }


def time_sql(database: str, query: str, agency: int, runs: int) -> float:
    import psycopg

    times = []
    with psycopg.connect(f"{PG}/{database}") as conn:
        for _ in range(runs + 1):
            t0 = time.perf_counter()
            month = time.strftime("month:%Y-%m")
            conn.execute(query, {"agency": agency, "month": month}).fetchall()  # type: ignore[call-overload]
            times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times[1:])


def worker_rss(server: subprocess.Popen[bytes]) -> list[int]:
    """The resident memory (MB) of each web worker: ``lieguan serve`` runs gunicorn's master in its own process,
    and the workers are its children (no task workers here: ``--task-workers 0``)."""
    children = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
    sizes = []
    for pid in children:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        rss = re.search(r"^VmRSS:\s+(\d+)", status, re.M)
        if rss:
            sizes.append(int(rss.group(1)) // 1024)
    return sizes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=20, help="seconds measured per run (after --warmup)")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--only", default="", help="measure only the endpoints whose key contains this")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: the peer script installs it (apt-get install wrk)")

    start_redmine(args.cases)
    ids = redmine_ids()
    database = f"lieguan_peers_{args.cases}"
    ensure_lieguan_data(database, args.cases)
    agency, case, token = prepare_lieguan(database)
    server = serve_lieguan(database)
    try:
        officer = [f"Cookie: {lieguan_cookie('officer')}"]
        liaison = [f"Cookie: {lieguan_cookie('liaison')}"]
        api = [f"Authorization: Bearer {token}"]
        redmine_api = [f"X-Redmine-API-Key: {ids['API_KEY']}"]
        redmine_html = [f"Cookie: {redmine_cookie()}"]
        x = ids["AGENCY_X"]
        detail = args.cases // 2
        endpoints = [
            Endpoint(
                "html_list",
                "HTML case list, officer, open cases of one agency",
                f"{LIEGUAN}/cases/?agency={agency}&status=open",
                officer,
                f"{REDMINE}/issues?set_filter=1&status_id=open&assigned_to_id={x}&per_page=25",
                redmine_html,
            ),
            Endpoint("html_list_liaison", "HTML case list as that agency's liaison", f"{LIEGUAN}/cases/", liaison),
            Endpoint(
                "api_list",
                "open cases of one agency, JSON, 25 a page",
                f"{LIEGUAN}/api/v1/cases?organisation_id={agency}&status=open&limit=25",
                api,
                f"{REDMINE}/issues.json?limit=25&status_id=open&assigned_to_id={x}",
                redmine_api,
            ),
            Endpoint(
                "api_detail",
                "one case with its progress reports, JSON",
                f"{LIEGUAN}/api/v1/progress-reports?case_id={case}",
                api,
                f"{REDMINE}/issues/{detail}.json?include=journals",
                redmine_api,
            ),
            Endpoint(
                "api_all_open",
                "all open cases, JSON, 25 a page",
                f"{LIEGUAN}/api/v1/cases?status=open&limit=25",
                api,
                f"{REDMINE}/issues.json?limit=25&status_id=open",
                redmine_api,
            ),
            Endpoint("missing", "missing reports (本期未填報), officer", f"{LIEGUAN}/cases/missing-reports/", officer),
            Endpoint("meetings", "meetings list, officer", f"{LIEGUAN}/meetings/", officer),
            Endpoint("agencies", "agencies overview (各機關執行情形一覽表), officer", f"{LIEGUAN}/reports/agencies/", officer),
            Endpoint("search", "search results, a two-character word", f"{LIEGUAN}/search/?q={urllib.parse.quote('預算')}", officer),
        ]
        endpoints = [e for e in endpoints if args.only in e.key]
        for e in endpoints:
            check(e.lieguan, e.lieguan_headers)
            if e.redmine:
                check(e.redmine, e.redmine_headers)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
            f.write(WRK_REPORT)
            script = f.name
        load_before = Path("/proc/loadavg").read_text().split()[:3]
        for rnd in range(args.rounds):
            for e in endpoints:
                for c in args.concurrency:
                    sides = [("lieguan", e.lieguan, e.lieguan_headers)]
                    if e.redmine:
                        sides.append(("redmine", e.redmine, e.redmine_headers))
                    if rnd % 2:
                        sides.reverse()  # alternate who goes first, so that neither always meets a warmer machine
                    for system, url, headers in sides:
                        wrk(url, headers, c, args.warmup, script)
                        run = wrk(url, headers, c, args.duration, script)
                        e.runs.setdefault((system, c), []).append(run)
                        print(
                            f"round {rnd + 1} {e.key} c={c} {system}: {run.rps:.1f} req/s p50 {run.p50:.0f} ms, {run.failed} failed",
                            file=sys.stderr,
                        )
        rss = worker_rss(server)
        floors = minimal_sql()
        load_after = Path("/proc/loadavg").read_text().split()[:3]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    def med(runs: list[Run], attr: str) -> float:
        return statistics.median(getattr(r, attr) for r in runs)

    print(
        f"\n{args.cases:,} cases; {args.rounds} alternating rounds, medians; wrk -t1, Connection: close, {args.duration} s after "
        f"{args.warmup} s warm-up; load average before {' '.join(load_before)}, after {' '.join(load_after)}\n"
    )
    print(
        "| page | c | Lieguan req/s (p50 / p95 ms) | Redmine req/s (p50 / p95 ms) | Lieguan ÷ Redmine"
        " | minimal SQL p50 ms | page p50 ÷ SQL |"
    )
    print("|---|---|---|---|---|---|---|")
    for e in endpoints:
        sql_ms = time_sql(database, floors[e.key], agency, 9) if e.key in floors else None
        for c in args.concurrency:
            mine = e.runs[("lieguan", c)]
            failed = sum(r.failed for r in mine)
            cell = f"{med(mine, 'rps'):.1f} ({med(mine, 'p50'):.0f} / {med(mine, 'p95'):.0f})" + (f", {failed} failed" if failed else "")
            theirs = e.runs.get(("redmine", c))
            other = f"{med(theirs, 'rps'):.1f} ({med(theirs, 'p50'):.0f} / {med(theirs, 'p95'):.0f})" if theirs else "—"
            ratio = f"**{med(mine, 'rps') / med(theirs, 'rps'):.1f}×**" if theirs and med(theirs, "rps") else "—"
            floor = f"{sql_ms:.1f}" if sql_ms is not None else "—"
            over = f"{med(mine, 'p50') / sql_ms:.1f}×" if sql_ms and c == 1 else "—"
            print(f"| {e.label} | {c} | {cell} | {other} | {ratio} | {floor} | {over} |")
    print(f"\ngunicorn workers' RSS after the load: {', '.join(f'{r} MB' for r in rss) or 'not read'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
