"""A paused experiment's next Step, trained ahead of time so that the click only takes over the result.

A presenter pauses, talks, then clicks Step. Training the Step's few hundred updates on the click is most of what
the click waits for (0.2-0.4 s for 200 steps on a 2-core machine). While the page is paused, ``start`` trains a copy
of the experiment that far in a background thread; ``take`` hands the copy's training to the experiment if nothing
changed since (same weights, settings and step count), waiting for the thread if it is still running. Training is
deterministic, so the result is bit for bit what training on the click gives (a test checks); otherwise ``take``
declines and the caller trains as before. Each experiment has at most one copy ahead, dropped with it.
"""

from __future__ import annotations

import atexit
import threading
import weakref
from dataclasses import dataclass, field

from dropviz.core.experiment import Experiment
from dropviz.core.training import TrainingDiverged

CHUNK = 20  # steps between checks of the stop flag: a replaced copy stops within about 20 ms


@dataclass
class _Ahead:
    key: tuple
    copy: Experiment
    stop: threading.Event = field(default_factory=threading.Event)
    finished: threading.Event = field(default_factory=threading.Event)  # trained all the steps, no divergence
    thread: threading.Thread | None = None


_AHEAD: weakref.WeakKeyDictionary[Experiment, _Ahead] = weakref.WeakKeyDictionary()
_RUNNING: dict[int, _Ahead] = {}  # copies whose thread has not returned, by id
_LOCK = threading.Lock()
EXIT_WAIT_SECONDS = 10


def _key(experiment: Experiment, n_steps: int) -> tuple:
    """What the copy's result depends on: the training so far (serial and step count) and what the Step does."""
    return experiment.serial, experiment.steps_done, experiment.config, int(n_steps)


def _train(ahead: _Ahead, n_steps: int) -> None:
    done = 0
    try:
        while done < n_steps:
            if ahead.stop.is_set():
                return
            chunk = min(CHUNK, n_steps - done)
            ahead.copy.step(chunk)
            done += chunk
    except TrainingDiverged:
        return  # not taken: a Step that diverges logs its steps in one piece, so the click trains it itself
    finally:
        with _LOCK:
            _RUNNING.pop(id(ahead), None)
    ahead.finished.set()


@atexit.register
def _stop_all() -> None:
    """At exit: a torch op cut off mid-way by the interpreter's end aborts the process (exit code 134)."""
    with _LOCK:
        running = list(_RUNNING.values())
    for ahead in running:
        ahead.stop.set()
    for ahead in running:
        if ahead.thread is not None:
            ahead.thread.join(EXIT_WAIT_SECONDS)


def start(experiment: Experiment, n_steps: int) -> None:
    """Train a copy of ``experiment`` ``n_steps`` ahead in a background thread, unless one is already under way.

    Call it when nothing trains ``experiment`` (holding ``snapshots.training_lock``): the copy is taken here.
    A copy ahead of an earlier state is stopped and dropped.
    """
    n = min(int(n_steps), experiment.steps_left)
    key = _key(experiment, n_steps)
    with _LOCK:
        current = _AHEAD.get(experiment)
        if current is not None and current.key == key:
            return
        if current is not None:
            current.stop.set()
            del _AHEAD[experiment]
        if n <= 0 or experiment.diverged:
            return
        ahead = _AHEAD[experiment] = _Ahead(key, experiment.fork())
        ahead.thread = threading.Thread(target=_train, args=(ahead, n), name="dropviz-lookahead", daemon=True)
        _RUNNING[id(ahead)] = ahead
    ahead.thread.start()


def take(experiment: Experiment, n_steps: int) -> bool:
    """Advance ``experiment`` by ``n_steps`` from the copy trained ahead, if there is one for its current state.

    Returns False (and changes nothing) when there is none: the caller then trains. Call it holding
    ``snapshots.training_lock(experiment)``.
    """
    with _LOCK:
        ahead = _AHEAD.pop(experiment, None)
    if ahead is None:
        return False
    if ahead.key != _key(experiment, n_steps):
        ahead.stop.set()
        return False
    if ahead.thread is not None:
        ahead.thread.join()
    if not ahead.finished.is_set():
        return False
    experiment.copy_training_from(ahead.copy, same_run=True)
    return True


def pending(experiment: Experiment) -> bool:
    """Whether a copy of ``experiment`` is being (or has been) trained ahead."""
    with _LOCK:
        return experiment in _AHEAD
