"""Save an experiment to a file and load it back: a result the class can keep, uploaded data set included.

The file holds everything training depends on: both nets' weights, their optimizers' state, both trainers' random
streams and the rest of the current epoch's batch order, steps, history, divergence message, the config, the
training log and the data. So the loaded experiment shows the same view and trains on bit for bit as the saved one
would have (on the same machine and torch version).

Format, version 1: ``MAGIC``, the header's length (8 bytes, little-endian), a JSON header, then the raw tensor bytes
(little-endian). In the header a tensor is ``{"$tensor": [dtype, shape, byte offset]}``. There is no pickle, not
even torch's ``weights_only`` one: a pickle may refer to one object many times, and a few kilobytes of them used
as a dict key make the unpickler hash for hours while holding the GIL (tried with torch 2.13). JSON has no
references, so reading costs time in proportion to the file, at most 20 MB.

Every key, type and shape is then checked, and anything wrong is a ``ValueError`` that names it. Weights and
optimizer moments may be NaN or infinite (a diverged experiment holds them); data may not: it must pass the CSV
rules of ``dropviz.data.csv_data`` (finite, labels 0-9, 4 to 5,000 points in all). A toy data set's points must match
its generator (they are regenerated, not taken from the file), and a file that records no training loads as a
freshly built experiment: a crafted file can carry odd weights only with a training log, never as an untrained net.
"""

from __future__ import annotations

import copy
import json
import math
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import IO, Any

import numpy as np
import torch

from dropviz.core.experiment import MAX_STEPS, Experiment, ExperimentConfig, Segment
from dropviz.core.training import History, Trainer
from dropviz.data.csv_data import MAX_LABEL, MAX_POINTS, MIN_CLASSES, check_points, read_limited
from dropviz.data.datasets import GENERATORS, Dataset, Split

MAGIC = b"dropviz checkpoint\n"
VERSION = 1
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_HIDDEN_LAYERS = 10  # the app allows 3; the library a little more, but not a net that eats the machine
MAX_WIDTH = 1024
MAX_SEED = 2**31 - 1
MAX_TEXT_CHARS = 1000  # names, choices and the divergence message
MAX_DEPTH = 12  # of nested lists and dicts in the header; version 1 needs 6
TOY_DATA_TOLERANCE = 1e-4  # another machine's libm may round the generator's sin/cos differently

TENSOR_KEY = "$tensor"
DTYPES = {torch.float32: "<f4", torch.int64: "<i8", torch.uint8: "|u1"}  # the only kinds of tensor saved
DTYPE_NAMES = {str(dtype).removeprefix("torch."): dtype for dtype in DTYPES}
TOP_KEYS = ("version", "config", "log", "data", "dropout_net", "twin_net")
DATA_KEYS = ("name", "n_classes", "train_x", "train_y", "test_x", "test_y")
NET_KEYS = ("weights", "optimizer_state", "batch_rng", "mask_rng", "order", "steps_done", "diverged", "history")
HISTORY_KEYS = tuple(f.name for f in fields(History))
INT_RANGES = {
    "n_train": (1, MAX_POINTS),
    "n_test": (1, MAX_POINTS),
    "seed": (0, MAX_SEED),
    "hidden_layers": (0, MAX_HIDDEN_LAYERS),
    "width": (1, MAX_WIDTH),
    "batch_size": (1, MAX_POINTS),
}

Target = str | os.PathLike | IO[bytes]


# ---------------------------------------------------------------------------------------------------- saving


def save(experiment: Experiment, f: Target) -> None:
    """Write ``experiment`` to a path or binary file object; ValueError (and nothing written) if it could not be
    loaded back, e.g. more data than the CSV rules allow."""
    payload = _payload(experiment)
    try:
        _experiment_from(payload)
    except ValueError as e:
        raise ValueError(f"this experiment cannot be saved: {e}") from None
    data = _encode(payload)
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(f"this experiment cannot be saved: {len(data):,} bytes, over {MAX_FILE_BYTES:,}")
    if isinstance(f, str | os.PathLike):
        Path(f).write_bytes(data)
    else:
        f.write(data)


