"""Weight snapshots of a DropoutMLP: the format the browser draws the live decision surfaces from.

The Train page sends a few recent snapshots per refresh (about a thousand numbers each) instead of pictures, and the
browser evaluates the net on a grid and paints it (``app/components/surface.js``). This module owns that format
and holds a numpy reference of what the browser computes.

A snapshot is JSON-ready::

    {"step": 120, "p": "<base64>"}

``p`` holds every weight and bias as little-endian float32 (the model's own numbers, bit for bit), layer after
layer: ``W_0`` (row-major, ``out x in``), ``b_0``, ``W_1``, ``b_1``, ... A 2-32-32-2 net is 1,218 numbers: 6.5 kB of
base64, against 14 kB as JSON numbers with 7 significant digits, which also cost the server about three times as
long to write. NaN and infinity (a diverged net) travel as they are and are drawn white. The weights are the ones
the weight scaling rule uses: the plain forward pass in eval mode, where inverted dropout needs no rescaling but a
unit with drop probability 1 is zeroed. That per-unit input scale (1, or 0 for a unit that is never kept) is folded
into the columns of ``W_i``, so the browser runs a plain MLP.
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import weakref
from dataclasses import dataclass, field

import numpy as np
import torch

from dropviz.core.experiment import Experiment
from dropviz.core.grid import Grid, make_grid
from dropviz.core.model import DropoutMLP
from dropviz.data.datasets import Split
from dropviz.draw import palette
from dropviz.draw.surface_image import BOUNDARY_ALPHA, MAX_SATURATION

RESOLUTION = 100  # the browser evaluates the net on a RESOLUTION x RESOLUTION grid
MAX_FRAMES = 30  # snapshots per batch of training at most
POINT_DECIMALS = 4  # data points are only drawn: 4 decimals are far below a pixel


def input_scales(model: DropoutMLP) -> list[torch.Tensor]:
    """Per droppable layer, what eval mode multiplies each unit by: 1, or 0 where the unit is never kept."""
    widths = model.droppable_widths
    kept = (model.keep_probs() > 0).to(torch.float32)
    return list(torch.split(kept, widths))


def flat_weights(model: DropoutMLP) -> np.ndarray:
    """The weight-scaled net's numbers in snapshot order (see the module doc), float32."""
    parts = []
    with torch.no_grad():
        for linear, scale in zip(model.linears, input_scales(model)):
            parts += [(linear.weight * scale[None, :]).numpy().ravel(), linear.bias.numpy()]
    return np.concatenate(parts).astype(np.float32, copy=False)


def snapshot(model: DropoutMLP, step: int) -> dict:
    """The weights the weight-scaled ``model`` computes with at training step ``step`` (see the module doc)."""
    packed = flat_weights(model).astype("<f4", copy=False).tobytes()
    return {"step": int(step), "p": base64.b64encode(packed).decode("ascii")}


def unpack(spec: dict, snap: dict) -> list[tuple[np.ndarray, np.ndarray]]:
    """``(W, b)`` per layer from a snapshot, as float64 (``W`` is ``out x in``); ValueError if the sizes differ."""
    numbers = np.frombuffer(base64.b64decode(snap["p"], validate=True), dtype="<f4").astype(np.float64)
    sizes = spec["sizes"]
    expected = sum(n_in * n_out + n_out for n_in, n_out in zip(sizes, sizes[1:]))
    if numbers.size != expected:
        raise ValueError(f"a snapshot of a {'-'.join(map(str, sizes))} net has {expected} numbers, not {numbers.size}")
    layers, start = [], 0
    for n_in, n_out in zip(sizes, sizes[1:]):
        w = numbers[start : start + n_in * n_out].reshape(n_out, n_in)
        start += n_in * n_out
        layers.append((w, numbers[start : start + n_out]))
        start += n_out
    return layers


def net_spec(model: DropoutMLP) -> dict:
    """What the browser needs besides the numbers: layer sizes and the hidden activation."""
    return {"sizes": list(model.layer_sizes), "activation": model.activation}


def _activation(name: str):
    return {
        "relu": lambda a: np.maximum(a, 0.0),
        "tanh": np.tanh,
        "sigmoid": lambda a: 1.0 / (1.0 + np.exp(-a)),
        "linear": lambda a: a,
    }[name]


def probabilities(spec: dict, snap: dict, points: np.ndarray) -> np.ndarray:
    """Reference of the browser's forward pass: class probabilities ``[N, C]`` (float64) at ``points [N, 2]``."""
    act = _activation(spec["activation"])
    layers = unpack(spec, snap)
    h = np.asarray(points, dtype=np.float64)
    for i, (w, b) in enumerate(layers):
        with np.errstate(invalid="ignore", over="ignore"):
            h = h @ w.T + b
            if i < len(layers) - 1:
                h = act(h)
    with np.errstate(invalid="ignore", over="ignore"):
        z = np.exp(h - h.max(axis=1, keepdims=True))
        return z / z.sum(axis=1, keepdims=True)


