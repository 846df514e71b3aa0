"""The Train page's live decision surface: a Streamlit custom component (v2) that draws it in the browser.

``app/components/surface.js`` evaluates the net from weight snapshots (``dropviz.core.snapshots``) and paints a canvas;
``surface.css`` sizes it. Both are read here and passed inline (Streamlit takes a one-line string for a file path,
which only installed components may use); no build step, no iframe.
"""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st

FILES = Path(__file__).parent / "components"

_surface = st.components.v2.component(
    "dropviz_surface",
    js=(FILES / "surface.js").read_text(encoding="utf-8"),
    css=(FILES / "surface.css").read_text(encoding="utf-8"),
)


def surface(data: dict, key: str) -> bool:
    """Mount (or update) one surface; returns whether its browser last said the page was hidden. ``key`` keeps it
    the same element across runs: without it, new data would make a new element, and the animation would restart
    on every refresh.

    ``data``: ``net`` (``snapshots.net_spec``), ``scene`` (``snapshots.scene``), ``frames`` (snapshots, in step
    order), ``playing``, ``cut`` (a token that changes when the shown net or its drop probabilities change: the
    browser then jumps to the newest frame), ``batch`` (training steps per refresh: the browser plays about 1.5
    refreshes behind the newest snapshot), ``rate`` (expected training steps per second, a first guess until
    the browser has measured it), ``ahead`` (steps in these frames trained ahead of that pace, not counted when
    measuring it), ``seq`` (a clock: data older than data already shown is ignored), ``watch``
    (report when the page is hidden or shown, and when the browser is starved of CPU or not any more: the
    component's fragment then reruns), ``hidden`` and ``starved`` (what the server believes of each).

    It travels as JSON bytes: Streamlit passes bytes through as they are, where a dict would be serialized twice
    (once to send, once to identify the element), which costs more than training a step for every snapshot.
    """
    payload = json.dumps(data, allow_nan=False, separators=(",", ":")).encode()
    result = _surface(
        key=key,
        data=payload,
        width="stretch",
        height="content",
        default={"hidden": False, "starved": False},
        on_hidden_change=_nothing,
        on_starved_change=_nothing,
    )
    return bool(result.get("hidden"))


def hidden_state(key: str) -> bool:
    """What the surface ``key`` last reported (False before it has): usable before it is mounted in this run."""
    return _reported(key, "hidden")


def starved_state(key: str) -> bool:
    """Whether the surface ``key`` last reported its browser short of CPU (few animation frames while playing)."""
    return _reported(key, "starved")


def _reported(key: str, name: str) -> bool:
    state = st.session_state.get(key)
    return bool(state.get(name)) if state is not None else False


def _nothing() -> None:
    """A state value needs a callback (Streamlit's rule); the page reads the value itself."""
