"""dropviz: run with `streamlit run app/streamlit_app.py`."""

import sys
from pathlib import Path

import streamlit as st
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # make `app` and `dropviz` importable

from app import ui  # noqa: E402

torch.set_num_threads(1)  # one core per server process: many sessions share this machine

st.set_page_config(page_title="dropviz", page_icon=":material/casino:", layout="wide")
ui.init_state()
ui.sidebar()
KOREAN_LINE_BREAKS = "[data-testid='stApp'] * { word-break: keep-all !important; overflow-wrap: normal !important; }"
if ui.lang() == "ko":  # Korean wraps between words, not inside them
    st.html(f"<style>{KOREAN_LINE_BREAKS}</style>")

PAGES = Path(__file__).parent / "views"  # not "pages/": Streamlit would take that for its old multipage layout
navigation = st.navigation(
    [
        st.Page(PAGES / "home.py", title=ui.tr("nav.home"), icon=":material/home:", default=True),
        st.Page(PAGES / "masks.py", title=ui.tr("nav.masks"), icon=":material/shuffle:", url_path="masks"),
        st.Page(PAGES / "train.py", title=ui.tr("nav.train"), icon=":material/model_training:", url_path="train"),
        st.Page(PAGES / "inference.py", title=ui.tr("nav.inference"), icon=":material/balance:", url_path="inference"),
        st.Page(PAGES / "theory.py", title=ui.tr("nav.theory"), icon=":material/functions:", url_path="theory"),
    ]
)
navigation.run()
