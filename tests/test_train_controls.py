"""The Train page's button actions survive Streamlit running a callback twice for one click (seen under load)."""

import threading
import time

import torch

from app import train_controls as controls
from dropviz.core import lookahead, snapshots
from dropviz.core.experiment import Experiment, ExperimentConfig


def small_experiment(**changes) -> Experiment:
    return Experiment(ExperimentConfig(hidden_layers=1, width=4, drop_probs=(0.2, 0.5), **changes))


def test_a_repeated_pause_or_play_click_keeps_its_effect():
    state = {controls.PLAYING: True}
    for _ in range(2):
        controls.set_playing(state, False)
    assert state[controls.PLAYING] is False
    for _ in range(2):
        controls.set_playing(state, True)
    assert state[controls.PLAYING] is True


def test_a_repeated_step_click_trains_one_step_block():
    exp = small_experiment()
    state = {controls.PLAYING: True, controls.EXPERIMENT: exp}
    drawn_at = exp.trainer.steps_done
    for _ in range(2):
        controls.step_once(state, exp, drawn_at, steps=5)
    assert exp.trainer.steps_done == exp.twin.steps_done == drawn_at + 5
    assert state[controls.PLAYING] is False
    controls.step_once(state, exp, exp.trainer.steps_done, steps=5)  # the next click, drawn after the first
    assert exp.trainer.steps_done == drawn_at + 10


def test_a_step_takes_over_the_nets_trained_ahead_and_trains_itself_when_there_are_none():
    exp, reference = small_experiment(), small_experiment()
    lookahead.start(exp, 5)
    controls.step_once({}, exp, 0, steps=5)
    assert not lookahead.pending(exp)  # taken
    controls.step_once({}, exp, 5, steps=5)  # nothing ahead: trains on the click
    reference.step(10)
    assert exp.steps_done == 10 and exp.log == reference.log
    assert all(torch.equal(a, b) for a, b in zip(exp.model.parameters(), reference.model.parameters()))


def test_step_on_a_diverging_net_pauses_and_keeps_the_message():
    exp = small_experiment(optimizer="sgd", lr=1e6)
    state = {controls.PLAYING: True}
    controls.step_once(state, exp, 0, steps=50)
    assert state[controls.PLAYING] is False
    assert exp.trainer.diverged or exp.twin.diverged


def test_reset_forgets_the_nets_and_their_training_log_and_pauses():
    state = {controls.PLAYING: True, controls.EXPERIMENT: small_experiment(), controls.RUN: "10x0.2_0.5"}
    for _ in range(2):
        controls.reset(state)
    assert state == {controls.PLAYING: False, controls.RUN: ""}  # an empty log: the link no longer replays


def slow_film(exp: Experiment) -> tuple[threading.Thread, threading.Event]:
    """A refresh training 200 steps in another thread, 10 ms per snapshot interval, as Streamlit's old run would."""
    started = threading.Event()
    real_step = exp.step

    def slow_step(n: int) -> None:
        started.set()
        time.sleep(0.01)
        real_step(n)

    exp.step = slow_step
    thread = threading.Thread(target=snapshots.film, args=(exp, 200, 100))
    thread.start()
    started.wait(5)
    return thread, started


def test_step_stops_a_refresh_training_in_another_thread_and_then_steps_from_where_it_stopped():
    exp = small_experiment()
    thread, _ = slow_film(exp)
    drawn_at = exp.trainer.steps_done  # the button was drawn before the refresh trained further
    controls.step_once({controls.PLAYING: True}, exp, drawn_at, steps=5)  # the nets moved on: it only pauses
    thread.join()
    stopped_at = exp.trainer.steps_done
    assert 0 < stopped_at < 200 and exp.twin.steps_done == stopped_at  # the film stopped early, both nets alike
    controls.step_once({}, exp, stopped_at, steps=5)
    assert exp.trainer.steps_done == stopped_at + 5 and sum(n for _, n in exp.log) == stopped_at + 5


def test_pause_and_reset_stop_a_refresh_training_in_another_thread():
    for action in (lambda state: controls.set_playing(state, False), controls.reset):
        exp = small_experiment()
        thread, _ = slow_film(exp)
        action({controls.PLAYING: True, controls.EXPERIMENT: exp})
        thread.join(5)
        assert not thread.is_alive() and exp.trainer.steps_done < 200


def test_the_surfaces_fragment_reruns_the_page_only_when_the_rest_of_it_is_out_of_date():
    paused, playing = (False, 1), (True, 1)
    facts, stepped = (False, False, None, 20), (False, False, None, 40)  # a GIF on offer: made at step 20
    assert not controls.needs_full_run(paused, paused, facts, facts)
    assert controls.needs_full_run(paused, paused, stepped, facts)  # a Step: the GIF offer must change
    assert not controls.needs_full_run(playing, playing, stepped, facts)  # playing: facts change every refresh
    assert controls.needs_full_run(paused, playing, facts, facts)  # paused by a click: stop the timers
    assert controls.needs_full_run((True, 4), playing, facts, facts)  # starved: slower timers
    assert not controls.needs_full_run(playing, None, stepped, facts)  # no timers set yet (first run)
