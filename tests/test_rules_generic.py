"""The generic measured rules: exact boundaries, gaps, missing data, rounded figures."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from attrs import frozen
from hypothesis import example, given
from hypothesis import strategies as st

from coso_dang import OrgKind, Tally
from coso_dang.rules import (
    BandRule,
    CountAtLeastRule,
    Figures,
    FullCoverageRule,
    QuotaRule,
    Rounded,
    RuleParameterError,
    RuleSet,
    ShareAboveRule,
    ShareAtLeastRule,
    ShareRule,
    Status,
)
from coso_dang.rules.figures import Reading, divide
from coso_dang.rules.generic import Measured

NINETY = Fraction(9, 10)


def tccsd(good: int, total: int) -> Tally:
    """A tally of *total* rated TCCSĐ, *good* of them HTTNV (the rest HTNV)."""
    return Tally(tccsd_htxsnv=0, tccsd_httnv=good, tccsd_htnv=total - good, tccsd_khtnv=0)


ABOVE = ShareAboveRule(ratio="tccsd_httnv_tro_len", threshold=NINETY)
AT_LEAST = ShareAtLeastRule(ratio="tccsd_httnv_tro_len", threshold=NINETY)
BAND = BandRule(ratio="ty_le_ket_nap", threshold=Fraction(3, 100), upper=Fraction(4, 100))
QUOTA = QuotaRule(ratio="dang_vien_htxsnv_tren_httnv", limit=Fraction(1, 5))


def admissions(k: int, base: int = 10000) -> Tally:
    return Tally(ket_nap=k, dang_vien_cuoi_nam_truoc=base)


class TestBoundaries:
    def test_exactly_ninety_fails_above(self) -> None:
        """Exactly 90% fails "trên 90%"."""
        assert ABOVE.check(tccsd(9, 10)).status == Status.FAIL

    def test_exactly_ninety_passes_at_least(self) -> None:
        """Exactly 90% passes "từ 90% trở lên"."""
        assert AT_LEAST.check(tccsd(9, 10)).status == Status.PASS

    def test_just_above_ninety_passes_above(self) -> None:
        """9.001/10.000 passes "trên 90%"."""
        assert ABOVE.check(tccsd(9001, 10000)).status == Status.PASS

    def test_band_floor_passes(self) -> None:
        """3% passes the band and does not exceed it."""
        result = BAND.check(admissions(300))
        assert (result.status, result.exceeds) == (Status.PASS, False)

    def test_band_below_floor_fails(self) -> None:
        """2,99% fails the band."""
        assert BAND.check(admissions(299)).status == Status.FAIL

    def test_band_top_is_inside(self) -> None:
        """4% is inside the band: not exceeding."""
        assert not BAND.check(admissions(400)).exceeds

    def test_band_above_passes_exceeding(self) -> None:
        """4,01% passes, marked as exceeding."""
        result = BAND.check(admissions(401))
        assert (result.status, result.exceeds) == (Status.PASS, True)
        assert "vượt mức trên 4%" in result.message

    def test_quota_inclusive(self) -> None:
        """20 HTXSNV against 100 HTTNV is within "không vượt quá 20%"."""
        assert QUOTA.check(Tally(dang_vien_htxsnv=20, dang_vien_httnv=100)).status == Status.PASS

    def test_quota_floor(self) -> None:
        """The limit is floor(20% · HTTNV): 5 against 24 (limit 4) fails."""
        result = QUOTA.check(Tally(dang_vien_htxsnv=5, dang_vien_httnv=24))
        assert (result.status, result.gap.units if result.gap else None) == (Status.FAIL, 1)

    def test_quota_half_up_rounding(self) -> None:
        """With rounding="half_up" the limit over 24 is 5 (4,8 rounds up)."""
        rule = QuotaRule(
            ratio="dang_vien_htxsnv_tren_httnv", limit=Fraction(1, 5), rounding="half_up"
        )
        assert rule.check(Tally(dang_vien_htxsnv=5, dang_vien_httnv=24)).status == Status.PASS

    def test_count_at_least(self) -> None:
        """2.000 admissions meet "2.000"; 1.999 miss by one."""
        rule = CountAtLeastRule(indicator="ket_nap", minimum=2000)
        assert rule.check(Tally(ket_nap=2000)).status == Status.PASS
        result = rule.check(Tally(ket_nap=1999))
        assert (result.status, result.gap.units if result.gap else None) == (Status.FAIL, 1)

    def test_full_coverage(self) -> None:
        """40 of 40 villages pass "100%"; 39 of 40 fail with a gap of 1."""
        rule = FullCoverageRule(ratio="thon_co_chi_bo")
        assert rule.check(Tally(thon=40, thon_co_chi_bo=40)).status == Status.PASS
        result = rule.check(Tally(thon=40, thon_co_chi_bo=39))
        assert str(result.gap) == "cần thêm 1 thôn, tổ dân phố"


class TestGaps:
    def test_share_above_gap(self) -> None:
        """8.999/10.000 needs 2 more: 9.000 is exactly 90%, still not above."""
        result = ABOVE.check(tccsd(8999, 10000))
        assert result.gap is not None
        assert result.gap.units == 2
        assert result.gap.text.startswith("cần thêm 2 TCCSĐ")

    def test_share_at_least_gap(self) -> None:
        """8.999/10.000 needs 1 more to reach "từ 90%"."""
        result = AT_LEAST.check(tccsd(8999, 10000))
        assert result.gap is not None
        assert result.gap.units == 1

    def test_band_gap_is_extra_admissions(self) -> None:
        """2,5% of 10.000 needs 50 more admissions to reach 3%."""
        result = BAND.check(admissions(250))
        assert result.gap is not None
        assert result.gap.units == 50

    def test_passing_gap_is_the_margin(self) -> None:
        """15/16 above 90%: losing 1 leaves 14/16 = 87,5%, which fails."""
        result = ABOVE.check(tccsd(15, 16))
        assert result.gap is not None
        assert result.gap.units == 1

    def test_quota_gap_sentence(self) -> None:
        """A quota excess is said as "vượt N ... so với hạn mức"."""
        rule = QuotaRule(ratio="dang_vien_htxsnv_tren_httnv", limit=Fraction(1, 5))
        result = rule.check(Tally(dang_vien_htxsnv=3, dang_vien_httnv=10))
        assert str(result.gap) == "vượt 1 đảng viên so với hạn mức 2 đảng viên"


class TestMissingAndEmpty:
    def test_unknown_count_is_missing(self) -> None:
        """A count not given is MISSING_DATA, not zero."""
        result = ABOVE.check(Tally(tccsd_httnv=9))
        assert result.status == Status.MISSING_DATA
        assert result.observed is None

    def test_zero_denominator_not_applicable(self) -> None:
        """No TCCSĐ rated: nothing to measure."""
        assert ABOVE.check(tccsd(0, 0)).status == Status.NOT_APPLICABLE

    def test_count_missing(self) -> None:
        """No admissions count: MISSING_DATA."""
        rule = CountAtLeastRule(indicator="ket_nap", minimum=2000)
        assert rule.check(Tally(dang_vien=39520)).status == Status.MISSING_DATA

    def test_quota_missing(self) -> None:
        """No rating counts: MISSING_DATA."""
        assert QUOTA.check(Tally(dang_vien=10)).status == Status.MISSING_DATA

    def test_missing_data_keeps_the_target(self) -> None:
        """What is asked is known without the data: the verdict table printed "—" as the
        requirement of a rule with no data ("Yêu cầu: —" beside "100%" targets)."""
        band = CountAtLeastRule(indicator="ket_nap", minimum=90, maximum=100)
        for rule, subject, wording in [
            (ABOVE, Tally(tccsd_httnv=9), "trên 90%"),
            (QUOTA, Tally(dang_vien=10), "không vượt quá 20%"),
            (band, Tally(dang_vien=10), "từ 90 - 100 đảng viên"),
        ]:
            result = rule.check(subject)
            assert result.status == Status.MISSING_DATA
            assert result.target is not None
            assert wording in result.target.wording

    def test_unknown_ratio_refused(self) -> None:
        """A rule over an unregistered ratio cannot be built; the error names the field."""
        with pytest.raises(RuleParameterError, match=r"ShareAboveRule\.ratio = 'khong_co'"):
            ShareAboveRule(ratio="khong_co", threshold=NINETY)

    def test_threshold_out_of_range(self) -> None:
        """A threshold above 1 is refused."""
        with pytest.raises(ValueError, match="threshold"):
            ShareAboveRule(ratio="tccsd_httnv_tro_len", threshold=Fraction(3, 2))


class TestPrintedPercentages:
    def test_never_rounds_up_to_the_threshold(self) -> None:
        """8.999/10.000 beside "trên 90%" reads "89,99%", not "90%"."""
        message = ABOVE.check(tccsd(8999, 10000)).message
        assert "(89,99%)" in message
        assert "(90%)" not in message

    def test_half_up_below_threshold(self) -> None:
        """89.959/100.000 beside "không đạt" reads "89,95%", never "90%"."""
        result = ABOVE.check(tccsd(89959, 100000))
        assert result.status == Status.FAIL
        assert "(89,96%)" in result.message or "(89,95%)" in result.message
        assert "(90%)" not in result.message

    def test_exact_threshold_prints_itself(self) -> None:
        """9/10 prints "90%" beside a failing "trên 90%": it is exactly 90%."""
        assert "(90%)" in ABOVE.check(tccsd(9, 10)).message

    @pytest.mark.parametrize(
        ("admitted", "figure", "exceeds"),
        [
            (400_001, "4,01%", True),  # a hair above the band: never "4%" beside "vượt"
            (400_000, "4%", False),  # the upper end is inside the band
            (399_999, "3,99%", False),
            (300_001, "3,01%", False),
            (300_000, "3%", False),
            (299_999, "2,99%", False),
        ],
    )
    def test_band_figure_agrees_with_both_ends(
        self, admitted: int, figure: str, exceeds: bool
    ) -> None:
        """A band's figure sits on the side of the floor and of the upper end its value does."""
        result = BAND.check(Tally(ket_nap=admitted, dang_vien_cuoi_nam_truoc=10_000_000))
        assert exceeds == result.exceeds
        assert f"/10.000.000 đảng viên ({figure})" in result.message
        assert exceeds == result.message.endswith(", vượt mức trên 4%.")
        row = RuleSet("dải", (BAND,)).check(
            Tally(ket_nap=admitted, dang_vien_cuoi_nam_truoc=10_000_000)
        )
        assert f"<td>{figure}</td>" in row._repr_html_()

    def test_band_exceeding_message(self) -> None:
        """400.001/10.000.000 against "từ 3 - 4%": the whole sentence."""
        result = BAND.check(Tally(ket_nap=400_001, dang_vien_cuoi_nam_truoc=10_000_000))
        assert (
            "Tỷ lệ kết nạp đảng viên mới so với tổng số đảng viên cuối năm trước: "
            "400.001/10.000.000 đảng viên (4,01%), đạt chỉ tiêu từ 3 - 4%, vượt mức trên 4%."
            == result.message
        )


