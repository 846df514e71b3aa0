"""Saving and loading experiments: exact round trips, exact continued training, and no trust in the file."""

from __future__ import annotations

import io
import json
import pickle
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import torch

from dropviz.core.experiment import Experiment, ExperimentConfig
from dropviz.core.training import TrainingDiverged
from dropviz.data import checkpoint as ck
from dropviz.data.csv_data import from_csv, split_upload
from tests.same_training import assert_same_training

SMALL = ExperimentConfig(n_test=200, width=8)


def trained(config: ExperimentConfig = SMALL, steps: int = 30) -> Experiment:
    exp = Experiment(config)
    exp.step(steps)
    return exp


def saved(exp: Experiment) -> bytes:
    buffer = io.BytesIO()
    ck.save(exp, buffer)
    return buffer.getvalue()


def round_trip(exp: Experiment) -> Experiment:
    return ck.load(io.BytesIO(saved(exp)))


def upload_experiment(config: ExperimentConfig = SMALL) -> Experiment:
    rows = [f"{i * 0.1 - 3:.2f},{(i * 37 % 50) / 10 - 2.5:.2f},{i % 3}" for i in range(60)]
    data = from_csv(("x1,x2,label\n" + "\n".join(rows)).encode())
    return ck._experiment_on_own_data(replace(config, dataset="upload"), split_upload(data, 0.5, seed=2))


# ------------------------------------------------------------------------------------------- round trips


CONFIGS = {
    "adam bernoulli": SMALL,
    "sgd dropconnect": replace(SMALL, optimizer="sgd", lr=0.1, method="dropconnect", batch_size=8),
    "gaussian, blobs, no hidden layer": replace(
        SMALL, dataset="blobs", hidden_layers=0, drop_probs=(0.3,), method="gaussian"
    ),
    "tanh, 3 layers, batch > n": replace(
        SMALL, hidden_layers=3, drop_probs=(0.1, 0.5, 0.6, 0.7), activation="tanh", batch_size=64
    ),
}


@pytest.mark.parametrize("config", list(CONFIGS.values()), ids=list(CONFIGS))
def test_round_trip_then_training_continues_bit_for_bit(config):
    a = trained(config, 30)
    a.set_drop_probs([0.5] * len(config.drop_probs))
    a.step(7)  # a second stretch in the log, mid-epoch batch order
    b = round_trip(a)
    assert_same_training(a, b)
    assert b.serial != a.serial
    a.step(20)
    b.step(20)
    assert_same_training(a, b)


def test_uploaded_data_travels_with_the_file():
    a = upload_experiment()
    a.step(30)
    b = round_trip(a)
    assert b.config.dataset == "upload" and b.split.train.n_classes == 3
    assert_same_training(a, b)
    a.step(20)
    b.step(20)
    assert_same_training(a, b)


def test_paths_and_file_objects(tmp_path):
    a = trained()
    for target in (tmp_path / "a.pt", str(tmp_path / "b.pt")):
        ck.save(a, target)
        assert_same_training(a, ck.load(target))
    with (tmp_path / "c.pt").open("wb") as f:
        ck.save(a, f)
    with (tmp_path / "c.pt").open("rb") as f:
        assert_same_training(a, ck.load(f))


def test_an_untrained_experiment_round_trips():
    a = Experiment(SMALL)
    b = round_trip(a)
    assert_same_training(a, b)
    a.step(15)
    b.step(15)
    assert_same_training(a, b)


def test_a_diverged_experiment_keeps_its_message_and_nan_weights():
    a = Experiment(replace(SMALL, optimizer="sgd", lr=100.0))
    with pytest.raises(TrainingDiverged):
        a.step(100)
    payload = payload_of(a)
    payload["dropout_net"]["weights"]["linears.0.weight"][0, 0] = float("nan")  # allowed: diverged nets hold NaN
    b = ck._experiment_from(payload)
    assert b.diverged == a.diverged and b.steps_done == a.steps_done and b.log == a.log
    assert torch.isnan(b.model.linears[0].weight[0, 0])
    with pytest.raises(TrainingDiverged):
        b.step(1)


def test_a_twin_that_diverged_one_step_later_round_trips():
    a = trained()
    payload = payload_of(a)
    payload["twin_net"]["steps_done"] = 29
    payload["twin_net"]["diverged"] = "training diverged at step 30"
    payload["twin_net"]["history"] = {k: v[:3] for k, v in payload["twin_net"]["history"].items()}
    b = ck._experiment_from(payload)
    assert (b.trainer.steps_done, b.twin.steps_done, b.diverged) == (30, 29, "training diverged at step 30")


