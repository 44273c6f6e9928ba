"""Tests for coso_dang.vi.numbers: Vietnamese number and percent text."""

from __future__ import annotations

import contextlib
import unicodedata
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from tests.golden import APPROX, FORMATTED, PARSED, PERCENTS, ROUNDED

from coso_dang.errors import ParseError
from coso_dang.rules.figures import Bounded, Rounded, parse_figure
from coso_dang.vi.numbers import (
    Number,
    PercentRange,
    approx_percent,
    format_number,
    format_percent,
    format_percent_beside,
    parse_number,
    parse_percent,
    parse_percent_range,
)

# The reasons are read as the English catalogue words them (see conftest).
pytestmark = pytest.mark.usefixtures("english_errors")


class TestFormatNumber:
    @pytest.mark.parametrize(("number", "text"), FORMATTED)
    def test_exact(self, number: Number, text: str) -> None:
        """Numbers print exactly with "." and "," the Vietnamese way."""
        assert text == format_number(number)

    @pytest.mark.parametrize(("number", "decimals", "rounding", "text"), ROUNDED)
    def test_rounded(self, number: Number, decimals: int, rounding: str, text: str) -> None:
        """With decimals, the value is rounded as asked and padded to that many places."""
        assert text == format_number(number, decimals, rounding=rounding)

    def test_non_terminating_fraction_needs_decimals(self) -> None:
        """1/3 has no exact decimal form: the caller must choose the places."""
        with pytest.raises(ValueError, match="decimals"):
            format_number(Fraction(1, 3))

    def test_bool_rejected(self) -> None:
        """True is not a number here."""
        with pytest.raises(TypeError):
            format_number(True)

    def test_str_rejected(self) -> None:
        """Text is not formatted; parse it first."""
        with pytest.raises(TypeError):
            format_number("12")  # type: ignore[arg-type]

    @pytest.mark.parametrize("number", [float("inf"), float("nan"), Decimal("NaN")])
    def test_not_finite(self, number: Number) -> None:
        """Infinities and NaN have no Vietnamese form."""
        with pytest.raises(ValueError, match="finite"):
            format_number(number)

    def test_unknown_rounding(self) -> None:
        """An unknown rounding name is refused, listing the known ones."""
        with pytest.raises(ValueError, match="half_up"):
            format_number(1, 2, rounding="bankers")

    @pytest.mark.parametrize("decimals", [-1, True, 1.5])
    def test_bad_decimals(self, decimals: int) -> None:
        """Decimals is a whole number from 0."""
        with pytest.raises(ValueError, match="decimals"):
            format_number(1, decimals)

    def test_many_digits(self) -> None:
        """Numbers longer than Python's int-to-text limit still print."""
        assert "1." + ".".join(["000"] * 2000) == format_number(Decimal("1E+6000"))

    def test_many_digits_int(self) -> None:
        """An int past Python's int-to-text limit prints as the same Decimal does."""
        assert "-1." + ".".join(["000"] * 2000) == format_number(-(10**6000))


class TestFormatPercent:
    @pytest.mark.parametrize(("share", "text"), PERCENTS)
    def test_percent(self, share: Number, text: str) -> None:
        """Shares print as percent, no space, trailing zeros dropped."""
        assert text == format_percent(share)

    def test_down_never_flatters(self) -> None:
        """Rounding down prints 96,73% for 96,735...%; the default rounds to 96,74%."""
        expected = ("96,73%", "96,74%")
        share = Fraction(1837, 1899)
        assert expected == (format_percent(share, rounding="down"), format_percent(share))

    def test_decimals(self) -> None:
        """More decimals print when asked."""
        expected = "96,7351%"
        assert expected == format_percent(Fraction(1837, 1899), 4)

    def test_no_decimals(self) -> None:
        """Zero decimals rounds to a whole percent, or cuts on request."""
        expected = ("97%", "96%")
        share = Fraction(1837, 1899)
        assert expected == (format_percent(share, 0), format_percent(share, 0, rounding="down"))