def _payload(exp: Experiment) -> dict[str, Any]:
    """What the file holds, in the form loading checks: dicts, lists, numbers, text, None and tensors."""
    if exp.model.drop_probs != list(exp.config.drop_probs):
        raise ValueError("the dropout net's drop probabilities differ from its config's (use set_drop_probs)")
    config = asdict(exp.config)
    config["drop_probs"] = list(exp.config.drop_probs)
    return {
        "version": VERSION,
        "config": config,
        "log": [[list(probs), steps] for probs, steps in exp.log],
        "data": _data_payload(exp.split),
        "dropout_net": _net_payload(exp.trainer),
        "twin_net": _net_payload(exp.twin),
    }


def _data_payload(split: Split) -> dict[str, Any]:
    return {
        "name": split.train.name,
        "n_classes": split.train.n_classes,
        "train_x": torch.from_numpy(split.train.x),
        "train_y": torch.from_numpy(split.train.y),
        "test_x": torch.from_numpy(split.test.x),
        "test_y": torch.from_numpy(split.test.y),
    }


def _net_payload(trainer: Trainer) -> dict[str, Any]:
    state = trainer.optimizer.state_dict()["state"]
    n_params = len(list(trainer.model.parameters()))
    return {
        "weights": dict(trainer.model.state_dict()),
        "optimizer_state": [state.get(i) for i in range(n_params)],  # None: that parameter has no state yet
        "batch_rng": trainer.batch_rng.get_state(),
        "mask_rng": trainer.model.generator.get_state(),
        "order": trainer._order.clone(),
        "steps_done": trainer.steps_done,
        "diverged": trainer.diverged,
        "history": {key: list(getattr(trainer.history, key)) for key in HISTORY_KEYS},
    }


