"""The masks of one minibatch: one row per example, one column per droppable unit.

Dropout draws a fresh mask for every example, not one per step: the rows differ, and each example of the
minibatch trains its own subnetwork, all of them on the same shared weights.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
import torch

from dropviz import palette
from dropviz.i18n import t
from dropviz.network_figure import FONT_SIZE, TITLE_SIZE, unit_names

KEPT_COLOR = palette.UNIT
DROPPED_COLOR = "#FFFFFF"


def minibatch_masks_figure(mu: torch.Tensor, widths: Sequence[int], lang: str = "en", title: str = "") -> go.Figure:
    """Heat map of masks ``mu [B, d]`` (1 = kept: dark, 0 = dropped: white), layers separated by gaps."""
    mu = torch.as_tensor(mu, dtype=torch.float32)
    if mu.dim() != 2 or mu.shape[0] < 1 or mu.shape[1] != sum(widths):
        raise ValueError(f"mu must have shape [B, {sum(widths)}] with B >= 1, got {list(mu.shape)}")
    names = unit_names([*widths, 1])[: mu.shape[1]]
    rows = [t("fig.batch.example", lang, i=i + 1) for i in range(mu.shape[0])]
    kept = mu.numpy() > 0.5
    hover = np.where(kept, t("fig.net.kept_unit", lang), t("fig.net.dropped_unit", lang))
    fig = go.Figure(
        go.Heatmap(
            z=kept.astype(float),
            x=names,
            y=rows,
            zmin=0,
            zmax=1,
            colorscale=[[0, DROPPED_COLOR], [1, KEPT_COLOR]],
            showscale=False,
            xgap=2,
            ygap=2,
            customdata=hover,
            hovertemplate="%{y}, %{x}: %{customdata}<extra></extra>",
        )
    )
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
    fig.update_xaxes(type="category", showgrid=False, tickangle=0, nticks=min(len(names), 12))
    fig.update_yaxes(type="category", autorange="reversed", showgrid=False)
    return fig
