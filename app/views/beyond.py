"""Beyond the book: how fast Monte Carlo averages over masks converge, and what dropout knows it does not know."""

import numpy as np
import streamlit as st
import torch

from app import settings as cfg
from app import training_cache, ui
from app.figure_component import figure
from dropviz.core import convergence as cv
from dropviz.core import ensembles as en
from dropviz.core import uncertainty as unc
from dropviz.core.grid import make_grid
from dropviz.draw.beyond_figures import (
    SIDEBAR_UNCERTAINTY_HEIGHT,
    UNCERTAINTY_HEIGHT,
    convergence_figure,
    uncertainty_figure,
)

T_KEY = ui.WIDGET + "mc_t"  # the Settings field mc_t: in the URL like every setting
T_MIN, T_MAX = cfg.LIMITS["mc_t"]
T_STEP = 10
CURVE_GRID = training_cache.CURVE_GRID  # the error is a mean over the plane: a coarse grid is enough
MAP_GRID = 60  # as the Train page's surfaces
CURVE = "beyond_curve"  # (key, SamplingCurve): recomputed only when the net or its drop probabilities change
MAPS = "beyond_maps"  # (key, (weight-scaled probabilities, MCDropout))
WORDS = ("noun", "sampled", "one", "nets", "on")  # what one sample is: a mask, a noise draw or a weight mask

settings = ui.current()
exp = ui.experiment(settings)
model = exp.model
words = {name: ui.tr(f"beyond.{name}.{model.noise}") for name in WORDS}

st.title(ui.tr("beyond.title"))
ui.intro(ui.tr("beyond.intro", **words))
if ui.divergence_message(exp):
    st.stop()
ui.train_at_least(exp, ui.MIN_TRAINED_STEPS)
ui.training_note(exp, settings)
if en.uncertain_units(model) == 0:  # one possible net: every curve would be rounding noise, every map zero
    why = ui.tr(f"beyond.trivial_why.{model.noise}")
    st.success(ui.tr("beyond.trivial", why=why), icon=":material/check_circle:")
    st.stop()
if model.noise != "bernoulli":
    method, what = ui.tr(f"side.method.{model.noise}"), ui.tr(f"beyond.what_{model.noise}")
    st.info(ui.tr("beyond.method_note", method=method, what=what, **words))

split = exp.split
points = np.concatenate([split.train.x, split.test.x])
keep = tuple(model.keep_probs().tolist())
steps = exp.steps_done
map_grid = make_grid(points, MAP_GRID)


def sampling_curve() -> cv.SamplingCurve:
    """The convergence curves of this net, from session state when nothing they depend on changed, else from the
    server (which computes the default net's at start, and keeps any for the next visitor of the same net)."""
    key = (exp.serial, steps, keep, settings.seed)
    cached = st.session_state.get(CURVE)
    if cached and cached[0] == key:
        return cached[1]

    def with_bar() -> cv.SamplingCurve:
        ks = training_cache.curve_plan(model)[0]
        text = ui.tr("beyond.sampling", repeats=cv.DEFAULT_REPEATS, k_max=f"{ks[-1]:,}", **words)
        bar = st.progress(0.0, text=text)
        result = training_cache.compute_curve(model, split, settings.seed, lambda f: bar.progress(f, text=text))
        bar.empty()
        return result

    curve = training_cache.shared(training_cache.curve_key(model, split, settings.seed), with_bar)
    st.session_state[CURVE] = (key, curve)
    return curve


def uncertainty_maps(n_masks: int):
    """Weight-scaled probabilities and Monte Carlo dropout over the plane, cached like the curve."""
    key = (exp.serial, steps, keep, settings.seed, n_masks)
    cached = st.session_state.get(MAPS)
    if cached and cached[0] == key:
        return cached[1]
    text = ui.tr("beyond.mc_computing", t=f"{n_masks:,}", **words)
    bar = st.progress(0.0, text=text)
    result = unc.mc_dropout(
        model,
        map_grid.points,
        n_masks,
        generator=torch.Generator().manual_seed(settings.seed + 1),
        progress=lambda f: bar.progress(f, text=text),
    )
    bar.empty()
    maps = (en.weight_scaled(model, map_grid.points), result)
    st.session_state[MAPS] = (key, maps)
    return maps


