"""The Theory page."""

TEXT: dict[str, dict[str, str]] = {
    "theory.title": {
        "en": "Dropout in formulas (7.12)",
        "ko": "수식으로 보는 드롭아웃 (7.12절)",
    },
    "theory.bagging_title": {
        "en": "Masks and subnetworks",
        "ko": "마스크와 부분 신경망",
    },
    "theory.bagging": {
        "en": "Unit i is kept with probability kᵢ = 1 − pᵢ, where pᵢ is its layer's **drop** probability, independently of the others. A mask μ picks one of 2^d subnetworks; p(μ) is how often training visits it.",
        "ko": "유닛 i의 유지 확률은 kᵢ = 1 − pᵢ이고, 유닛마다 다른 유닛과 독립적으로 유지 여부가 정해집니다. 여기서 pᵢ는 그 유닛이 속한 층의 **드롭** 확률입니다. 마스크 μ는 2^d개의 부분 신경망 중 하나를 고르고, p(μ)는 학습이 그 부분 신경망을 얼마나 자주 방문하는지를 뜻합니다.",
    },
    "theory.live_current": {
        "en": "Current net:",
        "ko": "현재 신경망:",
    },
    "theory.live_other": {
        "en": "Dropout with the same drop probabilities (this net's {method} draws no such masks):",
        "ko": "같은 드롭 확률로 드롭아웃을 쓴다면(이 신경망의 {method}는 이런 마스크를 뽑지 않습니다):",
    },
    "theory.bagging_live": {
        "en": "d = **{d}** droppable units, so 2^d = **{count}** subnetworks. **{k}** units have a drop probability strictly between 0 and 1; masks with p(μ) > 0: **{possible}**. p(every unit kept) = {all_kept}; the most likely single mask has p(μ) = {mode}.",
        "ko": "드롭 가능한 유닛 d = **{d}**개, 부분 신경망 2^d = **{count}**개. 드롭 확률이 0과 1 사이(양 끝 제외)인 유닛은 **{k}**개이고, p(μ) > 0인 마스크는 **{possible}**개입니다. p(모든 유닛 유지) = {all_kept}, 확률이 가장 높은 마스크 하나의 p(μ) = {mode}.",
    },
    "theory.arith_title": {
        "en": "Arithmetic mean (the bagging ensemble)",
        "ko": "산술평균 (배깅 앙상블)",
    },
    "theory.arith": {
        "en": "The natural ensemble: average the subnetworks' predictions, each weighted by how likely its mask is. It has 2^d terms, so beyond small nets it can only be estimated by sampling masks.",
        "ko": "가장 자연스러운 앙상블입니다. 각 부분 신경망의 예측을 그 마스크의 확률로 가중하여 평균합니다. 항이 2^d개이므로 작은 신경망이 아니면 마스크를 표본 추출해 추정할 수밖에 없습니다.",
    },
    "theory.geom_title": {
        "en": "Normalized geometric mean",
        "ko": "정규화한 기하평균",
    },
    "theory.geom": {
        "en": "The book takes the 2^d-th root of the product (uniform masks, p = 0.5); with other drop probabilities each factor gets the exponent p(μ). The result no longer sums to 1 over classes, so it is renormalized. For a softmax output this equals the softmax of the p(μ)-weighted mean logits z(x, μ): the log-sum-exp term is the same for every class and cancels. (Some translations call this the harmonic mean; it is the geometric mean: a product of probabilities, each raised to the power p(μ).)",
        "ko": "책은 모든 마스크의 확률이 같은 경우(드롭 확률 p = 0.5)에 곱의 2^d제곱근을 씁니다. 드롭 확률이 다르면 곱하는 각 항에 지수 p(μ)를 붙입니다. 그러면 클래스에 대한 합이 더 이상 1이 아니므로 다시 정규화합니다. 소프트맥스 출력에서는 이것이 p(μ)로 가중 평균한 로짓 z(x, μ)의 소프트맥스와 같습니다. log-sum-exp 항이 모든 클래스에 같아서 소거되기 때문입니다. (한국어 스터디 노트에는 조화평균이라고 적혀 있지만 기하평균이 맞습니다.)",
    },
    "theory.ws_title": {
        "en": "Weight scaling inference rule",
        "ko": "가중치 스케일링 추론 규칙",
    },
    "theory.ws_formula_note": {  # LaTeX, beside the formula
        "en": r"(\text{{weight from unit }} i \text{{ to unit }} j)",
        "ko": r"(\text{{유닛 }} i\text{{에서 유닛 }} j\text{{로 가는 가중치}})",
    },
    "theory.ws_inverted": {
        "en": "With inverted dropout, training multiplies each kept unit by 1/k instead, and the test-time net is the plain one.",
        "ko": "역드롭아웃에서는 그 대신 학습할 때 유지된 유닛에 1/k를 곱하고, 테스트 때에는 원래 신경망을 그대로 씁니다.",
    },
    "theory.ws": {
        "en": "Hinton's rule: run the whole net once, multiplying the outgoing weights of each unit i (the weights Wᵢⱼ from i to each unit j of the next layer) by its keep probability kᵢ. torch (and dropviz) use inverted dropout instead: kept units are divided by k during training, so at test time the plain net is the weight-scaled net. For softmax regression or linear hidden units this equals the normalized geometric mean exactly; with ReLU, tanh or sigmoid units it is an approximation.",
        "ko": "힌튼이 제안한 규칙입니다. 각 유닛 i에서 나가는 가중치(i에서 다음 층의 유닛 j로 가는 Wᵢⱼ)에 그 유닛의 유지 확률 kᵢ를 곱한 전체 신경망을 한 번만 실행합니다. torch와 dropviz는 그 대신 역드롭아웃을 씁니다. 학습할 때 유지된 유닛을 k로 나누므로 테스트 때에는 원래 신경망이 곧 가중치 스케일링한 신경망입니다. 소프트맥스 회귀나 선형 은닉 유닛에서는 정규화한 기하평균과 정확히 같고, ReLU, tanh, sigmoid 유닛에서는 근사입니다.",
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
        "ko": "x = ({x0:.2f}, {x1:.2f})에서, {steps}단계 학습된 신경망:",
    },
    "theory.exact": {
        "en": "exact over all {masks} masks with p(μ) > 0.",
        "ko": "p(μ) > 0인 마스크 {masks}개 전부에 대한 정확한 값.",
    },
    "theory.exact_one": {
        "en": "exact: only one mask has p(μ) > 0 (every drop probability is 0 or 1), so all three rules give the same answer.",
        "ko": "정확한 값: 모든 드롭 확률이 0 또는 1이라 p(μ) > 0인 마스크가 하나뿐이므로 세 규칙의 답이 같습니다.",
    },
    "theory.sampled_gaussian": {
        "en": "Monte Carlo over {n} draws of the Gaussian noise (a continuous noise: there is no finite list of nets to enumerate); ± is one standard error.",
        "ko": "가우시안 노이즈를 {n}번 뽑아 구한 몬테카를로 추정값(연속적인 노이즈라서 하나하나 열거할 유한한 신경망 목록이 없음). ± 뒤의 값은 표준오차입니다.",
    },
    "theory.sampled_dropconnect": {
        "en": "Monte Carlo over {n} sampled weight masks (DropConnect's {masks} weight masks are sampled, not enumerated); ± is one standard error.",
        "ko": "가중치 마스크 {n}개를 뽑아 구한 몬테카를로 추정값(DropConnect의 가중치 마스크 {masks}개는 열거하지 않고 표본으로 뽑음). ± 뒤의 값은 표준오차입니다.",
    },
    "theory.exact_one_noise": {
        "en": "exact: every drop probability is 0 or 1, so {method} changes nothing (each unit is always kept or always dropped) and all three rules give the same answer.",
        "ko": "정확한 값: 모든 드롭 확률이 0 또는 1이라 {method}가 아무것도 바꾸지 않으므로(유닛마다 늘 유지되거나 늘 드롭됨) 세 규칙의 답이 같습니다.",
    },
    "theory.gaussian_draws": {
        "en": "Gaussian noise multiplies each of those {k} units by a continuous random factor instead: there is no finite set of masks, and no two draws give the same net.",
        "ko": "가우시안 노이즈는 그 대신 이 유닛 {k}개에 연속적인 난수를 곱합니다. 마스크의 유한한 집합이 없고, 두 번 뽑아 같은 신경망이 나오는 일도 없습니다.",
    },
    "theory.dropconnect_masks": {
        "en": "DropConnect masks weights instead of units: each of the {w} weights leaving those {k} units is kept or dropped on its own, so a draw picks one of {masks} weight masks.",
        "ko": "DropConnect는 유닛 대신 가중치를 마스크합니다. 이 유닛 {k}개에서 나가는 가중치 {w}개가 하나하나 따로 유지되거나 드롭되므로, 한 번 뽑을 때마다 가중치 마스크 {masks}개 가운데 하나를 고릅니다.",
    },
    "theory.sampled": {
        "en": "Monte Carlo over {n} sampled masks (too many masks to enumerate); ± is one standard error.",
        "ko": "마스크 {n}개를 뽑아 구한 몬테카를로 추정값(모든 마스크를 계산하기에는 너무 많음). ± 뒤의 값은 표준오차입니다.",
    },
    "theory.one_mask": {
        "en": "One sampled mask: μ = `{mu}`, p(μ) = {p} (log₁₀ p(μ) = {log}).",
        "ko": "뽑은 마스크 하나: μ = `{mu}`, p(μ) = {p} (log₁₀ p(μ) = {log}).",
    },
    "theory.rare": {
        "en": "Even the likeliest mask has p(μ) = {mode}: in {steps} steps × {batch} examples training has drawn {draws} masks out of {possible}, so it has visited at most {share} of the subnetworks; the rest are trained only through the weights they share.",
        "ko": "확률이 가장 높은 마스크조차 p(μ) = {mode}입니다. 학습은 {steps}단계 × 예제 {batch}개로 가능한 마스크 {possible}개 가운데 마스크를 {draws}번 뽑았으므로, 부분 신경망 가운데 많아야 전체의 {share}만 방문했습니다. 나머지 부분 신경망은 공유하는 가중치를 통해서만 학습됩니다.",
    },
    "theory.single": {
        "en": "No unit can vary here (every drop probability is 0 or 1), so training uses one and the same net every time: there is nothing to average.",
        "ko": "여기서는 바뀔 수 있는 유닛이 없으므로(모든 드롭 확률이 0 또는 1) 학습은 매번 같은 신경망 하나를 씁니다. 평균할 것이 없습니다.",
    },
    "theory.common": {
        "en": "Here the likeliest mask has p(μ) = {mode}: with so few units that can vary, training draws the same subnetworks again and again.",
        "ko": "여기서는 확률이 가장 높은 마스크의 p(μ) = {mode}입니다. 바뀔 수 있는 유닛이 적어서 학습이 같은 부분 신경망들을 거듭 뽑습니다.",
    },
    "theory.method_note": {
        "en": "This net is trained with **{method}**, not with the 0/1 unit masks μ of this section: the formulas and mask counts below describe dropout itself.",
        "ko": "이 신경망은 이 절에서 다루는 0/1 유닛 마스크 μ가 아니라 **{method}**로 학습합니다. 아래 수식과 마스크 개수는 드롭아웃 자체에 대한 것입니다.",
    },
    "theory.method_note_rules": {
        "en": "The three rules at one test point average over {method} draws instead of masks.",
        "ko": "테스트 점 하나에서 본 세 규칙은 마스크 대신 {method}를 뽑아 평균합니다.",
    },
}
