"""A plain SVG bar chart drawn at build time: no JavaScript, no library, no request to anyone."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from mittendrin.inventory.coverage import mark

BAR_HEIGHT = 28
GAP = 10
LABEL_WIDTH = 130
BAR_AREA = 360
TEXT_WIDTH = 110
BRAND = "#7a2e0e"  # the site's brand colour; 8.9:1 against white
TEXT = "#1b1b1b"


def bar_chart(chart_id: str, title: str, bars: Sequence[tuple[str, int]], note: str) -> Markup:
    """Horizontal bars with the number written beside each one; `note` points to the table with the same numbers.

    An empty bar is written out as "0 (Lücke)", so gaps are read, not only seen.
    """
    biggest = max((count for _, count in bars), default=0) or 1
    height = len(bars) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_AREA + TEXT_WIDTH
    rows = []
    for i, (label, count) in enumerate(bars):
        y = GAP + i * (BAR_HEIGHT + GAP)
        length = round(BAR_AREA * count / biggest)
        middle = y + BAR_HEIGHT / 2
        value = f"{count} ({mark(count)})" if mark(count) else str(count)
        rows.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{middle}" text-anchor="end" dominant-baseline="middle">{escape(label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR_HEIGHT}" fill="{BRAND}"/>'
            f'<text x="{LABEL_WIDTH + length + 8}" y="{middle}" dominant-baseline="middle">{escape(value)}</text>'
        )
    return Markup(
        f'<svg id="{chart_id}" class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="{chart_id}-titel {chart_id}-text" font-family="system-ui, sans-serif" '
        f'font-size="16" fill="{TEXT}">'
        f'<title id="{chart_id}-titel">{escape(title)}</title>'
        f'<desc id="{chart_id}-text">{escape(note)}</desc>' + "".join(rows) + "</svg>"
    )
