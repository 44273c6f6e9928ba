"""The 366-QĐ/TW pack, the status (removal) pack and Biểu 6F: golden tables by hand.

Art. 11 of 366-QĐ/TW: HTXSNV from 90 points, 100% of tasks on time, at least 30%
exceeded (a collective: no subordinate or leadership member disciplined); HTTNV from 70
to under 90, 100% on time; HTNV from 50 to under 70, 100% done, at most 20% late;
KHTNV under 50.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any, ClassVar

import attrs
import pytest

from coso_dang import Evaluation, Member, Organization, OrgKind, OrgTree, Rating
from coso_dang.errors import RecordError
from coso_dang.evaluation import ReviewPeriod, SubjectKind
from coso_dang.members import CommitteeRole, LeaveReason
from coso_dang.operations import form_6f, proposal_differences
from coso_dang.rules import (
    QD366,
    STATUS,
    QD366ExcellentTccsdRule,
    QD366HtxsnvQuotaRule,
    QD366NewOrgRule,
    QD366OrgScoreRule,
    QD366ScoreRule,
    QD366SuspendedRule,
    RatingRound,
    ScoreConditions,
    Status,
    StatusRecord,
    StatusRound,
    rating_rules_for,
)

d = date
ORG = SubjectKind.ORGANIZATION
P, F, M = Status.PASS, Status.FAIL, Status.MISSING_DATA


def tree(*members: Member, orgs: tuple[Organization, ...] = ()) -> OrgTree:
    base = (Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO),)
    return OrgTree.build(orgs or base, members)


def dv(mid: str, admitted: date = date(2010, 1, 4), **kw: object) -> Member:
    return Member(mid, f"Đảng viên {mid}", "cb", admitted_on=admitted, **kw)  # type: ignore[arg-type]


class TestScoreBands:
    @pytest.mark.parametrize(
        ("score", "tasks", "rating", "status", "says"),
        [
            (90, (10, 10, 0, 3), Rating.HTXSNV, P, "đúng khung điểm"),  # 90 and 30%: inclusive
            (89, (10, 10, 0, 3), Rating.HTXSNV, F, "thuộc mức HTTNV (từ 70 đến dưới 90 điểm)"),
            (95, (10, 10, 0, 2), Rating.HTXSNV, F, "chỉ 2/10 nhiệm vụ vượt yêu cầu (20%)"),
            (95, (10, 9, 1, 5), Rating.HTXSNV, F, "chỉ 9/10 nhiệm vụ hoàn thành đúng hạn (90%)"),
            (95, (None, None, None, None), Rating.HTXSNV, M, "chưa có số nhiệm vụ"),
            (95, (10, 10, 0, None), Rating.HTXSNV, M, "chưa có số nhiệm vụ"),
            (70, (10, 10, 0, 0), Rating.HTTNV, P, "đúng khung điểm"),
            (69, (10, 10, 0, 0), Rating.HTTNV, F, "thuộc mức HTNV (từ 50 đến dưới 70 điểm)"),
            (80, (10, 9, 1, 0), Rating.HTTNV, F, "chỉ 9/10 nhiệm vụ hoàn thành đúng hạn"),
            (50, (10, 8, 2, 0), Rating.HTNV, P, "đúng khung điểm"),  # 20% late: inclusive
            (60, (10, 7, 3, 0), Rating.HTNV, F, "3/10 nhiệm vụ chậm tiến độ (30%), quá 20%"),
            (60, (10, 8, 1, 0), Rating.HTNV, F, "mới hoàn thành 9/10 nhiệm vụ"),
            (60, (10, 8, None, 0), Rating.HTNV, M, "chưa có số nhiệm vụ"),
            # A condition the known counts fail decides; the blank count cannot save it.
            (95, (10, 8, 2, None), Rating.HTXSNV, F, "chỉ 8/10 nhiệm vụ hoàn thành đúng hạn (80%)"),
            (95, (10, 8, None, None), Rating.HTXSNV, F, "chỉ 8/10 nhiệm vụ hoàn thành đúng hạn"),
            (60, (10, 7, None, 0), Rating.HTNV, F, "chỉ 7/10 nhiệm vụ hoàn thành đúng hạn, nên"),
            # Known counts fail a condition whatever the tasks on time would be: 2 of
            # 10 exceeded is under 30%; 3 of 10 late is over 20%; a task done late is a
            # task not done on time, so 100% on time is out of reach.
            (95, (10, None, None, 2), Rating.HTXSNV, F, "chỉ 2/10 nhiệm vụ vượt yêu cầu (20%)"),
            (95, (10, None, 1, 5), Rating.HTXSNV, F, "1/10 nhiệm vụ chậm tiến độ, chưa đạt 100%"),
            (80, (10, None, 1, 0), Rating.HTTNV, F, "1/10 nhiệm vụ chậm tiến độ, chưa đạt 100%"),
            (60, (10, None, 3, 0), Rating.HTNV, F, "3/10 nhiệm vụ chậm tiến độ (30%), quá 20%"),
            # Known counts that meet it leave the blank undecided.
            (60, (10, None, 2, 0), Rating.HTNV, M, "chưa có số nhiệm vụ"),
            (80, (10, None, 0, 0), Rating.HTTNV, M, "chưa có số nhiệm vụ"),
            # Every task done on time: none was done late, blank or not; HTNV's "100%
            # done, at most 20% late" is met.
            (60, (10, 10, None, 0), Rating.HTNV, P, "đúng khung điểm"),
            (95, (10, 10, None, 3), Rating.HTXSNV, P, "đúng khung điểm"),
            (49, (None, None, None, None), Rating.KHTNV, P, "đúng khung điểm"),
            (49, (10, 10, 0, 0), Rating.HTNV, F, "thuộc mức KHTNV (dưới 50 điểm)"),
            (95, (10, 10, 0, 5), Rating.HTTNV, P, "thấp hơn mức HTXSNV"),  # the quota may lower
            (75, (0, 0, 0, 0), Rating.HTTNV, P, "đúng khung điểm"),  # no tasks: nothing unmet
        ],
    )
    def test_member_golden(
        self,
        score: int,
        tasks: tuple[int | None, ...],
        rating: Rating,
        status: Status,
        says: str,
    ) -> None:
        """A member's approved rating against the score band and the task conditions."""
        total, on_time, late, exceeded = tasks
        ev = Evaluation("dv1", 2025, rating, score=score, tasks=total, tasks_on_time=on_time,
                        tasks_late=late, tasks_exceeded=exceeded)  # fmt: skip
        [result] = QD366ScoreRule().check_each(RatingRound(tree(dv("dv1")), [ev], 2025))
        assert (result.status, says in result.message) == (status, True), result.message
        assert result.observed == score

    def test_unscored_or_unrated_not_concerned(self) -> None:
        """Without a score or a rating the rule says nothing."""
        evs = [Evaluation("a", 2025, Rating.HTTNV), Evaluation("b", 2025, None, score=80)]
        assert QD366ScoreRule().check_each(RatingRound(tree(dv("a"), dv("b")), evs, 2025)) == ()

    def test_parameters(self) -> None:
        """Band edges and shares are parameters, checked."""
        strict = QD366ScoreRule(conditions=ScoreConditions(exceeded_share=Fraction(1, 2)))
        ev = Evaluation("a", 2025, Rating.HTXSNV, score=95, tasks=10, tasks_on_time=10,
                        tasks_late=0, tasks_exceeded=4)  # fmt: skip
        [result] = strict.check_each(RatingRound(tree(dv("a")), [ev], 2025))
        assert result.status is F
        with pytest.raises(ValueError, match="tăng dần"):
            ScoreConditions(good_from=95)
        with pytest.raises(ValueError, match="số điểm nguyên"):
            ScoreConditions(excellent_from=101)

    def test_collective(self) -> None:
        """A collective rated HTXSNV with a unit or a leader disciplined fails."""
        orgs = (
            Organization("db", "Đảng bộ X", OrgKind.DANG_BO_CO_SO),
            Organization("cb1", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="db"),
            Organization("cb2", "Chi bộ 2", OrgKind.CHI_BO_TRUC_THUOC, parent_id="db"),
        )
        leader = Member("bt", "Bí thư", "cb1", admitted_on=d(2000, 1, 1),
                        committee_role=CommitteeRole.BI_THU)  # fmt: skip
        good: dict[str, Any] = {
            "score": 93,
            "tasks": 10,
            "tasks_on_time": 10,
            "tasks_late": 0,
            "tasks_exceeded": 4,
        }
        evs = [
            Evaluation("db", 2025, Rating.HTXSNV, subject=ORG, **good),
            Evaluation("cb1", 2025, Rating.HTXSNV, subject=ORG, **good),
            Evaluation("cb2", 2025, Rating.HTTNV, subject=ORG, disciplined=True, score=80,
                       tasks=4, tasks_on_time=4, tasks_late=0, tasks_exceeded=0),
            Evaluation("bt", 2025, Rating.KHTNV, disciplined=True),
        ]  # fmt: skip
        results = QD366OrgScoreRule().check_each(RatingRound(tree(leader, orgs=orgs), evs, 2025))
        by_id = {r.subject.id: r for r in results}
        assert by_id["db"].status is F
        assert "1 tổ chức trực thuộc bị kỷ luật; 1 cấp ủy viên bị kỷ luật" in by_id["db"].message
        assert by_id["cb1"].status is F  # its secretary was disciplined
        assert by_id["cb2"].status is P

    def test_collective_known_failure_without_task_counts(self) -> None:
        """A collective HTXSNV with a unit disciplined fails, task counts blank or not."""
        orgs = (
            Organization("db", "Đảng bộ X", OrgKind.DANG_BO_CO_SO),
            Organization("cb1", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="db"),
        )
        evs = [
            Evaluation("db", 2025, Rating.HTXSNV, subject=ORG, score=95),
            Evaluation("cb1", 2025, Rating.HTTNV, subject=ORG, disciplined=True),
        ]
        [result] = QD366OrgScoreRule().check_each(RatingRound(tree(orgs=orgs), evs, 2025))
        assert result.status is F, result.message
        assert "1 tổ chức trực thuộc bị kỷ luật" in result.message

    def test_collective_with_a_unit_without_a_record(self) -> None:
        """A đảng bộ rated HTXSNV on 95 points, its tasks all met, with two chi bộ under
        it: one's record says not disciplined, the other has no record of 2025. Whether
        "no subordinate organization disciplined" holds is unknown: thiếu số liệu, not
        "đúng khung điểm và điều kiện". A unit dissolved before the rating day is not
        asked about; with both records, it passes; rated HTTNV, the condition is not
        HTTNV's and it passes."""
        orgs = (
            Organization("db", "Đảng bộ X", OrgKind.DANG_BO_CO_SO),
            Organization("cb1", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="db"),
            Organization("cb2", "Chi bộ 2", OrgKind.CHI_BO_TRUC_THUOC, parent_id="db"),
        )
        good: dict[str, Any] = {
            "score": 95, "tasks": 10, "tasks_on_time": 10, "tasks_late": 0,
            "tasks_exceeded": 5,
        }  # fmt: skip
        unit = Evaluation("cb1", 2025, Rating.HTTNV, subject=ORG)
        top = Evaluation("db", 2025, Rating.HTXSNV, subject=ORG, **good)
        # A member recorded, holding no seat: the tree lists its members, none a leader.
        member = Member("m1", "Đảng viên m1", "cb1", admitted_on=d(2010, 1, 4))
        [result] = QD366OrgScoreRule().check_each(
            RatingRound(tree(member, orgs=orgs), [top, unit], 2025)
        )
        assert (result.subject.id, result.status) == ("db", M)
        assert "1 tổ chức trực thuộc chưa có hồ sơ đánh giá của năm" in result.message
        both = [top, unit, Evaluation("cb2", 2025, Rating.HTTNV, subject=ORG)]
        [result] = QD366OrgScoreRule().check_each(RatingRound(tree(member, orgs=orgs), both, 2025))
        assert result.status is P, result.message
        # Organizations alone name no leader: whether one was disciplined is unknown.
        [result] = QD366OrgScoreRule().check_each(RatingRound(tree(orgs=orgs), both, 2025))
        assert result.status is M, result.message
        assert "dữ liệu không có danh sách đảng viên" in result.message
        gone = Organization(
            "cb2", "Chi bộ 2", OrgKind.CHI_BO_TRUC_THUOC, parent_id="db",
            founded_on=d(2010, 1, 1), dissolved_on=d(2025, 6, 30),
        )  # fmt: skip
        closed = tree(member, orgs=(*orgs[:2], gone))
        [result] = QD366OrgScoreRule().check_each(RatingRound(closed, [top, unit], 2025))
        assert result.status is P, result.message
        # A tổ đảng is never rated, a chi bộ founded on 1/9/2025 not yet (under 6 months
        # on 31/12/2025): neither leaves the condition unknown.
        others = (
            Organization("to", "Tổ đảng 1", OrgKind.TO_DANG, parent_id="cb1"),
            Organization(
                "cb3", "Chi bộ 3", OrgKind.CHI_BO_TRUC_THUOC, parent_id="db",
                founded_on=d(2025, 9, 1),
            ),
        )  # fmt: skip
        chi_bo = attrs.evolve(unit, rating=Rating.HTXSNV, **good)
        more = RatingRound(tree(member, orgs=(*orgs, *others)), [*both, chi_bo], 2025)
        found = {r.subject.id: r.status for r in QD366OrgScoreRule().check_each(more)}
        assert found == {"db": P, "cb1": P}
        older = QD366OrgScoreRule(new_months=3).check_each(more)
        assert {r.subject.id: r.status for r in older} == {"db": M, "cb1": P}
        good_only = attrs.evolve(top, rating=Rating.HTTNV, score=85)
        [result] = QD366OrgScoreRule().check_each(
            RatingRound(tree(orgs=orgs), [good_only, unit], 2025)
        )
        assert result.status is P, result.message


