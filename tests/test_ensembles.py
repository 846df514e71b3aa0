"""Ensembles against exact enumeration: the seed's worked example and a brute-force reference."""

import numpy as np
import pytest
import torch

from dropviz.core import ensembles as en
from dropviz.core import masks as mk
from dropviz.core.model import DropoutMLP
from tests.reference import brute_force_ensembles

TOL = 1e-5  # float32 library against a float64 reference


def seed_example_model() -> DropoutMLP:
    """Softmax regression from the seed README, in the classic convention (no 1/keep in training).

    Under inverted dropout the same subnetworks are obtained by storing keep * W: then (mu * v / keep)(keep * W)
    = (mu * v) W, the classic subnetwork.
    """
    w = torch.tensor([[1.5, -0.7, 0.2], [-2.0, 0.9, 1.1]])
    keep = torch.tensor([0.8, 0.5])
    model = DropoutMLP([2, 3], [[0.2, 0.5]])
    with torch.no_grad():
        model.linears[0].weight.copy_((w * keep[:, None]).T)
        model.linears[0].bias.copy_(torch.tensor([0.1, -0.3, 0.2]))
    return model


def test_seed_worked_example():
    model, v = seed_example_model(), torch.tensor([[0.8, -1.2]])
    expected_geometric = torch.tensor([[0.9060824712, 0.0260789984, 0.0678385305]])
    expected_arithmetic = torch.tensor([[0.7919728603, 0.0581576506, 0.1498694891]])
    torch.testing.assert_close(en.geometric_mean(model, v), expected_geometric, atol=1e-6, rtol=0)
    torch.testing.assert_close(en.weight_scaled(model, v), expected_geometric, atol=1e-6, rtol=0)
    torch.testing.assert_close(en.arithmetic_mean(model, v), expected_arithmetic, atol=1e-6, rtol=0)


def random_inputs(n_inputs: int, n: int = 7, seed: int = 0) -> torch.Tensor:
    return torch.randn(n, n_inputs, generator=torch.Generator().manual_seed(seed)) * 1.5


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid", "linear"])
@pytest.mark.parametrize(
    "sizes, drops",
    [
        ([2, 3, 2], [0.2, 0.5]),
        ([3, 2, 2, 3], [0.3, 0.5, 0.6]),
        ([2, 4, 3], [[0.1, 0.7], [0.5, 0.2, 0.9, 0.4]]),
        ([2, 2, 2, 2, 2], [0.2, 0.5, 0.5, 0.5]),
    ],
)
def test_exact_matches_brute_force(activation, sizes, drops):
    model = DropoutMLP(sizes, drops, activation=activation, seed=3)
    x = random_inputs(sizes[0])
    arith_ref, geom_ref = brute_force_ensembles(model, x)
    result = en.all_rules(model, x)
    assert result.exact and result.n_masks == 2**model.n_droppable
    np.testing.assert_allclose(result.arithmetic.numpy(), arith_ref, atol=TOL)
    np.testing.assert_allclose(result.geometric.numpy(), geom_ref, atol=TOL)
    np.testing.assert_allclose(en.arithmetic_mean(model, x).numpy(), arith_ref, atol=TOL)
    np.testing.assert_allclose(en.geometric_mean(model, x).numpy(), geom_ref, atol=TOL)


@pytest.mark.parametrize("sizes", [[2, 5, 2], [3, 4, 4, 3]])
def test_linear_hidden_units_make_weight_scaling_exact(sizes):
    model = DropoutMLP(sizes, [0.2] + [0.5] * (len(sizes) - 2), activation="linear", seed=1)
    x = random_inputs(sizes[0], n=50)
    torch.testing.assert_close(en.geometric_mean(model, x), en.weight_scaled(model, x), atol=1e-6, rtol=0)


def test_relu_weight_scaling_is_only_an_approximation():
    model = DropoutMLP([2, 5, 2], [0.2, 0.5], activation="relu", seed=1)
    x = random_inputs(2, n=50)
    geometric, scaled, arith = en.geometric_mean(model, x), en.weight_scaled(model, x), en.arithmetic_mean(model, x)
    assert (geometric - scaled).abs().max() > 1e-3
    assert (arith - geometric).abs().max() > 1e-3


