"""Bagging, to set beside dropout: k separate nets without dropout, each trained on its own bootstrap resample.

The k members are trained together as one batched computation: layer ``l`` of all members is one weight tensor
``[k, in, out]`` applied with ``torch.baddbmm``. The loss is the sum over members of each member's mean
cross-entropy, so member i's gradient is exactly the gradient it would get alone; Adam and SGD act elementwise,
so one optimizer over the stacked tensors is k independent optimizers. Member i starts from
``DropoutMLP(..., seed=seed + i)`` and draws its minibatches like ``Trainer`` with ``seed=seed + i`` would on its
resample, so any member can be checked against an ordinary single-net training run.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from dropviz.core.compare import jackknife
from dropviz.core.experiment import Experiment, ExperimentConfig
from dropviz.core.masks import split_by_layer
from dropviz.core.model import ACTIVATIONS, DropoutMLP
from dropviz.core.training import EXPLODED_LOSS, OPTIMIZERS, TrainingDiverged
from dropviz.data.datasets import Dataset, Split

BOOTSTRAP_SEED_OFFSET = 104_729  # the resamples' generator: seeded apart from the members' inits and batches
# Probabilities are clamped here before a log, so one sure mistake does not make NLL infinite (at most 27.6 a
# point); every rule computes small probabilities from logits, so the floor treats them all alike.
LOG_FLOOR = 1e-12


def _check_count(name: str, value: int, minimum: int = 1) -> int:
    if isinstance(value, bool) or int(value) != value or value < minimum:
        raise ValueError(f"{name} must be an integer of at least {minimum}, got {value!r}")
    return int(value)


def bootstrap_indices(n: int, k: int, generator: torch.Generator | None = None) -> torch.Tensor:
    """k bootstrap resamples of n points, ``[k, n]`` int64: row i holds member i's n draws with replacement."""
    n, k = _check_count("n (points to resample)", n), _check_count("k (members)", k)
    return torch.randint(0, n, (k, n), generator=generator)


def distinct_share(indices: torch.Tensor) -> torch.Tensor:
    """Share of the n points that appear at least once in each row of ``indices [k, n]``: ``[k]`` float."""
    indices = torch.as_tensor(indices)
    if indices.dim() != 2 or indices.shape[1] == 0 or indices.dtype.is_floating_point:
        raise ValueError(f"indices must be an integer tensor of shape [k, n] with n >= 1, got {list(indices.shape)}")
    n = indices.shape[1]
    if indices.min() < 0 or indices.max() >= n:
        raise ValueError(f"indices must lie in [0, {n}), got values from {int(indices.min())} to {int(indices.max())}")
    seen = torch.zeros(indices.shape, dtype=torch.bool).scatter_(1, indices.long(), True)
    return seen.float().mean(dim=1)


def expected_distinct_share(n: int) -> float:
    """1 - (1 - 1/n)^n: the expected share of distinct points in a resample of n; tends to 1 - 1/e ≈ 0.632."""
    n = _check_count("n", n)
    return 1.0 - (1.0 - 1.0 / n) ** n


def member_seed(seed: int, i: int) -> int:
    """Seed of member i's initial weights and minibatch order."""
    return seed + i


def no_dropout(layer_sizes: Sequence[int]) -> list[float]:
    """Drop probability 0 for every droppable layer: a member is a plain net."""
    return [0.0] * (len(layer_sizes) - 1)


