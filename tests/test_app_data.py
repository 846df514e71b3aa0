"""Your own data, saving and restoring an experiment, GIFs for slides: the plain functions of app/data_controls.py
and the real widgets through AppTest (its file_uploader sends files as the browser does)."""

from __future__ import annotations

import hashlib
import io
import re

import numpy as np
import pytest
import torch
from streamlit.testing.v1 import AppTest

from app import data_controls as dc
from app import settings as cfg
from dropviz.core.experiment import Experiment, ExperimentConfig
from dropviz.data import checkpoint
from dropviz.i18n import t
from tests.test_app import metrics_lines, open_page, query_of

SMALL_NET = {"hidden": "1", "width": "4"}  # quick to train and to draw


def shown(markdown: str) -> str:
    """What the browser shows of a message whose quoted parts were escaped (data_controls.literal)."""
    return re.sub(r"\\(.)", r"\1", markdown).replace(dc.WORD_JOINER, "")


def three_blobs_csv(n: int = 60) -> bytes:
    rng = np.random.default_rng(0)
    centres = [(0.0, 1.0), (-1.0, -0.5), (1.0, -0.5)]
    points = np.array([centres[i % 3] for i in range(n)]) + rng.normal(0, 0.3, (n, 2))
    rows = [f"{x1:.3f},{x2:.3f},{i % 3}" for i, (x1, x2) in enumerate(points)]
    return ("x1,x2,label\n" + "\n".join(rows) + "\n").encode()


GOOD_CSV = three_blobs_csv()
BAD_FILES = {  # file -> a piece of the message that names the problem and its line
    "header only": (b"x1,x2,label\n", "Line 2: the CSV file has a header but no points"),
    "a text coordinate": (
        b"x1,x2,label\n0.1,0.2,0\n0.3,abc,1\n0.5,0.6,0\n0.7,0.8,1\n",
        "Line 3: x2 is 'abc', not a number",
    ),
    "too many classes": (b"x1,x2,label\n0,0,0\n1,1,1\n2,2,10\n3,3,1\n", "Line 4: label is '10'"),
}


