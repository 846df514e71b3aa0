"""How often each unit was kept across sampled masks, against its keep probability 1 - p."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
import torch

from dropviz.draw import palette
from dropviz.draw.network_figure import FONT_SIZE, TITLE_SIZE, unit_names
from dropviz.i18n import t


def keep_frequency_figure(
    mu_frames: torch.Tensor,
    keep_probs: torch.Tensor,
    layer_sizes: Sequence[int],
    lang: str = "en",
) -> go.Figure:
    """Per droppable unit: the fraction of frames that kept it (bars) beside its keep probability 1 - p (marks),
    with whiskers of two binomial standard errors, 2 sqrt(k (1 - k) / n): where about 95% of bars end for n masks.

    ``layer_sizes`` is either the model's full ``layer_sizes`` (outputs last, never dropped) or just the
    droppable widths; whichever sums to d = ``mu_frames.shape[1]``.
    """
    mu = torch.as_tensor(mu_frames, dtype=torch.float64)
    if mu.dim() == 1:
        mu = mu[None]
    keep = torch.as_tensor(keep_probs, dtype=torch.float64).reshape(-1)
    sizes = [int(n) for n in layer_sizes]
    d = mu.shape[1]
    if sum(sizes) == d:
        widths = sizes
    elif sum(sizes[:-1]) == d:
        widths = sizes[:-1]
    else:
        raise ValueError(f"layer sizes {sizes} do not match masks of {d} units")
    if mu.shape[0] < 1 or keep.numel() != d:
        raise ValueError(f"need at least one mask and {d} keep probabilities, got {mu.shape[0]} and {keep.numel()}")
    names = unit_names([*widths, 1])[:d]
    freq = (mu > 0.5).double().mean(0).numpy()
    tick = float(np.clip(600 / d, 14, 60))  # roughly the bar width, in px
    k = keep.numpy()
    spread = 2 * np.sqrt(k * (1 - k) / mu.shape[0])
    fig = go.Figure(
        [
            go.Bar(
                x=names,
                y=freq,
                name=t("fig.keep.kept", lang),
                marker={"color": palette.SKY, "line": {"color": palette.BLUE, "width": 1}},
                hovertemplate="%{x}: %{y:.2f}<extra></extra>",
            ),
            go.Scatter(
                x=names,
                y=k,
                name=t("fig.keep.keep_prob", lang),
                mode="markers",
                marker={"symbol": "line-ew", "size": tick, "line": {"color": palette.VERMILION, "width": 4}},
                error_y={
                    "type": "data",
                    "array": np.minimum(spread, 1 - k),  # a fraction stays within [0, 1]
                    "arrayminus": np.minimum(spread, k),
                    "color": palette.VERMILION,
                    "thickness": 1.5,
                    "width": tick / 4,
                },
                cliponaxis=False,  # a keep probability of 1 sits on the top edge
                hovertemplate="%{x}: %{y:.2f}<extra></extra>",
            ),
        ]
    )
    fig.update_layout(
        title={"text": t("fig.keep.title", lang, n=mu.shape[0]), "font": {"size": TITLE_SIZE}},
        yaxis={"range": [0, 1], "title": {"text": t("fig.keep.yaxis", lang)}},
        xaxis={"title": {"text": t("fig.keep.xaxis", lang)}, "type": "category"},
        template="plotly_white",
        font={"size": FONT_SIZE},
        bargap=0.25,
        height=360,
        margin={"l": 60, "r": 20, "t": 90, "b": 60},
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
    )
    return fig
