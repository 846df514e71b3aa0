"""Every user-facing string of dropviz, in English and Korean, in one place.

``t(key, lang, **values)`` looks a string up and fills its ``{placeholders}``. Korean uses the seed note's terms:
드롭아웃 (dropout), 마스크 (mask), 배깅 (bagging), 산술평균 (arithmetic mean), 기하평균 (geometric mean),
가중치 스케일링 추론 규칙 (weight scaling inference rule).
"""

from __future__ import annotations

LANGUAGES = ("en", "ko")

TEXT: dict[str, dict[str, str]] = {
    # --- figures (dropviz/*_figure.py, dropviz/surface_image.py) ---
    "fig.layer.inputs": {"en": "inputs", "ko": "입력층"},
    "fig.layer.hidden": {"en": "hidden {i}", "ko": "은닉층 {i}"},
    "fig.layer.outputs": {"en": "outputs", "ko": "출력층"},
    "fig.layer.drop": {"en": "drop p={drop} (keep {keep})", "ko": "드롭 확률 p={drop} (유지 확률 {keep})"},
    "fig.layer.never_dropped": {"en": "never dropped", "ko": "드롭하지 않음"},
    "fig.net.frame": {"en": "mask {i} of {n}", "ko": "마스크 {i}/{n}"},
    "fig.net.positive": {"en": "positive weight", "ko": "양의 가중치"},
    "fig.net.negative": {"en": "negative weight", "ko": "음의 가중치"},
    "fig.net.dropped": {"en": "dropped unit (μᵢ = 0) and its weights", "ko": "드롭된 유닛 (μᵢ = 0)과 그 가중치"},
    "fig.net.kept_unit": {"en": "kept (μᵢ = 1)", "ko": "유지됨 (μᵢ = 1)"},
    "fig.net.dropped_unit": {"en": "dropped (μᵢ = 0)", "ko": "드롭됨 (μᵢ = 0)"},
    "fig.net.play": {"en": "▶ Play", "ko": "▶ 재생"},
    "fig.net.pause": {"en": "❚❚ Pause", "ko": "❚❚ 일시정지"},
    "fig.net.slider": {"en": "mask ", "ko": "마스크 "},
    "fig.keep.title": {
        "en": "How often each unit was kept in {n} masks, against its keep probability",
        "ko": "마스크 {n}개에서 각 유닛이 유지된 비율과 유지 확률",
    },
    "fig.keep.kept": {"en": "kept in frames", "ko": "프레임에서 유지된 비율"},
    "fig.keep.keep_prob": {"en": "keep probability 1 − p", "ko": "유지 확률 1 − p"},
    "fig.keep.xaxis": {"en": "unit", "ko": "유닛"},
    "fig.keep.yaxis": {"en": "fraction kept / keep probability", "ko": "유지된 비율 / 유지 확률"},
    "fig.axis.x1": {"en": "x₁", "ko": "x₁"},
    "fig.axis.x2": {"en": "x₂", "ko": "x₂"},
    "fig.class": {"en": "class {k}", "ko": "클래스 {k}"},
    "fig.rules.colorbar": {"en": "p(class 1 | x)", "ko": "p(클래스 1 | x)"},
    "fig.diff.colorbar": {"en": "total variation ½Σ|Δp|", "ko": "총변동 거리 ½Σ|Δp|"},
    "fig.curves.train": {"en": "{name}: train", "ko": "{name}: 훈련"},
    "fig.curves.test": {"en": "{name}: test", "ko": "{name}: 테스트"},
    "fig.curves.step": {"en": "training step", "ko": "훈련 단계"},
    "fig.curves.loss": {"en": "loss (cross-entropy)", "ko": "손실 (교차 엔트로피)"},
    "fig.curves.accuracy": {"en": "accuracy", "ko": "정확도"},
    # --- app ---
}


def t(key: str, lang: str = "en", **values: object) -> str:
    """The string ``key`` in ``lang`` (falling back to English), with ``values`` filled in."""
    if key not in TEXT:
        raise KeyError(f"no text for {key!r}")
    entry = TEXT[key]
    return entry.get(lang, entry["en"]).format(**values)
