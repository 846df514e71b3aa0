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
    """Per droppable unit: the fraction of frames that kept it (bars) beside its keep probability k = 1 - p (marks),
    on a shaded band k ± 2 sqrt(k (1 - k) / n), two binomial standard errors: where about 95% of bars end for n masks.

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
    n = mu.shape[0]
    freq = (mu > 0.5).double().mean(0).numpy()
    tick = float(np.clip(600 / d, 14, 60))  # roughly the bar width, in px
    k = keep.numpy()
    low, high = keep_band(k, n)
    traces = [
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
            customdata=np.stack([low, high], axis=1),
            cliponaxis=False,  # a keep probability of 1 sits on the top edge
            hovertemplate="%{x}: %{y:.2f} (%{customdata[0]:.2f}–%{customdata[1]:.2f})<extra></extra>",
        ),
    ]
    shapes = [
        {
            "type": "rect",
            "xref": "x",
            "yref": "y",
            "x0": first - 0.5,
            "x1": last + 0.5,
            "y0": float(low[first]),
            "y1": float(high[first]),
            "fillcolor": palette.VERMILION,
            "opacity": BAND_OPACITY,
            "line": {"width": 0},
            "layer": "below",  # behind the bars (over them it tinted every bar in two tones); seen beside each end
        }
        for first, last in _runs(low, high)
    ]
    if shapes:  # a legend entry for the band (shapes have none)
        traces.append(
            go.Scatter(
                x=[names[0]],
                y=[None],
                mode="markers",
                name=t("masks.band", lang, n=n),
                marker={"symbol": "square", "size": 14, "color": palette.VERMILION, "opacity": BAND_OPACITY},
                hoverinfo="skip",
            )
        )
    fig = go.Figure(traces)
    fig.update_layout(
        shapes=shapes,
        # Title at the top, then the legend one entry a row: a row of entries would wrap to as many rows as the
        # width asks for, upward into the title, so the margin is made for the rows there are.
        title={
            "text": t("fig.keep.title", lang, n=n),
            "font": {"size": TITLE_SIZE},
            "yref": "container",
            "y": 1.0,
            "yanchor": "top",
            "pad": {"t": 12},
        },
        yaxis={"range": [0, 1], "title": {"text": t("fig.keep.yaxis", lang)}},
        xaxis={"title": {"text": t("fig.keep.xaxis", lang)}, "type": "category"},
        template="plotly_white",
        font={"size": FONT_SIZE},
        bargap=0.25,
        height=TITLE_PX + LEGEND_ROW_PX * len(traces) + PLOT_PX,
        margin={"l": 60, "r": 20, "t": TITLE_PX + LEGEND_ROW_PX * len(traces), "b": 60},
        legend={"orientation": "v", "x": 0, "y": 1.02, "yanchor": "bottom"},
    )
    return fig


BAND_OPACITY = 0.2
TITLE_PX = 48  # the title's line and the gap under it
LEGEND_ROW_PX = 22  # one legend entry at FONT_SIZE
PLOT_PX = 270  # the bars, their unit names and the axis titles


def keep_band(keep: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """k ± 2 sqrt(k (1 - k) / n), cut to [0, 1]: where the fraction of n Bernoulli(k) draws lands about 95% of
    the time (two binomial standard errors; exactly k when k is 0 or 1)."""
    if n < 1:
        raise ValueError(f"need at least one mask, got {n}")
    keep = np.asarray(keep, dtype=float)
    spread = 2 * np.sqrt(keep * (1 - keep) / n)
    return np.clip(keep - spread, 0, 1), np.clip(keep + spread, 0, 1)


def _runs(low: np.ndarray, high: np.ndarray) -> list[tuple[int, int]]:
    """(first, last) index of each run of neighbouring units with the same band, leaving out empty bands: one
    rectangle per layer when a layer shares one keep probability."""
    runs: list[tuple[int, int]] = []
    for i in range(len(low)):
        if high[i] - low[i] <= 0:
            continue
        if runs and runs[-1][1] == i - 1 and low[i] == low[i - 1] and high[i] == high[i - 1]:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs
