"""Validation of evaluations on load: duplicates and unknown subjects, as the plain rule says.

The loader finds them by sorting (a nation's evaluations do not fit a set of their keys
in the memory allowed); the reference here is the rule as written, with sets: an
evaluation is a duplicate when an earlier one has the same subject, year and review, and
names an unknown subject when no member (or organization) has its id. Both give their
problems in the evaluations' order.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from coso_dang import Member, Organization, OrgKind
from coso_dang.dataset import Dataset
from coso_dang.errors import Problem
from coso_dang.evaluation import Evaluation, Rating, ReviewPeriod, SubjectKind
from coso_dang.io._collect import _evaluation_problems

_ORGS = (
    Organization("x", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO),
    Organization("c1", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="x"),
)

reviews = st.builds(
    lambda subject_id, year, subject, quarter: Evaluation(
        subject_id,
        year,
        Rating.HTTNV,
        subject=subject,
        period=ReviewPeriod.NAM if quarter is None else ReviewPeriod.QUY,
        quarter=quarter,
    ),
    st.sampled_from(["dv1", "dv2", "dv3", "dv9", "x", "c1", "c9"]),
    st.sampled_from([2023, 2024]),
    st.sampled_from(list(SubjectKind)),
    st.one_of(st.none(), st.integers(1, 2)),
)


def _where(e: Evaluation) -> str:
    return f"Đánh giá {e.subject_id!r} {e.year} {e.subject.value}"


def _expected(members: list[str], evaluations: list[Evaluation]) -> list[Problem]:
    seen: set[tuple[object, ...]] = set()
    org_ids = {org.id for org in _ORGS}
    expected: list[Problem] = []
    for e in evaluations:
        key = (e.subject_id, e.year, e.subject, e.period, e.quarter)
        if key in seen:
            expected.append(Problem(_where(e), "year", str(e.year), "duplicate evaluation"))
        seen.add(key)
        known = members if e.subject is SubjectKind.MEMBER else org_ids
        if e.subject_id not in known:
            expected.append(Problem(_where(e), "subject_id", e.subject_id, "unknown subject"))
    return expected


@settings(max_examples=200, deadline=None)
@given(
    members=st.lists(st.sampled_from(["dv1", "dv2", "dv3"]), unique=True),
    pool=st.lists(reviews, min_size=1, max_size=25),
    picks=st.lists(st.integers(0, 30), max_size=25),
)
def test_duplicates_and_unknown_subjects_are_the_plain_rules(
    members: list[str], pool: list[Evaluation], picks: list[int]
) -> None:
    # A dataset made by hand may hold one evaluation object more than once.
    evaluations = [pool[pick % len(pool)] for pick in picks]
    people = [Member(i, "Lê Văn An", "c1", date(2000, 1, 1)) for i in reversed(members)]
    data = Dataset(_ORGS, people, (), evaluations)
    assert _evaluation_problems(data) == _expected(members, evaluations)
