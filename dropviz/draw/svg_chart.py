"""A small line chart as an SVG string: the Train page's loss and accuracy curves while they change every second.

Streamlit's line chart re-embeds a Vega view for each change, which blocked the browser for 0.2-1.2 s each time
and stalled the surfaces; replacing an SVG image costs almost nothing. Only numpy and the standard library.
"""

from __future__ import annotations

from html import escape

import numpy as np

Series = tuple[str, str, bool, list, list]  # (label, colour, dashed, steps, values)


def nice_ticks(top: float, count: int = 4) -> list[float]:
    """Round tick values from 0 to about ``top``: steps of 1, 2 or 5 times a power of ten."""
    raw = max(top, 1e-12) / count
    unit = 10 ** np.floor(np.log10(raw))
    step = next(m * unit for m in (1, 2, 5, 10) if m * unit >= raw)
    return [float(step * k) for k in range(int(top / step + 1e-9) + 1)]


def svg_chart(series: list[Series], x_label: str, y_label: str, y_top: float | None) -> str:
    """Lines of ``series`` (label, colour, dashed, steps, values) against training step, a legend of two columns
    above; values above ``y_top`` (default: 5 % over the largest) are drawn at the top."""
    width, height, left, right, top, bottom = 480, 310, 60, 12, 62, 52
    finite = [v for *_, values in series for v in values if np.isfinite(v)]
    steps = [x for *_, xs, _ in series for x in xs]
    x_top = max(steps, default=0) or 1
    y_top = y_top or (max(finite, default=0) * 1.05) or 1.0
    sx = (width - left - right) / x_top
    sy = (height - top - bottom) / y_top

    def px(x: float, y: float) -> str:
        return f"{left + x * sx:.1f},{height - bottom - min(max(y, 0.0), y_top) * sy:.1f}"

    parts = [
        f'<svg viewBox="0 0 {width} {height}" width="100%" xmlns="http://www.w3.org/2000/svg" '
        'font-family="sans-serif" font-size="16" fill="#31333F">'
    ]
    for tick in nice_ticks(y_top):
        y = height - bottom - tick * sy
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e6e6e6"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 5:.1f}" text-anchor="end">{tick:g}</text>')
    for tick in (tick for tick in nice_ticks(x_top) if tick == int(tick)):  # steps are whole: no "0.5" at step 0
        x = left + tick * sx
        parts.append(f'<text x="{x:.1f}" y="{height - bottom + 20}" text-anchor="middle">{tick:g}</text>')
    parts.append(
        f'<text x="{(left + width - right) / 2}" y="{height - 8}" text-anchor="middle">{escape(x_label)}</text>'
    )
    parts.append(
        f'<text transform="translate(16 {(top + height - bottom) / 2}) rotate(-90)" text-anchor="middle">'
        f"{escape(y_label)}</text>"
    )
    parts.append(
        f'<rect x="{left}" y="{top}" width="{width - left - right}" height="{height - top - bottom}" '
        'fill="none" stroke="#bbbbbb"/>'
    )
    for k, (label, color, dashed, xs, values) in enumerate(series):
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        points = [px(x, v) for x, v in zip(xs, values) if np.isfinite(v)]
        if len(points) == 1:  # step 0 alone: a line of one point draws nothing, so a dot (hollow for test)
            cx, cy = points[0].split(",")
            fill = "white" if dashed else color
            parts.append(f'<circle cx="{cx}" cy="{cy}" r="5" fill="{fill}" stroke="{color}" stroke-width="2"/>')
        parts.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="{color}" stroke-width="2.5"{dash}/>')
        lx, ly = 8 + (k % 2) * 236, 16 + (k // 2) * 24  # legend: two columns above the plot
        parts.append(f'<line x1="{lx}" x2="{lx + 26}" y1="{ly}" y2="{ly}" stroke="{color}" stroke-width="2.5"{dash}/>')
        parts.append(f'<text x="{lx + 32}" y="{ly + 5}">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)
