"""Every page through Streamlit's AppTest: change widgets and check that what is shown changes."""

import pytest
from streamlit.testing.v1 import AppTest

from app import ui
from dropviz.core import lookahead
from dropviz.i18n import t
from tests.apptest import chart_specs, open_page


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def all_captions(at: AppTest) -> list[str]:
    return texts(at.sidebar.caption) + texts(at.main.caption)


def test_home_page_links_every_page():
    at = open_page()
    assert texts(at.title) == [t("home.title")]
    assert len(at.get("page_link")) == 7


def test_masks_page_follows_the_drop_slider():
    at = open_page("masks")
    assert texts(at.title) == [t("masks.title")]
    assert t("side.keep_is", keep=0.8) in all_captions(at)
    before = chart_specs(at)
    at.slider(key="w_p_in").set_value(0.6).run()
    assert not at.exception
    assert t("side.keep_is", keep=0.4) in all_captions(at)
    assert chart_specs(at) != before  # new masks drawn from the new keep probability
    assert at.query_params["p_in"] in ("0.6", ["0.6"])


def test_masks_page_counts_subnetworks_for_the_architecture():
    at = open_page("masks")
    assert at.metric[0].value == "66"  # 2 inputs + 2 x 32 hidden units
    assert at.metric[2].value == "7.4\u00a0×\u00a010¹⁹"  # 2^66 = 73,786,976,294,838,206,464: too long for a tile
    assert "73,786,976,294,838,206,464" in at.metric[2].help
    at.slider(key="w_hidden").set_value(1).run()
    at.slider(key="w_width").set_value(3).run()
    assert [m.value for m in at.metric[:3]] == ["5", "5", "32"]
    drop_sliders = [s for s in at.slider if s.key.startswith("w_p_")]
    assert len(drop_sliders) == 2  # inputs and the one hidden layer
    assert not at.info


def test_masks_page_says_which_units_can_vary_when_some_drop_probability_is_0_or_1():
    at = open_page("masks", {"hidden": "1", "width": "3", "p_in": "0.0", "p_h1": "1.0"})
    assert [m.value for m in at.metric[:3]] == ["5", "0", "32"]
    assert at.info[0].value == t("masks.possible_none", count="32")
    one = open_page("masks", {"hidden": "1", "width": "1", "p_in": "0.0", "p_h1": "0.5"})
    assert one.info[0].value == t("masks.possible_one", count="8")
    some = open_page("masks", {"hidden": "1", "width": "3", "p_in": "0.0", "p_h1": "0.5"})
    assert some.info[0].value == t("masks.possible", possible="8", count="32", k=3)


def test_masks_page_shows_a_mask_for_every_example_of_a_minibatch():
    at = open_page("masks", {"batch": "8"})
    fresh = t("masks.batch_bernoulli", b=8).split("<br>")[0]
    assert any(fresh in spec for spec in chart_specs(at))  # untrained: a minibatch drawn now
    heatmaps = [spec for spec in chart_specs(at) if '"type":"heatmap"' in spec.replace(" ", "")]
    assert heatmaps, "no minibatch heat map"


def test_train_page_steps_and_resets():
    at = open_page("train")
    assert texts(at.title) == [t("train.title")]
    assert "step **0**" in at.markdown[-2].value
    exp = at.session_state["experiment"]
    assert lookahead.pending(exp)  # paused: the next Step is being trained already
    step = next(b for b in at.button if b.label == t("train.step", n=10))
    step.click().run()
    assert not at.exception
    metrics = [m.value for m in at.markdown if m.value.startswith("step **")]
    assert metrics and all("step **10**" in m for m in metrics)  # both nets advanced one refresh (10 steps)
    assert at.session_state["experiment"] is exp and lookahead.pending(exp)  # taken over, and the next one ahead
    next(b for b in at.button if b.label == t("train.reset")).click().run()
    metrics = [m.value for m in at.markdown if m.value.startswith("step **")]
    assert all("step **0**" in m for m in metrics)


def test_the_train_page_offers_a_gif_of_the_run_so_far():
    at = open_page("train", {"hidden": "1", "width": "4"})
    next(b for b in at.button if b.label == t("train.step", n=10)).click().run()
    next(b for b in at.button if b.label == t("common.gif_make")).click().run()
    assert not at.exception
    assert [d.label for d in at.get("download_button") if d.label == t("common.gif_download")]
    shows, gif = at.session_state["gif_training"]
    assert gif.startswith(b"GIF89a") and shows[1] == 10  # the run as it stands: 10 steps


def test_a_diverging_learning_rate_shows_a_message_not_a_traceback():
    at = open_page("train", {"lr": "100.0", "opt": "sgd"})
    step = next(b for b in at.button if b.label == t("train.step", n=10))
    step.click().run()
    assert not at.exception
    assert next(b for b in at.button if b.label == t("train.step", n=10)).disabled  # stopped until reset
    expected = t("train.diverged", net=t("train.net_dropout"), step=0).split(" blew up")[0]
    assert at.error and at.error[0].value.startswith(expected)
    next(b for b in at.button if b.label == t("train.reset")).click().run()
    assert not at.error