class TestRoundedFigures:
    def test_interval(self) -> None:
        """ "16,2%" rounded half up lies in [16,15%; 16,25%)."""
        r = Rounded.parse("16,2%", rounding="half_up")
        assert (Fraction(1615, 10000), Fraction(1625, 10000)) == (r.low, r.high)

    def test_interval_rounding_unknown(self) -> None:
        """By default (the press's rounding unknown) "16,2%" lies in [16,145%; 16,3%):
        half up, truncated, or rounded to 16,15% and then to 16,2%."""
        r = Rounded.parse("16,2%")
        assert (Fraction(16145, 100000), Fraction(163, 1000)) == (r.low, r.high)

    def test_clear_pass(self) -> None:
        """93,75% passes "trên 90%" wherever the truth lies."""
        figures = Figures(shares={"tccsd_httnv_tro_len": Rounded.parse("93,75%")})
        result = ABOVE.check(figures)
        assert result.status == Status.PASS
        assert result.observed_range is not None

    def test_straddling_is_undetermined(self) -> None:
        """A published "90,0%" may be above or below 90%: UNDETERMINED."""
        figures = Figures(shares={"tccsd_httnv_tro_len": Rounded.parse("90,0%")})
        result = ABOVE.check(figures)
        assert result.status == Status.UNDETERMINED
        assert "[89,945%; 90,10%)" in result.message

    def test_upper_end_excluded(self) -> None:
        """ "89,9%" is below 89,95%: it fails "từ 90% trở lên" outright."""
        figures = Figures(shares={"tccsd_httnv_tro_len": Rounded.parse("89,9%")})
        assert AT_LEAST.check(figures).status == Status.FAIL

    def test_counts_win_over_shares(self) -> None:
        """When counts are given, the exact share is used."""
        figures = Figures(counts=tccsd(9, 10), shares={"tccsd_httnv_tro_len": Fraction(1)})
        assert Fraction(9, 10) == ABOVE.check(figures).observed

    def test_exact_published_share(self) -> None:
        """ "100%" said of a whole is an exact share; no gap without counts."""
        figures = Figures(shares={"thon_co_chi_bo": Fraction(1)})
        result = FullCoverageRule(ratio="thon_co_chi_bo").check(figures)
        assert (result.status, result.gap) == (Status.PASS, None)

    def test_a_quota_worked_out_from_two_published_shares_says_so(self) -> None:
        """Đồng Xoài: 16,2% HTXSNV and 76,9% HTTNV of those rated are 21,07% at face,
        a quotient no one published. The message said "21,07% (theo số liệu công bố giá
        trị thực trong khoảng ...)": published, and without a break before the interval."""
        rule = QuotaRule(
            ratio="dang_vien_htxsnv_tren_httnv",
            limit=Fraction(1, 5),
            via=("dang_vien_htxsnv_tren_danh_gia", "dang_vien_httnv_tren_danh_gia"),
        )
        shares = {
            "dang_vien_htxsnv_tren_danh_gia": "16,2%",
            "dang_vien_httnv_tren_danh_gia": "76,9%",
        }
        result = rule.check(Figures(shares=shares))
        assert result.status is Status.FAIL
        # The quotient's low end, 16,145% over 77%, is reached by no true pair of shares.
        assert "(tính từ số liệu công bố; giá trị thực trong khoảng (" in result.message

    def test_a_quotient_of_rounded_shares_excludes_the_ends_they_exclude(self) -> None:
        """ "16,2%" HTXSNV over "80,7%" HTTNV, each rounded half up: the true shares lie in
        [16,15%; 16,25%) and [80,65%; 80,75%), so the quotient is above 16,15/80,75 = 20%
        whatever they are, and the quota fails. The quotient's low end was taken as
        reached, which needs an HTTNV share of 80,75%, excluded: 20% was "possible" and
        the verdict UNDETERMINED."""
        rule = QuotaRule(
            ratio="dang_vien_htxsnv_tren_httnv",
            limit=Fraction(1, 5),
            via=("dang_vien_htxsnv_tren_danh_gia", "dang_vien_httnv_tren_danh_gia"),
        )
        shares = {
            "dang_vien_htxsnv_tren_danh_gia": Rounded.parse("16,2%", rounding="half_up"),
            "dang_vien_httnv_tren_danh_gia": Rounded.parse("80,7%", rounding="half_up"),
        }
        result = rule.check(Figures(shares=shares))
        assert result.status is Status.FAIL
        assert "giá trị thực trong khoảng (20%; " in result.message

    @pytest.mark.parametrize(
        ("httnv", "status"), [("dưới 5%", Status.FAIL), ("0%", Status.FAIL), ("0,5%", Status.FAIL)]
    )
    def test_a_quotient_over_a_base_that_may_be_nothing(self, httnv: str, status: Status) -> None:
        """ "10%" HTXSNV over "dưới 5%" (or a rounded "0%") HTTNV is above 189% whatever
        the true shares: the base may be small, not absent. It was read as no one at the
        base level ("không có đảng viên nào để tính", NOT_APPLICABLE)."""
        rule = QuotaRule(
            ratio="dang_vien_htxsnv_tren_httnv",
            limit=Fraction(1, 5),
            via=("dang_vien_htxsnv_tren_danh_gia", "dang_vien_httnv_tren_danh_gia"),
        )
        shares = {"dang_vien_htxsnv_tren_danh_gia": "10%", "dang_vien_httnv_tren_danh_gia": httnv}
        result = rule.check(Figures(shares=shares))
        assert result.status is status
        assert "không có đảng viên nào" not in result.message

    def test_a_quotient_over_an_exact_share_reaches_its_ends(self) -> None:
        """16% exactly over "80,0%" rounded half up, [79,95%; 80,05%): 16/79,95 is reached
        (an HTTNV share of 79,95% is possible), 16/80,05 is not."""
        top = Reading.exact(Fraction(16, 100))
        bottom = Rounded.parse("80,0%", rounding="half_up").reading()
        quotient = divide(top, bottom)
        assert quotient.contains(Fraction(16, 100) / Fraction(7995, 10000))
        assert not quotient.contains(Fraction(16, 100) / Fraction(8005, 10000))

    def test_a_quota_published_in_words_breaks_before_its_interval(self) -> None:
        result = QUOTA.check(Figures(shares={"dang_vien_htxsnv_tren_httnv": "dưới 15%"}))
        assert result.status is Status.PASS
        assert "dưới 15% (theo số liệu công bố; giá trị thực trong khoảng [0%; 15%))" in (
            result.message
        )


