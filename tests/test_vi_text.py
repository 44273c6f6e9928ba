"""Tests for coso_dang.vi.text: one spelling for matching, whatever the input's form."""

from __future__ import annotations

import itertools
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coso_dang.vi.text import Skeleton, fold, normalize, printable


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
        """Rule: "hoà" (new style) and "hòa" (old style) are one word, in NFC or NFD."""
        for form in ("NFC", "NFD"):
            assert normalize(new) == normalize(unicodedata.normalize(form, old))

    @pytest.mark.parametrize(
        "word", ["hoặc", "Hoặc", "HOẶC", "ngoặc", "ngoặt", "khoặm", "loắt choắt", "hoằng"]
    )
    def test_a_tone_under_a_vowel_with_a_breve_stays(self, word: str) -> None:
        """Rule: the mark goes on the main vowel, and ă is one — "hoặc" has its nặng under
        ă in the old and the new style alike; moving it under the o ("họăc") is a
        misspelling."""
        for form in ("NFC", "NFD"):
            assert word == normalize(unicodedata.normalize(form, word))

    @pytest.mark.parametrize(("old", "new"), [("Hoà1", "Hòa1"), ("khoá_2", "khóa_2")])
    def test_a_digit_after_an_open_syllable_ends_it(self, old: str, new: str) -> None:
        """A digit or an underscore after "hoà" ends the syllable as a space does: "Hoà1"
        and "Hòa1" are one name."""
        assert new == normalize(old)

    @given(
        st.text(
            alphabet=st.one_of(
                st.sampled_from("hoaeuyqQOUngcđăâêôơư àáảãạặậỳýỷỹỵÀÝẠỴéẹ\t\n\u00a0\u200b1_"),
                st.sampled_from("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u00ad\ufeff"),
                # Other spaces, joiners and breaks; compatibility letters and the
                # singletons NFC replaces; upper-case tones after O and U.
                st.sampled_from(
                    "\u2009\u3000\u200c\u200d\u2060\x0b\x1c\x85\u2028"
                    "\ufb01\u00b2\u212a\u2126\u0340\u0341\u031bÒỦỶÓẸ"
                ),
                st.characters(),
            ),
            max_size=20,
        )
    )
    def test_a_text_left_as_it_is_is_the_one_every_pass_gives(self, text: str) -> None:
        """A text returned as it is, without the passes over it, is the text the passes
        give: a soft hyphen in front (dropped by the first of them) sends *text* through
        every pass."""
        assert normalize(text) == normalize("\u00ad" + text)

    @pytest.mark.parametrize(
        "text",
        ["Chi bộ Thôn Hoà", "Thuỷ", "Chi  bộ", " Chi bộ", "Chi bộ ", "Chi\tbộ", "Chi\u00a0bộ"],
    )
    def test_a_text_in_nfc_that_normalizing_changes(self, text: str) -> None:
        """A text already in NFC still has its tone moved and its white space made one
        space."""
        assert normalize(text) == normalize("\u00ad" + text) != text

    @given(st.text(alphabet="hoaeuyqngcđăâêôơư\u0300\u0301\u0303\u0309\u0323 1", max_size=20))
    def test_normalize_is_idempotent(self, text: str) -> None:
        """Normalizing twice changes nothing more than once."""
        once = normalize(text)
        assert once == normalize(once)


# Every vowel group of a Vietnamese syllable and every final consonant, to place a tone on
# each vowel of each group in turn.
_GROUPS = [
    *("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay"),
    *("âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ui", "ưi", "ưu", "ua", "ưa"),
    *("uơ", "oai", "oao", "oay", "oeo", "uây", "uôi", "uya", "uyu", "ươi", "ươu", "iêu"),
    *("yêu", "iê", "yê", "uâ", "uô", "ươ", "oă", "uyê", "oa", "oe", "uê", "uy"),
]
_CODAS = ("", "c", "ch", "m", "n", "ng", "nh", "p", "t")
_TONE_MARKS = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")


def test_only_a_new_style_open_oa_oe_uy_is_changed() -> None:
    """Rule: the new and the old style differ only in open syllables ending in oa, oe,
    uy ("hoà"/"hòa", "thuỷ"/"thủy"); every other placement of a tone is left as written,
    in NFC or NFD ("hoặc", "hoàng", "quý", "khuỷu", "thuở")."""
    changed = []
    for onset, group, coda, tone in itertools.product(
        ("", "h", "ng", "qu"), _GROUPS, _CODAS, _TONE_MARKS
    ):
        if onset == "qu" and group[0] in "ou":
            continue  # no syllable: the u of qu is the glide ("qua", "quý")
        for at in range(len(group)):
            marked = unicodedata.normalize("NFC", group[: at + 1] + tone + group[at + 1 :])
            word = onset + marked + coda
            new_style = not coda and group in ("oa", "oe", "uy") and at == 1 and onset != "qu"
            for form in ("NFC", "NFD"):
                if (normalize(unicodedata.normalize(form, word)) != word) != new_style:
                    changed.append((word, form))
    assert [] == changed


#: Unicode's direction embeddings, overrides and isolates.
_DIRECTIONS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@given(st.text(alphabet=st.sampled_from([*_DIRECTIONS, "a", "ơ", " ", "5", "\u200e"])))
def test_printable_shows_each_direction_override_as_a_replacement(text: str) -> None:
    """An override would turn the rest of a line around: each is one "\ufffd", in place."""
    shown = printable(text)
    assert len(shown) == len(text)
    for given_char, shown_char in zip(text, shown, strict=True):
        expected = "\ufffd" if given_char in _DIRECTIONS else given_char
        assert expected == shown_char


class TestInvisibleCharacters:
    """What a web page or a word processor leaves in text and no reader sees: "trên\u200b90%"
    (a zero width space) lost its "trên" and "90\u00ad%" (a soft hyphen) its "%"."""

    @pytest.mark.parametrize(
        ("text", "seen"),
        [
            ("trên\u200b90%", "trên 90%"),
            ("90\u00ad%", "90%"),
            ("\ufeffĐảng ủy", "Đảng ủy"),
            ("Đảng\u200c \u200dủy\u2060", "Đảng ủy"),
            ("ho\u00adà", "hòa"),
        ],
    )
    def test_normalize_reads_text_as_seen(self, text: str, seen: str) -> None:
        assert seen == normalize(text)

    @given(st.text(alphabet="dangủyĐ \u200b\u00ad\u200c\u200d\u2060\ufeff", max_size=20))
    def test_fold_agrees_with_normalize(self, text: str) -> None:
        assert fold(text) == fold(normalize(text))

    @given(st.text(alphabet="dangủyĐ 16/\u200b\u00ad\u200c\u200d\u2060\ufeff", max_size=20))
    def test_the_skeleton_reads_text_as_seen(self, text: str) -> None:
        """The parsers' skeleton read a soft hyphen or a zero width character as a letter
        where fold and normalize read it as nothing (or a space): the date parser read
        "16\u00ad/6/2022" and the date search did not find it."""
        skeleton = Skeleton(text)
        assert " ".join(skeleton.text.casefold().split()) == fold(text)
        for start in range(len(skeleton.text)):
            begin, end = skeleton.span(start, start + 1)
            assert fold(text[begin:end]) == fold(skeleton.text[start])
