"""Fuzz the date readers: dates, date-times, terms, periods, quarters, and find_dates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from _fuzzing import HUGE, FuzzLog, fuzz_test, junk_around, texts, tokens
from hypothesis import given
from hypothesis import strategies as st

from coso_dang.vi.dates import (
    DATE_STYLES,
    MAX_TEXT_LENGTH,
    find_dates,
    format_date,
    parse_date,
    parse_datetime,
    parse_period,
    parse_quarter,
    parse_term,
)

# The reasons are read as the English catalogue words them (see conftest).
pytestmark = pytest.mark.usefixtures("english_errors")

_DATE_WORDS = [
    "ngày", "tháng", "năm", "Ngày", "giờ", "phút", "lúc", "sáng", "chiều", "quý", "Quý",
    "nhiệm kỳ", "giai đoạn", "Thứ hai", "Chủ nhật", "CN", "Hà Nội,", "0", "1", "01", "12",
    "13", "29", "30", "31", "32", "2", "02", "2024", "1900", "0000", "9999", "99999", "/",
    "-", ".", ":", "h", "I", "II", "IV", "V", "–", ",", "\u00a0",
]  # fmt: skip

written_dates = st.tuples(st.dates(), st.sampled_from(DATE_STYLES)).map(
    lambda t: format_date(t[0], style=t[1])
)
date_texts = st.one_of(
    texts(),
    texts("0123456789/-.: ngàyth", 40),
    tokens(_DATE_WORDS),
    junk_around(written_dates),
    st.dates().map(date.isoformat),
)
span_texts = st.one_of(
    date_texts,
    tokens(["nhiệm kỳ", "giai đoạn", "quý", "2020", "2025", "-", "–", "I", "IV", "năm", "/"]),
)

_PARSERS: dict[str, Callable[[str], object]] = {
    "vi.parse_date": parse_date,
    "vi.parse_datetime": parse_datetime,
    "vi.parse_term": parse_term,
    "vi.parse_period": parse_period,
    "vi.parse_quarter": parse_quarter,
}


class TestDates:
    @fuzz_test
    @given(text=date_texts)
    def test_parse_date(self, fuzz: FuzzLog, text: str) -> None:
        """parse_date returns a date or raises ParseError quoting the text."""
        result = fuzz.parse_or_error("vi.parse_date", parse_date, text)
        assert isinstance(result, (date, Exception))

    @fuzz_test
    @given(text=date_texts)
    def test_parse_datetime(self, fuzz: FuzzLog, text: str) -> None:
        """parse_datetime returns a datetime or raises ParseError quoting the text."""
        fuzz.parse_or_error("vi.parse_datetime", parse_datetime, text)

    @fuzz_test
    @given(text=span_texts)
    def test_parse_term(self, fuzz: FuzzLog, text: str) -> None:
        """parse_term returns two years or raises ParseError quoting the text."""
        fuzz.parse_or_error("vi.parse_term", parse_term, text)

    @fuzz_test
    @given(text=span_texts)
    def test_parse_period(self, fuzz: FuzzLog, text: str) -> None:
        """parse_period returns two years or raises ParseError quoting the text."""
        fuzz.parse_or_error("vi.parse_period", parse_period, text)

    @fuzz_test
    @given(text=span_texts)
    def test_parse_quarter(self, fuzz: FuzzLog, text: str) -> None:
        """parse_quarter returns a quarter or raises ParseError quoting the text."""
        fuzz.parse_or_error("vi.parse_quarter", parse_quarter, text)

    @fuzz_test
    @given(text=st.one_of(texts(max_size=2000), tokens(_DATE_WORDS, 60)))
    def test_find_dates(self, fuzz: FuzzLog, text: str) -> None:
        """find_dates never raises, and every match's span holds its text."""
        found = fuzz.call("vi.find_dates", len(text), lambda: find_dates(text))
        assert isinstance(found, list)
        for match in found:
            assert text[match.start : match.end] == match.text


@pytest.mark.parametrize("target", sorted(_PARSERS))
def test_over_the_limit(fuzz: FuzzLog, target: str) -> None:
    """Text beyond MAX_TEXT_LENGTH is refused up front, with the documented reason."""
    text = "1/1/2024" + " " * HUGE
    error = fuzz.parse_or_error(target, _PARSERS[target], text)
    assert f"longer than {MAX_TEXT_LENGTH} characters" in str(error)


def test_find_dates_huge(fuzz: FuzzLog) -> None:
    """find_dates reads running text of any length in linear time."""
    text = "Ngày 3 tháng 2 năm 2025, lúc 8 giờ; " * (HUGE // 36)
    found = fuzz.call("vi.find_dates", len(text), lambda: find_dates(text))
    assert isinstance(found, list)
    assert len(found) == HUGE // 36
