"""The "Beyond the book" page through Streamlit's AppTest: convergence curves and Monte Carlo dropout maps."""

import json
import re

import numpy as np
import pytest
import torch
from streamlit.testing.v1 import AppTest

from dropviz.core import convergence as cv
from dropviz.i18n import TEXT, t
from dropviz.text import beyond as beyond_text
from tests import apptest

CURVE, MAPS = "beyond_curve", "beyond_maps"
SMALL = {"hidden": "1", "width": "4"}  # d = 6: exact reference, fast


def open_page(query: dict[str, str] | None = None) -> AppTest:
    return apptest.open_page("beyond", query)


chart_specs = apptest.chart_specs


def markdowns(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def words(method: str = "bernoulli", lang: str = "en") -> dict[str, str]:
    """What one sample is called for ``method``: the values the page fills into its sentences."""
    return {name: t(f"beyond.{name}.{method}", lang) for name in ("noun", "sampled", "one", "nets", "on")}


def page_text(at: AppTest) -> str:
    """Every sentence, heading, label and chart title of the page, joined."""
    parts = [e.value for kind in ("title", "subheader", "markdown", "caption", "info", "success") for e in at.get(kind)]
    parts += [s.label for s in at.slider] + [s.help or "" for s in at.slider]
    for spec in chart_specs(at):
        layout = json.loads(spec)["layout"]
        parts += [a.get("text", "") for a in layout.get("annotations", [])]
        axes = [v for k, v in layout.items() if k.startswith(("xaxis", "yaxis"))]
        parts += [str(axis.get("title", {}).get("text", "")) for axis in axes]
        parts += [trace.get("name", "") or "" for trace in json.loads(spec)["data"]]
    return "\n".join(parts)


def starts(key: str, lang: str = "en", chars: int = 25) -> str:
    """The first characters of a text, before its values."""
    mark = "\x00"
    values = {name: mark for name in ("repeats", "k_max", "steps", "masks", "n", "d", "k", "t", "c", "method")}
    text = TEXT[key][lang]
    for name in values:
        text = text.replace("{" + name + "}", mark)
    return text.split("{")[0].split(mark)[0][:chars]


def test_default_net_uses_a_20000_mask_reference_and_draws_both_figures():
    at = open_page()
    assert [title.value for title in at.title] == [t("beyond.title")]
    assert len(apptest.figures(at)) == 2
    assert at.info and at.info[0].value.startswith(starts("beyond.reference_mc", chars=40))
    assert "20,000" in at.info[0].value and "2⁶⁶" in at.info[0].value
    curve = at.session_state[CURVE][1]
    assert curve.reference == "monte_carlo" and curve.reference_masks == 20_000 and curve.repeats == 10
    assert curve.ks[-1] == 4096
    findings = [
        m for m in markdowns(at) if m.startswith(starts("beyond.matched")) or m.startswith(starts("beyond.not_matched"))
    ]
    assert len(findings) == 1
    maps = at.session_state[MAPS][1]

    at.run()  # nothing changed: nothing is recomputed
    assert not at.exception
    assert at.session_state[CURVE][1] is curve and at.session_state[MAPS][1] is maps


def test_a_small_net_has_an_exact_reference_and_a_drop_slider_recomputes_everything():
    at = open_page(SMALL)
    assert at.success and at.success[0].value.startswith(starts("beyond.reference_exact", chars=40))
    assert "64" in at.success[0].value
    curve, before = at.session_state[CURVE][1], chart_specs(at)
    assert curve.reference == "exact" and curve.reference_masks == 64

    at.slider(key="w_p_h1").set_value(0.1).run()
    assert not at.exception

    assert at.session_state[CURVE][1] is not curve
    after = chart_specs(at)
    assert after[0] != before[0] and after[1] != before[1]


def test_the_t_slider_redraws_only_the_maps():
    at = open_page(SMALL)
    curve, before = at.session_state[CURVE][1], chart_specs(at)
    assert at.slider(key="w_mc_t").value == 200
    assert any(
        c.value.startswith(t("beyond.unc_status", t="200", c=2, max=np.log(2), **words())[:25]) for c in at.caption
    )

    at.slider(key="w_mc_t").set_value(50).run()

    assert not at.exception
    assert at.session_state[CURVE][1] is curve  # the convergence curves do not depend on T
    after = chart_specs(at)
    assert after[0] == before[0] and after[1] != before[1]
    assert at.session_state[MAPS][0][-1] == 50
    assert t("beyond.unc_status", t="50", c=2, max=np.log(2), **words()) in [c.value for c in at.caption]
    assert at.query_params["mc_t"] in ("50", ["50"])


def test_a_link_sets_the_number_of_masks():
    at = open_page({**SMALL, "mc_t": "30"})
    assert at.slider(key="w_mc_t").value == 30
    assert at.session_state[MAPS][0][-1] == 30


def test_presenter_mode_leaves_out_the_explanations():
    at = open_page({**SMALL, "present": "1"})
    assert t("beyond.intro", **words()) not in markdowns(at) and t("beyond.unc_intro", **words()) not in markdowns(at)
    assert not at.subheader and not at.success  # the reference is one quiet caption
    assert any(c.value.startswith(starts("beyond.reference_exact", chars=40)) for c in at.caption)
    assert len(apptest.figures(at)) == 2 and at.slider(key="w_mc_t")


def test_korean_translates_the_page():
    at = open_page({**SMALL, "lang": "ko"})
    assert [title.value for title in at.title] == [t("beyond.title", "ko")]
    assert at.success[0].value.startswith(starts("beyond.reference_exact", "ko", chars=10))
    assert at.slider(key="w_mc_t").label == t("beyond.t_label.bernoulli", "ko")
    titles = [a.get("text") for spec in chart_specs(at) for a in json.loads(spec)["layout"].get("annotations", [])]
    assert t("beyond.fig.mi", "ko") in titles and t("beyond.fig.accuracy_title", "ko") in titles


def test_every_text_has_both_languages_and_the_same_placeholders():
    import string

    for key, entry in beyond_text.TEXT.items():
        assert key.startswith("beyond.") and set(entry) == {"en", "ko"}, key
        names = [{f for _, f, _, _ in string.Formatter().parse(entry[lang]) if f} for lang in ("en", "ko")]
        assert names[0] == names[1], key


@pytest.mark.parametrize("method", ["bernoulli", "gaussian", "dropconnect"])
def test_korean_sample_words_take_the_particles_the_sentences_give_them(method):
    # "{noun}를", "{one}가": both need a last syllable without a final consonant (마스크, 노이즈)
    for name in ("noun", "one"):
        last = t(f"beyond.{name}.{method}", "ko")[-1]
        assert 0xAC00 <= ord(last) <= 0xD7A3 and (ord(last) - 0xAC00) % 28 == 0, (name, last)


# --- the figures, outside the app -------------------------------------------------------------------------------


def small_curve() -> cv.SamplingCurve:
    from dropviz.core.model import DropoutMLP

    model = DropoutMLP([2, 3, 3, 2], [0.2, 0.5, 0.5], seed=0)
    x = torch.randn(30, 2, generator=torch.Generator().manual_seed(0))
    return cv.sampling_curve(model, x[:20], x[20:], (x[20:, 0] > 0).long(), ks=(1, 4, 16, 64), repeats=3)


def font_sizes(fig) -> list[float]:
    layout = fig.layout
    sizes = [layout.font.size, layout.legend.font.size]
    sizes += [a.font.size for a in layout.annotations]
    for axis in [getattr(layout, name) for name in dir(layout) if name.startswith(("xaxis", "yaxis"))]:
        if axis is not None and axis.title.text:
            sizes += [axis.tickfont.size, axis.title.font.size]
    for trace in fig.data:
        if getattr(trace, "colorbar", None) is not None and trace.showscale is not False and trace.colorbar.tickfont:
            sizes.append(trace.colorbar.tickfont.size)
    return [s for s in sizes if s is not None]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_figures_are_projector_readable(lang):
    from dropviz.core.grid import make_grid
    from dropviz.draw.beyond_figures import convergence_figure, uncertainty_figure

    fig = convergence_figure(small_curve(), lang)
    assert min(font_sizes(fig)) >= 14
    bands = [trace for trace in fig.data if trace.fill == "toself"]
    assert bands and all(trace.mode == "lines" for trace in bands)  # no stray markers in Plotly's own colours
    net_colours = {"#0072B2", "#D55E00"}  # the dropout net and its twin on the Train page
    assert not {trace.line.color for trace in fig.data if trace.line.color} & net_colours
    assert fig.layout.xaxis.type == "log" and fig.layout.yaxis.type == "log"
    grid = make_grid(np.array([[0.0, 0.0], [1.0, 1.0]]), 5)
    probs = np.full((25, 2), 0.5)
    maps = uncertainty_figure(grid, probs, np.zeros(25), np.zeros(25), np.zeros((3, 2)), np.array([0, 1, 1]), lang)
    assert min(font_sizes(maps)) >= 14
    assert [type(trace).__name__ for trace in maps.data[:4]] == ["Image", "Heatmap", "Heatmap", "Heatmap"]
    assert maps.data[2].zmax == pytest.approx(np.log(2))  # entropy on its fixed scale, 0 to ln C


@pytest.mark.parametrize("method", ["gaussian", "dropconnect"])
def test_other_noises_are_sampled_on_a_shorter_curve(method):
    at = open_page({**SMALL, "method": method})
    what = t(f"beyond.what_{method}")
    assert at.info[0].value == t("beyond.method_note", method=t(f"side.method.{method}"), what=what, **words(method))
    assert at.info[1].value.startswith(starts(f"beyond.reference_{method}", chars=30))
    curve = at.session_state[CURVE][1]
    assert curve.reference == "monte_carlo" and curve.ks[-1] == 256 and curve.reference_masks == 2_000
    assert len(apptest.figures(at)) == 2
    assert at.slider(key="w_mc_t").label == t(f"beyond.t_label.{method}")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_gaussian_noise_is_counted_in_noise_draws_never_in_masks(lang):
    at = open_page({"method": "gaussian", "lang": lang})
    text = page_text(at)
    word = {"en": "mask", "ko": "마스크"}[lang]
    # the only masks named are dropout's, in "fewer than for dropout masks"
    assert word not in text.replace("dropout masks", "").replace("드롭아웃 마스크", ""), text
    assert t("beyond.t_label.gaussian", lang) in text and t("beyond.fig.k", lang, **words("gaussian", lang)) in text
    if lang == "en":
        assert "noise draws" in at.subheader[0].value
        assert re.search(r"from k = \*\*\d+\*\* noise draws on|Even 256 noise draws", text)


def test_dropconnect_counts_weight_masks_and_says_how_many_there_are():
    at = open_page({"method": "dropconnect"})
    text = page_text(at)
    assert "mask" not in text.replace("weight mask", "").replace("dropout masks", "").replace("0/1 mask", ""), text
    reference = at.info[1].value
    assert "each of the 1,152 weights" in reference  # 2·32 + 32·32 + 32·2
    assert "2¹¹⁵² weight masks" in reference and "no finite list" not in reference
    assert t("beyond.fig.k", **words("dropconnect")) == "sampled weight masks k" and "sampled weight masks k" in text


def test_dropconnect_with_few_weight_masks_does_not_call_them_too_many():
    at = open_page({"hidden": "1", "width": "1", "p_in": "0.0", "p_h1": "0.5", "method": "dropconnect"})
    reference = at.info[1].value
    assert "each of the 2 weights" in reference and "2² weight masks" in reference, reference
    assert "too many" not in reference and "lists only dropout masks" in reference


def test_a_single_sample_that_already_matches_is_said_in_the_singular(monkeypatch):
    monkeypatch.setattr(cv.SamplingCurve, "samples_to_match_weight_scaling", lambda self: 1)
    at = open_page(SMALL)
    text = page_text(at)
    assert "A single mask (k = **1**) already reaches" in text
    assert not re.search(r"\b1 (masks|noise draws|weight masks)\b", text)


def test_no_hidden_layer_says_weight_scaling_is_the_geometric_mean_and_draws_no_zero_line():
    at = open_page({"hidden": "0"})
    assert any(t("beyond.geometric_exact", **words()) in m for m in markdowns(at) + [c.value for c in at.caption])
    names = [trace.get("name") for trace in json.loads(chart_specs(at)[0])["data"]]
    assert t("beyond.fig.ws_arithmetic") in names and t("beyond.fig.ws_geometric") not in names
    assert at.session_state[CURVE][1].weight_scaled_geometric_error == 0.0


def test_no_hidden_layer_with_gaussian_noise_blames_the_sampled_reference_for_the_geometric_distance():
    at = open_page({"hidden": "0", "method": "gaussian"})
    captions = markdowns(at) + [c.value for c in at.caption]
    assert any(t("beyond.geometric_exact_mc", **words("gaussian")) in m for m in captions)
    assert not any(t("beyond.geometric_exact", **words("gaussian")) in m for m in captions)
    names = [trace.get("name") for trace in json.loads(chart_specs(at)[0])["data"]]
    assert t("beyond.fig.ws_geometric") in names  # the 2,000-draw reference is not exact: a small distance remains


@pytest.mark.parametrize(
    "query",
    [
        {"p_in": "0.0", "p_h1": "0.0", "p_h2": "0.0"},
        {"p_in": "0.0", "p_h1": "0.0", "p_h2": "0.0", "lang": "ko"},
        {**SMALL, "p_in": "0.0", "p_h1": "1.0"},
        {"hidden": "0", "p_in": "0.0"},
        {"hidden": "0", "p_in": "1.0", "method": "dropconnect"},
        {"hidden": "0", "p_in": "0.0", "method": "gaussian", "lang": "ko"},
        {"hidden": "3", "p_in": "0.0", "p_h1": "0.0", "p_h2": "0.0", "p_h3": "0.0", "method": "gaussian"},
    ],
)
def test_nothing_random_left_means_one_sentence_instead_of_noise_plotted_as_results(query):
    at = open_page(query)
    lang, method = query.get("lang", "en"), query.get("method", "bernoulli")
    why = t(f"beyond.trivial_why.{method}", lang)
    assert [s.value for s in at.success] == [t("beyond.trivial", lang, why=why)]
    assert not apptest.figures(at)  # no curve of rounding errors, no map of zeros
    assert CURVE not in at.session_state and MAPS not in at.session_state
    text = page_text(at)
    assert not re.search(r"\b1 (masks|noise draws|weight masks)\b|k = 1\b", text), text
    assert all(slider.key != "w_mc_t" for slider in at.slider)


def test_rule_colours_mean_nothing_else_in_the_app():
    from dropviz.draw import beyond_figures as bf
    from dropviz.draw import palette
    from dropviz.draw.figures import NET_COLORS

    taken = {*palette.CLASS_HEX, *NET_COLORS, palette.POSITIVE_WEIGHT, palette.NEGATIVE_WEIGHT}
    assert bf.ARITHMETIC not in taken and bf.GEOMETRIC not in taken and bf.ARITHMETIC != bf.GEOMETRIC
    fig = bf.convergence_figure(small_curve())
    drawn = {trace.line.color for trace in fig.data if trace.line.color} | {
        trace.marker.color for trace in fig.data if trace.marker and trace.marker.color
    }
    assert not drawn & taken
    legend = {trace.name: trace.line.color for trace in fig.data if trace.showlegend is not False}
    assert legend[t("beyond.fig.arithmetic")] == bf.ARITHMETIC and legend[t("beyond.fig.geometric")] == bf.GEOMETRIC
