"""Each seed's published figures, typed in, give the verdicts a reader of the seed would give."""

from __future__ import annotations

from fractions import Fraction

from coso_dang import OrgKind, Tally
from coso_dang.rules import (
    BINH_PHUOC,
    BINH_PHUOC_26_KH,
    BINH_THUAN,
    DONG_NAI,
    NQ21_2025,
    NQ21_2030,
    Bounded,
    Figures,
    Report,
    Rounded,
    Status,
    rating_rules_for,
)


def status(report: Report, code: str) -> Status:
    (result,) = report[code]
    return result.status


def dong_xoai() -> Figures:
    """Thành ủy Đồng Xoài, 2022 ratings (seed 004)."""
    return Figures(
        shares={
            "tccsd_httnv_tro_len": Rounded.parse("93,75%"),
            "chi_bo_truc_thuoc_httnv_tro_len": Rounded.parse("98,3%"),
            "dang_vien_htxsnv_tren_danh_gia": Rounded.parse("16,2%"),
            "dang_vien_httnv_tren_danh_gia": Rounded.parse("76,9%"),
            # 16,2% + 76,9% = 93,1% HTTNV or better: the sum of two one-place figures of
            # unknown rounding, [16,145%; 16,3%) + [76,845%; 77%) = [92,99%; 93,3%).
            "dang_vien_httnv_tro_len": Bounded(
                Fraction(9299, 10000),
                Fraction(933, 1000),
                high_open=True,
                face=Fraction(931, 1000),
                text="93,1%",
            ),
        },
        name="Đảng bộ thành phố Đồng Xoài",
        kind=OrgKind.DANG_BO_CAP_TREN_CO_SO,
    )


class TestDongXoai2022:
    def test_tccsd_passes_nq21(self) -> None:
        """93,75% TCCSĐ passes "trên 90%" wherever rounding put the truth."""
        report = NQ21_2025.check(dong_xoai(), year=2022)
        assert status(report, "nq21.2025.tccsd_httnv_tro_len") == Status.PASS

    def test_members_pass_nq21(self) -> None:
        """93,1% of rated members HTTNV or better passes "trên 90%"."""
        report = NQ21_2025.check(dong_xoai(), year=2022)
        assert status(report, "nq21.2025.dang_vien_httnv_tro_len") == Status.PASS

    def test_no_admission_figures(self) -> None:
        """The seed gives no admissions: MISSING_DATA."""
        report = NQ21_2025.check(dong_xoai(), year=2022)
        assert status(report, "nq21.2025.ty_le_ket_nap") == Status.MISSING_DATA

    def test_province_plan(self) -> None:
        """Against Bình Phước's own programme, organizations and members pass."""
        report = BINH_PHUOC.check(dong_xoai(), year=2022)
        assert status(report, "binh_phuoc.10_ctr_tu.tccsd_httnv_tro_len") == Status.PASS
        assert status(report, "binh_phuoc.10_ctr_tu.dang_vien_httnv_tro_len") == Status.PASS

    def test_chi_bo_share(self) -> None:
        """98,3% of chi bộ trực thuộc pass "trên 90%" (26-KH/BCSĐ's chi bộ target)."""
        report = BINH_PHUOC_26_KH.check(dong_xoai(), year=2023)
        assert status(report, "bcsd_ubnd_binh_phuoc.26_kh.chi_bo_httnv_tro_len") == Status.PASS

    def test_quota_undetermined(self) -> None:
        """16,2% HTXSNV against 76,9% HTTNV: 21,07% at face value, (20,9675%; 21,2116%)
        whatever the rounding — wholly above 20%, yet UNDETERMINED: the quota binds each
        TCCSĐ and these are the city's aggregate."""
        report = rating_rules_for(2022).check(dong_xoai())
        (result,) = report["qd132.htxsnv_quota"]
        assert result.status == Status.UNDETERMINED
        for printed in ("21,07%", "(20,9675%; 21,2116%)"):
            assert printed in result.message
        assert result.observed_range is not None
        low, high = result.observed_range
        assert (Fraction(16145, 77000), Fraction(16300, 76845)) == (low, high)
        # The rounding alone would not leave it open: the whole interval is above 20%.
        assert low > Fraction(1, 5)

    def test_quota_at_tccsd_level_fails(self) -> None:
        """The same shares, were they one TCCSĐ's, break the quota outright."""
        one = Figures(shares=dong_xoai().shares, kind=OrgKind.DANG_BO_CO_SO)
        report = rating_rules_for(2022).check(one)
        (result,) = report["qd132.htxsnv_quota"]
        assert result.status == Status.FAIL


