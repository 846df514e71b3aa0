"""Subnetworks: paths from inputs to outputs, listing and sampling, batched surfaces, the point table, the cards."""

import itertools

import numpy as np
import pytest
import torch

from dropviz.core import ensembles as en
from dropviz.core import subnetworks as sn
from dropviz.core.grid import make_grid
from dropviz.core.model import DropoutMLP
from dropviz.draw.subnetwork_figure import card_images, diagram_png, ensemble_png, gallery_html


def path_exists(layer_sizes: list[int], mu: list[int]) -> bool:
    """Brute force: try every chain of one unit per layer, input to output, through kept units only."""
    widths = layer_sizes[:-1]
    starts = np.cumsum([0, *widths])
    layers = [[u for u in range(w) if mu[starts[i] + u]] for i, w in enumerate(widths)]
    layers.append(list(range(layer_sizes[-1])))  # outputs are never dropped
    return any(True for _ in itertools.product(*layers))  # fully connected: any chain of kept units is a path


def graph_search(layer_sizes: list[int], mu: list[int]) -> bool:
    """Depth-first search over an explicit edge list: kept unit -> every kept unit of the next layer."""
    widths = layer_sizes[:-1]
    starts = np.cumsum([0, *layer_sizes])
    kept = list(mu) + [1] * layer_sizes[-1]
    edges = {
        a: [b for b in range(starts[i + 1], starts[i + 2]) if kept[b]]
        for i in range(len(widths))
        for a in range(starts[i], starts[i + 1])
        if kept[a]
    }
    stack, seen = [a for a in range(widths[0]) if kept[a]], set()
    while stack:
        unit = stack.pop()
        if unit >= starts[-2]:
            return True
        if unit not in seen:
            seen.add(unit)
            stack.extend(edges.get(unit, []))
    return False


def test_the_books_net_has_9_of_16_subnetworks_linking_input_to_output():
    for sizes in ([2, 2, 1], [2, 2, 2]):
        masks = [list(bits) for bits in itertools.product([0, 1], repeat=4)]
        linked = [sn.connected(sizes, mu) for mu in masks]
        assert sum(linked) == 9
        assert sn.connected(sizes, [1, 1, 1, 1]) and not sn.connected(sizes, [0, 0, 1, 1])
        assert not sn.connected(sizes, [1, 1, 0, 0]) and sn.connected(sizes, [0, 1, 1, 0])


def test_connected_agrees_with_a_graph_search_on_random_nets():
    rng = np.random.default_rng(0)
    for _ in range(200):
        sizes = [int(n) for n in rng.integers(1, 4, size=rng.integers(2, 5))]
        mu = [int(v) for v in rng.integers(0, 2, size=sum(sizes[:-1]))]
        expected = graph_search(sizes, mu)
        assert expected == path_exists(sizes, mu)
        assert sn.connected(sizes, mu) == expected, (sizes, mu)
        assert sn.connected(sizes, torch.tensor(mu, dtype=torch.float32)) == expected


def test_reaches_output_on_a_batch_matches_one_at_a_time():
    sizes = [3, 2, 3, 2]
    masks = torch.tensor(list(itertools.product([0.0, 1.0], repeat=8)))
    batch = sn.reaches_output(sizes, masks)
    assert batch.tolist() == [sn.connected(sizes, mu) for mu in masks]


@pytest.mark.parametrize(
    "mu, message",
    [([1, 1, 1], "shape"), ([1, 1, 1, 1, 1], "shape"), ([1, 0.5, 1, 1], "only 0"), ([[1, 1, 1, 1]], "one mask")],
)
def test_connected_rejects_bad_masks(mu, message):
    with pytest.raises(ValueError, match=message):
        sn.connected([2, 2, 2], mu)


@pytest.mark.parametrize("sizes", [[2], [2, 0, 2], [2, 1.5, 2]])
def test_connected_rejects_bad_layer_sizes(sizes):
    with pytest.raises(ValueError, match="layer_sizes"):
        sn.connected(sizes, [1, 1])


def book_net(drop_in: float = 0.2, drop_hidden: float = 0.5) -> DropoutMLP:
    return DropoutMLP([2, 2, 2], [drop_in, drop_hidden], seed=0)


