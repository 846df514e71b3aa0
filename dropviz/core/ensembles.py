"""The three inference rules of section 7.12: arithmetic mean, normalized geometric mean, weight scaling.

Exact ensembles enumerate every mask with p(mu) > 0 and weight it by p(mu). Two facts keep that cheap:

* Masks are enumerated layer by layer, so a hidden layer's activations are computed once per mask of the
  layers *before* it, not once per full mask.
* The last droppable layer enters the logits linearly: ``logits = b + sum_j s_j z_j`` with ``z_j = h_j W[:, j]``.
  So the p(mu)-weighted mean of the logits needs only the earlier layers' masks, and the normalized geometric
  mean is ``softmax(mean logits)`` (the log-sum-exp term is the same for every class and cancels). The
  arithmetic mean still needs every full mask, but those logits are one small matrix product per prefix.

Under inverted dropout (what torch and ``DropoutMLP`` do) the weight scaling rule is the plain forward pass.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import torch

from dropviz.core import masks as mk
from dropviz.core.model import DropoutMLP

# Exact enumeration is refused above 2^MAX_EXACT_UNITS masks with p(mu) > 0 (memory per point), or above
# MAX_EXACT_EVALUATIONS mask-point pairs (time: a few seconds on one core). Pass n_samples instead.
MAX_EXACT_UNITS = mk.MAX_LISTED_UNITS
MAX_EXACT_EVALUATIONS = 2**30
# Points are processed in chunks of at most this many logits of full masks: small enough to stay in cache.
CHUNK_ELEMENTS = 2**20
# Monte Carlo masks are split into this many groups, so every estimate comes with a jackknife standard error.
JACKKNIFE_GROUPS = 20
# Two classes: p(class 0) is taken as 1 - p(class 1), except where it is under this share; there float32 would
# keep too few of its digits (none under ~6e-8), so it is computed again from the logits, as sigmoid(-difference).
SURE_SHARE = 1e-4

Progress = Callable[[float], None]


@dataclass
class Ensemble:
    """Class probabilities ``[N, C]`` of the three rules, and how they were computed."""

    arithmetic: torch.Tensor
    geometric: torch.Tensor
    weight_scaled: torch.Tensor
    exact: bool
    n_masks: int  # masks enumerated (exact) or sampled (Monte Carlo)
    # Monte Carlo only: (arithmetic, geometric) recomputed without each group of masks in turn (jackknife).
    leave_one_out: list[tuple[torch.Tensor, torch.Tensor]] = field(default_factory=list)


def uncertain_units(model: DropoutMLP) -> int:
    """Droppable units whose keep probability is strictly between 0 and 1: the ones a mask can vary."""
    keep = model.keep_probs()
    return int(((keep > 0) & (keep < 1)).sum())


def exact_mask_count(model: DropoutMLP) -> int:
    """How many masks an exact ensemble enumerates: 2^(uncertain units)."""
    return 2 ** uncertain_units(model)


def exact_is_feasible(model: DropoutMLP, n_points: int) -> bool:
    """Whether exact enumeration over ``n_points`` inputs is possible (Bernoulli masks) and within the limits."""
    d = uncertain_units(model)
    return model.noise == "bernoulli" and d <= MAX_EXACT_UNITS and 2**d * max(n_points, 1) <= MAX_EXACT_EVALUATIONS


def weight_scaled(model: DropoutMLP, x: torch.Tensor) -> torch.Tensor:
    """Weight scaling rule: under inverted dropout, the plain forward pass (eval mode), softmaxed."""
    x = model.check_input(x)
    with torch.no_grad():
        return torch.softmax(model.forward_weight_scaled(x), dim=-1)


def arithmetic_mean(
    model: DropoutMLP, x: torch.Tensor, n_samples: int | None = None, generator: torch.Generator | None = None
) -> torch.Tensor:
    """sum_mu p(mu) p(y | x, mu): exact over all masks, or a Monte Carlo mean over ``n_samples`` masks."""
    if n_samples is None:
        return _exact(model, model.check_input(x), with_arithmetic=True)[0]
    return _sampled(model, model.check_input(x), n_samples, generator)[0]


def geometric_mean(
    model: DropoutMLP, x: torch.Tensor, n_samples: int | None = None, generator: torch.Generator | None = None
) -> torch.Tensor:
    """prod_mu p(y | x, mu)^p(mu), renormalized over classes; computed as softmax of the mean logits."""
    if n_samples is None:
        return _exact(model, model.check_input(x), with_arithmetic=False)[1]
    return _sampled(model, model.check_input(x), n_samples, generator)[1]


def all_rules(
    model: DropoutMLP,
    x: torch.Tensor,
    n_samples: int | None = None,
    generator: torch.Generator | None = None,
    progress: Progress | None = None,
) -> Ensemble:
    """All three rules on the same inputs, sharing the mask enumeration (or the sampled masks)."""
    x = model.check_input(x)
    if n_samples is None:
        arith, geom = _exact(model, x, with_arithmetic=True, progress=progress)
        return Ensemble(arith, geom, weight_scaled(model, x), True, exact_mask_count(model))
    prob_sums, logit_sums, sizes = _sampled_sums(model, x, n_samples, generator, progress)
    prob_total, logit_total = prob_sums.sum(0), logit_sums.sum(0)
    arith, geom = _combine(prob_total, logit_total, n_samples)
    left_out = [
        _combine(prob_total - prob_sums[g], logit_total - logit_sums[g], n_samples - sizes[g])
        for g in range(len(sizes))
        if sizes[g] < n_samples
    ]
    return Ensemble(arith, geom, weight_scaled(model, x), False, int(n_samples), left_out)


def _check_exact_size(model: DropoutMLP, n_points: int) -> None:
    if model.noise != "bernoulli":
        raise ValueError(
            f"exact enumeration is defined for Bernoulli dropout masks only; {model.noise} noise has no finite list "
            "of subnetworks: pass n_samples=... for a Monte Carlo estimate"
        )
    d = uncertain_units(model)
    if exact_is_feasible(model, n_points):
        return
    raise ValueError(
        f"exact enumeration needs 2^{d} masks x {n_points} points, over the limit "
        f"(at most 2^{MAX_EXACT_UNITS} masks and {MAX_EXACT_EVALUATIONS:,} mask-point evaluations); "
        "pass n_samples=... for a Monte Carlo estimate"
    )


@dataclass
class _MaskPlan:
    """Everything about the enumerated masks that does not depend on the inputs, built once per call."""

    prefix_weights: list[tuple[torch.Tensor, torch.Tensor, int]]  # per earlier layer: (flat masked W, bias, M)
    prefix_probs: torch.Tensor  # [P] probability of each mask of the earlier layers, in enumeration order
    last_mean_scale: torch.Tensor  # [width] expected scaled mask of the last droppable layer
    last_scaled_t: torch.Tensor  # [width + 1, Q] scaled last-layer masks, transposed, plus a row of ones (bias)
    last_probs: torch.Tensor  # [Q]


def _plan(model: DropoutMLP) -> _MaskPlan:
    keep_blocks = mk.split_by_layer(model.keep_probs(), model.droppable_widths)
    prefix_weights, prefix_probs = [], torch.ones(1, dtype=torch.float64)
    for keep, linear in zip(keep_blocks[:-1], model.linears):
        layer_masks, probs = mk.enumerate_masks(keep, skip_impossible=True)
        scaled = layer_masks * mk.inverted_scale(keep).float()  # [M, width_in]
        # (h * s) W^T == h (s[:, None] * W^T): one masked weight matrix per mask, applied in a single product.
        masked = scaled[:, :, None] * linear.weight.T[None]  # [M, width_in, width_out]
        flat = masked.permute(1, 0, 2).reshape(masked.shape[1], -1)  # [width_in, M * width_out]
        prefix_weights.append((flat, linear.bias, len(probs)))
        prefix_probs = (prefix_probs[:, None] * probs[None, :]).flatten()
    last_masks, last_probs = mk.enumerate_masks(keep_blocks[-1], skip_impossible=True)
    last_scaled = last_masks * mk.inverted_scale(keep_blocks[-1]).float()
    ones = torch.ones(len(last_probs), 1)
    return _MaskPlan(
        prefix_weights,
        prefix_probs.float(),
        (keep_blocks[-1] > 0).float(),
        torch.cat([last_scaled, ones], dim=1).T.contiguous(),
        last_probs.float(),
    )


@torch.no_grad()
def _exact(
    model: DropoutMLP, x: torch.Tensor, with_arithmetic: bool, progress: Progress | None = None
) -> tuple[torch.Tensor | None, torch.Tensor]:
    """Exact (arithmetic, geometric) probabilities; arithmetic is None unless asked for."""
    _check_exact_size(model, x.shape[0])
    plan = _plan(model)
    n_prefix, n_last = len(plan.prefix_probs), len(plan.last_probs)
    per_point = n_prefix * max(model.layer_sizes) * 2  # activations of the earlier layers' masks
    if with_arithmetic:
        per_point += n_prefix * n_last * model.layer_sizes[-1]  # logits of every full mask
    chunk = max(1, CHUNK_ELEMENTS // per_point)
    arith_parts, geom_parts = [], []
    for start in range(0, x.shape[0], chunk):
        hidden = _last_layer_inputs(model, x[start : start + chunk], plan)
        mean_logits = torch.einsum("p,pnc->nc", plan.prefix_probs, model.linears[-1](hidden * plan.last_mean_scale))
        geom_parts.append(torch.softmax(mean_logits, dim=-1))
        if with_arithmetic:
            arith_parts.append(torch.einsum("p,pnc->nc", plan.prefix_probs, _mean_over_last_masks(model, hidden, plan)))
        if progress is not None:
            progress(min(1.0, (start + chunk) / x.shape[0]))
    arith = torch.cat(arith_parts) if with_arithmetic else None
    return arith, torch.cat(geom_parts)


def _last_layer_inputs(model: DropoutMLP, x: torch.Tensor, plan: _MaskPlan) -> torch.Tensor:
    """Activations entering the last droppable layer, ``[P, N, width]``, for every mask of the earlier layers."""
    hidden = x[None]
    for flat_weight, bias, n_masks in plan.prefix_weights:
        pre = (hidden @ flat_weight).unflatten(-1, (n_masks, -1)).transpose(1, 2) + bias  # [P, M, N, width_out]
        hidden = model.hidden(pre).flatten(0, 1)
    return hidden


def _mean_over_last_masks(model: DropoutMLP, hidden: torch.Tensor, plan: _MaskPlan) -> torch.Tensor:
    """Softmax of every last-layer mask's logits, averaged with the masks' probabilities: ``[P, N, C]``.

    ``logits[c, r, q] = b_c + sum_j W[c, j] h[r, j] s[q, j]``: one matrix product per class.
    """
    last = model.linears[-1]
    rows = hidden.flatten(0, 1)  # [R, width], R = P * N
    if model.layer_sizes[-1] == 2:  # two classes: softmax is a sigmoid of the logit difference, half the work
        coef = torch.cat(
            [rows * (last.weight[1] - last.weight[0]), (last.bias[1:] - last.bias[:1]).expand(len(rows), 1)], 1
        )
        p1 = torch.sigmoid_(coef @ plan.last_scaled_t) @ plan.last_probs  # [R]
        p0 = 1 - p1  # the mask probabilities sum to 1; but in float32 a p0 under ~6e-8 rounds to 0 here, so:
        sure = p0 < SURE_SHARE
        if sure.any():  # ... the rows sure of class 1 get class 0 again, as sigmoid(-logit difference)
            p0[sure] = torch.sigmoid_((coef[sure] @ plan.last_scaled_t).neg_()) @ plan.last_probs
        probs = torch.stack([p0, p1], dim=-1)
    else:
        coef = torch.cat([rows[None] * last.weight[:, None, :], last.bias[:, None, None].expand(-1, len(rows), 1)], 2)
        probs = (torch.softmax(coef @ plan.last_scaled_t, dim=0) @ plan.last_probs).T  # [R, C]
    return probs.unflatten(0, hidden.shape[:2])


def _sampled(
    model: DropoutMLP, x: torch.Tensor, n_samples: int, generator: torch.Generator | None
) -> tuple[torch.Tensor, torch.Tensor]:
    """Monte Carlo (arithmetic, geometric) from ``n_samples`` masks drawn from p(mu)."""
    prob_sums, logit_sums, _ = _sampled_sums(model, x, n_samples, generator)
    return _combine(prob_sums.sum(0), logit_sums.sum(0), n_samples)


def _combine(prob_sum: torch.Tensor, logit_sum: torch.Tensor, n: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Means from float64 sums, returned in float32 like the exact rules and weight scaling."""
    return (prob_sum / n).float(), torch.softmax(logit_sum / n, dim=-1).float()


