"""The network as a diagram, animated over dropout masks: which subnetwork each mask mu picks out.

Every frame is one mask. Plotly plays the frames in the browser (Play / Pause and a slider), with no server
round-trip. Edges are grouped by kept/dropped, sign and a few width levels, and each group is one layout shape:
a single SVG path of separate segments, so a 2-32-32-32-32-2 net draws as fast as a 2-3-2 one. (A line trace
with gaps between its segments draws one SVG path per segment: a thousand DOM nodes to create and style, twice
on a first visit.) A frame carries only what changes: the shapes' paths, the units and the title.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
import torch

from dropviz.core import masks as mk
from dropviz.core.model import DropoutMLP
from dropviz.draw import palette
from dropviz.i18n import t
from dropviz.text.numbers import times_ten

# |w| is drawn with one of these line widths (px): one scatter trace per width and sign keeps traces constant.
EDGE_WIDTHS = (0.5, 2.33, 4.17, 6.0)
DROPPED_EDGE_WIDTH = 0.7
FULL_OPACITY_EDGES = 150  # nets with more weights than this draw kept edges partly transparent
MIN_EDGE_OPACITY = 0.35
HEIGHT = 620
FONT_SIZE = 14
TITLE_SIZE = 16
# In the units of layout_positions (the widest layer spans y in [-1, 1]); the diagram scales them with its y.
LABEL_Y = -1.18  # layer labels sit under the units
Y_RANGE = (-1.85, 1.15)
SPACED_DIGITS_UP_TO = 24  # longer masks are printed without spaces inside a layer
TITLE_LINE_CHARS = 44  # what a title line holds in the Masks page's diagram column at 1280 px
TITLE_LINE_PX = 22
LEGEND_PX = 56  # the legend under the play controls: up to three rows when the column is narrow
LEGEND_ROW_PX = 21


def layout_positions(layer_sizes: Sequence[int]) -> list[np.ndarray]:
    """Node coordinates ``[width, 2]`` (x, y) per layer: layer ``i`` at x = i, units centred on y = 0.

    The widest layer spans y in [-1, 1]; the first unit of a layer is at the top.
    """
    sizes = [int(n) for n in layer_sizes]
    if not sizes or any(n < 1 for n in sizes):
        raise ValueError(f"layer sizes must be positive integers, got {list(layer_sizes)}")
    widest = max(sizes)
    spacing = 2.0 / (widest - 1) if widest > 1 else 1.0
    positions = []
    for i, n in enumerate(sizes):
        y = (np.arange(n)[::-1] - (n - 1) / 2) * spacing
        positions.append(np.stack([np.full(n, float(i)), y], axis=1))
    return positions


def unit_names(layer_sizes: Sequence[int]) -> list[str]:
    """Names of the units of ``layer_sizes``, in order: x1, x2, h1.1, ..., y1, y2 (outputs last)."""
    sizes = list(layer_sizes)
    names = [f"x{j + 1}" for j in range(sizes[0])]
    for i, n in enumerate(sizes[1:-1], start=1):
        names += [f"h{i}.{j + 1}" for j in range(n)]
    if len(sizes) > 1:
        names += [f"y{j + 1}" for j in range(sizes[-1])]
    return names


def format_probability(p: float) -> str:
    """p(mu) for a title: plain for ordinary values, in powers of ten when small (2^-d gets tiny fast)."""
    p = float(p)
    if p == 0.0:
        return "0"
    if p >= 1e-3:
        return f"{p:.4g}"
    mantissa, exponent = f"{p:.2e}".split("e")
    return times_ten(mantissa, int(exponent))


def format_mask(mu: Sequence[float], widths: Sequence[int]) -> str:
    """A mask as 0/1 digits grouped by layer, e.g. ``1 0 | 1 1 0 1 | 0 1 1 0``."""
    digits = ["1" if v > 0.5 else "0" for v in mu]
    sep = " " if len(digits) <= SPACED_DIGITS_UP_TO else ""
    groups, start = [], 0
    for w in widths:
        groups.append(sep.join(digits[start : start + w]))
        start += w
    return " | ".join(groups)


def _layer_drop_text(drop: float | tuple[float, ...], lang: str) -> str:
    """'drop p=0.20<br>keep 0.80', or a range when the units of a layer have different drop probabilities."""
    values = (drop,) if isinstance(drop, float | int) else tuple(drop)
    lo, hi = min(values), max(values)
    if hi - lo < 1e-12:
        return t("fig.layer.drop", lang, drop=f"{lo:.2f}", keep=f"{1 - lo:.2f}")
    return t("fig.layer.drop", lang, drop=f"{lo:.2f}–{hi:.2f}", keep=f"{1 - hi:.2f}–{1 - lo:.2f}")


def layer_labels(model: DropoutMLP, lang: str = "en") -> list[str]:
    """One label per column: the layer's name and its drop and keep probabilities (outputs are never dropped)."""
    labels = []
    n_layers = len(model.layer_sizes)
    for i in range(n_layers):
        if i == n_layers - 1:
            labels.append(t("fig.layer.outputs", lang) + "<br>" + t("fig.layer.never_dropped", lang))
            continue
        name = t("fig.layer.inputs", lang) if i == 0 else t("fig.layer.hidden", lang, i=i)
        labels.append(name + "<br>" + _layer_drop_text(model.drop_probs[i], lang))
    return labels


