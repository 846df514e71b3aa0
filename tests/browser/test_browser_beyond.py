"""The "Beyond the book" page in a real browser: it opens by URL, the T slider redraws the maps and goes into
the link, and in presenter mode both key figures start in the first screen."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from dropviz.i18n import t
from tests.browser import harness as h

pytestmark = pytest.mark.browser

SCREENS = [{"width": 1280, "height": 720}, {"width": 1920, "height": 1080}]
SMALL = "hidden=1&width=4"  # d = 6: exact reference, a quick page


def charts(page: Page):
    return page.locator(f"{h.MAIN} .dropviz-figure")


def t_slider(page: Page, lang: str = "en"):
    return page.locator(f'{h.MAIN} [data-testid="stSlider"]').filter(
        has=page.locator('[data-testid="stWidgetLabel"]').get_by_text(t("beyond.t_label.bernoulli", lang), exact=True)
    )


def test_the_page_opens_by_url_and_the_t_slider_redraws_the_maps(base_url, page):
    h.open_app(page, f"{base_url}/beyond?{SMALL}")
    expect(h.title(page)).to_have_text(t("beyond.title"))
    assert h.active_nav(page) == [t("nav.beyond")]
    expect(charts(page)).to_have_count(2)
    status = t("beyond.unc_status", t="{t}", c=2, max=np.log(2), sampled=t("beyond.sampled.bernoulli"))
    expect(page.locator(h.MAIN).get_by_text(status.replace("{t}", "200"), exact=True)).to_be_visible()

    thumb = h.slider_thumb(t_slider(page))
    thumb.focus()
    thumb.press("ArrowRight")
    expect(thumb).to_have_value("210")
    h.wait_idle(page)

    expect(page.locator(h.MAIN).get_by_text(status.replace("{t}", "210"), exact=True)).to_be_visible()
    assert parse_qs(urlparse(page.url).query).get("mc_t") == ["210"]


def test_korean(base_url, page):
    h.open_app(page, f"{base_url}/beyond?{SMALL}&lang=ko")
    expect(h.title(page)).to_have_text(t("beyond.title", "ko"))
    expect(t_slider(page, "ko")).to_have_count(1)


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s['width']}x{s['height']}")
def test_presenter_mode_both_figures_start_in_the_first_screen(base_url, new_page, screen):
    page = new_page(screen)
    h.open_app(page, f"{base_url}/beyond?present=1")  # the default net: a 20,000-mask reference
    expect(page.locator(h.SIDEBAR)).to_have_attribute("data-collapsed", "true")
    expect(charts(page)).to_have_count(2)
    curves, maps = (charts(page).nth(i).bounding_box() for i in range(2))
    assert curves["y"] >= 0 and curves["y"] + curves["height"] <= screen["height"], curves  # all of it
    assert 0 <= maps["y"] <= screen["height"] - 60, maps  # starts in the first screen, titles visible
    intro = h.plain(t("beyond.intro", sampled=t("beyond.sampled.bernoulli"), nets=t("beyond.nets.bernoulli")))
    assert page.locator(h.MAIN).get_by_text(intro[:30]).count() == 0
