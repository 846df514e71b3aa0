"""Strings of the subnetworks page (the book's Figure 7.6, live), including the words drawn on its cards."""

TEXT: dict[str, dict[str, str]] = {
    "subnet.title": {
        "en": "Subnetworks (Fig.\u00a07.6)",
        "ko": "부분 신경망 (그림\u00a07.6)",
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
    "subnet.ensemble.at_point": {
        "en": "At the open circle (the test point of the table below):",
        "ko": "속이 빈 원(아래 표의 테스트 점)에서의 값:",
    },
    "subnet.ensemble.listed_noise": {
        "en": "Σ p(μ) × the surfaces at the left: the exact mean over these dropout masks. The Inference page averages over {method} instead, so its picture can differ.",
        "ko": "Σ p(μ) × (왼쪽의 각 그림): 이 드롭아웃 마스크들에 대한 정확한 평균입니다. 추론 규칙 페이지는 {method}에 대해 평균하므로 그림이 다를 수 있습니다.",
    },
    "subnet.ensemble.se": {
        "en": "± one standard error of this mean of {n} draws. The Inference and Theory pages average over every mask (or thousands), so theirs can differ by about that much.",
        "ko": "±: 뽑은 {n}개로 낸 이 평균의 표준오차. 추론 규칙 페이지와 이론 페이지는 모든 마스크(너무 많으면 수천 개)로 평균하므로 그 값이 이 정도 다를 수 있습니다.",
    },
    "subnet.ensemble.se_noise": {
        "en": "± one standard error of this mean of {n} draws. The Inference and Theory pages average over {method} instead, so theirs can differ by more.",
        "ko": "±: 뽑은 {n}개로 낸 이 평균의 표준오차. 추론 규칙 페이지와 이론 페이지는 {method}에 대해 평균하므로 그 값이 이보다 더 다를 수 있습니다.",
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
    "subnet.col.mask_help": {
        "en": "1 = kept, layers split by |. A mask too long for the table is cut at its right edge: hover a card above to read all of it.",
        "ko": "1 = 유지, 층은 |로 구분합니다. 표에 다 들어가지 않는 긴 마스크는 오른쪽 끝에서 잘립니다. 위의 카드에 마우스를 올리면 전체 마스크가 보입니다.",
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
        "en": "The first two rows are computed from the table above with w(μ) = p(μ): the exact arithmetic and normalized geometric means over all {n} subnetworks, the same as on the Inference and Theory pages.",
        "ko": "처음 두 행은 위 표에서 w(μ) = p(μ)로 계산한 것으로, 부분 신경망 {n}개 전체에 대한 정확한 산술평균과 정규화한 기하평균입니다. 추론 규칙 페이지와 이론 페이지의 값과 같습니다.",
    },
    "subnet.combo_listed_noise": {
        "en": "The first two rows are computed from the table above with w(μ) = p(μ): the exact arithmetic and normalized geometric means over all {n} dropout subnetworks. The Inference and Theory pages average over {method} instead, so their figures can differ.",
        "ko": "처음 두 행은 위 표에서 w(μ) = p(μ)로 계산한 것으로, 드롭아웃 부분 신경망 {n}개 전체에 대한 정확한 산술평균과 정규화한 기하평균입니다. 추론 규칙 페이지와 이론 페이지는 {method}에 대해 평균하므로 값이 다를 수 있습니다.",
    },
    "subnet.combo_sampled": {
        "en": "Over the {n} drawn subnetworks only: each counts w(μ) = 1/{n}, because they were drawn with probability p(μ). So the first two rows are Monte Carlo estimates from {n} masks, ± one (jackknife) standard error. The Theory and Inference pages average over every mask, or over thousands when there are too many, so their figures for this point can differ from these by about the ± shown.",
        "ko": "뽑은 부분 신경망 {n}개만으로 계산했습니다. 확률 p(μ)로 뽑았으므로 각 부분 신경망은 w(μ) = 1/{n}만큼 반영됩니다. 따라서 처음 두 행은 마스크 {n}개로 얻은 몬테카를로 추정값이고, ± 뒤의 값은 (잭나이프) 표준오차입니다. 이론 페이지와 추론 규칙 페이지는 모든 마스크(너무 많으면 수천 개)로 평균하므로, 이 점에서의 값이 여기 값과 ± 뒤의 값 정도 다를 수 있습니다.",
    },
    "subnet.combo_sampled_noise": {
        "en": "Over the {n} drawn subnetworks only: each counts w(μ) = 1/{n}, because they were drawn with probability p(μ). So the first two rows estimate the means over dropout masks from {n} masks (Monte Carlo), ± one (jackknife) standard error. The Theory and Inference pages average over {method} instead, so their figures for this point can differ from these by more than that.",
        "ko": "뽑은 부분 신경망 {n}개만으로 계산했습니다. 확률 p(μ)로 뽑았으므로 각 부분 신경망은 w(μ) = 1/{n}만큼 반영됩니다. 따라서 처음 두 행은 드롭아웃 마스크에 대한 평균을 마스크 {n}개로 추정한 몬테카를로 추정값이고, ± 뒤의 값은 (잭나이프) 표준오차입니다. 이론 페이지와 추론 규칙 페이지는 {method}에 대해 평균하므로, 이 점에서의 값이 여기 값과 그보다 더 크게 다를 수 있습니다.",
    },
    "subnet.method.gaussian": {
        "en": "Gaussian noise",
        "ko": "가우시안 노이즈",
    },
    "subnet.method.dropconnect": {
        "en": "DropConnect's weight masks",
        "ko": "DropConnect의 가중치 마스크",
    },
    "subnet.ws.one": {
        "en": "Only one subnetwork can occur (every drop probability is 0 or 1), so the three rows agree exactly: there is nothing to average.",
        "ko": "나올 수 있는 부분 신경망이 하나뿐이므로(모든 드롭 확률이 0 또는 1) 세 행이 정확히 같습니다. 평균할 것이 없습니다.",
    },
    "subnet.ws.same": {
        "en": "Every subnetwork computes the same output here: after each unit that can vary comes a layer that is always dropped (drop probability 1), so the masks change nothing and the three rows agree exactly.",
        "ko": "여기서는 모든 부분 신경망의 출력이 같습니다. 바뀔 수 있는 유닛 뒤에 항상 드롭되는 층(드롭 확률 1)이 있어 마스크가 아무것도 바꾸지 못하므로, 세 행이 정확히 같습니다.",
    },
    "subnet.ws.softmax": {
        "en": "With no hidden layer the net is softmax regression: its logits are linear in the mask, so their mean over masks is the net run once with each mask at its mean. Weight scaling therefore gives exactly the normalized geometric mean over all masks, as the book shows (the arithmetic mean in general differs).",
        "ko": "은닉층이 없으면 이 신경망은 소프트맥스 회귀입니다. 로짓이 마스크에 대해 선형이므로, 마스크에 대한 로짓의 평균은 각 마스크를 그 평균값으로 두고 신경망을 한 번 실행한 결과와 같습니다. 따라서 책에서 보인 대로 가중치 스케일링은 모든 마스크에 대한 정규화한 기하평균과 정확히 같습니다(산술평균은 일반적으로 다릅니다).",
    },
    "subnet.ws.linear": {
        "en": "With linear hidden units the logits are sums of products of independent mask entries, so their mean over masks is the net run once with each mask at its mean. Weight scaling therefore gives exactly the normalized geometric mean over all masks (the arithmetic mean in general differs).",
        "ko": "은닉 유닛이 선형이면 로짓은 서로 독립인 마스크 성분들의 곱을 더한 것이므로, 마스크에 대한 로짓의 평균은 각 마스크를 그 평균값으로 두고 신경망을 한 번 실행한 결과와 같습니다. 따라서 가중치 스케일링은 모든 마스크에 대한 정규화한 기하평균과 정확히 같습니다(산술평균은 일반적으로 다릅니다).",
    },
    "subnet.ws.last": {
        "en": "The only units that vary and reach the output are in the last hidden layer, which feeds the logits with no nonlinearity after it: the logits are linear in those masks. Weight scaling therefore gives exactly the normalized geometric mean over all masks (the arithmetic mean in general differs).",
        "ko": "바뀌면서 출력에 닿는 유닛은 모두 마지막 은닉층에 있고, 이 층은 뒤에 비선형 함수 없이 바로 로짓으로 이어지므로 로짓이 그 마스크에 대해 선형입니다. 따라서 가중치 스케일링은 모든 마스크에 대한 정규화한 기하평균과 정확히 같습니다(산술평균은 일반적으로 다릅니다).",
    },
    "subnet.ws.approx": {
        "en": "Weight scaling runs the whole net once; with a nonlinear hidden layer after units that vary, it only approximates the two means.",
        "ko": "가중치 스케일링 추론 규칙은 전체 신경망을 한 번만 실행합니다. 바뀌는 유닛 뒤에 비선형 은닉층이 있으므로 두 평균을 근사할 뿐입니다.",
    },
    "subnet.note_gaussian": {
        "en": "This net is trained with **Gaussian noise**, which never removes a unit: it multiplies every unit by noise from N(1, p/(1−p)). The cards show instead the dropout subnetworks of the same drop probabilities, run on its trained weights: μ and p(μ) are dropout's masks and their probabilities, not what this net's training draws.",
        "ko": "이 신경망은 **가우시안 노이즈**로 학습하는데, 이 방법은 유닛을 없애지 않고 모든 유닛에 N(1, p/(1−p))에서 뽑은 노이즈를 곱합니다. 카드는 그 대신 드롭 확률이 같은 드롭아웃 부분 신경망을 학습된 가중치로 실행한 것입니다. μ와 p(μ)는 드롭아웃의 마스크와 그 확률이며, 이 신경망이 학습 중에 뽑는 것이 아닙니다.",
    },
    "subnet.note_dropconnect": {
        "en": "This net is trained with **DropConnect**, which drops single weights, not units. The cards show instead the dropout subnetworks (whole units removed) of the same drop probabilities, run on its trained weights: μ and p(μ) are dropout's unit masks and their probabilities, not what this net's training draws.",
        "ko": "이 신경망은 **DropConnect**로 학습하는데, 이 방법은 유닛이 아니라 가중치를 하나하나 드롭합니다. 카드는 그 대신 드롭 확률이 같은 드롭아웃 부분 신경망(유닛을 통째로 지움)을 학습된 가중치로 실행한 것입니다. μ와 p(μ)는 드롭아웃의 유닛 마스크와 그 확률이며, 이 신경망이 학습 중에 뽑는 것이 아닙니다.",
    },
}
