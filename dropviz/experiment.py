"""A dropout net and its no-dropout twin, same data, architecture and seed, trained in lockstep."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

from dropviz.datasets import Split, make_dataset, train_test_split
from dropviz.model import DropoutMLP
from dropviz.training import Trainer


@dataclass(frozen=True)
class ExperimentConfig:
    dataset: str = "moons"
    n_samples: int = 40
    noise: float = 0.35
    seed: int = 0
    hidden_layers: int = 2
    width: int = 16
    activation: str = "relu"
    drop_probs: tuple[float, ...] = (0.2, 0.5, 0.5)
    optimizer: str = "adam"
    lr: float = 0.01
    batch_size: int = 16

    def rebuild_key(self) -> ExperimentConfig:
        """Everything but the drop probabilities: changing any of it starts training over."""
        return replace(self, drop_probs=())


class Experiment:
    """Builds the data split and both trainers; ``step`` advances the two nets by the same steps."""

    _serials = itertools.count()

    def __init__(self, config: ExperimentConfig) -> None:
        self.serial = next(self._serials)  # unique per experiment, unlike id(), which Python reuses
        self.config = config
        data = make_dataset(config.dataset, config.n_samples, config.noise, config.seed)
        self.split: Split = train_test_split(data, 0.5, config.seed)
        sizes = [2] + [config.width] * config.hidden_layers + [data.n_classes]
        self.trainer = self._trainer(DropoutMLP(sizes, config.drop_probs, config.activation, seed=config.seed))
        no_dropout = [0.0] * len(config.drop_probs)
        self.twin = self._trainer(DropoutMLP(sizes, no_dropout, config.activation, seed=config.seed))

    def _trainer(self, model: DropoutMLP) -> Trainer:
        c = self.config
        return Trainer(model, self.split, c.optimizer, c.lr, c.batch_size, seed=c.seed)

    @property
    def model(self) -> DropoutMLP:
        return self.trainer.model

    @property
    def steps_done(self) -> int:
        return self.trainer.steps_done

    def set_drop_probs(self, drop_probs: tuple[float, ...]) -> None:
        """Change the dropout net's drop probabilities without restarting (the twin never drops)."""
        self.model.set_drop_probs(drop_probs)
        self.config = replace(self.config, drop_probs=tuple(drop_probs))

    def step(self, n: int) -> None:
        """Advance both nets ``n`` steps; TrainingDiverged from either propagates."""
        self.trainer.step(n)
        self.twin.step(n)


def sync(experiment: Experiment | None, config: ExperimentConfig) -> Experiment:
    """The experiment for ``config``: the same object when only drop probabilities changed, else a new one."""
    if experiment is None or experiment.config.rebuild_key() != config.rebuild_key():
        return Experiment(config)
    if experiment.config.drop_probs != config.drop_probs:
        experiment.set_drop_probs(config.drop_probs)
    return experiment