def label_font_size(n_columns: int) -> int:
    """Layer labels one pixel smaller from five columns on (3 hidden layers): at 1280 px a column of the Masks
    page's diagram is then about 90 px wide, and "never dropped" or "드롭되지 않음" must fit in it with room."""
    return FONT_SIZE if n_columns <= 4 else FONT_SIZE - 1


def diagram_positions(layer_sizes: Sequence[int]) -> list[np.ndarray]:
    """``layout_positions`` in the diagram's own units: y counted in half the unit spacing of the widest layer.

    Every unit then sits on whole numbers, which keeps the edges' paths short in the figure's JSON.
    """
    scale = _y_scale(layer_sizes)
    return [np.rint(p * [1.0, scale]) for p in layout_positions(layer_sizes)]


def _y_scale(layer_sizes: Sequence[int]) -> float:
    """Diagram units per unit of ``layout_positions``' y (whose widest layer spans [-1, 1])."""
    return float(max(max(int(n) for n in layer_sizes) - 1, 1))


@dataclass
class _Edges:
    """Every weight as a segment between two units, with the global indices of both ends."""

    segment: np.ndarray  # SVG path of each segment, "M x0,y0 L x1,y1" in whole diagram units (strings)
    src: np.ndarray
    dst: np.ndarray
    positive: np.ndarray  # bool
    level: np.ndarray  # index into EDGE_WIDTHS
    opacity: float  # of kept edges: below 1 in big nets, so that a thousand crossing lines stay readable


def _edges(model: DropoutMLP, positions: list[np.ndarray]) -> _Edges:
    starts = np.cumsum([0] + model.layer_sizes)
    parts: dict[str, list[np.ndarray]] = {k: [] for k in ("ends", "src", "dst", "w")}
    for i, linear in enumerate(model.linears):
        w = linear.weight.detach().double().numpy()  # [n_out, n_in]
        n_out, n_in = w.shape
        src, dst = np.meshgrid(np.arange(n_in), np.arange(n_out))  # [n_out, n_in] each
        src, dst = src.ravel(), dst.ravel()
        parts["ends"].append(np.concatenate([positions[i][src], positions[i + 1][dst]], axis=1))
        parts["src"].append(src + starts[i])
        parts["dst"].append(dst + starts[i + 1])
        parts["w"].append(w.ravel())
    cat = {k: np.concatenate(v) for k, v in parts.items()}
    ends = np.rint(cat["ends"]).astype(int).tolist()
    segment = np.array([f"M{x0},{y0}L{x1},{y1}" for x0, y0, x1, y1 in ends], dtype=object)
    magnitude = np.abs(cat["w"])
    scale = magnitude.max() if magnitude.size and magnitude.max() > 0 else 1.0
    level = np.rint(magnitude / scale * (len(EDGE_WIDTHS) - 1)).astype(int)
    opacity = float(np.clip(np.sqrt(FULL_OPACITY_EDGES / max(len(level), 1)), MIN_EDGE_OPACITY, 1.0))
    return _Edges(segment, cat["src"], cat["dst"], cat["w"] >= 0, level, opacity)


