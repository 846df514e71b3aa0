"""The dropout net and its twin: same start, same batches, different only in dropout."""

import pytest
import torch

from dropviz.core import experiment
from dropviz.core.experiment import Experiment, ExperimentConfig, sync
from dropviz.core.training import TrainingDiverged


def test_twin_starts_equal_and_never_drops():
    exp = Experiment(ExperimentConfig(n_train=30))
    for a, b in zip(exp.model.linears, exp.twin.model.linears):
        torch.testing.assert_close(a.weight, b.weight)
    assert exp.twin.model.drop_probs == [0.0, 0.0, 0.0]
    exp.step(20)
    assert exp.trainer.steps_done == exp.twin.steps_done == 20
    assert not torch.equal(exp.model.linears[0].weight, exp.twin.model.linears[0].weight)


def test_sync_keeps_training_when_only_drop_probabilities_change():
    exp = Experiment(ExperimentConfig(n_train=30))
    exp.step(10)
    same = sync(exp, ExperimentConfig(n_train=30, drop_probs=(0.1, 0.3, 0.3)))
    assert same is exp and exp.steps_done == 10
    assert exp.model.drop_probs == [0.1, 0.3, 0.3] and exp.twin.model.drop_probs == [0.0, 0.0, 0.0]
    rebuilt = sync(exp, ExperimentConfig(n_train=30, width=8))
    assert rebuilt is not exp and rebuilt.steps_done == 0 and rebuilt.serial != exp.serial


def _weights(exp: Experiment) -> list[torch.Tensor]:
    return [p.detach().clone() for p in (*exp.model.parameters(), *exp.twin.model.parameters())]


def test_the_log_records_each_stretch_of_training_and_a_replay_reproduces_the_weights():
    config = ExperimentConfig(n_train=30, n_test=100)
    original = Experiment(config)
    original.step(30)
    original.step(20)  # same drop probabilities: one stretch of 50 steps
    original.set_drop_probs((0.2, 0.8, 0.8))
    original.set_drop_probs((0.2, 0.7, 0.7))  # no steps at 0.8: nothing logged for it
    original.step(40)
    assert original.log == [((0.2, 0.5, 0.5), 50), ((0.2, 0.7, 0.7), 40)]
    assert original.trained_drop_probs() == [(0.2, 0.5, 0.5), (0.2, 0.7, 0.7)]

    replayed = Experiment(config)
    fractions = []
    replayed.replay(original.log, progress=fractions.append)
    assert replayed.steps_done == replayed.twin.steps_done == 90
    assert fractions[-1] == 1.0
    for a, b in zip(_weights(original), _weights(replayed)):
        assert torch.equal(a, b)  # bit for bit: same batches, same masks, same order of operations
    assert replayed.trainer.history.test_loss == original.trainer.history.test_loss


def test_a_diverging_net_stops_both_and_a_replay_diverges_at_the_same_step():
    config = ExperimentConfig(n_train=30, n_test=100, optimizer="sgd", lr=100.0)
    original = Experiment(config)
    with pytest.raises(TrainingDiverged):
        original.step(200)
    assert original.diverged
    assert abs(original.trainer.steps_done - original.twin.steps_done) <= 1  # the other net stopped with it
    with pytest.raises(TrainingDiverged):
        original.step(10)
    replayed = Experiment(config)
    replayed.replay(original.log)
    assert replayed.diverged and replayed.steps_done == original.steps_done
    assert replayed.twin.steps_done == original.twin.steps_done


def test_training_stops_at_the_step_limit(monkeypatch):
    monkeypatch.setattr(experiment, "MAX_STEPS", 25)
    exp = Experiment(ExperimentConfig(n_train=30, n_test=100))
    exp.step(20)
    exp.step(20)
    assert exp.steps_done == 25 and exp.steps_left == 0
    assert exp.log == [((0.2, 0.5, 0.5), 25)]


def test_copying_the_training_continues_exactly_as_the_original_would():
    config = ExperimentConfig(n_train=30, n_test=100)
    original = Experiment(config)
    original.step(35)
    copy = Experiment(config)
    model = copy.model  # a page may hold on to the model: it must see the copied weights
    copy.copy_training_from(original)
    assert copy.model is model and copy.log == original.log and copy.steps_done == 35
    original.step(25)
    copy.step(25)
    for a, b in zip(_weights(original), _weights(copy)):
        assert torch.equal(a, b)
    assert copy.trainer.history.test_loss == original.trainer.history.test_loss
    with pytest.raises(ValueError, match="same data"):
        Experiment(ExperimentConfig(n_train=30, n_test=100, width=4)).copy_training_from(original)
