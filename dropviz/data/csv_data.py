"""Your own 2-D data: a small CSV file ``x1,x2,label`` read into the same ``Dataset`` the toy generators make.

Rules (every broken one is a ``ValueError`` naming the problem and the line, 1-based as a spreadsheet numbers rows,
header = line 1):

* at most 2 MB (2,097,152 bytes), UTF-8 (a byte order mark is fine), any line endings;
* a header row ``x1,x2,label``, exactly these names in this order (spaces around a name are fine);
* then one point per row: two finite decimal numbers within +-1,000,000 and a label, a whole number 0-9;
  rows that are entirely blank (``""`` or ``,,``) are skipped, wherever they are;
* 4 to 5,000 points; labels 0, 1, ..., K-1 with every one of them used and K >= 2, so ``n_classes = K``
  (a file that uses labels 0 and 2 but never 1 is refused rather than given an empty class).

Points are not rescaled: the app's grid fits any bounding box, and the numbers stay the ones in the file.
Nothing in the file is evaluated: the ``csv`` module splits it and numbers are matched by a pattern first.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # dropviz.data.datasets re-exports from_csv, so it is imported inside the functions (no cycle)
    from dropviz.data.datasets import Dataset, Split

MAX_BYTES = 2 * 1024 * 1024
MIN_POINTS, MAX_POINTS = 4, 5000
MAX_LABEL = 9  # labels are 0-9, so at most 10 classes
MIN_CLASSES = 2
MAX_ABS_COORDINATE = 1e6  # far beyond the toy sets' [-2, 2], far below float32 trouble
HEADER = ("x1", "x2", "label")
UPLOAD_NAME = "upload"

Source = str | os.PathLike | bytes | bytearray | memoryview | IO[bytes] | IO[str]
_DECIMAL = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")  # ASCII only: float() takes more
_LABEL = re.compile(r"0*[0-9]")
SHOWN_CHARS = 24  # of a bad cell, in a message


def read_limited(source: Source, max_bytes: int, what: str = "file") -> bytes | str:
    """The whole of ``source`` (path, bytes or file object), refusing anything over ``max_bytes``.

    The size of a path is checked before it is opened and at most ``max_bytes + 1`` bytes (characters, for a
    text file object) are ever read, so a huge or endless source costs nothing.
    """
    limit = f"the {what} is larger than {max_bytes:,} bytes"
    if max_bytes >= 2**20:  # as the help texts say it
        limit += f" ({max_bytes / 2**20:g} MB)"
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if path.stat().st_size > max_bytes:
            raise ValueError(limit)
        with path.open("rb") as f:
            data: bytes | str = f.read(max_bytes + 1)
    elif isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    else:
        data = source.read(max_bytes + 1)
    if len(data) > max_bytes or (isinstance(data, str) and len(data.encode("utf-8", "surrogatepass")) > max_bytes):
        raise ValueError(limit)
    return data


def from_csv(source: Source) -> Dataset:
    """The points of a CSV file (path, bytes, or a binary or text file object) as a ``Dataset`` named "upload"."""
    from dropviz.data.datasets import Dataset

    try:
        raw = read_limited(source, MAX_BYTES, "CSV file")
    except UnicodeDecodeError as e:  # a text file object decodes while it reads
        raise ValueError(f"the CSV file is not UTF-8 text: {e.reason}") from None
    text = raw if isinstance(raw, str) else _decode(raw)
    x, y, lines = _parse(text.removeprefix("\ufeff"))
    n_classes = check_points(x, y, lambda i: f"line {lines[i]}")
    return Dataset(x, y, n_classes, UPLOAD_NAME)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise ValueError(f"line {line}: the CSV file is not UTF-8 text (byte {data[e.start]:#04x})") from None


def _parse(text: str) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Coordinates, labels and the line of each point; stops one point past MAX_POINTS (check_points says so)."""
    points: list[tuple[float, float]] = []
    labels: list[int] = []
    lines: list[int] = []
    header_seen = False
    rows = csv.reader(io.StringIO(text, newline=""))
    line = 0
    try:
        for line, row in enumerate(rows, start=1):
            cells = [cell.strip() for cell in row]
            if not any(cells):
                continue
            if not header_seen:
                _check_header(cells, line)
                header_seen = True
                continue
            a, b, label = _row(cells, line)
            points.append((a, b))
            labels.append(label)
            lines.append(line)
            if len(points) > MAX_POINTS:
                break
    except csv.Error as e:
        raise ValueError(f"line {line + 1}: not readable as CSV ({e})") from None
    if not header_seen:
        raise ValueError("line 1: the CSV file is empty; it needs the header x1,x2,label and at least one point")
    if not points:
        raise ValueError(f"line {line + 1}: the CSV file has a header but no points")
    return np.array(points, dtype=np.float32), np.array(labels, dtype=np.int64), lines


def _check_header(cells: list[str], line: int) -> None:
    if tuple(cells) == HEADER:
        return
    found = _shown(",".join(cells))
    missing = [name for name in HEADER if name not in cells]
    extra = [cell for cell in cells if cell not in HEADER]
    if len(cells) < len(HEADER) and missing:
        detail = f"missing column {', '.join(missing)}"
    elif len(cells) > len(HEADER) and not missing:
        detail = f"extra column {', '.join(extra) or 'repeated'}"
    else:
        detail = "wrong names or order"
    raise ValueError(f"line {line}: the header must be exactly x1,x2,label ({detail}); found {found}")


