"""A round read from tables refuses the year's evaluations no record could hold.

An evaluation whose subject or period is none of the codes ("Đảng viên", "Hằng năm",
"NAM"), or whose quarter does not fit its review, was of no round: it vanished from
every check of :meth:`RatingRound.from_frames` (a subject that is no code stopped it
with Python's English ``ValueError``), where ``rollup_frame`` refuses the same rows and
a record refuses the same values. Each is named, in Vietnamese and in English.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from tests.engines import in_engine

from coso_dang import Evaluation, Member, Organization, OrgKind, OrgTree, Rating, SubjectKind
from coso_dang.errors import TreeError
from coso_dang.evaluation import ReviewPeriod
from coso_dang.rules import QD124, RatingRound

pl = pytest.importorskip("polars")

ENGINES = ["polars", "polars-lazy", "pandas", "pyarrow", "duckdb"]
ORGS = [Organization("cb", "Chi bộ Trường A", OrgKind.CHI_BO_CO_SO)]
MEMBERS = [Member(f"dv{i}", f"Lê Văn {i}", "cb", admitted_on=date(2000, 1, 1)) for i in range(1, 4)]


def _members(engine: str) -> Any:
    table = pl.DataFrame(
        {
            "id": [m.id for m in MEMBERS],
            "org_id": [m.org_id for m in MEMBERS],
            "full_name": [m.full_name for m in MEMBERS],
            "admitted_on": [m.admitted_on for m in MEMBERS],
            "committee_role": [None] * len(MEMBERS),
        },
        schema_overrides={"committee_role": pl.String},
    )
    return in_engine(table, engine)


def _evaluations(engine: str, rows: list[dict[str, Any]]) -> Any:
    # dv1 disciplined and rated HTTNV: a record the disciplined-member rule fails.
    given = [
        {"subject_id": "dv1", "subject": "member", "period": "nam", "quarter": None},
        *rows,
    ]
    table = pl.DataFrame(
        {
            "subject_id": [r["subject_id"] for r in given],
            "year": [r.get("year", 2024) for r in given],
            "rating": ["HTTNV"] * len(given),
            "subject": [r["subject"] for r in given],
            "period": [r["period"] for r in given],
            "quarter": [r["quarter"] for r in given],
            "disciplined": [r["subject_id"] == "dv1" for r in given],
        },
        schema_overrides={"quarter": pl.Int64},
    )
    return in_engine(table, engine)


# One row of 2024 each, and what is said of it (the field and the reason).
BAD = [
    (
        {"subject_id": "dv2", "subject": "Đảng viên", "period": "nam", "quarter": None},
        "subject",
        "phải là một trong: member, organization",
        "one of",
    ),
    (
        {"subject_id": "dv2", "subject": "member", "period": "Hằng năm", "quarter": None},
        "period",
        "phải là một trong: nam, quy, nhiem_ky, khi_can",
        "one of",
    ),
    (
        {"subject_id": "dv2", "subject": "member", "period": "NAM", "quarter": None},
        "period",
        "phải là một trong: nam, quy, nhiem_ky, khi_can",
        "one of",
    ),
    (
        {"subject_id": "dv2", "subject": "member", "period": "nam", "quarter": 2},
        "quarter",
        "chỉ ghi khi đánh giá hằng quý",
        "only for a quarterly review",
    ),
    (
        {"subject_id": "dv2", "subject": "member", "period": "quy", "quarter": None},
        "quarter",
        "cần ghi khi đánh giá hằng quý",
        "needed for a quarterly review",
    ),
    (
        {"subject_id": "dv2", "subject": "member", "period": "quy", "quarter": 5},
        "quarter",
        "phải là số nguyên từ 1 đến 4",
        "from 1 to 4",
    ),
]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("row", "field", "vi", "en"), BAD)
def test_an_evaluation_no_record_holds_is_refused(
    engine: str, row: dict[str, Any], field: str, vi: str, en: str
) -> None:
    tree = OrgTree.build(ORGS)
    with pytest.raises(TreeError) as caught:
        RatingRound.from_frames(tree, _members(engine), _evaluations(engine, [row]), 2024)
    [problem] = caught.value.problems
    assert (problem.where, problem.field) == ("Đánh giá 'dv2'", field)
    assert vi in str(caught.value)
    assert en in caught.value.message("en")


@pytest.mark.parametrize("engine", ENGINES)
def test_other_years_and_good_codes_are_read_as_records(engine: str) -> None:
    """Rows of another year are of no round (as in rollup_frame); the year's rows with
    good codes give the records' report, a quarterly review read by its own round."""
    rows: list[dict[str, Any]] = [
        {"subject_id": "dv2", "subject": "NAM", "period": "Hằng năm", "quarter": 9, "year": 2023},
        {"subject_id": "dv3", "subject": "member", "period": "quy", "quarter": 3},
        {"subject_id": "cb", "subject": "organization", "period": "nam", "quarter": None},
    ]
    evaluations = _evaluations(engine, rows)
    records = [
        Evaluation("dv1", 2024, Rating.HTTNV, disciplined=True),
        Evaluation("dv3", 2024, Rating.HTTNV, period=ReviewPeriod.QUY, quarter=3),
        Evaluation("cb", 2024, Rating.HTTNV, subject=SubjectKind.ORGANIZATION),
    ]
    tree = OrgTree.build(ORGS)
    reviews: list[tuple[ReviewPeriod, int | None]] = [
        (ReviewPeriod.NAM, None),
        (ReviewPeriod.QUY, 3),
    ]
    for period, quarter in reviews:
        tables = QD124.check(
            RatingRound.from_frames(
                tree, _members(engine), evaluations, 2024, period=period, quarter=quarter
            )
        )
        with_records = RatingRound(
            OrgTree.build(ORGS, MEMBERS), records, 2024, period=period, quarter=quarter
        )
        expected = QD124.check(with_records)
        found = [(r.rule.code, r.subject.id, r.status, r.message) for r in tables]
        assert found == [(r.rule.code, r.subject.id, r.status, r.message) for r in expected]
        assert found  # the round read something: the disciplined member, or the quota
