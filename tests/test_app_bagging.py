"""The bagging page through Streamlit's AppTest: k members, and a dropout net that follows the drop sliders."""

import re

from streamlit.testing.v1 import AppTest

from dropviz.i18n import t
from tests import apptest

POWER_OF_TWO = re.compile(r"2(\^|[⁰¹²³⁴⁵⁶⁷⁸⁹])")  # "2^6" as written in the tables, "2⁶" as shown

MEMBERS = "bag_members"


def open_page(query: dict[str, str] | None = None) -> AppTest:
    return apptest.open_page("bagging", query)


def member_images(at: AppTest) -> list[str]:
    member = t("bag.member_label", i=1, share=0.5).split("1")[0]
    return [img.value[0] for img in at.image if img.captions[0].startswith(member)]


def main_images(at: AppTest) -> list[str]:
    """Bagging ensemble, dropout net with weight scaling, dropout net's arithmetic mean."""
    return [img.value[0] for img in at.image if not img.captions[0]]


def test_the_k_slider_sets_the_number_of_member_surfaces():
    at = open_page({"hidden": "1", "width": "4"})
    assert [title.value for title in at.title] == [t("bag.title")]
    assert len(member_images(at)) == 8 and len(main_images(at)) == 3
    assert at.session_state[MEMBERS][1].k == 8
    at.slider(key="w_bag_k").set_value(3).run()
    assert not at.exception
    assert len(member_images(at)) == 3
    assert at.session_state[MEMBERS][1].k == 3
    table = at.table[0].value
    assert len(table) == 3 + 3  # bagging, two dropout rules, then each member
    assert table.iloc[0, 0] == "3 × 22 = 66"  # a 2-4-2 net has 2·4 + 4 + 4·2 + 2 = 22 parameters
    assert not any("±" in cell for cell in table.to_numpy().ravel())  # 64 masks: every figure exact


def test_a_drop_slider_changes_the_dropout_net_but_does_not_retrain_the_members():
    at = open_page({"hidden": "1", "width": "4"})
    assert t("bag.sub.exact", masks="64") in [c.value for c in at.caption]
    trainer = at.session_state[MEMBERS][1]
    steps = trainer.steps_done
    members_before, main_before = member_images(at), main_images(at)

    at.slider(key="w_p_in").set_value(0.6).run()

    assert not at.exception
    main_after = main_images(at)
    assert main_after[2] != main_before[2]  # the dropout net's arithmetic mean over masks moved
    # weight scaling under inverted dropout is the plain forward pass: same weights, same picture until retrained
    assert main_after[1] == main_before[1]
    assert main_after[0] == main_before[0]  # the bagging ensemble has no dropout
    assert member_images(at) == members_before
    assert at.session_state[MEMBERS][1] is trainer and trainer.steps_done == steps  # not retrained
    assert any(t("common.layer_drop", layer=t("side.layer_inputs"), p=0.6, keep=0.4) in c.value for c in at.caption)


def test_default_net_uses_monte_carlo_and_korean_translates_the_page():
    at = open_page({"lang": "ko"})
    assert [title.value for title in at.title] == [t("bag.title", "ko")]
    monte_carlo = t("bag.sub.monte_carlo", "ko", n="2,000", d=0).split("2⁰")[0]
    assert any(c.value.startswith(monte_carlo) for c in at.caption)
    assert at.info and at.info[0].value.startswith(t("bag.lesson", "ko", d=0, coverage="")[:10])
    arithmetic = at.table[0].value.iloc[2]  # the dropout net's arithmetic mean over 2,000 sampled masks
    assert "±" in arithmetic.iloc[3] and "±" in arithmetic.iloc[4]
    assert "±" not in at.table[0].value.iloc[1].iloc[3]  # weight scaling: one deterministic pass
    assert any("±" in m.value for m in at.markdown)  # and under its picture


def page_text(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info])


def arithmetic_row(at: AppTest):
    """The dropout net's arithmetic mean in the table: its label, then its cells."""
    table = at.table[0].value
    return table.index[2], table.iloc[2]


def test_no_varying_unit_means_no_ensemble_and_no_count_of_subnetworks():
    at = open_page({"hidden": "1", "width": "4", "p_in": "0.0", "p_h1": "0.0"})
    text = page_text(at)
    assert not POWER_OF_TWO.search(text) and "subnetwork on each example" not in text
    assert t("bag.sampling_none", draws="8,000", method=t("bag.method.bernoulli")) in text
    assert at.info[-1].value == t("bag.lesson_none")
    assert t("bag.sub.exact_one") in text
    label, cells = arithmetic_row(at)
    assert label == t("bag.row.arithmetic", how=t("bag.how.one"))
    assert list(cells) == list(at.table[0].value.iloc[1])  # the one possible net is weight scaling: same scores
    assert "±" not in text


def test_a_mix_of_zero_and_one_is_one_ordinary_net_in_korean_too():
    at = open_page({"lang": "ko", "hidden": "1", "width": "4", "p_in": "0.0", "p_h1": "1.0"})
    text = page_text(at)
    assert t("bag.sampling_none", "ko", draws="8,000", method=t("bag.method.bernoulli", "ko")) in text
    assert at.info[-1].value == t("bag.lesson_none", "ko") and not POWER_OF_TWO.search(text)


