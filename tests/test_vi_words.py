"""Tests for coso_dang.vi.words: number words, ordinals and Roman numerals."""

from __future__ import annotations

import contextlib
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coso_dang.errors import ParseError
from coso_dang.vi.words import (
    from_roman,
    number_to_words,
    ordinal_words,
    parse_ordinal,
    to_roman,
    words_to_number,
)

# Written out from the rules (DOMAIN §5), not produced by the code under test.
NORTH = [
    (0, "không"),
    (1, "một"),
    (2, "hai"),
    (3, "ba"),
    (4, "bốn"),
    (5, "năm"),
    (6, "sáu"),
    (7, "bảy"),
    (8, "tám"),
    (9, "chín"),
    (10, "mười"),
    (11, "mười một"),
    (12, "mười hai"),
    (13, "mười ba"),
    (14, "mười bốn"),
    (15, "mười lăm"),
    (16, "mười sáu"),
    (17, "mười bảy"),
    (18, "mười tám"),
    (19, "mười chín"),
    (20, "hai mươi"),
    (21, "hai mươi mốt"),
    (22, "hai mươi hai"),
    (24, "hai mươi bốn"),
    (25, "hai mươi lăm"),
    (30, "ba mươi"),
    (31, "ba mươi mốt"),
    (35, "ba mươi lăm"),
    (41, "bốn mươi mốt"),
    (44, "bốn mươi bốn"),
    (45, "bốn mươi lăm"),
    (50, "năm mươi"),
    (51, "năm mươi mốt"),
    (55, "năm mươi lăm"),
    (69, "sáu mươi chín"),
    (71, "bảy mươi mốt"),
    (85, "tám mươi lăm"),
    (99, "chín mươi chín"),
    (100, "một trăm"),
    (101, "một trăm linh một"),
    (104, "một trăm linh bốn"),
    (105, "một trăm linh năm"),
    (109, "một trăm linh chín"),
    (110, "một trăm mười"),
    (111, "một trăm mười một"),
    (115, "một trăm mười lăm"),
    (120, "một trăm hai mươi"),
    (121, "một trăm hai mươi mốt"),
    (125, "một trăm hai mươi lăm"),
    (200, "hai trăm"),
    (205, "hai trăm linh năm"),
    (250, "hai trăm năm mươi"),
    (255, "hai trăm năm mươi lăm"),
    (301, "ba trăm linh một"),
    (415, "bốn trăm mười lăm"),
    (500, "năm trăm"),
    (555, "năm trăm năm mươi lăm"),
    (999, "chín trăm chín mươi chín"),
    (1000, "một nghìn"),
    (1001, "một nghìn không trăm linh một"),
    (1005, "một nghìn không trăm linh năm"),
    (1010, "một nghìn không trăm mười"),
    (1011, "một nghìn không trăm mười một"),
    (1015, "một nghìn không trăm mười lăm"),
    (1021, "một nghìn không trăm hai mươi mốt"),
    (1100, "một nghìn một trăm"),
    (1105, "một nghìn một trăm linh năm"),
    (1899, "một nghìn tám trăm chín mươi chín"),
    (1837, "một nghìn tám trăm ba mươi bảy"),
    (1677, "một nghìn sáu trăm bảy mươi bảy"),
    (2000, "hai nghìn"),
    (2021, "hai nghìn không trăm hai mươi mốt"),
    (2025, "hai nghìn không trăm hai mươi lăm"),
    (2416, "hai nghìn bốn trăm mười sáu"),
    (5000, "năm nghìn"),
    (10000, "mười nghìn"),
    (10005, "mười nghìn không trăm linh năm"),
    (11000, "mười một nghìn"),
    (15000, "mười lăm nghìn"),
    (21000, "hai mươi mốt nghìn"),
    (25025, "hai mươi lăm nghìn không trăm hai mươi lăm"),
    (38356, "ba mươi tám nghìn ba trăm năm mươi sáu"),
    (39520, "ba mươi chín nghìn năm trăm hai mươi"),
    (52105, "năm mươi hai nghìn một trăm linh năm"),
    (100000, "một trăm nghìn"),
    (100001, "một trăm nghìn không trăm linh một"),
    (105000, "một trăm linh năm nghìn"),
    (250000, "hai trăm năm mươi nghìn"),
    (999999, "chín trăm chín mươi chín nghìn chín trăm chín mươi chín"),
    (1_000_000, "một triệu"),
    (1_000_001, "một triệu không trăm linh một"),
    (1_000_005, "một triệu không trăm linh năm"),
    (1_000_021, "một triệu không trăm hai mươi mốt"),
    (1_000_100, "một triệu một trăm"),
    (1_001_000, "một triệu không trăm linh một nghìn"),
    (1_005_000, "một triệu không trăm linh năm nghìn"),
    (1_021_000, "một triệu không trăm hai mươi mốt nghìn"),
    (1_100_000, "một triệu một trăm nghìn"),
    (2_000_500, "hai triệu năm trăm"),
    (5_600_000, "năm triệu sáu trăm nghìn"),
    (15_000_000, "mười lăm triệu"),
    (
        472_036_953,
        "bốn trăm bảy mươi hai triệu không trăm ba mươi sáu nghìn chín trăm năm mươi ba",
    ),
    (10**9, "một tỷ"),
    (10**9 + 1, "một tỷ không trăm linh một"),
    (10**9 + 5_000_000, "một tỷ không trăm linh năm triệu"),
    (2 * 10**9 + 21, "hai tỷ không trăm hai mươi mốt"),
    (15 * 10**9, "mười lăm tỷ"),
    (500 * 10**9, "năm trăm tỷ"),
    (10**12, "một nghìn tỷ"),
    (10**12 + 1, "một nghìn tỷ không trăm linh một"),
    (1_500 * 10**9, "một nghìn năm trăm tỷ"),
    (21 * 10**12, "hai mươi mốt nghìn tỷ"),
    (10**15, "một triệu tỷ"),
    (10**15 + 500 * 10**9, "một triệu năm trăm tỷ"),
    (10**18, "một tỷ tỷ"),
    (10**18 + 5, "một tỷ tỷ không trăm linh năm"),
    (10**18 + 500 * 10**9, "một tỷ tỷ năm trăm tỷ"),
    (25 * 10**18, "hai mươi lăm tỷ tỷ"),
    (10**21, "một nghìn tỷ tỷ"),
    (10**27, "một tỷ tỷ tỷ"),
    (
        1_234_567_891_011,
        "một nghìn hai trăm ba mươi bốn tỷ năm trăm sáu mươi bảy triệu"
        " tám trăm chín mươi mốt nghìn không trăm mười một",
    ),
    (-1, "âm một"),
    (-5, "âm năm"),
    (-15, "âm mười lăm"),
    (-21, "âm hai mươi mốt"),
    (-2021, "âm hai nghìn không trăm hai mươi mốt"),
    (-(10**9), "âm một tỷ"),
]

