"""Looks up user-facing strings (kept in ``dropviz/text/``, one module per page) in English or Korean."""

from __future__ import annotations

import re

from dropviz.text import TEXT
from dropviz.text.numbers import SUPERSCRIPT

LANGUAGES = ("en", "ko")

__all__ = ["LANGUAGES", "TEXT", "t"]


def t(key: str, lang: str = "en", **values: object) -> str:
    """The string ``key`` in ``lang`` (falling back to English), with ``values`` filled in."""
    if key not in TEXT:
        raise KeyError(f"no text for {key!r}")
    entry = TEXT[key]
    return _POWER_OF_TWO.sub(_superscript, entry.get(lang, entry["en"]).format(**values))


# "2^{d}" in a table becomes "2^66" once filled in; a room reads it as "2⁶⁶", like the "10¹⁹" beside it.
_POWER_OF_TWO = re.compile(r"(?<![\w.])2\^(\d+)")


def _superscript(match: re.Match) -> str:
    return "2" + match.group(1).translate(SUPERSCRIPT)