def test_gaussian_noise_with_nothing_random_is_weight_scaling_not_a_monte_carlo_estimate():
    at = open_page({"hidden": "1", "width": "4", "method": "gaussian", "p_in": "0.0", "p_h1": "0.0"})
    text = page_text(at)
    assert t("bag.sub.exact_one") in text and "±" not in text and "Monte Carlo" not in text
    assert t("bag.sampling_none", draws="8,000", method=t("bag.method.gaussian")) in text


def test_no_hidden_layer_counts_the_two_input_units_and_every_mask_is_drawn():
    at = open_page({"hidden": "0"})
    text = page_text(at)
    # 2 inputs kept with 0.8: 4 masks, drawn 8,000 × 0.64 = 5,120 and 8,000 × 0.04 = 320 times in expectation
    numbers = t("bag.cover.all", hi="5,120", lo="320")
    assert t("bag.sampling_masks", draws="8,000", d=2, total="= 4", coverage=numbers) in text
    assert at.info[-1].value == t("bag.lesson", d=2, coverage=t("bag.coverage_all"))
    assert arithmetic_row(at)[0] == t("bag.row.arithmetic", how=t("bag.how.exact", masks="4"))
    assert "±" not in text  # exact


def test_equally_likely_masks_are_each_drawn_about_draws_over_masks_times():
    at = open_page({"hidden": "1", "width": "4", "p_in": "0.0", "p_h1": "0.5"})
    assert t("bag.cover.uniform", hi="500") in page_text(at)  # 8,000 draws over 2⁴ masks


def test_three_hidden_layers_in_korean_count_98_units_and_say_most_masks_are_never_drawn():
    at = open_page({"lang": "ko", "hidden": "3"})
    text = page_text(at)
    assert "**2⁹⁸ ≈ 3.2\u00a0×\u00a010²⁹**" in text and "유닛 98개" in text
    assert at.info[-1].value == t("bag.lesson", "ko", d=98, coverage=t("bag.coverage_rare", "ko"))
    assert t("bag.cover.most_rare", "ko") in text
    label, cells = arithmetic_row(at)
    assert label == t("bag.row.arithmetic", "ko", how=t("bag.how.bernoulli", "ko", n="2,000"))
    assert "±" in cells.iloc[3] and "±" in cells.iloc[4]
    assert t("bag.se_note", "ko", groups=20, n="2,000") in text


def test_gaussian_noise_has_no_masks_to_count():
    at = open_page({"hidden": "1", "width": "4", "method": "gaussian"})
    text = page_text(at)
    assert t("bag.sampling_gaussian", draws="8,000", d=6) in text and not POWER_OF_TWO.search(text)
    assert at.info[-1].value == t("bag.lesson_gaussian")
    assert t("bag.sub.monte_carlo_gaussian", n="2,000") in text
    assert f"**{t('bag.head.arithmetic_noise')}**" in text
    assert arithmetic_row(at)[0] == t("bag.row.arithmetic", how=t("bag.how.gaussian", n="2,000"))


def test_dropconnect_counts_weight_masks_not_unit_masks():
    at = open_page({"hidden": "1", "width": "4", "method": "dropconnect"})
    text = page_text(at)
    # a 2-4-2 net has 2·4 + 4·2 = 16 weights, every one leaving a unit that can vary
    assert "over the **16** weights" in text and "**2¹⁶ = 65,536** possible masks" in text
    sampling = next(m.value for m in at.markdown if "**Minibatches:**" in m.value)
    assert "2⁶" not in text and "2^6" not in text and "subnetworks" not in sampling + at.info[-1].value
    assert t("bag.sub.monte_carlo_dropconnect", n="2,000", w=16) in text
    assert at.info[-1].value.startswith(t("bag.lesson_dropconnect", w=16, coverage="")[:120])
    assert arithmetic_row(at)[0] == t("bag.row.arithmetic", how=t("bag.how.dropconnect", n="2,000"))


def test_presenter_mode_leaves_out_the_explanations_but_keeps_the_pictures():
    at = open_page({"present": "1", "hidden": "1", "width": "4"})
    assert t("bag.intro") not in [m.value for m in at.markdown]
    assert len(main_images(at)) == 3 and len(member_images(at)) == 8
    assert any(c.value.startswith(t("bag.dropout_is", summary="")) for c in at.caption)  # drop/keep always said


def test_a_diverging_member_shows_a_message_not_a_traceback(monkeypatch):
    from dropviz.core import bagging

    monkeypatch.setattr(bagging, "EXPLODED_LOSS", -1.0)  # every member's first loss now counts as blown up
    at = open_page({"hidden": "1", "width": "4"})
    member = at.session_state[MEMBERS][1].diverged_member + 1  # the member with the largest loss
    assert at.error and at.error[0].value == t("bag.diverged", i=member, step=1)
    assert not member_images(at)


def test_the_number_of_members_comes_from_the_link_and_goes_back_into_it():
    at = open_page({"bag_k": "3", "hidden": "1", "width": "4"})
    assert len(member_images(at)) == 3
    at.slider(key="w_bag_k").set_value(5).run()
    assert at.query_params["bag_k"] in ("5", ["5"])
