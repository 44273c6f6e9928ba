"""Published figures as real reports print them (coso_dang.rules.figures).

Each case quotes the figure as it was printed in a published report of a province,
district or commune; the sentences around the figures are not reproduced.
"""

from __future__ import annotations

import contextlib
import math
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coso_dang import LegacyRating, Member, Organization, OrgKind, OrgTree, Rating, Tally, rollup
from coso_dang.errors import ParseError
from coso_dang.indicators import (
    Indicator,
    get_indicator,
    get_ratio,
    register_indicator,
    register_target,
    unregister_indicator,
    unregister_ratio,
)
from coso_dang.report import narrate
from coso_dang.rules import (
    APPROX_WIDTH,
    BINH_THUAN,
    NQ21_2025,
    PRESS_ROUNDING,
    BandRule,
    Bounded,
    CountAtLeastRule,
    Figures,
    NQ21AdmissionBand2025Rule,
    Rounded,
    RuleSet,
    ShareAboveRule,
    ShareAtLeastRule,
    Status,
    TargetAttainmentRule,
    attainment_phrase,
    format_span,
    parse_figure,
    rating_counts,
    rating_rules_for,
    read_ratio,
    with_noun,
)
from coso_dang.vi.numbers import format_number, format_percent, parse_percent

ABOVE_90 = ShareAboveRule(ratio="tccsd_httnv_tro_len", threshold=Fraction(9, 10))
AT_LEAST_90 = ShareAtLeastRule(ratio="tccsd_httnv_tro_len", threshold=Fraction(9, 10))


def tccsd(text: str) -> Figures:
    return Figures(shares={"tccsd_httnv_tro_len": text})


class TestAttainment:
    """ "Đạt X% chỉ tiêu", "vượt chỉ tiêu": admissions against the assigned target."""

    def test_built_in_pair_and_ratio(self) -> None:
        """The target and the ratio of admissions to it are registered."""
        assert ("ket_nap",) == get_ratio("ket_nap_so_chi_tieu").numerator
        assert ("chi_tieu_ket_nap",) == get_ratio("ket_nap_so_chi_tieu").denominator
        assert get_indicator("ket_nap").flow
        assert not get_indicator("chi_tieu_ket_nap").flow

    def test_any_count_against_its_target(self) -> None:
        """register_target gives any count its target pair."""
        register_indicator(Indicator("doan_vien_gioi_thieu", "Đoàn viên được giới thiệu", "người"))
        ratio = register_target("doan_vien_gioi_thieu")
        try:
            assert "doan_vien_gioi_thieu_so_chi_tieu" == ratio.code
            rule = TargetAttainmentRule(ratio=ratio.code)
            tally = Tally(doan_vien_gioi_thieu=50, chi_tieu_doan_vien_gioi_thieu=40)
            assert Status.PASS == rule.check(tally).status
        finally:
            # The rest of the session sees the library's vocabulary, whatever ran before.
            unregister_ratio(ratio.code)
            unregister_indicator("chi_tieu_doan_vien_gioi_thieu")
            unregister_indicator("doan_vien_gioi_thieu")

    def test_exceeded(self) -> None:
        """1.950 admitted against an assigned 1.905: "đạt 102,4% chỉ tiêu", passes."""
        result = TargetAttainmentRule().check(Tally(ket_nap=1950, chi_tieu_ket_nap=1905))
        assert Status.PASS == result.status
        assert "đạt 102,4% chỉ tiêu được giao, vượt chỉ tiêu 45 đảng viên" in result.message
        assert (1950, 1905) == result.counts

    def test_short_of_target(self) -> None:
        """1.800 of 1.905 fails, with the shortfall in members."""
        result = TargetAttainmentRule().check(Tally(ket_nap=1800, chi_tieu_ket_nap=1905))
        assert Status.FAIL == result.status
        assert result.gap is not None
        assert 105 == result.gap.units
        assert "đạt 94,5% chỉ tiêu được giao, còn thiếu 105 đảng viên" in result.message

    def test_nearly_met_never_prints_100(self) -> None:
        """1.904/1.905 is 99,95%: the sentence says 99,9%, never "đạt 100%"."""
        assert "đạt 99,9% chỉ tiêu được giao" == attainment_phrase(1904, 1905)

    def test_half_year_is_not_failed(self) -> None:
        """ "đạt 38,2% kế hoạch năm" in June is undetermined, not a failure."""
        figures = Figures(Tally(ket_nap=725, chi_tieu_ket_nap=1900), months=6)
        result = TargetAttainmentRule().check(figures)
        assert Status.UNDETERMINED == result.status
        assert "đạt 38,2% kế hoạch năm" in result.message
        assert "chưa hết năm" in result.message
        assert result.gap is None

    def test_half_year_published_share(self) -> None:
        """The published "đạt 38,2% kế hoạch năm" alone: undetermined, with the reason."""
        figures = Figures(shares={"ket_nap_so_chi_tieu": "đạt 38,2% kế hoạch năm"}, months=6)
        result = TargetAttainmentRule().check(figures)
        assert Status.UNDETERMINED == result.status
        assert "số liệu 6 tháng, chưa hết năm" in result.message
        assert "không đạt" not in result.message

    def test_met_before_the_year_ends(self) -> None:
        """A target already met in nine months stays met: admissions only grow."""
        figures = Figures(Tally(ket_nap=2010, chi_tieu_ket_nap=2000), months=9)
        assert Status.PASS == TargetAttainmentRule().check(figures).status

    def test_yearly_admission_rate_in_a_quarter(self) -> None:
        """The yearly admission band is not failed on a quarter's admissions."""
        band = CountAtLeastRule(indicator="ket_nap", minimum=2000)
        figures = Figures(Tally(ket_nap=400), months=3)
        assert Status.UNDETERMINED == band.check(figures).status

    @pytest.mark.parametrize(
        ("as_of", "admitted", "status", "months"),
        [
            # 1 of the 100 members at 31/12 of the previous year admitted by 30/6: the
            # yearly "từ 3 - 4%" (NQ21, "hằng năm") cannot be failed in June.
            (date(2025, 6, 30), 1, Status.UNDETERMINED, "số liệu 6 tháng"),
            # Met by 15/5 (4 whole months): admissions only grow, met for the year.
            (date(2025, 5, 15), 3, Status.PASS, "số liệu 4 tháng"),
            # A day before the year ends is still part of it.
            (date(2025, 12, 30), 1, Status.UNDETERMINED, "số liệu 11 tháng"),
            (date(2025, 12, 31), 1, Status.FAIL, None),
        ],
    )
    def test_a_rollup_to_a_day_inside_the_year_is_part_of_a_year(
        self, as_of: date, admitted: int, status: Status, months: str | None
    ) -> None:
        """A rollup's admissions run from 1/1 to its ``as_of``: the yearly rate is
        judged on them as on published figures of those months."""
        orgs = [
            Organization("t", "Đảng bộ tỉnh T", OrgKind.DANG_BO_TINH),
            Organization("x", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO, parent_id="t"),
            Organization("c", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="x"),
        ]
        members = [
            Member(f"m{i}", "Lê Văn An", "c", admitted_on=date(2000, 1, 5)) for i in range(100)
        ] + [
            Member(f"n{i}", "Lê Văn Ba", "c", admitted_on=date(2025, 1, 10))
            for i in range(admitted)
        ]
        counted = rollup(OrgTree.build(orgs, members), year=2025, as_of=as_of)
        (result,) = NQ21_2025.check(counted)["nq21.2025.ty_le_ket_nap"][:1]
        assert result.status is status, result.message
        if months is not None:
            assert months in result.message
        else:
            assert "tháng" not in result.message

    @pytest.mark.parametrize(
        ("text", "status"),
        [
            ("vượt chỉ tiêu", Status.PASS),
            ("hoàn thành vượt mức chỉ tiêu đề ra", Status.PASS),
            ("đạt 102% chỉ tiêu", Status.PASS),
            ("đạt 95,2% chỉ tiêu được giao", Status.FAIL),
            ("đạt 100% chỉ tiêu", Status.UNDETERMINED),
        ],
    )
    def test_published_attainment(self, text: str, status: Status) -> None:
        """Attainment as printed: "vượt chỉ tiêu" is above the whole target; a rounded
        "đạt 100%" may hide 99,5%."""
        figures = Figures(shares={"ket_nap_so_chi_tieu": text})
        assert status == TargetAttainmentRule().check(figures).status

    @pytest.mark.parametrize(
        ("text", "span"),
        [
            ("đạt và vượt chỉ tiêu", "[100%; +∞)"),
            ("hoàn thành và vượt chỉ tiêu được giao", "[100%; +∞)"),
            ("vượt chỉ tiêu", "(100%; +∞)"),
            ("hoàn thành vượt mức chỉ tiêu đề ra", "(100%; +∞)"),
            ("đạt chỉ tiêu", "[100%; +∞)"),
        ],
    )
    def test_met_and_exceeded(self, text: str, span: str) -> None:
        """Xuân Lộc 2017, "đạt và vượt chỉ tiêu": met, and exceeded by some; said of a
        district whose chi bộ each met or exceeded theirs, the total may be exactly the
        target, so 100% is included. A bare "vượt" excludes it."""
        figure = parse_figure(text)
        assert isinstance(figure, Bounded)
        assert span == figure.span()

    def test_met_and_exceeded_against_a_whole_target(self) -> None:
        """ "đạt và vượt chỉ tiêu" meets "đạt 100% chỉ tiêu"; whether it is strictly above
        the target is not said."""
        figures = Figures(shares={"ket_nap_so_chi_tieu": "đạt và vượt chỉ tiêu"})
        assert Status.PASS == TargetAttainmentRule().check(figures).status
        above = ShareAboveRule(ratio="ket_nap_so_chi_tieu", threshold=Fraction(1))
        assert Status.UNDETERMINED == above.check(figures).status

    @pytest.mark.parametrize(
        ("text", "span"),
        [
            ("vượt 32,7% kế hoạch", "[132,645%; 132,80%)"),
            ("vượt 36% kế hoạch", "[135,45%; 137,0%)"),
            ("vượt kế hoạch 32,7%", "[132,645%; 132,80%)"),
            ("vượt chỉ tiêu được giao 20%", "[119,45%; 121,0%)"),
        ],
    )
    def test_exceeded_by(self, text: str, span: str) -> None:
        """ "199 đảng viên, vượt 32,7% kế hoạch": the target exceeded by 32,7%, that is
        132,7% of it, not "above 32,7%" (19 admitted against 14 is "vượt 36% kế hoạch")."""
        figure = parse_figure(text)
        assert isinstance(figure, Rounded)
        assert span == figure.span()
        figures = Figures(shares={"ket_nap_so_chi_tieu": text})
        assert Status.PASS == TargetAttainmentRule().check(figures).status

    @pytest.mark.parametrize(
        ("text", "span"),
        [
            ("vượt trên 30% kế hoạch", "(130%; +∞)"),
            ("vượt gần 30% kế hoạch", "[128,5%; 130%)"),
            ("vượt dưới 5% kế hoạch", "(100%; 105%)"),
        ],
    )
    def test_exceeded_by_about(self, text: str, span: str) -> None:
        """ "Vượt trên 30% kế hoạch": exceeded by more than 30%, so above 130% of the
        plan, never "above 30%"; and "vượt" alone is above all of it."""
        figure = parse_figure(text)
        assert isinstance(figure, Bounded)
        assert span == figure.span()
        figures = Figures(shares={"ket_nap_so_chi_tieu": text})
        assert Status.PASS == TargetAttainmentRule().check(figures).status

    def test_phrases(self) -> None:
        """The sentences reports use."""
        assert "đạt 100% chỉ tiêu được giao" == attainment_phrase(1905, 1905)
        assert "đạt 38,2% kế hoạch năm" == attainment_phrase(725, 1900, months=6)
        with pytest.raises(ValueError):
            attainment_phrase(5, 0)