@dataclass
class _EdgeGroup:
    """One shape of the diagram: the edges of one kind (dropped, or kept with one sign and width level)."""

    name: str
    color: str
    width: float
    opacity: float

    def shape(self, path: str) -> dict:
        return {
            "type": "path",
            "path": path,
            "xref": "x",
            "yref": "y",
            "layer": "below",  # under the units
            "line": {"color": self.color, "width": self.width},
            "fillcolor": "rgba(0,0,0,0)",
            "opacity": self.opacity,
            "name": self.name,
        }


def _edge_groups(edges: _Edges) -> list[_EdgeGroup]:
    """Dropped edges first, then kept ones thin to thick, so thick weights are drawn on top."""
    groups = [_EdgeGroup("edges-dropped", palette.DROPPED_EDGE, DROPPED_EDGE_WIDTH, 1.0)]
    for level, width in enumerate(EDGE_WIDTHS):
        for positive in (False, True):
            color = palette.POSITIVE_WEIGHT if positive else palette.NEGATIVE_WEIGHT
            sign = "pos" if positive else "neg"
            groups.append(_EdgeGroup(f"edges-{sign}-{level}", color, width, edges.opacity))
    return groups


def _edge_paths(edges: _Edges, kept_units: np.ndarray) -> list[str]:
    """The path of each of ``_edge_groups`` for one mask: every edge in exactly one of them."""
    kept_edge = kept_units[edges.src] & kept_units[edges.dst]
    selects = [~kept_edge]
    for level in range(len(EDGE_WIDTHS)):
        for positive in (False, True):
            selects.append(kept_edge & (edges.level == level) & (edges.positive == positive))
    return ["".join(edges.segment[select]) for select in selects]


def _unit_points(xy: np.ndarray, names: list[str], kept_units: np.ndarray, kept: bool) -> dict:
    """Where the kept (or dropped) units of one mask are, and their names: what a frame changes in a unit trace."""
    select = kept_units == kept
    return {
        "type": "scatter",
        "x": xy[select, 0].astype(np.float32),
        "y": xy[select, 1].astype(np.float32),
        "text": [n for n, s in zip(names, select, strict=True) if s],
    }


def _unit_trace(points: dict, kept: bool, size: float, lang: str) -> dict:
    state = t("fig.net.kept_unit", lang) if kept else t("fig.net.dropped_unit", lang)
    marker = (
        {"color": palette.UNIT, "size": size, "line": {"color": "white", "width": 1.5}}
        if kept
        else {"color": "white", "size": size, "line": {"color": palette.DROPPED_UNIT, "width": 2.5}}
    )
    return {
        **points,
        "mode": "markers",
        "marker": marker,
        "hovertemplate": f"%{{text}}: {state}<extra></extra>",
        "showlegend": False,
        "name": state,
        "meta": "units-kept" if kept else "units-dropped",
    }


def _legend_traces(lang: str) -> list[go.Scatter]:
    """Static legend entries, independent of which traces happen to be empty in a frame."""
    entries = [
        (t("fig.net.positive", lang), {"mode": "lines", "line": {"color": palette.POSITIVE_WEIGHT, "width": 4}}),
        (t("fig.net.negative", lang), {"mode": "lines", "line": {"color": palette.NEGATIVE_WEIGHT, "width": 4}}),
        (
            t("fig.net.dropped", lang),
            {
                "mode": "lines+markers",
                "line": {"color": palette.DROPPED_EDGE, "width": 2},
                "marker": {"color": "white", "size": 12, "line": {"color": palette.DROPPED_UNIT, "width": 2.5}},
            },
        ),
    ]
    return [
        go.Scatter(x=[None], y=[None], name=name, hoverinfo="skip", showlegend=True, meta="legend", **style)
        for name, style in entries
    ]


