"""Starting a test with no request counted against the API's rate limits, wherever they are counted."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import caches

from lieguan.api.models import RateCounter


def reset_rate_counters() -> None:
    """Earlier tests' requests (schemathesis makes thousands) must not count against this test's."""
    RateCounter.objects.all().delete()
    if "shared" in settings.CACHES:  # LIEGUAN_CACHE_URL: the counters are in Redis
        caches["shared"].clear()
