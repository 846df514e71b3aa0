"""Monte Carlo convergence against definitions computed another way: loops of forward_masked, exact ensembles."""

import math

import pytest
import torch

from dropviz.core import convergence as cv
from dropviz.core import ensembles as en
from dropviz.core import masks as mk
from dropviz.core.compare import total_variation
from dropviz.core.model import DropoutMLP

ARCHITECTURES = [  # (sizes, drop probabilities, activation): every path of the engine
    ([2, 3], [0.2], "relu"),  # no hidden layer
    ([2, 5, 2], [0.2, 0.5], "tanh"),  # one hidden layer
    ([2, 6, 6, 2], [0.2, 0.5, 0.5], "relu"),  # two: the app's shape
    ([2, 5, 4, 6, 3], [0.3, 0.5, 0.4, 0.6], "sigmoid"),  # three, three classes
    ([3, 4, 4, 2], [0.0, 1.0, 0.5], "relu"),  # inputs always kept, a hidden layer always dropped
    ([2, 4, 4, 2], [0.2, 0.5, 1.0], "sigmoid"),  # the last hidden layer always dropped: logits are the bias
    ([2, 4, 4, 4, 2], [0.2, [0.0, 1.0, 0.5, 0.5], 0.5, 0.5], "linear"),  # per-unit drop probabilities
]


def loop_sums(model: DropoutMLP, x: torch.Tensor, masks: torch.Tensor):
    """Sums over masks, one forward_masked per mask, in float64: probabilities, logits minus class 0's, entropies."""
    probs = torch.zeros(len(x), model.layer_sizes[-1], dtype=torch.float64)
    logits = torch.zeros_like(probs)
    entropy = torch.zeros(len(x), dtype=torch.float64)
    with torch.no_grad():
        for mu in masks:
            z = model.forward_masked(x, mu).double()
            p = torch.softmax(z, -1)
            probs += p
            logits += z - z[:, :1]
            entropy -= (p * torch.log_softmax(z, -1)).sum(-1)
    return probs, logits, entropy


def points(n: int = 13, seed: int = 0, width: int = 2) -> torch.Tensor:
    return torch.randn(n, width, generator=torch.Generator().manual_seed(seed)) * 1.5


@pytest.mark.parametrize("sizes, drops, activation", ARCHITECTURES)
def test_mask_sums_equal_a_loop_of_forward_masked(sizes, drops, activation):
    model = DropoutMLP(sizes, drops, activation, seed=1)
    x = points(width=sizes[0])
    masks = mk.sample_masks(model.keep_probs(), 300, torch.Generator().manual_seed(0))
    sums = cv.mask_sums(model, x, masks, with_entropy=True)
    probs, logits, entropy = loop_sums(model, x, masks)
    assert sums.probs.shape == (1, len(x), sizes[-1]) and int(sums.counts[0]) == 300
    torch.testing.assert_close(sums.probs[0], probs, atol=1e-4, rtol=1e-6)
    torch.testing.assert_close(sums.logits[0], logits, atol=1e-3, rtol=1e-5)
    torch.testing.assert_close(sums.entropy[0], entropy, atol=1e-4, rtol=1e-6)


def test_segments_give_each_group_of_masks_its_own_sum():
    model = DropoutMLP([2, 6, 6, 2], [0.2, 0.5, 0.5], "relu", seed=2)
    x = points()
    masks = mk.sample_masks(model.keep_probs(), 90, torch.Generator().manual_seed(3))
    segments = torch.arange(90) % 4  # interleaved, as sorting by kept units would mix them anyway
    sums = cv.mask_sums(model, x, masks, segments, n_segments=5)
    assert sums.counts.tolist() == [23, 23, 22, 22, 0]
    for s in range(4):
        probs, logits, _ = loop_sums(model, x, masks[segments == s])
        torch.testing.assert_close(sums.probs[s], probs, atol=1e-4, rtol=1e-6)
        torch.testing.assert_close(sums.logits[s], logits, atol=1e-3, rtol=1e-5)
    assert sums.probs[4].abs().max() == 0 and sums.entropy is None