def frame_steps(n_steps: int, n_frames: int) -> list[int]:
    """Where to take ``n_frames`` snapshots in a batch of ``n_steps`` steps: evenly spaced offsets (the chunks
    between them differ by at most one step), the last at ``n_steps``; never more snapshots than steps."""
    n, f = int(n_steps), int(n_frames)
    if n < 1 or f < 1:
        raise ValueError(f"n_steps and n_frames must be at least 1, got {n_steps} and {n_frames}")
    f = min(f, n)
    return [round(i * n / f) for i in range(1, f + 1)]


def surface_grid(split: Split, resolution: int = RESOLUTION) -> Grid:
    """The grid the live surfaces are evaluated on: all data points (train and test) plus a margin."""
    return make_grid(np.concatenate([split.train.x, split.test.x]), resolution)


def _points(x: np.ndarray, y: np.ndarray) -> dict:
    flat = np.round(np.asarray(x, dtype=np.float64), POINT_DECIMALS).ravel()
    return {"x": flat.tolist(), "y": np.asarray(y).tolist()}


def scene(split: Split, n_classes: int, resolution: int = RESOLUTION, max_test_points: int = 0) -> dict:
    """Everything a surface needs besides the weights: grid, data points, class colours, drawing constants.

    ``extent`` is (x0, x1, y0, y1); the browser's grid point ``(i, j)`` is ``(x0 + j (x1-x0)/(R-1), y0 + i
    (y1-y0)/(R-1))``, as in ``Grid``. Points are flat ``[x0, y0, x1, y1, ...]`` lists with their labels.
    ``id`` changes whenever anything else does, so the browser redraws the points only then. Test points are
    left out beyond ``max_test_points`` (a thousand rings would hide the surface; the test figures still use them).
    """
    grid = surface_grid(split, resolution)
    body = {
        "resolution": grid.resolution,
        "extent": list(grid.extent),
        "colors": [palette.class_hex(k) for k in range(n_classes)],
        "outline": palette.OUTLINE,
        "max_saturation": MAX_SATURATION,
        "boundary_alpha": BOUNDARY_ALPHA,
        "train": _points(split.train.x, split.train.y),
        "test": _points(split.test.x[:max_test_points], split.test.y[:max_test_points]),
    }
    body["id"] = hashlib.sha1(json.dumps(body, sort_keys=True).encode()).hexdigest()[:16]
    return body


@dataclass
class _Guard:
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)


_GUARDS: weakref.WeakKeyDictionary[Experiment, _Guard] = weakref.WeakKeyDictionary()
_GUARDS_LOCK = threading.Lock()


def _guard(experiment: Experiment) -> _Guard:
    with _GUARDS_LOCK:
        guard = _GUARDS.get(experiment)
        if guard is None:
            guard = _GUARDS[experiment] = _Guard()
        return guard


def training_lock(experiment: Experiment) -> threading.Lock:
    """The lock ``film`` holds while it trains ``experiment`` (one per experiment).

    A web app may start a new run (a click, a slider) while the previous one is still training in another thread
    (Streamlit does so by default: ``runner.fastReruns``); two threads updating the same weights at once break
    autograd ("modified by an inplace operation") and the training log. Whoever trains or changes the experiment
    holds this lock; call ``interrupt`` first, so a film in progress stops within a few steps.
    """
    return _guard(experiment).lock


def interrupt(experiment: Experiment) -> None:
    """Ask a ``film`` of ``experiment`` running in another thread to stop after its current few steps."""
    _guard(experiment).stop.set()


def film(experiment: Experiment, n_steps: int, n_frames: int = MAX_FRAMES) -> tuple[list[dict], list[dict]]:
    """Train both nets of ``experiment`` up to ``n_steps`` steps, with ``n_frames`` snapshots of each on the way.

    Returns the snapshots of the dropout net and of its twin, evenly spaced (``frame_steps``), the last one at the
    final step. Training goes through ``Experiment.step``, so the log and a replay are as for one big step.
    TrainingDiverged propagates as from ``Experiment.step``. Holds ``training_lock(experiment)`` meanwhile, and
    stops early (with the snapshots so far) when ``interrupt(experiment)`` is called.
    """
    dropout: list[dict] = []
    twin: list[dict] = []
    guard = _guard(experiment)
    with guard.lock:
        guard.stop.clear()
        n = min(int(n_steps), experiment.steps_left)
        done = 0
        for target in frame_steps(n, n_frames) if n > 0 else []:
            if guard.stop.is_set():
                break
            experiment.step(target - done)
            done = target
            dropout.append(snapshot(experiment.trainer.model, experiment.trainer.steps_done))
            twin.append(snapshot(experiment.twin.model, experiment.twin.steps_done))
    return dropout, twin