class TestNotRated:
    def test_suspended_in_a_quarterly_review(self) -> None:
        """A suspended member rated in Q2 2026 fails; the yearly round does not see it."""
        members = (dv("a"), dv("b"))
        q2 = [
            Evaluation("a", 2026, Rating.HTTNV, suspended=True, period=ReviewPeriod.QUY,
                       quarter=2),
            Evaluation("b", 2026, None, suspended=True, period=ReviewPeriod.QUY, quarter=2),
        ]  # fmt: skip
        quarter = RatingRound(tree(*members), q2, 2026, period=ReviewPeriod.QUY, quarter=2)
        assert quarter.on == d(2026, 6, 30)
        results = QD366SuspendedRule().check_each(quarter)
        assert [(r.subject.id, r.status) for r in results] == [("a", F), ("b", P)]
        assert "đình chỉ sinh hoạt đảng" in results[0].message
        assert QD366SuspendedRule().check_each(RatingRound(tree(*members), q2, 2026)) == ()
        counts = form_6f(quarter)
        assert (counts.members_due, counts.members_done, counts.members_suspended) == (2, 1, 1)

    def test_quarter_needs_the_quarterly_period(self) -> None:
        """A quarter only with a quarterly review, and always with one."""
        with pytest.raises(RecordError, match="quarter"):
            Evaluation("a", 2026, None, quarter=2)
        with pytest.raises(RecordError, match="quarter"):
            Evaluation("a", 2026, None, period=ReviewPeriod.QUY)

    def test_new_organization(self) -> None:
        """An organization founded 1/9/2025 is not rated for 2025."""
        orgs = (
            Organization("db", "Đảng bộ X", OrgKind.DANG_BO_CO_SO),
            Organization("cb1", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="db",
                         founded_on=d(2025, 9, 1)),
            Organization("cb2", "Chi bộ 2", OrgKind.CHI_BO_TRUC_THUOC, parent_id="db",
                         founded_on=d(2025, 6, 30)),
        )  # fmt: skip
        evs = [Evaluation("cb1", 2025, Rating.HTTNV, subject=ORG)]
        results = QD366NewOrgRule().check_each(RatingRound(tree(orgs=orgs), evs, 2025))
        assert [(r.subject.id, r.status) for r in results] == [("cb1", F)]
        unrated = QD366NewOrgRule().check_each(RatingRound(tree(orgs=orgs), [], 2025))
        assert [(r.subject.id, r.status) for r in unrated] == [("cb1", P)]

    @pytest.mark.parametrize(
        ("founded", "rated_on", "new"),
        [
            (d(2025, 7, 1), None, True),  # six months on 1/1/2026, after 31/12
            (d(2025, 6, 30), None, False),  # six months on 30/12
            (d(2025, 8, 31), d(2026, 2, 28), False),  # 31/8 + 6 months is 28/2
            (d(2025, 9, 1), d(2026, 2, 28), True),
            (d(2025, 8, 29), d(2026, 2, 28), False),
        ],
    )
    def test_six_months_by_the_calendar(
        self, founded: date, rated_on: date | None, new: bool
    ) -> None:
        """Six months run by the calendar to the review's day: a month without the
        founding day ends on its last day."""
        orgs = (
            Organization("db", "Đảng bộ X", OrgKind.DANG_BO_CO_SO),
            Organization("cb1", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="db",
                         founded_on=founded),
        )  # fmt: skip
        rr = RatingRound(tree(orgs=orgs), [], 2025, rated_on=rated_on)
        found = [r.subject.id for r in QD366NewOrgRule().check_each(rr)]
        assert found == (["cb1"] if new else [])

    @pytest.mark.parametrize("year", [2023, 2024])
    def test_a_suspended_member_is_not_rated_under_124(self, year: int) -> None:
        """124-QĐ/TW (Art. 5.2.1) rates no member suspended from party activity: a rating
        given to one in 2023 or 2024 passed, the rule being in the 366 pack only."""
        evs = [Evaluation("a", year, Rating.HTTNV, suspended=True)]
        report = rating_rules_for(year).check(RatingRound(tree(dv("a")), evs, year))
        [result] = report["qd124.suspended_not_rated"]
        assert (result.subject.id, result.status) == ("a", F)

    @pytest.mark.parametrize(("year", "code"), [(2019, "qd132"), (2023, "qd124")])
    def test_a_new_organization_is_not_rated_in_every_regime(self, year: int, code: str) -> None:
        """An organization founded less than 6 months before the rating is not rated
        (21-HD/BTCTW under 132-QĐ/TW, and after): rated in 2019 or 2023, it passed."""
        orgs = (
            Organization("db", "Đảng bộ X", OrgKind.DANG_BO_CO_SO),
            Organization(
                "cb1", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="db",
                founded_on=d(year, 9, 1),
            ),
        )  # fmt: skip
        evs = [Evaluation("cb1", year, Rating.HTTNV, subject=ORG)]
        report = rating_rules_for(year).check(RatingRound(tree(orgs=orgs), evs, year))
        [result] = report[f"{code}.new_org_not_rated"]
        assert (result.subject.id, result.status) == ("cb1", F)


