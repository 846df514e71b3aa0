"""Animated GIFs for slides: the Masks page's animation and a training run, drawn by the library with Pillow.

No browser and no kaleido, so a presenter can download them from any server. Both reuse the app's pictures:
the diagram's layout, labels, edge colours and widths come from ``network_figure``; the surfaces are
``surface_png``, the Train page's colour language. Text is at least 18 px so it reads on a projector. Korean needs
a CJK font (Noto Sans CJK); without one, ``lang="ko"`` draws English labels rather than empty boxes
(``frame_language`` says which language a GIF will use).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image, ImageDraw, ImageFont

from dropviz.core.experiment import MAX_STEPS, Experiment, Segment
from dropviz.core.grid import Grid, make_grid
from dropviz.core.model import DropoutMLP
from dropviz.core.training import TrainingDiverged
from dropviz.data.datasets import Split
from dropviz.draw import palette
from dropviz.draw.network_figure import (
    DROPPED_EDGE_WIDTH,
    EDGE_WIDTHS,
    FULL_OPACITY_EDGES,
    _edges,
    format_mask,
    format_probability,
    layer_labels,
    layout_positions,
)
from dropviz.draw.subnetwork_figure import _unit_radius
from dropviz.draw.surface_image import surface_png
from dropviz.i18n import t
from dropviz.text.numbers import significant

MAX_FRAMES = 60
DEFAULT_SIZE = (960, 540)  # 16:9, sharp on a 1080p slide at half width or full screen
MIN_SIZE, MAX_SIZE = (320, 240), (1920, 1080)
TRAINING_FRAME_MS = 120
UNTRAINED_STEPS = 1_000  # an untrained experiment shows a fresh run this long (replaying it is most of the cost)
GRID_RESOLUTION = 50
FONT_PX = 18
TITLE_PX = 20
PAD = 12
SUPERSAMPLE = 2  # the diagram is drawn twice as large and halved: smooth lines without antialiasing support
SWATCH_PX = 36
MASK_COLORS = 64  # a diagram has few colours; a 64-colour palette looks the same and the GIF is ~15 % smaller
PALETTE_SAMPLES = 4  # frames the shared GIF palette is built from
LATIN_FONTS = (("DejaVuSans.ttf", 0), ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0))
CJK_FONTS = (  # (file, face index): index 1 of Noto's collection is the Korean face
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 1),
    ("NotoSansCJK-Regular.ttc", 1),
    ("/usr/share/fonts/truetype/nanum/NanumGothic.ttf", 0),
)
CJK_LANGUAGES = ("ko",)
WHITE = (255, 255, 255)
TEXT_COLOR = (34, 34, 34)

Progress = Callable[[float], None]


# ---------------------------------------------------------------- fonts


@lru_cache(maxsize=4096)
def _has_glyph(font: ImageFont.FreeTypeFont, ch: str) -> bool:
    """False when ``font`` would draw its 'missing glyph' box for ``ch``."""
    if ch.isspace():
        return True
    missing, mask = font.getmask("\U0010fffd"), font.getmask(ch)
    return mask.size != missing.size or bytes(mask) != bytes(missing)


def _load_font(candidates: Sequence[tuple[str, int]], px: int) -> ImageFont.FreeTypeFont | None:
    for path, index in candidates:
        try:
            return ImageFont.truetype(path, px, index=index)
        except OSError:
            continue
    return None


@dataclass(frozen=True)
class _Typeface:
    """Fonts tried in order for each character, so Korean text can hold μᵢ (which CJK fonts lack)."""

    fonts: tuple[ImageFont.FreeTypeFont, ...]
    lang: str  # the language the text is actually drawn in

    @property
    def ascent(self) -> int:
        return max(f.getmetrics()[0] for f in self.fonts)

    @property
    def line_height(self) -> int:
        return self.ascent + max(f.getmetrics()[1] for f in self.fonts) + 4

    def runs(self, text: str) -> list[tuple[ImageFont.FreeTypeFont, str]]:
        out: list[tuple[ImageFont.FreeTypeFont, str]] = []
        for ch in text:
            font = next((f for f in self.fonts if _has_glyph(f, ch)), self.fonts[0])
            if out and out[-1][0] is font:
                out[-1] = (font, out[-1][1] + ch)
            else:
                out.append((font, ch))
        return out

    def width(self, text: str) -> float:
        return sum(font.getlength(run) for font, run in self.runs(text))

    def draw(self, draw: ImageDraw.ImageDraw, x: float, top: float, text: str, fill=TEXT_COLOR) -> None:
        baseline = top + self.ascent
        for font, run in self.runs(text):
            draw.text((x, baseline), run, font=font, fill=fill, anchor="ls")
            x += font.getlength(run)


@lru_cache(maxsize=16)
def _typeface(lang: str, px: int) -> _Typeface:
    latin = _load_font(LATIN_FONTS, px) or ImageFont.load_default(size=px)
    if lang in CJK_LANGUAGES:
        cjk = _load_font(CJK_FONTS, px)
        if cjk is not None and _has_glyph(cjk, "가"):
            return _Typeface((cjk, latin), lang)
    return _Typeface((latin,), "en")


def frame_language(lang: str) -> str:
    """The language GIF text is drawn in: ``lang``, or "en" when no font can draw it (no CJK font installed)."""
    return _typeface(lang, FONT_PX).lang


# ---------------------------------------------------------------- checks and encoding


def _check_size(size: Sequence[int]) -> tuple[int, int]:
    ok = len(size) == 2 and all(int(v) == v for v in size)
    w, h = (int(v) for v in size) if ok else (0, 0)
    if not (MIN_SIZE[0] <= w <= MAX_SIZE[0] and MIN_SIZE[1] <= h <= MAX_SIZE[1]):
        raise ValueError(f"size must be (width, height) in pixels between {MIN_SIZE} and {MAX_SIZE}, got {size}")
    return w, h


def _check_frames(frames: int) -> int:
    if int(frames) != frames or not 1 <= frames <= MAX_FRAMES:
        raise ValueError(f"a GIF has 1 to {MAX_FRAMES} frames, got {frames}")
    return int(frames)


def _shared_palette(images: Sequence[Image.Image], colors: int) -> Image.Image:
    """One 256-colour palette for every frame: no colour flicker, and a single colour table in the file."""
    picks = sorted({round(i) for i in np.linspace(0, len(images) - 1, min(PALETTE_SAMPLES, len(images)))})
    w, h = images[0].size
    montage = Image.new("RGB", (w, h * len(picks)), WHITE)
    for k, i in enumerate(picks):
        montage.paste(images[i], (0, k * h))
    # Maximum coverage spreads the entries along the surfaces' white-to-class ramps: less banding than an octree.
    return montage.quantize(colors=colors, method=Image.Quantize.MAXCOVERAGE, dither=Image.Dither.NONE)


def encode_gif(images: Sequence[Image.Image], frame_ms: int, colors: int = 256) -> bytes:
    """An endlessly looping GIF of RGB ``images`` (same size), ``frame_ms`` per frame, one shared palette."""
    if not images:
        raise ValueError("a GIF needs at least one frame")
    if int(frame_ms) != frame_ms or not 20 <= frame_ms <= 10_000:
        raise ValueError(f"frame_ms must be a whole number of milliseconds from 20 to 10000, got {frame_ms}")
    if not 2 <= colors <= 256:
        raise ValueError(f"a GIF palette has 2 to 256 colours, got {colors}")
    shared = _shared_palette(images, colors)
    frames = [image.quantize(palette=shared, dither=Image.Dither.NONE) for image in images]
    out = io.BytesIO()
    frames[0].save(
        out, format="GIF", save_all=True, append_images=frames[1:], duration=int(frame_ms), loop=0, optimize=True
    )
    return out.getvalue()


# ---------------------------------------------------------------- masks GIF


@dataclass(frozen=True)
class MaskLayout:
    """Where a masks-GIF frame puts things, in frame pixels."""

    size: tuple[int, int]
    lang: str
    box: tuple[int, int, int, int]  # the diagram's (left, top, right, bottom)
    centres: np.ndarray  # [units, 2] centre of every unit: inputs first, outputs last
    radius: float
    mask_lines: int  # lines the mask vector wraps to under the title's first line
    label_top: int
    legend_top: int


def _layer_label_lines(model: DropoutMLP, lang: str) -> list[list[str]]:
    return [label.split("<br>") for label in layer_labels(model, lang)]


def _mask_lines(mu: Sequence[float], widths: Sequence[int], face: _Typeface, max_width: float) -> list[str]:
    """``μ = [1 0 | 1 1 0 1 | ...]`` wrapped at layer breaks (and inside a layer too long for one line)."""
    groups = format_mask(mu, widths).split(" | ")
    tokens = [("μ = [" if k == 0 else "| ") + g + ("]" if k == len(groups) - 1 else "") for k, g in enumerate(groups)]
    pieces: list[str] = []
    for token in tokens:
        while face.width(token) > max_width:  # tabular digits: where it breaks depends on the length alone
            cut = max(1, int(len(token) * max_width / face.width(token)) - 1)
            pieces.append(token[:cut])
            token = token[cut:]
        pieces.append(token)
    lines = [pieces[0]]
    for piece in pieces[1:]:
        joined = f"{lines[-1]} {piece}"
        if face.width(joined) <= max_width:
            lines[-1] = joined
        else:
            lines.append(piece)
    return lines


def _legend_entries(lang: str) -> list[tuple[str, str]]:
    return [
        ("positive", t("fig.net.positive", lang)),
        ("negative", t("fig.net.negative", lang)),
        ("dropped", t("fig.net.dropped", lang)),
    ]


def _legend_rows(face: _Typeface, lang: str, max_width: float) -> list[list[tuple[str, str, float]]]:
    """Legend entries flowed into rows that fit ``max_width``: (kind, text, x offset)."""
    rows: list[list[tuple[str, str, float]]] = [[]]
    x = 0.0
    for kind, text in _legend_entries(lang):
        width = SWATCH_PX + 8 + face.width(text)
        if rows[-1] and x + width > max_width:
            rows.append([])
            x = 0.0
        rows[-1].append((kind, text, x))
        x += width + 28
    return rows


def mask_layout(model: DropoutMLP, lang: str = "en", size: Sequence[int] = DEFAULT_SIZE) -> MaskLayout:
    """The frame geometry of ``masks_gif``: the same for every frame, so units never move."""
    w, h = _check_size(size)
    face, title = _typeface(lang, FONT_PX), _typeface(lang, TITLE_PX)
    lang = face.lang
    sizes = model.layer_sizes
    n_mask_lines = len(_mask_lines([1.0] * model.n_droppable, model.droppable_widths, title, w - 2 * PAD))
    labels = _layer_label_lines(model, lang)
    legend_top = h - PAD - len(_legend_rows(face, lang, w - 2 * PAD)) * face.line_height
    label_top = legend_top - PAD - max(len(lines) for lines in labels) * face.line_height
    top, bottom = PAD + (1 + n_mask_lines) * title.line_height + PAD // 2, label_top - 4
    if bottom - top < 60:
        raise ValueError(f"a {w}x{h} frame leaves no room for the diagram of a net with {len(sizes)} layers")
    radius = _unit_radius(sizes, bottom - top)
    half_label = [max(face.width(s) for s in lines) / 2 for lines in labels]
    x_first = PAD + max(radius + 2, half_label[0])
    x_last = w - PAD - max(radius + 2, half_label[-1])
    y_mid, y_half = (top + bottom) / 2, (bottom - top) / 2 - radius - 2
    centres = np.concatenate(
        [
            np.stack([x_first + pos[:, 0] / max(len(sizes) - 1, 1) * (x_last - x_first), y_mid - pos[:, 1] * y_half], 1)
            for pos in layout_positions(sizes)
        ]
    )
    return MaskLayout((w, h), lang, (PAD, top, w - PAD, bottom), centres, radius, n_mask_lines, label_top, legend_top)


def _draw_unit(draw: ImageDraw.ImageDraw, x: float, y: float, r: float, kept: bool, scale: int) -> None:
    box = (x - r, y - r, x + r, y + r)
    if kept:
        draw.ellipse(box, fill=palette.UNIT, outline="white", width=scale)
    else:  # white inside: the hole reads as "this unit is not there" on any projector
        ring = max(scale, round(min(2.5, 0.3 * r / scale) * scale))
        draw.ellipse(box, fill=WHITE, outline=palette.DROPPED_UNIT, width=ring)


def _static_mask_frame(model: DropoutMLP, layout: MaskLayout, show_dropped: bool) -> Image.Image:
    """White frame with what never changes: the layer labels under each column and the legend."""
    s = SUPERSAMPLE
    face = _typeface(layout.lang, FONT_PX)
    w, h = layout.size
    big = Image.new("RGB", (w * s, h * s), WHITE)
    big_draw = ImageDraw.Draw(big)
    rows = _legend_rows(face, layout.lang, w - 2 * PAD)
    for r, row in enumerate(rows):
        mid = (layout.legend_top + r * face.line_height + face.line_height / 2) * s
        for kind, _, x in row:
            x0, x1 = (PAD + x) * s, (PAD + x + SWATCH_PX) * s
            color = {"positive": palette.POSITIVE_WEIGHT, "negative": palette.NEGATIVE_WEIGHT}.get(kind)
            if color or show_dropped:
                big_draw.line([(x0, mid), (x1, mid)], fill=color or palette.DROPPED_EDGE, width=(4 if color else 2) * s)
            if color is None:
                _draw_unit(big_draw, (x0 + x1) / 2, mid, 7 * s, kept=False, scale=s)
    frame = big.reduce(s)
    draw = ImageDraw.Draw(frame)
    for r, row in enumerate(rows):
        for _, text, x in row:
            face.draw(draw, PAD + x + SWATCH_PX + 8, layout.legend_top + r * face.line_height, text)
    starts = np.cumsum([0, *model.layer_sizes])
    for layer, lines in enumerate(_layer_label_lines(model, layout.lang)):
        cx = float(layout.centres[starts[layer], 0])
        for k, line in enumerate(lines):
            face.draw(draw, cx - face.width(line) / 2, layout.label_top + k * face.line_height, line)
    return frame


@dataclass(frozen=True)
class _EdgeSet:
    """Every weight as a segment in supersampled diagram pixels, thin ones first (so thick ones end on top)."""

    src: np.ndarray
    dst: np.ndarray
    ends: np.ndarray  # [E, 4] x0, y0, x1, y1
    color: list[tuple[int, int, int, int]]  # RGBA of a kept weight: blue/orange with the app's opacity
    width: np.ndarray  # px of a kept weight
    show_dropped: bool  # faint grey weights of dropped units: only in small nets, else they are a grey fog


def _edge_set(model: DropoutMLP, layout: MaskLayout) -> _EdgeSet:
    s = SUPERSAMPLE
    edges = _edges(model, layout_positions(model.layer_sizes))  # the Masks page's widths, signs and opacity
    order = np.argsort(edges.level, kind="stable")
    src, dst = edges.src[order], edges.dst[order]
    local = (layout.centres - np.array(layout.box[:2])) * s
    alpha = round(255 * edges.opacity)
    colors = [
        (*palette.hex_to_rgb(palette.POSITIVE_WEIGHT if p else palette.NEGATIVE_WEIGHT), alpha)
        for p in edges.positive[order]
    ]
    widths = np.maximum(1, np.rint(np.asarray(EDGE_WIDTHS)[edges.level[order]] * s)).astype(int)
    ends = np.concatenate([local[src], local[dst]], axis=1)
    return _EdgeSet(src, dst, ends, colors, widths, show_dropped=len(src) <= FULL_OPACITY_EDGES)


def _diagram(layout: MaskLayout, edges: _EdgeSet, kept: np.ndarray) -> Image.Image:
    """The net under one mask (``kept [units]``), drawn supersampled and halved to the diagram box."""
    s = SUPERSAMPLE
    left, top, right, bottom = layout.box
    image = Image.new("RGB", ((right - left) * s, (bottom - top) * s), WHITE)
    draw = ImageDraw.Draw(image, "RGBA")  # RGBA fill colours blend: the app's partly transparent weights
    kept_edge = kept[edges.src] & kept[edges.dst]
    dropped_px = max(1, round(DROPPED_EDGE_WIDTH * s))
    for e in np.flatnonzero(~kept_edge) if edges.show_dropped else ():
        draw.line(edges.ends[e].tolist(), fill=palette.DROPPED_EDGE, width=dropped_px)
    for e in np.flatnonzero(kept_edge):
        draw.line(edges.ends[e].tolist(), fill=edges.color[e], width=int(edges.width[e]))
    local = (layout.centres - np.array([left, top])) * s
    for (x, y), on in zip(local, kept):
        _draw_unit(draw, x, y, layout.radius * s, bool(on), s)
    return image.reduce(s)


def _check_masks(model: DropoutMLP, mu_frames: torch.Tensor, frame_probs: torch.Tensor) -> tuple[np.ndarray, list]:
    mu = torch.as_tensor(mu_frames, dtype=torch.float32)
    if mu.dim() == 1:
        mu = mu[None]
    d = model.n_droppable
    if mu.dim() != 2 or mu.shape[1] != d or not 1 <= mu.shape[0] <= MAX_FRAMES:
        raise ValueError(f"mu_frames must have shape [F, {d}] with 1 <= F <= {MAX_FRAMES}, got {list(mu.shape)}")
    probs = torch.as_tensor(frame_probs, dtype=torch.float64).reshape(-1)
    if probs.numel() != mu.shape[0]:
        raise ValueError(f"frame_probs needs one p(mu) per frame: {mu.shape[0]}, got {probs.numel()}")
    return mu.numpy(), probs.tolist()


def mask_frames(
    model: DropoutMLP,
    mu_frames: torch.Tensor,
    frame_probs: torch.Tensor,
    lang: str = "en",
    size: Sequence[int] = DEFAULT_SIZE,
) -> list[Image.Image]:
    """The RGB frames of ``masks_gif``: one per mask row of ``mu_frames [F, d]``."""
    mu, probs = _check_masks(model, mu_frames, frame_probs)
    layout = mask_layout(model, lang, size)
    title = _typeface(layout.lang, TITLE_PX)
    edges = _edge_set(model, layout)
    base = _static_mask_frame(model, layout, edges.show_dropped)
    outputs = np.ones((len(mu), model.layer_sizes[-1]), dtype=bool)
    kept_rows = np.concatenate([mu > 0.5, outputs], axis=1)  # output units are never dropped
    frames = []
    for i, (row, kept, p) in enumerate(zip(mu, kept_rows, probs)):
        frame = base.copy()
        frame.paste(_diagram(layout, edges, kept), layout.box[:2])
        draw = ImageDraw.Draw(frame)
        head = f"{t('fig.net.frame', layout.lang, i=i + 1, n=len(mu))}: p(μ) = {format_probability(p)}"
        lines = [head, *_mask_lines(row.tolist(), model.droppable_widths, title, layout.size[0] - 2 * PAD)]
        for k, line in enumerate(lines):
            title.draw(draw, PAD, PAD + k * title.line_height, line)
        frames.append(frame)
    return frames


def masks_gif(
    model: DropoutMLP,
    mu_frames: torch.Tensor,
    frame_probs: torch.Tensor,
    lang: str = "en",
    frame_ms: int = 900,
    size: Sequence[int] = DEFAULT_SIZE,
) -> bytes:
    """The Masks page's animation as a looping GIF: one frame per mask, ``frame_probs [F]`` holding p(mu).

    Kept units are filled, dropped units hollow grey; kept weights are blue (positive) or orange (negative) with
    width and opacity by |w|, as on the page. The weights of dropped units are faint grey in nets of up to
    FULL_OPACITY_EDGES weights and left out in bigger ones, where a thousand grey lines only fog the picture.
    Layer labels give drop and keep probabilities.
    """
    return encode_gif(mask_frames(model, mu_frames, frame_probs, lang, size), frame_ms, MASK_COLORS)


# ---------------------------------------------------------------- training GIF


@dataclass(frozen=True)
class TrainingLayout:
    """Where a training-GIF frame puts the two surfaces (with dropout left, twin right), in frame pixels."""

    size: tuple[int, int]
    surface_px: int
    lefts: tuple[int, int]
    surface_top: int
    footer_top: int


def training_layout(size: Sequence[int] = DEFAULT_SIZE, lang: str = "en") -> TrainingLayout:
    """The frame geometry of ``training_gif``: two equal square surfaces, as large as the titles leave room for."""
    w, h = _check_size(size)
    header, footer = _typeface(lang, TITLE_PX), _typeface(lang, FONT_PX)
    top = PAD + header.line_height + 4
    px = min((w - 3 * PAD) // 2, h - top - footer.line_height - 2 * PAD)
    left = (w - 2 * px - PAD) // 2
    return TrainingLayout((w, h), px, (left, left + px + PAD), top, top + px + PAD)


@dataclass(frozen=True)
class TrainingFrame:
    """One frame of ``training_gif`` and what it shows: the step, each net's test loss (dropout, twin) and the
    drop probabilities of the last step."""

    step: int
    test_loss: tuple[float, float]
    drop_probs: tuple
    image: Image.Image


def _run_plan(experiment: Experiment, steps: int | None) -> list[Segment]:
    """The stretches of training the GIF replays: the experiment's log (cut or extended to ``steps``).

    An experiment that has not trained shows a fresh run of UNTRAINED_STEPS at its drop probabilities; steps past
    the log continue at its current drop probabilities.
    """
    logged = sum(n for _, n in experiment.log)
    if steps is None:
        steps = logged or UNTRAINED_STEPS
    if int(steps) != steps or not 1 <= steps <= MAX_STEPS:
        raise ValueError(f"steps must be a whole number from 1 to {MAX_STEPS}, got {steps}")
    plan, left = [], int(steps)
    for probs, n in experiment.log:
        if left > 0:
            plan.append((probs, min(n, left)))
            left -= min(n, left)
    if left > 0:
        plan.append((tuple(experiment.config.drop_probs), left))
    return plan


def _frame_steps(total: int, frames: int) -> list[int]:
    """Evenly spaced steps from 0 (the untrained net) to ``total``; one frame shows the end only."""
    if frames == 1:
        return [total]
    return [round(k * total / (frames - 1)) for k in range(frames)]


def _replay_to(fresh: Experiment, plan: Sequence[Segment], target: int) -> None:
    """Train ``fresh`` along ``plan`` until it has taken ``target`` steps, or until it diverged."""
    end = 0
    for probs, n in plan:
        end += n
        if fresh.diverged or fresh.steps_done >= target:
            return
        if fresh.steps_done < end:
            fresh.set_drop_probs(probs)
            try:
                fresh.step(min(end, target) - fresh.steps_done)
            except TrainingDiverged:  # the logged run diverged here too: the remaining frames stop changing
                return


def _surface(model: DropoutMLP, grid: Grid, split: Split, px: int) -> Image.Image:
    """The weight-scaled net's surface with its training points, exactly as the Train page colours it."""
    with torch.no_grad():  # forward_weight_scaled is eval mode's pass, without touching the module's mode
        probs = torch.softmax(model.forward_weight_scaled(grid.points), dim=-1).numpy()
    r = grid.resolution
    png = surface_png(probs.reshape(r, r, -1), grid.extent, split.train.x, split.train.y, size=px)
    return Image.open(io.BytesIO(png)).convert("RGB")


