"""Response headers of the security baseline that Django does not set itself."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

# No inline scripts or styles anywhere: user-written minutes text can then never
# execute, even if an escaping mistake slipped through.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if request.user.is_authenticated if hasattr(request, "user") else False:
            # Official records must not linger in shared meeting-room browsers' caches.
            response.headers.setdefault("Cache-Control", "no-store")
        return response


class SessionActivityMiddleware:
    """Keep the idle timeout sliding without writing the session on every request.

    Saving the session on each request made a request still in flight after
    sign-out fail (its session had been deleted) and turned a read-only data
    directory into errors on every page. Instead the session is marked active
    at most once per ``TOUCH_SECONDS``: the idle timeout is then exact to within
    that, and a request that changes nothing writes nothing.
    """

    TOUCH_SECONDS = 60
    KEY = "_lieguan_seen"

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and session.session_key is not None:
            now = int(time.time())
            seen = session.get(self.KEY, 0)
            if not isinstance(seen, int) or now - seen >= self.TOUCH_SECONDS:
                session[self.KEY] = now
        return self.get_response(request)
