"""Finished training runs, shared by every visitor of this server as read-only snapshots.

Training is deterministic, so two visitors who train the same net on the same data along the same log get the same
weights. The first pays; later ones (a second visitor, a shared link, the pre-training of the Inference page) copy
the snapshot into their own experiment. No visitor ever holds a cached object: ``restore`` copies state out of it.
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict

from dropviz.core.experiment import Experiment, Segment

MAX_RUNS = 16  # snapshots kept (each a few hundred KB at most); the least recently used goes first
PROMISE_WAIT_SECONDS = 30.0  # a visitor waits this long at most for a run another thread is training

_runs: OrderedDict[tuple, Experiment] = OrderedDict()
_pending: dict[tuple, threading.Event] = {}
_lock = threading.Lock()


def _key(exp: Experiment, log: list[Segment]) -> tuple:
    return exp.config.rebuild_key(), tuple(log)


def promise(exp: Experiment, log: list[Segment]) -> threading.Event:
    """Announce that a background thread is training ``exp`` along ``log``; set the event when it is remembered."""
    done = threading.Event()
    with _lock:
        _pending[_key(exp, log)] = done
    return done


def restore(exp: Experiment, log: list[Segment]) -> bool:
    """Give ``exp`` (untrained) the training along ``log`` if a snapshot has it; returns whether it did.

    If another thread promised that run, wait for it rather than train the same net twice.
    """
    pending = _pending.get(_key(exp, log))
    if pending is not None:
        pending.wait(PROMISE_WAIT_SECONDS)
    with _lock:
        snapshot = _runs.get(_key(exp, log))
        if snapshot is None:
            return False
        _runs.move_to_end(_key(exp, log))
        exp.copy_training_from(snapshot)
    return True


def remember(exp: Experiment) -> None:
    """Keep a private copy of ``exp``'s training so far, keyed by its configuration and log."""
    if not exp.log:
        return
    snapshot = copy.deepcopy(exp)
    with _lock:
        _pending.pop(_key(snapshot, snapshot.log), None)
        _runs[_key(snapshot, snapshot.log)] = snapshot
        _runs.move_to_end(_key(snapshot, snapshot.log))
        while len(_runs) > MAX_RUNS:
            _runs.popitem(last=False)


def clear() -> None:
    with _lock:
        _runs.clear()
        _pending.clear()
