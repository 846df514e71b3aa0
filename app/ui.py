"""Streamlit glue shared by every page: per-user settings, the sidebar, the user's experiment."""

from __future__ import annotations

import weakref
from dataclasses import fields, replace

import streamlit as st
import torch

from app import data_controls, training_cache
from app import settings as cfg
from app.settings import Settings
from app.train_controls import EXPERIMENT
from dropviz.core.ensembles import Ensemble
from dropviz.core.experiment import Experiment, ExperimentConfig, sync
from dropviz.core.model import DropoutMLP
from dropviz.core.training import TrainingDiverged
from dropviz.data.datasets import Split
from dropviz.i18n import t
from dropviz.text.numbers import SUPERSCRIPT, significant, times_ten  # noqa: F401 (pages use them through ui)

PAGE_NAMES = ("masks", "subnetworks", "bagging", "inference", "theory", "beyond")  # pages that train for figures
WIDGET = cfg.WIDGET  # prefix of the sidebar widgets' session-state keys
MIN_TRAINED_STEPS = 500  # pages that compare rules train an untrained net this far first
PAGE = "page"  # session state: the URL path of the page this run shows ("theory"), set by app/main.py
PRETRAINED = "pretrained"  # session state: (weak reference to the experiment, its steps, the page) a page trained
SETTINGS_SEEN = "settings_seen"  # session state: every setting's value at the start of the last run
# Widgets drawn on one page only (the Train page's optimizer, say) keep their value on other pages: Streamlit drops
# it on a page switch after a fragment of that page has run (a Step, say), which init_state's reassignment can't stop.
ACROSS_PAGES = "session"


def init_state() -> None:
    """On a session's first run, load the settings from the URL; on every run, keep widget values alive."""
    if "initialized" not in st.session_state:
        settings, rejected = cfg.from_query(st.query_params.to_dict())
        for f in fields(Settings):
            st.session_state[WIDGET + f.name] = getattr(settings, f.name)
        st.session_state["rejected_query"] = rejected
        st.session_state["initialized"] = True
    # Widgets not drawn in a run (an unused hidden layer) would lose their value: each is set again. One that
    # Streamlit dropped all the same comes back as the last run saw it, never as a KeyError on the page.
    seen = st.session_state.setdefault(SETTINGS_SEEN, {})
    for f in fields(Settings):
        key = WIDGET + f.name
        value = st.session_state[key] if key in st.session_state else seen.get(f.name, f.default)
        st.session_state[key] = seen[f.name] = value


def current() -> Settings:
    return cfg.from_widgets(st.session_state)


def lang() -> str:
    return st.session_state.get(WIDGET + "lang", "en")


def tr(key: str, **values: object) -> str:
    """Text in the session's language."""
    return t(key, lang(), **values)


def presenting() -> bool:
    return bool(st.session_state.get(WIDGET + "present", False))


def intro(text: str) -> None:
    """An explanatory paragraph: shown normally, left out in presenter mode (the presenter says it)."""
    if not presenting():
        st.markdown(text)


def aside(text: str) -> None:
    """A long caption: shown normally, left out in presenter mode."""
    if not presenting():
        st.caption(text)


def drop_label(layer: str) -> str:
    return tr("side.drop_label", layer=layer)