# ------------------------------------------------------------------------------------- hostile and broken


def payload_of(exp: Experiment) -> dict:
    """The dict a saved file holds, independent of ``exp`` (so tests can change it freely)."""
    return ck._decode(saved(exp))


def load_payload(payload: object) -> Experiment:
    return ck.load(io.BytesIO(ck._encode(payload)))


def with_header(header: bytes, tensors: bytes = b"") -> bytes:
    return ck.MAGIC + len(header).to_bytes(8, "little") + header + tensors


@pytest.fixture(scope="module")
def good() -> bytes:
    return saved(trained())


class MakesAFile:
    """Unpickling this creates a file: proof that code from the file ran."""

    marker = ""

    def __reduce__(self):
        return open, (self.marker, "w")


def test_a_pickle_payload_never_runs(tmp_path, good):
    marker = tmp_path / "pwned"
    MakesAFile.marker = str(marker)
    pickle.loads(pickle.dumps(MakesAFile())).close()  # the payload works when unpickled normally...
    assert marker.exists()
    marker.unlink()
    attacks = [pickle.dumps(MakesAFile()), ck.MAGIC + pickle.dumps(MakesAFile())]
    for payload in (MakesAFile(), {**ck._decode(good), "log": MakesAFile()}):
        buffer = io.BytesIO()
        torch.save(payload, buffer)  # ...and inside torch's zip format
        attacks.append(buffer.getvalue())
    for attack in attacks:
        with pytest.raises(ValueError, match="not a dropviz checkpoint|truncated|not readable JSON"):
            ck.load(io.BytesIO(attack))
    assert not marker.exists()


def test_a_torch_file_of_a_valid_payload_is_not_a_checkpoint(good):
    buffer = io.BytesIO()
    torch.save(ck._decode(good), buffer)
    with pytest.raises(ValueError, match="does not start with 'dropviz checkpoint'"):
        ck.load(io.BytesIO(buffer.getvalue()))


@pytest.mark.parametrize(
    "mangle, message",
    [
        (lambda b: b"", "does not start with"),
        (lambda b: b[:10], "does not start with"),
        (lambda b: b[: len(ck.MAGIC) + 4], "truncated: its header"),
        (lambda b: b[: len(ck.MAGIC) + 8 + 10], "truncated: its header"),
        (lambda b: b[:-10], "truncated: a tensor's bytes"),
        (lambda b: np.random.default_rng(0).bytes(len(b)), "does not start with"),
        (lambda b: ck.MAGIC + np.random.default_rng(0).bytes(100), "truncated"),
        (lambda b: with_header(b"{not json"), "not readable JSON"),
        (lambda b: with_header(b"\xff\xfe"), "not readable JSON"),
        (lambda b: with_header(b"[" * 100_000 + b"]" * 100_000), "not readable JSON"),
        (lambda b: with_header(b"[" * 20 + b"]" * 20), "nested more than 12 deep"),
        (lambda b: with_header(b'{"version": 1, "log": 1e99999}'), "missing key(s) config"),
        (lambda b: with_header(b'{"version": 1' + b"1" * 5000 + b"}"), "not readable JSON"),
        (lambda b: with_header(b"[1, 2]"), "header must be a dict"),
        (lambda b: with_header(b"{}"), "version None is not supported"),
    ],
    ids=[
        "empty",
        "magic cut",
        "header length cut",
        "header cut",
        "tensor bytes cut",
        "random bytes",
        "random after magic",
        "bad json",
        "not utf-8",
        "json too deep",
        "nested too deep",
        "json infinity",
        "json huge int",
        "header a list",
        "no version",
    ],
)
def test_broken_files(good, mangle, message):
    with pytest.raises(ValueError) as error:
        ck.load(io.BytesIO(mangle(good)))
    assert message in str(error.value)