def test_listing_is_ordered_by_units_kept_and_sums_to_one():
    subnets = sn.list_subnetworks(book_net())
    assert not subnets.sampled and len(subnets.probs) == subnets.total == 16
    kept = subnets.units_kept.tolist()
    assert kept == sorted(kept, reverse=True) and kept[0] == 4 and kept[-1] == 0
    assert len({tuple(m) for m in subnets.masks.tolist()}) == 16
    assert float(subnets.probs.sum()) == pytest.approx(1.0, abs=1e-12)
    assert int(subnets.connected.sum()) == 9 == subnets.n_connected_all
    assert subnets.p_connected_all == pytest.approx(float(subnets.probs[subnets.connected].sum()), abs=1e-12)
    assert subnets.mask_text(0) == "11|11" and subnets.mask_text(15) == "00|00"
    for same_count in (3, 2, 1):  # within one count of kept units, likelier masks first
        probs = subnets.probs[subnets.units_kept == same_count].tolist()
        assert probs == sorted(probs, reverse=True)


def test_units_with_drop_probability_0_or_1_are_fixed():
    model = DropoutMLP([2, 3, 2], [0.0, (0.5, 1.0, 0.3)], seed=0)
    subnets = sn.list_subnetworks(model)
    assert (subnets.n_droppable, subnets.n_free, subnets.total) == (5, 2, 4)
    assert len(subnets.probs) == 4 and float(subnets.probs.sum()) == pytest.approx(1.0)
    assert (subnets.masks[:, :2] == 1).all() and (subnets.masks[:, 3] == 0).all()


def test_all_drop_probabilities_zero_leave_exactly_the_full_net():
    subnets = sn.list_subnetworks(DropoutMLP([2, 16, 16, 2], [0.0, 0.0, 0.0], seed=0))
    assert len(subnets.probs) == 1 and subnets.total == 1
    assert subnets.masks.tolist() == [[1.0] * 34] and float(subnets.probs[0]) == 1.0
    assert bool(subnets.connected[0])


def test_a_layer_always_dropped_leaves_only_constant_subnetworks():
    model = DropoutMLP([2, 3, 2], [0.2, 1.0], seed=0)
    subnets = sn.list_subnetworks(model)
    assert len(subnets.probs) == 4 and not subnets.connected.any()
    assert subnets.n_connected_all == 0 and subnets.p_connected_all == 0.0
    probs, ensemble = sn.surfaces(model, torch.randn(30, 2), subnets)
    assert torch.isfinite(probs).all()
    torch.testing.assert_close(probs, probs[:, :1].expand_as(probs))  # the biases alone: same for every point


def test_many_subnetworks_are_sampled_reproducibly():
    model = DropoutMLP([2, 16, 16, 2], [0.2, 0.5, 0.5], seed=0)
    assert sn.subnetwork_count(model) == 2**34
    first = sn.list_subnetworks(model, generator=torch.Generator().manual_seed(5))
    again = sn.list_subnetworks(model, generator=torch.Generator().manual_seed(5))
    other = sn.list_subnetworks(model, generator=torch.Generator().manual_seed(6))
    assert first.sampled and len(first.probs) == sn.N_SAMPLED and first.total == 2**34
    torch.testing.assert_close(first.masks, again.masks)
    assert not torch.equal(first.masks, other.masks)
    kept = first.units_kept.tolist()
    assert kept == sorted(kept, reverse=True)
    torch.testing.assert_close(first.weights, torch.full((16,), 1 / 16, dtype=torch.float64))


@pytest.mark.parametrize(
    "sizes, drops", [([2, 3, 2], [0.2, 0.5]), ([2, 2, 3, 2], [0.3, 0.5, 0.4]), ([3, 4, 2], [0.0, (0.5, 1.0, 0.2, 0.7)])]
)
def test_connected_totals_match_the_enumeration(sizes, drops):
    model = DropoutMLP(sizes, drops, seed=0)
    subnets = sn.list_subnetworks(model, max_listed=2**12)
    assert not subnets.sampled
    count, prob = sn.connected_totals(model)
    assert count == int(subnets.connected.sum())
    assert prob == pytest.approx(float(subnets.probs[subnets.connected].sum()), abs=1e-12)


def test_batched_surfaces_equal_a_loop_of_forward_masked():
    model = DropoutMLP([2, 5, 4, 3], [0.2, 0.5, 0.5], activation="tanh", seed=1)
    subnets = sn.list_subnetworks(model, generator=torch.Generator().manual_seed(0))
    points = torch.randn(200, 2)
    probs, ensemble = sn.surfaces(model, points, subnets)
    with torch.no_grad():
        loop = torch.stack([torch.softmax(model.forward_masked(points, mu), dim=-1) for mu in subnets.masks])
    torch.testing.assert_close(probs, loop, atol=1e-6, rtol=0)
    torch.testing.assert_close(ensemble, loop.mean(0), atol=1e-6, rtol=0)  # sampled: each draw counts 1/M


