"""Response headers of the security baseline that Django does not set itself."""

from __future__ import annotations

import errno
import logging
import sys
import time
from collections.abc import Callable
from typing import Any

from django.core.signals import got_request_exception
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language, gettext, gettext_lazy

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
        response: HttpResponse = self.get_response(request)
        return response


# Database or storage unavailable (issue 20, 7) ------------------------------------------------------------

UNAVAILABLE_RETRY_SECONDS = 30
_STORAGE_ERRNOS = frozenset({errno.EROFS, errno.ENOSPC, errno.EACCES, errno.EPERM, errno.EIO, errno.EDQUOT})
_unavailable_log = logging.getLogger("lieguan.unavailable")

_UNAVAILABLE_PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title></head>
<body><main><h1>{title}</h1><p>{message}</p></main></body></html>
"""
_WHAT = {
    "database": gettext_lazy("系統目前無法連線到資料庫，無法讀取或儲存資料。"),
    "storage": gettext_lazy("系統目前無法寫入資料目錄（磁碟已滿或設為唯讀），無法儲存資料。"),
}


def unavailable_cause(exc: BaseException | None) -> str | None:
    """ "database" or "storage" when ``exc`` says that one is out of reach, not that the request was wrong."""
    from django.conf import settings
    from django.db import InterfaceError, OperationalError

    if isinstance(exc, (OperationalError, InterfaceError)):
        # SQLite lives in the data directory: a read-only or full disk is the storage, not a lost connection.
        message = str(exc).lower()
        if any(word in message for word in ("readonly", "read-only", "disk is full", "disk i/o")):
            return "storage"
        return "database"
    if isinstance(exc, OSError) and exc.errno in _STORAGE_ERRNOS:
        path = str(exc.filename or "")
        if path and path.startswith((str(settings.DATA_DIR), str(settings.MEDIA_ROOT))):
            return "storage"
    return None


def log_unavailable(cause: str, exc: BaseException, request: HttpRequest) -> None:
    # One line, no traceback: the cause is outside the code, and a traceback per request would bury it.
    reason = " ".join(str(exc).split())  # PostgreSQL's messages run over several lines
    _unavailable_log.error("503 %s unavailable: %s: %s (%s %s)", cause, type(exc).__name__, reason, request.method, request.path)


def unavailable_response(cause: str) -> HttpResponse:
    language = get_language() or "zh-hant"
    message = gettext(
        "%(what)s您的資料沒有遺失；這通常在數秒到數分鐘內恢復，請於 %(seconds)s 秒後重新整理此頁。\n若持續發生，請聯絡系統管理者。"
    ) % {"what": _WHAT[cause], "seconds": UNAVAILABLE_RETRY_SECONDS}
    page = _UNAVAILABLE_PAGE.format(
        lang="zh-Hant" if language.startswith("zh") else language,
        title=gettext("系統暫時無法使用"),
        message=message,
    )
    response = HttpResponse(page, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(UNAVAILABLE_RETRY_SECONDS)
    response["Cache-Control"] = "no-store"
    mark_logged(response)
    return response


def mark_logged(response: HttpResponse) -> None:
    """Tell Django not to log the 503 again ("Service Unavailable: …"): ``log_unavailable`` said it in one line."""
    response._has_been_logged = True  # type: ignore[attr-defined]


class ServiceUnavailableMiddleware:
    """An unreachable database or an unwritable data directory answers 503 with Retry-After, not 500 or 400.

    A view's exception is caught by ``process_exception``. One raised inside
    another middleware (the session loaded or saved, say) has already been
    turned into a 500 by Django when it gets here, so ``got_request_exception``
    notes its cause on the request and this middleware, placed outside the
    others, replaces that 500. Django's own traceback for it is dropped by
    ``SkipUnavailableFilter``, so that each such request logs one line.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        cause = getattr(request, "_lieguan_unavailable", None)
        if cause is not None and response.status_code >= 500 and response.status_code != 503:
            return unavailable_response(cause)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        cause = unavailable_cause(exception)
        if cause is None:
            return None
        log_unavailable(cause, exception, request)
        return unavailable_response(cause)


def _note_unavailable(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    exc = sys.exc_info()[1]
    cause = unavailable_cause(exc)
    if cause is not None and request is not None and exc is not None:
        if getattr(request, "_lieguan_unavailable", None) is None:
            log_unavailable(cause, exc, request)
        request._lieguan_unavailable = cause  # type: ignore[attr-defined]


got_request_exception.connect(_note_unavailable, dispatch_uid="lieguan-unavailable")


class SkipUnavailableFilter(logging.Filter):
    """Drops Django's error record (with its traceback) for a request already logged as 503 unavailable."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return unavailable_cause(exc) is None