def sidebar() -> Settings:
    """Draw the shared controls and return the settings they hold."""
    with st.sidebar:
        st.radio(
            tr("side.language"),
            ["en", "ko"],
            key=WIDGET + "lang",
            horizontal=True,
            format_func=lambda c: {"en": "English", "ko": "한국어"}[c],
        )
        st.toggle(tr("side.present"), key=WIDGET + "present", help=tr("side.present_help"))
        st.header(tr("side.dropout"))
        st.slider(
            drop_label(tr("side.layer_inputs")), 0.0, 1.0, step=0.05, key=WIDGET + "p_in", help=tr("side.drop_help")
        )
        st.caption(tr("side.keep_is", keep=1 - st.session_state[WIDGET + "p_in"]))
        for i in range(1, st.session_state[WIDGET + "hidden"] + 1):
            st.slider(
                drop_label(tr("side.layer_hidden", i=i)),
                0.0,
                1.0,
                step=0.05,
                key=f"{WIDGET}p_h{i}",
                help=tr("side.drop_help"),
            )
            st.caption(tr("side.keep_is", keep=1 - st.session_state[f"{WIDGET}p_h{i}"]))
        st.selectbox(
            tr("side.method"),
            list(cfg.LIMITS["method"]),
            key=WIDGET + "method",
            format_func=lambda m: tr(f"side.method.{m}"),
            help=tr("side.method_help"),
        )
        st.header(tr("side.network"))
        st.slider(tr("side.hidden_layers"), 0, cfg.MAX_HIDDEN_LAYERS, key=WIDGET + "hidden")
        if st.session_state[WIDGET + "hidden"] > 0:  # no hidden layer, no width to set
            st.slider(tr("side.width"), 1, 32, key=WIDGET + "width")
        st.selectbox(tr("side.activation"), list(cfg.LIMITS["act"]), key=WIDGET + "act")
        st.header(tr("side.data"))
        st.selectbox(
            tr("side.dataset"),
            list(cfg.LIMITS["data"]),
            key=WIDGET + "data",
            format_func=lambda name: tr(f"data.{name}"),
        )
        if st.session_state[WIDGET + "data"] == cfg.UPLOAD:
            data_controls.upload_controls(lang())
        else:  # the toy sets' own knobs: an uploaded file has its own noise and number of points
            st.session_state.pop(data_controls.UPLOAD_ERROR, None)
            st.slider(tr("side.noise"), 0.0, 1.0, step=0.05, key=WIDGET + "noise")
            st.slider(tr("side.n_samples"), 10, 400, step=10, key=WIDGET + "n")
            st.slider(tr("side.n_test"), 100, 1000, step=50, key=WIDGET + "n_test")
        st.number_input(tr("side.seed"), 0, 9999, step=1, key=WIDGET + "seed")
        data_controls.save_and_restore(lang())
    write_url()
    if st.session_state.get("rejected_query"):
        st.sidebar.warning(tr("side.bad_query", keys=", ".join(st.session_state["rejected_query"])))
    return current()


def write_url() -> None:
    """Mirror the settings (training log included) into the address bar, so it always reopens this view."""
    query = cfg.to_query(current())
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)


def experiment(settings: Settings) -> Experiment:
    """This visitor's experiment (kept in session state, never shared), rebuilt when the settings require it.

    A session opened from a link that holds training replays that training first (deterministic: same weights).
    On the visitor's own data without an upload in this session, the page asks for one and stops.
    """
    config, split = _config_and_split(settings)
    exp = st.session_state.get(EXPERIMENT)
    if exp is None and settings.run:
        exp = _replayed(settings, config, split)
    exp = sync(exp, config, split)
    st.session_state[EXPERIMENT] = exp
    record_training(exp)
    data_controls.offer_save(exp, lang())
    return exp


def _config_and_split(settings: Settings) -> tuple[ExperimentConfig, Split | None]:
    """The experiment's config and, for the visitor's own data, its split (named by content in the config)."""
    if settings.data != cfg.UPLOAD:
        return settings.experiment(), None
    upload: data_controls.Upload | None = st.session_state.get(data_controls.UPLOAD)
    if upload is None:
        st.info(tr("common.upload_needed"), icon=":material/upload_file:")
        st.stop()
    return replace(settings.experiment(), dataset=upload.dataset_name), upload.split_for(settings.seed)


def _replayed(settings: Settings, config: ExperimentConfig, split: Split | None) -> Experiment:
    log = cfg.parse_log(settings.run)  # already validated when the URL was read
    exp = Experiment(config, split)
    if training_cache.restore(exp, log):
        exp.set_drop_probs(settings.drop_probs())
        return exp
    steps = sum(n for _, n in log)
    bar = st.progress(0.0, text=tr("common.replaying", steps=f"{steps:,}"))
    try:
        exp.replay(log, progress=lambda f: bar.progress(f, text=tr("common.replaying", steps=f"{steps:,}")))
    except ValueError:  # a log whose layers do not match the network: start untrained, say so
        st.session_state["rejected_query"] = [*st.session_state.get("rejected_query", []), "run"]
        exp = Experiment(config, split)
    training_cache.remember(exp)
    bar.empty()
    return exp


def record_training(exp: Experiment) -> None:
    """Keep the training log in the settings (and so in the URL); call after training steps."""
    st.session_state[WIDGET + "run"] = cfg.format_log(exp.log) if len(exp.log) <= cfg.MAX_SEGMENTS else ""


def trained_with_other_probs(exp: Experiment, settings: Settings) -> bool:
    """Whether some of the training used drop probabilities other than the current ones (the page says so)."""
    return bool(exp.log) and exp.trained_drop_probs() != [settings.drop_probs()]


def training_note(exp: Experiment, settings: Settings) -> None:
    """Say so when the net is shown with drop probabilities other than those it was trained with."""
    if not trained_with_other_probs(exp, settings):
        return
    current_probs = settings.drop_probs()
    stretches, start = [], 1
    for probs, n in exp.log:
        stretches.append(tr("common.stretch", a=start, b=start + n - 1, probs=" / ".join(f"{p:g}" for p in probs)))
        start += n
    st.info(
        tr("common.trained_with", stretches="; ".join(stretches), now=" / ".join(f"{p:g}" for p in current_probs)),
        icon=":material/history:",
    )


def drop_summary(settings: Settings) -> str:
    """'inputs: drop 0.20 (keep 0.80) · hidden 1: drop 0.50 (keep 0.50)' in the session's language."""
    names = [tr("side.layer_inputs")] + [tr("side.layer_hidden", i=i) for i in range(1, settings.hidden + 1)]
    return " · ".join(tr("common.layer_drop", layer=n, p=p, keep=1 - p) for n, p in zip(names, settings.drop_probs()))


def divergence_message(exp: Experiment) -> bool:
    """Show which net diverged and at which step, if one did; returns whether it did."""
    for trainer, name in ((exp.trainer, "train.net_dropout"), (exp.twin, "train.net_twin")):
        if trainer.diverged:
            st.error(tr("train.diverged", net=tr(name), step=f"{trainer.steps_done + 1:,}"), icon=":material/warning:")
            return True
    return False


def train_at_least(exp: Experiment, steps: int) -> None:
    """Train both nets up to ``steps`` with a progress bar (a divergence on the way reruns the page).

    An untrained net takes the result from the server's snapshots when someone already trained it (same result).
    """
    if exp.steps_done >= steps or exp.diverged:
        return
    fresh = exp.steps_done == 0 and not exp.log
    if fresh and training_cache.restore(exp, [(exp.config.drop_probs, steps)]):
        _trained_by_a_page(exp)
        return
    text = tr("inf.training_first", steps=f"{steps:,}")
    bar = st.progress(0.0, text=text)
    try:
        while exp.steps_done < steps:
            exp.step(min(50, steps - exp.steps_done))
            bar.progress(exp.steps_done / steps, text=text)
    except TrainingDiverged:
        st.rerun()  # the page then shows which net diverged
    if fresh:
        training_cache.remember(exp)
    _trained_by_a_page(exp)
    bar.empty()


def _trained_by_a_page(exp: Experiment) -> None:
    record_training(exp)
    # weak: a closed session's nets still go
    st.session_state[PRETRAINED] = (weakref.ref(exp), exp.steps_done, st.session_state.get(PAGE))


def pretrained_by_a_page(exp: Experiment) -> bool:
    """Whether ``exp`` is as a page other than Train left it: trained for that page's figures, not by the visitor
    (the Train page says so, since its film then starts where the visitor never saw it start)."""
    return pretrained_by(exp) is not None


def pretrained_by(exp: Experiment) -> str | None:
    """ "by the Theory page" (in the session's language) if ``exp`` is as that page trained it, else None."""
    entry = st.session_state.get(PRETRAINED)
    if entry is None or entry[0]() is not exp or exp.steps_done != entry[1]:
        return None
    page = entry[2]
    return tr("train.by_page", page=tr(f"nav.{page}")) if page in PAGE_NAMES else tr("train.by_another_page")


def shared_rules(model: DropoutMLP, x_eval: torch.Tensor, seed: int, text: str) -> Ensemble:
    """The three inference rules at ``x_eval``: from the server's store when any visitor (or the warm-up) computed
    them for these very weights, else computed here with a progress bar labelled ``text``."""

    def with_bar() -> Ensemble:
        bar = st.progress(0.0, text=text)
        result = training_cache.compute_rules(model, x_eval, seed, lambda f: bar.progress(f, text=text))
        bar.empty()
        return result

    return training_cache.shared(training_cache.rules_key(model, x_eval, seed), with_bar)


def plus_minus(value: float, se: float, fmt: str) -> str:
    """ "value ± standard error" in ``fmt`` (".4f", ".1%"); an error too small for those digits reads "± <0.0001"
    rather than "± 0.0000", which would claim there is none."""
    shown = format(se, fmt)
    if se > 0 and not any(ch in "123456789" for ch in shown):
        decimals = int(fmt.split(".")[1].rstrip("f%"))
        smallest = 10.0**-decimals / (100 if fmt.endswith("%") else 1)
        shown = "<" + format(smallest, fmt)
    return f"{format(value, fmt)} ± {shown}"
