"""Tests for coso_dang.vi.words: number words, ordinals and Roman numerals."""

from __future__ import annotations

import contextlib
import re
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from tests.golden import DECIMALS, NORTH, SOUTH

from coso_dang import vi
from coso_dang.errors import ArgumentError, ParseError
from coso_dang.vi.words import (
    format_number_words,
    format_ordinal,
    format_roman,
    parse_number_words,
    parse_ordinal,
    parse_roman,
)


class TestNumberToWords:
    @pytest.mark.parametrize(("number", "words"), NORTH)
    def test_north(self, number: int, words: str) -> None:
        """The northern (official) reading matches the golden table."""
        assert words == format_number_words(number)

    @pytest.mark.parametrize(("number", "words"), SOUTH)
    def test_south(self, number: int, words: str) -> None:
        """The southern reading matches the golden table."""
        assert words == format_number_words(number, variant="south")

    @pytest.mark.parametrize(("number", "words"), DECIMALS)
    def test_decimal(self, number: Decimal, words: str) -> None:
        """Decimals are read after "phẩy", leading zeros kept."""
        assert words == format_number_words(number)

    def test_south_decimal_tail_uses_tu(self) -> None:
        """A grouped decimal tail takes the southern spelling too."""
        expected = "không phẩy hai mươi tư"
        assert expected == format_number_words(Decimal("0.24"), variant="south")

    def test_float_by_shortest_repr(self) -> None:
        """A float is read by its shortest repr, not its binary expansion."""
        expected = "không phẩy một"
        assert expected == format_number_words(0.1)

    def test_str_read_the_vietnamese_way(self) -> None:
        """A str is read with Vietnamese separators."""
        expected = "ba mươi tám nghìn ba trăm năm mươi sáu"
        assert expected == format_number_words("38.356")

    def test_str_decimal(self) -> None:
        """A str with a decimal comma is read after "phẩy"."""
        expected = "ba phẩy hai mươi lăm"
        assert expected == format_number_words("3,25")

    def test_decimal_with_positive_exponent(self) -> None:
        """Decimal("1E+3") is a whole thousand."""
        expected = "một nghìn"
        assert expected == format_number_words(Decimal("1E+3"))

    def test_decimal_past_the_int_to_text_limit(self) -> None:
        """A Decimal of any size is read as the equal int is ("Integers of any size"),
        not refused by Python's 4.300-digit limit on turning text into an int."""
        expected = "âm " + format_number_words(105 * 10**4998)
        assert expected == format_number_words(Decimal("-1.05E+5000"))

    def test_negative_zero_has_no_sign(self) -> None:
        """Decimal("-0") is read "không", not "âm không"."""
        expected = "không"
        assert expected == format_number_words(Decimal("-0"))

    def test_bool_rejected(self) -> None:
        """True is not a number here."""
        with pytest.raises(TypeError):
            format_number_words(True)

    def test_other_types_rejected(self) -> None:
        """A list is not a number."""
        with pytest.raises(TypeError):
            format_number_words([1])  # type: ignore[arg-type]

    def test_nan_rejected(self) -> None:
        """NaN cannot be read aloud."""
        with pytest.raises(ValueError, match="hữu hạn"):
            format_number_words(float("nan"))

    def test_unknown_variant(self) -> None:
        """Only north and south exist."""
        with pytest.raises(ValueError, match="variant"):
            format_number_words(1, variant="central")  # type: ignore[arg-type]

    def test_bad_str(self) -> None:
        """A str that is not a number raises ParseError."""
        with pytest.raises(ParseError):
            format_number_words("1,234.5")


