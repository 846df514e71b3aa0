"""The subnetwork gallery: one card per subnetwork (diagram, decision surface, mu, p(mu)) as HTML with PNGs.

Images are Pillow PNGs rendered at twice their display size, so they stay sharp on a projector; every word and
number is HTML text (14 px or more). Surfaces are drawn by ``surface_image.surface_png``: the Train page's colours.
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import torch
from PIL import Image, ImageDraw

from dropviz.core.grid import Grid
from dropviz.core.model import DropoutMLP
from dropviz.core.subnetworks import Subnetworks
from dropviz.draw import palette
from dropviz.draw.network_figure import format_probability, layout_positions
from dropviz.draw.surface_image import png_data_uri, surface_png
from dropviz.i18n import t

CARD_PX = 210  # image width in pixels; shown about half as wide, so twice as sharp
DIAGRAM_HEIGHT_PX = 112
ENSEMBLE_PX = 480
SUPERSAMPLE = 3  # the diagram is drawn this much larger and shrunk: smooth lines without antialiasing support
COLUMNS = 8  # cards per row; half as many when a card would be narrower than CARD_MIN_PX
CARD_MIN_PX = 88  # room for "kept 39/66" at 13 px; 8 cards a row still fit 1280 px with the sidebar collapsed
ENSEMBLE_COLUMN_PX = 250  # the mean of the cards, beside them
MAX_MASK_CHARS = 10  # longer masks do not fit a card at 14 px; the card then says how many units are kept
MAX_EDGE_PX = 5.0

Progress = Callable[[float], None]


@dataclass(frozen=True)
class CardImages:
    diagram: bytes
    surface: bytes


def _png(image: Image.Image) -> bytes:
    """PNG with a 64-colour palette: a diagram has few colours, and this makes it several times smaller."""
    image = image.quantize(colors=64, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=1)
    return out.getvalue()


def _unit_pixels(layer_sizes: Sequence[int], width: int, height: int, radius: float) -> list[np.ndarray]:
    """Pixel centres of every unit, layer by layer (same layout as the Masks page's diagram)."""
    margin = radius + 0.04 * height
    n_layers = len(layer_sizes)
    pixels = []
    for pos in layout_positions(layer_sizes):
        px = margin + pos[:, 0] / max(n_layers - 1, 1) * (width - 2 * margin)
        py = height / 2 - pos[:, 1] * (height / 2 - margin)
        pixels.append(np.stack([px, py], axis=1))
    return pixels


def _unit_radius(layer_sizes: Sequence[int], height: int) -> float:
    widest = max(layer_sizes)
    spacing = height / max(widest, 1)
    return float(np.clip(0.36 * spacing, 2.0, 0.1 * height))


def diagram_png(model: DropoutMLP, mu: torch.Tensor, width: int = CARD_PX, height: int = DIAGRAM_HEIGHT_PX) -> bytes:
    """The subnetwork of mask ``mu [d]``: kept units and the weights between them; dropped units are not drawn.

    Purple weights are positive, green negative; line width grows with |w| (scaled to the whole net's largest
    weight, so cards compare). Output units are never dropped.
    """
    s = SUPERSAMPLE
    sizes = model.layer_sizes
    kept = np.concatenate([np.asarray(mu, dtype=np.float32) > 0.5, np.ones(sizes[-1], dtype=bool)])
    starts = np.cumsum([0, *sizes])
    radius = _unit_radius(sizes, height) * s
    pixels = _unit_pixels(sizes, width * s, height * s, radius)
    weights = [lin.weight.detach().numpy() for lin in model.linears]
    largest = max(float(np.abs(w).max()) for w in weights) or 1.0
    thin = 0.5 if sum(w.size for w in weights) > 150 else 1.0  # many weights: thinner lines stay readable
    segments = []
    for i, w in enumerate(weights):
        on_in = kept[starts[i] : starts[i + 1]]
        on_out = kept[starts[i + 1] : starts[i + 2]]
        for j, k in zip(*np.nonzero(on_out[:, None] & on_in[None, :])):
            segments.append((abs(w[j, k]), w[j, k] >= 0, pixels[i][k], pixels[i + 1][j]))
    image = Image.new("RGB", (width * s, height * s), "white")
    draw = ImageDraw.Draw(image)
    for magnitude, positive, a, b in sorted(segments, key=lambda seg: seg[0]):  # thick weights on top
        color = palette.POSITIVE_WEIGHT if positive else palette.NEGATIVE_WEIGHT
        line = max(1, round(s * thin * (0.6 + (MAX_EDGE_PX - 0.6) * magnitude / largest)))
        draw.line([tuple(a), tuple(b)], fill=color, width=line)
    for layer, centres in enumerate(pixels):
        for unit, (x, y) in enumerate(centres):
            if kept[starts[layer] + unit]:
                draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=palette.UNIT, outline="white")
    return _png(image.resize((width, height), Image.LANCZOS))


