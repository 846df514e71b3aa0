"""Navigation, sidebar, rule names and data set names: shared by every page."""

TEXT: dict[str, dict[str, str]] = {
    "common.replaying": {
        "en": "Replaying the training in this link ({steps} steps, same seed, same batches, same masks)…",
        "ko": "링크에 담긴 학습을 다시 재현하는 중 ({steps}단계, 같은 시드, 같은 배치, 같은 마스크)…",
    },
    "common.stretch": {
        "en": "steps {a}–{b} with drop {probs}",
        "ko": "{a}–{b}단계는 드롭 확률 {probs}",
    },
    "common.trained_with": {
        "en": "This net was trained with other drop probabilities than it is shown with: {stretches}. Now shown with drop {now} (inputs / hidden layers).",
        "ko": "이 신경망은 지금과 다른 드롭 확률로 학습되었습니다: {stretches}. 지금은 드롭 확률 {now} (입력층 / 은닉층)로 보여 줍니다.",
    },
    "nav.subnetworks": {"en": "Subnetworks", "ko": "부분 신경망"},
    "nav.bagging": {"en": "Bagging vs dropout", "ko": "배깅과 드롭아웃"},
    "nav.home": {
        "en": "Start",
        "ko": "시작",
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
    "side.method": {
        "en": "How a unit is dropped",
        "ko": "유닛을 드롭하는 방법",
    },
    "side.method.bernoulli": {"en": "Dropout (× 0 or × 1/keep)", "ko": "드롭아웃 (× 0 또는 × 1/유지 확률)"},
    "side.method.gaussian": {"en": "Gaussian noise (× N(1, p/(1−p)))", "ko": "가우시안 노이즈 (× N(1, p/(1−p)))"},
    "side.method.dropconnect": {"en": "DropConnect (drop weights)", "ko": "DropConnect (가중치를 드롭)"},
    "side.method_help": {
        "en": "Multiplying a unit by 0 is one way of many. Gaussian dropout multiplies every unit by noise of mean 1 and variance p/(1−p) (Srivastava et al. 2014); DropConnect drops each weight leaving a unit with that unit's p (Wan et al. 2013). All three keep the expected value, so weight scaling is the plain net for each. Changing it starts training over.",
        "ko": "유닛에 0을 곱하는 것은 여러 방법 중 하나일 뿐입니다. 가우시안 드롭아웃은 모든 유닛에 평균 1, 분산 p/(1−p)인 노이즈를 곱하고(Srivastava 외 2014), DropConnect는 유닛에서 나가는 가중치를 하나하나 그 유닛의 p로 드롭합니다(Wan 외 2013). 세 방법 모두 기댓값이 같으므로 가중치 스케일링은 어느 경우든 원래 신경망입니다. 바꾸면 학습을 처음부터 다시 합니다.",
    },
    "side.present": {
        "en": "Presenter mode",
        "ko": "발표 모드",
    },
    "side.present_help": {
        "en": "For a projector: hides the sidebar and the explanations, so each page's key figure fits the first screen. Also in the link (present=1).",
        "ko": "프로젝터용: 사이드바와 설명 문단을 숨겨 각 페이지의 핵심 그림이 첫 화면에 들어오게 합니다. 링크에도 담깁니다 (present=1).",
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
        "en": "Training points",
        "ko": "학습 데이터 점 개수",
    },
    "side.n_test": {
        "en": "Test points (drawn separately, never trained on)",
        "ko": "테스트 데이터 점 개수 (따로 뽑으며 학습에 쓰지 않음)",
    },
    "side.seed": {
        "en": "Random seed",
        "ko": "난수 시드",
    },
    "side.bad_query": {
        "en": "Some link settings were not understood and were left at their defaults: {keys}",
        "ko": "링크의 일부 설정을 읽지 못해 기본값을 사용했습니다: {keys}",
    },
    "common.layer_drop": {
        "en": "{layer}: drop p = {p:.2f} (keep {keep:.2f})",
        "ko": "{layer}: 드롭 확률 p = {p:.2f} (유지 확률 {keep:.2f})",
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
}
