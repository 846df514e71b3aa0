"""Work shared by every visitor of this server: finished training runs, and the pages' heavy results.

Training is deterministic, so two visitors who train the same net on the same data along the same log get the same
weights. The first pays; later ones (a second visitor, a shared link, the server's warm-up) copy the snapshot into
their own experiment. No visitor ever holds a cached object: ``restore`` copies state out of it.

The same holds for what the pages compute from a net (the inference rules, bagging members, the convergence curve):
a result is keyed by a digest of everything it depends on (weights, keep probabilities, inputs, sample counts,
seed), so a visitor only ever gets what they would have computed themselves, as a private copy. ``app/warmup.py``
computes the default view's results at server start, so that no first visit waits for them.
"""

from __future__ import annotations

import copy
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

import numpy as np
import torch

from dropviz.core import bagging as bg
from dropviz.core import convergence as cv
from dropviz.core import ensembles as en
from dropviz.core.experiment import Experiment, ExperimentConfig, Segment
from dropviz.core.grid import Grid, make_grid
from dropviz.core.model import DropoutMLP
from dropviz.data.datasets import Split

MAX_RUNS = 16  # snapshots kept (each a few hundred KB at most); the least recently used goes first
MAX_RESULTS = 32  # page results kept (each under a few MB); the least recently used goes first
PROMISE_WAIT_SECONDS = 30.0  # a visitor waits this long at most for a run another thread is training

# What the pages compute, in one place so that the warm-up computes exactly what a page will ask for.
RULES_GRID = 40  # Inference and Bagging: resolution of the grid the rules are drawn on
RULES_SAMPLES = 2000  # Monte Carlo masks when exact enumeration is over budget
RULES_EXACT_BUDGET = 2**27  # mask-point evaluations allowed for exact enumeration (about a second)
TIMED_STEPS = 200  # Bagging: the dropout net's training time is measured over at most this many steps
CURVE_GRID = 30  # Beyond: the curve's error is a mean over the plane, a coarse grid is enough (60x60: 4x dearer)
# Gaussian noise and DropConnect have no subnetworks to prune (every draw runs the whole net, ~20x dearer):
# a shorter curve and a smaller reference keep the Beyond page at a few seconds.
NOISE_KS, NOISE_REFERENCE = tuple(2**i for i in range(9)), 2_000

T = TypeVar("T")

_runs: OrderedDict[tuple, Experiment] = OrderedDict()
_pending: dict[tuple, threading.Event] = {}
_results: OrderedDict[tuple, object] = OrderedDict()
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
        _results.clear()


# --- results ------------------------------------------------------------------------------------------------


def fingerprint(*parts: object) -> str:
    """A digest of tensors, arrays, modules (their state) and plain values: equal digests mean equal inputs."""
    digest = hashlib.sha256()
    for part in parts:
        _feed(digest, part)
    return digest.hexdigest()


def _feed(digest, part: object) -> None:
    if isinstance(part, torch.nn.Module):
        for name, tensor in part.state_dict().items():
            _feed(digest, name)
            _feed(digest, tensor)
        return
    if isinstance(part, torch.Tensor):
        part = part.detach().cpu().contiguous().numpy()
    if isinstance(part, np.ndarray):
        digest.update(f"<{part.dtype}{part.shape}>".encode())
        digest.update(np.ascontiguousarray(part).tobytes())
        return
    digest.update(f"<{type(part).__name__}:{part!r}>".encode())


def model_fingerprint(model: DropoutMLP) -> str:
    """Everything a net's predictions depend on: architecture, activation, noise kind, keep probabilities, weights."""
    return fingerprint(model.layer_sizes, model.activation, model.noise, model.keep_probs(), model)


def lookup(key: tuple) -> object | None:
    """A private copy of the result kept under ``key``, or None."""
    with _lock:
        if key not in _results:
            return None
        _results.move_to_end(key)
        return copy.deepcopy(_results[key])


def keep(key: tuple, value: object) -> None:
    """Keep a private copy of ``value`` under ``key`` (which must name everything the value depends on)."""
    value = copy.deepcopy(value)
    with _lock:
        _results[key] = value
        _results.move_to_end(key)
        while len(_results) > MAX_RESULTS:
            _results.popitem(last=False)


