"""Pages open by URL, in either language, and a shared link restores what the sender saw."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from dropviz.i18n import t
from tests.browser import harness as h

pytestmark = pytest.mark.browser

PAGES = [  # (url path, title key, navigation label key)
    ("/", "home.title", "nav.home"),
    ("/masks", "masks.title", "nav.masks"),
    ("/train", "train.title", "nav.train"),
    ("/inference", "inf.title", "nav.inference"),
    ("/theory", "theory.title", "nav.theory"),
    ("/subnetworks", "subnet.title", "nav.subnetworks"),
    ("/bagging", "bag.title", "nav.bagging"),
    ("/beyond", "beyond.title", "nav.beyond"),
]


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_a_page_url_is_the_first_request_to_a_fresh_server(first_visit):
    """A page URL as the very first request must run under the entry script (sidebar, navigation), not alone."""
    assert first_visit.exceptions == []
    assert first_visit.dialogs == [], f"dialog on the first visit to {first_visit.path}: {first_visit.dialogs}"
    assert first_visit.title == t("train.title")
    assert first_visit.active_nav == [t("nav.train")]
    assert first_visit.sidebar_radios >= 1, "no language radio: the page ran without the entry script"
    assert urlparse(first_visit.url).path == first_visit.path


def test_every_page_opens_by_url(base_url, new_page):
    pages = [new_page() for _ in PAGES]
    for page, (path, _, _) in zip(pages, PAGES):
        page.goto(base_url + path)  # all at once: the server renders them in parallel
    for page, (path, title_key, nav_key) in zip(pages, PAGES):
        h.wait_idle(page)
        expect(h.title(page)).to_have_text(t(title_key))
        assert h.active_nav(page) == [t(nav_key)]
        assert h.recorded(page, "dialogs") == [], f"{path}: {h.recorded(page, 'dialogs')}"
        assert urlparse(page.url).path == path


def test_switching_to_korean_translates_the_page_and_the_link(base_url, page):
    h.open_app(page, base_url + "/masks")
    expect(h.title(page)).to_have_text(t("masks.title"))
    page.locator(h.SIDEBAR).get_by_text("한국어", exact=True).click()
    expect(h.title(page)).to_have_text(t("masks.title", "ko"))
    h.wait_idle(page)
    assert query(page).get("lang") == ["ko"]
    assert h.active_nav(page) == [t("nav.masks", "ko")]
    drop_label = t("side.drop_label", "ko", layer=t("side.layer_inputs", "ko"))
    expect(h.sidebar_slider(page, drop_label)).to_have_count(1)
    expect(page.locator(h.SIDEBAR).get_by_text(t("side.keep_is", "ko", keep=0.8), exact=True)).to_be_visible()


# The Masks diagram in the browser: one SVG path per kind of edge (the first is the dropped edges), the units as
# two marker traces (kept, dropped), and the mask shown in the title.
DIAGRAM_STATE = """chart => {
  const title = chart.querySelector('.gtitle').textContent;
  const paths = [...chart.querySelectorAll('.shapelayer path')].map(p => p.getAttribute('d') || '');
  const traces = chart.querySelectorAll('.scatterlayer .trace');
  return {title, segments: paths.map(d => (d.match(/M/g) || []).length),
          units: [0, 1].map(i => traces[i].querySelectorAll('.point').length)};
}"""


def test_the_masks_diagram_plays_each_mask_with_its_edges(base_url, page):
    """Frames carry only what changes (paths, units, title), merged into the figure by Plotly: every frame shown
    must still draw every weight once, dropped exactly when one of its units is dropped by the title's mask."""
    h.open_app(page, base_url + "/masks?hidden=1&width=4&frames=5&frame_ms=300")
    frame = re.compile("^" + re.escape(h.text_before_values("fig.net.frame")))
    chart = page.locator(f"{h.MAIN} .dropviz-figure").filter(has=page.locator(".gtitle", has_text=frame))
    sizes = [2, 4, 2]

    def check(state: dict) -> None:
        digits = [int(c) for c in state["title"].split("μ = [")[1] if c in "01"] + [1] * sizes[-1]
        kept = [sum(digits[a : a + n]) for a, n in zip([0, 2, 6], sizes, strict=True)]
        kept_edges = sum(a * b for a, b in zip(kept, kept[1:]))
        assert len(state["segments"]) == 9, state  # one path per kind of edge, not one per edge
        assert sum(state["segments"]) == 2 * 4 + 4 * 2 and state["segments"][0] == 16 - kept_edges, state
        assert state["units"] == [sum(digits), len(digits) - sum(digits)], state

    first = chart.evaluate(DIAGRAM_STATE)
    check(first)
    chart.locator(".updatemenu-button").first.click()  # Play
    expect(chart.locator(".gtitle")).to_contain_text(h.text_before_values("fig.net.frame") + "3")
    chart.locator(".updatemenu-button").nth(1).click()  # Pause
    played = chart.evaluate(DIAGRAM_STATE)
    assert played["title"] != first["title"]
    check(played)


