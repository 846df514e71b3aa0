"""Bagging library: bootstrap resamples, and k members trained in one batched computation."""

import math

import pytest
import torch

from dropviz.core import bagging as bg
from dropviz.core.experiment import ExperimentConfig
from dropviz.core.model import DropoutMLP
from dropviz.core.training import Trainer, TrainingDiverged
from dropviz.data.datasets import Split, make_split

CONFIG = ExperimentConfig()  # the app's defaults: 2-16-16-2 ReLU, Adam lr 0.01, batch 16, 40 training points


@pytest.fixture(scope="module")
def split() -> Split:
    c = CONFIG
    return make_split(c.dataset, c.n_train, c.n_test, c.noise, c.seed)


def test_bootstrap_indices_have_one_row_of_n_draws_per_member_within_range():
    idx = bg.bootstrap_indices(40, 8, torch.Generator().manual_seed(0))
    assert idx.shape == (8, 40) and idx.dtype == torch.int64
    assert int(idx.min()) >= 0 and int(idx.max()) < 40


def test_share_of_distinct_points_is_close_to_its_expectation():
    n, k = 40, 4000
    share = bg.distinct_share(bg.bootstrap_indices(n, k, torch.Generator().manual_seed(1)))
    expected = 1 - (1 - 1 / n) ** n
    assert bg.expected_distinct_share(n) == pytest.approx(expected)
    # a member's share has standard deviation about 0.05 at n = 40; over 4000 members the mean's is below 0.001
    assert float(share.mean()) == pytest.approx(expected, abs=0.005)
    assert bg.expected_distinct_share(100_000) == pytest.approx(1 - 1 / math.e, abs=1e-5)


def test_distinct_share_counts_repeats_once():
    idx = torch.tensor([[0, 0, 0, 0], [0, 1, 2, 3], [3, 3, 1, 1]])
    assert bg.distinct_share(idx).tolist() == [0.25, 1.0, 0.5]


def test_bootstrap_is_random_and_reproducible_with_a_generator():
    a = bg.bootstrap_indices(50, 3, torch.Generator().manual_seed(0))
    b = bg.bootstrap_indices(50, 3, torch.Generator().manual_seed(1))
    again = bg.bootstrap_indices(50, 3, torch.Generator().manual_seed(0))
    assert not torch.equal(a, b)
    assert torch.equal(a, again)
    assert not torch.equal(a[0], a[1])  # members get different resamples


@pytest.mark.parametrize(
    "call",
    [
        lambda: bg.bootstrap_indices(0, 3),
        lambda: bg.bootstrap_indices(10, 0),
        lambda: bg.bootstrap_indices(10, 2.5),
        lambda: bg.distinct_share(torch.tensor([[0, 5]])),
        lambda: bg.distinct_share(torch.tensor([0, 1])),
        lambda: bg.expected_distinct_share(0),
    ],
)
def test_bad_input_is_refused_with_a_value_error(call):
    with pytest.raises(ValueError):
        call()


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"k": 0}, "members"),
        ({"optimizer": "rmsprop"}, "optimizer"),
        ({"lr": 0.0}, "learning rate"),
        ({"batch_size": 0}, "batch"),
    ],
)
def test_trainer_refuses_bad_settings(split, kwargs, message):
    args = {"k": 3} | kwargs
    with pytest.raises(ValueError, match=message):
        bg.BaggingTrainer([2, 4, 2], "relu", split.train, **args)


@pytest.mark.parametrize("optimizer", ["adam", "sgd"])
def test_batched_members_equal_separately_trained_single_nets(split, optimizer):
    """Same init (seed + i), same resample, same minibatches: each member equals an ordinary Trainer run."""
    c, k, steps, lr = CONFIG, 4, 60, {"adam": 0.01, "sgd": 0.1}[optimizer]
    bagging = bg.BaggingTrainer(c.layer_sizes(2), c.activation, split.train, k, optimizer, lr, c.batch_size, seed=3)
    before = [w.detach().clone() for w in bagging.members.weights]
    bagging.step(steps)
    assert any(not torch.allclose(a, b) for a, b in zip(before, bagging.members.weights))  # it did train
    x = torch.from_numpy(split.test.x)
    batched = bg.predict_proba(bagging.members, x)
    for i in range(k):
        seed = bg.member_seed(3, i)
        alone = bg.DropoutMLP(c.layer_sizes(2), bg.no_dropout(c.layer_sizes(2)), c.activation, seed=seed)
        resampled = Split(bg.resample(split.train, bagging.indices[i]), split.test)
        Trainer(alone, resampled, optimizer, lr, c.batch_size, seed=seed).step(steps)
        for mine, theirs in zip(bagging.members.net(i).parameters(), alone.parameters()):
            torch.testing.assert_close(mine, theirs, atol=1e-5, rtol=0)
        with torch.no_grad():
            torch.testing.assert_close(batched[i], torch.softmax(alone.eval()(x), -1), atol=1e-5, rtol=0)