def frame_title(i: int, n: int, mu: Sequence[float], widths: Sequence[int], p: float, lang: str = "en") -> str:
    """Title of frame ``i`` of ``n``: which mask, p(mu), and the mask grouped by layer; a mask too long for the
    first line goes below it, wrapped at layer breaks (a 32-unit layer has a line of its own)."""
    head = f"{t('fig.net.frame', lang, i=i + 1, n=n)}: p(μ) = {format_probability(p)}"
    mask = f"μ = [{format_mask(mu, widths)}]"
    # Decided by the mask's length alone, so every frame's title has as many lines and the plot never jumps.
    if len(head) + len(mask) + 3 <= TITLE_LINE_CHARS:
        return f"{head},  {mask}"
    lines, line = [], ""
    for k, group in enumerate(mask.split(" | ")):
        piece = group if k == 0 else f"| {group}"
        if line and len(line) + 1 + len(piece) > TITLE_LINE_CHARS:
            lines.append(line)
            line = piece
        else:
            line = f"{line} {piece}" if line else piece
    return "<br>".join([head, *lines, line])


def network_figure(
    model: DropoutMLP,
    mu_frames: torch.Tensor,
    frame_probs: torch.Tensor,
    lang: str = "en",
    frame_duration_ms: int = 900,
    height: int = HEIGHT,
    legend_beside_title: bool = False,
) -> go.Figure:
    """The net with one animation frame per mask row of ``mu_frames [F, d]``; ``frame_probs [F]`` holds p(mu).

    Blue edges are positive weights, orange negative, width grows with |w|. A dropped unit (mu_i = 0) is a
    grey hollow circle and every weight into or out of it is thin light grey. Output units are never dropped.
    The legend goes under the play controls, or, in a figure wide enough for both (presenter mode), to the right
    of the title, where it costs no height.
    """
    mu = torch.as_tensor(mu_frames, dtype=torch.float32)
    if mu.dim() == 1:
        mu = mu[None]
    d = model.n_droppable
    if mu.dim() != 2 or mu.shape[0] < 1 or mu.shape[1] != d:
        raise ValueError(f"mu_frames must have shape [F, {d}] with F >= 1, got {list(mu.shape)}")
    probs = torch.as_tensor(frame_probs, dtype=torch.float64).reshape(-1)
    if probs.numel() != mu.shape[0]:
        raise ValueError(f"frame_probs needs one p(mu) per frame: {mu.shape[0]}, got {probs.numel()}")

    sizes = model.layer_sizes
    scale = _y_scale(sizes)
    positions = diagram_positions(sizes)
    unit_xy = np.concatenate(positions)
    names = unit_names(sizes)
    edges = _edges(model, positions)
    kept_rows = np.concatenate([mu.numpy() > 0.5, np.ones((mu.shape[0], sizes[-1]), dtype=bool)], axis=1)

    plot_px = height - 190  # roughly what the margins, slider and buttons leave
    unit_px = plot_px * (2.0 / max(max(sizes) - 1, 1)) / (Y_RANGE[1] - Y_RANGE[0])
    marker_size = float(np.clip(0.8 * unit_px, 6, 28))
    widths = model.droppable_widths
    titles = [
        frame_title(i, len(probs), row, widths, float(p), lang)
        for i, (row, p) in enumerate(zip(mu.tolist(), probs.tolist(), strict=True))
    ]

    groups = _edge_groups(edges)
    units = [[_unit_points(unit_xy, names, row, kept) for kept in (True, False)] for row in kept_rows]
    paths = [_edge_paths(edges, row) for row in kept_rows]
    labels = go.Scatter(
        x=list(range(len(sizes))),
        y=[LABEL_Y * scale] * len(sizes),
        mode="text",
        text=layer_labels(model, lang),
        textposition="bottom center",
        textfont={"size": label_font_size(len(sizes))},
        hoverinfo="skip",
        showlegend=False,
        meta="labels",
    )
    # A frame's shapes and traces are merged into the figure's (Plotly.animate): only what changes is sent.
    frames = [
        {
            "name": str(i),
            "data": units[i],
            "traces": [0, 1],
            "layout": {"title": {"text": titles[i]}, "shapes": [{"path": path} for path in paths[i]]},
        }
        for i in range(len(kept_rows))
    ]
    first = [_unit_trace(points, kept, marker_size, lang) for points, kept in zip(units[0], (True, False))]
    fig = go.Figure(data=[*first, labels, *_legend_traces(lang)], frames=frames)
    fig.update_layout(shapes=[group.shape(path) for group, path in zip(groups, paths[0], strict=True)])
    _animate(fig, len(kept_rows), frame_duration_ms, lang)
    title_px = TITLE_LINE_PX * titles[0].count("<br>")  # the same in every frame
    if legend_beside_title:
        top = max(50 + title_px, 20 + 3 * LEGEND_ROW_PX)
        legend = {"orientation": "v", "x": 1, "xanchor": "right", "y": 1, "yanchor": "top", "yref": "container"}
        fig.update_layout(height=height + top - 50, margin={"l": 10, "r": 10, "t": top, "b": 100})
    else:  # under the play controls: above the diagram it would collide with a long title
        legend = {"orientation": "h", "x": 0, "xanchor": "left", "y": 0, "yanchor": "bottom", "yref": "container"}
        fig.update_layout(
            height=height + title_px + LEGEND_PX,
            margin={"l": 10, "r": 10, "t": 50 + title_px, "b": 100 + LEGEND_PX},
        )
    fig.update_layout(
        title={
            "text": titles[0],
            "font": {"size": TITLE_SIZE},
            "x": 0.01,
            "xanchor": "left",
            "yref": "container",
            "y": 1.0,
            "yanchor": "top",
            "pad": {"t": 18},  # the superscripts of p(μ) reach above the line
        },
        font={"size": FONT_SIZE},
        paper_bgcolor="rgba(255,255,255,0.85)",
        plot_bgcolor="rgba(255,255,255,0)",
        xaxis={"visible": False, "range": [-0.5, len(sizes) - 0.5], "fixedrange": True},
        yaxis={"visible": False, "range": [Y_RANGE[0] * scale, Y_RANGE[1] * scale], "fixedrange": True},
        legend={
            **legend,
            "itemclick": False,
            "itemdoubleclick": False,
            "font": {"size": FONT_SIZE},
        },
        hoverlabel={"font": {"size": FONT_SIZE}},
    )
    return fig


