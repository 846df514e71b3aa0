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
    parser.add_argument(
        "--warm-browser",
        action="store_true",
        help="one browser profile that has seen every page before (its HTTP cache holds Streamlit's and Plotly's "
        "scripts), as a presenter who tried the app before the talk; the servers use one port so the cache applies",
    )
    args = parser.parse_args()
    kind = "a browser that has opened the app before" if args.warm_browser else "a fresh browser profile"
    print(f"First visit to a fresh server from {kind}, then every other page (seconds until drawn and idle):")
    with sync_playwright() as playwright:
        browser = h.launch(playwright)
        context = prime(browser) if args.warm_browser else None
        for first in args.pages.split(","):
            for _ in range(args.runs):
                print(f"  /{first:<12} {visit(browser, first, args.first_only, context)}", flush=True)
        browser.close()


WARM_PORT = h.free_port()


def prime(browser):
    """A browser context that has opened every page once (not timed), against a server on WARM_PORT."""
    context = h.new_context(browser)
    with h.app_server(port=WARM_PORT) as server:
        page = context.new_page()
        for name in PAGES:
            h.open_app(page, f"{server.url}/{name}")
        page.close()
    return context


def visit(browser, first: str, first_only: bool, warm_context=None) -> str:
    """One fresh server: the first visit to ``first``, then (unless ``first_only``) every other page; from a fresh
    browser context, or from ``warm_context`` (kept: its cache is the point)."""
    started = time.perf_counter()
    with h.app_server(port=WARM_PORT if warm_context else None) as server:
        ready = time.perf_counter() - started  # the server answers only once its warm-up is done
        context = warm_context or h.new_context(browser)
        page = context.new_page()
        cold = timed_open(page, f"{server.url}/{first}")
        others = [] if first_only else [timed_open(page, f"{server.url}/{p}") for p in PAGES if p != first]
        page.close()
        if warm_context is None:
            context.close()
    then = f"   other pages then: max {max(others):5.2f} s" if others else ""
    return f"server ready after {ready:5.2f} s, first visit {cold:5.2f} s{then}"


if __name__ == "__main__":
    main()
