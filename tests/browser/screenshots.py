"""Full-height screenshots of every page, for the README and for checking the layout by eye.

    python -m tests.browser.screenshots                 # starts its own server, writes assets/screenshots/
    python -m tests.browser.screenshots --url http://127.0.0.1:8501 --out /tmp/shots

Writes ``<page>-<lang>-<width>.png``: English at 1280x720 and 1920x1080, Korean at 1280x720. The train page is
shot after about 6 s of training, so it shows trained surfaces. Not part of the pytest run (it takes minutes).
"""

from __future__ import annotations

import argparse
import sys
import time
from contextlib import nullcontext
from pathlib import Path

from playwright.sync_api import Browser, Page, expect, sync_playwright

from dropviz.i18n import t
from tests.browser import harness as h

PAGES = ["home", "masks", "subnetworks", "bagging", "train", "inference", "theory", "beyond"]
PATHS = {"home": "/"} | {name: f"/{name}" for name in PAGES[1:]}
VIEWS = [("en", 1280, 720), ("en", 1920, 1080), ("ko", 1280, 720)]
TRAIN_SECONDS = 6.0
SETTLE_SECONDS = 1.0  # after the script is idle: Plotly and KaTeX finish drawing
expect.set_options(timeout=30_000)  # five pages render at once on two cores


def full_height(page: Page, width: int, min_height: int) -> None:
    """Make the viewport as tall as the main area's content, so nothing is cut off (the app scrolls in stMain)."""
    for _ in range(4):
        height = page.locator(h.MAIN).evaluate("main => main.scrollHeight")
        height = max(min_height, int(height))
        if page.viewport_size == {"width": width, "height": height}:
            return
        page.set_viewport_size({"width": width, "height": height})
        time.sleep(0.5)


def train_a_little(page: Page, lang: str) -> None:
    h.main_button(page, t("train.play", lang)).click()
    expect(h.main_button(page, t("train.pause", lang))).to_be_visible()
    time.sleep(TRAIN_SECONDS)
    h.main_button(page, t("train.pause", lang)).click()
    expect(h.main_button(page, t("train.play", lang))).to_be_visible()
    h.wait_idle(page)


def shoot_view(browser: Browser, base_url: str, out: Path, lang: str, width: int, height: int) -> list[Path]:
    context = h.new_context(browser, {"width": width, "height": height})
    try:
        pages = {name: context.new_page() for name in PAGES}
        query = "?lang=ko" if lang != "en" else ""
        for name, page in pages.items():  # all at once: the server renders them in parallel
            page.goto(base_url + PATHS[name] + query)
        written = []
        for name, page in pages.items():
            h.wait_idle(page)
            if name == "train":
                train_a_little(page, lang)
            time.sleep(SETTLE_SECONDS)
            full_height(page, width, height)
            h.wait_idle(page)
            time.sleep(SETTLE_SECONDS)
            h.assert_no_exception(page)
            path = out / f"{name}-{lang}-{width}.png"
            page.screenshot(path=str(path))
            written.append(path)
            print(f"{path}  ({page.viewport_size['width']}x{page.viewport_size['height']})", flush=True)
        return written
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running dropviz server (default: start one)")
    parser.add_argument("--out", type=Path, default=h.ROOT / "assets" / "screenshots")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with nullcontext(None) if args.url else h.app_server() as server, sync_playwright() as playwright:
        base_url = args.url.rstrip("/") if args.url else server.url
        browser = h.launch(playwright)
        try:
            h.open_app(browser.new_page(), base_url + "/train")  # a page URL first: see test_browser_pages.py
            for lang, width, height in VIEWS:
                shoot_view(browser, base_url, args.out, lang, width, height)
        finally:
            browser.close()
    print(f"done in {time.monotonic() - started:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
