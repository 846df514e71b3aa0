"""The sidebar's settings as one value, and its round trip through the URL query (no Streamlit here)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace

from dropviz.core.experiment import MAX_STEPS, ExperimentConfig, Segment
from dropviz.core.model import ACTIVATIONS
from dropviz.core.noise import NOISES
from dropviz.data.csv_data import UPLOAD_NAME
from dropviz.data.datasets import GENERATORS
from dropviz.i18n import LANGUAGES

MAX_HIDDEN_LAYERS = 3
LEARNING_RATES = (0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
BATCH_SIZES = (4, 8, 16, 32, 64)
SPEEDS = (1, 2, 5, 10, 20, 50, 100, 150, 200)  # training steps per refresh (up to 4 refreshes a second)
FRAME_MS = (300, 600, 900, 1500)
MAX_SEGMENTS = 50  # stretches of training (one per drop-probability change) a link can hold
WIDGET = "w_"  # prefix of the sidebar widgets' session-state keys: w_lang, w_p_in, ...
UPLOAD = UPLOAD_NAME  # the "data" choice of the visitor's own CSV file (the file itself never goes in the URL)


@dataclass(frozen=True)
class Settings:
    lang: str = "en"
    present: bool = False  # presenter mode: sidebar collapsed, no intro paragraphs, key figures in the first screen
    hidden: int = 2
    width: int = 32
    act: str = "relu"
    p_in: float = 0.2  # drop probability of the inputs
    p_h1: float = 0.5  # drop probability of hidden layer 1, and so on
    p_h2: float = 0.5
    p_h3: float = 0.5
    method: str = "bernoulli"  # how a unit is dropped: bernoulli (dropout), gaussian or dropconnect
    data: str = "moons"
    noise: float = 0.5
    n: int = 40  # training points
    n_test: int = 1000  # test points: many, so test accuracy and loss are not noise
    seed: int = 0
    opt: str = "adam"
    lr: float = 0.003
    batch: int = 16
    speed: int = 10
    frames: int = 20  # masks page: masks sampled
    frame_ms: int = 900  # masks page: milliseconds per mask
    point: int = 0  # theory and subnetworks pages: index of the test point
    draw: int = 0  # masks page: how many times "draw new masks" was pressed
    subdraw: int = 0  # subnetworks page: how many times "redraw" was pressed (a link shows the same cards)
    run: str = ""  # the training so far, as format_log() writes it: a link replays it
    bag_k: int = 8  # bagging page: number of members
    mc_t: int = 200  # beyond page: masks sampled for the uncertainty maps

    def drop_probs(self) -> tuple[float, ...]:
        """Drop probabilities of the inputs and each hidden layer in use."""
        return (self.p_in, self.p_h1, self.p_h2, self.p_h3)[: self.hidden + 1]

    def experiment(self) -> ExperimentConfig:
        return ExperimentConfig(
            dataset=self.data,
            n_train=self.n,
            n_test=self.n_test,
            noise=self.noise,
            seed=self.seed,
            hidden_layers=self.hidden,
            width=self.width,
            activation=self.act,
            drop_probs=self.drop_probs(),
            method=self.method,
            optimizer=self.opt,
            lr=self.lr,
            batch_size=self.batch,
        )


# Allowed values: (low, high) for numbers, a tuple of choices otherwise.
LIMITS: dict[str, tuple] = {
    "lang": LANGUAGES,
    "present": (False, True),
    "hidden": (0, MAX_HIDDEN_LAYERS),
    "width": (1, 32),
    "act": tuple(ACTIVATIONS),
    "method": NOISES,
    "p_in": (0.0, 1.0),
    "p_h1": (0.0, 1.0),
    "p_h2": (0.0, 1.0),
    "p_h3": (0.0, 1.0),
    "data": (*GENERATORS, UPLOAD),
    "noise": (0.0, 1.0),
    "n": (10, 400),
    "n_test": (100, 1000),
    "seed": (0, 9999),
    "opt": ("adam", "sgd"),
    "lr": LEARNING_RATES,
    "batch": BATCH_SIZES,
    "speed": SPEEDS,
    "frames": (5, 60),
    "frame_ms": FRAME_MS,
    "point": (0, 999),
    "draw": (0, 9999),
    "subdraw": (0, 9999),
    "bag_k": (2, 16),
    "mc_t": (10, 2000),
}


def _parse(name: str, text: str, kind: type) -> object:
    """One query value, converted and checked against LIMITS; ValueError if it does not fit."""
    if name == "run":
        return format_log(parse_log(text))
    if kind is bool:
        if text.lower() not in ("1", "0", "true", "false"):
            raise ValueError(name)
        return text.lower() in ("1", "true")
    allowed = LIMITS[name]
    value = kind(text)
    if kind is float:
        value = round(value, 2) if name.startswith("p_") or name == "noise" else value
    if isinstance(allowed[0], str) or name in ("lr", "batch", "speed", "frame_ms"):
        if value not in allowed:
            raise ValueError(name)
    elif not allowed[0] <= value <= allowed[1]:
        raise ValueError(name)
    return value


def format_log(log: list[Segment]) -> str:
    """``500x0.2_0.5_0.5~200x0.2_0.8_0.8``: steps, then the drop probabilities they used; URL-safe characters."""
    return "~".join(f"{steps}x" + "_".join(f"{p:g}" for p in probs) for probs, steps in log)


def parse_log(text: str) -> list[Segment]:
    """The inverse of format_log; ValueError for anything malformed, out of range or too long."""
    if not text:
        return []
    parts = text.split("~")
    if len(parts) > MAX_SEGMENTS:
        raise ValueError(f"at most {MAX_SEGMENTS} stretches of training")
    log = []
    for part in parts:
        steps_text, _, probs_text = part.partition("x")
        steps, probs = int(steps_text), tuple(round(float(p), 2) for p in probs_text.split("_"))
        if steps < 1 or not 1 <= len(probs) <= MAX_HIDDEN_LAYERS + 1 or not all(0 <= p <= 1 for p in probs):
            raise ValueError(f"bad stretch of training: {part!r}")
        log.append((probs, steps))
    if sum(steps for _, steps in log) > MAX_STEPS:
        raise ValueError(f"more than {MAX_STEPS} steps")
    return log


def from_widgets(state: Mapping[str, object]) -> Settings:
    """The settings the widgets hold (``state`` is Streamlit's session state, or a dict in tests)."""
    return Settings(**{f.name: state[WIDGET + f.name] for f in fields(Settings)})


def widget_values(settings: Settings) -> dict[str, object]:
    """The session-state entries that make the widgets show ``settings``."""
    return {WIDGET + name: value for name, value in asdict(settings).items()}


def from_query(params: Mapping[str, str]) -> tuple[Settings, list[str]]:
    """Settings from a URL query; unknown keys are ignored, bad values keep their default and are reported."""
    values, rejected = {}, []
    for f in fields(Settings):
        if f.name not in params:
            continue
        try:
            values[f.name] = _parse(f.name, str(params[f.name]), type(getattr(Settings(), f.name)))
        except ValueError:
            rejected.append(f.name)
    return Settings(**values), rejected


def to_query(settings: Settings) -> dict[str, str]:
    """The URL query for ``settings``: only what differs from the defaults, so links stay short."""
    defaults = asdict(Settings())
    return {k: str(int(v) if isinstance(v, bool) else v) for k, v in asdict(settings).items() if v != defaults[k]}


# ExperimentConfig field -> Settings field, for the fields that map one to one.
CONFIG_FIELDS = {
    "n_train": "n",
    "n_test": "n_test",
    "noise": "noise",
    "seed": "seed",
    "hidden_layers": "hidden",
    "width": "width",
    "activation": "act",
    "method": "method",
    "optimizer": "opt",
    "lr": "lr",
    "batch_size": "batch",
}
DROP_FIELDS = ("p_in", "p_h1", "p_h2", "p_h3")


def from_experiment(config: ExperimentConfig, base: Settings) -> Settings:
    """The settings that show ``config`` (what it does not set is kept from ``base``), for a restored experiment.

    Data that is not a toy set is the visitor's own (UPLOAD); the toy sets' noise and sizes do not apply to it and
    are kept from ``base``. ValueError, naming the setting, for a value the widgets cannot show (as for a link:
    outside LIMITS, or finer than the URL keeps), so no restored experiment is silently rebuilt with other settings.
    """
    values: dict[str, object] = {name: getattr(config, field) for field, name in CONFIG_FIELDS.items()}
    values["data"] = config.dataset if config.dataset in GENERATORS else UPLOAD
    if values["data"] == UPLOAD:
        values.update(noise=base.noise, n=base.n, n_test=base.n_test)
    if not 1 <= len(config.drop_probs) <= len(DROP_FIELDS):
        raise ValueError(f"{len(config.drop_probs)} drop probabilities")
    values.update(zip(DROP_FIELDS, config.drop_probs))
    for name, value in values.items():
        if not _shown_exactly(name, value):
            raise ValueError(f"{name} = {value!r}")
    return replace(base, **values)


def _shown_exactly(name: str, value: object) -> bool:
    kind = type(getattr(Settings(), name))
    if not (isinstance(value, kind) or (kind is float and type(value) is int)) or isinstance(value, bool):
        return False
    try:
        return _parse(name, str(value), kind) == value
    except ValueError:
        return False
