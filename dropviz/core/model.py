"""A small MLP whose dropout masks are explicit: sampled in training, or passed in by the caller."""

from __future__ import annotations

from collections.abc import Sequence

import torch
from torch import nn

from dropviz.core import masks as mk
from dropviz.core import noise as nz

ACTIVATIONS = {
    "relu": torch.relu,
    "tanh": torch.tanh,
    "sigmoid": torch.sigmoid,
    "linear": lambda a: a,
}


class DropoutMLP(nn.Module):
    """MLP ``layer_sizes = [n_inputs, hidden..., n_classes]`` with dropout on the inputs and every hidden layer.

    ``drop_probs[i]`` is the *drop* probability of droppable layer ``i`` (the inputs, then each hidden layer), or
    a sequence with one drop probability per unit of that layer.
    Training uses inverted dropout: a kept unit is multiplied by 1/keep, so evaluation mode (the plain forward
    pass, with layers of drop probability 1 zeroed) is the weight scaling inference rule. Outputs are logits.
    ``noise`` picks how a unit is dropped in training (see ``dropviz.core.noise``): "bernoulli" (dropout),
    "gaussian" or "dropconnect"; all three have expected multiplier 1, so eval mode is weight scaling for each.
    """

    def __init__(
        self,
        layer_sizes: Sequence[int],
        drop_probs: Sequence[float | Sequence[float]],
        activation: str = "relu",
        seed: int | None = None,
        noise: str = "bernoulli",
    ) -> None:
        super().__init__()
        sizes = [int(n) for n in layer_sizes]
        if len(sizes) < 2 or any(n < 1 for n in sizes):
            raise ValueError(f"layer_sizes needs at least [n_inputs, n_classes], all positive; got {list(layer_sizes)}")
        if activation not in ACTIVATIONS:
            raise ValueError(f"unknown activation {activation!r}; choose one of {sorted(ACTIVATIONS)}")
        self.layer_sizes = sizes
        self.activation = activation
        self.noise = nz.check_noise(noise)
        self.set_drop_probs(drop_probs)
        self.generator: torch.Generator | None = None  # set it to make training masks reproducible
        self.last_mu: torch.Tensor | None = None  # [batch, d] masks of the last training pass (Bernoulli only)
        self.last_noise: torch.Tensor | list[torch.Tensor] | None = None  # Gaussian [batch, d]; DropConnect per layer
        with torch.random.fork_rng(devices=[], enabled=seed is not None):
            if seed is not None:
                torch.manual_seed(seed)
            self.linears = nn.ModuleList(nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:]))

    @property
    def droppable_widths(self) -> list[int]:
        """Widths of the droppable layers: the inputs and every hidden layer."""
        return self.layer_sizes[:-1]

    @property
    def n_droppable(self) -> int:
        """d, the number of droppable units; the net contains 2^d subnetworks."""
        return sum(self.droppable_widths)

    def set_drop_probs(self, drop_probs: Sequence[float | Sequence[float]]) -> None:
        """Validate and store the drop probabilities; the per-unit keep and 1/keep vectors are cached here."""
        self.drop_probs = mk.validate_drop_probs(drop_probs, self.droppable_widths)
        self._keep = mk.unit_keep_probs(self.droppable_widths, self.drop_probs)
        self._scale = mk.inverted_scale(self._keep).to(torch.float32)

    def keep_probs(self) -> torch.Tensor:
        """Keep probability of each droppable unit, ``[d]`` (float64). Do not modify it in place."""
        return self._keep

    def check_input(self, x: torch.Tensor) -> torch.Tensor:
        x = torch.as_tensor(x, dtype=torch.float32)
        if x.dim() != 2 or x.shape[1] != self.layer_sizes[0] or x.shape[0] == 0:
            raise ValueError(f"x must have shape [N, {self.layer_sizes[0]}] with N >= 1, got {list(x.shape)}")
        return x

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Logits ``[N, n_classes]``: sampled masks per example in train mode, weight scaling in eval mode."""
        x = self.check_input(x)
        if not self.training:
            return self.forward_weight_scaled(x)
        if self.noise == "bernoulli":
            mu = mk.sample_masks(self.keep_probs(), x.shape[0], self.generator)
            self.last_mu = mu
            return self.forward_scaled(x, self._scaled_blocks(mu))
        logits = self.sample_noisy_logits(x[:, None, :], 1, self.generator, per_point=True)
        return logits[:, 0]

    def sample_noisy_logits(
        self, x: torch.Tensor, n: int, generator: torch.Generator | None = None, per_point: bool = False
    ) -> torch.Tensor:
        """Logits ``[n, N, C]`` under ``n`` independent draws of the training noise, each shared by all N points.

        With ``per_point`` (training), ``x`` is ``[B, 1, inputs]`` and every example gets its own draw, ``n = 1``.
        """
        if not per_point:
            x = self.check_input(x)
        draws = x.shape[0] if per_point else n
        keep = self.keep_probs()
        if self.noise == "bernoulli":
            mu = mk.sample_masks(keep, draws, generator)
            blocks = [b[:, None, :] for b in self._scaled_blocks(mu)]
            return self.forward_scaled(x if per_point else x[None], blocks)
        if self.noise == "gaussian":
            multipliers = nz.gaussian_multipliers(keep, draws, generator)
            self.last_noise = multipliers if per_point else None
            blocks = [b[:, None, :] for b in mk.split_by_layer(multipliers, self.droppable_widths)]
            return self.forward_scaled(x if per_point else x[None], blocks)
        return self._dropconnect(x if per_point else x[None].expand(draws, -1, -1), draws, generator, per_point)

    def _dropconnect(
        self, h: torch.Tensor, draws: int, generator: torch.Generator | None, record: bool
    ) -> torch.Tensor:
        """Each draw ``[draws, N, width]`` through layers whose incoming weights are masked per draw."""
        keep_blocks = mk.split_by_layer(self.keep_probs(), self.droppable_widths)
        recorded = []
        for i, linear in enumerate(self.linears):
            masks = nz.connect_masks(keep_blocks[i], linear.out_features, draws, generator)
            recorded.append(masks)
            weight = linear.weight * nz.scaled_connect_masks(keep_blocks[i], masks)  # [draws, out, in]
            h = torch.einsum("dni,doi->dno", h, weight) + linear.bias
            if i < len(self.linears) - 1:
                h = self.hidden(h)
        if record:
            self.last_noise = recorded
        return h

    def forward_masked(self, x: torch.Tensor, mu: torch.Tensor) -> torch.Tensor:
        """Logits of the subnetwork(s) chosen by mask vector(s) ``mu``, with inverted-dropout scaling.

        ``mu`` is ``[d]`` (returns ``[N, C]``) or ``[M, d]`` (returns ``[M, N, C]``, one row per mask).
        """
        x = self.check_input(x)
        mu = torch.as_tensor(mu, dtype=torch.float32)
        if mu.shape[-1] != self.n_droppable or mu.dim() not in (1, 2):
            raise ValueError(
                f"mu must have shape [{self.n_droppable}] or [M, {self.n_droppable}], got {list(mu.shape)}"
            )
        if mu.dim() == 1:
            return self.forward_scaled(x, self._scaled_blocks(mu))
        blocks = [b[:, None, :] for b in self._scaled_blocks(mu)]  # broadcast each mask over the N points
        return self.forward_scaled(x, blocks)

    def forward_weight_scaled(self, x: torch.Tensor) -> torch.Tensor:
        """Weight scaling rule: each unit times its expected scaled mask, 1 (or 0 where a unit is never kept)."""
        expected = (self.keep_probs() > 0).float()
        return self.forward_scaled(x, mk.split_by_layer(expected, self.droppable_widths))

    def hidden(self, a: torch.Tensor) -> torch.Tensor:
        return ACTIVATIONS[self.activation](a)

    def forward_scaled(self, x: torch.Tensor, scaled_blocks: Sequence[torch.Tensor]) -> torch.Tensor:
        """Run the net multiplying droppable layer ``i`` by ``scaled_blocks[i]`` (mask times 1/keep)."""
        h = x
        for i, linear in enumerate(self.linears):
            h = linear(h * scaled_blocks[i])
            if i < len(self.linears) - 1:
                h = self.hidden(h)
        return h

    def _scaled_blocks(self, mu: torch.Tensor) -> list[torch.Tensor]:
        return mk.split_by_layer(mu * self._scale, self.droppable_widths)
