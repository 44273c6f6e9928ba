"""Ban cán sự Đảng UBND tỉnh Bình Phước: Kế hoạch 26-KH/BCSĐ (12/01/2023) against NQ21.

The plan publishes targets only, no results. THE FIGURES BELOW ARE ILLUSTRATIVE: made up
to show how its wording judges a year, not taken from any report. They are chosen so
that the differences between the plan and the resolution show: the plan adds chi bộ to
the "trên 90%" target, sets admissions as a floor ("từ 3% trở lên") rather than a band,
and aims at every village head being a party member.

Run: python examples/ubnd_binh_phuoc.py
"""

from __future__ import annotations

from coso_dang import Tally
from coso_dang.report import narrate
from coso_dang.rules import BINH_PHUOC_26_KH, NQ21_2025, Figures, Status
from coso_dang.vi import format_percent

YEAR = 2023

# The plan's wording, as published; the rules must encode exactly these.
PUBLISHED_TARGETS = {
    "bcsd_ubnd_binh_phuoc.26_kh.tccsd_httnv_tro_len": "trên 90%",
    "bcsd_ubnd_binh_phuoc.26_kh.chi_bo_httnv_tro_len": "trên 90%",
    "bcsd_ubnd_binh_phuoc.26_kh.dang_vien_httnv_tro_len": "trên 90%",
    "bcsd_ubnd_binh_phuoc.26_kh.ty_le_ket_nap": "từ 3% trở lên",
    "bcsd_ubnd_binh_phuoc.26_kh.truong_thon_la_dang_vien": "100%",
}

# ILLUSTRATIVE, not published.
COUNTS = Tally(
    tccsd=48,
    dang_bo_co_so=20,
    chi_bo_co_so=28,
    chi_bo_truc_thuoc=150,
    dang_vien=2696,
    tccsd_htxsnv=8,
    tccsd_httnv=36,
    tccsd_htnv=3,
    tccsd_khtnv=1,
    # Exactly 90%: enough for "có 90%" elsewhere, not for this plan's "trên 90%".
    chi_bo_truc_thuoc_htxsnv=15,
    chi_bo_truc_thuoc_httnv=120,
    chi_bo_truc_thuoc_htnv=13,
    chi_bo_truc_thuoc_khtnv=2,
    dang_vien_htxsnv=390,
    dang_vien_httnv=1980,
    dang_vien_htnv=200,
    dang_vien_khtnv=30,
    # 4,5%: above NQ21's band, which the resolution reports as "vượt"; the plan has no top.
    ket_nap=116,
    dang_vien_cuoi_nam_truoc=2580,
    thon=870,
    truong_thon_la_dang_vien=838,
)
FIGURES = Figures(counts=COUNTS, name="Các tổ chức đảng trực thuộc (số liệu minh họa)")


def main() -> None:
    assert COUNTS.problems() == []
    for rule in BINH_PHUOC_26_KH:
        assert rule.target().wording == PUBLISHED_TARGETS[rule.code]

    plan = BINH_PHUOC_26_KH.check(FIGURES, year=YEAR)
    nq21 = NQ21_2025.check(FIGURES, year=YEAR)

    (chi_bo,) = plan["bcsd_ubnd_binh_phuoc.26_kh.chi_bo_httnv_tro_len"]
    assert format_percent(COUNTS.share("chi_bo_truc_thuoc_httnv_tro_len")) == "90%"
    assert chi_bo.status is Status.FAIL
    assert chi_bo.gap is not None
    assert chi_bo.gap.units == 1

    (floor,) = plan["bcsd_ubnd_binh_phuoc.26_kh.ty_le_ket_nap"]
    (band,) = nq21["nq21.2025.ty_le_ket_nap"]
    assert format_percent(COUNTS.share("ty_le_ket_nap")) == "4,5%"
    assert (floor.status, floor.exceeds) == (Status.PASS, False)
    assert (band.status, band.exceeds) == (Status.PASS, True)

    (heads,) = plan["bcsd_ubnd_binh_phuoc.26_kh.truong_thon_la_dang_vien"]
    assert heads.status is Status.FAIL
    assert heads.gap is not None
    assert heads.gap.units == 32

    print("SỐ LIỆU MINH HỌA — không phải số liệu công bố.")
    print(narrate(COUNTS, checks=plan, year=YEAR, subject="Các tổ chức đảng trực thuộc").text)
    print()
    print(nq21)


if __name__ == "__main__":
    main()