def _test_loss(model: DropoutMLP, split: Split) -> float:
    """Test cross-entropy of the weight-scaled net: the number the Train page shows (its history's)."""
    with torch.no_grad():
        logits = model.forward_weight_scaled(torch.from_numpy(split.test.x))
        return F.cross_entropy(logits, torch.from_numpy(split.test.y)).item()


def _format_loss(loss: float) -> str:
    return f"{loss:.3f}" if abs(loss) < 1000 else significant(loss)


def _format_drop(drop_probs: Sequence[float | Sequence[float]]) -> str:
    parts = []
    for p in drop_probs:
        values = [float(v) for v in np.ravel(p)]
        lo, hi = min(values), max(values)
        parts.append(f"{lo:.2f}" if hi - lo < 1e-12 else f"{lo:.2f}–{hi:.2f}")
    return " / ".join(parts)


@dataclass(frozen=True)
class _Shot:
    """What one frame shows: both nets (dropout, twin) after ``step`` steps, the last taken with ``drop_probs``."""

    nets: tuple[DropoutMLP, DropoutMLP]
    step: int
    drop_probs: tuple


def _training_frame(
    shot: _Shot, split: Split, grid: Grid, layout: TrainingLayout, total: int, lang: str
) -> TrainingFrame:
    header, footer = _typeface(lang, TITLE_PX), _typeface(lang, FONT_PX)
    lang = header.lang
    frame = Image.new("RGB", layout.size, WHITE)
    draw = ImageDraw.Draw(frame)
    losses = []
    for left, model, name in zip(layout.lefts, shot.nets, ("train.with_dropout", "train.no_dropout")):
        frame.paste(_surface(model, grid, split, layout.surface_px), (left, layout.surface_top))
        losses.append(_test_loss(model, split))
        text = t("gif.net_loss", lang, net=t(name, lang), loss=_format_loss(losses[-1]))
        header.draw(draw, left, PAD, text)
    step = t("gif.step", lang, step=f"{shot.step:,}", total=f"{total:,}")
    drop = t("gif.drop", lang, probs=_format_drop(shot.drop_probs))
    footer.draw(draw, layout.lefts[0], layout.footer_top, f"{step}     {drop}")
    return TrainingFrame(shot.step, (losses[0], losses[1]), tuple(shot.drop_probs), frame)


