"""The Plotly figures in a real browser (app/components/figure.js with Plotly's partial bundle): drawn on every page
that has them, the toolbar's camera saves a PNG at twice the figure's size, hover labels appear, and a figure
follows its column's width when the sidebar closes."""

from __future__ import annotations

import io
import struct

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from dropviz.i18n import t
from tests.browser import harness as h

pytestmark = pytest.mark.browser

SMALL = "hidden=1&width=4"  # quick pages
PAGES = {"masks": 3, "inference": 2, "beyond": 2}  # figures each page shows


def figures(page: Page):
    return page.locator(f"{h.MAIN} .dropviz-figure")


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:8]
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("name", PAGES)
def test_every_figure_is_drawn_by_the_partial_bundle(base_url, page, name):
    h.open_app(page, f"{base_url}/{name}?{SMALL}")
    expect(figures(page)).to_have_count(PAGES[name])
    for i in range(PAGES[name]):
        figure = figures(page).nth(i)
        expect(figure).to_have_attribute("data-drawn", "yes")
        expect(figure.locator(".main-svg").first).to_be_visible()
    scripts = page.evaluate("[...document.scripts].map(s => s.src).filter(s => s.includes('plotly'))")
    assert len(scripts) == 1 and scripts[0].endswith("/app/static/plotly-cartesian-4.1.1.min.js"), scripts
    assert page.evaluate("window.Plotly.version") == "4.1.1"
    chunks = page.evaluate("performance.getEntriesByType('resource').map(r => r.name)")
    assert not [c for c in chunks if "PlotlyChart" in c]  # Streamlit's own 4.7 MB Plotly was never fetched


def test_the_camera_saves_a_png_at_twice_the_figures_size(base_url, page):
    h.open_app(page, f"{base_url}/beyond?{SMALL}")
    figure = figures(page).first
    box = figure.locator(".main-svg").first.bounding_box()
    figure.hover()
    camera = figure.locator('.modebar-btn[data-title="Download plot as a PNG"]')
    expect(camera).to_be_visible()
    expect(figure.locator('.modebar-btn[data-title^="Share chart"]')).to_have_count(0)  # no upload to Plotly's cloud
    with page.expect_download() as download:
        camera.click()
    data = open(download.value.path(), "rb").read()
    assert download.value.suggested_filename == "dropviz-beyond_convergence.png"  # named after the figure
    assert png_size(data) == (round(2 * box["width"]), round(2 * box["height"])), (png_size(data), box)
    # Nothing cut off at the right edge (the legend is there): drawn in a font the image has, as it was measured.
    image = np.asarray(Image.open(io.BytesIO(data)).convert("L"))
    edge = image[:, -image.shape[1] // 50 :]
    assert edge.min() > 200, f"dark pixels at the PNG's right edge: {int((edge <= 200).sum())}"


def test_hovering_a_surface_shows_its_probability(base_url, page):
    h.open_app(page, f"{base_url}/inference?{SMALL}")
    plot = figures(page).first.locator(".nsewdrag").first  # the first panel's drag layer
    box = plot.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.04, box["y"] + box["height"] * 0.04)  # a corner: no data point
    label = figures(page).first.locator(".hoverlayer .hovertext")
    expect(label).to_have_count(1)
    expect(label).to_contain_text("x₁=")


def test_a_figure_follows_its_column_when_the_sidebar_closes(base_url, page):
    h.open_app(page, f"{base_url}/beyond?{SMALL}")
    svg = figures(page).first.locator(".main-svg").first
    before = svg.bounding_box()["width"]
    page.locator(h.SIDEBAR).hover()  # the collapse button shows on hover
    page.locator('[data-testid="stSidebarCollapseButton"] button').click()
    expect(page.locator(h.SIDEBAR)).to_have_attribute("data-collapsed", "true")
    page.wait_for_function(
        "([el, w]) => el.getBoundingClientRect().width > w + 50", arg=[svg.element_handle(), before], timeout=10_000
    )


def test_a_figure_whose_script_cannot_load_says_so(base_url, page):
    """No blank space without a word when Plotly's bundle does not arrive (a proxy that blocks it, say)."""
    page.route("**/app/static/plotly-*.js", lambda route: route.abort())
    page.goto(f"{base_url}/beyond?{SMALL}")
    failed = figures(page).first
    expect(failed).to_have_attribute("data-drawn", "error", timeout=60_000)
    expect(failed).to_contain_text(t("common.figure_failed"))