counts = st.integers(min_value=1, max_value=2000).flatmap(
    lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n))
)
thresholds = st.fractions(min_value=0, max_value=1, max_denominator=1000)
# "trên 100%" is never met, and refused: the strict family takes shares below 1.
below_all = thresholds.filter(lambda t: t < 1)


class TestAQuotaReadFromAShare:
    """A share known without its counts fails a quota only where every base it may be
    over fails: "25%" may be 1 HTXSNV of 4 HTTNV, which "không vượt quá 20%" rounded up
    (20% of 4 is 0,8, allowed as 1) lets pass. It failed against the limit's share."""

    @pytest.mark.parametrize(
        ("rounding", "share", "status"),
        [
            ("floor", Fraction(1, 4), Status.FAIL),
            ("ceil", Fraction(1, 4), Status.UNDETERMINED),
            ("ceil", Fraction(1, 2), Status.UNDETERMINED),
            ("half_up", Fraction(1, 4), Status.UNDETERMINED),
            # Half up, no base allows more than 1 of 3: a half fails whatever its base.
            ("half_up", Fraction(1, 2), Status.FAIL),
            ("half_up", Fraction(1, 5), Status.PASS),
        ],
    )
    def test_over_an_unknown_base(self, rounding: str, share: Fraction, status: Status) -> None:
        rule = QuotaRule(
            ratio="dang_vien_htxsnv_tren_httnv", limit=Fraction(1, 5), rounding=rounding
        )
        assert rule.check(Figures(shares={"dang_vien_htxsnv_tren_httnv": share})).status is status

    @given(
        st.integers(min_value=1, max_value=60).flatmap(
            lambda g: st.tuples(st.integers(min_value=0, max_value=g), st.just(g))
        ),
        st.sampled_from(["floor", "half_up", "ceil"]),
        st.fractions(min_value=0, max_value=1, max_denominator=40),
    )
    @example((1, 4), "ceil", Fraction(1, 5))
    @example((1, 3), "half_up", Fraction(1, 5))
    def test_a_share_never_contradicts_its_counts(
        self, hg: tuple[int, int], rounding: str, limit: Fraction
    ) -> None:
        """The share h/g alone passes or fails only as the counts h and g do."""
        h, g = hg
        rule = QuotaRule(ratio="dang_vien_htxsnv_tren_httnv", limit=limit, rounding=rounding)
        counted = rule.check(Tally(dang_vien_htxsnv=h, dang_vien_httnv=g)).status
        shares = {"dang_vien_htxsnv_tren_httnv": Fraction(h, g)}
        alone = rule.check(Figures(shares=shares)).status
        assert alone in (counted, Status.UNDETERMINED)
        # Printed to whole percents over a known base, several counts may fit the share:
        # the base's own allowance decides among them.
        printed = Fraction(math.floor(Fraction(100 * h, g) + Fraction(1, 2)), 100)
        published = Rounded(printed, 0, "half_up")
        figures = Figures(
            shares={"dang_vien_htxsnv_tren_httnv": published},
            bases={"dang_vien_htxsnv_tren_httnv": g},
        )
        assert rule.check(figures).status in (counted, Status.UNDETERMINED)


