"""Reading your own points from CSV: every good form loads the same, every bad file says what and where."""

from __future__ import annotations

import io

import numpy as np
import pytest

from dropviz.data import csv_data
from dropviz.data.csv_data import MAX_BYTES, MAX_POINTS, check_points, from_csv, split_upload
from dropviz.data.datasets import Dataset

GOOD = "x1,x2,label\n0.5,-1,0\n1e2,2.5,1\n-3,.5,2\n+4,5.,1\n 6 , 7 , 0 \n"
GOOD_X = np.array([[0.5, -1], [100, 2.5], [-3, 0.5], [4, 5], [6, 7]], dtype=np.float32)
GOOD_Y = np.array([0, 1, 2, 1, 0], dtype=np.int64)


def assert_good(data: Dataset) -> None:
    assert data.name == "upload" and data.n_classes == 3
    assert data.x.dtype == np.float32 and data.y.dtype == np.int64
    np.testing.assert_array_equal(data.x, GOOD_X)
    np.testing.assert_array_equal(data.y, GOOD_Y)


def rows(*lines: str) -> bytes:
    return ("\n".join(["x1,x2,label", *lines]) + "\n").encode()


# ------------------------------------------------------------------------------------------ good files


def test_from_path_str_and_pathlib(tmp_path):
    path = tmp_path / "points.csv"
    path.write_text(GOOD)
    assert_good(from_csv(path))
    assert_good(from_csv(str(path)))


def test_from_bytes():
    assert_good(from_csv(GOOD.encode()))
    assert_good(from_csv(bytearray(GOOD.encode())))


def test_from_binary_file_objects(tmp_path):
    assert_good(from_csv(io.BytesIO(GOOD.encode())))
    path = tmp_path / "points.csv"
    path.write_bytes(GOOD.encode())
    with path.open("rb") as f:
        assert_good(from_csv(f))


def test_from_text_file_objects(tmp_path):
    assert_good(from_csv(io.StringIO(GOOD)))
    path = tmp_path / "points.csv"
    path.write_text(GOOD, encoding="utf-8")
    with path.open(encoding="utf-8", newline="") as f:
        assert_good(from_csv(f))


def test_crlf_and_old_mac_line_endings():
    assert_good(from_csv(GOOD.replace("\n", "\r\n").encode()))
    assert_good(from_csv(GOOD.replace("\n", "\r").encode()))


def test_byte_order_mark_is_fine():
    assert_good(from_csv(b"\xef\xbb\xbf" + GOOD.encode()))
    assert_good(from_csv(io.StringIO("\ufeff" + GOOD)))


def test_blank_rows_anywhere_are_skipped():
    assert_good(from_csv((GOOD + "\n").encode()))
    assert_good(from_csv((GOOD + "\r\n\r\n,,\n").encode()))
    with_gaps = GOOD.replace("\n", "\n\n , ,\n", 2)
    assert_good(from_csv(with_gaps.encode()))


def test_header_spaces_quotes_and_exponents():
    data = from_csv(b' x1 , x2 ,label \n"1.5",-2E-1,0\n0,0,1\n1,1,01\n2,2,0\n')
    np.testing.assert_array_equal(data.y, [0, 1, 1, 0])
    assert data.x[0].tolist() == pytest.approx([1.5, -0.2])


def test_points_far_from_the_toy_range_are_kept_as_they_are():
    data = from_csv(rows("-1000000,999999.5,0", "1e6,0,1", "0,0,0", "5,5,1"))
    assert data.x[:, 0].tolist() == [-1e6, 1e6, 0, 5]


def test_limits_are_inclusive():
    labels = [str(k) for k in range(10)]
    data = from_csv(rows(*(f"{i},{i},{labels[i % 10]}" for i in range(MAX_POINTS))))
    assert len(data.y) == MAX_POINTS and data.n_classes == 10
    assert from_csv(rows("0,0,0", "1,1,1", "2,2,0", "3,3,1")).n_classes == 2


# ------------------------------------------------------------------------------------------- bad files

