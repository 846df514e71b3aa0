"""The train page's surfaces are drawn by the browser from weight snapshots: same numbers as torch, played as a film.

The probabilities the browser computed for the frame it shows are read back from the canvas and compared, cell by
cell, with torch's weight-scaled forward pass of the same nets trained the same way in this process.
"""

from __future__ import annotations

import time

import numpy as np
import pytest
import torch
from playwright.sync_api import Page, expect

from app import settings as cfg
from dropviz.core import snapshots
from dropviz.core.experiment import Experiment
from dropviz.i18n import t
from tests.browser import harness as h

pytestmark = pytest.mark.browser

TOLERANCE = 1e-4
STEPS = 50  # one click of "+50 steps"
PLAY_SECONDS = 5.0
INPUTS_DROP = t("side.drop_label", layer=t("side.layer_inputs"))


def torch_probabilities(query: dict[str, str], steps: int) -> tuple[list[np.ndarray], tuple]:
    """Weight-scaled class probabilities of the dropout net and its twin on the surface grid, after ``steps``."""
    settings, rejected = cfg.from_query(query)
    assert not rejected, rejected
    experiment = Experiment(settings.experiment())
    experiment.step(steps)
    grid = snapshots.surface_grid(experiment.split)
    out = []
    with torch.no_grad():
        for model in (experiment.model, experiment.twin.model):
            out.append(torch.softmax(model.eval()(grid.points), dim=-1).double().numpy())
    return out, grid.extent


@pytest.mark.parametrize(
    "query",
    [
        {"act": "relu", "data": "moons"},
        {"act": "tanh", "data": "blobs"},  # three classes
        {"act": "relu", "data": "blobs", "p_h1": "1.0"},  # a layer that is never kept: zeroed in eval mode
        {"act": "tanh", "data": "xor", "p_in": "1.0", "hidden": "1"},  # inputs never kept: a constant surface
        {"act": "relu", "data": "circles", "hidden": "3"},  # the ReLU fast path, then two more layers
        {"act": "relu", "data": "moons", "hidden": "0"},  # no hidden layer: the plain pass
    ],
    ids=["relu-2", "tanh-3", "relu-3-drop1", "tanh-2-inputs-drop1", "relu-deep", "relu-linear"],
)
def test_browser_probabilities_match_torch(base_url, page, query, capsys):
    query = {**query, "speed": str(STEPS)}
    h.open_app(page, base_url + "/train?" + "&".join(f"{k}={v}" for k, v in query.items()))
    h.wait_for_surface_steps(page, 0)
    h.main_button(page, t("train.step", n=STEPS)).click()
    h.wait_for_surface_steps(page, STEPS)
    h.wait_idle(page)
    expected, extent = torch_probabilities(query, STEPS)
    canvases = h.surfaces(page)
    expect(canvases).to_have_count(2)
    worst = 0.0
    for k, torch_probs in enumerate(expected):
        probs, grid = h.surface_probabilities(canvases.nth(k))
        r, c = grid["resolution"], grid["classes"]
        assert r >= 100 and c == torch_probs.shape[1]
        assert np.allclose(grid["extent"], extent, rtol=0, atol=1e-12)
        difference = np.abs(np.asarray(probs).reshape(r * r, c) - torch_probs).max()
        worst = max(worst, float(difference))
    with capsys.disabled():
        print(f"\nmax |browser - torch| over {r}x{r} cells, both nets, {query}: {worst:.2e}")
    assert worst < TOLERANCE


def frames_per_second(log: list[list[float]], since_ms: float) -> tuple[float, list[int]]:
    recent = [entry for entry in log if entry[0] >= since_ms]
    steps = [int(entry[1]) for entry in recent]
    if len(recent) < 2:
        return 0.0, steps
    return (len(recent) - 1) / ((recent[-1][0] - recent[0][0]) / 1000), steps


