"""Live room benchmark: N attendees follow the meeting's moves while other users keep browsing.

    .venv/bin/python bench/live_room.py --start                       # fresh SQLite demo city, own `lieguan serve`
    .venv/bin/python bench/live_room.py --start --database-url postgres://postgres@127.0.0.1:5432/lieguan_live
    DATABASE_URL=… LIEGUAN_DATA_DIR=… .venv/bin/python bench/live_room.py --url http://127.0.0.1:8000 --server-pid PID

The attendees are users of their own, invited to the demo's 主任秘書會報第89次. Each
signs in and opens the room's event stream. As the room's script does, it shows the
panel that comes with each move: an attendee "follows" a move when that event, with
the panel rendered for them (the status report's cases included), has arrived. The recorder (the demo's secretariat) moves the meeting every
``--interval`` seconds. Meanwhile ``--browsers`` users load the meeting page, the
case list and the room page in a loop: first alone (the baseline), then with the
attendees connected and the moves going on, so that the page times of both phases
can be compared. Latencies are measured on this machine's clock from just before
the move is sent; this script runs beside the server, on the same CPUs.
It is a script, not a test: CI never runs it. Figures: bench/README.md.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import secrets
import shutil
import threading
import time
from dataclasses import dataclass, field

import requests

from load import PASSWORD, add_server_arguments, open_city, percentile, serve_city, tree_rss

TIMEOUT = 30


@dataclass
class Record:
    lock: threading.Lock = field(default_factory=threading.Lock)
    moved: dict[int, float] = field(default_factory=dict)  # version → when the move was sent
    shown: dict[int, list[float]] = field(default_factory=lambda: collections.defaultdict(list))
    pages: dict[str, list[float]] = field(default_factory=lambda: collections.defaultdict(list))
    errors: collections.Counter[str] = field(default_factory=collections.Counter)
    connected: int = 0


def prepare(count: int, run: str) -> tuple[int, list[str], list[int]]:
    """The attendees, invited to session 89; its id and its items in order."""
    from lieguan.demo.city import ACTOR
    from lieguan.live.agenda import items_in_order
    from lieguan.meetings.actions import do_invite
    from lieguan.meetings.models import Meeting
    from lieguan.organisations import actions
    from lieguan.organisations.models import Organisation

    meeting = Meeting.objects.get(series__code="chief-secretaries", number=89)
    organisation = Organisation.objects.get(code="dit")
    names = []
    for i in range(count):
        person = actions.do_create_person(ACTOR, name=f"與會{run}{i}", title="專員", organisation=organisation)
        user = actions.do_create_user(ACTOR, username=f"live-{run}-{i}", password=PASSWORD, person=person)
        do_invite(ACTOR, meeting, person)
        names.append(user.username)
    return meeting.pk, names, [item.pk for item in items_in_order(meeting)]


def sign_in(base: str, username: str, password: str = PASSWORD) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{base}/accounts/login/", timeout=TIMEOUT)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token, "no CSRF token on the sign-in page"
    done = session.post(
        f"{base}/accounts/login/",
        data={"csrfmiddlewaretoken": token.group(1), "username": username, "password": password},
        headers={"Referer": f"{base}/accounts/login/"},
        timeout=TIMEOUT,
    )
    if "/accounts/login/" in done.url:
        raise SystemExit(f"{username} could not sign in")
    return session


def attend(base: str, session: requests.Session, meeting: int, record: Record, stop: threading.Event) -> None:
    seen = -1
    try:
        with session.get(f"{base}/live/{meeting}/events", stream=True, timeout=(TIMEOUT, 60)) as stream:
            for line in stream.iter_lines():
                if stop.is_set():
                    return
                if not line.startswith(b"data:"):
                    continue
                state = json.loads(line[5:])
                if seen < 0:
                    with record.lock:
                        record.connected += 1
                if state["version"] > seen:
                    seen = state["version"]
                    # Kept whatever the version: the event may come in before the recorder's answer names it.
                    if state["item"] is None:
                        continue
                    # As the room's script: the panel comes with the move (a WSGI server sends none: then it is asked for).
                    if state.get("html"):
                        with record.lock:
                            record.shown[state["version"]].append(time.monotonic())
                        continue
                    panel = session.get(f"{base}/live/{meeting}/items/{state['item']}/", timeout=TIMEOUT)
                    arrived = time.monotonic()
                    with record.lock:
                        if panel.status_code == 200:
                            record.shown[state["version"]].append(arrived)
                        else:
                            record.errors[f"panel {panel.status_code}"] += 1
    except requests.RequestException as error:
        if not stop.is_set():
            record.errors[f"stream: {type(error).__name__}"] += 1
        return
    if not stop.is_set():
        record.errors["stream ended by the server"] += 1


def browse(base: str, session: requests.Session, meeting: int, record: Record, phase: list[str], stop: threading.Event) -> None:
    pages = {"meeting page": f"/meetings/{meeting}/", "case list": "/cases/", "room page": f"/live/{meeting}/"}
    while not stop.is_set():
        for name, path in pages.items():
            started = time.monotonic()
            try:
                status = session.get(base + path, timeout=TIMEOUT).status_code
            except requests.RequestException as error:
                record.errors[f"{name}: {type(error).__name__}"] += 1
                continue
            took = time.monotonic() - started
            with record.lock:
                if status == 200:
                    record.pages[f"{phase[0]}|{name}"].append(took)
                else:
                    record.errors[f"{name} {status}"] += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--attendees", type=int, default=100)
    parser.add_argument("--moves", type=int, default=15)
    parser.add_argument("--interval", type=float, default=2.0, help="seconds between moves")
    parser.add_argument("--browsers", type=int, default=4, help="users loading other pages throughout")
    parser.add_argument("--baseline", type=float, default=20.0, help="seconds of browsing alone, before the attendees come")
    add_server_arguments(parser)
    args = parser.parse_args(argv)
    run = secrets.token_hex(2)
    open_city(args, "lieguan-live-")
    meeting, usernames, items = prepare(args.attendees, run)
    server, base, pid = serve_city(args)
    record, stop, phase, rss = Record(), threading.Event(), ["alone"], []
    try:
        recorder = sign_in(base, "secretariat", "Lieguan-secretariat-2026")
        browsers = [sign_in(base, "tracking", "Lieguan-tracking-2026") for _ in range(args.browsers)]
        attendees = [sign_in(base, name) for name in usernames]

        def sample() -> None:
            while pid and not stop.wait(1.0):
                rss.append(tree_rss(pid))

        threading.Thread(target=sample, daemon=True).start()
        threads = [threading.Thread(target=browse, args=(base, s, meeting, record, phase, stop)) for s in browsers]
        for thread in threads:
            thread.start()
        time.sleep(args.baseline)
        phase[0] = "following"
        streams = [threading.Thread(target=attend, args=(base, s, meeting, record, stop), daemon=True) for s in attendees]
        for thread in streams:
            thread.start()
        deadline = time.monotonic() + 60
        while record.connected < len(attendees) and time.monotonic() < deadline:
            time.sleep(0.1)
        print(f"{record.connected} of {len(attendees)} attendees connected")
        csrf = recorder.cookies["csrftoken"]
        for n in range(args.moves):
            item = items[n % len(items)]
            started = time.monotonic()
            answer = recorder.post(
                f"{base}/live/{meeting}/move/",
                data={"item": item},
                headers={"X-CSRFToken": csrf, "Accept": "application/json", "Referer": f"{base}/live/{meeting}/"},
                timeout=TIMEOUT,
            ).json()
            with record.lock:
                if answer["version"] > max(record.moved, default=-1):  # not a move to where the meeting already is
                    record.moved[answer["version"]] = started
            time.sleep(args.interval)
        time.sleep(2)
    finally:
        stop.set()
        if server is not None:
            server.terminate()
            server.wait(30)
    report(record, len(usernames), rss)
    if server is not None and not record.errors:
        shutil.rmtree(os.environ["LIEGUAN_DATA_DIR"], ignore_errors=True)
    return 0


def report(record: Record, attendees: int, rss: list[int]) -> None:
    follows = []
    missed = 0
    for version, sent in sorted(record.moved.items()):
        arrivals = record.shown.get(version, [])
        missed += attendees - len(arrivals)
        follows += [arrived - sent for arrived in arrivals]
    within = sum(1 for f in follows if f < 1.0)
    print(f"moves {len(record.moved)}, follows {len(follows)} (missed {missed})")
    if follows:
        p50, p95, p99 = (percentile(follows, q) * 1000 for q in (0.5, 0.95, 0.99))
        print(f"followed within 1 s: {within} of {len(follows)} ({100 * within / len(follows):.1f} %)")
        print(f"move → panel shown: p50 {p50:.0f} ms, p95 {p95:.0f} ms, p99 {p99:.0f} ms, max {max(follows) * 1000:.0f} ms")
    print(f"{'page':<14} {'phase':<10} {'n':>5} {'p50 ms':>7} {'p95 ms':>7}")
    for key in sorted(record.pages, key=lambda k: (k.split("|")[1], k.split("|")[0] != "alone")):
        phase, page = key.split("|")
        values = record.pages[key]
        print(f"{page:<14} {phase:<10} {len(values):>5} {percentile(values, 0.5) * 1000:>7.0f} {percentile(values, 0.95) * 1000:>7.0f}")
    print("errors: " + (", ".join(f"{k} × {v}" for k, v in sorted(record.errors.items())) or "none"))
    if rss:
        print(f"server RSS: peak {max(rss) / 2**20:.0f} MB, end {rss[-1] / 2**20:.0f} MB")


if __name__ == "__main__":
    raise SystemExit(main())
