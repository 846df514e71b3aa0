"""The Theory page: its sentences follow the current net and the way it drops units."""

import pytest

from dropviz.i18n import t
from dropviz.text import TEXT
from dropviz.text.numbers import significant
from tests.apptest import open_page


def markdowns(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_small_and_large_numbers_are_written_in_powers_of_ten_that_never_break_across_lines():
    assert significant(3.4712e-20) == "3.47\u00a0×\u00a010⁻²⁰"  # no-break spaces: one line in any browser
    assert " " not in significant(7.38e19) and significant(7.38e19).endswith("10¹⁹")
    assert significant(0.16) == "0.16" and significant(0.123456, 2) == "0.12"
    assert significant(1.0) == "1"


def test_tiny_mask_probabilities_never_print_as_e_notation():
    at = open_page("theory", {"hidden": "3"})  # d = 98: p(mu) of a sampled mask is about 10^-30
    text = markdowns(at)
    assert "e-" not in text and "×\u00a010⁻" in text and " × 10" not in text


def test_weight_scaling_formula_scales_the_weights_leaving_unit_i_by_its_keep_probability():
    at = open_page("theory", {"hidden": "1", "width": "2"})
    formulas = [f.body for f in at.get("latex")]
    assert any("W^{\\text{test}}_{ij} = k_i\\,W_{ij}" in f and "unit } i \\text{ to unit } j" in f for f in formulas)
    assert any("\\mu_i\\,h_i / k_i" in f for f in formulas)  # inverted dropout: the same unit i, kept or not
    for lang in ("en", "ko"):
        assert t("theory.ws", lang).count("Wᵢⱼ") == 1 and "kᵢ" in t("theory.ws", lang)


def test_the_english_text_corrects_the_harmonic_mean_for_english_readers():
    assert "Korean" not in t("theory.geom") and "harmonic mean" in t("theory.geom")
    assert "조화평균" in t("theory.geom", "ko") and "기하평균이 맞습니다" in t("theory.geom", "ko")


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("method", ["gaussian", "dropconnect"])
def test_other_noises_do_not_count_the_unit_masks_training_drew(method, lang):
    at = open_page("theory", {"method": method, "lang": lang})
    name = t(f"method.short.{method}", lang)
    note = t("theory.method_note", lang, method=name) + " " + t("theory.method_note_rules", lang, method=name)
    assert at.info[0].value == note  # said before any count
    text = markdowns(at)
    assert text.count(t("theory.live_other", lang, method=name)) == 1
    assert t("theory.live_current", lang) not in text
    for key in ("theory.rare", "theory.one_mask", "theory.common"):  # what training drew: unit masks only
        assert TEXT[key][lang].split("{")[0] not in text
    assert "e-" not in text


def test_dropconnect_counts_its_weight_masks():
    small = markdowns(open_page("theory", {"method": "dropconnect", "hidden": "0"}))  # 2 inputs x 2 classes
    assert t("theory.dropconnect_masks", k=2, w="4", masks="16") in small
    big = markdowns(open_page("theory", {"method": "dropconnect"}))  # 2x32 + 32x32 + 32x2 weights
    assert t("theory.dropconnect_masks", k=66, w="1,152", masks="2¹¹⁵²") in big


def test_gaussian_noise_has_no_finite_set_of_masks():
    text = markdowns(open_page("theory", {"method": "gaussian", "hidden": "1", "width": "4"}))
    assert t("theory.gaussian_draws", k=6) in text
    assert t("theory.sampled_gaussian", n="20,000") in text


@pytest.mark.parametrize("method", ["gaussian", "dropconnect"])
def test_other_noises_with_every_drop_probability_0_or_1_are_exact(method):
    at = open_page("theory", {"method": method, "p_in": "0.0", "p_h1": "1.0", "p_h2": "0.0"})
    text = markdowns(at)
    name = t(f"method.short.{method}")
    assert t("theory.exact_one_noise", method=name) in text and t("theory.single") in text
    assert at.info[0].value == t("theory.method_note", method=name)  # nothing is drawn: no word of averaging draws
    table = at.dataframe[0].value
    assert not any("±" in str(v) for v in table.to_numpy().ravel())
    assert (table.iloc[0] == table.iloc[2]).all() and (table.iloc[1] == table.iloc[2]).all()


def test_dropout_counts_the_masks_training_drew():
    text = markdowns(open_page("theory"))
    assert text.startswith(t("theory.bagging")) and t("theory.live_current") + " d = **66**" in text
    assert "training has drawn" in text and t("theory.one_mask", mu="", p="", log="")[:15] in text
