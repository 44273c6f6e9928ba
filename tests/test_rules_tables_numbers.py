"""A round read from tables reads its counts and scores as a record does.

A score of 69,5 in an evaluations table became 69 when its record was made, and the
366-QĐ/TW check printed "69 điểm", where a record refuses a score that is no whole
number; a whole number held as a float (a column with gaps, as pandas holds it) or as
text is the number.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from tests.engines import in_engine

from coso_dang import Evaluation, Member, Organization, OrgKind, OrgTree, Rating
from coso_dang.errors import RecordError
from coso_dang.rules import QD366, RatingRound

pl = pytest.importorskip("polars")

ENGINES = ["polars", "polars-lazy", "pandas", "pyarrow", "duckdb"]
ORGS = [Organization("cb", "Chi bộ Trường A", OrgKind.CHI_BO_CO_SO)]
MEMBERS = [Member("dv1", "Đỗ Văn Hùng", "cb", admitted_on=date(2000, 1, 1))]


def _members(engine: str) -> Any:
    table = pl.DataFrame(
        {
            "id": ["dv1"],
            "org_id": ["cb"],
            "full_name": ["Đỗ Văn Hùng"],
            "admitted_on": [date(2000, 1, 1)],
            "committee_role": [None],
        },
        schema_overrides={"committee_role": pl.String},
    )
    return in_engine(table, engine)


def _round(engine: str, score: object) -> RatingRound:
    # dv1 rated HTTNV with a score of the HTNV band.
    table = pl.DataFrame(
        {"subject_id": ["dv1"], "year": [2025], "rating": ["HTTNV"], "score": [score]}
    )
    return RatingRound.from_frames(
        OrgTree.build(ORGS), _members(engine), in_engine(table, engine), 2025
    )


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("value", [69.5, 89.9, "69,5"])
def test_a_score_that_is_no_whole_number_is_refused_as_a_record_refuses_it(
    engine: str, value: object
) -> None:
    with pytest.raises(RecordError) as on_record:
        Evaluation("dv1", 2025, Rating.HTTNV, score=value)  # type: ignore[arg-type]
    with pytest.raises(RecordError) as on_table:
        QD366.check(_round(engine, value))
    assert str(on_table.value) == str(on_record.value)
    assert "69 điểm" not in str(on_table.value)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("value", [69.0, "69", " 69 "])
def test_a_whole_score_held_otherwise_is_the_number(engine: str, value: object) -> None:
    table = QD366.check(_round(engine, value))["qd366.score_band"]
    records = QD366.check(
        RatingRound(
            OrgTree.build(ORGS, MEMBERS), [Evaluation("dv1", 2025, Rating.HTTNV, score=69)], 2025
        )
    )["qd366.score_band"]
    assert [(r.status, r.message) for r in table] == [(r.status, r.message) for r in records]
    assert "69 điểm" in table[0].message