class TestTasksUnderHalf:
    """A member who did under half of the tasks assigned is rated KHTNV ("hoàn thành dưới
    50% chỉ tiêu, nhiệm vụ"): rated HTNV on 4 of 10 tasks, no pack said so."""

    @pytest.mark.parametrize(
        ("on_time", "late", "rating", "status"),
        [
            (3, 1, Rating.HTNV, F),  # 4/10
            (3, 2, Rating.HTNV, P),  # 5/10: half is not under half
            (3, None, Rating.HTNV, M),  # 3 and up to 7 more late: undecided
            (6, None, Rating.HTTNV, P),  # at least 6/10
            (None, 1, Rating.HTXSNV, M),
        ],
    )
    @pytest.mark.parametrize("year", [2019, 2024, 2025])
    def test_verdicts(
        self, year: int, on_time: int | None, late: int | None, rating: Rating, status: Status
    ) -> None:
        ev = Evaluation("a", year, rating, tasks=10, tasks_on_time=on_time, tasks_late=late)
        pack = rating_rules_for(year)
        report = pack.check(RatingRound(tree(dv("a")), [ev], year))
        [result] = report[f"{pack.code}.tasks_under_half"]
        assert (result.subject.id, result.status) == ("a", status)

    @pytest.mark.parametrize(("year", "code"), [(2024, "qd124"), (2025, "qd366")])
    def test_an_organization_under_half_its_tasks(self, year: int, code: str) -> None:
        """124-QĐ/TW rates KHTNV a collective that reached under 50% of its targets: a chi
        bộ rated HTTNV on 2 of 5 passed."""
        ev = Evaluation(
            "cb", year, Rating.HTTNV, subject=ORG, tasks=5, tasks_on_time=1, tasks_late=1
        )
        report = rating_rules_for(year).check(RatingRound(tree(), [ev], year))
        [result] = report[f"{code}.org_tasks_under_half"]
        assert (result.subject.id, result.status) == ("cb", F)
        assert "cần xếp loại lại 1 tổ chức" in str(result.gap)

    def test_only_the_rated_above_khtnv_with_tasks_done(self) -> None:
        """KHTNV already is the cap; with no count of tasks done there is nothing to read."""
        evs = [
            Evaluation("a", 2024, Rating.KHTNV, tasks=10, tasks_on_time=1, tasks_late=0),
            Evaluation("b", 2024, Rating.HTNV, tasks=10),
            Evaluation("c", 2024, None, tasks=10, tasks_on_time=1, tasks_late=0),
        ]
        round_ = RatingRound(tree(dv("a"), dv("b"), dv("c")), evs, 2024)
        report = rating_rules_for(2024).check(round_)
        assert [r for r in report if r.code == "qd124.tasks_under_half"] == []