class TestFormatPercentBeside:
    @pytest.mark.parametrize(
        ("share", "threshold", "text"),
        [
            (Fraction(8999, 10000), Fraction(9, 10), "89,99%"),
            (Fraction(89959, 100000), Fraction(9, 10), "89,96%"),
            (Fraction(89996, 100000), Fraction(9, 10), "89,99%"),
            (Fraction(899999, 1000000), Fraction(9, 10), "89,99%"),
            (Fraction(9, 10), Fraction(9, 10), "90%"),
            (Fraction(90001, 100000), Fraction(9, 10), "90,01%"),
            (Fraction(900001, 1000000), Fraction(9, 10), "90,01%"),
            (Fraction(29999, 1000000), Fraction(3, 100), "2,99%"),
            (Fraction(1837, 1899), Fraction(9, 10), "96,74%"),
            (Fraction(109, 3749), Fraction(3, 100), "2,91%"),
            (Decimal("0.905"), Decimal("0.905"), "90,5%"),
            (Fraction(18101, 20000), Decimal("0.905"), "90,51%"),
        ],
    )
    def test_same_side(self, share: Number, threshold: Number, text: str) -> None:
        """The printed figure sits on the same side of the threshold as the share."""
        assert text == format_percent_beside(share, threshold)

    @given(
        st.fractions(min_value=-30, max_value=30, max_denominator=10**6),
        st.fractions(min_value=-1, max_value=2, max_denominator=1000),
        st.integers(min_value=0, max_value=4),
    )
    def test_fraction_in_whole_numbers_as_with_decimals(
        self, share: Fraction, threshold: Fraction, decimals: int
    ) -> None:
        """A Fraction is rounded in whole numbers: the text it was given by Decimals."""
        assume(share != threshold)
        assert format_percent_beside(share, threshold, decimals) == _beside_by_decimals(
            share, threshold, decimals
        )

    @pytest.mark.parametrize(
        ("share", "decimals"),
        [(Fraction(1, 10**50), 4400), (Fraction(10**4400 + 1, 3 * 10**4400), 4400)],
    )
    def test_fraction_past_python_digits_as_with_decimals(
        self, share: Fraction, decimals: int
    ) -> None:
        """Past Python's 4.300 digits of an int's text, the figure is still written."""
        text = format_percent_beside(share, Fraction(9, 10), decimals)
        assert text == _beside_by_decimals(share, Fraction(9, 10), decimals)

    def test_agrees_with_format_percent(self) -> None:
        """Where no threshold is crossed, the figure reads as format_percent prints it."""
        shares = (Fraction(109, 3749), Fraction(1837, 1899), Fraction(2, 3))
        expected = [format_percent(share) for share in shares]
        assert expected == [format_percent_beside(share, Fraction(1, 100)) for share in shares]

    def test_whole_percent(self) -> None:
        """With no decimals, 89,6% against 90% prints 89%, not 90%."""
        expected = "89%"
        assert expected == format_percent_beside(Fraction(896, 1000), Fraction(9, 10), 0)

    def test_equal_to_unprintable_threshold(self) -> None:
        """A share equal to 1/3 cannot be printed as equal to it."""
        with pytest.raises(ValueError, match="threshold"):
            format_percent_beside(Fraction(1, 3), Fraction(1, 3))

    def test_equal_to_threshold_with_many_places(self) -> None:
        """Equality is printed exactly up to max_decimals places."""
        share = Fraction(123456789, 10**9)
        expected = "12,3456789%"
        assert expected == format_percent_beside(share, share, max_decimals=7)

    def test_equal_beyond_max_decimals(self) -> None:
        """Equality needing more than max_decimals places is refused."""
        share = Fraction(123456789, 10**9)
        with pytest.raises(ValueError, match="threshold"):
            format_percent_beside(share, share)


class TestApproxPercent:
    @pytest.mark.parametrize(("share", "text"), APPROX)
    def test_phrase(self, share: Number, text: str) -> None:
        """Reports say "hơn N%", "gần N%" or the bare whole percent."""
        assert text == approx_percent(share)

    def test_float(self) -> None:
        """A float is read by its shortest repr."""
        expected = "gần 90%"
        assert expected == approx_percent(0.897)

    def test_negative_rejected(self) -> None:
        """A share is never negative."""
        with pytest.raises(ValueError, match="negative"):
            approx_percent(Fraction(-1, 2))


