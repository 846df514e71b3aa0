"""Navigation, sidebar, rule names and data set names: shared by every page."""

TEXT: dict[str, dict[str, str]] = {
    "common.replaying": {
        "en": "Replaying the training in this link ({steps} steps, same seed, same batches, same masks)…",
        "ko": "링크에 담긴 학습을 재현하는 중({steps}단계, 같은 시드, 같은 미니배치, 같은 마스크)…",
    },
    "common.stretch": {
        "en": "steps {a}–{b} with drop {probs}",
        "ko": "{a}–{b}단계(드롭 확률 {probs})",
    },
    "common.trained_with": {
        "en": "This net was trained with other drop probabilities than it is shown with: {stretches}. Now shown with drop {now} (inputs / hidden layers).",
        "ko": "이 신경망은 지금 보여 주는 것과 다른 드롭 확률로 학습되었습니다: {stretches}. 지금 보여 주는 드롭 확률(입력층 / 은닉층)은 {now}입니다.",
    },
    "common.figure_failed": {
        "en": "This figure could not be drawn (its script did not load): reload the page.",
        "ko": "그림을 그리지 못했습니다(스크립트를 불러오지 못함). 페이지를 새로 고쳐 주세요.",
    },
    "nav.beyond": {"en": "Beyond the book", "ko": "책 너머"},
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
    "method.short.bernoulli": {"en": "dropout", "ko": "드롭아웃"},
    "method.short.gaussian": {"en": "Gaussian noise", "ko": "가우시안 노이즈"},
    "method.short.dropconnect": {"en": "DropConnect", "ko": "DropConnect"},
    "side.method_help": {
        "en": "Multiplying a unit by 0 is one way of many. Gaussian dropout multiplies every unit by noise of mean 1 and variance p/(1−p) (Srivastava et al. 2014); DropConnect drops each weight leaving a unit with that unit's p (Wan et al. 2013). All three keep the expected value, so weight scaling is the plain net for each. Changing it starts training over.",
        "ko": "유닛에 0을 곱하는 것은 여러 방법 중 하나일 뿐입니다. 가우시안 드롭아웃은 모든 유닛에 평균 1, 분산 p/(1−p)인 노이즈를 곱하고(Srivastava 외 2014), DropConnect는 유닛에서 나가는 가중치를 하나하나 따로 그 유닛의 드롭 확률 p로 드롭합니다(Wan 외 2013). 세 방법 모두 기댓값을 바꾸지 않으므로, 어느 방법에서든 가중치 스케일링은 원래 신경망 그대로입니다. 방법을 바꾸면 학습을 처음부터 다시 시작합니다.",
    },
    "side.present": {
        "en": "Presenter mode",
        "ko": "발표 모드",
    },
    "side.present_help": {
        "en": "For a projector: hides the sidebar and the explanations, so each page's key figure fits the first screen. Also in the link (present=1).",
        "ko": "프로젝터용: 사이드바와 설명 문단을 숨겨 각 페이지의 핵심 그림이 첫 화면에 들어오게 합니다. 링크에도 담깁니다(present=1).",
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
        "ko": "{layer}의 드롭 확률 p",
    },
    "side.drop_help": {
        "en": "Chance that a unit of this layer is dropped (multiplied by 0) in a training step. The keep probability is 1 − p.",
        "ko": "학습 단계마다 이 층의 유닛이 드롭될(0이 곱해질) 확률입니다. 유지 확률은 1 − p입니다.",
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
        "ko": "정규화한 기하평균",
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
        "ko": "군집 (blobs, 클래스 3개)",
    },
    "data.upload": {"en": "Your CSV", "ko": "내 CSV 파일"},
    "side.upload": {"en": "CSV file with columns x1,x2,label", "ko": "x1,x2,label 열이 있는 CSV 파일"},
    "side.upload_help": {
        "en": "A header row x1,x2,label, then one point per row: two numbers and a whole-number label from 0 to 9 (labels 0, 1, …, each used). 4 to 5,000 points, at most 2 MB. Half of each class is held out as the test set (which half depends on the random seed). The file stays in your session: nobody else sees it.",
        "ko": "첫 행은 머리글 x1,x2,label이고, 그다음 행마다 점 하나를 적습니다: 숫자 두 개와 0–9 사이의 정수 레이블(0, 1, …처럼 0부터 빠짐없이 사용). 점 4–5,000개, 최대 2 MB. 클래스마다 절반을 테스트 데이터로 떼어 둡니다(어느 절반인지는 난수 시드가 정함). 파일은 내 세션에만 남고 다른 사람은 볼 수 없습니다.",
    },
    "side.upload_error": {
        "en": "This file was not used; the previous data stay. {error}",
        "ko": "이 파일은 쓰지 않았고 이전 데이터를 그대로 씁니다. {error}",
    },
    "side.upload_in_use": {
        "en": "In use: {name}, {n} points in {k} classes ({train} for training, {test} for testing)",
        "ko": "사용 중: {name}, 점 {n}개, 클래스 {k}개 (학습 {train}개, 테스트 {test}개)",
    },
    "common.upload_needed": {
        "en": "This view uses data uploaded as a CSV file, and there is none in your session yet. Upload one in the sidebar (Data → Your CSV), or choose a built-in data set. A link keeps the settings and the training, not the file: whoever shared the link has to send the file too.",
        "ko": "이 화면은 CSV 파일로 올린 데이터를 쓰는데, 아직 내 세션에 올린 파일이 없습니다. 사이드바(데이터 → 내 CSV 파일)에서 파일을 올리거나 기본 데이터셋을 고르세요. 링크에는 설정과 학습 기록만 담기고 파일은 담기지 않으므로, 링크를 공유한 사람이 파일도 함께 보내야 합니다.",
    },
    "side.save_restore": {"en": "Save or restore", "ko": "저장 또는 복원"},
    "side.save": {"en": "Save this experiment", "ko": "이 실험 저장"},
    "side.save_help": {
        "en": "Downloads dropviz-experiment.dvz: both nets' weights and optimizer state, the training so far, the settings and the data. Restore it below, on any dropviz, to see and continue exactly this run.",
        "ko": "dropviz-experiment.dvz 파일을 내려받습니다: 두 신경망의 가중치와 옵티마이저 상태, 지금까지의 학습 기록, 설정, 데이터가 담깁니다. 아래에서 복원하면 어느 dropviz에서든 이 실행을 그대로 보고 이어서 학습할 수 있습니다.",
    },
    "side.save_nothing": {
        "en": "Open a page with a net (Masks, Train, …) first: there is nothing to save yet.",
        "ko": "먼저 신경망이 있는 페이지(마스크, 학습 등)를 여세요. 아직 저장할 것이 없습니다.",
    },
    "side.restore": {"en": "Restore an experiment", "ko": "실험 복원"},
    "side.restore_help": {
        "en": "A .dvz file saved with the button above. It replaces the current nets and settings.",
        "ko": "위 버튼으로 저장한 .dvz 파일입니다. 복원하면 현재 신경망과 설정이 이 파일의 것으로 바뀝니다.",
    },
    "side.restore_error": {
        "en": "This file was not restored; nothing changed. {error}",
        "ko": "이 파일은 복원하지 않았고 아무것도 바뀌지 않았습니다. {error}",
    },
    "side.restore_unshowable": {
        "en": "This file was not restored; nothing changed. Its experiment uses {setting}, which the app's controls cannot show.",
        "ko": "이 파일은 복원하지 않았고 아무것도 바뀌지 않았습니다. 이 실험은 앱의 컨트롤로 나타낼 수 없는 설정을 씁니다: {setting}.",
    },
    "side.restored": {
        "en": "Restored: {steps} training steps on {data}.",
        "ko": "복원했습니다: {data} 데이터로 {steps}단계 학습한 실험입니다.",
    },
    "common.gif_make": {"en": "Make a GIF for slides", "ko": "슬라이드용 GIF 만들기"},
    "common.gif_download": {"en": "Download as GIF", "ko": "GIF로 내려받기"},
    "common.gif_making": {"en": "Drawing the GIF…", "ko": "GIF를 그리는 중…"},
    "common.gif_training": {
        "en": "Drawing the GIF: replaying the training, {frames} frames…",
        "ko": "GIF를 그리는 중: 학습을 재현하며 프레임 {frames}장…",
    },
}
