"""One policy for printing a share beside a threshold or a band, used by rules and reports."""

from __future__ import annotations

import warnings
from fractions import Fraction

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from coso_dang import Tally
from coso_dang.report import narrate
from coso_dang.report._writer import Writer
from coso_dang.rules import BandRule, ShareAboveRule
from coso_dang.vi import format_percent_against, pad_decimals, parse_percent

P = Fraction  # a share written as p/q


class TestGolden:
    """Edges worked out by hand: the printed figure never lands on the wrong side."""

    @pytest.mark.parametrize(
        ("share", "threshold", "printed"),
        [
            (P(8996, 10000), P(9, 10), "89,96%"),  # 89,96% prints as it is
            (P(89996, 100000), P(9, 10), "89,99%"),  # half-up would say 90%
            (P(89995, 100000), P(9, 10), "89,99%"),  # 89,995% also rounds up to 90%
            (P(9, 10), P(9, 10), "90%"),  # exactly the threshold: the threshold itself
            (P(90001, 100000), P(9, 10), "90,01%"),  # just above: never "90%"
            (P(90004, 100000), P(9, 10), "90,01%"),
            (P(9004, 10000), P(9, 10), "90,04%"),
            # No exact form: the share is the threshold, printed as it ("33,33%" is below
            # 1/3, and would read as failing "từ 1/3 trở lên").
            (P(1, 3), P(1, 3), "1/3"),
            (P(0), P(0), "0%"),
            (P(1), P(1), "100%"),
            (P(99999, 100000), P(1), "99,99%"),  # 99,999% is not "100%"
        ],
    )
    def test_beside_a_threshold(self, share: Fraction, threshold: Fraction, printed: str) -> None:
        assert format_percent_against(share, threshold) == printed

    def test_published_precision(self) -> None:
        """89,96% printed with one decimal beside "trên 90%" is 89,9%, never 90%."""
        assert format_percent_against(P(8996, 10000), P(9, 10), decimals=1) == "89,9%"
        assert format_percent_against(P(9004, 10000), P(9, 10), decimals=1) == "90,1%"
        assert format_percent_against(P(8996, 10000), P(9, 10), decimals=0) == "89%"

    @pytest.mark.parametrize(
        ("share", "printed"),
        [
            (P(2999, 100000), "2,99%"),  # 2,999%: below the floor of "từ 3 - 4%"
            (P(3, 100), "3%"),  # the floor itself
            (P(30001, 1000000), "3,01%"),  # above the floor, kept above it
            (P(35, 1000), "3,5%"),  # the middle
            (P(39999, 1000000), "3,99%"),  # under the upper end, kept under it
            (P(4, 100), "4%"),
            (P(40001, 1000000), "4,01%"),  # above the band: "vượt" never beside "4%"
        ],
    )
    def test_beside_a_band(self, share: Fraction, printed: str) -> None:
        assert format_percent_against(share, P(3, 100), P(4, 100)) == printed

    def test_fixed_keeps_trailing_zeros(self) -> None:
        """A table column: "2,60%" under "3,11%", "100,00%" under "86,67%"."""
        assert format_percent_against(P(26, 1000), P(3, 100), P(4, 100), fixed=True) == "2,60%"
        assert format_percent_against(P(1), P(9, 10), fixed=True) == "100,00%"
        assert pad_decimals("2,6%", 2) == "2,60%"
        assert pad_decimals("1.899", 2) == "1.899,00"

    def test_a_band_upside_down_is_refused(self) -> None:
        with pytest.raises(ValueError, match="đầu trên"):
            format_percent_against(P(1, 2), P(4, 100), P(3, 100))

    @pytest.mark.parametrize(
        ("share", "low", "high", "printed"),
        [
            (0.8999999, 0.9, None, "89,99%"),  # below 0,9: never "90%"
            (0.9000001, 0.9, None, "90,01%"),
            (0.9, 0.9, None, "90%"),
            (0.0399999, 0.03, 0.04, "3,99%"),
            (P(3, 100), 0.03, 0.04, "3%"),
        ],
    )
    def test_a_float_threshold_is_read_as_written(
        self, share: float | Fraction, low: float, high: float | None, printed: str
    ) -> None:
        """A float threshold is read by its shortest repr, as a float share is: 0,9 is
        90%, not the binary 0,9000000000000000222..., above which 89,99999% rounded to
        "90%" would still have looked below it."""
        assert format_percent_against(share, low, high) == printed

    @pytest.mark.parametrize(
        ("low", "high"), [(True, None), ("0.5", None), (P(0), True), (P(0), "1")]
    )
    def test_a_threshold_that_is_no_number_is_refused(self, low: object, high: object) -> None:
        """As documented: a bool or a text is no threshold (True was read as 100%)."""
        with pytest.raises(TypeError):
            format_percent_against(P(1, 2), low, high)  # type: ignore[arg-type]


