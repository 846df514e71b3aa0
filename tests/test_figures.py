"""The drawing modules: grid, network diagram, keep frequencies, surface PNG, static Plotly figures, rule gaps."""

import base64
import io
import json
import math
import re

import numpy as np
import plotly.graph_objects as go
import pytest
import torch
from PIL import Image

from dropviz.core import compare
from dropviz.core import masks as mk
from dropviz.core.grid import make_grid
from dropviz.core.model import DropoutMLP
from dropviz.core.training import History
from dropviz.draw import figures, palette
from dropviz.draw import network_figure as nf
from dropviz.draw.keep_figure import keep_frequency_figure
from dropviz.draw.surface_image import class_colors, png_data_uri, probability_rgb, surface_png
from dropviz.i18n import TEXT, t

# ---------------------------------------------------------------- grid


def test_grid_covers_points_with_margin_and_is_square():
    x = np.array([[-1.0, 0.0], [3.0, 1.0], [0.0, -0.5]])
    g = make_grid(x, resolution=11, margin=0.5)
    x0, x1, y0, y1 = g.extent
    assert x0 <= -1.5 + 1e-9 and x1 >= 3.5 - 1e-9  # x range 4 plus the margin on both sides
    assert y0 <= -1.0 and y1 >= 1.5
    assert x1 - x0 == pytest.approx(y1 - y0) == pytest.approx(5.0)  # the larger range is used for both axes
    assert (x0 + x1) / 2 == pytest.approx(1.0) and (y0 + y1) / 2 == pytest.approx(0.25)  # centred on the data
    assert g.points.dtype == torch.float32 and g.points.shape == (121, 2)
    assert g.xs.shape == g.ys.shape == (11,) and g.resolution == 11


def test_grid_points_are_row_major_with_y_as_rows():
    g = make_grid(np.array([[0.0, 0.0], [1.0, 2.0]]), resolution=5, margin=0.0)
    img = g.points.numpy().reshape(5, 5, 2)
    np.testing.assert_allclose(img[2, 3], [g.xs[3], g.ys[2]], rtol=1e-6)
    assert np.all(np.diff(img[:, 0, 1]) > 0) and np.all(img[0, :, 1] == img[0, 0, 1])


@pytest.mark.parametrize("resolution", [0, 1, -3])
def test_grid_rejects_tiny_resolution(resolution):
    with pytest.raises(ValueError, match="resolution"):
        make_grid(np.zeros((3, 2)), resolution=resolution)


def test_grid_of_one_point_without_margin_is_not_degenerate():
    g = make_grid(np.array([[1.0, 1.0]]), resolution=3, margin=0.0)
    assert g.extent[1] > g.extent[0]


# ---------------------------------------------------------------- network figure


def small_model() -> DropoutMLP:
    return DropoutMLP([2, 3, 2], [0.2, 0.5], seed=0)


def by_meta(traces, meta: str):
    return next(tr for tr in traces if tr.meta == meta)


SEGMENT = re.compile(r"M(-?[\d.]+),(-?[\d.]+)L(-?[\d.]+),(-?[\d.]+)")


def segments(path: str) -> set[tuple[float, float, float, float]]:
    """The (x0, y0, x1, y1) segments of an edge shape's path: nothing but separate ``M x,y L x,y`` segments."""
    found = SEGMENT.findall(path)
    assert "".join(f"M{a},{b}L{c},{d}" for a, b, c, d in found) == path
    return {tuple(float(v) for v in segment) for segment in found}


def points(trace) -> set[tuple[float, float]]:
    return {tuple(np.round(v, 4)) for v in zip(np.asarray(trace.x, float), np.asarray(trace.y, float), strict=True)}


def frame_edges(fig, i: int) -> dict[str, str]:
    """Shape name -> path of frame ``i``: a frame carries only the paths, in the order of the figure's shapes."""
    names = [shape.name for shape in fig.layout.shapes]
    return dict(zip(names, [shape.path for shape in fig.frames[i].layout.shapes], strict=True))


def frame_units(fig, i: int) -> dict[str, object]:
    """meta -> what frame ``i`` puts into that unit trace (x, y, names)."""
    return {fig.data[k].meta: data for k, data in zip(fig.frames[i].traces, fig.frames[i].data, strict=True)}