def _encode(payload: dict[str, Any]) -> bytes:
    """MAGIC, header length, JSON header with tensors replaced by references, tensor bytes."""
    blob = bytearray()

    def encode(value: object) -> object:
        if isinstance(value, torch.Tensor):
            if value.dtype not in DTYPES:
                raise ValueError(f"cannot save a {value.dtype} tensor")
            reference = {TENSOR_KEY: [str(value.dtype).removeprefix("torch."), list(value.shape), len(blob)]}
            blob.extend(value.detach().contiguous().numpy().astype(DTYPES[value.dtype]).tobytes())
            return reference
        if isinstance(value, dict):
            return {key: encode(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [encode(item) for item in value]
        return value

    header = json.dumps(encode(payload), separators=(",", ":")).encode("utf-8")
    return MAGIC + len(header).to_bytes(8, "little") + header + bytes(blob)


# --------------------------------------------------------------------------------------------------- loading


def load(f: Target) -> Experiment:
    """The experiment saved in ``f`` (a path or binary file object); ValueError for anything broken or hostile."""
    data = read_limited(f, MAX_FILE_BYTES, "checkpoint file")
    if isinstance(data, str):
        raise ValueError("a checkpoint is binary: open the file in binary mode ('rb')")
    return _experiment_from(_decode(data))


def _decode(data: bytes) -> object:
    """The header with its tensor references replaced by tensors read from the bytes after it."""
    if not data.startswith(MAGIC):
        raise ValueError("not a dropviz checkpoint: the file does not start with 'dropviz checkpoint'")
    body = data[len(MAGIC) :]
    header_length = int.from_bytes(body[:8], "little")
    if len(body) < 8 or header_length > len(body) - 8:
        raise ValueError("the checkpoint is truncated: its header is cut short")
    try:
        header = json.loads(body[8 : 8 + header_length].decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as e:
        raise ValueError(f"the checkpoint's header is not readable JSON ({_short(e)})") from None
    return _with_tensors(header, memoryview(body)[8 + header_length :], 0)


def _with_tensors(value: object, blob: memoryview, depth: int) -> object:
    if depth > MAX_DEPTH:
        raise ValueError(f"the checkpoint's header is nested more than {MAX_DEPTH} deep")
    if isinstance(value, dict) and list(value) == [TENSOR_KEY]:
        return _read_tensor(value[TENSOR_KEY], blob)
    if isinstance(value, dict):
        return {key: _with_tensors(item, blob, depth + 1) for key, item in value.items()}
    if isinstance(value, list):
        return [_with_tensors(item, blob, depth + 1) for item in value]
    return value


def _read_tensor(spec: object, blob: memoryview) -> torch.Tensor:
    """A tensor from ``[dtype, shape, offset]``; its bytes must lie inside the file."""
    ok = isinstance(spec, list) and len(spec) == 3 and isinstance(spec[0], str) and isinstance(spec[1], list)
    if not ok or spec[0] not in DTYPE_NAMES or len(spec[1]) > 4:
        raise ValueError(f"a tensor reference must be [float32|int64|uint8, shape, offset], found {_short(spec)}")
    dtype, shape, offset = DTYPE_NAMES[spec[0]], spec[1], spec[2]
    shape = [_int(n, "a tensor's shape", 0, MAX_FILE_BYTES) for n in shape]
    offset = _int(offset, "a tensor's byte offset", 0, len(blob))
    count = math.prod(shape)
    item = np.dtype(DTYPES[dtype])
    if offset + count * item.itemsize > len(blob):
        raise ValueError("the checkpoint is truncated: a tensor's bytes lie past the end of the file")
    array = np.frombuffer(blob, dtype=item, count=count, offset=offset) if count else np.empty(0, dtype=item)
    return torch.from_numpy(array.astype(item.newbyteorder("=")).reshape(shape))


def _experiment_from(payload: object) -> Experiment:
    """Validate a loaded payload completely, then build the experiment it describes."""
    root = _check_version(payload)
    config = _config_from(root["config"])
    split = _split_from(root["data"])
    log = _log_from(root["log"], config.hidden_layers + 1)
    exp = _fresh_experiment(config, split)
    dropout = _net_from(root["dropout_net"], exp.trainer, "dropout_net")
    twin = _net_from(root["twin_net"], exp.twin, "twin_net")
    _check_progress(dropout, twin, log)
    if log:  # no log, no training: the fresh experiment is the saved one
        dropout.apply_to(exp.trainer)
        twin.apply_to(exp.twin)
        exp.log = log
    return exp


def _check_version(payload: object) -> dict:
    if not isinstance(payload, dict):
        raise ValueError(f"the checkpoint's header must be a dict, found {type(payload).__name__}")
    version = payload.get("version")
    if type(version) is not int or version != VERSION:
        raise ValueError(f"checkpoint format version {_short(version)} is not supported; this dropviz reads {VERSION}")
    return _keys(payload, TOP_KEYS, "the checkpoint")


# ------------------------------------------------------------------------------------------- checked values


def _short(value: object, chars: int = 80) -> str:
    """A value or error for a message, cut short; containers only by kind and length (they may be huge)."""
    if isinstance(value, BaseException):
        text = f"{type(value).__name__}: {value}"
    elif isinstance(value, str):
        text = repr(value[: chars + 1])
    elif type(value) is int and value.bit_length() > 64:
        text = "a whole number of more than 19 digits"
    elif value is None or type(value) in (bool, int, float):
        text = repr(value)
    elif isinstance(value, list | dict):
        text = f"a {type(value).__name__} of {len(value):,} items"
    else:
        text = type(value).__name__
    return text if len(text) <= chars else text[:chars] + "..."


def _keys(value: object, expected: tuple[str, ...], where: str) -> dict:
    """``value`` as a dict with exactly the ``expected`` keys."""
    if not isinstance(value, dict):
        raise ValueError(f"{where}: expected a dict, found {type(value).__name__}")
    missing = [k for k in expected if k not in value]
    extra = [_short(k, 40) for k in value if k not in expected]
    if missing:
        raise ValueError(f"{where}: missing key(s) {', '.join(missing)}")
    if extra:
        raise ValueError(f"{where}: unexpected key(s) {', '.join(extra[:5])}")
    return value


def _int(value: object, where: str, low: int, high: int) -> int:
    if type(value) is not int or not low <= value <= high:
        raise ValueError(f"{where}: expected a whole number from {low:,} to {high:,}, found {_short(value)}")
    return value


def _number(value: object, where: str, low: float = -math.inf, high: float = math.inf, finite: bool = True) -> float:
    """An int or float (not a bool) within [low, high]; NaN and infinities only when ``finite`` is False."""
    number = _as_float(value)
    if finite:
        ok = number is not None and math.isfinite(number) and low <= number <= high
    else:
        ok = number is not None and (math.isnan(number) or low <= number <= high)
    if not ok:
        kind = "a finite number" if finite else "a number"
        raise ValueError(f"{where}: expected {kind} from {low} to {high}, found {_short(value)}")
    return number


def _as_float(value: object) -> float | None:
    """An int or float (a bool is neither here) as a float; None for anything else or an int beyond float range."""
    if type(value) not in (int, float):
        return None
    try:
        return float(value)
    except OverflowError:
        return None


def _text(value: object, where: str) -> str:
    if not isinstance(value, str) or len(value) > MAX_TEXT_CHARS:
        raise ValueError(f"{where}: expected text of at most {MAX_TEXT_CHARS} characters, found {_short(value)}")
    return value


def _list(value: object, where: str, max_len: int) -> list:
    if not isinstance(value, list) or len(value) > max_len:
        raise ValueError(f"{where}: expected a list of at most {max_len:,} items, found {_short(value)}")
    return value


def _tensor(value: object, where: str, dtype: torch.dtype, shape: tuple[int | None, ...]) -> torch.Tensor:
    """A tensor of ``dtype`` and ``shape`` (None: any length along that axis)."""
    ok = (
        isinstance(value, torch.Tensor)
        and value.dtype == dtype
        and value.dim() == len(shape)
        and all(want is None or got == want for got, want in zip(value.shape, shape))
    )
    if not ok:
        wanted = "[" + ", ".join("N" if n is None else str(n) for n in shape) + "]"
        found = f"{value.dtype} tensor {list(value.shape)}" if isinstance(value, torch.Tensor) else type(value).__name__
        raise ValueError(f"{where}: expected a {dtype} tensor of shape {wanted}, found {found}")
    return value


# ----------------------------------------------------------------------------------- config, data and log


def _config_from(value: object) -> ExperimentConfig:
    """Types and ranges here; the rest (activation, method, optimizer, lr) is checked by building the nets."""
    defaults = ExperimentConfig()
    raw = _keys(value, tuple(f.name for f in fields(ExperimentConfig)), "config")
    values: dict[str, Any] = {}
    for name, default in asdict(defaults).items():
        where = f"config {name}"
        if name == "drop_probs":
            n_layers = _int(raw["hidden_layers"], "config hidden_layers", *INT_RANGES["hidden_layers"]) + 1
            probs = _list(raw[name], where, n_layers)
            values[name] = tuple(_number(p, where, 0.0, 1.0) for p in probs)
        elif isinstance(default, str):
            values[name] = _text(raw[name], where)
        elif isinstance(default, int):
            values[name] = _int(raw[name], where, *INT_RANGES[name])
        else:
            values[name] = _number(raw[name], where, 0.0)
    return ExperimentConfig(**values)


def _split_from(value: object) -> Split:
    """The train and test sets, checked together against the CSV rules."""
    raw = _keys(value, DATA_KEYS, "data")
    name = _text(raw["name"], "data name")
    n_classes = _int(raw["n_classes"], "data n_classes", MIN_CLASSES, MAX_LABEL + 1)
    parts = []
    for part in ("train", "test"):
        x = _tensor(raw[f"{part}_x"], f"data {part}_x", torch.float32, (None, 2))
        if not 1 <= len(x) <= MAX_POINTS:
            raise ValueError(f"data {part}: {len(x):,} points; each side needs 1 to {MAX_POINTS:,}")
        y = _tensor(raw[f"{part}_y"], f"data {part}_y", torch.int64, (len(x),))
        parts.append((np.ascontiguousarray(x.numpy()), np.ascontiguousarray(y.numpy())))
    (train_x, train_y), (test_x, test_y) = parts
    n_train = len(train_y)

    def locate(i: int) -> str:
        return f"data: train point {i}" if i < n_train else f"data: test point {i - n_train}"

    found = check_points(np.concatenate([train_x, test_x]), np.concatenate([train_y, test_y]), locate)
    if found != n_classes:
        raise ValueError(f"data n_classes is {n_classes} but the labels are 0 to {found - 1}")
    return Split(Dataset(train_x, train_y, n_classes, name), Dataset(test_x, test_y, n_classes, name))


def _log_from(value: object, n_layers: int) -> list[Segment]:
    log: list[Segment] = []
    for i, item in enumerate(_list(value, "log", MAX_STEPS)):
        where = f"log entry {i}"
        segment = _list(item, where, 2)
        if len(segment) != 2:
            raise ValueError(f"{where}: expected [drop probabilities, steps]")
        probs = _list(segment[0], f"{where} drop probabilities", n_layers)
        if len(probs) != n_layers:
            raise ValueError(f"{where}: {len(probs)} drop probabilities for {n_layers} droppable layers")
        log.append((tuple(_number(p, where, 0.0, 1.0) for p in probs), _int(segment[1], where, 1, MAX_STEPS)))
    if sum(steps for _, steps in log) > MAX_STEPS:
        raise ValueError(f"log: more than {MAX_STEPS:,} steps in all")
    return log


# ---------------------------------------------------------------------------------------------- the nets


def _fresh_experiment(config: ExperimentConfig, split: Split) -> Experiment:
    """An untrained experiment for ``config`` on ``split``; building it checks what the config names."""
    try:
        if config.dataset in GENERATORS:
            exp = Experiment(config)
            _check_toy_data(exp.split, split, config.dataset)
            return exp
        return _experiment_on_own_data(config, split)
    except ValueError as e:
        raise ValueError(f"config: {e}") from None


def _check_toy_data(generated: Split, saved: Split, name: str) -> None:
    for a, b in ((generated.train, saved.train), (generated.test, saved.test)):
        same = (
            a.x.shape == b.x.shape
            and np.allclose(a.x, b.x, rtol=0.0, atol=TOY_DATA_TOLERANCE)
            and np.array_equal(a.y, b.y)
            and (a.n_classes, a.name) == (b.n_classes, b.name)
        )
        if not same:
            raise ValueError(f"the data differ from the {name!r} set the config describes")


def _experiment_on_own_data(config: ExperimentConfig, split: Split) -> Experiment:
    """An experiment on data that is not a toy set (an upload); building it checks the rest of the config."""
    return Experiment(config, split)


@dataclass
class _NetState:
    """One trainer's saved state, checked against a fresh trainer of the same net, ready to apply."""

    weights: dict[str, torch.Tensor]
    optimizer_state: dict[int, dict[str, Any]]
    batch_rng: torch.Tensor
    mask_rng: torch.Tensor
    order: torch.Tensor
    steps_done: int
    diverged: str | None
    history: History

    def apply_to(self, trainer: Trainer) -> None:
        """The same steps as ``Trainer.copy_state_from``, from checked values (copied: the file keeps nothing)."""
        trainer.model.load_state_dict(self.weights)
        state = trainer.optimizer.state_dict()
        state["state"] = copy.deepcopy(self.optimizer_state)
        trainer.optimizer.load_state_dict(state)
        trainer.batch_rng.set_state(self.batch_rng.clone())
        trainer.model.generator.set_state(self.mask_rng.clone())
        trainer._order = self.order.clone()
        trainer.steps_done = self.steps_done
        trainer.history = self.history
        trainer.diverged = self.diverged


def _net_from(value: object, trainer: Trainer, where: str) -> _NetState:
    raw = _keys(value, NET_KEYS, where)
    weights = _weights_from(raw["weights"], trainer.model.state_dict(), f"{where} weights")
    n_params = len(list(trainer.model.parameters()))
    optimizer_state = _optimizer_state_from(raw["optimizer_state"], _optimizer_template(trainer), n_params, where)
    rng_shape = tuple(trainer.batch_rng.get_state().shape)
    order = _tensor(raw["order"], f"{where} order", torch.int64, (None,))
    n_train = len(trainer.y_train)
    if len(order) > n_train or (len(order) and not (0 <= int(order.min()) and int(order.max()) < n_train)):
        raise ValueError(f"{where} order: expected at most {n_train} indices of training points")
    steps_done = _int(raw["steps_done"], f"{where} steps_done", 0, MAX_STEPS)
    diverged = None if raw["diverged"] is None else _text(raw["diverged"], f"{where} diverged")
    return _NetState(
        weights=weights,
        optimizer_state=optimizer_state,
        batch_rng=_rng_state(raw["batch_rng"], f"{where} batch_rng", rng_shape),
        mask_rng=_rng_state(raw["mask_rng"], f"{where} mask_rng", rng_shape),
        order=order,
        steps_done=steps_done,
        diverged=diverged,
        history=_history_from(raw["history"], steps_done, trainer.eval_every, f"{where} history"),
    )


def _rng_state(value: object, where: str, shape: tuple[int, ...]) -> torch.Tensor:
    """A state torch accepts (it checks the Mersenne Twister's invariants), tried on a throwaway generator."""
    state = _tensor(value, where, torch.uint8, shape)
    try:
        torch.Generator().set_state(state)
    except RuntimeError as e:
        raise ValueError(f"{where}: not a random generator state ({_short(e)})") from None
    return state


def _weights_from(value: object, reference: dict[str, torch.Tensor], where: str) -> dict[str, torch.Tensor]:
    """Exactly the reference's parameters, each of its dtype and shape (the architecture the config builds)."""
    raw = _keys(value, tuple(reference), where)
    for name, ref in reference.items():
        _tensor(raw[name], f"{where} {name}", ref.dtype, tuple(ref.shape))
    return raw


def _optimizer_template(trainer: Trainer) -> dict[int, dict[str, Any]]:
    """The per-parameter state ``trainer``'s optimizer keeps once it has stepped: keys, dtypes and shapes.

    Taken from a throwaway copy of the optimizer after one zero-gradient step, so it follows torch's own format.
    """
    params = [torch.zeros_like(p, requires_grad=True) for p in trainer.model.parameters()]
    hyper = {k: v for k, v in trainer.optimizer.param_groups[0].items() if k != "params"}
    optimizer = type(trainer.optimizer)(params, **hyper)
    for p in params:
        p.grad = torch.zeros_like(p)
    optimizer.step()
    return optimizer.state_dict()["state"]


def _optimizer_state_from(value: object, template: dict[int, dict[str, Any]], n_params: int, where: str) -> dict:
    """One entry per parameter, None where the optimizer keeps no state (yet).

    Per-parameter state only: hyperparameters (learning rate...) come from the config, never from the file.
    """
    where = f"{where} optimizer_state"
    entries = _list(value, where, n_params)
    if len(entries) != n_params:
        raise ValueError(f"{where}: expected one entry per parameter, {n_params}, found {len(entries)}")
    state = {}
    for index, entry in enumerate(entries):
        if entry is None:
            continue
        if index not in template:
            raise ValueError(f"{where}[{index}]: expected None (this optimizer keeps no state per parameter)")
        reference = template[index]
        _keys(entry, tuple(reference), f"{where}[{index}]")
        for key, ref in reference.items():
            if ref is None and entry[key] is not None:
                raise ValueError(f"{where}[{index}] {key}: expected None")
            if ref is not None:
                _tensor(entry[key], f"{where}[{index}] {key}", ref.dtype, tuple(ref.shape))
        state[index] = entry
    return state


def _history_from(value: object, steps_done: int, eval_every: int, where: str) -> History:
    """One evaluation at step 0 and every ``eval_every`` steps, as the trainer records them."""
    raw = _keys(value, HISTORY_KEYS, where)
    steps = list(range(0, steps_done + 1, eval_every))
    columns = {key: _list(raw[key], f"{where} {key}", len(steps)) for key in HISTORY_KEYS}
    if any(len(column) != len(steps) for column in columns.values()):
        raise ValueError(f"{where}: every list must hold {len(steps)} entries for {steps_done} steps")
    if any(type(s) is not int for s in columns["step"]) or columns["step"] != steps:
        raise ValueError(f"{where} step: expected 0, {eval_every}, {2 * eval_every}, ... up to {steps[-1]}")
    history = History(step=steps)
    for key in HISTORY_KEYS[1:]:
        high = 1.0 if key.endswith("acc") else math.inf
        getattr(history, key).extend(_number(v, f"{where} {key}", 0.0, high, finite=False) for v in columns[key])
    return history


def _check_progress(dropout: _NetState, twin: _NetState, log: list[Segment]) -> None:
    """Steps agree with the log: the nets train in lockstep, and the log counts a stretch before it runs."""
    logged = sum(steps for _, steps in log)
    a, b = dropout.steps_done, twin.steps_done
    if dropout.diverged is None and twin.diverged is None:
        ok = a == b == logged
    else:  # the step that diverged is logged but not taken (files from before lockstep training: the dropout net
        # may have taken it when only the twin diverged)
        ok = b < logged and a <= logged and (a == b or (a == b + 1 and twin.diverged is not None))
    if not ok:
        raise ValueError(f"steps done ({a} and {b}) do not agree with the log's {logged} steps")