_SHARES = st.fractions(min_value=0, max_value=1, max_denominator=10**6)
# Thresholds as documents write them: a percentage with up to four decimals (90%,
# 3,5%, 33,3333%), so that a share equal to one has an exact form to print.
_THRESHOLDS = st.integers(min_value=0, max_value=10**6).map(lambda n: Fraction(n, 10**6))


def _sign(value: Fraction, bound: Fraction) -> int:
    return (value > bound) - (value < bound)


class TestLaws:
    @given(_SHARES, _THRESHOLDS, st.integers(min_value=0, max_value=3))
    def test_the_side_of_a_threshold_is_kept(
        self, share: Fraction, threshold: Fraction, decimals: int
    ) -> None:
        """Read back, the printed figure sits on the share's side of the threshold, and on
        it only when the share is exactly the threshold."""
        printed = parse_percent(format_percent_against(share, threshold, decimals=decimals))
        assert _sign(printed, threshold) == _sign(share, threshold)

    @given(_SHARES, _THRESHOLDS, _THRESHOLDS)
    def test_the_side_of_both_ends_of_a_band_is_kept(
        self, share: Fraction, one: Fraction, other: Fraction
    ) -> None:
        """Below a band stays below it, above stays above, inside stays inside."""
        low, high = min(one, other), max(one, other)
        printed = parse_percent(format_percent_against(share, low, high))
        if share < low:
            assert printed < low
        elif share > high:
            assert printed > high
        else:
            assert low <= printed <= high

    @given(_SHARES, _THRESHOLDS, _THRESHOLDS, st.integers(min_value=0, max_value=3))
    def test_a_band_narrower_than_a_printed_place_keeps_its_sides(
        self, share: Fraction, one: Fraction, other: Fraction, decimals: int
    ) -> None:
        """At any precision: inside the band stays inside it (an end, when no figure of
        that many places lies between), below stays below and above stays above."""
        low, high = min(one, other), max(one, other)
        text = format_percent_against(share, low, high, decimals=decimals)
        printed = Fraction(text) if "/" in text else parse_percent(text)
        if share < low:
            assert printed < low
        elif share > high:
            assert printed > high
        else:
            assert low <= printed <= high

    @pytest.mark.parametrize(
        ("share", "low", "high", "decimals", "printed"),
        [
            # 3,2% inside "từ 3 - 3,5%" printed to whole percents was "4%", above the band.
            (P(32, 1000), P(3, 100), P(35, 1000), 0, "3%"),
            # 91,01% inside [91%; 91,1%] was "92%".
            (P(9101, 10000), P(91, 100), P(911, 1000), 0, "91%"),
            # 50,001% inside [50%; 50,005%] at two places was "50,01%".
            (P(50001, 100000), P(1, 2), P(50005, 100000), 2, "50%"),
            # A band wide enough keeps the share off its ends, as before.
            (P(32, 1000), P(3, 100), P(4, 100), 1, "3,2%"),
        ],
    )
    def test_golden_narrow_bands(
        self, share: Fraction, low: Fraction, high: Fraction, decimals: int, printed: str
    ) -> None:
        assert format_percent_against(share, low, high, decimals=decimals) == printed


