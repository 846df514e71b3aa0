"""What the Train page's buttons do, kept apart from the page so each can be tested on a plain dict.

Streamlit can run a button's callback twice for one click: when the click preempts a live refresh, the run that
started the callback is stopped and the next run replays the click. So every action here is idempotent: it sets
a state rather than toggling it, and Step advances from the step count the button was drawn at, not from "now"
(so a second click that lands before the page has redrawn the button is ignored too: it asked for the same step).
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from dropviz.core.experiment import Experiment
from dropviz.core.training import TrainingDiverged

PLAYING = "playing"
EXPERIMENT = "experiment"
RUN = "w_run"  # the training log in the settings (and the URL): Reset empties it, so no link replays it


def set_playing(state: MutableMapping[str, Any], value: bool) -> None:
    state[PLAYING] = value


def reset(state: MutableMapping[str, Any]) -> None:
    """Forget the trained nets; the page builds fresh ones (same seed, so the same start) on its next run."""
    state.pop(EXPERIMENT, None)
    state[RUN] = ""
    state[PLAYING] = False


def step_once(state: MutableMapping[str, Any], experiment: Experiment, from_step: int, steps: int) -> None:
    """Pause and train ``steps`` steps, unless the nets have already moved past ``from_step`` (a repeated call)."""
    state[PLAYING] = False
    if experiment.trainer.steps_done != from_step:
        return
    try:
        experiment.step(steps)
    except TrainingDiverged:
        pass  # the trainer keeps the message; the page shows it