class TestProperties:
    @given(counts, below_all)
    def test_above_agrees_with_fractions(self, kn: tuple[int, int], t: Fraction) -> None:
        """ShareAboveRule passes exactly when k/n > t."""
        k, n = kn
        rule = ShareAboveRule(ratio="tccsd_httnv_tro_len", threshold=t)
        assert (Fraction(k, n) > t) == (rule.check(tccsd(k, n)).status is Status.PASS)

    @given(counts, thresholds)
    def test_at_least_agrees_with_fractions(self, kn: tuple[int, int], t: Fraction) -> None:
        """ShareAtLeastRule passes exactly when k/n ≥ t."""
        k, n = kn
        rule = ShareAtLeastRule(ratio="tccsd_httnv_tro_len", threshold=t)
        assert (Fraction(k, n) >= t) == (rule.check(tccsd(k, n)).status is Status.PASS)

    @given(counts, thresholds, st.booleans())
    def test_share_gap_is_minimal(self, kn: tuple[int, int], t: Fraction, strict: bool) -> None:
        """Moving gap units flips the verdict; gap − 1 do not."""
        k, n = kn
        cls = ShareAboveRule if strict and t < 1 else ShareAtLeastRule
        rule = cls(ratio="tccsd_httnv_tro_len", threshold=t)
        result = rule.check(tccsd(k, n))
        if result.gap is None:
            # No gap only when nothing in 0..n changes the verdict.
            assert rule.check(tccsd(0, n)).status is rule.check(tccsd(n, n)).status
            return
        step = result.gap.units if result.status is Status.FAIL else -result.gap.units
        sign = 1 if step > 0 else -1
        assert 0 <= k + step <= n
        flipped = rule.check(tccsd(k + step, n)).status
        assert flipped is not result.status
        almost = rule.check(tccsd(k + step - sign, n)).status
        assert almost is result.status

    @given(st.integers(0, 500), st.integers(0, 2000), st.sampled_from(["floor", "half_up", "ceil"]))
    def test_quota_gap_is_minimal(self, h: int, g: int, rounding: str) -> None:
        """Quota: gap HTXSNV ratings (HTTNV fixed) flip the verdict; gap − 1 do not."""
        rule = QuotaRule(
            ratio="dang_vien_htxsnv_tren_httnv",
            limit=Fraction(1, 5),
            rounding=rounding,  # type: ignore[arg-type]
        )
        result = rule.check(Tally(dang_vien_htxsnv=h, dang_vien_httnv=g))
        assert result.gap is not None
        step = -result.gap.units if result.status is Status.FAIL else result.gap.units
        sign = 1 if step > 0 else -1

        def status(x: int) -> Status:
            return rule.check(Tally(dang_vien_htxsnv=x, dang_vien_httnv=g)).status

        assert status(h + step) is not result.status
        assert status(h + step - sign) is result.status

    @given(st.integers(0, 10000), st.integers(1, 10000))
    def test_band_gap(self, k: int, n: int) -> None:
        """Band: a failing result needs exactly gap more admissions over the same base."""
        result = BAND.check(admissions(k, n))
        if result.status is Status.PASS:
            assert Fraction(k, n) >= Fraction(3, 100)
            assert result.exceeds == (Fraction(k, n) > Fraction(4, 100))
            return
        assert result.gap is not None
        x = result.gap.units
        assert Fraction(k + x, n) >= Fraction(3, 100) > Fraction(k + x - 1, n)


