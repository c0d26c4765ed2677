"""Figures as the register writes them: 15 次, 18.18%, 12,345 件."""

from __future__ import annotations

from decimal import Decimal

from django import template

from lieguan.kpis.achievement import figure

register = template.Library()


@register.filter
def kpi_figure(value: Decimal | None, unit: str = "") -> str:
    return "—" if value is None else figure(Decimal(value), unit)
