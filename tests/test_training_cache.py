"""The server-wide cache of finished training runs: copies out, never hands out, and waits for promised runs."""

import threading

import torch

from app import training_cache
from dropviz.core.experiment import Experiment, ExperimentConfig

CONFIG = ExperimentConfig(n_train=30, n_test=100, hidden_layers=1, width=4, drop_probs=(0.2, 0.5))


def weights(exp: Experiment) -> list[torch.Tensor]:
    return [p.detach().clone() for p in exp.model.parameters()]


def test_a_remembered_run_is_copied_into_a_new_experiment_not_shared():
    training_cache.clear()
    first = Experiment(CONFIG)
    first.step(30)
    training_cache.remember(first)
    second = Experiment(CONFIG)
    assert training_cache.restore(second, [((0.2, 0.5), 30)])
    assert all(torch.equal(a, b) for a, b in zip(weights(first), weights(second)))
    second.step(5)  # training one visitor's copy leaves the snapshot and the other visitor alone
    third = Experiment(CONFIG)
    assert training_cache.restore(third, [((0.2, 0.5), 30)]) and third.steps_done == 30
    assert all(torch.equal(a, b) for a, b in zip(weights(first), weights(third)))
    assert not training_cache.restore(Experiment(CONFIG), [((0.2, 0.5), 31)])


def test_a_visitor_waits_for_a_run_that_another_thread_promised():
    training_cache.clear()
    exp = Experiment(CONFIG)
    log = [((0.2, 0.5), 20)]
    done = training_cache.promise(exp, log)

    def train() -> None:
        exp.step(20)
        training_cache.remember(exp)
        done.set()

    threading.Timer(0.2, train).start()
    visitor = Experiment(CONFIG)
    assert training_cache.restore(visitor, log)  # blocked until the other thread finished, then copied
    assert visitor.steps_done == 20
