"""Home: what dropout is in one paragraph, and where each page fits in the story."""

import streamlit as st

from app import ui

settings = ui.current()
st.title(ui.tr("home.title"))
ui.intro(ui.tr("home.intro"))

steps = [
    ("views/masks.py", ":material/shuffle:", "nav.masks", "home.masks"),
    ("views/train.py", ":material/model_training:", "nav.train", "home.train"),
    ("views/inference.py", ":material/balance:", "nav.inference", "home.inference"),
    ("views/theory.py", ":material/functions:", "nav.theory", "home.theory"),
]
for column, (page, icon, title, blurb) in zip(st.columns(len(steps)), steps):
    with column.container(border=True):
        st.page_link(page, label=ui.tr(title), icon=icon)
        st.markdown(ui.tr(blurb))

st.info(ui.tr("home.presenting"), icon=":material/co_present:")
