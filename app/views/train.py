"""Train: the dropout net and its no-dropout twin training live, side by side."""

import base64
import time
from contextlib import nullcontext

import numpy as np
import streamlit as st

from app import data_controls, ui
from app import settings as cfg
from app import train_controls as controls
from app.figure_component import figure
from app.surface_component import hidden_state, starved_state, surface
from dropviz.core import lookahead, snapshots
from dropviz.core.experiment import MAX_STEPS, Experiment
from dropviz.core.training import History, Trainer, TrainingDiverged
from dropviz.draw.figures import NET_COLORS, training_curves_figure
from dropviz.draw.svg_chart import svg_chart

# Training advances once per refresh, by the "steps per refresh"; each refresh sends the weights at several steps of
# it, and the browser plays them evenly until the next refresh (a film, not a slideshow). How many: enough for
# FRAMES_PER_SECOND at the refresh rate measured (a refresh takes longer than REFRESH_SECONDS when it trains many
# steps), so the browser draws no more frames than that whatever the speed.
REFRESH_SECONDS = 0.25
FRAMES_PER_SECOND = 36
CURVES_REFRESH_SECONDS = 1.0
# A browser short of CPU (it says so: app/components/surface.js) gets refreshes this many times less often, with as
# many times the steps each: the same training pace, and an eighth of Streamlit's work per second in that browser,
# which would otherwise spend its little CPU on refreshes and leave the film standing still. Its film gets
# STARVED_FRAMES_PER_SECOND, since it draws little anyway. (16 times less often measured no better with ten
# browsers on one core: such a browser then seemed to have CPU to spare, and switched back more often.)
STARVED_SLOWDOWN = 8
STARVED_FRAMES_PER_SECOND = 4.5
# Noise (standard deviation) from which the toy sets' classes overlap enough that the best possible classifier
# misses some test points: about 5 % for moons, 7 % circles, 7 % xor and 30 % spiral at 0.3 (13-40 % at 0.5).
NOISY = 0.3
CURVE_POINTS = 200  # the live curves show at most this many evaluations (older ones are thinned out)
LIVE = "live_surfaces"  # key of the surfaces' container
LIVE_CURVES = "live_curves"  # and of the curves' while playing
SCENE = "surface_scene"  # session state: (experiment serial, snapshots.scene of its data)
PENDING = "surface_pending"  # session state: (experiment serial, snapshots of both nets not yet sent)
PACE = "surface_pace"  # session state: (start of the last refresh that trained, seconds between refreshes)
TIMERS = "surface_timers"  # session state: the refresh timers the last full run set (playing, refresh_scale())
FACTS = "train_facts"  # session state: page_facts() at the last full run
SURFACES = ("surface_dropout", "surface_twin")  # the surfaces' keys; the first reports whether the page is hidden
# Streamlit dims the elements of a fragment while it reruns (after a moment): a live view would pulse with every
# refresh. The surfaces, their numbers and the live curves are never stale for long, so they are not dimmed.
NO_DIMMING = f"""<style>
.st-key-{LIVE} [data-testid="stElementContainer"], .st-key-{LIVE_CURVES} [data-testid="stElementContainer"] {{
  opacity: 1 !important; transition: none !important;
}}
</style>"""


def live() -> bool:
    """Whether the nets train and the page refreshes: playing, in a page the visitor can see.

    A hidden page (a background tab, a minimised window; the surface component reports it) stops, so that a
    visitor who looks elsewhere costs the server nothing, and plays on when shown again. A closed page stops too:
    the refresh timers run in the browser.
    """
    return bool(st.session_state.get(controls.PLAYING)) and not hidden_state(SURFACES[0])


settings = ui.current()
previous = st.session_state.get(controls.EXPERIMENT)
if previous is not None:
    # A click or a slider starts this run while the previous run may still be training in its own thread
    # (Streamlit's fast reruns): stop it after its current few steps and wait for it before changing the
    # experiment (its drop probabilities, say), so the weights shown and the training log stay true.
    snapshots.interrupt(previous)
with snapshots.training_lock(previous) if previous is not None else nullcontext():
    exp = ui.experiment(settings)
st.session_state.setdefault(controls.PLAYING, False)

st.title(ui.tr("train.title"))
ui.intro(ui.tr("train.intro"))