BAD_CASES = {
    "empty": (b"", ["empty", "line 1"]),
    "only blank lines": (b"\n\n,,\n", ["empty", "line 1"]),
    "header only": (b"x1,x2,label\n", ["no points", "line 2"]),
    "header missing a column": (b"x1,x2\n1,2\n", ["missing column label", "line 1"]),
    "header extra column": (b"x1,x2,label,z\n1,2,0,0\n", ["extra column z", "line 1"]),
    "header wrong names": (b"a,b,c\n1,2,0\n", ["header must be exactly x1,x2,label", "line 1"]),
    "header wrong order": (b"x2,x1,label\n1,2,0\n", ["wrong names or order", "line 1"]),
    "header after a blank line": (b"\nx,y,label\n", ["header", "line 2"]),
    "row missing a value": (rows("0,0,0", "1,1"), ["missing values", "found 2", "line 3"]),
    "row with one value": (rows("0,0,0", "1,1,1", "7"), ["missing values", "line 4"]),
    "row with an extra value": (rows("0,0,0", "1,1,1", "2,2,0,9"), ["extra values", "found 4", "line 4"]),
    "text coordinate": (rows("0,0,0", "1,abc,1"), ["x2", "'abc'", "not a number", "line 3"]),
    "empty coordinate": (rows("0,0,0", ",1,1"), ["x1 is empty", "line 3"]),
    "decimal comma": (rows('"1,5",0,0'), ["x1", "not a number", "line 2"]),
    "underscore digits": (rows("1_000,0,0"), ["x1", "not a number", "line 2"]),
    "nan": (rows("0,0,0", "nan,1,1"), ["x1", "NaN and infinity", "line 3"]),
    "NaN": (rows("0,0,0", "1,1,1", "2,NaN,1"), ["x2", "NaN and infinity", "line 4"]),
    "inf": (rows("inf,0,0"), ["x1", "NaN and infinity", "line 2"]),
    "-Infinity": (rows("0,0,0", "0,-Infinity,1"), ["x2", "NaN and infinity", "line 3"]),
    "overflow": (rows("0,0,0", "1e400,0,1"), ["x1", "within +-1,000,000", "line 3"]),
    "too far": (rows("0,0,0", "0,-2e6,1"), ["x2", "within +-1,000,000", "line 3"]),
    "label 1.5": (rows("0,0,0", "1,1,1.5"), ["'1.5'", "whole number from 0 to 9", "line 3"]),
    "label -1": (rows("0,0,-1"), ["'-1'", "whole number from 0 to 9", "line 2"]),
    "label 10": (rows("0,0,0", "1,1,1", "2,2,10"), ["'10'", "whole number from 0 to 9", "line 4"]),
    "label a": (rows("0,0,a"), ["'a'", "whole number from 0 to 9", "line 2"]),
    "label empty": (rows("0,0,0", "1,1,"), ["''", "whole number from 0 to 9", "line 3"]),
    "label 1.0": (rows("0,0,1.0"), ["'1.0'", "whole number", "line 2"]),
    "one class": (rows("0,0,0", "1,1,0", "2,2,0", "3,3,0"), ["at least 2 classes", "line 2", "line 5"]),
    "one class, label 1": (rows("0,0,1", "1,1,1", "2,2,1", "3,3,1"), ["label 0 never occurs", "line 2"]),
    "a label never used": (rows("0,0,0", "1,1,0", "2,2,2", "3,3,2"), ["label 1 never occurs", "line 4"]),
    "3 points": (rows("0,0,0", "1,1,1", "2,2,0"), ["only 3 points", "at least 4", "line 4"]),
    "1 point": (rows("0,0,0"), ["only 1 point", "line 2"]),
    "not utf-8": (rows("0,0,0") + b"\xff,1,1\n", ["not UTF-8", "line 3"]),
    "latin-1": (rows("0,0,0", "1,1,1") + "2,2,0 # caf\xe9\n".encode("latin-1"), ["not UTF-8", "line 4"]),
    "NUL byte": (rows("0,0,0", "\0,1,1"), ["line 3"]),
}


@pytest.mark.parametrize("content, expected", list(BAD_CASES.values()), ids=list(BAD_CASES))
def test_bad_file_says_what_and_where(content, expected):
    with pytest.raises(ValueError) as error:
        from_csv(content)
    for text in expected:
        assert text in str(error.value)


def test_too_many_points_names_the_first_one_too_many():
    content = rows(*(f"{i},0,{i % 2}" for i in range(MAX_POINTS + 1)))
    with pytest.raises(ValueError, match=r"line 5002: more than 5,000 points"):
        from_csv(content)


def test_a_long_cell_is_cut_short_in_the_message():
    with pytest.raises(ValueError) as error:
        from_csv(rows("0,0," + "7" * 100_000))
    assert "line 2: label is '7777" in str(error.value) and len(str(error.value)) < 200


def test_a_field_over_the_csv_modules_limit():
    with pytest.raises(ValueError, match="line 2: not readable as CSV"):
        from_csv(rows("0,0," + "7" * 1_000_000))


def test_over_two_megabytes_is_refused_before_parsing():
    content = rows("0,0,0", "1,1,1", "2,2,0", "3,3,1")
    padded = content + b"\n" * (MAX_BYTES + 1 - len(content))
    with pytest.raises(ValueError, match=r"larger than 2,097,152 bytes \(2 MB\)"):
        from_csv(padded)
    assert from_csv(padded[:-1]).n_classes == 2  # exactly 2 MB is fine


