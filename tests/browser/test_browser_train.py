"""The train page: Play trains live and Pause stops; a diverging learning rate gives a message, not a traceback."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from dropviz.i18n import t
from tests.browser import harness as h

pytestmark = pytest.mark.browser

REFRESH_SAMPLE_SECONDS = 5.0


def wait_for_steps_above(page: Page, floor: int, timeout: float = 20.0) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        counts = h.step_counts(page)
        if counts and min(counts) > floor:
            return min(counts)
        time.sleep(0.1)
    raise AssertionError(f"the step count stayed at or below {floor} for {timeout:.0f} s: {h.step_counts(page)}")


def surface_refresh_rate(page: Page) -> float:
    """How many frames per second the dropout net's surface canvas draws (each is a new training step)."""
    canvas = h.surfaces(page).first
    start = page.evaluate("performance.now()")
    time.sleep(REFRESH_SAMPLE_SECONDS)
    frames = [entry for entry in h.surface_log(canvas) if entry[0] >= start]
    return len(frames) / REFRESH_SAMPLE_SECONDS


def test_play_trains_live_and_pause_stops(base_url, page, capsys):
    h.open_app(page, base_url + "/train")
    assert h.step_counts(page) == [0, 0]
    images = h.surfaces(page)
    expect(images).to_have_count(2)  # dropout net and twin

    h.main_button(page, t("train.play")).click()
    expect(h.main_button(page, t("train.pause"))).to_be_visible()
    wait_for_steps_above(page, 0)
    time.sleep(2)  # about 3 s of training so far
    first = min(h.step_counts(page))
    time.sleep(1)
    second = min(h.step_counts(page))
    assert second > first > 0, f"the step count did not grow while playing: {first} -> {second}"

    rate = surface_refresh_rate(page)
    steps_after = min(h.step_counts(page))
    with capsys.disabled():  # shown in every run: the number goes into reports
        print(
            f"\nsurface frames while playing: {rate:.2f} per second "
            f"({steps_after - second} steps in {REFRESH_SAMPLE_SECONDS:.0f} s)"
        )
    assert rate >= 1, f"the surface drew only {rate:.2f} frames per second while playing"
    ticks = images.evaluate_all("els => els.map(el => el.dropvizTicks)")
    time.sleep(0.5)
    assert all(b > a for a, b in zip(ticks, images.evaluate_all("els => els.map(el => el.dropvizTicks)")))
    expect(images).to_have_count(2)

    h.main_button(page, t("train.pause")).click()
    expect(h.main_button(page, t("train.play"))).to_be_visible()
    h.wait_idle(page)
    paused = h.step_counts(page)
    time.sleep(1.5)
    assert h.step_counts(page) == paused, "the step count kept growing after Pause"
    # Compared once the page is still: while playing, the two lines update one after the other.
    assert len(paused) == 2 and paused[0] == paused[1], f"dropout net and twin out of step: {paused}"
    assert paused[0] >= steps_after
    h.wait_for_surface_steps(page, paused[0], timeout=2.0)  # the surfaces show the paused state, not older frames
    expect(images).to_have_count(2)
    # Paused, the surfaces' animation loops rest: no animation frames asked for (a paused page costs nothing).
    ticks = images.evaluate_all("els => els.map(el => el.dropvizTicks)")
    time.sleep(1.0)
    assert images.evaluate_all("els => els.map(el => el.dropvizTicks)") == ticks, "a paused surface kept animating"


def test_a_diverging_learning_rate_shows_a_message_and_reset_clears_it(base_url, page):
    # lr=10 with SGD no longer diverges on the default net (its loss plateaus); lr=100 blows up within a refresh
    h.open_app(page, base_url + "/train?lr=100.0&opt=sgd")
    alerts = page.locator(f"{h.MAIN} {h.ALERT}").filter(has_text=h.text_before_values("train.diverged"))
    expect(alerts).to_have_count(0)

    h.main_button(page, t("train.play")).click()
    expect(alerts).to_have_count(1, timeout=30_000)
    h.wait_idle(page)
    expect(h.main_button(page, t("train.play"))).to_be_disabled()  # stopped until Reset
    expect(h.main_button(page, t("train.step", n=10))).to_be_disabled()

    h.main_button(page, t("train.reset")).click()
    expect(alerts).to_have_count(0)
    h.wait_idle(page)
    assert h.step_counts(page) == [0, 0]
    expect(h.main_button(page, t("train.play"))).to_be_enabled()