class TestPack:
    def test_regime(self) -> None:
        """From 2025 the regime is the 366 pack, with every rule of it."""
        assert rating_rules_for(2026) is QD366
        assert {"qd366.score_band", "qd366.suspended_not_rated", "qd366.htxsnv_quota"} <= set(
            QD366.codes
        )

    def test_quota_marked_unconfirmed(self) -> None:
        """The carried-over quota says which of its parameters 366-QĐ/TW has not confirmed."""
        from coso_dang.rules import QD366HtxsnvQuotaRule

        assert QD366HtxsnvQuotaRule.unconfirmed == ("limit", "rounding")
        assert QD366HtxsnvQuotaRule().limit == Fraction(1, 5)

    def test_task_counts_add_up(self) -> None:
        """Done on time and late cannot exceed the tasks, nor exceeded the done."""
        with pytest.raises(RecordError, match="tasks_done"):
            Evaluation("a", 2025, None, tasks=5, tasks_on_time=4, tasks_late=2)
        with pytest.raises(RecordError, match="tasks_exceeded"):
            Evaluation("a", 2025, None, tasks=5, tasks_on_time=3, tasks_late=0, tasks_exceeded=4)

    @pytest.mark.parametrize(
        "known", [{}, {"tasks_on_time": 3}, {"tasks_late": 1}], ids=["alone", "on_time", "late"]
    )
    def test_tasks_exceeded_cannot_outnumber_the_tasks(self, known: dict[str, int]) -> None:
        """Exceeded is part of the tasks done, so of the tasks: 15 of 10 tasks done
        beyond the requirement was accepted while the tasks done were unknown, and read
        as 150% for the HTXSNV condition."""
        with pytest.raises(RecordError, match="tasks_exceeded"):
            Evaluation("a", 2025, None, tasks=10, tasks_exceeded=15, **known)


class TestForm6F:
    def test_golden(self) -> None:
        """Biểu 6F for 2025, counted on 31/12/2025, by hand."""
        orgs = (
            Organization("db", "Đảng bộ X", OrgKind.DANG_BO_CO_SO),
            Organization("cb1", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="db"),
            Organization("cb2", "Chi bộ 2", OrgKind.CHI_BO_TRUC_THUOC, parent_id="db",
                         founded_on=d(2025, 10, 1)),
        )  # fmt: skip
        members = (
            Member("m1", "A", "cb1", admitted_on=d(2010, 1, 1)),  # rated
            Member("m2", "B", "cb1", admitted_on=d(2010, 1, 1)),  # suspended
            Member("m3", "C", "cb1", admitted_on=d(2010, 1, 1), exempted_on=d(2020, 1, 1)),
            Member("m4", "D", "cb2", admitted_on=d(2025, 8, 1)),  # under 6 months
            Member("m5", "E", "cb2", admitted_on=d(2010, 1, 1)),  # no record
            Member("m6", "F", "cb2", admitted_on=d(2010, 1, 1), left_on=d(2025, 5, 1)),
        )
        evs = [
            Evaluation("db", 2025, Rating.HTTNV, subject=ORG),
            Evaluation("cb1", 2025, Rating.HTNV, subject=ORG, proposed_rating=Rating.HTTNV),
            Evaluation("m1", 2025, Rating.HTTNV, proposed_rating=Rating.HTXSNV),
            Evaluation("m2", 2025, None, suspended=True),
        ]
        rr = RatingRound(OrgTree.build(orgs, members), evs, 2025)
        counts = form_6f(rr)
        assert counts.table().rows == (
            ("Tập thể phải kiểm điểm", 3),
            ("Tập thể đã kiểm điểm", 2),
            ("Tập thể chưa kiểm điểm", 1),
            ("— TCCSĐ, tổ chức mới thành lập", 1),
            ("— lý do khác", 0),
            ("Đảng viên phải kiểm điểm", 5),
            ("Đảng viên đã kiểm điểm", 1),
            ("Đảng viên chưa kiểm điểm", 4),
            ("— đảng viên mới kết nạp chưa đủ 6 tháng", 1),
            ("— được miễn công tác và sinh hoạt đảng", 1),
            ("— bị đình chỉ sinh hoạt đảng", 1),
            ("— lý do khác", 1),
        )
        assert counts.text().splitlines()[0] == "Tập thể phải kiểm điểm: 3"
        changes = proposal_differences(rr)
        assert [(c.subject_id, c.proposed, c.approved) for c in changes.changes] == [
            ("cb1", Rating.HTTNV, Rating.HTNV),
            ("m1", Rating.HTXSNV, Rating.HTTNV),
        ]
        assert changes.table().rows[0][3] == "Tổ chức đảng"
        assert (
            proposal_differences(RatingRound(rr.tree, [], 2025))
            .text()
            .endswith("Cấp ủy quyết định đúng như đề nghị.")
        )