@pytest.mark.parametrize(
    "reference, message",
    [
        (["float16", [8, 2], 0], "must be [float32|int64|uint8, shape, offset]"),
        (["float32", [8, 2]], "must be [float32|int64|uint8, shape, offset]"),
        (["float32", 16, 0], "must be [float32|int64|uint8, shape, offset]"),
        (["float32", [1, 1, 1, 1, 1], 0], "must be [float32|int64|uint8, shape, offset]"),
        (["float32", [8, -2], 0], "a tensor's shape: expected a whole number from 0"),
        (["float32", [8, 2.0], 0], "a tensor's shape: expected a whole number"),
        (["float32", [8, 2], -4], "a tensor's byte offset: expected a whole number from 0"),
        (["float32", [8, 2], 10**9], "a tensor's byte offset"),
        (["float32", [10**6, 10**6, 10**6, 10**6], 0], "truncated: a tensor's bytes lie past the end"),
    ],
)
def test_bad_tensor_references(good, reference, message):
    body = good[len(ck.MAGIC) :]
    length = int.from_bytes(body[:8], "little")
    header = json.loads(body[8 : 8 + length])
    header["dropout_net"]["weights"]["linears.0.weight"] = {"$tensor": reference}
    with pytest.raises(ValueError) as error:
        ck.load(io.BytesIO(with_header(json.dumps(header).encode(), body[8 + length :])))
    assert message in str(error.value)


def test_a_text_file_object_is_refused(good):
    with pytest.raises(ValueError, match="binary mode"):
        ck.load(io.StringIO("x" * 100))


def set_in(payload: dict, path: str, value: object) -> None:
    *parents, last = path.split("/")
    for key in parents:
        payload = payload[int(key) if key.isdigit() else key]
    if value is DELETE:
        del payload[last]
    else:
        payload[int(last) if last.isdigit() else last] = value


DELETE = object()
W0 = "dropout_net/weights/linears.0.weight"