class Members(nn.Module):
    """k MLPs of one architecture, stacked: ``weights[l]`` is ``[k, in, out]``, ``biases[l]`` is ``[k, 1, out]``."""

    def __init__(self, nets: Sequence[DropoutMLP]) -> None:
        super().__init__()
        if len(nets) < 1:
            raise ValueError("Members needs at least one net")
        shapes = {(tuple(net.layer_sizes), net.activation) for net in nets}
        if len(shapes) > 1:
            raise ValueError(f"every member needs the same layer sizes and activation, got {sorted(shapes)}")
        self.layer_sizes = list(nets[0].layer_sizes)
        self.activation = nets[0].activation
        with torch.no_grad():
            layers = list(zip(*(net.linears for net in nets)))  # per layer: the k members' nn.Linear
            self.weights = nn.ParameterList(torch.stack([lin.weight.T for lin in layer]) for layer in layers)
            self.biases = nn.ParameterList(torch.stack([lin.bias[None] for lin in layer]) for layer in layers)

    @classmethod
    def initial(cls, layer_sizes: Sequence[int], activation: str, seeds: Sequence[int]) -> Members:
        """Members as freshly built ``DropoutMLP``s (no dropout), one per seed."""
        return cls([DropoutMLP(layer_sizes, no_dropout(layer_sizes), activation, seed=s) for s in seeds])

    @property
    def k(self) -> int:
        return self.weights[0].shape[0]

    @property
    def parameters_each(self) -> int:
        """P, the number of parameters of one member."""
        return sum(p[0].numel() for p in self.parameters())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Logits ``[k, N, C]`` of every member: ``x`` is ``[N, in]`` (the same points) or ``[k, N, in]`` (its own)."""
        h = torch.as_tensor(x, dtype=torch.float32)
        if h.dim() == 2:
            h = h.expand(self.k, *h.shape)
        if h.dim() != 3 or h.shape[0] != self.k or h.shape[2] != self.layer_sizes[0] or h.shape[1] == 0:
            raise ValueError(
                f"x must have shape [N, {self.layer_sizes[0]}] or [{self.k}, N, {self.layer_sizes[0]}] with N >= 1, "
                f"got {list(torch.as_tensor(x).shape)}"
            )
        last = len(self.weights) - 1
        for i, (weight, bias) in enumerate(zip(self.weights, self.biases)):
            h = torch.baddbmm(bias, h, weight)
            if i < last:
                h = ACTIVATIONS[self.activation](h)
        return h

    def net(self, i: int) -> DropoutMLP:
        """Member i as an ordinary ``DropoutMLP`` without dropout (a copy of its weights)."""
        net = DropoutMLP(self.layer_sizes, no_dropout(self.layer_sizes), self.activation)
        with torch.no_grad():
            for linear, weight, bias in zip(net.linears, self.weights, self.biases):
                linear.weight.copy_(weight[i].T)
                linear.bias.copy_(bias[i, 0])
        return net


@torch.no_grad()
def predict_proba(members: Members, x: torch.Tensor) -> torch.Tensor:
    """Class probabilities of every member at the points ``x [N, in]``: ``[k, N, C]``."""
    return torch.softmax(members(x), dim=-1)


def accuracy(probs: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Share of points whose most probable class is the label; ``probs [..., N, C]`` gives ``[...]``."""
    return (probs.argmax(-1) == torch.as_tensor(y)).double().mean(-1)