_FLOAT_SHARES = st.floats(min_value=0, max_value=1)
_FLOAT_THRESHOLDS = st.integers(min_value=0, max_value=10**6).map(lambda n: n / 10**6)


class TestFloatLaws:
    @given(_FLOAT_SHARES, _FLOAT_THRESHOLDS, st.integers(min_value=0, max_value=3))
    @example(0.8999999, 0.9, 2)
    @example(0.7100001, 0.71, 2)
    def test_the_side_of_a_float_threshold_is_kept(
        self, share: float, threshold: float, decimals: int
    ) -> None:
        """Floats are read as written (shortest repr), the threshold as the share: the
        printed figure sits on the share's side of the threshold."""
        printed = parse_percent(format_percent_against(share, threshold, decimals=decimals))
        written = Fraction(repr(threshold))
        assert _sign(printed, written) == _sign(Fraction(repr(share)), written)


class TestOnePolicy:
    def test_rules_and_reports_print_a_band_alike(self) -> None:
        """A share half way in a narrow band prints the same in a rule's message and in
        the report (the report's writer once kept it beside the other end)."""
        rule = BandRule(ratio="ty_le_ket_nap", threshold=P(3, 100), upper=P(301, 10000))
        tally = Tally(ket_nap=3005, dang_vien_cuoi_nam_truoc=100000)  # 3,005%
        result = rule.check(tally)
        assert result.target is not None
        printed = Writer().against(P(3005, 100000), result.target)
        assert printed == "3,01%"
        assert f"({printed})" in result.message

    def test_a_strict_rule_never_prints_its_threshold_for_a_pass(self) -> None:
        rule = ShareAboveRule(ratio="tccsd_httnv_tro_len", threshold=P(9, 10))
        tally = Tally(tccsd_htxsnv=0, tccsd_httnv=90001, tccsd_htnv=9999, tccsd_khtnv=0)
        result = rule.check(tally)
        assert result.passed
        assert "(90,01%)" in result.message
        assert "(90%)" not in result.message

    def test_percent_in_band_is_a_deprecated_alias(self) -> None:
        writer = Writer()
        with pytest.warns(DeprecationWarning, match="format_percent_against"):
            text = writer.percent_in_band(P(2999, 100000), P(3, 100), P(4, 100))
        assert text == "2,99%"
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert writer.percent(P(2999, 100000), P(3, 100)) == text