class TestWordsToNumber:
    @pytest.mark.parametrize(("number", "words"), NORTH + SOUTH)
    def test_golden(self, number: int, words: str) -> None:
        """Every golden reading reads back to its number."""
        assert number == parse_number_words(words)

    @pytest.mark.parametrize(("number", "words"), DECIMALS)
    def test_golden_decimals(self, number: Decimal, words: str) -> None:
        """Decimal readings read back with every decimal kept."""
        actual = parse_number_words(words)
        assert (number, number.as_tuple()) == (actual, Decimal(actual).as_tuple())

    def test_returns_int_without_phay(self) -> None:
        """Whole numbers come back as int."""
        assert int is type(parse_number_words("hai mươi mốt"))

    def test_nfd_and_upper_case(self) -> None:
        """NFD input in capitals reads the same."""
        text = unicodedata.normalize("NFD", "HAI NGHÌN KHÔNG TRĂM HAI MƯƠI MỐT")
        expected = 2021
        assert expected == parse_number_words(text)

    def test_extra_spaces(self) -> None:
        """Runs of spaces and NBSP are single spaces."""
        expected = 25
        assert expected == parse_number_words("  hai\xa0mươi   lăm ")

    def test_ti_spelling(self) -> None:
        """Both tỷ and tỉ are read."""
        expected = 3 * 10**9
        assert expected == parse_number_words("ba tỉ")

    def test_nham(self) -> None:
        """ "nhăm" is read as lăm after mươi."""
        expected = 25
        assert expected == parse_number_words("hai mươi nhăm")

    @pytest.mark.parametrize(
        ("text", "number"),
        [
            ("bẩy", 7),
            ("mười bẩy", 17),
            ("sáu mươi bẩy", 67),
            ("bẩy mươi", 70),
            ("bẩy trăm bốn mươi tư", 744),
            ("hai mươi lăm nghìn không trăm ba mươi bẩy", 25_037),
        ],
    )
    def test_bay_spelt_bay_with_a_hoi_tone(self, text: str, number: int) -> None:
        """Rule: "bẩy" is the northern spelling of bảy (7) — "mười bẩy" is 17, "bẩy mươi"
        70 —, a variant as lẻ is of linh and ngàn of nghìn."""
        assert number == parse_number_words(text)

    @pytest.mark.parametrize(
        ("text", "number"),
        [
            ("một chục", 10),
            ("hai chục", 20),
            ("ba chục nghìn", 30_000),
            ("hai chục ngàn", 20_000),
            ("năm chục triệu", 50_000_000),
            ("một trăm hai chục", 120),
            ("âm hai chục", -20),
        ],
    )
    def test_chuc_counts_tens(self, text: str, number: int) -> None:
        """Rule: "chục" is a ten, as "mươi" is — "hai chục" is 20, "ba chục nghìn"
        30.000, "một chục" 10."""
        assert number == parse_number_words(text)

    @pytest.mark.parametrize(
        "text", ["chục", "chục nghìn", "không chục", "mười chục", "hai chục ba", "hai mươi chục"]
    )
    def test_chuc_needs_one_digit_before_it_and_no_unit_after(self, text: str) -> None:
        """ "chục" counts the digit before it and closes the tens: "chục" alone (about
        ten), "hai chục ba" (23? 20 and 3?) are refused."""
        with pytest.raises(ParseError):
            parse_number_words(text)

    def test_thu_hai_chuc_is_no_ordinal_twenty(self) -> None:
        """ "chục" is no ordinal's word: "thứ hai chục ..." is Monday's text, as before."""
        expected = 2
        assert expected == parse_ordinal("thứ hai chục người họp")

    @pytest.mark.parametrize(
        ("text", "number"),
        [
            ("một tỷ lẻ mười bảy", 1_000_000_017),
            ("một tỷ một trăm lẻ một nghìn lẻ mười bảy", 1_000_101_017),
            ("một nghìn linh mười", 1_010),
            ("hai triệu lẻ mười lăm", 2_000_015),
        ],
    )
    def test_linh_before_ten_to_nineteen_after_a_scale(self, text: str, number: int) -> None:
        """Rule: after a scale word "linh" (lẻ) marks the missing hundreds before 10-19 as
        before 1-9 — 1.000.000.017 is "một tỷ lẻ mười bảy", 1.010 "một nghìn lẻ mười"."""
        assert number == parse_number_words(text)

    @pytest.mark.parametrize(
        ("text", "number"),
        [
            ("một nghìn lẻ hai mươi", 1_020),
            ("một nghìn lẻ hai mươi mốt", 1_021),
            ("hai nghìn lẻ hai mươi mốt", 2_021),
            ("bốn mươi lăm nghìn lẻ năm mươi sáu", 45_056),
            ("một triệu lẻ chín mươi chín", 1_000_099),
            ("một tỷ lẻ ba mươi lăm", 1_000_000_035),
            ("một tỷ lẻ hai mươi tư", 1_000_000_024),
        ],
    )
    def test_linh_before_tens_after_a_scale(self, text: str, number: int) -> None:
        """Rule: after a scale word "lẻ" marks the missing hundreds before 20-99 as before
        10-19: num2words writes 1.021 "một nghìn lẻ hai mươi mốt" (the library writes
        "không trăm"), and the reading has no other number to mean."""
        assert number == parse_number_words(text)

    @pytest.mark.parametrize(
        "text", ["một trăm lẻ hai mươi", "một nghìn không trăm lẻ hai mươi", "lẻ hai mươi"]
    )
    def test_linh_before_tens_is_refused_after_hundreds(self, text: str) -> None:
        """After "trăm" the tens follow with no "lẻ" (120 is "một trăm hai mươi"), and a
        number does not start with "lẻ"."""
        with pytest.raises(ParseError):
            parse_number_words(text)

    @pytest.mark.parametrize(
        "text", ["một trăm linh mười", "một nghìn không trăm linh mười", "một nghìn lẻ mười năm"]
    )
    def test_linh_before_ten_is_refused_after_hundreds(self, text: str) -> None:
        """After "trăm" 10-19 follow with no "linh" (110 is "một trăm mười"); "mười năm"
        stays refused after linh as anywhere."""
        with pytest.raises(ParseError):
            parse_number_words(text)

    def test_ordinal_spelt_bay(self) -> None:
        """ "lần thứ mười bẩy" is the 17th."""
        expected = 17
        assert expected == parse_ordinal("Đại hội lần thứ mười bẩy")

    def test_bon_after_muoi_in_the_north(self) -> None:
        """ "bốn" after mươi is the northern reading."""
        expected = 24
        assert expected == parse_number_words("hai mươi bốn")

    def test_khong_tram_may_be_left_out_before_tens(self) -> None:
        """ "hai nghìn hai mươi mốt" is still 2021."""
        expected = 2021
        assert expected == parse_number_words("hai nghìn hai mươi mốt")

    def test_khong_tram_may_be_left_out_before_linh(self) -> None:
        """ "một nghìn lẻ năm" is still 1005."""
        expected = 1005
        assert expected == parse_number_words("một nghìn lẻ năm")

    def test_ty_per_group(self) -> None:
        """ "một triệu tỷ năm trăm tỷ" is read per group."""
        expected = 10**15 + 500 * 10**9
        assert expected == parse_number_words("một triệu tỷ năm trăm tỷ")

    def test_digit_by_digit_decimals(self) -> None:
        """Decimals may be read digit by digit."""
        assert Decimal("3.25") == parse_number_words("ba phẩy hai năm")

    def test_minus_zero(self) -> None:
        """ "âm không" is zero."""
        expected = 0
        assert expected == parse_number_words("âm không")

    @pytest.mark.parametrize(
        "text",
        [
            "",
            "âm",
            "phẩy năm",
            "ba phẩy",
            "một trăm năm",
            "hai nghìn năm",
            "mười năm",
            "hai mươi một",
            "hai mươi năm",
            "mười mốt",
            "mười tư",
            "không hai",
            "không trăm năm",
            "linh năm",
            "một trăm linh mốt",
            "một trăm linh không",
            "một trăm linh",
            "một " + "tỷ " * 1500 + "phẩy năm",
            "một trăm không",
            "một mươi",
            "không mươi",
            "một tỷ một tỷ",
            "một nghìn một triệu",
            "một nghìn không trăm",
            "nghìn",
            "trăm",
            "hai hai",
            "ba phẩy năm nghìn",
            "ba phẩy không trăm linh năm",
            "ba phẩy năm phẩy sáu",
            "một trăm hai trăm",
            "mốt",
            "lăm",
            "hai mươi mốt mốt",
            "hai muoi",
            "38.356",
        ],
    )
    def test_malformed(self, text: str) -> None:
        """Malformed or ambiguous readings raise ParseError quoting the text."""
        with pytest.raises(ParseError) as caught:
            parse_number_words(text)
        assert text == caught.value.text


