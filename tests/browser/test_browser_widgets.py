"""Sidebar widgets drive what is shown, and each visitor's settings and training are their own."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from dropviz.i18n import t
from tests.browser import harness as h

pytestmark = pytest.mark.browser

INPUTS_DROP = t("side.drop_label", layer=t("side.layer_inputs"))
DEFAULT_P_IN = 0.2
STEP = 0.05  # the drop sliders' step


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def press_right(page: Page, slider_label: str, times: int) -> float:
    """Move a sidebar slider ``times`` steps right with the keyboard; returns the value the thumb shows.

    One key press per script run: a press that lands while the previous run is still going can be undone by
    that run (see the report on lost key presses), and this test is about what is shown, not about that race.
    """
    thumb = h.slider_thumb(h.sidebar_slider(page, slider_label))
    for _ in range(times):
        before = float(thumb.input_value())
        thumb.focus()
        thumb.press("ArrowRight")
        expect(thumb).to_have_value(f"{before + STEP:g}")
        h.wait_idle(page)
    return float(thumb.input_value())


def sidebar_caption(page: Page, text: str):
    return page.locator(f'{h.SIDEBAR} [data-testid="stCaptionContainer"]').get_by_text(text, exact=True)


def network_chart(page: Page):
    """The masks page's network diagram: the Plotly chart whose title is 'mask 1 of n: ...'."""
    return page.locator(f"{h.MAIN} .dropviz-figure").filter(
        has=page.locator(".gtitle", has_text=re.compile("^" + re.escape(h.text_before_values("fig.net.frame"))))
    )


def expect_figure_text(chart, text: str) -> None:
    """Plotly draws each line of a ``<br>``-separated label as its own SVG text, so check line by line."""
    for line in re.split(r"<br\s*/?>", text):
        expect(chart).to_contain_text(line.strip())


def test_moving_the_inputs_drop_slider_updates_caption_link_and_diagram(base_url, page):
    h.open_app(page, base_url + "/masks")
    thumb = h.slider_thumb(h.sidebar_slider(page, INPUTS_DROP))
    expect(thumb).to_have_value(f"{DEFAULT_P_IN:g}")
    expect(sidebar_caption(page, t("side.keep_is", keep=1 - DEFAULT_P_IN))).to_have_count(1)
    chart = network_chart(page)
    expect(chart).to_have_count(1)
    expect_figure_text(chart, t("fig.layer.drop", drop=f"{DEFAULT_P_IN:.2f}", keep=f"{1 - DEFAULT_P_IN:.2f}"))
    title_before = chart.locator(".gtitle").text_content()
    assert "p_in" not in query(page)  # defaults stay out of the link

    p_in = press_right(page, INPUTS_DROP, 3)

    assert p_in == pytest.approx(DEFAULT_P_IN + 3 * STEP)
    expect(h.sidebar_slider(page, INPUTS_DROP).locator('[data-testid="stSliderThumbValue"]')).to_have_text(
        f"{p_in:.2f}"
    )
    expect(sidebar_caption(page, t("side.keep_is", keep=1 - p_in))).to_have_count(1)
    expect(sidebar_caption(page, t("side.keep_is", keep=1 - DEFAULT_P_IN))).to_have_count(0)
    assert query(page).get("p_in") == [f"{p_in:g}"]
    expect_figure_text(chart, t("fig.layer.drop", drop=f"{p_in:.2f}", keep=f"{1 - p_in:.2f}"))
    # p(mu) in the title depends on the inputs' keep probability whichever mask is drawn
    assert chart.locator(".gtitle").text_content() != title_before
    main_summary = t("common.layer_drop", layer=t("side.layer_inputs"), p=p_in, keep=1 - p_in)
    expect(page.locator(f'{h.MAIN} [data-testid="stCaptionContainer"]').filter(has_text=main_summary)).to_have_count(1)


def test_two_visitors_do_not_share_training_or_settings(base_url, new_page):
    a, b = new_page(), new_page()
    h.open_app(a, base_url + "/train")
    h.open_app(b, base_url + "/train")
    assert h.step_counts(a) == [0, 0] and h.step_counts(b) == [0, 0]

    step_a = h.main_button(a, t("train.step", n=10))
    step_a.click()
    h.wait_idle(a)
    one_step = h.step_counts(a)[0]
    assert one_step > 0
    for _ in range(2):
        step_a.click()
        h.wait_idle(a)
    assert h.step_counts(a) == [3 * one_step] * 2

    b.locator("body").press("r")  # Streamlit's rerun shortcut: B draws its page again
    h.wait_idle(b)
    assert h.step_counts(b) == [0, 0]
    h.main_button(b, t("train.step", n=10)).click()
    h.wait_idle(b)
    assert h.step_counts(b) == [one_step] * 2  # its own first step, not A's fourth
    assert h.step_counts(a) == [3 * one_step] * 2

    p_in = press_right(a, INPUTS_DROP, 1)
    assert query(a).get("p_in") == [f"{p_in:g}"]
    b.locator("body").press("r")
    h.wait_idle(b)
    expect(h.slider_thumb(h.sidebar_slider(b, INPUTS_DROP))).to_have_value(f"{DEFAULT_P_IN:g}")
    expect(sidebar_caption(b, t("side.keep_is", keep=1 - DEFAULT_P_IN))).to_have_count(1)
    assert "p_in" not in query(b)
