"""Home: what dropout is in one paragraph, and where each page fits in the story."""

import streamlit as st

from app import ui

settings = ui.current()
st.title(ui.tr("home.title"))
ui.intro(ui.tr("home.intro"))

steps = [  # the note's order: masks and subnetworks, bagging, training, then the inference rules and formulas
    ("views/masks.py", ":material/shuffle:", "nav.masks", "home.masks"),
    ("views/subnetworks.py", ":material/account_tree:", "nav.subnetworks", "home.subnetworks"),
    ("views/bagging.py", ":material/shopping_bag:", "nav.bagging", "home.bagging"),
    ("views/train.py", ":material/model_training:", "nav.train", "home.train"),
    ("views/inference.py", ":material/balance:", "nav.inference", "home.inference"),
    ("views/theory.py", ":material/functions:", "nav.theory", "home.theory"),
    ("views/beyond.py", ":material/explore:", "nav.beyond", "home.beyond"),
]
for row in (steps[:3], steps[3:]):
    for column, (page, icon, title, blurb) in zip(st.columns(len(row)), row):
        with column.container(border=True):
            st.page_link(page, label=ui.tr(title), icon=icon)
            st.markdown(ui.tr(blurb))

st.info(ui.tr("home.presenting"), icon=":material/co_present:")
