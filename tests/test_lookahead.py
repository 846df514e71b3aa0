"""The next Step trained ahead: taking it over is exactly training on the click, and anything changed declines it."""

from __future__ import annotations

import gc
import subprocess
import sys
import weakref
from dataclasses import replace
from pathlib import Path

import pytest

from dropviz.core import lookahead
from dropviz.core.experiment import Experiment, ExperimentConfig
from tests.same_training import assert_same_training

SMALL = ExperimentConfig(n_test=200, width=8)
ROOT = Path(__file__).resolve().parents[1]


def pair(config: ExperimentConfig = SMALL, steps: int = 30) -> tuple[Experiment, Experiment]:
    """Two experiments trained the same ``steps`` steps: one to step ahead, one to step on the click."""
    a, b = Experiment(config), Experiment(config)
    a.step(steps)
    b.step(steps)
    return a, b


@pytest.mark.parametrize("n", [1, 7, 45])  # under, not a multiple of, and over one chunk
def test_taking_the_step_ahead_is_exactly_stepping(n):
    ahead, clicked = pair()
    serial = ahead.serial
    lookahead.start(ahead, n)
    assert ahead.steps_done == 30  # the copy trains, not the experiment
    assert lookahead.take(ahead, n)
    clicked.step(n)
    assert ahead.serial == serial and ahead.steps_done == 30 + n
    assert_same_training(ahead, clicked)
    ahead.step(12)  # and training goes on from there exactly
    clicked.step(12)
    assert_same_training(ahead, clicked)
    assert [w.step for w in ahead.trail.waypoints] == [w.step for w in clicked.trail.waypoints]


def test_a_step_ahead_of_a_state_that_changed_is_declined():
    exp, reference = pair()
    lookahead.start(exp, 10)
    exp.set_drop_probs((0.1, 0.9, 0.3))  # a slider moved after the copy was taken
    reference.set_drop_probs((0.1, 0.9, 0.3))
    assert not lookahead.take(exp, 10)
    assert_same_training(exp, reference)  # untouched
    lookahead.start(exp, 10)
    assert not lookahead.take(exp, 20)  # the speed changed
    lookahead.start(exp, 10)
    exp.step(3)
    reference.step(3)
    assert not lookahead.take(exp, 10)  # the nets trained (played) meanwhile
    assert_same_training(exp, reference)
    assert not lookahead.take(exp, 10)  # nothing ahead any more


def test_starting_again_for_the_same_state_keeps_the_copy_and_a_new_state_replaces_it():
    exp, _ = pair()
    lookahead.start(exp, 10)
    first = lookahead._AHEAD[exp]
    lookahead.start(exp, 10)
    assert lookahead._AHEAD[exp] is first
    lookahead.start(exp, 20)
    assert first.stop.is_set() and lookahead._AHEAD[exp] is not first
    assert lookahead.take(exp, 20) and exp.steps_done == 50


def test_a_diverging_step_is_left_to_the_click():
    """A Step that diverges logs all its steps in one piece; the chunked copy would not, so it is not taken."""
    config = replace(SMALL, lr=1e6, optimizer="sgd")
    exp, reference = pair(config, steps=0)
    lookahead.start(exp, 50)
    lookahead._AHEAD[exp].thread.join()
    assert lookahead._AHEAD[exp].copy.diverged
    assert not lookahead.take(exp, 50)
    assert_same_training(exp, reference)


def test_nothing_is_trained_ahead_at_the_step_limit(monkeypatch):
    monkeypatch.setattr("dropviz.core.experiment.MAX_STEPS", 30)
    exp, _ = pair()
    lookahead.start(exp, 10)
    assert not lookahead.pending(exp) and not lookahead.take(exp, 10)


def test_the_copy_ahead_goes_with_its_experiment():
    exp, _ = pair()
    lookahead.start(exp, 10)
    copy = weakref.ref(lookahead._AHEAD[exp].copy)
    lookahead._AHEAD[exp].thread.join()
    gone = weakref.ref(exp)
    del exp
    gc.collect()
    assert gone() is None and copy() is None


def test_exiting_while_a_step_is_trained_ahead_exits_cleanly():
    """The interpreter's end cut a training thread mid-op: "terminate called without an active exception", exit
    code 134 (a test file run alone ended so). An exit handler now stops and joins it."""
    code = (
        "from dropviz.core import lookahead\n"
        "from dropviz.core.experiment import Experiment, ExperimentConfig\n"
        "lookahead.start(Experiment(ExperimentConfig(width=64)), 5000)\n"  # seconds of work: still running at exit
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
