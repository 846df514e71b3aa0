"""A trainer that advances a few steps at a time, so a page can redraw between calls."""

from __future__ import annotations

import copy
import functools
import math
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import torch
import torch.nn.functional as F

from dropviz.core.model import DropoutMLP
from dropviz.data.datasets import Dataset, Split

OPTIMIZERS = {"adam": torch.optim.Adam, "sgd": torch.optim.SGD}


# A minibatch cross-entropy this large means the logits have blown up: the run is treated as diverged.
EXPLODED_LOSS = 1e6


class TrainingDiverged(RuntimeError):
    """The loss became NaN, infinite or exploded; the model's weights are no longer usable."""


@dataclass
class History:
    """Train and test loss/accuracy (weight-scaled net, eval mode), one entry per evaluation."""

    step: list[int] = field(default_factory=list)
    train_loss: list[float] = field(default_factory=list)
    train_acc: list[float] = field(default_factory=list)
    test_loss: list[float] = field(default_factory=list)
    test_acc: list[float] = field(default_factory=list)


def _tensors(data: Dataset) -> tuple[torch.Tensor, torch.Tensor]:
    return torch.from_numpy(data.x), torch.from_numpy(data.y)


class Trainer:
    """Minibatch training of a ``DropoutMLP``; the same seed gives the same batches, masks and history."""

    def __init__(
        self,
        model: DropoutMLP,
        split: Split,
        optimizer: str = "adam",
        lr: float = 0.01,
        batch_size: int = 32,
        weight_decay: float = 0.0,
        seed: int = 0,
        eval_every: int = 10,
    ) -> None:
        if optimizer not in OPTIMIZERS:
            raise ValueError(f"unknown optimizer {optimizer!r}; choose one of {sorted(OPTIMIZERS)}")
        if not (math.isfinite(lr) and lr > 0):
            raise ValueError(f"learning rate must be a positive number, got {lr}")
        if not (math.isfinite(weight_decay) and weight_decay >= 0):
            raise ValueError(f"weight decay must be a number >= 0, got {weight_decay}")
        if batch_size < 1 or eval_every < 1:
            raise ValueError("batch_size and eval_every must be at least 1")
        self.model = model
        self.x_train, self.y_train = _tensors(split.train)
        self.x_test, self.y_test = _tensors(split.test)
        self.batch_size = min(int(batch_size), len(self.y_train))
        self.eval_every = int(eval_every)
        self.parameters = list(model.parameters())
        # fused: one kernel for all parameters instead of a Python loop over them (Adam's step was 30% of a step)
        self.optimizer = OPTIMIZERS[optimizer](self.parameters, lr=lr, weight_decay=weight_decay, fused=True)
        self.batch_rng = torch.Generator().manual_seed(seed)
        model.generator = torch.Generator().manual_seed(seed + 1)
        self.steps_done = 0
        self.history = History()
        self.diverged: str | None = None
        self._order = torch.empty(0, dtype=torch.int64)
        self._record()

    def step(self, n: int = 1) -> None:
        """Advance ``n`` optimisation steps; raises TrainingDiverged once the loss is no longer finite."""
        step_together([self], n)

    def _minibatch_loss(self) -> torch.Tensor:
        x, y = self._next_batch()
        return F.cross_entropy(self.model(x), y)

    def _check_loss(self, value: float) -> None:
        if not math.isfinite(value) or value > EXPLODED_LOSS:
            self.diverged = (
                f"training diverged at step {self.steps_done + 1}: the loss became {value:.3g}. "
                "Lower the learning rate and reset."
            )

    def _apply_gradient(self) -> None:
        self.optimizer.step()
        self.steps_done += 1
        if self.steps_done % self.eval_every == 0:
            self._record()

    def copy_state_from(self, other: Trainer) -> None:
        """Become an exact copy of ``other``'s training so far (weights, optimizer, random streams, history).

        ``other`` must train the same architecture on the same data; training on from here is bit for bit what
        training on from ``other`` would be.
        """
        self.model.load_state_dict(other.model.state_dict())
        self.model.set_drop_probs(other.model.drop_probs)
        self.optimizer.load_state_dict(copy.deepcopy(other.optimizer.state_dict()))  # else moments are shared
        self.batch_rng.set_state(other.batch_rng.get_state())
        self.model.generator.set_state(other.model.generator.get_state())
        self._order = other._order.clone()
        self.steps_done = other.steps_done
        self.history = copy.deepcopy(other.history)
        self.diverged = other.diverged

    def _next_batch(self) -> tuple[torch.Tensor, torch.Tensor]:
        """The next minibatch of an epoch-wise shuffle (sampling without replacement within an epoch)."""
        if self._order.numel() < self.batch_size:  # top up with the next epoch's shuffle: no point is skipped
            self._order = torch.cat([self._order, torch.randperm(len(self.y_train), generator=self.batch_rng)])
        idx, self._order = self._order[: self.batch_size], self._order[self.batch_size :]
        return self.x_train[idx], self.y_train[idx]

    @torch.no_grad()
    def _record(self) -> None:
        """Loss and accuracy of the weight-scaled net (eval mode) on both sets, fetched in one go."""
        numbers = []
        for x, y in ((self.x_train, self.y_train), (self.x_test, self.y_test)):
            logits = self.model.forward_weight_scaled(x)
            numbers += [F.cross_entropy(logits, y), (logits.argmax(1) == y).float().mean()]
        train_loss, train_acc, test_loss, test_acc = torch.stack(numbers).tolist()
        h = self.history
        h.step.append(self.steps_done)
        h.train_loss.append(train_loss)
        h.train_acc.append(train_acc)
        h.test_loss.append(test_loss)
        h.test_acc.append(test_acc)


def step_together(trainers: Sequence[Trainer], n: int = 1, after_step: Callable[[], None] | None = None) -> None:
    """Advance every trainer ``n`` steps in lockstep, calling ``after_step`` after each.

    One backward pass through the sum of the losses serves all of them: no parameter is shared, so each net's
    gradient is exactly its own loss's, and the result is bit for bit that of stepping each alone (a test checks),
    at about two thirds of the cost for a pair. If any loss is no longer finite, no net takes that step: those
    trainers are marked diverged and TrainingDiverged is raised.
    """
    for trainer in trainers:
        if trainer.diverged:
            raise TrainingDiverged(trainer.diverged)
        trainer.model.train()
    for _ in range(int(n)):
        losses = [trainer._minibatch_loss() for trainer in trainers]
        values = torch.stack([loss.detach() for loss in losses]).tolist()  # one sync with the values for all
        for trainer, value in zip(trainers, values):
            trainer._check_loss(value)
        stopped = [trainer.diverged for trainer in trainers if trainer.diverged]
        if stopped:
            raise TrainingDiverged(stopped[0])
        for trainer in trainers:
            for parameter in trainer.parameters:  # the optimizer's zero_grad, without its profiler hooks
                parameter.grad = None
        functools.reduce(operator.add, losses).backward()
        for trainer in trainers:
            trainer._apply_gradient()
        if after_step is not None:
            after_step()
