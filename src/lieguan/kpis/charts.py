"""A KPI's trend as a line chart drawn on the server in SVG: actuals as a line, targets as marks, no script, no styles.

Colours are SVG presentation attributes, which the Content-Security-Policy
allows where style attributes are not; every figure also appears in the
table under the chart and in the chart's description for screen readers.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from lieguan.core.svgchart import esc, grid, nice_top
from lieguan.kpis.achievement import figure
from lieguan.kpis.register import PeriodRow

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 70, 30, 40, 50
ACTUAL, TARGET, MISSED, INK, GRID = "#0b4f8a", "#1d6b35", "#a4262c", "#1b1f24", "#c9d1d9"


def description(rows: list[PeriodRow], unit: str) -> str:
    parts = []
    for r in rows:
        actual = figure(r.actual.value, unit) if r.actual else _("尚無實際值")
        target = _("，目標值 %(target)s") % {"target": figure(r.target.target, unit)} if r.target else ""
        parts.append(_("%(period)s：%(actual)s%(target)s") % {"period": r.period.worded_label, "actual": actual, "target": target})
    return _("；").join(parts) + _("。") if parts else _("沒有資料。")


def trend_chart(rows: list[PeriodRow], *, title: str, unit: str, id_prefix: str = "trend") -> SafeString:
    values = [r.actual.value for r in rows if r.actual] + [r.target.target for r in rows if r.target]
    values += [r.target.target_high for r in rows if r.target and r.target.target_high is not None]
    top = nice_top(max(values or [Decimal(1)]))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(rows))

    def x(i: int) -> float:
        return LEFT + step * (i + 0.5)

    def y(v: Decimal) -> float:
        return TOP + plot_h - float(v / top) * plot_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-labelledby="{id_prefix}-title {id_prefix}-desc">',
        f'<title id="{id_prefix}-title" data-record>{esc(title)}</title>',
        f'<desc id="{id_prefix}-desc" data-record>{esc(description(rows, unit))}</desc>',
        f'<line x1="{LEFT}" y1="14" x2="{LEFT + 24}" y2="14" stroke="{ACTUAL}" stroke-width="3"/>',
        f'<text class="chart-text" x="{LEFT + 30}" y="19" fill="{INK}">{esc(_("實際值"))}</text>',
        f'<line x1="{LEFT + 110}" y1="14" x2="{LEFT + 134}" y2="14" stroke="{TARGET}" stroke-width="2" stroke-dasharray="6 4"/>',
        f'<text class="chart-text" x="{LEFT + 140}" y="19" fill="{INK}">{esc(_("目標值"))}</text>',
        f'<circle cx="{LEFT + 222}" cy="14" r="5" fill="{MISSED}"/>',
        f'<text class="chart-text" x="{LEFT + 232}" y="19" fill="{INK}">{esc(_("未達目標"))}</text>',
    ]
    # Ticks and figures are the record's own (the KPI's unit): marked as data, with the periods among them.
    out.append("<g data-record>")
    out += grid(top, left=LEFT, right=WIDTH - RIGHT, y=y, label=lambda v: figure(v, unit), ink="#4a5560", line=GRID)
    for i, r in enumerate(rows):
        label_y = HEIGHT - BOTTOM + 20
        period = esc(r.period.worded_label)
        out.append(f'<text class="chart-label" x="{x(i):.1f}" y="{label_y}" text-anchor="middle" fill="{INK}">{period}</text>')
        if r.target is not None:
            half = min(step * 0.35, 40)
            for bound in (r.target.target, r.target.target_high):
                if bound is None:
                    continue
                ty = y(bound)
                tip = esc(_("%(period)s 目標值 %(figure)s") % {"period": r.period.worded_label, "figure": figure(bound, unit)})
                out.append(
                    f'<line x1="{x(i) - half:.1f}" y1="{ty:.1f}" x2="{x(i) + half:.1f}" y2="{ty:.1f}" stroke="{TARGET}" '
                    f'stroke-width="2" stroke-dasharray="6 4"><title>{tip}</title></line>'
                )
    points = [(x(i), y(r.actual.value), r) for i, r in enumerate(rows) if r.actual is not None]
    if len(points) > 1:
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _ in points)
        out.append(f'<polyline points="{path}" fill="none" stroke="{ACTUAL}" stroke-width="3"/>')
    for px, py, r in points:
        assert r.actual is not None
        colour = MISSED if r.assessment.met is False else ACTUAL
        label = _("%(period)s 實際值 %(figure)s") % {"period": r.period.worded_label, "figure": figure(r.actual.value, unit)}
        out.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="6" fill="{colour}"><title>{esc(label)}</title></circle>')
        shown = esc(figure(r.actual.value, unit))
        out.append(f'<text class="chart-value" x="{px:.1f}" y="{py - 12:.1f}" text-anchor="middle" fill="{INK}">{shown}</text>')
    out.append("</g>")
    out.append("</svg>")
    return mark_safe("\n".join(out))  # noqa: S308  (every text above is escaped)
