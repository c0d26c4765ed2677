"""The home page is assembled from panels that each app contributes for the signed-in user.

An app registers a function ``(request, viewer) -> Panel | None`` in its
AppConfig.ready(); the home page shows the panels that answer, in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest


@dataclass
class Panel:
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


PanelProvider = Callable[[HttpRequest, Any], Panel | None]
_providers: list[PanelProvider] = []


def register_panel(provider: PanelProvider) -> PanelProvider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def panels_for(request: HttpRequest, viewer: Any) -> list[Panel]:
    found = [p for p in (provider(request, viewer) for provider in _providers) if p is not None]
    return sorted(found, key=lambda p: p.order)
