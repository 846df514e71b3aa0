"""Pre-training done once per server process, in the background, so that no visitor's first page pays for it.

The first visit to the server starts it (Streamlit runs no code of ours before that): it trains the default net
as far as the pages that show a trained net need and leaves the result in the training cache, where such a page
waits for it instead of training the same net a second time. The thread imports nothing: a module imported in
the background while a page imports or inspects it (Plotly looks for pandas in sys.modules) can be seen half
initialised.
"""

from __future__ import annotations

import atexit
import threading

from app import training_cache
from app.settings import Settings
from dropviz.experiment import Experiment

CHUNK = 10  # steps between checks for the process exiting

_started = threading.Event()
_stop = threading.Event()


def start(min_trained_steps: int) -> None:
    """Start the pre-training thread, once per process; returns at once."""
    if _started.is_set():
        return
    _started.set()
    exp = Experiment(Settings().experiment())
    log = [(exp.config.drop_probs, min_trained_steps)]
    done = training_cache.promise(exp, log)
    thread = threading.Thread(target=_train, args=(exp, min_trained_steps, done), name="dropviz-warmup", daemon=True)
    thread.start()
    atexit.register(_finish, thread)


def _train(exp: Experiment, steps: int, done: threading.Event) -> None:
    try:
        while exp.steps_done < steps and not _stop.is_set():
            exp.step(min(CHUNK, steps - exp.steps_done))
        if exp.steps_done == steps:
            training_cache.remember(exp)
    finally:
        done.set()


def _finish(thread: threading.Thread) -> None:
    """At exit: a torch op cut off mid-way by the interpreter's end aborts the process (exit code 134)."""
    _stop.set()
    thread.join(timeout=10)
