"""The bagging page in a real browser: a drop slider redraws the dropout net's pictures, not the members'."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from dropviz.i18n import t
from tests.browser import harness as h

pytestmark = pytest.mark.browser

INPUTS_DROP = t("side.drop_label", layer=t("side.layer_inputs"))
MAIN_PICTURES = 3  # bagging ensemble, dropout net with weight scaling, dropout net's arithmetic mean
DEFAULT_K = 8


def image_sources(page: Page) -> list[str]:
    return page.locator(f'{h.MAIN} [data-testid="stImage"] img').evaluate_all("imgs => imgs.map(i => i.src)")


def test_a_drop_slider_redraws_the_dropout_net_and_leaves_the_members(base_url, page):
    h.open_app(page, base_url + "/bagging")
    expect(h.title(page)).to_have_text(t("bag.title"))
    before = image_sources(page)
    assert len(before) == MAIN_PICTURES + DEFAULT_K
    assert all(src.startswith("data:image/png;base64,") for src in before)

    thumb = h.slider_thumb(h.sidebar_slider(page, INPUTS_DROP))
    thumb.focus()
    thumb.press("ArrowRight")
    expect(thumb).to_have_value("0.25")
    h.wait_idle(page)

    after = image_sources(page)
    assert len(after) == len(before)
    assert after[2] != before[2], "the dropout net's arithmetic mean did not follow the drop probability"
    assert after[0] == before[0] and after[MAIN_PICTURES:] == before[MAIN_PICTURES:], "bagging has no dropout"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_table_fits_beside_the_open_sidebar_at_1280(base_url, page, lang):
    """Every column, the last ("data seen") included, lies inside the main area: nothing is cut or scrolled."""
    h.open_app(page, base_url + f"/bagging?lang={lang}&method=dropconnect")  # the longest row label
    expect(page.locator(h.SIDEBAR)).to_be_visible()
    table = page.locator(f'{h.MAIN} [data-testid="stTable"] table')
    expect(table).to_be_visible()
    main = page.locator(f'{h.MAIN} [data-testid="stMainBlockContainer"]').bounding_box()
    headers = table.locator("thead th")
    assert headers.count() == 7
    right = max(box["x"] + box["width"] for box in (headers.nth(i).bounding_box() for i in range(7)))
    assert right <= main["x"] + main["width"] + 1, f"the table ends at {right}px, past the main area"
    assert right <= h.VIEWPORT["width"]
    assert table.evaluate("t => t.parentElement.scrollWidth <= t.parentElement.clientWidth + 1")
