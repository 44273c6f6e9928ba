"""Typing check (and test): an analyst's counting, from records to shares and tables."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

from coso_dang import (
    Gender,
    Member,
    Organization,
    OrgKind,
    OrgTree,
    Rollup,
    Tally,
    get_ratio,
    rollup,
)
from coso_dang.breakdowns import Breakdown, BreakdownRow, breakdown
from coso_dang.errors import Problem


def test_counting_api_type_check() -> None:
    """Tallies merge and share; rollups answer by id; breakdowns are tables."""
    tree = OrgTree.build(
        [
            Organization("xa", "Đảng bộ xã An Bình", OrgKind.DANG_BO_CO_SO),
            Organization("cb", "Chi bộ thôn 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa"),
        ],
        [
            Member("dv1", "Lê Thị Hoa", "cb", admitted_on=date(2010, 3, 2),
                   gender=Gender.NU, birth_date=date(1990, 6, 1)),
        ],
    )  # fmt: skip
    result: Rollup = rollup(tree, year=2024, breakdowns=["tuoi"])
    total: Tally = result["xa"]
    own: Tally = result.own("xa")
    members: int | None = total.get("dang_vien")
    assert members == 1
    merged: Tally = sum([own, Tally(dang_vien=2)], Tally()) + Tally()
    assert merged.get("dang_vien") == 2
    both: Tally = Tally.sum(result.values(), missing="zero")
    share: Fraction | None = Tally(ket_nap=3, dang_vien_cuoi_nam_truoc=100).share(
        get_ratio("ty_le_ket_nap")
    )
    assert share == Fraction(3, 100)
    shares: dict[str, Fraction | None] = both.shares()
    assert shares["ty_le_ket_nap"] == 0  # no admissions over two known members
    assert shares["thon_co_chi_bo"] is None  # no villages recorded: unknown, not 0%
    problems: list[Problem] = Tally(tccsd=2, dang_bo_co_so=1, chi_bo_co_so=0).problems()
    assert len(problems) == 1
    records: list[dict[str, Any]] = result.to_records()
    assert records[0]["id"] == "xa"
    ages: Breakdown = result.breakdown("tuoi", org="cb")
    rows: tuple[BreakdownRow, ...] = ages.rows
    average: Fraction | None = ages.average_age
    assert average == Fraction(34)
    assert sum(row.count or 0 for row in rows) == 1
    direct: Breakdown = breakdown(tree, "tuoi", on=date(2024, 12, 31))
    assert direct == result.breakdown("tuoi")
    when: date | None = result.as_of
    assert when == date(2024, 12, 31)
