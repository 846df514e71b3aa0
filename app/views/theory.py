"""Theory: the formulas of section 7.12, with the current net's numbers filled in."""

import math

import pandas as pd
import streamlit as st
import torch

from app import ui
from dropviz.core import ensembles as en
from dropviz.core import masks as mk
from dropviz.core.compare import jackknife

MC_SAMPLES = 20000
RARE = 0.01  # below this p(mu) for the likeliest mask, "masks are rare" is the honest summary
RULES = ("arithmetic", "geometric", "weight_scaled")


def rule_table(result: en.Ensemble) -> pd.DataFrame:
    """Class probabilities of each rule; Monte Carlo ones as "value ± standard error"."""
    classes = [ui.tr("inf.class_n", c=c) for c in range(result.weight_scaled.shape[1])]
    rows = {}
    for i, rule in enumerate(RULES):
        values = getattr(result, rule)[0]
        if result.exact or rule == "weight_scaled":
            rows[ui.tr(f"rule.{rule}")] = [f"{v:.4f}" for v in values.tolist()]
            continue
        full = (result.arithmetic, result.geometric)
        _, se = jackknife(lambda *rules, i=i: rules[i][0], full, result.leave_one_out)
        rows[ui.tr(f"rule.{rule}")] = [ui.plus_minus(v, e, ".4f") for v, e in zip(values.tolist(), se.tolist())]
    return pd.DataFrame(rows, index=classes).T


def visits_sentence(steps: int, batch: int, mode: float, k: int) -> str:
    """What training has seen of the subnetworks: a tiny share of them, or the same few again and again."""
    if k == 0:
        return ui.tr("theory.single")
    if mode >= RARE:
        return ui.tr("theory.common", mode=ui.significant(mode))
    draws = steps * batch
    share = min(1.0, draws / 2**k)
    return ui.tr(
        "theory.rare",
        mode=ui.significant(mode),
        steps=f"{steps:,}",
        batch=batch,
        draws=f"{draws:,}",
        possible=f"{2**k:,}",
        share=ui.significant(share) if share < 0.01 else f"{share:.0%}",
    )


def varying_weights(model) -> int:
    """DropConnect's random weights: those leaving a unit whose keep probability is strictly between 0 and 1."""
    keep = model.keep_probs()
    sizes = model.layer_sizes
    varying = ((keep > 0) & (keep < 1)).split(sizes[:-1])  # one piece per droppable layer
    return sum(int(piece.sum()) * n_out for piece, n_out in zip(varying, sizes[1:]))


def power_of_two(n: int) -> str:
    """2^n in full with thousands separators while that stays short, else as 2 with a superscript exponent."""
    return f"{2**n:,}" if n <= 64 else "2" + str(n).translate(ui.SUPERSCRIPT)


def noise_sentence(model, k: int) -> str:
    """What Gaussian noise or DropConnect draws instead of unit masks (nothing to say when nothing is random)."""
    if k == 0:
        return ""
    if model.noise == "gaussian":
        return ui.tr("theory.gaussian_draws", k=k)
    w = varying_weights(model)
    return ui.tr("theory.dropconnect_masks", k=k, w=f"{w:,}", masks=power_of_two(w))


settings = ui.current()
exp = ui.experiment(settings)
model = exp.model
st.title(ui.tr("theory.title"))
if ui.divergence_message(exp):
    st.stop()
ui.train_at_least(exp, ui.MIN_TRAINED_STEPS)
ui.training_note(exp, settings)
method = ui.tr(f"method.short.{model.noise}")
keep = model.keep_probs()
d = model.n_droppable
k = en.uncertain_units(model)
if model.noise != "bernoulli":  # said first: the counts and rules below are then read as what they are
    rules = " " + ui.tr("theory.method_note_rules", method=method) if k > 0 else ""  # k = 0: nothing is drawn
    st.info(ui.tr("theory.method_note", method=method) + rules)

st.header(ui.tr("theory.bagging_title"))
st.markdown(ui.tr("theory.bagging"))
st.latex(r"\mu \in \{0,1\}^{d},\qquad p(\mu)=\prod_{i=1}^{d} k_i^{\mu_i}\,(1-k_i)^{1-\mu_i},\qquad k_i = 1-p_i")
all_kept = float(torch.prod(keep))
mode = 10 ** float(torch.log10(torch.maximum(keep, 1 - keep)).sum())  # keep each unit its likelier way
prefix = ui.tr("theory.live_current") if model.noise == "bernoulli" else ui.tr("theory.live_other", method=method)
st.markdown(
    prefix
    + " "
    + ui.tr(
        "theory.bagging_live",
        d=d,
        count=f"{2**d:,}",
        k=k,
        possible=f"{2**k:,}",
        all_kept=ui.significant(all_kept),
        mode=ui.significant(mode),
    )
)
if model.noise != "bernoulli" and k > 0:
    st.markdown(noise_sentence(model, k))