class TestOneSidedAndApproximate:
    @pytest.mark.parametrize(
        ("text", "span"),
        [
            ("trên 90%", "(90%; +∞)"),
            ("hơn 96%", "(96%; +∞)"),
            ("gần 72%", "[68,4%; 72%)"),
            ("khoảng 3,9%", "[3,705%; 4,095%]"),
            ("gần 120", "[114; 120)"),
            ("trên 8.100", "(8.100; +∞)"),
            ("từ 90% trở lên", "[90%; +∞)"),
            ("90% trở lên", "[90%; +∞)"),
            ("dưới 1%", "[0%; 1%)"),
            ("không quá 20%", "[0%; 20%]"),
            ("gần 0,5%", "[0,4%; 0,5%)"),
            ("từ 90 - 100", "[90; 100]"),
            ("từ 3 – 4%", "[3%; 4%]"),
            ("xấp xỉ 1.000", "[950; 1.050]"),
        ],
    )
    def test_ends(self, text: str, span: str) -> None:
        """Each wording gives its open or closed ends; the width of "gần"/"khoảng" is
        APPROX_WIDTH of the figure, or one unit of its last written place if wider."""
        assert span == parse_figure(text).span()  # type: ignore[union-attr]

    @pytest.mark.parametrize(
        ("text", "figure", "span"),
        [
            ("chiếm hơn 96%", "hơn 96%", "(96%; +∞)"),
            ("mỗi năm kết nạp từ 90 - 100 đảng viên", "từ 90 - 100", "[90; 100]"),
            ("gần 120 đảng viên", "gần 120", "[114; 120)"),
            ("trên 8.100 đảng viên", "trên 8.100", "(8.100; +∞)"),
            ("đạt tỷ lệ trên 90%", "trên 90%", "(90%; +∞)"),
            ("không đạt 90%", "không đạt 90%", "[0%; 90%)"),
        ],
    )
    def test_words_around_the_figure(self, text: str, figure: str, span: str) -> None:
        """Words around a figure that say nothing of its ends are left out of it."""
        bound = Bounded.parse(text)
        assert (figure, span) == (bound.text, bound.span())

    @pytest.mark.parametrize(
        ("text", "expected"),
        [("chiếm 66,2%", Rounded(Fraction(662, 1000), 1)), ("kết nạp 1.132 đảng viên", 1132)],
    )
    def test_bare_figures_in_words(self, text: str, expected: object) -> None:
        """A figure with no qualifying words is a rounded share or a whole count."""
        assert expected == parse_figure(text)

    @pytest.mark.parametrize(
        "text", ["56/58", "3,5 đảng viên", "gần 120, chiếm 3,9%", "90,%", "trên 5.%", "đạt 95, %"]
    )
    def test_not_one_figure(self, text: str) -> None:
        """Two figures, a count with decimals, or a number cut short before its "%"
        ("90,%" is no count of 90), are refused."""
        with pytest.raises(ParseError):
            parse_figure(text)

    @pytest.mark.parametrize(
        ("text", "word"),
        [
            ("9O%", "9O"),
            ("1e3", "1e3"),
            ("1_000", "1_000"),
            ("2tr đảng viên", "2tr"),
            ("trên 9O%", "9O"),
        ],
    )
    def test_digits_run_into_a_word_are_no_figure(self, text: str, word: str) -> None:
        """ "9O%" (a letter O typed for a zero) was a count of 9, "1e3" 1 and "2tr" (2
        triệu, abbreviated) 2: the digits were read and the rest of the word dropped."""
        with pytest.raises(ParseError, match=f"'{word}' không phải một số"):
            parse_figure(text)
        assert parse_figure("1.234¹ đảng viên") == 1234  # a footnote mark, as a PDF copies it

    @pytest.mark.parametrize(
        "text",
        ["tăng 4,9%", "giảm 0,84%", "tăng 1,71%", "tăng gần 5%", "tăng hơn 5%", "giảm khoảng 0,8%"],
    )
    def test_a_change_is_no_figure(self, text: str) -> None:
        """ "chiếm tỷ lệ 75,9% (tăng 4,9% so với …)": the "tăng 4,9%" is how far the
        share moved, never a share of 4,9%; "tăng lên 75,9%" is the share."""
        with pytest.raises(ParseError, match="mức thay đổi"):
            parse_figure(text)
        assert Rounded(Fraction(759, 1000), 1) == parse_figure("tăng lên 75,9%")

    @pytest.mark.parametrize(
        ("text", "span"),
        [
            ("trên 90 phần trăm", "(90%; +∞)"),
            ("tren 90 phan tram", "(90%; +∞)"),
            ("khoảng 5 phần trăm", "[4%; 6%]"),
            ("90 phần trăm trở lên", "[90%; +∞)"),
            ("từ 85 đến 90 phần trăm", "[85%; 90%]"),
            ("đạt 95,5 phần trăm", "[95,445%; 95,60%)"),
            ("vượt 5 phần trăm kế hoạch", "[104,45%; 106,0%)"),
        ],
    )
    def test_phan_tram_spelt_out(self, text: str, span: str) -> None:
        """ "phần trăm" written out is the sign "%": "trên 90 phần trăm" is a share above
        90%, never a count above 90."""
        figure = parse_figure(text)
        assert not isinstance(figure, int)
        assert span == figure.span()
        assert figure.reading().percent

    @pytest.mark.parametrize(
        ("text", "span"),
        [
            ("hơn 1,2 nghìn đảng viên", "(1.200; +∞)"),
            ("trên 2 ngàn", "(2.000; +∞)"),
            ("hon 2 nghin", "(2.000; +∞)"),
            ("gần 1,2 nghìn", "[1.100; 1.200)"),
            ("khoảng 3 triệu", "[2.000.000; 4.000.000]"),
            ("từ 1 - 1,5 triệu", "[1.000.000; 1.500.000]"),
            ("2 nghìn trở lên", "[2.000; +∞)"),
            ("trên 1,2 nghìn tỷ", "(1.200.000.000.000; +∞)"),
        ],
    )
    def test_scale_words(self, text: str, span: str) -> None:
        """ "hơn 1,2 nghìn" is more than 1.200, never more than 1,2: nghìn (ngàn), triệu
        and tỷ after a count multiply it, and the last written place is counted in them
        ("gần 1,2 nghìn" is within a hundred below 1.200)."""
        assert span == Bounded.parse(text).span()

    @pytest.mark.parametrize(
        ("text", "count"),
        [
            ("kết nạp 1,2 nghìn đảng viên", 1200),
            ("3,5 triệu đồng", 3_500_000),
            ("12 ngân hàng", 12),
        ],
    )
    def test_bare_count_with_a_scale_word(self, text: str, count: int) -> None:
        """A bare count with a scale word is the count the words say; "ngân" is no ngàn."""
        assert count == parse_figure(text)

    @pytest.mark.parametrize(
        ("text", "reason"),
        [
            ("-5%", "không thể âm"),
            ("−0,84%", "không thể âm"),
            ("tỷ lệ: -0,8%", "không thể âm"),
            ("-120", "không thể âm"),
            ("+5%", "mức thay đổi"),
            ("(+4,9%)", "mức thay đổi"),
        ],
    )
    def test_a_signed_figure_is_refused(self, text: str, reason: str) -> None:
        """ "-5%" is never a share of 5%: a minus sign makes it negative, which no
        published share or count is, and "+5%" is a change, as "tăng 5%" is."""
        with pytest.raises(ParseError, match=reason):
            parse_figure(text)
        assert Fraction(17, 20) == Bounded.parse("85-90%").low

    @pytest.mark.parametrize("text", ["ước đạt 95%", "Ước tính đạt 95%", "uoc dat 95%"])
    def test_uoc_dat_is_an_estimate(self, text: str) -> None:
        """ "ước đạt 95%" is an estimate, read as "ước 95%" is, never a figure rounded
        from an exact count ([94,45%; 96%))."""
        assert parse_figure("ước 95%").span() == parse_figure(text).span()  # type: ignore[union-attr]
        assert isinstance(parse_figure(text), Bounded)

    def test_uoc_dat_in_a_sentence(self) -> None:
        """The sentence says "đạt ước 105% chỉ tiêu", as it does for "ước 105%", never
        "đạt ước đạt 105%": the verb is the sentence's."""
        assert "ước 105%" == Bounded.parse("ước đạt 105% kế hoạch").text
        figures = Figures(Tally(ket_nap=100), shares={"ket_nap_so_chi_tieu": "ước đạt 105%"})
        assert "đạt ước 105% chỉ tiêu được giao" in narrate(figures, year=2025).text

    @pytest.mark.parametrize(
        "dash", ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212"]
    )
    def test_band_with_any_dash(self, dash: str) -> None:
        """A band's dash is whatever the word processor put there: the non-breaking
        hyphen of "85‑90%" is the hyphen of "85-90%"."""
        assert "[85%; 90%]" == Bounded.parse(f"từ 85{dash}90%").span()

    @pytest.mark.parametrize(
        ("text", "span"),
        [("trên dưới 90%", "[85,5%; 94,5%]"), ("trên dưới 1.000 đảng viên", "[950; 1.050]")],
    )
    def test_tren_duoi_is_about(self, text: str, span: str) -> None:
        """ "trên dưới 90%" ("above-below") is about 90%, either side of it: never
        "dưới 90%", which would allow 10% and never 91%."""
        assert span == Bounded.parse(text).span()

    @pytest.mark.parametrize(
        ("text", "span"),
        [
            ("không thấp hơn 90%", "[90%; +∞)"),
            ("không cao hơn 5%", "[0%; 5%]"),
            ("không lớn hơn 5%", "[0%; 5%]"),
            ("không trên 5%", "[0%; 5%]"),
            ("chưa vượt 5%", "[0%; 5%]"),
            ("chưa quá 5%", "[0%; 5%]"),
            ("không thấp hơn 1.000", "[1.000; +∞)"),
            ("không tới 90%", "[0%; 90%)"),
            ("chưa đầy 90%", "[0%; 90%)"),
            ("ít nhất là 90%", "[90%; +∞)"),
            ("tối thiểu là 90%", "[90%; +∞)"),
            ("tối đa là 20%", "[0%; 20%]"),
            ("ngót 90%", "[85,5%; 90%)"),
        ],
    )
    def test_negated_and_other_bounds(self, text: str, span: str) -> None:
        """ "không thấp hơn 90%" is 90% or above, never below 90%; "không cao hơn 5%" is
        5% or below, never above it: a negation turns a strict bound around and closes it.
        "không tới", "ít nhất là", "tối đa là" bound a figure as their kin do."""
        assert span == Bounded.parse(text).span()
        assert span == parse_figure(text).span()  # type: ignore[union-attr]

    @pytest.mark.parametrize(
        ("text", "span"),
        [
            ("chứa trên 1.000", "(1.000; +∞)"),
            ("chùa trên 100", "(100; +∞)"),
            ("chưa vượt 5%", "[0%; 5%]"),
            ("chua vuot 5%", "[0%; 5%]"),
        ],
    )
    def test_chua_is_a_negation_only_as_chua(self, text: str, span: str) -> None:
        """Folded, "chứa" (holds) and "chùa" are "chua": "chứa trên 1.000" is above
        1.000, not "chưa trên 1.000"; unaccented "chua" is read as chưa."""
        assert span == Bounded.parse(text).span()

    @pytest.mark.parametrize(
        "text",
        [
            "cao hơn 2 điểm phần trăm",
            "hơn 2 điểm %",
            "2,5 điểm phần trăm",
            "tăng 2,5 điểm phần trăm so với năm 2023",
        ],
    )
    def test_percentage_points_are_no_figure(self, text: str) -> None:
        """ "cao hơn 2 điểm phần trăm" is how far apart two shares lie: it was a count
        above 2 (and "2 điểm %" a count of 2), which a count's range took."""
        with pytest.raises(ParseError, match="điểm phần trăm là hiệu của hai tỷ lệ"):
            parse_figure(text)
        with pytest.raises(ParseError):
            Figures(ranges={"ket_nap": text})
        assert 92 == parse_figure("đạt 92 điểm")  # a score stays a number

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("quý tư 95%", Rounded(Fraction(95, 100), 0)),
            ("Quý tư 120 đảng viên", 120),
            ("lần thứ tư 45 đảng viên", 45),
            ("doanh nghiệp tư 12 chi bộ", 12),
            ("gắn 95%", Rounded(Fraction(95, 100), 0)),
            ("đuôi 5%", Rounded(Fraction(5, 100), 0)),
        ],
    )
    def test_words_folding_to_a_qualifier_bound_nothing(
        self, text: str, expected: int | Rounded
    ) -> None:
        """Folded, "tư" (fourth, private) is "tu" as "từ" is: "quý tư 95%" was 95% or
        more and "Quý tư 120 đảng viên" 120 or more; "gắn" was "gần", "đuôi" "dưới". A
        qualifier is read as written with its marks, or with none ("tu 95%")."""
        assert parse_figure(text) == expected
        assert parse_figure("tu 95%").span() == "[95%; +∞)"  # type: ignore[union-attr]
        assert parse_figure("Từ 95%").span() == "[95%; +∞)"  # type: ignore[union-attr]
        assert parse_figure("gan 95%").span() == "[90,25%; 95%)"  # type: ignore[union-attr]
        assert parse_figure("quý tư 3 - 4%").text == "3 - 4%"  # type: ignore[union-attr]
        assert parse_figure("gắn 3 - 4%").span() == "[3%; 4%]"  # type: ignore[union-attr]
        with pytest.raises(ParseError, match="'gần' trước một khoảng"):
            parse_figure("gần 3 - 4%")

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("chỉ tiêu cấp trên 120 đảng viên", 120),
            ("Chỉ tiêu cấp trên 95%", Rounded(Fraction(95, 100), 0)),
            ("chi bộ cấp dưới 12", 12),
            ("cấp trên giao trên 120 đảng viên", Bounded.parse("trên 120")),
        ],
    )
    def test_cap_tren_is_a_noun_not_a_bound(
        self, text: str, expected: int | Rounded | Bounded
    ) -> None:
        """ "chỉ tiêu cấp trên 120 đảng viên" (the superior's target) was above 120: the
        "trên" of "cấp trên" was read as bounding the figure after it."""
        figure = parse_figure(text)
        if isinstance(expected, Bounded):
            assert isinstance(figure, Bounded)
            assert (figure.low, figure.low_open, figure.high) == (120, True, None)
        else:
            assert figure == expected

    @pytest.mark.parametrize(
        ("text", "span"),
        [
            ("chừng 100 đảng viên", "[95; 105]"),
            ("Chừng 90%", "[85,5%; 94,5%]"),
            ("có chừng 1,2 nghìn đảng viên", "[1.100; 1.300]"),
            ("chừng 2/3", "[63,3333%; 70%]"),
        ],
    )
    def test_chung_with_its_marks_is_about(self, text: str, span: str) -> None:
        """ "chừng 100 đảng viên" is about 100, as "khoảng 100" is (it was an exact count
        of 100, and "chừng 90%" a rounded 90%); folded it is "chung", and "tỷ lệ chung
        90%" (the overall share) stays a rounded 90%, "tỷ lệ chung 2/3" a pair."""
        assert span == parse_figure(text).span()  # type: ignore[union-attr]
        if "/" not in text:
            assert span == Bounded.parse(text).span()
        assert Rounded(Fraction(9, 10), 0) == parse_figure("tỷ lệ chung 90%")
        assert Rounded(Fraction(9, 10), 0) == parse_figure("nhìn chung đạt 90%")
        with pytest.raises(ParseError, match="cặp số đếm"):
            parse_figure("tỷ lệ chung 2/3")

    @pytest.mark.parametrize(
        "text",
        [
            "tăng so với cùng kỳ 8,3%",
            "Kết nạp đảng viên tăng so với cùng kỳ là 8,3%",
            "giảm so với năm trước 2%",
            "cao hơn cùng kỳ 5%",
            "thấp hơn năm trước 2%",
            "tăng gấp 2 lần",
            "gấp 1,5 lần",
        ],
    )
    def test_a_change_against_a_period_is_no_figure(self, text: str) -> None:
        """ "tăng so với cùng kỳ 8,3%" says "tăng 8,3% so với cùng kỳ" in another order, and
        "gấp 2 lần" is a multiple: never a share of 8,3% or a count of 2. A level after the
        comparison ("tăng so với cùng kỳ, đạt 95%") and a count of times are read."""
        with pytest.raises(ParseError, match="mức thay đổi"):
            parse_figure(text)
        assert Rounded(Fraction(95, 100), 0) == parse_figure("tăng so với cùng kỳ, đạt 95%")
        assert Rounded(Fraction(95, 100), 0) == parse_figure("tăng so với cùng kỳ lên 95%")
        assert 12 == parse_figure("sinh hoạt 12 lần")

    @pytest.mark.parametrize(
        ("text", "word"),
        [
            ("cao hơn 2,5% so với cùng kỳ", "cao hơn"),
            ("vượt 12% so với năm 2023", "vượt"),
            ("thấp hơn 3% so với cùng kỳ năm trước", "thấp hơn"),
            ("nhiều hơn 120 đảng viên so với năm trước", "nhiều hơn"),
            ("ít hơn 5 chi bộ so với đầu nhiệm kỳ", "ít hơn"),
            # Against another unit as against another time: 3 points below the province.
            ("thấp hơn 3% so với toàn tỉnh", "thấp hơn"),
            ("cao hơn 2,5% so với bình quân chung", "cao hơn"),
        ],
    )
    def test_a_comparison_with_a_past_period_is_a_change(self, text: str, word: str) -> None:
        """ "cao hơn 2,5% so với cùng kỳ" is higher by 2,5% than a year before, and "nhiều
        hơn 120 đảng viên so với năm trước" 120 more: they were read as above 2,5% and
        above 120. Against a target, or a level against the period, they are read."""
        with pytest.raises(ParseError, match=f"'{word}' trước con số là mức thay đổi"):
            parse_figure(text)
        assert Rounded(Fraction(105, 100), 0) == parse_figure("đạt 105% so với cùng kỳ")
        assert Rounded(Fraction(105, 100), 0) == parse_figure("vượt 5% so với kế hoạch")
        assert isinstance(parse_figure("cao hơn 90%"), Bounded)

    @pytest.mark.parametrize(
        ("text", "span"),
        [
            ("≥ 90%", "[90%; +∞)"),
            (">= 90%", "[90%; +∞)"),
            ("> 90%", "(90%; +∞)"),
            ("(>90%)", "(90%; +∞)"),
            ("≤ 20%", "[0%; 20%]"),
            ("< 1%", "[0%; 1%)"),
            ("~90%", "[85,5%; 94,5%]"),
            ("≈ 90%", "[85,5%; 94,5%]"),
            ("≥ 1.000", "[1.000; +∞)"),
        ],
    )
    def test_signs_of_comparison(self, text: str, span: str) -> None:
        """A table's "≥ 90%" is "từ 90% trở lên", "> 90%" is "trên 90%", "~90%" is
        "khoảng 90%": never a rounded 90%, which would put 89,5% inside "> 90%"."""
        figure = parse_figure(text)
        assert isinstance(figure, Bounded)
        assert span == figure.span()
        assert span == Bounded.parse(text).span()

    @pytest.mark.parametrize(
        ("text", "span"),
        [
            ("1.000+", "[1.000; +∞)"),
            ("1.000+ đảng viên", "[1.000; +∞)"),
            ("90%+", "[90%; +∞)"),
            ("trên 90%+", "(90%; +∞)"),
        ],
    )
    def test_a_plus_after_the_figure_is_or_more(self, text: str, span: str) -> None:
        """A table's "1.000+" is 1.000 or more: the "+" was dropped and the figure read as
        exactly 1.000 (and "90%+" as a rounded 90%, which holds 89,5%)."""
        figure = parse_figure(text)
        assert isinstance(figure, Bounded)
        assert span == figure.span()
        assert span == Bounded.parse(text).span()

    @pytest.mark.parametrize(
        ("text", "span"),
        [("95％", "[94,45%; 96,0%)"), ("trên 95 ％", "(95%; +∞)"), ("95﹪", "[94,45%; 96,0%)")],
    )
    def test_wide_percent_signs(self, text: str, span: str) -> None:
        """The full-width "％" of a text copied from a PDF is a percentage, not a count 95."""
        figure = parse_figure(text)
        assert not isinstance(figure, int)
        assert span == figure.span()

    @pytest.mark.parametrize("text", ["5‰", "0,5 ‰", "5 phần nghìn", "từ 3 - 4‰"])
    def test_per_mille_is_refused(self, text: str) -> None:
        """ "5‰" is 0,5%: it is refused saying so, never read as a count of 5."""
        with pytest.raises(ParseError, match="phần nghìn, không phải phần trăm"):
            parse_figure(text)
        assert 5 == parse_figure("5 phần ngân sách")

    @pytest.mark.parametrize(
        ("text", "word"),
        [
            ("dưới 3 - 4%", "dưới"),
            ("trên 90 - 95%", "trên"),
            ("gần 90 - 95%", "gần"),
            ("không quá 3 - 4%", "không quá"),
            ("kết nạp hơn 90 - 100 đảng viên", "hơn"),
            ("≥ 3 - 4%", "≥"),
        ],
    )
    def test_a_bound_before_a_band_is_refused(self, text: str, word: str) -> None:
        """ "dưới 3 - 4%" is below the band, not the band [3%; 4%]: a word that bounds one
        figure is refused before a band, never dropped."""
        with pytest.raises(ParseError, match=f"'{word}' trước một khoảng"):
            parse_figure(text)
        with pytest.raises(ParseError, match=f"'{word}' trước một khoảng"):
            Bounded.parse(text)

    @pytest.mark.parametrize("text", ["từ 3 - 4%", "trong khoảng 90 - 95%", "tỷ lệ kết nạp 3-4%"])
    def test_a_band_after_tu_or_khoang(self, text: str) -> None:
        """ "từ" and "khoảng" ("in the range") before a band are the band's own words."""
        figure = parse_figure(text)
        assert isinstance(figure, Bounded)
        assert figure.low is not None
        assert figure.high is not None
        assert figure.low < figure.high

    @pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009", "\u2007"])
    def test_digits_grouped_by_a_fixed_space(self, space: str) -> None:
        """A word processor groups "1 234" with a non-breaking or thin space: a thousands
        separator, as "." is."""
        assert 1234 == parse_figure(f"1{space}234 đồng chí")
        assert 1234567 == parse_figure(f"1{space}234{space}567")
        assert "(1.234; +∞)" == parse_figure(f"trên 1{space}234 đảng viên").span()  # type: ignore[union-attr]
        assert "[1.000; 1.200]" == parse_figure(f"từ 1{space}000 - 1{space}200").span()  # type: ignore[union-attr]
        assert "[95,545%; 95,70%)" == parse_figure(f"95,6{space}%").span()  # type: ignore[union-attr]

    @pytest.mark.parametrize("text", ["1 234", "kết nạp 1 234 đảng viên", "12 345,5%"])
    def test_digits_grouped_by_a_plain_space_are_refused(self, text: str) -> None:
        """ "1 234" with a plain space may be one number or two side by side: refused
        saying so and how one number is written, not as "more than one figure"."""
        with pytest.raises(ParseError, match=r"dấu cách giữa các chữ số.*một số viết là"):
            parse_figure(text)

    def test_width_is_a_parameter(self) -> None:
        """A narrower width is one argument away."""
        assert Fraction(1, 20) == APPROX_WIDTH
        assert "[71%; 72%)" == Bounded.parse("gần 72%", width=Fraction(0)).span()

    def test_tren_90_passes_tren_90(self) -> None:
        """A published "trên 90%" passes the target "trên 90%" (the end is open)."""
        assert Status.PASS == ABOVE_90.check(tccsd("trên 90%")).status

    def test_hon_89_is_undetermined(self) -> None:
        """ "hơn 89%" may be 89,5% or 95%: undetermined against "trên 90%"."""
        result = ABOVE_90.check(tccsd("hơn 89%"))
        assert Status.UNDETERMINED == result.status
        assert "(89%; +∞)" in result.message

    def test_tu_90_tro_len_against_tren_90(self) -> None:
        """ "từ 90% trở lên" may be exactly 90%: undetermined for "trên 90%", passes
        "từ 90% trở lên"."""
        assert Status.UNDETERMINED == ABOVE_90.check(tccsd("từ 90% trở lên")).status
        assert Status.PASS == AT_LEAST_90.check(tccsd("từ 90% trở lên")).status

    def test_gan_90_fails(self) -> None:
        """ "gần 90%" is below 90%: it fails "từ 90% trở lên" outright."""
        assert Status.FAIL == AT_LEAST_90.check(tccsd("gần 90%")).status

    def test_hon_96_with_its_counts(self) -> None:
        """ "1.837 đồng chí, chiếm hơn 96%" of 1.899 committee members: consistent."""
        figures = Figures(
            Tally(cap_uy_vien=1899, cap_uy_vien_cao_dang_tro_len=1837),
            shares={"cap_uy_vien_cao_dang_tro_len": "hơn 96%"},
        )
        assert [] == figures.problems()

    def test_count_bounds(self) -> None:
        """ "trên 8.100" đảng viên passes a target of 8.000, "gần 120" fails 120."""
        figures = Figures(ranges={"dang_vien": "trên 8.100", "ket_nap": "gần 120"})
        members = CountAtLeastRule(indicator="dang_vien", minimum=8000)
        admitted = CountAtLeastRule(indicator="ket_nap", minimum=120)
        assert Status.PASS == members.check(figures).status
        assert Status.FAIL == admitted.check(figures).status
        straddle = CountAtLeastRule(indicator="ket_nap", minimum=116)
        assert Status.UNDETERMINED == straddle.check(figures).status

    def test_a_count_above_is_whole(self) -> None:
        """ "trên 1.999" is at least 2.000: whole counts decide the open end."""
        figures = Figures(ranges={"ket_nap": "trên 1.999"})
        rule = CountAtLeastRule(indicator="ket_nap", minimum=2000)
        assert Status.PASS == rule.check(figures).status

    @pytest.mark.parametrize(
        "text", ["khoảng", "trên", "trên chín mươi", "abc 5%", "từ 9 - 3", "dưới 0%", "gần 0", 5]
    )
    def test_malformed(self, text: str) -> None:
        """Text that is no published figure raises ParseError."""
        if not isinstance(text, str):
            with pytest.raises(ParseError):
                parse_figure(text)
        with pytest.raises(ParseError):
            Bounded.parse(text)


