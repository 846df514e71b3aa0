"""How fast Monte Carlo averages over sampled masks approach the exact ensembles (Srivastava et al. 2014, Fig. 11).

``sampling_curve`` samples, for each of ``repeats`` independent runs, one stream of ``max(ks)`` masks and reads the
Monte Carlo arithmetic and geometric means off its prefixes of length k (k = 1, 2, 4, ... are nested prefixes of
one stream). Each is compared with a reference over a grid of the plane (mean total variation), and the sampled
arithmetic mean's test accuracy is set against the weight scaling rule's.

``mask_sums`` is the engine (``dropviz.core.uncertainty`` uses it too): sums over many sampled masks of the
subnetworks' class probabilities, logits and entropies, without one full forward pass per mask:

* The first hidden layer depends on a mask only through its input units (2 inputs: at most 4 patterns), so it is
  computed once per pattern and shared by every mask with that pattern.
* A unit that a mask drops contributes nothing to the next layer, so only the kept units of each layer are
  computed (about half of them at drop 0.5): the masks are sorted by how many units they keep and handled in
  small blocks, each as one matrix product, whose results stay in the processor's cache.

Order within a sum does not matter, so masks may be regrouped freely; ``segments`` says which sum each belongs to.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import torch

from dropviz.core import ensembles as en
from dropviz.core import masks as mk
from dropviz.core.compare import total_variation
from dropviz.core.model import DropoutMLP

Progress = Callable[[float], None]

DEFAULT_KS: tuple[int, ...] = tuple(2**i for i in range(13))  # 1, 2, 4, ..., 4096
DEFAULT_REPEATS = 10
REFERENCE_SAMPLES = 20_000  # masks of the Monte Carlo reference when exact enumeration is out of reach
EXACT_BUDGET = 2**27  # mask-point evaluations allowed for an exact reference (about a second on one core)
EXACT_COST = 0.25  # an enumerated mask-point costs about this many sampled ones (shared layers): for progress
BLOCK_ELEMENTS = 2**18  # activations of one block of masks (1 MiB of float32): small enough to stay in cache
WEIGHT_BATCH = 512  # masks whose per-mask weight matrices are built at once
PROGRESS_STEP = 0.02  # report progress at most every 2 %
NOISE_CHUNK = 64  # noise draws per batch for the non-Bernoulli kinds of dropout

_IN_PLACE = {
    "relu": torch.Tensor.relu_,
    "tanh": torch.Tensor.tanh_,
    "sigmoid": torch.Tensor.sigmoid_,
    "linear": lambda a: a,
}


@dataclass
class MaskSums:
    """Per segment, sums over its masks of the class probabilities and logits ``[S, N, C]`` and entropies ``[S, N]``.

    Logits are summed relative to class 0's (each subnetwork's logits shifted so that class 0's is 0): the shift
    changes no softmax, so ``softmax(logits / count)`` is the normalized geometric mean all the same. All float64;
    ``counts [S]`` holds how many masks each segment summed; ``entropy`` (nats) is None unless asked for.
    """

    probs: torch.Tensor
    logits: torch.Tensor
    entropy: torch.Tensor | None
    counts: torch.Tensor


class _Reporter:
    """Calls ``progress`` with the fraction done, at most every PROGRESS_STEP and always at the end."""

    def __init__(self, progress: Progress | None, total: float) -> None:
        self.progress, self.total = progress, max(float(total), 1.0)
        self.done, self.last = 0.0, -1.0

    def add(self, amount: float) -> None:
        self.done += amount
        fraction = min(1.0, self.done / self.total)
        if self.progress is not None and (fraction - self.last >= PROGRESS_STEP or fraction >= 1.0):
            self.last = fraction
            self.progress(fraction)


def _check_segments(segments: torch.Tensor | None, n_masks: int, n_segments: int | None) -> tuple[torch.Tensor, int]:
    if segments is None:
        return torch.zeros(n_masks, dtype=torch.int64), 1 if n_segments is None else int(n_segments)
    segments = torch.as_tensor(segments, dtype=torch.int64).reshape(-1)
    if len(segments) != n_masks:
        raise ValueError(f"segments has {len(segments)} entries for {n_masks} masks")
    if n_masks == 0:
        return segments, 1 if n_segments is None else int(n_segments)
    count = int(segments.max()) + 1 if n_segments is None else int(n_segments)
    if int(segments.min()) < 0 or int(segments.max()) >= count:
        raise ValueError(f"segment ids must lie in [0, {count}), got {int(segments.min())}..{int(segments.max())}")
    return segments, count


@torch.no_grad()
def mask_sums(
    model: DropoutMLP,
    x: torch.Tensor,
    masks: torch.Tensor,
    segments: torch.Tensor | None = None,
    n_segments: int | None = None,
    with_entropy: bool = False,
    progress: Progress | None = None,
) -> MaskSums:
    """Sums over the Bernoulli masks ``masks [M, d]`` of each subnetwork's softmax, logits (and entropy) at ``x``.

    ``segments [M]`` (ints in ``[0, n_segments)``) splits the masks into separate sums; by default one sum. Equal
    (up to float error) to summing ``softmax(model.forward_masked(x, mu))`` over the masks, only much faster.
    """
    x = model.check_input(x)
    masks = torch.as_tensor(masks, dtype=torch.float32)
    if masks.dim() != 2 or masks.shape[1] != model.n_droppable:
        raise ValueError(f"masks must have shape [M, {model.n_droppable}], got {list(masks.shape)}")
    segments, n_seg = _check_segments(segments, len(masks), n_segments)
    sums = _Sums(n_seg, model.layer_sizes[-1], x.shape[0], with_entropy, segments)
    reporter = _Reporter(progress, len(masks))
    if len(masks):
        if len(model.linears) == 1:
            _sums_without_hidden_layers(model, x, masks, segments, sums, reporter)
        else:
            _sums_by_input_pattern(model, x, masks, segments, sums, reporter)
    reporter.add(0)
    return sums.finished()


class _Sums:
    """Accumulators while summing, classes before points. One sum is kept in float64; many short ones (a few
    thousand masks each at most) in float32, which halves the cost of adding to them. With two classes both
    probabilities come from the logit difference (see ``ensembles.SURE_SHARE``), and only that difference is summed
    of the logits."""

    def __init__(self, n_seg: int, c: int, n: int, with_entropy: bool, segments: torch.Tensor) -> None:
        dtype = torch.float64 if n_seg == 1 else torch.float32
        self.c = c
        self.probs = torch.zeros(n_seg, c, n, dtype=dtype)
        self.relative = torch.zeros(n_seg, c - 1, n, dtype=dtype)  # logits minus class 0's
        self.entropy = torch.zeros(n_seg, n, dtype=dtype) if with_entropy else None
        self.counts = torch.bincount(segments, minlength=n_seg)

    def add(self, relative: torch.Tensor, segments: torch.Tensor) -> None:
        """Add b masks' logits relative to class 0, ``[b, C - 1, N]``, to their segments' sums."""
        if self.c == 2:  # two classes: everything follows from the logit difference
            diff = relative[:, 0]
            p1 = torch.sigmoid(diff)  # [b, N]
            p0 = 1 - p1
            sure = p0.mean(0) < en.SURE_SHARE  # points sure of class 1 in this batch: class 0 from the logits
            if bool(sure.any()):
                p0[:, sure] = torch.sigmoid(-diff[:, sure])
            probs = torch.stack([p0, p1], dim=1)  # [b, 2, N]
            entropy = None if self.entropy is None else _binary_entropy(diff)
        else:
            logits = torch.cat([torch.zeros_like(relative[:, :1]), relative], dim=1)
            log_p = torch.log_softmax(logits, dim=1)
            probs = log_p.exp()
            entropy = None if self.entropy is None else -(probs * log_p).sum(1)
        if len(segments) == 1 or bool((segments == segments[0]).all()):
            s = int(segments[0])
            self.probs[s] += probs.sum(0)
            self.relative[s] += relative.sum(0)
            if entropy is not None:
                self.entropy[s] += entropy.sum(0)
            return
        self.probs.index_add_(0, segments, probs.to(self.probs.dtype))
        self.relative.index_add_(0, segments, relative.to(self.relative.dtype))
        if entropy is not None:
            self.entropy.index_add_(0, segments, entropy.to(self.entropy.dtype))

    def add_logits(self, logits: torch.Tensor, segments: torch.Tensor) -> None:
        """Add b masks' logits ``[b, C, N]``."""
        self.add(logits[:, 1:] - logits[:, :1], segments)

    def finished(self) -> MaskSums:
        probs = self.probs.double()
        logits = torch.cat([torch.zeros_like(self.relative[:, :1]), self.relative], dim=1).double()
        return MaskSums(
            probs.transpose(1, 2).contiguous(),
            logits.transpose(1, 2).contiguous(),
            None if self.entropy is None else self.entropy.double(),
            self.counts,
        )


