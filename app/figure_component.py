"""Every Plotly figure of the app, drawn by a small custom component (v2) instead of ``st.plotly_chart``.

Why: ``st.plotly_chart`` brings the full Plotly bundle (4.7 MB); evaluating it was the largest single cost of a
first visit (1.1-1.5 s of a fresh browser's time). ``app/components/figure.js`` loads Plotly's "cartesian" partial
bundle instead (1.5 MB: bar, heatmap, image, scatter and a few more, which is all the app draws), from
``app/static/`` through Streamlit's static file serving (``.streamlit/config.toml``). The figure keeps Plotly's
hover and toolbar, with ``PLOT_CONFIG``'s 2x PNG export.

The bundle is ``dist/plotly-cartesian.min.js`` of the npm package ``plotly.js-cartesian-dist-min`` (MIT licence,
notice at the top of the file), the same Plotly major version as Streamlit's own; to update it, run
``npm pack plotly.js-cartesian-dist-min@<version>`` and copy that file here under its new version's name.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

from app import ui
from dropviz.draw.figures import PLOT_CONFIG

FILES = Path(__file__).parent / "components"
PLOTLY_BUNDLE = "plotly-cartesian-4.1.1.min.js"  # in app/static/
PLOTLY_PATH = Path(__file__).parent / "static" / PLOTLY_BUNDLE

PRELOAD_KEY = "plotly_preload"  # figure.css hides the element with this key (class st-key-plotly_preload)
_figure = st.components.v2.component(
    "dropviz_figure",
    js=(FILES / "figure.js").read_text(encoding="utf-8"),
    css=(FILES / "figure.css").read_text(encoding="utf-8"),
    # Plotly puts its own styles (toolbar, hover labels) in the page's <head>: a shadow root would hide them.
    isolate_styles=False,
)


# The page's look, which st.plotly_chart used to lend every figure (its "streamlit" theme): the page's font, titles
# in bold, tick labels set off from the plot. It goes into the figure's template, as Streamlit's did, so the
# figure's own settings win. The text is the page's dark grey, not Streamlit's lighter one: this is for a projector.
TEXT = "#31333F"
FONT = '"Source Sans", sans-serif'
PAGE_LOOK: dict = {
    "font": {"family": FONT, "color": TEXT},
    "title": {"font": {"color": TEXT}},
    "hoverlabel": {"font": {"family": FONT}},
    "margin": {"pad": 8},
    "xaxis": {"automargin": True, "zeroline": False, "title": {"standoff": 10}},
    "yaxis": {"automargin": True, "ticklabelposition": "outside", "title": {"standoff": 12}},
}


def with_page_look(fig: go.Figure) -> dict:
    """``fig`` as Plotly JSON (a dict) with ``PAGE_LOOK`` under its own layout, and its title in bold. Done on the
    JSON, not on the figure: copying a figure through Plotly's validators costs about 40 ms."""
    spec = json.loads(fig.to_json())
    layout = spec.setdefault("layout", {})
    template = layout.setdefault("template", {}).setdefault("layout", {})
    _merge(template, PAGE_LOOK)  # over the template's (plotly_white) choices, under the figure's
    title = layout.get("title", {}).get("text")
    if title and not title.startswith("<b>"):
        layout["title"]["text"] = f"<b>{title}</b>"
    return spec


def _merge(into: dict, new: dict) -> None:
    """Deep update: ``new``'s values replace ``into``'s, nested dicts merged."""
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def bundle_url() -> str:
    """Where the browser finds the bundle: ``/app/static/...`` under the server's base path, if any."""
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/app/static/{PLOTLY_BUNDLE}" if base else f"/app/static/{PLOTLY_BUNDLE}"


def payload(fig: go.Figure, failed: str = "", name: str = "") -> bytes:
    """The component's data: the figure as Plotly JSON (Plotly's own encoder, which knows numpy arrays), the
    toolbar config (its PNG named after ``name``), the bundle's URL and what to say if it cannot be loaded. Bytes
    travel to the browser as they are (a dict would be serialized twice)."""
    config = PLOT_CONFIG
    if name:  # "dropviz-train_curves.png": slides made of several figures need telling apart
        png = {**PLOT_CONFIG["toImageButtonOptions"], "filename": "dropviz-" + re.sub(r"[^\w-]", "_", name)}
        config = {**PLOT_CONFIG, "toImageButtonOptions": png}
    head = json.dumps({"src": bundle_url(), "config": config, "failed": failed}, separators=(",", ":"))
    figure = json.dumps(with_page_look(fig), separators=(",", ":"))
    return (head[:-1] + ',"figure":' + figure + "}").encode()


def preload() -> None:
    """Start loading Plotly in the browser now. Called before anything else on a page that draws figures, this
    empty element at the top of the sidebar (drawn before the page) is the first whose code the browser fetches,
    ahead of the sidebar's widgets, which queue about forty files on its six connections to the server; so Plotly
    arrives and is evaluated while the server still computes the page. Its container is hidden (``figure.css``)."""
    data = json.dumps({"src": bundle_url(), "preload": True}).encode()
    with st.sidebar:
        _figure(key=PRELOAD_KEY, data=data, width="stretch", height="content")


def figure(fig: go.Figure, key: str) -> None:
    """Show ``fig`` across the container's width. ``key`` keeps it the same element across reruns (Plotly then
    redraws only what changed), so it must be unique on the page."""
    _figure(key=key, data=payload(fig, ui.tr("common.figure_failed"), key), width="stretch", height="content")
