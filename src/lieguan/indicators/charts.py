"""An indicator's monthly trend as a line chart drawn on the server in SVG: no script, no style attributes.

Colours are SVG presentation attributes (the Content-Security-Policy refuses
style attributes); every figure is also in the chart's description and in the
table beside it, for screen readers.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from lieguan.core.svgchart import esc, grid, nice_top
from lieguan.indicators.months import roc_label
from lieguan.indicators.rules import figure

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 60, 20, 30, 50
LINE, AVERAGE, HIT, INK, GRID = "#0b4f8a", "#6e7781", "#a4262c", "#1b1f24", "#c9d1d9"

Series = list[tuple[dt.date, Decimal | None]]


def _path(points: list[tuple[float, float] | None]) -> str:
    parts, pen = [], "M"
    for point in points:
        if point is None:
            pen = "M"
            continue
        parts.append(f"{pen}{point[0]:.1f},{point[1]:.1f}")
        pen = "L"
    return " ".join(parts)


def trend_chart(
    series: Series, *, title: str, average: Series | None = None, hits: set[dt.date] | frozenset[dt.date] = frozenset(), chart_id: str
) -> SafeString:
    """The values month by month; the city average dashed beside them; months a rule caught drawn as red squares."""
    months = [m for m, _ in series]
    figures = [v for _, v in series if v is not None] + [v for _, v in (average or []) if v is not None]
    top = nice_top(max(figures or [Decimal(1)]))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(months))

    def x(i: int) -> float:
        return LEFT + step * (i + 0.5)

    def y(v: Decimal) -> float:
        return TOP + plot_h - float(v / top) * plot_h

    described = _("；").join(
        f"{roc_label(m)}{_('：')}{_('未填報') if v is None else figure(v)}{_('（觸發警示）') if m in hits else ''}" for m, v in series
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" class="chart" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d">',
        f'<title id="{chart_id}-t" data-record>{esc(title)}</title>',
        f'<desc id="{chart_id}-d" data-record>{esc(described or _("沒有資料。"))}</desc>',
    ]
    # Ticks and ROC months are data, marked as such; the legend below is interface.
    out.append("<g data-record>")
    out += grid(top, left=LEFT, right=WIDTH - RIGHT, y=y, label=figure, ink=INK, line=GRID)
    every = max(1, len(months) // 12)
    for i, m in enumerate(months):
        if i % every == 0:
            out.append(
                f'<text x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" font-size="11" fill="{INK}">{roc_label(m)}</text>'
            )
    out.append("</g>")
    if average:
        points = [None if v is None else (x(i), y(v)) for i, (_, v) in enumerate(average)]
        out.append(f'<path d="{_path(points)}" fill="none" stroke="{AVERAGE}" stroke-width="2" stroke-dasharray="6 4"/>')
    points = [None if v is None else (x(i), y(v)) for i, (_, v) in enumerate(series)]
    out.append(f'<path d="{_path(points)}" fill="none" stroke="{LINE}" stroke-width="2.5"/>')
    for i, (m, v) in enumerate(series):
        if v is None:
            continue
        if m in hits:
            out.append(f'<rect x="{x(i) - 5:.1f}" y="{y(v) - 5:.1f}" width="10" height="10" fill="{HIT}"/>')
        else:
            out.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3.5" fill="{LINE}"/>')
    legend_y = HEIGHT - 12
    out.append(f'<line x1="{LEFT}" y1="{legend_y - 4}" x2="{LEFT + 24}" y2="{legend_y - 4}" stroke="{LINE}" stroke-width="2.5"/>')
    out.append(f'<text x="{LEFT + 30}" y="{legend_y}" font-size="11" fill="{INK}">{esc(_("數值"))}</text>')
    if average:
        dashed = f'stroke="{AVERAGE}" stroke-width="2" stroke-dasharray="6 4"'
        out.append(f'<line x1="{LEFT + 80}" y1="{legend_y - 4}" x2="{LEFT + 104}" y2="{legend_y - 4}" {dashed}/>')
        out.append(f'<text x="{LEFT + 110}" y="{legend_y}" font-size="11" fill="{INK}">{esc(_("全市平均"))}</text>')
    out.append(f'<rect x="{LEFT + 180}" y="{legend_y - 9}" width="10" height="10" fill="{HIT}"/>')
    out.append(f'<text x="{LEFT + 196}" y="{legend_y}" font-size="11" fill="{INK}">{esc(_("觸發警示"))}</text>')
    out.append("</svg>")
    return mark_safe("\n".join(out))  # noqa: S308  (every text above is escaped)
