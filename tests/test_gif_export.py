"""GIFs for slides: the masks animation shows each mask's dropped units, the training GIF replays the visitor's run."""

import io

import numpy as np
import pytest
import torch
from PIL import Image

from dropviz.core import masks as mk
from dropviz.core.experiment import MAX_STEPS, Experiment, ExperimentConfig
from dropviz.core.grid import make_grid
from dropviz.core.model import DropoutMLP
from dropviz.draw import gif_export as gx
from dropviz.draw.network_figure import sample_frames
from dropviz.draw.surface_image import surface_png

SMALL = (480, 300)
SMALL_CONFIG = ExperimentConfig(n_train=30, n_test=100, width=8)


def _decode(gif: bytes) -> tuple[Image.Image, list[np.ndarray]]:
    image = Image.open(io.BytesIO(gif))
    frames = []
    for i in range(image.n_frames):
        image.seek(i)
        frames.append(np.asarray(image.convert("RGB")))
    image.seek(0)
    return image, frames


def _masks(model: DropoutMLP, n: int) -> tuple[torch.Tensor, torch.Tensor]:
    """``n`` sampled masks with an all-dropped and an all-kept one first: every unit is seen in both states."""
    mu, _ = sample_frames(model, n - 2, seed=3)
    d = model.n_droppable
    mu = torch.cat([torch.zeros(1, d), torch.ones(1, d), mu])
    return mu, mk.mask_probability(mu, model.keep_probs())


@pytest.fixture
def fresh_fonts():
    gx._typeface.cache_clear()
    yield
    gx._typeface.cache_clear()


# ---------------------------------------------------------------- masks GIF


@pytest.mark.parametrize("sizes", [[2, 32, 32, 2], [2, 4, 3, 2]])
def test_masks_gif_frames_show_dropped_units_hollow_and_kept_units_filled(sizes):
    model = DropoutMLP(sizes, [0.2, 0.5, 0.5], seed=0)
    mu, probs = _masks(model, 6)
    gif = gx.masks_gif(model, mu, probs, frame_ms=700)
    image, frames = _decode(gif)
    assert image.format == "GIF" and image.size == gx.DEFAULT_SIZE and len(frames) == 6
    assert image.info["loop"] == 0 and image.info["duration"] == 700
    centres = gx.mask_layout(model).centres
    d = model.n_droppable
    for i, frame in enumerate(frames):
        for j, (x, y) in enumerate(centres):
            pixel = frame[int(round(y)), int(round(x))].astype(int)
            kept = j >= d or mu[i, j] == 1  # output units are never dropped
            if kept:
                assert pixel.max() < 110, (i, j, pixel)  # the dark fill of a kept unit
            else:
                assert pixel.min() > 235, (i, j, pixel)  # white inside a hollow circle


def test_masks_gif_of_the_default_net_stays_small():
    model = Experiment(ExperimentConfig()).model
    mu, probs = sample_frames(model, 40)
    gif = gx.masks_gif(model, mu, probs)
    assert len(gif) < 3_000_000
    assert Image.open(io.BytesIO(gif)).n_frames == 40


def test_masks_gif_in_korean_uses_a_cjk_font_or_falls_back_to_english(fresh_fonts, monkeypatch):
    model = DropoutMLP([2, 3, 2], [0.2, 0.5], seed=0)
    mu, probs = _masks(model, 3)
    korean = gx.frame_language("ko")
    assert gx.mask_layout(model, "ko").lang == korean
    assert gx.mask_frames(model, mu, probs, lang="ko")[0].size == gx.DEFAULT_SIZE
    monkeypatch.setattr(gx, "CJK_FONTS", (("/nonexistent/font.ttc", 0),))
    gx._typeface.cache_clear()
    assert gx.frame_language("ko") == "en" and gx.frame_language("en") == "en"
    english = gx.mask_frames(model, mu, probs, lang="en")
    fallback = gx.mask_frames(model, mu, probs, lang="ko")
    assert all(np.array_equal(np.asarray(a), np.asarray(b)) for a, b in zip(english, fallback))


