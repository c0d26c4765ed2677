"""Figures as the register writes them: 15 次, 18.18%, 12,345 件."""

from __future__ import annotations

from decimal import Decimal

from django import template

from lieguan.kpis.achievement import figure, target_figure
from lieguan.kpis.models import Kpi, KpiTarget

register = template.Library()


@register.filter
def kpi_figure(value: Decimal | None, unit: str = "") -> str:
    return "—" if value is None else figure(Decimal(value), unit)


@register.filter
def kpi_target(target: KpiTarget | str | None, kpi: Kpi) -> str:
    """A period's target with the KPI's direction; a range shows both of its bounds."""
    if not isinstance(target, KpiTarget):  # no target, or no period at all (the template's empty string)
        return "—"
    return target_figure(kpi.direction, Decimal(target.target), kpi.unit, target.target_high)
