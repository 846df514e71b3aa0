"""Speed of the "Beyond the book" page's computations, printed as figures (not a test: these machines are noisy).

Run: python benchmarks/bench_beyond.py  (one thread, as the app uses).
Prints, on the app's default net (2-32-32-2 ReLU, d = 66, trained 500 steps on noisy moons, 1,000 test points):
the time until the convergence figure is ready (10 repeats x 4,096 masks on a 30x30 grid and the test points,
a 20,000-mask reference, and the Plotly figure), next to the obvious batched ``forward_masked`` loop measured on
one repeat and scaled to the whole job, with the largest difference between the two; then Monte Carlo dropout
maps (60x60 grid) for T = 200 and 2,000, and the curve of a small net with an exact reference.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dropviz.core import convergence as cv  # noqa: E402
from dropviz.core import masks as mk  # noqa: E402
from dropviz.core import uncertainty as unc  # noqa: E402
from dropviz.core.experiment import Experiment, ExperimentConfig  # noqa: E402
from dropviz.core.grid import make_grid  # noqa: E402
from dropviz.draw.beyond_figures import convergence_figure, uncertainty_figure  # noqa: E402

torch.set_num_threads(1)

RUNS = 3
BUDGET_SECONDS = 3.0
LOOP_BATCH = 64  # masks per forward_masked call in the obvious loop


def trained(config: ExperimentConfig, steps: int = 500) -> Experiment:
    exp = Experiment(config)
    exp.step(steps)
    return exp


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


@torch.no_grad()
def obvious_loop(model, x: torch.Tensor, masks: torch.Tensor) -> torch.Tensor:
    """Sum of softmax over masks with batched forward_masked calls: the straightforward way."""
    total = torch.zeros(len(x), model.layer_sizes[-1], dtype=torch.float64)
    for start in range(0, len(masks), LOOP_BATCH):
        total += torch.softmax(model.forward_masked(x, masks[start : start + LOOP_BATCH]), -1).sum(0).double()
    return total


def main() -> None:
    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread")
    exp = trained(ExperimentConfig())
    model, split = exp.model, exp.split
    points = np.concatenate([split.train.x, split.test.x])
    grid = make_grid(points, 30)
    test_x, test_y = torch.from_numpy(split.test.x), torch.from_numpy(split.test.y)
    k_max, repeats = cv.DEFAULT_KS[-1], cv.DEFAULT_REPEATS
    print(
        f"\nDefault net {model.layer_sizes} (d = {model.n_droppable}), {exp.steps_done} steps; "
        f"{repeats} repeats x {k_max:,} masks on {len(grid.points)} grid + {len(test_y)} test points, "
        f"reference {cv.REFERENCE_SAMPLES:,} masks on the grid:"
    )
    convergence_figure(cv.sampling_curve(model, grid.points, test_x, test_y, ks=(1, 2), repeats=2, reference=10))
    ready = []
    for run in range(RUNS):
        generator = torch.Generator().manual_seed(run)
        curve_s, curve = timed(lambda g=generator: cv.sampling_curve(model, grid.points, test_x, test_y, generator=g))
        figure_s, _ = timed(lambda c=curve: convergence_figure(c).to_json())
        ready.append(curve_s + figure_s)
        print(f"  run {run + 1}: curve {curve_s:5.2f} s + figure {figure_s:4.2f} s = {curve_s + figure_s:5.2f} s")
    print(
        f"  figure ready: best {min(ready):.2f} s, median {statistics.median(ready):.2f} s "
        f"(budget {BUDGET_SECONDS:.0f} s on one core)"
    )
    median, _, _ = curve.band(curve.arithmetic_error)
    print(
        f"  slope of the median error for k >= 64: arithmetic {curve.slope(curve.arithmetic_error, 64):+.2f}, "
        f"geometric {curve.slope(curve.geometric_error, 64):+.2f}; median error at k = 1 / {k_max}: "
        f"{float(median[0]):.4f} / {float(median[-1]):.4f}"
    )
    k = curve.samples_to_match_weight_scaling()
    print(
        f"  weight scaling test accuracy {curve.weight_scaled_accuracy:.1%}; "
        f"the sampled arithmetic mean reaches it at k = {k}"
    )

    x = torch.cat([grid.points, test_x])
    masks = mk.sample_masks(model.keep_probs(), k_max, torch.Generator().manual_seed(0))
    loop_s, loop_sum = timed(lambda: obvious_loop(model, x, masks))
    engine_s, engine = timed(lambda: cv.mask_sums(model, x, masks))
    per_mask_point = loop_s / (k_max * len(x))
    whole_job = per_mask_point * (repeats * k_max * len(x) + cv.REFERENCE_SAMPLES * len(grid.points))
    difference = float((engine.probs[0] - loop_sum).abs().max() / k_max)
    print(
        f"  obvious loop (forward_masked, {LOOP_BATCH} masks a call): one repeat {loop_s:.2f} s, scaled to the whole "
        f"job {whole_job:.1f} s; the engine on the same repeat {engine_s:.2f} s ({loop_s / engine_s:.1f}x); "
        f"largest difference of the mean probabilities {difference:.1e}"
    )

    map_grid = make_grid(points, 60)
    print(f"\nMonte Carlo dropout maps on a 60x60 grid ({len(map_grid.points)} points):")
    for n_masks in (200, 2000):
        seconds, result = timed(lambda n=n_masks: unc.mc_dropout(model, map_grid.points, n))
        figure_s, _ = timed(
            lambda r=result: uncertainty_figure(
                map_grid, r.mean, r.entropy, r.mutual_information, split.train.x, split.train.y
            ).to_json()
        )
        print(f"  T = {n_masks:>5,}: {seconds:.2f} s + figure {figure_s:.2f} s")

    small = trained(ExperimentConfig(hidden_layers=1, width=4, drop_probs=(0.2, 0.5)))
    small_grid = make_grid(np.concatenate([small.split.train.x, small.split.test.x]), 30)
    seconds, curve = timed(
        lambda: cv.sampling_curve(
            small.model, small_grid.points, torch.from_numpy(small.split.test.x), torch.from_numpy(small.split.test.y)
        )
    )
    print(
        f"\nSmall net {small.model.layer_sizes} (d = {small.model.n_droppable}): exact reference over "
        f"{curve.reference_masks} masks, curve {seconds:.2f} s; median arithmetic error at k = {k_max}: "
        f"{float(curve.band(curve.arithmetic_error)[0][-1]):.4f}"
    )


if __name__ == "__main__":
    main()
