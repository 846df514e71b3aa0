"""Toy 2-D classification sets. Every generator has one signature: ``(n_samples, noise, rng) -> (x, y)``.

Points lie roughly in [-2, 2]^2 so one plotting window fits them all. ``noise`` is the standard deviation of the
Gaussian jitter added to each point, in those units.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dropviz.data.csv_data import from_csv as from_csv  # re-exported: datasets.from_csv

Generator = np.random.Generator


def _moons(n: int, noise: float, rng: Generator) -> tuple[np.ndarray, np.ndarray]:
    y = np.arange(n) % 2
    t = rng.uniform(0, np.pi, n)
    upper = np.stack([np.cos(t) - 0.5, np.sin(t) - 0.25], axis=1)
    lower = np.stack([0.5 - np.cos(t), 0.25 - np.sin(t)], axis=1)
    x = np.where(y[:, None] == 0, upper, lower) * 1.3
    return x + rng.normal(0, noise, x.shape), y


def _circles(n: int, noise: float, rng: Generator) -> tuple[np.ndarray, np.ndarray]:
    y = np.arange(n) % 2
    t = rng.uniform(0, 2 * np.pi, n)
    radius = np.where(y == 0, 1.6, 0.7)
    x = np.stack([np.cos(t), np.sin(t)], axis=1) * radius[:, None]
    return x + rng.normal(0, noise, x.shape), y


def _xor(n: int, noise: float, rng: Generator) -> tuple[np.ndarray, np.ndarray]:
    x = rng.uniform(-1.8, 1.8, (n, 2))
    x = x + np.sign(x) * 0.15  # a small gap along the axes so the clean set is separable
    y = (np.sign(x[:, 0]) != np.sign(x[:, 1])).astype(np.int64)
    return x + rng.normal(0, noise, x.shape), y


def _spiral(n: int, noise: float, rng: Generator) -> tuple[np.ndarray, np.ndarray]:
    y = np.arange(n) % 2
    r = rng.uniform(0.15, 1.0, n)
    angle = 3.5 * np.pi * r + np.pi * y
    x = np.stack([np.cos(angle), np.sin(angle)], axis=1) * (1.8 * r)[:, None]
    return x + rng.normal(0, noise, x.shape), y


def _blobs(n: int, noise: float, rng: Generator) -> tuple[np.ndarray, np.ndarray]:
    """Three Gaussian blobs at the corners of a triangle: the one set with more than two classes."""
    y = np.arange(n) % 3
    centres = np.array([[0.0, 1.2], [-1.1, -0.7], [1.1, -0.7]])
    x = centres[y] + rng.normal(0, 0.35, (n, 2))
    return x + rng.normal(0, noise, x.shape), y


GENERATORS = {"moons": _moons, "circles": _circles, "xor": _xor, "spiral": _spiral, "blobs": _blobs}
N_CLASSES = {"moons": 2, "circles": 2, "xor": 2, "spiral": 2, "blobs": 3}
MIN_SAMPLES = 6


@dataclass(frozen=True)
class Dataset:
    """Points ``x [N, 2]`` (float32) with integer labels ``y [N]``."""

    x: np.ndarray
    y: np.ndarray
    n_classes: int
    name: str


@dataclass(frozen=True)
class Split:
    train: Dataset
    test: Dataset


def make_dataset(name: str, n_samples: int = 200, noise: float = 0.2, seed: int = 0) -> Dataset:
    """A named toy set; the same arguments always give the same points."""
    if name not in GENERATORS:
        raise ValueError(f"unknown dataset {name!r}; choose one of {sorted(GENERATORS)}")
    if int(n_samples) != n_samples or n_samples < MIN_SAMPLES:
        raise ValueError(f"n_samples must be an integer of at least {MIN_SAMPLES}, got {n_samples}")
    if not np.isfinite(noise) or noise < 0:
        raise ValueError(f"noise must be a finite number >= 0, got {noise}")
    x, y = GENERATORS[name](int(n_samples), float(noise), np.random.default_rng(seed))
    return Dataset(x.astype(np.float32), y.astype(np.int64), N_CLASSES[name], name)


def train_test_split(data: Dataset, test_fraction: float = 0.5, seed: int = 0) -> Split:
    """Shuffle and split, keeping at least one point on each side."""
    if not 0.0 < test_fraction < 1.0:
        raise ValueError(f"test_fraction must lie strictly between 0 and 1, got {test_fraction}")
    n = len(data.y)
    order = np.random.default_rng(seed).permutation(n)
    n_test = min(n - 1, max(1, round(n * test_fraction)))
    test, train = order[:n_test], order[n_test:]

    def subset(idx: np.ndarray) -> Dataset:
        return Dataset(data.x[idx], data.y[idx], data.n_classes, data.name)

    return Split(subset(train), subset(test))


# The test set is drawn with its own seed, so changing the number of training points never moves a test point.
TEST_SEED_OFFSET = 7919


def make_split(name: str, n_train: int, n_test: int, noise: float, seed: int = 0) -> Split:
    """Independent training and test sets of one toy distribution (same noise, different draws)."""
    return Split(
        make_dataset(name, n_train, noise, seed),
        make_dataset(name, n_test, noise, seed + TEST_SEED_OFFSET),
    )
