"""How long a visitor waits for each page right after the server starts (headless Chromium, loopback only).

For every page: start a fresh server (the time until it answers, warm-up included, is printed too), open the page's
URL, and time from the request until the page is drawn and idle; then open the other pages in turn in the same
browser, as a presenter clicking through would. Run:
python benchmarks/bench_first_visit.py [--pages masks,inference] [--runs 3] [--first-only]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.browser import harness as h  # noqa: E402

PAGES = ("", "masks", "subnetworks", "bagging", "train", "inference", "theory", "beyond")


def timed_open(page, url: str) -> float:
    start = time.perf_counter()
    h.open_app(page, url)
    return time.perf_counter() - start - h.IDLE_STABLE_SECONDS  # wait_idle waits this long after the last run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--runs", type=int, default=1, help="fresh servers per page")
    parser.add_argument("--first-only", action="store_true", help="skip the other pages after the first visit")
    args = parser.parse_args()
    print("First visit to a fresh server, then every other page (seconds until drawn and idle):")
    with sync_playwright() as playwright:
        browser = h.launch(playwright)
        for first in args.pages.split(","):
            for _ in range(args.runs):
                print(f"  /{first:<12} {visit(browser, first, args.first_only)}", flush=True)
        browser.close()


def visit(browser, first: str, first_only: bool) -> str:
    """One fresh server: the first visit to ``first``, then (unless ``first_only``) every other page."""
    started = time.perf_counter()
    with h.app_server() as server:
        ready = time.perf_counter() - started  # the server answers only once its warm-up is done
        context = h.new_context(browser)
        page = context.new_page()
        cold = timed_open(page, f"{server.url}/{first}")
        others = [] if first_only else [timed_open(page, f"{server.url}/{p}") for p in PAGES if p != first]
        context.close()
    then = f"   other pages then: max {max(others):5.2f} s" if others else ""
    return f"server ready after {ready:5.2f} s, first visit {cold:5.2f} s{then}"


if __name__ == "__main__":
    main()
