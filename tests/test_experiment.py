"""The dropout net and its twin: same start, same batches, different only in dropout."""

import torch

from dropviz.experiment import Experiment, ExperimentConfig, sync


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
