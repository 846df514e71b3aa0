"""The subnetworks of a dropout net (the book's Figure 7.6): listed or sampled, with p(mu), paths and surfaces.

A mask mu keeps some units and removes the others with all their weights; what is left is one subnetwork. Only
units whose drop probability lies strictly between 0 and 1 can vary, so a net with ``k`` such units has 2^k
subnetworks with p(mu) > 0. Up to MAX_LISTED of them are listed; beyond that, a few are drawn from p(mu).

When no input reaches an output through kept units, the subnetwork ignores its input: its output is a constant
fixed by the biases. ``connected`` decides that by following the kept units layer by layer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import torch

from dropviz.core import masks as mk
from dropviz.core.compare import jackknife
from dropviz.core.model import DropoutMLP

MAX_LISTED = 64  # at most this many subnetworks are listed; above, N_SAMPLED are drawn from p(mu)
N_SAMPLED = 16


def _check_sizes(layer_sizes: Sequence[int]) -> list[int]:
    sizes = [int(n) for n in layer_sizes]
    if len(sizes) < 2 or any(n < 1 for n in sizes) or sizes != list(layer_sizes):
        raise ValueError(f"layer_sizes must be at least [n_inputs, n_outputs], all positive; got {list(layer_sizes)}")
    return sizes


def _check_masks(masks: torch.Tensor, d: int) -> torch.Tensor:
    """Masks ``[M, d]`` of 0s and 1s as booleans; ValueError naming what is wrong otherwise."""
    masks = torch.as_tensor(masks)
    if masks.dim() != 2 or masks.shape[1] != d:
        raise ValueError(f"masks must have shape [M, {d}] (one entry per droppable unit), got {list(masks.shape)}")
    if not bool(((masks == 0) | (masks == 1)).all()):
        raise ValueError("a mask holds only 0 (dropped) and 1 (kept)")
    return masks.bool()


def reaches_output(layer_sizes: Sequence[int], masks: torch.Tensor) -> torch.Tensor:
    """For each mask of ``masks [M, d]``, whether some input unit reaches some output through kept units: ``[M]``.

    Walks the net forward: a unit is reached when it is kept and some reached unit of the layer before feeds it.
    Layers are fully connected, and output units are never dropped.
    """
    sizes = _check_sizes(layer_sizes)
    kept = mk.split_by_layer(_check_masks(masks, sum(sizes[:-1])), sizes[:-1])
    kept.append(torch.ones(len(kept[0]), sizes[-1], dtype=torch.bool))  # the outputs are always there
    reached = kept[0]  # a kept input is reached by itself
    for n_in, n_out, kept_next in zip(sizes[:-1], sizes[1:], kept[1:]):
        feeds = torch.ones(n_in, n_out)  # feeds[i, j]: unit i of this layer has a weight into unit j of the next
        reached = ((reached.float() @ feeds) > 0) & kept_next
    return reached.any(dim=1)


def connected(layer_sizes: Sequence[int], mu: torch.Tensor | Sequence[float]) -> bool:
    """Whether the subnetwork of mask ``mu [d]`` (inputs, then each hidden layer) links some input to an output."""
    mu = torch.as_tensor(mu)
    d = sum(_check_sizes(layer_sizes)[:-1])
    if mu.dim() != 1:
        raise ValueError(f"mu must be one mask of shape [{d}], got {list(mu.shape)}")
    return bool(reaches_output(layer_sizes, mu[None])[0])


@dataclass(frozen=True)
class Subnetworks:
    """Some subnetworks of one net, most units kept first: every one with p(mu) > 0, or a sample from p(mu)."""

    masks: torch.Tensor  # [M, d] float32 0/1 (1 = kept)
    probs: torch.Tensor  # [M] float64 p(mu)
    connected: torch.Tensor  # [M] bool: some input reaches an output
    sampled: bool
    widths: tuple[int, ...]  # droppable layers' widths (the inputs, then each hidden layer); d = their sum
    n_free: int  # units with 0 < drop probability < 1: the ones a mask can vary
    n_connected_all: int  # over all `total` subnetworks: how many link an input to an output
    p_connected_all: float  # and their total p(mu)

    @property
    def n_droppable(self) -> int:
        return sum(self.widths)

    @property
    def total(self) -> int:
        """How many subnetworks have p(mu) > 0: 2^(units that can vary), exactly."""
        return 2**self.n_free

    @property
    def units_kept(self) -> torch.Tensor:
        return self.masks.sum(dim=1).long()

    def mask_text(self, i: int) -> str:
        return mask_text(self.masks[i].tolist(), self.widths)

    @property
    def weights(self) -> torch.Tensor:
        """Weight of each subnetwork in an average: p(mu) when all are listed (they sum to 1), 1/M when drawn from
        p(mu) (the draws already come up as often as p(mu) says: a Monte Carlo estimate)."""
        if self.sampled:
            return torch.full((len(self.probs),), 1.0 / len(self.probs), dtype=torch.float64)
        return self.probs


def free_units(model: DropoutMLP) -> int:
    keep = model.keep_probs()
    return int(((keep > 0) & (keep < 1)).sum())


def subnetwork_count(model: DropoutMLP) -> int:
    """Subnetworks with p(mu) > 0: 2^(units whose drop probability is strictly between 0 and 1)."""
    return 2 ** free_units(model)


def _most_kept_first(masks: torch.Tensor, probs: torch.Tensor) -> torch.Tensor:
    """Order: units kept (most first), then p(mu) (largest first), then the mask read as digits (1s first)."""
    rows = masks.tolist()
    kept = [sum(r) for r in rows]
    order = sorted(range(len(rows)), key=lambda i: (-kept[i], -float(probs[i]), [-v for v in rows[i]]))
    return torch.tensor(order, dtype=torch.long)


def list_subnetworks(
    model: DropoutMLP,
    max_listed: int = MAX_LISTED,
    n_sampled: int = N_SAMPLED,
    generator: torch.Generator | None = None,
) -> Subnetworks:
    """Every subnetwork with p(mu) > 0 if there are at most ``max_listed``, else ``n_sampled`` drawn from p(mu)."""
    if max_listed < 1 or n_sampled < 1:
        raise ValueError(f"max_listed and n_sampled must be at least 1, got {max_listed} and {n_sampled}")
    keep = model.keep_probs()
    sampled = subnetwork_count(model) > max_listed
    if sampled:
        masks = mk.sample_masks(keep, n_sampled, generator)
        probs = mk.mask_probability(masks, keep)
    else:
        masks, probs = mk.enumerate_masks(keep, skip_impossible=True)
    order = _most_kept_first(masks, probs)
    masks, probs = masks[order], probs[order]
    links = reaches_output(model.layer_sizes, masks)
    widths = tuple(model.droppable_widths)
    return Subnetworks(masks, probs, links, sampled, widths, free_units(model), *connected_totals(model))


def connected_totals(model: DropoutMLP) -> tuple[int, float]:
    """Over all 2^k subnetworks with p(mu) > 0: how many link an input to an output, and their total p(mu).

    In a fully connected net a path exists exactly when every droppable layer keeps at least one unit, so both
    numbers are products over layers: no enumeration, exact for any d.
    """
    count, prob = 1, 1.0
    for keep in mk.split_by_layer(model.keep_probs(), model.droppable_widths):
        free = int(((keep > 0) & (keep < 1)).sum())
        always_kept = bool((keep >= 1).any())
        count *= 2**free if always_kept else 2**free - 1  # patterns of this layer that keep some unit
        prob *= 1.0 - float(torch.prod(1.0 - keep))
    return count, prob


def weight_scaling_exact(model: DropoutMLP) -> str | None:
    """Why weight scaling gives the normalized geometric mean over all masks exactly for this net, or None.

    The geometric mean is softmax(sum_mu p(mu) z(x, mu)); weight scaling is softmax(z(x, E[mu])). They agree
    whenever the logits z are affine in each mask entry that matters, which holds when:

    - "one": no unit can vary (one subnetwork, nothing to average);
    - "same": units can vary, but a later layer is always dropped, so every subnetwork computes the same thing;
    - "softmax": no hidden layer (softmax regression: z is linear in the input mask, the book's case);
    - "linear": linear hidden units (z is a sum of products of independent mask entries);
    - "last": the only units that vary and reach the output are in the last hidden layer, which feeds the
      logits with no nonlinearity after it.

    Otherwise (None) a nonlinearity lies between a varying unit and the output, and weight scaling approximates.
    """
    layers = mk.split_by_layer(model.keep_probs(), model.droppable_widths)
    some_kept = [bool((keep > 0).any()) for keep in layers]
    free = [int(((keep > 0) & (keep < 1)).sum()) for keep in layers]
    # A unit's mask reaches the output only if every later droppable layer keeps some unit.
    reaching = [n if all(some_kept[i + 1 :]) else 0 for i, n in enumerate(free)]
    if sum(free) == 0:
        return "one"
    if sum(reaching) == 0:
        return "same"
    if len(layers) == 1:
        return "softmax"
    if model.activation == "linear":
        return "linear"
    if sum(reaching[:-1]) == 0:
        return "last"
    return None


@torch.no_grad()
def masked_logits(model: DropoutMLP, x: torch.Tensor, subnets: Subnetworks) -> torch.Tensor:
    """Logits ``[M, N, C]`` of every subnetwork on ``x [N, 2]``: one batched call, inverted-dropout scaling."""
    return model.forward_masked(x, subnets.masks)


def combine(logits: torch.Tensor, weights: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Arithmetic and normalized geometric mean of the subnetworks' class probabilities, weighted by ``weights``.

    ``logits [M, ..., C]``. Arithmetic: sum_mu w p(y | x, mu). Geometric: prod_mu p(y | x, mu)^w, renormalized
    over classes; taken in log space (log_softmax) so a probability that underflows to 0 does no harm.
    """
    weights = torch.as_tensor(weights, dtype=torch.float64)
    if logits.dim() < 2 or weights.shape != logits.shape[:1]:
        raise ValueError(f"need one weight per subnetwork: logits {list(logits.shape)}, weights {list(weights.shape)}")
    w = weights.to(logits.dtype).reshape(-1, *[1] * (logits.dim() - 1))
    arithmetic = (w * torch.softmax(logits, dim=-1)).sum(0)
    geometric = torch.softmax((w * torch.log_softmax(logits, dim=-1)).sum(0), dim=-1)
    return arithmetic, geometric


@dataclass(frozen=True)
class PointTable:
    """One input point through every listed subnetwork, and the two averages computed from those very rows."""

    probs: torch.Tensor  # [M, C] p(y | x, mu)
    arithmetic: torch.Tensor  # [C]
    geometric: torch.Tensor  # [C]
    weight_scaled: torch.Tensor  # [C] the whole net once, weight scaling rule (for comparison)
    arithmetic_se: torch.Tensor | None = None  # [C] jackknife standard errors when the rows are a sample, else None
    geometric_se: torch.Tensor | None = None


def point_table(model: DropoutMLP, x: torch.Tensor, subnets: Subnetworks) -> PointTable:
    """p(y | x, mu) for each subnetwork at the single point ``x [1, 2]``, their averages, and weight scaling."""
    x = model.check_input(x)
    if x.shape[0] != 1:
        raise ValueError(f"point_table takes one point, shape [1, {x.shape[1]}]; got {list(x.shape)}")
    logits = masked_logits(model, x, subnets)[:, 0]  # [M, C]
    arithmetic, geometric = combine(logits, subnets.weights)
    with torch.no_grad():
        scaled = torch.softmax(model.forward_weight_scaled(x), dim=-1)[0]
    errors = sample_errors(logits) if subnets.sampled and len(logits) > 1 else (None, None)
    return PointTable(torch.softmax(logits, dim=-1), arithmetic, geometric, scaled, *errors)


def sample_errors(logits: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Jackknife standard errors of both means of ``logits [M, C]`` drawn from p(mu) (equal weights 1/M):
    how far 16 drawn subnetworks may put the means from the exact ones."""
    m = len(logits)
    full = combine(logits, torch.full((m,), 1.0 / m))
    keep = ~torch.eye(m, dtype=torch.bool)
    leave_one_out = [combine(logits[keep[i]], torch.full((m - 1,), 1.0 / (m - 1))) for i in range(m)]
    _, arithmetic_se = jackknife(lambda a, g: a, full, leave_one_out)
    _, geometric_se = jackknife(lambda a, g: g, full, leave_one_out)
    return arithmetic_se, geometric_se


def surfaces(model: DropoutMLP, points: torch.Tensor, subnets: Subnetworks) -> tuple[torch.Tensor, torch.Tensor]:
    """Class probabilities of every subnetwork on ``points`` ``[M, N, C]`` and their weighted sum ``[N, C]``.

    The weighted sum is the arithmetic-mean ensemble: exact when every subnetwork is listed, a Monte Carlo
    estimate from the drawn ones otherwise.
    """
    logits = masked_logits(model, points, subnets)
    probs = torch.softmax(logits, dim=-1)
    return probs, combine(logits, subnets.weights)[0]


def mask_text(mu: Sequence[float], widths: Sequence[int]) -> str:
    """A mask as 0/1 digits, one group per droppable layer: ``10|11``."""
    digits = "".join("1" if v > 0.5 else "0" for v in mu)
    groups, start = [], 0
    for w in widths:
        groups.append(digits[start : start + w])
        start += w
    return "|".join(groups)