class TestCountsOnARollup:
    """A count is the target of the body that set it, not of each level below it."""

    @staticmethod
    def province() -> object:
        from coso_dang import Organization, OrgKind, OrgTree
        from coso_dang.rollup import Rollup

        tree = OrgTree.build(
            [
                Organization("t", "Đảng bộ tỉnh X", OrgKind.DANG_BO_TINH),
                Organization("h1", "Huyện A", OrgKind.DANG_BO_CAP_TREN_CO_SO, parent_id="t"),
                Organization("h2", "Huyện B", OrgKind.DANG_BO_CAP_TREN_CO_SO, parent_id="t"),
            ]
        )
        return Rollup.from_tallies(
            tree, {"h1": Tally(ket_nap=800), "h2": Tally(ket_nap=650)}, year=2024
        )

    def test_checked_at_the_root(self) -> None:
        """ "kết nạp 1.500": the province's 1.450 fails by 50; its districts are not each
        held to 1.500 (800 and 650 would fail by 700 and 850)."""
        from coso_dang.rules import RuleSet

        rule = CountAtLeastRule(indicator="ket_nap", minimum=1500)
        results = RuleSet("X", (rule,)).check(self.province())
        found = [(r.subject.id, r.status.label, r.gap.units if r.gap else None) for r in results]
        assert found == [("t", "không đạt", 50)]

    def test_a_class_that_names_its_kinds_is_checked_there(self) -> None:
        """A quota set for each district: the class says so with applies_to."""
        from typing import ClassVar

        from attrs import frozen

        from coso_dang import OrgKind
        from coso_dang.documents import DocumentRef
        from coso_dang.rules import Basis, RuleSet

        @frozen
        class EachDistrict(CountAtLeastRule):
            code: ClassVar[str] = "test.count.each_district"
            title: ClassVar[str] = "Mỗi huyện kết nạp từ 700 đảng viên"
            basis: ClassVar[Basis] = Basis(DocumentRef.parse("05-NQ/TU"), "", 2024, 2025)
            applies_to: ClassVar[frozenset[OrgKind]] = frozenset({OrgKind.DANG_BO_CAP_TREN_CO_SO})
            indicator: str = "ket_nap"
            minimum: int = 700

        results = RuleSet("X", (EachDistrict(),)).check(self.province())
        assert [(r.subject.id, r.status.label) for r in results] == [
            ("h1", "đạt"),
            ("h2", "không đạt"),
        ]


