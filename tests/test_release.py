"""A visitor who leaves must not keep their experiment in the server's memory (issue #10: many visitors, a soak).

A visitor's ``Experiment`` lives in their Streamlit session state (``app.ui.experiment``). Anything that outlives
the session and still points at it is a leak that grows with every visitor: the server-wide training cache
(``app.training_cache``, which must hold copies), the per-experiment training locks (``dropviz.core.snapshots``,
keyed weakly), the start-up pre-training (``app.warmup``), and Streamlit's own process-wide objects. Each test holds
a weak reference to the experiment, ends the session, collects garbage and checks that the reference died.

Two levels: AppTest (our module-level state only: AppTest gives every run a fresh stand-in for Streamlit's
runtime) and Streamlit's real ``Runtime`` in this process, as ``streamlit run`` builds it, with a stand-in for the
browser's websocket: a session is connected, runs a page, disconnects, and expires from the session storage as it
does in a server after ``server.disconnectedSessionTTL``. That level matters: the sidebar's Save button hands
Streamlit a callable that holds the experiment, and Streamlit keeps it in its process-wide MediaFileManager until the
session's AppSession is garbage collected (its ``__del__`` shuts the session down), which needs the session to expire
and the runtime's send loop to have moved on to another session.
"""

from __future__ import annotations

import asyncio
import gc
import time
import weakref
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime import Runtime, RuntimeConfig
from streamlit.runtime.caching.storage.dummy_cache_storage import MemoryCacheStorageManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.runtime.memory_session_storage import MemorySessionStorage
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager

from app import training_cache
from app.settings import Settings
from app.train_controls import EXPERIMENT
from dropviz.core import snapshots
from dropviz.core.experiment import Experiment
from tests.apptest import open_page

ENTRY = str(Path(__file__).resolve().parents[1] / "app" / "main.py")
RUN_TIMEOUT_SECONDS = 120.0  # a page run on a loaded 2-core machine; only a hang reaches it


def released(ref: weakref.ref) -> bool:
    """Whether the object is gone after garbage collection. Streamlit's AppSession shuts itself down in ``__del__``
    (which lets go of the session's download callables, see below): that takes a collection, and what it let go of
    takes the next."""
    for _ in range(3):
        gc.collect()
    return ref() is None


# --- AppTest: our own module-level state -------------------------------------------------------------------


