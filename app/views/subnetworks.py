"""Subnetworks: the book's Figure 7.6 made live. Every subnetwork (or a sample), its surface, p(mu), one test point."""

import numpy as np
import pandas as pd
import streamlit as st
import torch

from app import ui
from dropviz.core import subnetworks as sn
from dropviz.core.experiment import Experiment
from dropviz.core.grid import Grid, make_grid
from dropviz.core.model import DropoutMLP
from dropviz.draw.network_figure import format_probability
from dropviz.draw.subnetwork_figure import CardImages, card_images, ensemble_png, gallery_html

GRID_RESOLUTION = 40
MASK_COLUMN_CHARS = 24  # a longer mask column gets a fixed width: the table then fits 1280 px beside the sidebar
BOOK_NET = {"hidden": 1, "width": 2}  # Figure 7.6: two inputs, one hidden layer of two units
DRAW = ui.WIDGET + "subdraw"  # how many times "redraw" was pressed: seeds the sample; in the link, like the settings
CARDS = "subnet_cards"  # (key, card images): drawn again only when the net, its weights or the subnetworks change


def use_book_net() -> None:
    """Set the sidebar's architecture before its widgets are drawn; the URL follows from the sidebar."""
    for name, value in BOOK_NET.items():
        st.session_state[ui.WIDGET + name] = value


def draw_another() -> None:
    st.session_state[DRAW] = (st.session_state[DRAW] + 1) % 10_000


def header(sampled: bool) -> None:
    """Title and buttons on one row, so that the gallery fits the first screen (short labels, help on hover)."""
    title, preset, redraw = st.columns([7, 2, 2], vertical_alignment="bottom")
    title.title(ui.tr("subnet.title"))
    preset.button(
        ui.tr("subnet.preset"),
        key="subnet_preset",
        on_click=use_book_net,
        help=ui.tr("subnet.preset_help"),
        icon=":material/menu_book:",
        width="stretch",
    )
    if sampled:
        redraw.button(
            ui.tr("subnet.redraw", n=sn.N_SAMPLED),
            key="subnet_redraw",
            on_click=draw_another,
            help=ui.tr("subnet.redraw_help", n=sn.N_SAMPLED),
            icon=":material/casino:",
            width="stretch",
        )


def summary(subnets: sn.Subnetworks) -> str:
    """How many units can vary, how many subnetworks there are, and how many link an input to an output."""
    d, free, n = subnets.n_droppable, subnets.n_free, len(subnets.probs)
    if free == d:
        units = ui.tr("subnet.units_all", d=d)
    elif free == 0:
        units = ui.tr("subnet.units_none", d=d)
    else:
        units = ui.tr("subnet.units_some", d=d, free=free, fixed=d - free)
    total, power = f"{subnets.total:,}", "2" + str(free).translate(ui.SUPERSCRIPT)
    linked = int(subnets.connected.sum())
    if subnets.sampled:
        count = ui.tr("subnet.sampled", power=power, total=total, n=n)
        paths = ui.tr(
            "subnet.paths_sampled",
            n=n,
            linked=linked,
            cut=n - linked,
            power=power,
            cut_all=f"{subnets.total - subnets.n_connected_all:,}",
            p=format_probability(1.0 - subnets.p_connected_all),
        )
    else:
        count = ui.tr("subnet.one") if n == 1 else ui.tr("subnet.listed", total=total)
        p_cut = float(subnets.probs[~subnets.connected].sum())
        paths = ui.tr("subnet.paths_listed", linked=linked, cut=n - linked, p=format_probability(p_cut))
    return f"{units} {count}  \n{paths}"


def cards(exp: Experiment, subnets: sn.Subnetworks, grid: Grid, grid_probs: torch.Tensor, slot) -> list[CardImages]:
    """The card images, kept in session state while nothing they show changes (else drawn with a progress bar)."""
    key = (exp.serial, exp.steps_done, tuple(exp.model.keep_probs().tolist()), subnets.masks.numpy().tobytes())
    cached = st.session_state.get(CARDS)
    if cached and cached[0] == key:
        return cached[1]
    bar = slot.progress(0.0, text=ui.tr("subnet.drawing"))
    train = exp.split.train
    images = card_images(
        exp.model,
        subnets,
        grid_probs,
        grid,
        train.x,
        train.y,
        progress=lambda f: bar.progress(f, text=ui.tr("subnet.drawing")),
    )
    st.session_state[CARDS] = (key, images)
    return images


def subnetwork_rows(subnets: sn.Subnetworks, table: sn.PointTable) -> pd.DataFrame:
    """One row per subnetwork at the test point: p(mu), its path, p(y | x, mu), and mu itself."""
    rows = []
    for i in range(len(subnets.probs)):
        row = {
            ui.tr("subnet.col.index"): i + 1,
            ui.tr("subnet.col.kept"): f"{int(subnets.units_kept[i])}/{subnets.n_droppable}",
            "p(μ)": format_probability(float(subnets.probs[i])),
            ui.tr("subnet.col.path"): ui.tr("subnet.path_yes" if subnets.connected[i] else "subnet.path_no"),
        }
        row |= {ui.tr("subnet.col.class", c=c): float(p) for c, p in enumerate(table.probs[i])}
        rows.append(row | {ui.tr("subnet.col.mask"): subnets.mask_text(i)})  # last: 66 digits would push the rest off
    return pd.DataFrame(rows)


