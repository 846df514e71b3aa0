"""Inference rules: arithmetic mean, normalized geometric mean and weight scaling on the same trained net."""

import pandas as pd
import streamlit as st
import torch

from app import training_cache, ui
from app.figure_component import figure
from dropviz.core import ensembles as en
from dropviz.core.compare import jackknife, rule_accuracy, rule_gaps, total_variation
from dropviz.draw.figures import (
    DIFFERENCE_HEIGHT,
    SIDEBAR_DIFFERENCE_HEIGHT,
    SIDEBAR_SURFACES_HEIGHT,
    SURFACES_HEIGHT,
    difference_maps_figure,
    rule_surfaces_figure,
)

MIN_TRAINED_STEPS = ui.MIN_TRAINED_STEPS
GRID_RESOLUTION = training_cache.RULES_GRID
MC_SAMPLES = training_cache.RULES_SAMPLES  # used when exact enumeration is over budget (about 1 s)

settings = ui.current()
exp = ui.experiment(settings)
model = exp.model
RULES = ("arithmetic", "geometric", "weight_scaled")
PAIRS = (("arithmetic", "geometric"), ("arithmetic", "weight_scaled"), ("geometric", "weight_scaled"))  # everywhere
names = {rule: ui.tr(f"rule.{rule}") for rule in RULES}
short = {rule: ui.tr(f"rule.short.{rule}") for rule in RULES}

st.title(ui.tr("inf.title"))
ui.intro(ui.tr("inf.intro"))

if ui.divergence_message(exp):
    st.stop()
ui.train_at_least(exp, MIN_TRAINED_STEPS)
ui.training_note(exp, settings)

split = exp.split
grid, x_eval = training_cache.rule_inputs(split)
n_eval = len(x_eval)
exact = training_cache.rules_are_exact(model, n_eval)


def compute() -> en.Ensemble:
    """All three rules on the grid and on the test points (exact or Monte Carlo), with a progress bar.

    The server keeps the result for the next visitor of the same net (the default one is computed at start)."""

    return ui.shared_rules(model, x_eval, settings.seed, ui.tr("inf.computing"))


def with_error(estimate: torch.Tensor, se: torch.Tensor | None, fmt: str) -> list[str]:
    """Numbers as text; Monte Carlo ones as "value ± one standard error"."""
    if se is None:
        return [format(v, fmt) for v in estimate.reshape(-1).tolist()]
    pairs = zip(estimate.reshape(-1).tolist(), se.reshape(-1).tolist())
    return [ui.plus_minus(v, e, fmt) for v, e in pairs]


def on_grid_and_test(result: en.Ensemble, statistic):
    """A statistic of (arithmetic, geometric) and its jackknife standard error (None when exact)."""
    full = (result.arithmetic, result.geometric)
    if result.exact:
        return torch.as_tensor(statistic(*full), dtype=torch.float64), None
    return jackknife(statistic, full, result.leave_one_out)


key = (exp.serial, exp.steps_done, tuple(model.keep_probs().tolist()), exact)
if st.session_state.get("rules_key") != key:
    st.session_state["rules"] = compute()
    st.session_state["rules_key"] = key
result: en.Ensemble = st.session_state["rules"]
n_grid = len(grid.points)
weight_scaled = result.weight_scaled

if exact and result.n_masks == 1:
    status = st.success, ui.tr("inf.exact_one", steps=f"{exp.steps_done:,}")
elif exact:
    status = st.success, ui.tr("inf.exact", masks=f"{result.n_masks:,}", steps=f"{exp.steps_done:,}")
elif model.noise != "bernoulli" and en.uncertain_units(model) == 0:  # sampled, but every draw is the same net
    method = ui.tr(f"method.short.{model.noise}")
    status = st.success, ui.tr("inf.fixed_noise", method=method, n=f"{MC_SAMPLES:,}", steps=f"{exp.steps_done:,}")
elif model.noise != "bernoulli":  # continuous noise or weight masks: sampled, never enumerated
    status = st.info, ui.tr(f"inf.monte_carlo_{model.noise}", n=f"{MC_SAMPLES:,}", steps=f"{exp.steps_done:,}")