def _replayed_shots(experiment: Experiment, plan: Sequence[Segment], targets: Sequence[int]) -> Iterator[_Shot]:
    """The run replayed on a fresh copy (training is deterministic, so it passes through the very weights the
    visitor's nets had), stopping at each target step: the way when the trail cannot serve."""
    fresh = Experiment(experiment.config, experiment.split)  # the same data, uploaded or generated
    fresh.trainer.eval_every = fresh.twin.eval_every = MAX_STEPS + 1  # its history is never shown: skip evaluations
    fresh.set_drop_probs(plan[0][0])
    for target in targets:
        _replay_to(fresh, plan, target)
        yield _Shot((fresh.trainer.model, fresh.twin.model), fresh.steps_done, tuple(fresh.model.drop_probs))


def _trail_shots(experiment: Experiment, targets: Sequence[int]) -> Iterator[_Shot]:
    """The waypoints the experiment kept while training (``Experiment.trail``) nearest each target step, and its
    nets as they are now for the last frame: no training at all."""
    scratch = Experiment(experiment.config, experiment.split)
    nets = (scratch.trainer.model, scratch.twin.model)
    for target in targets[:-1]:
        waypoint = experiment.trail.nearest(target)
        nets[0].load_state_dict(waypoint.dropout)
        nets[1].load_state_dict(waypoint.twin)
        nets[0].set_drop_probs(waypoint.drop_probs)
        yield _Shot(nets, waypoint.step, waypoint.drop_probs)
    last_probs = experiment.log[-1][0] if experiment.log else experiment.config.drop_probs
    yield _Shot((experiment.trainer.model, experiment.twin.model), experiment.steps_done, last_probs)


