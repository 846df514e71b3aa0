"""DropoutMLP's masks: inverted scaling, explicit masks, p(mu), enumeration, sampling and bad input."""

import math

import pytest
import torch

from dropviz.core import masks as mk
from dropviz.core.model import DropoutMLP


def test_layer_structure_and_subnetwork_count():
    model = DropoutMLP([2, 6, 6, 2], [0.2, 0.5, 0.5])
    assert [type(lin).__name__ for lin in model.linears] == ["Linear"] * 3
    assert [(lin.in_features, lin.out_features) for lin in model.linears] == [(2, 6), (6, 6), (6, 2)]
    assert model.n_droppable == 14
    torch.testing.assert_close(model.keep_probs(), torch.tensor([0.8] * 2 + [0.5] * 12, dtype=torch.float64))


def test_train_mode_uses_the_masks_it_reports_with_inverted_scaling():
    model = DropoutMLP([3, 4, 2], [0.25, 0.5], seed=0).train()
    model.generator = torch.Generator().manual_seed(0)
    x = torch.randn(16, 3)
    logits = model(x)
    mu = model.last_mu
    assert mu.shape == (16, 7) and set(mu.unique().tolist()) <= {0.0, 1.0}
    # Each example's logits are its own subnetwork's, with kept units scaled by 1/keep.
    h = torch.relu(model.linears[0](x * mu[:, :3] / 0.75))
    expected = model.linears[1](h * mu[:, 3:] / 0.5)
    torch.testing.assert_close(logits, expected)
    for i in range(16):
        torch.testing.assert_close(model.forward_masked(x[i : i + 1], mu[i])[0], logits[i])


def test_training_masks_are_reproducible_with_a_generator():
    model = DropoutMLP([2, 8, 2], [0.2, 0.5], seed=0).train()
    x = torch.randn(5, 2)
    model.generator = torch.Generator().manual_seed(7)
    first = model(x)
    model.generator = torch.Generator().manual_seed(7)
    torch.testing.assert_close(model(x), first)


def test_same_seed_gives_the_same_weights():
    a, b = DropoutMLP([2, 5, 2], [0.2, 0.5], seed=3), DropoutMLP([2, 5, 2], [0.0, 0.0], seed=3)
    for la, lb in zip(a.linears, b.linears):
        torch.testing.assert_close(la.weight, lb.weight)


def test_batch_of_masks_matches_one_at_a_time():
    model = DropoutMLP([2, 3, 3, 2], [0.2, 0.5, 0.5], activation="tanh", seed=1)
    x = torch.randn(4, 2)
    mu = mk.sample_masks(model.keep_probs(), 6, torch.Generator().manual_seed(0))
    batch = model.forward_masked(x, mu)
    assert batch.shape == (6, 4, 2)
    for k in range(6):
        torch.testing.assert_close(batch[k], model.forward_masked(x, mu[k]))


def test_drop_probability_one_zeroes_a_layer_without_nan():
    model = DropoutMLP([2, 3, 2], [1.0, 0.5], seed=0).train()
    logits = model(torch.randn(8, 2))
    assert torch.isfinite(logits).all()
    assert (model.last_mu[:, :2] == 0).all()
    # The inputs never reach the net: every example sees the same first layer (its bias only).
    torch.testing.assert_close(
        model.forward_masked(torch.randn(3, 2), torch.tensor([1.0, 1.0, 1, 1, 1])),
        model.forward_masked(torch.zeros(3, 2), torch.tensor([0.0, 0.0, 1, 1, 1])),
    )


def test_drop_probability_zero_keeps_everything():
    model = DropoutMLP([2, 3, 2], [0.0, 0.0], seed=0).train()
    x = torch.randn(8, 2)
    torch.testing.assert_close(model(x), model.eval()(x))


