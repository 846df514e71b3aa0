"""Bagging vs dropout: k nets on k bootstrap resamples beside one dropout net whose subnetworks share parameters."""

import math

import numpy as np
import pandas as pd
import streamlit as st
import torch

from app import training_cache, ui
from dropviz.core import bagging as bg
from dropviz.core import ensembles as en
from dropviz.core.training import TrainingDiverged
from dropviz.draw.surface_image import png_data_uri, surface_png

K_KEY = ui.WIDGET + "bag_k"  # the Settings field bag_k: in the URL like every setting
MEMBERS = "bag_members"  # (key, BaggingTrainer): this visitor's members, never shared
MEMBER_VIEW = "bag_member_view"  # (trainer, (steps, picture size), view): member probabilities and pictures
RULES = "bag_rules"  # (key, rules): the dropout net's weight-scaled and arithmetic-mean probabilities
TIMING = "bag_dropout_time"  # (key, seconds, timed steps)
MC_SAMPLES = training_cache.RULES_SAMPLES  # as on the Inference page: when exact enumeration is over budget
STEPS_PER_UPDATE = 50  # members train this many steps between progress-bar updates
TIMED_STEPS = training_cache.TIMED_STEPS  # the dropout net's training time is measured over this many steps at most
MAIN_SIZE = 360 if ui.presenting() else 290  # px: the three main pictures fit the first screen at 1280x720
MEMBER_SIZE = 170
MEMBERS_PER_ROW = 8

settings = ui.current()
exp = ui.experiment(settings)
model = exp.model

st.title(ui.tr("bag.title"))
ui.intro(ui.tr("bag.intro"))
if ui.divergence_message(exp):
    st.stop()

# The headings row: the k slider is the bagging picture's heading, so it sits where the presenter looks.
heads = st.columns(3, vertical_alignment="bottom")
k = heads[0].slider(f"**{ui.tr('bag.head.bagging')}**", 2, 16, key=K_KEY, help=ui.tr("bag.k_help"))
heads[1].markdown(f"**{ui.tr('bag.head.weight_scaled')}**")
heads[2].markdown(f"**{ui.tr('bag.head.arithmetic_noise' if model.noise == 'gaussian' else 'bag.head.arithmetic')}**")
ui.train_at_least(exp, ui.MIN_TRAINED_STEPS)
ui.training_note(exp, settings)

split = exp.split
steps = exp.steps_done
grid, x_eval = training_cache.rule_inputs(split)  # the Inference page's: the server computes them once for both
n_grid = len(grid.points)
y_test = torch.from_numpy(split.test.y)
n_classes = model.layer_sizes[-1]
d = en.uncertain_units(model)  # units whose drop probability is strictly between 0 and 1: 0 means nothing is random


def trained_members() -> bg.BaggingTrainer:
    """The visitor's members, trained to the dropout net's step count; rebuilt only when what shapes them changes.

    Training is deterministic, so carrying on equals starting over: from this visitor's members, else from a copy
    of the server's (the default view's, trained at server start), else from scratch.
    """
    key = (exp.config.rebuild_key(), k)  # everything but the drop probabilities: members have no dropout
    cached = st.session_state.get(MEMBERS)
    if cached and cached[0] == key and cached[1].steps_done <= steps:
        trainer = cached[1]
    else:
        trainer = training_cache.bagging_members(exp.config, k, steps)
        trainer = trainer or bg.BaggingTrainer.for_experiment(exp.config, split, k)
    st.session_state[MEMBERS] = (key, trainer)
    if trainer.steps_done < steps:
        text = ui.tr("bag.training", k=k, steps=f"{steps:,}")
        bar = st.progress(trainer.steps_done / steps, text=text)
        while trainer.steps_done < steps:
            trainer.step(min(STEPS_PER_UPDATE, steps - trainer.steps_done))
            bar.progress(trainer.steps_done / steps, text=text)
        bar.empty()
    return trainer


def surface_uri(grid_probs: torch.Tensor, size: int, x_points: np.ndarray, y_points: np.ndarray) -> str:
    """One surface as a PNG data URI, drawn like the Train page's (same colours); test points would hide it."""
    probs = grid_probs.numpy().reshape(grid.resolution, grid.resolution, n_classes)
    return png_data_uri(surface_png(probs, grid.extent, x_points, y_points, size=size))


