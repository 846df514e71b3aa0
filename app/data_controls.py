"""The sidebar's own-data and save/restore controls, and the GIF buttons: the widgets, and what they do as plain
functions on a state mapping (Streamlit's session state, or a dict in tests), as in ``train_controls``.

A failed upload or restore changes nothing but the message shown, and every action sets a state rather than
toggling one, so a callback that Streamlit runs twice does no harm.
"""

from __future__ import annotations

import hashlib
import io
import re
import threading
import weakref
from collections.abc import Callable, Hashable, MutableMapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import streamlit as st

from app import settings as cfg
from app.train_controls import EXPERIMENT, PLAYING
from dropviz.core import snapshots
from dropviz.core.experiment import Experiment
from dropviz.data import checkpoint
from dropviz.data.csv_data import MAX_BYTES, UPLOAD_NAME, from_csv, split_upload
from dropviz.data.datasets import Dataset, Split
from dropviz.draw.gif_export import training_gif
from dropviz.i18n import t

State = MutableMapping[str, Any]

UPLOAD = "upload"  # session state: the visitor's own data set (an Upload); never shared between visitors
UPLOAD_WIDGET = "upload_csv"
UPLOAD_ERROR = "upload_error"  # session state: why the last CSV file was refused
RESTORE_WIDGET = "restore_dvz"
SAVE_OR_RESTORE = "save_or_restore"  # the expander: its open state is kept, so a restore's message stays in view
RESTORE_NOTICE = "restore_notice"  # session state: a Notice about the last restore
GIF = "gif_"  # session state: GIF + kind -> (what the GIF shows, its bytes)
SAVE_FILE_NAME = "dropviz-experiment.dvz"
DIGEST_CHARS = 12
TRAINING_GIF_FRAMES = 40
MB = 1024 * 1024
# The uploaders take files this many times over the library's limits, and of any type: a file a little too big, or
# a save renamed .csv, then reaches from_csv or checkpoint.load, which say what is wrong in the sidebar; the uploader
# itself would only mark it with an icon, and leave the message of the file before in place.
UPLOAD_SLACK = 5


# ------------------------------------------------------------------------------------------ your own data


@dataclass
class Upload:
    """The visitor's own data set, named by a digest of its content, and its train/test split for ``seed``.

    Another seed splits the points anew (``split_upload``); ``seed``'s own split is kept as it came, so a restored
    experiment goes on with exactly the points it was trained on.
    """

    dataset: Dataset
    digest: str
    seed: int
    split: Split
    file_name: str
    _other: tuple[int, Split] | None = field(default=None, repr=False)

    @property
    def dataset_name(self) -> str:
        """The experiment config's ``dataset``: new data, new name, so no cache ever mixes two data sets."""
        return f"{UPLOAD_NAME}:{self.digest}"

    def split_for(self, seed: int) -> Split:
        if seed == self.seed:
            return self.split
        if self._other is None or self._other[0] != seed:
            self._other = (seed, split_upload(self.dataset, seed=seed))
        return self._other[1]


MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
AUTOLINKS = re.compile(r"(?i)(:(?=//)|\w@(?=\w)|www(?=\.))")  # what makes "http://x", "a@b.c", "www.x" links
WORD_JOINER = "\u2060"  # invisible; breaks those patterns, which escaping does not


def literal(text: str) -> str:
    """``text`` as markdown that shows it as it is: file names, and messages that quote a file, come from visitors,
    and a cell like ``[**click**](http://...)`` must not turn into a link in the app's own message box."""
    return MARKDOWN_SPECIALS.sub(r"\\\1", AUTOLINKS.sub(r"\1" + WORD_JOINER, text))


def sentence(error: ValueError) -> str:
    """A library message ("line 3: x2 is 'abc', not a number") as a sentence after ours, shown as it is."""
    text = str(error)
    return literal(text[:1].upper() + text[1:])


def content_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:DIGEST_CHARS]


def accept_csv(state: State, data: bytes, file_name: str, seed: int) -> bool:
    """Make a CSV file's points the visitor's data; a bad file keeps the old data and leaves its reason in state."""
    try:
        dataset = from_csv(data)
        split = split_upload(dataset, seed=seed)
    except ValueError as e:
        state[UPLOAD_ERROR] = sentence(e)
        return False
    state[UPLOAD] = Upload(dataset, content_digest(data), seed, split, file_name)
    state.pop(UPLOAD_ERROR, None)
    return True


