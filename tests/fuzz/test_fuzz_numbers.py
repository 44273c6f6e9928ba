"""Fuzz the number readers: digits, percentages, number words, ordinals, Roman numerals."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from _fuzzing import HUGE, FuzzLog, fuzz_test, junk_around, texts, tokens
from hypothesis import given
from hypothesis import strategies as st

from coso_dang.rules import parse_figure
from coso_dang.vi import (
    format_number,
    format_number_words,
    format_roman,
    parse_number,
    parse_number_words,
    parse_ordinal,
    parse_percent,
    parse_percent_range,
    parse_roman,
)

_DIGITISH = "0123456789.,-−% \u00a0\u2013từđến"
_NUMBER_WORDS = [
    "không", "một", "mốt", "hai", "ba", "bốn", "tư", "năm", "lăm", "nhăm", "sáu", "bảy",
    "tám", "chín", "mười", "mươi", "trăm", "nghìn", "ngàn", "triệu", "tỷ", "tỉ", "linh",
    "lẻ", "phẩy", "âm", "thứ", "nhất", "Hai", "MƯỜI", "x", "1", ",",
]  # fmt: skip
_ROMAN = "IVXLCDMivxlcdm ()0"

numbers_written = st.one_of(
    st.integers(-(10**30), 10**30).map(format_number),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(format_number),
)
number_texts = st.one_of(texts(), texts(_DIGITISH, 60), junk_around(numbers_written))
word_texts = st.one_of(
    texts(),
    tokens(_NUMBER_WORDS),
    junk_around(st.integers(0, 10**15).map(format_number_words)),
)
roman_texts = st.one_of(
    texts(), texts(_ROMAN, 30), junk_around(st.integers(1, 3999).map(format_roman))
)


class TestNumbers:
    @fuzz_test
    @given(text=number_texts)
    def test_parse_number(self, fuzz: FuzzLog, text: str) -> None:
        """parse_number returns a number or raises ParseError quoting the text."""
        result = fuzz.parse_or_error("vi.parse_number", parse_number, text)
        assert isinstance(result, (int, Decimal, Exception))

    @fuzz_test
    @given(text=st.one_of(number_texts, number_texts.map(lambda t: t + "%")))
    def test_parse_percent(self, fuzz: FuzzLog, text: str) -> None:
        """parse_percent returns a share or raises ParseError quoting the text."""
        fuzz.parse_or_error("vi.parse_percent", parse_percent, text)

    @fuzz_test
    @given(text=st.one_of(number_texts, tokens(["từ", "đến", "3", "4,5", "%", "-", "–", " "])))
    def test_parse_percent_range(self, fuzz: FuzzLog, text: str) -> None:
        """parse_percent_range returns a range or raises ParseError quoting the text."""
        fuzz.parse_or_error("vi.parse_percent_range", parse_percent_range, text)

    @fuzz_test
    @given(text=word_texts)
    def test_words_to_number(self, fuzz: FuzzLog, text: str) -> None:
        """parse_number_words returns a number or raises ParseError quoting the text."""
        fuzz.parse_or_error("vi.parse_number_words", parse_number_words, text)

    @fuzz_test
    @given(text=st.one_of(word_texts, word_texts.map("thứ ".__add__), roman_texts))
    def test_parse_ordinal(self, fuzz: FuzzLog, text: str) -> None:
        """parse_ordinal returns an int or raises ParseError quoting the text."""
        fuzz.parse_or_error("vi.parse_ordinal", parse_ordinal, text)

    @fuzz_test
    @given(text=roman_texts)
    def test_from_roman(self, fuzz: FuzzLog, text: str) -> None:
        """parse_roman returns an int or raises ParseError quoting the text."""
        fuzz.parse_or_error("vi.parse_roman", parse_roman, text)


_FIGURE_WORDS = [
    "trên", "hơn", "gần", "khoảng", "từ", "trở lên", "dưới", "không quá", "đạt", "vượt",
    "chỉ tiêu", "kế hoạch năm", "đảng viên", "-", "–", "đến", "90", "3,9", "8.100", "%",
    "0", "1.000.000", ",", "/",
]  # fmt: skip


class TestPublishedFigures:
    @fuzz_test
    @given(text=st.one_of(number_texts, tokens(_FIGURE_WORDS)))
    def test_parse_figure(self, fuzz: FuzzLog, text: str) -> None:
        """parse_figure returns a figure or raises ParseError quoting the text."""
        fuzz.parse_or_error("rules.parse_figure", parse_figure, text)


_TARGETS: dict[str, Callable[[str], object]] = {
    "rules.parse_figure": parse_figure,
    "vi.parse_number": parse_number,
    "vi.parse_percent": parse_percent,
    "vi.parse_percent_range": parse_percent_range,
    "vi.parse_number_words": parse_number_words,
    "vi.parse_ordinal": parse_ordinal,
    "vi.parse_roman": parse_roman,
}
_HUGE = {
    "digits": "9" * HUGE,
    "grouped": "1" + ".234" * (HUGE // 4),
    "decimals": "1," + "5" * HUGE,
    "words": "một " * (HUGE // 4),
    # Each "thứ" once read every word after it: time grew with the square of the text.
    "ordinals": "thứ " * (HUGE // 4),
    "ordinal_words": "thứ " + "hai " * (HUGE // 4),
    "roman": "M" * HUGE,
    "spaces": " " * HUGE,
}


@pytest.mark.parametrize("shape", sorted(_HUGE))
@pytest.mark.parametrize("target", sorted(_TARGETS))
def test_huge_input(fuzz: FuzzLog, target: str, shape: str) -> None:
    """A megabyte of input is read or refused with the library's error, in bounded time."""
    fuzz.parse_or_error(target, _TARGETS[target], _HUGE[shape])