def _animate(fig: go.Figure, n_frames: int, duration_ms: int, lang: str) -> None:
    """Play / Pause buttons and a slider: Plotly animates the frames in the browser."""
    redraw = {"frame": {"duration": 0, "redraw": True}, "mode": "immediate", "transition": {"duration": 0}}
    play = {
        "frame": {"duration": int(duration_ms), "redraw": True},
        "fromcurrent": True,
        "transition": {"duration": 0},
        "mode": "immediate",
    }
    pause = {"frame": {"duration": 0, "redraw": False}, "mode": "immediate", "transition": {"duration": 0}}
    fig.update_layout(
        updatemenus=[
            {
                "type": "buttons",
                "direction": "left",
                "showactive": False,
                "x": 0.0,
                "xanchor": "left",
                "y": 0.0,
                "yanchor": "top",
                "pad": {"t": 8, "r": 10},
                "font": {"size": FONT_SIZE},
                "buttons": [
                    {"label": t("fig.net.play", lang), "method": "animate", "args": [None, play]},
                    {"label": t("fig.net.pause", lang), "method": "animate", "args": [[None], pause]},
                ],
            }
        ],
        sliders=[
            {
                "active": 0,
                "x": 0.4,  # clear of the Play and Pause buttons, with its "mask 1" label, in a narrow column
                "len": 0.6,
                "y": 0.0,
                "yanchor": "top",
                "pad": {"t": 0, "b": 0},
                "font": {"size": FONT_SIZE},
                "currentvalue": {"prefix": t("fig.net.slider", lang), "font": {"size": FONT_SIZE}},
                "steps": [
                    {"label": str(i + 1), "method": "animate", "args": [[str(i)], redraw]} for i in range(n_frames)
                ],
            }
        ],
    )


def sample_frames(model: DropoutMLP, n_frames: int, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """``n_frames`` masks drawn from p(mu) and their probabilities: ready for ``network_figure``."""
    keep = model.keep_probs()
    mu = mk.sample_masks(keep, n_frames, torch.Generator().manual_seed(seed))
    return mu, mk.mask_probability(mu, keep)
