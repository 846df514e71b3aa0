"""What the Train page's buttons do, kept apart from the page so each can be tested on a plain dict.

Streamlit can run a button's callback twice for one click: when the click preempts a live refresh, the run that
started the callback is stopped and the next run replays the click. So every action here is idempotent: it sets
a state rather than toggling it, and Step advances from the step count the button was drawn at, not from "now"
(so a second click that lands before the page has redrawn the button is ignored too: it asked for the same step).
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from dropviz.core import lookahead, snapshots
from dropviz.core.experiment import Experiment
from dropviz.core.training import TrainingDiverged

PLAYING = "playing"
EXPERIMENT = "experiment"
RUN = "w_run"  # the training log in the settings (and the URL): Reset empties it, so no link replays it


def stop_refresh(state: MutableMapping[str, Any]) -> None:
    """Ask a refresh that is still training in another thread to stop after its current few steps.

    Streamlit starts the click's run at once, in a new thread, while the previous run may be training (fast
    reruns); callbacks run first, so stopping it here frees the CPU for the click's run about 0.1 s earlier than
    the page itself could (the page stops it too, for clicks and sliders without a callback).
    """
    experiment = state.get(EXPERIMENT)
    if experiment is not None:
        snapshots.interrupt(experiment)


def set_playing(state: MutableMapping[str, Any], value: bool) -> None:
    stop_refresh(state)
    state[PLAYING] = value


def reset(state: MutableMapping[str, Any]) -> None:
    """Forget the trained nets; the page builds fresh ones (same seed, so the same start) on its next run."""
    stop_refresh(state)
    state.pop(EXPERIMENT, None)
    state[RUN] = ""
    state[PLAYING] = False


def step_once(state: MutableMapping[str, Any], experiment: Experiment, from_step: int, steps: int) -> None:
    """Pause and train ``steps`` steps, unless the nets have already moved past ``from_step`` (a repeated call).

    A refresh still training in another thread is stopped and waited for: two threads training one net at once
    break autograd and the training log (see ``snapshots.training_lock``). The steps usually come from a copy of
    the nets trained ahead while the page was paused (``dropviz.core.lookahead``), bit for bit the same.
    """
    state[PLAYING] = False
    snapshots.interrupt(experiment)
    with snapshots.training_lock(experiment):
        if experiment.trainer.steps_done != from_step:
            return
        if lookahead.take(experiment, steps):  # trained while the page was paused (see train.py)
            return
        try:
            experiment.step(steps)
        except TrainingDiverged:
            pass  # the trainer keeps the message; the page shows it


def needs_full_run(timers: tuple, timers_set: tuple | None, facts: tuple, facts_shown: tuple | None) -> bool:
    """Whether a run of the surfaces' fragment must rerun the whole page instead.

    ``timers`` (playing, refresh scale) against ``timers_set``, those the last full run set: only a full run sets,
    changes or stops the refresh timers. ``facts`` (what the rest of the page says about the training) against
    ``facts_shown``: paused, a Step that changed them needs the whole page; playing, they change at every refresh
    and wait for the pause (a full run at every refresh would cost the browser too much).
    """
    playing = timers[0]
    return (timers_set is not None and timers != timers_set) or (not playing and facts != facts_shown)