class TestParseNumber:
    @pytest.mark.parametrize(("text", "number"), PARSED)
    def test_parse(self, text: str, number: int | Decimal) -> None:
        """Vietnamese numbers read back: "." thousands, "," decimals."""
        assert (number, type(number)) == (parse_number(text), type(parse_number(text)))

    def test_keeps_decimals(self) -> None:
        """Trailing decimal zeros are kept in the Decimal."""
        assert Decimal("1.50").as_tuple() == parse_number("1,50").as_tuple()  # type: ignore[union-attr]

    @pytest.mark.parametrize(
        ("text", "reason"),
        [
            ("1,234.5", "mixes"),
            ("1.23", "three digits"),
            ("1.2345", "three digits"),
            ("1..234", "three digits"),
            ("1.234,5,6", "more than one"),
            ("", "no number"),
            ("abc", "not a number"),
            ("1 234", "not a number"),
            (",5", "not a number"),
            ("5,", "not a number"),
            ("--5", "not a number"),
            ("5%", "not a number"),
            ("١٢", "is not a digit 0-9"),
            ("9" * 5000, "too many digits"),
            ("0.125", "before the first '.'"),
            ("00.123", "before the first '.'"),
            ("1234.567", "before the first '.'"),
            ("-0.125,5", "before the first '.'"),
        ],
    )
    def test_malformed(self, text: str, reason: str) -> None:
        """Malformed numbers raise ParseError quoting the text and saying why."""
        with pytest.raises(ParseError, match=reason) as caught:
            parse_number(text)
        assert text == caught.value.text

    def test_an_english_decimal_is_no_thousands(self) -> None:
        """ "0.125%" typed the English way is refused, never read as 125%; "0.500" is no
        count of 500."""
        with pytest.raises(ParseError):
            parse_percent("0.125%")
        with pytest.raises(ParseError):
            parse_figure("0.125%")
        with pytest.raises(ParseError):
            parse_figure("0.500")
        assert 1234567 == parse_number("1.234.567")


class TestParsePercent:
    @pytest.mark.parametrize(
        ("text", "share"),
        [
            ("93,75%", Fraction(15, 16)),
            ("90%", Fraction(9, 10)),
            ("90 %", Fraction(9, 10)),
            ("90\xa0%", Fraction(9, 10)),
            ("98,3%", Fraction(983, 1000)),
            ("100%", Fraction(1)),
            ("-5%", Fraction(-1, 20)),
            ("1.250%", Fraction(25, 2)),
        ],
    )
    def test_parse(self, text: str, share: Fraction) -> None:
        """Percentages read as exact shares."""
        assert share == parse_percent(text)

    @pytest.mark.parametrize("text", ["90", "%", "abc%", "3 - 4%", "từ 3 – 4%", "90%%", ""])
    def test_malformed(self, text: str) -> None:
        """No "%", a bad number or a range raises ParseError."""
        with pytest.raises(ParseError):
            parse_percent(text)

    def test_range_points_to_range_parser(self) -> None:
        """A range is refused with a pointer to parse_percent_range."""
        with pytest.raises(ParseError, match="parse_percent_range"):
            parse_percent("3-4%")


class TestParsePercentRange:
    @pytest.mark.parametrize(
        "text",
        [
            "3 - 4%",
            "3-4%",
            "từ 3 – 4%",
            "Từ 3 – 4%",
            "3\u20134%",
            "3 \u2014 4%",
            "3\u20114%",
            "3\u20104%",
            "3 \u2212 4%",
            "3%-4%",
            "3% - 4 %",
            "từ 3% đến 4%",
            "từ\xa03\xa0–\xa04\xa0%",
        ],
    )
    def test_three_to_four(self, text: str) -> None:
        """Every common spelling of "từ 3 - 4%" reads as the band 3%..4%."""
        assert PercentRange(Fraction(3, 100), Fraction(4, 100)) == parse_percent_range(text)

    @pytest.mark.parametrize("text", ["từ 3 tới 4%", "3% tới 4%", "Từ 3 Tới 4 %"])
    def test_toi_joins_the_bounds_as_den_does(self, text: str) -> None:
        """ "từ 3 tới 4%" was refused here while parse_figure read it as this band."""
        band = PercentRange(Fraction(3, 100), Fraction(4, 100))
        assert band == parse_percent_range(text)
        figure = parse_figure(text)
        assert isinstance(figure, Bounded)
        assert (band.low, band.high) == (figure.low, figure.high)

    def test_decimal_bounds(self) -> None:
        """Bounds may have decimals."""
        expected = PercentRange(Fraction(25, 1000), Fraction(35, 1000))
        assert expected == parse_percent_range("2,5 - 3,5%")

    def test_nfd(self) -> None:
        """NFD input reads the same."""
        text = unicodedata.normalize("NFD", "Từ 3 đến 4%")
        assert PercentRange(Fraction(3, 100), Fraction(1, 25)) == parse_percent_range(text)

    @pytest.mark.parametrize("text", ["4 - 3%", "3%", "3 - 4", "từ 3 - %", "3 -- 4%", "1,2.3 - 4%"])
    def test_malformed(self, text: str) -> None:
        """Not a band, or a band upside down, raises ParseError."""
        with pytest.raises(ParseError):
            parse_percent_range(text)