def _printed_percents(text: str) -> list[Fraction]:
    """Every percentage printed in *text*, as the share it reads as."""
    import re

    return [
        Fraction(m.replace(".", "").replace(",", ".")) / 100
        for m in re.findall(r"(\d[\d.]*(?:,\d+)?)%", text)
    ]


class TestThresholdsWithoutADecimalForm:
    """A threshold such as "trên 2/3" has no exact percentage: rounded to "66,67%" in
    the target, a share between 2/3 and 66,67% would print "66,67%" and pass "trên
    66,67%". The target is written as the fraction the rule compares with."""

    def test_above_a_seventh_is_worded_as_the_fraction(self) -> None:
        # 220/1.539 is 14,2950…%: above 1/7 (14,2857…%), below 14,29% + 0,005.
        rule = ShareAboveRule(ratio="ty_le_ket_nap", threshold=Fraction(1, 7))
        result = rule.check(Tally(ket_nap=220, dang_vien_cuoi_nam_truoc=1539))
        assert result.status is Status.PASS
        assert str(result.target) == "trên 1/7"
        assert result.message.endswith("220/1.539 đảng viên (14,29%), đạt chỉ tiêu trên 1/7.")

    @pytest.mark.parametrize(
        ("rule", "wording"),
        [
            (ShareAtLeastRule(ratio="ty_le_ket_nap", threshold=Fraction(2, 3)), "từ 2/3 trở lên"),
            (FullCoverageRule(ratio="thon_co_chi_bo", threshold=Fraction(5, 6)), "từ 5/6 trở lên"),
            (
                BandRule(ratio="ty_le_ket_nap", threshold=Fraction(1, 30), upper=Fraction(1, 24)),
                "từ 1/30 - 1/24",
            ),
            (
                BandRule(ratio="ty_le_ket_nap", threshold=Fraction(1, 30), upper=Fraction(1, 25)),
                "từ 1/30 - 4%",
            ),
            (
                QuotaRule(ratio="dang_vien_htxsnv_tren_httnv", limit=Fraction(1, 6)),
                "không vượt quá 1/6",
            ),
        ],
    )
    def test_each_family_words_it_as_the_fraction(self, rule: object, wording: str) -> None:
        assert str(rule.target()) == wording  # type: ignore[attr-defined]

    @given(
        st.sampled_from([Fraction(1, 3), Fraction(2, 3), Fraction(1, 7), Fraction(5, 6)]),
        st.integers(min_value=1, max_value=10**7),
        st.integers(min_value=-3, max_value=3),
        st.booleans(),
    )
    def test_no_printed_percentage_contradicts_the_verdict(
        self, threshold: Fraction, n: int, step: int, strict: bool
    ) -> None:
        """Every percentage in the sentence, target included, sits on the verdict's side."""
        k = min(max(int(threshold * n) + step, 0), n)
        family = ShareAboveRule if strict else ShareAtLeastRule
        rule = family(ratio="ty_le_ket_nap", threshold=threshold)
        result = rule.check(Tally(ket_nap=k, dang_vien_cuoi_nam_truoc=n))
        printed = _printed_percents(result.message)
        if k * threshold.denominator == threshold.numerator * n:  # on it: printed as it
            assert f"({threshold.numerator}/{threshold.denominator})" in result.message
            assert result.passed != strict
            return
        figure, targets = printed[0], printed[1:]
        for target in targets:
            reads_as_met = figure > target if strict else figure >= target
            assert reads_as_met == result.passed, result.message