def _binary_entropy(diff: torch.Tensor) -> torch.Tensor:
    """Entropy (nats) of two classes whose logits differ by ``diff``: softplus(-a) + a sigmoid(-a), a = |diff|.

    Both terms are small when one class is nearly certain, so nothing cancels (unlike -p0 log p0 - p1 log p1).
    """
    a = diff.abs().neg_()
    return torch.nn.functional.softplus(a) - a * torch.sigmoid(a)


def _sums_without_hidden_layers(model, x, masks, segments, sums, reporter) -> None:
    """Softmax regression: plain masked forward passes in blocks (each costs inputs x classes per point)."""
    block = max(1, BLOCK_ELEMENTS // (x.shape[0] * max(model.layer_sizes)))
    for start in range(0, len(masks), block):
        mu = masks[start : start + block]
        sums.add_logits(model.forward_masked(x, mu).transpose(1, 2), segments[start : start + block])
        reporter.add(len(mu))


def _kept_units(layer_masks: torch.Tensor, count: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Indices ``[b, count]`` of each mask's kept units (first), padded with dropped ones, and 1/0 for kept/padding."""
    values, order = torch.sort(layer_masks, dim=1, descending=True, stable=True)
    return order[:, :count], values[:, :count]


def _relative_output(model: DropoutMLP) -> tuple[torch.Tensor, torch.Tensor]:
    """Weights ``[C - 1, width]`` and biases ``[C - 1]`` of the logits minus class 0's: the output layer that
    matters for softmax, one row less (half the work with two classes)."""
    last = model.linears[-1]
    return last.weight[1:] - last.weight[:1], last.bias[1:] - last.bias[:1]


def _sums_by_input_pattern(model, x, masks, segments, sums, reporter) -> None:
    widths = model.droppable_widths
    scale = mk.inverted_scale(model.keep_probs()).float()
    blocks = mk.split_by_layer(masks, widths)
    scales = mk.split_by_layer(scale, widths)
    act = _IN_PLACE.get(model.activation, model.hidden)
    first = model.linears[0]
    buffer = torch.empty(BLOCK_ELEMENTS + max(model.layer_sizes) * len(x))  # reused: no fresh pages per block
    # the input units' mask as a number: masks with the same number share the first hidden layer
    code = blocks[0].long() @ (2 ** torch.arange(widths[0] - 1, -1, -1))
    for value in torch.unique(code).tolist():
        chosen = torch.nonzero(code == value).flatten()
        pattern = blocks[0][chosen[0]]
        hidden = act(first(x * (pattern * scales[0])))  # [N, w1]: shared by every mask with this input pattern
        hidden_aug = torch.cat([hidden, torch.ones(len(x), 1)], dim=1).T.contiguous()  # [w1 + 1, N]
        if len(model.linears) == 2:
            _output_from_first_hidden(model, hidden_aug, blocks[1][chosen] * scales[1], segments[chosen], sums)
            reporter.add(len(chosen))
            continue
        # sorted by the number of units kept in the second hidden layer: neighbours need about as many rows
        kept_next = blocks[2][chosen].sum(1)
        chosen = chosen[torch.argsort(kept_next, descending=True, stable=True)]
        for start in range(0, len(chosen), WEIGHT_BATCH):
            part = chosen[start : start + WEIGHT_BATCH]
            layer_masks = [b[part] for b in blocks]
            _deep_masks(model, hidden_aug, layer_masks, scales, act, segments[part], sums, reporter, buffer)


def _output_from_first_hidden(model, hidden_aug, scaled_masks, segments, sums) -> None:
    """One hidden layer: per mask, logits = W (mu * s * h) + b, as one product [b*(C-1), w + 1] @ [w + 1, N]."""
    weight, bias = _relative_output(model)
    rows, n = weight.shape[0], hidden_aug.shape[1]
    block = max(1, BLOCK_ELEMENTS // (rows * n))
    for start in range(0, len(scaled_masks), block):
        s = scaled_masks[start : start + block]  # [b, w]
        weights = weight[None] * s[:, None, :]  # [b, C - 1, w]
        flat = torch.cat([weights, bias[None, :, None].expand(len(s), rows, 1)], dim=2)
        relative = (flat.reshape(len(s) * rows, hidden_aug.shape[0]) @ hidden_aug).view(len(s), rows, n)
        sums.add(relative, segments[start : start + block])


def _deep_masks(model, hidden_aug, layer_masks, scales, act, segments, sums, reporter, buffer) -> None:
    """Two or more hidden layers, for masks sharing their input pattern, sorted by kept units of hidden layer 2
    (most first): only kept units are computed, in blocks whose activations fit in the cache."""
    n, width_in = hidden_aug.shape[1], hidden_aug.shape[0]
    counts = layer_masks[2].sum(1).long().tolist()
    # hidden layer 1 -> 2: rows are the kept units of layer 2, columns all of layer 1 (masked and scaled)
    idx, valid = _kept_units(layer_masks[2], counts[0])
    linear = model.linears[1]
    weights = linear.weight[idx] * (layer_masks[1] * scales[1])[:, None, :] * valid[:, :, None]  # [M, K, w1]
    weights = torch.cat([weights, (linear.bias[idx] * valid)[:, :, None]], dim=2)  # [M, K, w1 + 1]
    two_layers = len(model.linears) == 3
    if two_layers:
        out_weight, out_bias = _relative_output(model)
        out = out_weight[:, idx].permute(1, 0, 2) * (valid * scales[2][idx])[:, None, :]  # [M, C - 1, K]
        out_bias = out_bias[None, :, None]
    start = 0
    while start < len(counts):
        rows = counts[start]
        end = min(len(counts), start + max(1, BLOCK_ELEMENTS // (max(rows, 1) * n)))
        b = end - start
        flat = weights[start:end, :rows].reshape(b * rows, width_in)
        hidden = torch.mm(flat, hidden_aug, out=buffer[: b * rows * n].view(b * rows, n))
        hidden = act(hidden.view(b, rows, n))  # [b, K, N]: padding rows are never read below
        if two_layers:
            relative = torch.baddbmm(out_bias.expand(b, -1, 1), out[start:end, :, :rows], hidden)
        else:
            part = [m[start:end] for m in layer_masks]
            relative = _deeper(model, hidden, idx[start:end, :rows], valid[start:end, :rows], part, scales, act)
        sums.add(relative, segments[start:end])
        reporter.add(b)
        start = end


def _deeper(model, hidden, idx_in, valid_in, layer_masks, scales, act) -> torch.Tensor:
    """From hidden layer 2 (kept units ``idx_in``) on through the remaining layers: relative logits ``[b, C-1, N]``."""
    b, layer = hidden.shape[0], 2
    while layer < len(model.linears) - 1:  # hidden -> hidden: kept units on both sides
        count = int(layer_masks[layer + 1].sum(1).max())
        idx, valid = _kept_units(layer_masks[layer + 1], count)
        linear = model.linears[layer]
        weights = linear.weight[idx[:, :, None], idx_in[:, None, :]]  # [b, K_out, K_in]
        weights = weights * (valid_in * scales[layer][idx_in])[:, None, :] * valid[:, :, None]
        hidden = act(torch.baddbmm((linear.bias[idx] * valid)[:, :, None], weights, hidden))
        idx_in, valid_in, layer = idx, valid, layer + 1
    out_weight, out_bias = _relative_output(model)
    weights = out_weight[:, idx_in].permute(1, 0, 2) * (valid_in * scales[layer][idx_in])[:, None, :]
    return torch.baddbmm(out_bias[None, :, None].expand(b, -1, 1), weights, hidden)


@torch.no_grad()
def noise_sums(
    model: DropoutMLP,
    x: torch.Tensor,
    n_draws: int,
    generator: torch.Generator | None = None,
    segments: torch.Tensor | None = None,
    n_segments: int | None = None,
    with_entropy: bool = False,
    progress: Progress | None = None,
) -> MaskSums:
    """Like ``mask_sums`` for ``n_draws`` fresh draws of the model's training noise (any kind, Gaussian included),
    drawn in order with ``generator`` (``model.sample_noisy_logits``)."""
    x = model.check_input(x)
    segments, n_seg = _check_segments(segments, n_draws, n_segments)
    n = x.shape[0]
    sums = _Sums(n_seg, model.layer_sizes[-1], n, with_entropy, segments)
    reporter = _Reporter(progress, n_draws)
    chunk = max(1, min(NOISE_CHUNK, BLOCK_ELEMENTS // (n * max(model.layer_sizes))))
    for start in range(0, n_draws, chunk):
        size = min(chunk, n_draws - start)
        logits = model.sample_noisy_logits(x, size, generator)  # [size, N, C]
        sums.add_logits(logits.transpose(1, 2), segments[start : start + size])
        reporter.add(size)
    reporter.add(0)
    return sums.finished()


def sampled_sums(
    model: DropoutMLP,
    x: torch.Tensor,
    n: int,
    generator: torch.Generator | None = None,
    segments: torch.Tensor | None = None,
    n_segments: int | None = None,
    with_entropy: bool = False,
    progress: Progress | None = None,
) -> MaskSums:
    """Sums over ``n`` masks drawn from p(mu) with ``generator`` (noise draws for the non-Bernoulli kinds).

    Masks are drawn as ``masks.sample_masks(model.keep_probs(), n, generator)`` does: the same masks as a loop of
    ``forward_masked`` over those rows.
    """
    if int(n) != n or n < 1:
        raise ValueError(f"the number of masks must be a positive integer, got {n}")
    n = int(n)
    if model.noise != "bernoulli":
        return noise_sums(model, x, n, generator, segments, n_segments, with_entropy, progress)
    masks = mk.sample_masks(model.keep_probs(), n, generator)
    return mask_sums(model, x, masks, segments, n_segments, with_entropy, progress)


# --- the convergence curve ------------------------------------------------------------------------------------


@dataclass
class SamplingCurve:
    """Errors and accuracies of Monte Carlo means from k sampled masks, per repeat (rows) and k (columns)."""

    ks: tuple[int, ...]
    arithmetic_error: torch.Tensor  # [R, K] mean total variation to the reference arithmetic mean, over the grid
    geometric_error: torch.Tensor  # [R, K] same for the normalized geometric mean
    accuracy: torch.Tensor  # [R, K] test accuracy of the sampled arithmetic mean
    weight_scaled_accuracy: float  # test accuracy of the weight scaling rule
    weight_scaled_arithmetic_error: float  # mean total variation of weight scaling to the reference arithmetic mean
    weight_scaled_geometric_error: float  # ... and to the reference geometric mean
    reference: str  # "exact" or "monte_carlo"
    reference_masks: int  # masks enumerated (exact) or sampled (Monte Carlo) for the reference
    n_grid: int
    n_test: int

    @property
    def repeats(self) -> int:
        return int(self.accuracy.shape[0])

    def band(self, values: torch.Tensor, low: float = 0.1, high: float = 0.9) -> tuple[torch.Tensor, ...]:
        """Median and the ``low``/``high`` quantiles over repeats, per k: three ``[K]`` tensors."""
        q = torch.quantile(values.double(), torch.tensor([0.5, low, high], dtype=torch.float64), dim=0)
        return q[0], q[1], q[2]

    def slope(self, values: torch.Tensor, k_min: int = 1) -> float:
        """Least-squares slope of log(median over repeats) against log k, over k >= ``k_min``."""
        ks = torch.tensor(self.ks, dtype=torch.float64)
        keep = ks >= k_min
        if int(keep.sum()) < 2:
            raise ValueError(f"need at least two k >= {k_min} for a slope")
        lx = ks[keep].log()
        ly = values.double().median(dim=0).values[keep].clamp_min(1e-300).log()
        lx, ly = lx - lx.mean(), ly - ly.mean()
        return float((lx * ly).sum() / (lx * lx).sum())

    def samples_to_match_weight_scaling(self) -> int | None:
        """Smallest k whose median test accuracy reaches the weight scaling rule's (and stays there), or None."""
        median = self.accuracy.double().median(dim=0).values
        return self._first_k_from_which(median >= self.weight_scaled_accuracy - 1e-12)

    def samples_to_beat_weight_scaling(self) -> int | None:
        """Smallest k from which the median distance to the reference arithmetic mean stays below the weight
        scaling rule's own distance to it (sampling is then the better estimate of the ensemble), or None."""
        median = self.arithmetic_error.double().median(dim=0).values
        return self._first_k_from_which(median < self.weight_scaled_arithmetic_error)

    def _first_k_from_which(self, holds: torch.Tensor) -> int | None:
        for i in range(len(self.ks)):
            if bool(holds[i:].all()):
                return self.ks[i]
        return None


def _check_ks(ks: Sequence[int]) -> tuple[int, ...]:
    values = list(ks)
    if not values:
        raise ValueError("ks must hold at least one number of masks")
    for k in values:
        if isinstance(k, bool) or int(k) != k or k < 1:
            raise ValueError(f"every k must be a positive integer, got {k!r}")
    ints = [int(k) for k in values]
    if any(b <= a for a, b in zip(ints, ints[1:])):
        raise ValueError(f"ks must be strictly increasing, got {ints}")
    return tuple(ints)


def varying_weights(model: DropoutMLP) -> int:
    """How many weights a DropConnect mask can vary: those leaving a unit whose keep probability is strictly
    between 0 and 1 (each kept or dropped on its own). There are 2 to this power weight masks."""
    keep = mk.split_by_layer(model.keep_probs(), model.droppable_widths)
    return sum(int(((k > 0) & (k < 1)).sum()) * linear.out_features for k, linear in zip(keep, model.linears))


def exact_reference_possible(model: DropoutMLP, n_points: int, budget: int = EXACT_BUDGET) -> bool:
    """Whether the reference can be exact: enumeration feasible and at most ``budget`` mask-point evaluations."""
    return en.exact_is_feasible(model, n_points) and en.exact_mask_count(model) * n_points <= budget


def reference_plan(model: DropoutMLP, n_points: int, reference: None | str | int = None) -> tuple[str, int]:
    """``("exact", 2^k)`` or ``("monte_carlo", n)``: how ``sampling_curve`` would obtain its reference."""
    if reference is None:
        if exact_reference_possible(model, n_points):
            return "exact", en.exact_mask_count(model)
        return "monte_carlo", REFERENCE_SAMPLES
    if isinstance(reference, str):
        if reference != "exact":
            raise ValueError(f"reference must be None, 'exact' or a number of masks, got {reference!r}")
        if not en.exact_is_feasible(model, n_points):
            raise ValueError(
                f"an exact reference needs all 2^{en.uncertain_units(model)} masks ({model.noise} noise) at "
                f"{n_points} points: over the enumeration limit; pass a number of masks for a Monte Carlo reference"
            )
        return "exact", en.exact_mask_count(model)
    if isinstance(reference, bool) or int(reference) != reference or reference < 1:
        raise ValueError(f"reference must be None, 'exact' or a positive number of masks, got {reference!r}")
    return "monte_carlo", int(reference)


@torch.no_grad()
def sampling_curve(
    model: DropoutMLP,
    grid_points: torch.Tensor,
    test_x: torch.Tensor,
    test_y: torch.Tensor,
    ks: Sequence[int] = DEFAULT_KS,
    repeats: int = DEFAULT_REPEATS,
    reference: None | str | int = None,
    generator: torch.Generator | None = None,
    progress: Progress | None = None,
) -> SamplingCurve:
    """Error of the Monte Carlo arithmetic and geometric means from k masks, and their test accuracy, for each k.

    The error is the total variation to a reference, averaged over ``grid_points``. The reference is exact when
    enumeration is possible (``reference=None`` also requires it to be cheap: ``EXACT_BUDGET``), else a Monte Carlo
    estimate from ``REFERENCE_SAMPLES`` masks drawn before the repeats' masks; pass ``"exact"`` or a number of
    masks to choose. Each repeat draws ``max(ks)`` masks; k = ``ks[i]`` uses the first k.
    """
    ks = _check_ks(ks)
    if isinstance(repeats, bool) or int(repeats) != repeats or repeats < 1:
        raise ValueError(f"repeats must be a positive integer, got {repeats!r}")
    repeats = int(repeats)
    grid_points = model.check_input(grid_points)
    test_x = model.check_input(test_x)
    test_y = torch.as_tensor(test_y).long().reshape(-1)
    if len(test_y) != len(test_x):
        raise ValueError(f"test_x has {len(test_x)} points but test_y has {len(test_y)} labels")
    kind, n_reference = reference_plan(model, len(grid_points), reference)
    n_grid, k_max = len(grid_points), ks[-1]
    # progress: reference (Monte Carlo: its share of mask-point evaluations) then the repeats
    work_repeats = repeats * k_max * (n_grid + len(test_x))
    work_reference = n_reference * n_grid * (1 if kind == "monte_carlo" else EXACT_COST)
    share = work_reference / (work_reference + work_repeats)

    report = None if progress is None else (lambda f: progress(share * f))
    if kind == "exact":
        exact = en.all_rules(model, grid_points, progress=report)
        ref_arith, ref_geom = exact.arithmetic.double(), exact.geometric.double()
    else:
        ref = sampled_sums(model, grid_points, n_reference, generator, progress=report)
        ref_arith = ref.probs[0] / n_reference
        ref_geom = torch.softmax(ref.logits[0] / n_reference, dim=-1)

    bounds = torch.tensor((0,) + ks)
    position = torch.arange(k_max).repeat(repeats)
    block = torch.bucketize(position, bounds[1:], right=True)  # block b holds positions ks[b-1] .. ks[b] - 1
    segment = torch.arange(repeats).repeat_interleave(k_max) * len(ks) + block
    report = None if progress is None else (lambda f: progress(share + (1 - share) * f))
    x = torch.cat([grid_points, test_x])
    sums = sampled_sums(model, x, repeats * k_max, generator, segment, repeats * len(ks), progress=report)
    counts = torch.tensor(ks, dtype=torch.float64)[None, :, None, None]
    probs = sums.probs.view(repeats, len(ks), len(x), -1).cumsum(1) / counts  # [R, K, N, C]: prefixes of length k
    logits = sums.logits.view(repeats, len(ks), len(x), -1).cumsum(1) / counts
    arith_grid = probs[:, :, :n_grid]
    geom_grid = torch.softmax(logits[:, :, :n_grid], dim=-1)
    arith_error = total_variation(arith_grid, ref_arith.expand_as(arith_grid)).mean(-1)
    geom_error = total_variation(geom_grid, ref_geom.expand_as(geom_grid)).mean(-1)
    accuracy = (probs[:, :, n_grid:].argmax(-1) == test_y).double().mean(-1)

    ws_grid = en.weight_scaled(model, grid_points).double()
    ws_test = en.weight_scaled(model, test_x)
    return SamplingCurve(
        ks=ks,
        arithmetic_error=arith_error,
        geometric_error=geom_error,
        accuracy=accuracy,
        weight_scaled_accuracy=float((ws_test.argmax(-1) == test_y).double().mean()),
        weight_scaled_arithmetic_error=float(total_variation(ws_grid, ref_arith).mean()),
        weight_scaled_geometric_error=float(total_variation(ws_grid, ref_geom).mean()),
        reference=kind,
        reference_masks=n_reference,
        n_grid=n_grid,
        n_test=len(test_x),
    )


def guide_line(ks: Sequence[int], anchor: float, k_anchor: int = 1) -> list[float]:
    """``anchor * sqrt(k_anchor / k)`` for each k: the 1/sqrt(k) line through ``(k_anchor, anchor)``."""
    return [anchor * math.sqrt(k_anchor / k) for k in ks]
