"""The Subnetworks page through Streamlit's AppTest: gallery counts, the book preset, sliders, extreme settings."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from dropviz.i18n import t
from tests import apptest

CARD = 'data-testid="dv-subnet-card"'


def open_page(query: dict[str, str] | None = None) -> AppTest:
    return apptest.open_page("subnetworks", query)


def gallery(at: AppTest) -> str:
    bodies = [h.proto.body for h in at.get("html") if CARD in h.proto.body]
    assert len(bodies) == 1
    return bodies[0]


def cards(at: AppTest) -> int:
    return gallery(at).count(CARD)


def connected_cards(at: AppTest) -> int:
    return gallery(at).count('data-connected="1"')


def summary(at: AppTest) -> str:
    return at.markdown[0].value


def button(at: AppTest, key: str):
    return next(b for b in at.button if b.key == key)


def p_mu_column(at: AppTest) -> list[str]:
    return at.dataframe[0].value["p(μ)"].tolist()


def combination_caption(at: AppTest) -> str:
    """The caption under the combination table: the main area's last."""
    return at.main.caption[-1].value


def main_captions(at: AppTest) -> str:
    return " ".join(c.value for c in at.main.caption)


def ensemble_panel(at: AppTest) -> str:
    return gallery(at).split('data-testid="dv-ensemble"')[1]


def mask_column(at: AppTest) -> dict:
    """The column settings of the μ column of the subnetworks table."""
    return json.loads(at.dataframe[0].proto.columns).get(t("subnet.col.mask", ui_lang(at)), {})


def ui_lang(at: AppTest) -> str:
    return at.session_state["w_lang"]


def query(at: AppTest) -> dict[str, str]:
    return {k: v[0] if isinstance(v, list) else v for k, v in at.query_params.items()}


def test_the_default_net_is_sampled_and_a_new_draw_changes_the_cards():
    at = open_page()
    assert at.title[0].value == t("subnet.title")
    assert cards(at) == 16
    assert f"2⁶⁶ = **{2**66:,}**" in summary(at)  # 2 inputs + 2 x 32 hidden units
    assert len(at.dataframe[0].value) == 16 and len(at.dataframe[1].value) == 3
    caption = combination_caption(at)
    assert caption == t("subnet.combo_sampled", n=16) + " " + t("subnet.ws.approx")
    combinations = at.dataframe[1].value
    assert all("±" in v for v in combinations.iloc[:2, 1:].values.ravel())  # the two means of 16 draws
    assert not any("±" in v for v in combinations.iloc[2, 1:])  # weight scaling is no estimate
    # The mean beside the cards gives the same estimate at the test point, with its standard error.
    panel = ensemble_panel(at)
    assert f"{combinations.columns[1]} = {combinations.iloc[0, 1]}" in panel and "±" in panel
    assert t("subnet.ensemble.se", n=16) in panel
    # 66-digit masks get a fixed-width column, cut at the table's edge, so p(y | x, μ) stays on screen (1280 px).
    assert list(at.dataframe[0].value.columns)[-1] == t("subnet.col.mask")
    assert mask_column(at)["width"] == "medium" and mask_column(at)["help"] == t("subnet.col.mask_help")
    first = gallery(at)
    at.run()
    assert gallery(at) == first  # a rerun shows the same 16
    assert "subdraw" not in query(at)


def test_redraw_is_in_the_link_and_the_link_shows_the_same_cards():
    at = open_page()
    first = gallery(at)
    button(at, "subnet_redraw").click().run()
    assert not at.exception
    assert cards(at) == 16 and gallery(at) != first
    assert query(at)["subdraw"] == "1"
    assert at.session_state["w_subdraw"] == 1
    again = open_page(query(at))  # a fresh session that knows nothing but the link
    assert gallery(again) == gallery(at) and at.dataframe[0].value.equals(again.dataframe[0].value)
    button(at, "subnet_redraw").click().run()
    assert query(at)["subdraw"] == "2" and gallery(at) not in (first, gallery(again))
    assert gallery(open_page({"subdraw": "0"})) == first  # the default, out of the URL


def test_the_book_preset_shows_16_subnetworks_9_connected_and_follows_the_drop_slider():
    at = open_page()
    button(at, "subnet_preset").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.slider(key="w_hidden").value == 1 and at.slider(key="w_width").value == 2
    assert at.query_params["hidden"] in ("1", ["1"]) and at.query_params["width"] in ("2", ["2"])
    assert cards(at) == 16 and connected_cards(at) == 9
    assert "**16**" in summary(at) and not any(b.key == "subnet_redraw" for b in at.button)
    assert combination_caption(at) == t("subnet.combo_listed", n=16) + " " + t("subnet.ws.approx")
    assert "±" not in ensemble_panel(at) and not at.dataframe[1].value.map(lambda v: "±" in v).any().any()
    assert "width" not in mask_column(at)  # 11|11 fits
    before = p_mu_column(at)
    assert before[0] == "0.16"  # keep 0.8 for both inputs, 0.5 for both hidden units
    at.slider(key="w_p_in").set_value(0.5).run()
    assert not at.exception
    after = p_mu_column(at)
    assert after != before and after[0] == "0.0625"
    assert cards(at) == 16 and connected_cards(at) == 9