def on_csv_change(state: State) -> None:
    """The uploader's callback: a new file is read; removing the file keeps the data it gave."""
    file = state.get(UPLOAD_WIDGET)
    if file is None:
        state.pop(UPLOAD_ERROR, None)
        return
    accept_csv(state, file.getvalue(), file.name, state[cfg.WIDGET + "seed"])


def upload_controls(lang: str) -> None:
    """The CSV uploader under the data set choice, with the data in use and why the last file was refused."""
    st.file_uploader(
        t("side.upload", lang),
        key=UPLOAD_WIDGET,
        on_change=on_csv_change,
        args=(st.session_state,),
        help=t("side.upload_help", lang),
        max_upload_size=UPLOAD_SLACK * MAX_BYTES // MB,
    )
    error = st.session_state.get(UPLOAD_ERROR)
    if error:
        st.error(t("side.upload_error", lang, error=error), icon=":material/error:")
    upload: Upload | None = st.session_state.get(UPLOAD)
    if upload is not None:
        st.caption(describe_upload(upload, lang))


def describe_upload(upload: Upload, lang: str) -> str:
    split = upload.split
    return t(
        "side.upload_in_use",
        lang,
        name=literal(upload.file_name),
        n=f"{len(upload.dataset.y):,}",
        k=upload.dataset.n_classes,
        train=f"{len(split.train.y):,}",
        test=f"{len(split.test.y):,}",
    )


# ----------------------------------------------------------------------------------------- save and restore


@dataclass(frozen=True)
class Notice:
    """A message for the sidebar, kept in state and worded when drawn (the visitor may switch language)."""

    level: str  # "error" or "success"
    key: str
    values: dict[str, object]
    data: str | None = None  # a data set choice, worded as the data set box words it

    def text(self, lang: str) -> str:
        data = {"data": t(f"data.{self.data}", lang)} if self.data else {}
        return t(self.key, lang, **self.values, **data)


def experiment_bytes(exp: Experiment) -> bytes:
    """``exp`` as a .dvz file; waits for a training step in progress (the Train page trains on another thread)."""
    out = io.BytesIO()
    with snapshots.training_lock(exp):
        checkpoint.save(exp, out)
    return out.getvalue()


def experiment_bytes_if_alive(experiment: weakref.ref[Experiment]) -> bytes:
    """The Save button's bytes, built on click; empty if the session (and its experiment) is already gone."""
    exp = experiment()
    return b"" if exp is None else experiment_bytes(exp)


def restore(state: State, data: bytes, file_name: str) -> bool:
    """Make a saved experiment the visitor's, with every widget (and so the URL) showing its settings.

    A broken file, or one whose settings the widgets cannot show, changes nothing but the notice.
    """
    try:
        exp = checkpoint.load(io.BytesIO(data))
    except ValueError as e:
        state[RESTORE_NOTICE] = Notice("error", "side.restore_error", {"error": sentence(e)})
        return False
    try:
        shown = cfg.from_experiment(exp.config, cfg.from_widgets(state))
    except ValueError as e:
        state[RESTORE_NOTICE] = Notice("error", "side.restore_unshowable", {"setting": literal(str(e))})
        return False
    if shown.data == cfg.UPLOAD:  # named by content, with the widgets' (unused) toy-set knobs: the URL's config
        upload = restored_upload(exp, file_name)
        own = {"dataset": upload.dataset_name, "n_train": shown.n, "n_test": shown.n_test, "noise": shown.noise}
        exp.config = replace(exp.config, **own)
        state[UPLOAD] = upload
        state.pop(UPLOAD_ERROR, None)
    run = cfg.format_log(exp.log) if len(exp.log) <= cfg.MAX_SEGMENTS else ""
    state.update(cfg.widget_values(replace(shown, run=run)))
    state[EXPERIMENT] = exp
    state[PLAYING] = False
    state[RESTORE_NOTICE] = Notice("success", "side.restored", {"steps": f"{exp.steps_done:,}"}, shown.data)
    return True


def restored_upload(exp: Experiment, file_name: str) -> Upload:
    """A restored experiment's own data as the visitor's upload, split as saved.

    Its name digests the split and seed, never what the file calls it: a crafted name could otherwise pass one
    data set off as another in the server's training cache.
    """
    train, test = exp.split.train, exp.split.test
    points = Dataset(np.concatenate([train.x, test.x]), np.concatenate([train.y, test.y]), train.n_classes, UPLOAD_NAME)
    digest = hashlib.sha256()
    for part in (np.int64(exp.config.seed), np.int64(len(train.y)), train.x, train.y, test.x, test.y):
        digest.update(np.ascontiguousarray(part).tobytes())
    return Upload(points, digest.hexdigest()[:DIGEST_CHARS], exp.config.seed, exp.split, file_name)


