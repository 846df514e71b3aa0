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


def minibatch_masks_figure(
    mu: torch.Tensor, widths: Sequence[int], lang: str = "en", title: str = "", kind: str = "mask"
) -> go.Figure:
    """Heat map of one minibatch's noise ``[B, d]``, one row per example, layers separated by lines.

    ``kind``: "mask" (0/1: dropped white, kept dark), "multiplier" (Gaussian noise, on a scale where 1 is grey
    and negative values show) or "share" (DropConnect: the share of each unit's outgoing weights kept, 0 to 1).
    """
    mu = torch.as_tensor(mu, dtype=torch.float32)
    if mu.dim() != 2 or mu.shape[0] < 1 or mu.shape[1] != sum(widths):
        raise ValueError(f"mu must have shape [B, {sum(widths)}] with B >= 1, got {list(mu.shape)}")
    names = unit_names([*widths, 1])[: mu.shape[1]]
    rows = [t("fig.batch.example", lang, i=i + 1) for i in range(mu.shape[0])]
    fig = go.Figure(_heatmap(mu.numpy(), names, rows, kind, lang))
    edges = np.cumsum(widths)[:-1] - 0.5
    for x in edges:  # a line between layers, so "inputs | hidden 1 | hidden 2" reads at a glance
        fig.add_vline(x=float(x), line={"color": palette.VERMILION, "width": 3})
    fig.update_layout(
        title={"text": title or t("fig.batch.title", lang, b=mu.shape[0]), "font": {"size": TITLE_SIZE}},
        template="plotly_white",
        font={"size": FONT_SIZE},
        height=max(260, 60 + 24 * mu.shape[0]),
        margin={"l": 90, "r": 20, "t": 75, "b": 40},
        plot_bgcolor=palette.DROPPED_EDGE,
    )
    # One tick per layer, at its middle unit (a label per unit would overlap); hovering still names each unit.
    starts = np.concatenate([[0], np.cumsum(widths)[:-1]])
    middles = [names[int(start + (width - 1) // 2)] for start, width in zip(starts, widths)]
    layers = [t("fig.layer.inputs", lang)] + [t("fig.layer.hidden", lang, i=i) for i in range(1, len(widths))]
    fig.update_xaxes(type="category", showgrid=False, tickangle=0, tickmode="array", tickvals=middles, ticktext=layers)
    fig.update_yaxes(type="category", autorange="reversed", showgrid=False)
    return fig


def _heatmap(values: np.ndarray, names: list[str], rows: list[str], kind: str, lang: str) -> go.Heatmap:
    common = {"x": names, "y": rows, "xgap": 2, "ygap": 2}
    if kind == "mask":
        kept = values > 0.5
        hover = np.where(kept, t("fig.net.kept_unit", lang), t("fig.net.dropped_unit", lang))
        return go.Heatmap(
            z=kept.astype(float),
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