def curves_last_step(page: Page) -> int:
    """The last training step on the paused page's Plotly curves."""
    return page.locator(f"{h.MAIN} .js-plotly-plot").first.evaluate(
        "el => Math.max(...el.data.flatMap(trace => Array.from(trace.x || [])))"
    )


def test_step_moves_the_surfaces_numbers_curves_and_link_together(base_url, page):
    # Step reruns only the surfaces' part of the page: everything that shows the training must still follow
    h.open_app(page, base_url + "/train?speed=20")
    h.wait_for_surface_steps(page, 0)
    for target in (20, 40):
        h.main_button(page, t("train.step", n=20)).click()
        h.wait_for_surface_steps(page, target)
        h.wait_idle(page)
        assert h.step_counts(page) == [target, target]
        deadline = time.monotonic() + 10
        while curves_last_step(page) != target and time.monotonic() < deadline:
            time.sleep(0.1)
        assert curves_last_step(page) == target
        assert f"run={target}x" in page.url, page.url  # the link replays the training (settings.format_log)


def test_a_step_that_diverges_shows_the_message_and_disables_the_buttons(base_url, page):
    h.open_app(page, base_url + "/train?lr=100.0&opt=sgd&speed=50")
    h.wait_for_surface_steps(page, 0)
    h.main_button(page, t("train.step", n=50)).click()
    alerts = page.locator(f"{h.MAIN} {h.ALERT}").filter(has_text=h.text_before_values("train.diverged"))
    expect(alerts).to_have_count(1, timeout=30_000)
    h.wait_idle(page)
    expect(h.main_button(page, t("train.play"))).to_be_disabled()
    expect(h.main_button(page, t("train.step", n=50))).to_be_disabled()


def test_a_step_after_a_gif_offers_a_new_gif(base_url, page):
    # The GIF shows the nets up to the step it was made at: after a Step, the page offers to make a new one
    h.open_app(page, base_url + "/train?speed=20")
    h.wait_for_surface_steps(page, 0)
    h.main_button(page, t("train.step", n=20)).click()
    h.wait_for_surface_steps(page, 20)
    h.wait_idle(page)
    h.main_button(page, t("common.gif_make")).click()
    expect(h.main_button(page, t("common.gif_download"))).to_be_visible(timeout=60_000)
    h.main_button(page, t("train.step", n=20)).click()
    h.wait_for_surface_steps(page, 40)
    expect(h.main_button(page, t("common.gif_make"))).to_be_visible()
    expect(h.main_button(page, t("common.gif_download"))).to_have_count(0)


def nav_link(page: Page, title_key: str):
    return page.locator('[data-testid="stSidebarNavLink"]').filter(has_text=t(title_key))


@pytest.mark.parametrize("how", ["step", "play and pause"])
def test_leaving_train_after_training_keeps_every_setting(base_url, page, how):
    # Streamlit drops a widget drawn on one page only when the visitor switches pages after one of its fragments
    # ran (a Step or the live refreshes): the Train page's optimizer settings then raised a KeyError on every page.
    h.open_app(page, base_url + "/train?opt=sgd&lr=0.01&batch=32&speed=20")
    h.wait_for_surface_steps(page, 0)
    if how == "step":
        h.main_button(page, t("train.step", n=20)).click()
        h.wait_for_surface_steps(page, 20)
    else:
        h.main_button(page, t("train.play")).click()
        wait_for_steps_above(page, 40)
        h.main_button(page, t("train.pause")).click()
        expect(h.main_button(page, t("train.play"))).to_be_visible()
    h.wait_idle(page)
    steps = h.step_counts(page)
    for title_key, path in (("nav.masks", "/masks"), ("nav.inference", "/inference"), ("nav.train", "/train")):
        nav_link(page, title_key).click()
        expect(page).to_have_url(re.compile(f"{path}\\?"), timeout=30_000)
        h.wait_idle(page)
        h.assert_no_exception(page)
        for setting in ("opt=sgd", "lr=0.01", "batch=32", "speed=20"):
            assert setting in page.url, f"{setting} lost on {page.url}"
    expect(h.title(page)).to_have_text(t("train.title"))
    assert min(h.step_counts(page)) >= max(steps)  # the training too (Inference trains a young net to 500 steps)
    expect(h.main_button(page, t("train.step", n=20))).to_be_visible()