def kept_edges(edges: dict[str, str]) -> set[tuple[float, float, float, float]]:
    return set().union(*(segments(path) for name, path in edges.items() if name.startswith(("edges-pos", "edges-neg"))))


def test_layout_positions_are_centred_columns():
    pos = nf.layout_positions([2, 5, 1])
    assert [p.shape for p in pos] == [(2, 2), (5, 2), (1, 2)]
    assert [p[0, 0] for p in pos] == [0.0, 1.0, 2.0]
    assert pos[1][:, 1].max() == pytest.approx(1.0) and pos[1][:, 1].min() == pytest.approx(-1.0)
    for p in pos:
        assert p[:, 1].mean() == pytest.approx(0.0)
        assert np.all(np.diff(p[:, 1]) < 0)  # first unit on top
    assert nf.layout_positions([1])[0].tolist() == [[0.0, 0.0]]


def test_diagram_positions_are_layout_positions_on_whole_numbers():
    for sizes in ([2, 3, 2], [2, 32, 32, 2], [1, 1, 1], [4]):
        scale = max(max(sizes) - 1, 1)
        for grid, pos in zip(nf.diagram_positions(sizes), nf.layout_positions(sizes), strict=True):
            assert np.array_equal(grid, np.rint(grid))
            assert np.allclose(grid[:, 0], pos[:, 0]) and np.allclose(grid[:, 1], pos[:, 1] * scale)


def test_network_figure_one_frame_per_mask_and_dropped_unit_is_grey():
    model = small_model()
    mu = torch.tensor([[1, 1, 1, 1, 1], [1, 0, 1, 0, 1]], dtype=torch.float32)  # frame 1 drops x2 and h2
    probs = mk.mask_probability(mu, model.keep_probs())
    fig = nf.network_figure(model, mu, probs)
    assert len(fig.frames) == 2
    pos = nf.diagram_positions(model.layer_sizes)
    x2, h2 = tuple(pos[0][1]), tuple(pos[1][1])

    units0, units1 = frame_units(fig, 0), frame_units(fig, 1)
    edges0, edges1 = frame_edges(fig, 0), frame_edges(fig, 1)
    assert len(units0["units-dropped"].x) == 0 and edges0["edges-dropped"] == ""
    assert points(units1["units-dropped"]) == {x2, h2} and list(units1["units-dropped"].text) == ["x2", "h1.2"]
    dropped_units = by_meta(fig.data, "units-dropped")
    assert dropped_units.marker.line.color == palette.DROPPED_UNIT and dropped_units.marker.color == "white"
    assert x2 not in points(units1["units-kept"]) and len(units1["units-kept"].x) == 5

    # every edge touching x2 or h2 is in the dropped shape, and in no kept shape
    dropped, kept = segments(edges1["edges-dropped"]), kept_edges(edges1)
    touching = {e for e in dropped | kept if (e[0], e[1]) in {x2, h2} or (e[2], e[3]) in {x2, h2}}
    assert dropped == touching and len(dropped) == 3 + 1 + 2  # x2 -> 3 hidden, x1 -> h2, h2 -> 2 outputs
    assert not kept & dropped and len(kept) == 2 * 3 + 3 * 2 - 6
    # with every unit kept, every weight is a kept edge
    assert len(kept_edges(edges0)) == 12
    dropped_shape = next(shape for shape in fig.layout.shapes if shape.name == "edges-dropped")
    assert dropped_shape.line.color == palette.DROPPED_EDGE and dropped_shape.line.width == nf.DROPPED_EDGE_WIDTH


def test_the_figure_starts_on_its_first_frame_and_a_frame_sends_only_what_changes():
    model = DropoutMLP([2, 32, 32, 2], [0.2, 0.5, 0.5], seed=0)
    mu, p = nf.sample_frames(model, 20)
    fig = nf.network_figure(model, mu, p)
    assert [shape.path for shape in fig.layout.shapes] == list(frame_edges(fig, 0).values())
    for k, data in zip(fig.frames[0].traces, fig.frames[0].data, strict=True):
        assert points(fig.data[k]) == points(data) and fig.data[k].text == data.text
    assert {shape.layer for shape in fig.layout.shapes} == {"below"}  # under the units
    frame = json.loads(fig.to_json())["frames"][3]
    assert set(frame["layout"]) == {"title", "shapes"} and all(set(s) == {"path"} for s in frame["layout"]["shapes"])
    assert all(set(trace) == {"type", "x", "y", "text"} for trace in frame["data"])
    assert len(fig.to_json()) < 400_000  # the line traces it replaces took 1.16 MB


