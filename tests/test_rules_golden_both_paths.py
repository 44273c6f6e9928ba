"""Golden rows of the rating caps, read from the regulations' wording, on both paths.

Each row is one member's evaluation beside the boundary its wording sets, judged on
records (:class:`RatingRound`) and on tables (:meth:`RatingRound.from_frames`), which
must agree with each other and with the row: "kết nạp chưa đủ 6 tháng" (counted to the
rating day, 31/12), "nghỉ ốm từ 3 tháng trở lên" (inclusive), "hoàn thành dưới 50%"
(strict), a member disciplined in the year KHTNV (since 124-QĐ/TW unless self-detected
and remedied), a member exempted or suspended not rated.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from fractions import Fraction
from typing import Any

import attrs
import pytest
from tests.test_rules_golden_ratings import QUOTA_TABLE

from coso_dang import Evaluation, Member, Organization, OrgKind, OrgTree, Rating
from coso_dang.rules import QD124, QD132, RatingRound, RuleSet, Status

pl = pytest.importorskip("polars")

X, T, N, K = Rating.HTXSNV, Rating.HTTNV, Rating.HTNV, Rating.KHTNV
P, F, M = Status.PASS, Status.FAIL, Status.MISSING_DATA
ORGS = [Organization("cs", "Chi bộ Trường A", OrgKind.CHI_BO_CO_SO)]
OLD = date(2000, 1, 1)


def _frame(records: list[Any], cls: type) -> Any:
    names = [a.name for a in attrs.fields(cls) if a.name != "inactive_periods"]
    return pl.DataFrame(
        {
            n: [v.value if isinstance(v, Enum) else v for v in (getattr(r, n) for r in records)]
            for n in names
        },
        strict=False,
        infer_schema_length=None,
    )


def _both(
    pack: RuleSet, members: list[Member], evaluations: list[Evaluation], year: int
) -> list[dict[tuple[str, str | None], Status]]:
    """The verdicts by (rule family, subject) on records and on tables."""
    rounds = [
        RatingRound(OrgTree.build(ORGS, members), evaluations, year),
        RatingRound.from_frames(
            OrgTree.build(ORGS), _frame(members, Member), _frame(evaluations, Evaluation), year
        ),
    ]
    return [
        {(r.rule.code.split(".", 1)[1], r.subject.id): r.status for r in pack.check(rr)}
        for rr in rounds
    ]


# The member's admission and exemption, its evaluation of 2024 → the verdict of each
# rule that speaks of it (others say nothing of dv0).
MEMBER_ROWS: list[tuple[dict[str, Any], dict[str, Any], dict[str, Status]]] = [
    # "kết nạp chưa đủ 6 tháng": 30/6 + 6 months is 30/12, by the rating day; 1/7 is not.
    ({"admitted_on": date(2024, 6, 30)}, {"rating": T}, {}),
    ({"admitted_on": date(2024, 7, 1)}, {"rating": T}, {"not_to_be_rated": F}),
    ({"admitted_on": date(2024, 7, 1)}, {"rating": None}, {"not_to_be_rated": P}),
    # Exempted on or before the rating day: not rated; exempted later: rated.
    ({"exempted_on": date(2024, 12, 31)}, {"rating": T}, {"not_to_be_rated": F}),
    ({"exempted_on": date(2025, 1, 1)}, {"rating": T}, {}),
    ({}, {"rating": None, "exempted": True}, {"not_to_be_rated": P}),
    # "nghỉ ốm từ 3 tháng trở lên": 3 months caps the rating at HTNV, 2 do not.
    ({}, {"rating": T, "sick_leave_months": 3}, {"sick_leave": F}),
    ({}, {"rating": N, "sick_leave_months": 3}, {"sick_leave": P}),
    ({}, {"rating": T, "sick_leave_months": 2}, {}),
    # Disciplined in the year: KHTNV; self-detected and remedied is excepted since 124.
    ({}, {"rating": N, "disciplined": True}, {"disciplined_member": F}),
    ({}, {"rating": K, "disciplined": True}, {"disciplined_member": P}),
    ({}, {"rating": T, "disciplined": True, "self_remedied": True}, {"disciplined_member": P}),
    # "hoàn thành dưới 50%": strict; half of them is not under.
    (
        {},
        {"rating": T, "tasks": 10, "tasks_on_time": 4, "tasks_late": 1},
        {"tasks_under_half": P},
    ),
    (
        {},
        {"rating": T, "tasks": 10, "tasks_on_time": 4, "tasks_late": 0},
        {"tasks_under_half": F},
    ),
    ({}, {"rating": T, "tasks": 10, "tasks_on_time": 4}, {"tasks_under_half": M}),
    ({}, {"rating": K, "tasks": 10, "tasks_on_time": 1, "tasks_late": 0}, {}),
    # Suspended from party activity: not rated (124-QĐ/TW Art. 5.2.1).
    ({}, {"rating": T, "suspended": True}, {"suspended_not_rated": F}),
    ({}, {"rating": None, "suspended": True}, {"suspended_not_rated": P}),
]


@pytest.mark.parametrize(("member", "evaluation", "expected"), MEMBER_ROWS)
def test_a_member_beside_each_boundary(
    member: dict[str, Any], evaluation: dict[str, Any], expected: dict[str, Status]
) -> None:
    dv0 = Member("dv0", "Ngô Văn An", "cs", **{"admitted_on": OLD, **member})
    # Five members rated HTTNV alongside, so the quota is no part of the row.
    others = [Member(f"dv{i}", f"Ngô Văn {i}", "cs", admitted_on=OLD) for i in range(1, 6)]
    evaluations = [Evaluation("dv0", 2024, **evaluation)]
    evaluations += [Evaluation(m.id, 2024, T) for m in others]
    on_records, on_tables = _both(QD124, [dv0, *others], evaluations, 2024)
    assert on_records == on_tables
    about_dv0 = {family: s for (family, subject), s in on_records.items() if subject == "dv0"}
    assert about_dv0 == expected


def test_self_remedied_is_no_exception_before_124() -> None:
    """Quy định 132-QĐ/TW has no exception for a violation self-detected and remedied."""
    dv0 = Member("dv0", "Ngô Văn An", "cs", admitted_on=OLD)
    ev = Evaluation("dv0", 2022, T, disciplined=True, self_remedied=True)
    on_records, on_tables = _both(QD132, [dv0], [ev], 2022)
    assert on_records == on_tables
    assert on_records[("disciplined_member", "dv0")] is F


@pytest.mark.parametrize(("counts", "status", "beyond"), QUOTA_TABLE)
def test_the_quota_on_both_paths(
    counts: tuple[int, int, int, int], status: Status, beyond: int
) -> None:
    """ "không vượt quá 20% số đảng viên hoàn thành tốt nhiệm vụ": the same verdict from
    tables as from records, in each regime that sets it."""
    h, g, n, k = counts
    ratings = [X] * h + [T] * g + [N] * n + [K] * k
    members = [Member(f"dv{i}", f"Ngô Văn {i}", "cs", admitted_on=OLD) for i in range(len(ratings))]
    evaluations = [Evaluation(m.id, 2024, r) for m, r in zip(members, ratings, strict=True)]
    on_records, on_tables = _both(QD124, members, evaluations, 2024)
    assert on_records == on_tables
    assert on_records[("htxsnv_quota", "cs")] is status


@pytest.mark.parametrize(
    ("on_time", "late", "said", "observed"),
    [
        (10, None, "Hoàn thành 10/10 nhiệm vụ (100%)", Fraction(1)),
        (None, 10, "Hoàn thành 10/10 nhiệm vụ (100%)", Fraction(1)),
        (6, None, "Hoàn thành ít nhất 6/10 nhiệm vụ (60%)", None),
    ],
)
def test_the_tasks_done_are_said_as_known(
    on_time: int | None, late: int | None, said: str, observed: Fraction | None
) -> None:
    """Every task done on time leaves none done late: the tasks done are known, not "ít
    nhất 10/10"; with 6 of 10 on time and the late ones blank, they are at least 6."""
    dv0 = Member("dv0", "Ngô Văn An", "cs", admitted_on=OLD)
    ev = Evaluation("dv0", 2024, T, tasks=10, tasks_on_time=on_time, tasks_late=late)
    for rr in (
        RatingRound(OrgTree.build(ORGS, [dv0]), [ev], 2024),
        RatingRound.from_frames(
            OrgTree.build(ORGS), _frame([dv0], Member), _frame([ev], Evaluation), 2024
        ),
    ):
        [result] = QD124.check(rr)["qd124.tasks_under_half"]
        assert result.status is P
        assert result.message.startswith(said), result.message
        assert result.observed == observed


