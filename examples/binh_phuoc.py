"""Tỉnh ủy Bình Phước: the structure reported on 29/9/2022, against its own programme and NQ21.

The province's action programme (10-CTr/TU) implementing Nghị quyết 21-NQ/TW was reported
with the province's figures: its organizations and members, and "100%" coverage of
villages and communes. The report gives no rating or admission figures, so those targets
come out as missing data rather than as passed or failed.

Run: python examples/binh_phuoc.py
"""

from __future__ import annotations

import math
from fractions import Fraction

from coso_dang import Organization, OrgKind, OrgTree, Rollup, Tally
from coso_dang.report import narrate
from coso_dang.rules import BINH_PHUOC, NQ21_2025, Figures, Status
from coso_dang.vi import format_number, format_percent

YEAR = 2022

COUNTS = Tally(
    tccsd=737,
    dang_bo_co_so=263,
    chi_bo_co_so=474,
    dang_bo_bo_phan=2,
    chi_bo_truc_thuoc=2416,
    dang_vien=38356,
    # "111/111 xã, phường, thị trấn là đảng bộ cơ sở", and every one has both chi bộ.
    xa=111,
    xa_co_chi_bo_quan_su=111,
    xa_co_chi_bo_cong_an=111,
)

# Villages are published as a bare "100%" with no count: an exact share of the whole.
FIGURES = Figures(
    counts=COUNTS,
    shares={"thon_co_dang_vien": Fraction(1), "thon_co_chi_bo": Fraction(1)},
    name="Đảng bộ tỉnh Bình Phước",
    kind=OrgKind.DANG_BO_TINH,
)


def province_rollup() -> Rollup:
    """The province with its 21 đảng bộ trực thuộc, all counts held at the top.

    The 21 subordinate committees are a fact of structure, not a count: the narrative
    names them only when they are in the tree. Their own figures are not published,
    so the province's totals are attached to the root.
    """
    orgs = [Organization("BP", "Đảng bộ tỉnh Bình Phước", OrgKind.DANG_BO_TINH)]
    orgs += [
        Organization(f"BP.{i:02}", f"Đảng bộ trực thuộc {i}", OrgKind.DANG_BO_CAP_TREN_CO_SO, "BP")
        for i in range(1, 22)
    ]
    return Rollup.from_tallies(OrgTree.build(orgs), {"BP": COUNTS}, year=YEAR)


def main() -> None:
    # 737 = 263 + 474: a typo in any of the typed-in figures would show here.
    assert COUNTS.problems() == []
    assert format_percent(COUNTS.share("xa_co_chi_bo_quan_su")) == "100%"

    narrative = narrate(province_rollup())
    structure = narrative.sentences[0].text
    assert structure == (
        "Toàn tỉnh có 21 đảng bộ trực thuộc, 737 tổ chức cơ sở đảng (263 đảng bộ cơ sở, "
        "474 chi bộ cơ sở), 2 đảng bộ bộ phận, 2.416 chi bộ trực thuộc đảng ủy cơ sở, "
        "38.356 đảng viên."
    )

    plan = BINH_PHUOC.check(FIGURES, year=YEAR)
    nq21 = NQ21_2025.check(FIGURES, year=YEAR)
    # The structure targets are met; ratings, admissions and residence contact are
    # not in the report, and unknown must never read as met.
    for code in ("thon_co_chi_bo", "xa_co_chi_bo_quan_su", "xa_co_chi_bo_cong_an"):
        assert plan[f"binh_phuoc.10_ctr_tu.{code}"][0].status is Status.PASS
    assert plan["binh_phuoc.10_ctr_tu.ty_le_ket_nap"][0].status is Status.MISSING_DATA
    assert nq21["nq21.2025.thon_co_dang_vien"][0].status is Status.PASS
    assert not plan.passed

    print(narrative.text)
    print()
    print(plan)
    print()
    print(nq21)

    # What "từ 3-4%" asks of a year, taking the reported 38.356 as a stand-in for the
    # total at 31/12 (the programme's base; the report is from September).
    base = COUNTS["dang_vien"]
    (admission,) = BINH_PHUOC.check(Tally(ket_nap=0, dang_vien_cuoi_nam_truoc=base), year=YEAR)[
        "binh_phuoc.10_ctr_tu.ty_le_ket_nap"
    ]
    assert admission.gap is not None
    assert admission.target is not None
    assert admission.target.upper is not None
    # From zero, the gap is the least count on the floor; the most inside the band is
    # ⌊4% × base⌋ (more would be "vượt": reported, not failed).
    low, high = admission.gap.units, math.floor(admission.target.upper * base)
    print()
    print(
        f"Với {format_number(base)} đảng viên, đạt {admission.target.wording} là kết nạp "
        f"từ {format_number(low)} đến {format_number(high)} đảng viên mới trong năm."
    )


if __name__ == "__main__":
    main()
