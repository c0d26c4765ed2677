"""The server `lieguan serve` runs in each worker (lieguan.core.asgi, under uvicorn), started in this process for a test.

pytest-django's live server is WSGI: it cannot hold the live room's event streams open. This one serves the
same application as production, the pages on their thread pool and the streams on the event loop, with the
static files from the source tree. On the tests' in-memory SQLite database every thread shares the test's
connection, as Django's own live server does, since a second connection would not see the same database.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace

import uvicorn
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.handlers.wsgi import WSGIHandler
from django.db import connections

from lieguan.core.asgi import build
from lieguan.live import broker


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def asgi_server() -> Iterator[str]:
    shared = {}
    for conn in connections.all():
        if conn.vendor == "sqlite" and conn.is_in_memory_db():
            conn.inc_thread_sharing()
            shared[conn.alias] = conn
    saved = connections._connections
    if shared:
        # Every thread (the page pool, asgiref's, the room's listener) gets the one connection.
        connections._connections = SimpleNamespace(**shared)
    broker.reset_hub()
    server = uvicorn.Server(
        uvicorn.Config(build(StaticFilesHandler(WSGIHandler())), host="127.0.0.1", port=_free_port(), log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, name="asgi-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the ASGI test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        server.force_exit = True  # open event streams would otherwise hold the shutdown
        thread.join(timeout=10)
        broker.reset_hub()
        connections._connections = saved
        for conn in shared.values():
            conn.dec_thread_sharing()