def _can_use_trail(experiment: Experiment, total: int) -> bool:
    return (
        total == experiment.steps_done > 0
        and not experiment.diverged
        and experiment.trail.complete(experiment.steps_done)
    )


def training_frames(
    experiment: Experiment,
    frames: int = 40,
    steps: int | None = None,
    lang: str = "en",
    size: Sequence[int] = DEFAULT_SIZE,
    progress: Progress | None = None,
) -> list[TrainingFrame]:
    """The frames of ``training_gif``; ``experiment`` itself is never changed.

    The frames come from the weights the experiment kept while training (its trail) when they cover the run
    shown, else from a replay of its log. Each frame shows (and draws with) the drop probabilities its last
    training step used.
    """
    frames = _check_frames(frames)
    plan = _run_plan(experiment, steps)
    total = sum(n for _, n in plan)
    layout = training_layout(size, lang)
    grid = make_grid(np.concatenate([experiment.split.train.x, experiment.split.test.x]), GRID_RESOLUTION)
    targets = _frame_steps(total, frames)
    if _can_use_trail(experiment, total):
        shots = _trail_shots(experiment, targets)
    else:
        shots = _replayed_shots(experiment, plan, targets)
    out = []
    for k, shot in enumerate(shots):
        out.append(_training_frame(shot, experiment.split, grid, layout, total, lang))
        if progress is not None:
            progress((k + 1) / frames)
    return out


def training_gif(
    experiment: Experiment,
    frames: int = 40,
    steps: int | None = None,
    lang: str = "en",
    size: Sequence[int] = DEFAULT_SIZE,
    progress: Progress | None = None,
) -> bytes:
    """Both nets side by side (with dropout | without) training, as a looping GIF of ``frames`` frames.

    Shows the experiment's own training so far (or its first ``steps`` steps), from step 0 to the end in even
    slices; an experiment that has not trained shows a fresh run of 2,000 steps at its drop probabilities.
    Draws from the weights kept while training (about 1.5 s for 40 frames); a run they do not cover (a fresh
    run, a restored experiment, the first ``steps`` steps) is replayed: about 1.7 s more per 1,000 steps.
    """
    images = [f.image for f in training_frames(experiment, frames, steps, lang, size, progress)]
    return encode_gif(images, TRAINING_FRAME_MS)


__all__ = [
    "MaskLayout",
    "TrainingFrame",
    "TrainingLayout",
    "encode_gif",
    "frame_language",
    "mask_frames",
    "mask_layout",
    "masks_gif",
    "training_frames",
    "training_gif",
    "training_layout",
]