def _grid_image(probs: torch.Tensor, grid: Grid) -> np.ndarray:
    """Probabilities on the grid's points ``[R * R, C]`` as the ``[R, R, C]`` array ``surface_png`` draws."""
    r = grid.resolution
    return probs.detach().reshape(r, r, -1).numpy()


def card_images(
    model: DropoutMLP,
    subnets: Subnetworks,
    grid_probs: torch.Tensor,
    grid: Grid,
    x_train: np.ndarray,
    y_train: np.ndarray,
    progress: Progress | None = None,
) -> list[CardImages]:
    """Diagram and surface PNGs of every subnetwork; ``grid_probs [M, R * R, C]`` from ``subnetworks.surfaces``."""
    cards = []
    for i, mu in enumerate(subnets.masks):
        surface = surface_png(_grid_image(grid_probs[i], grid), grid.extent, x_train, y_train, size=CARD_PX)
        cards.append(CardImages(diagram_png(model, mu), surface))
        if progress is not None:
            progress((i + 1) / len(subnets.masks))
    return cards


def ensemble_png(
    probs: torch.Tensor, grid: Grid, x_train: np.ndarray, y_train: np.ndarray, point: np.ndarray, point_class: int
) -> bytes:
    """The weighted sum of the surfaces, with the training points and the table's test point as a ring."""
    return surface_png(
        _grid_image(probs, grid),
        grid.extent,
        x_train,
        y_train,
        np.asarray(point).reshape(1, 2),
        np.array([point_class]),
        size=ENSEMBLE_PX,
    )


STYLE = """
<style>
.dv-wrap { container-type: inline-size; }
.dv-gallery { display: flex; gap: 14px; align-items: flex-start; }
.dv-cards { flex: 1 1 auto; min-width: 0; display: grid; gap: 6px;
  grid-template-columns: repeat(%(columns)d, minmax(0, 1fr)); }
/* Too narrow for COLUMNS cards of CARD_MIN_PX beside the mean: half as many per row (16 cards: 4 x 4). */
@container (max-width: %(narrow)dpx) { .dv-cards { grid-template-columns: repeat(%(half)d, minmax(0, 1fr)); } }
.dv-card { border: 1px solid #d0d0d0; border-radius: 6px; padding: 3px; background: white;
  font-size: 13px; line-height: 1.3; text-align: center; color: #222; }
.dv-card img { display: block; width: 100%%; height: auto; }
.dv-card .dv-surface { position: relative; margin-top: 2px; }
.dv-card .dv-number { color: #666; margin-right: 0.3em; }
.dv-card .dv-mask { white-space: nowrap; overflow: hidden; }
.dv-card .dv-p { white-space: nowrap; overflow: hidden; }
.dv-card.dv-cut { border: 2px dashed #888; background: #f0f0f0; padding: 2px; }
.dv-card .dv-cut-label { position: absolute; left: 50%%; top: 50%%; transform: translate(-50%%, -50%%);
  background: rgba(255, 255, 255, 0.92); border-radius: 4px; padding: 1px 4px; font-size: 14px;
  line-height: 1.2; color: #222; white-space: nowrap; }
.dv-ensemble { flex: 0 0 %(ensemble)dpx; font-size: 14px; line-height: 1.35; color: #222; }
.dv-ensemble img { display: block; width: 100%%; height: auto; border: 1px solid #d0d0d0; border-radius: 6px; }
.dv-ensemble .dv-ensemble-title { font-weight: 600; font-size: 16px; margin-bottom: 4px; }
.dv-ensemble p { margin: 4px 0 0 0; }
</style>
"""


