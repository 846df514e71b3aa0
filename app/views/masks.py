"""Masks: sampled dropout masks played on the network diagram, one minibatch's masks, mu, p(mu) and 2^d."""

import streamlit as st
import torch

from app import data_controls, ui
from app import settings as cfg
from app.figure_component import figure
from dropviz.core import ensembles as en
from dropviz.core import masks as mk
from dropviz.core import noise as nz
from dropviz.draw.batch_masks_figure import minibatch_masks_figure
from dropviz.draw.gif_export import masks_gif
from dropviz.draw.keep_figure import keep_frequency_figure
from dropviz.draw.network_figure import HEIGHT, network_figure, sample_frames

PRESENT_HEIGHT = 405  # presenter mode at 1280x720: title, one line, the controls and the whole diagram

settings = ui.current()
exp = ui.experiment(settings)
model = exp.model


def count(n: int) -> str:
    return f"{n:,}"  # exact, however long: 2^98 (the largest net) has 30 digits


def short_count(n: int) -> str:
    """A count that fits a metric tile: exact up to a billion, then 7.4 × 10¹⁹ (the help gives every digit)."""
    if n < 10**9:
        return f"{n:,}"
    exponent = len(str(n)) - 1
    mantissa = n / 10**exponent
    if round(mantissa, 1) >= 10:  # 9.96 rounds up to the next power of ten
        mantissa, exponent = mantissa / 10, exponent + 1
    return ui.times_ten(f"{mantissa:.1f}", exponent)


def minibatch_masks() -> tuple[torch.Tensor, str]:
    """The masks the last training step really used, if it used today's probabilities; else a fresh minibatch."""
    trained_now = exp.log and exp.log[-1][0] == settings.drop_probs()
    if trained_now and model.last_mu is not None:
        return model.last_mu, ui.tr("masks.batch_trained", step=exp.steps_done)
    return mk.sample_masks(model.keep_probs(), exp.trainer.batch_size, fresh_draws()), batch_title()


def fresh_draws() -> torch.Generator:
    return torch.Generator().manual_seed(settings.seed * 10_000 + st.session_state[ui.WIDGET + "draw"] + 1)


def batch_title() -> str:
    return ui.tr(f"masks.batch_{model.noise}", b=exp.trainer.batch_size)


def minibatch_noise() -> tuple[torch.Tensor, str, str]:
    """What one minibatch draws: Bernoulli masks, Gaussian multipliers, or the share of weights DropConnect keeps."""
    if model.noise == "bernoulli":
        return (*minibatch_masks(), "mask")
    batch, keep = exp.trainer.batch_size, model.keep_probs()
    if model.noise == "gaussian":
        return nz.gaussian_multipliers(keep, batch, fresh_draws()), batch_title(), "multiplier"
    blocks = mk.split_by_layer(keep, model.droppable_widths)
    outs = model.layer_sizes[1:]
    shares = [nz.connect_masks(k, n_out, batch, fresh_draws()).mean(1) for k, n_out in zip(blocks, outs)]
    return torch.cat(shares, dim=1), batch_title(), "share"


def per_step(k: int, examples: int) -> str:
    """What one training step trains with these settings: up to one subnetwork per example, fewer when fewer masks
    are possible; for the other noises, what they draw instead. Nothing when nothing varies (the info box says so)."""
    if k == 0:
        return ""
    if model.noise != "bernoulli":
        return ui.tr(f"masks.per_step_{model.noise}")
    if 2**k < examples:
        return ui.tr("masks.per_step_few", possible=count(2**k), b=examples)
    return ui.tr("masks.per_step_all", b=examples)


def right_side(k: int) -> str:
    """The sentence about the minibatch figure on the right."""
    if k == 0:
        return ui.tr("masks.right_same")
    return ui.tr(f"masks.right_{model.noise}")


def varying(k: int) -> str:
    if k == 0:
        return ui.tr("masks.compact_varying_none")
    return ui.tr("masks.compact_varying_one") if k == 1 else ui.tr("masks.compact_varying", k=k)


