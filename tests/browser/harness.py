"""Shared by the browser tests and the screenshot script: run the app, open it in Chromium, wait until it is idle.

Nothing here is a test. ``conftest.py`` wraps these helpers in pytest fixtures; ``screenshots.py`` uses them
directly.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Locator, Page, Playwright

from dropviz.i18n import t

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("DROPVIZ_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VIEWPORT = {"width": 1280, "height": 720}
SERVER_START_SECONDS = 60
IDLE_TIMEOUT_SECONDS = 90  # the slowest page (inference, Monte Carlo on a 2-32-32-32-2 net) needs ~15 s on 2 cores
IDLE_STABLE_SECONDS = 0.5

APP_VIEW = '[data-testid="stAppViewContainer"]'
MAIN = '[data-testid="stMain"]'
SIDEBAR = '[data-testid="stSidebar"]'
ALERT = '[data-testid="stAlert"]'

# Records every traceback box and dialog that is ever attached to the page, even one a later rerun removes.
WATCH_SCRIPT = """
(() => {
  const watched = {exceptions: '[data-testid="stException"]', dialogs: '[role="dialog"]'};
  const seen = new WeakSet();
  window.__dropviz = {exceptions: [], dialogs: []};
  const scan = () => {
    for (const [kind, selector] of Object.entries(watched)) {
      for (const el of document.querySelectorAll(selector)) {
        if (!seen.has(el)) { seen.add(el); window.__dropviz[kind].push(el); }
      }
    }
  };
  new MutationObserver(scan).observe(document, {childList: true, subtree: true});
})();
"""

# True when the app has finished its script run and drawn it: connected, script not running, no running-man icon,
# every element's code loaded and every Plotly figure drawn.
IDLE_SCRIPT = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-testid="stStatusWidget"] [data-testid="stStatusWidgetRunningIcon"]')
    && !document.querySelector('[data-testid="stSkeleton"]')  // an element whose code is still loading
    && [...document.querySelectorAll('[data-testid="stBidiComponentRegular"]')]  // app/components/figure.js:
      .every(el => el.querySelector('.dropviz-figure[data-drawn="yes"]'));      // every figure drawn
}
"""


# --- the server -------------------------------------------------------------------------------------------


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log_path: Path

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def app_server(timeout: float = SERVER_START_SECONDS, port: int | None = None) -> Iterator[Server]:
    """``streamlit run app/streamlit_app.py`` from the repository root on a free port, stopped on exit.

    The file watcher is off: other people edit the sources while tests run, and a "file changed" prompt or a
    reload in the middle of a test would make it flaky.
    """
    port = port or free_port()
    log = tempfile.NamedTemporaryFile(prefix="dropviz-streamlit-", suffix=".log", delete=False)  # noqa: SIM115
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app/streamlit_app.py",
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    server = Server(f"http://127.0.0.1:{port}", process, Path(log.name))
    try:
        _wait_healthy(server, timeout)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()
        Path(log.name).unlink(missing_ok=True)


def _wait_healthy(server: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    last_error = "no answer yet"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"streamlit exited with code {server.process.returncode} before answering.\n{server.log_tail()}"
            )
        try:
            with urllib.request.urlopen(server.url + "/_stcore/health", timeout=2) as response:
                body = response.read().decode().strip()
            if body == "ok":
                return
            last_error = f"health answered {body!r}"
        except OSError as error:
            last_error = str(error)
        time.sleep(0.2)
    raise RuntimeError(
        f"streamlit did not answer {server.url}/_stcore/health with 'ok' within {timeout:.0f} s "
        f"(last: {last_error}).\n{server.log_tail()}"
    )


# --- the browser --------------------------------------------------------------------------------------------


def launch(playwright: Playwright) -> Browser:
    if not Path(CHROMIUM).exists():
        raise RuntimeError(
            f"no Chromium at {CHROMIUM}: install Debian's chromium (see scripts/test.sh) or set DROPVIZ_CHROMIUM; "
            "to run without the browser tests, add -m 'not browser'"
        )
    return playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)


def new_context(browser: Browser, viewport: dict | None = None) -> BrowserContext:
    """A fresh browser profile (its own cookies, so its own Streamlit session) that records traceback boxes."""
    context = browser.new_context(viewport=viewport or VIEWPORT)
    context.add_init_script(WATCH_SCRIPT)
    return context


def wait_idle(page: Page, timeout: float = IDLE_TIMEOUT_SECONDS, stable: float = IDLE_STABLE_SECONDS) -> None:
    """Wait until the app view is there, the script has not been running for ``stable`` seconds and every element
    is drawn (a fresh browser loads an element's code on its first use and shows a grey skeleton meanwhile)."""
    deadline = time.monotonic() + timeout
    page.locator(APP_VIEW).wait_for(timeout=timeout * 1000)
    quiet_since = None
    while True:
        now = time.monotonic()
        if page.evaluate(IDLE_SCRIPT):
            quiet_since = quiet_since or now
            if now - quiet_since >= stable:
                break
        else:
            quiet_since = None
        if now > deadline:
            raise AssertionError(f"the app at {page.url} was still running after {timeout:.0f} s")
        time.sleep(0.05)
    assert_no_exception(page)


def open_app(page: Page, url: str, timeout: float = IDLE_TIMEOUT_SECONDS) -> Page:
    page.goto(url)
    wait_idle(page, timeout)
    return page