class TestRounding:
    def test_press_default_is_unknown(self) -> None:
        """Figures typed from the press are read with the rounding unknown."""
        assert "unknown" == PRESS_ROUNDING
        assert "unknown" == Rounded.parse("96,5%").rounding

    def test_truncated(self) -> None:
        """ "56/58" printed as "96,5%" (56/58 = 96,55%, truncated): consistent under
        the press's rounding, a contradiction if it claims to round half up."""
        shares = {"tccsd_httnv_tro_len": Rounded.parse("96,5%")}
        counts = {"tccsd_httnv_tro_len": (56, 58)}
        assert [] == Figures(shares=shares, ratio_counts=counts).problems()
        half_up = {"tccsd_httnv_tro_len": Rounded.parse("96,5%", rounding="half_up")}
        assert 1 == len(Figures(shares=half_up, ratio_counts=counts).problems())
        down = {"tccsd_httnv_tro_len": Rounded.parse("96,5%", rounding="down")}
        assert [] == Figures(shares=down, ratio_counts=counts).problems()

    def test_two_decimal_interval_printed_true(self) -> None:
        """ "90,33%" rounded half up lies in [90,325%; 90,335%): one more decimal."""
        assert "[90,325%; 90,335%)" == Rounded.parse("90,33%", rounding="half_up").span()

    def test_interval_in_rule_message(self) -> None:
        """The rule prints the true interval, not the figure's own places."""
        result = ABOVE_90.check(tccsd("90,0%"))
        assert "[89,945%; 90,10%)" in result.message

    def test_exact(self) -> None:
        """An exact figure is judged as the value itself."""
        exact = Rounded.parse("90%", rounding="exact")
        assert (exact.low, exact.high) == (Fraction(9, 10), Fraction(9, 10))
        figures = Figures(shares={"tccsd_httnv_tro_len": exact})
        assert Status.FAIL == ABOVE_90.check(figures).status

    def test_unknown_rounding_bad(self) -> None:
        """Only the four roundings exist."""
        with pytest.raises(ValueError):
            Rounded(Fraction(1, 2), 1, "nearest")  # type: ignore[arg-type]

    @given(
        st.integers(min_value=1, max_value=5000).flatmap(
            lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n))
        ),
        st.integers(min_value=0, max_value=3),
        st.sampled_from(["half_up", "down", "twice"]),
    )
    def test_any_printing_lies_in_the_unknown_interval(
        self, pair: tuple[int, int], decimals: int, how: str
    ) -> None:
        """k/n printed half up, truncated or rounded twice lies in its "unknown" reading."""
        k, n = pair
        share = Fraction(k, n)
        if how == "twice":
            first = format_percent(share, decimals + 1)
            text = format_percent(parse_figure(first).value, decimals)  # type: ignore[union-attr]
        else:
            text = format_percent(share, decimals, rounding=how)
        reading = Rounded(Rounded.parse(text).value, decimals).reading()
        assert reading.contains(share)


class TestCountsWithoutTheirSplit:
    def test_pair_keeps_its_counts(self) -> None:
        """ "56/58 TCCSĐ hoàn thành tốt nhiệm vụ trở lên": counts kept, not 28/29."""
        figures = Figures(ratio_counts={"tccsd_httnv_tro_len": (56, 58)})
        reading = read_ratio(figures, "tccsd_httnv_tro_len")
        assert (56, 58) == reading.counts
        result = AT_LEAST_90.check(figures)
        assert "56/58" in result.message
        # Four fewer would fail: 52/58 = 89,66% < 90%.
        assert result.gap is not None
        assert 4 == result.gap.units

    def test_rated_total_without_split(self) -> None:
        """A rated total with a published share narrows to the one count it allows."""
        figures = Figures(
            shares={"tccsd_httnv_tro_len": "96,55%"}, bases={"tccsd_httnv_tro_len": 58}
        )
        reading = read_ratio(figures, "tccsd_httnv_tro_len")
        assert (56, 58) == reading.counts
        assert "96,55%" == reading.text

    def test_rated_total_serves_every_ratio_over_it(self) -> None:
        """The base given for one ratio serves another over the same counts."""
        figures = Figures(
            shares={"dang_vien_htxsnv_tren_danh_gia": "16,2%"},
            bases={"dang_vien_httnv_tro_len": 1000},
        )
        assert 1000 == figures.base(get_ratio("dang_vien_htxsnv_tren_danh_gia"))

    @pytest.mark.parametrize("pair", [(56, -1), "56", "56/x", "5,5/8", (True, 2)])
    def test_bad_pair(self, pair: object) -> None:
        """A pair is two whole counts."""
        with pytest.raises(ParseError):
            Figures(ratio_counts={"tccsd_httnv_tro_len": pair})  # type: ignore[dict-item]

    def test_pair_as_printed(self) -> None:
        """ "56/58" as printed is the pair (56, 58)."""
        figures = Figures(ratio_counts={"tccsd_httnv_tro_len": "56/58"})
        assert {"tccsd_httnv_tro_len": (56, 58)} == figures.ratio_counts

    def test_narrate_rated_total(self) -> None:
        """A rated total and its published share, narrated with the one count they give."""
        figures = Figures(
            shares={"tccsd_httnv_tro_len": "96,55%"}, bases={"tccsd_httnv_tro_len": 58}
        )
        assert "56/58 tổ chức cơ sở đảng (96,55%)" in narrate(figures).text


class TestCountBands:
    def test_band_target(self) -> None:
        """ "mỗi năm kết nạp từ 90 - 100 đảng viên": a band on a count."""
        rule = CountAtLeastRule(indicator="ket_nap", minimum=90, maximum=100)
        assert "từ 90 - 100 đảng viên" == rule.target().wording
        assert Status.FAIL == rule.check(Tally(ket_nap=89)).status
        assert Status.PASS == rule.check(Tally(ket_nap=100)).status
        above = rule.check(Tally(ket_nap=101))
        assert (Status.PASS, True) == (above.status, above.exceeds)

    def test_band_published(self) -> None:
        """A band published as the count: judged on both ends."""
        figures = Figures(ranges={"ket_nap": "từ 90 - 100"})
        assert (
            Status.PASS == CountAtLeastRule(indicator="ket_nap", minimum=90).check(figures).status
        )
        assert (
            Status.UNDETERMINED
            == CountAtLeastRule(indicator="ket_nap", minimum=95).check(figures).status
        )

    def test_band_upper_below_minimum(self) -> None:
        """A band's upper end is not below its floor."""
        with pytest.raises(ValueError):
            CountAtLeastRule(indicator="ket_nap", minimum=90, maximum=80)


class TestRangesInRatios:
    """A ratio some of whose counts are published only within bounds ("gần 120")."""

    # Sơn La 2020: gần 120 TCCSĐ hoàn thành xuất sắc nhiệm vụ, 451 hoàn thành tốt
    # nhiệm vụ, 27 hoàn thành nhiệm vụ, none không hoàn thành nhiệm vụ.
    SON_LA = Figures(
        Tally(tccsd_httnv=451, tccsd_htnv=27, tccsd_khtnv=0),
        ranges={"tccsd_htxsnv": "gần 120"},
    )

    def test_every_count_the_range_allows_decides(self) -> None:
        """ "gần 120" is 114 to 119 whole TCCSĐ: 565/592 to 570/597, all above 90%."""
        reading = read_ratio(self.SON_LA, "tccsd_httnv_tro_len")
        assert (Fraction(565, 592), Fraction(570, 597)) == (reading.low, reading.high)
        assert (False, False) == (reading.low_open, reading.high_open)
        result = ABOVE_90.check(self.SON_LA)
        assert Status.PASS == result.status
        assert "[95,4391%; 95,4774%]" in result.message
        assert "gần 120" in result.message

    def test_straddling_the_threshold_is_undetermined(self) -> None:
        """A threshold inside the interval is neither met nor missed; beyond it, missed."""
        inside = ShareAboveRule(ratio="tccsd_httnv_tro_len", threshold=Fraction(9545, 10000))
        assert Status.UNDETERMINED == inside.check(self.SON_LA).status
        above = ShareAboveRule(ratio="tccsd_httnv_tro_len", threshold=Fraction(955, 1000))
        result = above.check(self.SON_LA)
        assert Status.FAIL == result.status
        assert "[95,4391%; 95,4774%]" in result.message

    def test_a_count_truly_absent_is_still_missing(self) -> None:
        """Without the KHTNV count the ratio is not known, range or not."""
        figures = Figures(Tally(tccsd_httnv=451, tccsd_htnv=27), ranges={"tccsd_htxsnv": "gần 120"})
        result = ABOVE_90.check(figures)
        assert Status.MISSING_DATA == result.status
        assert "tccsd_khtnv" in result.message

    def test_an_open_end_without_bound(self) -> None:
        """ "trên 2.500" admitted over 60.000 members: above 2.501/60.000 (4,17%), no upper
        end; the band "từ 3 - 4%" is passed and exceeded."""
        figures = Figures(Tally(dang_vien_cuoi_nam_truoc=60000), ranges={"ket_nap": "trên 2.500"})
        reading = read_ratio(figures, "ty_le_ket_nap")
        assert (Fraction(2501, 60000), False, True) == (
            reading.low,
            reading.low_open,
            reading.unbounded,
        )
        band = BandRule(ratio="ty_le_ket_nap", threshold=Fraction(3, 100), upper=Fraction(4, 100))
        result = band.check(figures)
        assert (Status.PASS, True) == (result.status, result.exceeds)

    def test_a_range_in_the_denominator(self) -> None:
        """300 admitted over "trên 8.100" members: at most 300/8.101 (3,70%), as low as
        near 0 (never reached). "từ 4% trở lên" is missed whatever the count, "từ 3%
        trở lên" may be met or not."""
        figures = Figures(Tally(ket_nap=300), ranges={"dang_vien_cuoi_nam_truoc": "trên 8.100"})
        reading = read_ratio(figures, "ty_le_ket_nap")
        assert (Fraction(0), True) == (reading.low, reading.low_open)
        assert (Fraction(300, 8101), False) == (reading.high, reading.high_open)
        four = ShareAtLeastRule(ratio="ty_le_ket_nap", threshold=Fraction(4, 100)).check(figures)
        assert Status.FAIL == four.status
        assert "(0%; 3,7033%]" in four.message
        three = ShareAtLeastRule(ratio="ty_le_ket_nap", threshold=Fraction(3, 100))
        assert Status.UNDETERMINED == three.check(figures).status

    def test_one_whole_count_is_exact(self) -> None:
        """A range that holds one whole count gives the ratio exactly, with its counts."""
        figures = Figures(
            Tally(tccsd_httnv=451, tccsd_htnv=27, tccsd_khtnv=0),
            ranges={"tccsd_htxsnv": "từ 119 - 119"},
        )
        reading = read_ratio(figures, "tccsd_httnv_tro_len")
        assert (Fraction(570, 597), (570, 597)) == (reading.value, reading.counts)


class TestProblems:
    def test_share_contradicting_counts(self) -> None:
        """1.132/1.702 printed as "66,2%" (it is 66,51%)."""
        figures = Figures(
            Tally(ket_nap=1132, dang_vien_cuoi_nam_truoc=1702), shares={"ty_le_ket_nap": "66,2%"}
        )
        (problem,) = figures.problems()
        assert ("ty_le_ket_nap", "66,2%") == (problem.field, problem.value)
        assert "66,51%" in problem.reason

    @pytest.mark.parametrize(
        ("figures", "english"),
        [
            (
                Figures(
                    Tally(ket_nap=1132, dang_vien_cuoi_nam_truoc=1702),
                    shares={"ty_le_ket_nap": "66,2%"},
                ),
                "1,132/1,702 = 66.51%, outside the interval of the published figure 66,2%",
            ),
            (
                Figures(ratio_counts={"tccsd_httnv_tro_len": "60/58"}),
                "the numerator 60 is larger than the denominator 58",
            ),
            (
                Figures(Tally(ket_nap=4), breakdown={"ket_nap": {"A": 1, "B": 2}}),
                "the parts add up to 3, not the published total 4",
            ),
            (
                Figures(shares={"tccsd_httnv_tro_len": "105,6%"}),
                "the share 105,6% ([105,545%; 105,70%)) is above 100%",
            ),
        ],
    )
    def test_problems_in_english(self, figures: Figures, english: str) -> None:
        """Published figures' problems were written with f-strings, outside the
        catalogue: ``problem.text("en")`` gave them in Vietnamese, as no other did."""
        (problem,) = figures.problems()
        assert english in problem.text("en")
        assert english not in problem.text("vi")
        # Unnamed figures are the library's "số liệu nhập", said in the reader's language.
        assert problem.text("en").startswith("typed-in figures: ")
        assert problem.text("vi").startswith("số liệu nhập: ")

    def test_share_contradicting_count_over_published_base(self) -> None:
        """1.132 admitted over a published base of 1.702, printed as "66,2%"."""
        figures = Figures(
            Tally(ket_nap=1132),
            shares={"ty_le_ket_nap": "66,2%"},
            bases={"ty_le_ket_nap": 1702},
        )
        assert ["ty_le_ket_nap"] == [p.field for p in figures.problems()]

    def test_parts_not_adding_up(self) -> None:
        """Allocations summing to 1.950 under a printed total of 1.905."""
        parts = {"Huyện A": 600, "Huyện B": 700, "Huyện C": 650}
        figures = Figures(Tally(chi_tieu_ket_nap=1905), breakdown={"chi_tieu_ket_nap": parts})
        (problem,) = figures.problems()
        assert "1.950" in problem.reason
        assert "1.905" in problem.reason

    def test_share_no_count_can_give(self) -> None:
        """58 TCCSĐ rated and "95,0%": no whole count of 58 gives it (55 is 94,83%, 56 is
        96,55%)."""
        figures = Figures(
            shares={"tccsd_httnv_tro_len": "95,0%"}, bases={"tccsd_httnv_tro_len": 58}
        )
        (problem,) = figures.problems()
        assert "58" in problem.reason

    def test_consistent_figures_have_none(self) -> None:
        """Figures that agree raise nothing."""
        figures = Figures(
            Tally(ket_nap=1132, dang_vien_cuoi_nam_truoc=1702, chi_tieu_ket_nap=1100),
            shares={"ty_le_ket_nap": "66,5%"},
            breakdown={"chi_tieu_ket_nap": {"A": 600, "B": 500}},
        )
        assert [] == figures.problems()

    def test_counts_problems_kept(self) -> None:
        """The counts' own problems come first, as Tally.problems gives them."""
        figures = Figures(Tally(tccsd=737, dang_bo_co_so=263, chi_bo_co_so=475))
        assert Tally(tccsd=737, dang_bo_co_so=263, chi_bo_co_so=475).problems() == (
            figures.problems()
        )

    def test_pair_against_counts_and_range(self) -> None:
        """A pair at odds with the counts, and a count outside its range."""
        figures = Figures(
            Tally(tccsd_htxsnv=4, tccsd_httnv=26, tccsd_htnv=2, tccsd_khtnv=0, ket_nap=130),
            ratio_counts={"tccsd_httnv_tro_len": (31, 32)},
            ranges={"ket_nap": "gần 120"},
        )
        assert ["tccsd_httnv_tro_len", "ket_nap"] == [p.field for p in figures.problems()]


class TestProblemsPrintOutside:
    @pytest.mark.parametrize(
        ("k", "n", "published", "printed"),
        [
            (66149, 100000, Rounded(Fraction(662, 1000), 1, "half_up"), "66,14%"),
            (66251, 100000, Rounded(Fraction(662, 1000), 1, "half_up"), "66,26%"),
            (132301, 200000, "dưới 66,15%", "66,16%"),
            (89996, 100000, "từ 90% trở lên", "89,99%"),
        ],
    )
    def test_the_count_share_never_prints_inside(
        self, k: int, n: int, published: object, printed: str
    ) -> None:
        """A count share said to lie outside a published figure's interval is printed
        outside it: 66.149/100.000 beside [66,15%; 66,25%) is "66,14%", never "66,15%",
        which the interval holds (half up, 66,149% prints "66,15%")."""
        figures = Figures(
            Tally(dang_vien_cuoi_nam_truoc=n, ket_nap=k), shares={"ty_le_ket_nap": published}
        )
        (problem,) = figures.problems()
        assert f"{format_number(k)}/{format_number(n)} = {printed}," in problem.reason


class TestPairAboveItsWhole:
    def test_a_part_above_its_whole(self) -> None:
        """ "60/58 TCCSĐ hoàn thành tốt nhiệm vụ trở lên": the TCCSĐ rated HTTNV or better
        are some of the 58, never 60 of them; the pair contradicts itself."""
        figures = Figures(ratio_counts={"tccsd_httnv_tro_len": "60/58"})
        (problem,) = figures.problems()
        assert "lớn hơn mẫu số" in problem.reason

    def test_not_a_part(self) -> None:
        """Admissions against the target are not a part of it: 199/150 is no problem."""
        assert [] == Figures(ratio_counts={"ket_nap_so_chi_tieu": (199, 150)}).problems()

    @pytest.mark.parametrize(
        "share", ["105,6%", "100,4%", "trên 100%", "vượt 5,6% so với chỉ tiêu"]
    )
    def test_a_share_above_its_whole(self, share: str) -> None:
        """A share of the TCCSĐ rated HTTNV or better above 100% contradicts itself, as
        "60/58" does; "100%" (rounded, possibly 99,5%) and "từ 100% trở lên" may be all."""
        (problem,) = tccsd(share).problems()
        assert "trên 100%, mà tử số là một phần của mẫu số" in problem.reason
        for whole in ("100%", "100,0%", "từ 100% trở lên"):
            assert [] == tccsd(whole).problems()
        assert [] == Figures(shares={"ket_nap_so_chi_tieu": share}).problems()