def test_zero_drop_probability_gives_the_plain_net_for_every_rule():
    model = DropoutMLP([2, 4, 4, 2], [0.0, 0.0, 0.0], seed=2)
    x = random_inputs(2)
    plain = torch.softmax(model.eval()(x), dim=-1).detach()
    result = en.all_rules(model, x)
    assert result.n_masks == 1
    for probs in (result.arithmetic, result.geometric, result.weight_scaled):
        torch.testing.assert_close(probs, plain, atol=1e-6, rtol=0)


def test_dropping_every_layer_leaves_only_the_output_bias():
    model = DropoutMLP([2, 3, 3], [1.0, 1.0], seed=2)
    x = random_inputs(2)
    from_bias = torch.softmax(model.linears[-1].bias.detach(), dim=0).expand(len(x), -1)
    result = en.all_rules(model, x)
    for probs in (result.arithmetic, result.geometric, result.weight_scaled):
        assert torch.isfinite(probs).all()
        torch.testing.assert_close(probs, from_bias, atol=1e-6, rtol=0)


def test_dropping_the_inputs_makes_the_output_independent_of_x():
    model = DropoutMLP([2, 3, 2], [1.0, 0.5], activation="tanh", seed=4)
    x = random_inputs(2, n=5)
    arith_ref, geom_ref = brute_force_ensembles(model, x)
    arith = en.arithmetic_mean(model, x)
    np.testing.assert_allclose(arith.numpy(), arith_ref, atol=TOL)
    torch.testing.assert_close(arith, arith[:1].expand(5, -1))


def test_monte_carlo_is_within_statistical_tolerance_and_really_random():
    model = DropoutMLP([2, 4, 4, 3], [0.2, 0.5, 0.5], activation="relu", seed=5)
    x = random_inputs(2, n=20)
    exact = en.all_rules(model, x)
    n = 4000
    sampled = en.all_rules(model, x, n_samples=n, generator=torch.Generator().manual_seed(0))
    # Each arithmetic estimate is a mean of n values in [0, 1]: its standard deviation is at most 0.5 / sqrt(n).
    assert (sampled.arithmetic - exact.arithmetic).abs().max() < 5 * 0.5 / n**0.5
    assert (sampled.geometric - exact.geometric).abs().max() < 0.05
    assert not sampled.exact and sampled.n_masks == n
    again = en.arithmetic_mean(model, x, n_samples=50, generator=torch.Generator().manual_seed(0))
    other = en.arithmetic_mean(model, x, n_samples=50, generator=torch.Generator().manual_seed(1))
    same = en.arithmetic_mean(model, x, n_samples=50, generator=torch.Generator().manual_seed(0))
    torch.testing.assert_close(again, same)
    assert (again - other).abs().max() > 1e-4


def test_geometric_mean_is_stable_where_probabilities_underflow():
    model = DropoutMLP([2, 3, 2], [0.2, 0.5], activation="linear", seed=0)
    with torch.no_grad():
        for lin in model.linears:
            lin.weight.mul_(400.0)
    x = random_inputs(2, n=10)
    geometric = en.geometric_mean(model, x)
    assert torch.isfinite(geometric).all()
    torch.testing.assert_close(geometric.sum(-1), torch.ones(10))
    torch.testing.assert_close(geometric, en.weight_scaled(model, x), atol=1e-5, rtol=0)


def test_exact_enumeration_too_large_says_to_pass_n_samples():
    wide = DropoutMLP([2, 30, 2], [0.2, 0.5])
    with pytest.raises(ValueError, match="n_samples"):
        en.arithmetic_mean(wide, torch.zeros(1, 2))
    medium = DropoutMLP([2, 18, 2], [0.2, 0.5])  # 2^20 masks: fine for a few points, not for a big grid
    assert en.exact_is_feasible(medium, 10) and not en.exact_is_feasible(medium, 4096)
    with pytest.raises(ValueError, match="n_samples"):
        en.geometric_mean(medium, torch.zeros(4096, 2))


def test_wrong_input_width_is_rejected():
    model = DropoutMLP([2, 3, 2], [0.2, 0.5])
    for rule in (en.weight_scaled, en.arithmetic_mean, en.geometric_mean):
        with pytest.raises(ValueError, match=r"shape \[N, 2\]"):
            rule(model, torch.zeros(4, 3))


