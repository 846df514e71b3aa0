"""The server's warm-up and the results it shares: every page's default view served without computing again, and
shared results that are private copies keyed by everything they depend on."""

import pytest
import torch

from app import training_cache, warmup
from app.settings import Settings
from dropviz.core import bagging as bg
from dropviz.core import ensembles as en
from dropviz.core import masks as mk
from dropviz.core.experiment import Experiment, ExperimentConfig
from dropviz.core.model import DropoutMLP
from tests import apptest

CONFIG = ExperimentConfig(n_train=30, n_test=100, hidden_layers=1, width=4, drop_probs=(0.2, 0.5))


def refuse(*_args, **_kwargs):
    raise AssertionError("computed during a visit although the warm-up computed it")


@pytest.fixture(scope="module")
def warmed():
    """A process after the server's warm-up (trained default net, default views computed)."""
    training_cache.clear()
    warmup.prepare_process()
    yield
    training_cache.clear()


@pytest.mark.parametrize("page", ["inference", "bagging", "beyond", "theory", "subnetworks", "masks"])
def test_after_the_warm_up_a_first_visit_neither_trains_nor_recomputes_the_default_view(warmed, monkeypatch, page):
    monkeypatch.setattr(Experiment, "step", refuse)
    monkeypatch.setattr(bg.BaggingTrainer, "step", refuse)
    monkeypatch.setattr(training_cache, "compute_rules", refuse)
    monkeypatch.setattr(training_cache, "compute_curve", refuse)
    monkeypatch.setattr(bg, "time_dropout_net", refuse)
    at = apptest.open_page(page)  # fails on any exception the page raised
    assert at.title or at.markdown


def test_warm_results_are_what_the_page_would_compute(warmed):
    """The stored default rules equal a fresh computation on a net trained the way a visitor's is."""
    exp = Experiment(Settings().experiment())
    assert training_cache.restore(exp, [(exp.config.drop_probs, 500)])
    _, x = training_cache.rule_inputs(exp.split)
    stored = training_cache.lookup(training_cache.rules_key(exp.model, x, 0))
    assert stored is not None and not stored.exact and stored.n_masks == training_cache.RULES_SAMPLES
    fresh = training_cache.compute_rules(exp.model, x, 0)
    torch.testing.assert_close(stored.arithmetic, fresh.arithmetic)
    torch.testing.assert_close(stored.geometric, fresh.geometric)


def test_a_fingerprint_changes_with_the_weights_the_keep_probabilities_and_the_inputs():
    a = DropoutMLP([2, 4, 2], [0.2, 0.5], seed=0)
    b = DropoutMLP([2, 4, 2], [0.2, 0.5], seed=0)
    assert training_cache.model_fingerprint(a) == training_cache.model_fingerprint(b)
    b.set_drop_probs([0.2, 0.6])
    assert training_cache.model_fingerprint(a) != training_cache.model_fingerprint(b)
    b.set_drop_probs([0.2, 0.5])
    with torch.no_grad():
        b.linears[0].weight[0, 0] += 1e-6
    assert training_cache.model_fingerprint(a) != training_cache.model_fingerprint(b)
    x = torch.zeros(3, 2)
    assert training_cache.fingerprint(x) != training_cache.fingerprint(x.double())  # same values, other dtype
    assert training_cache.fingerprint(x) != training_cache.fingerprint(torch.zeros(2, 3))  # same bytes, other shape


def test_a_shared_result_is_a_private_copy_and_computed_once():
    training_cache.clear()
    calls = []

    def compute() -> torch.Tensor:
        calls.append(1)
        return torch.ones(3)

    first = training_cache.shared(("t", 1), compute)
    first += 5  # a visitor changing their copy
    second = training_cache.shared(("t", 1), compute)
    assert len(calls) == 1 and second.tolist() == [1.0, 1.0, 1.0]
    training_cache.clear()


def test_members_are_copied_from_the_furthest_snapshot_and_carry_on_as_if_trained_from_the_start():
    training_cache.clear()
    split = Experiment(CONFIG).split
    trainer = bg.BaggingTrainer.for_experiment(CONFIG, split, 3)
    trainer.step(20)
    training_cache.remember_members(CONFIG, trainer)
    trainer.step(10)
    training_cache.remember_members(CONFIG, trainer)
    assert training_cache.bagging_members(CONFIG, 3, 19) is None  # nothing at or before step 19
    assert training_cache.bagging_members(CONFIG, 4, 40) is None  # other k
    copy = training_cache.bagging_members(CONFIG, 3, 40)
    assert copy is not None and copy.steps_done == 30 and copy is not trainer
    copy.step(10)
    scratch = bg.BaggingTrainer.for_experiment(CONFIG, split, 3)
    scratch.step(40)
    assert all(torch.equal(a, b) for a, b in zip(copy.members.parameters(), scratch.members.parameters()))
    assert training_cache.bagging_members(CONFIG, 3, 40).steps_done == 30  # the store kept its own copy
    training_cache.clear()


def test_monte_carlo_rules_and_their_jackknife_groups_are_means_over_the_masks_sample_masks_draws():
    model = DropoutMLP([2, 5, 5, 3], [0.2, 0.5, 0.5], seed=2)
    x = torch.randn(30, 2, generator=torch.Generator().manual_seed(0))
    n = 250
    result = en.all_rules(model, x, n_samples=n, generator=torch.Generator().manual_seed(5))
    masks = mk.sample_masks(model.keep_probs(), n, torch.Generator().manual_seed(5))
    with torch.no_grad():
        logits = model.forward_masked(x, masks).double()  # [n, N, C], one forward pass per mask
    torch.testing.assert_close(result.arithmetic.double(), torch.softmax(logits, -1).mean(0), atol=1e-6, rtol=1e-5)
    torch.testing.assert_close(result.geometric.double(), torch.softmax(logits.mean(0), -1), atol=1e-6, rtol=1e-5)
    groups = torch.arange(n) * en.JACKKNIFE_GROUPS // n  # contiguous runs of masks
    assert len(result.leave_one_out) == en.JACKKNIFE_GROUPS
    for g in (0, 7, en.JACKKNIFE_GROUPS - 1):
        kept = logits[groups != g]
        arithmetic, geometric = result.leave_one_out[g]
        torch.testing.assert_close(arithmetic.double(), torch.softmax(kept, -1).mean(0), atol=1e-6, rtol=1e-5)
        torch.testing.assert_close(geometric.double(), torch.softmax(kept.mean(0), -1), atol=1e-6, rtol=1e-5)


def test_the_warm_up_makes_streamlits_run_mode_check(monkeypatch):
    """That check walks the whole stack with inspect (0.1 s) on a process's first element: the warm-up pays it."""
    from streamlit import delta_generator

    monkeypatch.setattr(delta_generator, "_use_warning_has_been_displayed", False)
    warmup._check_the_run_mode()
    assert delta_generator._use_warning_has_been_displayed
