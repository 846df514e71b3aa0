"""The square grid of inputs on which a 2-D classifier is evaluated to draw its decision surface."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch


@dataclass(frozen=True)
class Grid:
    """A regular ``R x R`` grid; ``points`` is row-major with y as rows.

    So the model's probabilities on ``points`` reshape to ``[R, R, C]`` with row ``i`` at height ``ys[i]``
    (row 0 is the *smallest* y: flip it to draw an image whose top row is the largest y).
    """

    xs: np.ndarray  # [R] increasing
    ys: np.ndarray  # [R] increasing
    points: torch.Tensor  # [R * R, 2] float32: (xs[j], ys[i]) at index i * R + j
    extent: tuple[float, float, float, float]  # (x0, x1, y0, y1)

    @property
    def resolution(self) -> int:
        return len(self.xs)


def make_grid(x: np.ndarray, resolution: int = 60, margin: float = 0.4) -> Grid:
    """A grid over the bounding box of ``x [N, 2]`` plus ``margin``, with the same extent along x and y.

    Using the larger of the two ranges for both axes keeps grid cells square, so the picture is not distorted.
    """
    if int(resolution) != resolution or resolution < 2:
        raise ValueError(f"resolution must be an integer of at least 2, got {resolution}")
    if not np.isfinite(margin) or margin < 0:
        raise ValueError(f"margin must be a finite number >= 0, got {margin}")
    pts = np.asarray(x, dtype=np.float64)
    if pts.ndim != 2 or pts.shape[1] != 2 or len(pts) == 0:
        raise ValueError(f"x must have shape [N, 2] with N >= 1, got {list(pts.shape)}")
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    centre = (lo + hi) / 2
    half = float((hi - lo).max()) / 2 + float(margin)
    if half <= 0:  # a single point and no margin: any window is as good as another
        half = 1.0
    r = int(resolution)
    xs = np.linspace(centre[0] - half, centre[0] + half, r)
    ys = np.linspace(centre[1] - half, centre[1] + half, r)
    gx, gy = np.meshgrid(xs, ys)  # [R(y), R(x)]
    points = torch.from_numpy(np.stack([gx.ravel(), gy.ravel()], axis=1).astype(np.float32))
    return Grid(xs, ys, points, (float(xs[0]), float(xs[-1]), float(ys[0]), float(ys[-1])))
