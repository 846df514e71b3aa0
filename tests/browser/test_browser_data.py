"""The real file widgets in Chromium: upload a CSV, save an experiment and restore it elsewhere, download a GIF."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Locator, Page, expect

from dropviz.i18n import t
from tests.browser import harness as h
from tests.test_app_data import BAD_FILES, GOOD_CSV

pytestmark = pytest.mark.browser

SMALL_NET = "hidden=1&width=4"


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def file_input(page: Page, label: str) -> Locator:
    """The ``input type=file`` of the sidebar uploader labelled ``label`` (the visible part is a drop zone)."""
    uploader = page.locator(f'{h.SIDEBAR} [data-testid="stFileUploader"]').filter(has_text=label)
    return uploader.locator("input[type=file]")


def put_file(page: Page, label: str, path: Path) -> None:
    file_input(page, label).set_input_files(path)
    h.wait_idle(page)


def metrics_texts(page: Page) -> list[str]:
    pattern = h.step_pattern()
    return [
        line.strip()
        for line in page.locator(f'{h.MAIN} [data-testid="stMarkdownContainer"]').all_inner_texts()
        if pattern.match(line.strip())
    ]


def open_save_or_restore(page: Page) -> None:
    page.locator(h.SIDEBAR).get_by_text(t("side.save_restore"), exact=True).click()
    expect(page.locator(h.SIDEBAR).get_by_text(t("side.restore"), exact=True)).to_be_visible()


def test_an_uploaded_csv_is_trained_on_and_a_bad_one_changes_nothing(base_url, page, tmp_path):
    h.open_app(page, f"{base_url}/train?data=upload&{SMALL_NET}")
    expect(page.locator(f"{h.MAIN} {h.ALERT}").filter(has_text=t("common.upload_needed"))).to_have_count(1)
    good, bad = tmp_path / "points.csv", tmp_path / "bad.csv"
    good.write_bytes(GOOD_CSV)
    bad_bytes, message = BAD_FILES["a text coordinate"]
    bad.write_bytes(bad_bytes)

    put_file(page, t("side.upload"), good)
    in_use = page.locator(f'{h.SIDEBAR} [data-testid="stCaptionContainer"]').filter(has_text="In use: points.csv")
    expect(in_use).to_contain_text("60 points in 3 classes")
    assert h.step_counts(page) == [0, 0] and query(page)["data"] == ["upload"]
    expect(h.sidebar_slider(page, t("side.noise"))).to_have_count(0)  # the toy sets' knobs are hidden
    h.main_button(page, t("train.step", n=10)).click()
    h.wait_idle(page)
    assert h.step_counts(page) == [10, 10]

    lines = metrics_texts(page)
    put_file(page, t("side.upload"), bad)
    error = page.locator(f"{h.SIDEBAR} {h.ALERT}").filter(has_text=message)
    expect(error).to_have_count(1)
    expect(in_use).to_have_count(1)  # the previous data stay
    assert metrics_texts(page) == lines and h.step_counts(page) == [10, 10]


def test_a_file_name_and_a_quoted_cell_show_as_they_are_not_as_markdown(base_url, page, tmp_path):
    h.open_app(page, f"{base_url}/train?data=upload&{SMALL_NET}")
    bad = tmp_path / "**bold** [x](http:example.com).csv"
    bad.write_bytes(b"x1,x2,label\n[**click me**](http://example.com),0,1\n")
    put_file(page, t("side.upload"), bad)
    error = page.locator(f"{h.SIDEBAR} {h.ALERT}")
    assert "[**click me**](http://" in error.inner_text().replace("\u2060", "")  # an invisible word joiner: no link
    expect(error.locator("a, strong")).to_have_count(0)
    good = tmp_path / "**good** [x](http:example.com).csv"
    good.write_bytes(GOOD_CSV)
    put_file(page, t("side.upload"), good)
    in_use = page.locator(f'{h.SIDEBAR} [data-testid="stCaptionContainer"]').filter(has_text="In use:")
    expect(in_use).to_have_count(1)
    assert "In use: **good** [x](http:example.com).csv" in in_use.inner_text().replace("\u2060", "")
    expect(in_use.locator("a, strong")).to_have_count(0)


def test_a_file_a_little_over_the_limit_says_so_in_place_of_the_last_message(base_url, page, tmp_path):
    # The uploader itself would only mark such a file with an icon and leave the last file's message in place.
    h.open_app(page, f"{base_url}/train?data=upload&{SMALL_NET}")
    bad, big = tmp_path / "bad.csv", tmp_path / "big.csv"
    bad_bytes, message = BAD_FILES["a text coordinate"]
    bad.write_bytes(bad_bytes)
    big.write_bytes(GOOD_CSV * (int(2.4 * 2**20) // len(GOOD_CSV)))  # about 2.4 MB
    put_file(page, t("side.upload"), bad)
    error = page.locator(f"{h.SIDEBAR} {h.ALERT}")
    expect(error).to_contain_text(message)
    put_file(page, t("side.upload"), big)
    expect(error).to_contain_text("larger than 2,097,152 bytes (2 MB)")
    expect(error).not_to_contain_text(message)


def test_a_saved_experiment_restores_the_same_view_in_another_session(base_url, new_page, tmp_path):
    first = new_page()
    h.open_app(first, f"{base_url}/train?{SMALL_NET}&data=circles&lr=0.01")
    for _ in range(2):
        h.main_button(first, t("train.step", n=10)).click()
        h.wait_idle(first)
    assert h.step_counts(first) == [20, 20]
    open_save_or_restore(first)
    with first.expect_download() as download:
        first.locator(h.SIDEBAR).get_by_role("button", name=t("side.save")).click()
    assert download.value.suggested_filename == "dropviz-experiment.dvz"
    saved = tmp_path / "saved.dvz"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"dropviz checkpoint\n")
    assert h.step_counts(first) == [20, 20]  # saving neither reruns nor trains

    second = new_page()
    h.open_app(second, f"{base_url}/train")
    open_save_or_restore(second)
    put_file(second, t("side.restore"), saved)
    notice = t("side.restored", steps="20", data=t("data.circles"))
    # the restored net has one hidden layer fewer, which moves the expander: it must stay open
    expect(second.locator(f"{h.SIDEBAR} {h.ALERT}").filter(has_text=notice)).to_be_visible()
    assert metrics_texts(second) == metrics_texts(first)
    assert query(second) == query(first)

    garbage = tmp_path / "garbage.dvz"
    garbage.write_bytes(b"not a checkpoint at all")
    put_file(second, t("side.restore"), garbage)
    expect(second.locator(f"{h.SIDEBAR} {h.ALERT}").filter(has_text="Not a dropviz checkpoint")).to_be_visible()
    assert metrics_texts(second) == metrics_texts(first) and query(second) == query(first)

    # Files of any name reach the checks, which say what is wrong in place of the last message: a CSV given to the
    # restore box (Streamlit's type filter would only have marked it with an icon).
    points = tmp_path / "points.csv"
    points.write_bytes(GOOD_CSV)
    put_file(second, t("side.restore"), saved)
    alerts = second.locator(f"{h.SIDEBAR} {h.ALERT}")
    expect(alerts.filter(has_text=notice)).to_be_visible()
    put_file(second, t("side.restore"), points)
    expect(alerts.filter(has_text="Not a dropviz checkpoint")).to_have_count(1)
    expect(alerts.filter(has_text=notice)).to_have_count(0)
    assert metrics_texts(second) == metrics_texts(first) and query(second) == query(first)


def test_the_masks_page_makes_a_gif_on_click(base_url, page):
    h.open_app(page, f"{base_url}/masks?{SMALL_NET}&frames=5")
    h.main_button(page, t("common.gif_make")).click()
    h.wait_idle(page)
    with page.expect_download() as download:
        page.locator(h.MAIN).get_by_role("button", name=t("common.gif_download")).click()
    assert download.value.suggested_filename == "dropviz-masks.gif"
    assert Path(download.value.path()).read_bytes().startswith(b"GIF89a")
