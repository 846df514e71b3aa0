"""Extreme settings from a link: every unit dropped or kept, the widest net, the smallest dataset."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dropviz.i18n import t
from tests.browser import harness as h

pytestmark = pytest.mark.browser

EXACT = h.text_before_values("inf.exact")
ONE_MASK = h.text_before_values("inf.exact_one")
MONTE_CARLO = h.text_before_values("inf.monte_carlo")

CASES = [  # (path, title key, the start of a message the page must show, or None)
    ("/inference?p_in=1&p_h1=1&p_h2=1", "inf.title", ONE_MASK),  # every unit dropped: one mask
    ("/inference?p_in=0&p_h1=0&p_h2=0", "inf.title", ONE_MASK),  # every unit kept: one mask
    ("/inference?hidden=3&width=32", "inf.title", MONTE_CARLO),  # 2^98 masks
    ("/masks?n=10", "masks.title", None),
]


def test_extreme_links_render_without_a_traceback(base_url, new_page):
    pages = [new_page() for _ in CASES]
    for page, (path, _, _) in zip(pages, CASES):
        page.goto(base_url + path)  # all at once: the server renders them in parallel
    for page, (path, title_key, message) in zip(pages, CASES):
        h.wait_idle(page)
        expect(h.title(page), path).to_have_text(t(title_key))
        if message:
            expect(page.locator(f"{h.MAIN} {h.ALERT}").filter(has_text=message), path).to_have_count(1)
        assert not page.locator(f"{h.SIDEBAR} {h.ALERT}").count(), f"{path}: the link was not understood"

    ten_points = h.sidebar_slider(pages[-1], t("side.n_samples"))
    expect(ten_points.locator('[data-testid="stSliderThumbValue"]')).to_have_text("10")
