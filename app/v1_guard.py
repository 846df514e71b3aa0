"""Keeps the app on st.navigation even when a fresh server's first visitor opens a page's URL directly.

Streamlit treats a ``pages/`` folder beside the entry script as an old-style (v1) multipage app until the
entry calls ``st.navigation`` once; before that, a request for ``/train`` runs ``pages/train.py`` alone, with no
sidebar and no import path. The entry calls ``leave_v1_mode()``; every page imports this module first and calls
``ensure_entry_ran()`` before drawing, which reruns so the entry runs first (AppTest resets the mode every run).
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
    """Called by the entry script: switch the old-style mode off for the whole server, then start over."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def ensure_entry_ran() -> None:
    """Called by every page: a page running without the entry (old-style mode, also a second visitor's first
    request that started before the first visitor switched the mode off) reruns so the entry runs first."""
    if PagesManager.uses_pages_directory or "initialized" not in st.session_state:
        PagesManager.uses_pages_directory = False
        st.rerun()
