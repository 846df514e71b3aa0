"""Numbers as a room reads them: "3.47 × 10⁻²⁰", never "3.47e-20" (which a browser may also break at the hyphen)."""

from __future__ import annotations

SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
NO_BREAK = "\u00a0"  # no-break spaces around "×": a line never ends inside a number


def times_ten(mantissa: str, exponent: int) -> str:
    """``mantissa`` × 10 to the ``exponent``, the exponent in superscript digits."""
    return f"{mantissa}{NO_BREAK}×{NO_BREAK}10{str(exponent).translate(SUPERSCRIPT)}"


def significant(value: float, digits: int = 3) -> str:
    """``value`` to ``digits`` significant digits, in powers of ten when it is very small or large."""
    text = f"{value:.{digits}g}"
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    return times_ten(mantissa, int(exponent))
