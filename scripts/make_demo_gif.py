"""Renders assets/demo-train.gif with the app's own library: the dropout net and its no-dropout twin training.

Run: python scripts/make_demo_gif.py  (about 20 s). Same defaults as the Train page.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import numpy as np
import torch
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dropviz.core.experiment import Experiment, ExperimentConfig  # noqa: E402
from dropviz.core.grid import make_grid  # noqa: E402
from dropviz.draw.surface_image import surface_png  # noqa: E402

SIZE, STEPS_PER_FRAME, FRAMES = 360, 40, 50


def surface(model, grid, split) -> Image.Image:
    with torch.no_grad():
        probs = torch.softmax(model.eval()(grid.points), dim=-1).numpy()
    model.train()
    r = grid.resolution
    png = surface_png(
        probs.reshape(r, r, -1), grid.extent, split.train.x, split.train.y, split.test.x, split.test.y, size=SIZE
    )
    return Image.open(io.BytesIO(png)).convert("RGB")


def frame(exp: Experiment, grid) -> Image.Image:
    canvas = Image.new("RGB", (2 * SIZE + 30, SIZE + 70), "white")
    draw = ImageDraw.Draw(canvas)
    font = ImageFont.load_default(size=18)
    for i, (trainer, name) in enumerate(((exp.trainer, "with dropout"), (exp.twin, "no dropout"))):
        h = trainer.history
        left = 10 + i * (SIZE + 10)
        canvas.paste(surface(trainer.model, grid, exp.split), (left, 36))
        draw.text((left, 8), f"{name}: test loss {h.test_loss[-1]:.2f}", fill="black", font=font)
    draw.text((10, SIZE + 44), f"step {exp.steps_done}   (drop p: inputs 0.2, hidden 0.5)", fill="black", font=font)
    return canvas


def main() -> None:
    torch.set_num_threads(1)
    exp = Experiment(ExperimentConfig())
    grid = make_grid(np.concatenate([exp.split.train.x, exp.split.test.x]), 50)
    frames = [frame(exp, grid)]
    for _ in range(FRAMES):
        exp.step(STEPS_PER_FRAME)
        frames.append(frame(exp, grid))
    out = ROOT / "assets" / "demo-train.gif"
    out.parent.mkdir(exist_ok=True)
    frames[0].save(out, save_all=True, append_images=frames[1:], duration=120, loop=0, optimize=True)
    print(f"wrote {out} ({out.stat().st_size / 1024:.0f} KiB, {len(frames)} frames)")


if __name__ == "__main__":
    main()