playing = st.session_state[controls.PLAYING]
stopped = bool(exp.diverged) or exp.steps_left == 0
buttons = st.columns([1.1, 1.4, 1.1, 2.8])  # the Step button says "+200 steps"
buttons[0].button(
    ui.tr("train.pause") if playing else ui.tr("train.play"),
    on_click=controls.set_playing,
    args=(st.session_state, not playing),
    type="primary",
    icon=":material/pause:" if playing else ":material/play_arrow:",
    width="stretch",
    disabled=stopped,
)
step_slot = buttons[1]  # the surfaces' fragment draws the Step button here: a Step reruns only that fragment
buttons[2].button(
    ui.tr("train.reset"),
    on_click=controls.reset,
    args=(st.session_state,),
    icon=":material/restart_alt:",
    width="stretch",
)
buttons[3].select_slider(ui.tr("train.speed"), cfg.SPEEDS, key=ui.WIDGET + "speed", persist_state=ui.ACROSS_PAGES)
with st.expander(ui.tr("train.optimizer_settings")):
    options = st.columns(3)
    options[0].selectbox(
        ui.tr("train.optimizer"),
        ["adam", "sgd"],
        key=ui.WIDGET + "opt",
        persist_state=ui.ACROSS_PAGES,
        format_func=lambda o: {"adam": "Adam", "sgd": "SGD"}[o],
    )
    options[1].select_slider(ui.tr("train.lr"), cfg.LEARNING_RATES, key=ui.WIDGET + "lr", persist_state=ui.ACROSS_PAGES)
    options[2].selectbox(ui.tr("train.batch"), cfg.BATCH_SIZES, key=ui.WIDGET + "batch", persist_state=ui.ACROSS_PAGES)
ui.aside(ui.drop_summary(settings) + " · " + ui.tr("train.rebuild_note"))


def scene(experiment: Experiment) -> dict:
    """The surfaces' grid, points and colours: the same for both nets and for every refresh of an experiment."""
    cached = st.session_state.get(SCENE)
    if cached is None or cached[0] != experiment.serial:
        cached = (experiment.serial, snapshots.scene(experiment.split, experiment.model.layer_sizes[-1]))
        st.session_state[SCENE] = cached
    return cached[1]


def refresh_scale() -> int:
    """How many times the usual interval between refreshes (and steps per refresh) this visitor's browser gets."""
    return STARVED_SLOWDOWN if starved_state(SURFACES[0]) else 1


def surface_data(experiment: Experiment, model, frames: list[dict], playing: bool, watch: bool, ahead: int) -> dict:
    """What one surface component draws: the net's shape, the data, and the snapshots to play (see surface());
    ``ahead`` steps of them were trained ahead of the usual pace."""
    return {
        "net": snapshots.net_spec(model),
        "scene": scene(experiment),
        "frames": frames or [snapshots.snapshot(model, experiment.steps_done)],
        "playing": playing,
        "cut": f"{experiment.serial}:{experiment.config.drop_probs}",
        "batch": settings.speed * refresh_scale(),
        "rate": settings.speed / REFRESH_SECONDS,
        "ahead": ahead,
        "seq": time.monotonic(),
        "watch": watch,
        "hidden": hidden_state(SURFACES[0]),
        "starved": starved_state(SURFACES[0]),
    }


def format_loss(loss: float) -> str:
    """Three decimals for a sane loss; three significant digits once it is huge (never a 37-digit number)."""
    return f"{loss:.3f}" if abs(loss) < 1000 else ui.significant(loss)


def metrics_line(trainer: Trainer) -> str:
    """Steps done, with the losses and accuracies of the latest evaluation (every 10 steps)."""
    history = trainer.history
    return ui.tr(
        "train.metrics",
        step=f"{trainer.steps_done:,}",
        train_acc=history.train_acc[-1],
        test_acc=history.test_acc[-1],
        train_loss=format_loss(history.train_loss[-1]),
        test_loss=format_loss(history.test_loss[-1]),
    )


def why_test_loss() -> str:
    """Why the page bolds test loss, not accuracy: on noisy toy data (the default) accuracy has a ceiling below
    100 % for every classifier, and the two nets' accuracies often tie within it."""
    noisy = settings.data != cfg.UPLOAD and settings.noise >= NOISY
    return (ui.tr("train.noise_caps_accuracy") + " " if noisy else "") + ui.tr("train.watch_loss")


def metrics_table(trainers: tuple[Trainer, Trainer]) -> str:
    """Both nets' latest evaluation as one markdown table (presenter mode puts it beside the surfaces)."""
    histories = [trainer.history for trainer in trainers]
    rows = [
        f"{ui.tr('train.metrics_step', step=f'{trainers[0].steps_done:,}')} | "
        f"{ui.tr('train.short_dropout')} | {ui.tr('train.short_twin')}",
        "---|--:|--:",
    ]
    for key, metric, fmt in (
        ("train.m_train_acc", "train_acc", "{:.0%}"),
        ("train.m_test_acc", "test_acc", "{:.1%}"),
        ("train.m_train_loss", "train_loss", None),
        ("train.m_test_loss", "test_loss", None),
    ):
        values = [getattr(h, metric)[-1] for h in histories]
        shown = [fmt.format(v) if fmt else format_loss(v) for v in values]
        if metric == "test_loss":  # the number to watch (train.watch_loss says why)
            rows.append(f"**{ui.tr(key)}** | " + " | ".join(f"**{v}**" for v in shown))
        else:
            rows.append(f"{ui.tr(key)} | " + " | ".join(shown))
    return "\n".join(rows)


