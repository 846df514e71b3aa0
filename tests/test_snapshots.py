"""Weight snapshots: what the browser draws the live surfaces from must give torch's weight-scaled probabilities."""

import base64
import json
import threading
import time

import numpy as np
import pytest
import torch

from dropviz.core import snapshots as sn
from dropviz.core.experiment import Experiment, ExperimentConfig
from dropviz.core.grid import make_grid
from dropviz.core.model import ACTIVATIONS, DropoutMLP
from dropviz.data.datasets import make_split


def torch_probs(model: DropoutMLP, points: torch.Tensor) -> np.ndarray:
    with torch.no_grad():
        return torch.softmax(model.eval()(points), dim=-1).double().numpy()


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
@pytest.mark.parametrize(
    ("sizes", "drop_probs"),
    [
        ([2, 6, 6, 2], [0.2, 0.5, 0.5]),
        ([2, 8, 3], [0.0, 1.0]),  # a hidden layer never kept: eval mode zeroes it
        ([2, 5, 5, 5, 4], [1.0, 0.5, 0.0, 0.3]),  # inputs never kept: a constant surface
        ([2, 7, 2], [[0.1, 1.0], [0.5] * 3 + [1.0] * 4]),  # per-unit drop probabilities
    ],
)
def test_the_reference_forward_pass_of_a_snapshot_is_torchs_weight_scaled_net(activation, sizes, drop_probs):
    model = DropoutMLP(sizes, drop_probs, activation, seed=3)
    with torch.no_grad():
        for linear in model.linears:  # weights of a trained size, so that the comparison means something
            linear.weight.mul_(3.0)
    points = torch.randn(500, 2, generator=torch.Generator().manual_seed(0)) * 3
    snap = sn.snapshot(model, 7)
    assert snap["step"] == 7
    got = sn.probabilities(sn.net_spec(model), snap, points.numpy())
    assert got.shape == (500, sizes[-1])
    assert np.abs(got - torch_probs(model, points)).max() < 1e-5


def test_a_snapshot_is_plain_json_with_the_eval_scale_folded_into_the_weights():
    model = DropoutMLP([2, 3, 2], [0.0, 1.0], seed=0)
    snap = sn.snapshot(model, 0)
    assert json.loads(json.dumps(snap, allow_nan=False)) == snap
    (w0, b0), (w1, b1) = sn.unpack(sn.net_spec(model), snap)
    assert w0.shape == (3, 2) and b0.shape == (3,) and w1.shape == (2, 3) and b1.shape == (2,)
    assert not w1.any()  # hidden units never kept: nothing reaches the output
    assert np.array_equal(w0, model.linears[0].weight.detach().double().numpy())  # float32, bit for bit
    assert np.array_equal(b1, model.linears[1].bias.detach().double().numpy())


def test_the_packed_numbers_are_the_float32_weights_layer_after_layer():
    model = DropoutMLP([2, 5, 4, 3], [0.2, 0.5, 0.5], seed=1)
    raw = base64.b64decode(sn.snapshot(model, 9)["p"])
    expected = np.concatenate([p.detach().numpy().ravel() for lin in model.linears for p in (lin.weight, lin.bias)])
    assert len(raw) == 4 * expected.size == 4 * (2 * 5 + 5 + 5 * 4 + 4 + 4 * 3 + 3)
    assert np.frombuffer(raw, dtype="<f4").tobytes() == expected.astype("<f4").tobytes()


def test_unpack_refuses_a_snapshot_of_another_net():
    snap = sn.snapshot(DropoutMLP([2, 4, 2], [0.2, 0.5], seed=0), 0)
    with pytest.raises(ValueError, match="2-5-2 net has 27 numbers, not 22"):
        sn.unpack({"sizes": [2, 5, 2], "activation": "relu"}, snap)


def test_a_diverged_net_gives_a_snapshot_json_can_carry():
    model = DropoutMLP([2, 4, 2], [0.2, 0.5], seed=0)
    with torch.no_grad():
        model.linears[0].weight[0, 0] = float("nan")
        model.linears[1].bias[1] = float("inf")
    snap = sn.snapshot(model, 3)
    json.dumps(snap, allow_nan=False)  # JSON has no NaN: the numbers travel as bytes
    (w0, _), (_, b1) = sn.unpack(sn.net_spec(model), snap)
    assert np.isnan(w0[0, 0]) and b1[1] == np.inf