def recorded(page: Page, kind: str) -> list[str]:
    """Texts of every traceback box (``kind="exceptions"``) or dialog (``"dialogs"``) the page has shown."""
    return page.evaluate(
        "kind => (window.__dropviz ? window.__dropviz[kind] : []).map(el => (el.innerText || el.textContent || ''))",
        kind,
    )


def assert_no_exception(page: Page) -> None:
    boxes = recorded(page, "exceptions")
    assert not boxes, f"traceback box on {page.url}:\n" + "\n---\n".join(box[:1500] for box in boxes)


# --- reading the app ----------------------------------------------------------------------------------------


class _Mark:
    """Stands in for any value in a text, whatever its format spec."""

    def __format__(self, spec: str) -> str:
        return "\x00"


def text_before_values(key: str, lang: str = "en") -> str:
    """The stable start of a text: everything before its first ``{placeholder}``, looked up through ``t``."""
    values: dict[str, _Mark] = {}
    while True:
        try:
            return t(key, lang, **values).split("\x00")[0]
        except KeyError as missing:
            name = missing.args[0]
            if name in values:
                raise
            values[name] = _Mark()


def plain(markdown: str) -> str:
    """Markdown emphasis removed, as the browser shows it."""
    return markdown.replace("**", "").replace("`", "")


def title(page: Page) -> Locator:
    return page.locator(f'{MAIN} [data-testid="stHeading"] h1')


def sidebar_slider(page: Page, label: str) -> Locator:
    """The sidebar ``stSlider`` whose label is exactly ``label``."""
    return page.locator(f'{SIDEBAR} [data-testid="stSlider"]').filter(
        has=page.locator('[data-testid="stWidgetLabel"]').get_by_text(label, exact=True)
    )


def slider_thumb(slider: Locator) -> Locator:
    """The thumb of a slider: react-aria renders it as a (visually hidden) ``input type=range``, role slider."""
    return slider.get_by_role("slider")


def step_pattern(lang: str = "en") -> re.Pattern:
    """Matches the train page's metrics line and captures its step count."""
    return re.compile("^" + re.escape(plain(text_before_values("train.metrics", lang))) + r"(\d[\d,]*)")


def step_counts(page: Page, lang: str = "en") -> list[int]:
    """The step count of each metrics line on the train page (one per net: with dropout, and the twin)."""
    pattern = step_pattern(lang)
    lines = page.locator(f'{MAIN} [data-testid="stMarkdownContainer"]').filter(has_text=pattern).all_inner_texts()
    return [int(match.group(1).replace(",", "")) for line in lines if (match := pattern.match(line.strip()))]


def active_nav(page: Page) -> list[str]:
    """Labels of the highlighted sidebar navigation links (without their icons' ligature text)."""
    return page.locator('[data-testid="stSidebarNavLink"][aria-current="page"]').evaluate_all(
        """links => links.map(link => {
            const copy = link.cloneNode(true);
            copy.querySelectorAll('[data-testid^="stIcon"]').forEach(icon => icon.remove());
            return copy.textContent.trim();
        })"""
    )


def main_button(page: Page, label: str) -> Locator:
    """A button of the main area by its accessible name (the label; the icon's ligature text is hidden)."""
    return page.locator(MAIN).get_by_role("button", name=label, exact=True)


# --- the train page's live surfaces (canvases drawn by app/components/surface.js) ---------------------------

SURFACE = "canvas.field"  # inside the component's shadow root: Playwright locators pierce it, querySelector does not


def surfaces(page: Page) -> Locator:
    """The surface canvases of the train page: the dropout net's, then the twin's."""
    return page.locator(f"{MAIN} {SURFACE}")


def surface_steps(page: Page) -> list[int]:
    """The training step of the frame each surface shows now (its ``data-step``; -1 before the first frame)."""
    return [int(s) for s in surfaces(page).evaluate_all("els => els.map(el => el.dataset.step ?? '-1')")]


def surface_log(canvas: Locator) -> list[list[float]]:
    """``[browser time in ms, step, ms the frame took to draw]`` of every frame the surface drew (the last few
    thousand)."""
    return canvas.evaluate("el => (el.dropvizLog || []).map(entry => entry.slice())")


def surface_probabilities(canvas: Locator) -> tuple[list[float], dict]:
    """The probabilities behind the frame shown (flat ``[R * R * C]``, grid point (i, j) at ``(i * R + j) * C``)
    and the grid: ``{"resolution", "extent", "classes"}``."""
    return canvas.evaluate("el => [Array.from(el.dropvizProbs), el.dropvizGrid]")


def wait_for_surface_steps(page: Page, steps: int, timeout: float = 30.0) -> None:
    """Wait until every surface shows the frame of training step ``steps``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        shown = surface_steps(page)
        if shown and all(s == steps for s in shown):
            return
        time.sleep(0.05)
    raise AssertionError(f"the surfaces show steps {surface_steps(page)}, not {steps}, after {timeout:.0f} s")


# Headless Chromium shows every page (a second tab in front, a minimised window, a frozen page: all stay
# "visible"), so a hidden page is emulated: document.visibilityState is overridden and the event dispatched.
HIDE_SCRIPT = """
hidden => {
  for (const [name, value] of [['visibilityState', hidden ? 'hidden' : 'visible'], ['hidden', hidden]]) {
    Object.defineProperty(document, name, {configurable: true, get: () => value});
  }
  document.dispatchEvent(new Event('visibilitychange'));
}
"""


def set_page_hidden(page: Page, hidden: bool) -> None:
    """Make the page look hidden (a background tab) or visible again to its scripts, as a browser would."""
    page.evaluate(HIDE_SCRIPT, hidden)