class TestPartsOfOneWhole:
    """Shares of disjoint parts of those rated (HTXSNV, HTTNV) and the share they make up
    (HTTNV or better) were never checked against one another: 36,2% HTXSNV beside 76,9%
    HTTNV (113%) and "95%" HTTNV or better beside 16,2% + 76,9% (93,1%) passed."""

    HTXSNV = "dang_vien_htxsnv_tren_danh_gia"
    HTTNV = "dang_vien_httnv_tren_danh_gia"
    GOOD = "dang_vien_httnv_tro_len"

    def test_parts_above_the_whole(self) -> None:
        figures = Figures(shares={self.HTXSNV: "36,2%", self.HTTNV: "76,9%"})
        (problem,) = figures.problems()
        # 36,2% is in [36,145%; 36,3%) and 76,9% in [76,845%; 77%) (rounding unknown):
        # together [112,99%; 113,3%), all of it above 100%.
        assert "36,2% + 76,9% cộng lại trong khoảng [112,99%; 113,3%), trên 100%" in (
            problem.reason
        )

    def test_parts_that_do_not_make_their_share(self) -> None:
        # Đồng Xoài's 16,2% and 76,9% make [92,99%; 93,3%); "95%" is [94,45%; 96%).
        shares = {self.HTXSNV: "16,2%", self.HTTNV: "76,9%", self.GOOD: "95%"}
        (problem,) = Figures(shares=shares).problems()
        assert problem.field == self.GOOD
        assert "không khớp với 95%" in problem.reason

    def test_a_part_above_the_share_that_holds_it(self) -> None:
        (problem,) = Figures(shares={self.HTXSNV: "16,2%", self.GOOD: "15%"}).problems()
        assert "phần 16,2%" in problem.reason

    @pytest.mark.parametrize(
        "shares",
        [
            {HTXSNV: "16,2%", HTTNV: "76,9%", GOOD: "93,1%"},
            {HTXSNV: "16,2%", HTTNV: "76,9%", GOOD: "trên 90%"},
            # Tân Yên: 11,3% HTXSNV, 75,5% HTTNV.
            {HTXSNV: "11,3%", HTTNV: "75,5%", GOOD: "86,8%"},
            {HTXSNV: "16,2%", GOOD: "16,2%"},
            {HTXSNV: "50%", HTTNV: "50%"},
            {HTXSNV: Fraction(1, 2), HTTNV: Fraction(1, 2), GOOD: Fraction(1)},
        ],
    )
    def test_parts_that_agree(self, shares: dict[str, object]) -> None:
        assert [] == Figures(shares=shares).problems()  # type: ignore[arg-type]

    def test_exactly_all_is_no_excess(self) -> None:
        """Half and "above half" are above all; half and half are all, no more."""
        over = Figures(shares={self.HTXSNV: Fraction(1, 2), self.HTTNV: "trên 50%"})
        assert 1 == len(over.problems())


class TestNarrate:
    def test_published_admission_rate(self) -> None:
        """A published admission rate alone is said as published."""
        figures = Figures(shares={"ty_le_ket_nap": "3,25%"})
        (sentence,) = narrate(figures, year=2023).sentences
        assert "3,25%" in sentence.text

    def test_published_admission_rate_beside_its_counts(self) -> None:
        """A published rate is printed as published only when its counts give it."""
        counts = Tally(ket_nap=1132, dang_vien_cuoi_nam_truoc=1702)
        kept = narrate(Figures(counts, shares={"ty_le_ket_nap": "66,5%"})).text
        assert "bằng 66,5% tổng số" in kept
        wrong = narrate(Figures(counts, shares={"ty_le_ket_nap": "66,2%"})).text
        assert "bằng 66,51% tổng số" in wrong

    def test_probationary_without_official(self) -> None:
        """ "8.000 đảng viên, 300 dự bị" without the official count."""
        figures = Figures(Tally(dang_vien=8000, dang_vien_du_bi=300), name="Huyện A")
        (sentence,) = narrate(figures).sentences
        assert "8.000 đảng viên (trong đó 300 dự bị)" in sentence.text

    def test_published_precision(self) -> None:
        """ "99,1%" stays "99,1%" beside its counts (1.090/1.100 = 99,09%)."""
        figures = Figures(
            Tally(dang_vien_htxsnv=90, dang_vien_httnv=1000, dang_vien_htnv=10, dang_vien_khtnv=0),
            shares={"dang_vien_httnv_tro_len": "99,1%"},
        )
        (sentence,) = narrate(figures).sentences
        assert "(99,1%)" in sentence.text

    def test_pair_and_attainment(self) -> None:
        """A count pair and admissions against the assigned target."""
        figures = Figures(
            Tally(ket_nap=725, chi_tieu_ket_nap=1900),
            ratio_counts={"tccsd_httnv_tro_len": (56, 58)},
            months=6,
        )
        text = narrate(figures, year=2023).text
        assert "56/58 tổ chức cơ sở đảng" in text
        assert "đạt 38,2% kế hoạch năm" in text

    def test_bounded_attainment_says_of_what(self) -> None:
        """ "100 đảng viên, đạt trên 111% kế hoạch" in eight months: the sentence keeps
        "kế hoạch", not a bare "trên 111%" that reads as a share of the members."""
        figures = Figures(
            Tally(ket_nap=100), shares={"ket_nap_so_chi_tieu": "đạt trên 111% kế hoạch"}, months=8
        )
        text = narrate(figures, year=2023).text
        assert "Năm 2023, kết nạp 100 đảng viên mới, đạt trên 111% kế hoạch năm." == text
        whole_year = Figures(Tally(ket_nap=100), shares={"ket_nap_so_chi_tieu": "trên 111%"})
        assert "đạt trên 111% chỉ tiêu được giao, vượt chỉ tiêu." in narrate(whole_year).text
        # Exceeded by more than 30%: the sentence says the share of the plan it means.
        by = Figures(Tally(ket_nap=199), shares={"ket_nap_so_chi_tieu": "vượt trên 30% kế hoạch"})
        assert "đạt trên 130% chỉ tiêu được giao, vượt chỉ tiêu." in narrate(by).text

    def test_bounded_shares_in_both_languages(self) -> None:
        """ "trên 90%", "gần 92,5%", "khoảng 95%" as published, and in English."""
        figures = Figures(
            shares={
                "tccsd_httnv_tro_len": "trên 90%",
                "dang_vien_httnv_tro_len": "gần 92,5%",
                "chi_bo_truc_thuoc_httnv_tro_len": "khoảng 95%",
                "dang_vien_htxsnv_tren_danh_gia": "dưới 20%",
            }
        )
        vietnamese = narrate(figures).text
        for printed in ("trên 90%", "gần 92,5%", "khoảng 95%", "dưới 20%"):
            assert printed in vietnamese
        english = narrate(figures, locale="en").text
        for printed in ("more than 90%", "nearly 92.5%", "about 95%", "under 20%"):
            assert printed in english

    def test_closed_bounds_and_bands_in_english(self) -> None:
        """ "từ 90% trở lên", "không quá 20%" and "từ 85 - 90%" are said in English, not
        printed in Vietnamese inside the English sentence."""
        figures = Figures(
            shares={
                "tccsd_httnv_tro_len": "từ 90% trở lên",
                "dang_vien_httnv_tro_len": "≥ 90,5%",
                "chi_bo_truc_thuoc_httnv_tro_len": "từ 85 - 90%",
                "dang_vien_htxsnv_tren_danh_gia": "không quá 20%",
            }
        )
        english = narrate(figures, locale="en").text
        for printed in ("90% or more", "90.5% or more", "85% to 90%", "at most 20%"):
            assert printed in english
        for vietnamese in ("trở lên", "không quá", "từ 85"):
            assert vietnamese not in english
        assert "không quá 20%" in narrate(figures).text


class TestLegacyRatings:
    def test_mapping(self) -> None:
        """Before 2018: TSVM (tiêu biểu too) as HTXSNV, HTTNV, HTNV, yếu kém as KHTNV."""
        assert {
            LegacyRating.TSVM_TIEU_BIEU: Rating.HTXSNV,
            LegacyRating.TSVM: Rating.HTXSNV,
            LegacyRating.HTTNV: Rating.HTTNV,
            LegacyRating.HTNV: Rating.HTNV,
            LegacyRating.YEU_KEM: Rating.KHTNV,
        } == {level: level.rating for level in LegacyRating}

    def test_counts_from_legacy_labels(self) -> None:
        """Published pre-2018 counts feed the HTTNV-or-better ratio."""
        counts = rating_counts(
            "tccsd",
            {
                "trong sạch vững mạnh tiêu biểu": 12,
                "trong sạch, vững mạnh": 80,
                LegacyRating.HTTNV: 40,
                "hoàn thành nhiệm vụ": 5,
                "yếu kém": 1,
            },
        )
        assert Fraction(132, 138) == counts.share("tccsd_httnv_tro_len")

    def test_unknown_label(self) -> None:
        """A label of neither scale is refused."""
        with pytest.raises(ParseError):
            rating_counts("tccsd", {"xuất sắc lắm": 1})


class TestProperties:
    @given(st.integers(min_value=1, max_value=10**6), st.sampled_from(["trên", "hơn", "dưới"]))
    def test_open_ends_exclude_the_figure(self, n: int, word: str) -> None:
        """ "trên N", "hơn N", "dưới N" never include N itself."""
        bound = Bounded.parse(f"{word} {n:,}".replace(",", "."))
        assert Fraction(n) not in bound

    @given(st.integers(min_value=1, max_value=10**6))
    def test_about_includes_the_figure(self, n: int) -> None:
        """ "khoảng N" and "gần N" bracket N (gần from below)."""
        text = f"{n:,}".replace(",", ".")
        assert Fraction(n) in Bounded.parse(f"khoảng {text}")
        near = Bounded.parse(f"gần {text}")
        assert Fraction(n) not in near
        assert Fraction(n) - Fraction(1, 2) in near

    @given(
        st.integers(0, 50),
        st.integers(0, 50),
        st.integers(0, 50),
        st.integers(0, 40),
        st.integers(0, 10),
        st.sampled_from(["htxsnv", "htnv"]),
    )
    def test_ranged_ratio_holds_every_count_and_its_ends(
        self, known: int, other: int, last: int, low: int, width: int, level: str
    ) -> None:
        """A ratio with one count in "từ A - B" holds the share of every whole count in
        the band, and its ends are two of those shares."""
        parts = {"tccsd_htxsnv": known, "tccsd_httnv": other, "tccsd_htnv": last, "tccsd_khtnv": 3}
        del parts[f"tccsd_{level}"]
        figures = Figures(Tally(parts), ranges={f"tccsd_{level}": f"từ {low} - {low + width}"})
        reading = read_ratio(figures, "tccsd_httnv_tro_len")
        shares = {
            Tally({**parts, f"tccsd_{level}": x}).share("tccsd_httnv_tro_len")
            for x in range(low, low + width + 1)
        }
        assert all(share is not None and reading.contains(share) for share in shares)
        assert {reading.low, reading.high} <= shares

    @given(st.integers(min_value=0, max_value=100))
    def test_span_round_trip(self, n: int) -> None:
        """A printed span names the figure's ends exactly."""
        assert format_span(Bounded.parse(f"trên {n}%").reading()) == f"({n}%; +∞)"

    @given(
        st.text(max_size=40)
        | st.lists(
            st.sampled_from(["trên", "gần", "khoảng", "từ", "-", "trở lên", "đạt", "chỉ tiêu",
                             "90", "3,9", "8.100", "%", " ", "vượt", "dưới", "0"]),
            max_size=8,
        ).map(" ".join)
    )  # fmt: skip
    def test_parse_figure_total(self, text: str) -> None:
        """Any text is a figure or raises ParseError."""
        with contextlib.suppress(ParseError):
            parse_figure(text)


@pytest.mark.parametrize("read", [parse_figure, Bounded.parse])
def test_a_long_text_is_refused_before_it_is_read(read: Callable[[str], object]) -> None:
    """A million digits once took 40 s to read; a figure is a short text."""
    with pytest.raises(ParseError, match="dài hơn 200 ký tự"):
        read("1," + "5" * 1_000_000 + "%")
    with pytest.raises(ParseError, match="dài hơn 200 ký tự"):
        read("trên " + "9" * 300)


@given(st.integers(min_value=0, max_value=200))
def test_the_length_is_counted_composed(length: int) -> None:
    """A published figure within 200 characters composed (NFC) was refused decomposed
    (NFD), "dài hơn 200 ký tự": its marks counted. Any Unicode form reads alike."""
    tail = " đạt trên 90%"
    words = "tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên " * 4
    text = (words[: max(length - len(tail), 0)].strip() + tail).strip()
    for read in (parse_figure, Bounded.parse):
        try:
            expected: object = read(text)
        except ParseError as error:
            expected = error.reason
        try:
            decomposed: object = read(unicodedata.normalize("NFD", text))
        except ParseError as error:
            decomposed = error.reason
        assert expected == decomposed


