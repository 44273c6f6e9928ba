"""A rating or status round whose tree records no member says nothing of its members.

Given the organizations alone (as a tree for ``rollup_frame`` is best built) with the
year's evaluations, the HTXSNV quota counted no member in any TCCSĐ and passed each
"0/0 đảng viên, đạt hạn mức", though two members rated HTXSNV were in the evaluations;
and a collective rated HTXSNV under 366-QĐ/TW passed "no member of its leadership
disciplined" with no leader known; the removal checks listed no candidate. All are
unknown, not zero, as the Charter checks read a tree without members; a chi bộ with no
member in a tree that lists members is still a count of none.
"""

from __future__ import annotations

from datetime import date

import pytest

from coso_dang import Evaluation, Member, Organization, OrgKind, OrgTree, Rating, SubjectKind
from coso_dang.rules import QD124, QD366, RatingRound, Status
from coso_dang.rules.status import STATUS, StatusRecord, StatusRound

ORG = SubjectKind.ORGANIZATION
ORGS = [
    Organization("cs", "Chi bộ Trường A", OrgKind.CHI_BO_CO_SO),
    Organization("cs2", "Chi bộ Trường B", OrgKind.CHI_BO_CO_SO),
]
RATED = [Evaluation("dv1", 2024, Rating.HTXSNV), Evaluation("dv2", 2024, Rating.HTXSNV)]


def _quota(rr: RatingRound) -> dict[str | None, tuple[Status, str]]:
    return {r.subject.id: (r.status, r.message) for r in QD124.check(rr)["qd124.htxsnv_quota"]}


def test_the_quota_of_a_tree_without_members_is_unknown() -> None:
    found = _quota(RatingRound(OrgTree.build(ORGS), RATED, 2024))
    for status, message in found.values():
        assert status is Status.MISSING_DATA, message
        assert "dữ liệu không có danh sách đảng viên" in message
        assert "0/0" not in message


def test_the_quota_from_an_empty_members_table_is_unknown() -> None:
    pl = pytest.importorskip("polars")
    members = pl.DataFrame(
        {"id": [], "org_id": [], "full_name": [], "admitted_on": [], "committee_role": []},
        schema={
            "id": pl.String,
            "org_id": pl.String,
            "full_name": pl.String,
            "admitted_on": pl.Date,
            "committee_role": pl.String,
        },
    )
    evaluations = pl.DataFrame(
        {"subject_id": ["dv1", "dv2"], "year": [2024, 2024], "rating": ["HTXSNV"] * 2}
    )
    tables = _quota(RatingRound.from_frames(OrgTree.build(ORGS), members, evaluations, 2024))
    assert tables == _quota(RatingRound(OrgTree.build(ORGS), RATED, 2024))
    assert {status for status, _ in tables.values()} == {Status.MISSING_DATA}


def test_a_chi_bo_without_members_in_a_tree_that_lists_them_is_a_count_of_none() -> None:
    members = [Member(f"dv{i}", f"Vũ Thị {i}", "cs", admitted_on=date(2000, 1, 1)) for i in (1, 2)]
    found = _quota(RatingRound(OrgTree.build(ORGS, members), RATED, 2024))
    assert found["cs"][0] is Status.FAIL  # 2 HTXSNV, no HTTNV
    assert found["cs2"][0] is Status.PASS  # no member: nothing to exceed
    assert "0/0" in found["cs2"][1]


def test_a_collective_rated_excellent_names_no_leader_without_members() -> None:
    good = {"score": 95, "tasks": 10, "tasks_on_time": 10, "tasks_late": 0, "tasks_exceeded": 4}
    top = Evaluation("cs", 2025, Rating.HTXSNV, subject=ORG, **good)  # type: ignore[arg-type]
    [alone] = QD366.check(RatingRound(OrgTree.build(ORGS), [top], 2025))["qd366.org_score_band"]
    assert alone.status is Status.MISSING_DATA, alone.message
    assert "chưa biết cấp ủy viên có bị kỷ luật không" in alone.message
    member = Member("dv1", "Vũ Thị 1", "cs", admitted_on=date(2000, 1, 1))
    listed = RatingRound(
        OrgTree.build(ORGS, [member]), [top, Evaluation("dv1", 2025, Rating.HTTNV)], 2025
    )
    [result] = QD366.check(listed)["qd366.org_score_band"]
    assert result.status is Status.PASS, result.message


def test_a_status_round_without_members_names_no_one_as_unknown() -> None:
    """The removal checks listed no candidate from a tree of organizations alone, though
    the records said 5 months absent and KHTNV two years running: no one on the rolls
    is no news."""
    evaluations = [
        Evaluation("dv1", 2024, Rating.KHTNV),
        Evaluation("dv1", 2025, Rating.KHTNV),
    ]
    records = [StatusRecord("dv1", 2025, months_absent=5)]
    report = STATUS.check(StatusRound(OrgTree.build(ORGS), 2025, records, evaluations))
    assert {r.rule.code: r.status for r in report} == {
        "qd29.xoa_ten.bo_sinh_hoat": Status.MISSING_DATA,
        "qd29.xoa_ten.khong_tien_bo": Status.MISSING_DATA,
        "qd29.xoa_ten.hai_nam_lien": Status.MISSING_DATA,
    }
    assert all("không có danh sách đảng viên" in r.message for r in report)
    member = Member("dv1", "Vũ Thị 1", "cs", admitted_on=date(2000, 1, 1))
    listed = STATUS.check(StatusRound(OrgTree.build(ORGS, [member]), 2025, records, evaluations))
    assert {(r.rule.code, r.status) for r in listed} == {
        ("qd29.xoa_ten.bo_sinh_hoat", Status.FAIL),
        ("qd29.xoa_ten.hai_nam_lien", Status.FAIL),
    }
