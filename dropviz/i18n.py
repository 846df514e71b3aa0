"""Every user-facing string of dropviz, in English and Korean, in one place.

``t(key, lang, **values)`` looks a string up and fills its ``{placeholders}``. Korean uses the seed note's terms:
드롭아웃 (dropout), 마스크 (mask), 배깅 (bagging), 산술평균 (arithmetic mean), 기하평균 (geometric mean),
가중치 스케일링 추론 규칙 (weight scaling inference rule).
"""

from __future__ import annotations

LANGUAGES = ("en", "ko")

TEXT: dict[str, dict[str, str]] = {
    # --- figures (dropviz/*_figure.py, dropviz/surface_image.py) ---
    # --- app ---
}


def t(key: str, lang: str = "en", **values: object) -> str:
    """The string ``key`` in ``lang`` (falling back to English), with ``values`` filled in."""
    if key not in TEXT:
        raise KeyError(f"no text for {key!r}")
    entry = TEXT[key]
    return entry.get(lang, entry["en"]).format(**values)
