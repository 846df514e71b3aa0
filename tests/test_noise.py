"""Other ways to drop a unit: Gaussian multiplicative noise and DropConnect, checked against their definitions."""

import pytest
import torch

from dropviz.core import ensembles as en
from dropviz.core import noise as nz
from dropviz.core.model import DropoutMLP

NOISES = ("bernoulli", "gaussian", "dropconnect")


def test_gaussian_multipliers_have_mean_1_and_the_bernoulli_variance():
    keep = torch.tensor([0.8, 0.5, 0.2, 1.0, 0.0])
    draws = nz.gaussian_multipliers(keep, 200_000, torch.Generator().manual_seed(0))
    p = 1 - keep[:3]
    torch.testing.assert_close(draws[:, :3].mean(0), torch.ones(3), atol=0.02, rtol=0)
    torch.testing.assert_close(draws[:, :3].var(0), p / (1 - p), rtol=0.03, atol=0)
    assert (draws[:, 3] == 1).all() and (draws[:, 4] == 0).all()  # never dropped / always dropped


def test_dropconnect_drops_each_weight_with_its_input_units_probability_and_scales_the_rest():
    keep_in = torch.tensor([0.8, 0.5, 0.25])
    masks = nz.connect_masks(keep_in, 4, 50_000, torch.Generator().manual_seed(0))
    assert masks.shape == (50_000, 4, 3)
    torch.testing.assert_close(masks.mean((0, 1)), keep_in, atol=0.01, rtol=0)
    scaled = nz.scaled_connect_masks(keep_in, masks)
    torch.testing.assert_close(scaled.mean((0, 1)), torch.ones(3), atol=0.03, rtol=0)  # expected factor 1
    assert set(scaled[..., 2].unique().tolist()) <= {0.0, 4.0}


@pytest.mark.parametrize("noise", NOISES)
def test_with_linear_units_the_mean_training_output_is_the_eval_output(noise):
    """Every noise has expected multiplier 1, so with no nonlinearity E[logits] = weight scaling = eval mode."""
    model = DropoutMLP([2, 5, 4, 3], [0.2, 0.5, 0.4], activation="linear", seed=0, noise=noise)
    x = torch.randn(6, 2, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        sampled = model.sample_noisy_logits(x, 40_000, torch.Generator().manual_seed(2)).mean(0)
        model.train()
        training = torch.stack([model(x) for _ in range(4000)]).mean(0)  # per-example noise, as in training
        model.eval()
        expected = model(x)
    scale = expected.abs().max()
    torch.testing.assert_close(sampled, expected, atol=0.03 * scale, rtol=0)
    torch.testing.assert_close(training, expected, atol=0.08 * scale, rtol=0)


@pytest.mark.parametrize("noise", ["gaussian", "dropconnect"])
def test_exact_ensembles_are_refused_for_continuous_or_per_weight_noise_and_monte_carlo_works(noise):
    model = DropoutMLP([2, 4, 2], [0.2, 0.5], seed=0, noise=noise)
    x = torch.randn(5, 2)
    assert not en.exact_is_feasible(model, 5)
    with pytest.raises(ValueError, match="n_samples"):
        en.arithmetic_mean(model, x)
    result = en.all_rules(model, x, n_samples=200, generator=torch.Generator().manual_seed(0))
    assert not result.exact and result.arithmetic.shape == (5, 2)
    torch.testing.assert_close(result.arithmetic.sum(1), torch.ones(5))


def test_training_samples_the_chosen_noise_per_example():
    gaussian = DropoutMLP([2, 4, 2], [0.2, 0.5], seed=0, noise="gaussian")
    gaussian.train()
    gaussian(torch.randn(7, 2))
    assert gaussian.last_noise.shape == (7, 6) and gaussian.last_mu is None
    connect = DropoutMLP([2, 4, 2], [0.2, 0.5], seed=0, noise="dropconnect")
    connect.train()
    connect(torch.randn(7, 2))
    assert [m.shape for m in connect.last_noise] == [(7, 4, 2), (7, 2, 4)]


def test_an_unknown_noise_is_a_value_error():
    with pytest.raises(ValueError, match="unknown noise"):
        DropoutMLP([2, 3, 2], [0.2, 0.5], noise="salt")


def test_bernoulli_sampling_is_unchanged_by_the_noise_machinery():
    model = DropoutMLP([2, 4, 2], [0.2, 0.5], seed=0)
    x = torch.randn(3, 2)
    from dropviz.core import masks as mk

    mu = mk.sample_masks(model.keep_probs(), 10, torch.Generator().manual_seed(5))
    with torch.no_grad():
        direct = model.forward_masked(x, mu)
        sampled = model.sample_noisy_logits(x, 10, torch.Generator().manual_seed(5))
    torch.testing.assert_close(sampled, direct)


@pytest.mark.parametrize("method", ["gaussian", "dropconnect"])
def test_an_experiment_trains_with_the_chosen_noise_and_replays_exactly(method):
    from dropviz.core.experiment import Experiment, ExperimentConfig

    config = ExperimentConfig(n_train=30, n_test=100, width=8, method=method)
    exp = Experiment(config)
    assert exp.model.noise == method and exp.twin.model.noise == "bernoulli"
    first_loss = exp.trainer.history.train_loss[0]
    exp.step(200)
    assert exp.trainer.history.train_loss[-1] < first_loss
    again = Experiment(config)
    again.replay(exp.log)
    for a, b in zip(exp.model.parameters(), again.model.parameters()):
        assert torch.equal(a, b)
