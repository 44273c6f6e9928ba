"""Đảng ủy Khối các cơ quan tỉnh Đồng Nai: Kế hoạch 72-KH/ĐUK (22/3/2023) against NQ21.

The plan publishes targets only. THE FIGURES BELOW ARE ILLUSTRATIVE: made up to show how
its wording differs from the resolution's, not taken from any report. "Có 90%" is read
as a level to reach (exactly 90% passes) where NQ21's "trên 90%" is strict; and the
plan's admission base, "tổng số đảng viên cuối năm", does not say which year's end.

Run: python examples/dong_nai.py
"""

from __future__ import annotations

from coso_dang import Ratio, Tally, register_ratio
from coso_dang.report import narrate
from coso_dang.rules import (
    DONG_NAI,
    NQ21_2025,
    DongNaiAdmissionRule,
    Figures,
    Status,
)
from coso_dang.vi import format_percent

YEAR = 2023

# ILLUSTRATIVE, not published.
COUNTS = Tally(
    tccsd=110,
    dang_bo_co_so=42,
    chi_bo_co_so=68,
    chi_bo_truc_thuoc=236,
    dang_vien=5093,
    # 99 of 110 is exactly 90%: the plan's "có 90%" is met, NQ21's "trên 90%" is not.
    tccsd_htxsnv=15,
    tccsd_httnv=84,
    tccsd_htnv=10,
    tccsd_khtnv=1,
    dang_vien_htxsnv=760,
    dang_vien_httnv=3880,
    dang_vien_htnv=310,
    dang_vien_khtnv=20,
    ket_nap=150,
    dang_vien_cuoi_nam_truoc=5000,
)
FIGURES = Figures(counts=COUNTS, name="Đảng bộ Khối (số liệu minh họa)")

# The other reading of "cuối năm": the total at the end of the year being reported.
SAME_YEAR = register_ratio(
    Ratio(
        "ty_le_ket_nap_cuoi_nam_nay",
        "Tỷ lệ kết nạp so với tổng số đảng viên cuối năm báo cáo",
        ("ket_nap",),
        ("dang_vien",),
        unit="đảng viên",
    )
)


def main() -> None:
    assert COUNTS.problems() == []
    assert format_percent(COUNTS.share("tccsd_httnv_tro_len")) == "90%"

    plan = DONG_NAI.check(FIGURES, year=YEAR)
    nq21 = NQ21_2025.check(FIGURES, year=YEAR)
    assert plan["dong_nai.72_kh_duk.tccsd_httnv_tro_len"][0].status is Status.PASS
    assert nq21["nq21.2025.tccsd_httnv_tro_len"][0].status is Status.FAIL
    assert plan.passed

    # 150 new members are exactly 3% of the previous year's 5.000 ("từ" includes it) but
    # 2,95% of this year's 5.093: which end of year the plan meant decides the verdict.
    assert format_percent(COUNTS.share("ty_le_ket_nap")) == "3%"
    assert format_percent(COUNTS.share(SAME_YEAR.code)) == "2,95%"
    (other,) = DongNaiAdmissionRule(ratio=SAME_YEAR.code).check_each(FIGURES, year=YEAR)
    assert other.status is Status.FAIL

    print("SỐ LIỆU MINH HỌA — không phải số liệu công bố.")
    print(narrate(COUNTS, checks=plan, year=YEAR, subject="Đảng bộ Khối").text)
    print()
    print(nq21)
    print()
    print("Nếu hiểu “cuối năm” là cuối năm báo cáo:")
    print(other.message)


if __name__ == "__main__":
    main()
