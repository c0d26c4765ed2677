from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def lieguan(request: HttpRequest) -> dict[str, Any]:
    return {
        "CITY_NAME": settings.CITY_NAME,
        "PUBLIC_PORTAL": settings.PUBLIC_PORTAL,
    }