class TestOrdinals:
    @pytest.mark.parametrize(
        ("number", "words"),
        [
            (1, "thứ nhất"),
            (2, "thứ hai"),
            (3, "thứ ba"),
            (4, "thứ tư"),
            (5, "thứ năm"),
            (6, "thứ sáu"),
            (7, "thứ bảy"),
            (8, "thứ tám"),
            (9, "thứ chín"),
            (10, "thứ mười"),
            (11, "thứ mười một"),
            (14, "thứ mười bốn"),
            (15, "thứ mười lăm"),
            (21, "thứ hai mươi mốt"),
            (24, "thứ hai mươi bốn"),
            (100, "thứ một trăm"),
            (101, "thứ một trăm linh một"),
        ],
    )
    def test_ordinal_words(self, number: int, words: str) -> None:
        """Ordinals use nhất and tư, then the number words."""
        assert words == format_ordinal(number)

    def test_south_ordinal(self) -> None:
        """The southern variant says "thứ hai mươi tư"."""
        expected = "thứ hai mươi tư"
        assert expected == format_ordinal(24, variant="south")

    def test_zero_rejected(self) -> None:
        """Ordinals start at 1."""
        with pytest.raises(ValueError, match="bắt đầu từ 1"):
            format_ordinal(0)

    def test_bool_rejected(self) -> None:
        """True is not an ordinal."""
        with pytest.raises(TypeError):
            format_ordinal(True)

    @pytest.mark.parametrize(
        ("text", "number"),
        [
            ("lần thứ năm", 5),
            ("Hội nghị lần thứ 5", 5),
            ("Hội nghị lần thứ năm Ban Chấp hành Trung ương khóa XIII", 5),
            ("Đại hội đại biểu toàn quốc lần thứ XIII của Đảng", 13),
            ("lần thứ nhất", 1),
            ("THỨ NHẤT", 1),
            ("lần thứ tư", 4),
            ("lần thứ mười bốn", 14),
            ("lần thứ hai mươi mốt", 21),
            ("lần thứ năm năm 2022", 5),
            ("thứ hai mươi mốt năm 2021", 21),
            ("lần thứ 12, năm 2022", 12),
            ("lần thứ, rồi lần thứ ba", 3),
            ("lần thứ một, lần thứ hai", 2),
            ("lần thứ 0 và lần thứ 7", 7),
            ("lần thứ 1.000", 1000),
            ("lần thứ 5. Sau đó", 5),
        ],
    )
    def test_parse_ordinal(self, text: str, number: int) -> None:
        """The first "thứ <number>" in the text gives the ordinal."""
        assert number == parse_ordinal(text)

    @pytest.mark.parametrize(
        "text",
        ["", "không có", "thứ", "thứ một", "thứ bốn", "thứ bậc", "thứ IIII", "thứ -5", "lần 5"],
    )
    def test_no_ordinal(self, text: str) -> None:
        """Text without an ordinal raises ParseError."""
        with pytest.raises(ParseError):
            parse_ordinal(text)

    @pytest.mark.parametrize("text", ["thứ 5,5", "thứ 1.23", "thứ 1.000,5", "thứ 95%", "thứ 3 %"])
    def test_a_number_that_goes_on_is_no_ordinal(self, text: str) -> None:
        """ "thứ 5,5" was the 5th and "thứ 1.23" the 1st: the digits were cut where they
        stopped being a whole number."""
        with pytest.raises(ParseError):
            parse_ordinal(text)
        assert parse_ordinal(text + " lần thứ 7") == 7

    @pytest.mark.parametrize(
        ("text", "reason"),
        [
            ("lần thứ hai mươi một", "'một' không thể đứng sau 'mươi'"),
            ("thứ mười tư", "'tư' không thể đứng sau 'mười'"),
            ("thứ mười mốt", "'mốt' không thể đứng sau 'mười'"),
            ("thứ một trăm linh", "số dừng giữa chừng"),
        ],
    )
    def test_a_misspelt_ordinal_is_not_cut_short(self, text: str, reason: str) -> None:
        """ "thứ hai mươi một" is a misspelt 21 (hai mươi mốt): it is refused with the
        number's reason, never read as the 20th with "một" left over."""
        with pytest.raises(ParseError) as caught:
            parse_ordinal(text)
        assert (text, reason) == (caught.value.text, caught.value.reason)

    @pytest.mark.parametrize(
        ("text", "word"),
        [
            ("Đại hội lần thứ ba mốt", "mốt"),
            ("lần thứ hai lăm", "lăm"),
            ("kỳ họp thứ hai nhăm", "nhăm"),
        ],
    )
    def test_a_number_said_short_is_not_its_first_digit(self, text: str, word: str) -> None:
        """Rule: mốt, lăm and nhăm are units after tens only ("ba mươi mốt", "hai mươi
        lăm"), so "lần thứ ba mốt" is 31 said short, never the 3rd: it is refused naming
        the word, not read as 3."""
        with pytest.raises(ParseError) as caught:
            parse_ordinal(text)
        assert f"'{word}'" in caught.value.reason

    @pytest.mark.parametrize(
        ("text", "number"),
        [
            ("lần thứ hai mươi năm 2022", 20),
            ("lần thứ mười không thành công", 10),
            ("Thứ bảy tám giờ", 7),
        ],
    )
    def test_words_after_a_whole_ordinal_are_left(self, text: str, number: int) -> None:
        """A year ("năm 2022"), "không" (not) or a weekday's hour after an ordinal are
        other words, as before."""
        assert number == parse_ordinal(text)