def test_inference_page_is_exact_for_a_small_net_and_reacts_to_drop_probabilities():
    at = open_page("inference", {"hidden": "1", "width": "4"})
    assert texts(at.title) == [t("inf.title")]
    assert at.success and at.success[0].value.startswith(t("inf.exact", masks="64", steps=500)[:20])
    table = at.table[0].value  # a static table, indexed by the pair of rules
    assert len(table) == 3 and list(table.index) == [
        t("rule.short.arithmetic") + " ↔ " + t("rule.short.geometric"),
        t("rule.short.arithmetic") + " ↔ " + t("rule.short.weight_scaled"),
        t("rule.short.geometric") + " ↔ " + t("rule.short.weight_scaled"),
    ]
    before = chart_specs(at)
    at.slider(key="w_p_h1").set_value(0.1).run()
    assert not at.exception
    assert chart_specs(at) != before


def test_inference_page_falls_back_to_monte_carlo_for_a_wide_net():
    at = open_page("inference", {"hidden": "3", "width": "32"})
    assert at.info and t("inf.monte_carlo", d=98, points="1,620", n="2,000", steps=500)[:30] in at.info[0].value


@pytest.mark.parametrize("drop", ["0.0", "1.0"])
def test_inference_page_survives_extreme_drop_probabilities(drop):
    at = open_page("inference", {"p_in": drop, "p_h1": drop, "p_h2": drop})
    assert at.success  # with every unit certain there is one mask: exact
    assert at.success[0].value == t("inf.exact_one", steps=500)


def test_theory_page_shows_formulas_and_live_numbers():
    at = open_page("theory", {"hidden": "1", "width": "4"})
    assert texts(at.title) == [t("theory.title")]
    assert len(at.latex) >= 5
    first = at.dataframe[0].value.copy()
    at.slider(key="w_point").set_value(3).run()
    assert not at.exception
    assert not at.dataframe[0].value.equals(first)


def test_a_shared_link_restores_the_settings():
    at = open_page("inference", {"p_in": "0.35", "data": "spiral", "hidden": "1", "width": "4"})
    assert at.slider(key="w_p_in").value == 0.35
    assert at.slider(key="w_hidden").value == 1 and at.slider(key="w_width").value == 4
    assert at.session_state["w_data"] == "spiral"
    assert texts(at.title) == [t("inf.title")]


def test_korean_link_translates_every_page():
    # Switching with the radio is covered by the browser tests: AppTest cannot rerun a selectbox whose
    # format_func labels change with the language.
    for page, title in (("masks", "masks.title"), ("train", "train.title"), ("theory", "theory.title")):
        at = open_page(page, {"lang": "ko"})
        assert texts(at.title) == [t(title, "ko")]
        assert t("side.keep_is", "ko", keep=0.8) in all_captions(at)


def test_bad_query_values_are_reported_and_ignored():
    at = open_page(None, {"p_in": "7", "hidden": "x"})
    assert at.slider(key="w_p_in").value == 0.2
    assert at.warning and "p_in" in at.warning[0].value


def test_a_ten_point_dataset_works_everywhere():
    for page in ("train", "inference", "theory"):
        at = open_page(page, {"n": "10"})
        assert not at.exception


def test_playing_advances_both_nets_each_refresh_and_draws_live_curves():
    at = open_page("train")
    at.session_state["playing"] = True
    at.run()
    at.run()  # each refresh shows what the previous one trained (sent before training: see surfaces_view)
    assert not at.exception
    metrics = [m.value for m in at.markdown if m.value.startswith("step **")]
    assert len(metrics) == 2 and all("step **10**" in m for m in metrics)
    assert at.session_state["experiment"].steps_done == 20
    charts = [i.url for e in at.get("image") for i in e.proto.imgs if i.url.startswith("data:image/svg+xml")]
    assert len(charts) == 2  # loss and accuracy, drawn as light SVG line charts (a Vega chart stalled the surfaces)
    assert at.button[0].label == t("train.pause")


def query_of(at: AppTest) -> dict[str, str]:
    return {k: v[0] if isinstance(v, list) else v for k, v in at.query_params.items()}


def metrics_lines(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("step **")]


