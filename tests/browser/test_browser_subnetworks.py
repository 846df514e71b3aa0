"""The Subnetworks page in Chromium: the cards follow the drop sliders, and 16 of them fit the first screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from dropviz.i18n import t
from tests.browser import harness as h

pytestmark = pytest.mark.browser

CARD = '[data-testid="dv-subnet-card"]'
ENSEMBLE = '[data-testid="dv-ensemble"] img'
FIRST_SCREEN = {"width": 1280, "height": 720}


def cards(page: Page):
    return page.locator(f"{h.MAIN} {CARD}")


def gallery_html(page: Page) -> str:
    return page.locator(f"{h.MAIN} .dv-gallery").inner_html()


def press_right(page: Page, label: str) -> None:
    """One keyboard step right on a sidebar slider, then wait for the page to finish redrawing."""
    thumb = h.slider_thumb(h.sidebar_slider(page, label))
    before = float(thumb.input_value())
    thumb.focus()
    thumb.press("ArrowRight")
    expect(thumb).to_have_value(f"{before + 0.05:g}")
    h.wait_idle(page)


def collapse_sidebar(page: Page) -> None:
    page.locator(h.SIDEBAR).hover()
    page.locator('[data-testid="stSidebarCollapseButton"] button').click()
    expect(page.locator(h.SIDEBAR)).to_have_attribute("data-collapsed", "true")
    page.wait_for_timeout(500)  # the main area widens with a short transition


def test_default_net_cards_follow_the_inputs_drop_slider(base_url, page):
    h.open_app(page, base_url + "/subnetworks")
    expect(h.title(page)).to_have_text(t("subnet.title"))
    expect(cards(page)).to_have_count(16)
    before = gallery_html(page)
    press_right(page, t("side.drop_label", layer=t("side.layer_inputs")))
    expect(cards(page)).to_have_count(16)
    assert gallery_html(page) != before  # new masks drawn from the new keep probabilities: new pictures


def test_book_net_link_shows_16_cards_and_the_pictures_follow_the_hidden_slider(base_url, page):
    h.open_app(page, base_url + "/subnetworks?hidden=1&width=2")
    expect(cards(page)).to_have_count(16)
    expect(page.locator(f'{h.MAIN} {CARD}[data-connected="1"]')).to_have_count(9)
    expect(page.locator(f'{h.MAIN} {CARD}[data-connected="0"]')).to_have_count(7)
    ensemble = page.locator(f"{h.MAIN} {ENSEMBLE}").get_attribute("src")
    p_texts = page.locator(f"{h.MAIN} {CARD} .dv-p").all_inner_texts()
    press_right(page, t("side.drop_label", layer=t("side.layer_hidden", i=1)))
    assert page.locator(f"{h.MAIN} {ENSEMBLE}").get_attribute("src") != ensemble  # re-weighted sum
    assert page.locator(f"{h.MAIN} {CARD} .dv-p").all_inner_texts() != p_texts
    assert "p_h1=0.55" in page.url


@pytest.mark.parametrize("query", ["", "?lang=ko"])
def test_16_cards_fit_the_first_screen_with_the_sidebar_collapsed(base_url, new_page, query):
    page = new_page(FIRST_SCREEN)
    h.open_app(page, base_url + "/subnetworks" + query)
    collapse_sidebar(page)
    expect(cards(page)).to_have_count(16)
    boxes = [cards(page).nth(i).bounding_box() for i in range(16)]
    bottoms = [round(box["y"] + box["height"]) for box in boxes]
    assert max(bottoms) <= FIRST_SCREEN["height"], bottoms
    assert min(box["x"] for box in boxes) >= 0 and max(box["x"] + box["width"] for box in boxes) <= 1280
