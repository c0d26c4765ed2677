"""The API's rate limits, per client and shared by every worker.

ninja's own throttles decide "anonymous" by ``request.auth is None``, but the
public caller is an ``Anonymous()`` object here, so the anonymous limit was
never applied and every public caller shared one signed-in bucket keyed on
"AnonymousUser". They also count in the process's memory, so that each worker
had its own count. These key the public on the client's address and a signed-in
caller on the user, and count where every worker sees it.

A fixed window per client: the count of requests since the window of the rate's
period began. In the database (the default) that is one row per client in
``RateCounter``, counted, and reset when a new window begins, by one upsert that
returns the new count: one query a request, atomic, so racing workers lose no
count (Django's database cache took 12 queries: add and incr, each a culling
COUNT, a savepoint and a read-then-write). With LIEGUAN_CACHE_URL set the
counters are in Redis, as add and incr on one key per window.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from lieguan.api.models import RateCounter

_PERIODS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """``"120/m"`` → (120, 60): how many requests in how many seconds."""
    count, _, period = rate.partition("/")
    return int(count), _PERIODS[period.strip().lower()]


def client_address(request: HttpRequest) -> str:
    """The caller's address: REMOTE_ADDR, or the one the trusted proxies in front of us saw.

    X-Forwarded-For is read only as far as ``API_TRUSTED_PROXIES`` proxies put
    it there: a client can write anything into the header itself, and would
    otherwise pick a new bucket for every request.
    """
    proxies = settings.API_TRUSTED_PROXIES
    remote = str(request.META.get("REMOTE_ADDR", ""))
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if proxies <= 0 or not forwarded:
        return remote
    hops = [h.strip() for h in str(forwarded).split(",") if h.strip()]
    return hops[-min(proxies, len(hops))] if hops else remote


_TABLE = RateCounter._meta.db_table
# PostgreSQL and SQLite (3.35 and later) alike. A worker whose clock lags behind counts into the newer window
# instead of resetting it. The only name put in is the model's own table; the values are parameters.
_COUNT = f"""
INSERT INTO {_TABLE} (scope, ident, window_start, count) VALUES (%s, %s, %s, 1)
ON CONFLICT (scope, ident) DO UPDATE SET
    count = CASE WHEN {_TABLE}.window_start >= excluded.window_start THEN {_TABLE}.count + 1 ELSE 1 END,
    window_start = CASE WHEN {_TABLE}.window_start >= excluded.window_start
        THEN {_TABLE}.window_start ELSE excluded.window_start END
RETURNING count
"""  # noqa: S608
_SWEEP = f"DELETE FROM {_TABLE} WHERE scope = %s AND window_start < %s"  # noqa: S608


def count_in_database(scope: str, ident: str, window_start: int, period: int, db: BaseDatabaseWrapper = connection) -> int:
    """Count one request of ``ident`` in the window beginning at ``window_start``; the count so far, this one included.

    ``db`` is the request's connection; another (a test's second worker) counts on the same row.
    """
    with db.cursor() as cursor:
        cursor.execute(_COUNT, [scope, ident[:255], window_start])
        row = cursor.fetchone()
        assert row is not None
        count = int(row[0])
        if count == 1:
            # Once per client and window, not at every request: the rows of clients that made no request in
            # the window before this one, which would otherwise stay for good. An index range on (scope, window_start).
            cursor.execute(_SWEEP, [scope, window_start - period])
    return count


def count_in_cache(scope: str, ident: str, window_start: int, period: int) -> int:
    """The same in Redis: a key per client and window, which expires with the window."""
    key = f"api-throttle:{scope}:{ident}:{window_start}"
    cache = caches["shared"]
    # One period longer than the window covers clock skew between workers.
    cache.add(key, 0, timeout=2 * period)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=2 * period)
        return 1


class _ClientThrottle(BaseThrottle):
    scope = ""
    setting = ""

    def __init__(self) -> None:
        self._wait: float | None = None

    def ident(self, request: HttpRequest) -> str | None:
        raise NotImplementedError

    def allow_request(self, request: HttpRequest) -> bool:
        ident = self.ident(request)
        if ident is None:
            return True
        # Read at each request, so that a deployment (or a test) can change the limit in settings.
        limit, period = parse_rate(getattr(settings, self.setting))
        now = time.time()
        window_start = int(now // period) * period
        if "shared" in settings.CACHES:
            count = count_in_cache(self.scope, ident, window_start, period)
        else:
            count = count_in_database(self.scope, ident, window_start, period)
        if count > limit:
            self._wait = window_start + period - now
            return False
        return True

    def wait(self) -> float | None:
        return self._wait


class PublicThrottle(_ClientThrottle):
    """The public (no token, no signed-in session): API_RATE_ANONYMOUS per client address."""

    scope = "public"
    setting = "API_RATE_ANONYMOUS"

    def ident(self, request: HttpRequest) -> str | None:
        user: Any = getattr(request, "auth", None)
        if user is not None and getattr(user, "is_authenticated", False):
            return None
        return client_address(request)


class SignedInThrottle(_ClientThrottle):
    """A signed-in user (token or session): API_RATE_SIGNED_IN per user, wherever the requests come from."""

    scope = "user"
    setting = "API_RATE_SIGNED_IN"

    def ident(self, request: HttpRequest) -> str | None:
        user: Any = getattr(request, "auth", None)
        if user is None or not getattr(user, "is_authenticated", False):
            return None
        return str(user.pk)
