"""Looks up user-facing strings (kept in ``dropviz/text/``, one module per page) in English or Korean."""

from __future__ import annotations

from dropviz.text import TEXT

LANGUAGES = ("en", "ko")

__all__ = ["LANGUAGES", "TEXT", "t"]


def t(key: str, lang: str = "en", **values: object) -> str:
    """The string ``key`` in ``lang`` (falling back to English), with ``values`` filled in."""
    if key not in TEXT:
        raise KeyError(f"no text for {key!r}")
    entry = TEXT[key]
    return entry.get(lang, entry["en"]).format(**values)