def shared(key: tuple, compute: Callable[[], T]) -> T:
    """The result kept under ``key``, else ``compute()``'s, kept for the next visitor; always a private copy."""
    found = lookup(key)
    if found is not None:
        return found
    value = compute()
    keep(key, value)
    return value


# --- the pages' results ---------------------------------------------------------------------------------------


def rule_inputs(split: Split) -> tuple[Grid, torch.Tensor]:
    """Inference and Bagging evaluate the rules on the grid, then on the test points: ``[grid + test, 2]``."""
    grid = make_grid(np.concatenate([split.train.x, split.test.x]), RULES_GRID)
    return grid, torch.cat([grid.points, torch.from_numpy(split.test.x)])


def rules_are_exact(model: DropoutMLP, n_points: int) -> bool:
    """Exact enumeration when possible and within RULES_EXACT_BUDGET, else RULES_SAMPLES Monte Carlo masks."""
    return en.exact_is_feasible(model, n_points) and en.exact_mask_count(model) * n_points <= RULES_EXACT_BUDGET


def rules_key(model: DropoutMLP, x: torch.Tensor, seed: int) -> tuple:
    return "rules", model_fingerprint(model), fingerprint(x), rules_are_exact(model, len(x)), RULES_SAMPLES, seed


def compute_rules(model: DropoutMLP, x: torch.Tensor, seed: int, progress: en.Progress | None = None) -> en.Ensemble:
    """All three rules at ``x``, exact or from RULES_SAMPLES masks drawn with ``seed``."""
    n_samples = None if rules_are_exact(model, len(x)) else RULES_SAMPLES
    generator = torch.Generator().manual_seed(seed)
    return en.all_rules(model, x, n_samples=n_samples, generator=generator, progress=progress)


def members_key(config: ExperimentConfig, k: int, steps: int) -> tuple:
    return "members", config.rebuild_key(), k, steps  # members have no dropout: drop probabilities do not matter


def bagging_members(config: ExperimentConfig, k: int, steps: int) -> bg.BaggingTrainer | None:
    """A copy of the k members of ``config`` trained furthest, but not past ``steps``; None if none are kept.

    Training is deterministic, so carrying on from the copy equals training from the start.
    """
    with _lock:
        found = [key[3] for key in _results if key[:3] == members_key(config, k, 0)[:3] and key[3] <= steps]
    return lookup(members_key(config, k, max(found))) if found else None


def remember_members(config: ExperimentConfig, trainer: bg.BaggingTrainer) -> None:
    keep(members_key(config, trainer.k, trainer.steps_done), trainer)


def dropout_seconds(config: ExperimentConfig, split: Split, steps: int) -> float:
    """Seconds one dropout net of ``config`` takes for ``steps`` steps, measured once per server."""
    return shared(("dropout_seconds", config.rebuild_key(), steps), lambda: bg.time_dropout_net(config, steps, split))


def curve_plan(model: DropoutMLP) -> tuple[tuple[int, ...], int | None]:
    """The Beyond page's masks per curve point and reference: shorter for kinds of noise without subnetworks."""
    return (cv.DEFAULT_KS, None) if model.noise == "bernoulli" else (NOISE_KS, NOISE_REFERENCE)


def curve_key(model: DropoutMLP, split: Split, seed: int) -> tuple:
    ks, reference = curve_plan(model)
    inputs = fingerprint(split.train.x, split.test.x, split.test.y)
    return "curve", model_fingerprint(model), inputs, CURVE_GRID, ks, cv.DEFAULT_REPEATS, reference, seed


def compute_curve(model: DropoutMLP, split: Split, seed: int, progress: cv.Progress | None = None) -> cv.SamplingCurve:
    """The convergence curve of the Beyond page: grid CURVE_GRID over the data, the test points, masks from ``seed``."""
    ks, reference = curve_plan(model)
    grid = make_grid(np.concatenate([split.train.x, split.test.x]), CURVE_GRID)
    return cv.sampling_curve(
        model,
        grid.points,
        torch.from_numpy(split.test.x),
        torch.from_numpy(split.test.y),
        ks=ks,
        reference=reference,
        generator=torch.Generator().manual_seed(seed),
        progress=progress,
    )
