"""How long the slide GIFs take and how big they are, on the default net (2-32-32-2) and one torch thread.

    python benchmarks/bench_gif.py [--rounds 3] [--save DIR]

Masks GIF: 40 sampled masks. Training GIF: the default experiment before any training, so it shows a fresh run
of 1,000 steps in 40 frames; that replay is most of the time, and is timed on its own too. Then a run
the visitor trained (--trained steps), drawn from the weights kept while training and, for comparison, by a
replay. The best of --rounds runs is printed (the machine is shared; its load average is printed as well).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from pathlib import Path

import torch
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dropviz.core.experiment import Experiment, ExperimentConfig  # noqa: E402
from dropviz.draw import gif_export as gx  # noqa: E402
from dropviz.draw.network_figure import sample_frames  # noqa: E402

FRAMES = 40
BUDGET_S = 5.0


def best(fn, rounds: int) -> tuple[float, object]:
    """Fastest of ``rounds`` calls, and the last result."""
    times, result = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def describe(gif: bytes) -> str:
    image = Image.open(io.BytesIO(gif))
    w, h = image.size
    return f"{image.n_frames} frames {w}x{h}, {len(gif) / 1e6:.2f} MB, {image.info['duration']} ms a frame"


def bench_masks(rounds: int, save: Path | None) -> None:
    model = Experiment(ExperimentConfig()).model
    mu, probs = sample_frames(model, FRAMES)
    draw_s, images = best(lambda: gx.mask_frames(model, mu, probs), rounds)
    encode_s, gif = best(lambda: gx.encode_gif(images, 900, gx.MASK_COLORS), rounds)
    total_s, gif = best(lambda: gx.masks_gif(model, mu, probs), rounds)
    print(f"Masks GIF, {'-'.join(map(str, model.layer_sizes))}, {FRAMES} masks: {describe(gif)}")
    print(
        f"  draw {draw_s:.2f} s   encode {encode_s:.2f} s   masks_gif {total_s:.2f} s   "
        f"within {BUDGET_S:.0f} s: {'yes' if total_s <= BUDGET_S else 'NO'}"
    )
    if save:
        (save / "masks.gif").write_bytes(gif)


def bare_replay(steps: int) -> None:
    """The training the GIF replays, alone: both nets, ``steps`` steps, history evaluation off (as in the GIF)."""
    exp = Experiment(ExperimentConfig())
    exp.trainer.eval_every = exp.twin.eval_every = steps + 1
    exp.step(steps)


def bench_training(rounds: int, save: Path | None) -> None:
    exp = Experiment(ExperimentConfig())  # not trained: the GIF shows a fresh run of UNTRAINED_STEPS
    replay_s, _ = best(lambda: bare_replay(gx.UNTRAINED_STEPS), rounds)
    draw_s, frames = best(lambda: gx.training_frames(exp, FRAMES, steps=FRAMES - 1), rounds)  # ~no training
    encode_s, _ = best(lambda: gx.encode_gif([f.image for f in frames], gx.TRAINING_FRAME_MS), rounds)
    total_s, gif = best(lambda: gx.training_gif(exp, FRAMES), rounds)
    print(f"Training GIF, fresh run of {gx.UNTRAINED_STEPS:,} steps, both nets: {describe(gif)}")
    print(
        f"  replay of {gx.UNTRAINED_STEPS:,} steps alone {replay_s:.2f} s   draw {FRAMES} frames {draw_s:.2f} s   "
        f"encode {encode_s:.2f} s"
    )
    print(f"  training_gif {total_s:.2f} s   within {BUDGET_S:.0f} s: {'yes' if total_s <= BUDGET_S else 'NO'}")
    if save:
        (save / "training.gif").write_bytes(gif)


def bench_trained(steps: int, rounds: int) -> None:
    """A run the visitor trained: drawn from the weights kept while training, and by a replay for comparison."""
    exp = Experiment(ExperimentConfig())
    start = time.perf_counter()
    exp.step(steps)
    train_s = time.perf_counter() - start
    kept_s, gif = best(lambda: gx.training_gif(exp, FRAMES), rounds)
    use_trail = gx._can_use_trail
    gx._can_use_trail = lambda *_: False
    try:
        replay_s, _ = best(lambda: gx.training_gif(exp, FRAMES), rounds)
    finally:
        gx._can_use_trail = use_trail
    print(f"Training GIF of a run trained {steps:,} steps ({train_s:.1f} s to train): {describe(gif)}")
    print(
        f"  from the weights kept while training {kept_s:.2f} s (trail of {len(exp.trail.waypoints)} waypoints, "
        f"every {exp.trail.stride} steps)   by replaying the run {replay_s:.2f} s   "
        f"within {BUDGET_S:.0f} s: {'yes' if kept_s <= BUDGET_S else 'NO'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--trained", type=int, default=5000, help="steps of the trained run (0: skip it)")
    parser.add_argument("--save", type=Path, help="write masks.gif and training.gif into this folder")
    args = parser.parse_args()
    torch.set_num_threads(1)
    print(f"torch {torch.__version__}, 1 thread; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    bench_masks(args.rounds, args.save)
    print()
    bench_training(args.rounds, args.save)
    if args.trained:
        print()
        bench_trained(args.trained, args.rounds)


if __name__ == "__main__":
    main()