@pytest.mark.parametrize("bad", [0, -3, 2.5])
def test_bad_sample_count_is_rejected(bad):
    model = DropoutMLP([2, 3, 2], [0.2, 0.5])
    with pytest.raises(ValueError, match="n_samples"):
        en.arithmetic_mean(model, torch.zeros(4, 2), n_samples=bad)


def test_progress_is_reported_up_to_one():
    model = DropoutMLP([2, 6, 6, 2], [0.2, 0.5, 0.5], seed=0)
    seen: list[float] = []
    en.all_rules(model, random_inputs(2, n=300), progress=seen.append)
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)


def test_monte_carlo_standard_errors_match_the_spread_of_the_sampled_predictions():
    from dropviz.core.compare import jackknife

    model = DropoutMLP([2, 6, 6, 2], [0.2, 0.5, 0.5], activation="relu", seed=3)
    x = torch.randn(50, 2, generator=torch.Generator().manual_seed(0)) * 1.5
    n = 4000
    result = en.all_rules(model, x, n_samples=n, generator=torch.Generator().manual_seed(1))
    assert len(result.leave_one_out) == en.JACKKNIFE_GROUPS
    estimate, se = jackknife(lambda a, g: a[:, 1], (result.arithmetic, result.geometric), result.leave_one_out)
    torch.testing.assert_close(estimate, result.arithmetic[:, 1].double())
    # The textbook standard error of a mean, from the per-mask probabilities drawn another way
    mu = mk.sample_masks(model.keep_probs(), n, torch.Generator().manual_seed(2))
    with torch.no_grad():
        per_mask = torch.softmax(model.forward_masked(x, mu), -1)[:, :, 1].double()
    classic = per_mask.std(0) / n**0.5
    ratio = (se / classic).median()
    assert 0.7 < ratio < 1.4, ratio  # 20 groups: the jackknife's own error is about 16%
    # Against the exact answer: z-scores behave like a standard normal's
    exact = en.arithmetic_mean(model, x)[:, 1].double()
    z = ((estimate - exact) / se).abs()
    assert (z > 4).sum() <= 1 and (z < 1).float().mean() > 0.4


def test_monte_carlo_standard_error_shrinks_like_one_over_root_n():
    from dropviz.core.compare import jackknife

    model = DropoutMLP([2, 8, 2], [0.2, 0.5], seed=1)
    x = torch.randn(40, 2, generator=torch.Generator().manual_seed(0))

    def se_of(n: int) -> float:
        r = en.all_rules(model, x, n_samples=n, generator=torch.Generator().manual_seed(n))
        return float(jackknife(lambda a, g: g[:, 0], (r.arithmetic, r.geometric), r.leave_one_out)[1].mean())

    assert 0.35 < se_of(6400) / se_of(1600) < 0.7  # expected 0.5


def confident_two_class_net() -> DropoutMLP:
    """A 2-3-2 net whose logits differ by tens under every mask: class 0's probability falls to 1e-10 or far below."""
    model = DropoutMLP([2, 3, 2], [0.2, 0.5], seed=4)
    with torch.no_grad():
        for linear in model.linears:
            linear.weight.mul_(12.0)
            linear.bias.mul_(12.0)
        model.linears[-1].bias.add_(torch.tensor([-20.0, 20.0]))
    return model


def test_tiny_probabilities_of_two_classes_keep_their_digits():
    """1 - p in float32 rounds anything under ~6e-8 to 0; the library gets both classes from the logits."""
    model = confident_two_class_net()
    x = random_inputs(2, n=20, seed=1)
    arith_ref, _ = brute_force_ensembles(model, x)
    tiny = (arith_ref < 1e-8) & (arith_ref > 1e-30)
    assert tiny.sum() >= 3, "the test needs confident points"
    for n_samples in (None, 4000):  # exact enumeration, and Monte Carlo (tiny under every mask, so close too)
        arith = en.all_rules(model, x, n_samples, torch.Generator().manual_seed(0)).arithmetic.double().numpy()
        np.testing.assert_allclose(arith[tiny], arith_ref[tiny], rtol=1e-3 if n_samples is None else 0.5)
