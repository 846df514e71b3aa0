"""What dropout knows it does not know: Monte Carlo dropout (Gal and Ghahramani 2016).

Leave dropout on at test time and run T sampled masks. The mean of the T predicted distributions is the Monte
Carlo arithmetic mean; how much the subnetworks disagree measures the model's uncertainty:

* predictive entropy ``H[p̄] = -sum_c p̄_c log p̄_c`` of the mean prediction: every kind of doubt, including
  points on the decision boundary where every subnetwork says 50/50;
* mutual information between the prediction and the mask, ``H[p̄] - (1/T) sum_t H[p_t]``: only the
  disagreement between subnetworks (zero when they all agree, whatever they say). It is >= 0 (entropy is
  concave), up to float error.

All in nats. The sums over masks come from ``dropviz.core.convergence.sampled_sums`` (no forward pass per mask).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import torch

from dropviz.core import convergence as cv
from dropviz.core.model import DropoutMLP


class MCDropout(NamedTuple):
    """Monte Carlo dropout at N points: mean class probabilities ``[N, C]``, entropy and mutual information ``[N]``."""

    mean: torch.Tensor
    entropy: torch.Tensor
    mutual_information: torch.Tensor


def entropy(probs: torch.Tensor) -> torch.Tensor:
    """``-sum_c p_c log p_c`` over the last axis, in nats, with 0 log 0 = 0."""
    probs = torch.as_tensor(probs)
    return -torch.special.xlogy(probs, probs).sum(-1)


def mc_dropout(
    model: DropoutMLP,
    x: torch.Tensor,
    n_samples: int,
    generator: torch.Generator | None = None,
    progress: Callable[[float], None] | None = None,
) -> MCDropout:
    """Mean prediction, predictive entropy and mutual information from ``n_samples`` masks drawn from p(mu).

    The masks are ``masks.sample_masks(model.keep_probs(), n_samples, generator)``: the same as a loop of
    ``model.forward_masked`` over those rows would use. Other kinds of noise (Gaussian, DropConnect) are drawn
    with ``model.sample_noisy_logits``. Float64 results; ValueError for a bad ``x`` or ``n_samples``.
    """
    if isinstance(n_samples, bool) or not isinstance(n_samples, int | float) or n_samples != int(n_samples):
        raise ValueError(f"n_samples must be a positive integer, got {n_samples!r}")
    if n_samples < 1:
        raise ValueError(f"n_samples must be a positive integer, got {n_samples!r}")
    n_samples = int(n_samples)
    x = model.check_input(x)
    sums = cv.sampled_sums(model, x, n_samples, generator, with_entropy=True, progress=progress)
    mean = sums.probs[0] / n_samples
    predictive = entropy(mean)
    expected = sums.entropy[0] / n_samples  # mean over masks of each subnetwork's entropy
    return MCDropout(mean, predictive, predictive - expected)
