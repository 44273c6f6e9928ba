"""Figures printed the way the library prints them read back as what was printed.

A report types in the figures another report printed: a count grouped with "." ("1.234
đảng viên"), a share with its decimal comma and the places it was printed with ("chiếm
35,10%"), a share under words ("trên 90%", "từ 95% trở lên"), a band ("từ 3 - 4%"). Each
printed form, read by :func:`~coso_dang.rules.parse_figure`, gives back the value it was
printed from, whatever words of a report stand around it.
"""

from __future__ import annotations

import typing
from datetime import date, timedelta
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from coso_dang.rules import Bounded, Rounded, parse_figure
from coso_dang.vi import (
    DateStyle,
    PercentRange,
    format_date,
    format_number,
    format_percent,
    pad_decimals,
    parse_percent_range,
)

_NOUNS = st.sampled_from(["", " đảng viên", " chi bộ", " tổ chức cơ sở đảng", " đồng chí"])
_COUNT_LEADS = st.sampled_from(["", "có ", "kết nạp ", "tổng số ", "năm 2024 kết nạp "])
_SHARE_LEADS = st.sampled_from(["", "chiếm ", "đạt ", "chiếm tỷ lệ ", "đạt tỷ lệ ", "bằng "])
_ROUNDINGS = st.sampled_from(["half_up", "down", "unknown"])


def _share(k: int, places: int) -> Fraction:
    """A share with at most *places* decimals as a percentage."""
    return Fraction(k, 10**places * 100)


@given(_COUNT_LEADS, st.integers(min_value=0, max_value=10**15), _NOUNS)
def test_a_grouped_count_reads_back(lead: str, n: int, noun: str) -> None:
    assert n == parse_figure(f"{lead}{format_number(n)}{noun}")


@given(
    _SHARE_LEADS,
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=0, max_value=4),
    st.booleans(),
    _ROUNDINGS,
)
def test_a_printed_share_reads_back_with_its_places(
    lead: str, k: int, places: int, padded: bool, rounding: str
) -> None:
    """ "35,1%" is read with one place and "35,10%" with two: the places printed are
    the precision the figure was rounded to, and its text keeps them."""
    share = _share(k, places)
    printed = format_percent(share, places)
    if padded:
        printed = pad_decimals(printed, places)
    figure = parse_figure(lead + printed, rounding=rounding)  # type: ignore[arg-type]
    assert isinstance(figure, Rounded)
    assert figure.value == share
    written = printed.removesuffix("%").partition(",")[2]
    assert figure.decimals == len(written)
    assert figure.text == printed
    assert Rounded.parse(figure.text, rounding=figure.rounding) == figure


_WORDS = st.sampled_from(
    ["trên ", "hơn ", "từ ", "ít nhất ", "không dưới ", "khoảng ", "gần ", "dưới ", "không quá "]
)


@given(_WORDS, st.integers(min_value=1, max_value=10**5), st.integers(min_value=0, max_value=3))
def test_a_share_under_words_reads_back_from_its_own_text(words: str, k: int, places: int) -> None:
    """The words kept with a bounded share read as the same interval again."""
    share = _share(k, places)
    figure = parse_figure(f"chiếm {words}{format_percent(share, places)}")
    assert isinstance(figure, Bounded)
    assert figure.face == share
    assert Bounded.parse(figure.text) == figure


@given(
    st.integers(min_value=0, max_value=10**5),
    st.integers(min_value=0, max_value=10**5),
    st.integers(min_value=0, max_value=3),
)
def test_a_printed_band_reads_back(a: int, b: int, places: int) -> None:
    low, high = sorted((_share(a, places), _share(b, places)))
    band = PercentRange(low, high)
    assert band == parse_percent_range(str(band))
    figure = parse_figure(f"phấn đấu từ {band}")
    assert isinstance(figure, Bounded)
    assert (figure.low, figure.high, figure.percent) == (low, high, True)


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=10**9))
def test_a_printed_band_of_counts_reads_back(a: int, b: int) -> None:
    low, high = sorted((a, b))
    figure = parse_figure(f"mỗi năm kết nạp từ {format_number(low)} - {format_number(high)}")
    assert isinstance(figure, Bounded)
    assert (figure.low, figure.high, figure.percent) == (Fraction(low), Fraction(high), False)


@given(
    st.integers(min_value=1930, max_value=2090),
    st.integers(min_value=1, max_value=10),
    st.sampled_from([" - ", "-", " – ", " đến ", " tới "]),
    st.sampled_from(["từ {period}, {figure}", "{figure} ({period})", "{figure} từ {period}"]),
    st.integers(min_value=0, max_value=10**6),
)
def test_a_period_of_years_beside_a_count_is_passed_over(
    start: int, years: int, joiner: str, frame: str, n: int
) -> None:
    """Two years a term apart are a period however they are joined ("2021 - 2025",
    "2021 đến 2025"), never a band of counts nor a second figure."""
    period = f"{start}{joiner}{start + years}"
    text = frame.format(period=period, figure=f"kết nạp {format_number(n)} đảng viên")
    assert n == parse_figure(text)


@given(
    st.dates(min_value=date(1930, 1, 1), max_value=date(2099, 12, 31)),
    st.sampled_from(typing.get_args(DateStyle)),
    st.sampled_from(
        [
            "{day}, kết nạp {figure}",
            "kết nạp {figure} ({day})",
            "tính đến {day} có {figure}",
            "từ {day} đến {later} kết nạp {figure}",
        ]
    ),
    st.integers(min_value=0, max_value=10**6),
)
def test_a_date_of_any_style_beside_a_count_is_passed_over(
    day: date, style: DateStyle, frame: str, n: int
) -> None:
    """ "ngày 19 tháng 5 năm 2025", "19/5/2025", "19-5-2025": a day names, it counts nothing."""
    later = min(day + timedelta(days=180), date(2099, 12, 31))
    text = frame.format(
        day=format_date(day, style),
        later=format_date(later, style),
        figure=f"{format_number(n)} đảng viên",
    )
    assert n == parse_figure(text)
