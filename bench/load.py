"""Load benchmark: N users for S seconds against a running server, every write tagged and checked afterwards.

    .venv/bin/python bench/load.py --start --users 10 --seconds 120           # own server, fresh SQLite demo city
    .venv/bin/python bench/load.py --start --database-url postgres://postgres@127.0.0.1:5432/lieguan_load --users 50 --seconds 600
    DATABASE_URL=… LIEGUAN_DATA_DIR=… .venv/bin/python bench/load.py --url http://127.0.0.1:8000 --server-pid PID

Half the users (at least one) are liaisons: each signs in, and in a loop writes a
progress report for one of its agency's open assignments, alternately through
the API (a personal token) and through the report form (CSRF and all). The
others are tracking officers browsing the case list, case pages, status
reports and search. Every report's text carries a tag unique to that write;
after the run the audit trail is read back, and each write the server
acknowledged (201 from the API, 302 from the form) must be there exactly once:
"lost" is an acknowledged tag the audit does not have, "duplicated" one it has
more than once.

The script needs the server's database: it creates the load users (and their
tokens) there before the run, and reads the audit after it. With ``--start`` it
makes a fresh data directory (and database, on SQLite), loads the demo city and
serves it with gunicorn on a free port; otherwise it uses DATABASE_URL and
LIEGUAN_DATA_DIR as the server does. Server RSS is the sum over the server's
process tree (gunicorn's master and workers), sampled every second.
It is a script, not a test: CI never runs it. Figures: bench/README.md.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PASSWORD = "Load-Bench-2026-pw!"  # noqa: S105 (the load users' own, on a throwaway or test database)
SEARCH_TERMS = ["資訊", "學校", "預算", "道路", "計畫", "列管"]
TIMEOUT = 60


@dataclass
class Liaison:
    username: str
    token: str
    assignments: list[int]


@dataclass
class World:
    liaisons: list[Liaison]
    officers: list[str]
    cases: list[int]
    meetings: list[int]


@dataclass
class Stats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: dict[str, list[float]] = field(default_factory=lambda: collections.defaultdict(list))
    statuses: collections.Counter[str] = field(default_factory=collections.Counter)
    errors: collections.Counter[str] = field(default_factory=collections.Counter)
    acknowledged: list[str] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)
    # The first few messages of each kind of failure that had no HTTP status (connection refused or reset, timeout).
    failures: dict[str, list[str]] = field(default_factory=lambda: collections.defaultdict(list))

    def note(self, endpoint: str, seconds: float, status: int | str) -> None:
        with self.lock:
            self.latencies[endpoint].append(seconds)
            self.statuses[str(status)] += 1
            if not isinstance(status, int) or status >= 400:
                self.errors[f"{status} {endpoint}"] += 1


# Setting up: the database of the server ------------------------------------------------------------------


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lieguan.settings")
    import django

    django.setup()


def prepare(liaisons: int, officers: int, run: str) -> World:
    """Load users with their roles (and the liaisons' tokens), and the ids the officers will browse."""
    from django.contrib.auth import get_user_model

    from lieguan.api.actions import do_create_token
    from lieguan.demo.city import ACTOR
    from lieguan.meetings.models import Meeting
    from lieguan.organisations import actions
    from lieguan.organisations.access import viewer_for
    from lieguan.organisations.models import Role
    from lieguan.tracking import access
    from lieguan.tracking.models import Assignment, TrackedCase

    by_org: dict[int, list[Assignment]] = collections.defaultdict(list)
    for a in Assignment.objects.filter(status="open", case__status="open").select_related("organisation", "case"):
        by_org[a.organisation_id].append(a)
    if not by_org:
        raise SystemExit("沒有列管中的案件可供填報：請先載入示範城市（lieguan demo）")
    orgs = sorted(by_org, key=lambda o: -len(by_org[o]))
    User = get_user_model()
    world = World([], [], list(TrackedCase.objects.values_list("pk", flat=True)[:200]), [])
    world.meetings = list(Meeting.objects.filter(series__tracks_cases=True).values_list("pk", flat=True)[:20])
    for i in range(liaisons):
        org = orgs[i % len(orgs)]
        user = actions.do_create_user(ACTOR, username=f"load-{run}-l{i}", password=PASSWORD)
        actions.do_grant_role(ACTOR, user, Role.LIAISON, by_org[org][0].organisation)
        user = User.objects.get(pk=user.pk)
        viewer = viewer_for(user)
        mine = [a.pk for a in by_org[org] if access.can_report(viewer, a)]
        world.liaisons.append(Liaison(user.username, do_create_token(user, name="load")[1], mine))
    for i in range(officers):
        user = actions.do_create_user(ACTOR, username=f"load-{run}-o{i}", password=PASSWORD)
        actions.do_grant_role(ACTOR, user, Role.TRACKING_OFFICER, None)
        world.officers.append(user.username)
    return world


def audited_tags(since: float, run: str) -> collections.Counter[str]:
    """How many report entries in the audit trail carry each tag of this run."""
    import datetime as dt

    from django.db import connections

    from lieguan.core.models import AuditEntry

    connections.close_all()
    start = dt.datetime.fromtimestamp(since - 5, tz=dt.UTC)
    pattern = re.compile(rf"\[{run}-\d+-\d+\]")
    found: collections.Counter[str] = collections.Counter()
    entries = AuditEntry.objects.filter(action__in=("report.submit", "report.revise"), at__gte=start)
    for after in entries.values_list("after", flat=True).iterator():
        for tag in pattern.findall(str((after or {}).get("text", ""))):
            found[tag] += 1
    return found


# The users -----------------------------------------------------------------------------------------------


def timed(stats: Stats, endpoint: str, method: Any, url: str, **kwargs: Any) -> requests.Response | None:
    started = time.perf_counter()
    try:
        response = method(url, timeout=TIMEOUT, **kwargs)
    except requests.RequestException as error:
        stats.note(endpoint, time.perf_counter() - started, type(error).__name__)
        with stats.lock:
            if len(stats.failures[type(error).__name__]) < 3:
                stats.failures[type(error).__name__].append(f"{time.strftime('%H:%M:%S')} {endpoint}: {error}")
        return None
    stats.note(endpoint, time.perf_counter() - started, response.status_code)
    return response


def sign_in(base: str, username: str, stats: Stats) -> requests.Session:
    session = requests.Session()
    timed(stats, "sign-in page", session.get, f"{base}/accounts/login/")
    data = {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": session.cookies.get("csrftoken", "")}
    timed(stats, "sign in", session.post, f"{base}/accounts/login/", data=data, allow_redirects=False)
    return session


def liaison_loop(base: str, me: Liaison, number: int, until: float, stats: Stats, run: str) -> None:
    session = sign_in(base, me.username, stats)
    api = requests.Session()
    api.headers["Authorization"] = f"Bearer {me.token}"
    seq = 0
    while time.monotonic() < until and me.assignments:
        seq += 1
        assignment = me.assignments[seq % len(me.assignments)]
        tag = f"[{run}-{number}-{seq}]"
        body = {"text": f"本期已完成第 {seq} 項工作，詳如附件說明。{tag}", "proposal": "continue"}
        if seq % 2:
            url = f"{base}/api/v1/assignments/{assignment}/progress-reports"
            response = timed(stats, "API report", api.post, url, json=body)
            ok = response is not None and response.status_code in (200, 201)
        else:
            url = f"{base}/cases/assignments/{assignment}/report/"
            timed(stats, "report form", session.get, url)
            data = {**body, "csrfmiddlewaretoken": session.cookies.get("csrftoken", "")}
            response = timed(stats, "report form POST", session.post, url, data=data, allow_redirects=False)
            ok = response is not None and response.status_code == 302
        with stats.lock:
            (stats.acknowledged if ok else stats.unanswered).append(tag)


def officer_loop(base: str, username: str, world: World, until: float, stats: Stats) -> None:
    session = sign_in(base, username, stats)
    step = 0
    while time.monotonic() < until:
        step += 1
        timed(stats, "case list", session.get, f"{base}/cases/")
        if world.cases:
            case = world.cases[(step * 7) % len(world.cases)]
            timed(stats, "case page", session.get, f"{base}/cases/{case}/")
        if world.meetings and step % 3 == 0:
            meeting = world.meetings[step % len(world.meetings)]
            url = f"{base}/cases/meetings/{meeting}/status-report/"
            timed(stats, "status report", session.get, url)
        term = SEARCH_TERMS[step % len(SEARCH_TERMS)]
        timed(stats, "search", session.get, f"{base}/search/", params={"q": term})


# The server ----------------------------------------------------------------------------------------------


def tree_rss(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, in bytes."""
    children: dict[int, list[int]] = collections.defaultdict(list)
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children[int(fields[1])].append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
        todo += children.get(current, [])
    return total


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def add_server_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of a bench that runs against a server: one already running, or a fresh demo city it starts."""
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="a running server (without --start)")
    parser.add_argument("--server-pid", type=int, help="the server's (gunicorn master's) pid, for its RSS")
    parser.add_argument("--start", action="store_true", help="serve a fresh demo city on a free port for the run")
    parser.add_argument("--database-url", help="with --start: this database instead of SQLite in the data directory")
    parser.add_argument("--workers", type=int, default=2, help="with --start: gunicorn workers")


def open_city(args: argparse.Namespace, prefix: str) -> None:
    """With --start, a fresh data directory (and the chosen database) holding the demo city; then Django, to prepare."""
    if args.start:
        os.environ["LIEGUAN_DATA_DIR"] = tempfile.mkdtemp(prefix=prefix)
        if args.database_url:
            os.environ["DATABASE_URL"] = args.database_url
        for command in ("setup", "demo"):
            subprocess.run([str(BIN / "lieguan"), command], check=True, stdout=subprocess.DEVNULL)
    django_setup()


def serve_city(args: argparse.Namespace) -> tuple[subprocess.Popen[bytes] | None, str, int | None]:
    """The server started for the run (with --start), or the one named: the process, its address, its pid."""
    if args.start:
        server, base = start_server(args.workers)
        return server, base, server.pid
    return None, args.url.rstrip("/"), args.server_pid


def start_server(workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    log = open(Path(os.environ["LIEGUAN_DATA_DIR"]) / "server.log", "wb")  # noqa: SIM115 (open for the server's life)
    server = subprocess.Popen(
        [str(BIN / "lieguan"), "serve", "--port", str(port), "--workers", str(workers)], stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            if requests.get(f"{base}/healthz", timeout=2).status_code == 200:
                return server, base
        except requests.RequestException:
            pass
        time.sleep(0.5)
    server.terminate()
    raise SystemExit("伺服器未能啟動，見 server.log")


# Report --------------------------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def report(stats: Stats, seconds: float, rss: list[int], audit: collections.Counter[str], users: tuple[int, int]) -> None:
    total = sum(stats.statuses.values())
    print(f"{users[0] + users[1]} users ({users[0]} liaisons, {users[1]} officers) for {seconds:.0f} s")
    print(f"requests {total} ({total / seconds:.1f}/s); by status: " + ", ".join(f"{k}: {v}" for k, v in sorted(stats.statuses.items())))
    errors = dict(stats.errors)
    print("errors: " + (", ".join(f"{k} × {v}" for k, v in sorted(errors.items())) if errors else "none"))
    for messages in stats.failures.values():
        for message in messages:
            print(f"  {message}")
    print(f"{'endpoint':<20} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for endpoint, values in sorted(stats.latencies.items()):
        p50, p95 = percentile(values, 0.5) * 1000, percentile(values, 0.95) * 1000
        print(f"{endpoint:<20} {len(values):>6} {p50:>8.0f} {p95:>8.0f} {max(values) * 1000:>8.0f}")
    if rss:
        print(f"server RSS: peak {max(rss) / 2**20:.0f} MB, median {statistics.median(rss) / 2**20:.0f} MB, end {rss[-1] / 2**20:.0f} MB")
    acknowledged = stats.acknowledged
    lost = [t for t in acknowledged if audit[t] == 0]
    duplicated = [t for t in audit if audit[t] > 1]
    unanswered_written = [t for t in stats.unanswered if audit[t]]
    print(f"acknowledged {len(acknowledged)}, lost {len(lost)}, duplicated {len(duplicated)}")
    print(f"not acknowledged {len(stats.unanswered)} (of which written anyway: {len(unanswered_written)})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=120)
    add_server_arguments(parser)
    args = parser.parse_args(argv)
    run = secrets.token_hex(3)
    open_city(args, "lieguan-load-")
    liaisons = max(1, args.users // 2)
    world = prepare(liaisons, args.users - liaisons, run)
    server, base, pid = serve_city(args)
    stats = Stats()
    rss: list[int] = []
    started = time.time()
    until = time.monotonic() + args.seconds
    done = threading.Event()

    def sample() -> None:
        while not done.wait(1.0):
            if pid:
                rss.append(tree_rss(pid))

    threads = [threading.Thread(target=sample, daemon=True)]
    threads += [threading.Thread(target=liaison_loop, args=(base, me, n, until, stats, run)) for n, me in enumerate(world.liaisons)]
    threads += [threading.Thread(target=officer_loop, args=(base, name, world, until, stats)) for name in world.officers]
    for thread in threads:
        thread.start()
    for thread in threads[1:]:
        thread.join()
    done.set()
    elapsed = time.time() - started
    try:
        report(stats, elapsed, rss, audited_tags(started, run), (len(world.liaisons), len(world.officers)))
    finally:
        if server is not None:
            server.terminate()
            server.wait(30)
            if stats.errors:
                print(f"server log kept: {os.environ['LIEGUAN_DATA_DIR']}/server.log")
            else:
                shutil.rmtree(os.environ["LIEGUAN_DATA_DIR"], ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
