"""The security event log: sign-ins, failures, lockouts and refused accesses."""

from __future__ import annotations

import logging

from django.http import HttpRequest

from lieguan.core.models import SecurityEvent

logger = logging.getLogger("lieguan.security")


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def log_security_event(kind: str, request: HttpRequest | None = None, *, username: str = "", detail: str = "") -> None:
    path = request.path[:500] if request is not None else ""
    ip = client_ip(request)
    logger.info("%s user=%s ip=%s path=%s %s", kind, username or "-", ip or "-", path or "-", detail)
    SecurityEvent.objects.create(kind=kind, username=username[:150], ip=ip, path=path, detail=detail[:500])
