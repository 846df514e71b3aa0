"""The Masks page through Streamlit's AppTest: every sentence true at the extremes (no unit varies, one unit varies,
no hidden layer, other noises), in both languages, and what it says about who trained the net."""

import re

import pytest
from streamlit.testing.v1 import AppTest

from dropviz.i18n import t
from tests.apptest import open_page

ALL_ZERO = {"p_in": "0.0", "p_h1": "0.0", "p_h2": "0.0"}
ONE_VARIES = {"hidden": "1", "width": "1", "p_in": "0.0", "p_h1": "0.5"}  # 3 units, only the hidden one varies
MIXED_FIXED = {"hidden": "1", "width": "3", "p_in": "0.0", "p_h1": "1.0"}  # 2 always kept, 3 always dropped


def main_texts(at: AppTest) -> list[str]:
    """Every markdown, caption and info box of the main area, in page order within each kind."""
    return [e.value for kind in ("markdown", "caption", "info") for e in getattr(at.main, kind)]


def page_text(at: AppTest) -> str:
    return "\n".join(main_texts(at))


def intro(at: AppTest) -> str:
    return at.main.markdown[0].value


def no_count_of_nothing(text: str) -> None:
    """No "the 0 other units", "0개 유닛만", "1 units", "1 steps": counts of 0 or 1 read as words."""
    for wrong in (r"\b0 other", r"\b[01] units\b", r"\b1 steps\b", r"나머지 [01]개", r"\b0 can vary"):
        assert not re.search(wrong, text), (wrong, text)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_drop_probability_0_says_nothing_varies(lang):
    at = open_page("masks", {**ALL_ZERO, "lang": lang})
    text = page_text(at)
    assert intro(at) == t("masks.intro", lang)  # the info box says that nothing varies; no sentence repeats it
    assert t("masks.how_to_play", lang, right=t("masks.right_same", lang)) in text
    assert t("masks.frequency_fixed", lang, n=20) in text
    assert t("masks.frequency_caption", lang, n=20) not in text  # no band to describe: none is drawn
    assert at.info[0].value == t("masks.possible_none", lang, count="73,786,976,294,838,206,464")
    no_count_of_nothing(text)


def test_a_mix_of_0_and_1_is_one_fixed_net():
    at = open_page("masks", MIXED_FIXED)
    assert [m.value for m in at.metric[:2]] == ["5", "0"]
    assert intro(at) == t("masks.intro")
    assert t("masks.right_same") in page_text(at)
    no_count_of_nothing(page_text(at))


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_one_varying_unit_allows_two_masks_so_examples_share_them(lang):
    at = open_page("masks", {**ONE_VARIES, "lang": lang})
    assert intro(at).endswith(t("masks.per_step_few", lang, possible="2", b=16))
    assert at.info[0].value == t("masks.possible_one", lang, count="8")
    assert t("masks.frequency_caption", lang, n=20) in page_text(at)
    no_count_of_nothing(page_text(at))


def test_no_hidden_layer_has_four_masks_for_sixteen_examples():
    at = open_page("masks", {"hidden": "0"})
    assert [m.value for m in at.metric[:3]] == ["2", "2", "4"]
    assert intro(at).endswith(t("masks.per_step_few", possible="4", b=16))
    assert t("masks.right_bernoulli") in page_text(at)


def test_default_net_trains_a_subnetwork_per_example():
    at = open_page("masks")
    assert intro(at).endswith(t("masks.per_step_all", b=16))
    assert t("masks.how_to_play", right=t("masks.right_bernoulli")) in page_text(at)
    assert not at.info


@pytest.mark.parametrize("method", ["gaussian", "dropconnect"])
def test_other_noises_say_what_each_example_draws_instead(method):
    at = open_page("masks", {"method": method})
    assert intro(at).endswith(t(f"masks.per_step_{method}"))
    assert t(f"masks.right_{method}") in page_text(at)
    assert t("masks.per_step_all", b=16) not in page_text(at)


def test_korean_links_unit_and_node_once_at_first_use():
    at = open_page("masks", {"lang": "ko"})
    text = page_text(at)
    assert text.count("유닛(노드)") == 1
    assert text.index("유닛") == text.index("유닛(노드)")  # the first 유닛 on the page is the linked one
    assert "노트의 노드" not in text


def test_presenter_line_in_korean_links_unit_and_node_too():
    at = open_page("masks", {"lang": "ko", "present": "1"})
    line = at.main.markdown[0].value
    assert "유닛(노드)" in line and t("masks.compact_untrained", "ko") in line


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_presenter_line_counts_none_and_one_in_words(lang):
    none = open_page("masks", {**ALL_ZERO, "lang": lang, "present": "1"}).main.markdown[0].value
    assert t("masks.compact_varying_none", lang) in none and t("masks.compact_untrained", lang) in none
    one = open_page("masks", {**ONE_VARIES, "lang": lang, "present": "1"}).main.markdown[0].value
    assert t("masks.compact_varying_one", lang) in one
    no_count_of_nothing(none + one)


def test_an_untrained_net_says_its_edges_are_the_initial_weights():
    at = open_page("masks")
    assert at.metric[3].value == "0"
    assert at.metric[3].help == t("masks.untrained_help")
    assert t("masks.pretrained", steps="500", by="")[:20] not in page_text(at)


def test_a_net_another_page_trained_says_which_page_and_why():
    at = open_page("subnetworks", {"hidden": "1", "width": "4"})
    assert at.session_state["experiment"].steps_done == 500
    at.switch_page("views/masks.py").run()
    assert not at.exception
    assert at.metric[3].value == "500"
    assert at.metric[3].help == t("masks.trained_steps_help", steps="500")
    by = t("train.by_page", page=t("nav.subnetworks"))
    assert t("masks.pretrained", steps="500", by=by) in page_text(at)