def on_restore_change(state: State) -> None:
    """The restore uploader's callback: a new file is restored; removing the file changes nothing."""
    file = state.get(RESTORE_WIDGET)
    if file is None:
        state.pop(RESTORE_NOTICE, None)
        return
    restore(state, file.getvalue(), file.name)


_this_run = threading.local()  # the Save button's place in the sidebar, for the script run on this thread


def save_and_restore(lang: str) -> None:
    """The sidebar's "Save or restore" expander, on every page.

    The sidebar is drawn before the page builds this run's experiment, so the Save button is put in later, by
    ``offer_save``; pages without a net keep a note in its place.
    """
    # Kept open by state, not by its place: a restore that changes the number of hidden layers moves it.
    with st.expander(t("side.save_restore", lang), icon=":material/save:", key=SAVE_OR_RESTORE, on_change="rerun"):
        _this_run.save_slot = st.empty()
        _this_run.save_slot.caption(t("side.save_nothing", lang))
        st.file_uploader(
            t("side.restore", lang),
            key=RESTORE_WIDGET,
            on_change=on_restore_change,
            args=(st.session_state,),
            help=t("side.restore_help", lang),
            max_upload_size=UPLOAD_SLACK * checkpoint.MAX_FILE_BYTES // MB,
        )
        notice: Notice | None = st.session_state.get(RESTORE_NOTICE)
        if notice is not None:
            show = st.error if notice.level == "error" else st.success
            show(notice.text(lang))


def offer_save(exp: Experiment, lang: str) -> None:
    """The Save button for ``exp``; its bytes (a few hundred KB) are built only when it is clicked."""
    slot = getattr(_this_run, "save_slot", None)
    if slot is None:
        return
    # Streamlit keeps this callable in a process-wide table until the session ends: a weak reference lets a
    # closed visitor's experiment go at once instead of after the session's time-to-live.
    experiment = weakref.ref(exp)
    slot.download_button(
        t("side.save", lang),
        data=lambda: experiment_bytes_if_alive(experiment),
        file_name=SAVE_FILE_NAME,
        mime="application/octet-stream",
        on_click="ignore",  # no rerun: a playing Train page plays on
        help=t("side.save_help", lang),
        icon=":material/download:",
        width="stretch",
    )


# --------------------------------------------------------------------------------------------- GIFs for slides


def gif_made(kind: str) -> bool:
    """Whether a GIF of ``kind`` was made in this session (its download button shows until what it shows changes)."""
    return st.session_state.get(GIF + kind) is not None


def offer_gif(kind: str, shows: Hashable, build: Callable[[], bytes], lang: str) -> None:
    """A "Make a GIF" button and, once it was clicked, the GIF's download button, until what it shows changes.

    Drawing a GIF takes seconds, so it is built on that click only and kept in session state (one per kind).
    """
    made = st.session_state.get(GIF + kind)
    slot = st.empty()  # one button at a time: the download button takes the place of the one that made the GIF
    if made is None or made[0] != shows:
        if not slot.button(t("common.gif_make", lang), key=f"make_{kind}_gif", icon=":material/gif_box:"):
            return
        made = (shows, build())
        st.session_state[GIF + kind] = made
    slot.download_button(
        t("common.gif_download", lang),
        data=made[1],
        file_name=f"dropviz-{kind}.gif",
        mime="image/gif",
        key=f"download_{kind}_gif",
        on_click="ignore",
        icon=":material/download:",
    )


def offer_training_gif(exp: Experiment, lang: str) -> None:
    """The Train page's GIF: both nets training from step 0 to now, 40 frames, with a progress bar while drawn."""

    def build() -> bytes:
        text = t("common.gif_training", lang, frames=TRAINING_GIF_FRAMES)
        bar = st.progress(0.0, text=text)
        with snapshots.training_lock(exp):  # a playing page's refresh must not train the nets while they are drawn
            gif = training_gif(exp, TRAINING_GIF_FRAMES, lang=lang, progress=lambda f: bar.progress(f, text=text))
        bar.empty()
        return gif

    # The drop probabilities matter too: an untrained net's GIF shows a fresh run with the current ones.
    offer_gif("training", (exp.serial, exp.steps_done, exp.config.drop_probs, lang), build, lang)
