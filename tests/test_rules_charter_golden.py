"""The charter checks against tables written by hand from the Charter's wording.

Điều lệ Đảng (2011), Art. 21 and 24, as its implementing rules word them:

- "có từ 3 đảng viên chính thức trở lên": three official members are enough (inclusive);
  probationary members do not count.
- "dưới 30 đảng viên lập chi bộ cơ sở; có từ 30 đảng viên trở lên lập đảng bộ cơ sở":
  all members on the rolls count; 30 is a đảng bộ's size (inclusive), 29 a chi bộ's.
- "chi bộ có từ 9 đảng viên chính thức trở lên bầu chi ủy ... không quá 7": 9 official
  members need a chi ủy (inclusive), which may have 7 members and not 8.

A structure whose tree records no member at all knows no count: each organization's
verdict is "thiếu số liệu", never a count of 0.
"""

from __future__ import annotations

from datetime import date

import pytest

from coso_dang import CommitteeRole, Member, Organization, OrgKind, OrgTree
from coso_dang.rules import DIEU_LE, Report, Status, Structure

ON = date(2025, 12, 31)
MIN = "dieu_le.toi_thieu_3_dang_vien_chinh_thuc"
SIZE = "dieu_le.quy_mo_to_chuc_co_so_dang"
CHI_UY = "dieu_le.chi_uy"

K = OrgKind
XA = Organization("xa", "Đảng bộ xã Tân Lập", K.DANG_BO_CO_SO)
CB1 = Organization("cb1", "Chi bộ thôn 1", K.CHI_BO_TRUC_THUOC, parent_id="xa")
CB2 = Organization("cb2", "Chi bộ thôn 2", K.CHI_BO_TRUC_THUOC, parent_id="xa")
CS = Organization("cs", "Chi bộ Trường Tiểu học", K.CHI_BO_CO_SO)


def official(org: str, n: int, *, start: int = 0, **kw: object) -> list[Member]:
    """*n* members of *org* official long before ON."""
    return [
        Member(f"{org}-{i}", f"Trần Thị {i}", org, date(2010, 1, 1), **kw)  # type: ignore[arg-type]
        for i in range(start, start + n)
    ]


def probationary(org: str, n: int) -> list[Member]:
    """*n* members of *org* admitted in 2025: on the rolls, not yet official."""
    return [
        Member(f"{org}-p{i}", f"Lê Văn {i}", org, date(2025, 6, 1), ceremony_on=date(2025, 6, 20))
        for i in range(n)
    ]


def verdict(report: Report, code: str, org_id: str) -> Status:
    (found,) = [r for r in report[code] if r.subject.id == org_id]
    return found.status


class TestMinimumOfficialMembers:
    """The Charter's "từ 3 đảng viên chính thức trở lên", for a TCCSĐ and a chi bộ trực thuộc."""

    @pytest.mark.parametrize(
        ("n_official", "n_probationary", "expected", "gap"),
        [
            (0, 0, Status.FAIL, 3),
            (2, 0, Status.FAIL, 1),
            (2, 5, Status.FAIL, 1),  # probationary members do not make up the three
            (3, 0, Status.PASS, None),
            (4, 0, Status.PASS, None),
        ],
    )
    def test_chi_bo_co_so(
        self, n_official: int, n_probationary: int, expected: Status, gap: int | None
    ) -> None:
        members = official("cs", n_official) + probationary("cs", n_probationary)
        # Another chi bộ's members: the tree records members, so 0 is a count.
        members += official("cb1", 3)
        tree = OrgTree.build([XA, CB1, CS], members)
        report = DIEU_LE.check(Structure(tree, ON))
        (result,) = [r for r in report[MIN] if r.subject.id == "cs"]
        assert result.status is expected
        assert (result.gap.units if result.gap else None) == gap
        assert result.observed == n_official

    def test_dang_bo_counts_its_chi_bo(self) -> None:
        """A đảng bộ cơ sở counts the official members of every chi bộ under it."""
        tree = OrgTree.build([XA, CB1, CB2], official("cb1", 2) + official("cb2", 1))
        report = DIEU_LE.check(Structure(tree, ON))
        assert verdict(report, MIN, "xa") is Status.PASS
        assert verdict(report, MIN, "cb1") is Status.FAIL
        assert verdict(report, MIN, "cb2") is Status.FAIL

    def test_dang_bo_with_no_chi_bo(self) -> None:
        """A đảng bộ cơ sở with no chi bộ under it has no member: it fails, and its
        size (0, under 30) needs the level above's approval."""
        other = Organization("db2", "Đảng bộ Công ty A", K.DANG_BO_CO_SO)
        tree = OrgTree.build([XA, CB1, other], official("cb1", 30))
        report = DIEU_LE.check(Structure(tree, ON))
        assert verdict(report, MIN, "db2") is Status.FAIL
        assert verdict(report, SIZE, "db2") is Status.NEEDS_REVIEW
        assert verdict(report, SIZE, "xa") is Status.PASS