def binh_phuoc() -> Figures:
    """Tỉnh ủy Bình Phước, structure reported on 29/9/2022 (seed 000)."""
    return Figures(
        counts=Tally(
            tccsd=737,
            dang_bo_co_so=263,
            chi_bo_co_so=474,
            dang_bo_bo_phan=2,
            chi_bo_truc_thuoc=2416,
            dang_vien=38356,
            # 111/111 communes are đảng bộ cơ sở; 100% have a chi bộ quân sự and công an.
            xa=111,
            xa_co_chi_bo_quan_su=111,
            xa_co_chi_bo_cong_an=111,
        ),
        # "100% thôn, ấp, khu phố ... có đảng viên, chi bộ": every one, exactly.
        shares={"thon_co_dang_vien": Fraction(1), "thon_co_chi_bo": Fraction(1)},
        name="Đảng bộ tỉnh Bình Phước",
        kind=OrgKind.DANG_BO_TINH,
    )


class TestBinhPhuoc:
    def test_figures_add_up(self) -> None:
        """737 TCCSĐ = 263 đảng bộ cơ sở + 474 chi bộ cơ sở."""
        assert binh_phuoc().counts.problems() == []

    def test_structure_targets_pass(self) -> None:
        """Villages with a chi bộ and communes with both chi bộ: all pass."""
        report = BINH_PHUOC.check(binh_phuoc(), year=2022)
        for code in ("thon_co_chi_bo", "xa_co_chi_bo_quan_su", "xa_co_chi_bo_cong_an"):
            assert status(report, f"binh_phuoc.10_ctr_tu.{code}") == Status.PASS

    def test_unreported_targets_missing(self) -> None:
        """Ratings, admissions and residence contact are not reported: MISSING_DATA."""
        report = BINH_PHUOC.check(binh_phuoc(), year=2022)
        for code in ("tccsd_httnv_tro_len", "ty_le_ket_nap", "giu_lien_he_noi_cu_tru"):
            assert status(report, f"binh_phuoc.10_ctr_tu.{code}") == Status.MISSING_DATA

    def test_nq21_villages(self) -> None:
        """NQ21's village targets (member to 2025, chi bộ to 2030) are met."""
        figures = binh_phuoc()
        assert (
            status(NQ21_2025.check(figures, year=2022), "nq21.2025.thon_co_dang_vien")
            == Status.PASS
        )
        assert (
            status(NQ21_2030.check(figures, year=2026), "nq21.2030.thon_co_chi_bo") == Status.PASS
        )

    def test_not_in_force(self) -> None:
        """The 2030 horizon's village target does not apply to 2022."""
        report = NQ21_2030.check(binh_phuoc(), year=2022)
        assert status(report, "nq21.2030.thon_co_chi_bo") == Status.NOT_APPLICABLE