def thinned(history: History, metric: str) -> tuple[list[int], list[float], list[float]]:
    """Steps, train and test values of one metric ("loss" or "acc"), at most CURVE_POINTS of each."""
    stride = max(1, int(np.ceil(len(history.step) / CURVE_POINTS)))
    return (
        history.step[::stride],
        getattr(history, f"train_{metric}")[::stride],
        getattr(history, f"test_{metric}")[::stride],
    )


def live_curves(experiment: Experiment) -> None:
    """Light-weight SVG line charts while playing (a Plotly figure would be rebuilt, and flash, on every refresh)."""
    nets = (
        (experiment.trainer.history, ui.tr("train.short_dropout"), NET_COLORS[0]),
        (experiment.twin.history, ui.tr("train.short_twin"), NET_COLORS[1]),
    )
    columns = st.container(key=LIVE_CURVES).columns(2)
    for column, metric, y_label, y_top in (
        (columns[0], "loss", "train.loss", None),
        (columns[1], "acc", "train.accuracy", 1.02),
    ):
        series = []
        for history, label, color in nets:
            steps, train, test = thinned(history, metric)
            series.append((ui.tr("train.curve_train", net=label), color, False, steps, train))
            series.append((ui.tr("train.curve_test", net=label), color, True, steps, test))
        svg = svg_chart(series, ui.tr("train.steps"), ui.tr(y_label), y_top)
        # As an image: st.html drops SVG (its sanitizer allows HTML only), and st.image keeps its <img> element
        # across refreshes, so the new chart replaces the old one without a blank moment.
        column.image("data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii"), width="stretch")


def step_button(slot, experiment: Experiment) -> None:
    """Step, drawn by the surfaces' fragment into the controls row: a click trains and reruns only the surfaces
    (with the paused curves), not the whole page, which would redraw every element in the browser first."""
    slot.button(
        ui.tr("train.step", n=settings.speed) if settings.speed > 1 else ui.tr("train.step_one"),
        help=ui.tr("train.step_help", n=settings.speed),
        on_click=controls.step_once,
        args=(st.session_state, experiment, experiment.trainer.steps_done, settings.speed),
        icon=":material/skip_next:",
        width="stretch",
        disabled=bool(experiment.diverged) or experiment.steps_left == 0,
    )


def page_facts(experiment: Experiment) -> tuple:
    """What the rest of the page says about the training (a divergence, the step limit, the note on drop
    probabilities with its stretches, a GIF made of an earlier step): a Step that changes any of it needs a full
    run, not just the surfaces'."""
    note = str(experiment.log) if ui.trained_with_other_probs(experiment, settings) else None
    gif = experiment.steps_done if data_controls.gif_made("training") else None
    return bool(experiment.diverged), experiment.steps_left == 0, note, gif, ui.pretrained_by_a_page(experiment)


def frames_per_refresh(refresh: float, per_second: float) -> int:
    """Snapshots to take in this refresh: ``per_second`` times the time between refreshes (measured, and never
    taken as shorter than ``refresh``, the timer's interval)."""
    now = time.monotonic()
    last, interval = st.session_state.get(PACE, (None, refresh))
    if last is not None and now - last < 3 * max(interval, refresh):  # a pause or a slow rerun: not counted
        interval += 0.3 * (now - last - interval)
    st.session_state[PACE] = (now, interval)
    return max(1, min(snapshots.MAX_FRAMES, round(per_second * max(interval, refresh))))


def next_film(experiment: Experiment, scale: int, n_frames: int) -> tuple[list[dict], list[dict]]:
    """Train one refresh's steps (``scale`` times the steps per refresh), with ``n_frames`` snapshots of each net."""
    try:
        return snapshots.film(experiment, settings.speed * scale, n_frames)
    except TrainingDiverged:
        st.session_state[controls.PLAYING] = False
        st.rerun()  # a full rerun stops the refresh timers and shows the message


