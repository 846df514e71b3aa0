"""Plotly figures of the "Beyond the book" page: how fast sampling converges, and Monte Carlo dropout's maps.

Projector-readable like every figure of the app (``figures.apply_projector_style``: fonts of at least 14 px);
surfaces of class probabilities use the app's one colour language (``surface_image.probability_rgb``).
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
import torch
from plotly.subplots import make_subplots

from dropviz.core.convergence import SamplingCurve, guide_line
from dropviz.core.grid import Grid
from dropviz.draw import palette
from dropviz.draw.figures import AXIS_TITLE_SIZE, FONT_SIZE, apply_projector_style
from dropviz.draw.surface_image import probability_rgb, two_class_colorscale
from dropviz.i18n import t

# The rules get colours no other figure uses (Paul Tol's muted rose and olive, colour-blind safe together): the
# Okabe-Ito colours mean classes, blue and vermilion also the dropout net and its twin (Train page), and purple
# and dark green the signs of weights. Markers differ too (circle, diamond), so colour is never the only cue.
ARITHMETIC = "#CC6677"  # rose
GEOMETRIC = "#999933"  # olive
MARKERS = {ARITHMETIC: "circle", GEOMETRIC: "diamond"}
WEIGHT_SCALING = palette.UNIT  # dark grey: the rule every curve is set against
ZERO = 1e-9  # a distance this small is float error: the two rules are the same (no line on the log axis)
GUIDE = "#8A8A8A"
UNCERTAINTY_SCALE = "Viridis"  # an amount, like the difference maps of the Inference page
CONVERGENCE_HEIGHT = 340
UNCERTAINTY_HEIGHT = 440
SIDEBAR_UNCERTAINTY_HEIGHT = 380  # with the sidebar open at 1280 px the panels are about 200 px wide
BAND = (0.1, 0.9)  # quantiles over repeats drawn as a band


def _log_ticks(low: float, high: float) -> list[float]:
    """1, 3, 10, 30, ... times a power of ten, from just below ``low`` to just above ``high``: plain numbers a room
    can read (Plotly's own log ticks add small unlabelled-looking 2s and 5s)."""
    ticks = []
    for exponent in range(math.floor(math.log10(low)) - 1, math.ceil(math.log10(high)) + 1):
        for mantissa in (1, 3):
            value = mantissa * 10.0**exponent
            if low / 1.5 <= value <= high * 1.3:
                ticks.append(float(f"{value:.1g}"))
    return ticks


def _rgba(color: str, alpha: float) -> str:
    r, g, b = palette.hex_to_rgb(color)
    return f"rgba({r},{g},{b},{alpha})"


def _numpy(a) -> np.ndarray:
    return a.detach().cpu().numpy() if isinstance(a, torch.Tensor) else np.asarray(a)


def _band_traces(
    fig: go.Figure, ks: list[int], curve: SamplingCurve, values: torch.Tensor, color: str, name: str, col: int, fmt: str
) -> None:
    """A filled band between the BAND quantiles over repeats, and the median on top with markers."""
    median, low, high = (_numpy(v) for v in curve.band(values, *BAND))
    fig.add_trace(
        go.Scatter(
            x=ks + ks[::-1],
            y=list(high) + list(low[::-1]),
            fill="toself",
            fillcolor=_rgba(color, 0.2),
            mode="lines",  # Plotly's default for under 20 points adds markers, in its own colours
            line={"width": 0},
            hoverinfo="skip",
            showlegend=False,
            legendgroup=name,
            name=name,
        ),
        row=1,
        col=col,
    )
    fig.add_trace(
        go.Scatter(
            x=ks,
            y=list(median),
            mode="lines+markers",
            line={"color": color, "width": 3},
            marker={"size": 8, "color": color, "symbol": MARKERS.get(color, "circle")},
            name=name,
            legendgroup=name,
            showlegend=col == 1,
            hovertemplate="k=%{x}: %{y:" + fmt + "}<extra>" + name + "</extra>",
        ),
        row=1,
        col=col,
    )


def _horizontal(
    fig: go.Figure, ks: list[int], value: float, color: str, dash: str, name: str, col: int, fmt: str, legend: bool
) -> None:
    fig.add_trace(
        go.Scatter(
            x=[ks[0], ks[-1]],
            y=[value, value],
            mode="lines",
            line={"color": color, "width": 2.5, "dash": dash},
            name=name,
            legendgroup=name,
            showlegend=legend,
            hovertemplate=f"{name}: %{{y:{fmt}}}<extra></extra>",
        ),
        row=1,
        col=col,
    )


def convergence_figure(
    curve: SamplingCurve, lang: str = "en", height: int = CONVERGENCE_HEIGHT, noise: str = "bernoulli"
) -> go.Figure:
    """Left: mean total variation to the reference against k, log-log, medians with 10-90 % bands over repeats,
    a 1/sqrt(k) guide and the weight scaling rule's own distance from each mean (dotted; left out where it is 0).
    Right: test accuracy of the sampled arithmetic mean against k, with the weight scaling rule's as a dashed
    line. ``noise`` (the model's) names what k counts: masks, noise draws or weight masks."""
    ks = list(curve.ks)
    words = {name: t(f"beyond.{name}.{noise}", lang) for name in ("noun", "sampled")}
    if curve.reference == "exact":
        left_title = t("beyond.fig.error_exact", lang)
    else:
        left_title = t("beyond.fig.error_mc", lang, n=f"{curve.reference_masks:,}", **words)
    fig = make_subplots(
        rows=1, cols=2, subplot_titles=[left_title, t("beyond.fig.accuracy_title", lang)], horizontal_spacing=0.12
    )
    arith, geom = t("beyond.fig.arithmetic", lang), t("beyond.fig.geometric", lang)
    _band_traces(fig, ks, curve, curve.arithmetic_error, ARITHMETIC, arith, 1, ".4f")
    _band_traces(fig, ks, curve, curve.geometric_error, GEOMETRIC, geom, 1, ".4f")
    anchor = float(curve.band(curve.arithmetic_error, *BAND)[0][0])
    fig.add_trace(
        go.Scatter(
            x=ks,
            y=guide_line(ks, anchor),
            mode="lines",
            line={"color": GUIDE, "width": 2, "dash": "dash"},
            name=t("beyond.fig.guide", lang),
            hoverinfo="skip",
        ),
        row=1,
        col=1,
    )
    ws_arith, ws_geom = t("beyond.fig.ws_arithmetic", lang), t("beyond.fig.ws_geometric", lang)
    for value, color, name in (
        (curve.weight_scaled_arithmetic_error, ARITHMETIC, ws_arith),
        (curve.weight_scaled_geometric_error, GEOMETRIC, ws_geom),
    ):
        if value > ZERO:
            _horizontal(fig, ks, value, color, "dot", name, 1, ".4f", True)

    _band_traces(fig, ks, curve, curve.accuracy, ARITHMETIC, arith, 2, ".1%")
    ws = t("beyond.fig.ws_accuracy", lang)
    _horizontal(fig, ks, curve.weight_scaled_accuracy, WEIGHT_SCALING, "dash", ws, 2, ".1%", True)

    positive = [
        v
        for v in (
            float(curve.arithmetic_error.min()),
            float(curve.geometric_error.min()),
            curve.weight_scaled_arithmetic_error,
            curve.weight_scaled_geometric_error,
        )
        if v > ZERO
    ]
    low = min(positive) if positive else 1e-6
    high = max(float(curve.arithmetic_error.max()), float(curve.geometric_error.max()), anchor, low * 10)
    ticks = _log_ticks(low, high)
    fig.update_yaxes(
        type="log",
        range=[math.log10(low) - 0.15, math.log10(high) + 0.1],
        tickvals=ticks,
        ticktext=[f"{v:g}" for v in ticks],
        title_text=t("beyond.fig.tv", lang),
        row=1,
        col=1,
    )
    acc_low = min(float(curve.accuracy.min()), curve.weight_scaled_accuracy)
    acc_high = max(float(curve.accuracy.max()), curve.weight_scaled_accuracy)
    pad = max(0.01, 0.08 * (acc_high - acc_low))
    fig.update_yaxes(
        range=[max(0.0, acc_low - pad), min(1.0, acc_high + pad)],
        tickformat=".0%" if acc_high - acc_low > 0.05 else ".1%",  # the panel's title names it: no axis title
        row=1,
        col=2,
    )
    k_ticks = [k for k in (4**i for i in range(12)) if ks[0] <= k <= ks[-1]] if len(ks) > 7 else ks
    if len(k_ticks) > 5:  # "1024 4096" run together in a half-width panel: every other one (powers of 16)
        k_ticks = k_ticks[::2]
    fig.update_xaxes(
        type="log", tickvals=k_ticks, ticktext=[str(k) for k in k_ticks], title_text=t("beyond.fig.k", lang, **words)
    )
    apply_projector_style(fig)
    fig.update_layout(
        height=height,
        margin={"l": 70, "r": 20, "t": 40, "b": 60},
        legend={"orientation": "v", "x": 1.01, "xanchor": "left", "y": 1.0, "yanchor": "top", "tracegroupgap": 2},
    )
    return fig


def _add_points(fig: go.Figure, x, y, n_panels: int, lang: str, outlines: list[str]) -> None:
    pts, labels = _numpy(x).reshape(-1, 2), _numpy(y).reshape(-1).astype(int)
    for col in range(1, n_panels + 1):
        for k in np.unique(labels):
            sel = labels == k
            name = t("fig.class", lang, k=int(k))
            fig.add_trace(
                go.Scatter(
                    x=pts[sel, 0],
                    y=pts[sel, 1],
                    mode="markers",
                    name=name,
                    legendgroup=f"class-{k}",
                    showlegend=col == 1,
                    marker={
                        "color": palette.class_hex(k),
                        "size": 8,
                        "line": {"color": outlines[col - 1], "width": 1.2},
                    },
                    hovertemplate="%{x:.2f}, %{y:.2f}<extra>" + name + "</extra>",
                ),
                row=1,
                col=col,
            )


def uncertainty_figure(
    grid: Grid,
    weight_scaled: np.ndarray | torch.Tensor,
    entropy: np.ndarray | torch.Tensor,
    mutual_information: np.ndarray | torch.Tensor,
    x: np.ndarray | torch.Tensor | None,
    y: np.ndarray | torch.Tensor | None,
    lang: str = "en",
    height: int = UNCERTAINTY_HEIGHT,
) -> go.Figure:
    """Three square panels over ``grid``: the weight-scaled class probabilities ``[R*R, C]`` in the app's colours,
    the predictive entropy ``[R*R]`` on a fixed 0..ln C scale and the mutual information ``[R*R]`` on 0..its
    maximum, each with its own colour bar; the training points ``x [N, 2]``, ``y [N]`` on every panel."""
    r = grid.resolution
    probs = _numpy(weight_scaled).reshape(r, r, -1)
    n_classes = probs.shape[-1]
    maps = {"entropy": _numpy(entropy).reshape(r, r), "mi": _numpy(mutual_information).reshape(r, r)}
    for name, values in maps.items():
        if values.size != r * r:
            raise ValueError(f"{name} has {values.size} values; the grid has {r} x {r}")
    titles = [t("beyond.fig.surface", lang), t("beyond.fig.entropy", lang), t("beyond.fig.mi", lang)]
    fig = make_subplots(rows=1, cols=3, subplot_titles=titles)
    step_x, step_y = grid.xs[1] - grid.xs[0], grid.ys[1] - grid.ys[0]
    fig.add_trace(
        go.Image(z=probability_rgb(probs), x0=grid.xs[0], dx=step_x, y0=grid.ys[0], dy=step_y, hoverinfo="skip"),
        row=1,
        col=1,
    )
    hover = probs[:, :, -1] if n_classes == 2 else probs.max(-1)
    fig.add_trace(
        go.Heatmap(
            x=grid.xs,
            y=grid.ys,
            z=hover,
            opacity=0.0,
            showscale=False,
            colorscale=two_class_colorscale(),
            hovertemplate="x₁=%{x:.2f}, x₂=%{y:.2f}: %{z:.3f}<extra>" + titles[0] + "</extra>",
        ),
        row=1,
        col=1,
    )
    entropy_max = math.log(max(n_classes, 2))
    mi_max = max(float(np.nanmax(maps["mi"])) if maps["mi"].size else 0.0, 1e-6)
    # panels and their colour bars share the width: [panel][panel bar][panel bar]
    width, gap, bar = 0.27, 0.025, 0.075
    starts = [0.0, width + gap, 2 * width + 2 * gap + bar]
    for col, (_name, values, zmax) in enumerate(
        (("entropy", maps["entropy"], entropy_max), ("mi", maps["mi"], mi_max)), start=2
    ):
        bar_x = starts[col - 1] + width + 0.006
        fig.add_trace(
            go.Heatmap(
                x=grid.xs,
                y=grid.ys,
                z=values,
                zmin=0.0,
                zmax=zmax,
                zsmooth="best",
                colorscale=UNCERTAINTY_SCALE,
                colorbar={  # shorter than the plot area: as tall as a square panel at projector widths and below
                    "x": bar_x,
                    "xanchor": "left",
                    "len": 0.62,
                    "thickness": 14,
                    "tickformat": ".2f" if zmax >= 0.05 else ".3f",
                    "tickfont": {"size": FONT_SIZE},
                },
                hovertemplate="x₁=%{x:.2f}, x₂=%{y:.2f}: %{z:.3f}<extra>" + titles[col - 1] + "</extra>",
            ),
            row=1,
            col=col,
        )
    x0, x1, y0, y1 = grid.extent
    for col in (1, 2, 3):
        anchor = "x" if col == 1 else f"x{col}"
        fig.update_xaxes(
            domain=[starts[col - 1], starts[col - 1] + width],
            range=[x0, x1],
            autorange=False,
            constrain="domain",
            title_text=t("fig.axis.x1", lang),
            showgrid=False,
            zeroline=False,
            row=1,
            col=col,
        )
        fig.update_yaxes(
            range=[y0, y1],
            autorange=False,
            scaleanchor=anchor,
            scaleratio=1,
            constrain="domain",
            showgrid=False,
            zeroline=False,
            showticklabels=col == 1,  # same plane on every panel: the others' labels would crowd the colour bars
            row=1,
            col=col,
        )
    fig.update_yaxes(title_text=t("fig.axis.x2", lang), row=1, col=1)
    for annotation, col in zip(fig.layout.annotations, range(3)):  # subplot titles follow their panels
        annotation.x = starts[col] + width / 2
    if x is not None and y is not None:
        _add_points(fig, x, y, 3, lang, [palette.OUTLINE, "#FFFFFF", "#FFFFFF"])
    apply_projector_style(fig)
    fig.update_layout(
        height=height,
        margin={"l": 55, "r": 10, "t": 40, "b": 95},
        legend={"orientation": "h", "x": 0.0, "xanchor": "left", "y": 0, "yref": "container", "yanchor": "bottom"},
        xaxis_title_font={"size": AXIS_TITLE_SIZE},
    )
    return fig
