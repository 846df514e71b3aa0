"""Presenter mode (present=1): at projector sizes, each page's key figure is entirely within the first screen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from dropviz.i18n import t
from tests.browser import harness as h

pytestmark = pytest.mark.browser

SCREENS = [{"width": 1280, "height": 720}, {"width": 1920, "height": 1080}]
MIN_SURFACE_PX = 300
INTRO = h.plain(t("masks.intro"))[:30]  # the start of the Masks page's intro paragraph


def within_first_screen(page: Page, element: Locator, what: str) -> dict:
    box = element.bounding_box()
    assert box is not None, f"{what} is not drawn"
    screen = page.viewport_size
    assert box["x"] >= 0 and box["y"] >= 0, (what, box)
    assert box["x"] + box["width"] <= screen["width"] + 1, (what, box, screen)
    assert box["y"] + box["height"] <= screen["height"] + 1, (what, box, screen)
    return box


def open_presenting(new_page, base_url: str, path: str, screen: dict) -> Page:
    page = new_page(screen)
    h.open_app(page, f"{base_url}{path}{'&' if '?' in path else '?'}present=1")
    expect(page.locator(h.SIDEBAR)).to_have_attribute("data-collapsed", "true")
    return page


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s['width']}x{s['height']}")
def test_masks_diagram_and_its_play_control(base_url, new_page, screen):
    page = open_presenting(new_page, base_url, "/masks", screen)
    title = re.compile("^" + re.escape(h.text_before_values("fig.net.frame")))
    chart = page.locator(f"{h.MAIN} .dropviz-figure").filter(has=page.locator(".gtitle", has_text=title))
    within_first_screen(page, chart, "network diagram")
    within_first_screen(page, chart.locator(".updatemenu-button").first, "play button")
    assert page.locator(h.MAIN).get_by_text(INTRO).count() == 0  # no intro


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s['width']}x{s['height']}")
def test_inference_three_surfaces_each_at_least_300_px(base_url, new_page, screen):
    page = open_presenting(new_page, base_url, "/inference", screen)
    chart = page.locator(f"{h.MAIN} .dropviz-figure").first
    within_first_screen(page, chart, "rule surfaces")
    panels = chart.locator(".draglayer .nsewdrag")
    expect(panels).to_have_count(3)
    for i in range(3):
        box = within_first_screen(page, panels.nth(i), f"surface {i + 1}")
        assert min(box["width"], box["height"]) >= MIN_SURFACE_PX, box


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s['width']}x{s['height']}")
def test_subnetworks_first_16_cards(base_url, new_page, screen):
    page = open_presenting(new_page, base_url, "/subnetworks", screen)
    cards = page.locator(f'{h.MAIN} [data-testid="dv-subnet-card"]')
    expect(cards).to_have_count(16)
    for i in range(16):
        within_first_screen(page, cards.nth(i), f"card {i + 1}")


def test_the_presenter_switch_is_in_the_link_and_the_sidebar(base_url, page):
    h.open_app(page, base_url + "/masks")
    assert page.locator(h.MAIN).get_by_text(INTRO).count() == 1
    page.locator(h.SIDEBAR).get_by_text(t("side.present"), exact=True).click()
    h.wait_idle(page)
    assert "present=1" in page.url
    assert page.locator(h.MAIN).get_by_text(INTRO).count() == 0


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s['width']}x{s['height']}")
def test_bagging_ensemble_beside_the_dropout_net(base_url, new_page, screen):
    page = open_presenting(new_page, base_url, "/bagging", screen)
    pictures = page.locator(f'{h.MAIN} [data-testid="stImage"] img')
    expect(pictures.nth(2)).to_be_visible()
    for i, what in enumerate(("bagging ensemble", "weight scaling", "arithmetic mean")):
        within_first_screen(page, pictures.nth(i), what)


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s['width']}x{s['height']}")
def test_train_controls_and_both_surfaces(base_url, new_page, screen):
    page = open_presenting(new_page, base_url, "/train", screen)
    for label in (t("train.play"), t("train.step", n=10), t("train.reset")):
        within_first_screen(page, h.main_button(page, label), label)
    canvases = page.locator(f"{h.MAIN} canvas[data-step]")
    expect(canvases).to_have_count(2)
    for i, what in enumerate(("surface with dropout", "surface of the twin")):
        within_first_screen(page, canvases.nth(i), what)
    table = page.locator(f"{h.MAIN} table")
    within_first_screen(page, table, "both nets' numbers, every row and column")
    test_loss = table.get_by_text(t("train.m_test_loss"), exact=True)
    within_first_screen(page, test_loss, "both nets' test loss")
    why = page.locator(f"{h.MAIN} [data-testid='stCaptionContainer']").filter(has_text=t("train.watch_loss"))
    within_first_screen(page, why, "why test loss is the number to watch")
