"""Soak (issue #10): waves of visitors open the Train page, play, and close their tabs, for minutes on one server.

    python benchmarks/soak.py                                   # 10 minutes, waves of 5 visitors playing 20 s
    python benchmarks/soak.py --minutes 2 --visitors 3 --play 10

After each wave has closed its tabs, it prints the server's resident memory and what holds experiments in the
server: the server runs with an inspector thread (this file, ``--serve``) that counts the live ``Experiment``
objects after a garbage collection, split by holder: sessions still connected, sessions of closed tabs that
Streamlit keeps for a reconnect (``server.disconnectedSessionTTL``, 120 s by default, reaped when a later session
disconnects), the server's training cache (read-only snapshots, at most ``training_cache.MAX_RUNS``), and anything
else. "Anything else" growing wave after wave would be a leak; the tests in tests/test_release.py show one closed
tab's experiment go. Target: memory after the last wave within 50 MB of memory after the first.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
load: ModuleType  # benchmarks/bench_load.py, imported by main() unless serving: the server never loads Playwright
TARGET_GROWTH_MB = 50.0
INSPECT_POLL_SECONDS = 0.2
INSPECT_TIMEOUT_SECONDS = 60.0


# --- inside the server process --------------------------------------------------------------------------------


def experiments_by_holder() -> dict:
    """Live Experiments after a collection, by what holds them (runs in the server process, on request)."""
    from streamlit.runtime import Runtime

    gc.collect()
    module = sys.modules.get("dropviz.core.experiment")
    if module is None:  # no page has run yet
        return {"total": 0}
    live = {id(o): o for o in gc.get_objects() if isinstance(o, module.Experiment)}
    manager = Runtime.instance()._session_mgr  # private: a diagnostic, Streamlit has no public list of sessions
    active = [info.session for info in manager.list_active_sessions()]
    kept = [info.session for info in manager._session_storage._cache._data.values()]  # expired or not, not reaped

    def held_by(sessions: list) -> set[int]:
        held = set()
        for session in sessions:
            state = session.session_state
            if "experiment" in state and id(state["experiment"]) in live:
                held.add(id(state["experiment"]))
        return held

    in_active, in_kept = held_by(active), held_by(kept)
    cache = sys.modules.get("app.training_cache")
    cached = {id(e) for e in cache._runs.values()} if cache else set()
    others = [live[k] for k in live.keys() - in_active - in_kept - cached]
    return {
        "total": len(live),
        "connected": len(in_active),
        "kept": len(in_kept - in_active),
        "cached": len(cached & live.keys()),
        "other": len(others),
        "other_held_by": sorted({type(r).__qualname__ for e in others for r in gc.get_referrers(e)} - {"list"}),
        "sessions": [len(active), len(kept)],
    }


def inspector(directory: Path) -> None:
    """Answers each ``request`` file written into ``directory`` with ``answer.json`` (then removes the request)."""
    request, answer = directory / "request", directory / "answer.json"
    while True:
        if request.exists():
            try:
                body = experiments_by_holder()
            except Exception as error:  # noqa: BLE001  (a diagnostic: say what went wrong, keep serving)
                body = {"error": repr(error)}
            partial = directory / "answer.partial"
            partial.write_text(json.dumps(body))
            partial.replace(answer)
            request.unlink()
        time.sleep(INSPECT_POLL_SECONDS)


def serve(directory: str, streamlit_args: list[str]) -> None:
    """``streamlit <streamlit_args>`` in this process, with the inspector thread."""
    threading.Thread(target=inspector, args=(Path(directory),), name="soak-inspector", daemon=True).start()
    from streamlit.web.cli import main as streamlit_main

    streamlit_main(streamlit_args, prog_name="streamlit")


# --- the soak -------------------------------------------------------------------------------------------------


@contextmanager
def inspected_server() -> Iterator[tuple[load.h.Server, Path]]:
    """The app as tests/browser/harness.py starts it (loopback, no file watcher), plus the inspector."""
    port = load.h.free_port()
    directory = Path(tempfile.mkdtemp(prefix="dropviz-soak-"))
    log = directory / "server.log"
    streamlit_args = ["run", "app/streamlit_app.py", "--server.headless", "true", "--server.port", str(port)]
    streamlit_args += ["--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]
    streamlit_args += ["--server.fileWatcherType", "none"]
    command = [sys.executable, __file__, "--serve", str(directory), "--", *streamlit_args]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    server = load.h.Server(f"http://127.0.0.1:{port}", process, log)
    try:
        load.h._wait_healthy(server, load.h.SERVER_START_SECONDS)
        yield server, directory
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        shutil.rmtree(directory, ignore_errors=True)


def ask(directory: Path) -> dict:
    answer = directory / "answer.json"
    answer.unlink(missing_ok=True)
    (directory / "request").write_text("?")
    deadline = time.monotonic() + INSPECT_TIMEOUT_SECONDS
    while not answer.exists():
        if time.monotonic() > deadline:
            return {"error": "the inspector did not answer"}
        time.sleep(INSPECT_POLL_SECONDS)
    return json.loads(answer.read_text())


def wave(browser, url: str, visitors: int, play: float) -> tuple[list[str], float]:
    """Visitors open the page and play for ``play`` seconds, then close their tabs; returns their errors (page errors,
    exception boxes, and not being able to start playing) and the slowest opening."""
    crowd = [load.open_visitor(browser, url) for _ in range(visitors)]
    time.sleep(play)
    errors = []
    for visitor in crowd:
        errors += visitor.errors + load.exception_boxes(visitor) + [f"stuck: {visitor.stuck}"] * bool(visitor.stuck)
        visitor.close()
    return errors, max(v.open_seconds for v in crowd)


def describe(held: dict) -> str:
    if "error" in held:
        return f"inspector: {held['error']}"
    if "connected" not in held:
        return f"experiments {held['total']}"
    text = (
        f"experiments {held['total']:3} (tabs open {held['connected']}, closed tabs kept {held['kept']}, "
        f"cache {held['cached']}, other {held['other']}) sessions kept {held['sessions'][1]:3}"
    )
    if held["other"]:
        text += f" [other held by: {', '.join(held['other_held_by'])}]"
    return text


def soak(minutes: float, visitors: int, play: float, rest: float, speed: int, browser_cpus: str) -> bool:
    with inspected_server() as (server, directory):
        pid, url = server.process.pid, f"{server.url}/train?speed={speed}"
        print(f"server started: {load.rss_mib(pid):.0f} MiB; {describe(ask(directory))}", flush=True)
        rss: list[float] = []
        errors_total = 0
        start = time.monotonic()
        with load.sync_playwright() as playwright:
            browser = load.launch(playwright, browser_cpus)
            try:
                while time.monotonic() - start < 60 * minutes:
                    errors, slowest = wave(browser, url, visitors, play)
                    time.sleep(rest)
                    rss.append(load.rss_mib(pid))
                    errors_total += len(errors)
                    print(
                        f"wave {len(rss):2} at {time.monotonic() - start:5.0f} s: {rss[-1]:6.1f} MiB   slowest opening "
                        f"{slowest:4.1f} s   errors {len(errors)}   load {os.getloadavg()[0]:.2f}   "
                        f"{describe(ask(directory))}",
                        flush=True,
                    )
                    for error in errors[:3]:
                        print(f"    {error}")
            finally:
                browser.close()
        tracebacks = load.server_tracebacks(server)
    growth_mb = (rss[-1] - rss[0]) * 1.048576
    ok = growth_mb <= TARGET_GROWTH_MB and errors_total == 0 and tracebacks == 0
    print(
        f"\n{len(rss)} waves of {visitors} visitors in {minutes:g} min; memory after the first wave {rss[0]:.1f} MiB, "
        f"after the last {rss[-1]:.1f} MiB: {growth_mb:+.1f} MB (target: within {TARGET_GROWTH_MB:.0f} MB); "
        f"errors in pages {errors_total}, server tracebacks {tracebacks}: {'OK' if ok else 'MISSED'}"
    )
    return ok


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--serve"]:
        serve(argv[1], argv[3:])  # --serve DIRECTORY -- STREAMLIT ARGS
        return 0
    global load
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import bench_load as load

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10.0, help="waves start until this much time has passed")
    parser.add_argument("--visitors", type=int, default=5, help="visitors per wave")
    parser.add_argument("--play", type=float, default=20.0, help="seconds each wave plays before closing its tabs")
    parser.add_argument("--rest", type=float, default=5.0, help="seconds between a wave closing and the next")
    parser.add_argument("--speed", type=int, default=load.cfg.Settings().speed, help="steps per refresh")
    parser.add_argument("--browser-cpus", default="", help="run the browsers on these cores only (see bench_load.py)")
    args = parser.parse_args(argv)
    if args.visitors < 1 or args.minutes <= 0 or args.speed not in load.cfg.SPEEDS:
        parser.error(f"need --visitors >= 1, --minutes > 0 and --speed in {load.cfg.SPEEDS}")
    print(
        f"soak: waves of {args.visitors} visitors on /train?speed={args.speed}, each playing {args.play:g} s, "
        f"for {args.minutes:g} min; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    return 0 if soak(args.minutes, args.visitors, args.play, args.rest, args.speed, args.browser_cpus) else 1


if __name__ == "__main__":
    sys.exit(main())