def member_view(trainer: bg.BaggingTrainer) -> dict:
    """Members' and ensemble's probabilities, scores and pictures; recomputed only when the members changed."""
    cached = st.session_state.get(MEMBER_VIEW)
    if cached and cached[0] is trainer and cached[1] == (trainer.steps_done, MAIN_SIZE):
        return cached[2]
    probs = bg.predict_proba(trainer.members, x_eval)  # [k, grid + test, C]
    ensemble = probs.mean(0)
    images = []
    for i in range(trainer.k):
        drawn = np.unique(trainer.indices[i].numpy())
        images.append(surface_uri(probs[i, :n_grid], MEMBER_SIZE, split.train.x[drawn], split.train.y[drawn]))
    view = {
        "member_acc": bg.accuracy(probs[:, n_grid:], y_test),
        "member_nll": bg.log_loss(probs[:, n_grid:], y_test),
        "scores": bg.rule_scores(ensemble[n_grid:], y_test),
        "image": surface_uri(ensemble[:n_grid], MAIN_SIZE, split.train.x, split.train.y),
        "member_images": images,
        "share": trainer.distinct_share(),
    }
    st.session_state[MEMBER_VIEW] = (trainer, (trainer.steps_done, MAIN_SIZE), view)
    return view


def dropout_rules() -> dict:
    """Weight scaling and the arithmetic mean of the dropout net, exact or Monte Carlo as the Inference page decides.

    With nothing random (d = 0) the mean over the one possible net is the plain forward pass: weight scaling itself.
    """
    exact = d == 0 or training_cache.rules_are_exact(model, len(x_eval))
    key = (exp.serial, steps, tuple(model.keep_probs().tolist()), exact, MAIN_SIZE)
    cached = st.session_state.get(RULES)
    if cached and cached[0] == key:
        return cached[1]

    if d == 0:
        plain = en.weight_scaled(model, x_eval)
        probs, leave_one_out, n_masks = {"weight_scaled": plain, "arithmetic": plain}, [], 1
    else:
        result = ui.shared_rules(model, x_eval, settings.seed, ui.tr("bag.computing"))
        probs = {"weight_scaled": result.weight_scaled, "arithmetic": result.arithmetic}
        leave_one_out, n_masks = [a[n_grid:] for a, _ in result.leave_one_out], result.n_masks
    rules = {"exact": exact, "n_masks": n_masks, "groups": len(leave_one_out)}
    for name, p in probs.items():
        replicates = leave_one_out if name == "arithmetic" else ()  # weight scaling: one deterministic pass
        rules[name] = {
            "scores": bg.rule_scores(p[n_grid:], y_test, replicates),
            "image": surface_uri(p[:n_grid], MAIN_SIZE, split.train.x, split.train.y),
        }
    st.session_state[RULES] = (key, rules)
    return rules


def scores(shown: bg.Scores) -> tuple[str, str]:
    """Test accuracy and NLL as shown: "74.1%" and "0.512", or "74.1% ± 0.2%" for a Monte Carlo estimate (a narrow
    cell breaks the line before "±", never after it)."""
    if shown.acc_se is None:
        return f"{shown.acc:.1%}", f"{shown.nll:.3f}"
    pairs = ((shown.acc, shown.acc_se, ".1%"), (shown.nll, shown.nll_se, ".3f"))
    return tuple(ui.plus_minus(v, se, fmt).replace("± ", "±\u00a0") for v, se, fmt in pairs)


def dropout_seconds() -> tuple[float, int]:
    """Training time of one dropout net: a fresh copy timed over at most TIMED_STEPS steps, scaled to ``steps``."""
    timed = min(steps, TIMED_STEPS)
    key = (exp.config.rebuild_key(), timed)
    cached = st.session_state.get(TIMING)
    if not (cached and cached[0] == key):
        with st.spinner(ui.tr("bag.timing", steps=timed)):  # measured once per server and net
            cached = (key, training_cache.dropout_seconds(exp.config, exp.split, timed))
        st.session_state[TIMING] = cached
    return cached[1] * steps / max(timed, 1), timed


try:
    members = trained_members()
except TrainingDiverged:
    stopped = st.session_state[MEMBERS][1]
    message = ui.tr("bag.diverged", i=stopped.diverged_member + 1, step=stopped.steps_done + 1)
    st.error(message, icon=":material/warning:")
    st.stop()
bagged = member_view(members)
rules = dropout_rules()
params = members.members.parameters_each


def weights_that_vary() -> int:
    """DropConnect: the weights leaving a unit whose drop probability is strictly between 0 and 1."""
    keep = bg.weight_keep_probs(model)
    return int(((keep > 0) & (keep < 1)).sum())


