"""A brute-force reference written independently of dropviz: one explicit subnetwork per mask, in float64."""

import itertools
import math

import numpy as np

ACTIVATIONS = {
    "relu": lambda a: np.maximum(a, 0.0),
    "tanh": np.tanh,
    "sigmoid": lambda a: 1.0 / (1.0 + np.exp(-a)),
    "linear": lambda a: a,
}


def softmax(z):
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def subnetwork_logits(weights, biases, keep_per_layer, activation, x, mask_per_layer):
    """Logits of one subnetwork under inverted dropout (a kept unit is scaled by 1/keep)."""
    h = x
    for i, (w, b) in enumerate(zip(weights, biases)):
        keep = keep_per_layer[i]
        scale = np.where(keep > 0, 1.0 / np.where(keep > 0, keep, 1.0), 0.0)
        h = (h * mask_per_layer[i] * scale) @ w.T + b
        if i < len(weights) - 1:
            h = ACTIVATIONS[activation](h)
    return h


def log_softmax(z):
    z = z - z.max(axis=-1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=-1, keepdims=True))


def brute_force_ensembles(model, x):
    """(arithmetic, geometric) by looping over all 2^d masks, weighting each by p(mu).

    The geometric ensemble follows its definition: the p(mu)-weighted product of the subnetworks'
    probabilities (a sum of log-probabilities), renormalized over classes.
    """
    weights = [lin.weight.detach().double().numpy() for lin in model.linears]
    biases = [lin.bias.detach().double().numpy() for lin in model.linears]
    widths = model.layer_sizes[:-1]
    keep_units = np.concatenate(
        [1.0 - np.broadcast_to(np.asarray(p, dtype=np.float64), (w,)) for p, w in zip(model.drop_probs, widths)]
    )
    bounds = np.cumsum([0] + widths)
    keep_per_layer = [keep_units[a:b] for a, b in zip(bounds[:-1], bounds[1:])]
    x = np.asarray(x, dtype=np.float64)
    arith = np.zeros((len(x), model.layer_sizes[-1]))
    log_product = np.zeros_like(arith)
    for bits in itertools.product([0.0, 1.0], repeat=int(bounds[-1])):
        mu = np.array(bits)
        p_mu = math.prod(k if m else 1.0 - k for m, k in zip(bits, keep_units))
        if p_mu == 0.0:
            continue
        mask_per_layer = [mu[a:b] for a, b in zip(bounds[:-1], bounds[1:])]
        logits = subnetwork_logits(weights, biases, keep_per_layer, model.activation, x, mask_per_layer)
        arith += p_mu * softmax(logits)
        log_product += p_mu * log_softmax(logits)
    return arith, softmax(log_product)