def test_network_figure_edge_colour_by_sign_and_width_by_magnitude():
    model = small_model()
    with torch.no_grad():
        model.linears[0].weight.copy_(torch.tensor([[2.0, -0.1], [-2.0, 0.0], [1.0, 0.5]]))
        model.linears[1].weight.copy_(torch.tensor([[1.0, -1.0, 0.2], [-0.3, 0.3, 0.1]]))
    fig = nf.network_figure(model, torch.ones(1, 5), torch.ones(1))
    pos = nf.diagram_positions(model.layer_sizes)
    strongest_pos = (*pos[0][0], *pos[1][0])  # x1 -> h1, w = +2
    strongest_neg = (*pos[0][0], *pos[1][1])  # x1 -> h2, w = -2
    kept_shapes = [shape for shape in fig.layout.shapes if shape.name.startswith(("edges-pos", "edges-neg"))]
    owner = {seg: shape for shape in kept_shapes for seg in segments(shape.path)}
    assert owner[strongest_pos].line.color == palette.POSITIVE_WEIGHT == "#762A83"
    assert owner[strongest_neg].line.color == palette.NEGATIVE_WEIGHT == "#1B7837"
    widths = [shape.line.width for shape in owner.values()]
    assert owner[strongest_pos].line.width == max(widths) == 6.0
    assert min(widths) >= 0.5


def test_network_figure_title_shows_mask_digits_and_probability():
    model = DropoutMLP([2, 4, 4, 2], [0.2, 0.5, 0.5], seed=0)
    mu = torch.tensor([[1, 0, 1, 1, 0, 1, 0, 1, 1, 0]], dtype=torch.float32)
    p = mk.mask_probability(mu, model.keep_probs())
    fig = nf.network_figure(model, mu, p)
    title = fig.frames[0].layout.title.text
    assert "μ = [1 0 | 1 1 0 1 | 0 1 1 0]" in title
    expected = 0.8 * 0.2 * 0.5**8
    assert float(p) == pytest.approx(expected)
    assert "p(μ) = 6.25\u00a0×\u00a010⁻⁴" in title and fig.layout.title.text == title


def test_small_probabilities_use_scientific_notation():
    assert nf.format_probability(1.88e-39) == "1.88\u00a0×\u00a010⁻³⁹"
    assert nf.format_probability(0.125) == "0.125"
    assert nf.format_probability(0.0) == "0"


@pytest.mark.parametrize(
    "sizes, drops",
    [
        ([2, 2], [0.5]),
        ([1, 1, 1], [1.0, 0.0]),
        ([2, 32, 32, 2], [0.2, 0.5, 0.5]),
        ([2, 32, 32, 32, 32, 2], [0.2, 0.5, 0.5, 0.5, 0.5]),
        ([2, 3, 2], [[0.1, 0.7], 0.5]),
    ],
)
def test_trace_count_is_constant_and_edge_cases_draw(sizes, drops):
    model = DropoutMLP(sizes, drops, seed=1)
    mu, p = nf.sample_frames(model, 3)
    fig = nf.network_figure(model, mu, p)
    assert len(fig.data) == 6 and {len(fr.data) for fr in fig.frames} == {2}
    assert len(fig.layout.shapes) == 9 and {len(fr.layout.shapes) for fr in fig.frames} == {9}
    assert len(fig.frames) == 3 and len(fig.layout.sliders[0].steps) == 3
    n_edges = sum(a * b for a, b in zip(sizes[:-1], sizes[1:], strict=True))
    for i in range(len(fig.frames)):
        edges = [segments(path) for path in frame_edges(fig, i).values()]
        assert sum(len(e) for e in edges) == n_edges  # every weight is drawn exactly once
        assert sum(len(units.x) for units in frame_units(fig, i).values()) == sum(sizes)
    json.loads(fig.to_json())


