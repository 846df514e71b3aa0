"""Static Plotly figures: the three inference rules side by side, their differences, and training curves.

Everything is sized for a projector: fonts of at least 14 px, white background, colour-blind-safe colours.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go
import torch
from plotly.subplots import make_subplots

from dropviz.core.grid import Grid
from dropviz.core.training import History
from dropviz.draw import palette
from dropviz.draw.surface_image import probability_rgb, two_class_colorscale
from dropviz.i18n import t

# Plotly's config for every figure (app/figure_component.py passes it): the camera button saves a 2x PNG for
# slides; no "Share chart" button (Plotly 4 shows one by default: it uploads the figure to Plotly's cloud).
PLOT_CONFIG: dict = {
    "displaylogo": False,
    "showSendToCloud": False,
    "toImageButtonOptions": {"format": "png", "scale": 2, "filename": "dropviz"},
}

FONT_SIZE = 14
TITLE_SIZE = 16
AXIS_TITLE_SIZE = 15
DIFFERENCE_SCALE = "Viridis"
DIFFERENCE_FLOOR = 0.05  # total variation: the colour scale's top is never below 5 percentage points
SURFACES_HEIGHT = 470  # at 1280 px wide with the sidebar collapsed, each of three panels is over 300 px square
# With the sidebar open a 1280 px screen leaves three panels about 185 px: a lower figure, without a band of white
# above and below them (the presenter collapses the sidebar and gets the taller one).
SIDEBAR_SURFACES_HEIGHT = 370
DIFFERENCE_HEIGHT, SIDEBAR_DIFFERENCE_HEIGHT = 440, 330
NET_COLORS = (palette.BLUE, palette.VERMILION, palette.GREEN, palette.PINK, palette.SKY, palette.ORANGE)


def apply_projector_style(fig: go.Figure) -> go.Figure:
    """White template, fonts >= 14 px (16 px titles, subplot titles included) and modest margins; returns ``fig``."""
    fig.update_layout(
        template="plotly_white",
        font={"size": FONT_SIZE},
        title_font={"size": TITLE_SIZE},
        legend_font={"size": FONT_SIZE},
        hoverlabel={"font": {"size": FONT_SIZE}},
        margin={"l": 60, "r": 30, "t": 80, "b": 60},
    )
    fig.update_xaxes(title_font={"size": AXIS_TITLE_SIZE}, tickfont={"size": FONT_SIZE})
    fig.update_yaxes(title_font={"size": AXIS_TITLE_SIZE}, tickfont={"size": FONT_SIZE})
    for annotation in fig.layout.annotations:  # make_subplots' subplot titles are annotations
        size = annotation.font.size if annotation.font and annotation.font.size else 0
        annotation.font.size = max(size, TITLE_SIZE)
    return fig


def _heatmap_row(
    grid: Grid, maps: Mapping[str, np.ndarray], coloraxis: dict, lang: str, height: int = 440, opacity: float = 1.0
) -> go.Figure:
    """1 x n heatmaps on ``grid`` sharing one colour axis (so one colourbar), each with square cells."""
    if not maps:
        raise ValueError("need at least one map to draw")
    r = grid.resolution
    fig = make_subplots(rows=1, cols=len(maps), subplot_titles=list(maps), horizontal_spacing=0.04)
    for col, (name, values) in enumerate(maps.items(), start=1):
        z = np.asarray(values, dtype=np.float64).reshape(-1)
        if z.size != r * r:
            raise ValueError(f"map {name!r} has {z.size} values; the grid has {r} x {r} = {r * r}")
        fig.add_trace(
            go.Heatmap(
                x=grid.xs,
                y=grid.ys,
                z=z.reshape(r, r),
                coloraxis="coloraxis",
                opacity=opacity,
                name=name,
                hovertemplate="x₁=%{x:.2f}, x₂=%{y:.2f}: %{z:.3f}<extra>" + name + "</extra>",
            ),
            row=1,
            col=col,
        )
    x0, x1, y0, y1 = grid.extent
    axes = {}  # by name in one update: update_xaxes(row=, col=) searches the subplot grid each call (~10 ms)
    for col in range(1, len(maps) + 1):
        suffix = "" if col == 1 else str(col)
        plain = {"constrain": "domain", "showgrid": False, "zeroline": False}
        axes[f"xaxis{suffix}"] = {**plain, "range": [x0, x1], "title": {"text": t("fig.axis.x1", lang)}}
        axes[f"yaxis{suffix}"] = {**plain, "range": [y0, y1], "scaleanchor": f"x{suffix}", "scaleratio": 1}
        # the same plane in every panel: x₂ labels once, not into the neighbour
        axes[f"yaxis{suffix}"].update(
            {"title": {"text": t("fig.axis.x2", lang)}} if col == 1 else {"showticklabels": False}
        )
    fig.update_layout(coloraxis=coloraxis, height=height, **axes)
    return apply_projector_style(fig)


def _to_numpy(a: np.ndarray | torch.Tensor) -> np.ndarray:
    return a.detach().cpu().numpy() if isinstance(a, torch.Tensor) else np.asarray(a)


def rule_surfaces_figure(
    grid: Grid,
    surfaces: Mapping[str, np.ndarray | torch.Tensor],
    x: np.ndarray | torch.Tensor | None,
    y: np.ndarray | torch.Tensor | None,
    lang: str = "en",
    height: int = 0,
) -> go.Figure:
    """One panel per rule (titles = the dict's keys, already translated) of class probabilities ``[R*R, C]``.

    Colours are the app's one colour language (``surface_image.probability_rgb``: class colours, white where the
    rule is undecided), so the panels look like the Train page's surfaces; an invisible heat map on top carries the
    hover values. With two classes a colour bar shows p(class 1). The data points ``x [N, 2]`` with labels ``y [N]``
    are drawn on every panel in their class colours.
    """
    r = grid.resolution
    probs = {name: _to_numpy(v).reshape(r, r, -1) for name, v in surfaces.items()}
    n_classes = next(iter(probs.values())).shape[-1] if probs else 0
    hover = {name: p[:, :, -1] if n_classes == 2 else p.max(-1) for name, p in probs.items()}
    coloraxis = {
        "colorscale": two_class_colorscale(),
        "cmin": 0.0,
        "cmax": 1.0,
        "showscale": n_classes == 2,
        "colorbar": {"title": {"text": t("fig.rules.colorbar", lang), "side": "right"}, "thickness": 14},
    }
    fig = _heatmap_row(grid, hover, coloraxis, lang, height=height or SURFACES_HEIGHT, opacity=0.0)
    step_x, step_y = grid.xs[1] - grid.xs[0], grid.ys[1] - grid.ys[0]
    for col, p in enumerate(probs.values(), start=1):
        fig.add_trace(
            go.Image(z=probability_rgb(p), x0=grid.xs[0], dx=step_x, y0=grid.ys[0], dy=step_y, hoverinfo="skip"),
            row=1,
            col=col,
        )
    fig.data = fig.data[len(probs) :] + fig.data[: len(probs)]  # images underneath, hover layer on top
    _fix_image_axes(fig, grid, len(probs))
    _leave_room_for_the_colorbar(fig, len(probs))
    if x is not None and y is not None:
        _add_points(fig, x, y, len(probs), lang)
    return fig


def _fix_image_axes(fig: go.Figure, grid: Grid, n_panels: int) -> None:
    """go.Image flips its y axis; keep y growing upward, as in every other picture of the plane."""
    x0, x1, y0, y1 = grid.extent
    for col in range(1, n_panels + 1):
        fig.update_yaxes(range=[y0, y1], autorange=False, row=1, col=col)
        fig.update_xaxes(range=[x0, x1], autorange=False, row=1, col=col)


def _leave_room_for_the_colorbar(fig: go.Figure, n_panels: int, right: float = 0.92, gap: float = 0.03) -> None:
    """Panels share [0, right] of the width and the colour bar sits just after: wider panels than Plotly's
    default, which pushes the bar into the margin and shrinks every panel to make room for it."""
    width = (right - gap * (n_panels - 1)) / n_panels
    for col in range(1, n_panels + 1):
        start = (col - 1) * (width + gap)
        fig.update_xaxes(domain=[start, start + width], row=1, col=col)
    for annotation, col in zip(fig.layout.annotations, range(n_panels)):  # subplot titles follow their panels
        annotation.x = col * (width + gap) + width / 2
    fig.update_layout(coloraxis_colorbar={"x": right + 0.015, "xanchor": "left", "len": 0.9})


def _add_points(fig: go.Figure, x, y, n_panels: int, lang: str) -> None:
    pts, labels = _to_numpy(x).reshape(-1, 2), _to_numpy(y).reshape(-1).astype(int)
    for col in range(1, n_panels + 1):
        for k in np.unique(labels):
            sel = labels == k
            fig.add_trace(
                go.Scatter(
                    x=pts[sel, 0],
                    y=pts[sel, 1],
                    mode="markers",
                    name=t("fig.class", lang, k=int(k)),
                    legendgroup=f"class-{k}",
                    showlegend=col == 1,
                    marker={"color": palette.class_hex(k), "size": 8, "line": {"color": palette.OUTLINE, "width": 1}},
                    hovertemplate="%{x:.2f}, %{y:.2f}<extra>" + t("fig.class", lang, k=int(k)) + "</extra>",
                ),
                row=1,
                col=col,
            )
    fig.update_layout(  # the legend at the figure's foot: under a panel as tall as the plot it met the x₁ title
        legend={"orientation": "h", "x": 0.46, "xanchor": "center", "y": 0, "yref": "container", "yanchor": "bottom"},
        margin={"l": 50, "t": 40, "b": 95, "r": 10},
    )


def difference_maps_figure(
    grid: Grid, diffs: Mapping[str, np.ndarray], lang: str = "en", height: int = DIFFERENCE_HEIGHT
) -> go.Figure:
    """One heatmap per pair of rules of their gap ``[R*R]`` (e.g. total variation), on one shared scale.

    The scale runs from 0 to the largest gap over all panels, but at least to DIFFERENCE_FLOOR: stretched to a
    largest gap of 6e-5, rules that agree to the fourth decimal filled whole panels with the top colour.
    """
    largest = [float(np.max(np.abs(np.asarray(v)))) for v in diffs.values() if np.asarray(v).size]
    zmax = max([*largest, DIFFERENCE_FLOOR])
    coloraxis = {
        "colorscale": DIFFERENCE_SCALE,
        "cmin": 0.0,
        "cmax": zmax,
        "colorbar": {
            "title": {"text": t("fig.diff.colorbar", lang)},
            "thickness": 16,
            "tickformat": ".2f",  # never Plotly's SI prefixes: "µ" reads as a mask
        },
    }
    return _heatmap_row(grid, diffs, coloraxis, lang, height=height)


def training_curves_figure(histories: Mapping[str, History], lang: str = "en") -> go.Figure:
    """Loss and accuracy against training step: one colour per net, train solid, test dashed.

    Four traces per net, in the order train loss, test loss, train accuracy, test accuracy.
    """
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.1)
    for i, (name, h) in enumerate(histories.items()):
        color = NET_COLORS[i % len(NET_COLORS)]
        mode = "lines" if len(h.step) > 1 else "lines+markers"  # a single point has no line to show
        for col, (train, test) in enumerate(((h.train_loss, h.test_loss), (h.train_acc, h.test_acc)), start=1):
            for values, dash, key in ((train, "solid", "fig.curves.train"), (test, "dash", "fig.curves.test")):
                label = t(key, lang, name=name)
                fig.add_trace(
                    go.Scatter(
                        x=list(h.step),
                        y=list(values),
                        mode=mode,
                        name=label,
                        legendgroup=label,
                        showlegend=col == 1,
                        line={"color": color, "dash": dash, "width": 3},
                        hovertemplate="%{x}: %{y:.3f}<extra>" + label + "</extra>",
                    ),
                    row=1,
                    col=col,
                )
    fig.update_xaxes(title_text=t("fig.curves.step", lang))
    fig.update_yaxes(title_text=t("fig.curves.loss", lang), rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title_text=t("fig.curves.accuracy", lang), range=[0, 1.02], row=1, col=2)
    apply_projector_style(fig)
    fig.update_layout(
        height=380,
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"},
        margin={"t": 70},
    )
    return fig