def test_a_link_replays_the_training_it_holds_including_a_change_of_drop_probability():
    at = open_page("train", {"speed": "20"})
    step = next(b for b in at.button if b.label == t("train.step", n=20))
    step.click().run()
    at.slider(key="w_p_h1").set_value(0.8).run()  # later steps train with drop 0.8 in hidden layer 1
    next(b for b in at.button if b.label == t("train.step", n=20)).click().run()
    at.slider(key="w_p_h1").set_value(0.3).run()  # shown with 0.3, trained with 0.5 then 0.8
    query = query_of(at)
    assert query["run"] == "20x0.2_0.5_0.5~20x0.2_0.8_0.5"
    assert any(t("common.trained_with", stretches="", now="")[:20] in i.value for i in at.info)

    reopened = open_page("train", query)
    assert metrics_lines(reopened) == metrics_lines(at)  # same step count, accuracies and losses
    assert "step **40**" in metrics_lines(reopened)[0]
    assert query_of(reopened) == query
    next(b for b in reopened.button if b.label == t("train.reset")).click().run()
    assert "run" not in query_of(reopened)


def markdowns(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_theory_sentences_follow_the_current_net():
    small = open_page("theory", {"hidden": "1", "width": "2"})  # the book's net: d = 4, likeliest mask 0.16
    text = markdowns(small)
    assert t("theory.common", mode="0.16") in text and "rare" not in text
    assert t("theory.exact", masks="16") in text

    fixed = open_page("theory", {"p_in": "0.0", "p_h1": "0.0", "p_h2": "1.0"})
    text = markdowns(fixed)
    assert t("theory.exact_one") in text and t("theory.single") in text
    assert "d = **66**" in text and "**0** units" in text and "masks with p(μ) > 0: **1**" in text

    big = open_page("theory")  # d = 34: Monte Carlo, every sampled number with its standard error
    text = markdowns(big)
    assert t("theory.sampled", n="20,000") in text
    assert t("theory.rare", mode="", steps="", batch="", draws="", possible="", share="")[:25] in text
    table = big.dataframe[0].value
    assert all("±" in v for v in table.iloc[0]) and not any("±" in v for v in table.iloc[2])


def test_a_clamped_test_point_is_written_back_to_the_link_clamped():
    at = open_page("theory", {"n_test": "100", "point": "250"})
    assert at.slider(key="w_point").value == 99
    assert query_of(at)["point"] == "99"


@pytest.mark.parametrize("method", ["gaussian", "dropconnect"])
def test_other_noises_are_shown_on_masks_and_sampled_on_inference_and_theory(method):
    masks = open_page("masks", {"method": method, "hidden": "1", "width": "4"})
    assert masks.info[-1].value == t(f"masks.note_{method}")
    assert any(t(f"masks.batch_{method}", b=16).split("<br>")[0] in spec for spec in chart_specs(masks))
    inference = open_page("inference", {"method": method, "hidden": "1", "width": "4"})
    assert inference.info[0].value == t(f"inf.monte_carlo_{method}", n="2,000", steps="500")
    assert "±" in inference.table[0].value.iloc[0, 0]
    name = t(f"method.short.{method}")
    assert t("inf.standard_error_noise", n="2,000", method=name, groups=20) in " ".join(all_captions(inference))
    theory = open_page("theory", {"method": method, "hidden": "1", "width": "4"})
    assert t(f"theory.sampled_{method}", n="20,000", masks="")[:40] in markdowns(theory)


def test_other_noises_with_every_drop_probability_0_or_1_are_said_to_change_nothing():
    query = {"method": "gaussian", "hidden": "1", "width": "4", "p_in": "0.0", "p_h1": "1.0"}
    inference = open_page("inference", query)
    name = t("method.short.gaussian")
    assert inference.success[0].value == t("inf.fixed_noise", method=name, n="2,000", steps="500")


def test_a_standard_error_too_small_for_the_digits_shown_is_not_printed_as_zero():
    from app.ui import plus_minus

    assert plus_minus(0.99921, 0.000031, ".4f") == "0.9992 ± <0.0001"
    assert plus_minus(0.7461, 0.0012, ".4f") == "0.7461 ± 0.0012"
    assert plus_minus(0.743, 0.0002, ".1%") == "74.3% ± <0.1%"
    assert plus_minus(0.743, 0.002, ".1%") == "74.3% ± 0.2%"
    assert plus_minus(0.5, 0.0, ".4f") == "0.5000 ± 0.0000"  # exactly none: said as it is


def test_counts_on_the_inference_page_have_thousands_separators():
    at = open_page("inference", {"hidden": "1", "width": "4"})
    captions = " ".join(all_captions(at))
    assert "1,000" in captions and "1000" not in captions


def test_a_setting_streamlit_dropped_comes_back_as_last_seen_not_as_an_error():
    # Streamlit can drop the value of a widget that is not on the page (see ui.ACROSS_PAGES): the next run must
    # not raise, and the setting must keep the value the visitor chose, not fall back to the default.
    at = open_page("masks", {"opt": "sgd", "speed": "50"})
    del at.session_state[ui.WIDGET + "opt"]
    del at.session_state[ui.WIDGET + "speed"]
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state[ui.WIDGET + "opt"] == "sgd"
    assert at.session_state[ui.WIDGET + "speed"] == 50
