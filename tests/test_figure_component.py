"""app/figure_component.py: what the browser gets for each Plotly figure, and the partial Plotly bundle it loads."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import plotly.graph_objects as go
import pytest

from app import figure_component as fc
from dropviz.draw.figures import PLOT_CONFIG
from tests import apptest

ROOT = Path(__file__).resolve().parents[1]
DRAW = ROOT / "dropviz" / "draw"


def test_the_bundle_is_the_cartesian_one_named_by_its_version():
    head = fc.PLOTLY_PATH.read_text(encoding="utf-8")[:300]
    version = re.search(r"plotly\.js \(cartesian - minified\) v(\d+\.\d+\.\d+)", head)
    assert version, head
    assert fc.PLOTLY_BUNDLE == f"plotly-cartesian-{version.group(1)}.min.js"
    assert "MIT license" in head  # the notice travels with the file
    assert fc.PLOTLY_PATH.stat().st_size < 2_000_000  # the point: a third of the full bundle's 4.7 MB


def test_every_trace_type_the_library_draws_is_in_the_bundle():
    """A figure with a trace type the partial bundle lacks would draw nothing in the browser."""
    bundle = fc.PLOTLY_PATH.read_text(encoding="utf-8")
    in_bundle = set(re.findall(r'name:"([a-z0-9]+)",basePlotModule', bundle))
    sources = "\n".join(module.read_text() for module in DRAW.glob("*.py"))
    drawn = {name.lower() for name in re.findall(r"\bgo\.([A-Z][a-z]+)\(", sources)}
    drawn.discard("figure")
    assert drawn and drawn <= in_bundle, (drawn - in_bundle, in_bundle)


def test_static_serving_is_on_and_serves_the_bundle_from_app_static():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableStaticServing"] is True
    assert fc.PLOTLY_PATH.parent == ROOT / "app" / "static"  # Streamlit serves <main script's folder>/static


def test_the_payload_carries_the_figure_config_and_bundle_url():
    fig = go.Figure(go.Scatter(x=[1, 2], y=[3, 4], name="α"), layout={"title": "Two points", "height": 321})
    sent = json.loads(fc.payload(fig, failed="could not draw"))
    assert sent["src"] == "/app/static/" + fc.PLOTLY_BUNDLE
    assert sent["config"] == PLOT_CONFIG and sent["config"]["toImageButtonOptions"]["scale"] == 2
    assert sent["failed"] == "could not draw"
    assert sent["figure"]["data"][0]["y"] == [3, 4] and sent["figure"]["data"][0]["name"] == "α"
    assert sent["figure"]["layout"]["height"] == 321


def test_the_bundle_url_follows_the_servers_base_path(monkeypatch):
    monkeypatch.setattr(fc.st, "get_option", lambda name: "/talks/dropout/" if name == "server.baseUrlPath" else None)
    assert fc.bundle_url() == "/talks/dropout/app/static/" + fc.PLOTLY_BUNDLE


def test_the_page_look_fills_defaults_and_leaves_the_figures_own_settings():
    fig = go.Figure(layout={"template": "plotly_white", "title": "Rules", "font": {"size": 14, "color": "#123456"}})
    looked = fc.with_page_look(fig)
    assert looked["layout"]["title"]["text"] == "<b>Rules</b>"
    assert looked["layout"]["font"] == {"size": 14, "color": "#123456"}  # the figure's own: kept
    template = looked["layout"]["template"]["layout"]
    assert template["font"]["family"] == fc.FONT and template["font"]["color"] == fc.TEXT  # over plotly_white's
    assert template["xaxis"]["gridcolor"] == fig.layout.template.layout.xaxis.gridcolor  # the rest of it: kept
    assert template["xaxis"]["automargin"] is True
    assert "heatmap" in looked["layout"]["template"]["data"]
    assert fig.layout.title.text == "Rules" and fig.layout.template.layout.font.family != fc.FONT  # untouched


@pytest.mark.parametrize("title", [None, "<b>Already bold</b>"])
def test_titles_are_bolded_once_and_only_when_there_is_one(title):
    looked = fc.with_page_look(go.Figure(layout={"title": title}))
    assert looked["layout"].get("title", {}).get("text") == title


@pytest.mark.parametrize(("page", "preloads"), [("inference", True), ("masks", True), ("theory", False)])
def test_pages_that_draw_figures_start_loading_plotly_first(page, preloads):
    at = apptest.open_page(page)
    sent = [json.loads(e.proto.bytes) for e in at.get("bidi_component") if b"preload" in e.proto.bytes]
    assert (sent == [{"src": fc.bundle_url(), "preload": True}]) is preloads, sent
    assert bool(apptest.figures(at)) is preloads  # the pages that preload are the ones that draw
    if preloads:  # at the top of the sidebar, which the browser draws first: its code is fetched first
        first = next(e for e in at.sidebar if type(e).__name__ != "SpecialBlock")
        assert first.proto.component_name == "dropviz_figure" and b"preload" in first.proto.bytes
