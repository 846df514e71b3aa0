"""The Start page."""

TEXT: dict[str, dict[str, str]] = {
    "home.title": {
        "en": "dropviz: dropout, seen",
        "ko": "dropviz: 눈으로 보는 드롭아웃",
    },
    "home.intro": {
        "en": "Dropout (Deep Learning, section 7.12) trains a network while randomly switching units off: every example of every minibatch gets its own fresh **mask**, which keeps each input unit with probability 0.8 and each hidden unit with probability 0.5 (the book's suggested **drop** probabilities are 0.2 and 0.5). Each mask picks a **subnetwork**, and all subnetworks share one set of weights, so training is a cheap kind of **bagging**. At test time the subnetworks' predictions have to be combined: this app shows how.",
        "ko": "드롭아웃(Deep Learning 7.12절)은 유닛(노드)을 무작위로 끄면서 신경망을 학습합니다. 미니배치의 예제마다 새 **마스크**를 뽑아 입력 유닛은 유지 확률 0.8로, 은닉 유닛은 유지 확률 0.5로 남깁니다(책이 권하는 **드롭** 확률은 0.2와 0.5). 마스크마다 **부분 신경망**이 하나 정해지고, 모든 부분 신경망이 가중치 한 벌을 공유하므로 학습은 값싼 **배깅**인 셈입니다. 테스트할 때는 부분 신경망들의 예측을 합쳐야 하는데, 이 앱은 그 방법들을 보여 줍니다.",
    },
    "home.masks": {
        "en": "Watch masks being drawn on the network and count the 2^d subnetworks.",
        "ko": "신경망 위에서 마스크가 뽑히는 모습을 보고 부분 신경망 2^d개를 세어 봅니다.",
    },
    "home.subnetworks": {
        "en": "Every subnetwork a mask can pick (the book's Figure 7.6), each with its own decision surface, and how their average is the ensemble.",
        "ko": "마스크가 고를 수 있는 모든 부분 신경망(책의 그림 7.6)과 각각의 결정 경계, 그리고 그 평균이 앙상블이 되는 모습을 봅니다.",
    },
    "home.bagging": {
        "en": "Bagging trains k separate nets on k resamples of the data; dropout trains exponentially many that share one set of weights. Side by side.",
        "ko": "배깅은 데이터의 재표본 k개로 신경망 k개를 따로 학습하고, 드롭아웃은 가중치 한 벌을 공유하는, 기하급수적으로 많은 신경망을 학습합니다. 둘을 나란히 비교합니다.",
    },
    "home.beyond": {
        "en": "Beyond the book: how many sampled masks it takes to match weight scaling, and where the subnetworks disagree (MC dropout uncertainty).",
        "ko": "책 너머: 가중치 스케일링만큼 좋아지려면 마스크를 몇 개나 뽑아야 하는지, 그리고 부분 신경망들의 예측이 어디서 엇갈리는지(몬테카를로 드롭아웃의 불확실성).",
    },
    "home.train": {
        "en": "Train live, with dropout and without, and watch the twin without dropout overfit.",
        "ko": "드롭아웃을 쓴 신경망과 쓰지 않은 신경망을 실시간으로 함께 학습하고, 드롭아웃 없는 쌍둥이 신경망이 과적합하는 모습을 봅니다.",
    },
    "home.inference": {
        "en": "Compare the arithmetic mean, the geometric mean and weight scaling on one trained net.",
        "ko": "학습된 신경망 하나에서 산술평균, 기하평균, 가중치 스케일링 추론 규칙을 비교합니다.",
    },
    "home.theory": {
        "en": "The formulas, with the current net's numbers filled in.",
        "ko": "수식에 현재 신경망의 숫자를 채워 넣어 봅니다.",
    },
    "home.presenting": {
        "en": "Presenting: the sidebar holds every setting (collapse it with « for more room), and the address bar always holds a link that reopens exactly this view. Sliders set **drop** probabilities p; the keep probability is 1 − p.",
        "ko": "발표 팁: 모든 설정은 사이드바에 있고(« 버튼으로 접으면 화면이 넓어집니다), 주소창에는 언제나 지금 화면을 그대로 다시 여는 링크가 있습니다. 슬라이더는 **드롭** 확률 p를 정하며, 유지 확률은 1 − p입니다.",
    },
}