def test_a_large_path_is_refused_by_its_size_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "big.csv"
    path.write_bytes(b"x" * (MAX_BYTES + 1))

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(type(path), "open", no_reading)
    with pytest.raises(ValueError, match="larger than"):
        from_csv(path)


class EndlessStream:
    """A file object that never ends; records how much was asked for."""

    def __init__(self, chunk: bytes | str) -> None:
        self.chunk, self.requested = chunk, []

    def read(self, size: int = -1) -> bytes | str:
        assert size > 0, "read everything from an endless stream"
        self.requested.append(size)
        return (self.chunk * (size // len(self.chunk) + 1))[:size]


@pytest.mark.parametrize("chunk", [b"0,0,0\n", "0,0,0\n"])
def test_a_file_object_is_read_at_most_two_megabytes_and_one_byte(chunk):
    stream = EndlessStream(chunk)
    with pytest.raises(ValueError, match="larger than"):
        from_csv(stream)
    assert stream.requested == [MAX_BYTES + 1]


def test_text_over_two_megabytes_once_encoded_is_refused():
    text = "x1,x2,label\n" + "0,0,0 \u00e9\n" * ((MAX_BYTES - 12) // 8)  # 8 characters, 9 bytes a line
    assert len(text) <= MAX_BYTES < len(text.encode())
    with pytest.raises(ValueError, match="larger than"):
        from_csv(io.StringIO(text))


def test_a_text_file_that_cannot_be_decoded(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes(rows("0,0,0") + b"\xe9,1,1\n")
    with path.open(encoding="utf-8") as f, pytest.raises(ValueError, match="not UTF-8"):
        from_csv(f)


def test_nothing_is_evaluated():
    with pytest.raises(ValueError, match="not a number"):
        from_csv(rows("__import__('os').getcwd(),0,0"))


# ---------------------------------------------------------------------------------------- check_points


def test_check_points_names_the_point():
    x = np.zeros((5, 2), dtype=np.float32)
    y = np.array([0, 1, 0, 1, 0])
    x[3, 1] = np.nan
    with pytest.raises(ValueError, match="point 3: coordinates must be finite"):
        check_points(x, y)
    with pytest.raises(ValueError, match="int64"):
        check_points(np.zeros((5, 2), dtype=np.float32), y.astype(np.int32))
    with pytest.raises(ValueError, match="float32"):
        check_points(np.zeros((5, 3), dtype=np.float32), y)
    y[2] = 12
    with pytest.raises(ValueError, match="point 2: label 12"):
        check_points(np.zeros((5, 2), dtype=np.float32), y)


# ---------------------------------------------------------------------------------------- split_upload


def labelled(counts: list[int]) -> Dataset:
    y = np.repeat(np.arange(len(counts)), counts).astype(np.int64)
    x = np.stack([np.arange(len(y)), -np.arange(len(y))], axis=1).astype(np.float32)
    return Dataset(x, y, len(counts), "upload")


def test_split_is_stratified_and_keeps_every_point_once():
    data = labelled([10, 20, 30])
    split = split_upload(data, test_fraction=0.3, seed=1)
    assert np.bincount(split.train.y).tolist() == [7, 14, 21]
    assert np.bincount(split.test.y).tolist() == [3, 6, 9]
    both = np.concatenate([split.train.x[:, 0], split.test.x[:, 0]])
    assert sorted(both.tolist()) == list(range(60))
    assert (split.train.n_classes, split.test.name) == (3, "upload")


def test_split_keeps_a_point_of_each_class_on_each_side():
    split = split_upload(labelled([2, 3, 1]), test_fraction=0.9)
    assert np.bincount(split.train.y, minlength=3).tolist() == [1, 1, 1]  # a lone point trains
    assert np.bincount(split.test.y, minlength=3).tolist() == [1, 2, 0]
    split = split_upload(labelled([2, 2]), test_fraction=0.01)
    assert len(split.train.y) == 2 and len(split.test.y) == 2


def test_split_depends_on_the_seed_only():
    data = labelled([20, 20])
    a, b, c = split_upload(data, seed=3), split_upload(data, seed=3), split_upload(data, seed=4)
    np.testing.assert_array_equal(a.test.x, b.test.x)
    assert not np.array_equal(a.test.x, c.test.x)


def test_split_refuses_bad_fractions_and_bad_data():
    with pytest.raises(ValueError, match="test_fraction"):
        split_upload(labelled([5, 5]), test_fraction=1.0)
    with pytest.raises(ValueError, match="at least 4"):
        split_upload(labelled([1, 1]))


def test_module_constants_match_the_documented_rules():
    assert csv_data.MAX_BYTES == 2 * 1024 * 1024 and csv_data.MAX_POINTS == 5000 and csv_data.MIN_POINTS == 4