def upload_csv(at: AppTest, data: bytes, name: str = "points.csv") -> AppTest:
    at.file_uploader(key=dc.UPLOAD_WIDGET).set_value((name, data, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def restore_file(at: AppTest, data: bytes, name: str = "saved.dvz") -> AppTest:
    at.file_uploader(key=dc.RESTORE_WIDGET).set_value((name, data, "application/octet-stream")).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def click(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def weights(exp: Experiment) -> list[dict[str, torch.Tensor]]:
    return [exp.trainer.model.state_dict(), exp.twin.model.state_dict()]


def same_weights(a: Experiment, b: Experiment) -> bool:
    return all(torch.equal(x[k], y[k]) for x, y in zip(weights(a), weights(b)) for k in x)


# ---------------------------------------------------------------------------------------- plain functions


def test_a_good_csv_becomes_the_upload_named_by_its_content():
    state: dict = {}
    assert dc.accept_csv(state, GOOD_CSV, "points.csv", seed=3)
    upload = state[dc.UPLOAD]
    assert upload.digest == hashlib.sha256(GOOD_CSV).hexdigest()[:12]
    assert upload.dataset_name == f"upload:{upload.digest}" and upload.dataset.n_classes == 3
    assert len(upload.split.train.y) + len(upload.split.test.y) == 60
    assert upload.split_for(3) is upload.split  # the seed it was split with
    other = upload.split_for(4)
    assert upload.split_for(4) is other and not np.array_equal(other.test.x, upload.split.test.x)


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_csv_keeps_the_previous_upload_and_says_why(name):
    data, message = BAD_FILES[name]
    state: dict = {}
    dc.accept_csv(state, GOOD_CSV, "points.csv", seed=0)
    before = state[dc.UPLOAD]
    assert not dc.accept_csv(state, data, "bad.csv", seed=0)
    assert state[dc.UPLOAD] is before
    assert message in shown(state[dc.UPLOAD_ERROR])


@pytest.mark.parametrize(
    "text",
    [
        "[**click me**](http://example.com)",
        "![x](http://example.com/t.png)",
        "`a` *b* _c_ $d$ :red[e] <b>",
        "www.example.com me@example.com",
    ],
)
def test_file_names_and_quoted_cells_are_shown_as_they_are_not_as_markdown(text):
    escaped = dc.literal(text)
    assert shown(escaped) == text  # the browser shows the text itself ...
    assert not re.search(r"(?<!\\)[\[\]*_`$<>!:]", escaped)  # ... since no markdown character is left unescaped
    state: dict = {}
    assert not dc.accept_csv(state, f"x1,x2,label\n{text},0,1\n".encode(), "bad.csv", seed=0)
    error = state[dc.UPLOAD_ERROR]  # quotes the start of the cell
    assert text[:20] in shown(error) and not re.search(r"(?<!\\)[\[\]*_`$<>!:]", error)


def test_settings_for_a_restored_config_must_be_ones_the_widgets_can_show():
    base = cfg.Settings(lang="ko", p_h3=0.7)
    config = ExperimentConfig(dataset="spiral", hidden_layers=1, width=8, drop_probs=(0.1, 0.3), lr=0.01, n_train=100)
    shown = cfg.from_experiment(config, base)
    assert (shown.data, shown.hidden, shown.width, shown.p_in, shown.p_h1, shown.lr, shown.n) == (
        "spiral",
        1,
        8,
        0.1,
        0.3,
        0.01,
        100,
    )
    assert shown.lang == "ko" and shown.p_h3 == 0.7  # not in the config: kept
    assert cfg.from_experiment(ExperimentConfig(dataset="upload:abc"), base).data == cfg.UPLOAD
    for bad, named in (
        ({"lr": 0.005}, "lr = 0.005"),
        ({"width": 64}, "width = 64"),
        ({"hidden_layers": 4, "drop_probs": (0.2,) * 5}, "5 drop probabilities"),
        ({"drop_probs": (0.2, 0.333, 0.5)}, "p_h1 = 0.333"),
        ({"n_train": 5}, "n = 5"),
    ):
        with pytest.raises(ValueError, match=named):
            cfg.from_experiment(ExperimentConfig(**bad), base)


def saved(exp: Experiment) -> bytes:
    return dc.experiment_bytes(exp)


def test_restore_sets_experiment_widgets_and_log_and_a_bad_file_changes_nothing():
    exp = Experiment(ExperimentConfig(hidden_layers=1, width=4, drop_probs=(0.2, 0.5), lr=0.01, n_train=20))
    exp.step(30)
    state = cfg.widget_values(cfg.Settings())
    assert dc.restore(state, saved(exp), "a.dvz")
    restored = state[dc.EXPERIMENT]
    assert same_weights(restored, exp) and restored.log == exp.log
    assert cfg.from_widgets(state) == cfg.Settings(hidden=1, width=4, lr=0.01, n=20, run="30x0.2_0.5")
    assert state[dc.RESTORE_NOTICE].text("en") == t("side.restored", steps="30", data=t("data.moons"))

    before = dict(state)
    for garbage in (b"", b"not a checkpoint", saved(exp)[:-10]):
        assert not dc.restore(state, garbage, "b.dvz")
        assert state[dc.RESTORE_NOTICE].level == "error"
        assert {k: v for k, v in state.items() if k != dc.RESTORE_NOTICE} == {
            k: v for k, v in before.items() if k != dc.RESTORE_NOTICE
        }
    unshowable = Experiment(ExperimentConfig(hidden_layers=1, width=4, drop_probs=(0.2, 0.5), lr=0.005))
    assert not dc.restore(state, saved(unshowable), "c.dvz")
    assert state[dc.EXPERIMENT] is restored
    assert shown(state[dc.RESTORE_NOTICE].text("en")) == t("side.restore_unshowable", setting="lr = 0.005")


def test_restored_own_data_becomes_the_upload_named_by_its_points_not_by_the_file():
    state: dict = {}
    dc.accept_csv(state, GOOD_CSV, "points.csv", seed=0)
    upload = state[dc.UPLOAD]
    config = ExperimentConfig(  # as a notebook might save it: sizes and noise the sliders cannot show are ignored
        dataset="upload:someone-elses", hidden_layers=1, width=4, drop_probs=(0.2, 0.5), n_train=3000, noise=0.0
    )
    exp = Experiment(config, upload.split)
    exp.step(10)
    state = cfg.widget_values(cfg.Settings())
    assert dc.restore(state, saved(exp), "mine.dvz")
    restored, new_upload = state[dc.EXPERIMENT], state[dc.UPLOAD]
    assert state[cfg.WIDGET + "data"] == cfg.UPLOAD
    assert restored.config.dataset == new_upload.dataset_name != config.dataset
    assert (restored.config.n_train, restored.config.noise) == (cfg.Settings().n, cfg.Settings().noise)
    assert restored.steps_done == 10 and same_weights(restored, exp)
    assert new_upload.split_for(0) is restored.split and len(new_upload.dataset.y) == 60


# ------------------------------------------------------------------------------------------ the app (AppTest)


def test_an_uploaded_csv_serves_the_pages_and_the_link_says_data_upload():
    at = open_page("train", {**SMALL_NET, "data": "upload"})
    assert at.info and at.info[0].value == t("common.upload_needed")  # nothing uploaded yet: asked for it
    upload_csv(at, GOOD_CSV)
    assert not at.info and not at.sidebar.error
    exp = at.session_state["experiment"]
    assert exp.config.dataset == f"upload:{hashlib.sha256(GOOD_CSV).hexdigest()[:12]}"
    assert exp.split.train.n_classes == 3 and len(exp.split.train.y) + len(exp.split.test.y) == 60
    assert query_of(at)["data"] == "upload"
    assert all("step **0**" in line for line in metrics_lines(at)) and len(metrics_lines(at)) == 2
    click(at, t("train.step", n=10))
    assert all("step **10**" in line for line in metrics_lines(at))
    assert any(shown(c.value).startswith("In use: points.csv, 60 points in 3 classes") for c in at.sidebar.caption)
    sliders = [s.key for s in at.sidebar.slider]
    assert not {"w_noise", "w_n", "w_n_test"} & set(sliders)  # they do not apply to a file

    at.switch_page("views/masks.py").run()
    assert not at.exception and at.session_state["experiment"] is exp  # the same data and net on every page


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_csv_shows_why_in_the_sidebar_and_changes_nothing(name):
    data, message = BAD_FILES[name]
    at = upload_csv(open_page("train", {**SMALL_NET, "data": "upload"}), GOOD_CSV)
    click(at, t("train.step", n=10))
    exp, lines = at.session_state["experiment"], metrics_lines(at)
    upload_csv(at, data, "bad.csv")
    assert len(at.sidebar.error) == 1 and message in shown(at.sidebar.error[0].value)
    assert at.sidebar.error[0].value.startswith(t("side.upload_error", error="")[:20])
    assert at.session_state["experiment"] is exp and exp.steps_done == 10
    assert metrics_lines(at) == lines
    assert any(shown(c.value).startswith("In use: points.csv") for c in at.sidebar.caption)  # the previous data stay


def test_a_bad_first_csv_leaves_the_toy_experiment_alone():
    at = open_page("train", SMALL_NET)
    exp = at.session_state["experiment"]
    at.selectbox(key="w_data").set_value("upload").run()
    upload_csv(at, BAD_FILES["header only"][0], "empty.csv")
    assert at.sidebar.error and at.info[0].value == t("common.upload_needed")
    assert at.session_state["experiment"] is exp and dc.UPLOAD not in at.session_state


def test_a_link_with_data_upload_and_no_upload_asks_for_the_file():
    for page in ("masks", "inference", "theory"):
        at = open_page(page, {"data": "upload", "run": "20x0.2_0.5_0.5"})
        assert [i.value for i in at.info] == [t("common.upload_needed")]
        assert query_of(at)["data"] == "upload" and query_of(at)["run"] == "20x0.2_0.5_0.5"  # kept for the file


def test_a_link_with_training_replays_it_on_the_uploaded_file():
    at = upload_csv(open_page("train", {**SMALL_NET, "data": "upload"}), GOOD_CSV)
    click(at, t("train.step", n=10))
    reopened = upload_csv(open_page("train", query_of(at)), GOOD_CSV)
    assert metrics_lines(reopened) == metrics_lines(at)
    assert same_weights(reopened.session_state["experiment"], at.session_state["experiment"])


@pytest.mark.parametrize("own_data", [False, True], ids=["toy data", "own data"])
def test_save_then_restore_shows_the_same_net_and_trains_on_identically(own_data):
    query = {**SMALL_NET, "lr": "0.01", "seed": "5"}
    at = open_page("train", {**query, "data": "upload"} if own_data else {**query, "data": "spiral"})
    if own_data:
        upload_csv(at, GOOD_CSV)
    click(at, t("train.step", n=10))
    at.slider(key="w_p_h1").set_value(0.8).run()
    click(at, t("train.step", n=10))
    original = at.session_state["experiment"]
    assert [d.label for d in at.get("download_button")] == [t("side.save")]

    restored_at = restore_file(open_page("train"), dc.experiment_bytes(original))
    restored = restored_at.session_state["experiment"]
    assert restored is not original and same_weights(restored, original)
    assert metrics_lines(restored_at) == metrics_lines(at)
    assert query_of(restored_at) == query_of(at)  # every setting, the data choice and the training log
    assert restored_at.sidebar.success[0].value == t(
        "side.restored", steps="20", data=t("data.upload" if own_data else "data.spiral")
    )
    for app in (at, restored_at):  # the restored run goes on exactly as the saved one would have
        click(app, t("train.step", n=10))
    assert metrics_lines(restored_at) == metrics_lines(at) and "step **30**" in metrics_lines(at)[0]


def test_a_garbage_or_unshowable_dvz_shows_an_error_and_changes_nothing():
    at = open_page("train", SMALL_NET)
    click(at, t("train.step", n=10))
    exp, query = at.session_state["experiment"], query_of(at)
    restore_file(at, b"dropviz checkpoint\n" + b"\xff" * 100)
    assert at.sidebar.error and at.sidebar.error[0].value.startswith(t("side.restore_error", error="")[:20])
    assert at.session_state["experiment"] is exp and exp.steps_done == 10 and query_of(at) == query
    other = Experiment(ExperimentConfig(hidden_layers=1, width=4, drop_probs=(0.2, 0.5), lr=0.005))
    restore_file(at, dc.experiment_bytes(other), "other.dvz")
    assert shown(at.sidebar.error[0].value) == t("side.restore_unshowable", setting="lr = 0.005")
    assert at.session_state["experiment"] is exp and exp.steps_done == 10 and query_of(at) == query


def test_the_masks_gif_is_drawn_on_click_only_and_kept_until_the_masks_change():
    at = open_page("masks", {**SMALL_NET, "frames": "5"})
    assert dc.GIF + "masks" not in at.session_state and not at.main.get("download_button")
    click(at, t("common.gif_make"))
    shows, gif = at.session_state[dc.GIF + "masks"]
    assert gif.startswith(b"GIF89a")
    assert [d.label for d in at.main.get("download_button")] == [t("common.gif_download")]
    at.run()  # a rerun keeps the GIF, and draws no new one
    assert at.session_state[dc.GIF + "masks"][1] is gif
    at.slider(key="w_p_in").set_value(0.5).run()  # other masks: the GIF no longer matches
    assert [b.label for b in at.main.button if b.label == t("common.gif_make")]
    assert not at.main.get("download_button")


def _training_gif_page() -> None:
    import streamlit as st

    from app import data_controls
    from dropviz.core.experiment import Experiment, ExperimentConfig

    if "exp" not in st.session_state:
        config = ExperimentConfig(hidden_layers=1, width=4, drop_probs=(0.2, 0.5), n_train=20, n_test=100)
        st.session_state["exp"] = Experiment(config)
        st.session_state["exp"].step(20)
    data_controls.offer_training_gif(st.session_state["exp"], "en")


def test_the_training_gif_is_drawn_on_click_with_progress_and_cached_by_experiment_and_step():
    at = AppTest.from_function(_training_gif_page, default_timeout=120).run()
    click(at, t("common.gif_make"))
    exp = at.session_state["exp"]
    shows, gif = at.session_state[dc.GIF + "training"]
    assert shows == (exp.serial, 20, exp.config.drop_probs, "en") and gif.startswith(b"GIF89a")
    assert [d.label for d in at.get("download_button")] == [t("common.gif_download")]
    exp.step(10)
    at.run()
    assert [b.label for b in at.button] == [t("common.gif_make")]  # trained on: a new GIF is needed


def test_a_saved_file_is_the_checkpoint_format():
    exp = Experiment(ExperimentConfig(hidden_layers=0, drop_probs=(0.2,)))
    assert checkpoint.load(io.BytesIO(dc.experiment_bytes(exp))).config == exp.config