class TestNumbersThatNameAreNoFigures:
    """A year, a day, a rank, a document or a unit written with digits names something;
    read as a count it was a figure no report gave ("Nghị quyết số 21-NQ/TW" was 21)."""

    @pytest.mark.parametrize(
        "text",
        [
            "Nghị quyết số 21-NQ/TW",
            "Quy định 366-QĐ/TW",
            "Kết luận 124",
            "Chỉ thị số 35",
            "Kế hoạch số 26",
            "năm 2025",
            "nhiệm kỳ 2025 - 2030",
            "giai đoạn 2020-2025",
            "giai đoạn từ 2020 - 2025",
            "nhiệm kỳ 2020 đến 2025",
            "từ năm 2020 đến năm 2025",
            # With no word before the years, "đến" joins them as a dash does: they were a
            # band of 2.021 to 2.025 counts.
            "từ 2021 đến 2025",
            "2016 tới 2020",
            "(2020 đến 2025)",
            "Đại hội lần thứ 14",
            "khóa 13",
            "Điều 24",
            "tháng 11/2022",
            "quý IV/2025",
            "ngày 20/10/2023",
            "tính đến 31/12",
            "chi bộ số 7",
            "Phường 12",
            # A programme named by its number, as a plan lists them; it was a count of 2.
            "Chương trình 2 - Nâng cao chất lượng đội ngũ đảng viên",
        ],
    )
    def test_alone_it_is_refused_naming_it(self, text: str) -> None:
        with pytest.raises(ParseError, match="không phải số liệu"):
            parse_figure(text)
        with pytest.raises(ParseError, match="không phải số liệu"):
            Bounded.parse(text)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("năm 2025 kết nạp 1.087 đảng viên", 1087),
            ("theo Kết luận 124, kết nạp 245 đảng viên", 245),
            ("thực hiện Nghị quyết 21-NQ/TW, kết nạp 318 đảng viên", 318),
            ("Đảng bộ Quận 3 kết nạp 64 đảng viên", 64),
            ("6 tháng đầu năm 2025 kết nạp 77 đảng viên", 77),
            ("tính đến 31/12/2024 có 40.112 đảng viên", 40112),
            ("đến 31/12 có 40.112 đảng viên", 40112),
            ("Đại hội lần thứ 14 có 1.586 đại biểu", 1586),
            ("năm học 2024 - 2025 kết nạp 12 đảng viên", 12),
            ("khóa 2020 - 2025 có 41 ủy viên", 41),
            ("giai đoạn từ 2020 đến 2025 kết nạp 1.234 đảng viên", 1234),
            ("(2020 - 2025) kết nạp 1.234 đảng viên", 1234),
            ("từ 2021 đến 2025, kết nạp 1.318 đảng viên", 1318),
            ("kết nạp 96 đảng viên (2016 tới 2020)", 96),
            ("từ 2000 đến 2500 đảng viên, năm 2024", None),
            ("đợt 1 kết nạp 45 đảng viên", 45),
            ("giai đoạn 2023-2025 và 2025-2030 có 1.204 đảng viên", 1204),
            ("từ 2000 - 2500 đảng viên, năm 2024", None),
            ("theo Biểu 1: 38.356 đảng viên", 38356),
            ("trao Huy hiệu 40 năm tuổi Đảng cho 212 đảng viên", 212),
            # Báo Hải Dương: "Sau hơn 1 năm triển khai thực hiện nghị quyết, huyện đã kết
            # nạp được 146 đảng viên". It was refused as two figures.
            (
                "Sau hơn 1 năm triển khai thực hiện nghị quyết, huyện đã kết nạp được 146 "
                "đảng viên",
                146,
            ),
            ("sau gần 3 năm thực hiện, kết nạp 1.234 đảng viên", 1234),
        ],
    )
    def test_beside_a_figure_the_figure_is_read(self, text: str, expected: int | None) -> None:
        figure = parse_figure(text)
        if expected is None:  # counts far apart are a band of counts, not a term
            assert isinstance(figure, Bounded)
            assert (figure.low, figure.high, figure.percent) == (2000, 2500, False)
        else:
            assert figure == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            # Quảng Trị, quý I/2024: "213/333 đảng viên ... từ 18 - 30 tuổi, chiếm 64%".
            ("đảng viên trẻ (từ 18 - 30 tuổi) chiếm 64%", Rounded(Fraction(64, 100), 0)),
            ("đảng viên dưới 30 tuổi chiếm 64%", Rounded(Fraction(64, 100), 0)),
            ("đảng viên tuổi đời từ 18 đến 30 chiếm 64%", Rounded(Fraction(64, 100), 0)),
            # Báo Quảng Nam (2007): "có 119.756 đồng chí tuổi đời từ 18 đến 30 tuổi".
            ("có 119.756 đồng chí tuổi đời từ 18 đến 30 tuổi", 119756),
            ("kết nạp 213 đảng viên từ 18 - 30 tuổi", 213),
            ("đảng viên có tuổi đảng từ 40 năm trở lên chiếm 12%", Rounded(Fraction(12, 100), 0)),
            # "trở lên" is the party age's, not the share's.
            ("12% đảng viên có tuổi đảng từ 40 năm trở lên", Rounded(Fraction(12, 100), 0)),
        ],
    )
    def test_an_age_naming_whom_it_counts_is_passed_over(
        self, text: str, expected: int | Rounded
    ) -> None:
        """An age beside a figure was refused as a second figure ("có nhiều hơn một con
        số"); alone it is refused, naming it."""
        assert parse_figure(text) == expected
        with pytest.raises(ParseError, match=r"'30 tuổi' .* không phải số liệu"):
            parse_figure("dưới 30 tuổi")

    @pytest.mark.parametrize(
        ("text", "span"),
        [
            ("theo NQ 21, đạt trên 90%", "(90%; +∞)"),
            ("theo QĐ 124 không quá 20%", "[0%; 20%]"),
            ("theo KL 124, không quá 20%", "[0%; 20%]"),
            ("theo HD 25, kết nạp từ 90 - 100 đảng viên", "[90; 100]"),
        ],
    )
    def test_a_document_named_shortened_is_passed_over(self, text: str, span: str) -> None:
        """ "QĐ 124", "NQ 21" name a document as "Quy định 124" does; they were a second
        figure, and the figure beside them was refused."""
        assert parse_figure(text).span() == span  # type: ignore[union-attr]
        with pytest.raises(ParseError, match="không phải số liệu"):
            parse_figure("QĐ 124")

    @pytest.mark.parametrize("text", ["đợt 3 - 5 chi bộ", "10-12 năm tuổi Đảng", "lần 2 đến 4"])
    def test_a_range_of_names_is_refused_naming_it(self, text: str) -> None:
        """ "đợt 3 - 5 chi bộ" was 5: the label hid one end of the range, not the other."""
        with pytest.raises(ParseError, match="không phải số liệu"):
            parse_figure(text)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("trong đợt 1 - 2 kết nạp 45 đảng viên", 45),
            ("trao Huy hiệu 30 - 40 năm tuổi Đảng cho 45 đồng chí", 45),
            ("khóa 13 - 200 đại biểu", 200),
            ("năm 2024 - 1.087 đảng viên", 1087),
        ],
    )
    def test_beside_a_range_of_names_the_figure_is_read(self, text: str, expected: int) -> None:
        assert parse_figure(text) == expected

    @pytest.mark.parametrize(
        "text", ["nhiệm kì 2020 đến 2025", "thời kì 2021 - 2030", "quí III/2024"]
    )
    def test_a_term_or_quarter_spelt_with_i_is_refused_naming_it(self, text: str) -> None:
        """ "nhiệm kì 2020 đến 2025" was a band of 2.020 to 2.025 counts."""
        with pytest.raises(ParseError, match="không phải số liệu"):
            parse_figure(text)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("nhiệm kì 2020 đến 2025 kết nạp 1.234 đảng viên", 1234),
            ("quí III/2024 kết nạp 45 đảng viên", 45),
            ("quí 3 kết nạp 12 đảng viên", 12),
            ("khoá 13 có 200 đại biểu", 200),
        ],
    )
    def test_beside_a_term_or_quarter_spelt_with_i(self, text: str, expected: int) -> None:
        assert parse_figure(text) == expected

    @pytest.mark.parametrize(
        ("text", "low", "high"),
        [("lên đến 10 - 12 chi bộ", 10, 12), ("kết nạp tới 3 - 5 đảng viên", 3, 5)],
    )
    def test_a_band_after_den_or_toi_is_no_day(self, text: str, low: int, high: int) -> None:
        """ "đến 10 - 12 chi bộ" is a band of counts; it was refused as the day 10/12."""
        figure = parse_figure(text)
        assert isinstance(figure, Bounded)
        assert (figure.low, figure.high, figure.percent) == (low, high, False)

    @pytest.mark.parametrize(
        "text", ["đến 31-12 có 40.112 đảng viên", "tới 31 / 12 có 40.112 đảng viên"]
    )
    def test_a_day_after_den_or_toi_is_still_a_day(self, text: str) -> None:
        assert parse_figure(text) == 40112

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            # Báo Quảng Nam prints the day so: "Tính đến ngày 30.5, toàn tỉnh đã kết nạp
            # được 1.351 đảng viên mới". It was refused as two figures.
            ("Tính đến ngày 30.5, toàn tỉnh đã kết nạp được 1.351 đảng viên mới", 1351),
            ("đến 31.12 có 40.112 đảng viên", 40112),
            ("từ ngày 1.1 đến ngày 30.6 kết nạp 200 đảng viên", 200),
            ("tới 31.12 đạt 95%", Rounded(Fraction(95, 100), 0)),
            # Báo Hải Dương: "Thời điểm quý II.2018, huyện mới có 16 ... thôn".
            ("Thời điểm quý II.2018, huyện mới có 16 thôn", 16),
            ("tháng 6.2024 kết nạp 12 đảng viên", 12),
        ],
    )
    def test_a_day_and_month_joined_by_a_dot_is_a_day(
        self, text: str, expected: int | Rounded
    ) -> None:
        assert parse_figure(text) == expected
        with pytest.raises(ParseError, match="không phải số liệu"):
            parse_figure("ngày 30.5")

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            # Báo Hà Tĩnh: "Thôn 1 có 3 đảng viên sinh hoạt ghép tại chi bộ 2".
            ("Thôn 1 có 3 đảng viên sinh hoạt ghép tại chi bộ 2", 3),
            ("tổ 5 có 12 đảng viên", 12),
            ("Chi bộ 5: 98%", Rounded(Fraction(98, 100), 0)),
            # A count after "số" or before what it counts stays a count.
            ("tổng số chi bộ 1.251", 1251),
            ("số lượng chi bộ 125", 125),
            ("chi bộ 3 đảng viên", 3),
            ("mỗi chi bộ 3 - 5 đảng viên", Bounded.parse("3 - 5")),
        ],
    )
    def test_a_unit_named_by_its_number_is_passed_over(
        self, text: str, expected: int | Rounded | Bounded
    ) -> None:
        """ "thành lập chi bộ 1 trực thuộc Đảng bộ xã" (Báo Hà Tĩnh) was a count of 1, and
        "Thôn 1 có 3 đảng viên" refused as two figures."""
        assert parse_figure(text) == expected
        with pytest.raises(ParseError, match=r"'chi bộ 1' .* không phải số liệu"):
            parse_figure("thành lập chi bộ 1 trực thuộc Đảng bộ xã")

    @pytest.mark.parametrize("text", ["QI/2024", "Q1/2024", "Q4-2024", "Q1 2024", "T12/2024"])
    def test_a_quarter_or_month_shortened_is_no_count(self, text: str) -> None:
        """ "QI/2024" (as parse_quarter reads it) was a count of 2.024: the letters before
        the year hid the quarter from the figure reader."""
        with pytest.raises(ParseError, match="không phải số liệu"):
            parse_figure(text)
        assert 120 == parse_figure(f"{text} kết nạp 120 đảng viên")

    @pytest.mark.parametrize(
        ("text", "expected"),
        [("lên đến 1.200 đảng viên", 1200), ("đến 12.345 đảng viên", 12345)],
    )
    def test_a_grouped_count_after_den_is_no_day(self, text: str, expected: int) -> None:
        """A dot grouping three digits is a count's ("đến 1.200"), never the 1st of
        December; and "đến 1.5 triệu" (a decimal point) is no day."""
        assert parse_figure(text) == expected
        with pytest.raises(ParseError, match=re.escape("'1.5' không phải một số")):
            parse_figure("lên đến 1.5 triệu đảng viên")

    def test_a_share_beside_a_year_keeps_its_words(self) -> None:
        figure = parse_figure("năm 2024 có trên 90% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ")
        assert isinstance(figure, Bounded)
        assert (figure.low, figure.low_open, figure.high) == (Fraction(9, 10), True, None)
        assert figure.text == "trên 90%"
        shown = parse_figure("quý III/2025 đạt 96,4%")
        assert isinstance(shown, Rounded)
        assert shown.text == "96,4%"
        band = Bounded.parse("giai đoạn 2025 - 2030 mỗi năm kết nạp từ 90 - 100 đảng viên")
        assert (band.low, band.high, band.percent) == (90, 100, False)

    def test_a_change_against_a_year_is_still_a_change(self) -> None:
        with pytest.raises(ParseError, match="mức thay đổi"):
            parse_figure("tăng 12 đảng viên so với năm 2023")
        with pytest.raises(ParseError, match="mức thay đổi"):
            parse_figure("tăng so với năm 2023 là 4,2%")

    @pytest.mark.parametrize(
        ("text", "expected"),
        [("năm 120 đảng viên", 120), ("tổng số 38.356 đảng viên", 38356), ("nam 1.234", 1234)],
    )
    def test_counts_next_to_such_words_stay_counts(self, text: str, expected: int) -> None:
        """Only a year is a year after "năm"; "nam" (men) names nothing."""
        assert parse_figure(text) == expected


class TestExceedingWords:
    """What "vượt" says with its neighbours, as admissions reports print it."""

    @pytest.mark.parametrize(
        "text",
        ["đạt và vượt 100% kế hoạch", "hoàn thành và vượt 100% chỉ tiêu", "đạt và vượt 100%"],
    )
    def test_met_and_exceeded_includes_the_figure(self, text: str) -> None:
        """Met *and* exceeded: 100% itself is in, as for "đạt và vượt chỉ tiêu"; it was
        200% (the target exceeded by 100%) or above 100% only."""
        figure = parse_figure(text)
        assert isinstance(figure, Bounded)
        assert (figure.low, figure.low_open, figure.high) == (1, False, None)
        met = TargetAttainmentRule(ratio="ket_nap_so_chi_tieu")
        assert met.check(Figures(shares={"ket_nap_so_chi_tieu": text})).status is Status.PASS

    @pytest.mark.parametrize(
        ("text", "low"),
        [
            ("vượt 100% kế hoạch", Fraction(1)),
            ("hoàn thành vượt 120% chỉ tiêu", Fraction(6, 5)),
            ("vượt kế hoạch 150%", Fraction(3, 2)),
            ("vượt trên 100% kế hoạch", Fraction(1)),
        ],
    )
    def test_exceeding_by_all_of_the_target_is_no_doubling(self, text: str, low: Fraction) -> None:
        """From 100% up, "vượt X% kế hoạch" is also read as X% of the plan ("hoàn thành
        vượt 120% chỉ tiêu"); the interval holds both readings, no longer the doubled
        plan alone."""
        figure = parse_figure(text)
        assert isinstance(figure, Bounded)
        assert (figure.low, figure.low_open, figure.high) == (low, True, None)
        assert Fraction(1) + low in figure

    def test_exceeding_by_part_of_the_target_is_unchanged(self) -> None:
        assert parse_figure("vượt 32,7% kế hoạch").text == "132,7%"

    def test_vuot_muc_bounds_like_vuot(self) -> None:
        """ "vượt mức 2,5%" was a rounded 2,5%, as if "vượt mức" were not there."""
        figure = parse_figure("vượt mức 2,5%")
        assert isinstance(figure, Bounded)
        assert (figure.low, figure.low_open, figure.high) == (Fraction(1, 40), True, None)
        assert parse_figure("không vượt mức 5%").span() == "[0%; 5%]"
        assert parse_figure("hoàn thành vượt mức 20% kế hoạch").text == "120%"

    @pytest.mark.parametrize(
        "text",
        [
            "vượt 25 đảng viên so với kế hoạch",
            "vượt 12 đảng viên so với chỉ tiêu được giao",
            "vượt chỉ tiêu 25 đảng viên",
            "vượt kế hoạch năm 8 đảng viên",
            # "mục tiêu" (the goal) as "chỉ tiêu": "vượt mục tiêu ... trên 500 đảng viên"
            # was read as more than 500.
            "vượt mục tiêu trên 500 đảng viên",
            "vượt 25 đảng viên so với mục tiêu",
        ],
    )
    def test_a_count_exceeding_the_target_is_refused(self, text: str) -> None:
        """ "vượt 25 đảng viên so với kế hoạch" is the target plus 25; it was "more than
        25" and "vượt chỉ tiêu 25 đảng viên" exactly 25."""
        with pytest.raises(ParseError, match="phần vượt"):
            parse_figure(text)

    @pytest.mark.parametrize(
        ("text", "span"),
        [
            ("vượt mục tiêu", "(100%; +∞)"),
            ("chưa đạt mục tiêu", "[0%; 100%)"),
            ("vượt 20% mục tiêu", "[119,45%; 121,0%)"),
        ],
    )
    def test_a_goal_is_a_target(self, text: str, span: str) -> None:
        """ "mục tiêu" was no target: "vượt mục tiêu" had no figure and "vượt 20% mục
        tiêu" was above 20%."""
        figure = parse_figure(text)
        assert not isinstance(figure, int)
        assert span == figure.span()

    def test_van_is_ten_thousand(self) -> None:
        """ "gần 1,5 vạn" was [1,4; 1,5): the scale word was dropped."""
        assert parse_figure("1,5 vạn") == 15_000
        near = parse_figure("gần 1,5 vạn đảng viên")
        assert isinstance(near, Bounded)
        assert (near.low, near.high, near.text) == (14_000, 15_000, "gần 1,5 vạn")


class TestAttainmentWithWordsInEnglish:
    """Admissions against a target published with words were left out of the English
    narrative ("đạt và vượt chỉ tiêu", "ước đạt 95%"), though the Vietnamese says them."""

    @pytest.mark.parametrize(
        ("published", "vi", "en"),
        [
            ("đạt và vượt chỉ tiêu", "đạt và vượt chỉ tiêu", "at or above target"),
            ("vượt chỉ tiêu", "vượt chỉ tiêu", "above target"),
            ("ước đạt 95%", "đạt ước 95% chỉ tiêu được giao", "about 95% of the assigned target"),
            (
                "đạt và vượt 100% kế hoạch",
                "đạt và vượt 100% chỉ tiêu được giao",
                "100% or more of the assigned target",
            ),
            (
                "vượt 100% kế hoạch",
                "đạt trên 100% chỉ tiêu được giao, vượt chỉ tiêu",
                "more than 100% of the assigned target, above target",
            ),
        ],
    )
    def test_both_languages_say_it(self, published: str, vi: str, en: str) -> None:
        figures = Figures(Tally(ket_nap=212), shares={"ket_nap_so_chi_tieu": published})
        assert narrate(figures).text == f"Kết nạp 212 đảng viên mới, {vi}."
        assert narrate(figures, locale="en").text == f"212 new members were admitted, {en}."


class TestPairsAsPrinted:
    """Reports print a ratio's counts with what they count ("56/58 TCCSĐ") or in words
    ("3 trong số 40"); `ratio_counts` took only the bare "56/58"."""

    @pytest.mark.parametrize(
        ("printed", "pair"),
        [
            ("755/758 tổ chức cơ sở đảng", (755, 758)),
            ("56/58 TCCSĐ hoàn thành tốt nhiệm vụ trở lên", (56, 58)),
            ("37 trong số 40", (37, 40)),
            ("37 trong tổng số 40 chi bộ", (37, 40)),
            ("1.702 trên tổng số 1.718", (1702, 1718)),
        ],
    )
    def test_ratio_counts_read_them(self, printed: str, pair: tuple[int, int]) -> None:
        figures = Figures(ratio_counts={"tccsd_httnv_tro_len": printed})
        assert figures.ratio_counts == {"tccsd_httnv_tro_len": pair}
        assert read_ratio(figures, "tccsd_httnv_tro_len").counts == pair

    @pytest.mark.parametrize("printed", ["45/50 chi bộ (90%)", "45/50%", "45/50/60", "4,5/50"])
    def test_anything_more_is_refused(self, printed: str) -> None:
        with pytest.raises(ParseError, match="cặp số đếm"):
            Figures(ratio_counts={"tccsd_httnv_tro_len": printed})

    @pytest.mark.parametrize(
        "printed", ["45/50 chi bộ", "37 trong số 40", "năm 2025 có 45/50 chi bộ"]
    )
    def test_as_one_figure_it_is_named_a_pair(self, printed: str) -> None:
        with pytest.raises(ParseError, match="cặp số đếm"):
            parse_figure(printed)

    @pytest.mark.parametrize(
        ("printed", "pair"),
        [
            # Báo Đồng Nai: "đã có 925/962 ấp, khu phố trên địa bàn tỉnh có cấp ủy".
            ("có 925/962 ấp, khu phố trên địa bàn tỉnh có cấp ủy", (925, 962)),
            # Báo Tây Ninh: "toàn tỉnh đã tổ chức ... với 35.599/35.900 đảng viên".
            ("với 35.599/35.900 đảng viên", (35599, 35900)),
            ("năm 2025 có 45/50 chi bộ", (45, 50)),
            ("tính đến ngày 30.5 có 45/50 chi bộ", (45, 50)),
            ("đạt 56 trên tổng số 58", (56, 58)),
            ("tỷ lệ chung 45/50", (45, 50)),
            ("Thời điểm quý II.2018, huyện mới có 16 trong tổng số 103 thôn", (16, 103)),
        ],
    )
    def test_ratio_counts_read_the_pair_parse_figure_names(
        self, printed: str, pair: tuple[int, int]
    ) -> None:
        """parse_figure refuses "có 925/962 ấp, khu phố" as a pair to give to ratio_counts,
        which refused the same words before it ("cần hai số nguyên"): both read them."""
        with pytest.raises(ParseError, match="ratio_counts"):
            parse_figure(printed)
        assert {"thon_co_chi_bo": pair} == Figures(
            ratio_counts={"thon_co_chi_bo": printed}
        ).ratio_counts

    @pytest.mark.parametrize(
        ("printed", "said"),
        [
            ("trên 45/50 chi bộ", "trên"),
            ("gần 45/50", "gần"),
            ("có khoảng 45/50 chi bộ", "khoảng"),
            ("chừng 45/50", "chừng"),
            ("≥ 45/50", "≥"),
            ("tăng 5/10", "tăng"),
        ],
    )
    def test_a_pair_under_a_bound_is_refused_naming_it(self, printed: str, said: str) -> None:
        """ "trên 45/50 chi bộ" is no pair of known counts: refused, naming the word."""
        with pytest.raises(ParseError, match=f"'{said}' trước cặp số"):
            Figures(ratio_counts={"thon_co_chi_bo": printed})


def _verdict_cells(narrative: object) -> list[tuple[str, str]]:
    """(status, observed) as the verdict table of a narrative prints them."""
    tables = getattr(narrative, "tables", [])
    table = next(t for t in tables if t.columns[3].key == "observed")
    return [(row[2].value, row[3].text) for row in table.rows]