def test_a_visitor_who_trained_and_left_is_released():
    """Play (a refresh trains through ``snapshots.film``, which keeps a training lock per experiment), pause, then
    the Inference page (trains to 500 steps through the training cache): none of it may keep the experiment."""
    at = open_page("train")
    at.button[0].click().run()  # Play: this run's refresh trains the first batch
    assert not at.exception, [e.value for e in at.exception]
    exp = at.session_state[EXPERIMENT]
    assert exp.steps_done > 0
    assert exp in snapshots._GUARDS  # the film took this experiment's training lock
    at.button[0].click().run()  # Pause
    at.switch_page("views/inference.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state[EXPERIMENT] is exp and exp.steps_done >= 500
    assert all(snapshot is not exp for snapshot in training_cache._runs.values())
    ref = weakref.ref(exp)
    del exp, at  # the session ends: AppTest's session state and its stand-in runtime go with it
    assert released(ref)


def test_the_training_cache_keeps_a_copy_not_the_visitors_experiment():
    """A run the cache remembers stays for later visitors; the visitor's own object must not."""
    training_cache.clear()
    exp = Experiment(Settings().experiment())
    exp.step(20)
    training_cache.remember(exp)
    ref = weakref.ref(exp)
    del exp
    assert released(ref)
    assert training_cache._runs, "the cache let go of the snapshot as well"
    training_cache.clear()


# --- Streamlit's runtime, as a server runs it ------------------------------------------------------------


class Browser:
    """Stands in for a browser tab's websocket: collects what the server sends."""

    def __init__(self) -> None:
        self.messages: list[ForwardMsg] = []

    def write_forward_msg(self, msg: ForwardMsg) -> None:
        self.messages.append(msg)

    @property
    def client_context(self) -> None:
        return None

    def finished_runs(self) -> int:
        return sum(m.WhichOneof("type") == "script_finished" for m in self.messages)


async def open_tab(runtime: Runtime, page: str) -> tuple[str, Browser]:
    """Connect a session and run ``page`` (a URL path, "" for Start) to its end, as a browser's first visit does."""
    browser = Browser()
    session_id = runtime.connect_session(browser, {})
    msg = BackMsg()
    msg.rerun_script.query_string = ""
    msg.rerun_script.page_name = page
    runtime.handle_backmsg(session_id, msg)
    deadline = time.monotonic() + RUN_TIMEOUT_SECONDS
    while not browser.finished_runs():
        assert time.monotonic() < deadline, f"the {page or 'Start'} page did not finish"
        await asyncio.sleep(0.05)
    exceptions = [
        m for m in browser.messages if m.WhichOneof("type") == "delta" and m.delta.new_element.exception.message
    ]
    assert not exceptions, [m.delta.new_element.exception.message for m in exceptions]
    return session_id, browser


@asynccontextmanager
async def serving(session_ttl_seconds: int) -> AsyncIterator[Runtime]:
    """Streamlit's runtime for the app as ``streamlit run`` builds it (no sockets), with closed tabs' sessions kept
    ``session_ttl_seconds`` (``server.disconnectedSessionTTL``, 120 s by default) for a reconnect."""
    runtime = Runtime(
        RuntimeConfig(
            script_path=ENTRY,
            media_file_storage=MemoryMediaFileStorage("/media"),
            uploaded_file_manager=MemoryUploadedFileManager("/_stcore/upload_file"),
            cache_storage_manager=MemoryCacheStorageManager(),
            session_storage=MemorySessionStorage(ttl_seconds=session_ttl_seconds),
        )
    )
    try:
        await runtime.start()
        yield runtime
    finally:
        runtime.stop()
        await runtime.stopped
        Runtime._instance = None  # a singleton: AppTest and the other tests make their own


async def first_visitor_left(session_ttl_seconds: int) -> tuple[bool, int, int]:
    """A visitor opens Train (its Save button registers a download callable that holds the experiment) and closes
    the tab; then a second visitor comes and goes, as later visitors do in a server: their disconnect reaps the
    first session from the storage once it expired, and their messages take the runtime's send loop past it (the
    loop's variable keeps the session it served last). Returns, while the runtime still runs: whether the first
    visitor's experiment was released, and the download callables the server held before and after."""
    async with serving(session_ttl_seconds) as runtime:
        first, _ = await open_tab(runtime, "train")
        callables = runtime.media_file_mgr._deferred_callables
        held_before = len(callables)
        ref = weakref.ref(runtime.get_app_session(first).session_state[EXPERIMENT])
        runtime.disconnect_session(first)
        second, _ = await open_tab(runtime, "")
        runtime.disconnect_session(second)
        await asyncio.sleep(0.2)  # the first session's script thread ends
        return released(ref), held_before, len(callables)


def run_alone(coroutine):
    """``asyncio.run`` on a thread of its own: after the browser tests, Playwright's event loop runs on this one."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_a_closed_tabs_experiment_is_released_once_its_session_expires():
    gone, held_before, held_after = run_alone(first_visitor_left(session_ttl_seconds=0))
    assert held_before == 1  # the Save button's callable: it holds the experiment, the server holds it
    assert gone
    assert held_after == 0


def test_a_closed_tabs_experiment_is_kept_while_the_tab_may_reconnect():
    """The check above can fail: within the TTL the session, and so the experiment, stays for a reconnect."""
    gone, held_before, held_after = run_alone(first_visitor_left(session_ttl_seconds=120))
    assert held_before == 1
    assert not gone
    assert held_after == 1
