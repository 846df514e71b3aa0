"""Bagging library: bootstrap resamples, and k members trained in one batched computation."""

import math

import pytest
import torch

from dropviz.core import bagging as bg
from dropviz.core.experiment import ExperimentConfig
from dropviz.core.training import Trainer, TrainingDiverged
from dropviz.data.datasets import Split, make_split

CONFIG = ExperimentConfig()  # the app's defaults: 2-16-16-2 ReLU, Adam lr 0.01, batch 16, 40 training points


@pytest.fixture(scope="module")
def split() -> Split:
    c = CONFIG
    return make_split(c.dataset, c.n_train, c.n_test, c.noise, c.seed)


def test_bootstrap_indices_have_one_row_of_n_draws_per_member_within_range():
    idx = bg.bootstrap_indices(40, 8, torch.Generator().manual_seed(0))
    assert idx.shape == (8, 40) and idx.dtype == torch.int64
    assert int(idx.min()) >= 0 and int(idx.max()) < 40


def test_share_of_distinct_points_is_close_to_its_expectation():
    n, k = 40, 4000
    share = bg.distinct_share(bg.bootstrap_indices(n, k, torch.Generator().manual_seed(1)))
    expected = 1 - (1 - 1 / n) ** n
    assert bg.expected_distinct_share(n) == pytest.approx(expected)
    # a member's share has standard deviation about 0.05 at n = 40; over 4000 members the mean's is below 0.001
    assert float(share.mean()) == pytest.approx(expected, abs=0.005)
    assert bg.expected_distinct_share(100_000) == pytest.approx(1 - 1 / math.e, abs=1e-5)


def test_distinct_share_counts_repeats_once():
    idx = torch.tensor([[0, 0, 0, 0], [0, 1, 2, 3], [3, 3, 1, 1]])
    assert bg.distinct_share(idx).tolist() == [0.25, 1.0, 0.5]


def test_bootstrap_is_random_and_reproducible_with_a_generator():
    a = bg.bootstrap_indices(50, 3, torch.Generator().manual_seed(0))
    b = bg.bootstrap_indices(50, 3, torch.Generator().manual_seed(1))
    again = bg.bootstrap_indices(50, 3, torch.Generator().manual_seed(0))
    assert not torch.equal(a, b)
    assert torch.equal(a, again)
    assert not torch.equal(a[0], a[1])  # members get different resamples


@pytest.mark.parametrize(
    "call",
    [
        lambda: bg.bootstrap_indices(0, 3),
        lambda: bg.bootstrap_indices(10, 0),
        lambda: bg.bootstrap_indices(10, 2.5),
        lambda: bg.distinct_share(torch.tensor([[0, 5]])),
        lambda: bg.distinct_share(torch.tensor([0, 1])),
        lambda: bg.expected_distinct_share(0),
    ],
)
def test_bad_input_is_refused_with_a_value_error(call):
    with pytest.raises(ValueError):
        call()


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"k": 0}, "members"),
        ({"optimizer": "rmsprop"}, "optimizer"),
        ({"lr": 0.0}, "learning rate"),
        ({"batch_size": 0}, "batch"),
    ],
)
def test_trainer_refuses_bad_settings(split, kwargs, message):
    args = {"k": 3} | kwargs
    with pytest.raises(ValueError, match=message):
        bg.BaggingTrainer([2, 4, 2], "relu", split.train, **args)