class TestStatusPack:
    def test_golden(self) -> None:
        """The removal cases of 29-QĐ/TW 8.1, each with its reason."""
        members = [dv(x) for x in ("s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8")]
        records = [
            StatusRecord("s1", 2026, months_unpaid=3),
            StatusRecord("s2", 2026, months_absent=4, good_reason=True),
            StatusRecord("s3", 2026, months_absent=2, months_unpaid=2),
            StatusRecord("s4", 2026, helped_since=d(2025, 12, 1), progressed=False),
            StatusRecord("s5", 2026, helped_since=d(2025, 6, 1), progressed=None),
            StatusRecord("s6", 2026, helped_since=d(2026, 3, 1), progressed=False),
            StatusRecord("s1", 2025, months_unpaid=12),  # another year
        ]
        evs = [
            Evaluation("s7", 2025, Rating.KHTNV),
            Evaluation("s7", 2026, Rating.KHTNV),
            Evaluation("s8", 2025, Rating.HTNV),
            Evaluation("s8", 2026, Rating.KHTNV),
        ]
        report = STATUS.check(StatusRound(tree(*members), 2026, records, evs))
        got = [(r.code.rsplit(".", 1)[1], r.subject.id, r.status) for r in report]
        assert got == [
            ("bo_sinh_hoat", "s1", F),
            ("bo_sinh_hoat", "s2", P),
            ("khong_tien_bo", "s4", F),
            ("khong_tien_bo", "s5", M),
            ("hai_nam_lien", "s7", F),
            ("hai_nam_lien", "s8", P),
        ]
        first = report.results[0].message
        assert first == (
            "Không đóng đảng phí 3 tháng trong năm 2026, không có lý do chính đáng: "
            "thuộc diện xem xét xóa tên."
        )

    def test_a_member_twice_in_one_year_is_refused(self, tmp_path: Any) -> None:
        """A follow-up register holds one row per member and year. Given twice, the last
        row was kept and the first dropped without a word: 3 months absent on the first
        row, 1 month unpaid on the second, and the member was no removal candidate. The
        round and the removal list refuse it; the register's reader names the second row
        and keeps the first."""
        from pathlib import Path

        from coso_dang.operations import read_status_records, removal_list

        records = [
            StatusRecord("s1", 2026, months_absent=3),
            StatusRecord("s1", 2026, months_unpaid=1),
        ]
        t = tree(dv("s1"))
        for make in (
            lambda: StatusRound(t, 2026, records),
            lambda: removal_list(t, d(2026, 12, 31), records),
        ):
            with pytest.raises(RecordError) as caught:
                make()
            assert caught.value.problem.field == "year"
            assert "'s1'" in str(caught.value)
            assert "already has a follow-up record of this year" in caught.value.message("en")
            assert "3" not in str(caught.value).replace("2026", "")
        # Another year's record of the same member is no duplicate.
        StatusRound(t, 2026, [records[0], StatusRecord("s1", 2025, months_unpaid=3)])
        path = Path(tmp_path) / "theo-doi.csv"
        path.write_text(
            "Mã,Năm,Số tháng bỏ sinh hoạt,Số tháng không đóng đảng phí\n"
            "s1,2026,3,\ns1,2026,,1\ns1,2025,,3\n",
            encoding="utf-8",
        )
        read, problems = read_status_records(path)
        assert [(r.member_id, r.year, r.months_absent) for r in read] == [
            ("s1", 2026, 3),
            ("s1", 2025, None),
        ]
        [problem] = problems
        assert problem.startswith("theo-doi.csv, dòng 3, cột Năm: ")
        report = removal_list(t, d(2026, 12, 31), read)
        # No rating was given: the two-years ground is said to be unknown, once.
        assert [r.subject.id for r in report.results] == ["s1", "cb"]

    def test_days_given_as_datetimes_are_days(self) -> None:
        """The day help began and the day of the check, read by pandas or from a
        spreadsheet as datetimes, raised Python's TypeError; they are days. Helped since
        1/1/2025 without progress: a removal case at the end of 2026; absent 3 months."""
        from datetime import datetime

        t = tree(dv("s1"), dv("s2"))
        records = [
            StatusRecord("s1", 2026, helped_since=datetime(2025, 1, 1, 7, 0), progressed=False),
            StatusRecord("s2", 2026, months_absent=3),
        ]
        checked = StatusRound(t, 2026, records, checked_on=datetime(2026, 12, 31, 17, 0))
        assert checked.on == d(2026, 12, 31)
        got = [(r.subject.id, r.status) for r in STATUS.check(checked)]
        # No rating was given: the two-years ground is unknown for the chi bộ.
        assert got == [("s2", F), ("s1", F), ("cb", M)]

    def test_a_rating_day_given_as_a_datetime_is_a_day(self) -> None:
        """A rating round's day read by pandas or from a spreadsheet as a datetime
        raised Python's TypeError in the rules and in Biểu 6F. A member admitted on
        1/8/2026 and rated on 20/12/2026 was admitted under 6 months before: rated HTTNV,
        that fails; in Biểu 6F the member counts as reviewed."""
        from datetime import datetime

        t = tree(dv("a", d(2026, 8, 1)))
        evs = [Evaluation("a", 2026, Rating.HTTNV)]
        rr = RatingRound(t, evs, 2026, rated_on=datetime(2026, 12, 20, 9, 0))
        assert rr.on == d(2026, 12, 20)
        assert type(rr.on) is date
        from coso_dang.rules import QD366NotToBeRatedRule

        assert [r.status for r in QD366NotToBeRatedRule().check_each(rr)] == [F]
        assert (form_6f(rr).members_due, form_6f(rr).members_done) == (1, 1)

    def test_no_records_of_the_year_is_no_news(self) -> None:
        """Without the year's follow-up records nobody's months absent or unpaid, nor
        the help given, are known; without the year's ratings nobody's KHTNV is. The
        pack listed no candidate and the report passed, as if every member had been
        followed and rated; each rule now says, once, what it is missing."""
        from coso_dang.operations import removal_list

        t = tree(dv("s1"), dv("s2"))
        codes = ("qd29.xoa_ten.bo_sinh_hoat", "qd29.xoa_ten.khong_tien_bo")
        # Nothing of 2026: a record and a rating of 2025 only.
        old = [StatusRecord("s1", 2025, months_absent=5)]
        report = STATUS.check(StatusRound(t, 2026, old, [Evaluation("s1", 2025, Rating.KHTNV)]))
        got = [(r.code, r.subject.id, r.status) for r in report]
        assert got == [
            ("qd29.xoa_ten.bo_sinh_hoat", "cb", M),
            ("qd29.xoa_ten.khong_tien_bo", "cb", M),
            ("qd29.xoa_ten.hai_nam_lien", "cb", M),
        ]
        assert not report.passed
        assert "hồ sơ theo dõi đảng viên năm 2026" in report.results[0].message
        assert "kết quả xếp loại đảng viên năm 2026" in report.results[2].message
        # One record and one rating of the year: the year is followed and rated.
        records = [StatusRecord("s2", 2026, months_absent=1)]
        rated = [Evaluation("s2", 2026, Rating.HTNV)]
        report = STATUS.check(StatusRound(t, 2026, records, rated))
        assert list(report) == []
        assert report.passed
        # Checked in June, the year's ratings are not yet due (made in December).
        june = StatusRound(t, 2026, records, (), checked_on=d(2026, 6, 30))
        assert list(STATUS.check(june)) == []
        # Out of force (before 29-QĐ/TW), nothing is asked of the data.
        assert [r.code for r in STATUS.check(StatusRound(t, 2026), year=2015)] == []
        # The removal list says so instead of "no candidate" alone.
        text = removal_list(t, d(2026, 12, 31)).text()
        assert "Chưa đủ số liệu để xem xét:" in text
        assert all(code in {r.code for r in removal_list(t, d(2026, 12, 31)).results}
                   for code in codes)  # fmt: skip

    def test_record_is_private(self) -> None:
        """Only id and year in repr; impossible months refused without the value."""
        assert repr(StatusRecord("s1", 2026, months_unpaid=3)) == (
            "StatusRecord(member_id='s1', year=2026)"
        )
        with pytest.raises(RecordError) as caught:
            StatusRecord("s1", 2026, months_absent=13)
        assert "13" not in str(caught.value)


class TestRollupReadsTheYearlyReview:
    def test_quarterly_reviews_left_out(self) -> None:
        """A quarterly review beside the yearly one is not counted twice, on either path."""
        from coso_dang.frame import evaluations_frame, members_frame, rollup_frame
        from coso_dang.rollup import rollup

        members = (dv("a"), dv("b"))
        evs = [
            Evaluation("a", 2026, Rating.HTTNV),
            Evaluation("a", 2026, Rating.HTXSNV, period=ReviewPeriod.QUY, quarter=1),
            Evaluation("b", 2026, Rating.HTNV, period=ReviewPeriod.QUY, quarter=1),
        ]
        t = tree(*members)
        result = rollup(t, year=2026, evaluations=evs)
        counts = (result["cb"]["dang_vien_httnv"], result["cb"]["dang_vien_htxsnv"])
        assert counts == (1, 0)
        framed = rollup_frame(
            t, members_frame(members), year=2026, evaluations=evaluations_frame(evs)
        )
        assert (framed["cb"]["dang_vien_httnv"], framed["cb"]["dang_vien_htnv"]) == (1, 0)


