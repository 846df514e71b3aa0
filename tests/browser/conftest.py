"""Fixtures of the browser tests: one Streamlit server and one Chromium for the whole session.

Every test gets fresh browser contexts (so fresh Streamlit sessions); each page opened through them records
traceback boxes, and a test fails if any page showed one, even for a moment.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.browser import harness as h

expect.set_options(timeout=15_000)  # a busy 2-core CI machine can take a few seconds per rerun

FIRST_PATH = "/train"  # the fresh server's first page request: a page URL, not the root (it must run under the entry)


@dataclass
class FirstVisit:
    """What the very first page request to the fresh server showed (checked in test_browser_pages.py)."""

    path: str
    url: str = ""
    title: str = ""
    active_nav: list[str] = field(default_factory=list)
    sidebar_radios: int = 0
    dialogs: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = h.launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def _server() -> Iterator[h.Server]:
    with h.app_server() as server:
        yield server


@pytest.fixture(scope="session")
def first_visit(_server: h.Server, browser: Browser) -> FirstVisit:
    """Opens FIRST_PATH before anything else touches the server's pages, and records what it showed."""
    visit = FirstVisit(FIRST_PATH)
    context = h.new_context(browser)
    try:
        page = context.new_page()
        page.goto(_server.url + FIRST_PATH)
        try:
            h.wait_idle(page)
        except AssertionError:
            pass  # a traceback or a timeout: what was shown is recorded below and checked by the test
        visit.url = page.url
        visit.title = " ".join(h.title(page).all_inner_texts())
        visit.active_nav = h.active_nav(page)
        visit.sidebar_radios = page.locator(f'{h.SIDEBAR} [data-testid="stRadio"]').count()
        visit.dialogs = h.recorded(page, "dialogs")
        visit.exceptions = h.recorded(page, "exceptions")
    finally:
        context.close()
    return visit


@pytest.fixture(scope="session")
def base_url(_server: h.Server, first_visit: FirstVisit) -> str:
    """The server's URL, for tests; requesting it guarantees the first-visit check ran first."""
    return _server.url


@pytest.fixture
def opened_pages() -> list[Page]:
    """Every page a test opened; pytest_runtest_call below fails the test if one of them showed a traceback."""
    return []


@pytest.fixture
def new_page(browser: Browser, opened_pages: list[Page]) -> Iterator[Callable[..., Page]]:
    """``new_page(viewport=None)``: a page in a fresh browser context (its own Streamlit session)."""
    contexts = []

    def make(viewport: dict | None = None) -> Page:
        context = h.new_context(browser, viewport)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30_000)
        opened_pages.append(page)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[..., Page]) -> Page:
    return new_page()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    """After the test body: fail if any page the test opened ever showed a traceback box (stException)."""
    result = yield
    problems = []
    for page in item.funcargs.get("opened_pages", None) or []:
        if page.is_closed():
            continue
        problems += [f"{page.url}:\n{box[:1500]}" for box in h.recorded(page, "exceptions")]
    if problems:
        pytest.fail("the app showed a traceback box:\n" + "\n---\n".join(problems), pytrace=False)
    return result
