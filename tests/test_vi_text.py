"""Tests for coso_dang.vi.text: one spelling for matching, whatever the input's form."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coso_dang.vi.text import Skeleton, fold, normalize


class TestFold:
    @pytest.mark.parametrize(
        "text",
        [
            "\u00d0ảng ủy xã \u00d0ông Hòa",  # the eth Ð (Windows-1258's Đ read as Latin-1)
            "\u00f0ảng ủy xã \u00f0ông Hòa",  # its small ð
            "\u0189ảng ủy xã \u0189ông Hòa",  # the African Ɖ
        ],
    )
    def test_the_look_alikes_of_d_are_d(self, text: str) -> None:
        """Rule: what :class:`Skeleton` reads as Đ, fold reads as Đ — so a name typed with
        "Ð" matches the same name typed with "Đ"."""
        assert fold("Đảng ủy xã Đông Hòa") == fold(text) == "dang uy xa dong hoa"

    def test_fold_and_skeleton_agree_on_d(self) -> None:
        """The two matching keys read every look-alike of Đ alike."""
        text = "\u00d0\u00f0\u0189\u0256Đđ"
        assert fold(text) == Skeleton(text).text.casefold()

    @given(st.text(alphabet="aăâeêioôơuưyđĐÐðáàảãạấầẩẫậ ", max_size=30))
    def test_fold_ignores_the_unicode_form(self, text: str) -> None:
        """NFC and NFD text fold alike."""
        assert fold(unicodedata.normalize("NFD", text)) == fold(text)


class TestNormalize:
    @pytest.mark.parametrize(
        ("old", "new"),
        [("hoà", "hòa"), ("Thuỷ", "Thủy"), ("UỶ BAN", "ỦY BAN"), ("khoẻ", "khỏe")],
    )
    def test_old_and_new_tone_placement_compare_equal(self, old: str, new: str) -> None:
        """Rule: "hoà" (old style) and "hòa" (new style) are one word, in NFC or NFD."""
        for form in ("NFC", "NFD"):
            assert normalize(new) == normalize(unicodedata.normalize(form, old))
