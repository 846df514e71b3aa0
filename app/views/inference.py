"""Inference rules: arithmetic mean, normalized geometric mean and weight scaling on the same trained net."""

import numpy as np
import pandas as pd
import streamlit as st
import torch

from app import ui
from dropviz import ensembles as en
from dropviz.compare import rule_accuracy, rule_gaps, total_variation
from dropviz.figures import PLOT_CONFIG, difference_maps_figure, rule_surfaces_figure
from dropviz.grid import make_grid

MIN_TRAINED_STEPS = ui.MIN_TRAINED_STEPS
GRID_RESOLUTION = 40
EXACT_BUDGET = 2**27  # mask-point evaluations the page allows itself for exact enumeration (about 1 s)
MC_SAMPLES = 2000

settings = ui.current()
exp = ui.experiment(settings)
model = exp.model
RULES = ("arithmetic", "geometric", "weight_scaled")
names = {rule: ui.tr(f"rule.{rule}") for rule in RULES}
short = {rule: ui.tr(f"rule.short.{rule}") for rule in RULES}

st.title(ui.tr("inf.title"))
st.markdown(ui.tr("inf.intro"))

if ui.divergence_message(exp):
    st.stop()
ui.train_at_least(exp, MIN_TRAINED_STEPS)
ui.training_note(exp, settings)

split = exp.split
points = np.concatenate([split.train.x, split.test.x])
grid = make_grid(points, GRID_RESOLUTION)
n_eval = len(grid.points) + len(split.test.y)
exact = en.exact_is_feasible(model, n_eval) and en.exact_mask_count(model) * n_eval <= EXACT_BUDGET


def compute() -> dict:
    """All three rules on the grid and on the test points (exact or Monte Carlo), with a progress bar."""
    x = torch.cat([grid.points, torch.from_numpy(split.test.x)])
    bar = st.progress(0.0, text=ui.tr("inf.computing"))
    generator = torch.Generator().manual_seed(settings.seed)
    result = en.all_rules(
        model,
        x,
        n_samples=None if exact else MC_SAMPLES,
        generator=generator,
        progress=lambda f: bar.progress(f, text=ui.tr("inf.computing")),
    )
    bar.empty()
    return {rule: getattr(result, rule) for rule in RULES} | {"n_masks": result.n_masks}


key = (exp.serial, exp.steps_done, tuple(model.keep_probs().tolist()), exact)
if st.session_state.get("rules_key") != key:
    st.session_state["rules"] = compute()
    st.session_state["rules_key"] = key
rules = st.session_state["rules"]
n_grid = len(grid.points)

if exact and rules["n_masks"] == 1:
    st.success(ui.tr("inf.exact_one", steps=exp.steps_done))
elif exact:
    st.success(ui.tr("inf.exact", masks=f"{rules['n_masks']:,}", steps=exp.steps_done))
else:
    d = en.uncertain_units(model)
    st.info(ui.tr("inf.monte_carlo", d=d, points=f"{n_eval:,}", n=f"{MC_SAMPLES:,}", steps=exp.steps_done))
st.caption(ui.drop_summary(settings))

n_classes = model.layer_sizes[-1]
shown = 1
if n_classes > 2:
    shown = st.selectbox(
        ui.tr("inf.class_shown"), list(range(n_classes)), index=0, format_func=lambda c: ui.tr("inf.class_n", c=c)
    )
surfaces = {names[r]: rules[r][:n_grid, shown].numpy() for r in RULES}
st.subheader(ui.tr("inf.surfaces_title", c=shown))
st.plotly_chart(
    rule_surfaces_figure(
        grid, surfaces, split.test.x, split.test.y, ui.lang(), colorbar_title=ui.tr("inf.colorbar", c=shown)
    ),
    config=PLOT_CONFIG,
)

pairs = [("arithmetic", "geometric"), ("geometric", "weight_scaled"), ("arithmetic", "weight_scaled")]
diffs = {f"{short[a]}<br>↔ {short[b]}": total_variation(rules[a][:n_grid], rules[b][:n_grid]).numpy() for a, b in pairs}
st.subheader(ui.tr("inf.diff_title"))
st.caption(ui.tr("inf.diff_caption"))
st.plotly_chart(difference_maps_figure(grid, diffs, ui.lang()), config=PLOT_CONFIG)

st.subheader(ui.tr("inf.table_title"))
gaps = rule_gaps({short[r]: rules[r][:n_grid] for r in RULES})
table = pd.DataFrame(
    [
        {
            ui.tr("inf.col.pair"): f"{row['a']} ↔ {row['b']}",
            ui.tr("inf.col.max"): row["max_abs_diff"],
            ui.tr("inf.col.mean"): row["mean_abs_diff"],
            ui.tr("inf.col.kl"): row["mean_kl"],
            ui.tr("inf.col.flip"): f"{row['disagreement']:.1%}",
        }
        for row in gaps
    ]
)
number = {col: st.column_config.NumberColumn(format="%.4f") for col in table.columns[1:4]}
st.dataframe(table, hide_index=True, column_config=number)
accuracy = rule_accuracy({short[r]: rules[r][n_grid:] for r in RULES}, torch.from_numpy(split.test.y))
cols = st.columns(3)
for col, (name, acc) in zip(cols, accuracy.items()):
    col.metric(ui.tr("inf.test_acc", rule=name), f"{acc:.1%}")
st.caption(ui.tr("inf.table_caption", n=len(split.test.y), grid=f"{GRID_RESOLUTION}×{GRID_RESOLUTION}"))
