"""Speed of bagging's batched training, printed as figures (not a test: these machines are noisy).

Run: python benchmarks/bench_bagging.py  (one thread, as the app uses).
Prints the time of k members x 500 steps trained as one batched computation, next to the same k members trained
one after another (ordinary Trainer runs and bare torch loops, same batches) in the same run, and the largest
difference in their predictions; on the net the 5 s budget was set for (2-16-16-2 ReLU, Adam lr 0.01, batch 16,
40 training points) and on the app's current default net.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dropviz.core import bagging as bg  # noqa: E402
from dropviz.core.experiment import ExperimentConfig  # noqa: E402
from dropviz.core.training import OPTIMIZERS, Trainer  # noqa: E402
from dropviz.data.datasets import Split, make_split  # noqa: E402

torch.set_num_threads(1)

BUDGET_NET = ExperimentConfig(width=16, lr=0.01)  # 2-16-16-2, Adam lr 0.01, batch 16, 40 training points
NETS = {"budget net": (BUDGET_NET, (1, 8, 16)), "app default net": (ExperimentConfig(), (8,))}
STEPS = 500
REPEATS = 3
BUDGET_SECONDS = 5.0  # the page's target for 8 members x 500 steps


def best_of(fn) -> tuple[float, object]:
    """Fastest of REPEATS runs, and what the last run returned."""
    times, result = [], None
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def batched(config: ExperimentConfig, split: Split, k: int) -> bg.Members:
    trainer = bg.BaggingTrainer.for_experiment(config, split, k)
    trainer.step(STEPS)
    return trainer.members


def one_trainer_per_member(config: ExperimentConfig, split: Split, k: int) -> list[bg.DropoutMLP]:
    """The k members as k ordinary Trainer runs, one after another (no evaluations during training)."""
    indices = bg.BaggingTrainer.for_experiment(config, split, k).indices
    sizes, nets = config.layer_sizes(split.train.n_classes), []
    for i in range(k):
        seed = bg.member_seed(config.seed, i)
        net = bg.DropoutMLP(sizes, bg.no_dropout(sizes), config.activation, seed=seed)
        resampled = Split(bg.resample(split.train, indices[i]), split.test)
        c = config
        Trainer(net, resampled, c.optimizer, c.lr, c.batch_size, seed=seed, eval_every=STEPS + 1).step(STEPS)
        nets.append(net)
    return nets


def bare_loop_per_member(config: ExperimentConfig, split: Split, k: int) -> list[torch.nn.Sequential]:
    """The k members as k bare torch loops (nn.Sequential, no dropout layers), same inits and batches."""
    indices = bg.BaggingTrainer.for_experiment(config, split, k).indices
    x, y = torch.from_numpy(split.train.x), torch.from_numpy(split.train.y)
    sizes, nets, n = config.layer_sizes(split.train.n_classes), [], len(y)
    for i in range(k):
        seed = bg.member_seed(config.seed, i)
        linears = bg.DropoutMLP(sizes, bg.no_dropout(sizes), config.activation, seed=seed).linears
        layers = [m for lin in linears[:-1] for m in (lin, torch.nn.ReLU())] + [linears[-1]]
        net = torch.nn.Sequential(*layers)
        optimizer = OPTIMIZERS[config.optimizer](net.parameters(), lr=config.lr)
        rng, order = torch.Generator().manual_seed(seed), torch.empty(0, dtype=torch.int64)
        for _ in range(STEPS):
            if order.numel() < config.batch_size:
                order = torch.cat([order, torch.randperm(n, generator=rng)])
            batch, order = indices[i][order[: config.batch_size]], order[config.batch_size :]
            loss = F.cross_entropy(net(x[batch]), y[batch])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
        nets.append(net)
    return nets


def compare(config: ExperimentConfig, ks: tuple[int, ...]) -> float:
    """Print one line per k; returns the batched time of 8 members (or of the last k)."""
    c = config
    split = make_split(c.dataset, c.n_train, c.n_test, c.noise, c.seed)
    x_test = torch.from_numpy(split.test.x)
    print(
        f"\n2-{c.width}-{c.width}-2 {c.activation}, {c.optimizer} lr {c.lr}, batch {c.batch_size}, "
        f"{c.n_train} training points, {STEPS} steps per member:"
    )
    print("   k   batched s   k Trainer runs s   ratio   k bare loops s   ratio   largest |Δp|")
    eight = 0.0
    for k in ks:
        t_batched, members = best_of(lambda k=k: batched(config, split, k))
        t_trainers, nets = best_of(lambda k=k: one_trainer_per_member(config, split, k))
        t_bare, _ = best_of(lambda k=k: bare_loop_per_member(config, split, k))
        with torch.no_grad():
            alone = torch.stack([torch.softmax(net.eval()(x_test), -1) for net in nets])
        gap = float((bg.predict_proba(members, x_test) - alone).abs().max())
        print(
            f"  {k:2d}   {t_batched:9.3f}   {t_trainers:16.3f}   {t_trainers / t_batched:5.1f}x"
            f"   {t_bare:14.3f}   {t_bare / t_batched:5.1f}x   {gap:.1e}"
        )
        eight = t_batched if k == 8 or not eight else eight
    return eight


def main() -> None:
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread, best of {REPEATS}; load average {load}")
    results = {name: compare(config, ks) for name, (config, ks) in NETS.items()}
    print()
    for name, seconds in results.items():
        verdict = "within" if seconds <= BUDGET_SECONDS else "OVER"
        budget = f"{verdict} the {BUDGET_SECONDS:.0f} s budget"
        print(f"{name}: 8 members x {STEPS} steps batched in {seconds:.2f} s ({budget})")


if __name__ == "__main__":
    main()