def test_single_frame_and_always_dropped_layer():
    model = DropoutMLP([2, 3, 2], [0.0, 1.0], seed=0)
    mu, p = nf.sample_frames(model, 1)
    fig = nf.network_figure(model, mu, p)
    assert len(fig.frames) == 1
    assert len(by_meta(fig.data, "units-dropped").x) == 3  # drop probability 1: every hidden unit, every frame
    assert not kept_edges(frame_edges(fig, 0))
    labels = by_meta(fig.data, "labels").text
    assert "drop p=1.00<br>keep 0.00" in labels[1] and "drop p=0.00<br>keep 1.00" in labels[0]
    assert labels[-1].startswith("outputs")


def test_network_figure_controls_play_in_the_browser():
    model = small_model()
    mu, p = nf.sample_frames(model, 4)
    fig = nf.network_figure(model, mu, p, lang="ko")
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.method for b in buttons] == ["animate", "animate"]
    assert buttons[0].args[0] is None and tuple(buttons[1].args[0]) == (None,)
    assert [tuple(s.args[0]) for s in fig.layout.sliders[0].steps] == [("0",), ("1",), ("2",), ("3",)]
    assert [f.name for f in fig.frames] == ["0", "1", "2", "3"]
    assert fig.layout.font.size >= 14 and fig.layout.title.font.size >= 14
    assert fig.layout.xaxis.range == (-0.5, 2.5) and fig.layout.xaxis.visible is False
    assert "입력층" in by_meta(fig.data, "labels").text[0] and "마스크" in fig.layout.title.text
    go.Figure(fig.to_dict())  # re-validates every property


def test_network_figure_rejects_mismatched_masks():
    model = small_model()
    with pytest.raises(ValueError, match="mu_frames"):
        nf.network_figure(model, torch.ones(2, 4), torch.ones(2))
    with pytest.raises(ValueError, match="frame_probs"):
        nf.network_figure(model, torch.ones(2, 5), torch.ones(3))


def test_keep_frequency_bars_are_column_means():
    model = small_model()
    mu = torch.tensor([[1, 0, 1, 1, 0], [1, 1, 0, 1, 0], [0, 1, 1, 1, 0], [1, 1, 1, 1, 1]], dtype=torch.float32)
    for sizes in (model.layer_sizes, model.droppable_widths):
        fig = keep_frequency_figure(mu, model.keep_probs(), sizes)
        bars, keep, _band = fig.data
        assert list(bars.x) == ["x1", "x2", "h1.1", "h1.2", "h1.3"]
        np.testing.assert_allclose(bars.y, mu.mean(0).numpy())
        np.testing.assert_allclose(keep.y, [0.8, 0.8, 0.5, 0.5, 0.5])
        assert tuple(fig.layout.yaxis.range) == (0, 1)
        assert bars.name == "share of the sampled masks that kept it" and keep.name == "keep probability 1 − p"
    json.loads(fig.to_json())
    with pytest.raises(ValueError, match="layer sizes"):
        keep_frequency_figure(mu, model.keep_probs(), [3, 3])


def test_keep_band_is_two_binomial_standard_errors_within_0_and_1():
    from dropviz.draw.keep_figure import keep_band

    low, high = keep_band(np.array([0.8, 0.5, 1.0, 0.0, 0.97]), 20)
    np.testing.assert_allclose(high - [0.8, 0.5, 1.0, 0.0, 0.97], [0.1789, 0.2236, 0.0, 0.0, 0.03], atol=1e-4)
    np.testing.assert_allclose(low, [0.6211, 0.2764, 1.0, 0.0, 0.8937], atol=1e-4)  # 0.97 + 0.076 is capped at 1
    with pytest.raises(ValueError, match="at least one"):
        keep_band(np.array([0.5]), 0)


def test_keep_frequency_band_is_one_shaded_rectangle_per_layer_with_a_legend_entry():
    """One band per run of equal keep probabilities (per layer), behind the bars (over them it tinted each bar in
    two tones), none where k is 0 or 1; the legend names it with the number of masks."""
    keep = torch.tensor([0.8, 0.8, 0.5, 0.5, 0.5, 1.0, 1.0])
    fig = keep_frequency_figure(torch.ones(20, 7), keep, [2, 3, 2])
    bands = [(s.x0, s.x1, s.y0, s.y1) for s in fig.layout.shapes]
    assert [b[:2] for b in bands] == [(-0.5, 1.5), (1.5, 4.5)]  # the two inputs, the three hidden 1 units
    assert {s.layer for s in fig.layout.shapes} == {"below"}
    assert bands[0][2:] == pytest.approx((0.8 - 0.1789, 0.8 + 0.1789), abs=1e-4)
    assert bands[1][2:] == pytest.approx((0.5 - 0.2236, 0.5 + 0.2236), abs=1e-4)
    assert fig.data[-1].name == t("masks.band", n=20) and t("masks.band", "ko", n=20).endswith("마스크 20개)")
    fixed = keep_frequency_figure(torch.ones(20, 3), torch.tensor([1.0, 1.0, 0.0]), [2, 1])
    assert not fixed.layout.shapes and len(fixed.data) == 2  # nothing random: no band, no legend entry for one


