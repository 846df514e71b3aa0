"""Subnetworks page: being built (issue 7)."""

import streamlit as st

from app import ui

st.title(ui.tr("nav.subnetworks"))
