"""Dropout masks: validation of drop probabilities, p(mu), enumeration and sampling.

A mask vector ``mu`` has one 0/1 entry per droppable unit (the inputs, then each hidden layer, in order).
Unit ``i`` is kept with probability ``keep_i = 1 - drop_i``, independently of the others, so
``p(mu) = prod_i keep_i^mu_i * (1 - keep_i)^(1 - mu_i)``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import torch

# Above this many droppable units, listing every mask (2^d rows) is refused.
MAX_LISTED_UNITS = 20


LayerDrop = float | tuple[float, ...]


def validate_drop_probs(drop_probs: Sequence[float | Sequence[float]], widths: Sequence[int]) -> list[LayerDrop]:
    """Check one drop probability per droppable layer, or per unit of a layer; raise ValueError naming the bad entry.

    An entry is a float (every unit of that layer) or a sequence with one drop probability per unit.
    """
    probs = list(drop_probs)
    if len(probs) != len(widths):
        raise ValueError(
            f"expected {len(widths)} drop probabilities (the input layer and each hidden layer), got {len(probs)}"
        )
    return [_validate_layer(i, p, w) for i, (p, w) in enumerate(zip(probs, widths))]


def _validate_layer(i: int, p: float | Sequence[float], width: int) -> LayerDrop:
    per_unit = isinstance(p, Sequence | np.ndarray | torch.Tensor) and not isinstance(p, str) and np.ndim(p) > 0
    if per_unit:
        values = tuple(float(v) for v in p)
        if len(values) != width:
            raise ValueError(f"layer {i} has {width} units but {len(values)} per-unit drop probabilities")
    else:
        values = (float(p),)
    for v in values:
        if math.isnan(v) or not 0.0 <= v <= 1.0:
            raise ValueError(f"drop probability of layer {i} is {v}; a drop probability must lie in [0, 1]")
    return values if per_unit else values[0]


def unit_keep_probs(widths: Sequence[int], drop_probs: Sequence[LayerDrop]) -> torch.Tensor:
    """Keep probability of every droppable unit, as one vector of length d = sum(widths)."""
    blocks = [1.0 - torch.as_tensor(p, dtype=torch.float64).expand(w) for w, p in zip(widths, drop_probs)]
    return torch.cat(blocks)


def inverted_scale(keep: torch.Tensor) -> torch.Tensor:
    """Factor applied to a kept unit under inverted dropout: 1/keep, and 0 where keep is 0 (never kept)."""
    safe = torch.where(keep > 0, keep, torch.ones_like(keep))
    return torch.where(keep > 0, 1.0 / safe, torch.zeros_like(keep))


def mask_probability(mu: torch.Tensor, keep: torch.Tensor) -> torch.Tensor:
    """p(mu) for one mask ``[d]`` or a batch ``[M, d]``, in float64."""
    mu = mu.to(torch.float64)
    keep = keep.to(torch.float64)
    return torch.prod(mu * keep + (1 - mu) * (1 - keep), dim=-1)


def all_binary_vectors(n: int) -> torch.Tensor:
    """All 2^n vectors of n bits as a ``[2^n, n]`` float tensor, first unit as the most significant bit."""
    codes = torch.arange(2**n, dtype=torch.int64)
    shifts = torch.arange(n - 1, -1, -1, dtype=torch.int64)
    return ((codes[:, None] >> shifts) & 1).to(torch.float32)


def enumerate_masks(keep: torch.Tensor, skip_impossible: bool = False) -> tuple[torch.Tensor, torch.Tensor]:
    """Every mask for units with keep probabilities ``keep`` and its probability.

    Returns ``(masks [M, d], probs [M])``. With ``skip_impossible`` the units that are always kept (keep 1) or
    always dropped (keep 0) are fixed, so only masks with p(mu) > 0 are listed: M = 2^(number of uncertain units).
    """
    d = keep.numel()
    uncertain = (keep > 0) & (keep < 1) if skip_impossible else torch.ones(d, dtype=torch.bool)
    n_free = int(uncertain.sum())
    if n_free > MAX_LISTED_UNITS:
        raise ValueError(f"listing 2^{n_free} masks is too many (limit 2^{MAX_LISTED_UNITS}); sample masks instead")
    masks = (keep >= 1).to(torch.float32).repeat(2**n_free, 1)
    masks[:, uncertain] = all_binary_vectors(n_free)
    return masks, mask_probability(masks, keep)


def sample_masks(keep: torch.Tensor, n: int, generator: torch.Generator | None = None) -> torch.Tensor:
    """``n`` masks drawn independently from p(mu), as a ``[n, d]`` float tensor of 0s and 1s."""
    if n < 1:
        raise ValueError(f"the number of masks to sample must be at least 1, got {n}")
    probs = keep.to(torch.float32).expand(n, -1)
    return torch.bernoulli(probs, generator=generator)


def split_by_layer(mu: torch.Tensor, widths: Sequence[int]) -> list[torch.Tensor]:
    """Split mask vectors ``[..., d]`` into one ``[..., width]`` block per droppable layer."""
    return list(torch.split(mu, list(widths), dim=-1))