class TestLoading:
    @pytest.mark.parametrize("name", ["data.json", "data.xlsx", "folder"])
    def test_round_trip(self, tmp_path: Any, name: str) -> None:
        """The 366 fields of an evaluation survive JSON, XLSX and a CSV folder."""
        from coso_dang.dataset import Dataset
        from coso_dang.io import dump, load

        ev = Evaluation(
            "a", 2026, Rating.HTTNV, score=82, suspended=False, proposed_rating=Rating.HTXSNV,
            period=ReviewPeriod.QUY, quarter=3, tasks=12, tasks_on_time=12, tasks_late=0,
            tasks_exceeded=2,
        )  # fmt: skip
        suspended = Evaluation("b", 2026, None, suspended=True)
        data = Dataset(
            [Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO)], [dv("a"), dv("b")], (),
            [ev, suspended],
        )  # fmt: skip
        path = tmp_path / name
        dump(data, path)
        assert load(path).dataset.evaluations == (ev, suspended)


def test_quarterly_review_is_no_duplicate(tmp_path: Any) -> None:
    """Loading with validation: a quarterly review beside the yearly one is not a duplicate."""
    from coso_dang.dataset import Dataset
    from coso_dang.io import dump, load

    evs = [
        Evaluation("a", 2026, Rating.HTTNV),
        Evaluation("a", 2026, Rating.HTTNV, period=ReviewPeriod.QUY, quarter=1),
        Evaluation("a", 2026, Rating.HTNV, period=ReviewPeriod.QUY, quarter=1),
    ]
    orgs = [Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO)]
    dump(Dataset(orgs, [dv("a")], (), evs), tmp_path / "d.json")
    result = load(tmp_path / "d.json", validate=True)
    (problem,) = result.problems
    assert problem.reason.startswith("đánh giá trùng (cùng đối tượng, cùng năm)")


def test_the_command_line_runs_both_packs(
    tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """--rules qd366 and --rules trang-thai take the packs from the registry and judge."""
    from coso_dang import Dataset, dump
    from coso_dang.cli import main
    from coso_dang.rules import get_pack

    assert get_pack("qd366") is QD366
    assert get_pack("trang-thai") is STATUS
    members = [dv("dv1"), dv("dv2")]
    evaluations = [
        Evaluation("dv1", 2025, Rating.KHTNV),
        Evaluation("dv1", 2026, Rating.KHTNV),
        Evaluation("dv2", 2026, Rating.HTNV, suspended=True),
    ]
    orgs = [Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO)]
    path = tmp_path / "du_lieu.json"
    dump(Dataset(orgs, members, (), evaluations, year=2026), path)
    assert main(["check", str(path), "--rules", "trang-thai", "--year", "2026"]) == 1
    out = capsys.readouterr().out
    assert STATUS.name in out
    assert "dv1: Xếp loại không hoàn thành nhiệm vụ năm 2025 và năm 2026" in out
    assert main(["check", str(path), "--rules", "qd366", "--year", "2026"]) == 1
    out = capsys.readouterr().out
    assert "Đảng viên bị đình chỉ sinh hoạt đảng nhưng được xếp loại HTNV" in out


class TestForm6FReadsTheRound:
    """Biểu 6F and the proposals read the round as the 366-QĐ/TW rules read it."""

    def test_a_member_and_an_organization_sharing_an_id(self) -> None:
        """Ids "1" of a chi bộ and of a member, both rated: 1 collective and 3 members
        reviewed, whatever the order of the records (the later record hid the other)."""
        orgs = (Organization("1", "Chi bộ A", OrgKind.CHI_BO_CO_SO),)
        members = [Member(i, f"Đảng viên {i}", "1", admitted_on=d(2010, 1, 4)) for i in "123"]
        org_ev = Evaluation("1", 2025, Rating.HTTNV, subject=ORG)
        member_evs = [Evaluation(i, 2025, Rating.HTTNV) for i in "123"]
        for evs in ([org_ev, *member_evs], [*member_evs, org_ev]):
            counts = form_6f(RatingRound(OrgTree.build(orgs, members), evs, 2025))
            assert (counts.orgs_due, counts.orgs_done) == (1, 1)
            assert (counts.members_due, counts.members_done) == (3, 3)

    def test_a_round_from_tables(self) -> None:
        """A round from tables counts its members and finds their proposals, as the
        same round from records does (its tree holds no members: 0 were counted)."""
        pl = pytest.importorskip("polars")
        pytest.importorskip("narwhals")
        orgs = (Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO),)
        members = [
            dv("m1"),
            dv("m2"),
            dv("m3", admitted=d(2025, 9, 1)),  # under 6 months on 31/12/2025
            dv("m4", exempted_on=d(2020, 1, 1)),
        ]
        evs = [
            Evaluation("cb", 2025, Rating.HTTNV, subject=ORG, proposed_rating=Rating.HTXSNV),
            Evaluation("m1", 2025, Rating.HTTNV, proposed_rating=Rating.HTXSNV),
            Evaluation("m2", 2025, Rating.HTNV),
        ]

        def frame(records: list[Any], cls: type) -> Any:
            import attrs

            names = [a.name for a in attrs.fields(cls) if a.name != "inactive_periods"]
            columns: dict[str, list[Any]] = {n: [] for n in names}
            for record in records:
                for n in names:
                    value = getattr(record, n)
                    columns[n].append(getattr(value, "value", value))
            return pl.DataFrame(columns, strict=False)

        records = RatingRound(OrgTree.build(orgs, members), evs, 2025)
        tables = RatingRound.from_frames(
            OrgTree.build(orgs), frame(members, Member), frame(evs, Evaluation), 2025
        )
        expected = form_6f(records)
        assert (expected.members_due, expected.members_done) == (4, 2)
        assert (expected.members_new, expected.members_exempted) == (1, 1)
        assert form_6f(tables) == expected
        got = proposal_differences(tables).changes
        assert sorted((c.subject_id, c.name, c.proposed, c.approved) for c in got) == [
            ("cb", "Chi bộ A", Rating.HTXSNV, Rating.HTTNV),
            ("m1", "Đảng viên m1", Rating.HTXSNV, Rating.HTTNV),
        ]


class TestQuotaRoundingIsSaid:
    """ "Không vượt quá 20% số HTTNV" rounded up (``half_up``, ``ceil``: the sources do not
    say how [U]) lets a share above 20% pass; the message must say why."""

    @pytest.mark.parametrize(
        ("rounding", "h", "g", "status", "tail"),
        [
            # 20% of 14 is 2,8: floor allows 2, half_up and ceil allow 3.
            ("floor", 3, 14, F, "so với hạn mức 2 đảng viên."),
            ("half_up", 3, 14, P, "(20% của 14 là 2,8, làm tròn lên thành 3 đảng viên)."),
            ("ceil", 3, 14, P, "(20% của 14 là 2,8, làm tròn lên thành 3 đảng viên)."),
            # 20% of 12 is 2,4: half_up allows 2, ceil 3.
            ("half_up", 3, 12, F, "so với hạn mức 2 đảng viên."),
            ("ceil", 3, 12, P, "(20% của 12 là 2,4, làm tròn lên thành 3 đảng viên)."),
            # At or under 20%: nothing to explain.
            ("ceil", 2, 13, P, "không vượt quá 20% số đảng viên hoàn thành tốt nhiệm vụ."),
        ],
    )
    def test_golden(self, rounding: str, h: int, g: int, status: Status, tail: str) -> None:
        """The verdict and the end of the message, by hand."""
        from coso_dang import Tally
        from coso_dang.rules import QD366HtxsnvQuotaRule

        rule = QD366HtxsnvQuotaRule(rounding=rounding)  # type: ignore[arg-type]
        result = rule.check(Tally(dang_vien_htxsnv=h, dang_vien_httnv=g))
        assert result.status is status
        assert result.message.endswith(tail)

    def test_law(self) -> None:
        """A pass whose share is above the limit always names the rounded allowance."""
        from hypothesis import given
        from hypothesis import strategies as st

        from coso_dang import Tally
        from coso_dang.rules import QD366HtxsnvQuotaRule

        @given(
            h=st.integers(0, 60),
            g=st.integers(1, 300),
            rounding=st.sampled_from(["floor", "half_up", "ceil"]),
        )
        def law(h: int, g: int, rounding: Any) -> None:
            rule = QD366HtxsnvQuotaRule(rounding=rounding)
            result = rule.check(Tally(dang_vien_htxsnv=h, dang_vien_httnv=g))
            above = Fraction(h, g) > Fraction(1, 5)
            if result.status is P and above:
                assert f"làm tròn lên thành {rule.allowed(g)} đảng viên" in result.message
            else:
                assert "làm tròn lên" not in result.message
            assert (result.status is F) == (h > rule.allowed(g))

        law()