class TestAllAndNone:
    """ "100%" says all and "0%" none: 22.499 of 22.500 TCCSĐ printed "(100%)" beside "đạt
    chỉ tiêu trên 90%", and 1 of 100.000 "0%", though the counts beside them say
    otherwise. Only a share of exactly 1 or 0 prints so."""

    @pytest.mark.parametrize(
        ("share", "low", "high", "printed"),
        [
            (P(22499, 22500), P(9, 10), None, "99,99%"),
            (P(1, 100000), P(3, 100), None, "0,01%"),
            (P(1, 100000), P(3, 100), P(4, 100), "0,01%"),
            (P(100004, 100000), P(9, 10), None, "100,01%"),
            (P(1), P(9, 10), None, "100%"),
            (P(0), P(3, 100), P(4, 100), "0%"),
        ],
    )
    def test_golden(
        self, share: Fraction, low: Fraction, high: Fraction | None, printed: str
    ) -> None:
        assert format_percent_against(share, low, high) == printed

    def test_the_threshold_comes_first(self) -> None:
        """Against "trên 99,995%", 99,996% prints "100%" rather than "99,99%", which would
        cross the threshold the verdict is taken on."""
        assert format_percent_against(P(99996, 100000), P(99995, 100000)) == "100%"

    @given(
        st.fractions(min_value=0, max_value=P(3, 2), max_denominator=10**7),
        st.sampled_from([P(9, 10), P(3, 100), P(1, 5), P(1, 2), P(80, 100)]),
        st.integers(min_value=0, max_value=3),
    )
    def test_all_or_none_only_when_so(self, share: Fraction, low: Fraction, places: int) -> None:
        text = format_percent_against(share, low, decimals=places)
        if share != 1:
            assert parse_percent(text) != 1
        if share != 0:
            assert parse_percent(text) != 0

    def test_the_rules_and_the_narrative_say_it(self) -> None:
        tally = Tally(tccsd_htxsnv=0, tccsd_httnv=22499, tccsd_htnv=1, tccsd_khtnv=0)
        rule = ShareAboveRule(ratio="tccsd_httnv_tro_len", threshold=P(9, 10))
        assert "(99,99%)" in rule.check(tally).message
        assert Writer().percent(P(22499, 22500), P(9, 10)) == "99,99%"

    def test_a_share_printed_without_a_target_says_it_too(self) -> None:
        """ "99.999 đồng chí (100%)" of 100.000 committee members: not all of them."""
        tally = Tally(cap_uy_vien=100_000, cap_uy_vien_cao_dang_tro_len=99_999)
        assert "99.999 đồng chí (99,99%)" in narrate(tally, year=2024).text
        assert Writer().percent(P(1, 100_000)) == "0,01%"
        assert Writer().percent(P(1, 3)) == "33,33%"
        assert Writer(decimals=2).percent(P(26, 1000), fixed=True) == "2,60%"


class TestOnAThresholdWithoutADecimalForm:
    """A share exactly on 1/6 printed "16,67%", above 1/6, beside "đạt hạn mức không vượt
    quá 1/6"; on 1/30, "3,33%", below it, beside "đạt chỉ tiêu từ 1/30". It is the
    threshold, and is printed as it."""

    def test_the_share_prints_as_the_threshold(self) -> None:
        assert format_percent_against(Fraction(155, 930), Fraction(1, 6)) == "1/6"
        assert format_percent_against(Fraction(1, 30), Fraction(1, 30), Fraction(1, 24)) == "1/30"
        # Fixed places pad a percentage, never a fraction ("1/6,00").
        assert format_percent_against(Fraction(1, 6), Fraction(1, 6), fixed=True) == "1/6"

    def test_a_quota_on_its_limit(self) -> None:
        from coso_dang.rules import QuotaRule

        rule = QuotaRule(ratio="dang_vien_htxsnv_tren_httnv", limit=Fraction(1, 6))
        result = rule.check(Tally(dang_vien_htxsnv=155, dang_vien_httnv=930))
        assert result.message == (
            "Số đảng viên hoàn thành xuất sắc nhiệm vụ so với số hoàn thành tốt nhiệm vụ: "
            "155/930 đảng viên (1/6), đạt hạn mức không vượt quá 1/6."
        )

    @given(
        st.sampled_from([Fraction(1, 3), Fraction(1, 6), Fraction(1, 7), Fraction(2, 3)]),
        st.integers(min_value=1, max_value=10**5),
    )
    def test_a_share_on_it_never_reads_off_it(self, threshold: Fraction, n: int) -> None:
        """k/n exactly on the threshold passes "từ … trở lên" and prints as the threshold."""
        from coso_dang.rules import ShareAtLeastRule

        base = threshold.denominator * n
        rule = ShareAtLeastRule(ratio="ty_le_ket_nap", threshold=threshold)
        result = rule.check(Tally(ket_nap=int(threshold * base), dang_vien_cuoi_nam_truoc=base))
        fraction = f"{threshold.numerator}/{threshold.denominator}"
        assert result.passed
        assert result.message.endswith(f"({fraction}), đạt chỉ tiêu từ {fraction} trở lên.")