st.header(ui.tr("theory.arith_title"))
st.latex(r"p_{\text{arith}}(y\mid x)=\sum_{\mu} p(\mu)\,p(y\mid x,\mu)")
st.markdown(ui.tr("theory.arith"))

st.header(ui.tr("theory.geom_title"))
st.latex(
    r"\tilde p(y\mid x)=\Big(\prod_{\mu} p(y\mid x,\mu)\Big)^{1/2^{d}}"
    r"\quad\longrightarrow\quad \tilde p(y\mid x)=\prod_{\mu} p(y\mid x,\mu)^{p(\mu)}"
)
st.latex(
    r"p_{\text{geom}}(y\mid x)=\frac{\tilde p(y\mid x)}{\sum_{y'}\tilde p(y'\mid x)}"
    r"=\operatorname{softmax}\Big(\sum_{\mu}p(\mu)\,z(x,\mu)\Big)_y"
)
st.markdown(ui.tr("theory.geom"))

st.header(ui.tr("theory.ws_title"))
st.latex(r"W^{\text{test}}_{ij} = k_i\,W_{ij}\qquad" + ui.tr("theory.ws_formula_note"))
ui.aside(ui.tr("theory.ws_inverted"))
st.latex(r"h_i \;\mapsto\; \mu_i\,h_i / k_i,\qquad W^{\text{test}} = W")
st.markdown(ui.tr("theory.ws"))

st.header(ui.tr("theory.live_title"))
test_x = exp.split.test.x
st.session_state[ui.WIDGET + "point"] = min(st.session_state[ui.WIDGET + "point"], len(test_x) - 1)
index = st.slider(ui.tr("theory.point"), 0, len(test_x) - 1, key=ui.WIDGET + "point")
x = torch.from_numpy(test_x[index : index + 1])
exact = en.exact_is_feasible(model, 1) and en.exact_mask_count(model) <= 2**20
if k == 0 and model.noise != "bernoulli":  # nothing random: every draw is the weight-scaled net itself, exactly
    plain = en.weight_scaled(model, x)
    result = en.Ensemble(plain, plain, plain, True, 1)
    how = ui.tr("theory.exact_one_noise", method=method)
else:
    seeded = torch.Generator().manual_seed(settings.seed)
    result = en.all_rules(model, x, n_samples=None if exact else MC_SAMPLES, generator=seeded)
    if model.noise == "gaussian":
        how = ui.tr("theory.sampled_gaussian", n=f"{MC_SAMPLES:,}")
    elif model.noise == "dropconnect":
        how = ui.tr("theory.sampled_dropconnect", n=f"{MC_SAMPLES:,}", masks=power_of_two(varying_weights(model)))
    elif not exact:
        how = ui.tr("theory.sampled", n=f"{MC_SAMPLES:,}")
    elif result.n_masks == 1:
        how = ui.tr("theory.exact_one")
    else:
        how = ui.tr("theory.exact", masks=f"{result.n_masks:,}")
st.markdown(ui.tr("theory.live", x0=float(x[0, 0]), x1=float(x[0, 1]), steps=f"{exp.steps_done:,}") + " " + how)
st.dataframe(rule_table(result), hide_index=False)

if model.noise == "bernoulli":  # other methods draw no unit masks: no mask to show, no subnetworks to count
    mu = mk.sample_masks(keep, 1, torch.Generator().manual_seed(settings.seed))[0]
    p_mu = float(mk.mask_probability(mu, keep))
    digits = "".join(str(int(v)) for v in mu.tolist())
    log = f"{math.log10(p_mu):.1f}" if p_mu > 0 else "-∞"
    st.markdown(ui.tr("theory.one_mask", mu=digits, p=ui.significant(p_mu), log=log))
if model.noise == "bernoulli" or k == 0:  # with k = 0 every method trains one and the same net
    st.markdown(visits_sentence(exp.steps_done, exp.trainer.batch_size, mode, k))
