"""Many visitors at once (issue #10): N headless Chromium visitors on the Train page of one server, all playing.

    python benchmarks/bench_load.py                                # 10 visitors, 60 s measured, its own server
    python benchmarks/bench_load.py --visitors 5 --seconds 30 --speed 50

One Chromium, a browser context per visitor (its own cookies, so its own Streamlit session), loopback only. Each
visitor opens /train, presses Play and keeps playing; once the last one plays (and a short warm-up), --seconds are
measured:

- per visitor: frames/s (new frames its two surfaces drew, counted by their ``data-step`` changes), training steps/s
  those frames advanced, the longest time without a new frame, the longest time without new data from the server,
  and how late a 100 ms timer fires in the page (the wait for a turn on its browser's CPU);
- all nets together: weight updates per second (steps of both nets of every visitor, from the pages' step counts);
- the server: /_stcore/health latency polled every 0.5 s, resident memory (with any child processes) before the
  visitors, during the run and after they closed their tabs, CPU;
- exceptions: tracebacks in the server's log, page errors and Streamlit exception boxes in the pages.

The browsers run on the same machine as the server and take CPU from it: in a room every visitor's own computer
draws their surfaces (the browser evaluates both nets on a 100x100 grid for every frame). The report gives the CPU
the browsers took beside the server's; ``--browser-cpus 1`` keeps them on core 1 (``taskset``), so the server has
core 0 to itself, as it would on a machine of its own. Frames/s are lower bounds for a real room either way.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright  # noqa: E402

from app import settings as cfg  # noqa: E402
from dropviz.i18n import t  # noqa: E402
from tests.browser import harness as h  # noqa: E402

HEALTH_INTERVAL_SECONDS = 0.5
HEALTH_TIMEOUT_SECONDS = 5.0  # a health check slower than this counts as failed
WARM_UP_SECONDS = 3.0  # after the last visitor pressed Play, before measuring
SETTLE_SECONDS = 5.0  # after the tabs closed, before the "after" memory
TARGET_HEALTH_P95_SECONDS = 1.0
TARGET_LONGEST_STILL_SECONDS = 1.0  # every visitor's view moves at least once a second
ACTION_TIMEOUT_MS = 60_000  # a visitor who cannot press Play within this is counted as stuck
expect.set_options(timeout=ACTION_TIMEOUT_MS)

# Logs every new frame of each surface: [browser time in ms, training step shown]; the first entry is the frame
# shown when recording starts; and how late a 100 ms timer fires (a timer, not animation frames, which would cost
# the page a frame sixty times a second). Returns the browser's clock then.
RECORDER = """
canvases => {
  window.__loadCanvases = canvases;
  window.__ticks = [];  // [time, ms late] of a 100 ms timer: how long the page's main thread keeps it waiting
  let due = performance.now() + 100;
  const tick = () => {
    const now = performance.now();
    window.__ticks.push([now, now - due]);
    due = now + 100;
    setTimeout(tick, 100);
  };
  setTimeout(tick, 100);
  window.__load = canvases.map(canvas => {
    const log = [[performance.now(), +canvas.dataset.step]];
    new MutationObserver(() => log.push([performance.now(), +canvas.dataset.step]))
      .observe(canvas, {attributes: true, attributeFilter: ['data-step']});
    return log;
  });
  return performance.now();
}
"""
# ... and the times data from the server arrived at the first surface (its own log: dropvizArrivals)
READ_RECORDER = """() => [performance.now(), window.__load, document.visibilityState,
  window.__loadCanvases[0].dropvizArrivals.map(a => a[0]), window.__ticks]"""


# --- the server process -----------------------------------------------------------------------------------


def process_tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (Streamlit starts none today; a future one would count)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue  # the process ended meanwhile
            children.setdefault(ppid, []).append(int(entry.name))
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo.extend(children.get(p, []))
    return tree


def rss_mib(pid: int) -> float:
    """Resident memory of ``pid`` and its descendants, in MiB (VmRSS from /proc/<pid>/status)."""
    total_kib = 0
    for p in process_tree(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kib += int(line.split()[1])
        except OSError:
            continue
    return total_kib / 1024


def cpu_seconds(pids: list[int]) -> float:
    """CPU time (user + system) the processes ``pids`` used so far."""
    total = 0
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def health_seconds(url: str) -> float | None:
    """Seconds /_stcore/health took to answer "ok", or None if it failed or took over HEALTH_TIMEOUT_SECONDS."""
    start = time.monotonic()
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=HEALTH_TIMEOUT_SECONDS) as response:
            ok = response.read().decode().strip() == "ok"
    except OSError:
        return None
    return time.monotonic() - start if ok else None


@dataclass
class Sample:
    phase: str
    health: float | None
    rss: float


class Monitor(threading.Thread):
    """Polls the health endpoint and the server's memory every HEALTH_INTERVAL_SECONDS, each sample tagged with
    the phase the main thread has set (``monitor.phase = "during"``)."""

    def __init__(self, url: str, pid: int) -> None:
        super().__init__(name="load-monitor", daemon=True)
        self.url, self.pid, self.phase = url, pid, "before"
        self.samples: list[Sample] = []
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            start = time.monotonic()
            self.samples.append(Sample(self.phase, health_seconds(self.url), rss_mib(self.pid)))
            self._halt.wait(max(0.0, HEALTH_INTERVAL_SECONDS - (time.monotonic() - start)))

    def stop(self) -> None:
        self._halt.set()
        self.join(timeout=HEALTH_TIMEOUT_SECONDS + 1)

    def of(self, phase: str) -> list[Sample]:
        return [s for s in self.samples if s.phase == phase]


def server_tracebacks(server: h.Server) -> int:
    try:
        return server.log_path.read_text(errors="replace").count("Traceback (most recent call last)")
    except OSError:
        return 0


# --- the visitors --------------------------------------------------------------------------------------------


def launch(playwright: Playwright, cpus: str = "") -> Browser:
    """Chromium as the browser tests launch it; with ``cpus`` (as ``taskset -c`` takes them, "1" say) it and every
    process it starts run on those cores only. (Niceness does not hold: Chromium sets its processes' own.)"""
    if not cpus or not Path(h.CHROMIUM).exists():
        return h.launch(playwright)  # (which says what to do when there is no Chromium)
    with tempfile.TemporaryDirectory(prefix="dropviz-load-") as directory:  # needed only to start Chromium
        wrapper = Path(directory) / "chromium"
        wrapper.write_text(f'#!/bin/sh\nexec taskset -c {shlex.quote(cpus)} {shlex.quote(h.CHROMIUM)} "$@"\n')
        wrapper.chmod(0o755)
        return playwright.chromium.launch(executable_path=str(wrapper), args=h.LAUNCH_ARGS)


def progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


@dataclass
class Visitor:
    context: BrowserContext
    page: Page
    errors: list[str] = field(default_factory=list)  # exceptions: page errors and exception boxes
    stuck: str = ""  # why the visitor could not start playing (a timeout), if so
    visibility: str = "?"  # document.visibilityState at the end of the measured window
    unmeasured: str = ""  # why the measured window gave no figures, if so
    open_seconds: float = 0.0  # from opening /train to playing

    def close(self) -> None:
        try:
            self.context.close()
        except Exception:  # noqa: BLE001  (a crashed page: closing is best effort)
            pass


def open_visitor(browser: Browser, url: str) -> Visitor:
    """A new visitor opens ``url`` (the Train page) and presses Play; failures are recorded, not raised."""
    context = h.new_context(browser)
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    visitor = Visitor(context, context.new_page())
    visitor.page.on("pageerror", lambda error: visitor.errors.append(f"page error: {error}"))
    start = time.monotonic()
    try:
        h.open_app(visitor.page, url)
        h.main_button(visitor.page, t("train.play")).click()
        expect(h.main_button(visitor.page, t("train.pause"))).to_be_visible()
    except Exception as error:  # noqa: BLE001  (a timeout, or an exception box that exception_boxes counts)
        visitor.stuck = str(error).splitlines()[0]
    visitor.open_seconds = time.monotonic() - start
    return visitor


def exception_boxes(visitor: Visitor) -> list[str]:
    try:
        return [box[:200] for box in h.recorded(visitor.page, "exceptions")]
    except Exception as error:  # noqa: BLE001
        return [f"page unreadable: {str(error).splitlines()[0]}"]


@dataclass
class Window:
    """One visitor's measured window: its surfaces' frame logs and the step counts its page showed."""

    start_ms: float
    steps0: list[int]
    end_ms: float = 0.0
    steps1: list[int] = field(default_factory=list)
    logs: list[list[list[float]]] = field(default_factory=list)
    arrivals: list[float] = field(default_factory=list)  # ms, data from the server reaching the first surface
    ticks: list[list[float]] = field(default_factory=list)  # [ms, ms late] per firing of a 100 ms timer


def start_window(visitor: Visitor) -> Window | None:
    try:
        start_ms = h.surfaces(visitor.page).evaluate_all(RECORDER)
        return Window(start_ms, h.step_counts(visitor.page))
    except Exception as error:  # noqa: BLE001
        visitor.unmeasured = f"recording: {str(error).splitlines()[0]}"
        return None


def end_window(visitor: Visitor, window: Window | None) -> Window | None:
    """Reads the window's logs and step counts; None (and an error) when they cannot give figures."""
    if window is None:
        return None
    try:
        read = visitor.page.evaluate(READ_RECORDER)
        window.end_ms, window.logs, visitor.visibility, window.arrivals, window.ticks = read
        window.steps1 = h.step_counts(visitor.page)
    except Exception as error:  # noqa: BLE001
        visitor.unmeasured = f"reading: {str(error).splitlines()[0]}"
        return None
    if len(window.logs) != 2 or len(window.steps0) != 2 or len(window.steps1) != 2:
        visitor.unmeasured = (
            f"the page lost its surfaces or step counts: {len(window.logs)} surfaces, steps {window.steps0} -> "
            f"{window.steps1}"
        )
        return None
    return window


@dataclass
class Figures:
    fps: float  # new frames per second, mean of the two surfaces
    steps_per_s: float  # training steps per second the frames advanced, mean of the two surfaces
    longest_still: float  # seconds, the longest time either surface showed no new frame
    longest_without_data: float  # seconds, the longest time no new data came from the server
    timer_late_ms: float  # median: how late a 100 ms timer fired (a few ms when its browser has CPU to spare)
    updates_per_s: float  # weight updates per second of both nets (from the page's step counts)


def figures(window: Window | None) -> Figures | None:
    if window is None:
        return None
    seconds = (window.end_ms - window.start_ms) / 1000
    fps, steps, still = [], [], []
    for log in window.logs:
        times = [window.start_ms, *(entry[0] for entry in log[1:]), window.end_ms]
        fps.append((len(log) - 1) / seconds)
        steps.append((log[-1][1] - log[0][1]) / seconds)
        still.append(max(b - a for a, b in zip(times, times[1:])) / 1000)
    updates = sum(b - a for a, b in zip(window.steps0, window.steps1)) / seconds
    arrivals = [window.start_ms, *(a for a in window.arrivals if window.start_ms < a < window.end_ms), window.end_ms]
    no_data = max(b - a for a, b in zip(arrivals, arrivals[1:])) / 1000
    late = [ms for at, ms in window.ticks if window.start_ms <= at <= window.end_ms] or [float("nan")]
    return Figures(statistics.mean(fps), statistics.mean(steps), max(still), no_data, statistics.median(late), updates)


# --- the run -------------------------------------------------------------------------------------------------


@dataclass
class Result:
    visitors: int
    speed: int
    seconds: float
    browser_cpus: str
    crowd: list[Visitor]
    per_visitor: list[Figures | None]
    monitor: Monitor
    tracebacks: int
    cpu: tuple[float, float]  # cores used while measuring: the server, the browsers
    load: tuple[float, float, float]


def open_crowd(browser: Browser, url: str, visitors: int) -> list[Visitor]:
    """The visitors arrive one after another; each plays as soon as their page lets them."""
    crowd = []
    for k in range(visitors):
        crowd.append(open_visitor(browser, url))
        progress(f"visitor {k + 1}: {crowd[-1].stuck or 'playing'} after {crowd[-1].open_seconds:.1f} s")
    return crowd


def cores_used(server_pid: int, seconds: float) -> tuple[float, float]:
    """Sleep ``seconds``; returns the cores the server and the browsers (every other process this script started)
    used meanwhile."""

    def now() -> tuple[float, float]:
        server = process_tree(server_pid)
        others = [p for p in process_tree(os.getpid()) if p not in server and p != os.getpid()]
        return cpu_seconds(server), cpu_seconds(others)

    (server0, browsers0), wall0 = now(), time.monotonic()
    time.sleep(seconds)
    (server1, browsers1), wall = now(), time.monotonic() - wall0
    return (server1 - server0) / wall, (browsers1 - browsers0) / wall


def run(server: h.Server, visitors: int, seconds: float, speed: int, browser_cpus: str) -> Result:
    monitor = Monitor(server.url, server.process.pid)
    monitor.start()
    time.sleep(2 * HEALTH_INTERVAL_SECONDS)  # a few "before" samples
    with sync_playwright() as playwright:
        browser = launch(playwright, browser_cpus)
        try:
            monitor.phase = "opening"
            crowd = open_crowd(browser, f"{server.url}/train?speed={speed}", visitors)
            time.sleep(WARM_UP_SECONDS)
            monitor.phase = "during"
            windows = [start_window(v) for v in crowd]
            progress(f"measuring {seconds:.0f} s")
            cpu = cores_used(server.process.pid, seconds)
            windows = [end_window(visitor, window) for visitor, window in zip(crowd, windows)]
            load = os.getloadavg()
            for visitor in crowd:
                visitor.errors += exception_boxes(visitor)
            monitor.phase = "closing"
            for visitor in crowd:
                visitor.close()
        finally:
            browser.close()
    time.sleep(SETTLE_SECONDS)
    monitor.phase = "after"
    time.sleep(2 * HEALTH_INTERVAL_SECONDS)
    monitor.stop()
    per_visitor = [figures(w) for w in windows]
    tracebacks = server_tracebacks(server)
    return Result(visitors, speed, seconds, browser_cpus, crowd, per_visitor, monitor, tracebacks, cpu, load)


# --- the report ----------------------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * (len(ordered) - 1) + 0.5))]


def spread(values: list[float], unit: str = "", digits: int = 1) -> str:
    if not values:
        return "n/a"
    return (
        f"min {min(values):.{digits}f}{unit}   median {statistics.median(values):.{digits}f}{unit}"
        f"   max {max(values):.{digits}f}{unit}"
    )


def report_visitors(r: Result) -> None:
    measured = [f for f in r.per_visitor if f is not None]
    print(f"  frames/s per visitor          {spread([f.fps for f in measured])}")
    print(f"  steps/s per visitor (a net)   {spread([f.steps_per_s for f in measured], digits=0)}   (frames shown)")
    print(f"  steps/s trained (a net)       {spread([f.updates_per_s / 2 for f in measured], digits=0)}   (server)")
    print(f"  longest without a new frame   {spread([f.longest_still for f in measured], ' s', 2)}")
    print(f"  longest without new data      {spread([f.longest_without_data for f in measured], ' s', 2)}")
    late = spread([f.timer_late_ms for f in measured], " ms", 0)
    print(f"  a 100 ms timer fired late by  {late}   (median; a few ms when the browser has CPU to spare)")
    print(f"  opening /train to playing     {spread([v.open_seconds for v in r.crowd], ' s')}")
    total = sum(f.updates_per_s for f in measured)
    print(f"  all nets: {total:,.0f} weight updates/s (both nets of {len(measured)} visitors measured)")
    print(f"  CPU while measuring: server {r.cpu[0]:.2f} cores, browsers {r.cpu[1]:.2f} cores\n")


def report_server(r: Result) -> float:
    """Health and memory; returns the health p95 in seconds (inf if it never answered)."""
    during = [s.health for s in r.monitor.of("during")]
    answered = [x for x in during if x is not None]
    if answered:
        ms = [1000 * percentile(answered, q) for q in (0.5, 0.95, 1.0)]
        print(
            f"  /_stcore/health every {HEALTH_INTERVAL_SECONDS} s while measuring: p50 {ms[0]:.0f} ms   "
            f"p95 {ms[1]:.0f} ms   max {ms[2]:.0f} ms   failed {len(during) - len(answered)} of {len(during)}"
        )
    else:
        print(f"  /_stcore/health: no answer in {len(during)} tries while measuring")
    memory = {phase: [s.rss for s in r.monitor.of(phase)] for phase in ("before", "during", "after")}
    print(
        f"  server memory (RSS, MiB): before {memory['before'][-1]:.0f}   "
        f"during {min(memory['during']):.0f}-{max(memory['during']):.0f}   "
        f"after the tabs closed (+{SETTLE_SECONDS:.0f} s) {memory['after'][-1]:.0f}"
    )
    return percentile(answered, 0.95) if answered else float("inf")


def report(r: Result) -> bool:
    """Print the figures; returns whether the targets of issue #10 were met."""
    print(
        f"Train page, {r.visitors} visitors (one headless Chromium, a context each, 1280x720), "
        f"{r.speed} steps per refresh, {r.seconds:.0f} s measured while all played"
        + (f"; browsers on cores {r.browser_cpus} only" if r.browser_cpus else "")
    )
    print(f"load average at the end of the window: {' '.join(f'{x:.2f}' for x in r.load)} on {os.cpu_count()} cores")
    print(f"pages' visibility: {', '.join(sorted({v.visibility for v in r.crowd}))}\n")
    report_visitors(r)
    p95 = report_server(r)
    errors = [f"visitor {k + 1}: {e}" for k, v in enumerate(r.crowd) for e in v.errors]
    stuck = [f"visitor {k + 1}: {v.stuck}" for k, v in enumerate(r.crowd) if v.stuck]
    unmeasured = [f"visitor {k + 1}: {v.unmeasured}" for k, v in enumerate(r.crowd) if v.unmeasured]
    print(f"  exceptions: server log tracebacks {r.tracebacks}, in the pages {len(errors)}")
    print(f"  visitors who could not start playing within {ACTION_TIMEOUT_MS / 1000:.0f} s: {len(stuck)}")
    print(f"  visitors without figures: {len(unmeasured)}")
    for line in (errors + stuck + unmeasured)[:12]:
        print(f"    {line}")
    measured = [f for f in r.per_visitor if f is not None]
    longest = max((f.longest_still for f in measured), default=float("inf"))
    if len(measured) < r.visitors:
        longest = float("inf")  # a visitor without figures did not see a moving view
    exceptions = r.tracebacks + len(errors)
    checks = [
        (f"0 exceptions: {exceptions}", exceptions == 0),
        (f"health p95 under {TARGET_HEALTH_P95_SECONDS:.0f} s: {p95:.2f} s", p95 < TARGET_HEALTH_P95_SECONDS),
        (f"every view moves every second: longest still {longest:.2f} s", longest <= TARGET_LONGEST_STILL_SECONDS),
    ]
    print("\n  targets (issue #10): " + "; ".join(f"{text} {'OK' if ok else 'MISSED'}" for text, ok in checks))
    return all(ok for _, ok in checks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--visitors", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60.0, help="measured while all visitors play")
    parser.add_argument("--speed", type=int, default=cfg.Settings().speed, help=f"steps per refresh: {cfg.SPEEDS}")
    parser.add_argument("--browser-cpus", default="", help="run the browsers on these cores only (taskset -c)")
    args = parser.parse_args(argv)
    if args.visitors < 1 or args.seconds <= 0 or args.speed not in cfg.SPEEDS:
        parser.error(f"need --visitors >= 1, --seconds > 0 and --speed in {cfg.SPEEDS}")
    with h.app_server() as server:
        result = run(server, args.visitors, args.seconds, args.speed, args.browser_cpus)
    return 0 if report(result) else 1


if __name__ == "__main__":
    sys.exit(main())
