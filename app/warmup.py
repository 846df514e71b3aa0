"""What a server does once, before its first visitor, so that no visitor's first page pays for it.

Under ``streamlit run app/streamlit_app.py`` the server calls ``prepare_process`` at start and answers no request
until it returns: it imports what the pages import, lets Plotly and Streamlit build what they build lazily, trains
the default net and computes the default view's heavy results (inference rules, bagging members, the convergence
curve) into the server's shared store (``app/training_cache.py``). Doing it before serving, not in a thread beside
the first visit, matters: a training thread holds Python's lock between its many small steps, and the server's
own threads (answering the browser, running the page) then wait for it at every turn.

Served another way (``streamlit run app/main.py``, tests), the app calls ``start`` on its first run: the default net
is then trained in a background thread, where a page that needs it waits for it instead of training it twice.
"""

from __future__ import annotations

import atexit
import importlib
import pkgutil
import threading

from app import training_cache
from app.settings import Settings
from dropviz.core.experiment import Experiment
from dropviz.core.training import TrainingDiverged

CHUNK = 10  # steps between checks for the process exiting
# Streamlit modules imported on first use by a page: streamlit.emojis alone compiles a regular expression of every
# emoji (0.3 to 0.7 s) the first time an alert (st.info, st.success) is drawn.
LAZY_MODULES = ("streamlit.emojis", "streamlit.elements.arrow", "app.ui", "app.figure_component")
PACKAGES = ("dropviz",)  # every module of these is imported at start

_started = threading.Event()
_stop = threading.Event()


def prepare_process(min_trained_steps: int = 500) -> None:
    """At server start (``app/streamlit_app.py``), before any visitor: load what every page loads, train the
    default net and compute the default view's results. Imports here are safe: no page is running yet."""
    import torch

    torch.set_num_threads(1)
    import_everything()
    _draw_one_of_each()
    _check_the_run_mode()
    _started.set()  # trained here, not in start()'s background thread
    exp = pretrain(min_trained_steps)
    if exp is not None:
        compute_default_views(exp, Settings())


def import_everything() -> None:
    """Import every module of the library and the lazily imported Streamlit ones (a page would, on first use)."""
    import pandas  # noqa: F401  (tables)

    for package_name in PACKAGES:
        package = importlib.import_module(package_name)
        for module in pkgutil.walk_packages(package.__path__, package_name + "."):
            importlib.import_module(module.name)
    for name in LAZY_MODULES:
        importlib.import_module(name)


def _check_the_run_mode() -> None:
    """The first element a Streamlit process sends checks whether the app runs in a Python prompt, through
    ``inspect.stack()``, which reads the source file of every frame: 0.1 s of the first visit (a server profile).
    Done here, the check is over before anyone visits (it warns only outside ``streamlit run``)."""
    from streamlit import delta_generator

    check = getattr(delta_generator, "_maybe_print_use_warning", None)  # private: skipped if a release drops it
    if check is not None:
        check()


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


def pretrain(steps: int) -> Experiment | None:
    """Train the default net ``steps`` steps and keep it in the shared store (None if it diverged)."""
    exp = Experiment(Settings().experiment())
    try:
        while exp.steps_done < steps:
            exp.step(min(CHUNK, steps - exp.steps_done))
    except TrainingDiverged:
        return None
    training_cache.remember(exp)
    return exp


def compute_default_views(exp: Experiment, settings: Settings) -> None:
    """The results the pages show for ``exp`` (the default net), in the shared store under the keys the pages use.

    Bagging's members are trained and timed first, alone, so that their measured time and the dropout net's are
    comparable (the page shows both).
    """
    from dropviz.core.bagging import BaggingTrainer
    from dropviz.draw.beyond_figures import convergence_figure

    config, split, model, seed = exp.config, exp.split, exp.model, settings.seed
    members = BaggingTrainer.for_experiment(config, split, settings.bag_k)
    members.step(exp.steps_done)
    training_cache.remember_members(config, members)
    training_cache.dropout_seconds(config, split, min(exp.steps_done, training_cache.TIMED_STEPS))
    _, x = training_cache.rule_inputs(split)
    rules_key = training_cache.rules_key(model, x, seed)
    training_cache.shared(rules_key, lambda: training_cache.compute_rules(model, x, seed))
    curve = training_cache.shared(
        training_cache.curve_key(model, split, seed), lambda: training_cache.compute_curve(model, split, seed)
    )
    convergence_figure(curve).to_json()


def start(min_trained_steps: int) -> None:
    """Start the pre-training thread, once per process (unless ``prepare_process`` trained already); returns at once."""
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