@pytest.mark.parametrize("drops", [[0.2, 0.5], [0.5, 0.3], [0.0, 0.5]])
def test_the_point_tables_combinations_are_the_exact_ensembles(drops):
    model = DropoutMLP([2, 4, 3], drops, seed=2)
    subnets = sn.list_subnetworks(model)
    assert not subnets.sampled
    x = torch.tensor([[0.3, -0.7]])
    table = sn.point_table(model, x, subnets)
    assert table.probs.shape == (len(subnets.probs), 3)
    torch.testing.assert_close(table.probs.sum(1), torch.ones(len(subnets.probs)))
    torch.testing.assert_close(table.arithmetic, en.arithmetic_mean(model, x)[0], atol=1e-5, rtol=0)
    torch.testing.assert_close(table.geometric, en.geometric_mean(model, x)[0], atol=1e-5, rtol=0)
    torch.testing.assert_close(table.weight_scaled, en.weight_scaled(model, x)[0])
    # "from that very table": the arithmetic mean is the p(mu)-weighted column sum of the rows shown
    manual = (subnets.probs[:, None] * table.probs.double()).sum(0).float()
    torch.testing.assert_close(table.arithmetic, manual, atol=1e-6, rtol=0)


def test_point_table_takes_exactly_one_point():
    model = book_net()
    with pytest.raises(ValueError, match="one point"):
        sn.point_table(model, torch.zeros(2, 2), sn.list_subnetworks(model))


def test_combine_checks_one_weight_per_subnetwork():
    with pytest.raises(ValueError, match="one weight per subnetwork"):
        sn.combine(torch.zeros(3, 5, 2), torch.ones(2))


def test_disconnected_subnetworks_give_the_same_output_everywhere():
    model = DropoutMLP([2, 3, 3, 2], [0.3, 0.5, 0.5], seed=3)
    subnets = sn.list_subnetworks(model, max_listed=2**8)
    assert (~subnets.connected).any() and subnets.connected.any()
    probs, _ = sn.surfaces(model, torch.randn(100, 2) * 3, subnets)
    spread = (probs.max(dim=1).values - probs.min(dim=1).values).amax(dim=1)  # [M]
    assert (spread[~subnets.connected] < 1e-6).all()
    assert (spread[subnets.connected] > 1e-3).any()


def test_cards_and_gallery_html():
    model = book_net()
    subnets = sn.list_subnetworks(model)
    x = np.random.default_rng(0).normal(size=(30, 2))
    y = (x[:, 0] > 0).astype(int)
    grid = make_grid(x, 12)
    probs, ensemble = sn.surfaces(model, grid.points, subnets)
    seen = []
    images = card_images(model, subnets, probs, grid, x, y, progress=seen.append)
    assert len(images) == 16 and seen[-1] == 1.0
    assert all(card.diagram.startswith(b"\x89PNG") and card.surface.startswith(b"\x89PNG") for card in images)
    page = gallery_html(subnets, images, ensemble_png(ensemble, grid, x, y, x[0], y[0]), "ko")
    assert page.count('data-testid="dv-subnet-card"') == 16
    assert page.count('data-connected="0"') == 7
    assert "경로 없음" in page and "11|11" in page
    with pytest.raises(ValueError, match="one CardImages"):
        gallery_html(subnets, images[:3], b"", "en")


def test_the_diagram_leaves_dropped_units_out():
    model = book_net()
    full = diagram_png(model, torch.ones(4))
    assert diagram_png(model, torch.tensor([1.0, 0.0, 1.0, 1.0])) != full


def test_sampled_point_tables_carry_standard_errors_and_listed_ones_do_not():
    model = DropoutMLP([2, 16, 16, 2], [0.2, 0.5, 0.5], seed=0)
    x = torch.tensor([[0.3, -0.7]])
    sampled = sn.list_subnetworks(model, generator=torch.Generator().manual_seed(1))
    table = sn.point_table(model, x, sampled)
    # The jackknife error of a plain mean is the usual one: sample standard deviation / sqrt(M).
    m = len(sampled.probs)
    expected = table.probs.double().std(0, correction=1) / m**0.5
    torch.testing.assert_close(table.arithmetic_se, expected, atol=1e-6, rtol=0)  # float32 logits
    assert table.geometric_se.shape == (2,) and (table.geometric_se > 0).all()
    listed = sn.point_table(book_net(), x, sn.list_subnetworks(book_net()))
    assert listed.arithmetic_se is None and listed.geometric_se is None


@pytest.mark.parametrize("sizes, activation", [([2, 3], "relu"), ([2, 3, 3], "linear"), ([2, 3, 2, 3], "linear")])
def test_weight_scaling_is_the_geometric_mean_exactly_without_nonlinear_hidden_units(sizes, activation):
    """What the page's caption claims (section 7.12): exact for softmax regression and linear hidden units."""
    model = DropoutMLP(sizes, [0.3] + [0.5] * (len(sizes) - 2), activation=activation, seed=4)
    table = sn.point_table(model, torch.tensor([[0.8, -1.1]]), sn.list_subnetworks(model, max_listed=2**8))
    torch.testing.assert_close(table.weight_scaled, table.geometric.float(), atol=1e-6, rtol=0)