def surfaces_view(experiment: Experiment, step_slot) -> None:
    """Send the snapshots of the last refresh's training with both nets' numbers, then train the next refresh;
    paused, show the nets as they are, with their curves.

    Sending first matters: Streamlit drops a fragment's messages that are still waiting to go out when the
    fragment's next run starts, and with the refresh timer already due that happens at once. Sent before the
    training, they leave while the nets train.
    """
    playing = live()
    scale = refresh_scale()
    timers = (playing, scale)  # hidden or shown again, starved or not any more: see needs_full_run
    facts = page_facts(experiment)
    if controls.needs_full_run(timers, st.session_state.get(TIMERS), facts, st.session_state.get(FACTS)):
        st.rerun(scope="app")
    step_button(step_slot, experiment)
    pending = st.session_state.pop(PENDING, None)
    frames: tuple[list[dict], list[dict]] = ([], [])
    ahead = 0
    if playing and pending is not None and pending[0] == experiment.serial:
        frames = pending[1]
        if scale > pending[2]:
            # Starved from now on: the next refresh is SLOWDOWN times further off than the browser expects, and its
            # film would run dry waiting for it. So this refresh brings a starved refresh's training on top.
            before = experiment.steps_done
            more = next_film(experiment, scale, round(FRAMES_PER_SECOND * REFRESH_SECONDS))
            frames, ahead = (frames[0] + more[0], frames[1] + more[1]), experiment.steps_done - before
    nets = [
        (experiment.trainer, ui.tr("train.with_dropout"), SURFACES[0]),
        (experiment.twin, ui.tr("train.no_dropout"), SURFACES[1]),
    ]
    with st.container(key=LIVE):
        # Presenter mode: both nets' numbers in a third column, which narrows the surfaces so that the controls,
        # both surfaces and their numbers fit 1280x720.
        columns = st.columns([1, 1, 1.4]) if ui.presenting() else st.columns(2)
        for column, (trainer, label, key), net_frames in zip(columns, nets, frames):
            column.subheader(label)
            with column:
                surface(
                    surface_data(experiment, trainer.model, net_frames, playing, key == SURFACES[0], ahead), key=key
                )
            if not ui.presenting():
                column.markdown(metrics_line(trainer))
        if ui.presenting():
            columns[2].markdown(metrics_table((experiment.trainer, experiment.twin)))
            columns[2].caption(why_test_loss())
        else:
            ui.aside(ui.tr("train.legend", n_test=f"{len(experiment.split.test.y):,}"))
            ui.aside(why_test_loss())
    if not playing:
        st.session_state.pop(PACE, None)
        ui.record_training(experiment)  # after a Step
        ui.write_url()
        paused_curves(experiment)
        with snapshots.training_lock(experiment):  # the next Step, trained while the presenter talks
            lookahead.start(experiment, settings.speed)
        return
    frames_now = frames_per_refresh(
        REFRESH_SECONDS * scale, STARVED_FRAMES_PER_SECOND if scale > 1 else FRAMES_PER_SECOND
    )
    st.session_state[PENDING] = (experiment.serial, next_film(experiment, scale, frames_now), scale)
    ui.record_training(experiment)
    ui.write_url()
    if experiment.steps_left == 0:
        st.session_state[controls.PLAYING] = False
        st.rerun()


def paused_curves(experiment: Experiment) -> None:
    """Loss and accuracy curves of a paused page, as a Plotly figure (hover, zoom, PNG export).

    Before the first step there is nothing to hover, and the light SVG charts spare a first visit Plotly's script:
    measured with bench_first_visit (then Streamlit's full 4.7 MB Plotly), the Train page was drawn in 2.0-3.0 s
    instead of 3.1-7.4 s.
    """
    if experiment.steps_done == 0:
        live_curves(experiment)
        return
    histories = {
        ui.tr("train.with_dropout"): experiment.trainer.history,
        ui.tr("train.no_dropout"): experiment.twin.history,
    }
    figure(training_curves_figure(histories, ui.lang()), key="train_curves")


with st.container():  # always one element, messages or not: the surfaces below keep their place (no remount)
    ui.divergence_message(exp)
    ui.training_note(exp, settings)
    if by := ui.pretrained_by(exp):  # the film then starts where the visitor never saw it start
        st.info(ui.tr("train.pretrained", steps=f"{exp.steps_done:,}", by=by), icon=":material/info:")
    if exp.steps_left == 0 and not exp.diverged:
        st.info(ui.tr("train.step_limit", steps=f"{MAX_STEPS:,}"), icon=":material/flag:")

st.html(NO_DIMMING)
st.session_state[TIMERS] = (live(), refresh_scale())
st.session_state[FACTS] = page_facts(exp)
st.fragment(surfaces_view, run_every=REFRESH_SECONDS * refresh_scale() if live() else None)(exp, step_slot)
if live():  # playing, the curves refresh less often than the surfaces, since charts cost the browser most
    st.fragment(live_curves, run_every=CURVES_REFRESH_SECONDS * refresh_scale())(exp)
data_controls.offer_training_gif(exp, ui.lang())  # both nets from step 0 to now, for slides