@pytest.mark.parametrize("optimizer", ["adam", "sgd"])
def test_batched_members_equal_separately_trained_single_nets(split, optimizer):
    """Same init (seed + i), same resample, same minibatches: each member equals an ordinary Trainer run."""
    c, k, steps, lr = CONFIG, 4, 60, {"adam": 0.01, "sgd": 0.1}[optimizer]
    bagging = bg.BaggingTrainer(c.layer_sizes(2), c.activation, split.train, k, optimizer, lr, c.batch_size, seed=3)
    before = [w.detach().clone() for w in bagging.members.weights]
    bagging.step(steps)
    assert any(not torch.allclose(a, b) for a, b in zip(before, bagging.members.weights))  # it did train
    x = torch.from_numpy(split.test.x)
    batched = bg.predict_proba(bagging.members, x)
    for i in range(k):
        seed = bg.member_seed(3, i)
        alone = bg.DropoutMLP(c.layer_sizes(2), bg.no_dropout(c.layer_sizes(2)), c.activation, seed=seed)
        resampled = Split(bg.resample(split.train, bagging.indices[i]), split.test)
        Trainer(alone, resampled, optimizer, lr, c.batch_size, seed=seed).step(steps)
        for mine, theirs in zip(bagging.members.net(i).parameters(), alone.parameters()):
            torch.testing.assert_close(mine, theirs, atol=1e-5, rtol=0)
        with torch.no_grad():
            torch.testing.assert_close(batched[i], torch.softmax(alone.eval()(x), -1), atol=1e-5, rtol=0)


def test_members_start_from_the_seeded_single_nets():
    members = bg.Members.initial([2, 5, 3], "tanh", [7, 8])
    net = bg.DropoutMLP([2, 5, 3], [0.0, 0.0], "tanh", seed=8)
    for mine, theirs in zip(members.net(1).parameters(), net.parameters()):
        assert torch.equal(mine, theirs)
    assert members.parameters_each == sum(p.numel() for p in net.parameters())


def test_predict_proba_gives_k_rows_of_probabilities(split):
    bagging = bg.BaggingTrainer([2, 6, 6, 3], "relu", split.train, 5, seed=0)
    probs = bg.predict_proba(bagging.members, torch.randn(11, 2))
    assert probs.shape == (5, 11, 3)
    torch.testing.assert_close(probs.sum(-1), torch.ones(5, 11))
    with pytest.raises(ValueError, match="shape"):
        bg.predict_proba(bagging.members, torch.randn(11, 3))


def test_training_continues_where_it_stopped(split):
    """Carrying on from step 30 equals training 50 steps at once (the page relies on it)."""
    one = bg.BaggingTrainer.for_experiment(CONFIG, split, 3)
    two = bg.BaggingTrainer.for_experiment(CONFIG, split, 3)
    one.step(50)
    two.step(30)
    two.step(20)
    for a, b in zip(one.members.parameters(), two.members.parameters()):
        assert torch.equal(a, b)
    assert one.seconds > 0


def test_a_diverging_member_stops_training_with_a_message(split):
    bagging = bg.BaggingTrainer([2, 16, 2], "relu", split.train, 3, "sgd", lr=1e6, batch_size=8)
    with pytest.raises(TrainingDiverged, match="bagging member"):
        bagging.step(200)
    assert bagging.diverged_member is not None and bagging.steps_done < 200
    with pytest.raises(TrainingDiverged):
        bagging.step(1)


def test_scores_of_probabilities():
    probs = torch.tensor([[[0.9, 0.1], [0.2, 0.8]], [[0.4, 0.6], [1.0, 0.0]]])
    y = torch.tensor([0, 1])
    torch.testing.assert_close(bg.accuracy(probs, y), torch.tensor([1.0, 0.0], dtype=torch.float64))
    nll = bg.log_loss(probs, y)
    assert float(nll[0]) == pytest.approx(-(math.log(0.9) + math.log(0.8)) / 2)
    assert math.isfinite(float(nll[1]))  # a sure mistake is clamped, not infinite


def test_the_dropout_net_is_timed_on_a_fresh_copy():
    seconds = bg.time_dropout_net(ExperimentConfig(hidden_layers=1, width=4, drop_probs=(0.2, 0.5)), 20)
    assert 0 < seconds < 10
    with pytest.raises(ValueError, match="steps"):
        bg.time_dropout_net(CONFIG, -1)