def test_masks_gif_rejects_bad_input():
    model = DropoutMLP([2, 3, 2], [0.2, 0.5], seed=0)
    d = model.n_droppable
    with pytest.raises(ValueError, match="mu_frames"):
        gx.masks_gif(model, torch.zeros(0, d), torch.zeros(0))
    with pytest.raises(ValueError, match="mu_frames"):
        gx.masks_gif(model, torch.ones(2, d + 1), torch.ones(2))
    with pytest.raises(ValueError, match="mu_frames"):
        gx.masks_gif(model, torch.ones(gx.MAX_FRAMES + 1, d), torch.ones(gx.MAX_FRAMES + 1))
    with pytest.raises(ValueError, match="frame_probs"):
        gx.masks_gif(model, torch.ones(2, d), torch.ones(3))
    with pytest.raises(ValueError, match="frame_ms"):
        gx.masks_gif(model, torch.ones(2, d), torch.ones(2), frame_ms=0)
    with pytest.raises(ValueError, match="size"):
        gx.masks_gif(model, torch.ones(2, d), torch.ones(2), size=(100, 100))
    with pytest.raises(ValueError, match="no room"):
        gx.mask_layout(DropoutMLP([2, 3, 3, 3, 3, 3, 2], [0.2] * 6, seed=0), size=(320, 240))


# ---------------------------------------------------------------- training GIF


def _state(exp: Experiment) -> dict:
    """Everything a GIF export must leave alone: weights, optimizer, random streams, steps, log, history."""
    state = {"steps": exp.steps_done, "log": list(exp.log), "config": exp.config, "serial": exp.serial}
    for name, trainer in (("net", exp.trainer), ("twin", exp.twin)):
        state[name] = [p.detach().clone() for p in trainer.model.parameters()]
        state[name + " optimizer"] = repr(trainer.optimizer.state_dict())
        state[name + " rng"] = (trainer.batch_rng.get_state().clone(), trainer.model.generator.get_state().clone())
        state[name + " history"] = repr(trainer.history)
        state[name + " mode"] = trainer.model.training
    return state


