"""A round read from tables reads its counts and scores as a record does.

A score of 69,5 in an evaluations table became 69 when its record was made, and the
366-QĐ/TW check printed "69 điểm", where a record refuses a score that is no whole
number; a whole number held as a float (a column with gaps, as pandas holds it) or as
text is the number, and text that is no whole number is named.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from tests.engines import in_engine

from coso_dang import Evaluation, Member, Organization, OrgKind, OrgTree, Rating
from coso_dang.errors import RecordError, TreeError
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
@pytest.mark.parametrize("value", [69.5, 89.9])
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


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("value", ["69,5", "sáu mươi", "-3"])
def test_a_count_written_as_text_that_is_no_whole_number_is_named(engine: str, value: str) -> None:
    """Counts held as text were compared with numbers in the engine's own English error
    (polars' "cannot compare string with numeric type"); one that is no whole number is
    named by its member, its value not quoted (a score is personal)."""
    with pytest.raises(TreeError) as caught:
        _round(engine, value)
    [problem] = caught.value.problems
    assert (problem.where, problem.field, problem.value) == ("Đánh giá 'dv1'", "score", "")
    assert "phải là số nguyên từ 0 trở lên" in str(caught.value)
    assert value not in str(caught.value)


@pytest.mark.parametrize("engine", ENGINES)
def test_counts_written_as_text_are_read_as_numbers(engine: str) -> None:
    """A CSV read as text: every count a string, some blank. The checks read them as a
    record holds them (sick leave from 3 months caps HTTNV; 4 of 10 tasks done is under
    half), and give the records' report."""
    table = pl.DataFrame(
        {
            "subject_id": ["dv1"],
            "year": ["2025"],
            "rating": ["HTTNV"],
            "score": [" 80 "],
            "sick_leave_months": ["3"],
            "tasks": ["10"],
            "tasks_on_time": ["4"],
            "tasks_late": [""],
        }
    )
    rr = RatingRound.from_frames(
        OrgTree.build(ORGS), _members(engine), in_engine(table, engine), 2025
    )
    record = Evaluation(
        "dv1", 2025, Rating.HTTNV, score=80, sick_leave_months=3, tasks=10, tasks_on_time=4
    )
    expected = QD366.check(RatingRound(OrgTree.build(ORGS, MEMBERS), [record], 2025))
    found = [(r.rule.code, r.subject.id, r.status, r.message) for r in QD366.check(rr)]
    assert found == [(r.rule.code, r.subject.id, r.status, r.message) for r in expected]
    assert ("qd366.sick_leave", "dv1") in {(code, who) for code, who, _, _ in found}


@pytest.mark.parametrize("engine", ENGINES)
def test_another_years_text_is_of_no_round(engine: str) -> None:
    """A row of another year is of no round (as in rollup_frame): its text is not read."""
    table = pl.DataFrame(
        {"subject_id": ["dv1", "dv1"], "year": [2019, 2025], "rating": ["HTTNV"] * 2,
         "score": ["sáu mươi", "80"]}
    )  # fmt: skip
    rr = RatingRound.from_frames(
        OrgTree.build(ORGS), _members(engine), in_engine(table, engine), 2025
    )
    [result] = QD366.check(rr)["qd366.score_band"]
    assert "80 điểm" in result.message
