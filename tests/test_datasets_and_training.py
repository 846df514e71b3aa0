"""Toy datasets and the step-wise trainer."""

import numpy as np
import pytest
import torch

from dropviz.core.model import DropoutMLP
from dropviz.core.training import Trainer, TrainingDiverged, step_together
from dropviz.data.datasets import GENERATORS, make_dataset, train_test_split


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_every_dataset_is_deterministic_and_well_formed(name):
    a, b = make_dataset(name, 120, 0.1, seed=4), make_dataset(name, 120, 0.1, seed=4)
    np.testing.assert_array_equal(a.x, b.x)
    np.testing.assert_array_equal(a.y, b.y)
    assert a.x.shape == (120, 2) and a.x.dtype == np.float32 and a.y.dtype == np.int64
    assert set(np.unique(a.y)) == set(range(a.n_classes)) and a.n_classes >= 2
    assert np.abs(a.x).max() < 3.5
    other = make_dataset(name, 120, 0.1, seed=5)
    assert not np.array_equal(a.x, other.x)


def test_blobs_has_three_classes_and_noise_moves_points():
    assert make_dataset("blobs", 30).n_classes == 3
    clean, noisy = make_dataset("moons", 50, 0.0, seed=1), make_dataset("moons", 50, 0.5, seed=1)
    assert np.abs(clean.x - noisy.x).mean() > 0.1


def test_split_is_disjoint_and_complete():
    data = make_dataset("circles", 10, 0.1)
    split = train_test_split(data, 0.3, seed=0)
    assert len(split.train.y) + len(split.test.y) == 10 and len(split.test.y) == 3
    rows = {tuple(r) for r in np.concatenate([split.train.x, split.test.x])}
    assert rows == {tuple(r) for r in data.x}


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"name": "swirl"}, "unknown dataset"),
        ({"name": "moons", "n_samples": 3}, "n_samples"),
        ({"name": "moons", "noise": -0.1}, "noise"),
        ({"name": "moons", "noise": float("nan")}, "noise"),
    ],
)
def test_bad_dataset_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        make_dataset(**kwargs)


def new_trainer(seed=0, lr=0.01, drops=(0.2, 0.5), **kwargs):
    split = train_test_split(make_dataset("moons", 120, 0.15, seed=0))
    model = DropoutMLP([2, 16, 2], list(drops), seed=seed)
    return Trainer(model, split, lr=lr, seed=seed, **kwargs)


def test_training_learns_moons():
    trainer = new_trainer()
    trainer.step(300)
    h = trainer.history
    assert h.step[0] == 0 and h.step[-1] == 300 and len(h.step) == 31
    assert h.train_loss[-1] < 0.6 * h.train_loss[0]
    assert h.test_acc[-1] > 0.8


def test_steps_in_chunks_equal_steps_at_once_and_seeds_reproduce():
    a, b, c = new_trainer(seed=1), new_trainer(seed=1), new_trainer(seed=2)
    a.step(40)
    for _ in range(8):
        b.step(5)
    c.step(40)
    assert a.history == b.history
    for la, lb in zip(a.model.linears, b.model.linears):
        torch.testing.assert_close(la.weight, lb.weight)
    assert a.history.train_loss != c.history.train_loss


@pytest.mark.parametrize("optimizer", ["adam", "sgd"])
def test_lockstep_training_is_bit_for_bit_training_each_alone(optimizer):
    """One backward pass through the summed losses must give each net exactly its own gradient."""
    together = [new_trainer(seed=1, optimizer=optimizer), new_trainer(seed=2, drops=(0.0, 0.0), optimizer=optimizer)]
    alone = [new_trainer(seed=1, optimizer=optimizer), new_trainer(seed=2, drops=(0.0, 0.0), optimizer=optimizer)]
    calls = []
    step_together(together, 35, after_step=lambda: calls.append(together[0].steps_done))
    for trainer in alone:
        trainer.step(35)
    assert calls == list(range(1, 36))
    for a, b in zip(together, alone):
        assert a.steps_done == b.steps_done == 35 and a.history == b.history
        for pa, pb in zip(a.model.parameters(), b.model.parameters()):
            assert torch.equal(pa, pb)
        for sa, sb in zip(a.optimizer.state.values(), b.optimizer.state.values()):
            assert all(torch.equal(sa[key], sb[key]) for key in sa)


def test_in_lockstep_a_diverging_net_stops_both_before_the_bad_step():
    stable = new_trainer(seed=1)
    wild = new_trainer(lr=1e12, optimizer="sgd", drops=(0.0, 0.0))
    with pytest.raises(TrainingDiverged, match="Lower the learning rate"):
        step_together([stable, wild], 200)
    assert wild.diverged and not stable.diverged
    assert stable.steps_done == wild.steps_done < 200
    with pytest.raises(TrainingDiverged):
        step_together([stable, wild], 1)


def test_a_huge_learning_rate_stops_with_a_clear_message():
    trainer = new_trainer(lr=1e12, optimizer="sgd", drops=(0.0, 0.0))
    with pytest.raises(TrainingDiverged, match="Lower the learning rate"):
        trainer.step(200)
    assert trainer.diverged
    with pytest.raises(TrainingDiverged):
        trainer.step(1)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"optimizer": "rmsprop"}, "unknown optimizer"),
        ({"lr": 0.0}, "learning rate"),
        ({"lr": float("inf")}, "learning rate"),
        ({"weight_decay": -1.0}, "weight decay"),
        ({"batch_size": 0}, "batch_size"),
    ],
)
def test_bad_trainer_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        new_trainer(**kwargs)