def test_a_shared_link_restores_the_view(base_url, page):
    h.open_app(page, base_url + "/inference?lang=ko&hidden=1&width=4&p_in=0.3&data=circles")
    expect(h.title(page)).to_have_text(t("inf.title", "ko"))
    shown = {
        t("side.drop_label", "ko", layer=t("side.layer_inputs", "ko")): "0.30",
        t("side.hidden_layers", "ko"): "1",
        t("side.width", "ko"): "4",
    }
    for label, value in shown.items():
        slider = h.sidebar_slider(page, label)
        expect(slider.locator('[data-testid="stSliderThumbValue"]')).to_have_text(value)
    # one hidden layer: one hidden drop slider, and the second one is gone
    expect(h.sidebar_slider(page, t("side.drop_label", "ko", layer=t("side.layer_hidden", "ko", i=1)))).to_have_count(1)
    expect(h.sidebar_slider(page, t("side.drop_label", "ko", layer=t("side.layer_hidden", "ko", i=2)))).to_have_count(0)
    dataset = page.locator(h.SIDEBAR).get_by_role("combobox", name=t("side.dataset", "ko"), exact=True)
    expect(dataset).to_have_value(t("data.circles", "ko"))
    alerts = page.locator(f"{h.MAIN} {h.ALERT}")
    expect(alerts.filter(has_text=h.text_before_values("inf.exact", "ko"))).to_have_count(1)
    expect(alerts.filter(has_text="몬테카를로")).to_have_count(0)  # "Monte Carlo": the Korean text opens with a value
    assert {k: v[0] for k, v in query(page).items()} == {
        "lang": "ko",
        "hidden": "1",
        "width": "4",
        "p_in": "0.3",
        "data": "circles",
        "run": "500x0.3_0.5",  # the page trained 500 steps first: the link now replays them
    }


def test_two_first_visitors_of_a_fresh_server_both_get_the_page(browser, opened_pages):
    """Two first requests racing on a fresh server both get the page with its sidebar (an old-style
    `pages/` folder once made the second run a page without the entry script). Starts its own server."""
    with h.app_server() as server:
        contexts = [h.new_context(browser) for _ in range(2)]
        try:
            pages = [context.new_page() for context in contexts]
            opened_pages.extend(pages)
            for page in pages:
                page.goto(server.url + "/train")  # both before either has finished its first run
            for page in pages:
                h.wait_idle(page)
                expect(h.title(page)).to_have_text(t("train.title"))
        finally:
            for context in contexts:
                context.close()


# Bounding boxes on the Masks page: the diagram's layer labels (its only text points), and in the
# minibatch figure the layer names under the heat map and the legend under them.
MASKS_BOXES = """() => {
  const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const charts = [...document.querySelectorAll('[data-testid="stMain"] .dropviz-figure')];
  const diagram = charts.find(c => c.querySelector('.updatemenu-button'));
  const batch = charts.find(c => c.querySelector('.heatmaplayer .hm'));
  const labels = diagram.querySelectorAll('.scatterlayer .textpoint text');  // only the labels are text
  return {
    diagram: box(diagram.querySelector('.main-svg')),
    labels: [...labels].map(box),
    batch: box(batch.querySelector('.main-svg')),
    ticks: [...batch.querySelectorAll('.xtick text')].map(box),
    legend: [...batch.querySelectorAll('.annotation')].map(box),
  };
}"""


def overlap(a: list[float], b: list[float]) -> bool:
    """Whether two text boxes share more than a pixel each way (two lines of text touch by a fraction of one)."""
    return a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1