# The southern spellings: lẻ, ngàn, and tư for a final 4 after mươi (never after mười).
SOUTH = [
    (0, "không"),
    (4, "bốn"),
    (14, "mười bốn"),
    (15, "mười lăm"),
    (21, "hai mươi mốt"),
    (24, "hai mươi tư"),
    (34, "ba mươi tư"),
    (44, "bốn mươi tư"),
    (54, "năm mươi tư"),
    (94, "chín mươi tư"),
    (104, "một trăm lẻ bốn"),
    (105, "một trăm lẻ năm"),
    (114, "một trăm mười bốn"),
    (124, "một trăm hai mươi tư"),
    (1000, "một ngàn"),
    (1004, "một ngàn không trăm lẻ bốn"),
    (1024, "một ngàn không trăm hai mươi tư"),
    (2021, "hai ngàn không trăm hai mươi mốt"),
    (24_000, "hai mươi tư ngàn"),
    (38_356, "ba mươi tám ngàn ba trăm năm mươi sáu"),
    (1_000_005, "một triệu không trăm lẻ năm"),
    (1_005_000, "một triệu không trăm lẻ năm ngàn"),
    (10**9, "một tỷ"),
    (10**12, "một ngàn tỷ"),
    (10**18, "một tỷ tỷ"),
    (-24, "âm hai mươi tư"),
]

DECIMALS = [
    (Decimal("3.5"), "ba phẩy năm"),
    (Decimal("0.05"), "không phẩy không năm"),
    (Decimal("3.25"), "ba phẩy hai mươi lăm"),
    (Decimal("2.38"), "hai phẩy ba mươi tám"),
    (Decimal("93.75"), "chín mươi ba phẩy bảy mươi lăm"),
    (Decimal("2.50"), "hai phẩy năm mươi"),
    (Decimal("0.5"), "không phẩy năm"),
    (Decimal("0.001"), "không phẩy không không một"),
    (Decimal("3.105"), "ba phẩy một trăm linh năm"),
    (Decimal("3.021"), "ba phẩy không hai mươi mốt"),
    (Decimal("325.431"), "ba trăm hai mươi lăm phẩy bốn trăm ba mươi mốt"),
    (Decimal("3.14159"), "ba phẩy một bốn một năm chín"),
    (Decimal("0.0625"), "không phẩy không sáu trăm hai mươi lăm"),
    (Decimal("0.1234"), "không phẩy một hai ba bốn"),
    (Decimal("0.00125"), "không phẩy không không một trăm hai mươi lăm"),
    (Decimal("5.0"), "năm phẩy không"),
    (Decimal("5.00"), "năm phẩy không không"),
    (Decimal("-0.5"), "âm không phẩy năm"),
    (Decimal("-3.25"), "âm ba phẩy hai mươi lăm"),
    (Decimal("1000.5"), "một nghìn phẩy năm"),
]


