"""The app script: sidebar, navigation and URL sync around one page. `streamlit run app/streamlit_app.py` serves it."""

import sys
from pathlib import Path

import streamlit as st
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # make `app` and `dropviz` importable

from app import figure_component, ui, warmup  # noqa: E402

torch.set_num_threads(1)  # one core per server process: many sessions share this machine

warmup.start(ui.MIN_TRAINED_STEPS)  # once per server process, in the background
ui.init_state()
st.set_page_config(
    page_title="dropviz",
    page_icon=":material/casino:",
    layout="wide",
    initial_sidebar_state="collapsed" if ui.presenting() else "auto",
)
PAGES = Path(__file__).parent / "views"  # not "pages/": Streamlit would take that for its old multipage layout
PAGE_LIST = [  # (file, title key, icon, URL path); the first is the default page, served at /
    ("home.py", "nav.home", "home", None),
    ("masks.py", "nav.masks", "shuffle", "masks"),
    ("subnetworks.py", "nav.subnetworks", "account_tree", "subnetworks"),
    ("bagging.py", "nav.bagging", "shopping_bag", "bagging"),
    ("train.py", "nav.train", "model_training", "train"),
    ("inference.py", "nav.inference", "balance", "inference"),
    ("theory.py", "nav.theory", "functions", "theory"),
    ("beyond.py", "nav.beyond", "explore", "beyond"),
]
PLOTLY_PAGES = ("masks", "inference", "beyond")  # pages that draw Plotly figures as soon as they open
navigation = st.navigation(
    [
        st.Page(PAGES / file, title=ui.tr(title), icon=f":material/{icon}:", url_path=path, default=path is None)
        for file, title, icon, path in PAGE_LIST
    ]
)
if navigation.url_path in PLOTLY_PAGES:
    figure_component.preload()  # before anything else that loads code in the browser: see preload()
ui.sidebar()
KOREAN_LINE_BREAKS = "[data-testid='stApp'] * { word-break: keep-all !important; overflow-wrap: normal !important; }"
if ui.lang() == "ko":  # Korean wraps between words, not inside them
    st.html(f"<style>{KOREAN_LINE_BREAKS}</style>")
PRESENTER_SPACING = (
    "[data-testid='stMainBlockContainer'] { padding: 2.2rem 2.5rem 1rem 2.5rem !important; max-width: none; }"
)
if ui.presenting():  # the first screen is for the figure, not for Streamlit's top margin
    st.html(f"<style>{PRESENTER_SPACING}</style>")

st.session_state[ui.PAGE] = navigation.url_path  # "theory": the Train page names the page that trained its nets
try:
    navigation.run()
finally:  # pages may clamp a setting or train: the address bar must show the final state, even after st.stop()
    ui.write_url()
