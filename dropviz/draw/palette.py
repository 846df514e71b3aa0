"""Colour-blind-safe colours (Okabe-Ito) shared by every drawing module, so a class has one colour everywhere."""

from __future__ import annotations

# Okabe & Ito (2008): distinguishable under the common colour-vision deficiencies and on a washed-out projector.
BLUE = "#0072B2"
ORANGE = "#E69F00"
GREEN = "#009E73"
PINK = "#CC79A7"
SKY = "#56B4E9"
VERMILION = "#D55E00"
YELLOW = "#F0E442"

CLASS_HEX: tuple[str, ...] = (BLUE, ORANGE, GREEN, PINK, SKY, VERMILION, YELLOW)

# Weight signs get a pair of their own (ColorBrewer PRGn ends, colour-blind safe), so that blue and orange always
# mean classes: a subnetwork card shows weights right next to a class-coloured surface.
POSITIVE_WEIGHT = "#762A83"  # purple
NEGATIVE_WEIGHT = "#1B7837"  # dark green
UNIT = "#3A3A3A"  # a kept unit
DROPPED_UNIT = "#A0A0A0"  # outline of a dropped unit (hollow)
DROPPED_EDGE = "#DADADA"  # a weight into or out of a dropped unit
OUTLINE = "#222222"  # dark outline that keeps markers visible on light and saturated backgrounds


def class_hex(k: int) -> str:
    """Colour of class ``k``; the palette repeats after seven classes."""
    return CLASS_HEX[int(k) % len(CLASS_HEX)]


def hex_to_rgb(color: str) -> tuple[int, int, int]:
    """``"#RRGGBB"`` as an (r, g, b) tuple of 0-255 ints."""
    c = color.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)
