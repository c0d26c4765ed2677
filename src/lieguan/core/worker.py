"""The background worker: the process that runs queued tasks (docs/background.md).

``lieguan worker`` runs it, and ``lieguan serve`` keeps one running beside the
web server (``Workers``). When a worker starts it sends ``worker_started``: an
app that left work half done when a worker stopped (a batch of files still
waiting to be parsed) listens and queues that work again. Core cannot import
the apps to its right, so it names no app here; each app's ``tasks`` module is
loaded, as Django's admin loads each ``admin`` module.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading

from django.dispatch import Signal
from django.utils.module_loading import autodiscover_modules

logger = logging.getLogger(__name__)

worker_started = Signal()

# How long a stopping worker may finish the file it is parsing before it is killed.
STOP_SECONDS = 10
# How often `serve` looks for a worker that died, and so the least time between two starts of one.
WATCH_SECONDS = 5
# Set by `serve` for the workers it starts: the process whose death must end them too.
PARENT_VARIABLE = "LIEGUAN_WORKER_PARENT"


def announce_start() -> None:
    autodiscover_modules("tasks")
    worker_started.send(sender=None)


def die_with_parent() -> None:
    """In a worker that ``serve`` started: Linux sends it SIGTERM should ``serve`` be killed, so that no worker is orphaned."""
    parent = os.environ.get(PARENT_VARIABLE)
    if not parent:
        return
    try:
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGTERM)
    except (OSError, AttributeError):
        return
    if os.getppid() != int(parent):  # serve died before the request above took effect
        sys.exit(0)


class Workers:
    """Worker processes kept running beside the web server: one that dies is started again, all stop with it."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.processes: list[subprocess.Popen[bytes]] = []
        self._stopping = threading.Event()
        self._watcher = threading.Thread(target=self._watch, name="lieguan-workers", daemon=True)

    def start(self) -> None:
        self.processes = [self._start_one() for _ in range(self.count)]
        if self.count:
            self._watcher.start()

    def stop(self) -> None:
        """Ask each worker to stop after its current task; kill whichever has not within ``STOP_SECONDS``."""
        self._stopping.set()
        if self._watcher.is_alive():
            self._watcher.join()
        for worker in self.processes:
            if worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
        for worker in self.processes:
            try:
                worker.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()

    def _start_one(self) -> subprocess.Popen[bytes]:
        command = [sys.executable, "-m", "lieguan.cli", "worker", "--no-startup-delay", "--no-reload"]
        env = {**os.environ, PARENT_VARIABLE: str(os.getpid())}
        # A session of its own: Ctrl+C in the terminal reaches `serve`, which stops the workers in order.
        return subprocess.Popen(command, env=env, start_new_session=True)

    def _watch(self) -> None:
        while not self._stopping.wait(WATCH_SECONDS):
            for slot, worker in enumerate(self.processes):
                if worker.poll() is not None and not self._stopping.is_set():
                    # Its exit status may be lost: gunicorn's master reaps every child of the process.
                    logger.warning("background worker %s stopped; starting another", worker.pid)
                    self.processes[slot] = self._start_one()
