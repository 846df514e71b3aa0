"""Monte Carlo dropout against its definitions, computed with a plain loop of forward_masked."""

import math

import pytest
import torch

from dropviz.core import masks as mk
from dropviz.core import uncertainty as unc
from dropviz.core.model import DropoutMLP


def points(n: int = 25, seed: int = 0) -> torch.Tensor:
    return torch.randn(n, 2, generator=torch.Generator().manual_seed(seed)) * 2.0


def loop_definition(model: DropoutMLP, x: torch.Tensor, masks: torch.Tensor):
    """Mean of softmax over masks, its entropy, and the mean of each mask's entropy, one mask at a time."""
    with torch.no_grad():
        probs = torch.stack([torch.softmax(model.forward_masked(x, mu).double(), -1) for mu in masks])  # [T, N, C]
    mean = probs.mean(0)
    entropy_of_mean = -(mean * mean.log()).sum(-1)
    mean_entropy = (-(probs * probs.clamp_min(1e-300).log()).sum(-1)).mean(0)
    return mean, entropy_of_mean, mean_entropy


@pytest.mark.parametrize(
    "sizes, drops, activation",
    [
        ([2, 8, 8, 2], [0.2, 0.5, 0.5], "relu"),
        ([2, 6, 3], [0.1, 0.5], "tanh"),
        ([2, 4, 4, 4, 3], [0.2, 0.3, 0.5, 0.6], "relu"),
    ],
)
def test_mean_entropy_and_mutual_information_follow_their_definitions(sizes, drops, activation):
    model = DropoutMLP(sizes, drops, activation, seed=3)
    x = points()
    result = unc.mc_dropout(model, x, 150, generator=torch.Generator().manual_seed(11))
    masks = mk.sample_masks(model.keep_probs(), 150, torch.Generator().manual_seed(11))  # the same generator
    mean, entropy_of_mean, mean_entropy = loop_definition(model, x, masks)
    torch.testing.assert_close(result.mean, mean, atol=1e-6, rtol=0)
    torch.testing.assert_close(result.entropy, entropy_of_mean, atol=1e-6, rtol=0)
    torch.testing.assert_close(result.mutual_information, entropy_of_mean - mean_entropy, atol=1e-5, rtol=0)


def test_entropy_is_minus_sum_p_log_p_of_the_returned_mean():
    model = DropoutMLP([2, 8, 8, 2], [0.2, 0.5, 0.5], "relu", seed=1)
    result = unc.mc_dropout(model, points(), 64)
    p = result.mean
    torch.testing.assert_close(result.entropy, -(p * p.log()).sum(-1))
    assert (result.entropy <= math.log(2) + 1e-12).all() and (result.entropy >= 0).all()
    torch.testing.assert_close(p.sum(-1), torch.ones(len(p), dtype=torch.float64))
    assert result._fields == ("mean", "entropy", "mutual_information")


def test_no_dropout_means_no_disagreement():
    model = DropoutMLP([2, 8, 8, 2], [0.0, 0.0, 0.0], "relu", seed=2)
    result = unc.mc_dropout(model, points(), 40)
    assert result.mutual_information.abs().max() < 1e-5
    assert result.entropy.max() > 0.01  # the net is still unsure somewhere: entropy is not disagreement


@pytest.mark.parametrize("noise", ["bernoulli", "gaussian", "dropconnect"])
def test_mutual_information_is_never_negative(noise):
    for seed in range(3):
        model = DropoutMLP([2, 6, 6, 3], [0.3, 0.5, 0.7], "tanh", seed=seed, noise=noise)
        result = unc.mc_dropout(model, points(seed=seed), 30, generator=torch.Generator().manual_seed(seed))
        assert result.mutual_information.min() > -1e-6
        assert (result.mutual_information <= result.entropy + 1e-9).all()  # disagreement is part of all doubt


def test_mutual_information_is_largest_where_the_subnetworks_disagree():
    model = DropoutMLP([2, 16, 16, 2], [0.2, 0.5, 0.5], "relu", seed=0)
    x = points(200)
    result = unc.mc_dropout(model, x, 200, generator=torch.Generator().manual_seed(0))
    masks = mk.sample_masks(model.keep_probs(), 200, torch.Generator().manual_seed(0))
    with torch.no_grad():
        p1 = torch.softmax(model.forward_masked(x, masks), -1)[..., 1]  # [T, N]
    spread = p1.std(0)  # how much the subnetworks disagree at each point
    top, bottom = result.mutual_information.argsort()[-20:], result.mutual_information.argsort()[:20]
    assert spread[top].mean() > 2 * spread[bottom].mean()


@pytest.mark.parametrize("bad", [0, -3, 2.5, True, "10", None])
def test_bad_sample_counts_are_rejected(bad):
    model = DropoutMLP([2, 4, 2], [0.2, 0.5], seed=0)
    with pytest.raises(ValueError):
        unc.mc_dropout(model, points(), bad)


def test_bad_inputs_are_rejected():
    model = DropoutMLP([2, 4, 2], [0.2, 0.5], seed=0)
    with pytest.raises(ValueError):
        unc.mc_dropout(model, torch.zeros(5, 3), 10)
    with pytest.raises(ValueError):
        unc.mc_dropout(model, torch.zeros(0, 2), 10)


def test_same_generator_same_maps():
    model = DropoutMLP([2, 8, 8, 2], [0.2, 0.5, 0.5], "relu", seed=0)
    a = unc.mc_dropout(model, points(), 30, torch.Generator().manual_seed(4))
    b = unc.mc_dropout(model, points(), 30, torch.Generator().manual_seed(4))
    c = unc.mc_dropout(model, points(), 30, torch.Generator().manual_seed(5))
    torch.testing.assert_close(a.mutual_information, b.mutual_information)
    assert not torch.equal(a.mutual_information, c.mutual_information)
