"""A members table read by the checks refuses a committee seat written otherwise than by
its code.

"Bí thư" (the label) or "BI_THU" in ``committee_role`` was counted as a seat but as no
bí thư, so a chi bộ cơ sở with two of them passed the Charter's "một bí thư"; the
record of such a member was refused with Python's English ``ValueError``. Both table
rounds now name the value, as a record refuses a role that is none.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from tests.engines import in_engine

from coso_dang import Organization, OrgKind, OrgTree
from coso_dang.errors import TreeError
from coso_dang.rules import DIEU_LE, QD124, RatingRound, Status, Structure

pl = pytest.importorskip("polars")

ENGINES = ["polars", "polars-lazy", "pandas", "pyarrow", "duckdb"]
ORGS = [Organization("cs", "Chi bộ Trường A", OrgKind.CHI_BO_CO_SO)]
ON = date(2024, 12, 31)


def _members(engine: str, roles: list[str | None]) -> Any:
    # Twelve official members, the first ones holding the seats given.
    n = 12
    given = roles + [None] * (n - len(roles))
    table = pl.DataFrame(
        {
            "id": [f"dv{i}" for i in range(n)],
            "org_id": ["cs"] * n,
            "full_name": [f"Phạm Văn {i}" for i in range(n)],
            "admitted_on": [date(2000, 1, 1)] * n,
            "committee_role": given,
        },
        schema_overrides={"committee_role": pl.String},
    )
    return in_engine(table, engine)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("written", ["Bí thư", "BI_THU", "bí thư chi bộ"])
def test_a_seat_not_written_by_its_code_is_refused(engine: str, written: str) -> None:
    members = _members(engine, [written, written, "pho_bi_thu", "uy_vien"])
    evaluations = in_engine(
        pl.DataFrame({"subject_id": ["dv0"], "year": [2024], "rating": ["HTTNV"]}), engine
    )
    tree = OrgTree.build(ORGS)
    builds: list[Callable[[], object]] = [
        lambda: DIEU_LE.check(Structure.from_frames(tree, members, ON)),
        lambda: QD124.check(RatingRound.from_frames(tree, members, evaluations, 2024)),
    ]
    for build in builds:
        with pytest.raises(TreeError) as caught:
            build()
        [problem] = caught.value.problems
        assert (problem.field, problem.value) == ("committee_role", written)
        assert "phải là một trong: bi_thu, pho_bi_thu, uy_vien" in str(caught.value)
        assert "one of bi_thu, pho_bi_thu, uy_vien" in caught.value.message("en")


@pytest.mark.parametrize("engine", ENGINES)
def test_seats_by_their_codes_are_counted(engine: str) -> None:
    """Two bí thư written by the code fail the chi ủy check, as on records."""
    members = _members(engine, ["bi_thu", "bi_thu", "pho_bi_thu", "uy_vien", ""])
    report = DIEU_LE.check(Structure.from_frames(OrgTree.build(ORGS), members, ON))
    [result] = report["dieu_le.chi_uy"]
    assert result.status is Status.FAIL
    assert "có 2 bí thư" in result.message