def test_with_relu_hidden_units_weight_scaling_only_approximates():
    model = DropoutMLP([2, 4, 3], [0.2, 0.5], seed=2)
    table = sn.point_table(model, torch.tensor([[0.8, -1.1]]), sn.list_subnetworks(model))
    assert (table.weight_scaled - table.geometric.float()).abs().max() > 1e-4


@pytest.mark.parametrize(
    "sizes, drops, activation, reason",
    [
        ([2, 3, 2], [0.0, 0.0], "relu", "one"),  # nothing varies
        ([2, 3, 2], [1.0, 0.0], "relu", "one"),  # 0/1 only: one mask
        ([2, 3, 2], [0.3, 1.0], "relu", "same"),  # the inputs vary, but the hidden layer is always dropped
        ([2, 3, 3, 2], [0.3, 0.5, 1.0], "tanh", "same"),
        ([2, 2], [0.3], "relu", "softmax"),
        ([2, 3, 3, 2], [0.3, 0.5, 0.5], "linear", "linear"),
        ([2, 3, 2], [0.0, 0.5], "relu", "last"),  # only the last hidden layer varies
        ([2, 3, 3, 2], [0.0, 0.0, 0.5], "sigmoid", "last"),
        ([2, 3, 3, 2], [0.3, 1.0, 0.5], "relu", "last"),  # the inputs' masks are cut off by hidden 1
        ([2, 3, 2], [0.3, 0.0], "relu", None),  # the inputs vary before a ReLU
        ([2, 3, 3, 2], [0.0, 0.5, 0.5], "tanh", None),
        ([2, 4, 3], [0.2, 0.5], "relu", None),
    ],
)
def test_weight_scaling_exact_names_the_nets_where_it_is_the_geometric_mean(sizes, drops, activation, reason):
    """Checked numerically: where a reason is given, weight scaling is the normalized geometric mean over every
    mask at several points; where None, it is off somewhere."""
    model = DropoutMLP(sizes, drops, activation=activation, seed=5)
    with torch.no_grad():  # large weights make the nonlinear cases clearly approximate
        for linear in model.linears:
            linear.weight.mul_(3.0)
            linear.bias.add_(0.5)
    assert sn.weight_scaling_exact(model) == reason
    subnets = sn.list_subnetworks(model, max_listed=2**10)
    gaps = []
    for x in torch.randn(8, 2, generator=torch.Generator().manual_seed(0)):
        table = sn.point_table(model, x[None], subnets)
        gaps.append(float((table.weight_scaled.double() - table.geometric.double()).abs().max()))
    if reason is None:
        assert max(gaps) > 1e-3, gaps
    else:
        assert max(gaps) < 1e-5, gaps


def test_the_mean_panel_shows_the_test_points_values_and_what_a_plus_minus_is():
    model = DropoutMLP([2, 16, 16, 2], [0.2, 0.5, 0.5], seed=0)
    subnets = sn.list_subnetworks(model, generator=torch.Generator().manual_seed(1))
    images = [card_images(model, subnets, *_tiny_surfaces(model, subnets))[0]] * len(subnets.masks)
    panel = gallery_html(subnets, images, b"", "en", ["p(y = 0 | x) = 0.7956 ± 0.0745"])
    assert "p(y = 0 | x) = 0.7956 ± 0.0745" in panel and "± one standard error of this mean of 16 draws." in panel
    assert "The Inference and Theory pages average over every mask (or thousands)" in panel  # why they differ
    noisy = gallery_html(subnets, images, b"", "en", ["p(y = 0 | x) = 0.7956 ± 0.0745"], method="Gaussian noise")
    assert "average over Gaussian noise instead, so theirs can differ by more." in noisy
    assert "every mask (or thousands)" not in noisy
    listed = sn.list_subnetworks(book_net())
    images = [images[0]] * 16
    exact = gallery_html(listed, images, b"", "ko", ["p(y = 0 | x) = 0.8531"], method="가우시안 노이즈")
    assert "0.8531" in exact and "표준오차" not in exact
    assert "추론 규칙 페이지는 가우시안 노이즈에 대해 평균하므로" in exact


def _tiny_surfaces(model, subnets):
    x = np.random.default_rng(0).normal(size=(10, 2))
    grid = make_grid(x, 6)
    probs, _ = sn.surfaces(model, grid.points, subnets)
    return probs, grid, x, (x[:, 0] > 0).astype(int)
