"""The masks of one minibatch: one row per example, one column per droppable unit.

Dropout draws a fresh mask for every example, not one per step: the rows differ, and each example of the
minibatch trains its own subnetwork, all of them on the same shared weights.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
import torch

from dropviz.draw import palette
from dropviz.draw.network_figure import FONT_SIZE, TITLE_SIZE, unit_names
from dropviz.i18n import t

KEPT_COLOR = palette.UNIT
DROPPED_COLOR = "#FFFFFF"


# Gaussian multipliers: negative (possible when p > 0) in vermilion, 0 white, 1 (unchanged) grey, 3+ black.
MULTIPLIER_RANGE = (-1.0, 3.0)
MULTIPLIER_SCALE = [[0.0, palette.VERMILION], [0.25, "#FFFFFF"], [0.5, "#9A9A9A"], [1.0, "#000000"]]


NARROW = 24  # more columns than this: cells too narrow for gaps between them, layer names on two rows
# The bar between two layers: vermilion, except where vermilion already means a negative multiplier.
SEPARATOR = {"mask": palette.VERMILION, "share": palette.VERMILION, "multiplier": palette.PINK}
ROW_PX = 22  # the height of an example's row
LEGEND = {"mask": "fig.batch.legend", "multiplier": "masks.legend_multiplier", "share": "masks.legend_share"}


def minibatch_masks_figure(
    mu: torch.Tensor, widths: Sequence[int], lang: str = "en", title: str = "", kind: str = "mask"
) -> go.Figure:
    """Heat map of one minibatch's noise ``[B, d]``, one row per example, one column per unit, layers apart.

    ``kind``: "mask" (0/1: dropped white, kept dark), "multiplier" (Gaussian noise, on a scale where 1 is grey
    and negative values show) or "share" (DropConnect: the share of each unit's outgoing weights kept, 0 to 1).
    Between two layers sits an empty column with a bar, so the bar never hides a unit, however narrow; under the
    layer names a legend says what the colours mean.
    """
    mu = torch.as_tensor(mu, dtype=torch.float32)
    if mu.dim() != 2 or mu.shape[0] < 1 or mu.shape[1] != sum(widths):
        raise ValueError(f"mu must have shape [B, {sum(widths)}] with B >= 1, got {list(mu.shape)}")
    values, names, separators = _with_separators(mu.numpy(), list(widths))
    rows = [t("fig.batch.example", lang, i=i + 1) for i in range(mu.shape[0])]
    narrow = len(names) > NARROW
    fig = go.Figure(_heatmap(values, names, rows, kind, lang, gap=0 if narrow else 2))
    half = min(0.4, len(names) / 100)  # in columns: a bar of about 3 px in a figure some 250 px wide
    for x in separators:
        fig.add_vrect(x0=x - half, x1=x + half, fillcolor=SEPARATOR[kind], opacity=1, line_width=0, layer="above")
    legend = t(LEGEND[kind], lang)
    ticks_px = 48 if narrow else 28  # layer names on one or two rows, and a gap before the legend
    legend_px = 20 * (legend.count("<br>") + 1)
    fig.update_layout(
        title={"text": title or t("fig.batch.title", lang, b=mu.shape[0]), "font": {"size": TITLE_SIZE}},
        template="plotly_white",
        font={"size": FONT_SIZE},
        height=max(260, 75 + ROW_PX * mu.shape[0] + ticks_px + legend_px + 10),
        margin={"l": 90, "r": 20, "t": 75, "b": ticks_px + legend_px + 10},
        plot_bgcolor=palette.DROPPED_EDGE,  # shows between cells, so a white (dropped) cell reads as a cell
    )
    # What the colours mean, under the layer names (the other kinds also have a colour bar, but no words).
    fig.add_annotation(
        text=legend,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yanchor="top",
        xanchor="left",
        align="left",
        showarrow=False,
        xshift=-80,  # from the figure's left edge (the margin holds the row names), not the heat map's
        yshift=-ticks_px,
        font={"size": FONT_SIZE - 1},
    )
    # One tick per layer, at its middle unit (a label per unit would overlap); hovering still names each unit.
    # Narrow columns: every other layer name one line lower, so "inputs" (2 columns) and "hidden 1" do not collide.
    starts = np.concatenate([[0], np.cumsum(widths)[:-1]])
    middles = [names[int(start + i + (width - 1) // 2)] for i, (start, width) in enumerate(zip(starts, widths))]
    layers = [t("fig.layer.inputs", lang)] + [t("fig.layer.hidden", lang, i=i) for i in range(1, len(widths))]
    if narrow:
        layers = [("<br>" if i % 2 else "") + name for i, name in enumerate(layers)]
    fig.update_xaxes(type="category", showgrid=False, tickangle=0, tickmode="array", tickvals=middles, ticktext=layers)
    fig.update_yaxes(type="category", autorange="reversed", showgrid=False)
    return fig


def _with_separators(values: np.ndarray, widths: list[int]) -> tuple[np.ndarray, list[str], list[int]]:
    """``values`` with an empty (NaN) column between layers, the column names, and where the empty columns are."""
    names = unit_names([*widths, 1])[: sum(widths)]
    columns, labels, separators, start = [], [], [], 0
    for i, width in enumerate(widths):
        if i:
            separators.append(len(labels))
            columns.append(np.full((values.shape[0], 1), np.nan))
            labels.append(" " * i)  # a distinct blank category per gap
        columns.append(values[:, start : start + width])
        labels += names[start : start + width]
        start += width
    return np.concatenate(columns, axis=1), labels, separators


def _heatmap(values: np.ndarray, names: list[str], rows: list[str], kind: str, lang: str, gap: int) -> go.Heatmap:
    common = {"x": names, "y": rows, "xgap": gap, "ygap": 2, "hoverongaps": False}
    if kind == "mask":
        kept = np.where(np.isnan(values), np.nan, values > 0.5)
        hover = np.where(kept == 1, t("fig.net.kept_unit", lang), t("fig.net.dropped_unit", lang))
        return go.Heatmap(
            z=kept,
            zmin=0,
            zmax=1,
            colorscale=[[0, DROPPED_COLOR], [1, KEPT_COLOR]],
            showscale=False,
            customdata=hover,
            hovertemplate="%{y}, %{x}: %{customdata}<extra></extra>",
            **common,
        )
    if kind not in ("multiplier", "share"):
        raise ValueError(f"kind must be 'mask', 'multiplier' or 'share', got {kind!r}")
    low, high = MULTIPLIER_RANGE if kind == "multiplier" else (0.0, 1.0)
    scale = MULTIPLIER_SCALE if kind == "multiplier" else [[0, DROPPED_COLOR], [1, KEPT_COLOR]]
    return go.Heatmap(
        z=values,
        zmin=low,
        zmax=high,
        colorscale=scale,
        colorbar={"title": {"text": t(f"fig.batch.{kind}", lang), "side": "right"}, "thickness": 12},
        hovertemplate="%{y}, %{x}: %{z:.2f}<extra></extra>",
        **common,
    )
