"""Every user-facing string, English and Korean: one module per page, plus shared and figure strings.

Each module holds ``TEXT = {key: {"en": ..., "ko": ...}}``; keys start with the page's prefix, so two modules
never define the same key (checked at import). Korean follows the seed note's terms: 드롭아웃 (dropout),
마스크 (mask), 부분 신경망 (subnetwork), 배깅 (bagging), 산술평균 (arithmetic mean), 기하평균 (geometric mean),
가중치 스케일링 추론 규칙 (weight scaling inference rule).
"""

from __future__ import annotations

from dropviz.text import bagging, beyond, common, figures, home, inference, masks, subnetworks, theory, train

MODULES = (figures, common, home, masks, subnetworks, bagging, train, inference, theory, beyond)


def _merge() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for module in MODULES:
        clash = merged.keys() & module.TEXT.keys()
        if clash:
            raise RuntimeError(f"text keys defined twice: {sorted(clash)}")
        merged.update(module.TEXT)
    return merged


TEXT = _merge()
