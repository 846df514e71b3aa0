"""Opening a page of the app through Streamlit's AppTest, shared by the tests/test_app*.py files."""

from __future__ import annotations

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


def chart_specs(at: AppTest) -> list[str]:
    """The Plotly JSON of every chart on the page."""
    return [chart.proto.spec for chart in at.get("plotly_chart")]
