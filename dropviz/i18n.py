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
    "fig.layer.drop": {"en": "drop p={drop}<br>keep {keep}", "ko": "드롭 확률 {drop}<br>유지 확률 {keep}"},
    "fig.layer.never_dropped": {"en": "never dropped", "ko": "드롭하지 않음"},
    "fig.net.frame": {"en": "mask {i} of {n}", "ko": "마스크 {i}/{n}"},
    "fig.net.positive": {"en": "positive weight", "ko": "양의 가중치"},
    "fig.net.negative": {"en": "negative weight", "ko": "음의 가중치"},
    "fig.net.dropped": {"en": "dropped unit (μᵢ = 0) and its weights", "ko": "드롭된 유닛 (μᵢ = 0)과 그 가중치"},
    "fig.net.kept_unit": {"en": "kept (μᵢ = 1)", "ko": "유지됨 (μᵢ = 1)"},
    "fig.net.dropped_unit": {"en": "dropped (μᵢ = 0)", "ko": "드롭됨 (μᵢ = 0)"},
    "fig.net.play": {"en": "Play", "ko": "재생"},
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
    "fig.curves.train": {"en": "{name}: train", "ko": "{name}: 학습"},
    "fig.curves.test": {"en": "{name}: test", "ko": "{name}: 테스트"},
    "fig.curves.step": {"en": "training step", "ko": "학습 단계"},
    "fig.curves.loss": {"en": "loss (cross-entropy)", "ko": "손실 (교차 엔트로피)"},
    "fig.curves.accuracy": {"en": "accuracy", "ko": "정확도"},
    # --- app ---
    "nav.home": {
        "en": "Start",
        "ko": "시작",
    },
    "home.title": {
        "en": "dropviz: dropout, seen",
        "ko": "dropviz: 눈으로 보는 드롭아웃",
    },
    "home.intro": {
        "en": "Dropout (Deep Learning, section 7.12) trains a network while randomly switching units off: each minibatch step uses a fresh **mask** that keeps every input unit with probability 0.8 and every hidden unit with probability 0.5 (the book's suggested **drop** probabilities are 0.2 and 0.5). Each mask picks a **subnetwork**, and all subnetworks share one set of weights, so training is a cheap kind of **bagging**. At test time the subnetworks' predictions have to be combined: this app shows how.",
        "ko": "드롭아웃 (Deep Learning 7.12절) 은 유닛을 무작위로 끄면서 신경망을 학습합니다. 미니배치 단계마다 새 **마스크**를 뽑아 입력 유닛은 확률 0.8, 은닉 유닛은 확률 0.5 로 유지합니다 (책이 권하는 **드롭** 확률은 0.2 와 0.5). 마스크마다 **부분 신경망**이 하나 정해지고, 모든 부분 신경망이 가중치 하나를 공유하므로 학습은 비용이 적은 **배깅**이 됩니다. 테스트 때에는 부분 신경망들의 예측을 합쳐야 하는데, 이 앱은 그 방법들을 보여 줍니다.",
    },
    "home.masks": {
        "en": "Watch masks being drawn on the network and count the 2^d subnetworks.",
        "ko": "신경망 위에서 마스크가 뽑히는 모습을 보고 부분 신경망 2^d 개를 세어 봅니다.",
    },
    "home.train": {
        "en": "Train live, with dropout and without, and watch the twin without dropout overfit.",
        "ko": "드롭아웃이 있을 때와 없을 때를 실시간으로 학습하고, 드롭아웃 없는 쌍둥이가 과적합하는 모습을 봅니다.",
    },
    "home.inference": {
        "en": "Compare the arithmetic mean, the geometric mean and weight scaling on one trained net.",
        "ko": "학습된 신경망 하나에서 산술평균, 기하평균, 가중치 스케일링 추론 규칙을 비교합니다.",
    },
    "home.theory": {
        "en": "The formulas, with the current net's numbers filled in.",
        "ko": "수식과, 그 수식에 들어간 현재 신경망의 숫자들.",
    },
    "home.presenting": {
        "en": "Presenting: the sidebar holds every setting (collapse it with « for more room), and the address bar always holds a link that reopens exactly this view. Sliders set **drop** probabilities p; the keep probability is 1 − p.",
        "ko": "발표 팁: 모든 설정은 사이드바에 있고 (« 로 접으면 화면이 넓어집니다), 주소창의 링크를 열면 지금 화면이 그대로 다시 열립니다. 슬라이더는 **드롭** 확률 p 를 정하며, 유지 확률은 1 − p 입니다.",
    },
    "rule.short.arithmetic": {
        "en": "Arithmetic",
        "ko": "산술평균",
    },
    "rule.short.geometric": {
        "en": "Geometric",
        "ko": "기하평균",
    },
    "rule.short.weight_scaled": {
        "en": "Weight scaling",
        "ko": "가중치 스케일링",
    },
    "nav.masks": {
        "en": "Masks",
        "ko": "마스크",
    },
    "nav.train": {
        "en": "Train",
        "ko": "학습",
    },
    "nav.inference": {
        "en": "Inference rules",
        "ko": "추론 규칙",
    },
    "nav.theory": {
        "en": "Theory",
        "ko": "이론",
    },
    "common.layer_drop": {
        "en": "{layer}: drop p = {p:.2f} (keep {keep:.2f})",
        "ko": "{layer}: 드롭 확률 p = {p:.2f} (유지 확률 {keep:.2f})",
    },
    "data.moons": {
        "en": "moons",
        "ko": "반달 (moons)",
    },
    "data.circles": {
        "en": "circles",
        "ko": "동심원 (circles)",
    },
    "data.xor": {
        "en": "XOR",
        "ko": "XOR",
    },
    "data.spiral": {
        "en": "spiral",
        "ko": "나선 (spiral)",
    },
    "data.blobs": {
        "en": "blobs (3 classes)",
        "ko": "군집 (blobs, 3개 클래스)",
    },
    "rule.arithmetic": {
        "en": "Arithmetic mean",
        "ko": "산술평균",
    },
    "rule.geometric": {
        "en": "Geometric mean (normalized)",
        "ko": "기하평균 (정규화)",
    },
    "rule.weight_scaled": {
        "en": "Weight scaling",
        "ko": "가중치 스케일링",
    },
    "side.language": {
        "en": "Language",
        "ko": "언어",
    },
    "side.dropout": {
        "en": "Dropout",
        "ko": "드롭아웃",
    },
    "side.drop_label": {
        "en": "Drop probability p, {layer}",
        "ko": "드롭 확률 p, {layer}",
    },
    "side.drop_help": {
        "en": "Chance that a unit of this layer is dropped (multiplied by 0) in a training step. The keep probability is 1 − p.",
        "ko": "학습 단계마다 이 층의 유닛이 누락될(0이 곱해질) 확률입니다. 유지 확률은 1 − p 입니다.",
    },
    "side.keep_is": {
        "en": "keep probability 1 − p = {keep:.2f}",
        "ko": "유지 확률 1 − p = {keep:.2f}",
    },
    "side.layer_inputs": {
        "en": "inputs",
        "ko": "입력층",
    },
    "side.layer_hidden": {
        "en": "hidden {i}",
        "ko": "은닉층 {i}",
    },
    "side.network": {
        "en": "Network",
        "ko": "신경망",
    },
    "side.hidden_layers": {
        "en": "Hidden layers",
        "ko": "은닉층 수",
    },
    "side.width": {
        "en": "Units per hidden layer",
        "ko": "은닉층당 유닛 수",
    },
    "side.activation": {
        "en": "Hidden activation",
        "ko": "은닉층 활성화 함수",
    },
    "side.data": {
        "en": "Data",
        "ko": "데이터",
    },
    "side.dataset": {
        "en": "Dataset",
        "ko": "데이터셋",
    },
    "side.noise": {
        "en": "Noise (std. dev.)",
        "ko": "노이즈 (표준편차)",
    },
    "side.n_samples": {
        "en": "Number of points (half train, half test)",
        "ko": "점 개수 (절반 학습, 절반 테스트)",
    },
    "side.seed": {
        "en": "Random seed",
        "ko": "난수 시드",
    },
    "side.bad_query": {
        "en": "Some link settings were not understood and were left at their defaults: {keys}",
        "ko": "링크의 일부 설정을 읽지 못해 기본값을 사용했습니다: {keys}",
    },
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
    "train.title": {
        "en": "Training with and without dropout",
        "ko": "드롭아웃이 있을 때와 없을 때의 학습",
    },
    "train.intro": {
        "en": "Left: the net with the dropout probabilities from the sidebar. Right: its **twin**, with the same architecture, data, initial weights and minibatches but no dropout. Both train in lockstep. On a small noisy dataset the twin fits the training points ever more tightly while its test loss climbs.",
        "ko": "왼쪽은 사이드바의 드롭 확률로 학습하는 신경망, 오른쪽은 구조, 데이터, 초기 가중치, 미니배치가 모두 같고 드롭아웃만 없는 **쌍둥이** 신경망입니다. 두 신경망은 같은 단계씩 함께 학습합니다. 작고 노이즈가 많은 데이터에서는 쌍둥이가 학습 데이터에 점점 더 맞춰지면서 테스트 손실이 올라갑니다.",
    },
    "train.play": {
        "en": "Play",
        "ko": "재생",
    },
    "train.pause": {
        "en": "Pause",
        "ko": "일시정지",
    },
    "train.step": {
        "en": "Step",
        "ko": "한 단계",
    },
    "train.reset": {
        "en": "Reset",
        "ko": "초기화",
    },
    "train.speed": {
        "en": "Steps per refresh",
        "ko": "갱신당 학습 단계",
    },
    "train.optimizer_settings": {
        "en": "Optimizer, learning rate, batch size",
        "ko": "옵티마이저, 학습률, 배치 크기",
    },
    "train.optimizer": {
        "en": "Optimizer",
        "ko": "옵티마이저",
    },
    "train.lr": {
        "en": "Learning rate",
        "ko": "학습률",
    },
    "train.batch": {
        "en": "Batch size",
        "ko": "배치 크기",
    },
    "train.rebuild_note": {
        "en": "Changing the network, data, optimizer, learning rate or batch size starts training over; drop probabilities apply at once.",
        "ko": "신경망, 데이터, 옵티마이저, 학습률, 배치 크기를 바꾸면 학습이 처음부터 다시 시작되고, 드롭 확률은 바로 적용됩니다.",
    },
    "train.with_dropout": {
        "en": "With dropout",
        "ko": "드롭아웃 적용",
    },
    "train.no_dropout": {
        "en": "No dropout (twin)",
        "ko": "드롭아웃 없음 (쌍둥이)",
    },
    "train.short_dropout": {
        "en": "dropout",
        "ko": "드롭아웃",
    },
    "train.short_twin": {
        "en": "no dropout",
        "ko": "드롭아웃 없음",
    },
    "train.metrics": {
        "en": "step **{step}** · train acc **{train_acc:.0%}** · test acc **{test_acc:.0%}** · train loss {train_loss:.3f} · test loss **{test_loss:.3f}**",
        "ko": "단계 **{step}** · 학습 정확도 **{train_acc:.0%}** · 테스트 정확도 **{test_acc:.0%}** · 학습 손실 {train_loss:.3f} · 테스트 손실 **{test_loss:.3f}**",
    },
    "train.legend": {
        "en": "Background: class probabilities of the weight-scaled net (saturated = confident, pale = unsure), dark line = decision boundary. Filled dots: training points. Rings: test points.",
        "ko": "배경: 가중치 스케일링한 신경망의 클래스 확률 (진할수록 확신, 옅을수록 불확실), 어두운 선: 결정 경계. 채워진 점: 학습 데이터. 고리: 테스트 데이터.",
    },
    "train.accuracy": {
        "en": "accuracy",
        "ko": "정확도",
    },
    "train.curve_train": {
        "en": "train, {net}",
        "ko": "학습, {net}",
    },
    "train.curve_test": {
        "en": "test, {net}",
        "ko": "테스트, {net}",
    },
    "train.steps": {
        "en": "training step",
        "ko": "학습 단계",
    },
    "train.loss": {
        "en": "cross-entropy loss",
        "ko": "교차 엔트로피 손실",
    },
    "train.diverged": {
        "en": "Training stopped: the loss of the {net} net became NaN or infinite at step {step}. Press Reset, or pick a smaller learning rate, to start again.",
        "ko": "학습이 멈췄습니다: {net} 신경망의 손실이 {step} 단계에서 NaN 또는 무한대가 되었습니다. 초기화를 누르거나 더 작은 학습률을 고르면 다시 시작합니다.",
    },
    "inf.title": {
        "en": "Three inference rules",
        "ko": "세 가지 추론 규칙",
    },
    "inf.intro": {
        "en": "All three rules use the **same trained weights**. The arithmetic mean averages the subnetworks' probabilities; the geometric mean multiplies them (each to the power p(μ)) and renormalizes; weight scaling runs the full net once with every weight scaled by its unit's keep probability.",
        "ko": "세 규칙 모두 **같은 학습된 가중치**를 사용합니다. 산술평균은 부분 신경망들의 확률을 평균하고, 기하평균은 확률을 (각각 p(μ) 제곱하여) 곱한 뒤 정규화하며, 가중치 스케일링 추론 규칙은 각 가중치에 유지 확률을 곱한 전체 신경망을 한 번만 실행합니다.",
    },
    "inf.training_first": {
        "en": "Training the net for {steps} steps first…",
        "ko": "먼저 신경망을 {steps} 단계 학습하는 중…",
    },
    "inf.computing": {
        "en": "Averaging over masks…",
        "ko": "마스크에 대해 평균 내는 중…",
    },
    "inf.exact": {
        "en": "Exact: all {masks} masks with nonzero probability, each weighted by p(μ). Net trained for {steps} steps.",
        "ko": "정확한 계산: 확률이 0이 아닌 마스크 {masks} 개 모두를 p(μ)로 가중했습니다. 신경망은 {steps} 단계 학습되었습니다.",
    },
    "inf.exact_one": {
        "en": "Exact, and trivially so: every drop probability is 0 or 1, so a single mask has nonzero probability and the three rules coincide. Net trained for {steps} steps.",
        "ko": "정확한 계산이며 자명합니다: 모든 드롭 확률이 0 또는 1이라 확률이 0이 아닌 마스크가 하나뿐이므로 세 규칙이 같습니다. 신경망은 {steps} 단계 학습되었습니다.",
    },
    "inf.monte_carlo": {
        "en": "Monte Carlo estimate from {n} sampled masks: 2^{d} masks × {points} points is too many to enumerate here. Use fewer or narrower hidden layers (or drop probabilities of 0 or 1) for the exact answer. Net trained for {steps} steps.",
        "ko": "몬테카를로 추정 (마스크 {n} 개 표본): 마스크 2^{d} 개 × 점 {points} 개는 여기서 모두 계산하기에 너무 많습니다. 은닉층을 줄이거나 좁히면 (또는 드롭 확률을 0이나 1로 두면) 정확한 값을 볼 수 있습니다. 신경망은 {steps} 단계 학습되었습니다.",
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
        "en": "Probability of class {c} under each rule",
        "ko": "규칙별 클래스 {c} 확률",
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
        "en": "Total variation between two rules at each point: half the sum over classes y of |p_a(y|x) − p_b(y|x)|; one colour scale for all three maps.",
        "ko": "각 점에서 두 규칙 사이의 총변동 거리: 클래스 y 에 대한 |p_a(y|x) − p_b(y|x)| 합의 절반. 세 그림이 한 색 척도를 씁니다.",
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
    "inf.table_caption": {
        "en": "Gaps are over the {grid} grid (|Δp| is the largest per-class gap at a point); accuracies over the {n} test points.",
        "ko": "차이는 {grid} 격자에서 계산했고 (|Δp| 는 한 점에서 클래스별 차이의 최댓값), 정확도는 테스트 점 {n} 개에서 계산했습니다.",
    },
    "theory.title": {
        "en": "Dropout in formulas (7.12)",
        "ko": "수식으로 보는 드롭아웃 (7.12)",
    },
    "theory.bagging_title": {
        "en": "Masks and subnetworks",
        "ko": "마스크와 부분 신경망",
    },
    "theory.bagging": {
        "en": "Unit i is kept with probability kᵢ = 1 − pᵢ, where pᵢ is its layer's **drop** probability, independently of the others. A mask μ picks one of 2^d subnetworks; p(μ) is how often training visits it.",
        "ko": "유닛 i 는 다른 유닛과 독립적으로 확률 kᵢ = 1 − pᵢ 로 유지됩니다 (pᵢ 는 그 층의 **드롭** 확률). 마스크 μ 는 2^d 개의 부분 신경망 중 하나를 고르고, p(μ) 는 학습이 그 부분 신경망을 얼마나 자주 방문하는지를 뜻합니다.",
    },
    "theory.bagging_live": {
        "en": "Current net: d = **{d}**, so there are 2^d = **{count}** subnetworks. p(every unit kept) = {all_kept}; the most likely single mask has p(μ) = {mode}.",
        "ko": "현재 신경망: d = **{d}**, 부분 신경망 2^d = **{count}** 개. p(모든 유닛 유지) = {all_kept}, 가장 가능성 높은 마스크 하나의 p(μ) = {mode}.",
    },
    "theory.arith_title": {
        "en": "Arithmetic mean (the bagging ensemble)",
        "ko": "산술평균 (배깅 앙상블)",
    },
    "theory.arith": {
        "en": "The natural ensemble: average the subnetworks' predictions, each weighted by how likely its mask is. It has 2^d terms, so beyond small nets it can only be estimated by sampling masks.",
        "ko": "가장 자연스러운 앙상블입니다. 각 부분 신경망의 예측을 그 마스크의 확률로 가중하여 평균합니다. 항이 2^d 개이므로 작은 신경망이 아니면 마스크를 표본 추출해 추정할 수밖에 없습니다.",
    },
    "theory.geom_title": {
        "en": "Normalized geometric mean",
        "ko": "정규화된 기하평균",
    },
    "theory.geom": {
        "en": "The book takes the 2^d-th root of the product (uniform masks, p = 0.5); with other drop probabilities each factor gets the exponent p(μ). The result no longer sums to 1 over classes, so it is renormalized. For a softmax output this equals the softmax of the p(μ)-weighted mean logits z(x, μ): the log-sum-exp term is the same for every class and cancels.",
        "ko": "책은 (모든 마스크가 같은 확률인 p = 0.5 경우) 곱의 2^d 제곱근을 씁니다. 다른 드롭 확률에서는 각 항에 p(μ) 지수를 줍니다. 결과의 클래스 합이 1이 아니므로 다시 정규화합니다. 소프트맥스 출력에서는 이것이 p(μ)로 가중 평균한 로짓 z(x, μ) 의 소프트맥스와 같습니다. log-sum-exp 항이 모든 클래스에 같아서 소거되기 때문입니다. (한국어 노트는 이것을 조화평균이라 부르지만 기하평균이 맞습니다.)",
    },
    "theory.ws_title": {
        "en": "Weight scaling inference rule",
        "ko": "가중치 스케일링 추론 규칙",
    },
    "theory.ws_inverted": {
        "en": "With inverted dropout, training multiplies each kept unit by 1/k instead, and the test-time net is the plain one.",
        "ko": "역 드롭아웃에서는 학습할 때 유지된 유닛에 1/k 를 곱하고, 테스트 때에는 원래 신경망을 그대로 씁니다.",
    },
    "theory.ws": {
        "en": "Hinton's rule: run the whole net once, multiplying each unit's outgoing weights by its keep probability. torch (and dropviz) use inverted dropout instead: kept units are divided by k during training, so at test time the plain net is the weight-scaled net. For softmax regression or linear hidden units this equals the normalized geometric mean exactly; with ReLU, tanh or sigmoid units it is an approximation.",
        "ko": "힌튼이 제안한 규칙입니다. 각 유닛에서 나가는 가중치에 유지 확률을 곱한 전체 신경망을 한 번만 실행합니다. torch 와 dropviz 는 역 드롭아웃을 씁니다. 학습할 때 유지된 유닛을 k 로 나누므로 테스트 때에는 원래 신경망이 곧 가중치 스케일링된 신경망입니다. 소프트맥스 회귀나 선형 은닉 유닛에서는 정규화된 기하평균과 정확히 같고, ReLU, tanh, sigmoid 유닛에서는 근사입니다.",
    },
    "theory.live_title": {
        "en": "The three rules at one test point",
        "ko": "테스트 점 하나에서 본 세 규칙",
    },
    "theory.point": {
        "en": "Test point",
        "ko": "테스트 점",
    },
    "theory.live": {
        "en": "At x = ({x0:.2f}, {x1:.2f}), net trained for {steps} steps:",
        "ko": "x = ({x0:.2f}, {x1:.2f}) 에서, {steps} 단계 학습된 신경망:",
    },
    "theory.exact": {
        "en": "exact over {masks} masks.",
        "ko": "마스크 {masks} 개에 대한 정확한 값.",
    },
    "theory.sampled": {
        "en": "Monte Carlo over {n} sampled masks (too many masks to enumerate).",
        "ko": "마스크 {n} 개 표본의 몬테카를로 추정 (모든 마스크를 계산하기에는 너무 많음).",
    },
    "theory.one_mask": {
        "en": "One sampled mask: μ = `{mu}`, p(μ) = {p} (log₁₀ p(μ) = {log}). Even the likeliest masks are rare: training visits only a tiny fraction of the subnetworks.",
        "ko": "뽑은 마스크 하나: μ = `{mu}`, p(μ) = {p} (log₁₀ p(μ) = {log}). 가장 가능성 높은 마스크도 드뭅니다. 학습은 부분 신경망 중 아주 작은 일부만 방문합니다.",
    },
}


def t(key: str, lang: str = "en", **values: object) -> str:
    """The string ``key`` in ``lang`` (falling back to English), with ``values`` filled in."""
    if key not in TEXT:
        raise KeyError(f"no text for {key!r}")
    entry = TEXT[key]
    return entry.get(lang, entry["en"]).format(**values)