class TestPercentRange:
    band = PercentRange(Fraction(3, 100), Fraction(4, 100))

    def test_str(self) -> None:
        """A band prints as "3 - 4%"."""
        expected = "3 - 4%"
        assert expected == str(self.band)

    def test_str_non_terminating(self) -> None:
        """An end with no exact decimal form prints to two places."""
        expected = "2,5 - 33,33%"
        assert expected == str(PercentRange(Fraction(1, 40), Fraction(1, 3)))

    @pytest.mark.parametrize(
        ("share", "inside"),
        [
            (Fraction(3, 100), True),
            (Fraction(4, 100), True),
            (Decimal("0.035"), True),
            (0.035, True),
            (Fraction(29, 1000), False),
            (Fraction(41, 1000), False),
            ("0.035", False),
            (True, False),
        ],
    )
    def test_contains(self, share: object, inside: bool) -> None:
        """Both ends are in the band; non-numbers never are."""
        assert inside == (share in self.band)

    def test_upside_down(self) -> None:
        """A band's high end cannot be below its low end."""
        with pytest.raises(ValueError, match="below"):
            PercentRange(Fraction(4, 100), Fraction(3, 100))


decimals = st.decimals(allow_nan=False, allow_infinity=False)
fractions = st.fractions(max_denominator=10**6)
thresholds = st.fractions(min_value=0, max_value=1, max_denominator=1000)


class TestProperties:
    @given(st.integers())
    def test_int_round_trip(self, number: int) -> None:
        """Formatting then parsing an int gives it back."""
        assert number == parse_number(format_number(number))

    @given(decimals)
    def test_decimal_round_trip(self, number: Decimal) -> None:
        """Formatting then parsing a Decimal gives it back."""
        assert number == parse_number(format_number(number))

    @given(st.floats(allow_nan=False, allow_infinity=False))
    def test_float_round_trip(self, number: float) -> None:
        """A float prints its shortest repr exactly."""
        assert Decimal(repr(number)) == parse_number(format_number(number))

    @given(fractions, st.integers(min_value=0, max_value=6))
    def test_rounding_within_half_a_unit(self, share: Fraction, places: int) -> None:
        """Half-up rounding is off by at most half a unit in the last place."""
        printed = Fraction(parse_number(format_number(share, places)))
        assert abs(printed - share) <= Fraction(1, 2 * 10**places)

    @given(fractions, st.integers(min_value=0, max_value=6))
    def test_down_never_exceeds(self, share: Fraction, places: int) -> None:
        """Rounding down never prints more than the absolute value."""
        printed = Fraction(parse_number(format_number(share, places, rounding="down")))
        assert abs(printed) <= abs(share)

    @given(fractions)
    def test_percent_round_trip_within_rounding(self, share: Fraction) -> None:
        """A printed percentage reads back within half a unit (0,005 point) of the share."""
        assert abs(parse_percent(format_percent(share)) - share) <= Fraction(1, 2 * 10**4)

    @given(fractions, thresholds, st.integers(min_value=0, max_value=4))
    def test_beside_keeps_the_side(self, share: Fraction, threshold: Fraction, places: int) -> None:
        """The printed percentage compares with the threshold as the share does."""
        assume(share != threshold)  # equality is printed exactly or refused, tested above
        printed = parse_percent(format_percent_beside(share, threshold, places, max_decimals=9))
        expected = (share > threshold) - (share < threshold)
        assert expected == (printed > threshold) - (printed < threshold)

    @given(st.fractions(min_value=0, max_value=2, max_denominator=10**5))
    def test_approx_is_true(self, share: Fraction) -> None:
        """ "hơn N%" is above N%, "gần N%" is below it, a bare N% is exact."""
        phrase = approx_percent(share)
        word, _, figure = phrase.rpartition(" ")
        value = parse_percent(figure)
        assert {"hơn": share > value, "gần": share < value, "dưới": share < value}.get(
            word, share == value
        )

    @given(st.text())
    def test_parse_number_total(self, text: str) -> None:
        """Any text either reads or raises ParseError."""
        with contextlib.suppress(ParseError):
            parse_number(text)

    @given(st.text(alphabet="0123456789.,-%từđến –\xa0", max_size=20))
    def test_parse_percent_total(self, text: str) -> None:
        """Any text either reads as a percentage or raises ParseError."""
        with contextlib.suppress(ParseError):
            parse_percent(text)

    @given(st.text(alphabet="0123456789.,-%từđến –\xa0", max_size=20))
    def test_parse_percent_range_total(self, text: str) -> None:
        """Any text either reads as a band or raises ParseError."""
        try:
            band = parse_percent_range(text)
        except ParseError:
            return
        assert band.low <= band.high

    @given(st.text())
    def test_parsers_total_on_any_text(self, text: str) -> None:
        """Arbitrary Unicode never makes the percent parsers fail otherwise."""
        for parse in (parse_percent, parse_percent_range):
            with contextlib.suppress(ParseError):
                parse(text)


