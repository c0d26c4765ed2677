"""The API's rate limits, per client and shared by every worker.

ninja's own throttles decide "anonymous" by ``request.auth is None``, but the
public caller is an ``Anonymous()`` object here, so the anonymous limit was
never applied and every public caller shared one signed-in bucket keyed on
"AnonymousUser". They also count in the process's memory, so that each worker
had its own count. These key the public on the client's address and a signed-in
caller on the user, and count in the ``shared`` cache (the database, or Redis
when LIEGUAN_CACHE_URL is set), which every worker sees.

Each client has one counter per window of the rate's period: two operations
(add, incr) instead of a read-modify-write of a history list, so that workers
racing on one client lose at most a few counts, never the whole window.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

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
        window = int(now // period)
        key = f"api-throttle:{self.scope}:{ident}:{window}"
        cache = caches["shared"]
        # The window's counter expires with the window; one period longer covers clock skew between workers.
        cache.add(key, 0, timeout=2 * period)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=2 * period)
            count = 1
        if count > limit:
            self._wait = (window + 1) * period - now
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