class TestRoman:
    @pytest.mark.parametrize(
        ("number", "numeral"),
        [
            (1, "I"),
            (4, "IV"),
            (9, "IX"),
            (13, "XIII"),
            (14, "XIV"),
            (40, "XL"),
            (90, "XC"),
            (400, "CD"),
            (900, "CM"),
            (1994, "MCMXCIV"),
            (2025, "MMXXV"),
            (3999, "MMMCMXCIX"),
        ],
    )
    def test_to_roman(self, number: int, numeral: str) -> None:
        """Numbers are written in canonical Roman numerals."""
        assert numeral == format_roman(number)

    def test_from_roman(self) -> None:
        """A canonical numeral reads back."""
        expected = 13
        assert expected == parse_roman("XIII")

    def test_lower_case(self) -> None:
        """An all lower-case numeral is accepted."""
        expected = 14
        assert expected == parse_roman("xiv")

    @pytest.mark.parametrize("text", ["", "IIII", "VX", "IC", "XM", "MMMM", "Xiii", "X I", "13"])
    def test_strict(self, text: str) -> None:
        """Non-canonical numerals raise ParseError."""
        with pytest.raises(ParseError):
            parse_roman(text)

    @pytest.mark.parametrize("number", [0, 4000, -1])
    def test_out_of_range(self, number: int) -> None:
        """Only 1..3999 have a Roman numeral."""
        with pytest.raises(ValueError, match="3999"):
            format_roman(number)

    def test_bool_rejected(self) -> None:
        """True is not a number here."""
        with pytest.raises(TypeError):
            format_roman(True)