def _assert_same_state(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for key in a:
        if key.endswith("rng"):
            assert all(torch.equal(x, y) for x, y in zip(a[key], b[key])), key
        elif key in ("net", "twin"):
            assert all(torch.equal(x, y) for x, y in zip(a[key], b[key])), key
        else:
            assert a[key] == b[key], key


@pytest.fixture(scope="module")
def trained() -> Experiment:
    """90 steps in two stretches with different drop probabilities, as a visitor moving a slider would train."""
    exp = Experiment(SMALL_CONFIG)
    exp.step(50)
    exp.set_drop_probs((0.2, 0.7, 0.7))
    exp.step(40)
    return exp


def test_training_frames_end_at_the_experiments_current_nets_without_touching_it(trained):
    before = _state(trained)
    frames = gx.training_frames(trained, frames=4, size=SMALL)
    _assert_same_state(before, _state(trained))
    assert [f.step for f in frames] == [0, 30, 60, 90]
    assert [f.drop_probs for f in frames] == [(0.2, 0.5, 0.5)] * 2 + [(0.2, 0.7, 0.7)] * 2  # what each step used
    last = frames[-1]
    assert last.test_loss == (trained.trainer.history.test_loss[-1], trained.twin.history.test_loss[-1])
    layout = gx.training_layout(SMALL)
    split = trained.split
    grid = make_grid(np.concatenate([split.train.x, split.test.x]), gx.GRID_RESOLUTION)
    r, px = grid.resolution, layout.surface_px
    for left, trainer in zip(layout.lefts, (trained.trainer, trained.twin)):
        with torch.no_grad():
            probs = torch.softmax(trainer.model.forward_weight_scaled(grid.points), -1).numpy().reshape(r, r, -1)
        expected = Image.open(io.BytesIO(surface_png(probs, grid.extent, split.train.x, split.train.y, size=px)))
        shown = last.image.crop((left, layout.surface_top, left + px, layout.surface_top + px))
        assert np.array_equal(np.asarray(shown), np.asarray(expected.convert("RGB")))


def test_the_weights_kept_while_training_draw_the_frames_a_replay_draws(trained, monkeypatch):
    assert gx._can_use_trail(trained, trained.steps_done)
    kept = gx.training_frames(trained, frames=4, size=SMALL)
    monkeypatch.setattr(gx, "_can_use_trail", lambda *_: False)
    replayed = gx.training_frames(trained, frames=4, size=SMALL)
    for a, b in zip(kept, replayed, strict=True):
        assert (a.step, a.test_loss, a.drop_probs) == (b.step, b.test_loss, b.drop_probs)
        assert np.array_equal(np.asarray(a.image), np.asarray(b.image)), a.step


def test_a_long_run_gives_forty_distinct_frames_from_its_trail():
    exp = Experiment(SMALL_CONFIG)
    exp.step(1000)
    frames = gx.training_frames(exp, frames=40, size=SMALL)
    steps = [f.step for f in frames]
    assert steps[0] == 0 and steps[-1] == 1000 and all(a < b for a, b in zip(steps, steps[1:]))
    targets = gx._frame_steps(1000, 40)
    assert max(abs(s - t) for s, t in zip(steps, targets)) <= exp.trail.stride / 2


def test_training_gif_decodes_loops_and_ends_on_the_last_frame(trained):
    before = _state(trained)
    gif = gx.training_gif(trained, frames=5, size=SMALL)
    _assert_same_state(before, _state(trained))
    image, decoded = _decode(gif)
    assert image.size == SMALL and len(decoded) == 5
    assert image.info["loop"] == 0 and image.info["duration"] == gx.TRAINING_FRAME_MS
    last = gx.training_frames(trained, frames=1, size=SMALL)[0]
    assert last.step == 90
    difference = np.abs(decoded[-1].astype(int) - np.asarray(last.image).astype(int))
    assert difference.mean() < 3  # only the 256-colour palette separates them


def test_steps_cut_or_extend_the_logged_run(trained):
    assert [f.step for f in gx.training_frames(trained, frames=3, steps=30, size=SMALL)] == [0, 15, 30]
    longer = gx.training_frames(trained, frames=2, steps=120, size=SMALL)
    assert [f.step for f in longer] == [0, 120] and trained.steps_done == 90


def test_an_untrained_experiment_shows_a_fresh_run(monkeypatch):
    monkeypatch.setattr(gx, "UNTRAINED_STEPS", 20)
    exp = Experiment(SMALL_CONFIG)
    before = _state(exp)
    fractions = []
    frames = gx.training_frames(exp, frames=3, size=SMALL, progress=fractions.append)
    assert [f.step for f in frames] == [0, 10, 20] and fractions[-1] == 1.0
    _assert_same_state(before, _state(exp))
    assert exp.steps_done == 0 and exp.log == []


def test_a_diverged_run_stops_where_the_experiment_stopped():
    exp = Experiment(ExperimentConfig(n_train=30, n_test=100, width=8, optimizer="sgd", lr=100.0))
    with pytest.raises(RuntimeError):
        exp.step(200)
    frames = gx.training_frames(exp, frames=3, size=SMALL)
    assert frames[-1].step == exp.steps_done and len(frames) == 3


def test_training_gif_rejects_bad_input(trained):
    for frames in (0, gx.MAX_FRAMES + 1, 2.5):
        with pytest.raises(ValueError, match="frames"):
            gx.training_gif(trained, frames=frames)
    for steps in (0, MAX_STEPS + 1):
        with pytest.raises(ValueError, match="steps"):
            gx.training_gif(trained, steps=steps)
    with pytest.raises(ValueError, match="size"):
        gx.training_gif(trained, size=(5000, 300))
    with pytest.raises(ValueError, match="at least one frame"):
        gx.encode_gif([], 100)
