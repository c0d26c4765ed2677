"""What the tracking views share: error text, download headers, query strings for sorting and paging."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from django.core.exceptions import ValidationError
from django.http import HttpRequest


def error_text(error: ValidationError) -> str:
    return "；".join(error.messages)


def attachment(filename: str, fallback: str) -> str:
    """Content-Disposition with the UTF-8 name (RFC 6266) and a plain ASCII name for old clients."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"


def query_with(request: HttpRequest, **changes: str) -> str:
    """The current query string with some parameters changed (and the page reset)."""
    params = {k: v for k, v in request.GET.items() if k != "page" and v}
    params.update({k: v for k, v in changes.items() if v})
    for key in [k for k, v in changes.items() if not v]:
        params.pop(key, None)
    return "?" + urlencode(params) if params else "?"