integers = st.integers(min_value=-(10**30), max_value=10**30)
variants = st.sampled_from(["north", "south"])
SALAD = ["một", "hai", "năm", "mười", "mươi", "trăm", "linh", "nghìn", "triệu", "tỷ"]
SALAD += ["mốt", "lăm", "tư", "không", "phẩy", "âm", "chục", "bẩy", "lẻ"]


class TestProperties:
    @given(integers, variants)
    def test_words_round_trip(self, number: int, variant: str) -> None:
        """Reading the words of any integer gives it back, in both variants."""
        words = format_number_words(number, variant=variant)  # type: ignore[arg-type]
        assert number == parse_number_words(words)

    @given(st.decimals(allow_nan=False, allow_infinity=False, places=6), variants)
    def test_decimal_round_trip(self, number: Decimal, variant: str) -> None:
        """Reading the words of a Decimal gives it back."""
        words = format_number_words(number, variant=variant)  # type: ignore[arg-type]
        assert number == parse_number_words(words)

    @given(st.integers(min_value=1, max_value=10**6))
    def test_ordinal_round_trip(self, number: int) -> None:
        """Every ordinal in words is found again."""
        assert number == parse_ordinal("lần " + format_ordinal(number) + " năm 2022")

    @given(st.integers(min_value=1, max_value=3999))
    def test_roman_round_trip(self, number: int) -> None:
        """Every numeral reads back to its number."""
        assert number == parse_roman(format_roman(number))

    @given(st.text())
    def test_words_to_number_total(self, text: str) -> None:
        """Any text either reads or raises ParseError."""
        with contextlib.suppress(ParseError):
            parse_number_words(text)

    @given(st.lists(st.sampled_from(SALAD), max_size=8))
    def test_word_salad_total(self, words: list[str]) -> None:
        """Any sequence of number words either reads or raises ParseError."""
        try:
            value = parse_number_words(" ".join(words))
        except ParseError:
            return
        assert isinstance(value, (int, Decimal))

    @given(st.text())
    def test_parse_ordinal_total(self, text: str) -> None:
        """Any text either holds an ordinal or raises ParseError."""
        with contextlib.suppress(ParseError):
            assert parse_ordinal(text) >= 1

    @given(st.text())
    def test_from_roman_total(self, text: str) -> None:
        """Any text either is a numeral or raises ParseError."""
        with contextlib.suppress(ParseError):
            assert 1 <= parse_roman(text) <= 3999