def test_above_all_is_refused_with_the_family_that_means_it() -> None:
    """ "trên 100%" of a part of a whole can never be met: 10/10 TCCSĐ read "(100%), không
    đạt chỉ tiêu trên 100%". A target of every unit is a FullCoverageRule. A ratio that
    may exceed 1 ("vượt chỉ tiêu", admissions over their target) keeps it."""
    with pytest.raises(RuleParameterError) as caught:
        ShareAboveRule(ratio="tccsd_httnv_tro_len", threshold=1)
    assert str(caught.value) == (
        "ShareAboveRule.threshold = Fraction(1, 1): «trên 100%» không bao giờ đạt: "
        "chỉ tiêu 100% là FullCoverageRule (hoặc ShareAtLeastRule với threshold = 1)"
    )
    assert caught.value.message("en") != str(caught.value)
    assert ShareAboveRule(ratio="ket_nap_so_chi_tieu", threshold=1).threshold == 1


# -- one rating level unknown -----------------------------------------------------------

_LEVELS = ("htxsnv", "httnv", "htnv", "khtnv")


def test_unknown_level_decided_when_every_count_gives_one_verdict() -> None:
    """91 HTXSNV and 9 HTNV are above 90% of those rated whatever the HTTNV count."""
    from coso_dang.rules.nq21 import NQ21DangVienHttnv2025Rule

    counts = Tally(dang_vien_htxsnv=91, dang_vien_htnv=9, dang_vien_khtnv=0)
    result = NQ21DangVienHttnv2025Rule().check(counts)
    assert result.status is Status.PASS
    # The sentence says the count is unknown and why the verdict holds anyway.
    assert "thiếu số liệu (dang_vien_httnv)" in result.message
    assert "bằng bao nhiêu" in result.message
    assert result.observed is None
    assert result.counts is None


def test_unknown_level_keeps_trên_strict_and_từ_inclusive() -> None:
    """90 HTXSNV, 10 HTNV: 90% with no HTTNV, above with any. "Trên 90%" is then
    undecided; "từ 90% trở lên" holds for every count."""
    counts = Tally(tccsd_htxsnv=90, tccsd_htnv=10, tccsd_khtnv=0)
    assert ABOVE.check(counts).status is Status.MISSING_DATA
    assert AT_LEAST.check(counts).status is Status.PASS


