"""A dropout net and its no-dropout twin, same data, architecture and seed, trained in lockstep.

The experiment keeps a training log: how many steps were taken under which drop probabilities. Training is
deterministic (seeded batches and masks), so replaying that log on a fresh experiment gives the same weights;
that is what a shared link does.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from dropviz.core.model import DropoutMLP
from dropviz.core.trail import Trail
from dropviz.core.training import Trainer, TrainingDiverged, step_together
from dropviz.data.datasets import Split, make_split

MAX_STEPS = 20_000  # per experiment: a link replays at most this many steps (about 20 s on one core)

# One stretch of training: (drop probabilities, number of steps taken with them).
Segment = tuple[tuple[float, ...], int]


@dataclass(frozen=True)
class ExperimentConfig:
    """Defaults chosen so the twin overfits and dropout wins (benchmarks/bench_defaults.py prints the table)."""

    dataset: str = "moons"
    n_train: int = 40
    n_test: int = 1000
    noise: float = 0.5
    seed: int = 0
    hidden_layers: int = 2
    width: int = 32
    activation: str = "relu"
    drop_probs: tuple[float, ...] = (0.2, 0.5, 0.5)
    method: str = "bernoulli"  # how the dropout net drops a unit: see dropviz.core.noise
    optimizer: str = "adam"
    lr: float = 0.003
    batch_size: int = 16

    def rebuild_key(self) -> ExperimentConfig:
        """Everything but the drop probabilities: changing any of it starts training over."""
        return replace(self, drop_probs=())

    def layer_sizes(self, n_classes: int) -> list[int]:
        return [2] + [self.width] * self.hidden_layers + [n_classes]


class Experiment:
    """Builds the data split and both trainers; ``step`` advances the two nets by the same steps."""

    _serials = itertools.count()

    def __init__(self, config: ExperimentConfig, split: Split | None = None) -> None:
        """``split`` is the data when it is not one of the toy sets ``config.dataset`` names (an upload)."""
        self.serial = next(self._serials)  # unique per experiment, unlike id(), which Python reuses
        self.config = config
        if split is None:
            split = make_split(config.dataset, config.n_train, config.n_test, config.noise, config.seed)
        self.split: Split = split
        sizes = config.layer_sizes(self.split.train.n_classes)
        model = DropoutMLP(sizes, config.drop_probs, config.activation, seed=config.seed, noise=config.method)
        self.trainer = self._trainer(model)
        no_dropout = [0.0] * len(config.drop_probs)
        self.twin = self._trainer(DropoutMLP(sizes, no_dropout, config.activation, seed=config.seed))
        self.log: list[Segment] = []
        self.trail = Trail()  # the weights at evenly spaced steps, for a training GIF without a replay
        self._record()

    def _record(self) -> None:
        self.trail.record(self.steps_done, self.config.drop_probs, self.trainer.model, self.twin.model)

    def _trainer(self, model: DropoutMLP) -> Trainer:
        c = self.config
        return Trainer(model, self.split, c.optimizer, c.lr, c.batch_size, seed=c.seed)

    @property
    def model(self) -> DropoutMLP:
        return self.trainer.model

    @property
    def steps_done(self) -> int:
        return self.trainer.steps_done

    @property
    def diverged(self) -> str | None:
        """The message of the net that diverged (both then stop), or None."""
        return self.trainer.diverged or self.twin.diverged

    @property
    def steps_left(self) -> int:
        return 0 if self.diverged else max(0, MAX_STEPS - self.steps_done)

    def trained_drop_probs(self) -> list[tuple[float, ...]]:
        """The distinct drop probabilities training has used so far, in order."""
        seen: list[tuple[float, ...]] = []
        for probs, _ in self.log:
            if probs not in seen:
                seen.append(probs)
        return seen

    def set_drop_probs(self, drop_probs: Sequence[float]) -> None:
        """Change the dropout net's drop probabilities without restarting (the twin never drops)."""
        self.model.set_drop_probs(drop_probs)
        self.config = replace(self.config, drop_probs=tuple(drop_probs))

    def step(self, n: int) -> None:
        """Advance both nets ``n`` steps in lockstep, up to MAX_STEPS.

        If either net's loss stops being finite, neither takes that step and TrainingDiverged is raised; the step
        is still logged, so a replay of the log diverges at the same place.
        """
        n = min(int(n), self.steps_left)
        if self.diverged:
            raise TrainingDiverged(self.diverged)
        if n <= 0:
            return
        self._log_steps(n)
        step_together([self.trainer, self.twin], n, after_step=self._record)

    def _log_steps(self, n: int) -> None:
        probs = self.config.drop_probs
        if self.log and self.log[-1][0] == probs:
            self.log[-1] = (probs, self.log[-1][1] + n)
        else:
            self.log.append((probs, n))

    def copy_training_from(self, other: Experiment, same_run: bool = False) -> None:
        """Take over ``other``'s training (same data and architecture), keeping this object and its models.

        ``same_run``: ``other`` is a copy of this experiment trained further (``dropviz.core.lookahead``), so the
        serial stays: anything cached by (serial, steps done) is still told apart by the step count.
        """
        if other.config.rebuild_key() != self.config.rebuild_key():
            raise ValueError("can only copy the training of an experiment with the same data, net and optimizer")
        self.trainer.copy_state_from(other.trainer)
        self.twin.copy_state_from(other.twin)
        self.log = list(other.log)
        self.trail = other.trail.copy()
        self.config = replace(self.config, drop_probs=other.config.drop_probs)
        if not same_run:
            self.serial = next(self._serials)  # new weights: anything cached for the old ones is stale

    def fork(self) -> Experiment:
        """An independent copy (same serial) that can train on without touching this one; the data and the trail's
        waypoints, which are never changed in place, are shared."""
        return copy.deepcopy(self, {id(self.split): self.split, id(self.trail): self.trail.copy()})

    def replay(self, log: Sequence[Segment], progress: Callable[[float], None] | None = None) -> None:
        """Train along ``log`` (from a fresh experiment this reproduces the logged one's weights exactly)."""
        total = max(1, sum(n for _, n in log))
        done = 0
        for probs, n in log:
            self.set_drop_probs(probs)
            for start in range(0, n, 100):
                try:
                    self.step(min(100, n - start))
                except TrainingDiverged:
                    return
                done += min(100, n - start)
                if progress is not None:
                    progress(done / total)


def sync(experiment: Experiment | None, config: ExperimentConfig, split: Split | None = None) -> Experiment:
    """The experiment for ``config``: the same object when only drop probabilities changed, else a new one.

    Uploaded data (``split``) must be named in ``config.dataset`` by its content, so new data means a new experiment.
    """
    if experiment is None or experiment.config.rebuild_key() != config.rebuild_key():
        return Experiment(config, split)
    if experiment.config.drop_probs != config.drop_probs:
        experiment.set_drop_probs(config.drop_probs)
    return experiment
