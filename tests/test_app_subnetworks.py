"""The Subnetworks page through Streamlit's AppTest: gallery counts, the book preset, sliders, extreme settings."""

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


def test_the_default_net_is_sampled_and_a_new_draw_changes_the_cards():
    at = open_page()
    assert at.title[0].value == t("subnet.title")
    assert cards(at) == 16
    assert f"2⁶⁶ = **{2**66:,}**" in summary(at)  # 2 inputs + 2 x 32 hidden units
    assert len(at.dataframe[0].value) == 16 and len(at.dataframe[1].value) == 3
    assert t("subnet.combo_sampled", n=16) in [c.value for c in at.caption]
    combinations = at.dataframe[1].value
    assert all("±" in v for v in combinations.iloc[:2, 1:].values.ravel())  # the two means of 16 draws
    assert not any("±" in v for v in combinations.iloc[2, 1:])  # weight scaling is no estimate
    first = gallery(at)
    at.run()
    assert gallery(at) == first  # a rerun shows the same 16
    button(at, "subnet_redraw").click().run()
    assert not at.exception
    assert cards(at) == 16 and gallery(at) != first
    query = {k: v[0] if isinstance(v, list) else v for k, v in at.query_params.items()}
    assert query["subdraw"] == "1"
    assert gallery(open_page(query)) == gallery(at)  # the link shows the very same cards


def test_the_book_preset_shows_16_subnetworks_9_connected_and_follows_the_drop_slider():
    at = open_page()
    button(at, "subnet_preset").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.slider(key="w_hidden").value == 1 and at.slider(key="w_width").value == 2
    assert at.query_params["hidden"] in ("1", ["1"]) and at.query_params["width"] in ("2", ["2"])
    assert cards(at) == 16 and connected_cards(at) == 9
    assert "**16**" in summary(at) and not any(b.key == "subnet_redraw" for b in at.button)
    assert t("subnet.combo_listed") in [c.value for c in at.caption]
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
    assert t("subnet.combo_listed_one") in [c.value for c in at.caption]
    assert t("subnet.one") in summary(at) and t("subnet.units_none", d=66) in summary(at)
    assert p_mu_column(at) == ["1"]


def test_a_hidden_layer_always_dropped_leaves_only_constant_subnetworks():
    at = open_page({"hidden": "1", "width": "3", "p_h1": "1.0"})
    assert cards(at) == 4 and connected_cards(at) == 0
    assert "**0**" in summary(at)


def test_korean():
    at = open_page({"lang": "ko", "hidden": "1", "width": "2"})
    assert at.title[0].value == t("subnet.title", "ko")
    assert cards(at) == 16 and t("subnet.card.cut", "ko") in gallery(at)
    assert t("subnet.combo_listed", "ko") in [c.value for c in at.caption]


def test_the_test_point_is_the_theory_pages_and_is_clamped():
    at = open_page({"hidden": "1", "width": "2", "point": "399", "n_test": "100"})
    assert at.slider(key="w_point").value == 99  # 100 test points: clamped to the last one
    first = at.dataframe[0].value.copy()
    at.slider(key="w_point").set_value(0).run()
    assert not at.exception
    assert not at.dataframe[0].value.equals(first)
    assert "point" not in at.query_params  # back at the default, so out of the URL


def test_weight_scaling_is_called_exact_where_it_is():
    linear = open_page({"hidden": "0"})
    assert t("subnet.combo_listed_linear") in [c.value for c in linear.caption]
    assert t("subnet.combo_listed") not in [c.value for c in linear.caption]
    linear_units = open_page({"hidden": "1", "width": "3", "act": "linear"})
    assert t("subnet.combo_listed_linear") in [c.value for c in linear_units.caption]


def test_other_noises_say_the_cards_are_dropout_subnetworks():
    at = open_page({"method": "gaussian", "hidden": "1", "width": "2"})
    name = t("side.method.gaussian")
    assert t("subnet.method_note", method=name) in [i.value for i in at.info]
    assert "chance that training draws" not in " ".join(c.value for c in at.caption)