@pytest.mark.parametrize(
    ("n", "frames", "steps"),
    [(150, 10, list(range(15, 151, 15))), (10, 4, [2, 5, 8, 10]), (3, 10, [1, 2, 3]), (1, 1, [1]), (7, 1, [7])],
)
def test_snapshots_are_evenly_spaced_and_never_more_than_the_steps(n, frames, steps):
    assert sn.frame_steps(n, frames) == steps
    gaps = np.diff([0, *steps])
    assert gaps.max() - gaps.min() <= 1


def test_frame_steps_refuses_nonsense():
    with pytest.raises(ValueError):
        sn.frame_steps(0, 3)
    with pytest.raises(ValueError):
        sn.frame_steps(5, 0)


def test_film_trains_like_one_step_call_and_snapshots_every_few_steps():
    config = ExperimentConfig(n_train=20, n_test=100)
    filmed, plain = Experiment(config), Experiment(config)
    dropout, twin = sn.film(filmed, 50, 10)
    plain.step(50)
    assert [s["step"] for s in dropout] == list(range(5, 51, 5)) == [s["step"] for s in twin]
    assert filmed.log == plain.log and filmed.steps_done == 50
    for a, b in ((filmed.model, plain.model), (filmed.twin.model, plain.twin.model)):
        for pa, pb in zip(a.parameters(), b.parameters()):
            assert torch.equal(pa, pb)
    assert dropout[-1] == sn.snapshot(filmed.model, 50)
    assert twin[-1] == sn.snapshot(filmed.twin.model, 50)


def test_film_stops_at_the_step_limit(monkeypatch):
    experiment = Experiment(ExperimentConfig(n_train=20, n_test=100))
    monkeypatch.setattr("dropviz.core.experiment.MAX_STEPS", 23)
    dropout, _ = sn.film(experiment, 50)
    assert dropout[-1]["step"] == 23 == experiment.steps_done
    assert sn.film(experiment, 50) == ([], [])


def test_the_scene_holds_the_grid_points_and_colours_of_the_surface():
    split = make_split("blobs", 30, 100, 0.2, 0)
    scene = sn.scene(split, 3)
    grid = make_grid(np.concatenate([split.train.x, split.test.x]), sn.RESOLUTION)
    assert scene["resolution"] == sn.RESOLUTION >= 100
    assert scene["extent"] == list(grid.extent)
    assert scene["colors"] == ["#0072B2", "#E69F00", "#009E73"]
    assert len(scene["train"]["x"]) == 2 * len(scene["train"]["y"]) == 60
    assert len(scene["test"]["y"]) == 0  # test points are not drawn by default: 1,000 rings hide the surface
    assert len(sn.scene(split, 3, max_test_points=40)["test"]["y"]) == 40
    json.dumps(scene, allow_nan=False)
    assert sn.scene(split, 3)["id"] == scene["id"]
    assert sn.scene(make_split("blobs", 30, 100, 0.2, 1), 3)["id"] != scene["id"]


def test_two_threads_filming_one_experiment_take_turns():
    # Streamlit may start a run while the previous one is still training in its thread (runner.fastReruns).
    experiment = Experiment(ExperimentConfig(n_train=20, n_test=100))
    assert sn.training_lock(experiment) is sn.training_lock(experiment)
    assert sn.training_lock(experiment) is not sn.training_lock(Experiment(ExperimentConfig(n_train=20, n_test=100)))
    errors = []

    def work():
        try:
            for _ in range(3):
                sn.film(experiment, 30)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and experiment.steps_done == 180 == experiment.twin.steps_done
    assert experiment.log == [((0.2, 0.5, 0.5), 180)]


def test_interrupt_stops_a_film_in_another_thread_after_its_current_few_steps():
    experiment = Experiment(ExperimentConfig(n_train=20, n_test=100))
    result = []
    started = threading.Event()
    real_step = experiment.step

    def slow_step(n):
        started.set()
        time.sleep(0.05)
        real_step(n)

    experiment.step = slow_step
    thread = threading.Thread(target=lambda: result.append(sn.film(experiment, 100)))
    thread.start()
    started.wait(5)
    sn.interrupt(experiment)
    with sn.training_lock(experiment):  # returns once the film has stopped
        assert experiment.steps_done < 100
    thread.join()
    dropout, twin = result[0]
    assert dropout[-1]["step"] == experiment.steps_done == twin[-1]["step"]
    assert sn.film(experiment, 10)[0][-1]["step"] == experiment.steps_done  # the next film runs in full
