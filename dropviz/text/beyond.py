"""The "Beyond the book" page: how fast Monte Carlo sampling converges, and Monte Carlo dropout's uncertainty."""

TEXT: dict[str, dict[str, str]] = {
    "beyond.title": {
        "en": "Beyond the book: sampling and uncertainty",
        "ko": "책 너머: 표본 추출과 불확실성",
    },
    "beyond.intro": {
        "en": "Two questions the book leaves open. How many sampled masks does a Monte Carlo average need before it is as good as the weight scaling rule (Srivastava et al. 2014, Figure 11)? And since the subnetworks do not all agree, does their disagreement show where the net is unsure (Monte Carlo dropout, Gal and Ghahramani 2016)?",
        "ko": "책이 답하지 않고 남겨 둔 질문 두 가지입니다. 몬테카를로 평균은 마스크 표본이 몇 개 있어야 가중치 스케일링 추론 규칙만큼 좋아질까요(Srivastava 외 2014, 그림 11)? 그리고 부분 신경망들의 예측이 서로 다를 때, 그 차이가 신경망이 확신하지 못하는 곳을 보여 줄까요(몬테카를로 드롭아웃, Gal과 Ghahramani 2016)?",
    },
    "beyond.sampling": {
        "en": "Sampling {repeats} × {k_max} masks and comparing them with the reference…",
        "ko": "마스크 {repeats} × {k_max}개를 표본으로 뽑아 기준값과 비교하는 중…",
    },
    "beyond.mc_computing": {
        "en": "Running {t} sampled masks over the plane…",
        "ko": "마스크 표본 {t}개로 평면 전체를 계산하는 중…",
    },
    "beyond.conv_title": {
        "en": "1. How many masks until sampling is as good as weight scaling?",
        "ko": "1. 마스크를 몇 개 뽑아야 가중치 스케일링만큼 좋아질까?",
    },
    "beyond.reference_exact": {
        "en": "Reference: the exact arithmetic and geometric means over all {masks} masks with nonzero probability. {repeats} repeats of {k_max} sampled masks; net trained for {steps} steps.",
        "ko": "기준값: 확률이 0이 아닌 마스크 {masks}개 전체에 대한 정확한 산술평균과 기하평균. 마스크 {k_max}개 표본을 {repeats}번 반복했고, 신경망은 {steps}단계 학습되었습니다.",
    },
    "beyond.reference_mc": {
        "en": "Reference: a Monte Carlo estimate from {n} masks, because 2^{d} masks are too many to enumerate; at k = {k_max} about {share:.0%} of the measured error is the reference's own. {repeats} repeats of {k_max} sampled masks; net trained for {steps} steps.",
        "ko": "기준값: 마스크 {n}개 표본의 몬테카를로 추정값(마스크 2^{d}개는 모두 계산하기에 너무 많습니다). k = {k_max}에서는 측정된 오차의 약 {share:.0%}가 기준값 자체의 오차입니다. 마스크 {k_max}개 표본을 {repeats}번 반복했고, 신경망은 {steps}단계 학습되었습니다.",
    },
    "beyond.reference_noise": {
        "en": "Reference: a Monte Carlo estimate from {n} noise draws ({method}: no finite list of subnetworks to enumerate); at k = {k_max} about {share:.0%} of the measured error is the reference's own. {repeats} repeats of {k_max} draws (every draw runs the whole net, so fewer than for dropout masks); net trained for {steps} steps.",
        "ko": "기준값: 노이즈 {n}번 표본의 몬테카를로 추정값({method}에는 하나하나 열거할 수 있는 유한한 부분 신경망 목록이 없습니다). k = {k_max}에서는 측정된 오차의 약 {share:.0%}가 기준값 자체의 오차입니다. 노이즈 {k_max}번 표본을 {repeats}번 반복했고(표본마다 신경망 전체를 계산하므로 드롭아웃 마스크보다 적게 뽑습니다), 신경망은 {steps}단계 학습되었습니다.",
    },
    "beyond.matched": {
        "en": "The sampled arithmetic mean reaches the weight scaling rule's test accuracy ({ws:.1%}) from k = **{k}** masks on (median of {repeats} repeats).",
        "ko": "표본 산술평균은 k = **{k}**부터 가중치 스케일링 추론 규칙의 테스트 정확도({ws:.1%})에 도달합니다({repeats}번 반복의 중앙값).",
    },
    "beyond.not_matched": {
        "en": "Even {k_max} sampled masks do not reach the weight scaling rule's test accuracy ({ws:.1%}; median {acc:.1%}): on this net weight scaling classifies the test points better than the ensemble it approximates.",
        "ko": "마스크 표본 {k_max}개로도 가중치 스케일링 추론 규칙의 테스트 정확도({ws:.1%})에 이르지 못합니다(중앙값 {acc:.1%}). 이 신경망에서는 가중치 스케일링이 근사하려는 앙상블보다 테스트 점을 더 잘 분류합니다.",
    },
    "beyond.closer": {
        "en": "As an estimate of the arithmetic mean, sampling beats weight scaling from k = **{k}** on.",
        "ko": "산술평균의 추정값으로는 k = **{k}**부터 표본 평균이 가중치 스케일링보다 정확합니다.",
    },
    "beyond.never_closer": {
        "en": "As an estimate of the arithmetic mean, weight scaling stays closer than {k_max} sampled masks.",
        "ko": "산술평균의 추정값으로는 마스크 표본 {k_max}개보다 가중치 스케일링이 더 가깝습니다.",
    },
    "beyond.conv_caption": {
        "en": "Left: mean total variation ½Σ|Δp| between the Monte Carlo mean of k masks and the reference over a {grid} grid of the plane; lines are medians over {repeats} repeats, bands span the 10th to 90th percentile. Monte Carlo error shrinks like 1/√k (four times the masks, half the error); the dotted lines are the weight scaling rule's own distance from each mean. Right: test accuracy of the sampled arithmetic mean on the {n_test} test points.",
        "ko": "왼쪽: 마스크 k개의 몬테카를로 평균과 기준값 사이의 총변동 거리 ½Σ|Δp|를 평면의 {grid} 격자에서 평균한 값입니다. 선은 {repeats}번 반복의 중앙값, 띠는 10~90 백분위 범위입니다. 몬테카를로 오차는 1/√k에 비례해 줄어듭니다(마스크를 네 배로 늘리면 오차가 절반). 점선은 가중치 스케일링 추론 규칙과 각 평균 사이의 거리입니다. 오른쪽: 표본 산술평균의 테스트 정확도(테스트 점 {n_test}개).",
    },
    "beyond.unc_title": {
        "en": "2. What dropout knows it does not know",
        "ko": "2. 드롭아웃은 자신이 모르는 것을 안다",
    },
    "beyond.unc_intro": {
        "en": "Leave dropout on at test time and run T sampled masks: the mean of their predictions p̄ is the Monte Carlo arithmetic mean, and their disagreement measures uncertainty. The predictive entropy H[p̄] = −Σ p̄ log p̄ counts every doubt; the mutual information between prediction and mask, H[p̄] − (1/T) Σₜ H[pₜ], counts only the disagreement between subnetworks.",
        "ko": "테스트할 때도 드롭아웃을 켜 둔 채 마스크 표본 T개로 예측합니다. 예측들의 평균 p̄는 몬테카를로 산술평균이고, 예측들이 서로 다른 정도가 불확실성의 척도입니다. 예측 엔트로피 H[p̄] = −Σ p̄ log p̄는 모든 종류의 불확실성을 세고, 예측과 마스크 사이의 상호정보량 H[p̄] − (1/T) Σₜ H[pₜ]는 부분 신경망들 사이의 불일치만 셉니다.",
    },
    "beyond.t_label": {
        "en": "Sampled masks T",
        "ko": "마스크 표본 수 T",
    },
    "beyond.t_help": {
        "en": "How many masks are sampled for the two maps (Monte Carlo dropout: T forward passes with dropout left on). More masks, smoother maps.",
        "ko": "두 지도를 그릴 때 뽑는 마스크 표본의 수입니다(몬테카를로 드롭아웃: 드롭아웃을 켠 채 T번 순전파). 많을수록 지도가 매끄러워집니다.",
    },
    "beyond.unc_status": {
        "en": "From T = {t} sampled masks, in nats (at most ln {c} = {max:.3f}); the weight scaling surface is the plain net.",
        "ko": "마스크 표본 T = {t}개로 계산했고 단위는 nat입니다(최댓값 ln {c} = {max:.3f}). 가중치 스케일링 추론 규칙의 확률은 원래 신경망 그대로입니다.",
    },
    "beyond.unc_read": {
        "en": "How to read them: both maps are bright where the subnetworks disagree, typically far from the training data and along the decision boundary; entropy is also bright where every subnetwork agrees on a 50/50 answer, mutual information is not.",
        "ko": "읽는 법: 두 지도 모두 부분 신경망들의 예측이 엇갈리는 곳에서 밝고, 이런 곳은 대개 학습 데이터에서 먼 곳과 결정 경계입니다. 모든 부분 신경망이 똑같이 반반이라고 답하는 곳은 엔트로피만 밝고 상호정보량은 어둡습니다.",
    },
    "beyond.fig.error_exact": {
        "en": "Distance to the exact means",
        "ko": "정확한 평균까지의 거리",
    },
    "beyond.fig.error_mc": {
        "en": "Distance to the {n}-mask means",
        "ko": "마스크 {n}개 평균까지의 거리",
    },
    "beyond.fig.accuracy_title": {
        "en": "Test accuracy",
        "ko": "테스트 정확도",
    },
    "beyond.fig.k": {
        "en": "sampled masks k",
        "ko": "마스크 표본 수 k",
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
    "beyond.trivial": {
        "en": "Every drop probability is 0 or 1, so nothing is random any more: every sample is the same net, the arithmetic mean, the geometric mean and the weight scaling rule give the same prediction exactly, and no two subnetworks can disagree. Set a drop probability between 0 and 1 to see sampling converge and the uncertainty maps.",
        "ko": "모든 드롭 확률이 0 또는 1이므로 더 이상 무작위인 것이 없습니다. 어떤 표본을 뽑아도 같은 신경망이고, 산술평균, 기하평균, 가중치 스케일링 추론 규칙의 예측이 정확히 같으며, 부분 신경망끼리 예측이 엇갈릴 수도 없습니다. 표본 평균이 수렴하는 모습과 불확실성 지도를 보려면 드롭 확률을 0과 1 사이로 두세요.",
    },
    "beyond.method_note": {
        "en": 'This net is trained with **{method}**: on this page a sampled "mask" means one draw of that noise ({what}), and T or k counts such draws.',
        "ko": '이 신경망은 **{method}**로 학습합니다. 이 페이지에서 뽑은 "마스크" 하나는 그 노이즈를 한 번 뽑은 것({what})이고, T와 k는 그렇게 뽑은 횟수입니다.',
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