def test_members_start_from_the_seeded_single_nets():
    members = bg.Members.initial([2, 5, 3], "tanh", [7, 8])
    net = bg.DropoutMLP([2, 5, 3], [0.0, 0.0], "tanh", seed=8)
    for mine, theirs in zip(members.net(1).parameters(), net.parameters()):
        assert torch.equal(mine, theirs)
    assert members.parameters_each == sum(p.numel() for p in net.parameters())


def test_predict_proba_gives_k_rows_of_probabilities(split):
    bagging = bg.BaggingTrainer([2, 6, 6, 3], "relu", split.train, 5, seed=0)
    probs = bg.predict_proba(bagging.members, torch.randn(11, 2))
    assert probs.shape == (5, 11, 3)
    torch.testing.assert_close(probs.sum(-1), torch.ones(5, 11))
    with pytest.raises(ValueError, match="shape"):
        bg.predict_proba(bagging.members, torch.randn(11, 3))


def test_training_continues_where_it_stopped(split):
    """Carrying on from step 30 equals training 50 steps at once (the page relies on it)."""
    one = bg.BaggingTrainer.for_experiment(CONFIG, split, 3)
    two = bg.BaggingTrainer.for_experiment(CONFIG, split, 3)
    one.step(50)
    two.step(30)
    two.step(20)
    for a, b in zip(one.members.parameters(), two.members.parameters()):
        assert torch.equal(a, b)
    assert one.seconds > 0


def test_a_diverging_member_stops_training_with_a_message(split):
    bagging = bg.BaggingTrainer([2, 16, 2], "relu", split.train, 3, "sgd", lr=1e6, batch_size=8)
    with pytest.raises(TrainingDiverged, match="bagging member"):
        bagging.step(200)
    assert bagging.diverged_member is not None and bagging.steps_done < 200
    with pytest.raises(TrainingDiverged):
        bagging.step(1)


def test_scores_of_probabilities():
    probs = torch.tensor([[[0.9, 0.1], [0.2, 0.8]], [[0.4, 0.6], [1.0, 0.0]]])
    y = torch.tensor([0, 1])
    torch.testing.assert_close(bg.accuracy(probs, y), torch.tensor([1.0, 0.0], dtype=torch.float64))
    nll = bg.log_loss(probs, y)
    assert float(nll[0]) == pytest.approx(-(math.log(0.9) + math.log(0.8)) / 2)
    assert math.isfinite(float(nll[1]))  # a sure mistake is clamped, not infinite


def test_the_dropout_net_is_timed_on_a_fresh_copy():
    seconds = bg.time_dropout_net(ExperimentConfig(hidden_layers=1, width=4, drop_probs=(0.2, 0.5)), 20)
    assert 0 < seconds < 10
    with pytest.raises(ValueError, match="steps"):
        bg.time_dropout_net(CONFIG, -1)


def test_rule_scores_carry_the_jackknife_standard_error_of_a_monte_carlo_mean():
    """Against the jackknife written out: G means each without one group of masks, se = sqrt((G-1)/G Σ (s_g - s̄)²)."""
    gen = torch.Generator().manual_seed(0)
    y = torch.randint(0, 2, (300,), generator=gen)
    groups = torch.softmax(2 * torch.randn(10, 300, 2, generator=gen), -1)  # 10 groups' mean probabilities
    full = groups.mean(0)
    left_out = [(full * 10 - groups[g]) / 9 for g in range(10)]
    scores = bg.rule_scores(full, y, left_out)
    for value, se, of in ((scores.acc, scores.acc_se, bg.accuracy), (scores.nll, scores.nll_se, bg.log_loss)):
        assert value == pytest.approx(float(of(full, y)))
        reps = [float(of(p, y)) for p in left_out]
        mean = sum(reps) / 10
        assert se == pytest.approx(math.sqrt(9 / 10 * sum((r - mean) ** 2 for r in reps)))
        assert se > 0
    exact = bg.rule_scores(full, y)
    assert exact.acc_se is None and exact.nll_se is None and exact.nll == scores.nll


def test_rule_scores_error_matches_the_spread_of_independent_monte_carlo_runs():
    """The jackknife se of one 400-mask estimate ≈ the standard deviation of that estimate over 30 fresh runs."""
    from dropviz.core import ensembles as en

    net = bg.DropoutMLP([2, 16, 2], [0.2, 0.5], "relu", seed=1)
    x = torch.randn(200, 2, generator=torch.Generator().manual_seed(2))
    y = (x[:, 0] > 0).long()
    runs = [en.all_rules(net, x, n_samples=400, generator=torch.Generator().manual_seed(s)) for s in range(30)]
    nlls = torch.tensor([bg.rule_scores(r.arithmetic, y).nll for r in runs])
    ses = [bg.rule_scores(r.arithmetic, y, [a for a, _ in r.leave_one_out]).nll_se for r in runs]
    spread = float(nlls.std())
    assert 0.5 * spread < sum(ses) / len(ses) < 2 * spread