def test_drop_probability_zero_everywhere_leaves_one_subnetwork():
    at = open_page({"p_in": "0.0", "p_h1": "0.0", "p_h2": "0.0"})
    assert cards(at) == 1 and connected_cards(at) == 1
    assert combination_caption(at) == t("subnet.ws.one")
    assert t("subnet.one") in summary(at) and t("subnet.units_none", d=66) in summary(at)
    assert p_mu_column(at) == ["1"]
    assert "±" not in ensemble_panel(at) and "approximates" not in main_captions(at)


def test_a_hidden_layer_always_dropped_leaves_only_constant_subnetworks():
    at = open_page({"hidden": "1", "width": "3", "p_h1": "1.0"})
    assert cards(at) == 4 and connected_cards(at) == 0
    assert "**0**" in summary(at)
    assert combination_caption(at) == t("subnet.ws.same")  # the masks change nothing: the rows agree exactly


def test_korean():
    at = open_page({"lang": "ko", "hidden": "1", "width": "2"})
    assert at.title[0].value == t("subnet.title", "ko") == "부분 신경망 (그림\u00a07.6)"
    assert cards(at) == 16 and t("subnet.card.cut", "ko") in gallery(at)
    assert combination_caption(at) == t("subnet.combo_listed", "ko", n=16) + " " + t("subnet.ws.approx", "ko")


def test_the_test_point_is_the_theory_pages_and_is_clamped():
    at = open_page({"hidden": "1", "width": "2", "point": "399", "n_test": "100"})
    assert at.slider(key="w_point").value == 99  # 100 test points: clamped to the last one
    first = at.dataframe[0].value.copy()
    panel = ensemble_panel(at)
    at.slider(key="w_point").set_value(0).run()
    assert not at.exception
    assert not at.dataframe[0].value.equals(first)
    assert ensemble_panel(at) != panel  # the mean's values at the new point
    assert "point" not in at.query_params  # back at the default, so out of the URL


@pytest.mark.parametrize(
    "query, reason",
    [
        ({"hidden": "0"}, "softmax"),
        ({"hidden": "0", "lang": "ko"}, "softmax"),
        ({"hidden": "1", "width": "3", "act": "linear"}, "linear"),
        ({"hidden": "1", "width": "3", "p_in": "0.0"}, "last"),  # only the last hidden layer varies
        ({"hidden": "2", "width": "2", "p_in": "0.0", "p_h1": "0.0", "act": "tanh"}, "last"),
    ],
)
def test_weight_scaling_is_called_exact_where_it_is(query, reason):
    at = open_page(query)
    lang = query.get("lang", "en")
    n = len(at.dataframe[0].value)
    assert combination_caption(at) == t("subnet.combo_listed", lang, n=n) + " " + t(f"subnet.ws.{reason}", lang)
    assert t("subnet.ws.approx", lang) not in main_captions(at)
    means = at.dataframe[1].value
    assert means.iloc[1, 1:].tolist() == means.iloc[2, 1:].tolist()  # geometric mean = weight scaling, 4 digits


def test_sampled_cards_say_weight_scaling_is_exact_when_only_the_last_layer_varies():
    at = open_page({"hidden": "1", "width": "32", "p_in": "0.0"})  # 2^32 subnetworks: 16 drawn
    assert cards(at) == 16
    assert combination_caption(at) == t("subnet.combo_sampled", n=16) + " " + t("subnet.ws.last")


@pytest.mark.parametrize("method, lang", [("gaussian", "en"), ("dropconnect", "ko")])
def test_other_noises_say_the_cards_are_dropout_subnetworks(method, lang):
    at = open_page({"method": method, "hidden": "1", "width": "2", "lang": lang})
    assert [i.value for i in at.info] == [t(f"subnet.note_{method}", lang)]
    name = t(f"subnet.method.{method}", lang)
    caption = combination_caption(at)
    assert caption == t("subnet.combo_listed_noise", lang, n=16, method=name) + " " + t("subnet.ws.approx", lang)
    assert t("subnet.combo_listed", lang, n=16) not in caption  # not "the same as on the Inference page"
    assert t("subnet.ensemble.listed_noise", lang, method=name) in ensemble_panel(at)
    assert t("subnet.ensemble.listed", lang) not in ensemble_panel(at)
    assert "chance that training draws" not in main_captions(at)


def test_other_noises_with_sampled_cards():
    at = open_page({"method": "gaussian"})
    name = t("subnet.method.gaussian")
    assert combination_caption(at) == t("subnet.combo_sampled_noise", n=16, method=name) + " " + t("subnet.ws.approx")
    panel = ensemble_panel(at)
    assert t("subnet.ensemble.se_noise", n=16, method=name) in panel and t("subnet.ensemble.se", n=16) not in panel