def _sampled_sums(
    model: DropoutMLP,
    x: torch.Tensor,
    n_samples: int,
    generator: torch.Generator | None,
    progress: Progress | None = None,
) -> tuple[torch.Tensor, torch.Tensor, list[int]]:
    """Sums of probabilities and of logits over ``n_samples`` masks from p(mu), per group of masks: ``[G, N, C]``
    (float64; logits relative to class 0's, which changes no softmax), and the groups' sizes.

    The masks are those ``masks.sample_masks(keep, n_samples, generator)`` draws, group g taking a contiguous run
    of them. ``convergence.sampled_sums`` does the work: it shares the first hidden layer between masks with the
    same input pattern and computes only kept units, about 15 times faster than a forward pass per mask.
    """
    from dropviz.core import convergence as cv  # imported here: convergence imports this module

    if int(n_samples) != n_samples or n_samples < 1:
        raise ValueError(f"n_samples must be a positive integer, got {n_samples}")
    n_samples = int(n_samples)
    n_groups = min(JACKKNIFE_GROUPS, n_samples)
    segments = torch.arange(n_samples) * n_groups // n_samples
    sums = cv.sampled_sums(model, x, n_samples, generator, segments, n_groups, progress=progress)
    return sums.probs, sums.logits, sums.counts.tolist()
