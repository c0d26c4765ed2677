"""`lieguan serve` says plainly when it cannot start, and runs its background worker only as long as itself."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

LIEGUAN = str(Path(sys.executable).with_name("lieguan"))


@pytest.mark.django_db
def test_a_port_already_in_use_is_refused_with_a_clear_message() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(CommandError, match=f"無法在 127.0.0.1:{port} 提供服務.*--port"):
            call_command("serve", "--port", str(port))


def _children(pid: int) -> list[int]:
    """The processes started by any thread of ``pid`` (serve starts a worker again from a thread of its own)."""
    found = []
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [int(child) for child in children.read_text().split()]
        except FileNotFoundError:
            continue
    return found


def _is_worker(pid: int) -> bool:
    try:
        return b"worker" in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except FileNotFoundError:
        return False


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def _serve_until_worker_runs(env: dict[str, str], servers: list[subprocess.Popen[bytes]]) -> tuple[subprocess.Popen[bytes], int]:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([LIEGUAN, "serve", "--port", str(port), "--workers", "1"], env=env)
    servers.append(server)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        workers = [pid for pid in _children(server.pid) if _is_worker(pid)]
        if workers:
            return server, workers[0]
        time.sleep(0.2)
    server.kill()
    raise AssertionError("lieguan serve started no background worker")


def _gone_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def servers():
    """The servers a test starts, killed at its end whatever it asserted, so that none is left running."""
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for server in started:
        if server.poll() is None:
            server.kill()
            server.wait(timeout=30)


@pytest.mark.slow
def test_serve_keeps_a_background_worker_running_and_leaves_none_behind_when_stopped_or_killed(tmp_path: Path, servers) -> None:
    env = {**os.environ, "LIEGUAN_DATA_DIR": str(tmp_path), "LIEGUAN_TASK_WORKERS": "1"}
    env.pop("DATABASE_URL", None)
    subprocess.run([LIEGUAN, "setup"], env=env, check=True, capture_output=True, timeout=300)

    server, worker = _serve_until_worker_runs(env, servers)
    # A worker that dies (out of memory, killed) is started again.
    os.kill(worker, signal.SIGKILL)
    assert _gone_within(worker, 15)
    deadline = time.monotonic() + 30
    while not (replacements := [pid for pid in _children(server.pid) if _is_worker(pid) and pid != worker]):
        assert time.monotonic() < deadline, "no worker was started again"
        time.sleep(0.2)
    worker = replacements[0]
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)
    assert _gone_within(worker, 15), "the worker outlived lieguan serve"

    # Killed outright, serve cannot stop its worker: Linux tells the worker its parent died.
    server, worker = _serve_until_worker_runs(env, servers)
    server.kill()
    server.wait(timeout=30)
    assert _gone_within(worker, 15), "the worker outlived a killed lieguan serve"