BAD_PAYLOADS = {
    "not a dict": ("", [1, 2, 3], "header must be a dict, found list"),
    "no version": ("version", DELETE, "version None is not supported"),
    "version 2": ("version", 2, "version 2 is not supported"),
    "version 1.0": ("version", 1.0, "version 1.0 is not supported"),
    "version as text": ("version", "1", "version '1' is not supported"),
    "missing key": ("data", DELETE, "missing key(s) data"),
    "extra key": ("comment", "hello", "unexpected key(s) 'comment'"),
    "missing nested key": ("twin_net/order", DELETE, "twin_net: missing key(s) order"),
    "extra nested key": ("data/extra", 1, "data: unexpected key(s) 'extra'"),
    "weight shape": (W0, torch.zeros(8, 3), "dropout_net weights linears.0.weight: expected a torch.float32 tensor"),
    "weight shape named": (W0, torch.zeros(8, 3), "of shape [8, 2], found torch.float32 tensor [8, 3]"),
    "weight dtype": (W0, torch.zeros(8, 2, dtype=torch.int64), "linears.0.weight: expected a torch.float32"),
    "weight as list": (W0, [[0.0, 0.0]] * 8, "found list"),
    "missing weight": (W0, DELETE, "missing key(s) linears.0.weight"),
    "extra weight": ("dropout_net/weights/linears.9.weight", torch.zeros(1), "unexpected key(s) 'linears.9.weight'"),
    "optimizer moment shape": ("twin_net/optimizer_state/0/exp_avg", torch.zeros(3), "optimizer_state[0] exp_avg"),
    "optimizer missing key": ("dropout_net/optimizer_state/1/exp_avg_sq", DELETE, "missing key(s) exp_avg_sq"),
    "optimizer extra key": ("dropout_net/optimizer_state/1/lr", 100.0, "unexpected key(s) 'lr'"),
    "optimizer too many": ("dropout_net/optimizer_state", [None] * 7, "at most 6 items, found a list of 7"),
    "optimizer too few": ("dropout_net/optimizer_state", [None] * 5, "one entry per parameter, 6, found 5"),
    "optimizer entry": ("dropout_net/optimizer_state/2", "x", "optimizer_state[2]: expected a dict, found str"),
    "optimizer as dict": ("dropout_net/optimizer_state", {"0": None}, "optimizer_state: expected a list"),
    "rng state shape": ("dropout_net/batch_rng", torch.zeros(10, dtype=torch.uint8), "batch_rng: expected a"),
    "rng state invalid": ("dropout_net/mask_rng", torch.zeros(5056, dtype=torch.uint8), "not a random generator state"),
    "rng state dtype": ("twin_net/mask_rng", torch.zeros(5056, dtype=torch.int64), "mask_rng: expected a torch.uint8"),
    "order out of range": ("dropout_net/order", torch.tensor([0, 99]), "order: expected at most 40 indices"),
    "order negative": ("dropout_net/order", torch.tensor([-1]), "order"),
    "steps as text": ("dropout_net/steps_done", "30", "steps_done: expected a whole number"),
    "steps as bool": ("dropout_net/steps_done", True, "steps_done: expected a whole number"),
    "steps vs history": ("twin_net/steps_done", 20, "twin_net history step: expected a list of at most 3 items"),
    "steps vs log": ("log", [[[0.2, 0.5, 0.5], 31]], "do not agree with the log's 31 steps"),
    "diverged not text": ("dropout_net/diverged", 5, "diverged: expected text"),
    "history unequal lengths": ("dropout_net/history/test_acc", [0.5], "every list must hold 4 entries"),
    "history wrong steps": ("dropout_net/history/step", [0, 1, 2, 3], "history step: expected 0, 10, 20, ... up to 30"),
    "history accuracy > 1": ("dropout_net/history/train_acc", [0.5, 0.5, 2.0, 0.5], "train_acc: expected a number"),
    "history text": ("dropout_net/history/train_loss", ["a"] * 4, "train_loss: expected a number"),
    "history too long": ("dropout_net/history/step", list(range(10**5)), "at most 4 items"),
    "config missing": ("config/lr", DELETE, "config: missing key(s) lr"),
    "config width 0": ("config/width", 0, "config width: expected a whole number from 1"),
    "config too deep": ("config/hidden_layers", 99, "config hidden_layers"),
    "config negative seed": ("config/seed", -1, "config seed"),
    "config huge int": ("config/seed", 10**400, "config seed"),
    "config lr text": ("config/lr", "0.003", "config lr: expected a finite number"),
    "config lr nan": ("config/lr", float("nan"), "config lr: expected a finite number"),
    "config lr 0": ("config/lr", 0.0, "config: learning rate must be a positive number"),
    "config activation": ("config/activation", "evil", "config: unknown activation 'evil'"),
    "config method": ("config/method", "os.system", "config: unknown noise"),
    "config optimizer": ("config/optimizer", "lbfgs", "config: unknown optimizer"),
    "config dataset text": ("config/dataset", 7, "config dataset: expected text"),
    "config drop prob > 1": ("config/drop_probs", [0.2, 1.5, 0.5], "config drop_probs: expected a finite number"),
    "config drop probs count": ("config/drop_probs", [0.2, 0.5], "config: expected 3 drop probabilities"),
    "log not a list": ("log", {"a": 1}, "log: expected a list"),
    "log entry shape": ("log", [[[0.2, 0.5, 0.5]]], "log entry 0: expected [drop probabilities, steps]"),
    "log layers": ("log", [[[0.2, 0.5], 30]], "log entry 0: 2 drop probabilities for 3 droppable layers"),
    "log zero steps": ("log", [[[0.2, 0.5, 0.5], 30], [[0.2, 0.5, 0.5], 0]], "log entry 1: expected a whole number"),
    "log too many steps": ("log", [[[0.2, 0.5, 0.5], 20_000], [[0.2, 0.5, 0.5], 1]], "more than 20,000 steps"),
    "data nan": ("data/test_x/3/1", float("nan"), "data: test point 3: coordinates must be finite"),
    "data far": ("data/train_x/5/0", 1e7, "data: train point 5: coordinates must be finite and within"),
    "data label 10": ("data/train_y/2", 10, "data: train point 2: label 10"),
    "data n_classes": ("data/n_classes", 3, "data n_classes is 3 but the labels are 0 to 1"),
    "data n_classes 11": ("data/n_classes", 11, "data n_classes: expected a whole number from 2 to 10"),
    "data labels as float": ("data/train_y", torch.zeros(40), "data train_y: expected a torch.int64 tensor"),
    "data labels count": ("data/train_y", torch.zeros(39, dtype=torch.int64), "shape [40]"),
    "data 2-D points": ("data/test_x", torch.zeros(200, 3), "test_x: expected a torch.float32 tensor of shape [N, 2]"),
    "data empty side": ("data/test_x", torch.zeros(0, 2), "each side needs 1 to 5,000"),
    "data too many": ("data/test_x", torch.zeros(5001, 2), "each side needs 1 to 5,000"),
    "toy data changed": ("data/train_x/0/0", 1.5, "the data differ from the 'moons' set"),
    "toy data name": ("data/name", "spiral", "the data differ from the 'moons' set"),
}