def arithmetic_subtitle() -> str:
    if d == 0:
        return ui.tr("bag.sub.exact_one")
    if rules["exact"]:
        return ui.tr("bag.sub.exact", masks=f"{rules['n_masks']:,}")
    n = f"{rules['n_masks']:,}"
    if model.noise == "gaussian":
        return ui.tr("bag.sub.monte_carlo_gaussian", n=n)
    if model.noise == "dropconnect":
        return ui.tr("bag.sub.monte_carlo_dropconnect", n=n, w=weights_that_vary())
    return ui.tr("bag.sub.monte_carlo", n=n, d=d)


def arithmetic_how() -> str:
    """How the arithmetic mean was computed, for its row of the table."""
    if d == 0:
        return ui.tr("bag.how.one")
    if rules["exact"]:
        return ui.tr("bag.how.exact", masks=f"{rules['n_masks']:,}")
    return ui.tr(f"bag.how.{model.noise}", n=f"{rules['n_masks']:,}")


def picture(column, subtitle: str, shown: dict) -> None:
    """Surface and test scores first (they must fit a projector's first screen), then the details."""
    column.image(shown["image"], width=MAIN_SIZE)
    acc, nll = scores(shown["scores"])
    column.markdown(ui.tr("bag.scores", acc=acc, nll=nll))
    column.caption(subtitle)


main = st.columns(3)
picture(main[0], ui.tr("bag.sub.bagging", k=k, params=f"{params:,}", steps=f"{steps:,}"), bagged)
picture(main[1], ui.tr("bag.sub.weight_scaled", params=f"{params:,}", steps=f"{steps:,}"), rules["weight_scaled"])
picture(main[2], arithmetic_subtitle(), rules["arithmetic"])
st.caption(ui.tr("bag.dropout_is", summary=ui.drop_summary(settings)))
ui.training_note(exp, settings)
ui.aside(ui.tr("bag.legend", n=len(split.train.y), n_test=f"{len(split.test.y):,}"))

st.subheader(ui.tr("bag.members_title", k=k))
ui.aside(ui.tr("bag.members_caption"))
for start in range(0, k, MEMBERS_PER_ROW):
    for i, column in enumerate(st.columns(MEMBERS_PER_ROW), start=start):
        if i < k:
            label = ui.tr("bag.member_label", i=i + 1, share=float(bagged["share"][i]))
            column.image(bagged["member_images"][i], caption=label, width="stretch")


def table() -> pd.DataFrame:
    """One row per model: what it stores, how many steps it took, how long, its test scores and the data it saw."""
    n, b = len(split.train.y), members.batch_size
    share = bagged["share"]
    bag_seconds = ui.tr("bag.seconds", s=members.seconds)
    drop_seconds, timed = dropout_seconds()
    drop_time = ui.tr("bag.seconds" if timed == steps else "bag.seconds_scaled", s=drop_seconds)
    bag_data = ui.tr("bag.data.bagging", lo=float(share.min()), hi=float(share.max()), n=n)
    drop_data = ui.tr("bag.data.dropout", n=n, b=b, share=b / n)
    cols = [ui.tr(f"bag.col.{c}") for c in ("model", "params", "steps", "time", "acc", "nll", "data")]

    def row(name, stored, taken, seconds, acc, nll, data) -> dict:
        return dict(zip(cols, (name, stored, taken, seconds, acc, nll, data)))

    rows = [
        row(
            ui.tr("bag.row.bagging", k=k),
            f"{k} × {params:,} = {k * params:,}",
            f"{k} × {steps:,} = {k * steps:,}",
            bag_seconds,
            *scores(bagged["scores"]),
            bag_data,
        )
    ]
    for name in ("weight_scaled", "arithmetic"):
        label = ui.tr(f"bag.row.{name}", how=arithmetic_how())
        rows.append(row(label, f"{params:,}", f"{steps:,}", drop_time, *scores(rules[name]["scores"]), drop_data))
    for i in range(k):
        count = int(round(float(share[i]) * n))
        rows.append(
            row(
                ui.tr("bag.row.member", i=i + 1),
                f"{params:,}",
                f"{steps:,}",
                ui.tr("bag.same_run"),
                f"{float(bagged['member_acc'][i]):.1%}",
                f"{float(bagged['member_nll'][i]):.3f}",
                ui.tr("bag.data.member", count=count, n=n, share=float(share[i])),
            )
        )
    return pd.DataFrame(rows)


