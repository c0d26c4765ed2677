"""The push: a server-sent event stream per open room, fed by the process's ``broker.Hub``.

An async view: under the ASGI server of ``lieguan serve`` an open stream costs a
coroutine and a queue, not a thread. Served by a WSGI server instead (Django's
``runserver``, the tests' live server) a stream would hold a thread for as long
as it is open, so there it answers the current state at once and ends, and the
browser's EventSource asks again after ``retry``: the room still follows, a
second behind, with no thread held.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import json
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from asgiref.sync import sync_to_async
from django import db
from django.core.handlers.asgi import ASGIRequest
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse

from lieguan.live import access, broker, push

# Comments this often keep proxies from closing a quiet stream, and let the server notice a reader that left.
KEEP_ALIVE_SECONDS = 15.0
RETRY_MS = 1000


def _event(state: broker.State, panel: tuple[str, str | None] | None = None) -> str:
    data = json.loads(state.payload())
    if panel is not None:
        data["html"], data["note"] = panel
    return f"event: item\nid: {state.version}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def _enter(user: Any, meeting_id: int, projector: bool, *, release: bool) -> push.Reader:
    try:
        return push.Reader(user, access.access_room(user, meeting_id), projector=projector)
    finally:
        if release:
            _release()


def _current(meeting_id: int) -> broker.State:
    try:
        return broker.current(meeting_id)
    finally:
        _release()


# The panels of a move are made on one thread per process, one after the other, on its one database connection:
# made in each stream's own thread they opened a connection per attendee at once, past PostgreSQL's limit
# ("too many clients", bench/live_room.py at 100 attendees). Each panel is mostly read from push's caches.
_PANELS = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lieguan-live-panels")


def _panel(reader: push.Reader, state: broker.State) -> tuple[str, str | None]:
    db.close_old_connections()  # a connection gone stale or past CONN_MAX_AGE since the last move
    return reader.panel(state)


async def _panel_for(reader: push.Reader, state: broker.State) -> tuple[str, str | None]:
    # In the stream's context, so that the panel is in its reader's language.
    call = functools.partial(contextvars.copy_context().run, _panel, reader, state)
    return await asyncio.get_running_loop().run_in_executor(_PANELS, call)


def _release() -> None:
    """Close the database connection of this request's thread, if it opened one. A stream lasts the whole meeting:
    one connection held that long per attendee would exhaust PostgreSQL's. Under ASGI the sync code of a request runs
    in a thread of its own (asgiref's ThreadSensitiveContext), so nothing else is using it."""
    if db.connection.connection is not None:
        db.connection.close()


async def events(request: HttpRequest, meeting_id: int) -> HttpResponse | StreamingHttpResponse:
    user = await request.auser()
    streaming = isinstance(request, ASGIRequest)
    # Not found for those who may not enter (signed out included): nothing to follow, nothing to probe.
    reader = await sync_to_async(_enter)(user, meeting_id, request.GET.get("view") == "projector", release=streaming)
    if not streaming:
        reader.close()
        state = await sync_to_async(broker.current)(reader.meeting.pk)
        body = f"retry: {RETRY_MS}\n" + _event(state)
        response: HttpResponse | StreamingHttpResponse = HttpResponse(body, content_type="text/event-stream")
    else:
        response = StreamingHttpResponse(_follow(reader), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # nginx would otherwise hold the events back in its buffer
    return response


async def _follow(reader: push.Reader) -> AsyncIterator[str]:
    hub = broker.hub()
    # Subscribed before reading the state, so that a move in between is heard rather than lost.
    subscription = hub.subscribe(reader.meeting.pk)
    try:
        state = await sync_to_async(_current)(reader.meeting.pk)
        sent = state.version
        yield f"retry: {RETRY_MS}\n" + _event(state)
        while True:
            try:
                state = await asyncio.wait_for(subscription.queue.get(), KEEP_ALIVE_SECONDS)
            except TimeoutError:
                yield ": keep-alive\n\n"
                continue
            while not subscription.queue.empty():
                state = subscription.queue.get_nowait()
            if state.version > sent:
                sent = state.version
                yield _event(state, await _panel_for(reader, state))
    finally:
        hub.unsubscribe(subscription)
        reader.close()
