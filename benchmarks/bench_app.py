"""Server-side time of each page's first run and of a rerun after a drop-slider change (Streamlit AppTest).

Run: python benchmarks/bench_app.py. Browser rendering comes on top (the browser tests print the live refresh
rate of the Train page). Figures are the median of three reruns, measured in one run of this script.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import torch
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
ENTRY = str(ROOT / "app" / "main.py")
torch.set_num_threads(1)

import dropviz.draw.figures  # noqa: E402, F401  (imported up front: first runs below exclude one-off import time)
import dropviz.draw.network_figure  # noqa: E402, F401


def timed_run(at: AppTest) -> float:
    start = time.perf_counter()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return time.perf_counter() - start


def bench_page(page: str, query: dict[str, str], label: str) -> None:
    at = AppTest.from_file(ENTRY, default_timeout=300)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(f"views/{page}.py")
    first = timed_run(at)
    changes = []
    for value in (0.3, 0.4, 0.25):
        at.slider(key="w_p_in").set_value(value)
        changes.append(timed_run(at))
    print(f"  {label:<44} first run {first:6.2f} s   after a drop-slider change {statistics.median(changes):6.2f} s")


if __name__ == "__main__":
    print("Server time per page (default settings unless noted):")
    bench_page("home", {}, "Start")
    bench_page("masks", {}, "Masks (2-32-32-2, 20 masks)")
    bench_page("train", {}, "Train (paused)")
    bench_page("inference", {}, "Inference rules (d = 66: Monte Carlo)")
    bench_page("inference", {"hidden": "2", "width": "6"}, "Inference rules (2-6-6-2, d = 14: exact)")
    bench_page("theory", {}, "Theory")
