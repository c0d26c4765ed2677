"""The header's unread count on every page: one COUNT query, and only on pages that show it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import cached_property

from lieguan.notifications.access import unread_count


class Unread:
    """Counted when a template first asks (a page without the header never counts), then kept for the request."""

    def __init__(self, request: HttpRequest) -> None:
        self._user = getattr(request, "user", None)

    @cached_property
    def count(self) -> int:
        return unread_count(self._user)


def notifications(request: HttpRequest) -> dict[str, Any]:
    return {"unread_notifications": Unread(request)}