@pytest.mark.parametrize("sign", ["\uff05", "\ufe6a"])
def test_the_full_width_percent_sign_is_the_sign(sign: str) -> None:
    """A text copied from a PDF writes "96,5％": `parse_figure` read it, `parse_percent`,
    `parse_percent_range` and `Rounded.parse` refused it."""
    assert parse_percent(f"96,5{sign}") == Fraction(193, 200)
    band = parse_percent_range(f"từ 3 - 4{sign}")
    assert (band.low, band.high) == (Fraction(3, 100), Fraction(4, 100))
    assert Rounded.parse(f"96,5{sign}") == Rounded(Fraction(193, 200), 1)


_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


class TestFullWidthDigits:
    """A text copied from a PDF holds full-width digits beside its full-width "％":
    `parse_figure` read them as 0-9, while `parse_number`, `parse_percent`,
    `parse_percent_range` and `Rounded.parse` refused them."""

    @given(st.integers(-(10**12), 10**12), st.integers(0, 4))
    def test_a_number_reads_as_with_digits_0_to_9(self, whole: int, places: int) -> None:
        text = format_number(Decimal(whole).scaleb(-places), places)
        wide = text.translate(_FULL_WIDTH)
        assert wide != text
        assert parse_number(wide) == parse_number(text)
        assert parse_percent(f"{wide.lstrip('-−')}％") == parse_percent(f"{text.lstrip('-−')}%")
        percent = f"{text.lstrip('-−')}%"
        assert Rounded.parse(percent.translate(_FULL_WIDTH)) == Rounded.parse(percent)

    def test_a_band_reads_as_with_digits_0_to_9(self) -> None:
        band = parse_percent_range("từ ３ - ４,５％")
        assert (band.low, band.high) == (Fraction(3, 100), Fraction(9, 200))

    @pytest.mark.parametrize("text", ["٩٠", "1.٢34", "𝟗𝟎", "१२"])
    def test_other_digits_are_refused_as_such(self, text: str) -> None:
        """Each parser says which character is no digit 0-9 (worded in Vietnamese by
        default; this module reads the English catalogue)."""
        with pytest.raises(ParseError, match="is not a digit 0-9"):
            parse_number(text)
        with pytest.raises(ParseError, match="is not a digit 0-9"):
            parse_percent(f"{text}%")
        with pytest.raises(ParseError, match="is not a digit 0-9"):
            parse_percent_range(f"từ 1 - {text}%")
        with pytest.raises(ParseError, match="is not a digit 0-9"):
            Rounded.parse(f"{text}%")


def _beside_by_decimals(share: Fraction, threshold: Fraction, decimals: int) -> str:
    """format_percent_beside of a share other than the threshold, rounded with Decimals."""
    from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP

    from coso_dang.vi import numbers

    exact, bound = share * 100, threshold * 100
    side = (exact > bound) - (exact < bound)
    rounded = numbers._quantize(exact, decimals, ROUND_HALF_UP)
    if numbers._side(rounded, bound) != side:
        rounded = numbers._quantize(exact, decimals, ROUND_CEILING if side > 0 else ROUND_FLOOR)
    return numbers._percent_text(rounded)