def log_loss(probs: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Mean negative log-likelihood of the labels in nats; ``probs [..., N, C]`` gives ``[...]``."""
    y = torch.as_tensor(y).long()
    picked = torch.as_tensor(probs, dtype=torch.float64).gather(-1, y.expand(*probs.shape[:-1])[..., None])
    return -picked.clamp_min(LOG_FLOOR).log().squeeze(-1).mean(-1)


@dataclass(frozen=True)
class Scores:
    """Test accuracy and NLL (nats); with their jackknife standard errors for a Monte Carlo mean, else None."""

    acc: float
    nll: float
    acc_se: float | None = None
    nll_se: float | None = None


def rule_scores(probs: torch.Tensor, y: torch.Tensor, leave_one_out: Sequence[torch.Tensor] = ()) -> Scores:
    """Scores of ``probs [N, C]``; ``leave_one_out``: the same mean recomputed without each group of Monte Carlo
    masks in turn (as ``Ensemble.leave_one_out`` holds them), which gives the jackknife standard errors."""
    acc, nll = float(accuracy(probs, y)), float(log_loss(probs, y))
    if not leave_one_out:
        return Scores(acc, nll)
    replicates = [(r,) for r in leave_one_out]
    _, acc_se = jackknife(lambda p: accuracy(p, y), (probs,), replicates)
    _, nll_se = jackknife(lambda p: log_loss(p, y), (probs,), replicates)
    return Scores(acc, nll, float(acc_se), float(nll_se))


@dataclass(frozen=True)
class MaskDraws:
    """What ``draws`` independent masks from p(mu) cover of the 2^d possible ones, in expectation.

    ``d``: the entries that can vary (keep probability strictly between 0 and 1); ``distinct``: masks drawn at
    least once; ``most_likely`` / ``least_likely``: how often the most / least probable mask is drawn.
    """

    d: int
    draws: int
    distinct: float
    most_likely: float
    least_likely: float

    @property
    def never_drawn(self) -> float:
        """Expected number of the 2^d masks never drawn (inf when 2^d is beyond a float)."""
        return 2.0**self.d - self.distinct if self.d < 1000 else math.inf


MAX_MASK_GROUPS = 1_000_000  # mask_draws sums this many groups of equally likely masks at most


def mask_draws(keep: torch.Tensor, draws: int) -> MaskDraws:
    """Expected coverage of the masks by ``draws`` independent draws, entry i kept with ``keep[i]`` (a unit's, or
    for DropConnect a weight's, keep probability); entries with keep 0 or 1 never vary and do not count.

    The expected number of distinct masks is the sum over masks of 1 - (1 - p(mu))^draws. A mask's probability
    depends only on how many entries of each keep value it keeps, so the 2^d masks are summed in groups
    (binomial counts, in logs). Beyond MAX_MASK_GROUPS groups it is draws minus the expected number of colliding
    pairs, C(draws, 2) * prod_i (q_i^2 + (1 - q_i)^2), which is then far below one.
    """
    draws = _check_count("draws", draws, minimum=0)
    keep = torch.as_tensor(keep, dtype=torch.float64).flatten()
    q = keep[(keep > 0) & (keep < 1)]
    most = draws * float(torch.maximum(q, 1 - q).log().sum().exp())
    least = draws * float(torch.minimum(q, 1 - q).log().sum().exp())
    values, counts = torch.unique(q, return_counts=True)
    if draws == 0:
        distinct = 0.0
    elif math.prod(c + 1 for c in counts.tolist()) > MAX_MASK_GROUPS:
        collisions = math.comb(draws, 2) * float((q**2 + (1 - q) ** 2).log().sum().exp())
        distinct = max(draws - collisions, 1.0)
    else:
        log_p = torch.zeros(1, dtype=torch.float64)  # per group: log p(mu) of each of its masks
        log_n = torch.zeros(1, dtype=torch.float64)  # per group: log of how many masks it holds
        for value, c in zip(values.tolist(), counts.tolist()):
            kept = torch.arange(c + 1, dtype=torch.float64)
            ways = math.lgamma(c + 1) - torch.lgamma(kept + 1) - torch.lgamma(c - kept + 1)
            log_p = (log_p[:, None] + kept * math.log(value) + (c - kept) * math.log1p(-value)).flatten()
            log_n = (log_n[:, None] + ways).flatten()
        # log(1 - (1 - p)^draws), without losing a tiny p to rounding: about log(draws) + log(p) there
        exact = (-torch.expm1(draws * torch.log1p(-log_p.exp()))).clamp_min(1e-300).log()
        log_hit = torch.where(log_p < math.log(1e-9 / draws), math.log(draws) + log_p, exact)
        distinct = float(torch.logsumexp(log_n + log_hit, 0).exp())
    return MaskDraws(len(q), draws, min(distinct, draws, 2.0 ** min(len(q), 1000)), most, least)


def weight_keep_probs(model: DropoutMLP) -> torch.Tensor:
    """Keep probability of every weight under DropConnect: that of the unit the weight leaves."""
    blocks = split_by_layer(model.keep_probs(), model.droppable_widths)
    return torch.cat([k.repeat(lin.out_features) for k, lin in zip(blocks, model.linears)])


class BaggingTrainer:
    """k members trained together, member i on its own bootstrap resample of ``train``, like ``Trainer`` would."""

    def __init__(
        self,
        layer_sizes: Sequence[int],
        activation: str,
        train: Dataset,
        k: int,
        optimizer: str = "adam",
        lr: float = 0.01,
        batch_size: int = 32,
        seed: int = 0,
        weight_decay: float = 0.0,
    ) -> None:
        k = _check_count("k (members)", k)
        if optimizer not in OPTIMIZERS:
            raise ValueError(f"unknown optimizer {optimizer!r}; choose one of {sorted(OPTIMIZERS)}")
        if not (math.isfinite(lr) and lr > 0):
            raise ValueError(f"learning rate must be a positive number, got {lr}")
        if not (math.isfinite(weight_decay) and weight_decay >= 0):
            raise ValueError(f"weight decay must be a number >= 0, got {weight_decay}")
        _check_count("batch_size", batch_size)
        self.x_train, self.y_train = torch.from_numpy(train.x), torch.from_numpy(train.y)
        n = _check_count("the number of training points", len(self.y_train))
        self.indices = bootstrap_indices(n, k, torch.Generator().manual_seed(seed + BOOTSTRAP_SEED_OFFSET))
        self.members = Members.initial(layer_sizes, activation, [member_seed(seed, i) for i in range(k)])
        self.batch_size = min(int(batch_size), n)
        # foreach: one kernel per update op across the stacked tensors (same arithmetic, less per-tensor overhead)
        self.optimizer = OPTIMIZERS[optimizer](
            self.members.parameters(), lr=lr, weight_decay=weight_decay, foreach=True
        )
        self.batch_rngs = [torch.Generator().manual_seed(member_seed(seed, i)) for i in range(k)]
        self._order = torch.empty(k, 0, dtype=torch.int64)  # per member: positions in its resample still to visit
        self.steps_done = 0
        self.seconds = 0.0  # training time measured so far
        self.diverged: str | None = None
        self.diverged_member: int | None = None

    @classmethod
    def for_experiment(cls, config: ExperimentConfig, split: Split, k: int) -> BaggingTrainer:
        """Members matching an experiment's dropout net: its architecture, data, optimizer, batch size and seed."""
        sizes = config.layer_sizes(split.train.n_classes)
        c = config
        return cls(sizes, c.activation, split.train, k, c.optimizer, c.lr, c.batch_size, c.seed)

    @property
    def k(self) -> int:
        return self.members.k

    def distinct_share(self) -> torch.Tensor:
        """Share of the training points present in each member's resample, ``[k]``."""
        return distinct_share(self.indices)

    def step(self, n: int = 1) -> None:
        """Advance every member ``n`` steps; raises TrainingDiverged once a member's loss is no longer finite."""
        if self.diverged:
            raise TrainingDiverged(self.diverged)
        start = time.perf_counter()
        try:
            for _ in range(int(n)):
                self._one_step()
        finally:
            self.seconds += time.perf_counter() - start

    def _one_step(self) -> None:
        x, y = self._next_batches()  # [k, B, in], [k, B]
        logits = self.members(x)
        per_member = F.cross_entropy(logits.flatten(0, 1), y.flatten(), reduction="none").view(y.shape).mean(1)
        worst = per_member.detach().nan_to_num(nan=math.inf).max()
        if not worst.item() <= EXPLODED_LOSS:
            member = int(per_member.detach().nan_to_num(nan=math.inf).argmax())
            self.diverged_member = member
            self.diverged = (
                f"bagging member {member + 1} diverged at step {self.steps_done + 1}: its loss became "
                f"{per_member[member].item():.3g}. Lower the learning rate."
            )
            raise TrainingDiverged(self.diverged)
        self.optimizer.zero_grad(set_to_none=True)
        per_member.sum().backward()
        self.optimizer.step()
        self.steps_done += 1

    def _next_batches(self) -> tuple[torch.Tensor, torch.Tensor]:
        """Each member's next minibatch: an epoch-wise shuffle of its own resample, as ``Trainer._next_batch``."""
        if self._order.shape[1] < self.batch_size:
            n = self.indices.shape[1]
            fresh = torch.stack([torch.randperm(n, generator=g) for g in self.batch_rngs])
            self._order = torch.cat([self._order, fresh], dim=1)
        positions, self._order = self._order[:, : self.batch_size], self._order[:, self.batch_size :]
        points = self.indices.gather(1, positions)  # [k, B] indices into the training set
        return self.x_train[points], self.y_train[points]


def resample(train: Dataset, rows: torch.Tensor) -> Dataset:
    """The training set as one member sees it: the points at ``rows`` (repeats included), in that order."""
    idx = torch.as_tensor(rows).numpy()
    return Dataset(train.x[idx], train.y[idx], train.n_classes, train.name)


def time_dropout_net(config: ExperimentConfig, steps: int, split: Split | None = None) -> float:
    """Seconds a fresh copy of the experiment's dropout net takes for ``steps`` training steps (no evaluations).

    ``split``: the experiment's data when it is not a toy set the config can regenerate (an upload).
    """
    steps = _check_count("steps", steps, minimum=0)
    trainer = Experiment(config, split).trainer  # built exactly as the experiment builds it (twin and split are cheap)
    trainer.eval_every = steps + 1
    start = time.perf_counter()
    try:
        trainer.step(steps)
    except TrainingDiverged:
        pass  # the copy stopped early; the time up to there is still what one net's steps cost
    return time.perf_counter() - start
