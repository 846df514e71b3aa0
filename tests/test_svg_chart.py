"""The Train page's light SVG curves: what a chart of step 0 alone and of a run shows."""

import re
import xml.etree.ElementTree as ET

from dropviz.draw.svg_chart import nice_ticks, svg_chart

NS = "{http://www.w3.org/2000/svg}"


def chart(series, y_top=None) -> ET.Element:
    return ET.fromstring(svg_chart(series, "step", "loss", y_top))


def x_tick_labels(root: ET.Element) -> list[str]:
    """Centred texts on one row above the lowest one (the axis title)."""
    centred = [t for t in root.iter(NS + "text") if t.get("text-anchor") == "middle" and t.get("y")]
    title_row = max(float(t.get("y")) for t in centred)
    return [t.text for t in centred if float(t.get("y")) < title_row]


def test_step_0_alone_is_a_dot_per_series_and_the_axis_has_whole_steps_only():
    root = chart([("train", "#000", False, [0], [0.69]), ("test", "#000", True, [0], [0.7])])
    circles = list(root.iter(NS + "circle"))
    assert len(circles) == 2 and {c.get("fill") for c in circles} == {"#000", "white"}  # test: hollow
    assert x_tick_labels(root) == ["0", "1"]


def test_a_run_is_lines_without_dots_and_round_ticks():
    steps = list(range(0, 301, 10))
    root = chart([("train", "#123456", False, steps, [1 / (1 + s) for s in steps])], y_top=1.02)
    assert not list(root.iter(NS + "circle"))
    (line,) = root.iter(NS + "polyline")
    assert len(line.get("points").split()) == len(steps)
    assert x_tick_labels(root) == ["0", "100", "200", "300"]
    assert nice_ticks(1.02) == [0.0, 0.5, 1.0]


def test_labels_are_escaped():
    text = svg_chart([("a < b & c", "#000", False, [0, 1], [0.5, 0.4])], "x", "y", None)
    assert "a &lt; b &amp; c" in text and re.search(r"<text[^>]*>a &lt; b", text)
