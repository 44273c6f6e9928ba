"""The rating-round rules of 132-QĐ/TW, 124-QĐ/TW and 366-QĐ/TW."""

from __future__ import annotations

from datetime import date

import pytest

from coso_dang import Evaluation, Member, Organization, OrgKind, OrgTree, Rating, SubjectKind
from coso_dang.rules import (
    QD124,
    QD132,
    QD366,
    RatingRound,
    RegimeError,
    Report,
    Status,
    rating_rules_for,
)

ORG = SubjectKind.ORGANIZATION


def member(i: int, org: str = "cb1", admitted: date = date(2010, 1, 1), **kw: object) -> Member:
    return Member(f"dv{i}", f"Nguyễn Văn {i}", org, admitted_on=admitted, **kw)  # type: ignore[arg-type]


def tree(members: list[Member]) -> OrgTree:
    return OrgTree.build(
        [
            Organization("xa", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO),
            Organization("cb1", "Chi bộ thôn 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa"),
            Organization("cb2", "Chi bộ thôn 2", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa"),
            Organization("cb3", "Chi bộ thôn 3", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa"),
            Organization("cbcs", "Chi bộ Trường Tiểu học", OrgKind.CHI_BO_CO_SO),
        ],
        members,
    )


def codes(report: Report, code: str) -> list[tuple[str | None, Status]]:
    try:
        found = report[code]
    except KeyError:
        return []
    return [(r.subject.id, r.status) for r in found]


class TestRegimes:
    def test_by_year(self) -> None:
        """132 rates 2018–2022, 124 rates 2023–2024, 366 from 2025."""
        assert [rating_rules_for(y) for y in (2018, 2022, 2023, 2024, 2025, 2030)] == [
            QD132,
            QD132,
            QD124,
            QD124,
            QD366,
            QD366,
        ]

    def test_before_2018(self) -> None:
        """No four-level regime before 2018."""
        with pytest.raises(RegimeError, match="2017"):
            rating_rules_for(2017)

    def test_units_rule_in_every_regime(self) -> None:
        """The rules on a collective (over 20% of its units disciplined, itself
        disciplined, under half of its targets reached) are in every regime: 132-QĐ/TW
        Art. 12.4 already rates such a collective KHTNV."""
        for pack in (QD132, QD124, QD366):
            for family in ("disciplined_units", "disciplined_org", "org_tasks_under_half"):
                assert f"{pack.code}.{family}" in pack.codes


class TestQuota:
    def round(self, excellent: int, good: int) -> RatingRound:
        members = [member(i) for i in range(excellent + good)]
        evaluations = [
            Evaluation(m.id, 2024, Rating.HTXSNV if i < excellent else Rating.HTTNV)
            for i, m in enumerate(members)
        ]
        return RatingRound(tree(members), evaluations, 2024)

    def test_within(self) -> None:
        """2 HTXSNV against 10 HTTNV: within the 20%."""
        report = QD124.check(self.round(2, 10))
        assert codes(report, "qd124.htxsnv_quota") == [("xa", Status.PASS), ("cbcs", Status.PASS)]

    def test_over(self) -> None:
        """3 HTXSNV against 10 HTTNV: one over the limit of 2."""
        report = QD124.check(self.round(3, 10))
        (result, _) = report["qd124.htxsnv_quota"]
        assert result.gap is not None
        assert (result.status, result.gap.units) == (Status.FAIL, 1)
        assert "vượt 1 đảng viên xếp loại hoàn thành xuất sắc nhiệm vụ" in result.message


class TestMemberCaps:
    def test_disciplined_132_no_exception(self) -> None:
        """Under 132, a disciplined member rated HTNV fails even if self-remedied."""
        m = member(1)
        ev = Evaluation("dv1", 2020, Rating.HTNV, disciplined=True, self_remedied=True)
        report = QD132.check(RatingRound(tree([m]), [ev], 2020))
        assert codes(report, "qd132.disciplined_member") == [("dv1", Status.FAIL)]

    def test_disciplined_124_self_remedied(self) -> None:
        """Since 124, a self-detected and remedied violation is excepted."""
        ev = Evaluation("dv1", 2024, Rating.HTNV, disciplined=True, self_remedied=True)
        report = QD124.check(RatingRound(tree([member(1)]), [ev], 2024))
        assert codes(report, "qd124.disciplined_member") == [("dv1", Status.PASS)]

    def test_disciplined_khtnv_passes(self) -> None:
        """A disciplined member rated KHTNV is right."""
        ev = Evaluation("dv1", 2025, Rating.KHTNV, disciplined=True)
        report = QD366.check(RatingRound(tree([member(1)]), [ev], 2025))
        assert codes(report, "qd366.disciplined_member") == [("dv1", Status.PASS)]

    def test_only_concerned_reported(self) -> None:
        """Members not disciplined get no disciplined-member result."""
        ev = Evaluation("dv1", 2024, Rating.HTTNV)
        report = QD124.check(RatingRound(tree([member(1)]), [ev], 2024))
        assert codes(report, "qd124.disciplined_member") == []

    def test_recent_admission_rated(self) -> None:
        """Admitted 1/8/2024, under 6 months before 31/12/2024: must not be rated."""
        m = member(1, admitted=date(2024, 8, 1))
        report = QD124.check(RatingRound(tree([m]), [Evaluation("dv1", 2024, Rating.HTTNV)], 2024))
        (result,) = report["qd124.not_to_be_rated"]
        assert result.status == Status.FAIL
        assert "chưa đủ 6 tháng" in result.message

    def test_six_months_is_enough(self) -> None:
        """Admitted 30/6/2024: six months by 31/12/2024, rated normally."""
        m = member(1, admitted=date(2024, 6, 30))
        report = QD124.check(RatingRound(tree([m]), [Evaluation("dv1", 2024, Rating.HTTNV)], 2024))
        assert codes(report, "qd124.not_to_be_rated") == []

    def test_exempted_unrated_passes(self) -> None:
        """An exempted member left unrated is right."""
        ev = Evaluation("dv1", 2024, None, exempted=True, not_rated_reason="miễn sinh hoạt")
        report = QD124.check(RatingRound(tree([member(1)]), [ev], 2024))
        assert codes(report, "qd124.not_to_be_rated") == [("dv1", Status.PASS)]

    def test_exempted_by_record(self) -> None:
        """A member exempted since 2023 and rated in 2024 fails."""
        m = member(1, exempted_on=date(2023, 5, 1))
        report = QD124.check(RatingRound(tree([m]), [Evaluation("dv1", 2024, Rating.HTNV)], 2024))
        assert codes(report, "qd124.not_to_be_rated") == [("dv1", Status.FAIL)]

    @pytest.mark.parametrize(
        ("months", "admitted", "status"),
        [
            (12, date(2024, 1, 1), Status.FAIL),  # 11 months before 31/12: under 12
            (12, date(2023, 12, 31), None),  # twelve months exactly
            (18, date(2023, 7, 1), Status.FAIL),  # beyond the year the round's pass keeps
            (18, date(2023, 6, 30), None),
            (30, date(2022, 7, 1), Status.FAIL),
        ],
    )
    def test_longer_periods_than_a_year(
        self, months: int, admitted: date, status: Status | None
    ) -> None:
        """A rule reading further back than the round keeps its recent members still
        finds the members admitted within its months."""
        from coso_dang.rules import QD124NotToBeRatedRule

        rule = QD124NotToBeRatedRule(months=months)
        rr = RatingRound(
            tree([member(1, admitted=admitted), member(2)]),
            [Evaluation("dv1", 2024, Rating.HTTNV), Evaluation("dv2", 2024, Rating.HTTNV)],
            2024,
        )
        found = [(r.subject.id, r.status) for r in rule.check_each(rr)]
        assert found == ([] if status is None else [("dv1", status)])

    def test_sick_leave(self) -> None:
        """3 months of sick leave caps at HTNV: HTTNV fails, HTNV passes."""
        evs = [
            Evaluation("dv1", 2024, Rating.HTTNV, sick_leave_months=3),
            Evaluation("dv2", 2024, Rating.HTNV, sick_leave_months=4),
            Evaluation("dv3", 2024, Rating.HTTNV, sick_leave_months=2),
        ]
        report = QD124.check(RatingRound(tree([member(1), member(2), member(3)]), evs, 2024))
        assert codes(report, "qd124.sick_leave") == [("dv1", Status.FAIL), ("dv2", Status.PASS)]

    def test_other_years_ignored(self) -> None:
        """Evaluations of other years are not read."""
        ev = Evaluation("dv1", 2023, Rating.HTTNV, sick_leave_months=5)
        report = QD124.check(RatingRound(tree([member(1)]), [ev], 2024))
        assert codes(report, "qd124.sick_leave") == []


class TestOrganizations:
    def test_excellent_chi_bo_co_so(self) -> None:
        """A chi bộ cơ sở rated HTXSNV with 7 of 10 members HTTNV+ (under 80%) fails."""
        members = [member(i, org="cbcs") for i in range(10)]
        evs = [
            Evaluation(m.id, 2024, Rating.HTTNV if i < 7 else Rating.HTNV)
            for i, m in enumerate(members)
        ]
        evs.append(Evaluation("cbcs", 2024, Rating.HTXSNV, subject=ORG))
        report = QD124.check(RatingRound(tree(members), evs, 2024))
        (result,) = report["qd124.excellent_tccsd"]
        assert result.gap is not None
        assert (result.status, result.gap.units) == (Status.FAIL, 1)

    def test_excellent_dang_bo(self) -> None:
        """A đảng bộ rated HTXSNV: its 3 chi bộ all HTTNV+ pass."""
        evs = [Evaluation(f"cb{i}", 2024, Rating.HTTNV, subject=ORG) for i in (1, 2, 3)]
        evs.append(Evaluation("xa", 2024, Rating.HTXSNV, subject=ORG))
        report = QD124.check(RatingRound(tree([]), evs, 2024))
        assert codes(report, "qd124.excellent_tccsd") == [("xa", Status.PASS)]

    def test_excellent_with_khtnv_unit(self) -> None:
        """One unit KHTNV: HTXSNV is not allowed."""
        evs = [Evaluation("cb1", 2024, Rating.KHTNV, subject=ORG)]
        evs += [Evaluation(f"cb{i}", 2024, Rating.HTXSNV, subject=ORG) for i in (2, 3)]
        evs.append(Evaluation("xa", 2024, Rating.HTXSNV, subject=ORG))
        report = QD124.check(RatingRound(tree([]), evs, 2024))
        assert codes(report, "qd124.excellent_tccsd") == [("xa", Status.FAIL)]

    def test_excellent_without_unit_ratings(self) -> None:
        """No unit ratings to compare: MISSING_DATA."""
        evs = [Evaluation("xa", 2024, Rating.HTXSNV, subject=ORG)]
        report = QD124.check(RatingRound(tree([]), evs, 2024))
        assert codes(report, "qd124.excellent_tccsd") == [("xa", Status.MISSING_DATA)]

    def test_disciplined_units(self) -> None:
        """1 of 3 units disciplined (33%, over 20%): the đảng bộ rated HTTNV fails."""
        evs = [Evaluation("cb1", 2024, Rating.KHTNV, subject=ORG, disciplined=True)]
        evs += [Evaluation(f"cb{i}", 2024, Rating.HTTNV, subject=ORG) for i in (2, 3)]
        evs.append(Evaluation("xa", 2024, Rating.HTTNV, subject=ORG))
        report = QD124.check(RatingRound(tree([]), evs, 2024))
        assert codes(report, "qd124.disciplined_units") == [("xa", Status.FAIL)]

    def test_disciplined_units_exactly_twenty(self) -> None:
        """1 of 5 units disciplined is exactly 20%, not "trên 20%"."""
        t = OrgTree.build(
            [Organization("xa", "Đảng bộ xã", OrgKind.DANG_BO_CO_SO)]
            + [
                Organization(f"c{i}", f"Chi bộ {i}", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa")
                for i in range(5)
            ]
        )
        evs = [
            Evaluation(f"c{i}", 2024, Rating.HTTNV, subject=ORG, disciplined=i == 0)
            for i in range(5)
        ]
        evs.append(Evaluation("xa", 2024, Rating.HTTNV, subject=ORG))
        report = QD124.check(RatingRound(t, evs, 2024))
        assert codes(report, "qd124.disciplined_units") == [("xa", Status.PASS)]


class TestOwnCandidates:
    def test_an_organization_rule_listing_its_own_candidates_judges_those(self) -> None:
        """A rule author's ``candidates`` is what the rule judges: the round's shortcut
        for the built-in families does not go around it."""
        from collections.abc import Iterator
        from typing import ClassVar

        from attrs import frozen

        from coso_dang.rules import (
            Basis,
            DisciplinedOrgRule,
            QD124DisciplinedOrgRule,
            RatedOrg,
            SubjectRef,
        )

        @frozen
        class FirstVillageOnly(DisciplinedOrgRule):
            code: ClassVar[str] = "kiem_thu.ky_luat_thon_1"
            basis: ClassVar[Basis | None] = QD124DisciplinedOrgRule.basis

            def candidates(self, source: RatingRound) -> Iterator[tuple[RatedOrg, SubjectRef]]:
                for subject, ref in super().candidates(source):
                    if subject.org.id == "cb1":
                        yield subject, ref

        evaluations = [
            Evaluation(org, 2024, Rating.HTTNV, subject=ORG, disciplined=True)
            for org in ("cb1", "cb2")
        ]
        rr = RatingRound(tree([member(1)]), evaluations, 2024)
        assert [r.subject.id for r in QD124DisciplinedOrgRule().check_each(rr)] == ["cb1", "cb2"]
        assert [(r.subject.id, r.status) for r in FirstVillageOnly().check_each(rr)] == [
            ("cb1", Status.FAIL)
        ]


@pytest.mark.parametrize("size", [10, 2000])
def test_the_rounds_repr_is_bounded(size: int) -> None:
    """A round's repr, and a verdict subject's holding it, counts the records rather
    than lists them: its length does not grow with the members."""
    from coso_dang.rules import StatusRound
    from coso_dang.rules.rating import RatedMember
    from coso_dang.rules.status import StatusRecord, StatusSubject

    members = [
        Member(f"dv{n}", f"Lê Văn {n}", "cb", admitted_on=date(2001, 1, 1)) for n in range(size)
    ]
    tree = OrgTree.build([Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO)], members)
    evaluations = [Evaluation(m.id, 2024, Rating.HTTNV) for m in members]
    records = [StatusRecord(m.id, 2024) for m in members]
    rating = RatingRound(tree, evaluations, 2024)
    status = StatusRound(tree, 2024, records, evaluations)
    texts = {
        "rating": repr(rating),
        "status": repr(status),
        "rated": repr(RatedMember(rating, evaluations[-1], members[-1])),
        "subject": repr(StatusSubject(status, members[-1], records[-1])),
    }
    for name, text in texts.items():
        assert len(text) < 800, (name, len(text))
        assert f"Lê Văn {size - 2}" not in text, name
    assert f"evaluations={size}" in texts["rating"]
    assert f"records={size}, evaluations={size}" in texts["status"]
    assert "year=2024" in texts["rating"]
    assert "year=2024" in texts["status"]


class TestRecordsInAnyOrder:
    """The round reads each member's evaluation alongside the rolls when the records
    are listed as the rolls are; listed in any other way, with records of no member or
    a member's twice, it counts the same."""

    @staticmethod
    def _counts(rr: RatingRound) -> list[tuple[object, ...]]:
        return [
            (
                org.id,
                tuple(rr.member_tally(org.id).values()),
                tuple(rr.member_tally(org.id, on_rolls=True).values()),
                rr.unrated_members(org.id),
                rr.members_on_rolls(org.id),
                rr.evaluated_members(org.id),
                rr.disciplined_leaders(org.id),
                rr.leaders_without_record(org.id),
            )
            for org in rr.tree.walk()
        ]

    def test_same_counts(self) -> None:
        from coso_dang.testing import generate_nation

        data = generate_nation(seed=3, scale=0.001)
        nation = OrgTree.build(data.organizations, data.members, data.units)
        year = data.year
        listed = list(data.evaluations)
        members = [ev for ev in listed if ev.subject is SubjectKind.MEMBER]
        stray = Evaluation("khong-co", year, Rating.HTXSNV)
        again = Evaluation(members[5].subject_id, year, Rating.KHTNV, disciplined=True)
        # Listed as the rolls are, whole or with a few members' records left out: read
        # alongside the rolls, without the index (the orders below all build it).
        in_place = {
            "as listed": listed,
            "a few left out": [ev for i, ev in enumerate(listed) if i % 40 != 7],
        }
        orders = {
            **in_place,
            "reversed": listed[::-1],
            "a stray record": [*listed[:7], stray, *listed[7:]],
            "a member twice": [*listed[:9], again, *listed[9:]],
            "strays at the start": [stray, stray, *listed],
            "every other left out": listed[::2],
        }
        for name, evaluations in orders.items():
            read = RatingRound(nation, evaluations, year)
            expected = self._counts(read)
            # The pass the order is meant to take (else the test compares the index
            # with itself): a private flag, read only to keep the test honest.
            assert read._member_pass.in_place is (name in in_place), name
            # The reference: an index built apart, every member looked up in it.
            by_id = {
                ev.subject_id: ev
                for ev in evaluations
                if ev.subject is SubjectKind.MEMBER and ev.year == year
            }
            shuffled = sorted(by_id.values(), key=lambda ev: ev.subject_id, reverse=True)
            orgs = [ev for ev in evaluations if ev.subject is ORG]
            reference = self._counts(RatingRound(nation, [*orgs, *shuffled], year))
            assert expected == reference, name
            report = QD124.check(RatingRound(nation, evaluations, year), year=year)
            assert sorted(map(str, report)) == sorted(
                map(str, QD124.check(RatingRound(nation, [*orgs, *shuffled], year), year=year))
            ), name


def test_quota_verdicts_on_the_same_counts_name_each_tccsd() -> None:
    """Two TCCSĐ with the same counts get the same verdict, each about itself."""
    nation = OrgTree.build(
        [
            Organization("a", "Chi bộ Trường A", OrgKind.CHI_BO_CO_SO),
            Organization("b", "Chi bộ Trường B", OrgKind.CHI_BO_CO_SO),
            Organization("c", "Chi bộ Trường C", OrgKind.CHI_BO_CO_SO),
        ],
        [member(i, org) for org in "abc" for i in range(ord(org) * 10, ord(org) * 10 + 6)],
    )
    levels = [Rating.HTXSNV, Rating.HTXSNV, Rating.HTTNV, Rating.HTTNV, Rating.HTTNV, Rating.HTNV]
    evaluations = [
        Evaluation(f"dv{i}", 2024, level)
        for org in "ab"
        for i, level in zip(range(ord(org) * 10, ord(org) * 10 + 6), levels, strict=True)
    ] + [Evaluation(f"dv{i}", 2024, Rating.HTTNV) for i in range(990, 996)]
    report = QD124.check(RatingRound(nation, evaluations, 2024), year=2024)
    quota = report[QD124.rules[0].code]
    assert [r.subject.id for r in quota] == ["a", "b", "c"]
    first, second, _ = quota
    assert first.status is second.status is Status.FAIL
    assert (first.message, first.counts, first.gap, first.observed) == (
        second.message,
        second.counts,
        second.gap,
        second.observed,
    )
    alone = QD124.check(RatingRound(nation, evaluations[6:], 2024), year=2024)
    assert alone[QD124.rules[0].code][1] == second  # b judged without a before it


def test_quota_verdicts_are_each_rules_own() -> None:
    """A TCCSĐ one quota rule lists, judged by another quota rule (another limit), gets
    that rule's verdict: the verdicts a rule words once are its own, not the subject's."""
    from fractions import Fraction

    import attrs

    from coso_dang.rules import HtxsnvQuotaRule

    nation = OrgTree.build(
        [Organization("a", "Chi bộ Trường A", OrgKind.CHI_BO_CO_SO)],
        [member(i, "a") for i in range(5)],
    )
    levels = [Rating.HTXSNV, Rating.HTXSNV, Rating.HTTNV, Rating.HTTNV, Rating.HTTNV]
    rr = RatingRound(
        nation, [Evaluation(f"dv{i}", 2024, level) for i, level in enumerate(levels)], 2024
    )
    quota = QD124.rules[0]
    assert isinstance(quota, HtxsnvQuotaRule)
    wider = attrs.evolve(quota, limit=Fraction(1))  # 2 HTXSNV of 3 HTTNV: within 100%
    listed, again = quota.subjects(rr), wider.subjects(rr)
    assert listed is not None
    assert again is not None
    [(unit, _)], [(fresh, _)] = list(listed), list(again)
    assert quota.check(unit).status is Status.FAIL  # above 20%
    assert wider.check(fresh).status is Status.PASS
    assert wider.check(unit) == wider.check(fresh)