def inside(inner: list[float], outer: list[float]) -> bool:
    left, top, right, bottom = outer
    return inner[0] >= left - 1 and inner[1] >= top - 1 and inner[2] <= right + 1 and inner[3] <= bottom + 1


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("hidden", [0, 3])
def test_masks_labels_fit_at_1280_px(base_url, page, hidden, lang):
    """No two layer labels of the diagram touch (3 hidden layers in Korean used to run "드롭 확률 p=0.2드롭 확률
    p=0.5" together), none is cut at the figure's edge, and the minibatch figure's layer names and legend neither
    collide nor fall outside the figure."""
    h.open_app(page, f"{base_url}/masks?hidden={hidden}&lang={lang}")
    expect(page.locator(f"{h.MAIN} .heatmaplayer .hm")).to_have_count(1)
    boxes = page.evaluate(MASKS_BOXES)
    labels = sorted(boxes["labels"])
    assert len(labels) == hidden + 2
    assert all(a[2] + 4 <= b[0] for a, b in zip(labels, labels[1:])), labels  # at least 4 px apart
    assert all(inside(label, boxes["diagram"]) for label in labels), (labels, boxes["diagram"])
    ticks = boxes["ticks"]
    assert len(ticks) == hidden + 1
    assert not any(overlap(a, b) for i, a in enumerate(ticks) for b in ticks[i + 1 :]), ticks
    (legend,) = boxes["legend"]
    assert not any(overlap(legend, tick) for tick in ticks), (legend, ticks)
    assert all(inside(box, boxes["batch"]) for box in [*ticks, legend]), (ticks, legend, boxes["batch"])


# Every text box of every Plotly figure on the page (titles, legend entries, axis titles, annotations such as
# subplot titles and colour bar titles, tick labels) and every pair of them that collides; and level tick labels
# too close to read apart.
TEXT_COLLISIONS = """() => {
  const box = el => {
    const r = el.getBoundingClientRect();
    return r.width && r.height ? [r.left, r.top, r.right, r.bottom] : null;
  };
  const MIN_TICK_GAP = 6;
  const tilted = el => /rotate/.test(el.getAttribute('transform'));
  const hit = (a, b) => a[0] < b[2] - 1 && b[0] < a[2] - 1 && a[1] < b[3] - 1 && b[1] < a[3] - 1;
  const kinds = {
    title: '.g-gtitle .gtitle', legend: '.legend .bg',
    axis: '[class^="g-x"][class$="title"] text, [class^="g-y"][class$="title"] text',  // every panel's, g-x2title too
    annotation: '.annotation-text-g', colorbar: '.cbtitle text', tick: '.xtick text, .ytick text',
  };
  const found = [];
  document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot').forEach((plot, i) => {
    const parts = [];
    for (const [kind, selector] of Object.entries(kinds)) {
      for (const el of plot.querySelectorAll(selector)) {
        if (kind === 'tick' && tilted(el)) continue;  // a tilted label's box overlaps its neighbours' by nature
        const b = box(el);
        if (b) parts.push([kind, el.textContent, b]);
      }
    }
    parts.forEach(([ka, ta, ba], a) => parts.slice(a + 1).forEach(([kb, tb, bb]) => {
      if (hit(ba, bb)) found.push(`figure ${i}: ${ka} "${ta}" on ${kb} "${tb}"`);
    }));
  });
  // Level tick labels along one x axis need a gap, or "1024 4096" reads as one number.
  document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot .subplot').forEach(subplot => {
    const level = [...subplot.querySelectorAll('.xtick text')].filter(el => !tilted(el));
    const rows = {};  // names on two staggered rows are apart already
    for (const el of level) {
      const b = box(el);
      if (b) (rows[Math.round(b[1])] ??= []).push([b, el.textContent]);
    }
    for (const row of Object.values(rows)) {
      row.sort((a, b) => a[0][0] - b[0][0]);
      row.slice(1).forEach(([b, text], i) => {
        const gap = Math.round(b[0] - row[i][0][2]);
        if (gap < MIN_TICK_GAP) found.push(`tick labels "${row[i][1]}" and "${text}": ${gap} px apart`);
      });
    }
  });
  return {figures: document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot').length, found};
}"""


@pytest.mark.parametrize(
    "view",
    [
        *(f"/{path}?lang={lang}" for path in ("masks", "inference", "beyond") for lang in ("en", "ko")),
        "/masks?hidden=1&width=4",  # the minibatch legend once touched the layer names
        "/masks?hidden=3&lang=ko",
        "/masks?present=1",
    ],
)
def test_no_text_in_a_figure_runs_into_other_text_at_1280_px(base_url, page, view):
    """A wrapped legend once covered the keep frequency figure's title: no figure's words may touch each other."""
    h.open_app(page, base_url + view)
    result = page.evaluate(TEXT_COLLISIONS)
    assert result["figures"] >= 2
    assert result["found"] == []


@pytest.mark.parametrize("path", ["/inference", "/beyond"])
def test_no_text_in_a_figure_runs_into_other_text_at_1920_px(base_url, new_page, path):
    """At 1920 px the panels are as tall as the plot, and the class legend once sat on the x₁ title."""
    page = new_page({"width": 1920, "height": 1080})
    h.open_app(page, base_url + path)
    assert page.evaluate(TEXT_COLLISIONS)["found"] == []