class TestProposalTitles:
    @pytest.mark.parametrize(
        ("period", "quarter", "title"),
        [
            (ReviewPeriod.NAM, None, "XẾP LOẠI NĂM 2026 KHÁC ĐỀ NGHỊ"),
            (ReviewPeriod.QUY, 2, "XẾP LOẠI QUÝ II NĂM 2026 KHÁC ĐỀ NGHỊ"),
            (ReviewPeriod.QUY, 4, "XẾP LOẠI QUÝ IV NĂM 2026 KHÁC ĐỀ NGHỊ"),
            (ReviewPeriod.NHIEM_KY, None, "XẾP LOẠI NHIỆM KỲ, NĂM 2026 KHÁC ĐỀ NGHỊ"),
        ],
    )
    def test_the_review_is_named(
        self, period: ReviewPeriod, quarter: int | None, title: str
    ) -> None:
        """366-QĐ/TW reviews yearly, quarterly, by term or when needed: the list of a
        quarter's review was titled as the year's ("XẾP LOẠI NĂM 2026")."""
        ev = Evaluation("a", 2026, Rating.HTTNV, period=period, quarter=quarter,
                        proposed_rating=Rating.HTXSNV)  # fmt: skip
        rr = RatingRound(tree(dv("a")), [ev], 2026, period=period, quarter=quarter)
        assert proposal_differences(rr).text().splitlines()[0] == title

    def test_no_rating_approved_reads_the_same_in_text_and_table(self) -> None:
        """A rating proposed and none approved (the committee gave none: "Lý do không
        xếp loại") is "không xếp loại" in the text and in the table alike; the table said
        "chưa xếp loại", not yet rated, beside the text's "không xếp loại"."""
        ev = Evaluation("a", 2026, None, proposed_rating=Rating.HTTNV,
                        not_rated_reason="đi làm ăn xa")  # fmt: skip
        changes = proposal_differences(RatingRound(tree(dv("a")), [ev], 2026))
        assert changes.text().splitlines()[1] == (
            "1. Đảng viên a: đề nghị HTTNV, quyết định không xếp loại."
        )
        assert changes.table().rows[0][4:] == ("HTTNV", "không xếp loại")

    @pytest.mark.parametrize("tables", [False, True], ids=["records", "tables"])
    def test_a_subject_evaluated_twice_is_read_by_its_later_record(self, tables: bool) -> None:
        """a and the chi bộ each have two records of 2025: the first approved HTTNV on a
        proposal of HTXSNV, the later one corrected to HTXSNV as proposed. The round and its
        rules read the later record; the list named the superseded one as a change. b's
        later record differs from its proposal and is listed once, with its later rating."""
        chi_bo = (Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO),)
        x, t, n = Rating.HTXSNV, Rating.HTTNV, Rating.HTNV
        evs = [
            Evaluation("a", 2025, t, proposed_rating=x),
            Evaluation("cb", 2025, t, subject=ORG, proposed_rating=x),
            Evaluation("b", 2025, t, proposed_rating=x),
            Evaluation("a", 2025, x, proposed_rating=x),
            Evaluation("cb", 2025, x, subject=ORG, proposed_rating=x),
            Evaluation("b", 2025, n, proposed_rating=x),
        ]
        members = [dv("a"), dv("b")]
        if tables:
            rr = _from_tables(OrgTree.build(chi_bo), members, evs)
        else:
            rr = RatingRound(OrgTree.build(chi_bo, members), evs, 2025)
        assert rr.member_evaluations_by_id()["a"].rating is x
        changes = proposal_differences(rr).changes
        assert [(c.subject_id, c.proposed, c.approved) for c in changes] == [("b", x, n)]


def _from_tables(orgs: OrgTree, members: list[Member], evs: list[Evaluation]) -> RatingRound:
    """The round of 2025 from polars tables of *members* and *evs*."""
    pl = pytest.importorskip("polars")
    pytest.importorskip("narwhals")
    import attrs

    def frame(records: list[Any], cls: type) -> Any:
        names = [a.name for a in attrs.fields(cls) if a.name != "inactive_periods"]
        columns: dict[str, list[Any]] = {n: [] for n in names}
        for record in records:
            for n in names:
                value = getattr(record, n)
                columns[n].append(getattr(value, "value", value))
        return pl.DataFrame(columns, strict=False)

    return RatingRound.from_frames(orgs, frame(members, Member), frame(evs, Evaluation), 2025)


