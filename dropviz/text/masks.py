"""The Masks page."""

TEXT: dict[str, dict[str, str]] = {
    "masks.title": {
        "en": "Masks: one subnetwork per step",
        "ko": "마스크: 단계마다 부분 신경망 하나",
    },
    "masks.intro": {
        "en": "Every training step draws a **mask** μ: one 0/1 entry per input and hidden unit. A unit with μᵢ = 0 is dropped for that step, together with all its weights, so the step trains one **subnetwork**. All subnetworks share the same weights: this is bagging with parameter sharing.",
        "ko": "학습 단계마다 **마스크** μ 를 하나 뽑습니다. 입력 유닛과 은닉 유닛마다 0 또는 1 값을 가지며, μᵢ = 0 인 유닛은 그 단계에서 연결된 가중치와 함께 누락됩니다. 그래서 각 단계는 하나의 **부분 신경망**을 학습합니다. 모든 부분 신경망이 가중치를 공유하므로, 드롭아웃은 파라미터를 공유하는 배깅입니다.",
    },
    "masks.units": {
        "en": "Droppable units d",
        "ko": "드롭 가능한 유닛 수 d",
    },
    "masks.subnetworks": {
        "en": "Subnetworks 2^{d}",
        "ko": "부분 신경망 수 2^{d}",
    },
    "masks.subnetworks_help": {
        "en": "Each of the d units is either kept or dropped, so there are 2^d different masks.",
        "ko": "d 개의 유닛이 각각 유지되거나 누락되므로 서로 다른 마스크는 2^d 개입니다.",
    },
    "masks.trained_steps": {
        "en": "Training steps so far",
        "ko": "지금까지 학습 단계",
    },
    "masks.trained_steps_help": {
        "en": "Edge colours and widths show the current weights; train on the Train page to change them.",
        "ko": "간선의 색과 굵기는 현재 가중치를 나타냅니다. 학습 페이지에서 학습하면 바뀝니다.",
    },
    "masks.n_frames": {
        "en": "Masks to sample",
        "ko": "뽑을 마스크 수",
    },
    "masks.frame_ms": {
        "en": "Milliseconds per mask",
        "ko": "마스크당 재생 시간 (ms)",
    },
    "masks.resample": {
        "en": "Draw new masks",
        "ko": "새 마스크 뽑기",
    },
    "masks.how_to_play": {
        "en": "Press Play under the diagram to play the masks in the browser; drag the slider to step through them. Grey hollow units are dropped.",
        "ko": "그림 아래의 재생 버튼을 누르면 브라우저에서 마스크가 재생됩니다. 슬라이더로 한 장씩 넘길 수 있습니다. 회색 빈 원은 누락된 유닛입니다.",
    },
    "masks.frequency_title": {
        "en": "How often was each unit kept?",
        "ko": "각 유닛은 얼마나 자주 유지되었나?",
    },
    "masks.frequency_caption": {
        "en": "Bars: fraction of the {n} sampled masks that kept the unit. Marks: its keep probability 1 − p. With more masks the bars settle on the marks.",
        "ko": "막대: 뽑은 마스크 {n} 개 중 그 유닛을 유지한 비율. 표시: 유지 확률 1 − p. 마스크를 많이 뽑을수록 막대가 표시에 가까워집니다.",
    },
}