@given(
    known=st.tuples(*(st.integers(0, 20) for _ in _LEVELS)),
    lost=st.sampled_from(_LEVELS),
    rule=st.sampled_from([ABOVE, AT_LEAST]),
)
@example(known=(91, 0, 9, 0), lost="httnv", rule=ABOVE)
@example(known=(0, 5, 3, 0), lost="khtnv", rule=ABOVE)
def test_unknown_level_verdict_holds_for_every_count(
    known: tuple[int, ...], lost: str, rule: ShareRule
) -> None:
    """A verdict given with one level unknown is the verdict of every count it can
    take; MISSING_DATA only where two counts give two verdicts."""
    given = {f"tccsd_{k}": n for k, n in zip(_LEVELS, known, strict=True)}
    status = rule.check(Tally(**{k: n for k, n in given.items() if k != f"tccsd_{lost}"})).status
    verdicts = set()
    # With at most 80 known, the share crosses 90% by 1.000 more of the unknown level.
    for x in range(0, 1001):
        verdicts.add(rule.check(Tally(**{**given, f"tccsd_{lost}": x})).status)
    # The others all 0: an unknown count of 0 leaves nothing to measure, left undecided.
    nothing = not any(n for k, n in zip(_LEVELS, known, strict=True) if k != lost)
    verdicts.discard(Status.NOT_APPLICABLE)
    if status is Status.MISSING_DATA:
        assert len(verdicts) == 2 or nothing
    else:
        assert verdicts == {status}


def test_unknown_level_interval_printed_holds_every_share() -> None:
    """1.000 HTXSNV and 111 HTNV: 90,009…% at no HTTNV, printed rounded down, never
    up to a share no count gives."""
    counts = Tally(tccsd_htxsnv=1000, tccsd_htnv=111, tccsd_khtnv=0)
    result = ABOVE.check(counts)
    assert result.status is Status.PASS
    assert "[90,0090%; 100%)" in result.message


@given(
    h=st.integers(0, 400),
    g=st.integers(0, 400),
    limit=st.fractions(Fraction(0), Fraction(1), max_denominator=12),
    rounding=st.sampled_from(["floor", "half_up", "ceil"]),
)
@example(h=0, g=0, limit=Fraction(1, 5), rounding="floor")
@example(h=3, g=0, limit=Fraction(1, 5), rounding="floor")
@example(h=1, g=3, limit=Fraction(1, 5), rounding="half_up")
def test_quota_on_counts_equals_quota_on_figures(
    h: int, g: int, limit: Fraction, rounding: str
) -> None:
    # A round's TCCSĐ are judged on their counts alone, without figures: the same result.
    rule = QuotaRule(ratio="dang_vien_htxsnv_tren_httnv", limit=limit, rounding=rounding)
    figures = Figures(
        counts=Tally(dang_vien_htxsnv=h, dang_vien_httnv=g), kind=OrgKind.DANG_BO_CO_SO
    )
    assert rule.check_counts(h, g) == rule.check(figures)


@pytest.mark.parametrize("rounding", ["floor", "half_up", "ceil"])
def test_quota_allowance_is_a_python_int_for_any_count(rounding: str) -> None:
    # A count read from a table (numpy's, a float) is allowed as the fractions allow it:
    # an exact int, never a wrapped 64-bit product or a float.
    np = pytest.importorskip("numpy")
    rule = QuotaRule(ratio="dang_vien_htxsnv_tren_httnv", limit=Fraction(1, 5), rounding=rounding)
    huge = 2**62
    expected = rule.allowed(huge)
    assert expected > 0
    counts = ((np.int64(huge), expected), (10.0, rule.allowed(10)), (np.int32(7), rule.allowed(7)))
    for count, same in counts:
        found = rule.allowed(count)
        assert type(found) is int
        assert found == same


def test_a_quota_reading_its_figures_its_own_way_is_not_judged_on_plain_counts() -> None:
    # A rating round judges a TCCSĐ on its two counts only where the quota reads its
    # figures as QuotaRule does; a subclass reading them otherwise keeps its reading.
    @frozen
    class PublishedShareQuota(QuotaRule):
        def _reading(self, subject: Measured) -> Reading:
            return Reading(value=Fraction(0))

    assert QUOTA.reads_plain_counts
    assert not PublishedShareQuota(
        ratio="dang_vien_htxsnv_tren_httnv", limit=Fraction(1, 5)
    ).reads_plain_counts