def shown_means(table: sn.PointTable, estimates: bool) -> dict[str, list[str]]:
    """Each rule's class probabilities as shown: the two means ± their standard errors when they are estimates from
    a sample (``estimates``), exact otherwise, and weight scaling (one run of the whole net) beside them."""
    combos = {
        ui.tr("subnet.rule.arithmetic"): (table.arithmetic, table.arithmetic_se),
        ui.tr("subnet.rule.geometric"): (table.geometric, table.geometric_se),
        ui.tr("subnet.rule.weight_scaled"): (table.weight_scaled, None),
    }
    shown = {}
    for name, (probs, errors) in combos.items():
        if errors is None or not estimates:
            shown[name] = [f"{float(p):.4f}" for p in probs]
        else:
            shown[name] = [ui.plus_minus(float(p), float(e), ".4f") for p, e in zip(probs, errors)]
    return shown


def combination_rows(means: dict[str, list[str]]) -> pd.DataFrame:
    rows = [{ui.tr("subnet.col.combination"): name} | dict(zip(class_columns(len(v)), v)) for name, v in means.items()]
    return pd.DataFrame(rows)


def class_columns(n_classes: int) -> list[str]:
    return [ui.tr("subnet.col.class_y", c=c) for c in range(n_classes)]


def show_table(frame: pd.DataFrame) -> None:
    """The table at the page's width: numbers to 4 digits; a mask too long to fit is cut at the table's right edge
    (its header's help says where to read all of it), so that it never pushes the table wider than the page."""
    config = {col: st.column_config.NumberColumn(format="%.4f") for col in frame.columns if frame[col].dtype == float}
    mask = ui.tr("subnet.col.mask")
    if mask in frame.columns and frame[mask].str.len().max() > MASK_COLUMN_CHARS:
        config[mask] = st.column_config.TextColumn(width="medium", help=ui.tr("subnet.col.mask_help"))
    st.dataframe(frame, hide_index=True, column_config=config)


def method_name(model: DropoutMLP) -> str | None:
    """What the Inference and Theory pages average over when the net is not trained with dropout, else None."""
    return None if model.noise == "bernoulli" else ui.tr(f"subnet.method.{model.noise}")


def combination_caption(subnets: sn.Subnetworks, exact: str | None, method: str | None) -> str:
    """What the three rows are (exact means or estimates from a sample, and what the other pages average over),
    then whether weight scaling matches the geometric mean exactly for this net (``exact``, a reason from
    ``subnetworks.weight_scaling_exact``) or only approximates it."""
    if exact in ("one", "same"):
        return ui.tr(f"subnet.ws.{exact}")
    n = len(subnets.probs)
    kind = "sampled" if subnets.sampled else "listed"
    means = ui.tr(f"subnet.combo_{kind}_noise" if method else f"subnet.combo_{kind}", n=n, method=method)
    return means + " " + ui.tr(f"subnet.ws.{exact or 'approx'}")


settings = ui.current()
exp = ui.experiment(settings)
model = exp.model
header(sn.subnetwork_count(model) > sn.MAX_LISTED)
if ui.divergence_message(exp):
    st.stop()
ui.train_at_least(exp, ui.MIN_TRAINED_STEPS)
ui.training_note(exp, settings)
if model.noise != "bernoulli":
    st.info(ui.tr(f"subnet.note_{model.noise}"))

split = exp.split
generator = torch.Generator().manual_seed(settings.seed * 100_003 + st.session_state[DRAW])
subnets = sn.list_subnetworks(model, generator=generator)
exact = sn.weight_scaling_exact(model)
estimates = subnets.sampled and exact != "same"  # identical subnetworks: their plain mean is the exact one
st.markdown(summary(subnets))

grid = make_grid(np.concatenate([split.train.x, split.test.x]), GRID_RESOLUTION)
grid_probs, ensemble = sn.surfaces(model, grid.points, subnets)
st.session_state[ui.WIDGET + "point"] = min(st.session_state[ui.WIDGET + "point"], len(split.test.x) - 1)
point = st.session_state[ui.WIDGET + "point"]
x = split.test.x[point]
table = sn.point_table(model, torch.from_numpy(x[None]), subnets)
means = shown_means(table, estimates)
arithmetic = next(iter(means.values()))
gallery = st.empty()
images = cards(exp, subnets, grid, grid_probs, gallery)
ensemble_image = ensemble_png(ensemble, grid, split.train.x, split.train.y, x, split.test.y[point])
point_values = [f"{name} = {value}" for name, value in zip(class_columns(len(arithmetic)), arithmetic)]
gallery.html(gallery_html(subnets, images, ensemble_image, ui.lang(), point_values, method_name(model)))
ui.aside(ui.tr("subnet.card_caption", steps=exp.steps_done) + "  \n" + ui.drop_summary(settings))

st.subheader(ui.tr("subnet.table_title"))
st.slider(ui.tr("subnet.point"), 0, len(split.test.x) - 1, key=ui.WIDGET + "point")
st.markdown(ui.tr("subnet.point_at", x0=float(x[0]), x1=float(x[1]), y=int(split.test.y[point])))
show_table(subnetwork_rows(subnets, table))
show_table(combination_rows(means))
st.caption(combination_caption(subnets, exact, method_name(model)))