class TestQuotaWithMembersNotYetRated:
    """The HTXSNV quota (≤ 20% of those rated HTTNV, floored) on a chi bộ where some
    members on the rolls, rated in the round (not exempted, admitted 6 months or more
    before 31/12/2025), have no evaluation record: their ratings are unknown, not absent.
    The verdict stands when it holds whatever they are; otherwise thiếu số liệu. Before,
    the quota was judged on the rated alone: 1 HTXSNV over 4 HTTNV failed (20% of 4 is
    0,8), though five more HTTNV would allow it."""

    # (HTXSNV, HTTNV, members without a record) → status, by hand:
    CASES: ClassVar[list[tuple[tuple[int, int, int], Status]]] = [
        # 1 ≤ ⌊20% · 9⌋ = 1 if the 5 are HTTNV; 6 > ⌊20% · 4⌋ = 0 if HTXSNV.
        ((1, 4, 5), M),
        # 3 > ⌊20% · 7⌋ = 1 even were both HTTNV.
        ((3, 5, 2), F),
        # 0 + 2 ≤ ⌊20% · 10⌋ = 2 even were both HTXSNV.
        ((0, 10, 2), P),
        # A small chi bộ: 20% of 7 is 1,4, so 1; one more HTXSNV would make 2.
        ((1, 7, 1), M),
        # Everyone rated: as before.
        ((1, 4, 0), F),
        ((2, 10, 0), P),
    ]

    @staticmethod
    def _round(h: int, g: int, u: int, *, tables: bool = False) -> RatingRound:
        ratings = [Rating.HTXSNV] * h + [Rating.HTTNV] * g
        members = [dv(f"m{i}") for i in range(h + g + u)]
        # Not unknown: an exempted member, one admitted on 1/8/2025 (under 6 months),
        # one who left on 1/6/2025, none with a record.
        members += [
            dv("x1", exempted_on=d(2020, 1, 1)),
            dv("x2", admitted=d(2025, 8, 1)),
            dv("x3", left_on=d(2025, 6, 1), leave_reason=LeaveReason.CHUYEN_DI),
        ]
        evs = [Evaluation(f"m{i}", 2025, r) for i, r in enumerate(ratings)]
        if not tables:
            return RatingRound(tree(*members), evs, 2025)
        return _from_tables(tree(), members, evs)

    @pytest.mark.parametrize(("counts", "status"), CASES)
    @pytest.mark.parametrize("tables", [False, True], ids=["records", "tables"])
    def test_golden(self, counts: tuple[int, int, int], status: Status, tables: bool) -> None:
        h, g, u = counts
        round_ = self._round(h, g, u, tables=tables)
        assert round_.unrated_members("cb") == u
        [result] = QD366HtxsnvQuotaRule().check_each(round_)
        assert result.status is status, result.message
        if u:
            assert f"{u} đảng viên chưa có hồ sơ đánh giá của năm" in result.message

    @pytest.mark.parametrize("tables", [False, True], ids=["records", "tables"])
    def test_a_chi_bo_co_so_rated_htxsnv(self, tables: bool) -> None:
        """A chi bộ cơ sở rated HTXSNV needs 80% of its members HTTNV or better: 7 rated
        HTTNV and 3 members rated without a record. 7/10 is short, 10/10 enough: thiếu số
        liệu (before, 7/7 rated: 100%, đạt). With 2 HTTNV and 3 HTNV known and 1 without
        a record: 3/6 even were it HTTNV, short of 80% (5 of 6)."""
        orgs = (Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO),)
        org_ev = Evaluation("cb", 2025, Rating.HTXSNV, subject=ORG)
        for known, unknown, status in (
            ([Rating.HTTNV] * 7, 3, M),
            ([Rating.HTTNV] * 2 + [Rating.HTNV] * 3, 1, F),
            ([Rating.HTTNV] * 7, 0, P),
        ):
            members = [dv(f"m{i}") for i in range(len(known) + unknown)]
            evs = [org_ev, *(Evaluation(f"m{i}", 2025, r) for i, r in enumerate(known))]
            round_ = RatingRound(OrgTree.build(orgs, members), evs, 2025)
            if tables:
                round_ = _from_tables(OrgTree.build(orgs), members, evs)
            [result] = QD366ExcellentTccsdRule().check_each(round_)
            assert result.status is status, result.message


@pytest.mark.parametrize("tables", [False, True], ids=["records", "tables"])
def test_a_leader_without_a_record_leaves_htxsnv_undecided(tables: bool) -> None:
    """366-QĐ/TW Art. 11: a collective rated HTXSNV has no member of its leadership
    disciplined. Its secretary, on the rolls, has no evaluation record of 2025: whether
    the secretary was disciplined is unknown, so thiếu số liệu, not "đúng khung điểm và
    điều kiện" (the leader without a record counted as not disciplined). With the
    secretary's record, not disciplined, the conditions are met."""
    orgs = (Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO),)
    secretary = Member("bt", "Bí thư", "cb", admitted_on=d(2000, 1, 1),
                       committee_role=CommitteeRole.BI_THU)  # fmt: skip
    good = Evaluation("cb", 2025, Rating.HTXSNV, subject=ORG, score=95, tasks=10,
                      tasks_on_time=10, tasks_late=0, tasks_exceeded=4)  # fmt: skip
    for evs, status in (
        ([good], M),
        ([good, Evaluation("bt", 2025, Rating.HTTNV)], P),
    ):
        if tables:
            round_ = _from_tables(OrgTree.build(orgs), [secretary], evs)
        else:
            round_ = RatingRound(OrgTree.build(orgs, [secretary]), evs, 2025)
        [result] = QD366OrgScoreRule().check_each(round_)
        assert result.status is status, result.message
        if status is M:
            assert "1 cấp ủy viên chưa có hồ sơ đánh giá của năm" in result.message


def test_tasks_under_half_reads_tables_as_records() -> None:
    """The rule reads a round from tables as it reads one of records."""
    members = [dv(m) for m in "abcd"]
    evs = [
        Evaluation("a", 2025, Rating.HTNV, tasks=10, tasks_on_time=3, tasks_late=1),
        Evaluation("b", 2025, Rating.HTNV, tasks=10, tasks_on_time=5),
        Evaluation("c", 2025, Rating.HTTNV, tasks=10, tasks_late=2),
        Evaluation("d", 2025, Rating.HTNV),
    ]
    orgs = tree(*members)
    rule = QD366.rules[[r.code for r in QD366.rules].index("qd366.tasks_under_half")]
    from_tables = rule.check_each(_from_tables(orgs, members, evs))
    from_records = rule.check_each(RatingRound(orgs, evs, 2025))
    assert [(r.subject.id, r.status) for r in from_tables] == [("a", F), ("b", P), ("c", M)]
    assert from_tables == from_records


@pytest.mark.parametrize("months", [3, 6, 9])
def test_form_6f_names_the_months_it_counts_new_members_by(months: int) -> None:
    """form_6f(months=3) counted the members admitted under 3 months before and its row
    said "chưa đủ 6 tháng"; the row names the months counted."""
    orgs = (Organization("cb", "Chi bộ 1", OrgKind.CHI_BO_CO_SO),)
    members = (
        Member("m1", "A", "cb", admitted_on=d(2010, 1, 1)),
        Member("m2", "B", "cb", admitted_on=d(2025, 8, 1)),  # 5 months on 31/12/2025
    )
    rr = RatingRound(OrgTree.build(orgs, members), [], 2025)
    rows = dict(form_6f(rr, months=months).table().rows)
    assert rows[f"— đảng viên mới kết nạp chưa đủ {months} tháng"] == (0 if months < 6 else 1)


@pytest.mark.parametrize(
    ("score", "rating", "quota_said"),
    [
        (95, Rating.HTTNV, True),  # the quota lowers HTXSNV to HTTNV
        (95, Rating.HTNV, False),  # no quota lowers a rating to HTNV
        (95, Rating.KHTNV, False),  # nor to KHTNV: a discipline does
        (80, Rating.HTNV, False),  # nor HTTNV to HTNV: the quota is on HTXSNV
    ],
)
def test_a_rating_below_its_score_names_the_quota_only_where_it_can_apply(
    score: int, rating: Rating, quota_said: bool
) -> None:
    """ "thấp hơn mức … của điểm số (có thể do tỷ lệ khống chế)" was said of any rating
    below its score's band, though the quota (HTXSNV within a share of HTTNV) only ever
    lowers HTXSNV to HTTNV."""
    ev = Evaluation(
        "dv1", 2025, rating, score=score, tasks=10, tasks_on_time=10, tasks_late=0,
        tasks_exceeded=4,
    )  # fmt: skip
    [result] = QD366ScoreRule().check_each(RatingRound(tree(dv("dv1")), [ev], 2025))
    assert result.status is P
    assert "thấp hơn mức" in result.message
    assert ("tỷ lệ khống chế" in result.message) is quota_said, result.message
