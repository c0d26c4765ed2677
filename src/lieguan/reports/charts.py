"""A bar chart drawn on the server as SVG: no script, no styles in the markup, the same numbers as the table.

Colours come from classes in lieguan.css (and SVG presentation attributes as a
fallback), which the Content-Security-Policy allows where style attributes are not.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lieguan.reports.statistics import Figures


@dataclass(frozen=True)
class Measure:
    name: str
    label: str | Promise
    colour: str


MEASURES = (
    Measure("open", _("列管中"), "#0b4f8a"),
    Measure("overdue", _("逾期"), "#a4262c"),
    Measure("released", _("本期解除列管"), "#1d6b35"),
)

LABEL_WIDTH = 150
PLOT_WIDTH = 520
BAR = 14
GAP = 3
GROUP_GAP = 14
TOP = 44
WIDTH = LABEL_WIDTH + PLOT_WIDTH + 50


def nice_max(value: int) -> int:
    """A round top for an axis of four equal whole steps: 2 → 4, 7 → 8, 23 → 40, 180 → 200."""
    magnitude = 1
    while True:
        for step in (1, 2, 5):
            if 4 * step * magnitude >= max(value, 1):
                return 4 * step * magnitude
        magnitude *= 10


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def bar_chart(rows: list[Figures], *, title: str, description: str, id_prefix: str = "chart") -> SafeString:
    """Grouped horizontal bars per row (agency): 列管中, 逾期, 本期解除列管."""
    top = nice_max(max([getattr(r, m.name) for r in rows for m in MEASURES] or [0]))
    group_height = len(MEASURES) * (BAR + GAP) + GROUP_GAP
    height = TOP + max(1, len(rows)) * group_height + 30
    scale = PLOT_WIDTH / top
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-labelledby="{id_prefix}-title {id_prefix}-desc">',
        f'<title id="{id_prefix}-title">{_esc(title)}</title>',
        f'<desc id="{id_prefix}-desc" data-record>{_esc(description)}</desc>',
    ]
    # Legend.
    x = LABEL_WIDTH
    for m in MEASURES:
        out.append(f'<rect class="chart-bar chart-bar--{m.name}" x="{x}" y="8" width="14" height="14" fill="{m.colour}"/>')
        out.append(f'<text class="chart-text" x="{x + 20}" y="20" fill="#1b1f24">{_esc(str(m.label))}</text>')
        x += 40 + 16 * len(str(m.label))
    # Grid and axis labels.
    plot_bottom = height - 24
    for n in range(5):
        value = top * n // 4
        gx = LABEL_WIDTH + value * scale
        out.append(f'<line class="chart-grid" x1="{gx:.1f}" y1="{TOP - 6}" x2="{gx:.1f}" y2="{plot_bottom}" stroke="#c9d1d9"/>')
        out.append(f'<text class="chart-tick" x="{gx:.1f}" y="{plot_bottom + 16}" text-anchor="middle" fill="#4a5560">{value}</text>')
    for i, row in enumerate(rows):
        y0 = TOP + i * group_height
        label_y = y0 + (len(MEASURES) * (BAR + GAP)) / 2 + 4
        out.append(
            f'<text class="chart-label" x="{LABEL_WIDTH - 8}" y="{label_y:.1f}" text-anchor="end" fill="#1b1f24" data-record>'
            f"{_esc(row.label)}</text>"
        )
        for j, m in enumerate(MEASURES):
            value = int(getattr(row, m.name))
            y = y0 + j * (BAR + GAP)
            w = value * scale
            out.append(
                f'<rect class="chart-bar chart-bar--{m.name}" x="{LABEL_WIDTH}" y="{y}" width="{w:.1f}" height="{BAR}" '
                f'fill="{m.colour}"><title data-record>{_esc(row.label)} {_esc(str(m.label))}{_esc(gettext("："))}{value}</title></rect>'
            )
            out.append(f'<text class="chart-value" x="{LABEL_WIDTH + w + 4:.1f}" y="{y + BAR - 3}" fill="#1b1f24">{value}</text>')
    out.append("</svg>")
    return mark_safe("\n".join(out))  # noqa: S308  (every text above is escaped)


def chart_description(rows: list[Figures]) -> str:
    if not rows:
        return gettext("沒有資料。")
    each = gettext("%(agency)s：列管中 %(open)s、逾期 %(overdue)s、本期解除列管 %(released)s")
    parts = [each % {"agency": r.label, "open": r.open, "overdue": r.overdue, "released": r.released} for r in rows]
    return gettext("各機關列管件數。") + gettext("；").join(parts) + gettext("。")
