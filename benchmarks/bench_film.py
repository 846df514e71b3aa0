"""The Train page's live surfaces in headless Chromium: frames per second per net while both nets train, blank or
faded frames, and how soon Pause, Step, Reset and sliders show on the surfaces.

    python benchmarks/bench_film.py                      # starts its own server (app/streamlit_app.py)
    python benchmarks/bench_film.py --url http://127.0.0.1:8501 --speed 150 --seconds 15

One visitor, 1280x720, default settings (2-32-32-2 ReLU net on noisy moons) at the top "steps per refresh" unless
--speed says otherwise. Frames are counted by the surfaces themselves (each canvas logs the step of every frame it
draws); a latency runs from the browser's click or key press to the first frame that shows the new state. Last,
the server's CPU while the page plays in a hidden tab (emulated: headless Chromium never hides a page) and after
the page is closed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from contextlib import nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

from app import settings as cfg  # noqa: E402
from dropviz.i18n import t  # noqa: E402
from tests.browser import harness as h  # noqa: E402

PLAYGROUND = (31.7, 790)  # TensorFlow Playground: surface redraws/s, weight updates/s (measured on this machine)
BEFORE = (3.5, 250)  # dropviz with PNG surfaces (st.image, 50x50 grid): refreshes/s, steps/s per net
WARM_UP_SECONDS = 3.0
IDLE_SECONDS = 4.0  # hidden and closed page: how long the server's CPU is measured
ROUNDS = 3  # latencies: median of this many
expect.set_options(timeout=30_000)

# Records clicks and key presses, every data-step / data-cut change of the surfaces, and samples what they show
# every 250 ms (sparingly: it costs the browser): a transparent pixel (blank), a faded container (Streamlit's
# stale look), a detached canvas. Called again before each action: a canvas that replaced another (a remount)
# is then watched too, and counted.
RECORDER = """
canvases => {
  let rec = window.__film;
  if (!rec) {
    rec = window.__film = {events: [], changes: [], samples: 0, blank: 0, faded: 0, detached: 0, remounts: 0, canvases};
    for (const type of ['click', 'keydown']) {
      document.addEventListener(type, () => rec.events.push([type, performance.now()]), true);
    }
    setInterval(() => {
      rec.canvases.forEach(canvas => {
        rec.samples++;
        if (!canvas.isConnected) { rec.detached++; return; }
        const ctx = canvas.getContext('2d');
        const w = canvas.width, hgt = canvas.height;
        for (const [x, y] of [[w >> 1, hgt >> 1], [2, 2], [w - 3, hgt - 3]]) {
          if (ctx.getImageData(x, y, 1, 1).data[3] === 0) { rec.blank++; break; }
        }
        let opacity = 1;
        const container = canvas.getRootNode().host.closest('[data-testid="stElementContainer"]');
        for (let n = container; n; n = n.parentElement) opacity *= parseFloat(getComputedStyle(n).opacity);
        if (opacity < 0.99) rec.faded++;
      });
    }, 250);
  } else {
    rec.remounts += canvases.filter(canvas => !canvas.filmMark).length;
  }
  canvases.forEach((canvas, k) => {
    if (canvas.filmMark) return;
    canvas.filmMark = true;
    new MutationObserver(() => rec.changes.push([performance.now(), k, +canvas.dataset.step, canvas.dataset.cut]))
      .observe(canvas, {attributes: true, attributeFilter: ['data-step', 'data-cut']});
  });
  rec.canvases = canvases;
}
"""


def watch(page: Page) -> None:
    h.surfaces(page).evaluate_all(RECORDER)


def cpu_seconds(pid: int | None) -> float | None:
    if pid is None:
        return None
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def now_ms(page: Page) -> float:
    return page.evaluate("performance.now()")


def recorded(page: Page) -> dict:
    return page.evaluate("window.__film")


def wait_until(condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.02)


def latency(page: Page, kind: str, since: float, shows) -> float:
    """Milliseconds from the last ``kind`` event after ``since`` to the first change where both surfaces
    ``shows(step, cut)``."""
    rec = recorded(page)
    event = max(time for name, time in rec["events"] if name == kind and time >= since)
    state: dict[int, tuple[int, str]] = {}
    for when, k, step, cut in rec["changes"]:
        if when < event:
            continue
        state[k] = (step, cut)
        if len(state) == 2 and all(shows(*state[i]) for i in (0, 1)):
            return when - event
    recent = [c for c in rec["changes"] if c[0] >= since][-6:]
    raise AssertionError(f"no frame after the {kind} at {event:.0f} ms showed the new state; last changes: {recent}")


def cuts(page: Page) -> list[str]:
    return h.surfaces(page).evaluate_all("els => els.map(el => el.dataset.cut)")


def wait_for_new_cut(page: Page, before: list[str]):
    """Wait until both surfaces show another net or other drop probabilities; returns that test for latency()."""
    wait_until(lambda: all(c != b for c, b in zip(cuts(page), before)))
    return lambda step, cut: cut not in before


def at_step(n: int):
    return lambda step, cut: step == n


def measure_latencies(page: Page, speed: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {"pause": [], "step": [], "reset": [], "drop slider, playing": []}
    out["width slider, paused"] = []
    drop = h.slider_thumb(h.sidebar_slider(page, t("side.drop_label", layer=t("side.layer_inputs"))))
    width = h.slider_thumb(h.sidebar_slider(page, t("side.width")))
    for _ in range(ROUNDS):
        h.main_button(page, t("train.play")).click()
        expect(h.main_button(page, t("train.pause"))).to_be_visible()
        time.sleep(1.5)
        watch(page)
        before, since = cuts(page), now_ms(page)
        drop.focus()
        drop.press("ArrowLeft" if float(drop.input_value()) > 0.5 else "ArrowRight")
        out["drop slider, playing"].append(latency(page, "keydown", since, wait_for_new_cut(page, before)))
        time.sleep(1.5)

        watch(page)
        since = now_ms(page)
        h.main_button(page, t("train.pause")).click()
        expect(h.main_button(page, t("train.play"))).to_be_visible()
        h.wait_idle(page)
        final = h.step_counts(page)[0]
        h.wait_for_surface_steps(page, final)
        out["pause"].append(latency(page, "click", since, at_step(final)))

        watch(page)
        since, target = now_ms(page), final + speed
        h.main_button(page, t("train.step", n=speed) if speed > 1 else t("train.step_one")).click()
        h.wait_for_surface_steps(page, target)
        out["step"].append(latency(page, "click", since, at_step(target)))
        h.wait_idle(page)

        watch(page)
        before, since = cuts(page), now_ms(page)
        width.focus()
        width.press("ArrowLeft")  # a new net (one unit narrower): starts at step 0
        out["width slider, paused"].append(latency(page, "keydown", since, wait_for_new_cut(page, before)))
        h.wait_idle(page)

        h.main_button(page, t("train.play")).click()
        expect(h.main_button(page, t("train.pause"))).to_be_visible()
        time.sleep(1.5)
        watch(page)
        since = now_ms(page)
        h.main_button(page, t("train.reset")).click()
        h.wait_for_surface_steps(page, 0)
        out["reset"].append(latency(page, "click", since, at_step(0)))
        h.wait_idle(page)
    return out


def film(page: Page, seconds: float, pid: int | None) -> dict:
    h.main_button(page, t("train.play")).click()
    expect(h.main_button(page, t("train.pause"))).to_be_visible()
    time.sleep(WARM_UP_SECONDS)
    start, steps0, cpu0, wall0 = now_ms(page), h.step_counts(page), cpu_seconds(pid), time.monotonic()
    samples0 = recorded(page)
    time.sleep(seconds)
    end, steps1, cpu1, wall1 = now_ms(page), h.step_counts(page), cpu_seconds(pid), time.monotonic()
    samples1 = recorded(page)
    canvases = h.surfaces(page)
    nets = []
    for k in range(2):
        log = [entry for entry in h.surface_log(canvases.nth(k)) if start <= entry[0] <= end]
        times = [entry[0] for entry in log]
        gaps = sorted(b - a for a, b in zip(times, times[1:]))
        steps = [int(entry[1]) for entry in log]
        arrivals = canvases.nth(k).evaluate("el => el.dropvizArrivals.map(a => a[0])")
        nets.append(
            {
                "fps": (len(log) - 1) / ((times[-1] - times[0]) / 1000),
                "steps_per_s": (steps[-1] - steps[0]) / ((times[-1] - times[0]) / 1000),
                "median_ms": statistics.median(gaps),
                "p95_ms": gaps[int(0.95 * (len(gaps) - 1))],
                "max_ms": gaps[-1],
                "backwards": sum(b <= a for a, b in zip(steps, steps[1:])),
                "draw_ms": statistics.median(entry[2] for entry in log),
                "refreshes": sum(start <= when <= end for when in arrivals) / ((end - start) / 1000),
            }
        )
    grid = canvases.first.evaluate("el => el.dropvizGrid")
    sizes = canvases.first.evaluate("el => el.dropvizSizes")
    h.main_button(page, t("train.pause")).click()
    expect(h.main_button(page, t("train.play"))).to_be_visible()
    h.wait_idle(page)
    elapsed = wall1 - wall0
    return {
        "nets": nets,
        "server_steps_per_s": (min(steps1) - min(steps0)) / elapsed,
        "server_cpu": None if cpu0 is None else (cpu1 - cpu0) / elapsed,
        "grid": grid,
        "sizes": sizes,
        "samples": {k: samples1[k] - samples0[k] for k in ("samples", "blank", "faded", "detached")},
    }


def server_load(page: Page, pid: int | None, seconds: float = IDLE_SECONDS) -> tuple[float | None, float]:
    """The server's CPU (share of a core) and the dropout net's training steps per second over ``seconds``."""
    cpu0, steps0, wall0 = cpu_seconds(pid), h.step_counts(page), time.monotonic()
    time.sleep(seconds)
    cpu1, steps1, wall1 = cpu_seconds(pid), h.step_counts(page), time.monotonic()
    cpu = None if cpu0 is None else (cpu1 - cpu0) / (wall1 - wall0)
    return cpu, (steps1[0] - steps0[0]) / (wall1 - wall0)


def hidden_and_closed(page: Page, pid: int | None) -> dict:
    """Server CPU and steps/s while playing in a hidden page, then shown again, then after the page is closed."""
    h.main_button(page, t("train.play")).click()
    expect(h.main_button(page, t("train.pause"))).to_be_visible()
    h.set_page_hidden(page, True)
    time.sleep(1.0)  # a refresh under way finishes
    out = {"hidden": server_load(page, pid)}
    h.set_page_hidden(page, False)
    time.sleep(1.0)
    out["shown again"] = server_load(page, pid)
    page.context.close()
    time.sleep(1.0)
    cpu0, wall0 = cpu_seconds(pid), time.monotonic()
    time.sleep(IDLE_SECONDS)
    out["closed"] = (None if cpu0 is None else (cpu_seconds(pid) - cpu0) / (time.monotonic() - wall0), 0.0)
    return out


def run(base_url: str, speed: int, seconds: float, pid: int | None, query: str) -> None:
    with sync_playwright() as playwright:
        browser = h.launch(playwright)
        try:
            page = h.new_context(browser).new_page()
            h.open_app(page, f"{base_url}/train?speed={speed}" + (f"&{query}" if query else ""))
            h.wait_for_surface_steps(page, 0)
            watch(page)
            result = film(page, seconds, pid)
            latencies = measure_latencies(page, speed)
            watch(page)
            remounted = recorded(page)["remounts"]
            result["late"] = h.surfaces(page).evaluate_all("els => els.map(el => el.dropvizLate)")
            result["idle"] = hidden_and_closed(page, pid)
        finally:
            browser.close()
    report(speed, seconds, result, latencies, remounted, query)


def report(speed: int, seconds: float, result: dict, latencies: dict, remounted: int, query: str) -> None:
    r = result["grid"]["resolution"]
    sizes = "-".join(str(n) for n in result["sizes"])
    print(f"Train page, headless Chromium 1280x720, {speed} steps per refresh, {seconds:.0f} s playing")
    print(f"net {sizes}, settings: {query or 'defaults'}")
    print(f"load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores\n")
    print(f"  {'':34}{'frames/s per net':>18}{'steps/s per net':>18}   surface")
    print(f"  {'TensorFlow Playground':34}{PLAYGROUND[0]:>18.1f}{PLAYGROUND[1]:>18,}   100x100 cells")
    print(f"  {'dropviz before (PNG, st.image)':34}{BEFORE[0]:>18.1f}{BEFORE[1]:>18,}   50x50 cells")
    for name, net in zip(("dropviz now, dropout net", "dropviz now, twin"), result["nets"]):
        print(f"  {name:34}{net['fps']:>18.1f}{net['steps_per_s']:>18,.0f}   {r}x{r} cells")
    print(f"  server: {result['server_steps_per_s']:.0f} steps/s per net", end="")
    if result["server_cpu"] is not None:
        print(f", {100 * result['server_cpu']:.0f}% of a core", end="")
    print("\n")
    for name, net in zip(("dropout net", "twin"), result["nets"]):
        print(
            f"  {name:12} frame intervals: median {net['median_ms']:.0f} ms, 95th percentile {net['p95_ms']:.0f} ms, "
            f"longest {net['max_ms']:.0f} ms; frames out of order {net['backwards']}; drawing a frame "
            f"{net['draw_ms']:.1f} ms (median); snapshots arrive {net['refreshes']:.1f} times a second"
        )
    s = result["samples"]
    print(
        f"  every 250 ms, both surfaces: {s['samples']} samples, blank {s['blank']}, faded {s['faded']}, "
        f"detached {s['detached']}; canvases remounted {remounted}; late data ignored {sum(result['late'])} "
        "(sent before data already shown)\n"
    )
    print(f"  latency, click or key press -> both surfaces show the new state (median and max of {ROUNDS}):")
    for name, values in latencies.items():
        print(f"    {name:24} {statistics.median(values):6.0f} ms   max {max(values):6.0f} ms")
    print(f"\n  the server while playing, {IDLE_SECONDS:.0f} s each:")
    visible = result["server_cpu"], result["server_steps_per_s"]
    for name, (cpu, steps) in {"visible": visible, **result["idle"]}.items():
        share = "?" if cpu is None else f"{100 * cpu:.0f}%"
        print(f"    page {name:14} {share:>5} of a core, {steps:5.0f} steps/s per net")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running dropviz server (default: start one)")
    parser.add_argument("--speed", type=int, default=max(cfg.SPEEDS), help="steps per refresh (one of SPEEDS)")
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--pid", type=int, help="the server's process id, for its CPU time (with --url)")
    parser.add_argument("--query", default="", help="more settings, as in the URL: width=16&n_test=400")
    args = parser.parse_args(argv)
    if args.speed not in cfg.SPEEDS:
        print(f"note: {args.speed} is not in app.settings.SPEEDS {cfg.SPEEDS}: the server must allow it", flush=True)
    with nullcontext(None) if args.url else h.app_server() as server:
        base_url = args.url.rstrip("/") if args.url else server.url
        pid = args.pid if args.url else server.process.pid
        run(base_url, args.speed, args.seconds, pid, args.query)
    return 0


if __name__ == "__main__":
    sys.exit(main())
