"""The string table's lookup: filled-in powers of two are shown with superscript digits."""

import pytest

from dropviz.i18n import t


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_filled_in_power_of_two_gets_superscript_digits(lang):
    assert "2⁶⁶" in t("masks.subnetworks", lang, d=66) and "^" not in t("masks.subnetworks", lang, d=66)
    assert "2¹¹⁵²" in t("bag.sub.monte_carlo_dropconnect", lang, n="2,000", w=1152)


def test_a_symbolic_power_is_left_alone():
    assert "2^d = **8**" in t("masks.compact", d=3, varying="", count="8", trained="")
