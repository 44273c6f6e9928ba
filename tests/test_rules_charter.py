"""Charter structure checks and the quarterly queries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from attrs import frozen
from dateutil.relativedelta import relativedelta

import coso_dang.rules.base as rules_base
from coso_dang import CommitteeRole, Member, Organization, OrgKind, OrgTree, Tally
from coso_dang.rollup import Rollup, rollup
from coso_dang.rules import (
    DIEU_LE,
    NQ21_2025,
    Report,
    Status,
    Structure,
    badges_due,
    due_for_official,
    next_occasion,
    quarter,
)

ON = date(2025, 12, 31)


def member(i: int, org: str, **kw: object) -> Member:
    kw.setdefault("admitted_on", date(2010, 1, 1))
    kw.setdefault("birth_date", date(1985, 1, 1))
    return Member(f"{org}-{i}", f"Trần Thị {i}", org, **kw)  # type: ignore[arg-type]


def results(report: Report, code: str) -> dict[str | None, Status]:
    try:
        return {r.subject.id: r.status for r in report[code]}
    except KeyError:
        return {}


def tree_of(members: list[Member], *orgs: Organization) -> OrgTree:
    base = [
        Organization("xa", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO),
        Organization("cb1", "Chi bộ thôn 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa"),
    ]
    return OrgTree.build([*base, *orgs], members)


def structure(members: list[Member], *orgs: Organization, on: date = ON) -> Structure:
    return Structure(tree_of(members, *orgs), on)


def verdicts(report: Report) -> list[tuple[str, str | None, Status]]:
    return [(r.code, r.subject.id, r.status) for r in report]


#: Two official members in cb1 (so cb1 and the đảng bộ fail the minimum), the đảng bộ
#: under 30 (flagged), one member admitted at 17.
SMALL = [
    member(1, "cb1"),
    member(2, "cb1", birth_date=date(1993, 6, 1), admitted_on=date(2010, 12, 1)),
]


class TestOrganizations:
    def test_minimum_official_members(self) -> None:
        """A chi bộ trực thuộc with 2 official members (and 1 probationary) fails by 1."""
        members = [member(i, "cb1") for i in range(2)]
        members.append(
            member(9, "cb1", admitted_on=date(2025, 6, 1), ceremony_on=date(2025, 6, 20))
        )
        report = DIEU_LE.check(structure(members))
        (cb1,) = [
            r for r in report["dieu_le.toi_thieu_3_dang_vien_chinh_thuc"] if r.subject.id == "cb1"
        ]
        assert cb1.gap is not None
        assert (cb1.status, cb1.gap.units) == (Status.FAIL, 1)

    def test_three_is_enough(self) -> None:
        """3 official members pass; the đảng bộ counts its chi bộ's members."""
        report = DIEU_LE.check(structure([member(i, "cb1") for i in range(3)]))
        assert results(report, "dieu_le.toi_thieu_3_dang_vien_chinh_thuc") == {
            "xa": Status.PASS,
            "cb1": Status.PASS,
        }

    def test_small_dang_bo_needs_review(self) -> None:
        """A đảng bộ cơ sở under 30 members is flagged for approval, not failed."""
        report = DIEU_LE.check(structure([member(i, "cb1") for i in range(29)]))
        assert results(report, "dieu_le.quy_mo_to_chuc_co_so_dang")["xa"] == Status.NEEDS_REVIEW

    def test_large_chi_bo_co_so_needs_review(self) -> None:
        """A chi bộ cơ sở of 30 members is flagged; 29 pass."""
        big = Organization("cs", "Chi bộ Trường học", OrgKind.CHI_BO_CO_SO)
        report = DIEU_LE.check(structure([member(i, "cs") for i in range(30)], big))
        assert results(report, "dieu_le.quy_mo_to_chuc_co_so_dang")["cs"] == Status.NEEDS_REVIEW
        report = DIEU_LE.check(structure([member(i, "cs") for i in range(29)], big))
        assert results(report, "dieu_le.quy_mo_to_chuc_co_so_dang")["cs"] == Status.PASS

    def test_chi_uy_required_at_nine(self) -> None:
        """9 official members and no chi ủy fails (roles recorded elsewhere in the tree)."""
        other = Organization("cb2", "Chi bộ thôn 2", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa")
        members = [member(i, "cb1") for i in range(9)]
        members.append(member(0, "cb2", committee_role=CommitteeRole.BI_THU))
        report = DIEU_LE.check(structure(members, other))
        assert results(report, "dieu_le.chi_uy")["cb1"] == Status.FAIL
        assert results(report, "dieu_le.chi_uy")["cb2"] == Status.NOT_APPLICABLE

    def test_chi_uy_too_large(self) -> None:
        """A chi ủy of 8 is one too many."""
        members = [
            member(i, "cb1", committee_role=CommitteeRole.UY_VIEN if i < 8 else None)
            for i in range(12)
        ]
        report = DIEU_LE.check(structure(members))
        (result,) = report["dieu_le.chi_uy"]
        assert result.gap is not None
        assert (result.status, result.gap.units) == (Status.FAIL, 1)

    def test_chi_uy_not_recorded(self) -> None:
        """No committee roles anywhere: MISSING_DATA, not a failure."""
        report = DIEU_LE.check(structure([member(i, "cb1") for i in range(9)]))
        assert results(report, "dieu_le.chi_uy")["cb1"] == Status.MISSING_DATA


class TestEveryYear:
    """The Charter holds in every year: checks before 1/7/2025 give real verdicts."""

    @pytest.mark.parametrize("year", [2016, 2021, 2024, 2025])
    def test_real_verdicts(self, year: int) -> None:
        """A year before 294-QĐ/TW took effect is judged as any other, never "không áp dụng"."""
        report = DIEU_LE.check(structure(SMALL, on=date(year, 12, 31)), year=year)
        assert [
            ("dieu_le.toi_thieu_3_dang_vien_chinh_thuc", "xa", Status.FAIL),
            ("dieu_le.toi_thieu_3_dang_vien_chinh_thuc", "cb1", Status.FAIL),
            ("dieu_le.quy_mo_to_chuc_co_so_dang", "xa", Status.NEEDS_REVIEW),
            ("dieu_le.chi_uy", "cb1", Status.NOT_APPLICABLE),
            ("dieu_le.tuoi_ket_nap", "cb1-2", Status.NEEDS_REVIEW),
        ] == verdicts(report)
        (minimum, _) = report["dieu_le.toi_thieu_3_dang_vien_chinh_thuc"]
        assert (
            "Chỉ có 2 đảng viên chính thức, chưa đủ từ 3 đảng viên chính thức trở lên; "
            "cần thêm 1 đảng viên chính thức." == minimum.message
        )

    def test_2024_year_from_the_rollup(self) -> None:
        """The year read from a 2024 rollup does not put the Charter out of force."""
        report = DIEU_LE.check(rollup(tree_of(SMALL), year=2024))
        assert Status.NOT_APPLICABLE not in {
            r.status for r in report["dieu_le.toi_thieu_3_dang_vien_chinh_thuc"]
        }


class TestOnRollup:
    def test_same_as_the_structure(self) -> None:
        """On a rollup counted from records, the charter rules read its tree on its date."""
        tree = tree_of(SMALL)
        on_rollup = DIEU_LE.check(rollup(tree, year=2024, as_of=date(2024, 9, 30)))
        on_structure = DIEU_LE.check(Structure(tree, date(2024, 9, 30)), year=2024)
        assert verdicts(on_structure) == verdicts(on_rollup)
        assert [r.message for r in on_structure] == [r.message for r in on_rollup]

    def test_with_the_targets(self) -> None:
        """NQ21 + the Charter on a rollup: both run, none is dropped."""
        tree = OrgTree.build(
            [
                Organization("h", "Đảng bộ huyện Đông", OrgKind.DANG_BO_CAP_TREN_CO_SO),
                Organization("xa", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO, parent_id="h"),
                Organization("cb1", "Chi bộ thôn 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa"),
            ],
            SMALL,
        )
        report = (NQ21_2025 + DIEU_LE).check(rollup(tree, year=2024))
        # Every rule but the overdue-probation one, which concerns no member here.
        expected = set(NQ21_2025.codes) | set(DIEU_LE.codes)
        assert expected - {"dieu_le.qua_han_xet_chuyen_chinh_thuc"} == {r.code for r in report}
        assert [("h", Status.FAIL)] == [  # no admissions in 2024
            (r.subject.id, r.status) for r in report["nq21.2025.ty_le_ket_nap"]
        ]
        assert Status.FAIL == report["dieu_le.toi_thieu_3_dang_vien_chinh_thuc"][1].status

    def test_structure_built_once(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """One structure per check, shared by every charter rule."""
        built: list[Structure] = []

        @frozen(eq=False)
        class Counted(Structure):
            def __attrs_post_init__(self) -> None:
                built.append(self)

        monkeypatch.setattr(rules_base, "Structure", Counted)
        report = DIEU_LE.check(rollup(tree_of(SMALL), year=2024))
        assert 1 == len(built)
        assert len(report) == 5

    def test_counts_without_a_date(self) -> None:
        """A rollup of counts with no date: each charter rule says why it cannot judge."""
        given = Rollup.from_tallies(tree_of(SMALL), {"cb1": Tally(dang_vien=2)})
        report = DIEU_LE.check(given)
        assert [(code, "xa", Status.MISSING_DATA) for code in DIEU_LE.codes] == verdicts(report)
        assert (
            "Không kiểm tra được trên bảng tổng hợp: không có ngày báo cáo (as_of) để xét "
            "cơ cấu tổ chức." == report[0].message
        )

    def test_counts_without_members(self) -> None:
        """A dated rollup over a tree with no member records: missing data, not failures."""
        given = Rollup.from_tallies(
            tree_of([]), {"cb1": Tally(dang_vien=2)}, year=2024, as_of=date(2024, 12, 31)
        )
        report = DIEU_LE.check(given)
        assert {Status.MISSING_DATA} == {r.status for r in report}
        assert report[0].message.endswith("cây tổ chức không có danh sách đảng viên.")
        assert len(report) == len(DIEU_LE)

    def test_single_rule_on_rollup(self) -> None:
        """A charter rule's check_each reads a rollup too."""
        rule = DIEU_LE.rules[0]
        results = rule.check_each(rollup(tree_of(SMALL), year=2024))
        assert [("xa", Status.FAIL), ("cb1", Status.FAIL)] == [
            (r.subject.id, r.status) for r in results
        ]


class TestMembers:
    def test_overdue_probation(self) -> None:
        """Ceremony 20/1/2024: the 12 months end on 20/1/2025. The chi bộ considers by
        the 30th working day after it, 10/3/2025 (21–24/1, then Tết from 25/1 to 2/2,
        3/2–7/3 five weeks, 10/3), and the committee decides by the 60th working day
        after that, 5/6/2025. No decision by 31/12/2025: overdue by 209 days."""
        late = member(1, "cb1", admitted_on=date(2024, 1, 5), ceremony_on=date(2024, 1, 20))
        done = member(
            2,
            "cb1",
            admitted_on=date(2024, 2, 1),
            ceremony_on=date(2024, 3, 1),
            official_on=date(2025, 3, 1),
        )
        report = DIEU_LE.check(structure([late, done]))
        (result,) = report["dieu_le.qua_han_xet_chuyen_chinh_thuc"]
        assert (result.subject.id, result.status, result.observed) == ("cb1-1", Status.FAIL, 209)
        assert result.message == (
            "Hết 12 tháng dự bị từ ngày 20/01/2025, hạn cấp ủy quyết định đến ngày 05/6/2025 "
            "nhưng chưa có quyết định công nhận đảng viên chính thức (quá hạn 209 ngày)."
        )

    def test_overdue_probation_with_a_grace_names_the_mark(self) -> None:
        """Ceremony 20/1/2024: the 12 months end on 20/1/2025 whatever the grace. With
        42 days' grace after the committee's deadline of 5/6/2025 the decision is due
        by 17/7/2025, overdue by 167 days on 31/12/2025."""
        from coso_dang.rules.charter import OverdueProbationRule

        late = member(1, "cb1", admitted_on=date(2024, 1, 5), ceremony_on=date(2024, 1, 20))
        done = member(2, "cb1", admitted_on=date(2020, 1, 1), official_on=date(2021, 1, 1))
        [result] = OverdueProbationRule(grace_days=42).check_each(structure([late, done]))
        assert result.observed == 167
        assert result.message.startswith(
            "Hết 12 tháng dự bị từ ngày 20/01/2025, hạn cấp ủy quyết định đến ngày 17/7/2025 "
            "nhưng chưa có"
        )
        [result] = OverdueProbationRule(grace_days=42).check_each(structure([late]))
        assert (result.status, result.message.split(";")[0]) == (
            Status.MISSING_DATA,
            "Hết 12 tháng dự bị từ ngày 20/01/2025, hạn cấp ủy quyết định đến ngày 17/7/2025",
        )

    def test_probation_not_recorded(self) -> None:
        """A tree that records no decisions gives MISSING_DATA."""
        late = member(1, "cb1", admitted_on=date(2024, 1, 5), ceremony_on=date(2024, 1, 20))
        report = DIEU_LE.check(structure([late]))
        assert (
            results(report, "dieu_le.qua_han_xet_chuyen_chinh_thuc")["cb1-1"] == Status.MISSING_DATA
        )

    def test_no_decision_is_not_overdue_before_the_working_day_deadlines(self) -> None:
        """Ceremony 1/10/2024: the 12 months end on 1/10/2025; the chi bộ considers by
        12/11/2025 (30 working days) and the committee decides by 5/2/2026 (60 more:
        1/1/2026 off). On 31/12/2025 the check said "quá hạn 91 ngày" of a member the
        office's list (due_official, without resolutions) called on time; the two now
        say the same: nothing on 31/12/2025 and on 5/2/2026, overdue from 6/2/2026."""
        from coso_dang.operations import WorkCalendar, due_official

        late = member(1, "cb1", admitted_on=date(2024, 9, 1), ceremony_on=date(2024, 10, 1))
        done = member(2, "cb1", admitted_on=date(2020, 1, 1), official_on=date(2021, 1, 1))
        code = "dieu_le.qua_han_xet_chuyen_chinh_thuc"
        cal = WorkCalendar()
        for on, overdue in [
            (date(2025, 12, 31), None),
            (date(2026, 2, 5), None),
            (date(2026, 2, 6), 1),
            (date(2026, 3, 2), 25),
        ]:
            report = DIEU_LE.check(structure([late, done], on=on))
            found = {r.subject.id: r.observed for r in report if r.code == code}
            assert found == ({} if overdue is None else {"cb1-1": overdue}), on
            listed = due_official([late], date(2025, 10, 1), on, calendar=cal)
            assert [e.member.id for e in listed.overdue] == ([] if overdue is None else ["cb1-1"])
        # A day off the office adds (5/2/2026) moves the deadline to 6/2/2026.
        from coso_dang.rules.charter import OverdueProbationRule

        own = OverdueProbationRule(calendar=WorkCalendar(days_off=[date(2026, 2, 5)]))
        assert own.check_each(structure([late, done], on=date(2026, 2, 6))) == ()
        [result] = own.check_each(structure([late, done], on=date(2026, 2, 7)))
        assert (result.status, result.observed) == (Status.FAIL, 1)
        assert "hạn cấp ủy quyết định đến ngày 06/02/2026" in result.message

    def test_a_decision_dated_after_the_day_checked(self) -> None:
        """Ceremony 20/1/2024: the committee's deadline was 5/6/2025, the decision came
        on 1/3/2026. The structure of 31/12/2025 (a year's report made again in 2026)
        said nothing of the member, whose decision was recorded by then though not yet
        taken that day; the office's list of that day calls it overdue, and so does the
        check now, from the records and from a table alike."""
        from coso_dang.operations import WorkCalendar, due_official

        late = member(
            1, "cb1", admitted_on=date(2024, 1, 5), ceremony_on=date(2024, 1, 20),
            official_on=date(2026, 3, 1),
        )  # fmt: skip
        code = "dieu_le.qua_han_xet_chuyen_chinh_thuc"
        listed = due_official(
            [late], date(2025, 1, 1), date(2025, 1, 31), calendar=WorkCalendar(), on=ON
        )
        assert [(e.member.id, e.late) for e in listed.entries] == [
            ("cb1-1", "chưa có quyết định của cấp ủy, quá hạn 05/6/2025")
        ]
        report = DIEU_LE.check(structure([late]))
        found = [(r.subject.id, r.status, r.observed) for r in report if r.code == code]
        assert found == [("cb1-1", Status.FAIL, 209)]
        pl = pytest.importorskip("polars")
        table = pl.DataFrame(
            {
                "id": [late.id],
                "org_id": [late.org_id],
                "full_name": [late.full_name],
                "admitted_on": [late.admitted_on],
                "ceremony_on": [late.ceremony_on],
                "official_on": [late.official_on],
                "committee_role": [None],
            },
            schema_overrides={"committee_role": pl.String},
        )
        from_table = DIEU_LE.check(Structure.from_frames(tree_of([]), table, ON))
        assert [(r.subject.id, r.status) for r in from_table if r.code == code] == [
            ("cb1-1", Status.FAIL)
        ]
        # Decided by the day checked: nothing to say.
        later = structure([late], on=date(2026, 3, 31))
        assert [r for r in DIEU_LE.check(later) if r.code == code] == []

    @pytest.mark.parametrize(
        "on",
        [date(2025, 3, 31), date(2025, 6, 6), date(2025, 9, 3), date(2026, 2, 13),
         date(2026, 2, 24), date(2026, 5, 4), date(2026, 9, 30)],
    )  # fmt: skip
    def test_overdue_probation_as_the_offices_list_judges(self, on: date) -> None:
        """Ceremonies on every day of a year, and on 29/2/2024, none decided: the check
        fails exactly the members the office's list calls overdue on the day (the
        committee's latest deadline passed, the chi bộ's resolution not known)."""
        from coso_dang.operations import WorkCalendar, due_official

        first = on - relativedelta(months=23)
        days = [first + timedelta(days=k) for k in range(366)]
        if first <= date(2024, 2, 29):
            days.append(date(2024, 2, 29))
        members = [
            member(n, "cb1", admitted_on=day - timedelta(days=20), ceremony_on=day)
            for n, day in enumerate(days, 1)
        ]
        members.append(member(0, "cb1", official_on=date(2011, 1, 1)))
        report = DIEU_LE.check(structure(members, on=on))
        failed = {r.subject.id for r in report if r.code == "dieu_le.qua_han_xet_chuyen_chinh_thuc"}
        listed = due_official(
            members, on - relativedelta(months=11), on, calendar=WorkCalendar(), lookback_months=0
        )
        assert failed == {e.member.id for e in listed.overdue}
        assert failed

    def test_overdue_probation_without_the_holidays(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without the holidays package the deadline in working days cannot be placed:
        a member far past any deadline is UNDETERMINED, not failed, and one whose mark
        passed a month ago (before the earliest deadline can fall) is not reported."""
        import sys

        from coso_dang.rules.charter import _vietnam_calendar

        far = member(1, "cb1", admitted_on=date(2024, 1, 5), ceremony_on=date(2024, 1, 20))
        near = member(2, "cb1", admitted_on=date(2024, 11, 5), ceremony_on=date(2024, 11, 20))
        done = member(3, "cb1", admitted_on=date(2020, 1, 1), official_on=date(2021, 1, 1))
        monkeypatch.setitem(sys.modules, "holidays", None)
        _vietnam_calendar.cache_clear()
        try:
            report = DIEU_LE.check(structure([far, near, done]))
        finally:
            monkeypatch.undo()
            _vietnam_calendar.cache_clear()
        [result] = report["dieu_le.qua_han_xet_chuyen_chinh_thuc"]
        assert (result.subject.id, result.status) == ("cb1-1", Status.UNDETERMINED)
        assert "coso-dang[calendar]" in result.message
        assert "quá hạn" not in result.message

    def test_old_records_not_flagged(self) -> None:
        """Marks older than the look-back are records that predate the data."""
        report = DIEU_LE.check(structure([member(1, "cb1")]))
        assert results(report, "dieu_le.qua_han_xet_chuyen_chinh_thuc") == {}

    def test_admission_age(self) -> None:
        """Admitted at 17 or at 61: flagged for review; at 18 and at 60 years and some
        days: not reported."""
        members = [
            member(1, "cb1", birth_date=date(2000, 6, 1), admitted_on=date(2017, 12, 1)),
            member(2, "cb1", birth_date=date(1950, 1, 1), admitted_on=date(2011, 6, 1)),
            member(3, "cb1", birth_date=date(2000, 6, 1), admitted_on=date(2018, 6, 1)),
            member(4, "cb1", birth_date=date(1950, 1, 1), admitted_on=date(2010, 1, 31)),
            member(5, "cb1", birth_date=None),
        ]
        report = DIEU_LE.check(structure(members))
        assert results(report, "dieu_le.tuoi_ket_nap") == {
            "cb1-1": Status.NEEDS_REVIEW,
            "cb1-2": Status.NEEDS_REVIEW,
            "cb1-5": Status.MISSING_DATA,
        }


class TestQueries:
    def test_quarter(self) -> None:
        """Quarters start and end on the right days."""
        assert [(date(2025, 1, 1), date(2025, 3, 31)), (date(2025, 10, 1), date(2025, 12, 31))] == [
            quarter(2025, 1),
            quarter(2025, 4),
        ]

    def test_due_for_official(self) -> None:
        """Due in Q3 2025, sorted by date; recorded decisions and leavers are skipped."""
        a = member(1, "cb1", admitted_on=date(2024, 8, 1), ceremony_on=date(2024, 8, 20))
        b = member(2, "cb1", admitted_on=date(2024, 6, 15), ceremony_on=date(2024, 7, 2))
        c = member(3, "cb1", admitted_on=date(2024, 7, 1), official_on=date(2025, 7, 1))
        d = member(4, "cb1", admitted_on=date(2024, 7, 1), left_on=date(2025, 1, 1))
        due = due_for_official(
            OrgTree.build([Organization("cb1", "Chi bộ", OrgKind.CHI_BO_CO_SO)], [a, b, c, d]),
            *quarter(2025, 3),
        )
        assert [("cb1-2", date(2025, 7, 2)), ("cb1-1", date(2025, 8, 20))] == [
            (x.member.id, x.due_on) for x in due
        ]

    def test_next_occasion(self) -> None:
        """After 7/11 the next occasion is 3/2 of the next year."""
        assert date(2026, 2, 3) == next_occasion(date(2025, 11, 8))

    def test_badges_grouped(self) -> None:
        """Badges due on 2/9/2025, grouped by years."""
        thirty = member(1, "cb1", admitted_on=date(1995, 6, 10))
        forty = member(2, "cb1", admitted_on=date(1985, 8, 1))
        later = member(3, "cb1", admitted_on=date(1995, 10, 1))
        result = badges_due([later, forty, thirty], date(2025, 6, 1))
        assert date(2025, 9, 2) == result.occasion
        assert {years: tuple(m.id for m in ms) for years, ms in result.by_years.items()} == {
            30: ("cb1-1",),
            40: ("cb1-2",),
        }
        assert result.total == 2