class TestPublishedWordsBesideTheirVerdict:
    """A published "trên 90%" judged đạt printed its face, "90%", as what was observed:
    "met; observed 90%; target more than 90%", and "gần 3%" printed "3%" beside "không
    đạt chỉ tiêu từ 3 - 4%". A face that is no value the figure allows is now printed
    as the figure's words."""

    @pytest.mark.parametrize(
        ("published", "status", "vi", "en"),
        [
            ("trên 90%", "pass", "trên 90%", "more than 90%"),
            ("gần 90%", "fail", "gần 90%", "nearly 90%"),
            ("hơn 95%", "pass", "hơn 95%", "more than 95%"),
        ],
    )
    def test_rated_share(self, published: str, status: str, vi: str, en: str) -> None:
        figures = Figures(shares={"tccsd_httnv_tro_len": published})
        checks = NQ21_2025.check(figures)
        assert _verdict_cells(narrate(figures, checks=checks))[0] == (status, vi)
        english = narrate(figures, checks=checks, locale="en")
        assert _verdict_cells(english)[0] == (status, en)
        assert f"observed {en};" in english.text
        html = checks.to_html()
        assert f"<td>{vi}</td>" in html
        assert "<td>90%</td>" not in html

    @pytest.mark.parametrize(
        ("published", "vi", "en"),
        [
            ("từ 90% trở lên", "từ 90% trở lên", "90% or more"),
            ("khoảng 90%", "khoảng 90%", "about 90%"),
            ("từ 90 - 95%", "từ 90 - 95%", "90% to 95%"),
        ],
    )
    def test_words_the_face_drops(self, published: str, vi: str, en: str) -> None:
        """ "từ 90% trở lên" against "trên 90%" printed "90%" beside "chưa xác định": a
        face that fails "trên 90%", printed without the words that leave it open."""
        figures = Figures(shares={"tccsd_httnv_tro_len": published})
        checks = NQ21_2025.check(figures)
        assert _verdict_cells(narrate(figures, checks=checks))[0] == ("undetermined", vi)
        english = narrate(figures, checks=checks, locale="en")
        assert _verdict_cells(english)[0] == ("undetermined", en)
        assert f"observed {en};" in english.text
        assert f"<td>{vi}</td>" in checks.to_html()

    @pytest.mark.parametrize(
        ("published", "en"),
        [
            ("trên 90,125%", "more than 90.125%"),
            ("từ 2/3 trở lên", "66.66% or more"),
            ("dưới 1/3", "under 33.34%"),
            ("từ 90,125 - 95,5%", "90.125% to 95.5%"),
        ],
    )
    def test_an_end_in_english_is_never_narrowed(self, published: str, en: str) -> None:
        """ "trên 90,125%" said "more than 90.13%" in English, and "từ 2/3 trở lên" "66.67%
        or more": ends rounded inward, which leave out values the figure allows. An end is
        printed exactly, or rounded outward when it has no short exact form."""
        figures = Figures(shares={"tccsd_httnv_tro_len": published})
        checks = NQ21_2025.check(figures)
        english = narrate(figures, checks=checks, locale="en")
        assert f"observed {en};" in english.text

    def test_admission_band(self) -> None:
        figures = Figures(shares={"ty_le_ket_nap": "gần 3%"})
        checks = NQ21_2025.check(figures)
        assert ("fail", "gần 3%") in _verdict_cells(narrate(figures, checks=checks))
        english = narrate(figures, checks=checks, locale="en")
        assert ("fail", "nearly 3%") in _verdict_cells(english)

    def test_a_count_within_bounds(self) -> None:
        """ "dưới 90" đảng viên against "từ 90": the face 90 meets it; the words do not."""
        figures = Figures(ranges={"ket_nap": "dưới 90"})
        checks = RuleSet("kế hoạch", [CountAtLeastRule(indicator="ket_nap", minimum=90)]).check(
            figures
        )
        assert _verdict_cells(narrate(figures, checks=checks)) == [("fail", "dưới 90")]
        english = narrate(figures, checks=checks, locale="en")
        assert _verdict_cells(english) == [("fail", "under 90")]
        assert "observed under 90;" in english.text

    @pytest.mark.parametrize(
        ("published", "vi", "en"),
        [
            ("từ 90 - 100", "từ 90 - 100", "90 to 100"),
            ("khoảng 1,2 nghìn", "khoảng 1,2 nghìn", "about 1,200"),
        ],
    )
    def test_a_count_within_bounds_is_no_percentage(self, published: str, vi: str, en: str) -> None:
        """ "từ 90 - 100" đảng viên against "2.000 đảng viên mới mỗi năm" was printed
        "9.000,00%" in the table and "9,000%" in English and in to_html."""
        figures = Figures(ranges={"ket_nap": published})
        checks = BINH_THUAN.check(figures)
        assert _verdict_cells(narrate(figures, checks=checks)) == [("fail", vi)]
        english = narrate(figures, checks=checks, locale="en")
        assert _verdict_cells(english) == [("fail", en)]
        assert f"observed {en};" in english.text
        assert f"<td>{vi}</td>" in checks.to_html()
        assert "%" not in checks.to_html().split("<td>", 2)[2].split("</td>")[0]

    def test_a_rule_with_no_title_is_named_by_what_it_counts(self) -> None:
        """In English a rule with no title (a bare CountAtLeastRule) printed the
        catalogue's header, "Project-Id-Version: ...", as its name."""
        figures = Figures(ranges={"ket_nap": "gần 120"})
        rule = CountAtLeastRule(indicator="ket_nap", minimum=120)
        checks = RuleSet("kế hoạch", [rule]).check(figures)
        english = narrate(figures, checks=checks, locale="en").text
        assert "Project-Id-Version" not in english
        assert english == "Members admitted in the year: not met; observed nearly 120; target 120."

    def test_a_face_the_figure_allows_is_printed_as_before(self) -> None:
        figures = Figures(shares={"tccsd_httnv_tro_len": "89,95%"})
        checks = NQ21_2025.check(figures)
        assert _verdict_cells(narrate(figures, checks=checks))[0] == ("fail", "89,95%")

    @given(
        st.sampled_from(["trên", "hơn", "gần", "dưới", "khoảng", "không quá", "từ"]),
        st.integers(min_value=850, max_value=950),
        st.sampled_from(["vi", "en"]),
    )
    def test_a_printed_percentage_never_contradicts_its_verdict(
        self, words: str, tenths: int, locale: str
    ) -> None:
        number = f"{tenths // 10},{tenths % 10}" if tenths % 10 else str(tenths // 10)
        published = f"{words} {number}%" + (" trở lên" if words == "từ" else "")
        figures = Figures(shares={"dang_vien_httnv_tro_len": published})
        checks = NQ21_2025.check(figures)
        status, shown = _verdict_cells(narrate(figures, checks=checks, locale=locale))[1]
        bare = re.fullmatch(r"([0-9]+(?:[.,][0-9]+)?)%", shown)
        if status in ("pass", "fail") and bare is not None:
            value = Fraction(bare.group(1).replace(",", ".")) / 100
            assert (value > Fraction(9, 10)) == (status == "pass"), (published, shown)


class TestBandAndTurnWords:
    def test_toi_joins_a_band_as_den_does(self) -> None:
        """ "từ 3 tới 4%" was refused as two numbers; "tới" is "đến"."""
        band = parse_figure("từ 3 tới 4%")
        assert isinstance(band, Bounded)
        assert (band.low, band.high, band.low_open, band.high_open) == (
            Fraction(3, 100),
            Fraction(4, 100),
            False,
            False,
        )

    @pytest.mark.parametrize("text", ["dưới 90% trở lên", "trên 5% trở xuống", "hơn 20 trở xuống"])
    def test_words_against_their_turn_are_refused(self, text: str) -> None:
        """ "dưới 90% trở lên" was [0%; 90%), its "trở lên" dropped."""
        with pytest.raises(ParseError, match="trái nghĩa"):
            parse_figure(text)

    @pytest.mark.parametrize(
        ("text", "span"),
        [
            ("không quá 5% trở xuống", "[0%; 5%]"),
            ("từ 90% trở lên", "[90%; +∞)"),
            ("trên 90% trở lên", "(90%; +∞)"),
        ],
    )
    def test_words_along_their_turn_are_read(self, text: str, span: str) -> None:
        figure = parse_figure(text)
        assert isinstance(figure, Bounded)
        assert figure.span() == span


@given(
    st.sampled_from(["", "trên ", "gần ", "khoảng ", "dưới ", "từ ", "đạt ", "chiếm ", "hơn "]),
    st.integers(min_value=1, max_value=99_999),
    st.sampled_from(["%", "", " đảng viên", "% trở lên"]),
    st.integers(min_value=1945, max_value=2099),
    st.sampled_from(["năm {y}, ", "trong năm {y} ", "{text} năm {y}", "Nghị quyết số 21-NQ/TW: "]),
)
def test_a_year_or_a_document_beside_a_figure_changes_nothing(
    lead: str, n: int, tail: str, year: int, frame: str
) -> None:
    """What a figure reads as does not depend on a year or a document named beside it."""
    number = format_number(Fraction(n, 10), 1) if tail.startswith("%") else format_number(n)
    text = f"{lead}{number}{tail}"
    try:
        alone = parse_figure(text)
    except ParseError:
        return
    framed = frame.format(y=year, text=text) if "{text}" in frame else frame.format(y=year) + text
    assert parse_figure(framed) == alone


class TestTargetSaidInWords:
    @pytest.mark.parametrize(
        ("text", "low", "low_open"),
        [
            ("vượt kế hoạch đề ra", Fraction(1), True),
            ("vượt chỉ tiêu trên giao", Fraction(1), True),
            ("đạt và vượt kế hoạch đề ra", Fraction(1), False),
            ("đạt chỉ tiêu cấp trên giao", Fraction(1), False),
        ],
    )
    def test_every_name_of_the_target_is_read(
        self, text: str, low: Fraction, low_open: bool
    ) -> None:
        """ "vượt kế hoạch đề ra" was refused ("không có con số nào") where "vượt chỉ tiêu
        đề ra" was read; "trên giao" (assigned from above) was not known."""
        figure = parse_figure(text)
        assert isinstance(figure, Bounded)
        assert (figure.low, figure.low_open, figure.high) == (low, low_open, None)

    @pytest.mark.parametrize(
        "text",
        ["chưa đạt chỉ tiêu", "không đạt chỉ tiêu được giao", "chưa hoàn thành kế hoạch năm"],
    )
    def test_a_target_missed_is_below_all_of_it(self, text: str) -> None:
        """It was refused; it says the count is below the target, as reports print it."""
        figure = parse_figure(text)
        assert isinstance(figure, Bounded)
        assert figure.span() == "[0%; 100%)"
        figures = Figures(Tally(ket_nap=212), shares={"ket_nap_so_chi_tieu": text})
        rule = TargetAttainmentRule(ratio="ket_nap_so_chi_tieu")
        assert rule.check(figures).status is Status.FAIL
        assert narrate(figures).text == f"Kết nạp 212 đảng viên mới, {text}."
        assert narrate(figures, locale="en").text == "212 new members were admitted, below target."


@pytest.mark.parametrize("share", ["trên 90", "gần 120", "từ 90 - 100", Bounded.parse("trên 90")])
def test_a_count_is_no_published_share(share: object) -> None:
    """ "trên 90" typed without its "%" was taken as a share above 90 (9.000%) and passed
    "trên 90% TCCSĐ hoàn thành tốt nhiệm vụ trở lên"; a bare "90" was already refused."""
    with pytest.raises(ParseError, match="dấu '%'"):
        Figures(shares={"tccsd_httnv_tro_len": share})


@pytest.mark.parametrize(
    "make",
    [
        lambda: Figures(shares={"tccsd_httnv_tro_len": Fraction(-1, 10)}),
        lambda: Rounded(Fraction(-3, 100), 1),
        lambda: Bounded(Fraction(-5), Fraction(3)),
        lambda: Bounded(None, Fraction(-1, 100), percent=True),
    ],
)
def test_a_negative_published_figure_is_refused(make: Callable[[], object]) -> None:
    """A negative share was judged: "-3,0%" printed "[0,00%; -2,90%)" and failed the
    admission band, where the text "-3%" is refused."""
    with pytest.raises(ValueError, match="không được âm"):
        make()


@pytest.mark.parametrize(
    "text", ["(tăng 08)", "[giảm 2%]", "tỷ lệ: tăng 2%", "(tăng so với cùng kỳ 5%)"]
)
def test_a_change_in_brackets_or_after_a_colon_is_a_change(text: str) -> None:
    """ "(tăng 08)", as reports print a change after a count, was a count of 8: the verb
    was only seen after a space or at the start."""
    with pytest.raises(ParseError, match="mức thay đổi"):
        parse_figure(text)
    assert parse_figure("(tăng lên 75,9%)").text == "75,9%"


class TestFiguresInBracketsAndQuotes:
    """A figure's words right after a bracket or a quote were lost: "(trên 90%)" read as
    a rounded 90%, "(gần 120 đảng viên)" as exactly 120, "(không quá 5%)" as a rounded 5%,
    and "(dưới 3 - 4%)" as the band it bounds."""

    @pytest.mark.parametrize(
        ("text", "span", "said"),
        [
            ("(trên 90%)", "(90%; +∞)", "trên 90%"),
            ("chiếm (hơn 96%)", "(96%; +∞)", "hơn 96%"),
            ("“trên 90%”", "(90%; +∞)", "trên 90%"),
            ("«gần 72%»", "[68,4%; 72%)", "gần 72%"),
            ("(gần 120 đảng viên)", "[114; 120)", "gần 120"),
            ("(không quá 5%)", "[0%; 5%]", "không quá 5%"),
            ("(từ 90% trở lên)", "[90%; +∞)", "từ 90% trở lên"),
            ("(từ 3 - 4%)", "[3%; 4%]", "từ 3 - 4%"),
        ],
    )
    def test_the_words_are_read(self, text: str, span: str, said: str) -> None:
        figure = parse_figure(text)
        assert isinstance(figure, Bounded)
        assert (figure.span(), figure.text) == (span, said)

    def test_a_bound_before_a_band_is_still_refused(self) -> None:
        with pytest.raises(ParseError, match="không rõ nghĩa"):
            parse_figure("(dưới 3 - 4%)")

    def test_a_published_share_in_brackets_is_judged_on_its_words(self) -> None:
        result = ABOVE_90.check(tccsd("(trên 90%)"))
        assert result.status is Status.PASS


class TestTroLenBelongsToWhatItFollows:
    """ "trở lên" anywhere after a figure bounded it: "93,75% TCCS đảng hoàn thành tốt
    nhiệm vụ trở lên" (a rounded share of those rated HTTNV or better) was 93,75% or
    more, and "1.677 đồng chí ... từ trung cấp trở lên" 1.677 or more."""

    @pytest.mark.parametrize(
        ("text", "span"),
        [
            ("93,75% TCCS đảng hoàn thành tốt nhiệm vụ trở lên", "[93,7445%; 93,760%)"),
            ("89,5% đảng viên xếp loại từ hoàn thành tốt nhiệm vụ trở lên", "[89,445%; 89,60%)"),
            ("16,2% HTTNV trở lên", "[16,145%; 16,30%)"),
        ],
    )
    def test_a_rating_level_keeps_its_own(self, text: str, span: str) -> None:
        figure = parse_figure(text)
        assert isinstance(figure, Rounded)
        assert figure.span() == span
        assert ABOVE_90.check(tccsd("89,5% TCCSĐ hoàn thành tốt nhiệm vụ trở lên")).status is (
            Status.FAIL
        )

    def test_a_count_of_a_level_keeps_its_own(self) -> None:
        assert (
            parse_figure("1.677 đồng chí trình độ lý luận chính trị từ trung cấp trở lên") == 1677
        )
        below = parse_figure("dưới 10% đảng viên xếp loại từ hoàn thành tốt nhiệm vụ trở lên")
        assert isinstance(below, Bounded)
        assert below.span() == "[0%; 10%)"

    @pytest.mark.parametrize(
        ("text", "span", "said"),
        [
            ("90% trở lên", "[90%; +∞)", "90% trở lên"),
            ("từ 3% trở lên so với tổng số đảng viên", "[3%; +∞)", "từ 3% trở lên"),
            ("từ 1 đảng viên trở lên", "[1; +∞)", "từ 1 trở lên"),
            ("từ 5 đảng viên trở xuống", "[0; 5]", "từ 5 trở xuống"),
        ],
    )
    def test_right_after_the_figure_it_bounds_it(self, text: str, span: str, said: str) -> None:
        figure = parse_figure(text)
        assert isinstance(figure, Bounded)
        assert (figure.span(), figure.text) == (span, said)

    @pytest.mark.parametrize(
        ("text", "span", "said"),
        [
            ("chi bộ có 30 đảng viên trở lên", "[30; +∞)", "30 trở lên"),
            ("kết nạp 120 người trở lên", "[120; +∞)", "120 trở lên"),
            ("45 chi bộ trở xuống", "[0; 45]", "45 trở xuống"),
        ],
    )
    def test_after_what_the_figure_counts_it_bounds_it(
        self, text: str, span: str, said: str
    ) -> None:
        """ "30 đảng viên trở lên" is 30 or more, with or without "từ"; it was exactly 30."""
        figure = parse_figure(text)
        assert isinstance(figure, Bounded)
        assert (figure.span(), figure.text) == (span, said)


@given(
    st.sampled_from(["", "trên ", "gần ", "khoảng ", "dưới ", "không quá ", "từ ", "hơn ", "ước "]),
    st.integers(min_value=1, max_value=99_999),
    st.sampled_from(["%", "", " đảng viên", "% trở lên"]),
    st.sampled_from([("(", ")"), ("“", "”"), ("«", "»"), ('"', '"'), ("[", "]"), ("chiếm (", ")")]),
)
def test_brackets_and_quotes_around_a_figure_change_nothing(
    lead: str, n: int, tail: str, marks: tuple[str, str]
) -> None:
    """A figure reads the same in brackets or quotes as without them."""
    number = format_number(Fraction(n, 10), 1) if tail.startswith("%") else format_number(n)
    text = f"{lead}{number}{tail}"
    try:
        alone = parse_figure(text)
    except ParseError:
        return
    opening, closing = marks
    assert parse_figure(f"{opening}{text}{closing}") == alone


@given(
    st.sampled_from(["", "trên ", "gần ", "khoảng ", "dưới ", "hơn ", "đạt ", "chiếm "]),
    st.integers(min_value=1, max_value=99_999),
    st.sampled_from(["%", " đảng viên"]),
    st.sampled_from(
        [
            " TCCSĐ hoàn thành tốt nhiệm vụ trở lên",
            " đảng viên được xếp loại từ hoàn thành tốt nhiệm vụ trở lên",
            " đồng chí có trình độ từ trung cấp trở lên",
        ]
    ),
)
def test_a_levels_tro_len_is_not_the_figures(lead: str, n: int, unit: str, level: str) -> None:
    """ "trở lên" closing the name of a level bounds the level, not the figure before it."""
    number = format_number(Fraction(n, 10), 1) if unit == "%" else format_number(n)
    text = f"{lead}{number}{unit}"
    try:
        alone = parse_figure(text)
    except ParseError:
        return
    assert parse_figure(text + level) == alone


class TestNumberWordsAfterACount:
    """Words after a count that change it: "trăm" and "chục" multiply it as "nghìn" does,
    "rưỡi" adds half of the unit before it; "hơn 2 trăm nghìn" was more than 2."""

    @pytest.mark.parametrize(
        ("text", "count"),
        [
            ("2 trăm nghìn đảng viên", 200_000),
            ("3 trăm", 300),
            ("2 chục nghìn", 20_000),
            ("5 triệu rưỡi", 5_500_000),
            ("1 nghìn rưởi đảng viên", 1_500),
            ("1 trăm rưỡi", 150),
            ("3 trăm triệu", 300_000_000),
        ],
    )
    def test_the_count_the_words_say(self, text: str, count: int) -> None:
        assert count == parse_figure(text)

    @pytest.mark.parametrize(
        ("text", "span"),
        [
            ("hơn 2 trăm đảng viên", "(200; +∞)"),
            ("hơn 1 trăm nghìn", "(100.000; +∞)"),
            ("gần 3 chục chi bộ", "[20; 30)"),
            # "1 triệu rưỡi" is "1,5 triệu", its last place a hundred thousand.
            ("gần 1 triệu rưỡi", "[1.400.000; 1.500.000)"),
            ("hơn 2 nghìn rưỡi", "(2.500; +∞)"),
            ("từ 1 - 1 triệu rưỡi", "[1.000.000; 1.500.000]"),
        ],
    )
    def test_bounds_the_words_say(self, text: str, span: str) -> None:
        assert span == Bounded.parse(text).span()

    @pytest.mark.parametrize("text", ["2 rưỡi đảng viên", "1,5 triệu rưỡi"])
    def test_a_half_that_is_no_whole_count_is_refused(self, text: str) -> None:
        """ "2 rưỡi" is 2,5, no count; "1,5 triệu rưỡi" says its half twice."""
        with pytest.raises(ParseError):
            parse_figure(text)


class TestTrieuShortened:
    """ "tr." (or "tr") after a count is triệu shortened: "5 tr. đảng viên" was read as a
    count of 5 and "1,2 tr đồng" refused as no whole count."""

    @pytest.mark.parametrize(
        ("text", "count"),
        [
            ("5 tr. đảng viên", 5_000_000),
            ("1,2 tr đồng", 1_200_000),
            ("1,2 tr.đồng", 1_200_000),
            ("3 Tr.", 3_000_000),
            # "trạm" and "trường" are words of their own: the count stays.
            ("5 trạm", 5),
            ("5 trường", 5),
        ],
    )
    def test_the_count_the_words_say(self, text: str, count: int) -> None:
        assert count == parse_figure(text)

    def test_bounds_the_words_say(self) -> None:
        assert "(5.000.000; +∞)" == Bounded.parse("trên 5 tr. đồng").span()
        assert "[1.000.000; 1.500.000]" == Bounded.parse("từ 1 - 1,5 tr.").span()


class TestScaleWordsAfterAPair:
    """A scale word after a pair was dropped with the words after it: "2 trên 3 nghìn
    đảng viên" was the pair 2/3 and "trên 1/2 nghìn đảng viên" a share above 50%, where
    the report speaks of thousands of members."""

    @pytest.mark.parametrize(
        "text", ["2 trên 3 nghìn đảng viên", "1/2 nghìn đảng viên", "5/5 tr.", "56/58 trăm"]
    )
    def test_a_pair_with_a_scale_word_is_refused(self, text: str) -> None:
        with pytest.raises(ParseError):
            Figures(ratio_counts={"dang_vien_httnv_tro_len": text})

    @pytest.mark.parametrize("text", ["trên 1/2 nghìn đảng viên", "từ 2/3 triệu trở lên"])
    def test_no_share_is_read(self, text: str) -> None:
        with pytest.raises(ParseError):
            parse_figure(text)

    def test_pairs_without_them_stay(self) -> None:
        figures = Figures(
            ratio_counts={
                "dang_vien_httnv_tro_len": "3/4 trạm",
                "thon_co_chi_bo": "1\u00a0702/1\u00a0718",
            }
        )
        assert {"dang_vien_httnv_tro_len": (3, 4), "thon_co_chi_bo": (1702, 1718)} == (
            figures.ratio_counts
        )
        assert Bounded.parse("trên 1/2").span() == "(50%; +∞)"


class TestApproximateOrMore:
    """ "gần 90% trở lên" is near 90% *or more*: read as the words alone it was below 90%
    and failed "từ 90% trở lên"; "khoảng 90% trở lên" had an upper end of 94,5%."""

    @pytest.mark.parametrize(
        ("text", "span"),
        [
            ("gần 90% trở lên", "[85,5%; +∞)"),
            ("khoảng 90% trở lên", "[85,5%; +∞)"),
            ("gần 100 đảng viên trở lên", "[95; +∞)"),
            # 5% of 5% is narrower than the last written place, 1%
            ("khoảng 5% trở xuống", "[0%; 6%]"),
            ("gần 5% trở xuống", "[0%; 5%)"),
        ],
    )
    def test_the_open_side_stays_open(self, text: str, span: str) -> None:
        assert span == Bounded.parse(text).span()

    def test_near_or_more_is_no_failure(self) -> None:
        result = AT_LEAST_90.check(tccsd("gần 90% trở lên"))
        assert Status.UNDETERMINED == result.status


class TestWordsDroppedAfterACount:
    """A decimal part set off by a space ("99 ,5%") and "k" for nghìn ("5 k") were
    dropped: the digits before them were read alone, a count of 99 or of 5."""

    @pytest.mark.parametrize(
        "text", ["99 ,5%", "đạt 99 ,5 % kế hoạch", "1.234 ,5", "5 k", "trên 5 K đảng viên"]
    )
    def test_refused(self, text: str) -> None:
        with pytest.raises(ParseError, match="không phải"):
            parse_figure(text)

    @pytest.mark.parametrize(("text", "count"), [("5 kỳ", 5), ("5 khóa", 5)])
    def test_words_beginning_with_k_stay_words(self, text: str, count: int) -> None:
        assert count == parse_figure(text)

    @pytest.mark.parametrize(
        ("text", "word"),
        [
            ("12 N", "nghìn"),
            ("1,2\u00a0N", "nghìn"),
            ("có 12 N đảng viên", "nghìn"),
            ("1.200 N", "nghìn"),
            ("1,5 T", "tỷ"),
            ("kết nạp 2 T.", "tỷ"),
        ],
    )
    def test_compact_letters_refused(self, text: str, word: str) -> None:
        """Rule (CLDR's short compact vi numbers: "N" for nghìn, "T" for tỷ, as Babel and
        browsers shorten them): read bare, "12 N" was a count of 12; refused, naming the
        word to write."""
        with pytest.raises(ParseError, match=word):
            parse_figure(text)

    @pytest.mark.parametrize(
        ("text", "count"), [("12 Nam", 12), ("12 NT", 12), ("12 n", 12), ("1,2 Tr", 1200000)]
    )
    def test_other_words_after_a_count(self, text: str, count: int) -> None:
        """A word that starts with such a letter stays a word; CLDR's "Tr" is triệu."""
        assert count == parse_figure(text)


class TestRangedCountsAgainstTheirWhole:
    """A count published within bounds that breaks a part-within-whole relation whatever
    it holds: "trên 60" thôn with a chi bộ of 50 thôn passed unseen, as only exact
    counts were checked."""

    @pytest.mark.parametrize(
        ("counts", "ranges", "code"),
        [
            # more than 60 of 50 villages have a chi bộ
            (Tally(thon=50), {"thon_co_chi_bo": "trên 60"}, "thon"),
            # 60 villages with a chi bộ, of fewer than 50
            (Tally(thon_co_chi_bo=60), {"thon": "gần 50"}, "thon"),
            # more than 200 admitted into 100 members at the year's end
            (Tally(dang_vien=100), {"ket_nap": "trên 200"}, "dang_vien"),
            # 263 + 475 = 738 TCCSĐ, which are fewer than 700 and more than 800
            (Tally(dang_bo_co_so=263, chi_bo_co_so=475), {"tccsd": "gần 700"}, "tccsd"),
            (Tally(dang_bo_co_so=263, chi_bo_co_so=475), {"tccsd": "trên 800"}, "tccsd"),
        ],
    )
    def test_reported(self, counts: Tally, ranges: dict[str, str], code: str) -> None:
        problems = Figures(counts, ranges=ranges).problems()
        assert [code] == [p.field for p in problems]

    @pytest.mark.parametrize(
        ("counts", "ranges"),
        [
            # "từ 50 trở lên" of 50 is 50: all of them
            (Tally(thon=50), {"thon_co_chi_bo": "từ 50 trở lên"}),
            # "trên 49" of 50 is 50
            (Tally(thon=50), {"thon_co_chi_bo": "trên 49"}),
            # 263 + more than 475 may be 739 or 740
            (Tally(dang_bo_co_so=263), {"chi_bo_co_so": "trên 475", "tccsd": "từ 700 - 740"}),
            # chi bộ cơ sở unknown: unknown is not zero, 263 may well make over 800
            (Tally(dang_bo_co_so=263), {"tccsd": "trên 800"}),
        ],
    )
    def test_what_may_hold_is_not_reported(self, counts: Tally, ranges: dict[str, str]) -> None:
        assert [] == Figures(counts, ranges=ranges).problems()

    def test_the_reason_says_both_sides(self) -> None:
        (problem,) = Figures(Tally(thon=50), ranges={"thon_co_chi_bo": "trên 60"}).problems()
        assert "thon_co_chi_bo trong khoảng (60; +∞), lớn hơn số này (50)" == problem.reason


class TestNegativeAndGrowthInWords:
    """ "âm 5%" is minus 5%, as "-5%" is, and "tăng trưởng 1,2%" a change, as "tăng 1,2%"
    is: both were read as a share of 5% and 1,2%."""

    @pytest.mark.parametrize(
        "text", ["âm 5%", "Âm 0,5%", "tỷ lệ âm 5%", "âm 120 đảng viên", "(âm 2,3%)"]
    )
    def test_am_is_refused_as_negative(self, text: str) -> None:
        with pytest.raises(ParseError, match="không thể âm"):
            parse_figure(text)

    @pytest.mark.parametrize(
        "text",
        [
            "tăng trưởng 1,2%",
            "tăng trưởng âm 1,2%",
            "giảm sút 5%",
            "tăng trưởng hơn 3%",
            "tăng trưởng bình quân 1,2%",
            "tăng bình quân 3,5%",
            "giảm trung bình 0,5%",
            "tăng hằng năm trên 3%",
        ],
    )
    def test_growth_and_decline_are_changes(self, text: str) -> None:
        with pytest.raises(ParseError, match=r"mức thay đổi|không thể âm"):
            parse_figure(text)

    @pytest.mark.parametrize(
        "text",
        [
            "giảm được 1,5%",
            "tăng được 12 chi bộ",
            "tăng thêm được 37 đảng viên",
            "giảm được gần 2%",
            "(tăng được 06)",
            "giảm bớt được 4 tổ đảng",
        ],
    )
    def test_a_change_with_duoc_is_a_change(self, text: str) -> None:
        """ "giảm được 1,5%" is down by 1,5%, as "giảm 1,5%" is: "được" after the verb hid
        it, and the change was read as a share of 1,5% (or a count of 12)."""
        with pytest.raises(ParseError, match="mức thay đổi"):
            parse_figure(text)

    def test_a_level_reached_with_duoc_stays_a_figure(self) -> None:
        assert 41 == parse_figure("kết nạp được 41 đảng viên")
        assert Rounded(Fraction(3, 100), 0) == parse_figure("giảm được tỷ lệ xuống còn 3%")
        assert Rounded(Fraction(95, 100), 0) == parse_figure("tăng lên được 95%")

    def test_words_beside_them_stay_figures(self) -> None:
        """ "tăng trưởng đạt 3%" says the level the growth reached; "âm thanh" is no sign."""
        assert isinstance(parse_figure("tăng trưởng đạt 3%"), Rounded)
        assert isinstance(parse_figure("kết nạp bình quân 3,5%"), Rounded)
        assert 5 == parse_figure("âm thanh 5")


@pytest.mark.parametrize("text", ["1,5%o", "15 %o", "khoảng 2%o"])
def test_per_mille_typed_as_percent_o_is_refused(text: str) -> None:
    """ "15%o" is how per mille is typed without "‰": it was read as 15%."""
    with pytest.raises(ParseError, match="phần nghìn, không phải phần trăm"):
        parse_figure(text)


class TestAPublishedShareOverNothing:
    """A share published over a base of 0 ("0 TCCSĐ được đánh giá", "95%") has nothing to
    measure: it passed "trên 90%" on its face and no problem was reported."""

    @pytest.mark.parametrize(
        "figures",
        [
            Figures(bases={"tccsd_httnv_tro_len": 0}, shares={"tccsd_httnv_tro_len": "95%"}),
            Figures(
                Tally(tccsd_htxsnv=0, tccsd_httnv=0, tccsd_htnv=0, tccsd_khtnv=0),
                shares={"tccsd_httnv_tro_len": "trên 90%"},
            ),
        ],
    )
    def test_nothing_to_measure(self, figures: Figures) -> None:
        assert read_ratio(figures, "tccsd_httnv_tro_len").empty
        (result,) = NQ21_2025.check(figures, year=2024)["nq21.2025.tccsd_httnv_tro_len"]
        assert result.status is Status.NOT_APPLICABLE
        (problem,) = figures.problems()
        assert problem.field == "tccsd_httnv_tro_len"
        assert "mẫu số bằng 0" in problem.reason


class TestARoundedFigureIsWrittenWithItsPlaces:
    """A :class:`Rounded` is a figure as printed: its value has no more places than it was
    printed with. One of 89,996% "rounded" to one place printed "90,0%" beside "không đạt
    chỉ tiêu trên 90%" (exact), and one of 93,1% to none printed "93%" over [92,55%;
    94,1%), the interval of no printed figure."""

    @pytest.mark.parametrize(
        ("value", "decimals", "rounding"),
        [
            (Fraction(89996, 100000), 1, "exact"),
            (Fraction(89996, 100000), 2, "half_up"),
            (Fraction(931, 1000), 0, "unknown"),
            (Fraction(8994, 10000), 1, "down"),
            (Fraction(1, 3), 2, "exact"),
        ],
    )
    def test_more_places_than_printed_are_refused(
        self, value: Fraction, decimals: int, rounding: str
    ) -> None:
        with pytest.raises(ValueError, match="chữ số thập phân"):
            Rounded(value, decimals, rounding)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("value", "decimals", "text"),
        [
            (Fraction(9, 10), 1, "90,0%"),
            (Fraction(8996, 10000), 2, "89,96%"),
            (Fraction(1), 0, "100%"),
            (Fraction(0), 3, "0,000%"),
        ],
    )
    def test_the_printed_figure_is_its_value(
        self, value: Fraction, decimals: int, text: str
    ) -> None:
        figure = Rounded(value, decimals, "exact")
        assert text == figure.text
        assert value == parse_percent(figure.text)


