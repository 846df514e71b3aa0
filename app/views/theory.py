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


settings = ui.current()
exp = ui.experiment(settings)
model = exp.model
st.title(ui.tr("theory.title"))
if ui.divergence_message(exp):
    st.stop()
ui.train_at_least(exp, ui.MIN_TRAINED_STEPS)
ui.training_note(exp, settings)
keep = model.keep_probs()
d = model.n_droppable

st.header(ui.tr("theory.bagging_title"))
st.markdown(ui.tr("theory.bagging"))
st.latex(r"\mu \in \{0,1\}^{d},\qquad p(\mu)=\prod_{i=1}^{d} k_i^{\mu_i}\,(1-k_i)^{1-\mu_i},\qquad k_i = 1-p_i")
all_kept = float(torch.prod(keep))
mode = 10 ** float(torch.log10(torch.maximum(keep, 1 - keep)).sum())  # keep each unit its likelier way
k = en.uncertain_units(model)
st.markdown(
    ui.tr(
        "theory.bagging_live",
        d=d,
        count=f"{2**d:,}",
        k=k,
        possible=f"{2**k:,}",
        all_kept=ui.significant(all_kept),
        mode=ui.significant(mode),
    )
)
if model.noise != "bernoulli":
    st.info(ui.tr("theory.method_note", method=ui.tr(f"side.method.{model.noise}")))

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
st.latex(r"W^{\text{test}}_{ij} = k_i\,W_{ij}\qquad(\text{weight from unit } i \text{ to unit } j)")
ui.aside(ui.tr("theory.ws_inverted"))
st.latex(r"h_j \;\mapsto\; \mu_j\,h_j / k_j,\qquad W^{\text{test}} = W")
st.markdown(ui.tr("theory.ws"))

st.header(ui.tr("theory.live_title"))
test_x = exp.split.test.x
st.session_state[ui.WIDGET + "point"] = min(st.session_state[ui.WIDGET + "point"], len(test_x) - 1)
index = st.slider(ui.tr("theory.point"), 0, len(test_x) - 1, key=ui.WIDGET + "point")
x = torch.from_numpy(test_x[index : index + 1])
exact = en.exact_is_feasible(model, 1) and en.exact_mask_count(model) <= 2**20
result = en.all_rules(
    model, x, n_samples=None if exact else MC_SAMPLES, generator=torch.Generator().manual_seed(settings.seed)
)
if model.noise != "bernoulli":
    how = ui.tr("theory.sampled_noise", n=f"{MC_SAMPLES:,}", method=ui.tr(f"side.method.{model.noise}"))
elif not exact:
    how = ui.tr("theory.sampled", n=f"{MC_SAMPLES:,}")
elif result.n_masks == 1:
    how = ui.tr("theory.exact_one")
else:
    how = ui.tr("theory.exact", masks=f"{result.n_masks:,}")
st.markdown(ui.tr("theory.live", x0=float(x[0, 0]), x1=float(x[0, 1]), steps=f"{exp.steps_done:,}") + " " + how)
st.dataframe(rule_table(result), hide_index=False)

mu = mk.sample_masks(keep, 1, torch.Generator().manual_seed(settings.seed))[0]
p_mu = float(mk.mask_probability(mu, keep))
digits = "".join(str(int(v)) for v in mu.tolist())
st.markdown(
    ui.tr("theory.one_mask", mu=digits, p=ui.significant(p_mu), log=f"{math.log10(p_mu):.1f}" if p_mu > 0 else "-∞")
)
if model.noise == "bernoulli":  # other methods draw no unit masks, so there are no subnetworks to count
    st.markdown(visits_sentence(exp.steps_done, exp.trainer.batch_size, mode, k))
