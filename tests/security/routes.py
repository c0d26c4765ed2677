"""Every route of the application, read from the URL resolver, so that a new route cannot escape the matrix."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    params: tuple[str, ...]


def _walk(patterns: list, prefix: str, namespace: str | None) -> Iterator[Route]:  # type: ignore[type-arg]
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            pattern = prefix + str(p.pattern)
            name = p.name or pattern
            full = f"{namespace}:{name}" if namespace and p.name else name
            params = tuple(re.findall(r"<(?:\w+:)?(\w+)>", pattern)) + tuple(re.findall(r"\(\?P<(\w+)>", pattern))
            yield Route(full, pattern, params)


def all_routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns, "", None))
