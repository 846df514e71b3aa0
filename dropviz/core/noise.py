"""Ways to drop a unit besides multiplying it by 0 or 1/keep: Gaussian multiplicative noise and DropConnect.

Every kind has expected multiplier 1 under inverted scaling, so the plain forward pass (eval mode) stays the weight
scaling rule for all of them:

* ``bernoulli`` (dropout): unit i is multiplied by mu_i / keep_i, mu_i ~ Bernoulli(keep_i).
* ``gaussian`` (Srivastava et al. 2014, section 10): unit i is multiplied by a draw from N(1, p_i / (1 - p_i)),
  the variance the Bernoulli multiplier has. A unit with p = 1 is always dropped (the variance would be infinite).
* ``dropconnect`` (Wan et al. 2013): every weight leaving droppable unit i is kept with probability keep_i,
  independently of the unit's other weights, and kept weights are multiplied by 1/keep_i.
"""

from __future__ import annotations

import torch

from dropviz.core import masks as mk

NOISES = ("bernoulli", "gaussian", "dropconnect")


def check_noise(noise: str) -> str:
    if noise not in NOISES:
        raise ValueError(f"unknown noise {noise!r}; choose one of {', '.join(NOISES)}")
    return noise


def gaussian_std(keep: torch.Tensor) -> torch.Tensor:
    """Standard deviation sqrt(p / (1 - p)) of each unit's multiplier; 0 where the unit is never kept."""
    keep = keep.to(torch.float32)
    safe = torch.where(keep > 0, keep, torch.ones_like(keep))
    return torch.where(keep > 0, torch.sqrt((1 - keep) / safe), torch.zeros_like(keep))


def gaussian_multipliers(keep: torch.Tensor, n: int, generator: torch.Generator | None = None) -> torch.Tensor:
    """``[n, d]`` multipliers from N(1, p/(1-p)); exactly 0 for units with keep probability 0."""
    if n < 1:
        raise ValueError(f"the number of draws must be at least 1, got {n}")
    keep = keep.to(torch.float32)
    draws = torch.randn(n, keep.numel(), generator=generator)
    return torch.where(keep > 0, 1 + draws * gaussian_std(keep), torch.zeros_like(draws))


def connect_masks(keep_in: torch.Tensor, n_out: int, n: int, generator: torch.Generator | None = None) -> torch.Tensor:
    """``[n, n_out, n_in]`` 0/1 masks of a layer's weights: the weight from input unit j kept with keep_in[j]."""
    if n < 1:
        raise ValueError(f"the number of draws must be at least 1, got {n}")
    probs = keep_in.to(torch.float32).expand(n, n_out, -1)
    return torch.bernoulli(probs, generator=generator)


def scaled_connect_masks(keep_in: torch.Tensor, masks: torch.Tensor) -> torch.Tensor:
    """Masks times 1/keep of their input unit (0 where the unit is never kept): the factor a kept weight gets."""
    return masks * mk.inverted_scale(keep_in).to(torch.float32)
