"""The Train page: what it says about nets another page trained, and its numbers in presenter mode."""

from dropviz.i18n import t
from tests.apptest import open_page


def infos(at) -> list[str]:
    return [i.value for i in at.info]


def test_nets_another_page_trained_are_announced_until_the_visitor_trains_or_resets():
    at = open_page("theory", {"hidden": "1", "width": "4"})  # trains both nets 500 steps for its figures
    at.switch_page("views/train.py").run()
    assert not at.exception
    note = t("train.pretrained", steps="500", by=t("train.by_page", page=t("nav.theory")))
    assert note in infos(at)
    assert note.startswith("Trained 500 steps already, by the Theory page, to draw its figures")
    next(b for b in at.button if b.label == t("train.step", n=10)).click().run()
    assert note not in infos(at)  # the visitor trains on from here: no longer only another page's doing
    assert "step **510**" in at.markdown[-2].value

    again = open_page("theory", {"hidden": "1", "width": "4"})
    again.switch_page("views/train.py").run()
    next(b for b in again.button if b.label == t("train.reset")).click().run()
    assert note not in infos(again) and "step **0**" in again.markdown[-2].value


def test_the_note_names_the_page_that_trained_the_nets_in_korean_too():
    at = open_page("subnetworks", {"hidden": "1", "width": "2"})
    at.switch_page("views/train.py").run()
    assert t("train.pretrained", steps="500", by="by the Subnetworks page") in infos(at)
    # (AppTest cannot rerun a Korean page: its selectboxes' labels are looked up again in English)
    by = t("train.by_page", "ko", page=t("nav.subnetworks", "ko"))
    assert t("train.pretrained", "ko", steps="500", by=by).startswith(
        "부분 신경망 페이지가 그림을 그리려고 두 신경망을 이미 500단계 학습시켰습니다."
    )


def test_a_fresh_train_page_has_no_such_note():
    at = open_page("train")
    assert not any(i.startswith(t("train.pretrained", steps="", by="")[:10]) for i in infos(at))


def captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def test_noisy_data_says_accuracy_is_capped_and_test_loss_is_the_number_to_watch():
    for lang in ("en", "ko"):
        at = open_page("train", {"lang": lang})  # the default: moons with noise 0.5
        text = captions(at)
        assert t("train.noise_caps_accuracy", lang) + " " + t("train.watch_loss", lang) in text
    clean = captions(open_page("train", {"noise": "0.1"}))  # little overlap: no ceiling worth a sentence
    assert t("train.noise_caps_accuracy") not in clean and t("train.watch_loss") in clean


def test_only_test_loss_is_bold_in_the_metrics_lines():
    at = open_page("train")
    lines = [m.value for m in at.markdown if m.value.startswith("step **0** ·")]
    assert len(lines) == 2
    for line in lines:  # accuracies are not highlighted: at the defaults they tie within the noise
        assert line.count("**") == 4 and "test loss **" in line


def test_presenter_mode_puts_both_nets_numbers_in_one_table_with_test_loss_in_bold():
    at = open_page("train", {"present": "1"})
    tables = [m.value for m in at.markdown if t("train.short_twin") in m.value and "|" in m.value]
    assert len(tables) == 1
    rows = tables[0].splitlines()
    assert rows[0].startswith("step **0**")
    assert rows[-1].startswith(f"**{t('train.m_test_loss')}**") and rows[-1].count("**") == 6
    assert not any(m.value.startswith("step **0** ·") for m in at.markdown)  # no per-net lines as well