def _card_html(i: int, subnets: Subnetworks, images: CardImages, lang: str) -> str:
    mask = subnets.mask_text(i)
    kept, d = int(subnets.units_kept[i]), subnets.n_droppable
    p = format_probability(float(subnets.probs[i]))
    shown_mask = mask if len(mask) <= MAX_MASK_CHARS else t("subnet.card.kept", lang, k=kept, d=d)
    linked = bool(subnets.connected[i])
    tooltip = t("subnet.card.tooltip", lang, i=i + 1, mu=mask, p=p, k=kept, d=d)
    if not linked:
        tooltip += " " + t("subnet.card.cut_tooltip", lang)
    cut = "" if linked else f'<span class="dv-cut-label">{html.escape(t("subnet.card.cut", lang))}</span>'
    return (
        f'<div class="dv-card{"" if linked else " dv-cut"}" data-testid="dv-subnet-card" '
        f'data-connected="{int(linked)}" title="{html.escape(tooltip)}">'
        f'<img alt="" src="{png_data_uri(images.diagram)}">'
        f'<div class="dv-surface"><img alt="" src="{png_data_uri(images.surface)}">{cut}</div>'
        f'<div class="dv-mask"><span class="dv-number">{i + 1}</span>{html.escape(shown_mask)}</div>'
        f'<div class="dv-p">p(μ) = {p}</div>'
        "</div>"
    )


def gallery_html(
    subnets: Subnetworks,
    images: Sequence[CardImages],
    ensemble: bytes,
    lang: str = "en",
    point_values: Sequence[str] = (),
    method: str | None = None,
) -> str:
    """The cards in rows of up to COLUMNS, most units kept first, and the weighted sum of their surfaces beside them.

    ``point_values``: the mean at the test point, one line per class ("p(y = 0 | x) = 0.7956 ± 0.0745"; a ± says
    the mean is a sample's, and the panel then says what the ± is). ``method``: the name of the training noise when
    it is not dropout (the Inference page then averages over that noise, not over these masks).
    """
    if len(images) != len(subnets.masks):
        raise ValueError(f"need one CardImages per subnetwork: {len(subnets.masks)}, got {len(images)}")
    n = len(images)
    cards = "".join(_card_html(i, subnets, images[i], lang) for i in range(n))
    kind = "sampled" if subnets.sampled else "listed"
    about = f"subnet.ensemble.{kind}_noise" if method and kind == "listed" else f"subnet.ensemble.{kind}"
    paragraphs = [html.escape(t(about, lang, n=n, method=method))]
    if point_values:
        lines = [html.escape(t("subnet.ensemble.at_point", lang))] + [html.escape(v) for v in point_values]
        if any("±" in v for v in point_values):
            se = "subnet.ensemble.se_noise" if method else "subnet.ensemble.se"
            lines.append(html.escape(t(se, lang, n=n, method=method)))
        paragraphs.append("<br>".join(lines))
    else:
        paragraphs.append(html.escape(t("subnet.ensemble.point", lang)))
    aside = (
        '<div class="dv-ensemble" data-testid="dv-ensemble">'
        f'<div class="dv-ensemble-title">{html.escape(t(f"subnet.ensemble.title_{kind}", lang, n=n))}</div>'
        f'<img alt="" src="{png_data_uri(ensemble)}">' + "".join(f"<p>{par}</p>" for par in paragraphs) + "</div>"
    )
    narrow = COLUMNS * CARD_MIN_PX + 6 * (COLUMNS - 1) + 14 + ENSEMBLE_COLUMN_PX
    sizes = {"columns": COLUMNS, "half": COLUMNS // 2, "narrow": narrow, "ensemble": ENSEMBLE_COLUMN_PX}
    gallery = f'<div class="dv-gallery"><div class="dv-cards">{cards}</div>{aside}</div>'
    return STYLE % sizes + f'<div class="dv-wrap">{gallery}</div>'