@pytest.mark.parametrize("path, value, message", list(BAD_PAYLOADS.values()), ids=list(BAD_PAYLOADS))
def test_bad_payloads_are_refused_with_a_specific_message(good, path, value, message):
    payload = ck._decode(good)
    if path:
        set_in(payload, path, value)
    else:
        payload = value
    with pytest.raises(ValueError) as error:
        load_payload(payload)
    assert message in str(error.value)


def test_nets_out_of_lockstep_are_refused(good):
    payload = ck._decode(good)
    payload["twin_net"]["steps_done"] = 20
    payload["twin_net"]["history"] = {k: v[:3] for k, v in payload["twin_net"]["history"].items()}
    with pytest.raises(ValueError, match=r"steps done \(30 and 20\) do not agree with the log's 30 steps"):
        load_payload(payload)


def test_an_optimizer_without_per_parameter_state_must_have_none():
    payload = payload_of(trained(replace(SMALL, optimizer="sgd")))
    assert payload["dropout_net"]["optimizer_state"] == [None] * 6
    payload["dropout_net"]["optimizer_state"][0] = {"momentum_buffer": torch.zeros(8, 2)}
    with pytest.raises(ValueError, match=r"optimizer_state\[0\]: expected None"):
        load_payload(payload)


def test_the_learning_rate_comes_from_the_config_only(good):
    """The file holds per-parameter optimizer state only: there is no place for hyperparameters."""
    payload = ck._decode(good)
    payload["config"]["lr"] = 0.01
    exp = load_payload(payload)
    assert exp.trainer.optimizer.param_groups[0]["lr"] == 0.01 == exp.twin.optimizer.param_groups[0]["lr"]


def test_an_untrained_file_loads_as_a_fresh_experiment(good):
    """Weights without training are ignored, so a crafted file cannot pass them off as an untrained net."""
    payload = payload_of(Experiment(SMALL))
    payload["dropout_net"]["weights"]["linears.0.weight"] = torch.full((8, 2), 7.0)
    exp = load_payload(payload)
    assert_same_training(exp, Experiment(SMALL))


def test_uploaded_data_is_checked_like_a_csv_file():
    payload = payload_of(upload_experiment())
    for part in ("train_y", "test_y"):
        labels = payload["data"][part]
        labels[labels == 1] = 2  # label 1 no longer occurs
    with pytest.raises(ValueError, match="label 1 never occurs"):
        load_payload(payload)


# -------------------------------------------------------------------------------------------- size caps


def test_load_refuses_files_over_the_cap(monkeypatch, tmp_path, good):
    monkeypatch.setattr(ck, "MAX_FILE_BYTES", len(good) - 1)
    with pytest.raises(ValueError, match=f"larger than {len(good) - 1:,} bytes"):
        ck.load(io.BytesIO(good))
    path = tmp_path / "big.pt"
    path.write_bytes(good)

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    with pytest.raises(ValueError, match="larger than"):
        ck.load(path)


def test_load_reads_at_most_the_cap_plus_one_byte(monkeypatch):
    monkeypatch.setattr(ck, "MAX_FILE_BYTES", 1000)
    requested = []

    class Endless:
        def read(self, size: int = -1) -> bytes:
            assert size > 0
            requested.append(size)
            return b"\0" * size

    with pytest.raises(ValueError, match="larger than 1,000 bytes"):
        ck.load(Endless())
    assert requested == [1001]


def test_a_file_at_the_cap_loads(monkeypatch, good):
    monkeypatch.setattr(ck, "MAX_FILE_BYTES", len(good))
    ck.load(io.BytesIO(good))


def test_save_refuses_what_load_would_refuse(monkeypatch):
    exp = trained()
    monkeypatch.setattr(ck, "MAX_FILE_BYTES", 1000)
    target = io.BytesIO()
    with pytest.raises(ValueError, match="cannot be saved"):
        ck.save(exp, target)
    assert target.getvalue() == b""


def test_save_refuses_more_points_than_the_csv_rules_allow():
    exp = Experiment(replace(SMALL, n_train=400, n_test=4700))
    with pytest.raises(ValueError, match="cannot be saved: data: .*more than 5,000 points"):
        ck.save(exp, io.BytesIO())


def test_save_refuses_drop_probabilities_set_behind_the_configs_back():
    exp = trained()
    exp.model.set_drop_probs([0.1, 0.1, 0.1])
    with pytest.raises(ValueError, match="differ from its config"):
        ck.save(exp, io.BytesIO())