def test_one_mask_scores_the_same_nll_under_the_arithmetic_mean_and_weight_scaling():
    """With nothing dropped the rules are one net, so a confidently wrong prediction (p about 1e-10, far under
    float32's 6e-8 next to 1) must cost the same under both: the arithmetic mean must not round it to 0."""
    from dropviz.core import ensembles as en

    model = DropoutMLP([2, 3, 2], [0.0, 0.0], seed=0)
    with torch.no_grad():
        model.linears[-1].bias.add_(torch.tensor([-11.0, 11.0]))  # p(class 0) about 2e-10 to 5e-10
    x = torch.randn(20, 2, generator=torch.Generator().manual_seed(1)) * 1.5
    rules = en.all_rules(model, x)
    y = torch.zeros(20, dtype=torch.long)  # every point's true class is the one the net all but rules out
    wrong = float(bg.log_loss(rules.weight_scaled, y))
    assert 20 < wrong < 25  # the floor (1e-12: NLL 27.6) is not what sets these numbers
    assert float(bg.log_loss(rules.arithmetic, y)) == pytest.approx(wrong, rel=1e-4)


def _brute_force(keep: list[float], draws: int) -> tuple[float, float, float]:
    """Expected distinct masks and the most and least likely mask's expected count, over every one of the 2^d."""
    from itertools import product

    varying = [q for q in keep if 0 < q < 1]
    probs = [
        math.prod(q if bit else 1 - q for q, bit in zip(varying, bits)) for bits in product((0, 1), repeat=len(varying))
    ]
    return sum(1 - (1 - p) ** draws for p in probs), draws * max(probs), draws * min(probs)


@pytest.mark.parametrize(
    "keep, draws",
    [
        ([0.8, 0.8, 0.5, 0.5, 0.5, 0.5], 8000),  # a 2-4-2 net at the book's 0.2 / 0.5: every mask drawn
        ([0.5] * 12, 3000),  # 4,096 equally likely masks, many never drawn
        ([0.9, 0.3, 0.5, 0.7, 0.95, 0.6, 0.8, 0.5, 0.5, 0.2], 700),  # every keep its own group
        ([1.0, 0.0, 0.5, 0.5, 1.0], 10),  # keep 0 or 1 never varies
        ([1.0, 0.0], 50),  # nothing varies: one mask, drawn every time
        ([0.5, 0.5], 0),
    ],
)
def test_mask_draws_equals_the_sum_over_every_mask(keep, draws):
    got = bg.mask_draws(torch.tensor(keep, dtype=torch.float64), draws)
    distinct, most, least = _brute_force(keep, draws)
    assert got.d == sum(0 < q < 1 for q in keep) and got.draws == draws
    assert got.distinct == pytest.approx(distinct, rel=1e-9, abs=1e-9)
    assert got.most_likely == pytest.approx(most) and got.least_likely == pytest.approx(least)
    assert got.never_drawn == pytest.approx(2**got.d - distinct, abs=1e-6)


def test_mask_draws_agrees_with_simulated_draws():
    keep, draws = torch.tensor([0.8, 0.8] + [0.5] * 8), 600
    gen = torch.Generator().manual_seed(0)
    counts = []
    for _ in range(200):
        masks = torch.bernoulli(keep.expand(draws, -1), generator=gen)
        counts.append(len(torch.unique(masks, dim=0)))
    expected = bg.mask_draws(keep, draws).distinct
    assert sum(counts) / len(counts) == pytest.approx(expected, rel=0.01)


def test_mask_draws_of_huge_mask_sets_is_about_one_distinct_mask_per_draw():
    """DropConnect on a 2-32-32-32-2 net: 2,176 varying weights in 4 keep values, far past enumerating the groups."""
    keep = torch.tensor([0.6] * 64 + [0.5] * 1024 + [0.4] * 1024 + [0.7] * 64)
    got = bg.mask_draws(keep, 8000)
    assert got.d == 2176 and got.distinct == pytest.approx(8000) and got.distinct <= 8000
    assert got.never_drawn == math.inf and got.most_likely < 1e-300


def test_dropconnect_weights_inherit_the_keep_probability_of_the_unit_they_leave():
    net = bg.DropoutMLP([2, 3, 2], [0.2, 0.5], "relu", noise="dropconnect")
    keep = bg.weight_keep_probs(net)
    assert keep.shape == (2 * 3 + 3 * 2,)
    torch.testing.assert_close(keep.float(), torch.tensor([0.8] * 6 + [0.5] * 6))
