"""Masks: sampled dropout masks played on the network diagram, with mu, p(mu) and the count 2^d."""

import streamlit as st

from app import settings as cfg
from app import ui
from dropviz.figures import PLOT_CONFIG
from dropviz.keep_figure import keep_frequency_figure
from dropviz.network_figure import network_figure, sample_frames

settings = ui.current()
exp = ui.experiment(settings)
model = exp.model

st.title(ui.tr("masks.title"))
st.markdown(ui.tr("masks.intro"))

d = model.n_droppable
cols = st.columns([1, 2, 1])
cols[0].metric(ui.tr("masks.units"), d)
count = f"{2**d:,}" if d <= 40 else f"≈ {2.0**d:.2e}"
cols[1].metric(ui.tr("masks.subnetworks", d=d), count, help=ui.tr("masks.subnetworks_help"))
cols[2].metric(ui.tr("masks.trained_steps"), exp.steps_done, help=ui.tr("masks.trained_steps_help"))
st.caption(ui.drop_summary(settings))

left, right = st.columns([3, 1])
n_frames = right.slider(ui.tr("masks.n_frames"), 5, 60, key=ui.WIDGET + "frames")
speed = right.select_slider(ui.tr("masks.frame_ms"), cfg.FRAME_MS, key=ui.WIDGET + "frame_ms")
if right.button(ui.tr("masks.resample"), icon=":material/casino:", width="stretch"):
    st.session_state[ui.WIDGET + "draw"] = (st.session_state[ui.WIDGET + "draw"] + 1) % 10_000
right.info(ui.tr("masks.how_to_play"))

mu, probs = sample_frames(model, n_frames, seed=settings.seed * 10_000 + st.session_state[ui.WIDGET + "draw"])
left.plotly_chart(network_figure(model, mu, probs, ui.lang(), speed), config=PLOT_CONFIG)

st.subheader(ui.tr("masks.frequency_title"))
st.caption(ui.tr("masks.frequency_caption", n=n_frames))
st.plotly_chart(keep_frequency_figure(mu, model.keep_probs(), model.layer_sizes, ui.lang()), config=PLOT_CONFIG)
