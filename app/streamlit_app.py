"""dropviz: `streamlit run app/streamlit_app.py`.

This file only wraps the app (``app/main.py``) in ``st.App`` so the server can warm up before its first visitor:
Streamlit runs no code of ours until someone opens a page, and that first visit used to pay for importing torch
and pandas, Plotly's lazy validators and training the default net (about 4.5 s on a quiet 2-core machine).
"""

import sys
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parents[1]


@asynccontextmanager
async def warm_up(_app):
    """Runs once, at server start, before the first request is answered."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from app import warmup

    warmup.prepare_process()
    yield


app = st.App("main.py", lifespan=warm_up)