class TestNumberToWords:
    @pytest.mark.parametrize(("number", "words"), NORTH)
    def test_north(self, number: int, words: str) -> None:
        """The northern (official) reading matches the golden table."""
        assert words == number_to_words(number)

    @pytest.mark.parametrize(("number", "words"), SOUTH)
    def test_south(self, number: int, words: str) -> None:
        """The southern reading matches the golden table."""
        assert words == number_to_words(number, variant="south")

    @pytest.mark.parametrize(("number", "words"), DECIMALS)
    def test_decimal(self, number: Decimal, words: str) -> None:
        """Decimals are read after "phẩy", leading zeros kept."""
        assert words == number_to_words(number)

    def test_south_decimal_tail_uses_tu(self) -> None:
        """A grouped decimal tail takes the southern spelling too."""
        expected = "không phẩy hai mươi tư"
        assert expected == number_to_words(Decimal("0.24"), variant="south")

    def test_float_by_shortest_repr(self) -> None:
        """A float is read by its shortest repr, not its binary expansion."""
        expected = "không phẩy một"
        assert expected == number_to_words(0.1)

    def test_str_read_the_vietnamese_way(self) -> None:
        """A str is read with Vietnamese separators."""
        expected = "ba mươi tám nghìn ba trăm năm mươi sáu"
        assert expected == number_to_words("38.356")

    def test_str_decimal(self) -> None:
        """A str with a decimal comma is read after "phẩy"."""
        expected = "ba phẩy hai mươi lăm"
        assert expected == number_to_words("3,25")

    def test_decimal_with_positive_exponent(self) -> None:
        """Decimal("1E+3") is a whole thousand."""
        expected = "một nghìn"
        assert expected == number_to_words(Decimal("1E+3"))

    def test_negative_zero_has_no_sign(self) -> None:
        """Decimal("-0") is read "không", not "âm không"."""
        expected = "không"
        assert expected == number_to_words(Decimal("-0"))

    def test_bool_rejected(self) -> None:
        """True is not a number here."""
        with pytest.raises(TypeError):
            number_to_words(True)

    def test_other_types_rejected(self) -> None:
        """A list is not a number."""
        with pytest.raises(TypeError):
            number_to_words([1])  # type: ignore[arg-type]

    def test_nan_rejected(self) -> None:
        """NaN cannot be read aloud."""
        with pytest.raises(ValueError, match="finite"):
            number_to_words(float("nan"))

    def test_unknown_variant(self) -> None:
        """Only north and south exist."""
        with pytest.raises(ValueError, match="variant"):
            number_to_words(1, variant="central")  # type: ignore[arg-type]

    def test_bad_str(self) -> None:
        """A str that is not a number raises ParseError."""
        with pytest.raises(ParseError):
            number_to_words("1,234.5")