def trained(steps: int) -> str:
    if steps == 0:
        return ui.tr("masks.compact_untrained")
    return ui.tr("masks.compact_trained_one") if steps == 1 else ui.tr("masks.compact_trained", steps=f"{steps:,}")


def steps_help(steps: int) -> str:
    if steps == 0:
        return ui.tr("masks.untrained_help")
    return ui.tr("masks.trained_steps_help", steps=f"{steps:,}")


d, k = model.n_droppable, en.uncertain_units(model)
st.title(ui.tr("masks.title"))
ui.intro(
    " ".join(filter(None, [ui.tr("masks.intro"), per_step(k, exp.trainer.batch_size)]))
)  # every step has batch_size examples

if ui.presenting():  # one line instead of a row of big numbers: the diagram needs the room
    st.markdown(ui.tr("masks.compact", d=d, varying=varying(k), count=count(2**d), trained=trained(exp.steps_done)))
else:
    cols = st.columns(4)
    cols[0].metric(ui.tr("masks.units"), d)
    cols[1].metric(ui.tr("masks.varying"), k, help=ui.tr("masks.varying_help"))
    subnetworks_help = ui.tr("masks.subnetworks_help", exact=count(2**d))
    cols[2].metric(ui.tr("masks.subnetworks", d=d), short_count(2**d), help=subnetworks_help)
    cols[3].metric(ui.tr("masks.trained_steps"), f"{exp.steps_done:,}", help=steps_help(exp.steps_done))
    st.caption(ui.drop_summary(settings))
    by = ui.pretrained_by(exp)
    if by is not None:  # the visitor never trained: say which page did, and why
        st.caption(ui.tr("masks.pretrained", steps=f"{exp.steps_done:,}", by=by))
if k < d:
    possible = {0: "masks.possible_none", 1: "masks.possible_one"}.get(k, "masks.possible")
    st.info(ui.tr(possible, possible=count(2**k), count=count(2**d), k=k))

controls = st.columns([2, 2, 1.3])
n_frames = controls[0].slider(ui.tr("masks.n_frames"), 5, 60, key=ui.WIDGET + "frames")
speed = controls[1].select_slider(ui.tr("masks.frame_ms"), cfg.FRAME_MS, key=ui.WIDGET + "frame_ms")
if controls[2].button(ui.tr("masks.resample"), icon=":material/casino:", width="stretch"):
    st.session_state[ui.WIDGET + "draw"] = (st.session_state[ui.WIDGET + "draw"] + 1) % 10_000
ui.aside(ui.tr("masks.how_to_play", right=right_side(k)))

left, right = st.columns([3, 2])
frequency = st.container()  # under both columns
mu, probs = sample_frames(model, n_frames, seed=settings.seed * 10_000 + st.session_state[ui.WIDGET + "draw"])

# The light figures are sent first, although the diagram is drawn above them: a browser fetches and starts Plotly's
# script (about half a second) only once a figure arrives, and it then does so while the diagram is built.
values, title, kind = minibatch_noise()
with right:
    figure(minibatch_masks_figure(values, model.droppable_widths, ui.lang(), title, kind), key="masks_batch")
if model.noise != "bernoulli":
    right.info(ui.tr(f"masks.note_{model.noise}"))
with frequency:
    st.subheader(ui.tr("masks.frequency_title"))
    ui.aside(ui.tr("masks.frequency_caption" if k else "masks.frequency_fixed", n=n_frames))
    figure(keep_frequency_figure(mu, model.keep_probs(), model.layer_sizes, ui.lang()), key="masks_keep")

height = PRESENT_HEIGHT if ui.presenting() else HEIGHT
diagram = network_figure(model, mu, probs, ui.lang(), speed, height, legend_beside_title=ui.presenting())
with left:
    figure(diagram, key="masks_diagram")


def animation_gif() -> bytes:
    with st.spinner(ui.tr("common.gif_making")):
        return masks_gif(model, mu, probs, ui.lang(), speed)


with left:  # the same masks as the diagram: same net and weights, same draw, same frame time
    shown = (exp.serial, exp.steps_done, settings.drop_probs(), n_frames, speed, settings.seed, settings.draw)
    data_controls.offer_gif("masks", (*shown, ui.lang()), animation_gif, ui.lang())