def test_the_film_plays_evenly_and_pause_reset_and_sliders_show_at_once(base_url, page: Page, capsys):
    h.open_app(page, base_url + "/train?speed=50")
    canvases = h.surfaces(page)
    expect(canvases).to_have_count(2)
    h.wait_for_surface_steps(page, 0)
    canvases.evaluate_all("els => els.forEach(el => { el.filmMark = true; })")  # gone if a canvas is remounted

    h.main_button(page, t("train.play")).click()
    expect(h.main_button(page, t("train.pause"))).to_be_visible()
    time.sleep(2.0)
    start = page.evaluate("performance.now()")
    time.sleep(PLAY_SECONDS)
    rates, per_refresh = [], []
    for k in range(2):
        rate, steps = frames_per_second(h.surface_log(canvases.nth(k)), start)
        assert steps == sorted(steps) and len(set(steps)) == len(steps), f"frames out of order: {steps}"
        arrivals = canvases.nth(k).evaluate(f"el => el.dropvizArrivals.filter(a => a[0] >= {start}).length")
        rates.append(rate)
        per_refresh.append(len(steps) / max(1, arrivals))
    with capsys.disabled():
        print(
            f"\nsurface frames while playing 50 steps per refresh: {rates[0]:.1f} and {rates[1]:.1f} per second, "
            f"{per_refresh[0]:.1f} and {per_refresh[1]:.1f} per refresh from the server"
        )
    # A film, not a slideshow: several frames per refresh (9 sent at 50 steps per refresh; a busy machine skips some).
    assert min(per_refresh) >= 3, f"only {per_refresh} frames per refresh"

    h.main_button(page, t("train.pause")).click()
    expect(h.main_button(page, t("train.play"))).to_be_visible()
    h.wait_idle(page)
    server = h.step_counts(page)
    h.wait_for_surface_steps(page, server[0], timeout=2.0)  # the queue is flushed: the newest state at once
    assert canvases.evaluate_all("els => els.map(el => el.filmMark === true)") == [True, True]

    drop = h.slider_thumb(h.sidebar_slider(page, INPUTS_DROP))
    cut = canvases.first.get_attribute("data-cut")
    drop.focus()
    drop.press("ArrowRight")  # a new drop probability: same nets, new frame at once
    expect(canvases.first).not_to_have_attribute("data-cut", cut)
    h.wait_idle(page)

    h.main_button(page, t("train.reset")).click()
    h.wait_for_surface_steps(page, 0, timeout=5.0)
    h.wait_idle(page)
    assert h.step_counts(page) == [0, 0]


def wait_for_training(page: Page, at_least: int, timeout: float = 30.0) -> None:
    """Wait until both nets have trained ``at_least`` steps (server counts) and both surfaces show one of them."""
    deadline = time.monotonic() + timeout
    while min(h.step_counts(page) or [0]) < at_least or min(h.surface_steps(page) or [0]) < at_least:
        assert time.monotonic() < deadline, f"steps {h.step_counts(page)}, surfaces {h.surface_steps(page)}"
        time.sleep(0.1)


def steps_stay(page: Page, seconds: float) -> bool:
    """Whether neither the server's step counts nor the surfaces move for ``seconds``."""
    before = (h.step_counts(page), h.surface_steps(page))
    time.sleep(seconds)
    return (h.step_counts(page), h.surface_steps(page)) == before


def test_a_hidden_page_stops_training_and_plays_on_when_shown(base_url, page: Page):
    h.open_app(page, base_url + "/train?speed=20")
    h.wait_for_surface_steps(page, 0)
    h.main_button(page, t("train.play")).click()
    expect(h.main_button(page, t("train.pause"))).to_be_visible()
    wait_for_training(page, 40)

    h.set_page_hidden(page, True)
    h.wait_idle(page)  # no refresh runs any more, or this would time out
    assert steps_stay(page, 1.5), "a hidden page kept training"
    assert [hidden for _, hidden in h.surfaces(page).first.evaluate("el => el.dropvizReports")] == [True]
    expect(h.main_button(page, t("train.pause"))).to_be_visible()  # still playing, as far as the visitor knows

    h.set_page_hidden(page, False)
    wait_for_training(page, max(h.step_counts(page)) + 40)  # plays on by itself
    h.main_button(page, t("train.pause")).click()
    expect(h.main_button(page, t("train.play"))).to_be_visible()
    h.wait_idle(page)
    assert steps_stay(page, 1.0)


STARVED_CPU = 20  # Chromium's CPU throttling: the page runs this many times slower (a crowded or weak machine)
DUTY = 0.15  # app/components/surface.js: a starved surface draws at most this share of the time
SLOWDOWN = 8  # app/views/train.py STARVED_SLOWDOWN: a starved browser's refreshes are this much rarer and bigger
STARVED_SNAPSHOTS = 6  # at least this many snapshots per starved refresh (36 / 8 a second, refreshes >= 2 s apart):
# with fewer the film moves less than about three times a second


def wait_for(page: Page, condition, timeout: float, message: str):
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        assert time.monotonic() < deadline, message
        time.sleep(0.2)
    return value