def test_sampled_sums_use_the_masks_sample_masks_draws():
    model = DropoutMLP([2, 5, 5, 2], [0.2, 0.5, 0.5], "relu", seed=4)
    x = points()
    sums = cv.sampled_sums(model, x, 200, torch.Generator().manual_seed(7))
    masks = mk.sample_masks(model.keep_probs(), 200, torch.Generator().manual_seed(7))
    torch.testing.assert_close(sums.probs[0], loop_sums(model, x, masks)[0], atol=1e-4, rtol=1e-6)


def test_gaussian_noise_is_sampled_and_agrees_with_the_library_monte_carlo():
    model = DropoutMLP([2, 5, 5, 2], [0.2, 0.5, 0.5], "relu", seed=4, noise="gaussian")
    x = points()
    n = 3000
    sums = cv.sampled_sums(model, x, n, torch.Generator().manual_seed(1))
    other = en.arithmetic_mean(model, x, n_samples=n, generator=torch.Generator().manual_seed(2))
    # two independent means of n values in [0, 1]: their difference has standard deviation at most 0.5 sqrt(2/n)
    assert (sums.probs[0] / n - other.double()).abs().max() < 5 * 0.5 * math.sqrt(2 / n)
    still = DropoutMLP([2, 5, 5, 2], [0.0, 0.0, 0.0], "relu", seed=4, noise="gaussian")  # variance p/(1-p) = 0
    torch.testing.assert_close(cv.sampled_sums(still, x, 5).probs[0] / 5, en.weight_scaled(still, x).double())


def tiny_net() -> DropoutMLP:
    """d = 8: exact enumeration is trivial, and the subnetworks disagree enough for a visible curve."""
    model = DropoutMLP([2, 3, 3, 2], [0.2, 0.5, 0.5], "relu", seed=0)
    with torch.no_grad():
        for linear in model.linears:
            linear.weight.mul_(2.0)
    return model


def tiny_problem(n_grid: int = 64, n_test: int = 40):
    model = tiny_net()
    grid = points(n_grid, seed=1)
    test_x = points(n_test, seed=2)
    test_y = (test_x[:, 0] + 0.3 * test_x[:, 1] > 0).long()
    return model, grid, test_x, test_y


def test_an_exact_reference_for_a_tiny_net_and_a_small_error_at_4096_masks():
    model, grid, test_x, test_y = tiny_problem()
    assert model.n_droppable <= 10
    curve = cv.sampling_curve(model, grid, test_x, test_y, generator=torch.Generator().manual_seed(0))
    assert curve.reference == "exact" and curve.reference_masks == 2**8
    assert curve.ks == cv.DEFAULT_KS and curve.ks[-1] == 4096 and curve.repeats == 10
    assert curve.arithmetic_error.shape == curve.geometric_error.shape == curve.accuracy.shape == (10, 13)
    assert float(curve.arithmetic_error[:, -1].max()) < 0.02
    assert float(curve.geometric_error[:, -1].max()) < 0.02
    assert float(curve.arithmetic_error[:, 0].median()) > 5 * float(curve.arithmetic_error[:, -1].median())


def test_errors_shrink_like_one_over_root_k():
    model, grid, test_x, test_y = tiny_problem()
    curve = cv.sampling_curve(model, grid, test_x, test_y, generator=torch.Generator().manual_seed(1))
    for errors in (curve.arithmetic_error, curve.geometric_error):
        slope = curve.slope(errors, k_min=64)
        assert -0.65 < slope < -0.35, slope


def test_each_k_is_a_prefix_of_one_stream_of_masks_per_repeat():
    model, grid, test_x, test_y = tiny_problem(n_grid=10, n_test=12)
    ks, repeats = (1, 3, 8), 2
    curve = cv.sampling_curve(model, grid, test_x, test_y, ks, repeats, generator=torch.Generator().manual_seed(5))
    masks = mk.sample_masks(model.keep_probs(), repeats * 8, torch.Generator().manual_seed(5))  # exact: no draws
    exact = en.all_rules(model, grid)
    for r in range(repeats):
        for j, k in enumerate(ks):
            chosen = masks[r * 8 : r * 8 + k]
            probs, logits, _ = loop_sums(model, torch.cat([grid, test_x]), chosen)
            arith, geom = probs / k, torch.softmax(logits / k, -1)
            expected = total_variation(arith[:10], exact.arithmetic.double()).mean()
            assert float(curve.arithmetic_error[r, j]) == pytest.approx(float(expected), abs=1e-5)
            expected = total_variation(geom[:10], exact.geometric.double()).mean()
            assert float(curve.geometric_error[r, j]) == pytest.approx(float(expected), abs=1e-5)
            accuracy = (arith[10:].argmax(-1) == test_y).double().mean()
            assert float(curve.accuracy[r, j]) == pytest.approx(float(accuracy))