@pytest.mark.parametrize(
    "drops, message",
    [
        ([0.2], "expected 2 drop probabilities"),
        ([0.2, 0.5, 0.5], "expected 2 drop probabilities"),
        ([-0.1, 0.5], r"must lie in \[0, 1\]"),
        ([0.2, 1.5], r"must lie in \[0, 1\]"),
        ([float("nan"), 0.5], r"must lie in \[0, 1\]"),
        ([[0.2, 0.2, 0.2], 0.5], "2 units but 3"),
    ],
)
def test_bad_drop_probabilities(drops, message):
    with pytest.raises(ValueError, match=message):
        DropoutMLP([2, 4, 2], drops)
    model = DropoutMLP([2, 4, 2], [0.2, 0.5])
    with pytest.raises(ValueError, match=message):
        model.set_drop_probs(drops)
    assert model.drop_probs == [0.2, 0.5]  # a refused change leaves the model as it was


def test_bad_architecture_and_activation():
    with pytest.raises(ValueError, match="unknown activation"):
        DropoutMLP([2, 4, 2], [0.2, 0.5], activation="gelu")
    with pytest.raises(ValueError, match="layer_sizes"):
        DropoutMLP([2], [])
    with pytest.raises(ValueError, match="layer_sizes"):
        DropoutMLP([2, 0, 2], [0.2, 0.5])


def test_wrong_input_and_mask_shapes():
    model = DropoutMLP([2, 4, 2], [0.2, 0.5])
    with pytest.raises(ValueError, match=r"shape \[N, 2\]"):
        model(torch.zeros(3, 5))
    with pytest.raises(ValueError, match=r"shape \[N, 2\]"):
        model(torch.zeros(2))
    with pytest.raises(ValueError, match="mu must have shape"):
        model.forward_masked(torch.zeros(3, 2), torch.ones(5))


def test_mask_probability_by_hand():
    keep = torch.tensor([0.8, 0.5, 0.3], dtype=torch.float64)
    assert mk.mask_probability(torch.tensor([1.0, 0.0, 1.0]), keep).item() == pytest.approx(0.8 * 0.5 * 0.3)
    assert mk.mask_probability(torch.tensor([0.0, 0.0, 0.0]), keep).item() == pytest.approx(0.2 * 0.5 * 0.7)


def test_enumerated_masks_are_all_distinct_and_sum_to_one():
    keep = torch.tensor([0.8, 0.5, 0.5, 0.1], dtype=torch.float64)
    masks, probs = mk.enumerate_masks(keep)
    assert masks.shape == (16, 4) and len({tuple(m.tolist()) for m in masks}) == 16
    assert probs.sum().item() == pytest.approx(1.0)


def test_enumeration_skips_impossible_masks():
    keep = torch.tensor([1.0, 0.5, 0.0, 0.25], dtype=torch.float64)
    masks, probs = mk.enumerate_masks(keep, skip_impossible=True)
    assert masks.shape == (4, 4)
    assert (masks[:, 0] == 1).all() and (masks[:, 2] == 0).all()
    assert (probs > 0).all() and probs.sum().item() == pytest.approx(1.0)


def test_listing_too_many_masks_is_refused():
    with pytest.raises(ValueError, match="sample masks instead"):
        mk.enumerate_masks(torch.full((mk.MAX_LISTED_UNITS + 1,), 0.5, dtype=torch.float64))


def test_sampled_masks_keep_each_unit_at_its_keep_rate():
    keep = torch.tensor([0.8, 0.5, 0.1, 1.0, 0.0], dtype=torch.float64)
    n = 20000
    freq = mk.sample_masks(keep, n, torch.Generator().manual_seed(0)).mean(0).double()
    # Binomial standard deviation is at most 0.5 / sqrt(n); allow five of them.
    assert (freq - keep).abs().max().item() < 5 * 0.5 / math.sqrt(n)
    with pytest.raises(ValueError, match="at least 1"):
        mk.sample_masks(keep, 0)


def test_per_unit_drop_probabilities_accept_lists_arrays_and_tensors():
    import numpy as np

    for per_unit in ([0.1, 0.9], np.array([0.1, 0.9]), torch.tensor([0.1, 0.9])):
        model = DropoutMLP([2, 3, 2], [per_unit, torch.tensor(0.5)])
        torch.testing.assert_close(model.keep_probs(), torch.tensor([0.9, 0.1, 0.5, 0.5, 0.5], dtype=torch.float64))


def test_empty_input_is_rejected():
    with pytest.raises(ValueError, match="N >= 1"):
        DropoutMLP([2, 3, 2], [0.2, 0.5])(torch.zeros(0, 2))