def readable(x: float) -> str:
    """A count or ratio a room can read: 8,000 / 0.25 / 1.7 × 10¹⁰ / 4.7 × 10⁻⁷."""
    if 0.01 <= x < 1e6:
        return f"{x:,.0f}" if x >= 100 or x == int(x) else f"{x:.2g}"
    mantissa, exponent = f"{x:.1e}".split("e")
    return ui.times_ten(mantissa, int(exponent))


def power_of_two(n: int, sign: bool = True) -> str:
    """2^n as a room reads it: "= 16" or "≈ 7.4 × 10¹⁹" (also for n far beyond a float); no sign: "7.4 × 10¹⁹"."""
    if n <= 20:
        return f"= {2**n:,}" if sign else f"{2**n:,}"
    exponent = math.floor(n * math.log10(2))
    text = ui.times_ten(f"{10 ** (n * math.log10(2) - exponent):.1f}", exponent)
    return "≈ " + text if sign else text


def coverage_sentences(n: int, keep: torch.Tensor) -> tuple[str, str]:
    """What the training's mask draws covered of the 2^n masks (numbers), and what that means (for the lesson)."""
    cover = bg.mask_draws(keep, draws)
    hi, lo = readable(cover.most_likely), readable(cover.least_likely)
    if cover.never_drawn < 1:
        uniform = math.isclose(cover.most_likely, cover.least_likely, rel_tol=0.01)
        numbers = ui.tr("bag.cover.uniform", hi=hi) if uniform else ui.tr("bag.cover.all", hi=hi, lo=lo)
        return numbers, ui.tr("bag.coverage_all")
    never = readable(cover.never_drawn) if math.isfinite(cover.never_drawn) else power_of_two(n, sign=False)
    most = ui.tr("bag.cover.most", hi=hi) if cover.most_likely >= 1 else ui.tr("bag.cover.most_rare")
    numbers = ui.tr("bag.cover.missed", distinct=readable(cover.distinct), never=never, most=most)
    rare = cover.never_drawn > cover.distinct  # most masks never drawn
    return numbers, ui.tr("bag.coverage_rare" if rare else "bag.coverage_some")


st.subheader(ui.tr("bag.table_title"))
st.table(table().set_index(ui.tr("bag.col.model")))  # a static table wraps its cells: nothing is cut at 1280 px
drop_time_steps = dropout_seconds()[1]
scaled = "" if drop_time_steps == steps else ui.tr("bag.scaled_note", steps=f"{steps:,}")
if rules["groups"]:
    units = ui.tr("bag.se_note", groups=rules["groups"], n=f"{rules['n_masks']:,}")
else:
    units = ui.tr("bag.nats_note")
ui.aside(ui.tr("bag.table_caption", k=k, timed=f"{drop_time_steps:,}", scaled=scaled) + units)

n_points, batch = len(split.train.y), members.batch_size
draws = steps * batch  # one mask (or noise draw) per example of each minibatch
share = bagged["share"]
st.subheader(ui.tr("bag.sampling_title"))
bootstrap = ui.tr(
    "bag.sampling",
    n=n_points,
    expected=bg.expected_distinct_share(n_points),
    lo=float(share.min()),
    hi=float(share.max()),
    mean=float(share.mean()),
    b=batch,
    share=batch / n_points,
    epoch=round(n_points / batch, 2),
)
if d == 0:
    method = ui.tr(f"bag.method.{model.noise}")
    dropout, lesson = ui.tr("bag.sampling_none", draws=f"{draws:,}", method=method), ui.tr("bag.lesson_none")
elif model.noise == "gaussian":  # continuous noise: no finite set of subnetworks to count draws among
    dropout, lesson = ui.tr("bag.sampling_gaussian", draws=f"{draws:,}", d=d), ui.tr("bag.lesson_gaussian")
elif model.noise == "dropconnect":  # masks over the weights leaving the units that vary
    w = weights_that_vary()
    numbers, coverage = coverage_sentences(w, bg.weight_keep_probs(model))
    total = power_of_two(w)
    dropout = ui.tr(
        "bag.sampling_dropconnect", draws=f"{draws:,}", d=d, w=f"{w:,}", w_raw=w, total=total, coverage=numbers
    )
    lesson = ui.tr("bag.lesson_dropconnect", w=w, coverage=coverage)
else:
    numbers, coverage = coverage_sentences(d, model.keep_probs())
    dropout = ui.tr("bag.sampling_masks", draws=f"{draws:,}", d=d, total=power_of_two(d), coverage=numbers)
    lesson = ui.tr("bag.lesson", d=d, coverage=coverage)
st.markdown(bootstrap + " " + dropout)
st.info(lesson, icon=":material/lightbulb:")