def test_weight_scaling_figures_are_computed_directly():
    model, grid, test_x, test_y = tiny_problem()
    curve = cv.sampling_curve(model, grid, test_x, test_y, ks=(1, 2), repeats=2)
    ws = en.weight_scaled(model, test_x)
    assert curve.weight_scaled_accuracy == pytest.approx(float((ws.argmax(-1) == test_y).double().mean()))
    exact = en.all_rules(model, grid)
    tv = total_variation(en.weight_scaled(model, grid), exact.arithmetic).mean()
    assert curve.weight_scaled_arithmetic_error == pytest.approx(float(tv), abs=1e-6)
    tv = total_variation(en.weight_scaled(model, grid), exact.geometric).mean()
    assert curve.weight_scaled_geometric_error == pytest.approx(float(tv), abs=1e-6)


def test_the_default_net_is_out_of_exact_reach_and_uses_a_20000_mask_reference():
    model = DropoutMLP([2, 32, 32, 2], [0.2, 0.5, 0.5], "relu", seed=0)
    assert not en.exact_is_feasible(model, 900)
    grid, test_x = points(9, seed=1), points(6, seed=2)
    test_y = torch.zeros(6, dtype=torch.long)
    assert cv.reference_plan(model, len(grid)) == ("monte_carlo", cv.REFERENCE_SAMPLES) == ("monte_carlo", 20_000)
    curve = cv.sampling_curve(model, grid, test_x, test_y, ks=(1, 4, 16), repeats=3)
    assert curve.reference == "monte_carlo" and curve.reference_masks == 20_000
    with pytest.raises(ValueError, match="Monte Carlo reference"):
        cv.sampling_curve(model, grid, test_x, test_y, ks=(1, 2), repeats=2, reference="exact")
    small = cv.sampling_curve(model, grid, test_x, test_y, ks=(1, 2), repeats=2, reference=500)
    assert small.reference == "monte_carlo" and small.reference_masks == 500


def test_an_exact_reference_too_costly_for_the_page_falls_back_to_sampling():
    model = DropoutMLP([2, 8, 8, 2], [0.2, 0.5, 0.5], "relu", seed=0)  # d = 18: feasible, but 2^18 x 900 > budget
    assert en.exact_is_feasible(model, 900)
    assert cv.reference_plan(model, 900) == ("monte_carlo", 20_000)
    assert cv.reference_plan(model, 900, "exact") == ("exact", 2**18)


def test_gaussian_noise_gets_a_sampled_reference():
    model = DropoutMLP([2, 3, 3, 2], [0.2, 0.5, 0.5], "relu", seed=0, noise="gaussian")
    grid, test_x = points(8, seed=1), points(5, seed=2)
    test_y = torch.ones(5, dtype=torch.long)
    curve = cv.sampling_curve(model, grid, test_x, test_y, ks=(1, 8), repeats=2, reference=300)
    assert curve.reference == "monte_carlo" and torch.isfinite(curve.arithmetic_error).all()
    with pytest.raises(ValueError):
        cv.sampling_curve(model, grid, test_x, test_y, ks=(1, 8), repeats=2, reference="exact")


def test_same_generator_same_curve_and_another_seed_another():
    model, grid, test_x, test_y = tiny_problem(n_grid=16, n_test=10)

    def run(seed: int) -> cv.SamplingCurve:
        generator = torch.Generator().manual_seed(seed)
        return cv.sampling_curve(model, grid, test_x, test_y, ks=(1, 4, 16), repeats=3, generator=generator)

    a, b, c = run(0), run(0), run(1)
    torch.testing.assert_close(a.arithmetic_error, b.arithmetic_error)
    assert not torch.equal(a.arithmetic_error, c.arithmetic_error)


