"""Speed and memory of the library, printed as figures (not a test: these machines are noisy).

Run: python benchmarks/bench_library.py  (one thread, as the app uses).
Prints: exact ensembles against the obvious one-pass-per-mask loop (ratio measured in this run), mask-point
evaluations per second and peak extra memory for d from 4 up to the exact-enumeration limit, and the trainer's
steps per second next to a bare torch loop on the same net and data.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dropviz.core import ensembles as en  # noqa: E402
from dropviz.core import masks as mk  # noqa: E402
from dropviz.core.grid import make_grid  # noqa: E402
from dropviz.core.model import DropoutMLP  # noqa: E402
from dropviz.core.training import Trainer  # noqa: E402
from dropviz.data.datasets import make_dataset, train_test_split  # noqa: E402
from dropviz.draw.surface_image import surface_png  # noqa: E402

torch.set_num_threads(1)


def grid_points(resolution: int) -> torch.Tensor:
    axis = torch.linspace(-2, 2, resolution)
    return torch.cartesian_prod(axis, axis)


def best_of(repeats: int, fn) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


@torch.no_grad()
def obvious_loop(model: DropoutMLP, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """One masked forward pass over the whole grid per mask: the baseline the structure has to beat."""
    masks, probs = mk.enumerate_masks(model.keep_probs())
    arith = torch.zeros(len(x), model.layer_sizes[-1])
    mean_logits = torch.zeros_like(arith)
    for mu, p in zip(masks, probs.float()):
        logits = model.forward_masked(x, mu)
        arith += p * torch.softmax(logits, dim=-1)
        mean_logits += p * logits
    return arith, torch.softmax(mean_logits, dim=-1)


def rss_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1])
    return 0


def _peak_in_child(hidden: int, n_points: int, queue) -> None:
    torch.set_num_threads(1)
    model = DropoutMLP([2, hidden, hidden, 2], [0.2, 0.5, 0.5], seed=0)
    x = grid_points(64)[:n_points]
    en.all_rules(DropoutMLP([2, 2, 2, 2], [0.2, 0.5, 0.5]), x[:4])  # warm up torch's lazy initialisation
    before = rss_kib("VmRSS:")
    en.all_rules(model, x)
    queue.put((rss_kib("VmHWM:") - before) / 1024)


def peak_extra_mib(hidden: int, n_points: int) -> float:
    """Peak resident memory the exact ensembles add, measured in a fresh process (Linux /proc)."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=_peak_in_child, args=(hidden, n_points, queue))
    child.start()
    peak = queue.get()
    child.join()
    return peak


def bench_ratio() -> None:
    model = DropoutMLP([2, 6, 6, 2], [0.2, 0.5, 0.5], activation="relu", seed=0)
    x = grid_points(64)
    fast = best_of(3, lambda: en.all_rules(model, x))
    slow = best_of(1, lambda: obvious_loop(model, x))
    result = en.all_rules(model, x)
    ref_arith, ref_geom = obvious_loop(model, x)
    err = max((result.arithmetic - ref_arith).abs().max().item(), (result.geometric - ref_geom).abs().max().item())
    print("Exact arithmetic + geometric, 2-6-6-2 ReLU (d = 14, 16,384 masks), 64x64 grid:")
    print(f"  obvious loop {slow * 1000:8.1f} ms   dropviz {fast * 1000:7.1f} ms   speed-up {slow / fast:5.1f}x")
    print(f"  largest difference from the loop: {err:.2e}")


def bench_scaling() -> None:
    print("\nExact enumeration for growing d (2-h-h-2 ReLU, all three rules):")
    print(f"  {'d':>3} {'masks':>10} {'points':>7} {'seconds':>8} {'mask-points/s':>14} {'peak extra MiB':>15}")
    for hidden in [1, 2, 3, 4, 5, 6, 7, 8, 9]:
        model = DropoutMLP([2, hidden, hidden, 2], [0.2, 0.5, 0.5], seed=0)
        d = model.n_droppable
        n_points = min(4096, en.MAX_EXACT_EVALUATIONS // 2**d // 4)
        x = grid_points(64)[:n_points]
        seconds = best_of(1, lambda model=model, x=x: en.all_rules(model, x))
        peak = peak_extra_mib(hidden, n_points)
        print(f"  {d:>3} {2**d:>10,} {n_points:>7} {seconds:>8.3f} {2**d * n_points / seconds:>14.3g} {peak:>15.1f}")
    print(f"  limit: 2^{en.MAX_EXACT_UNITS} masks and {en.MAX_EXACT_EVALUATIONS:,} mask-point evaluations")


def bench_training() -> None:
    split = train_test_split(make_dataset("moons", 200, 0.2, seed=0))
    steps, batch = 1000, 32

    def with_trainer() -> None:
        model = DropoutMLP([2, 32, 32, 2], [0.2, 0.5, 0.5], seed=0)
        Trainer(model, split, optimizer="adam", lr=0.01, batch_size=batch, seed=0).step(steps)

    def bare_loop() -> None:
        torch.manual_seed(0)
        net = torch.nn.Sequential(
            torch.nn.Dropout(0.2),
            torch.nn.Linear(2, 32),
            torch.nn.ReLU(),
            torch.nn.Dropout(0.5),
            torch.nn.Linear(32, 32),
            torch.nn.ReLU(),
            torch.nn.Dropout(0.5),
            torch.nn.Linear(32, 2),
        )
        opt = torch.optim.Adam(net.parameters(), lr=0.01)
        x, y = torch.from_numpy(split.train.x), torch.from_numpy(split.train.y)
        for _ in range(steps):
            idx = torch.randint(len(y), (batch,))
            loss = F.cross_entropy(net(x[idx]), y[idx])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()

    trainer_times, bare_times = [], []
    for _ in range(3):  # interleaved, so both see the same machine load
        trainer_times.append(best_of(1, with_trainer))
        bare_times.append(best_of(1, bare_loop))
    trainer_s, bare_s = min(trainer_times), min(bare_times)
    print("\nTraining 2-32-32-2 with dropout, Adam, batch 32, 1000 steps (trainer also evaluates every 10 steps):")
    print(
        f"  trainer {steps / trainer_s:7.0f} steps/s   bare torch loop {steps / bare_s:7.0f} steps/s   "
        f"ratio {trainer_s / bare_s:4.2f}"
    )


def bench_surface() -> None:
    split = train_test_split(make_dataset("moons", 200, 0.2, seed=0))
    grid = make_grid(np.concatenate([split.train.x, split.test.x]), 60)
    model = DropoutMLP([2, 16, 16, 2], [0.2, 0.5, 0.5], seed=0).eval()
    with torch.no_grad():
        probs = torch.softmax(model(grid.points), dim=-1).numpy().reshape(60, 60, 2)
    args = (probs, grid.extent, split.train.x, split.train.y, split.test.x, split.test.y)
    seconds = best_of(5, lambda: surface_png(*args, size=420))
    print(f"\nLive surface PNG (60x60 grid, 420 px, 200 points): {seconds * 1000:.1f} ms")


if __name__ == "__main__":
    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread\n")
    bench_ratio()
    bench_scaling()
    bench_training()
    bench_surface()