@pytest.mark.parametrize(
    ("first", "later", "expected"),
    [
        # Exempted first, rated later: the later record is read, and it is no exemption.
        ({"rating": None, "exempted": True}, {"rating": T}, {}),
        # Rated first, exempted and still rated later: the later one is judged.
        ({"rating": T}, {"rating": T, "exempted": True}, {"not_to_be_rated": F}),
        ({"rating": T}, {"rating": None, "exempted": True}, {"not_to_be_rated": P}),
    ],
)
def test_a_member_evaluated_twice_is_judged_by_the_later_record(
    first: dict[str, Any], later: dict[str, Any], expected: dict[str, Status]
) -> None:
    """A round keeps a member's later evaluation of the year: the rule on members not
    to be rated reads that one alone, on records and on tables alike."""
    dv0 = Member("dv0", "Ngô Văn An", "cs", admitted_on=OLD)
    others = [Member(f"dv{i}", f"Ngô Văn {i}", "cs", admitted_on=OLD) for i in range(1, 6)]
    evaluations = [Evaluation("dv0", 2024, **first)]
    evaluations += [Evaluation(m.id, 2024, T) for m in others]
    evaluations.append(Evaluation("dv0", 2024, **later))
    on_records, on_tables = _both(QD124, [dv0, *others], evaluations, 2024)
    assert on_records == on_tables
    about_dv0 = {family: s for (family, subject), s in on_records.items() if subject == "dv0"}
    assert about_dv0 == expected


