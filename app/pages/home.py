"""Home: what dropout is in one paragraph, and where each page fits in the story."""

import v1_guard  # noqa: I001  (first: see app/v1_guard.py)

import streamlit as st

from app import ui

v1_guard.ensure_entry_ran()

settings = ui.current()
st.title(ui.tr("home.title"))
st.markdown(ui.tr("home.intro"))

steps = [
    ("pages/masks.py", ":material/shuffle:", "nav.masks", "home.masks"),
    ("pages/train.py", ":material/model_training:", "nav.train", "home.train"),
    ("pages/inference.py", ":material/balance:", "nav.inference", "home.inference"),
    ("pages/theory.py", ":material/functions:", "nav.theory", "home.theory"),
]
for column, (page, icon, title, blurb) in zip(st.columns(len(steps)), steps):
    with column.container(border=True):
        st.page_link(page, label=ui.tr(title), icon=icon)
        st.markdown(ui.tr(blurb))

st.info(ui.tr("home.presenting"), icon=":material/co_present:")
