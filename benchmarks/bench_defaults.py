"""Do the app's default settings show dropout helping? (A script, not a test: it prints a table.)

Run: python benchmarks/bench_defaults.py [--data moons --noise 0.5 ... --steps 2000 --seeds 10]

For each seed (which fixes data, init, batches and masks) it trains a dropout net and its no-dropout twin in lockstep,
as the app does, and reads their histories (weight-scaled net, evaluated every 10 steps). A good default makes the
twin overfit visibly (train accuracy near 100%, test loss rising from its minimum) while the dropout net ends with
the lower test loss and an equal or higher test accuracy, in most seeds, and early enough to watch live. Columns:
twin final train accuracy, twin minimum and final test loss (rose: final exceeds the minimum by over 0.05), dropout
final test loss, twin and dropout final test accuracy, "win" at the end and "win@half" halfway through.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from statistics import mean

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dropviz.core.experiment import Experiment, ExperimentConfig  # noqa: E402

torch.set_num_threads(1)

# The recommended defaults (drop probabilities stay 0.2 for the inputs and 0.5 for each hidden layer).
DATA = "moons"
NOISE = 0.5
N_TRAIN = 40
N_TEST = 1000
WIDTH = 32
HIDDEN = 2
OPTIMIZER = "adam"
LR = 0.003
BATCH = 16
STEPS = 2000
SEEDS = 10
INPUT_DROP, HIDDEN_DROP = 0.2, 0.5
ROSE_BY = 0.05  # the twin's test loss "rose" if it ends this far above its minimum

COLUMNS = [
    "twin_tr_acc",
    "twin_min_te",
    "twin_end_te",
    "rose",
    "drop_end_te",
    "twin_te_acc",
    "drop_te_acc",
    "win",
    "win@half",
]


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", default=DATA)
    p.add_argument("--noise", type=float, default=NOISE)
    p.add_argument("--n-train", type=int, default=N_TRAIN)
    p.add_argument("--n-test", type=int, default=N_TEST)
    p.add_argument("--width", type=int, default=WIDTH)
    p.add_argument("--hidden", type=int, default=HIDDEN)
    p.add_argument("--lr", type=float, default=LR)
    p.add_argument("--batch", type=int, default=BATCH)
    p.add_argument("--opt", default=OPTIMIZER, choices=["adam", "sgd"])
    p.add_argument("--steps", type=int, default=STEPS)
    p.add_argument("--seeds", type=int, default=SEEDS)
    return p.parse_args()


def config_for(args: argparse.Namespace, seed: int) -> ExperimentConfig:
    return ExperimentConfig(
        dataset=args.data,
        n_train=args.n_train,
        n_test=args.n_test,
        noise=args.noise,
        seed=seed,
        hidden_layers=args.hidden,
        width=args.width,
        drop_probs=(INPUT_DROP,) + (HIDDEN_DROP,) * args.hidden,
        optimizer=args.opt,
        lr=args.lr,
        batch_size=args.batch,
    )


def wins(drop_loss: float, twin_loss: float, drop_acc: float, twin_acc: float) -> bool:
    """Dropout wins when its test loss is lower and its test accuracy is no worse."""
    return drop_loss < twin_loss and drop_acc >= twin_acc


def run_seed(args: argparse.Namespace, seed: int) -> dict[str, float]:
    """Train one seed for ``args.steps`` steps and summarise both histories."""
    exp = Experiment(config_for(args, seed))
    exp.step(args.steps)
    twin, drop = exp.twin.history, exp.trainer.history
    half = twin.step.index(args.steps // 2 // 10 * 10)
    twin_min = min(twin.test_loss)
    return {
        "twin_tr_acc": twin.train_acc[-1],
        "twin_min_te": twin_min,
        "twin_end_te": twin.test_loss[-1],
        "rose": float(twin.test_loss[-1] > twin_min + ROSE_BY),
        "drop_end_te": drop.test_loss[-1],
        "twin_te_acc": twin.test_acc[-1],
        "drop_te_acc": drop.test_acc[-1],
        "win": float(wins(drop.test_loss[-1], twin.test_loss[-1], drop.test_acc[-1], twin.test_acc[-1])),
        "win@half": float(wins(drop.test_loss[half], twin.test_loss[half], drop.test_acc[half], twin.test_acc[half])),
    }


def row(label: str, values: dict[str, float]) -> str:
    return f"{label:>5} " + " ".join(f"{values[c]:>{len(c)}.3f}" for c in COLUMNS)


def main() -> None:
    args = parse_args()
    print(
        f"{args.data} noise={args.noise} train/test={args.n_train}/{args.n_test} "
        f"2-{'-'.join([str(args.width)] * args.hidden)}-out {args.opt} lr={args.lr} batch={args.batch} "
        f"steps={args.steps} drop={INPUT_DROP}/{HIDDEN_DROP}"
    )
    print(f"{'seed':>5} " + " ".join(COLUMNS))
    start = time.perf_counter()
    results = []
    for seed in range(args.seeds):
        results.append(run_seed(args, seed))
        print(row(str(seed), results[-1]), flush=True)
    print(row("mean", {c: mean(r[c] for r in results) for c in COLUMNS}))
    n_wins = sum(int(r["win"]) for r in results)
    n_half = sum(int(r["win@half"]) for r in results)
    print(
        f"wins: {n_wins}/{args.seeds} (at step {args.steps // 2}: {n_half}/{args.seeds}); "
        f"twin test loss rose in {sum(int(r['rose']) for r in results)}; "
        f"total {time.perf_counter() - start:.1f} s"
    )


if __name__ == "__main__":
    main()
