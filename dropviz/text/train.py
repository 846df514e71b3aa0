"""The Train page."""

TEXT: dict[str, dict[str, str]] = {
    "train.title": {
        "en": "Training with and without dropout",
        "ko": "드롭아웃이 있을 때와 없을 때의 학습",
    },
    "train.intro": {
        "en": "Left: the net with the dropout probabilities from the sidebar. Right: its **twin**, with the same architecture, data, initial weights and minibatches but no dropout. Both train in lockstep. On a small noisy dataset the twin fits the training points ever more tightly while its test loss climbs.",
        "ko": "왼쪽은 사이드바의 드롭 확률로 학습하는 신경망, 오른쪽은 구조, 데이터, 초기 가중치, 미니배치가 모두 같고 드롭아웃만 없는 **쌍둥이** 신경망입니다. 두 신경망은 보조를 맞춰 한 단계씩 함께 학습합니다. 작고 노이즈가 많은 데이터에서는 쌍둥이 신경망이 학습 데이터에 점점 더 꼭 맞춰지고, 그러는 동안 테스트 손실은 올라갑니다.",
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
        "en": "+{n} steps",
        "ko": "+{n}단계",
    },
    "train.step_help": {
        "en": "Pause and train both nets {n} steps (the number of steps per refresh).",
        "ko": "일시정지하고 두 신경망을 {n}단계(갱신당 학습 단계 수) 학습합니다.",
    },
    "train.step_one": {
        "en": "+1 step",
        "ko": "+1단계",
    },
    "train.reset": {
        "en": "Reset",
        "ko": "초기화",
    },
    "train.speed": {
        "en": "Steps per refresh",
        "ko": "갱신당 학습 단계 수",
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
    "train.step_limit": {
        "en": "Both nets have trained {steps} steps, the most a shared link can replay. Press Reset to start again.",
        "ko": "두 신경망이 공유 링크로 재현할 수 있는 최대치인 {steps}단계를 학습했습니다. 다시 시작하려면 초기화를 누르세요.",
    },
    "train.net_dropout": {
        "en": "the net with dropout",
        "ko": "드롭아웃을 쓰는 신경망",
    },
    "train.net_twin": {
        "en": "the twin without dropout",
        "ko": "드롭아웃 없는 쌍둥이 신경망",
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
        "en": "step **{step}** · train acc {train_acc:.0%} · test acc {test_acc:.1%} · train loss {train_loss} · test loss **{test_loss}**",
        "ko": "**{step}**단계 · 학습 정확도 {train_acc:.0%} · 테스트 정확도 {test_acc:.1%} · 학습 손실 {train_loss} · 테스트 손실 **{test_loss}**",
    },
    "train.legend": {
        "en": "Background: class probabilities of the weight-scaled net (saturated = confident, white = undecided), dark line = decision boundary. Dots: the training points. The {n_test} test points are not drawn (they would hide the surface); the test figures use them.",
        "ko": "배경: 가중치 스케일링한 신경망의 클래스 확률(진할수록 확신이 크고, 흰색은 어느 쪽으로도 정하지 못한 곳), 어두운 선: 결정 경계. 점: 학습 데이터. 테스트 데이터 {n_test}개는 그리지 않지만(배경을 가리므로) 테스트 수치는 이 점들로 계산합니다.",
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
        "en": "Training stopped for both nets: the loss of {net} blew up (NaN, infinite or over a million) at step {step}. Press Reset, or pick a smaller learning rate, to start again.",
        "ko": "두 신경망 모두 학습을 멈췄습니다. {step}단계에서 {net}의 손실이 발산했습니다(NaN, 무한대 또는 100만 초과). 다시 시작하려면 초기화를 누르거나 더 작은 학습률을 고르세요.",
    },
    "train.pretrained": {
        "en": "Trained {steps} steps already, {by}, to draw its figures: press Reset to watch training from step 0.",
        "ko": "{by} 그림을 그리려고 두 신경망을 이미 {steps}단계 학습시켰습니다. 0단계부터 학습하는 모습을 보려면 초기화를 누르세요.",
    },
    "train.by_page": {"en": "by the {page} page", "ko": "{page} 페이지가"},
    "train.by_another_page": {"en": "by another page", "ko": "다른 페이지가"},
    "train.noise_caps_accuracy": {
        "en": "Noisy data caps accuracy: where the classes overlap, some test points lie on the wrong side of even the best possible boundary, so both nets' test accuracies often stay close.",
        "ko": "노이즈가 많은 데이터에서는 정확도에 한계가 있습니다. 두 클래스가 겹치는 곳에는 가장 좋은 경계로도 틀리는 테스트 점이 있어서, 두 신경망의 테스트 정확도가 비슷하게 유지되는 일이 많습니다.",
    },
    "train.watch_loss": {
        "en": "Test loss also counts how confident each answer is, so it shows overfitting (confident wrong answers) that accuracy misses: it is the number to watch.",
        "ko": "테스트 손실은 답이 얼마나 확신에 차 있는지까지 반영하므로 정확도로는 보이지 않는 과대적합(확신에 찬 오답)을 드러냅니다. 눈여겨볼 수치는 테스트 손실입니다.",
    },
    "train.m_train_acc": {"en": "train accuracy", "ko": "학습 정확도"},
    "train.m_test_acc": {"en": "test accuracy", "ko": "테스트 정확도"},
    "train.m_train_loss": {"en": "train loss", "ko": "학습 손실"},
    "train.m_test_loss": {"en": "test loss", "ko": "테스트 손실"},
    "train.metrics_step": {
        "en": "step **{step}**",
        "ko": "**{step}**단계",
    },
}
