"""Strings of the bagging page."""

TEXT: dict[str, dict[str, str]] = {
    "bag.title": {
        "en": "Bagging vs dropout",
        "ko": "배깅과 드롭아웃",
    },
    "bag.intro": {
        "en": "**Bagging:** k separate nets without dropout, each trained on its own **bootstrap resample** (n draws with replacement from the n training points), their probabilities averaged. **Dropout:** **one net** whose subnetworks share its parameters. Same architecture, optimizer, learning rate, batch size and steps.",
        "ko": "**배깅:** 드롭아웃 없는 신경망 k개를 각자의 **부트스트랩 재표본**(학습 데이터 n개에서 복원추출로 n번 뽑은 것)으로 따로 학습하고 확률을 평균합니다. **드롭아웃:** 부분 신경망들이 파라미터를 공유하는 **신경망 하나**를 학습합니다. 두 방법의 구조, 옵티마이저, 학습률, 배치 크기, 단계 수는 같습니다.",
    },
    "bag.k_help": {
        "en": "k, the number of separate nets the bagging ensemble trains and averages, each on its own bootstrap resample.",
        "ko": "k는 배깅 앙상블이 따로 학습해 평균하는 신경망의 수입니다. 각 신경망은 자기만의 부트스트랩 재표본으로 학습합니다.",
    },
    "bag.training": {
        "en": "Training {k} bagging members for {steps} steps each (one batched computation)…",
        "ko": "배깅 모델 {k}개를 각각 {steps}단계 학습하는 중 (한 번의 일괄 계산)…",
    },
    "bag.computing": {
        "en": "Averaging the dropout net over masks…",
        "ko": "드롭아웃 신경망을 마스크에 대해 평균 내는 중…",
    },
    "bag.timing": {
        "en": "Timing one dropout net for {steps} steps…",
        "ko": "드롭아웃 신경망 하나의 {steps}단계 학습 시간을 재는 중…",
    },
    "bag.diverged": {
        "en": "Bagging member {i} diverged at step {step}: its loss is no longer a finite number. Lower the learning rate.",
        "ko": "배깅 모델 {i}의 학습이 {step}단계에서 발산했습니다. 손실이 더 이상 유한한 값이 아닙니다. 학습률을 낮추세요.",
    },
    "bag.head.bagging": {
        "en": "Bagging: mean of k nets",
        "ko": "배깅: 신경망 k개의 평균",
    },
    "bag.head.weight_scaled": {
        "en": "Dropout net: weight scaling",
        "ko": "드롭아웃 신경망: 가중치 스케일링",
    },
    "bag.head.arithmetic": {
        "en": "Dropout net: arithmetic mean over masks",
        "ko": "드롭아웃 신경망: 마스크에 대한 산술평균",
    },
    "bag.sub.bagging": {
        "en": "{k} nets × {params} parameters, {steps} steps each, each on its own resample",
        "ko": "신경망 {k}개 × 파라미터 {params}개, 각각 자기 재표본으로 {steps}단계",
    },
    "bag.sub.weight_scaled": {
        "en": "one net, {params} parameters, {steps} steps; run once, without masks",
        "ko": "신경망 하나, 파라미터 {params}개, {steps}단계, 마스크 없이 한 번 실행",
    },
    "bag.sub.exact": {
        "en": "exact: all {masks} masks, each weighted by p(μ)",
        "ko": "정확한 계산: 마스크 {masks}개 전부를 p(μ)로 가중평균",
    },
    "bag.sub.exact_one": {
        "en": "every drop probability is 0 or 1: one mask, so it equals weight scaling",
        "ko": "드롭 확률이 모두 0 또는 1이라 마스크가 하나뿐이므로 가중치 스케일링과 같음",
    },
    "bag.sub.monte_carlo": {
        "en": "Monte Carlo estimate from {n} sampled masks (2^{d} masks are too many to enumerate)",
        "ko": "마스크 {n}개를 뽑아 구한 몬테카를로 추정값 (마스크 2^{d}개는 모두 계산하기에 너무 많음)",
    },
    "bag.sub.monte_carlo_noise": {
        "en": "Monte Carlo estimate from {n} noise draws ({method}: no finite list of subnetworks)",
        "ko": "노이즈를 {n}번 뽑아 구한 몬테카를로 추정값 ({method}: 하나하나 열거할 수 있는 유한한 부분 신경망 목록이 없음)",
    },
    "bag.scores": {
        "en": "test accuracy **{acc}** · test NLL **{nll}**",
        "ko": "테스트 정확도 **{acc}** · 테스트 NLL **{nll}**",
    },
    "bag.legend": {
        "en": "One colour scale for every picture, as on the Train page: a class colour deepens as its probability grows; the dark line is the decision boundary. Dots: the {n} training points (a member: only those in its resample). Test scores use {n_test} test points, not drawn.",
        "ko": "모든 그림이 학습 페이지와 같은 색 척도를 씁니다: 클래스 확률이 클수록 그 클래스 색이 진해지고, 어두운 선은 결정 경계입니다. 점: 학습 데이터 {n}개(각 배깅 모델 그림에는 그 재표본에 든 점만). 테스트 성능은 그리지 않은 테스트 데이터 {n_test}개로 잽니다.",
    },
    "bag.dropout_is": {
        "en": "Dropout net: {summary}",
        "ko": "드롭아웃 신경망: {summary}",
    },
    "bag.members_title": {
        "en": "The {k} bagging members",
        "ko": "배깅 모델 {k}개",
    },
    "bag.members_caption": {
        "en": "Each member has no dropout and sees only its own bootstrap resample: the dots are the distinct training points it drew (their share of the training set under each picture); the rest it never sees.",
        "ko": "각 모델은 드롭아웃이 없고 자기 부트스트랩 재표본만 봅니다: 점은 그 모델이 뽑은 서로 다른 학습 데이터이고(그림 아래 숫자는 그 점들이 학습 데이터에서 차지하는 비율), 나머지는 한 번도 보지 못합니다.",
    },
    "bag.member_label": {
        "en": "member {i} · {share:.0%}",
        "ko": "모델 {i} · {share:.0%}",
    },
    "bag.table_title": {
        "en": "Cost, data and test scores",
        "ko": "비용, 데이터, 테스트 성능",
    },
    "bag.col.model": {"en": "model", "ko": "모델"},
    "bag.col.params": {"en": "parameters stored", "ko": "저장하는 파라미터 수"},
    "bag.col.steps": {"en": "gradient steps", "ko": "경사 하강 단계 수"},
    "bag.col.time": {"en": "training time", "ko": "학습 시간"},
    "bag.col.acc": {"en": "test accuracy", "ko": "테스트 정확도"},
    "bag.col.nll": {"en": "test NLL (nats)", "ko": "테스트 NLL (nat)"},
    "bag.col.data": {"en": "training data seen", "ko": "학습에 쓰인 데이터"},
    "bag.row.bagging": {
        "en": "bagging ensemble (k = {k})",
        "ko": "배깅 앙상블 (k = {k})",
    },
    "bag.row.member": {
        "en": "bagging member {i}",
        "ko": "배깅 모델 {i}",
    },
    "bag.row.weight_scaled": {
        "en": "dropout net, weight scaling",
        "ko": "드롭아웃 신경망, 가중치 스케일링",
    },
    "bag.row.arithmetic": {
        "en": "dropout net, arithmetic mean",
        "ko": "드롭아웃 신경망, 산술평균",
    },
    "bag.seconds": {
        "en": "{s:.2f} s",
        "ko": "{s:.2f}초",
    },
    "bag.seconds_scaled": {
        "en": "≈ {s:.2f} s",
        "ko": "≈ {s:.2f}초",
    },
    "bag.same_run": {
        "en": "(in the ensemble's run)",
        "ko": "(앙상블 학습에 포함)",
    },
    "bag.data.bagging": {
        "en": "{lo:.0%}–{hi:.0%} of {n} points per member",
        "ko": "모델마다 학습 데이터 {n}개 중 {lo:.0%}–{hi:.0%}",
    },
    "bag.data.member": {
        "en": "{count} of {n} ({share:.0%})",
        "ko": "{n}개 중 {count}개 ({share:.0%})",
    },
    "bag.data.dropout": {
        "en": "all {n} every epoch; {b} ({share:.0%}) per step",
        "ko": "에폭마다 {n}개 전부, 단계마다 {b}개 ({share:.0%})",
    },
    "bag.table_caption": {
        "en": "Times measured on this server on one core: the {k} members train together as one batched computation; the dropout net's time is a fresh copy of it trained {timed} steps{scaled}. On nets this small a step's time is mostly fixed overhead, so k members trained together take far less than k times one net's time; what grows with the net is k × the parameters and k × the gradient steps.",
        "ko": "이 서버의 코어 하나에서 잰 시간입니다: 모델 {k}개는 한 번의 일괄 계산으로 함께 학습하고, 드롭아웃 신경망의 시간은 같은 신경망을 새로 {timed}단계 학습해 잰 값{scaled}입니다. 이렇게 작은 신경망은 한 단계 시간의 대부분이 고정 비용이라, 함께 학습한 모델 k개의 시간은 신경망 하나의 k배보다 훨씬 적습니다. 신경망이 커지면서 함께 커지는 비용은 k배의 파라미터와 k배의 경사 하강 단계입니다.",
    },
    "bag.scaled_note": {
        "en": ", scaled to {steps} steps",
        "ko": "을 {steps}단계로 환산한 것",
    },
    "bag.sampling_title": {
        "en": "Resampling and minibatches",
        "ko": "재표본과 미니배치",
    },
    "bag.sampling": {
        "en": "**Bootstrap:** a resample of n = {n} draws with replacement holds on average 1 − (1 − 1/n)^n = **{expected:.1%}** of the points (1 − 1/e ≈ 63.2% for large n); here the members got {lo:.0%}–{hi:.0%}, mean {mean:.1%}.  \n**Minibatches:** one minibatch of {b} covers {share:.0%} of the training set, and the shuffled minibatches cover every point once per epoch ({n}/{b} = {epoch:g} steps).",
        "ko": "**부트스트랩:** 복원추출로 n = {n}번 뽑은 재표본에 들어가는 점은 평균적으로 데이터의 1 − (1 − 1/n)^n = **{expected:.1%}**(n이 크면 1 − 1/e ≈ 63.2%)입니다. 여기서 각 모델의 재표본에는 {lo:.0%}–{hi:.0%}, 평균 {mean:.1%}가 들어갔습니다.  \n**미니배치:** 크기 {b}의 미니배치 하나는 학습 데이터의 {share:.0%}를 덮고, 섞은 미니배치들은 에폭마다({n}/{b} = {epoch:g}단계) 모든 점을 한 번씩 봅니다.",
    },
    "bag.sampling_masks": {
        "en": "The dropout net drew **{draws}** masks (one per example of each minibatch) among **2^{d} ≈ {subnets}** subnetworks: {per_subnet} draws per subnetwork on average.",
        "ko": "드롭아웃 신경망은 **2^{d} ≈ {subnets}**개의 부분 신경망 가운데 마스크를 **{draws}**번 뽑았습니다(미니배치의 예제마다 하나씩). 부분 신경망 하나당 평균 {per_subnet}번입니다.",
    },
    "bag.sampling_none": {
        "en": "The dropout net has no unit that can vary (every drop probability is 0 or 1), so all its **{draws}** draws gave the same mask: it trained one ordinary net.",
        "ko": "드롭아웃 신경망에는 바뀔 수 있는 유닛이 없으므로(모든 드롭 확률이 0 또는 1) **{draws}**번 뽑은 마스크가 모두 같았습니다. 평범한 신경망 하나를 학습한 것입니다.",
    },
    "bag.sampling_noise": {
        "en": "The dropout net drew **{draws}** samples of {method} (one per example of each minibatch): no finite set of subnetworks, each sample a different version of the one net.",
        "ko": "드롭아웃 신경망은 {method}를 **{draws}**번 뽑았습니다(미니배치의 예제마다 하나씩). 유한한 부분 신경망 집합은 없고, 뽑을 때마다 하나의 신경망이 조금씩 다른 모습이 됩니다.",
    },
    "bag.lesson_none": {
        "en": "**The lesson.** Bagging pays for k separate models: k × the parameters and k × the gradient steps. With every drop probability 0 or 1 the dropout net is one ordinary net, not an ensemble at all: set a drop probability between 0 and 1 to let its subnetworks share its parameters.",
        "ko": "**정리.** 배깅은 모델 k개만큼 비용이 듭니다: 파라미터도 k배, 경사 하강 단계도 k배입니다. 드롭 확률이 모두 0 또는 1이면 드롭아웃 신경망은 앙상블이 아니라 평범한 신경망 하나입니다. 드롭 확률을 0과 1 사이로 두어야 부분 신경망들이 파라미터를 공유합니다.",
    },
    "bag.lesson_noise": {
        "en": "**The lesson.** Bagging pays for k separate models: k × the parameters and k × the gradient steps, each model fitted to its own resample. With {method}, one set of parameters is trained under fresh random noise on each example of each minibatch: the random minibatches of SGD do the work of bagging's resamples.",
        "ko": "**정리.** 배깅은 모델 k개만큼 비용이 듭니다: 파라미터도 k배, 경사 하강 단계도 k배이며, 모델마다 자기 재표본에 맞춰 학습됩니다. {method}에서는 파라미터 한 벌을 미니배치의 예제마다 새로 뽑은 무작위 노이즈 아래에서 학습합니다. 배깅의 재표본이 하던 일은 SGD의 무작위 미니배치가 대신합니다.",
    },
    "bag.lesson": {
        "en": "**The lesson.** Bagging pays for k separate models: k × the parameters and k × the gradient steps, each model fitted to its own resample. Dropout keeps one set of parameters that all 2^{d} subnetworks share, and each step trains a new random subnetwork on each example of the minibatch, {coverage}: the random minibatches of SGD do the work of bagging's resamples.",
        "ko": "**정리.** 배깅은 모델 k개만큼 비용이 듭니다: 파라미터도 k배, 경사 하강 단계도 k배이며, 모델마다 자기 재표본에 맞춰 학습됩니다. 드롭아웃은 2^{d}개의 부분 신경망이 모두 공유하는 파라미터 한 벌만 두고, 매 단계 미니배치의 예제마다 새로운 무작위 부분 신경망을 학습하는데, {coverage}. 배깅의 재표본이 하던 일은 SGD의 무작위 미니배치가 대신합니다.",
    },
    "bag.coverage_rare": {
        "en": "so most subnetworks are never trained and almost none is trained on more than one minibatch",
        "ko": "대부분의 부분 신경망은 한 번도 학습되지 않고, 두 개 이상의 미니배치에서 학습되는 것은 거의 없습니다",
    },
    "bag.coverage_often": {
        "en": "so with this few subnetworks each one is trained on about {per_subnet} examples, spread over many minibatches",
        "ko": "부분 신경망이 이만큼 적으면 각각이 여러 미니배치에 흩어진 예제 약 {per_subnet}개로 학습됩니다",
    },
}
