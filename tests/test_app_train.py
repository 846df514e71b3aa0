"""The Train page: what it says about nets another page trained, and its numbers in presenter mode."""

from dropviz.i18n import t
from tests.apptest import open_page


def infos(at) -> list[str]:
    return [i.value for i in at.info]


def test_nets_another_page_trained_are_announced_until_the_visitor_trains_or_resets():
    at = open_page("theory", {"hidden": "1", "width": "4"})  # trains both nets 500 steps for its figures
    at.switch_page("views/train.py").run()
    assert not at.exception
    note = t("train.pretrained", steps="500")
    assert note in infos(at)
    next(b for b in at.button if b.label == t("train.step", n=10)).click().run()
    assert note not in infos(at)  # the visitor trains on from here: no longer only another page's doing
    assert "step **510**" in at.markdown[-2].value

    again = open_page("theory", {"hidden": "1", "width": "4"})
    again.switch_page("views/train.py").run()
    next(b for b in again.button if b.label == t("train.reset")).click().run()
    assert note not in infos(again) and "step **0**" in again.markdown[-2].value


def test_a_fresh_train_page_has_no_such_note():
    at = open_page("train")
    assert not any(i.startswith(t("train.pretrained", steps="")[:20]) for i in infos(at))


def test_presenter_mode_puts_both_nets_numbers_in_one_table_with_test_loss_in_bold():
    at = open_page("train", {"present": "1"})
    tables = [m.value for m in at.markdown if t("train.short_twin") in m.value and "|" in m.value]
    assert len(tables) == 1
    rows = tables[0].splitlines()
    assert rows[0].startswith("step **0**")
    assert rows[-1].startswith(f"**{t('train.m_test_loss')}**") and rows[-1].count("**") == 6
    assert not any(m.value.startswith("step **0** ·") for m in at.markdown)  # no per-net lines as well