def _row(cells: list[str], line: int) -> tuple[float, float, int]:
    if len(cells) != len(HEADER):
        problem = "missing values" if len(cells) < len(HEADER) else "extra values"
        raise ValueError(f"line {line}: {problem}: expected 3 (x1, x2, label), found {len(cells)}")
    return _coordinate(cells[0], "x1", line), _coordinate(cells[1], "x2", line), _label(cells[2], line)


def _coordinate(cell: str, column: str, line: int) -> float:
    if not cell:
        raise ValueError(f"line {line}: {column} is empty; it must be a number")
    if not _DECIMAL.fullmatch(cell):
        if _is_float(cell) and not math.isfinite(float(cell)):
            raise ValueError(f"line {line}: {column} is {_shown(cell)}; NaN and infinity are not allowed")
        raise ValueError(f"line {line}: {column} is {_shown(cell)}, not a number")
    value = float(cell)
    if not abs(value) <= MAX_ABS_COORDINATE:
        raise ValueError(
            f"line {line}: {column} is {_shown(cell)}; coordinates must lie within +-{MAX_ABS_COORDINATE:,.0f} "
            "(rescale the data)"
        )
    return value


def _shown(cell: str) -> str:
    """A cell quoted for a message, cut short: a bad cell may be a megabyte long."""
    return repr(cell if len(cell) <= SHOWN_CHARS else cell[:SHOWN_CHARS] + "...")


def _is_float(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _label(cell: str, line: int) -> int:
    if not _LABEL.fullmatch(cell):
        raise ValueError(f"line {line}: label is {_shown(cell)}; a label must be a whole number from 0 to {MAX_LABEL}")
    return int(cell)


def _point_index(i: int) -> str:
    return f"point {i}"


def check_points(x: np.ndarray, y: np.ndarray, locate: Callable[[int], str] = _point_index) -> int:
    """Check a whole data set against the CSV rules and return its number of classes.

    Shared by the CSV reader and checkpoint loading, so data arriving either way obeys the same rules.
    ``locate(i)`` says where point ``i`` came from ("line 7", "test point 3") for the messages.
    """
    if not (isinstance(x, np.ndarray) and x.dtype == np.float32 and x.ndim == 2 and x.shape[1] == 2):
        raise ValueError("points must be a float32 array of shape [N, 2]")
    if not (isinstance(y, np.ndarray) and y.dtype == np.int64 and y.shape == (len(x),)):
        raise ValueError(f"labels must be an int64 array of shape [{len(x)}], one per point")
    _check_count(len(y), locate)
    bad = np.flatnonzero(~(np.abs(x) <= MAX_ABS_COORDINATE).all(axis=1))  # NaN compares False: caught here too
    if bad.size:
        raise ValueError(f"{locate(bad[0])}: coordinates must be finite and within +-{MAX_ABS_COORDINATE:,.0f}")
    bad = np.flatnonzero((y < 0) | (y > MAX_LABEL))
    if bad.size:
        raise ValueError(f"{locate(bad[0])}: label {y[bad[0]]}; a label must be a whole number from 0 to {MAX_LABEL}")
    return _check_classes(y, locate)


def _check_count(n: int, locate: Callable[[int], str]) -> None:
    if n > MAX_POINTS:
        raise ValueError(f"{locate(MAX_POINTS)}: more than {MAX_POINTS:,} points; at most {MAX_POINTS:,} are allowed")
    if n < MIN_POINTS:
        where = f" ({locate(0)} to {locate(n - 1)})" if n else ""
        raise ValueError(f"only {n} point{'' if n == 1 else 's'}{where}; at least {MIN_POINTS} are needed")


def _check_classes(y: np.ndarray, locate: Callable[[int], str]) -> int:
    """Labels must be 0..K-1 with each used, K >= 2; returns K."""
    n_classes = int(y.max()) + 1
    if n_classes < MIN_CLASSES:
        raise ValueError(
            f"every point ({locate(0)} to {locate(len(y) - 1)}) has label {y[0]}; at least {MIN_CLASSES} classes "
            "(labels 0 and 1) are needed"
        )
    unused = [k for k in range(n_classes) if not (y == k).any()]
    if unused:
        first_above = int(np.flatnonzero(y > unused[0])[0])
        raise ValueError(
            f"{locate(first_above)}: label {y[first_above]} is used but label {unused[0]} never occurs; "
            f"labels must be 0, 1, ..., K-1 with every one used"
        )
    return n_classes


def split_upload(dataset: Dataset, test_fraction: float = 0.5, seed: int = 0) -> Split:
    """A stratified train/test split: each class split in the same proportion, so no class is missing in training.

    A class with one point goes to training; every other class has at least one point on each side. Points keep
    their file order within each side (training shuffles them anyway).
    """
    from dropviz.data.datasets import Dataset, Split

    if not 0.0 < test_fraction < 1.0:
        raise ValueError(f"test_fraction must lie strictly between 0 and 1, got {test_fraction}")
    n_classes = check_points(dataset.x, dataset.y)
    rng = np.random.default_rng(seed)
    test: list[np.ndarray] = []
    for k in range(n_classes):
        members = rng.permutation(np.flatnonzero(dataset.y == k))
        n_test = 0 if len(members) < 2 else min(len(members) - 1, max(1, round(len(members) * test_fraction)))
        test.append(members[:n_test])
    is_test = np.zeros(len(dataset.y), dtype=bool)
    is_test[np.concatenate(test)] = True

    def part(mask: np.ndarray) -> Dataset:
        return Dataset(dataset.x[mask], dataset.y[mask], dataset.n_classes, dataset.name)

    return Split(part(~is_test), part(is_test))
