"""Keeps the app on st.navigation even when a fresh server's first visitor opens a page's URL directly.

Streamlit treats a ``pages/`` folder beside the entry script as an old-style (v1) multipage app until the
entry calls ``st.navigation`` once; before that, a request for ``/train`` runs ``pages/train.py`` alone, with no
sidebar and no import path. Every page imports this module first and calls ``leave_v1_mode()`` before drawing:
it switches that mode off and reruns, so the entry script runs as it should (AppTest resets the mode every run).
Streamlit puts the entry's folder (``app/``) on ``sys.path``, so this module is importable from a page; it also
puts the repository root there, for ``app`` and ``dropviz``.
"""

import sys
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

ROOT = str(Path(__file__).resolve().parents[1])
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)


def leave_v1_mode() -> None:
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