class TestAFractionUnderBoundingWords:
    """ "từ 2/3 trở lên", "trên 1/2" bound a share by a fraction, as the Charter's votes
    and reports write it; they were refused as a pair of counts, to be typed in as
    ``ratio_counts`` (2, 3), which reads as 2 of 3 units exactly."""

    @pytest.mark.parametrize(
        ("text", "low", "low_open", "high", "high_open"),
        [
            ("từ 2/3 trở lên", Fraction(2, 3), False, None, False),
            ("2/3 trở lên", Fraction(2, 3), False, None, False),
            ("trên 1/2", Fraction(1, 2), True, None, False),
            ("hơn 1/2 số đảng viên", Fraction(1, 2), True, None, False),
            ("ít nhất 2/3", Fraction(2, 3), False, None, False),
            ("dưới 1/3", Fraction(0), False, Fraction(1, 3), True),
            ("không quá 1/3", Fraction(0), False, Fraction(1, 3), False),
            ("≥ 2/3", Fraction(2, 3), False, None, False),
        ],
    )
    def test_the_bound_the_words_say(
        self,
        text: str,
        low: Fraction,
        low_open: bool,
        high: Fraction | None,
        high_open: bool,
    ) -> None:
        figure = parse_figure(text)
        assert isinstance(figure, Bounded)
        assert figure.percent
        assert (figure.low, figure.low_open, figure.high) == (low, low_open, high)
        if high is not None:
            assert figure.high_open is high_open

    def test_a_share_of_figures(self) -> None:
        """Typed as a share, "từ 2/3 trở lên" passes a rule of "trên 60%"."""
        figures = Figures(shares={"tccsd_httnv_tro_len": "từ 2/3 trở lên"})
        reading = read_ratio(figures, "tccsd_httnv_tro_len")
        assert reading.contains(Fraction(2, 3))
        assert not reading.contains(Fraction(66, 100))

    @pytest.mark.parametrize(
        "text",
        [
            "1/3",
            "45/50 chi bộ",
            "3 trong số 40",
            "trên 3 trong số 40",
            "trên 45/50 chi bộ",
            # 13 of the 15 targets met or exceeded, not a share above 13/15.
            "hoàn thành và hoàn thành vượt mức 13/15 chỉ tiêu",
            "vượt 13/15 chỉ tiêu",
            "đạt và vượt 9/10 tiêu chí",
        ],
    )
    def test_a_bare_pair_stays_a_pair(self, text: str) -> None:
        with pytest.raises(ParseError, match="cặp số đếm"):
            parse_figure(text)

    def test_a_zero_denominator_is_refused(self) -> None:
        with pytest.raises(ParseError, match="mẫu số"):
            parse_figure("trên 1/0")