@pytest.mark.parametrize("engine", ["polars", "pandas", "pandas-arrow", "duckdb", "dask"])
@pytest.mark.filterwarnings("ignore::FutureWarning")
def test_a_chi_bo_whose_members_are_all_unrated_counts_no_rating_on_the_rolls(
    engine: str,
) -> None:
    """A chi bộ whose only evaluation has no rating counts no member per level on the
    rolls: on dask the sum of its flags (all gaps) was a gap, which a whole count could
    not take (a TypeError about pandas' NA)."""
    from tests.engines import in_engine

    orgs = [
        Organization("db", "Đảng bộ A", OrgKind.DANG_BO_CO_SO),
        Organization("cb1", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="db"),
        Organization("cb2", "Chi bộ 2", OrgKind.CHI_BO_TRUC_THUOC, parent_id="db"),
    ]
    members = [
        Member("dv1", "Ngô Văn An", "cb1", admitted_on=OLD),
        Member("dv2", "Ngô Văn Bình", "cb2", admitted_on=OLD),
    ]
    evaluations = [Evaluation("dv1", 2024, T), Evaluation("dv2", 2024, None, exempted=True)]
    on_records = RatingRound(OrgTree.build(orgs, members), evaluations, 2024)
    on_tables = RatingRound.from_frames(
        OrgTree.build(orgs),
        in_engine(_frame(members, Member), engine),
        in_engine(_frame(evaluations, Evaluation), engine),
        2024,
    )
    for org_id in ("db", "cb1", "cb2"):
        expected = on_records.member_tally(org_id, on_rolls=True)
        assert on_tables.member_tally(org_id, on_rolls=True) == expected
