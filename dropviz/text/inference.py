"""The Inference rules page."""

TEXT: dict[str, dict[str, str]] = {
    "inf.title": {
        "en": "Three inference rules",
        "ko": "세 가지 추론 규칙",
    },
    "inf.intro": {
        "en": "All three rules use the **same trained weights**. The arithmetic mean averages the subnetworks' probabilities; the geometric mean multiplies them (each to the power p(μ)) and renormalizes; weight scaling runs the full net once with every weight scaled by its unit's keep probability.",
        "ko": "세 규칙 모두 **학습된 같은 가중치**를 씁니다. 산술평균은 부분 신경망들의 확률을 평균하고, 기하평균은 확률들을 각각 p(μ)제곱해 곱한 뒤 다시 정규화하며, 가중치 스케일링 추론 규칙은 각 가중치에 그 유닛의 유지 확률을 곱한 전체 신경망을 한 번만 실행합니다.",
    },
    "inf.training_first": {
        "en": "Training the net for {steps} steps first…",
        "ko": "먼저 신경망을 {steps}단계 학습하는 중…",
    },
    "inf.computing": {
        "en": "Averaging over masks…",
        "ko": "마스크에 대해 평균 내는 중…",
    },
    "inf.exact": {
        "en": "Exact: all {masks} masks with nonzero probability, each weighted by p(μ). Net trained for {steps} steps.",
        "ko": "정확한 계산: 확률이 0이 아닌 마스크 {masks}개 전부를 p(μ)로 가중평균했습니다. 신경망은 {steps}단계 학습되었습니다.",
    },
    "inf.exact_one": {
        "en": "Exact, and trivially so: every drop probability is 0 or 1, so a single mask has nonzero probability and the three rules coincide. Net trained for {steps} steps.",
        "ko": "정확한 계산이지만 자명한 경우입니다: 모든 드롭 확률이 0 또는 1이라 확률이 0이 아닌 마스크가 하나뿐이므로 세 규칙의 결과가 같습니다. 신경망은 {steps}단계 학습되었습니다.",
    },
    "inf.monte_carlo_gaussian": {
        "en": "Monte Carlo estimate from {n} draws of the Gaussian noise: a continuous noise has no finite list of nets to enumerate, so even the arithmetic and geometric means can only be sampled. Net trained for {steps} steps.",
        "ko": "가우시안 노이즈를 {n}번 뽑아 구한 몬테카를로 추정값: 연속적인 노이즈에는 하나하나 열거할 유한한 신경망 목록이 없어서 산술평균과 기하평균도 표본으로만 추정할 수 있습니다. 신경망은 {steps}단계 학습되었습니다.",
    },
    "inf.monte_carlo_dropconnect": {
        "en": "Monte Carlo estimate from {n} sampled DropConnect weight masks (each weight leaving a unit is kept or dropped on its own; weight masks are sampled here, not enumerated). Net trained for {steps} steps.",
        "ko": "DropConnect 가중치 마스크 {n}개를 뽑아 구한 몬테카를로 추정값(유닛에서 나가는 가중치가 하나하나 따로 유지되거나 드롭됨. 가중치 마스크는 열거하지 않고 표본으로 뽑음). 신경망은 {steps}단계 학습되었습니다.",
    },
    "inf.fixed_noise": {
        "en": "Every drop probability is 0 or 1, so {method} changes nothing (each unit is always kept or always dropped): all {n} draws are the same net and the three rules coincide. Net trained for {steps} steps.",
        "ko": "모든 드롭 확률이 0 또는 1이라 {method}가 아무것도 바꾸지 않습니다(유닛마다 늘 유지되거나 늘 드롭됨). {n}번 뽑은 것이 모두 같은 신경망이므로 세 규칙의 결과가 같습니다. 신경망은 {steps}단계 학습되었습니다.",
    },
    "inf.monte_carlo": {
        "en": "Monte Carlo estimate from {n} sampled masks: 2^{d} masks × {points} points is too many to enumerate here. Use fewer or narrower hidden layers (or drop probabilities of 0 or 1) for the exact answer. Net trained for {steps} steps.",
        "ko": "마스크 {n}개를 뽑아 구한 몬테카를로 추정값: 마스크 2^{d}개 × 점 {points}개는 여기서 모두 계산하기에 너무 많습니다. 은닉층 수나 유닛 수를 줄이면(또는 드롭 확률을 0이나 1로 두면) 정확한 값을 볼 수 있습니다. 신경망은 {steps}단계 학습되었습니다.",
    },
    "inf.class_shown": {
        "en": "Class shown",
        "ko": "표시할 클래스",
    },
    "inf.class_n": {
        "en": "class {c}",
        "ko": "클래스 {c}",
    },
    "inf.surfaces_title": {
        "en": "The class probabilities under each rule",
        "ko": "규칙별 클래스 확률",
    },
    "inf.colorbar": {
        "en": "P(class {c})",
        "ko": "P(클래스 {c})",
    },
    "inf.diff_title": {
        "en": "Where do the rules disagree?",
        "ko": "규칙들은 어디에서 다른가?",
    },
    "inf.diff_caption": {
        "en": "Total variation between two rules at each point: half the sum over classes y of |p_a(y|x) − p_b(y|x)|; one colour scale for all three maps, whose top is the largest gap or 0.05, whichever is larger.",
        "ko": "각 점에서 두 규칙 사이의 총변동 거리: 클래스 y에 대한 |p_a(y|x) − p_b(y|x)| 합의 절반. 세 그림 모두 같은 색 척도를 쓰며, 척도의 맨 위는 가장 큰 차이와 0.05 중 큰 값입니다.",
    },
    "inf.table_title": {
        "en": "How much do they differ?",
        "ko": "얼마나 다른가?",
    },
    "inf.col.pair": {
        "en": "rules",
        "ko": "규칙",
    },
    "inf.col.max": {
        "en": "max |Δp|",
        "ko": "최대 |Δp|",
    },
    "inf.col.mean": {
        "en": "mean |Δp|",
        "ko": "평균 |Δp|",
    },
    "inf.col.kl": {
        "en": "mean KL(first ‖ second), nats",
        "ko": "평균 KL(앞 ‖ 뒤), nat",
    },
    "inf.col.flip": {
        "en": "predicted class differs",
        "ko": "예측 클래스가 다른 비율",
    },
    "inf.test_acc": {
        "en": "Test accuracy, {rule}",
        "ko": "테스트 정확도, {rule}",
    },
    "inf.colour_key": {
        "en": "Colour: each class's colour, fading to white where the rule is undecided (the same colours as on every page). Dots: the training points (the test points are used for the accuracies below). Hover for the probability.",
        "ko": "색: 각 클래스의 색이며, 규칙이 어느 클래스로도 정하지 못한 곳일수록 흰색에 가깝습니다(모든 페이지에서 같은 색). 점: 학습 데이터(테스트 데이터는 아래 정확도 계산에 씁니다). 마우스를 올리면 확률이 보입니다.",
    },
    "inf.standard_error": {
        "en": "± is one standard error of the Monte Carlo estimate ({n} masks, jackknife over {groups} groups of masks).",
        "ko": "± 뒤의 값은 몬테카를로 추정값의 표준오차입니다(마스크 {n}개를 {groups}개 묶음으로 나눈 잭나이프 추정).",
    },
    "inf.standard_error_noise": {
        "en": "± is one standard error of the Monte Carlo estimate ({n} draws of {method}, jackknife over {groups} groups of draws).",
        "ko": "± 뒤의 값은 몬테카를로 추정값의 표준오차입니다({method}를 {n}번 뽑은 것을 {groups}개 묶음으로 나눈 잭나이프 추정).",
    },
    "inf.table_caption": {
        "en": "Gaps are over the {grid} grid (|Δp| is the largest per-class gap at a point); accuracies over the {n} test points.",
        "ko": "차이는 {grid} 격자에서 계산했고(|Δp|는 한 점에서 클래스별 차이의 최댓값), 정확도는 테스트 점 {n}개에서 계산했습니다.",
    },
}
