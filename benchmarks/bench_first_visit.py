"""How long a visitor waits for each page right after the server starts (headless Chromium, loopback only).

For every page: start a fresh server, open the page's URL, and time from the request until the page is drawn and
idle; then open the other pages in turn in the same browser, as a presenter clicking through would. Run:
python benchmarks/bench_first_visit.py [--pages masks,inference]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.browser import harness as h  # noqa: E402

PAGES = ("", "masks", "subnetworks", "bagging", "train", "inference", "theory")


def timed_open(page, url: str) -> float:
    start = time.perf_counter()
    h.open_app(page, url)
    return time.perf_counter() - start - h.IDLE_STABLE_SECONDS  # wait_idle waits this long after the last run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", default=",".join(PAGES))
    pages = parser.parse_args().pages.split(",")
    print("First visit to a fresh server, then every other page (seconds until drawn and idle):")
    with sync_playwright() as playwright:
        browser = h.launch(playwright)
        for first in pages:
            with h.app_server() as server:
                context = h.new_context(browser)
                page = context.new_page()
                cold = timed_open(page, f"{server.url}/{first}")
                others = [timed_open(page, f"{server.url}/{p}") for p in PAGES if p != first]
                context.close()
            print(f"  /{first:<12} first visit {cold:5.2f} s   other pages then: max {max(others):5.2f} s")
        browser.close()


if __name__ == "__main__":
    main()
