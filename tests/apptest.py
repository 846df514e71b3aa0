"""Opening a page of the app through Streamlit's AppTest, shared by the tests/test_app*.py files."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

ENTRY = str(Path(__file__).resolve().parents[1] / "app" / "main.py")  # the script (streamlit_app.py wraps it)


def open_page(page: str | None = None, query: dict[str, str] | None = None) -> AppTest:
    """Run the app on ``page`` (a file in app/views, without .py; None = Start) with ``query`` as the URL's
    settings, and fail on any exception the page raised."""
    at = AppTest.from_file(ENTRY, default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    if page:
        at.switch_page(f"views/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def figures(at: AppTest) -> list:
    """Every Plotly figure on the page (app/figure_component.py), as the page sent it: the component's data."""
    sent = [
        json.loads(element.proto.bytes)
        for element in at.get("bidi_component")
        if element.proto.component_name == "dropviz_figure"
    ]
    return [data for data in sent if "figure" in data]  # not the sidebar's empty element that preloads Plotly


def chart_specs(at: AppTest) -> list[str]:
    """The Plotly JSON of every figure on the page."""
    return [json.dumps(sent["figure"], separators=(",", ":"), ensure_ascii=False) for sent in figures(at)]