class TestWordsToNumber:
    @pytest.mark.parametrize(("number", "words"), NORTH + SOUTH)
    def test_golden(self, number: int, words: str) -> None:
        """Every golden reading reads back to its number."""
        assert number == words_to_number(words)

    @pytest.mark.parametrize(("number", "words"), DECIMALS)
    def test_golden_decimals(self, number: Decimal, words: str) -> None:
        """Decimal readings read back with every decimal kept."""
        actual = words_to_number(words)
        assert (number, number.as_tuple()) == (actual, Decimal(actual).as_tuple())

    def test_returns_int_without_phay(self) -> None:
        """Whole numbers come back as int."""
        assert int is type(words_to_number("hai mươi mốt"))

    def test_nfd_and_upper_case(self) -> None:
        """NFD input in capitals reads the same."""
        text = unicodedata.normalize("NFD", "HAI NGHÌN KHÔNG TRĂM HAI MƯƠI MỐT")
        expected = 2021
        assert expected == words_to_number(text)

    def test_extra_spaces(self) -> None:
        """Runs of spaces and NBSP are single spaces."""
        expected = 25
        assert expected == words_to_number("  hai\xa0mươi   lăm ")

    def test_ti_spelling(self) -> None:
        """Both tỷ and tỉ are read."""
        expected = 3 * 10**9
        assert expected == words_to_number("ba tỉ")

    def test_nham(self) -> None:
        """ "nhăm" is read as lăm after mươi."""
        expected = 25
        assert expected == words_to_number("hai mươi nhăm")

    def test_bon_after_muoi_in_the_north(self) -> None:
        """ "bốn" after mươi is the northern reading."""
        expected = 24
        assert expected == words_to_number("hai mươi bốn")

    def test_khong_tram_may_be_left_out_before_tens(self) -> None:
        """ "hai nghìn hai mươi mốt" is still 2021."""
        expected = 2021
        assert expected == words_to_number("hai nghìn hai mươi mốt")

    def test_khong_tram_may_be_left_out_before_linh(self) -> None:
        """ "một nghìn lẻ năm" is still 1005."""
        expected = 1005
        assert expected == words_to_number("một nghìn lẻ năm")

    def test_ty_per_group(self) -> None:
        """ "một triệu tỷ năm trăm tỷ" is read per group."""
        expected = 10**15 + 500 * 10**9
        assert expected == words_to_number("một triệu tỷ năm trăm tỷ")

    def test_digit_by_digit_decimals(self) -> None:
        """Decimals may be read digit by digit."""
        assert Decimal("3.25") == words_to_number("ba phẩy hai năm")

    def test_minus_zero(self) -> None:
        """ "âm không" is zero."""
        expected = 0
        assert expected == words_to_number("âm không")

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
            words_to_number(text)
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
        assert words == ordinal_words(number)

    def test_south_ordinal(self) -> None:
        """The southern variant says "thứ hai mươi tư"."""
        expected = "thứ hai mươi tư"
        assert expected == ordinal_words(24, variant="south")

    def test_zero_rejected(self) -> None:
        """Ordinals start at 1."""
        with pytest.raises(ValueError, match="start"):
            ordinal_words(0)

    def test_bool_rejected(self) -> None:
        """True is not an ordinal."""
        with pytest.raises(TypeError):
            ordinal_words(True)

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
        assert numeral == to_roman(number)

    def test_from_roman(self) -> None:
        """A canonical numeral reads back."""
        expected = 13
        assert expected == from_roman("XIII")

    def test_lower_case(self) -> None:
        """An all lower-case numeral is accepted."""
        expected = 14
        assert expected == from_roman("xiv")

    @pytest.mark.parametrize("text", ["", "IIII", "VX", "IC", "XM", "MMMM", "Xiii", "X I", "13"])
    def test_strict(self, text: str) -> None:
        """Non-canonical numerals raise ParseError."""
        with pytest.raises(ParseError):
            from_roman(text)

    @pytest.mark.parametrize("number", [0, 4000, -1])
    def test_out_of_range(self, number: int) -> None:
        """Only 1..3999 have a Roman numeral."""
        with pytest.raises(ValueError, match="3999"):
            to_roman(number)

    def test_bool_rejected(self) -> None:
        """True is not a number here."""
        with pytest.raises(TypeError):
            to_roman(True)


integers = st.integers(min_value=-(10**30), max_value=10**30)
variants = st.sampled_from(["north", "south"])
SALAD = ["một", "hai", "năm", "mười", "mươi", "trăm", "linh", "nghìn", "triệu", "tỷ"]
SALAD += ["mốt", "lăm", "tư", "không", "phẩy", "âm"]


class TestProperties:
    @given(integers, variants)
    def test_words_round_trip(self, number: int, variant: str) -> None:
        """Reading the words of any integer gives it back, in both variants."""
        words = number_to_words(number, variant=variant)  # type: ignore[arg-type]
        assert number == words_to_number(words)

    @given(st.decimals(allow_nan=False, allow_infinity=False, places=6), variants)
    def test_decimal_round_trip(self, number: Decimal, variant: str) -> None:
        """Reading the words of a Decimal gives it back."""
        words = number_to_words(number, variant=variant)  # type: ignore[arg-type]
        assert number == words_to_number(words)

    @given(st.integers(min_value=1, max_value=10**6))
    def test_ordinal_round_trip(self, number: int) -> None:
        """Every ordinal in words is found again."""
        assert number == parse_ordinal("lần " + ordinal_words(number) + " năm 2022")

    @given(st.integers(min_value=1, max_value=3999))
    def test_roman_round_trip(self, number: int) -> None:
        """Every numeral reads back to its number."""
        assert number == from_roman(to_roman(number))

    @given(st.text())
    def test_words_to_number_total(self, text: str) -> None:
        """Any text either reads or raises ParseError."""
        with contextlib.suppress(ParseError):
            words_to_number(text)

    @given(st.lists(st.sampled_from(SALAD), max_size=8))
    def test_word_salad_total(self, words: list[str]) -> None:
        """Any sequence of number words either reads or raises ParseError."""
        try:
            value = words_to_number(" ".join(words))
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
            assert 1 <= from_roman(text) <= 3999


class TestOrdinalNonAsciiDigits:
    def test_superscript_is_not_a_numeral(self) -> None:
        """'thứ ²' is refused with ParseError, not a crash (found by the fuzz suite)."""
        with pytest.raises(ParseError):
            parse_ordinal("lần thứ ²")