def batches_since(canvas, since: float) -> list[int]:
    """Training steps between consecutive data the surface received after ``since`` (browser clock)."""
    steps = canvas.evaluate(f"el => el.dropvizArrivals.filter(a => a[0] >= {since} && !a[2]).map(a => a[1])")
    return [b - a for a, b in zip(steps, steps[1:])]


def test_a_starved_browser_gets_fewer_bigger_refreshes_and_draws_less(base_url, page: Page, capsys):
    # A browser short of CPU must keep time for Streamlit's messages and refresh timers, or its film stalls for
    # seconds waiting for data: it says so, the server then refreshes it SLOWDOWN times less often with as many
    # times the steps, and each surface draws at most DUTY of the time; with CPU back, it gets the usual refreshes.
    h.open_app(page, base_url + "/train?speed=50")
    h.wait_for_surface_steps(page, 0)
    h.main_button(page, t("train.play")).click()
    expect(h.main_button(page, t("train.pause"))).to_be_visible()
    canvases = h.surfaces(page)
    reports = lambda: canvases.first.evaluate("el => el.dropvizStarved.map(r => r[1])")  # noqa: E731
    wait_for(page, lambda: len(batches_since(canvases.first, 0)) >= 3, 20, "no refreshes while playing")
    assert reports() == [], "a browser with CPU to spare said it was starved"
    assert set(batches_since(canvases.first, 0)) == {50}

    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": STARVED_CPU})
    try:
        wait_for(page, lambda: reports() == [True], 20, f"no starvation reported: {reports()}")
        since = page.evaluate("performance.now()")
        wait_for(page, lambda: 50 * SLOWDOWN in batches_since(canvases.first, since), 30, "refreshes stayed small")
        # The refresh that learns of it brings a starved refresh's steps on top of its own: the next data is eight
        # times further off than the film expected, and would otherwise run dry waiting.
        reported = canvases.first.evaluate("el => el.dropvizStarved[0][0]")
        batches = batches_since(canvases.first, reported)
        first_big = next(b for b in batches if b > 50)
        assert first_big == 50 * (1 + SLOWDOWN), f"refreshes after starvation was reported: {batches}"
        snapshots = canvases.first.evaluate(f"el => el.dropvizArrivals.filter(a => a[0] >= {since}).map(a => a[5])")
        assert snapshots[-1] >= STARVED_SNAPSHOTS, f"starved refreshes brought {snapshots} snapshots"
        start = page.evaluate("performance.now()")
        time.sleep(6.0)
        end = page.evaluate("performance.now()")
        shares = []
        for k in range(2):
            frames = [entry for entry in h.surface_log(canvases.nth(k)) if start <= entry[0] <= end]
            assert frames, "a starved surface stopped drawing"
            shares.append(sum(ms for _, _, ms in frames) / (end - start))
        assert max(shares) <= DUTY + 0.1, f"starved surfaces drew {shares} of the time"
        assert reports() == [True], f"a browser starved all along said otherwise: {reports()}"
    finally:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    # Starved, a surface sleeps between its draws but for a one-second probe every few seconds: with CPU back, still
    # counted as starved, it asks for far fewer animation frames than the 60 a second a fed browser gets (measured:
    # 27, a probe's 60 a second and about 20 between probes, since its quick draws let it draw again 50 ms later).
    ticks = lambda: canvases.first.evaluate("el => [performance.now(), el.dropvizTicks]")  # noqa: E731
    (t0, n0), _, (t1, n1) = ticks(), time.sleep(4.0), ticks()
    starved_fps = 1000 * (n1 - n0) / (t1 - t0)
    assert reports() == [True], "recovered within 4 s: the probes are meant to take longer (FED_WINDOW)"
    assert starved_fps < 40, f"a starved surface asked for {starved_fps:.0f} animation frames a second"
    wait_for(page, lambda: reports() == [True, False], 30, f"no recovery reported: {reports()}")
    since = page.evaluate("performance.now()")
    wait_for(page, lambda: batches_since(canvases.first, since)[-2:] == [50, 50], 20, "refreshes stayed big")
    with capsys.disabled():
        print(
            f"\nstarved x{STARVED_CPU}: surfaces drew {shares[0]:.0%} and {shares[1]:.0%} of the time;"
            f" {starved_fps:.0f} animation frames a second once CPU came back, until fed again"
        )
    h.main_button(page, t("train.pause")).click()
    h.wait_idle(page)
