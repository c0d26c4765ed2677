"""What every server-drawn SVG chart shares: escaping, a round axis top, and the grid with its ticks.

Charts are drawn as SVG on the server (no script; colours as presentation
attributes, which the Content-Security-Policy allows where style attributes
are not), and each states its figures in a <desc> for screen readers.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from decimal import Decimal


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def nice_top(value: Decimal) -> Decimal:
    """A round top for the axis: 4 → 5, 17 → 20, 99.7 → 100, 141 → 200."""
    value = max(value, Decimal(1))
    magnitude = Decimal(1)
    while magnitude * 10 <= value:
        magnitude *= 10
    while magnitude > value:
        magnitude /= 10
    for step in ("1", "2", "2.5", "5", "10"):
        if magnitude * Decimal(step) >= value:
            return magnitude * Decimal(step)
    return magnitude * 10


def grid(
    top: Decimal, *, left: int, right: int, y: Callable[[Decimal], float], label: Callable[[Decimal], str], ink: str, line: str
) -> list[str]:
    """Five horizontal grid lines from 0 to ``top``, each with its tick label at the left."""
    out = []
    for k in range(5):
        value = top * k / 4
        gy = y(value)
        out.append(f'<line class="chart-grid" x1="{left}" y1="{gy:.1f}" x2="{right}" y2="{gy:.1f}" stroke="{line}" stroke-width="1"/>')
        out.append(
            f'<text class="chart-tick" x="{left - 6}" y="{gy + 4:.1f}" text-anchor="end" font-size="11" fill="{ink}">'
            f"{esc(label(value))}</text>"
        )
    return out
