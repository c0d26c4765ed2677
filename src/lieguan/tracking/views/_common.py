"""What the tracking views share: error text and query strings for sorting and paging."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import HttpRequest


def error_text(error: ValidationError) -> str:
    return "；".join(error.messages)


def query_with(request: HttpRequest, **changes: str) -> str:
    """The current query string with some parameters changed (and the page reset)."""
    params = {k: v for k, v in request.GET.items() if k != "page" and v}
    params.update({k: v for k, v in changes.items() if v})
    for key in [k for k, v in changes.items() if not v]:
        params.pop(key, None)
    return "?" + urlencode(params) if params else "?"