# ---------------------------------------------------------------- surface PNG


def confident_halves(r: int = 20) -> np.ndarray:
    """[R, R, 2]: class 0 with probability 0.999 where x < 0 (left half), class 1 on the right."""
    p1 = np.where(np.arange(r)[None, :] < r // 2, 0.001, 0.999) * np.ones((r, 1))
    return np.stack([1 - p1, p1], axis=-1)


def decode(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def test_class_colors_are_okabe_ito():
    assert class_colors(3).tolist() == [[0, 114, 178], [230, 159, 0], [0, 158, 115]]
    assert class_colors(3).dtype == np.uint8


def test_surface_png_size_and_confident_colour():
    extent = (-1.0, 1.0, -1.0, 1.0)
    png = surface_png(confident_halves(), extent, np.zeros((0, 2)), np.zeros(0), size=100)
    img = decode(png)
    assert img.shape == (100, 100, 3)
    blue, orange = class_colors(2).astype(int)
    left, right = img[50, 10], img[50, 90]  # deep inside each confident region
    assert np.abs(left - blue).max() < 45 and np.abs(right - orange).max() < 45
    assert np.abs(left - blue).sum() < np.abs(left - orange).sum()
    # the decision boundary (x = 0) is a thin dark line
    row = img[50].sum(axis=1)
    dark = np.flatnonzero(row < 250)
    assert 1 <= len(dark) <= 3 and abs(dark.mean() - 50) <= 3


def test_surface_png_top_row_is_largest_y():
    r = 20
    p1 = np.where(np.arange(r)[:, None] >= r // 2, 0.999, 0.001) * np.ones((1, r))  # grid rows: class 1 above y=0
    probs = np.stack([1 - p1, p1], axis=-1)
    img = decode(surface_png(probs, (-1.0, 1.0, -1.0, 1.0), np.zeros((0, 2)), np.zeros(0), size=80))
    blue, orange = class_colors(2).astype(int)
    assert np.abs(img[5, 40] - orange).max() < 45 and np.abs(img[75, 40] - blue).max() < 45


def test_surface_png_draws_train_filled_and_test_hollow():
    probs = np.full((10, 10, 2), 0.5)  # uncertain everywhere: a white background
    extent = (0.0, 1.0, 0.0, 1.0)
    x_train, y_train = np.array([[0.25, 0.75]]), np.array([1])  # top-left quarter
    x_test, y_test = np.array([[0.75, 0.25]]), np.array([0])  # bottom-right quarter
    img = decode(surface_png(probs, extent, x_train, y_train, x_test, y_test, size=300))
    assert np.abs(img[75, 75] - class_colors(2)[1]).max() < 20  # filled with class 1's colour
    assert np.abs(img[225, 225] - 255).max() < 20  # a hollow ring: white centre ...
    ring = img[225, 225 - 8 : 225 + 9]
    assert np.abs(ring - class_colors(2)[0]).max(axis=1).min() < 30  # ... with class 0's colour around it
    assert np.abs(img[150, 150] - 255).max() < 10  # the background is white where the net is unsure


def test_surface_png_data_uri_round_trips():
    g = make_grid(np.random.default_rng(0).normal(size=(200, 2)), resolution=60)
    logits = torch.stack([g.points[:, 0] * 3, g.points[:, 1] * 3, -g.points.sum(1)], dim=1)
    probs = torch.softmax(logits, 1).numpy().reshape(60, 60, 3)
    x = g.points[::18][:200].numpy()
    y = np.arange(len(x)) % 3
    png = surface_png(probs, g.extent, x[:100], y[:100], x[100:], y[100:])
    uri = png_data_uri(png)
    assert uri.startswith("data:image/png;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]) == png


def test_surface_png_rejects_bad_input():
    with pytest.raises(ValueError, match="probs"):
        surface_png(np.zeros((4, 5, 2)), (0, 1, 0, 1), np.zeros((0, 2)), np.zeros(0))
    with pytest.raises(ValueError, match="extent"):
        surface_png(np.zeros((4, 4, 2)), (1, 0, 0, 1), np.zeros((0, 2)), np.zeros(0))


# ---------------------------------------------------------------- static figures


def grid_and_maps():
    x = np.array([[-1.0, -1.0], [1.0, 1.0], [0.5, -0.5]], dtype=np.float32)
    y = np.array([0, 1, 1])
    g = make_grid(x, resolution=8)
    p = 1 / (1 + np.exp(-g.points[:, 0].numpy()))
    return g, x, y, {"arithmetic mean": p, "geometric mean": p * 0.9, "weight scaling": p * 0.8}


def test_plot_config_downloads_png_at_twice_the_scale():
    assert figures.PLOT_CONFIG["toImageButtonOptions"] == {"format": "png", "scale": 2, "filename": "dropviz"}
    assert figures.PLOT_CONFIG["displaylogo"] is False
    assert figures.PLOT_CONFIG["showSendToCloud"] is False  # no upload of a student's figure to Plotly's cloud


def test_rule_surfaces_use_the_apps_one_colour_language():
    g, x, y, maps = grid_and_maps()
    probs = {name: np.stack([1 - p, p], axis=1) for name, p in maps.items()}
    fig = figures.rule_surfaces_figure(g, probs, x, y)
    images = [tr for tr in fig.data if tr.type == "image"]
    heatmaps = [tr for tr in fig.data if tr.type == "heatmap"]
    assert len(images) == 3 and len(heatmaps) == 3
    # the same colours as the Train page's PNG surfaces, pixel for pixel
    np.testing.assert_array_equal(np.asarray(images[1].z), probability_rgb(probs["geometric mean"].reshape(8, 8, 2)))
    assert images[0].y0 == pytest.approx(g.ys[0]) and images[0].dy > 0  # row 0 is the smallest x2, drawn at the bottom
    assert fig.layout.yaxis.range == (g.extent[2], g.extent[3])
    # an invisible hover layer with p(class 1), and a colour bar drawn from the same colours
    assert all(h.opacity == 0 for h in heatmaps) and {h.coloraxis for h in heatmaps} == {"coloraxis"}
    np.testing.assert_allclose(heatmaps[1].z, maps["geometric mean"].reshape(8, 8), rtol=1e-6)
    scale = fig.layout.coloraxis.colorscale
    assert scale[0][1] == "rgb({},{},{})".format(*probability_rgb(np.array([1.0, 0.0])))
    assert scale[5][1] == "rgb(255,255,255)"  # p = 0.5: undecided is white
    assert fig.layout.coloraxis.colorbar.title.text == t("fig.rules.colorbar")
    assert [a.text for a in fig.layout.annotations] == list(maps)
    assert min(a.font.size for a in fig.layout.annotations) >= 16 and fig.layout.font.size >= 14
    scatters = [tr for tr in fig.data if tr.type == "scatter"]
    assert len(scatters) == 3 * 2  # one per class per panel
    assert {s.marker.color for s in scatters} == {palette.class_hex(0), palette.class_hex(1)}
    json.loads(fig.to_json())
    three = {name: np.stack([1 - p, p * 0.5, p * 0.5], axis=1) for name, p in maps.items()}
    fig = figures.rule_surfaces_figure(g, three, torch.from_numpy(x), torch.from_numpy(y))
    assert fig.layout.coloraxis.showscale is False  # three classes: colour = class mix, no single scale


def test_difference_maps_scale_from_zero_to_the_largest_gap_but_never_stretch_tiny_ones():
    g, _, _, maps = grid_and_maps()
    diffs = {"a": np.zeros(64), "b": np.full(64, 0.25), "c": np.linspace(0, 0.5, 64)}
    fig = figures.difference_maps_figure(g, diffs)
    assert (fig.layout.coloraxis.cmin, fig.layout.coloraxis.cmax) == (0, 0.5)
    assert len(fig.data) == 3
    for tiny in (np.zeros(64), np.full(64, 6e-5)):  # rules that agree: dark, not the scale's top colour
        same = figures.difference_maps_figure(g, {"a": tiny})
        assert same.layout.coloraxis.cmax == figures.DIFFERENCE_FLOOR == 0.05
    json.loads(fig.to_json())
    with pytest.raises(ValueError, match="grid"):
        figures.difference_maps_figure(g, {"a": np.zeros(10)})


def test_training_curves_trace_count_and_styles():
    h = History([0, 10, 20], [0.7, 0.5, 0.4], [0.5, 0.7, 0.8], [0.7, 0.6, 0.6], [0.5, 0.6, 0.7])
    one = History([0], [0.69], [0.5], [0.7], [0.48])
    fig = figures.training_curves_figure({"with dropout": h, "no dropout": one})
    assert len(fig.data) == 8
    assert [tr.line.dash for tr in fig.data[:4]] == ["solid", "dash", "solid", "dash"]
    assert {tr.line.color for tr in fig.data[:4]} == {"#0072B2"}  # with dropout: blue
    assert {tr.line.color for tr in fig.data[4:]} == {"#D55E00"}  # no dropout: vermilion
    assert fig.data[4].mode == "lines+markers"  # a single evaluation is still visible
    assert list(fig.data[2].y) == h.train_acc and list(fig.data[1].y) == h.test_loss
    assert fig.layout.legend.orientation == "h"
    json.loads(fig.to_json())


# ---------------------------------------------------------------- rule gaps


def test_total_variation():
    a = torch.tensor([[1.0, 0.0], [0.5, 0.5]])
    b = torch.tensor([[0.0, 1.0], [0.5, 0.5]])
    assert compare.total_variation(a, b).tolist() == [1.0, 0.0]


def test_rule_gaps_by_hand():
    a = torch.tensor([[0.5, 0.5], [0.9, 0.1]])
    b = torch.tensor([[0.25, 0.75], [0.9, 0.1]])
    rows = compare.rule_gaps({"A": a, "B": b, "A again": a})
    assert [(r["a"], r["b"]) for r in rows] == [("A", "B"), ("A", "A again"), ("B", "A again")]
    ab = rows[0]
    assert ab["max_abs_diff"] == pytest.approx(0.25) and ab["mean_abs_diff"] == pytest.approx(0.125)
    kl = 0.5 * math.log(0.5 / 0.25) + 0.5 * math.log(0.5 / 0.75)  # first point; the second is identical
    assert ab["mean_kl"] == pytest.approx(kl / 2)
    assert ab["disagreement"] == pytest.approx(0.5)  # argmax of [0.5, 0.5] is class 0, of [0.25, 0.75] class 1
    same = rows[1]
    assert same["mean_kl"] == 0.0 and same["max_abs_diff"] == 0.0 and same["disagreement"] == 0.0


def test_kl_is_finite_when_a_rule_rules_a_class_out():
    rows = compare.rule_gaps({"a": torch.tensor([[1.0, 0.0]]), "b": torch.tensor([[0.0, 1.0]])})
    assert rows[0]["mean_kl"] == pytest.approx(-math.log(1e-12))


def test_rule_accuracy():
    probs = {"r": torch.tensor([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4]]), "s": torch.tensor([[0.1, 0.9]] * 3)}
    accuracy = compare.rule_accuracy(probs, torch.tensor([0, 1, 1]))
    assert accuracy == {"r": pytest.approx(2 / 3), "s": pytest.approx(2 / 3)}
    with pytest.raises(ValueError, match="labels"):
        compare.rule_accuracy(probs, torch.tensor([0, 1]))


def test_every_figure_key_has_english_and_korean():
    keys = [k for k in TEXT if k.startswith("fig.")]
    assert keys and all(set(TEXT[k]) >= {"en", "ko"} for k in keys)


def test_long_masks_wrap_the_same_way_in_every_frame():
    model = DropoutMLP([2, 32, 32, 32, 32, 2], [0.2, 0.5, 0.5, 0.5, 0.5], seed=0)
    mu, p = nf.sample_frames(model, 12)
    p[3] = 1.0  # a short probability must not change the layout of that frame's title
    fig = nf.network_figure(model, mu, p)
    line_counts = {frame.layout.title.text.count("<br>") for frame in fig.frames}
    assert len(line_counts) == 1 and line_counts.pop() >= 1
    assert all(len(line) <= nf.TITLE_LINE_CHARS for line in fig.layout.title.text.split("<br>"))
    digits = "".join(c for c in fig.frames[5].layout.title.text.split("μ = [")[1] if c in "01")
    assert digits == "".join(str(int(v)) for v in mu[5].tolist())


def test_minibatch_masks_figure_has_one_row_per_example_of_a_real_training_step():
    from dropviz.core.experiment import Experiment, ExperimentConfig
    from dropviz.draw.batch_masks_figure import minibatch_masks_figure

    exp = Experiment(ExperimentConfig(n_train=40, n_test=100, batch_size=16, width=16))
    exp.step(1)
    mu = exp.model.last_mu
    assert mu.shape == (16, 34)
    assert len({tuple(row.tolist()) for row in mu}) > 1  # every example drew its own mask
    fig = minibatch_masks_figure(mu, exp.model.droppable_widths)
    z = np.asarray(fig.data[0].z, dtype=float)
    assert z.shape == (16, 34 + 2)  # one empty column between two layers
    gaps = np.isnan(z).all(0)
    assert np.flatnonzero(gaps).tolist() == [2, 19] and not np.isnan(z[:, ~gaps]).any()
    assert np.array_equal(z[:, ~gaps], mu.numpy())
    with pytest.raises(ValueError, match="shape"):
        minibatch_masks_figure(mu[:, :5], exp.model.droppable_widths)


def test_minibatch_masks_of_a_wide_net_stay_readable():
    """98 units in a 400 px figure: no gaps between cells (they would leave no cell), separator bars only over the
    empty columns between layers, and layer names on alternating rows so they do not run together."""
    from dropviz.draw.batch_masks_figure import minibatch_masks_figure

    mu = (torch.rand(16, 98, generator=torch.Generator().manual_seed(0)) > 0.5).float()
    fig = minibatch_masks_figure(mu, [2, 32, 32, 32])
    heat = fig.data[0]
    assert heat.xgap == 0
    bars = [(shape.x0 + shape.x1) / 2 for shape in fig.layout.shapes]
    assert bars == [2, 35, 68]  # the empty columns: after 2 inputs, then after each 32 hidden units
    assert all(np.isnan(np.asarray(heat.z, dtype=float)[:, int(x)]).all() for x in bars)
    ticks = list(fig.layout.xaxis.ticktext)
    assert ticks == ["inputs", "<br>hidden 1", "hidden 2", "<br>hidden 3"]
    assert t("fig.batch.legend") in [a.text for a in fig.layout.annotations]
    small = minibatch_masks_figure(mu[:, :6], [2, 4])
    assert small.data[0].xgap == 2 and "<br>" not in "".join(small.layout.xaxis.ticktext)


@pytest.mark.parametrize("kind", ["mask", "multiplier", "share"])
@pytest.mark.parametrize("widths", [[2], [2, 32, 32, 32]])
def test_minibatch_figure_says_what_its_colours_mean_below_the_layer_names(kind, widths):
    """Every kind has a legend in words, under the layer names and inside the figure's bottom margin; the bars
    between layers are never vermilion where vermilion means a negative Gaussian multiplier."""
    from dropviz.draw import batch_masks_figure as bm

    mu = torch.rand(16, sum(widths), generator=torch.Generator().manual_seed(1))
    fig = bm.minibatch_masks_figure(mu, widths, "ko", kind=kind)
    (legend,) = fig.layout.annotations
    assert legend.text == t(bm.LEGEND[kind], "ko")
    lines = legend.text.count("<br>") + 1
    assert -legend.yshift + 20 * lines <= fig.layout.margin.b  # the legend is not cut off at the bottom
    colours = {shape.fillcolor for shape in fig.layout.shapes}
    assert len(colours) <= 1 and (kind != "multiplier" or palette.VERMILION not in colours)


def test_layer_labels_of_a_five_column_diagram_are_a_pixel_smaller():
    assert nf.label_font_size(2) == nf.label_font_size(4) == nf.FONT_SIZE
    assert nf.label_font_size(5) == nf.FONT_SIZE - 1


def test_weight_colours_never_look_like_a_class():
    """Blue and orange mean classes everywhere; weight signs must not reuse any class colour."""
    weight_colours = {palette.POSITIVE_WEIGHT, palette.NEGATIVE_WEIGHT}
    assert len(weight_colours) == 2
    assert weight_colours.isdisjoint(palette.CLASS_HEX)
