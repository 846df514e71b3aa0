"""The Theory page: its sentences follow the current net and the way it drops units."""

import pytest

from dropviz.i18n import t
from dropviz.text.numbers import significant
from tests.apptest import open_page


def markdowns(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_small_and_large_numbers_are_written_in_powers_of_ten():
    assert significant(3.4712e-20) == "3.47 × 10⁻²⁰"
    assert significant(7.38e19) == "7.38 × 10¹⁹"
    assert significant(0.16) == "0.16"
    assert significant(1.0) == "1"


def test_tiny_mask_probabilities_never_print_as_e_notation():
    at = open_page("theory", {"hidden": "3"})  # d = 98: p(mu) of a sampled mask is about 10^-30
    text = markdowns(at)
    assert "e-" not in text and "× 10⁻" in text


def test_weight_scaling_formula_scales_the_weights_leaving_unit_i_by_its_keep_probability():
    at = open_page("theory", {"hidden": "1", "width": "2"})
    formulas = [f.body for f in at.get("latex")]
    scaling = [f for f in formulas if "W^{\\text{test}}_{ij}" in f and "k_i" in f]
    assert scaling, formulas
    assert t("theory.ws").count("Wᵢⱼ") == 1 and "kᵢ" in t("theory.ws")


@pytest.mark.parametrize("method", ["gaussian", "dropconnect"])
def test_other_noises_do_not_count_the_unit_masks_training_drew(method):
    at = open_page("theory", {"method": method})
    name = t(f"side.method.{method}")
    assert t("theory.method_note", method=name) in [i.value for i in at.info]
    text = markdowns(at)
    assert "training has drawn" not in text and "masks out of" not in text


def test_dropout_counts_the_masks_training_drew():
    text = markdowns(open_page("theory"))
    assert "training has drawn" in text