class TestGrassrootsSize:
    """Under 30 ("dưới 30"): a chi bộ cơ sở; from 30 ("từ 30 trở lên"): a đảng bộ cơ sở."""

    @pytest.mark.parametrize(
        ("n", "expected", "words"),
        [
            (2, Status.PASS, "Chi bộ cơ sở có 2 đảng viên."),
            (29, Status.PASS, "Chi bộ cơ sở có 29 đảng viên."),
            (30, Status.NEEDS_REVIEW, "(từ 30 trở lên)"),
            (31, Status.NEEDS_REVIEW, "(từ 30 trở lên)"),
        ],
    )
    def test_chi_bo_co_so(self, n: int, expected: Status, words: str) -> None:
        # Half of them probationary: they count for the size.
        members = official("cs", n - n // 2) + probationary("cs", n // 2)
        report = DIEU_LE.check(Structure(OrgTree.build([CS], members), ON))
        (result,) = report[SIZE]
        assert result.status is expected
        assert words in result.message
        assert result.observed == n

    @pytest.mark.parametrize(
        ("n", "expected", "words"),
        [
            (29, Status.NEEDS_REVIEW, "(dưới 30)"),
            (30, Status.PASS, "Đảng bộ cơ sở có 30 đảng viên."),
            (31, Status.PASS, "Đảng bộ cơ sở có 31 đảng viên."),
        ],
    )
    def test_dang_bo_co_so(self, n: int, expected: Status, words: str) -> None:
        # Spread over two chi bộ trực thuộc, some probationary.
        members = official("cb1", n - 20) + official("cb2", 15) + probationary("cb2", 5)
        report = DIEU_LE.check(Structure(OrgTree.build([XA, CB1, CB2], members), ON))
        (result,) = [r for r in report[SIZE] if r.subject.id == "xa"]
        assert result.status is expected
        assert words in result.message
        assert result.observed == n


class TestChiUy:
    """The Charter's "từ 9 đảng viên chính thức trở lên": elect a chi ủy of at most 7."""

    @pytest.mark.parametrize(
        ("n_official", "committee", "expected"),
        [
            (8, 0, Status.NOT_APPLICABLE),
            (9, 0, Status.FAIL),
            (9, 3, Status.PASS),
            (9, 7, Status.PASS),
            (12, 8, Status.FAIL),
        ],
    )
    def test_table(self, n_official: int, committee: int, expected: Status) -> None:
        members = official("cs", committee, committee_role=CommitteeRole.UY_VIEN)
        members += official("cs", n_official - committee, start=committee)
        # A role recorded somewhere, so the tree records committees.
        members += official("cb1", 1, committee_role=CommitteeRole.BI_THU)
        tree = OrgTree.build([XA, CB1, CS], members)
        report = DIEU_LE.check(Structure(tree, ON))
        assert verdict(report, CHI_UY, "cs") is expected

    @pytest.mark.parametrize(
        ("n_official", "secretaries", "deputies", "members", "expected", "says"),
        [
            (12, 1, 1, 3, Status.PASS, "chi ủy 5 đồng chí"),
            (12, 1, 0, 2, Status.PASS, "chi ủy 3 đồng chí"),
            (12, 1, 2, 2, Status.FAIL, "có 2 phó bí thư; chi ủy bầu một bí thư và một phó"),
            (12, 2, 1, 0, Status.FAIL, "có 2 bí thư; chi ủy bầu một bí thư và một phó"),
            (12, 2, 3, 0, Status.FAIL, "có 2 bí thư và 3 phó bí thư"),
            (12, 1, 7, 0, Status.FAIL, "quá 7"),  # the size is said first
            # Under 9: "bầu bí thư, nếu cần bầu phó bí thư", one of each at most; a chi ủy
            # kept from a larger chi bộ is no fault.
            (8, 1, 2, 0, Status.FAIL, "dưới 9: chi bộ bầu bí thư và nếu cần một phó bí thư"),
            (8, 2, 0, 0, Status.FAIL, "nhưng có 2 bí thư"),
            (5, 2, 2, 0, Status.FAIL, "có 2 bí thư và 2 phó bí thư"),
            (8, 1, 1, 0, Status.NOT_APPLICABLE, "không bắt buộc có chi ủy"),
            (8, 1, 1, 3, Status.NOT_APPLICABLE, "không bắt buộc có chi ủy"),
            (3, 1, 0, 0, Status.NOT_APPLICABLE, "không bắt buộc có chi ủy"),
        ],
    )
    def test_one_secretary_and_one_deputy(
        self,
        n_official: int,
        secretaries: int,
        deputies: int,
        members: int,
        expected: Status,
        says: str,
    ) -> None:
        """ "bầu bí thư và một phó bí thư": a chi ủy of five with two phó bí thư passed,
        as only the size was counted."""
        seats = [CommitteeRole.BI_THU] * secretaries + [CommitteeRole.PHO_BI_THU] * deputies
        seats += [CommitteeRole.UY_VIEN] * members
        people = [
            *(official("cs", 1, start=i, committee_role=role)[0] for i, role in enumerate(seats)),
            *official("cs", n_official - len(seats), start=len(seats)),
        ]
        tree = OrgTree.build([CS], people)
        (result,) = DIEU_LE.check(Structure(tree, ON))[CHI_UY]
        assert (result.status, says in result.message) == (expected, True), result.message
        pl = pytest.importorskip("polars")
        table = pl.DataFrame(
            {
                "id": [m.id for m in people],
                "org_id": [m.org_id for m in people],
                "full_name": [m.full_name for m in people],
                "admitted_on": [m.admitted_on for m in people],
                "committee_role": [
                    None if m.committee_role is None else m.committee_role.value for m in people
                ],
            },
            schema_overrides={"committee_role": pl.String},
        )
        on_table = Structure.from_frames(OrgTree.build([CS]), table, ON)
        (from_table,) = DIEU_LE.check(on_table)[CHI_UY]
        assert (from_table.status, from_table.message) == (result.status, result.message)
        expected_seats = {
            CommitteeRole.BI_THU: secretaries,
            CommitteeRole.PHO_BI_THU: deputies,
            CommitteeRole.UY_VIEN: members,
        }
        for structure in (Structure(tree, ON), on_table):
            assert {r: structure.role_count("cs", r) for r in CommitteeRole} == expected_seats

    def test_a_chi_bo_truc_thuoc_may_hold_the_dang_uy_seats(self) -> None:
        """The đảng ủy's bí thư and two phó bí thư often sit in one chi bộ trực thuộc (the
        agency's), and a role does not say of which committee: not counted by role."""
        seats = [CommitteeRole.BI_THU, CommitteeRole.PHO_BI_THU, CommitteeRole.PHO_BI_THU]
        people = [official("cb1", 1, start=i, committee_role=r)[0] for i, r in enumerate(seats)]
        people += official("cb1", 9, start=3)
        report = DIEU_LE.check(Structure(OrgTree.build([XA, CB1], people), ON))
        assert verdict(report, CHI_UY, "cb1") is Status.PASS

    def test_probationary_members_do_not_make_nine(self) -> None:
        members = official("cs", 1, committee_role=CommitteeRole.BI_THU)
        members += official("cs", 7, start=1) + probationary("cs", 4)
        report = DIEU_LE.check(Structure(OrgTree.build([CS], members), ON))
        assert verdict(report, CHI_UY, "cs") is Status.NOT_APPLICABLE


class TestNoMembersRecorded:
    """A tree of organizations alone says nothing of their members: not 0 members."""

    def test_every_organization_missing_data(self) -> None:
        tree = OrgTree.build([XA, CB1, CS])
        report = DIEU_LE.check(Structure(tree, ON))
        found = {(r.code, r.subject.id): r.status for r in report}
        expected = {
            (MIN, "xa"): Status.MISSING_DATA,
            (MIN, "cb1"): Status.MISSING_DATA,
            (MIN, "cs"): Status.MISSING_DATA,
            (SIZE, "xa"): Status.MISSING_DATA,
            (SIZE, "cs"): Status.MISSING_DATA,
            (CHI_UY, "cb1"): Status.MISSING_DATA,
            (CHI_UY, "cs"): Status.MISSING_DATA,
        }
        # The member checks cannot say that no member is concerned: they say why, once.
        expected[("dieu_le.qua_han_xet_chuyen_chinh_thuc", "xa")] = Status.MISSING_DATA
        expected[("dieu_le.tuoi_ket_nap", "xa")] = Status.MISSING_DATA
        assert found == expected
        assert len(report) == len(expected)
        for result in report:
            assert "0 đảng viên" not in result.message
            assert result.observed is None
            assert "không có danh sách đảng viên" in result.message

    def test_from_an_empty_table(self) -> None:
        """The same from a members table with no rows."""
        pl = pytest.importorskip("polars")
        text = ("id", "org_id", "full_name", "committee_role")
        table = pl.DataFrame(
            schema={**dict.fromkeys(text, pl.String), "admitted_on": pl.Date},
        )
        tree = OrgTree.build([XA, CB1, CS])
        report = DIEU_LE.check(Structure.from_frames(tree, table, ON))
        assert {r.status for r in report} == {Status.MISSING_DATA}
        assert {r.code for r in report} == set(DIEU_LE.codes)


class TestIdsInEitherForm:
    """A structure's counts and members looked up by an id typed in NFD: the counts
    raised KeyError, and the members from a table were none (a silent 0)."""

    def test_counts_and_members(self) -> None:
        import unicodedata

        nfc = "cbĐông"
        nfd = unicodedata.normalize("NFD", nfc)
        chi_bo = Organization(nfc, "Chi bộ thôn Đông", K.CHI_BO_CO_SO)
        members = official(nfc, 3)
        tree = OrgTree.build([chi_bo], members)
        on_records = Structure(tree, ON)
        assert on_records.member_count(nfd) == 3
        assert on_records.official_count(nfd, recursive=True) == 3
        assert on_records.committee_count(nfd) == 0
        assert len(on_records.members(nfd)) == 3
        pl = pytest.importorskip("polars")
        table = pl.DataFrame(
            {
                "id": [m.id for m in members],
                "org_id": [nfc] * 3,
                "full_name": [m.full_name for m in members],
                "admitted_on": [m.admitted_on for m in members],
                "committee_role": [None] * 3,
            },
            schema_overrides={"committee_role": pl.String},
        )
        on_table = Structure.from_frames(OrgTree.build([chi_bo]), table, ON)
        assert on_table.member_count(nfd) == 3
        assert len(on_table.members(nfd)) == 3
