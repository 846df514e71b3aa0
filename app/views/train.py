"""Train: the dropout net and its no-dropout twin training live, side by side."""

import numpy as np
import pandas as pd
import streamlit as st
import torch

from app import settings as cfg
from app import train_controls as controls
from app import ui
from dropviz.experiment import MAX_STEPS, Experiment
from dropviz.figures import PLOT_CONFIG, training_curves_figure
from dropviz.grid import make_grid
from dropviz.surface_image import png_data_uri, surface_png
from dropviz.training import History, Trainer, TrainingDiverged

REFRESH_SECONDS = 0.2  # surfaces: training advances once per refresh
CURVES_REFRESH_SECONDS = 1.0
CURVE_POINTS = 200  # the live curves show at most this many evaluations (older ones are thinned out)

settings = ui.current()
exp = ui.experiment(settings)
st.session_state.setdefault(controls.PLAYING, False)

st.title(ui.tr("train.title"))
st.markdown(ui.tr("train.intro"))


playing = st.session_state[controls.PLAYING]
stopped = bool(exp.diverged) or exp.steps_left == 0
buttons = st.columns([1.2, 1, 1, 3])
buttons[0].button(
    ui.tr("train.pause") if playing else ui.tr("train.play"),
    on_click=controls.set_playing,
    args=(st.session_state, not playing),
    type="primary",
    icon=":material/pause:" if playing else ":material/play_arrow:",
    width="stretch",
    disabled=stopped,
)
buttons[1].button(
    ui.tr("train.step", n=settings.speed) if settings.speed > 1 else ui.tr("train.step_one"),
    help=ui.tr("train.step_help", n=settings.speed),
    on_click=controls.step_once,
    args=(st.session_state, exp, exp.trainer.steps_done, settings.speed),
    icon=":material/skip_next:",
    width="stretch",
    disabled=stopped,
)
buttons[2].button(
    ui.tr("train.reset"),
    on_click=controls.reset,
    args=(st.session_state,),
    icon=":material/restart_alt:",
    width="stretch",
)
buttons[3].select_slider(ui.tr("train.speed"), cfg.SPEEDS, key=ui.WIDGET + "speed")
with st.expander(ui.tr("train.optimizer_settings")):
    options = st.columns(3)
    options[0].selectbox(
        ui.tr("train.optimizer"),
        ["adam", "sgd"],
        key=ui.WIDGET + "opt",
        format_func=lambda o: {"adam": "Adam", "sgd": "SGD"}[o],
    )
    options[1].select_slider(ui.tr("train.lr"), cfg.LEARNING_RATES, key=ui.WIDGET + "lr")
    options[2].selectbox(ui.tr("train.batch"), cfg.BATCH_SIZES, key=ui.WIDGET + "batch")
st.caption(ui.drop_summary(settings) + " · " + ui.tr("train.rebuild_note"))


def surface_uri(trainer: Trainer, grid, n_classes: int) -> str:
    """The net's weight-scaled class probabilities on the grid, drawn as a PNG data URI (no flicker on update)."""
    model = trainer.model
    was_training = model.training
    with torch.no_grad():
        probs = torch.softmax(model.eval()(grid.points), dim=-1).numpy()
    model.train(was_training)
    r = grid.resolution
    split = exp.split
    png = surface_png(
        probs.reshape(r, r, n_classes), grid.extent, split.train.x, split.train.y, split.test.x, split.test.y, size=440
    )
    return png_data_uri(png)


def format_loss(loss: float) -> str:
    """Three decimals for a sane loss; three significant digits once it is huge (never a 37-digit number)."""
    return f"{loss:.3f}" if abs(loss) < 1000 else f"{loss:.3g}"


def metrics_line(trainer: Trainer) -> str:
    """Steps done, with the losses and accuracies of the latest evaluation (every 10 steps)."""
    history = trainer.history
    return ui.tr(
        "train.metrics",
        step=trainer.steps_done,
        train_acc=history.train_acc[-1],
        test_acc=history.test_acc[-1],
        train_loss=format_loss(history.train_loss[-1]),
        test_loss=format_loss(history.test_loss[-1]),
    )


def thinned(history: History, label: str, metric: str) -> pd.DataFrame:
    """Train and test curves of one metric ("loss" or "acc"), at most CURVE_POINTS rows, indexed by step."""
    stride = max(1, int(np.ceil(len(history.step) / CURVE_POINTS)))
    return pd.DataFrame(
        {
            ui.tr("train.curve_train", net=label): getattr(history, f"train_{metric}")[::stride],
            ui.tr("train.curve_test", net=label): getattr(history, f"test_{metric}")[::stride],
        },
        index=pd.Index(history.step[::stride], name=ui.tr("train.steps")),
    )


def live_curves(experiment: Experiment) -> None:
    """Light-weight line charts while playing (a Plotly figure would be rebuilt, and flash, on every refresh)."""
    columns = st.columns(2)
    for column, metric, y_label in ((columns[0], "loss", "train.loss"), (columns[1], "acc", "train.accuracy")):
        frame = thinned(experiment.trainer.history, ui.tr("train.short_dropout"), metric).join(
            thinned(experiment.twin.history, ui.tr("train.short_twin"), metric)
        )
        column.line_chart(frame, height=300, x_label=ui.tr("train.steps"), y_label=ui.tr(y_label))


def surfaces_view(experiment: Experiment) -> None:
    """Advance both nets one refresh (when playing) and redraw their surfaces and numbers."""
    if st.session_state[controls.PLAYING]:
        try:
            experiment.step(settings.speed)
        except TrainingDiverged:
            st.session_state[controls.PLAYING] = False
            st.rerun()  # a full rerun stops the refresh timers and shows the message
        ui.record_training(experiment)
        ui.write_url()
        if experiment.steps_left == 0:
            st.session_state[controls.PLAYING] = False
            st.rerun()
    grid = make_grid(np.concatenate([experiment.split.train.x, experiment.split.test.x]), 50)
    n_classes = experiment.model.layer_sizes[-1]
    nets = [(experiment.trainer, ui.tr("train.with_dropout")), (experiment.twin, ui.tr("train.no_dropout"))]
    for column, (trainer, label) in zip(st.columns(2), nets):
        column.subheader(label)
        column.image(surface_uri(trainer, grid, n_classes), width=480)
        column.markdown(metrics_line(trainer))
    st.caption(ui.tr("train.legend"))


def curves_view(experiment: Experiment) -> None:
    """Loss and accuracy curves; refreshed less often than the surfaces, since charts cost the browser most."""
    if st.session_state[controls.PLAYING]:
        live_curves(experiment)
        return
    histories = {
        ui.tr("train.with_dropout"): experiment.trainer.history,
        ui.tr("train.no_dropout"): experiment.twin.history,
    }
    st.plotly_chart(training_curves_figure(histories, ui.lang()), config=PLOT_CONFIG)


ui.divergence_message(exp)
ui.training_note(exp, settings)
if exp.steps_left == 0 and not exp.diverged:
    st.info(ui.tr("train.step_limit", steps=f"{MAX_STEPS:,}"), icon=":material/flag:")

st.fragment(surfaces_view, run_every=REFRESH_SECONDS if playing else None)(exp)
st.fragment(curves_view, run_every=CURVES_REFRESH_SECONDS if playing else None)(exp)
