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
    "bag.head.arithmetic_noise": {
        "en": "Dropout net: arithmetic mean over noise draws",
        "ko": "드롭아웃 신경망: 노이즈 표본에 대한 산술평균",
    },
    "bag.sub.weight_scaled": {
        "en": "one net, {params} parameters, {steps} steps; run once, without sampling",
        "ko": "신경망 하나, 파라미터 {params}개, {steps}단계, 샘플링 없이 한 번 실행",
    },
    "bag.sub.exact": {
        "en": "exact: all {masks} masks, each weighted by p(μ)",
        "ko": "정확한 계산: 마스크 {masks}개 전부를 p(μ)로 가중평균",
    },
    "bag.sub.exact_one": {
        "en": "no unit can vary (every drop probability is 0 or 1): nothing is random, so this is weight scaling itself",
        "ko": "바뀔 수 있는 유닛이 없어(드롭 확률이 모두 0 또는 1) 무작위인 것이 없으므로 가중치 스케일링과 똑같음",
    },
    "bag.sub.monte_carlo": {
        "en": "Monte Carlo estimate ± standard error from {n} sampled masks (2^{d} masks are too many to enumerate)",
        "ko": "마스크 {n}개를 뽑아 구한 몬테카를로 추정값 ± 표준오차 (마스크 2^{d}개는 모두 계산하기에 너무 많음)",
    },
    "bag.sub.monte_carlo_gaussian": {
        "en": "Monte Carlo estimate ± standard error from {n} noise draws (Gaussian noise is continuous: there are no masks to enumerate)",
        "ko": "노이즈를 {n}번 뽑아 구한 몬테카를로 추정값 ± 표준오차 (가우시안 노이즈는 연속이라 열거할 마스크가 없음)",
    },
    "bag.sub.monte_carlo_dropconnect": {
        "en": "Monte Carlo estimate ± standard error from {n} sampled weight masks (DropConnect masks weights: 2^{w} masks, not enumerated)",
        "ko": "가중치 마스크 {n}개를 뽑아 구한 몬테카를로 추정값 ± 표준오차 (DropConnect는 가중치에 마스크를 씌움: 마스크 2^{w}개는 열거하지 않음)",
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
        "en": "member {i}: {share:.0%}",
        "ko": "모델 {i}: {share:.0%}",
    },
    "bag.table_title": {
        "en": "Cost, data and test scores",
        "ko": "비용, 데이터, 테스트 성능",
    },
    "bag.col.model": {"en": "model", "ko": "모델"},
    "bag.col.params": {"en": "parameters", "ko": "파라미터 수"},
    "bag.col.steps": {"en": "gradient steps", "ko": "경사 하강 단계"},
    "bag.col.time": {"en": "training time", "ko": "학습 시간"},
    "bag.col.acc": {"en": "test accuracy", "ko": "테스트 정확도"},
    "bag.col.nll": {"en": "test NLL", "ko": "테스트 NLL"},
    "bag.col.data": {"en": "data seen", "ko": "학습에 쓴 데이터"},
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
        "en": "dropout net, arithmetic mean ({how})",
        "ko": "드롭아웃 신경망, 산술평균 ({how})",
    },
    "bag.how.one": {"en": "= weight scaling: nothing random", "ko": "= 가중치 스케일링: 무작위 없음"},
    "bag.how.exact": {"en": "exact, {masks} masks", "ko": "정확한 값, 마스크 {masks}개"},
    "bag.how.bernoulli": {"en": "{n} sampled masks", "ko": "마스크 표본 {n}개"},
    "bag.how.gaussian": {"en": "{n} noise draws", "ko": "노이즈 표본 {n}개"},
    "bag.how.dropconnect": {"en": "{n} sampled weight masks", "ko": "가중치 마스크 표본 {n}개"},
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
    "bag.se_note": {
        "en": " NLL is in nats. ± is the Monte Carlo standard error of the dropout net's arithmetic mean: a jackknife over {groups} groups of its {n} draws.",
        "ko": " NLL의 단위는 nat입니다. ±는 드롭아웃 신경망 산술평균의 몬테카를로 표준오차로, 표본 {n}개를 {groups}묶음으로 나눈 잭나이프로 구했습니다.",
    },
    "bag.nats_note": {
        "en": " NLL is in nats.",
        "ko": " NLL의 단위는 nat입니다.",
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
    "bag.method.bernoulli": {"en": "dropout", "ko": "드롭아웃"},
    "bag.method.gaussian": {"en": "Gaussian noise", "ko": "가우시안 노이즈"},
    "bag.method.dropconnect": {"en": "DropConnect", "ko": "DropConnect"},
    "bag.sampling_none": {
        "en": "No unit of the dropout net can vary (every drop probability is 0 or 1), so all **{draws}** draws of {method} gave the same net: it trained one ordinary net, not an ensemble.",
        "ko": "드롭아웃 신경망에는 바뀔 수 있는 유닛이 없으므로(드롭 확률이 모두 0 또는 1) {method} 방식으로 **{draws}**번 뽑아도 매번 같은 신경망이었습니다. 앙상블이 아니라 평범한 신경망 하나를 학습한 것입니다.",
    },
    "bag.sampling_masks": {
        "en": "The dropout net drew **{draws}** masks (one per example of each minibatch) among the **2^{d} {total}** subnetworks (d = {d}: the units whose drop probability is strictly between 0 and 1). {coverage}",
        "ko": "드롭아웃 신경망은 드롭 확률이 0과 1 사이인 유닛 {d}개가 만드는 **2^{d} {total}**개의 부분 신경망 가운데 마스크를 **{draws}**번 뽑았습니다(미니배치의 예제마다 하나씩). {coverage}",
    },
    "bag.sampling_dropconnect": {
        "en": "The dropout net (DropConnect) drew **{draws}** weight masks (one per example of each minibatch) over the **{w}** weights leaving the d = {d} units whose drop probability is strictly between 0 and 1: **2^{w_raw} {total}** possible masks. {coverage}",
        "ko": "드롭아웃 신경망(DropConnect)은 드롭 확률이 0과 1 사이인 유닛 {d}개에서 나가는 가중치 **{w}**개에 가중치 마스크를 **{draws}**번 씌웠습니다(미니배치의 예제마다 하나씩). 가능한 마스크는 **2^{w_raw} {total}**개입니다. {coverage}",
    },
    "bag.sampling_gaussian": {
        "en": "The dropout net drew **{draws}** Gaussian noise vectors (one per example of each minibatch) for the d = {d} units whose drop probability is strictly between 0 and 1: the noise is continuous, so there is no finite set of subnetworks, and no two draws give the same net.",
        "ko": "드롭아웃 신경망은 드롭 확률이 0과 1 사이인 유닛 {d}개에 곱할 가우시안 노이즈를 **{draws}**번 뽑았습니다(미니배치의 예제마다 하나씩). 노이즈가 연속이라 유한한 부분 신경망 집합이 없고, 두 번 뽑아 같은 신경망이 나오는 일도 없습니다.",
    },
    "bag.cover.all": {
        "en": "In expectation every one of them is drawn: the most likely about {hi} times, the least likely about {lo} times.",
        "ko": "기댓값으로 보면 모두 한 번 이상 뽑힙니다. 가장 흔한 것은 약 {hi}번, 가장 드문 것은 약 {lo}번입니다.",
    },
    "bag.cover.uniform": {
        "en": "In expectation each of them is drawn about {hi} times.",
        "ko": "기댓값으로 보면 각각 약 {hi}번씩 뽑힙니다.",
    },
    "bag.cover.missed": {
        "en": "In expectation about {distinct} different ones are among the draws, and the other {never} are never drawn; {most}",
        "ko": "기댓값으로 보면 그중 서로 다른 것은 약 {distinct}개이고, 나머지 약 {never}개는 한 번도 뽑히지 않습니다. {most}",
    },
    "bag.cover.most": {
        "en": "the most likely is drawn about {hi} times.",
        "ko": "가장 흔한 것은 약 {hi}번 뽑힙니다.",
    },
    "bag.cover.most_rare": {
        "en": "even the most likely is drawn less than once on average.",
        "ko": "가장 흔한 것도 평균 한 번이 채 뽑히지 않습니다.",
    },
    "bag.lesson_none": {
        "en": "**The lesson.** Bagging pays for k separate models: k × the parameters and k × the gradient steps. With every drop probability 0 or 1 the dropout net is one ordinary net, not an ensemble at all: set a drop probability strictly between 0 and 1 to make it an ensemble whose members share its parameters.",
        "ko": "**정리.** 배깅은 모델 k개만큼 비용이 듭니다: 파라미터도 k배, 경사 하강 단계도 k배입니다. 드롭 확률이 모두 0 또는 1이면 드롭아웃 신경망은 앙상블이 아니라 평범한 신경망 하나입니다. 드롭 확률을 0과 1 사이로 두어야 파라미터를 공유하는 앙상블이 됩니다.",
    },
    "bag.lesson_gaussian": {
        "en": "**The lesson.** Bagging pays for k separate models: k × the parameters and k × the gradient steps, each model fitted to its own resample. With Gaussian noise, one set of parameters is trained under fresh random noise on each example of each minibatch: the random minibatches of SGD do the work of bagging's resamples.",
        "ko": "**정리.** 배깅은 모델 k개만큼 비용이 듭니다: 파라미터도 k배, 경사 하강 단계도 k배이며, 모델마다 자기 재표본에 맞춰 학습됩니다. 가우시안 노이즈에서는 파라미터 한 벌을 미니배치의 예제마다 새로 뽑은 무작위 노이즈 아래에서 학습합니다. 배깅의 재표본이 하던 일은 SGD의 무작위 미니배치가 대신합니다.",
    },
    "bag.lesson": {
        "en": "**The lesson.** Bagging pays for k separate models: k × the parameters and k × the gradient steps, each model fitted to its own resample. Dropout keeps one set of parameters that all 2^{d} subnetworks share and trains a randomly drawn subnetwork on each example of each minibatch, so {coverage}. The random minibatches of SGD do the work of bagging's resamples.",
        "ko": "**정리.** 배깅은 모델 k개만큼 비용이 듭니다: 파라미터도 k배, 경사 하강 단계도 k배이며, 모델마다 자기 재표본에 맞춰 학습됩니다. 드롭아웃은 2^{d}개의 부분 신경망이 모두 공유하는 파라미터 한 벌만 두고, 미니배치의 예제마다 무작위로 뽑은 부분 신경망을 학습합니다. 그래서 {coverage}. 배깅의 재표본이 하던 일은 SGD의 무작위 미니배치가 대신합니다.",
    },
    "bag.lesson_dropconnect": {
        "en": "**The lesson.** Bagging pays for k separate models: k × the parameters and k × the gradient steps, each model fitted to its own resample. DropConnect keeps one set of parameters that all 2^{w} weight masks share and trains the net under a randomly drawn weight mask on each example of each minibatch, so {coverage}. The random minibatches of SGD do the work of bagging's resamples.",
        "ko": "**정리.** 배깅은 모델 k개만큼 비용이 듭니다: 파라미터도 k배, 경사 하강 단계도 k배이며, 모델마다 자기 재표본에 맞춰 학습됩니다. DropConnect는 가중치 마스크 2^{w}개가 모두 공유하는 파라미터 한 벌만 두고, 미니배치의 예제마다 무작위로 뽑은 가중치 마스크를 씌워 학습합니다. 그래서 {coverage}. 배깅의 재표본이 하던 일은 SGD의 무작위 미니배치가 대신합니다.",
    },
    "bag.coverage_rare": {
        "en": "most of them are never trained at all and get good parameters only by sharing them with the few that are",
        "ko": "대부분은 한 번도 학습되지 않고, 학습되는 소수와 파라미터를 공유하는 덕분에 좋은 값을 얻습니다",
    },
    "bag.coverage_some": {
        "en": "the likelier ones are trained often and some unlikely ones never",
        "ko": "흔한 것은 자주 학습되고, 드문 것 가운데 일부는 한 번도 학습되지 않습니다",
    },
    "bag.coverage_all": {
        "en": "with this few, every one is trained, on examples spread over many minibatches",
        "ko": "이만큼 적으면 모두가 여러 미니배치에 흩어진 예제로 학습됩니다",
    },
}
