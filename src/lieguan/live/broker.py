"""How a move reaches every open room: a message per move, fanned out to the streams of each web process.

A move writes ``RoomState`` (its version grows by one) and, in the same
transaction, publishes it. Each web process runs one listener thread (``Hub``)
that hears the moves of the meetings its streams follow and hands each state to
those streams' queues on their event loops:

- on PostgreSQL the message is a ``NOTIFY`` on ``lieguan_live``, which the
  database delivers at commit (never for a rolled-back move) to every process
  that ``LISTEN``s, on this machine or any other: the broker that lets the room
  run across workers and machines;
- on SQLite (one machine, ``make run``) the listener reads the few rows of the
  meetings it follows every ``POLL_SECONDS``: one indexed query per process,
  however many attendees are connected.

A message carries only the meeting, the item id and the version; each screen then
asks for the item as its reader may see it, so nothing one reader may not see
travels on a channel others hear.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from dataclasses import dataclass
from typing import Any

from django.db import close_old_connections, connection

from lieguan.live.models import RoomState

log = logging.getLogger(__name__)

CHANNEL = "lieguan_live"
POLL_SECONDS = 0.1
# A PostgreSQL listener re-reads the rows it follows this often, for a message lost while it reconnected.
RECONCILE_SECONDS = 30.0


@dataclass(frozen=True)
class State:
    meeting_id: int
    item_id: int | None
    version: int

    def payload(self) -> str:
        return json.dumps({"meeting": self.meeting_id, "item": self.item_id, "version": self.version})

    @classmethod
    def parse(cls, text: str) -> State:
        data = json.loads(text)
        return cls(int(data["meeting"]), None if data["item"] is None else int(data["item"]), int(data["version"]))

    @classmethod
    def of(cls, state: RoomState | None, meeting_id: int) -> State:
        if state is None:
            return cls(meeting_id, None, 0)
        return cls(meeting_id, state.item_id, state.version)


def current(meeting_id: int) -> State:
    return State.of(RoomState.objects.filter(meeting_id=meeting_id).first(), meeting_id)


def publish(state: State) -> None:
    """Call inside the move's transaction: the message leaves with the commit, or not at all."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, state.payload()])
    # SQLite: the listeners read the committed row (``Hub._poll``).


@dataclass(eq=False)
class Subscription:
    meeting_id: int
    loop: asyncio.AbstractEventLoop
    queue: asyncio.Queue[State]


class Hub:
    """One per process: the listener thread and the streams it feeds, by meeting."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscriptions: dict[int, set[Subscription]] = {}
        self._known: dict[int, int] = {}
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    def subscribe(self, meeting_id: int) -> Subscription:
        subscription = Subscription(meeting_id, asyncio.get_running_loop(), asyncio.Queue())
        with self._lock:
            self._subscriptions.setdefault(meeting_id, set()).add(subscription)
            if self._thread is None or not self._thread.is_alive():
                self._stop.clear()
                self._thread = threading.Thread(target=self._run, name="lieguan-live-hub", daemon=True)
                self._thread.start()
        return subscription

    def unsubscribe(self, subscription: Subscription) -> None:
        with self._lock:
            followers = self._subscriptions.get(subscription.meeting_id)
            if followers is not None:
                followers.discard(subscription)
                if not followers:
                    del self._subscriptions[subscription.meeting_id]
                    self._known.pop(subscription.meeting_id, None)

    def followers(self) -> int:
        with self._lock:
            return sum(len(s) for s in self._subscriptions.values())

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _watched(self) -> list[int]:
        with self._lock:
            return list(self._subscriptions)

    def offer(self, state: State) -> None:
        """Hand a state to the meeting's streams, unless they have it already (a poll repeats what a message said)."""
        with self._lock:
            if state.meeting_id not in self._subscriptions or self._known.get(state.meeting_id, -1) >= state.version:
                return
            self._known[state.meeting_id] = state.version
            followers = list(self._subscriptions[state.meeting_id])
        for subscription in followers:
            try:
                subscription.loop.call_soon_threadsafe(subscription.queue.put_nowait, state)
            except RuntimeError:  # its event loop has closed: the stream is gone
                self.unsubscribe(subscription)

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                try:
                    if connection.vendor == "postgresql":
                        self._listen()
                    else:
                        self._poll_forever()
                except Exception:
                    log.exception("live room listener failed; starting again in 1 s")
                    close_old_connections()
                    self._stop.wait(1.0)
        finally:
            # The thread's own connection (its polls): no request cycle closes it, and an open session keeps
            # PostgreSQL from dropping or renaming the database after the hub stops.
            connection.close()

    def _poll(self) -> None:
        watched = self._watched()
        if not watched:
            return
        rows = RoomState.objects.filter(meeting_id__in=watched).values_list("meeting_id", "item_id", "version")
        for meeting_id, item_id, version in rows:
            self.offer(State(meeting_id, item_id, version))

    def _poll_forever(self) -> None:
        while not self._stop.is_set():
            self._poll()
            self._stop.wait(POLL_SECONDS)

    def _listen(self) -> None:
        import psycopg

        settings = connection.settings_dict
        with psycopg.connect(
            dbname=settings["NAME"],
            user=settings.get("USER") or None,
            password=settings.get("PASSWORD") or None,
            host=settings.get("HOST") or None,
            port=settings.get("PORT") or None,
            autocommit=True,
        ) as listener:
            listener.execute(f"LISTEN {CHANNEL}")
            # After LISTEN, so that no move falls between the read and the first message.
            self._poll()
            waited = 0.0
            while not self._stop.is_set():
                for message in listener.notifies(timeout=1.0):
                    self.offer(State.parse(message.payload))
                waited += 1.0
                if waited >= RECONCILE_SECONDS:
                    waited = 0.0
                    self._poll()


_hub: Hub | None = None
_hub_lock = threading.Lock()


def hub() -> Hub:
    global _hub
    with _hub_lock:
        if _hub is None:
            _hub = Hub()
        return _hub


def reset_hub(replacement: Any = None) -> None:
    """For tests that start and stop servers in one process."""
    global _hub
    with _hub_lock:
        if _hub is not None:
            _hub.stop()
        _hub = replacement
