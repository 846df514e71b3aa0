"""The settings' round trip through the URL query (pure, no Streamlit)."""

from app.settings import SPEEDS, Settings, format_log, from_query, parse_log, to_query


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
        speed=150,
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


def test_the_training_log_round_trips_and_bad_logs_are_rejected():
    log = [((0.2, 0.5, 0.5), 500), ((0.2, 0.8, 0.8), 200)]
    text = format_log(log)
    assert text == "500x0.2_0.5_0.5~200x0.2_0.8_0.8"
    assert parse_log(text) == log
    settings, rejected = from_query({"run": text, "draw": "3"})
    assert rejected == [] and settings.run == text and settings.draw == 3
    for bad in ("500", "0x0.2", "10x0.2_1.5", "10x", "abc", "10x0.2~", "30000x0.2", "~".join(["1x0.2"] * 51)):
        assert from_query({"run": bad}) == (Settings(), ["run"]), bad


def test_every_speed_round_trips_and_the_top_one_trains_600_steps_a_second_at_4_refreshes():
    for speed in SPEEDS:
        assert from_query({"speed": str(speed)}) == (Settings(speed=speed), [])
    assert from_query({"speed": "75"}) == (Settings(), ["speed"])  # only the slider's stops
    assert max(SPEEDS) * 4 >= 600  # the Train page's film target (issue 8): 600 steps/s per net


def test_the_subnetworks_redraw_count_round_trips_and_is_checked():
    """Redraw on the Subnetworks page counts up `subdraw`; the link carries it, so it shows the same cards."""
    assert to_query(Settings(subdraw=3)) == {"subdraw": "3"}
    assert from_query({"subdraw": "3"}) == (Settings(subdraw=3), [])
    assert from_query({"subdraw": "9999"}) == (Settings(subdraw=9999), [])
    for bad in ("-1", "10000", "1.5", "x"):
        assert from_query({"subdraw": bad}) == (Settings(), ["subdraw"]), bad
    assert "subdraw" not in to_query(Settings())  # never pressed: not in the link
