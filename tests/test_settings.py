"""The settings' round trip through the URL query (pure, no Streamlit)."""

from app.settings import Settings, from_query, to_query


def test_defaults_make_an_empty_query_and_back():
    assert to_query(Settings()) == {}
    assert from_query({}) == (Settings(), [])


def test_round_trip_of_changed_settings():
    changed = Settings(
        lang="ko",
        hidden=1,
        width=4,
        p_in=0.35,
        p_h1=0.0,
        data="spiral",
        noise=0.1,
        n=100,
        seed=7,
        opt="sgd",
        lr=0.1,
        batch=32,
        speed=50,
    )
    assert from_query(to_query(changed)) == (changed, [])


def test_bad_values_keep_defaults_and_are_reported():
    settings, rejected = from_query(
        {"p_in": "1.5", "hidden": "nine", "data": "swirl", "lr": "0.02", "noise": "nan", "width": "8", "unknown": "x"}
    )
    assert settings == Settings(width=8)
    assert sorted(rejected) == ["data", "hidden", "lr", "noise", "p_in"]


def test_drop_probs_follow_the_number_of_hidden_layers():
    assert Settings(hidden=0).drop_probs() == (0.2,)
    assert Settings(hidden=3, p_h3=0.9).drop_probs() == (0.2, 0.5, 0.5, 0.9)
    config = Settings(hidden=1, width=5).experiment()
    assert config.hidden_layers == 1 and config.width == 5 and config.drop_probs == (0.2, 0.5)
