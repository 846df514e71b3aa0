"""The weights a training run passed through, kept at evenly spaced steps in bounded memory.

A training GIF shows a run from step 0 to now. Replaying the run costs about 1.7 s per 1,000 steps of the default
net, so 20,000 steps would take half a minute; a trail kept while training costs a copy of the weights every
``stride`` steps instead. The stride doubles whenever the trail is full (every other entry is dropped), so the
entries always sit at 0, stride, 2 * stride, ... and number between ``capacity / 2`` and ``capacity`` (plus step 0).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from dropviz.core.model import DropoutMLP

CAPACITY = 80  # entries at most: after a thinning 40 remain, enough for a 40-frame GIF with no repeated frame


@dataclass(frozen=True)
class Waypoint:
    """Both nets' weights after ``step`` steps, and the drop probabilities that step was taken with."""

    step: int
    drop_probs: tuple
    dropout: dict[str, torch.Tensor]
    twin: dict[str, torch.Tensor]


def _weights(model: DropoutMLP) -> dict[str, torch.Tensor]:
    return {name: value.detach().clone() for name, value in model.state_dict().items()}


class Trail:
    """Waypoints at every ``stride`` steps from step 0; ``complete(steps)`` says whether none is missing."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        if capacity < 2 or capacity % 2:
            raise ValueError(f"capacity must be an even number of at least 2, got {capacity}")
        self.capacity = capacity
        self.stride = 1
        self.waypoints: list[Waypoint] = []

    def record(self, step: int, drop_probs: tuple, dropout: DropoutMLP, twin: DropoutMLP) -> None:
        """Called after every step (and at step 0): keeps the weights when ``step`` is on the stride."""
        if step % self.stride:
            return
        self.waypoints.append(Waypoint(step, tuple(drop_probs), _weights(dropout), _weights(twin)))
        if len(self.waypoints) > self.capacity + 1:
            self.stride *= 2
            self.waypoints = [w for w in self.waypoints if w.step % self.stride == 0]

    def complete(self, steps: int) -> bool:
        """True when there is a waypoint at every multiple of the stride from 0 up to ``steps``: a trail that
        started late (a restored experiment) or missed steps is not, and a GIF then replays the run instead."""
        expected = list(range(0, steps + 1, self.stride))
        return [w.step for w in self.waypoints if w.step <= steps] == expected

    def nearest(self, step: int) -> Waypoint:
        """The waypoint closest to ``step`` (the earlier one on a tie)."""
        if not self.waypoints:
            raise ValueError("the trail is empty")
        return min(self.waypoints, key=lambda w: (abs(w.step - step), w.step))

    def copy(self) -> Trail:
        """An independent trail with the same waypoints (they are never changed, so they are shared)."""
        other = Trail(self.capacity)
        other.stride, other.waypoints = self.stride, list(self.waypoints)
        return other
