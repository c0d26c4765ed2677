"""Computed indicators: the month's figures counted from Lieguan's records, kept as values (new versions when they change)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from lieguan.core.actors import Actor
from lieguan.indicators.actions._common import check_manager
from lieguan.indicators.actions.evaluate import apply_rules
from lieguan.indicators.actions.values import write_value
from lieguan.indicators.computed import compute
from lieguan.indicators.models import Indicator, Source
from lieguan.indicators.months import shift
from lieguan.indicators.rules import agencies, applicable_agencies


def do_compute_values(actor: Actor, month: dt.date | None = None, *, today: dt.date | None = None) -> int:
    """Count every computed indicator for ``month`` (by default last month) and run the rules; returns the values written."""
    check_manager(actor)
    today = today or timezone.localdate()
    month = month or shift(today.replace(day=1), -1)
    indicators = list(Indicator.objects.filter(active=True, source=Source.COMPUTED).exclude(computed="").prefetch_related("agencies"))
    city = agencies()
    written = 0
    with transaction.atomic():
        for indicator in indicators:
            chosen = set(applicable_agencies(indicator, city))
            scope = [a for a in city if a.pk in chosen]
            figures = compute(indicator.computed, scope, month)
            for agency in scope:
                _, changed = write_value(
                    actor, indicator, agency, month, figures[agency.pk], source=Source.COMPUTED, note="系統依列管紀錄計算"
                )
                written += changed
        if written:
            apply_rules(actor, today=today, indicator_ids={i.pk for i in indicators})
    return written
