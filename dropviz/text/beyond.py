"""The "Beyond the book" page: how fast Monte Carlo sampling converges, and Monte Carlo dropout's uncertainty.

What one sample is depends on how a unit is dropped: ``beyond.noun.<noise>`` and its siblings (``sampled``,
``one``, ``nets``, ``on``) are filled into the page's sentences, so that each says masks, noise draws or weight
masks as the net was trained.
"""

TEXT: dict[str, dict[str, str]] = {
    "beyond.title": {
        "en": "Beyond the book: sampling and uncertainty",
        "ko": "책 너머: 표본 추출과 불확실성",
    },
    "beyond.intro": {
        "en": "Two questions the book leaves open. How many {sampled} does a Monte Carlo average need before it is as good as the weight scaling rule (Srivastava et al. 2014, Figure 11)? And where the {nets} disagree, does their disagreement show where the net is unsure (Monte Carlo dropout, Gal and Ghahramani 2016)?",
        "ko": "책이 답하지 않고 남겨 둔 질문 두 가지입니다. 몬테카를로 평균은 {sampled}이 몇 개 있어야 가중치 스케일링 추론 규칙만큼 좋아질까요(Srivastava 외 2014, 그림 11)? 그리고 {nets}의 예측이 서로 다를 때, 그 차이가 신경망이 확신하지 못하는 곳을 보여 줄까요(몬테카를로 드롭아웃, Gal과 Ghahramani 2016)?",
    },
    # --- what one sample is, per way of dropping a unit ----------------------------------------------------------
    "beyond.noun.bernoulli": {"en": "masks", "ko": "마스크"},
    "beyond.noun.gaussian": {"en": "noise draws", "ko": "노이즈"},
    "beyond.noun.dropconnect": {"en": "weight masks", "ko": "가중치 마스크"},
    "beyond.sampled.bernoulli": {"en": "sampled masks", "ko": "마스크 표본"},
    "beyond.sampled.gaussian": {"en": "noise draws", "ko": "노이즈 표본"},
    "beyond.sampled.dropconnect": {"en": "sampled weight masks", "ko": "가중치 마스크 표본"},
    "beyond.one.bernoulli": {"en": "mask", "ko": "마스크"},
    "beyond.one.gaussian": {"en": "noise draw", "ko": "노이즈"},
    "beyond.one.dropconnect": {"en": "weight mask", "ko": "가중치 마스크"},
    "beyond.nets.bernoulli": {"en": "subnetworks", "ko": "부분 신경망들"},
    "beyond.nets.gaussian": {"en": "noisy copies of the net", "ko": "노이즈를 곱한 신경망들"},
    "beyond.nets.dropconnect": {"en": "subnetworks", "ko": "부분 신경망들"},
    "beyond.on.bernoulli": {"en": "dropout", "ko": "드롭아웃을"},
    "beyond.on.gaussian": {"en": "the Gaussian noise", "ko": "가우시안 노이즈를"},
    "beyond.on.dropconnect": {"en": "DropConnect", "ko": "DropConnect를"},
    "beyond.t_label.bernoulli": {"en": "Sampled masks T", "ko": "마스크 표본 수 T"},
    "beyond.t_label.gaussian": {"en": "Noise draws T", "ko": "노이즈 표본 수 T"},
    "beyond.t_label.dropconnect": {"en": "Sampled weight masks T", "ko": "가중치 마스크 표본 수 T"},
    # --- progress -------------------------------------------------------------------------------------------------
    "beyond.sampling": {
        "en": "Sampling {repeats} × {k_max} {noun} and comparing them with the reference…",
        "ko": "{noun} 표본 {repeats} × {k_max}개를 뽑아 기준값과 비교하는 중…",
    },
    "beyond.mc_computing": {
        "en": "Running {t} {sampled} over the plane…",
        "ko": "{sampled} {t}개로 평면 전체를 계산하는 중…",
    },
    # --- 1. convergence -------------------------------------------------------------------------------------------
    "beyond.conv_title": {
        "en": "1. How many {noun} until sampling is as good as weight scaling?",
        "ko": "1. {noun}를 몇 개 뽑아야 가중치 스케일링만큼 좋아질까?",
    },
    "beyond.reference_exact": {
        "en": "Reference: the exact arithmetic and geometric means over all {masks} masks with nonzero probability. {repeats} repeats of {k_max} sampled masks; net trained for {steps} steps.",
        "ko": "기준값: 확률이 0이 아닌 마스크 {masks}개 전체에 대한 정확한 산술평균과 기하평균. 마스크 표본 {k_max}개를 {repeats}번 반복해 뽑았고, 신경망은 {steps}단계 학습되었습니다.",
    },
    "beyond.reference_mc": {
        "en": "Reference: a Monte Carlo estimate from {n} masks, because 2^{d} masks are too many to enumerate; at k = {k_max} about {share:.0%} of the measured error is the reference's own. {repeats} repeats of {k_max} sampled masks; net trained for {steps} steps.",
        "ko": "기준값: 마스크 표본 {n}개의 몬테카를로 추정값(마스크 2^{d}개는 모두 계산하기에 너무 많습니다). k = {k_max}에서는 측정된 오차의 약 {share:.0%}가 기준값 자체의 오차입니다. 마스크 표본 {k_max}개를 {repeats}번 반복해 뽑았고, 신경망은 {steps}단계 학습되었습니다.",
    },
    "beyond.reference_gaussian": {
        "en": "Reference: a Monte Carlo estimate from {n} noise draws (Gaussian noise is continuous: there is no finite list of subnetworks to enumerate); at k = {k_max} about {share:.0%} of the measured error is the reference's own. {repeats} repeats of {k_max} noise draws (every draw runs the whole net, so fewer than for dropout masks); net trained for {steps} steps.",
        "ko": "기준값: 노이즈 표본 {n}개의 몬테카를로 추정값(가우시안 노이즈는 연속적이라 하나하나 열거할 수 있는 유한한 부분 신경망 목록이 없습니다). k = {k_max}에서는 측정된 오차의 약 {share:.0%}가 기준값 자체의 오차입니다. 노이즈 표본 {k_max}개를 {repeats}번 반복해 뽑았고(표본마다 신경망 전체를 계산하므로 드롭아웃 마스크보다 적게 뽑습니다), 신경망은 {steps}단계 학습되었습니다.",
    },
    "beyond.reference_dropconnect": {
        "en": "Reference: a Monte Carlo estimate from {n} weight masks, because DropConnect keeps or drops each of the {w} weights leaving units with a drop probability between 0 and 1 on its own, and 2^{exponent} weight masks are too many to enumerate; at k = {k_max} about {share:.0%} of the measured error is the reference's own. {repeats} repeats of {k_max} sampled weight masks (every weight mask runs the whole net, so fewer than for dropout masks); net trained for {steps} steps.",
        "ko": "기준값: 가중치 마스크 표본 {n}개의 몬테카를로 추정값(DropConnect는 드롭 확률이 0과 1 사이인 유닛에서 나가는 가중치 {w}개를 하나하나 따로 남기거나 드롭하므로, 가중치 마스크 2^{exponent}개는 모두 계산하기에 너무 많습니다). k = {k_max}에서는 측정된 오차의 약 {share:.0%}가 기준값 자체의 오차입니다. 가중치 마스크 표본 {k_max}개를 {repeats}번 반복해 뽑았고(가중치 마스크마다 신경망 전체를 계산하므로 드롭아웃 마스크보다 적게 뽑습니다), 신경망은 {steps}단계 학습되었습니다.",
    },
    "beyond.reference_dropconnect_few": {
        "en": "Reference: a Monte Carlo estimate from {n} weight masks. DropConnect keeps or drops each of the {w} weights leaving units with a drop probability between 0 and 1 on its own, so there are 2^{exponent} weight masks; this page lists only dropout masks, so it samples these. At k = {k_max} about {share:.0%} of the measured error is the reference's own. {repeats} repeats of {k_max} sampled weight masks (every weight mask runs the whole net, so fewer than for dropout masks); net trained for {steps} steps.",
        "ko": "기준값: 가중치 마스크 표본 {n}개의 몬테카를로 추정값. DropConnect는 드롭 확률이 0과 1 사이인 유닛에서 나가는 가중치 {w}개를 하나하나 따로 남기거나 드롭하므로 가중치 마스크는 2^{exponent}개입니다. 이 페이지는 드롭아웃 마스크만 모두 나열하고 가중치 마스크는 표본으로 뽑습니다. k = {k_max}에서는 측정된 오차의 약 {share:.0%}가 기준값 자체의 오차입니다. 가중치 마스크 표본 {k_max}개를 {repeats}번 반복해 뽑았고(가중치 마스크마다 신경망 전체를 계산하므로 드롭아웃 마스크보다 적게 뽑습니다), 신경망은 {steps}단계 학습되었습니다.",
    },
    "beyond.matched": {
        "en": "The sampled arithmetic mean reaches the weight scaling rule's test accuracy ({ws:.1%}) from k = **{k}** {noun} on (median of {repeats} repeats).",
        "ko": "표본 산술평균은 {noun} 표본이 k = **{k}**개일 때부터 가중치 스케일링 추론 규칙의 테스트 정확도({ws:.1%})에 도달합니다({repeats}번 반복의 중앙값).",
    },
    "beyond.matched_one": {
        "en": "A single {one} (k = **1**) already reaches the weight scaling rule's test accuracy ({ws:.1%}), and so does every larger k (median of {repeats} repeats).",
        "ko": "{one} 하나(k = **1**)만으로도 이미 가중치 스케일링 추론 규칙의 테스트 정확도({ws:.1%})에 도달하고, k가 더 커도 마찬가지입니다({repeats}번 반복의 중앙값).",
    },
    "beyond.not_matched": {
        "en": "Even {k_max} {sampled} do not reach the weight scaling rule's test accuracy ({ws:.1%}; median {acc:.1%}): on this net weight scaling classifies the test points better than the ensemble it approximates.",
        "ko": "{sampled} {k_max}개로도 가중치 스케일링 추론 규칙의 테스트 정확도({ws:.1%})에 이르지 못합니다(중앙값 {acc:.1%}). 이 신경망에서는 가중치 스케일링이 근사하려는 앙상블보다 테스트 점을 더 잘 분류합니다.",
    },
    "beyond.closer": {
        "en": "As an estimate of the arithmetic mean, sampling beats weight scaling from k = **{k}** on.",
        "ko": "산술평균의 추정값으로는 k = **{k}**부터 표본 평균이 가중치 스케일링보다 정확합니다.",
    },
    "beyond.never_closer": {
        "en": "As an estimate of the arithmetic mean, weight scaling stays closer than {k_max} {sampled}.",
        "ko": "산술평균의 추정값으로는 {sampled} {k_max}개보다 가중치 스케일링이 더 가깝습니다.",
    },
    "beyond.conv_caption": {
        "en": "Left: mean total variation ½Σ|Δp| between the Monte Carlo mean of k {noun} and the reference over a {grid} grid of the plane; lines are medians over {repeats} repeats, bands span the 10th to 90th percentile. Monte Carlo error shrinks like 1/√k (four times the {noun}, half the error); the dotted lines are the weight scaling rule's own distance from each mean. Right: test accuracy of the sampled arithmetic mean on the {n_test} test points.",
        "ko": "왼쪽: {noun} k개의 몬테카를로 평균과 기준값 사이의 총변동 거리 ½Σ|Δp|를 평면의 {grid} 격자에서 평균한 값입니다. 선은 {repeats}번 반복의 중앙값, 띠는 10~90 백분위 범위입니다. 몬테카를로 오차는 1/√k에 비례해 줄어듭니다({noun}를 네 배로 늘리면 오차가 절반). 점선은 가중치 스케일링 추론 규칙과 각 평균 사이의 거리입니다. 오른쪽: 표본 산술평균의 테스트 정확도(테스트 점 {n_test}개).",
    },
    "beyond.geometric_exact": {
        "en": "With no hidden layer the logits are linear in the {noun}, so the weight scaling rule is the normalized geometric mean exactly (as the book says for softmax regression): their distance is 0, and it has no dotted line.",
        "ko": "은닉층이 없으면 로짓이 {noun}에 대해 선형이므로 가중치 스케일링 추론 규칙은 정규화된 기하평균과 정확히 같습니다(책이 소프트맥스 회귀에 대해 말하는 그대로). 둘 사이의 거리는 0이라 점선을 그리지 않았습니다.",
    },
    "beyond.geometric_exact_mc": {
        "en": "With no hidden layer the logits are linear in the {noun}, so the weight scaling rule is the normalized geometric mean exactly (as the book says for softmax regression): the dotted line to the geometric mean is only the reference's own sampling error.",
        "ko": "은닉층이 없으면 로짓이 {noun}에 대해 선형이므로 가중치 스케일링 추론 규칙은 정규화된 기하평균과 정확히 같습니다(책이 소프트맥스 회귀에 대해 말하는 그대로). 기하평균까지의 점선은 기준값 자체의 표본 오차일 뿐입니다.",
    },
    # --- 2. uncertainty -------------------------------------------------------------------------------------------
    "beyond.unc_title": {
        "en": "2. What dropout knows it does not know",
        "ko": "2. 드롭아웃은 자신이 모르는 것을 안다",
    },
    "beyond.unc_intro": {
        "en": "Leave {on} on at test time and run T {sampled}: the mean of their predictions p̄ is the Monte Carlo arithmetic mean, and their disagreement measures uncertainty. The predictive entropy H[p̄] = −Σ p̄ log p̄ counts every doubt; the mutual information between prediction and {one}, H[p̄] − (1/T) Σₜ H[pₜ], counts only the disagreement between {nets}.",
        "ko": "테스트할 때도 {on} 켜 둔 채 {sampled} T개로 예측합니다. 예측들의 평균 p̄는 몬테카를로 산술평균이고, 예측들이 서로 다른 정도가 불확실성의 척도입니다. 예측 엔트로피 H[p̄] = −Σ p̄ log p̄는 모든 종류의 불확실성을 세고, 예측과 {one} 사이의 상호정보량 H[p̄] − (1/T) Σₜ H[pₜ]는 {nets} 사이의 불일치만 셉니다.",
    },
    "beyond.t_help": {
        "en": "How many {noun} are drawn for the two maps (Monte Carlo dropout: T forward passes with {on} left on). More {noun}, smoother maps.",
        "ko": "두 지도를 그릴 때 뽑는 {noun} 표본의 수입니다(몬테카를로 드롭아웃: {on} 켠 채 T번 순전파). 많을수록 지도가 매끄러워집니다.",
    },
    "beyond.unc_status": {
        "en": "From T = {t} {sampled}, in nats (at most ln {c} = {max:.3f}); the weight scaling surface is the plain net.",
        "ko": "{sampled} T = {t}개로 계산했고 단위는 nat입니다(최댓값 ln {c} = {max:.3f}). 가중치 스케일링 추론 규칙의 확률은 원래 신경망 그대로입니다.",
    },
    "beyond.unc_read": {
        "en": "How to read them: both maps are bright where the {nets} disagree, typically far from the training data and along the decision boundary; entropy is also bright where all {nets} agree on a 50/50 answer, mutual information is not.",
        "ko": "읽는 법: 두 지도 모두 {nets}의 예측이 엇갈리는 곳에서 밝고, 이런 곳은 대개 학습 데이터에서 먼 곳과 결정 경계입니다. {nets}이 모두 똑같이 반반이라고 답하는 곳은 엔트로피만 밝고 상호정보량은 어둡습니다.",
    },
    # --- figures --------------------------------------------------------------------------------------------------
    "beyond.fig.error_exact": {
        "en": "Distance to the exact means",
        "ko": "정확한 평균까지의 거리",
    },
    "beyond.fig.error_mc": {
        "en": "Distance to the means of {n} {noun}",
        "ko": "{noun} 표본 {n}개 평균까지의 거리",
    },
    "beyond.fig.accuracy_title": {
        "en": "Test accuracy",
        "ko": "테스트 정확도",
    },
    "beyond.fig.k": {
        "en": "{sampled} k",
        "ko": "{sampled} 수 k",
    },
    "beyond.fig.tv": {
        "en": "mean total variation",
        "ko": "평균 총변동 거리",
    },
    "beyond.fig.arithmetic": {
        "en": "sampled arithmetic mean",
        "ko": "표본 산술평균",
    },
    "beyond.fig.geometric": {
        "en": "sampled geometric mean",
        "ko": "표본 기하평균",
    },
    "beyond.fig.guide": {
        "en": "∝ 1/√k",
        "ko": "∝ 1/√k",
    },
    "beyond.fig.ws_arithmetic": {
        "en": "weight scaling ↔ arithmetic",
        "ko": "가중치 스케일링 ↔ 산술평균",
    },
    "beyond.fig.ws_geometric": {
        "en": "weight scaling ↔ geometric",
        "ko": "가중치 스케일링 ↔ 기하평균",
    },
    "beyond.fig.ws_accuracy": {
        "en": "weight scaling rule",
        "ko": "가중치 스케일링 추론 규칙",
    },
    "beyond.fig.surface": {
        "en": "Weight scaling: p(class | x)",
        "ko": "가중치 스케일링: p(클래스 | x)",
    },
    "beyond.fig.entropy": {
        "en": "Predictive entropy (nats)",
        "ko": "예측 엔트로피 (nat)",
    },
    "beyond.fig.mi": {
        "en": "Mutual information (nats)",
        "ko": "상호정보량 (nat)",
    },
    # --- other settings -------------------------------------------------------------------------------------------
    "beyond.trivial": {
        "en": "Nothing to sample here: every drop probability is 0 or 1, so {why} and every sample is the same net. The arithmetic mean, the geometric mean and the weight scaling rule give the same prediction exactly, and there is no spread between samples to measure, so there is no convergence to plot and no uncertainty map. Set a drop probability between 0 and 1 to see both.",
        "ko": "여기서는 뽑을 것이 없습니다. 모든 드롭 확률이 0 또는 1이라 {why}, 어떤 표본을 뽑아도 같은 신경망입니다. 산술평균, 기하평균, 가중치 스케일링 추론 규칙의 예측이 정확히 같고 표본 사이의 차이도 없으므로, 그릴 수렴 곡선도 불확실성 지도도 없습니다. 둘 다 보려면 드롭 확률을 0과 1 사이로 두세요.",
    },
    "beyond.trivial_why.bernoulli": {
        "en": "a single mask has nonzero probability",
        "ko": "확률이 0이 아닌 마스크가 하나뿐이고",
    },
    "beyond.trivial_why.gaussian": {
        "en": "the Gaussian noise has variance 0 (every multiplier is exactly 1, or 0 for a unit that is always dropped)",
        "ko": "가우시안 노이즈의 분산이 0이고(곱하는 값은 모두 정확히 1이거나, 항상 드롭되는 유닛이면 0)",
    },
    "beyond.trivial_why.dropconnect": {
        "en": "a single weight mask has nonzero probability",
        "ko": "확률이 0이 아닌 가중치 마스크가 하나뿐이고",
    },
    "beyond.method_note": {
        "en": "This net is trained with **{method}**: every sample on this page is one draw of that noise ({what}), so k and T count {noun}.",
        "ko": "이 신경망은 **{method}** 방식으로 학습합니다. 이 페이지의 표본 하나는 그 노이즈를 한 번 뽑은 것({what})이므로, k와 T는 {noun} 표본의 수입니다.",
    },
    "beyond.what_gaussian": {
        "en": "a Gaussian multiplier for every unit",
        "ko": "유닛마다 곱하는 가우시안 값 하나씩",
    },
    "beyond.what_dropconnect": {
        "en": "a 0/1 mask on every weight",
        "ko": "가중치마다 0 또는 1인 마스크",
    },
}