def reference_note(curve: cv.SamplingCurve) -> str:
    k_max = curve.ks[-1]
    common = {"repeats": curve.repeats, "k_max": f"{k_max:,}", "steps": f"{steps:,}"}
    if curve.reference == "exact":
        return ui.tr("beyond.reference_exact", masks=f"{curve.reference_masks:,}", **common)
    # error^2 ~ 1/k + 1/n: the share of the measured error at k_max that comes from the reference's own noise
    share = 1 - 1 / np.sqrt(1 + k_max / curve.reference_masks)
    n = f"{curve.reference_masks:,}"
    if model.noise == "gaussian":
        return ui.tr("beyond.reference_gaussian", n=n, share=share, **common)
    if model.noise == "dropconnect":
        w = cv.varying_weights(model)
        key = "beyond.reference_dropconnect" if w > en.MAX_EXACT_UNITS else "beyond.reference_dropconnect_few"
        return ui.tr(key, n=n, w=f"{w:,}", exponent=w, share=share, **common)
    return ui.tr("beyond.reference_mc", n=n, d=en.uncertain_units(model), share=share, **common)


def findings(curve: cv.SamplingCurve) -> str:
    k_max = f"{curve.ks[-1]:,}"
    k, ws = curve.samples_to_match_weight_scaling(), curve.weight_scaled_accuracy
    if k == 1:
        accuracy = ui.tr("beyond.matched_one", ws=ws, repeats=curve.repeats, **words)
    elif k is not None:
        accuracy = ui.tr("beyond.matched", ws=ws, k=f"{k:,}", repeats=curve.repeats, **words)
    else:
        median = float(curve.band(curve.accuracy)[0][-1])
        accuracy = ui.tr("beyond.not_matched", ws=ws, acc=median, k_max=k_max, **words)
    closer = curve.samples_to_beat_weight_scaling()
    if closer is None:
        return accuracy + " " + ui.tr("beyond.never_closer", k_max=k_max, **words)
    return accuracy + " " + ui.tr("beyond.closer", k=f"{closer:,}")


# --- 1. how fast sampling converges ---------------------------------------------------------------------------
if not ui.presenting():
    st.subheader(ui.tr("beyond.conv_title", **words))
curve = sampling_curve()
note = reference_note(curve)
if ui.presenting():  # one quiet line: the first screen is for the two figures
    st.caption(note)
elif curve.reference == "exact":
    st.success(note, icon=":material/check_circle:")
else:
    st.info(note, icon=":material/casino:")
figure(convergence_figure(curve, ui.lang(), noise=model.noise), key="beyond_convergence")
slider_label, slider_help = ui.tr(f"beyond.t_label.{model.noise}"), ui.tr("beyond.t_help", **words)
if ui.presenting():  # the findings and the T slider share a row, so the maps start in the first screen too
    findings_column, slider_column = st.columns([3, 1], vertical_alignment="center")
    findings_column.markdown(findings(curve))
    n_masks = slider_column.slider(slider_label, T_MIN, T_MAX, step=T_STEP, key=T_KEY, help=slider_help)
else:
    st.markdown(findings(curve))
    caption = ui.tr(
        "beyond.conv_caption",
        grid=f"{CURVE_GRID}×{CURVE_GRID}",
        repeats=curve.repeats,
        n_test=f"{curve.n_test:,}",
        **words,
    )
    if len(model.linears) == 1:  # softmax regression: weight scaling is the geometric mean (book, section 7.12)
        exact = "beyond.geometric_exact" if curve.reference == "exact" else "beyond.geometric_exact_mc"
        caption += " " + ui.tr(exact, **words)
    ui.aside(caption)
    # --- 2. what dropout knows it does not know ----------------------------------------------------------------
    st.subheader(ui.tr("beyond.unc_title"))
    ui.intro(ui.tr("beyond.unc_intro", **words))
    slider_column, _ = st.columns([1, 2])
    n_masks = slider_column.slider(slider_label, T_MIN, T_MAX, step=T_STEP, key=T_KEY, help=slider_help)
weight_scaled, mc = uncertainty_maps(int(n_masks))
n_classes = model.layer_sizes[-1]
figure(
    uncertainty_figure(
        map_grid,
        weight_scaled,
        mc.entropy,
        mc.mutual_information.clamp_min(0.0),  # float error can leave -1e-8 where every subnetwork agrees
        split.train.x,
        split.train.y,
        ui.lang(),
        UNCERTAINTY_HEIGHT if ui.presenting() else SIDEBAR_UNCERTAINTY_HEIGHT,
    ),
    key="beyond_uncertainty",
)
st.caption(ui.tr("beyond.unc_status", t=f"{n_masks:,}", c=n_classes, max=float(np.log(n_classes)), **words))
ui.aside(ui.tr("beyond.unc_read", **words))
