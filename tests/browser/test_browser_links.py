"""A shared link reopens the same view: the settings and the training so far, replayed to the same weights."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from dropviz.i18n import t
from tests.browser import harness as h

pytestmark = pytest.mark.browser

HIDDEN_1_DROP = t("side.drop_label", layer=t("side.layer_hidden", i=1))


def run_in_url(page: Page) -> str:
    return parse_qs(urlparse(page.url).query).get("run", [""])[0]


def metrics(page: Page) -> list[str]:
    """The two metrics lines (step, accuracies, losses) of the Train page, as shown."""
    pattern = h.step_pattern()
    lines = page.locator(f'{h.MAIN} [data-testid="stMarkdownContainer"]').filter(has_text=pattern)
    return [line.strip() for line in lines.all_inner_texts()]


def inference_table(page: Page) -> str:
    return page.locator(f'{h.MAIN} [data-testid="stTable"]').first.inner_text()


def test_a_link_opened_in_a_fresh_browser_shows_the_same_training_and_pictures(base_url, new_page):
    a = new_page()
    h.open_app(a, base_url + "/train?hidden=1&width=8")
    h.main_button(a, t("train.step", n=10)).click()
    expect(a.get_by_text("step 10 ", exact=False).first).to_be_visible()
    h.wait_idle(a)
    thumb = h.slider_thumb(h.sidebar_slider(a, HIDDEN_1_DROP))
    thumb.focus()
    thumb.press("ArrowRight")  # 0.5 -> 0.55: the next steps train with another drop probability
    h.wait_idle(a)
    h.main_button(a, t("train.step", n=10)).click()
    h.wait_idle(a)
    expect(a.get_by_text("step 20 ", exact=False).first).to_be_visible()
    h.wait_idle(a)
    assert run_in_url(a) == "10x0.2_0.5~10x0.2_0.55"
    shown = metrics(a)
    assert h.step_counts(a) == [20, 20]

    b = new_page()  # a fresh browser profile: a new Streamlit session that knows nothing but the link
    h.open_app(b, a.url)
    assert metrics(b) == shown
    assert run_in_url(b) == run_in_url(a)

    for page in (a, b):  # the same weights give the same rule tables, to the last digit shown
        page.goto(base_url + "/inference?" + urlparse(a.url).query)
        h.wait_idle(page)
    assert inference_table(a) == inference_table(b) and "↔" in inference_table(a)
    assert "20" in b.locator(h.MAIN).inner_text()


def subnetwork_cards(page: Page) -> list[str | None]:
    """Each card's tooltip on the Subnetworks page: its number, full mask μ and p(μ)."""
    cards = page.locator(f'{h.MAIN} [data-testid="dv-subnet-card"]')
    expect(cards).to_have_count(16)
    return [cards.nth(i).get_attribute("title") for i in range(16)]


def test_redrawn_subnetworks_are_in_the_link(base_url, new_page):
    a = new_page()
    h.open_app(a, base_url + "/subnetworks")
    first = subnetwork_cards(a)
    assert "subdraw" not in a.url
    h.main_button(a, t("subnet.redraw", n=16)).click()
    expect(a).to_have_url(re.compile(r"subdraw=1\b"))
    h.wait_idle(a)
    redrawn = subnetwork_cards(a)
    assert redrawn != first

    b = new_page()  # a fresh browser opening the link shows the very same 16
    h.open_app(b, a.url)
    assert subnetwork_cards(b) == redrawn
