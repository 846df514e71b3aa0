"""The weights kept while training (dropviz.core.trail), checked against nets trained separately to each step."""

import io

import pytest
import torch

from dropviz.core.experiment import Experiment, ExperimentConfig
from dropviz.core.trail import Trail
from dropviz.data import checkpoint

SMALL = ExperimentConfig(hidden_layers=1, width=4, drop_probs=(0.2, 0.5), n_train=20, n_test=50)


def _same_weights(a: dict[str, torch.Tensor], b: dict[str, torch.Tensor]) -> bool:
    return a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)


def test_every_waypoint_holds_the_weights_a_separate_run_has_at_that_step():
    exp = Experiment(SMALL)
    exp.step(120)
    exp.set_drop_probs((0.0, 0.8))
    exp.step(130)
    steps = [w.step for w in exp.trail.waypoints]
    assert steps == list(range(0, 251, exp.trail.stride)) and exp.trail.stride == 4
    for waypoint in exp.trail.waypoints[::7]:
        other = Experiment(SMALL)
        other.step(min(waypoint.step, 120))
        other.set_drop_probs((0.0, 0.8))
        other.step(max(0, waypoint.step - 120))
        assert _same_weights(waypoint.dropout, other.trainer.model.state_dict()), waypoint.step
        assert _same_weights(waypoint.twin, other.twin.model.state_dict()), waypoint.step
        assert waypoint.drop_probs == ((0.2, 0.5) if waypoint.step <= 120 else (0.0, 0.8))


def test_the_drop_probabilities_are_those_the_step_was_taken_with():
    exp = Experiment(SMALL)
    exp.step(10)
    exp.set_drop_probs((0.0, 0.8))  # a slider moved while paused: the next steps use it
    exp.step(10)
    probs = {w.step: w.drop_probs for w in exp.trail.waypoints}
    assert probs[0] == probs[10] == (0.2, 0.5) and probs[11] == probs[20] == (0.0, 0.8)


def test_memory_stays_bounded_and_the_waypoints_evenly_spaced():
    trail, model = Trail(capacity=8), Experiment(SMALL)
    for step in range(1001):
        trail.record(step, (0.2, 0.5), model.trainer.model, model.twin.model)
        assert len(trail.waypoints) <= 9
    assert trail.stride == 128 and [w.step for w in trail.waypoints] == list(range(0, 1001, 128))
    assert trail.complete(1000) and trail.complete(900) and not trail.complete(1100)


def test_a_trail_that_misses_steps_is_not_complete():
    exp = Experiment(SMALL)
    exp.step(30)
    restored = checkpoint.load(io.BytesIO(_saved(exp)))  # the file has the weights now, not the ones on the way
    assert restored.steps_done == 30 and exp.trail.complete(30) and not restored.trail.complete(30)
    copied = Experiment(SMALL)
    copied.copy_training_from(exp)  # what a link's cached replay hands over
    assert copied.trail.complete(30) and copied.trail.waypoints == exp.trail.waypoints


def _saved(exp: Experiment) -> bytes:
    buffer = io.BytesIO()
    checkpoint.save(exp, buffer)
    return buffer.getvalue()


def test_nearest_and_bad_capacities():
    exp = Experiment(SMALL)
    exp.step(3)
    assert [exp.trail.nearest(s).step for s in (-5, 1.5, 2.6, 99)] == [0, 1, 3, 3]
    with pytest.raises(ValueError):
        Trail(capacity=3)
    with pytest.raises(ValueError):
        Trail().nearest(0)
