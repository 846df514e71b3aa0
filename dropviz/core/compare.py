"""How far apart the inference rules are, in numbers: the table next to the pictures."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import combinations

import torch

# Probabilities are clamped here before a log, so a class one rule rules out does not make KL infinite.
LOG_FLOOR = 1e-12


def _as_probs(name: str, p: torch.Tensor) -> torch.Tensor:
    p = torch.as_tensor(p, dtype=torch.float64)
    if p.dim() != 2 or p.shape[0] < 1 or p.shape[1] < 1:
        raise ValueError(f"probabilities of rule {name!r} must have shape [N, C] with N, C >= 1, got {list(p.shape)}")
    return p


def total_variation(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Total variation distance ``1/2 sum_c |a - b|`` per point, ``[N]``: the largest gap in any event's probability."""
    a, b = torch.as_tensor(a), torch.as_tensor(b)
    if a.shape != b.shape:
        raise ValueError(f"shapes differ: {list(a.shape)} and {list(b.shape)}")
    return 0.5 * (a - b).abs().sum(dim=-1)


def kl_divergence(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """KL(a || b) per point, ``[N]``, with both clamped at ``LOG_FLOOR`` inside the log."""
    return (a * (a.clamp_min(LOG_FLOOR).log() - b.clamp_min(LOG_FLOOR).log())).sum(dim=-1)


def rule_gaps(probs: dict[str, torch.Tensor]) -> list[dict]:
    """One row per pair of rules ``(a, b)``, in the dict's order, comparing their class probabilities ``[N, C]``.

    Keys of a row: ``a``, ``b``, ``max_abs_diff`` and ``mean_abs_diff`` (max and mean over points of the largest
    per-class ``|p_a - p_b|``), ``mean_kl`` (mean KL(a || b), in nats) and ``disagreement`` (the fraction of points
    whose predicted class differs).
    """
    tensors = {name: _as_probs(name, p) for name, p in probs.items()}
    shapes = {tuple(p.shape) for p in tensors.values()}
    if len(shapes) > 1:
        raise ValueError(f"every rule needs probabilities of the same shape [N, C], got {sorted(shapes)}")
    rows = []
    for (name_a, a), (name_b, b) in combinations(tensors.items(), 2):
        gap = (a - b).abs().amax(dim=1)  # [N] the largest per-class gap at each point
        rows.append(
            {
                "a": name_a,
                "b": name_b,
                "max_abs_diff": float(gap.max()),
                "mean_abs_diff": float(gap.mean()),
                "mean_kl": float(kl_divergence(a, b).mean()),
                "disagreement": float((a.argmax(1) != b.argmax(1)).double().mean()),
            }
        )
    return rows


def rule_accuracy(probs: dict[str, torch.Tensor], y: torch.Tensor) -> dict[str, float]:
    """Fraction of points whose most probable class under each rule equals the label ``y [N]``."""
    y = torch.as_tensor(y).long().reshape(-1)
    out = {}
    for name, p in probs.items():
        p = _as_probs(name, p)
        if p.shape[0] != y.shape[0]:
            raise ValueError(f"rule {name!r} has {p.shape[0]} points but y has {y.shape[0]} labels")
        out[name] = float((p.argmax(1) == y).double().mean())
    return out


def jackknife(statistic: Callable[..., object], full: Sequence, leave_one_out: Sequence[Sequence]) -> tuple:
    """A statistic of Monte Carlo results, and its jackknife standard error.

    ``statistic(*full)`` is evaluated on the full sample and on each leave-one-group-out replicate; it may return
    a float or a tensor (elementwise errors). With G replicates, ``se = sqrt((G-1)/G * sum (s_g - mean s)^2)``.
    """
    estimate = torch.as_tensor(statistic(*full), dtype=torch.float64)
    if len(leave_one_out) < 2:
        raise ValueError("the jackknife needs at least 2 leave-one-out replicates")
    values = torch.stack([torch.as_tensor(statistic(*r), dtype=torch.float64) for r in leave_one_out])
    g = len(leave_one_out)
    se = torch.sqrt((g - 1) / g * ((values - values.mean(0)) ** 2).sum(0))
    return estimate, se