@pytest.mark.parametrize(
    "text",
    ["trên 1,000 đảng viên", "gần 2,500 đảng viên", "từ 1,000 - 2,000", "khoảng 1,5 chi bộ"],
)
def test_a_bounded_count_with_decimals_and_no_scale_word_is_refused(text: str) -> None:
    """ "trên 1,000 đảng viên" (1.000 grouped the English way) was above 1, and "gần 2,500"
    [2,375; 2,5): a count with decimals and no scale word is no count, as a bare "1,000
    đảng viên" is refused. With a scale word it is one ("trên 1,2 nghìn")."""
    with pytest.raises(ParseError, match="số nguyên"):
        parse_figure(text)
    with pytest.raises(ParseError, match="số nguyên"):
        Bounded.parse(text)
    assert "(1.200; +∞)" == Bounded.parse("trên 1,2 nghìn").span()


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("trên\u200b90%", "(90%; +∞)"),
        ("90\u00ad%", "[89,45%; 91,0%)"),
        ("gần\u200b5,6 triệu", None),
    ],
)
def test_invisible_characters_in_a_figure(text: str, span: str | None) -> None:
    """A zero width space is a space and a soft hyphen nothing: "trên\u200b90%" was a rounded
    90% and "90\u00ad%" a count of 90."""
    figure = parse_figure(text)
    assert not isinstance(figure, int)
    expected = parse_figure(text.replace("\u200b", " ").replace("\u00ad", ""))
    assert expected == figure
    if span is not None:
        assert span == figure.span()


class TestAShareOfCountsPublishedWithinBounds:
    """A share read from counts published within bounds ("gần 170 nghìn" admitted of
    5.608.000) is an interval: its face, the share at the counts the words name, is no
    published figure. Printed alone it was "3,03%" beside "chưa xác định" against "từ 3 -
    4%", a figure the band holds."""

    @staticmethod
    def figures() -> Figures:
        return Figures(
            Tally(dang_vien_cuoi_nam_truoc=5_608_000),
            ranges={"ket_nap": "gần 170 nghìn"},
            name="Tỉnh Z",
        )

    def test_it_is_said_in_words(self) -> None:
        reading = read_ratio(self.figures(), "ty_le_ket_nap")
        assert not reading.is_exact
        assert reading.said_in_words

    @pytest.mark.parametrize(
        ("locale", "shown"),
        [("vi", "gần 170 nghìn đảng viên mới kết nạp trong năm"), ("en", "[2.8798%; 3.0314%]")],
    )
    def test_the_verdict_table_prints_no_face(self, locale: str, shown: str) -> None:
        figures = self.figures()
        checks = NQ21_2025.check(figures, year=2024)
        (result,) = checks["nq21.2025.ty_le_ket_nap"]
        assert result.status is Status.UNDETERMINED
        narrative = narrate(figures, checks=checks, year=2024, locale=locale)
        (row,) = [row for row in narrative.tables[-1].rows if row[1].value == result.code]
        assert shown == row[3].text
        assert "3,03%" not in narrative.text
        assert "3.03%" not in narrative.text
        assert "3,03%" not in checks.to_html()

    def test_a_base_that_may_be_zero_prints_no_zero(self) -> None:
        """Under "dưới 100" members the base may be 0: the share is unbounded, never "0%"."""
        figures = Figures(Tally(ket_nap=3), ranges={"dang_vien_cuoi_nam_truoc": "dưới 100"})
        checks = NQ21_2025.check(figures, year=2024)
        (result,) = checks["nq21.2025.ty_le_ket_nap"]
        narrative = narrate(figures, checks=checks, year=2024, locale="en")
        (row,) = [row for row in narrative.tables[-1].rows if row[1].value == result.code]
        assert "[0%; +∞)" == row[3].text


class TestAQuotientOfPublishedShares:
    """HTXSNV over HTTNV from "16%" and "80%" lies in (19,07%; 21,40%): its face, 20%, was
    printed "20,00%" (and "observed 20%") beside "chưa xác định" against "không vượt quá
    20%", which 20% meets."""

    @staticmethod
    def figures() -> Figures:
        return Figures(
            shares={
                "dang_vien_htxsnv_tren_danh_gia": "16%",
                "dang_vien_httnv_tren_danh_gia": "80%",
            },
            kind=OrgKind.DANG_BO_CO_SO,
        )

    @pytest.mark.parametrize(
        ("locale", "shown"), [("vi", "(19,0740%; 21,3972%)"), ("en", "(19.0740%; 21.3972%)")]
    )
    def test_the_interval_is_printed(self, locale: str, shown: str) -> None:
        checks = rating_rules_for(2024).check(self.figures())
        (result,) = checks.with_status(Status.UNDETERMINED)
        narrative = narrate(self.figures(), checks=checks, year=2024, locale=locale)
        (row,) = [row for row in narrative.tables[-1].rows if row[1].value == result.code]
        assert shown == row[3].text
        assert "observed 20%" not in narrative.text
        assert "(19,0740%; 21,3972%)" in checks.to_html()


_SCALE_WORDS = {"chục": 10, "trăm": 100, "nghìn": 1_000, "ngàn": 1_000, "vạn": 10_000}
_SCALE_WORDS |= {"triệu": 10**6, "tỷ": 10**9}


@given(
    st.integers(min_value=1, max_value=999),
    st.lists(st.sampled_from(sorted(_SCALE_WORDS)), min_size=1, max_size=2),
    st.booleans(),
    st.sampled_from(["", " đảng viên", " chi bộ"]),
)
def test_scale_words_multiply_and_ruoi_adds_half(
    n: int, words: list[str], half: bool, unit: str
) -> None:
    """Law: "n w₁ w₂" is n·w₁·w₂, and "rưỡi" after them adds half of w₁·w₂."""
    scale = math.prod(_SCALE_WORDS[word] for word in words)
    text = f"{n} {' '.join(words)}{' rưỡi' if half else ''}{unit}"
    assert parse_figure(text) == n * scale + (scale // 2 if half else 0)


class TestABandWithTroLenOrTroXuong:
    """ "từ 3 - 4% trở lên" is 3% or more and "từ 3 - 4% trở xuống" 4% or less, as "từ
    3% trở lên" and "4% trở xuống" are: the words after the band were dropped, and both
    were read as the band [3%; 4%], which passed "từ 3 - 4%" whatever the true value."""

    @pytest.mark.parametrize(
        ("text", "span", "said"),
        [
            ("từ 3 - 4% trở lên", "[3%; +∞)", "từ 3 - 4% trở lên"),
            ("đạt từ 2,5 - 3% trở lên so với tổng số đảng viên", "[2,5%; +∞)", None),
            ("khoảng 5 - 6 % trở lên", "[5%; +∞)", None),
            ("từ 3 - 4% trở xuống", "[0%; 4%]", "từ 3 - 4% trở xuống"),
            ("từ 40 - 45 đảng viên trở lên", "[40; +∞)", "từ 40 - 45 trở lên"),
            ("12 - 15 chi bộ trở xuống", "[0; 15]", "12 - 15 trở xuống"),
            ("từ 1 - 1,5 nghìn trở lên", "[1.000; +∞)", None),
        ],
    )
    def test_the_band_is_read_with_its_turn(self, text: str, span: str, said: str | None) -> None:
        figure = parse_figure(text)
        assert isinstance(figure, Bounded)
        assert span == figure.span()
        assert Bounded.parse(figure.text) == figure
        if said is not None:
            assert said == figure.text

    def test_a_rating_tro_len_after_the_band_is_the_ratings(self) -> None:
        """ "từ 90 - 95% TCCSĐ hoàn thành tốt nhiệm vụ trở lên" is a band of the share
        rated HTTNV or better, as "93% TCCSĐ ... trở lên" is a rounded 93%."""
        figure = parse_figure("từ 90 - 95% TCCSĐ hoàn thành tốt nhiệm vụ trở lên")
        assert isinstance(figure, Bounded)
        assert "[90%; 95%]" == figure.span()

    def test_a_band_or_less_is_not_judged_within_the_band(self) -> None:
        result = NQ21AdmissionBand2025Rule().check(
            Figures(shares={"ty_le_ket_nap": "từ 3 - 4% trở xuống"})
        )
        assert Status.UNDETERMINED is result.status
        assert "từ 3 - 4% trở xuống theo số liệu công bố" in result.message


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("dưới mức 5%", "[0%; 5%)"),
        ("giữ ở dưới mức 2,5%", "[0%; 2,5%)"),
        ("trên mức 90%", "(90%; +∞)"),
        ("không dưới mức 85%", "[85%; +∞)"),
        ("trên mức 1.200 đảng viên", "(1.200; +∞)"),
        ("gần bằng 80%", "[76%; 80%)"),
        ("xấp xỉ bằng 60%", "[57%; 63%]"),
    ],
)
def test_words_of_a_level_bound_the_figure_as_the_plain_words_do(text: str, span: str) -> None:
    """ "dưới mức 5%" is below 5%, as "dưới 5%" is, and "gần bằng 80%" nearly 80%: the
    words were not known and the figure was read as a rounded 5% (or 80%), which holds
    5,4% (or 80,5%)."""
    figure = parse_figure(text)
    assert isinstance(figure, Bounded)
    assert span == figure.span()
    words = re.split(r"[0-9]", text.removeprefix("giữ ở "), maxsplit=1)[0]
    assert figure.text.startswith(words)


class TestComparativesSaidInWords:
    """ "nhỏ hơn 5%" is below 5%: folded it ends with "hơn", and it was read as above 5%,
    the opposite bound. "≥" and "≤" said in words ("lớn hơn hoặc bằng 90%", "nhiều nhất
    5%") and "vượt quá 5%" were read as a rounded 90% or 5%."""

    @pytest.mark.parametrize(
        ("text", "span"),
        [
            ("nhỏ hơn 5%", "[0%; 5%)"),
            ("bé hơn 2,5%", "[0%; 2,5%)"),
            ("nhỏ hơn 120 đảng viên", "[0; 120)"),
            ("không nhỏ hơn 90%", "[90%; +∞)"),
            ("không bé hơn 85%", "[85%; +∞)"),
            ("chưa bằng 70%", "[0%; 70%)"),
            ("lớn hơn hoặc bằng 90%", "[90%; +∞)"),
            ("cao hơn hoặc bằng 95%", "[95%; +∞)"),
            ("bằng hoặc nhiều hơn 200 đảng viên", "[200; +∞)"),
            ("nhỏ hơn hoặc bằng 5%", "[0%; 5%]"),
            ("bằng hoặc thấp hơn 3%", "[0%; 3%]"),
            ("nhiều nhất 5%", "[0%; 5%]"),
            ("nhiều nhất là 12 đảng viên", "[0; 12]"),
            ("vượt quá 5%", "(5%; +∞)"),
            ("chưa vượt quá 5%", "[0%; 5%]"),
        ],
    )
    def test_the_bound_is_the_words(self, text: str, span: str) -> None:
        figure = parse_figure(text)
        assert isinstance(figure, Bounded)
        assert span == figure.span()

    @pytest.mark.parametrize(
        ("text", "word"),
        [("nhỏ hơn 3% so với cùng kỳ", "nhỏ hơn"), ("vượt quá 12% so với năm 2023", "vượt quá")],
    )
    def test_against_another_period_they_are_a_change(self, text: str, word: str) -> None:
        with pytest.raises(ParseError, match=f"'{word}' trước con số là mức thay đổi"):
            parse_figure(text)

    def test_holding_is_no_negation(self) -> None:
        """ "chứa bằng 90%" holds, it does not fall short: folded it is "chưa bằng"."""
        assert isinstance(parse_figure("chứa bằng 90%"), Rounded)


@pytest.mark.parametrize(
    ("text", "span", "said"),
    [
        ("90% hoặc hơn", "[90%; +∞)", "90% hoặc hơn"),
        ("đạt 95% hoặc cao hơn", "[95%; +∞)", "95% hoặc cao hơn"),
        ("5%, hoặc thấp hơn", "[0%; 5%]", "5%, hoặc thấp hơn"),
        ("120 đảng viên hoặc nhiều hơn", "[120; +∞)", "120 hoặc nhiều hơn"),
        ("4 chi bộ hoặc ít hơn", "[0; 4]", "4 hoặc ít hơn"),
    ],
)
def test_hoac_hon_after_a_figure_is_or_more(text: str, span: str, said: str) -> None:
    """ "90% hoặc hơn" is 90% or more, as "90% trở lên" is: the words were dropped and it
    was a rounded 90%, which holds 89,5%; "120 đảng viên hoặc nhiều hơn" was exactly 120."""
    figure = parse_figure(text)
    assert isinstance(figure, Bounded)
    assert span == figure.span()
    assert said == figure.text
    assert Bounded.parse(figure.text) == figure


def test_a_count_or_more_is_said_with_its_unit_before_hoac() -> None:
    assert "120 đảng viên hoặc nhiều hơn" == with_noun("120 hoặc nhiều hơn", "đảng viên")
    assert "4 chi bộ, hoặc ít hơn" == with_noun("4, hoặc ít hơn", "chi bộ")


class TestFullWidthDigits:
    """A text copied from a PDF may hold full-width digits beside its full-width "％":
    "1.２34" was read as a count of 1, the digits after the full-width one dropped, and
    "vượt ３２,７% kế hoạch" as a share of 32,7%."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("1.２34 đảng viên", 1234),
            ("５６ chi bộ", 56),
            ("chiếm ９３,７５％", Rounded(Fraction(15, 16), 2)),
            ("vượt ３２,７% kế hoạch", Rounded(Fraction(1327, 1000), 1)),
        ],
    )
    def test_they_are_read_as_the_digits_0_to_9(self, text: str, expected: object) -> None:
        assert expected == parse_figure(text)

    def test_a_pair_of_them_is_read(self) -> None:
        figures = Figures(ratio_counts={"tccsd_httnv_tro_len": "５６/５８"})
        assert (56, 58) == figures.ratio_counts["tccsd_httnv_tro_len"]

    @pytest.mark.parametrize("text", ["٩٠%", "1.٢34 đảng viên", "trên 𝟗𝟎%"])
    def test_other_digits_are_refused(self, text: str) -> None:
        """An Arabic-Indic or a mathematical digit is no 0-9: read as a letter, "1.٢34"
        was 1."""
        with pytest.raises(ParseError, match="không phải chữ số 0-9"):
            parse_figure(text)

    def test_a_pair_of_other_digits_is_refused(self) -> None:
        with pytest.raises(ParseError, match="không phải chữ số 0-9"):
            Figures(ratio_counts={"tccsd_httnv_tro_len": "٥٦/58"})


class TestAShortfallIsNoFigure:
    """ "còn thiếu 12 đảng viên", as the library prints a target not met, was a count of
    12 admitted; "kém 2% so với cùng kỳ" (lower by 2%) and "hụt 5%" were shares of 2% and
    5%. Like "vượt 25 đảng viên so với kế hoạch", they say how far a figure lies from
    another."""

    @pytest.mark.parametrize(
        "text",
        [
            "còn thiếu 12 đảng viên",
            "thiếu 3 chi bộ so với quy định",
            "hụt 5%",
            "còn hụt 1,5%",
            "kém 2% so với cùng kỳ",
            "kém hơn 0,5% so với năm trước",
            "(còn thiếu 08)",
        ],
    )
    def test_it_is_refused_as_a_change(self, text: str) -> None:
        with pytest.raises(ParseError, match="mức thay đổi"):
            parse_figure(text)

    def test_the_shortfall_the_library_prints_is_refused(self) -> None:
        phrase = attainment_phrase(138, 150, unit="đảng viên")
        shortfall = phrase.rpartition(", ")[2]
        assert "còn thiếu 12 đảng viên" == shortfall
        with pytest.raises(ParseError, match="mức thay đổi"):
            parse_figure(shortfall)
        gap = AT_LEAST_90.check(
            Tally(tccsd_htxsnv=0, tccsd_httnv=43, tccsd_htnv=7, tccsd_khtnv=0)
        ).gap
        assert gap is not None
        assert str(gap).startswith("cần thêm 2 ")
        with pytest.raises(ParseError, match="mức thay đổi"):
            parse_figure(str(gap))

    @pytest.mark.parametrize(
        ("text", "expected"),
        [("yếu kém chiếm 0,39%", Rounded(Fraction(39, 10000), 2)), ("Yếu kém 2 chi bộ", 2)],
    )
    def test_the_rating_yeu_kem_is_no_shortfall(self, text: str, expected: object) -> None:
        assert expected == parse_figure(text)


class TestAnEstimateMarkedAfterTheFigure:
    """ "1.200 (ước)" is an estimate, as "ước 1.200" is: the mark after the figure was
    dropped, and it was an exact count of 1.200 (and "95% (ước)" a share rounded to 95%)."""

    @pytest.mark.parametrize(
        ("text", "span", "said"),
        [
            ("1.200 (ước)", "[1.140; 1.260]", "1.200 (ước)"),
            ("chiếm 80% (ước tính)", "[76%; 84%]", "80% (ước tính)"),
            ("kết nạp 300 đảng viên (ước thực hiện cả năm)", "[285; 315]", None),
            ("kết nạp 300 (ước đến 31/12)", "[285; 315]", "300 (ước đến 31/12)"),
            ("60% (Ước) trở lên", "[57%; +∞)", "60% (Ước) trở lên"),
        ],
    )
    def test_it_is_read_as_about_the_figure(self, text: str, span: str, said: str | None) -> None:
        figure = parse_figure(text)
        assert isinstance(figure, Bounded)
        assert span == figure.span()
        assert Bounded.parse(figure.text) == figure
        if said is not None:
            assert said == figure.text

    def test_its_words_keep_the_mark_after_the_unit(self) -> None:
        figure = parse_figure("kết nạp 300 đảng viên (ước thực hiện cả năm)")
        assert isinstance(figure, Bounded)
        said = with_noun(figure.text, "đảng viên")
        assert "300 đảng viên (ước thực hiện cả năm)" == said

    def test_its_own_words_before_it_come_first(self) -> None:
        figure = parse_figure("trên 95% (ước)")
        assert isinstance(figure, Bounded)
        assert "(95%; +∞)" == figure.span()


class TestHowLongAFigureTook:
    """ "trong 5 năm (2020 - 2025) kết nạp 1.500 đảng viên", as a congress report sums up
    its term: the 5 years were a second figure and the count was refused."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("trong 5 năm (2020 - 2025) kết nạp 1.516 đảng viên", 1516),
            ("Sau 3 năm thực hiện Nghị quyết, kết nạp 412 đảng viên", 412),
            ("5 năm qua, toàn Đảng bộ kết nạp 2.031 đảng viên", 2031),
            ("qua 18 tháng, có 37 chi bộ", 37),
            ("trong 2 quý đầu năm kết nạp 64 đảng viên", 64),
        ],
    )
    def test_the_count_beside_it_is_read(self, text: str, expected: int) -> None:
        assert expected == parse_figure(text)

    def test_alone_it_is_refused_naming_it(self) -> None:
        with pytest.raises(ParseError, match=r"'trong 5 năm'.*không phải số liệu"):
            parse_figure("trong 5 năm")

    def test_a_count_of_years_is_still_a_figure(self) -> None:
        """ "5 năm liền" (five years running) says how many years, the figure itself."""
        assert 5 == parse_figure("5 năm liền hoàn thành xuất sắc nhiệm vụ")
