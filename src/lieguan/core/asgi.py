"""What ``lieguan serve`` runs in each worker: Django's pages on a thread pool, the live room's streams on the event loop.

One ASGI server (uvicorn, in gunicorn's workers) answers both:

- the live room's event streams (``/live/<meeting>/events``) go to Django's ASGI
  handler, where the async view waits on the process's ``live.broker.Hub``: a
  hundred open rooms cost a hundred coroutines, not a hundred threads;
- every other request goes to Django's WSGI handler on a pool of ``threads``
  threads per worker (a2wsgi), as gunicorn's gthread workers ran them: a fixed
  number of threads, each keeping its database connection (``CONN_MAX_AGE``).
  Django's ASGI handler would instead run each sync view in a thread of its own
  request, as many as there are requests in flight, each opening its own
  connection; Django then asks for persistent connections to be turned off
  ("Persistent connections" in its database docs). Page speed was the same
  either way (docs/live.md).

The paths are named here rather than imported from the live app: core imports no app.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

# The servers and the two handlers each type the ASGI messages their own way; here they are only passed along.
Scope = Any
Receive = Any
Send = Any
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

STREAMS = re.compile(r"^/live/\d+/events$")
PAGE_THREADS = 4


def build(wsgi_app: Any = None, *, threads: int = PAGE_THREADS) -> ASGIApp:
    from a2wsgi import WSGIMiddleware
    from django.core.asgi import get_asgi_application
    from django.core.wsgi import get_wsgi_application

    streams = get_asgi_application()
    pages = WSGIMiddleware(wsgi_app or get_wsgi_application(), workers=threads)  # type: ignore[arg-type]

    async def application(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and STREAMS.match(scope["path"]):
            await streams(scope, receive, send)
        elif scope["type"] == "lifespan":
            await _lifespan(receive, send)
        else:
            await pages(scope, receive, send)

    return application


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