class TestBinhPhuocUbnd26KH:
    def test_floor_without_band(self) -> None:
        """ "từ 3% trở lên": 5% passes and is not "exceeding" (no upper end)."""
        tally = Tally(ket_nap=50, dang_vien_cuoi_nam_truoc=1000)
        result = BINH_PHUOC_26_KH.check(tally)["bcsd_ubnd_binh_phuoc.26_kh.ty_le_ket_nap"][0]
        assert (result.status, result.exceeds) == (Status.PASS, False)
        nq21 = NQ21_2025.check(tally)["nq21.2025.ty_le_ket_nap"][0]
        assert (nq21.status, nq21.exceeds) == (Status.PASS, True)

    def test_exactly_ninety_fails(self) -> None:
        """ "trên 90%" of chi bộ: exactly 90% fails."""
        tally = Tally(
            chi_bo_truc_thuoc_htxsnv=10,
            chi_bo_truc_thuoc_httnv=80,
            chi_bo_truc_thuoc_htnv=10,
            chi_bo_truc_thuoc_khtnv=0,
        )
        report = BINH_PHUOC_26_KH.check(tally)
        assert status(report, "bcsd_ubnd_binh_phuoc.26_kh.chi_bo_httnv_tro_len") == Status.FAIL

    def test_village_heads(self) -> None:
        """Every village head a member by 2025: 119 of 120 misses by one."""
        report = BINH_PHUOC_26_KH.check(Tally(thon=120, truong_thon_la_dang_vien=119))
        (result,) = report["bcsd_ubnd_binh_phuoc.26_kh.truong_thon_la_dang_vien"]
        assert result.gap is not None
        assert (result.status, result.gap.units) == (Status.FAIL, 1)


class TestBinhThuan:
    def figures(self) -> Figures:
        """Tỉnh ủy Bình Thuận, 10/2021 (seed 002)."""
        return Figures(
            counts=Tally(
                tccsd=468,
                dang_bo_co_so=247,
                chi_bo_co_so=221,
                dang_vien=39520,
                cap_uy_vien=1899,
                cap_uy_vien_cao_dang_tro_len=1837,
                cap_uy_vien_trung_cap_llct_tro_len=1677,
            ),
            name="Đảng bộ tỉnh Bình Thuận",
        )

    def test_admissions_missing(self) -> None:
        """The 2.000 target cannot be judged: the figures give no admissions count."""
        report = BINH_THUAN.check(self.figures(), year=2022)
        assert status(report, "binh_thuan.2021.ket_nap") == Status.MISSING_DATA

    def test_admissions_judged(self) -> None:
        """With a count, 1.980 misses by 20."""
        (result,) = BINH_THUAN.check(Tally(ket_nap=1980))["binh_thuan.2021.ket_nap"]
        assert result.gap is not None
        assert (result.status, result.gap.text) == (Status.FAIL, "cần thêm 20 đảng viên")

    def test_figures_add_up(self) -> None:
        """468 TCCSĐ = 247 + 221; the committee shares are "hơn 96%" and "hơn 88%"."""
        counts = self.figures().counts
        assert counts.problems() == []
        assert Fraction(1837, 1899) == counts.share("cap_uy_vien_cao_dang_tro_len")


class TestDongNai72KH:
    def test_co_90_is_inclusive(self) -> None:
        """ "có 90%": exactly 90% passes, where NQ21's "trên 90%" fails."""
        tally = Tally(tccsd_htxsnv=5, tccsd_httnv=85, tccsd_htnv=10, tccsd_khtnv=0)
        plan = DONG_NAI.check(tally)
        assert status(plan, "dong_nai.72_kh_duk.tccsd_httnv_tro_len") == Status.PASS
        assert status(NQ21_2025.check(tally), "nq21.2025.tccsd_httnv_tro_len") == Status.FAIL

    def test_admission_floor(self) -> None:
        """3% passes "từ 3% trở lên"; 2,99% fails."""
        rule = "dong_nai.72_kh_duk.ty_le_ket_nap"
        plan = DONG_NAI
        assert (
            status(plan.check(Tally(ket_nap=300, dang_vien_cuoi_nam_truoc=10000)), rule)
            == Status.PASS
        )
        assert (
            status(plan.check(Tally(ket_nap=299, dang_vien_cuoi_nam_truoc=10000)), rule)
            == Status.FAIL
        )