class TestOrdinalNonAsciiDigits:
    def test_superscript_is_not_a_numeral(self) -> None:
        """'thứ ²' is refused with ParseError, not a crash (found by the fuzz suite)."""
        with pytest.raises(ParseError):
            parse_ordinal("lần thứ ²")


def _readings(number: int) -> list[str]:
    """Every standard reading of *number*: the written one and its spoken shortenings."""
    readings = {format_number_words(number), format_number_words(number, variant="south")}
    for text in list(readings):
        # "không trăm linh ba nghìn" after a higher class shortens to "ba nghìn" (and
        # "không trăm linh bốn triệu" to "bốn triệu", never "tư triệu": so shorten first).
        readings.add(
            re.sub(r"(?<=\w )không trăm (?:linh|lẻ) (\w+) (nghìn|ngàn|triệu|tỷ)", r"\1 \2", text)
        )
    for text in list(readings):
        # "linh bốn" is also read "linh tư" (south "lẻ tư").
        readings.add(re.sub(r"(linh|lẻ) bốn\b", r"\1 tư", text))
    # "bẩy" is the northern spelling of bảy.
    readings |= {text.replace("bảy", "bẩy") for text in readings}
    return sorted(readings)


class TestStandardReadings:
    """Readings of the school rules that the first version refused."""

    @pytest.mark.parametrize(
        ("text", "number"),
        [
            ("hai triệu ba nghìn", 2_003_000),
            ("một triệu một nghìn", 1_001_000),
            ("hai tỷ một nghìn", 2_000_001_000),
            ("năm triệu hai nghìn bốn trăm", 5_002_400),
            ("ba tỷ bảy triệu", 3_007_000_000),
        ],
    )
    def test_one_digit_group_before_a_scale(self, text: str, number: int) -> None:
        """Rule (Toán 4, "Triệu và lớp triệu"): "ta tách số thành từng lớp, từ lớp đơn vị
        đến lớp nghìn rồi lớp triệu, mỗi lớp có ba hàng. Sau đó dựa vào cách đọc số có tới
        ba chữ số thuộc từng lớp để đọc và đọc từ trái sang phải" — a class holding one
        digit is read with its name: 2 003 000 "hai triệu ba nghìn"; the digit is only
        unclear when it ends the number ("hai nghìn năm")."""
        assert number == parse_number_words(text)

    @pytest.mark.parametrize(
        ("text", "number"),
        [
            ("một trăm linh tư", 104),
            ("một trăm lẻ tư", 104),
            ("hai nghìn không trăm linh tư", 2004),
            ("một trăm linh bốn", 104),
        ],
    )
    def test_linh_tu(self, text: str, number: int) -> None:
        """Rule: the unit 4 after "linh"/"lẻ" is read "bốn" or "tư" — 104 "một trăm
        linh bốn (linh tư, lẻ tư)", as 24 is "hai mươi bốn (hai mươi tư)"."""
        assert number == parse_number_words(text)

    def test_digits_side_by_side_are_named(self) -> None:
        """Rule: a number's words put a place word (mươi, trăm, nghìn) between its
        digits, so "bốn ba" is no number; the error says so instead of blaming a scale."""
        with pytest.raises(ParseError) as caught:
            parse_number_words("bốn ba")
        assert "bốn mươi ba" in caught.value.reason

    @pytest.mark.parametrize(
        ("text", "quoted"),
        [
            ("tỉ", "'tỉ'"),
            ("một ngàn ngàn", "'ngàn'"),
            ("hai mươi lẻ một", "'lẻ'"),
            ("năm nhăm", "'nhăm'"),
            ("ba phẩy hai mươi lẻ", "'lẻ'"),
        ],
    )
    def test_a_refused_word_is_quoted_as_written(self, text: str, quoted: str) -> None:
        """The reason quotes the word the text has ("tỉ", "lẻ", "ngàn", "nhăm"), not the
        spelling it is read as ("tỷ", "linh", "nghìn", "lăm"), which the text does not hold."""
        with pytest.raises(ParseError) as caught:
            parse_number_words(text)
        assert quoted in caught.value.reason

    @pytest.mark.parametrize(
        ("text", "word"),
        [
            ("bảy mươi lăm phần trăm", "'phần'"),
            ("hai mươi mốt đồng", "'đồng'"),
            ("một vạn", "'vạn'"),
            ("một trăm linh năm đồng chẵn", "'đồng'"),
        ],
    )
    def test_a_word_after_the_number_is_named(self, text: str, word: str) -> None:
        """A word that is no number word after a number ("đồng", "phần trăm") is named as
        such, not taken for a second number: "43 là 'bốn mươi ba'" would mislead."""
        with pytest.raises(ParseError) as caught:
            parse_number_words(text)
        assert f"cần một từ chỉ số, gặp {word}" == caught.value.reason

    @pytest.mark.parametrize(
        "text",
        ["một triệu không nghìn không trăm linh năm", "hai tỷ không triệu", "một tỷ không tỷ"],
    )
    def test_a_zero_group_named_says_so(self, text: str) -> None:
        """An all-zero group is left out (1.000.005 is "một triệu không trăm linh năm");
        "không nghìn" is refused saying that, not "cần một từ chỉ số, gặp 'không'" about
        a word that is one."""
        with pytest.raises(ParseError) as caught:
            parse_number_words(text)
        assert "nhóm toàn số không thì không đọc" == caught.value.reason

    def test_trailing_digit_after_a_scale_still_refused(self) -> None:
        """ "hai nghìn năm" (2.005 or 2.500?) stays refused: the digit ends the number."""
        with pytest.raises(ParseError):
            parse_number_words("hai triệu ba")

    @pytest.mark.parametrize(("text", "number"), [("giải thứ nhì", 2), ("Thứ nhì", 2)])
    def test_thu_nhi(self, text: str, number: int) -> None:
        """Rule: the ordinals "thứ nhất, thứ nhì (thứ hai), thứ ba, thứ tư" — "nhì" is
        the Sino-Vietnamese second, as "nhất" is the first."""
        assert number == parse_ordinal(text)

    def test_readings_helper(self) -> None:
        """The helper below gives the shortened readings the properties rely on."""
        assert "hai triệu ba nghìn" in _readings(2_003_000)
        assert "một trăm linh tư" in _readings(104)

    @given(st.integers(min_value=0, max_value=10**15))
    @example(6_004_000_000)
    def test_every_reading_round_trips(self, number: int) -> None:
        """Number → each standard reading → the same number."""
        for text in _readings(number):
            assert number == parse_number_words(text), text


class TestNotAText:
    """Every parser of ``coso_dang.vi`` refuses a value that is not a text (a number or
    a date given where its text is expected) with the Vietnamese ParseError the date
    parsers give, not Python's AttributeError or TypeError."""

    @pytest.mark.parametrize("name", [n for n in vi.__all__ if n.startswith("parse_")])
    @pytest.mark.parametrize("value", [12, None, b"12", 1.5])
    def test_refused_in_vietnamese(self, name: str, value: object) -> None:
        with pytest.raises(ParseError) as caught:
            getattr(vi, name)(value)
        assert "cần một văn bản (str)" == caught.value.reason


class TestOrdinalVariant:
    @pytest.mark.parametrize("n", [1, 2, 4, 5, 14, 21])
    def test_an_unknown_variant_is_refused_for_every_number(self, n: int) -> None:
        """Raises as documented for 1 and 4 too, whose words are the same in both."""
        with pytest.raises(ArgumentError):
            format_ordinal(n, variant="east")  # type: ignore[arg-type]
