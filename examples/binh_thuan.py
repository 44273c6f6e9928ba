"""Tỉnh ủy Bình Thuận: the 10-year review of November 2021, its committees and its target.

The review gives the province's structure at 10/2021, the qualifications of its 1.899
grassroots committee members (published as "hơn 96%" and "hơn 88%") and a yearly target
of 2.000 new members. It gives no admissions count, so the target cannot be judged from
the review itself; the script then asks what meeting it would mean against NQ21's band.

Run: python examples/binh_thuan.py
"""

from __future__ import annotations

from coso_dang import Tally
from coso_dang.report import narrate
from coso_dang.rules import BINH_THUAN, NQ21_2025, Figures, Status
from coso_dang.vi import approx_percent, format_number, format_percent

COUNTS = Tally(
    tccsd=468,
    dang_bo_co_so=247,
    chi_bo_co_so=221,
    dang_vien=39520,
    cap_uy_vien=1899,
    cap_uy_vien_cao_dang_tro_len=1837,
    cap_uy_vien_trung_cap_llct_tro_len=1677,
)

# Beside the tree and not counted in it: the bodies the review lists above the TCCSĐ.
TO_CHUC_TRUC_THUOC = 14
DANG_DOAN_BAN_CAN_SU = 10


def main() -> None:
    assert COUNTS.problems() == []

    # The review rounds down to a whole percent and says "hơn": the exact shares are
    # 96,74% and 88,31%. The library can phrase them the same way; its report prints every
    # share of a report at one precision.
    degree = COUNTS.share("cap_uy_vien_cao_dang_tro_len")
    theory = COUNTS.share("cap_uy_vien_trung_cap_llct_tro_len")
    assert (format_percent(degree), approx_percent(degree)) == ("96,74%", "hơn 96%")
    assert (format_percent(theory), approx_percent(theory)) == ("88,31%", "hơn 88%")

    narrative = narrate(COUNTS, subject="Toàn tỉnh")
    assert "1.837 đồng chí (96,74%)" in narrative.text
    assert "1.677 đồng chí (88,31%)" in narrative.text
    print(
        f"Đảng bộ tỉnh có {format_number(TO_CHUC_TRUC_THUOC)} tổ chức đảng trực thuộc và "
        f"{format_number(DANG_DOAN_BAN_CAN_SU)} đảng đoàn, ban cán sự đảng."
    )
    print(narrative.text)

    # The province's own target needs an admissions count the review does not give.
    figures = Figures(counts=COUNTS, name="Đảng bộ tỉnh Bình Thuận")
    plan = BINH_THUAN.check(figures, year=2022)
    assert plan["binh_thuan.2021.ket_nap"][0].status is Status.MISSING_DATA
    print()
    print(plan)

    # Meeting it exactly, over the 39.520 members of 10/2021 (a stand-in for the total at
    # 31/12), is 5,06%: above NQ21's "từ 3 - 4%" band, which is reported, not failed.
    met = Tally(ket_nap=2000, dang_vien_cuoi_nam_truoc=39520)
    assert BINH_THUAN.check(met, year=2022).passed
    (band,) = NQ21_2025.check(met, year=2022)["nq21.2025.ty_le_ket_nap"]
    assert (band.status, band.exceeds) == (Status.PASS, True)
    assert format_percent(met.share("ty_le_ket_nap")) == "5,06%"
    print()
    print(
        f"Nếu kết nạp đủ {format_number(met['ket_nap'])} đảng viên mới "
        "(giả định, không phải số liệu công bố):"
    )
    print(narrate(met, checks=NQ21_2025.check(met, year=2022), year=2022).text)


if __name__ == "__main__":
    main()