def test_progress_rises_to_one():
    model = DropoutMLP([2, 6, 6, 2], [0.2, 0.5, 0.5], "relu", seed=0)
    grid, test_x = points(20, seed=1), points(10, seed=2)
    seen = []
    labels = torch.zeros(10, dtype=torch.long)
    cv.sampling_curve(model, grid, test_x, labels, ks=(1, 64), repeats=3, reference=400, progress=seen.append)
    assert seen and seen[-1] == pytest.approx(1.0)
    assert all(b >= a for a, b in zip(seen, seen[1:])) and all(0 <= f <= 1 for f in seen)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"ks": ()},
        {"ks": (0, 1)},
        {"ks": (4, 2)},
        {"ks": (1, 2.5)},
        {"repeats": 0},
        {"repeats": 1.5},
        {"reference": 0},
        {"reference": "sampled"},
    ],
)
def test_bad_arguments_are_rejected(kwargs):
    model, grid, test_x, test_y = tiny_problem(n_grid=4, n_test=4)
    with pytest.raises(ValueError):
        cv.sampling_curve(model, grid, test_x, test_y, **kwargs)


def test_bad_points_and_labels_are_rejected():
    model, grid, test_x, test_y = tiny_problem(n_grid=4, n_test=4)
    with pytest.raises(ValueError):
        cv.sampling_curve(model, grid, test_x, test_y[:3])
    with pytest.raises(ValueError):
        cv.sampling_curve(model, torch.zeros(4, 3), test_x, test_y)
    with pytest.raises(ValueError):
        cv.mask_sums(model, grid, torch.ones(3, model.n_droppable + 1))
    with pytest.raises(ValueError):
        cv.mask_sums(model, grid, torch.ones(3, model.n_droppable), segments=torch.tensor([0, 1, 2]), n_segments=2)


def synthetic_curve(accuracy: list[list[float]], ws: float, errors: list[list[float]] | None = None):
    acc = torch.tensor(accuracy, dtype=torch.float64)
    errors = torch.ones_like(acc) if errors is None else torch.tensor(errors, dtype=torch.float64)
    return cv.SamplingCurve((1, 2, 4), errors, errors, acc, ws, 0.1, 0.1, "exact", 8, 4, 4)


def test_samples_to_beat_weight_scaling_compares_the_median_error_with_its_distance():
    errors = [[0.3, 0.05, 0.2, 0.02], [0.3, 0.2, 0.05, 0.02], [0.3, 0.2, 0.05, 0.01]]  # medians 0.3, 0.2, 0.05, 0.02
    curve = synthetic_curve([[0.5] * 4] * 3, 0.5, errors)
    curve.ks = (1, 2, 4, 8)
    assert curve.samples_to_beat_weight_scaling() == 4  # weight scaling's distance is 0.1
    curve.weight_scaled_arithmetic_error = 0.001
    assert curve.samples_to_beat_weight_scaling() is None


def test_samples_to_match_weight_scaling_needs_the_median_to_stay_there():
    curve = synthetic_curve([[0.7, 0.8, 0.8], [0.6, 0.8, 0.81], [0.8, 0.7, 0.8]], ws=0.8)  # medians 0.7, 0.8, 0.8
    assert curve.samples_to_match_weight_scaling() == 2
    assert synthetic_curve([[0.9, 0.7, 0.7]], ws=0.8).samples_to_match_weight_scaling() is None
    median, low, high = curve.band(curve.accuracy, 0.0, 1.0)
    torch.testing.assert_close(median, torch.tensor([0.7, 0.8, 0.8], dtype=torch.float64))
    torch.testing.assert_close(low, torch.tensor([0.6, 0.7, 0.8], dtype=torch.float64))
    torch.testing.assert_close(high, torch.tensor([0.8, 0.8, 0.81], dtype=torch.float64))


def test_guide_line_halves_for_four_times_the_masks():
    assert cv.guide_line([1, 4, 16], 0.2) == pytest.approx([0.2, 0.1, 0.05])


def test_varying_weights_counts_the_weights_leaving_units_that_can_be_dropped_or_kept():
    model = DropoutMLP([2, 4, 3, 2], [0.2, 0.5, 0.5], noise="dropconnect")
    assert cv.varying_weights(model) == 2 * 4 + 4 * 3 + 3 * 2
    model.set_drop_probs([0.0, 1.0, 0.5])  # inputs never dropped, hidden 1 always: only hidden 2's weights vary
    assert cv.varying_weights(model) == 3 * 2
    model.set_drop_probs([0.0, 0.0, 0.0])
    assert cv.varying_weights(model) == 0
