"""Strings of the subnetworks page (the book's Figure 7.6, live), including the words drawn on its cards."""

TEXT: dict[str, dict[str, str]] = {
    "subnet.title": {
        "en": "Subnetworks (Figure 7.6)",
        "ko": "부분 신경망 (그림 7.6)",
    },
    "subnet.preset": {
        "en": "Book's net",
        "ko": "책의 신경망",
    },
    "subnet.preset_help": {
        "en": "One hidden layer of 2 units, as in the book's Figure 7.6: d = 4 droppable units (2 inputs, 2 hidden), so 16 subnetworks when every drop probability lies strictly between 0 and 1. The drop probabilities are left as they are.",
        "ko": "책의 그림 7.6처럼 은닉층 하나에 유닛 2개인 신경망입니다. 드롭 가능한 유닛이 d = 4개(입력 2개, 은닉 2개)이므로, 모든 드롭 확률이 0보다 크고 1보다 작으면 부분 신경망은 16개입니다. 드롭 확률은 그대로 둡니다.",
    },
    "subnet.redraw": {
        "en": "Redraw {n}",
        "ko": "다시 뽑기",
    },
    "subnet.redraw_help": {
        "en": "Draw {n} new masks from p(μ). How many times you redrew is part of the link, so the link shows the same {n}.",
        "ko": "p(μ)에서 마스크 {n}개를 새로 뽑습니다. 몇 번째로 뽑았는지가 링크에 들어가므로 링크를 열어도 같은 {n}개가 보입니다.",
    },
    "subnet.units_all": {
        "en": "d = **{d}** droppable units, all with 0 < drop probability < 1.",
        "ko": "드롭 가능한 유닛은 d = **{d}**개이고, 모두 드롭 확률이 0보다 크고 1보다 작습니다.",
    },
    "subnet.units_some": {
        "en": "d = **{d}** droppable units, **{free}** of them with 0 < drop probability < 1 (the other {fixed}, with drop probability 0 or 1, never change).",
        "ko": "드롭 가능한 유닛 d = **{d}**개 중 **{free}**개는 드롭 확률이 0보다 크고 1보다 작습니다(나머지 {fixed}개는 드롭 확률이 0 또는 1이라 바뀌지 않습니다).",
    },
    "subnet.units_none": {
        "en": "d = **{d}** droppable units, but every drop probability is 0 or 1: none can change.",
        "ko": "드롭 가능한 유닛은 d = **{d}**개이지만, 모든 드롭 확률이 0 또는 1이라 바뀔 수 있는 유닛이 없습니다.",
    },
    "subnet.listed": {
        "en": "So **{total}** subnetworks have p(μ) > 0, all shown, most units kept first.",
        "ko": "따라서 p(μ) > 0인 부분 신경망은 **{total}**개이며, 유지된 유닛이 많은 것부터 모두 보여 줍니다.",
    },
    "subnet.sampled": {
        "en": "So {power} = **{total}** subnetworks have p(μ) > 0, too many to show: here are **{n}** drawn from p(μ), most units kept first.",
        "ko": "따라서 p(μ) > 0인 부분 신경망은 {power} = **{total}**개로 다 보여 줄 수 없어, p(μ)에서 뽑은 **{n}**개를 유지된 유닛이 많은 것부터 보여 줍니다.",
    },
    "subnet.one": {
        "en": "So exactly **one** subnetwork has p(μ) > 0 (p(μ) = 1).",
        "ko": "따라서 p(μ) > 0인 부분 신경망은 정확히 **하나**이고, 그 p(μ)는 1입니다.",
    },
    "subnet.paths_listed": {
        "en": "With a path from an input to an output: **{linked}**; without (dashed: constant output, from the biases alone): **{cut}**, total p(μ) = {p}.",
        "ko": "입력에서 출력까지 경로가 있는 것은 **{linked}**개, 없는 것(점선: 편향만으로 정해지는 상수 출력)은 **{cut}**개이며, 경로가 없는 것들의 p(μ) 합은 {p}입니다.",
    },
    "subnet.paths_sampled": {
        "en": "Of these {n}, with a path from an input to an output: **{linked}**; without (dashed: constant output): **{cut}**. Of all {power}, without: **{cut_all}**, total p(μ) = {p}.",
        "ko": "뽑은 {n}개 중 입력에서 출력까지 경로가 있는 것은 **{linked}**개, 없는 것(점선: 상수 출력)은 **{cut}**개입니다. 전체 {power}개 중 경로가 없는 것은 **{cut_all}**개이며, 이들의 p(μ) 합은 {p}입니다.",
    },
    "subnet.drawing": {
        "en": "Drawing the subnetworks…",
        "ko": "부분 신경망을 그리는 중…",
    },
    "subnet.card.kept": {
        "en": "kept {k}/{d}",
        "ko": "유지 {k}/{d}",
    },
    "subnet.card.cut": {
        "en": "no path",
        "ko": "경로 없음",
    },
    "subnet.card.tooltip": {
        "en": "subnetwork {i}: μ = {mu} (1 = kept), p(μ) = {p}, {k} of {d} units kept.",
        "ko": "부분 신경망 {i}: μ = {mu} (1 = 유지), p(μ) = {p}, 유닛 {d}개 중 {k}개 유지.",
    },
    "subnet.card.cut_tooltip": {
        "en": "No input reaches an output: the output is a constant, set by the biases alone.",
        "ko": "어떤 입력도 출력에 닿지 않아 출력은 편향만으로 정해지는 상수입니다.",
    },
    "subnet.ensemble.title_listed": {
        "en": "Arithmetic mean (exact)",
        "ko": "산술평균 (정확한 값)",
    },
    "subnet.ensemble.title_sampled": {
        "en": "Mean of the {n} drawn",
        "ko": "뽑은 {n}개의 평균",
    },
    "subnet.ensemble.listed": {
        "en": "Σ p(μ) × the surfaces at the left: the same picture as on the Inference page.",
        "ko": "Σ p(μ) × (왼쪽의 각 그림): 추론 규칙 페이지의 그림과 같습니다.",
    },
    "subnet.ensemble.sampled": {
        "en": "Drawn with probability p(μ), so their plain mean estimates the arithmetic mean (Monte Carlo).",
        "ko": "확률 p(μ)로 뽑았으므로, 이들의 단순 평균은 산술평균의 몬테카를로 추정값입니다.",
    },
    "subnet.ensemble.point": {
        "en": "Open circle: the test point of the table below.",
        "ko": "속이 빈 원: 아래 표에서 쓰는 테스트 점.",
    },
    "subnet.card_caption": {
        "en": "Each card: a subnetwork (dropped units and their weights removed; purple weights positive, green negative), its decision surface from the trained weights with inverted-dropout scaling (kept units × 1/keep probability), its mask μ (1 = kept, layers split by |) and p(μ), the probability of that mask under dropout. Net trained for {steps} steps.",
        "ko": "각 카드: 부분 신경망(드롭된 유닛과 그 가중치는 지움, 보라색은 양의 가중치, 초록색은 음의 가중치), 학습된 가중치에 역드롭아웃 스케일링(유지된 유닛 × 1/유지 확률)을 적용해 그린 결정 경계, 마스크 μ(1 = 유지, 층은 |로 구분), 그리고 드롭아웃에서 그 마스크가 나올 확률 p(μ). 신경망은 {steps}단계 학습되었습니다.",
    },
    "subnet.table_title": {
        "en": "One test point through every subnetwork shown",
        "ko": "테스트 점 하나에서 본 부분 신경망별 출력",
    },
    "subnet.point": {
        "en": "Test point (the same one as on the Theory page)",
        "ko": "테스트 점 (이론 페이지와 같은 점)",
    },
    "subnet.point_at": {
        "en": "x = ({x0:.2f}, {x1:.2f}), true class {y}.",
        "ko": "x = ({x0:.2f}, {x1:.2f}), 실제 클래스 {y}.",
    },
    "subnet.col.index": {
        "en": "#",
        "ko": "#",
    },
    "subnet.col.mask": {
        "en": "μ (1 = kept)",
        "ko": "μ (1 = 유지)",
    },
    "subnet.col.kept": {
        "en": "units kept",
        "ko": "유지된 유닛",
    },
    "subnet.col.path": {
        "en": "in→out path",
        "ko": "입력→출력",
    },
    "subnet.col.class": {
        "en": "p(y = {c} | x, μ)",
        "ko": "p(y = {c} | x, μ)",
    },
    "subnet.col.combination": {
        "en": "combination",
        "ko": "결합 방법",
    },
    "subnet.col.class_y": {
        "en": "p(y = {c} | x)",
        "ko": "p(y = {c} | x)",
    },
    "subnet.path_yes": {
        "en": "yes",
        "ko": "있음",
    },
    "subnet.path_no": {
        "en": "none (constant)",
        "ko": "없음 (상수)",
    },
    "subnet.rule.arithmetic": {
        "en": "arithmetic mean: Σ w(μ) p(y | x, μ)",
        "ko": "산술평균: Σ w(μ) p(y | x, μ)",
    },
    "subnet.rule.geometric": {
        "en": "geometric mean: ∏ p(y | x, μ)^w(μ), normalized",
        "ko": "정규화한 기하평균: ∏ p(y | x, μ)^w(μ)",
    },
    "subnet.rule.weight_scaled": {
        "en": "weight scaling inference rule (whole net, once)",
        "ko": "가중치 스케일링 추론 규칙 (전체 신경망을 한 번 실행)",
    },
    "subnet.combo_listed": {
        "en": "The first two rows are computed from the table above with w(μ) = p(μ); they are exactly the arithmetic and normalized geometric means of the Inference and Theory pages. Weight scaling runs the whole net once and only approximates them.",
        "ko": "처음 두 행은 위 표에서 w(μ) = p(μ)로 계산한 것으로, 추론 규칙 페이지와 이론 페이지의 산술평균, 정규화한 기하평균과 정확히 같습니다. 가중치 스케일링 추론 규칙은 전체 신경망을 한 번만 실행하며 이 두 평균을 근사할 뿐입니다.",
    },
    "subnet.combo_listed_linear": {
        "en": "The first two rows are computed from the table above with w(μ) = p(μ); they are exactly the arithmetic and normalized geometric means of the Inference and Theory pages. With no hidden layer (softmax regression) or linear hidden units, running the whole net once with weight scaling gives the normalized geometric mean exactly, as the book shows.",
        "ko": "처음 두 행은 위 표에서 w(μ) = p(μ)로 계산한 것으로, 추론 규칙 페이지와 이론 페이지의 산술평균, 정규화한 기하평균과 정확히 같습니다. 은닉층이 없거나(소프트맥스 회귀) 은닉 유닛이 선형이면 책에서 보인 대로 가중치 스케일링한 전체 신경망을 한 번 실행한 결과가 정규화한 기하평균과 정확히 같습니다.",
    },
    "subnet.combo_listed_one": {
        "en": "Only one subnetwork can occur (every drop probability is 0 or 1), so the three rows agree exactly: there is nothing to average.",
        "ko": "나올 수 있는 부분 신경망이 하나뿐이므로(모든 드롭 확률이 0 또는 1) 세 행이 정확히 같습니다. 평균할 것이 없습니다.",
    },
    "subnet.method_note": {
        "en": "This net is trained with **{method}**, which draws no unit masks. The cards show the dropout subnetworks of the same drop probabilities, run on its trained weights.",
        "ko": "이 신경망은 유닛 마스크를 뽑지 않는 **{method}**로 학습합니다. 카드는 같은 드롭 확률의 드롭아웃 부분 신경망을 학습된 가중치로 실행한 것입니다.",
    },
    "subnet.combo_sampled": {
        "en": "Over the {n} sampled subnetworks only: each counts w(μ) = 1/{n}, because they were drawn with probability p(μ). So the first two rows are Monte Carlo estimates from {n} masks, ± one (jackknife) standard error: they may differ from the Theory page's figures for this point, which come from 20,000 masks.",
        "ko": "뽑은 부분 신경망 {n}개만으로 계산했습니다. 확률 p(μ)로 뽑았으므로 각 부분 신경망은 w(μ) = 1/{n}만큼 반영됩니다. 따라서 처음 두 행은 마스크 {n}개로 얻은 몬테카를로 추정값이고, ± 뒤의 값은 (잭나이프) 표준오차입니다. 마스크 20,000개로 계산하는 이론 페이지의 같은 점 값과는 다를 수 있습니다.",
    },
}
