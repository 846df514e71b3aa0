"""The Masks page."""

TEXT: dict[str, dict[str, str]] = {
    "masks.title": {
        "en": "Masks: a subnetwork for every example",
        "ko": "마스크: 예제마다 다른 부분 신경망",
    },
    "masks.intro": {
        "en": "A **mask** μ has one 0/1 entry per input and hidden unit; μᵢ = 0 removes unit i and all its weights, leaving a **subnetwork**. Dropout draws a fresh mask for **every example** of a minibatch, and every subnetwork trains on the same shared weights: bagging with parameter sharing.",
        "ko": "**마스크** μ는 입력층과 은닉층의 유닛(노드)마다 0 또는 1 값을 하나씩 가집니다. μᵢ = 0이면 유닛 i와 그 유닛의 가중치가 모두 빠지고 **부분 신경망**이 남습니다. 드롭아웃은 미니배치의 **예제마다** 새 마스크를 뽑고, 모든 부분 신경망은 같은 가중치를 공유하며 학습됩니다. 파라미터를 공유하는 배깅인 셈입니다.",
    },
    "masks.per_step_all": {
        "en": "Here one step of {b} examples trains up to {b} different subnetworks, one per example.",
        "ko": "여기서는 예제 {b}개로 이루어진 한 단계가 예제마다 하나씩, 서로 다른 부분 신경망을 최대 {b}개 학습합니다.",
    },
    "masks.per_step_few": {
        "en": "Here only {possible} different masks are possible, so one step of {b} examples trains at most {possible} different subnetworks: some examples share a mask.",
        "ko": "여기서는 가능한 마스크가 {possible}개뿐이라, 예제 {b}개로 이루어진 한 단계가 학습하는 서로 다른 부분 신경망은 많아야 {possible}개입니다. 마스크가 같은 예제가 생깁니다.",
    },
    "masks.per_step_gaussian": {
        "en": "Here the net is trained with Gaussian noise instead: every example of a step draws its own multipliers, and no unit is ever removed.",
        "ko": "여기서는 대신 가우시안 노이즈로 학습합니다. 한 단계의 예제마다 곱하는 값을 따로 뽑으며, 유닛을 없애는 일은 없습니다.",
    },
    "masks.per_step_dropconnect": {
        "en": "Here the net is trained with DropConnect instead: every example of a step draws its own mask over the weights, not over the units.",
        "ko": "여기서는 대신 DropConnect로 학습합니다. 한 단계의 예제마다 유닛이 아니라 가중치에 대한 마스크를 따로 뽑습니다.",
    },
    "masks.units": {
        "en": "Droppable units d",
        "ko": "드롭 가능한 유닛 수 d",
    },
    "masks.subnetworks": {
        "en": "Subnetworks 2^{d}",
        "ko": "부분 신경망 수 2^{d}",
    },
    "masks.compact": {
        "en": "d = **{d}** droppable units ({varying}) · 2^d = **{count}** subnetworks · {trained}",
        "ko": "드롭 가능한 유닛(노드) d = **{d}**개 ({varying}) · 부분 신경망 2^d = **{count}**개 · {trained}",
    },
    "masks.compact_varying": {
        "en": "{k} can vary",
        "ko": "그중 {k}개가 바뀔 수 있음",
    },
    "masks.compact_varying_one": {
        "en": "only 1 can vary",
        "ko": "그중 1개만 바뀔 수 있음",
    },
    "masks.compact_varying_none": {
        "en": "none can vary",
        "ko": "바뀔 수 있는 유닛 없음",
    },
    "masks.compact_untrained": {
        "en": "**not trained** yet",
        "ko": "아직 **학습 전**",
    },
    "masks.compact_trained_one": {
        "en": "trained **1** step",
        "ko": "**1**단계 학습",
    },
    "masks.compact_trained": {
        "en": "trained **{steps}** steps",
        "ko": "**{steps}**단계 학습",
    },
    "masks.varying": {
        "en": "Units that can vary",
        "ko": "바뀔 수 있는 유닛",
    },
    "masks.possible_none": {
        "en": "Only one of the {count} subnetworks can occur: every drop probability is 0 or 1, so every mask is the same and training uses one ordinary net.",
        "ko": "부분 신경망 {count}개 중 실제로 나올 수 있는 것은 하나뿐입니다. 모든 드롭 확률이 0 또는 1이라 마스크가 늘 같으므로, 학습은 평범한 신경망 하나를 씁니다.",
    },
    "masks.possible_one": {
        "en": "Only 2 of the {count} subnetworks can occur: units with drop probability 0 are always kept and units with drop probability 1 always dropped, so only one unit varies.",
        "ko": "부분 신경망 {count}개 중 실제로 나올 수 있는 것은 2개뿐입니다. 드롭 확률이 0인 유닛은 항상 유지되고 1인 유닛은 항상 드롭되므로, 유닛 하나만 바뀝니다.",
    },
    "masks.possible": {
        "en": "Only {possible} of the {count} subnetworks can occur: units with drop probability 0 are always kept and units with drop probability 1 always dropped, so only the {k} other units vary.",
        "ko": "부분 신경망 {count}개 중 실제로 나올 수 있는 것은 {possible}개뿐입니다. 드롭 확률이 0인 유닛은 항상 유지되고 1인 유닛은 항상 드롭되므로, 나머지 {k}개 유닛만 바뀝니다.",
    },
    "masks.batch_trained": {
        "en": "The masks training step {step} used:<br>one row per example of its minibatch",
        "ko": "{step}번째 학습 단계에서 쓴 마스크:<br>미니배치의 예제마다 한 줄",
    },
    "masks.batch_gaussian": {
        "en": "Gaussian noise: no unit dropped, each<br>multiplied by a draw from N(1, p/(1−p))",
        "ko": "가우시안 노이즈: 유닛을 드롭하지 않고<br>N(1, p/(1−p))에서 뽑은 값을 곱합니다",
    },
    "masks.batch_dropconnect": {
        "en": "DropConnect: share of each unit's<br>outgoing weights kept ({b} examples)",
        "ko": "DropConnect: 각 유닛에서 나가는<br>가중치 중 유지된 비율 (예제 {b}개)",
    },
    "masks.note_gaussian": {
        "en": "The diagram shows dropout masks of the same drop probabilities. Gaussian noise never removes a unit: it rescales each one, sometimes past 2 or below 0 (vermilion), with the same mean and variance as dropout's multiplier.",
        "ko": "그림은 드롭 확률이 같은 드롭아웃 마스크를 보여 줍니다. 가우시안 노이즈는 유닛을 없애지 않고 각 유닛의 크기를 바꿀 뿐이며, 곱하는 값이 2를 넘거나 0보다 작아지기도 합니다(주홍색). 이 값의 평균과 분산은 드롭아웃에서 곱하는 값과 같습니다.",
    },
    "masks.note_dropconnect": {
        "en": "The diagram shows dropout masks of the same drop probabilities. DropConnect drops weights, not units: a unit usually keeps some of its outgoing weights, so it is rarely cut off entirely.",
        "ko": "그림은 드롭 확률이 같은 드롭아웃 마스크를 보여 줍니다. DropConnect는 유닛이 아니라 가중치를 드롭합니다. 한 유닛에서 나가는 가중치 중 일부는 대개 남으므로, 유닛이 통째로 끊기는 일은 드뭅니다.",
    },
    "masks.batch_bernoulli": {
        "en": "One minibatch, {b} masks:<br>one row per example",
        "ko": "미니배치 하나의 마스크 {b}개:<br>예제마다 한 줄",
    },
    "masks.subnetworks_help": {
        "en": "Each of the d units is either kept or dropped, so there are 2^d different masks: exactly {exact}.",
        "ko": "유닛 d개가 각각 유지되거나 드롭되므로 서로 다른 마스크는 2^d개, 정확히 {exact}개입니다.",
    },
    "masks.varying_help": {
        "en": "Units whose drop probability is strictly between 0 and 1: only they are sometimes kept and sometimes dropped.",
        "ko": "드롭 확률이 0보다 크고 1보다 작은 유닛입니다. 이 유닛들만 유지될 때도, 드롭될 때도 있습니다.",
    },
    "masks.trained_steps": {
        "en": "Training steps so far",
        "ko": "지금까지 학습한 단계 수",
    },
    "masks.trained_steps_help": {
        "en": "Edge colours and widths show the weights after these {steps} steps; train on the Train page to change them.",
        "ko": "연결선의 색과 굵기는 이 {steps}단계 학습 뒤의 가중치를 나타냅니다. 학습 페이지에서 학습하면 바뀝니다.",
    },
    "masks.untrained_help": {
        "en": "Not trained yet: edge colours and widths show the random initial weights. Train on the Train page to change them.",
        "ko": "아직 학습하지 않았습니다. 연결선의 색과 굵기는 무작위로 정한 초기 가중치를 나타냅니다. 학습 페이지에서 학습하면 바뀝니다.",
    },
    "masks.pretrained": {
        "en": "Trained {steps} steps {by}, which needs a trained net for its figures: the edges show those weights. Press Reset on the Train page to start again from step 0.",
        "ko": "{by} 그림을 그리려면 학습된 신경망이 필요해서 {steps}단계 학습시켰습니다. 연결선은 그 가중치를 나타냅니다. 0단계부터 다시 하려면 학습 페이지에서 초기화를 누르세요.",
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
        "en": "Play under the diagram plays the masks; the slider steps through them. Hollow grey units are dropped. {right}",
        "ko": "그림 아래의 재생 버튼으로 마스크를 차례로 보여 주고, 슬라이더로 한 장씩 넘깁니다. 속이 빈 회색 원은 드롭된 유닛입니다. {right}",
    },
    "masks.right_bernoulli": {
        "en": "Right: a real minibatch, where every example draws its own mask.",
        "ko": "오른쪽: 실제 미니배치로, 예제마다 마스크를 따로 뽑습니다.",
    },
    "masks.right_same": {
        "en": "Right: a real minibatch; every example draws its own mask, but with these drop probabilities every draw is the same.",
        "ko": "오른쪽: 실제 미니배치입니다. 예제마다 마스크를 따로 뽑지만, 지금 드롭 확률에서는 뽑을 때마다 같은 마스크가 나옵니다.",
    },
    "masks.right_gaussian": {
        "en": "Right: a real minibatch, where every example draws its own Gaussian multipliers.",
        "ko": "오른쪽: 실제 미니배치로, 예제마다 가우시안 노이즈의 곱하는 값을 따로 뽑습니다.",
    },
    "masks.right_dropconnect": {
        "en": "Right: a real minibatch, where every example draws its own weight mask.",
        "ko": "오른쪽: 실제 미니배치로, 예제마다 가중치 마스크를 따로 뽑습니다.",
    },
    "masks.frequency_title": {
        "en": "How often was each unit kept?",
        "ko": "각 유닛은 얼마나 자주 유지되었나?",
    },
    "masks.frequency_caption": {
        "en": "Bars: the fraction of the {n} masks played on the diagram that kept the unit. Line: its keep probability k = 1 − p. Shaded band: k ± 2√(k(1 − k)/{n}), two binomial standard errors for {n} masks, where about 95% of bars should end. With more masks the band narrows and the bars settle on the line.",
        "ko": "막대: 그림에서 재생한 마스크 {n}개 중 그 유닛을 유지한 비율. 가로선: 유지 확률 k = 1 − p. 색칠한 띠: k ± 2√(k(1 − k)/{n}), 즉 마스크 {n}개에 대한 이항분포 표준오차의 두 배로, 막대 끝의 약 95%가 이 안에 들어와야 합니다. 마스크를 많이 뽑을수록 띠가 좁아지고 막대 끝이 가로선에 가까워집니다.",
    },
    "masks.frequency_fixed": {
        "en": "Bars: the fraction of the {n} masks played on the diagram that kept the unit. Line: its keep probability 1 − p. Every keep probability is 0 or 1, so every mask keeps the same units: each bar ends exactly on its line, with no sampling spread.",
        "ko": "막대: 그림에서 재생한 마스크 {n}개 중 그 유닛을 유지한 비율. 가로선: 유지 확률 1 − p. 모든 유지 확률이 0 또는 1이라 마스크마다 같은 유닛을 유지하므로, 막대 끝이 모두 가로선에 정확히 닿고 표본에 따른 흔들림이 없습니다.",
    },
    "masks.band": {
        "en": "where ≈95% of bars should end (±2 standard errors, {n} masks)",
        "ko": "막대 끝의 약 95%가 들어올 범위 (표준오차 ×2, 마스크 {n}개)",
    },
    "masks.legend_multiplier": {
        "en": "grey: × 1, as without noise · white: × 0<br>vermilion: below 0 · black: × 3 or more",
        "ko": "회색: × 1, 노이즈가 없을 때와 같음 · 흰색: × 0<br>주홍색: 0 미만 · 검은색: × 3 이상",
    },
    "masks.legend_share": {
        "en": "dark: all outgoing weights kept<br>white: all of them dropped",
        "ko": "어두운 칸: 나가는 가중치 모두 유지<br>흰 칸: 모두 드롭",
    },
}
