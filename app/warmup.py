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
from dropviz.core.experiment import Experiment

CHUNK = 10  # steps between checks for the process exiting

_started = threading.Event()
_stop = threading.Event()


def prepare_process(min_trained_steps: int = 500) -> None:
    """At server start (``app/streamlit_app.py``), before any visitor: load what every page loads and start the
    pre-training. Imports here are safe: no page is running yet."""
    import pandas  # noqa: F401  (tables)
    import torch

    torch.set_num_threads(1)
    _draw_one_of_each()
    start(min_trained_steps)


def _draw_one_of_each() -> None:
    """Plotly creates each trace type's validators on first use (a few hundred ms in all): pay it now."""
    import numpy as np

    from dropviz.core.grid import make_grid
    from dropviz.core.model import DropoutMLP
    from dropviz.draw import figures, keep_figure, network_figure
    from dropviz.draw.batch_masks_figure import minibatch_masks_figure

    model = DropoutMLP([2, 3, 2], [0.2, 0.5], seed=0)
    mu, probs = network_figure.sample_frames(model, 2)
    network_figure.network_figure(model, mu, probs).to_json()
    keep_figure.keep_frequency_figure(mu, model.keep_probs(), model.layer_sizes).to_json()
    minibatch_masks_figure(mu, model.droppable_widths).to_json()
    grid = make_grid(np.array([[0.0, 0.0], [1.0, 1.0]]), 4)
    probs_grid = np.full((16, 2), 0.5)
    figures.rule_surfaces_figure(grid, {"a": probs_grid}, None, None).to_json()
    figures.difference_maps_figure(grid, {"a": np.zeros(16)}).to_json()


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