else:
    d = en.uncertain_units(model)
    status = (
        st.info,
        ui.tr("inf.monte_carlo", d=d, points=f"{n_eval:,}", n=f"{MC_SAMPLES:,}", steps=f"{exp.steps_done:,}"),
    )
if ui.presenting():  # one quiet line: the first screen is for the three surfaces
    st.caption(status[1])
else:
    status[0](status[1])
    ui.aside(ui.drop_summary(settings))
    st.subheader(ui.tr("inf.surfaces_title"))

rules = {"arithmetic": result.arithmetic, "geometric": result.geometric, "weight_scaled": weight_scaled}
figure(
    rule_surfaces_figure(
        grid,
        {names[r]: rules[r][:n_grid] for r in RULES},
        split.train.x,
        split.train.y,
        ui.lang(),
        height=SURFACES_HEIGHT if ui.presenting() else SIDEBAR_SURFACES_HEIGHT,
    ),
    key="inference_surfaces",
)
ui.aside(ui.tr("inf.colour_key"))

diffs = {f"{short[a]}<br>↔ {short[b]}": total_variation(rules[a][:n_grid], rules[b][:n_grid]).numpy() for a, b in PAIRS}
st.subheader(ui.tr("inf.diff_title"))
ui.aside(ui.tr("inf.diff_caption"))
height = DIFFERENCE_HEIGHT if ui.presenting() else SIDEBAR_DIFFERENCE_HEIGHT
figure(difference_maps_figure(grid, diffs, ui.lang(), height), key="inference_differences")


def gap_table(a: torch.Tensor, g: torch.Tensor) -> torch.Tensor:
    """[pairs, 4]: max |dp|, mean |dp|, mean KL and share of the grid whose class flips, in PAIRS order."""
    probs = {"arithmetic": a[:n_grid], "geometric": g[:n_grid], "weight_scaled": weight_scaled[:n_grid]}
    rows = rule_gaps(probs)
    order = {(row["a"], row["b"]): row for row in rows}
    metrics = ("max_abs_diff", "mean_abs_diff", "mean_kl", "disagreement")
    return torch.tensor([[order[pair][m] for m in metrics] for pair in PAIRS], dtype=torch.float64)


def test_accuracy(a: torch.Tensor, g: torch.Tensor) -> torch.Tensor:
    probs = {"arithmetic": a[n_grid:], "geometric": g[n_grid:], "weight_scaled": weight_scaled[n_grid:]}
    accuracy = rule_accuracy(probs, torch.from_numpy(split.test.y))
    return torch.tensor([accuracy[r] for r in RULES], dtype=torch.float64)


st.subheader(ui.tr("inf.table_title"))
gaps, gap_se = on_grid_and_test(result, gap_table)
columns = ("inf.col.max", "inf.col.mean", "inf.col.kl", "inf.col.flip")
table = {ui.tr("inf.col.pair"): [f"{short[a]} ↔ {short[b]}" for a, b in PAIRS]}
for j, column in enumerate(columns):
    fmt = ".1%" if column == "inf.col.flip" else ".4f"
    table[ui.tr(column)] = with_error(gaps[:, j], None if gap_se is None else gap_se[:, j], fmt)
st.table(pd.DataFrame(table).set_index(ui.tr("inf.col.pair")))  # static: lighter for a first visit, and it wraps
accuracy, accuracy_se = on_grid_and_test(result, test_accuracy)
cols = st.columns(3)
for i, (col, rule) in enumerate(zip(cols, RULES)):
    se = None if accuracy_se is None or rule == "weight_scaled" else accuracy_se[i : i + 1]
    col.metric(ui.tr("inf.test_acc", rule=short[rule]), with_error(accuracy[i : i + 1], se, ".1%")[0])
caption = ui.tr("inf.table_caption", n=f"{len(split.test.y):,}", grid=f"{GRID_RESOLUTION}×{GRID_RESOLUTION}")
if not result.exact and model.noise != "bernoulli":
    method = ui.tr(f"method.short.{model.noise}")
    caption += " " + ui.tr("inf.standard_error_noise", n=f"{MC_SAMPLES:,}", method=method, groups=en.JACKKNIFE_GROUPS)
elif not result.exact:
    caption += " " + ui.tr("inf.standard_error", n=f"{MC_SAMPLES:,}", groups=en.JACKKNIFE_GROUPS)
st.caption(caption)
