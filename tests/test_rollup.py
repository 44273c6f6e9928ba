"""rollup() and Rollup: counting conventions, laws on generated data, output, seed figures."""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date, datetime
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coso_dang import (
    CommitteeRole,
    Education,
    Evaluation,
    Member,
    MemberStatus,
    Organization,
    OrgKind,
    OrgTree,
    PoliticalTheory,
    Rating,
    RecordError,
    ResidentialUnit,
    Sector,
    SubjectKind,
    Tally,
    TreeError,
    ratios,
)
from coso_dang.indicators import RATING_SUFFIXES
from coso_dang.rollup import Rollup, rollup
from coso_dang.testing import Dataset, generate_province
from coso_dang.vi import approx_percent, format_number, format_percent, format_percent_beside

YEAR = 2024
ON = date(YEAR, 12, 31)
K = OrgKind
ORG = SubjectKind.ORGANIZATION


# -- a small hand-built province -----------------------------------------------------------


def _orgs() -> list[Organization]:
    xa = Sector.XA_PHUONG
    return [
        Organization("T", "Đảng bộ tỉnh Bình Phước", K.DANG_BO_TINH),
        Organization("T.D1", "Ban cán sự đảng UBND tỉnh", K.BAN_CAN_SU_DANG, parent_id="T"),
        Organization("H", "Đảng bộ thị xã Đồng Xoài", K.DANG_BO_CAP_TREN_CO_SO, parent_id="T"),
        Organization(
            "X",
            "Đảng bộ xã Tân Thành",
            K.DANG_BO_CO_SO,
            parent_id="H",
            sector=xa,
            has_chi_bo_quan_su=True,
        ),
        Organization("X.1", "Chi bộ ấp 1", K.CHI_BO_TRUC_THUOC, parent_id="X", sector=xa),
        Organization(
            "X.CA", "Chi bộ Công an xã", K.CHI_BO_TRUC_THUOC, parent_id="X", sector=Sector.CONG_AN
        ),
        Organization("X.BP", "Đảng bộ bộ phận ấp 2", K.DANG_BO_BO_PHAN, parent_id="X"),
        Organization("X.BP.1", "Chi bộ ấp 2A", K.CHI_BO_TRUC_THUOC, parent_id="X.BP"),
        Organization("X.BP.1.T", "Tổ đảng xóm Bàu", K.TO_DANG, parent_id="X.BP.1"),
        Organization(
            "P", "Chi bộ phường Tân Phú", K.CHI_BO_CO_SO, parent_id="H", sector=xa
        ),  # a commune with no record of its chi bộ quân sự, công an
        Organization("S", "Chi bộ Trường THPT Đồng Xoài", K.CHI_BO_CO_SO, parent_id="H"),
        Organization(
            "D",
            "Chi bộ Công ty giải thể",
            K.CHI_BO_CO_SO,
            parent_id="H",
            dissolved_on=date(2024, 6, 1),
        ),
        Organization(
            "N", "Chi bộ Công ty mới", K.CHI_BO_CO_SO, parent_id="H", founded_on=date(2025, 2, 1)
        ),
    ]


def _member(ident: str, org: str, admitted: date, **fields: Any) -> Member:
    return Member(ident, f"Đảng viên {ident}", org, admitted_on=admitted, **fields)


def _members() -> list[Member]:
    d = date
    working = {"is_working": True, "keeps_residence_contact": True}
    return [
        # Official long ago; a committee member with every qualification.
        _member(
            "m1",
            "X.1",
            d(2001, 5, 19),
            committee_role=CommitteeRole.BI_THU,
            education=Education.DAI_HOC,
            political_theory=PoliticalTheory.TRUNG_CAP,
            residence_unit_id="U1",
            **working,
        ),
        # Ceremony on 31/12/2023: official exactly on 31/12/2024.
        _member(
            "m2",
            "X.1",
            d(2023, 12, 10),
            ceremony_on=d(2023, 12, 31),
            is_working=False,
            residence_unit_id="U1",
        ),
        # Admitted this year: probationary, counted in ket_nap.
        _member("m3", "X.1", d(2024, 3, 2), ceremony_on=d(2024, 3, 20), **working),
        # Admitted this year and already gone: ket_nap, but not dang_vien.
        _member("m4", "X.CA", d(2024, 2, 3), left_on=d(2024, 9, 2), **working),
        # Left last year: in nobody's count.
        _member("m5", "X.CA", d(1990, 1, 1), left_on=d(2023, 5, 1), **working),
        # Left this year: counted at 31/12 of last year only.
        _member("m6", "X.BP.1", d(1980, 1, 1), left_on=d(2024, 5, 1), **working),
        # Committee member with lower qualifications; working, contact not kept.
        _member(
            "m7",
            "X.BP.1",
            d(2010, 1, 1),
            committee_role=CommitteeRole.UY_VIEN,
            education=Education.TRUNG_CAP,
            political_theory=PoliticalTheory.SO_CAP,
            is_working=True,
            keeps_residence_contact=False,
            residence_unit_id="U2",
        ),
        # Decision recorded after the probation year (the chi bộ met late): official
        # from the 12-month mark, 20/6/2024, all the same.
        _member(
            "m8",
            "S",
            d(2023, 6, 1),
            ceremony_on=d(2023, 6, 20),
            official_on=d(2024, 7, 1),
            **working,
        ),
        # No ceremony recorded, decision on 31/12/2023: official on 31/12/2024.
        _member("m9", "S", d(2023, 12, 31), **working),
        # No ceremony recorded, decision on 1/1/2024: still probationary.
        _member("m10", "S", d(2024, 1, 1), **working),
        _member("m11", "P", d(2000, 1, 1), **working),
        # A member of the dissolved chi bộ: still counted where the data puts them.
        _member("m12", "D", d(2000, 1, 1), **working),
    ]


def _units() -> list[ResidentialUnit]:
    return [
        ResidentialUnit("U1", "Ấp 1", commune_id="X", chi_bo_id="X.1", head_is_member=True),
        ResidentialUnit("U2", "Ấp 2", commune_id="X", chi_bo_id="X.BP.1", head_is_member=False),
        ResidentialUnit("U3", "Ấp 3", commune_id="X", head_is_member=True),
        ResidentialUnit("U4", "Khu phố 1", commune_id="P", has_member=True, head_is_member=False),
    ]


def _evaluations() -> list[Evaluation]:
    return [
        Evaluation("m1", YEAR, Rating.HTXSNV),
        Evaluation("m2", YEAR, Rating.HTTNV),
        Evaluation("m3", YEAR, None, not_rated_reason="kết nạp chưa đủ 6 tháng"),
        Evaluation("m4", YEAR, Rating.HTNV),  # left in the year, evaluation still counted
        Evaluation("m7", YEAR, Rating.HTTNV),
        Evaluation("m8", YEAR, Rating.KHTNV, disciplined=True),
        Evaluation("m9", YEAR, Rating.HTTNV),
        Evaluation("m11", YEAR, Rating.HTTNV),
        Evaluation("m1", YEAR - 1, Rating.KHTNV),  # another year: not read
        Evaluation("X", YEAR, Rating.HTTNV, subject=ORG),
        Evaluation("S", YEAR, Rating.HTXSNV, subject=ORG),
        Evaluation("P", YEAR, Rating.HTNV, subject=ORG),
        Evaluation("X.1", YEAR, Rating.HTXSNV, subject=ORG),
        Evaluation("X.CA", YEAR, Rating.HTTNV, subject=ORG),
        Evaluation("X.BP.1", YEAR, Rating.KHTNV, subject=ORG),
        Evaluation("X.BP", YEAR, Rating.HTTNV, subject=ORG),  # no count for its kind
    ]


@pytest.fixture(scope="module")
def tree() -> OrgTree:
    return OrgTree.build(_orgs(), _members(), _units())


@pytest.fixture(scope="module")
def result(tree: OrgTree) -> Rollup:
    return rollup(tree, year=YEAR, evaluations=_evaluations())


def _levels(prefix: str, *counts: int) -> dict[str, int]:
    return {f"{prefix}_{s}": n for s, n in zip(RATING_SUFFIXES, counts, strict=True)}


class TestCountingConventions:
    def test_root_total(self, result: Rollup) -> None:
        """The province's total, count by count, under the documented conventions."""
        expected = Tally(
            tccsd=3,  # X, P, S; D dissolved, N not yet founded
            dang_bo_co_so=1,
            chi_bo_co_so=2,
            dang_bo_bo_phan=1,
            chi_bo_truc_thuoc=3,
            to_dang=1,
            xa=2,
            dang_vien=9,  # m1 m2 m3 m7 m8 m9 m10 m11 m12
            dang_vien_chinh_thuc=7,
            dang_vien_du_bi=2,  # m3, m10
            dang_vien_cuoi_nam_truoc=8,  # m1 m2 m6 m7 m8 m9 m11 m12
            ket_nap=3,  # m3 m4 m10
            dang_vien_dang_cong_tac=8,
            dang_vien_giu_lien_he_noi_cu_tru=7,
            cap_uy_vien=2,
            cap_uy_vien_cao_dang_tro_len=1,
            cap_uy_vien_trung_cap_llct_tro_len=1,
            **_levels("dang_vien", 1, 4, 1, 1),
            **_levels("tccsd", 1, 1, 1, 0),
            **_levels("chi_bo_truc_thuoc", 1, 1, 0, 1),
            thon=4,
            thon_co_dang_vien=3,  # U1, U2 from residences; U4 given
            thon_co_chi_bo=2,
            truong_thon_la_dang_vien=2,
        )
        # Commune flags: X says quân sự and has a công an child; P records nothing.
        assert expected == result["T"]
        assert expected == result.root

    def test_commune_flags(self, result: Rollup) -> None:
        """A commune's flag counts; a None flag is derived from its children, else unknown."""
        x = result["X"]
        assert (x["xa"], x["xa_co_chi_bo_quan_su"], x["xa_co_chi_bo_cong_an"]) == (1, 1, 1)
        p = result["P"]
        assert p["xa"] == 1
        assert p.get("xa_co_chi_bo_quan_su") is None
        assert p.get("xa_co_chi_bo_cong_an") is None
        assert result["T"].get("xa_co_chi_bo_quan_su") is None
        assert result["S"]["xa_co_chi_bo_quan_su"] == 0

    def test_official_at_the_twelve_month_mark(self, tree: OrgTree, result: Rollup) -> None:
        """Official and probationary counts agree with Member.status on the date."""
        for chi_bo in ("X.1", "S"):
            active = [m for m in tree.members_of(chi_bo) if m.is_active(ON)]
            official = sum(m.status(ON) is MemberStatus.CHINH_THUC for m in active)
            assert official == result[chi_bo]["dang_vien_chinh_thuc"]
            assert len(active) - official == result[chi_bo]["dang_vien_du_bi"]
        assert (result["X.1"]["dang_vien_chinh_thuc"], result["X.1"]["dang_vien_du_bi"]) == (2, 1)
        assert (result["S"]["dang_vien_chinh_thuc"], result["S"]["dang_vien_du_bi"]) == (2, 1)

    def test_no_evaluations_means_unknown_ratings(self, tree: OrgTree) -> None:
        """Without evaluations, rating counts are absent, not zero."""
        total = rollup(tree, year=YEAR).root
        assert not any(code.endswith(RATING_SUFFIXES) for code in total)
        assert total.share("dang_vien_httnv_tro_len") is None
        assert total["dang_vien"] == 9

    def test_empty_evaluations_mean_zero_ratings(self, tree: OrgTree) -> None:
        """An empty list of evaluations is known: every rating count is zero."""
        total = rollup(tree, year=YEAR, evaluations=[]).root
        assert total["dang_vien_htxsnv"] == 0
        assert total["tccsd_khtnv"] == 0
        assert total.share("tccsd_httnv_tro_len") is None

    def test_member_rating_in_member_chi_bo(self, result: Rollup) -> None:
        """A member's rating counts in their chi bộ; an organization's in itself."""
        own = result.own("X.1")
        assert _levels("dang_vien", 1, 1, 0, 0) == {
            c: own[c] for c in _levels("dang_vien", 0, 0, 0, 0)
        }
        assert _levels("chi_bo_truc_thuoc", 1, 0, 0, 0) == {
            c: own[c] for c in _levels("chi_bo_truc_thuoc", 0, 0, 0, 0)
        }
        bo_phan = result.own("X.BP")
        assert sum(bo_phan[c] for c in bo_phan if c.endswith(RATING_SUFFIXES)) == 0

    def test_unknown_subjects_raise(self, tree: OrgTree) -> None:
        """Evaluations of subjects not in the tree raise a TreeError listing each one."""
        evaluations = [
            *_evaluations(),
            Evaluation("ghost", YEAR, Rating.HTTNV),
            Evaluation("nowhere", YEAR, Rating.HTNV, subject=ORG),
            Evaluation("ghost-last-year", YEAR - 1, Rating.HTNV),
        ]
        with pytest.raises(TreeError) as caught:
            rollup(tree, year=YEAR, evaluations=evaluations)
        assert [p.value for p in caught.value.problems] == ["ghost", "nowhere"]

    def test_duplicate_evaluations_raise(self, tree: OrgTree) -> None:
        """Two evaluations of one subject in one year raise instead of counting twice."""
        evaluations = [*_evaluations(), Evaluation("m2", YEAR, Rating.HTNV)]
        with pytest.raises(TreeError, match="'m2'"):
            rollup(tree, year=YEAR, evaluations=evaluations)

    def test_unknown_working(self) -> None:
        """A member with is_working=None makes both working counts unknown up the tree."""
        members = [*_members(), _member("m13", "S", date(2015, 1, 1))]
        total = rollup(OrgTree.build(_orgs(), members), year=YEAR).root
        assert total.get("dang_vien_dang_cong_tac") is None
        assert total.get("dang_vien_giu_lien_he_noi_cu_tru") is None
        assert total["dang_vien"] == 10

    def test_unknown_contact(self) -> None:
        """A working member with keeps_residence_contact=None makes only that count unknown."""
        members = [*_members(), _member("m13", "S", date(2015, 1, 1), is_working=True)]
        total = rollup(OrgTree.build(_orgs(), members), year=YEAR).root
        assert total["dang_vien_dang_cong_tac"] == 9
        assert total.get("dang_vien_giu_lien_he_noi_cu_tru") is None

    def test_unknown_qualifications(self) -> None:
        """A committee member with no education recorded makes that count unknown."""
        seat = {"committee_role": CommitteeRole.PHO_BI_THU, "is_working": False}
        members = [*_members(), _member("m13", "S", date(2015, 1, 1), **seat)]
        total = rollup(OrgTree.build(_orgs(), members), year=YEAR).root
        assert total["cap_uy_vien"] == 3
        assert total.get("cap_uy_vien_cao_dang_tro_len") is None
        assert total.get("cap_uy_vien_trung_cap_llct_tro_len") is None

    def test_no_units_means_unknown_villages(self) -> None:
        """Without residential units in the tree, village counts are unknown."""
        total = rollup(OrgTree.build(_orgs(), _members()), year=YEAR).root
        assert not any(code.startswith("thon") for code in total)

    def test_villages_without_residence_data(self) -> None:
        """With no member's residence recorded, has_member=None is unknown, not False."""
        members = [attrs.evolve(m, residence_unit_id=None) for m in _members()]
        units = [attrs.evolve(u, head_is_member=True) for u in _units()]
        result = rollup(OrgTree.build(_orgs(), members, units), year=YEAR)
        assert result["X"].get("thon_co_dang_vien") is None
        assert result["P"]["thon_co_dang_vien"] == 1
        assert result["T"]["truong_thon_la_dang_vien"] == 4

    def test_unknown_head(self) -> None:
        """A unit whose head is not recorded makes that count unknown for its commune."""
        units = [*_units()[:3], attrs.evolve(_units()[3], head_is_member=None)]
        result = rollup(OrgTree.build(_orgs(), _members(), units), year=YEAR)
        assert result["P"].get("truong_thon_la_dang_vien") is None
        assert result["X"]["truong_thon_la_dang_vien"] == 2

    def test_as_of_mid_year(self, tree: OrgTree) -> None:
        """as_of moves the reporting date: memberships and admissions up to that day."""
        result = rollup(tree, year=YEAR, as_of=date(2024, 6, 30))
        assert date(2024, 6, 30) == result.as_of
        total = result.root
        assert total["ket_nap"] == 3  # m3, m4, m10
        assert total["dang_vien"] == 10  # m4 has not left yet, m6 has
        assert total["dang_vien_chinh_thuc"] == 5  # m1, m7, m8 (mark 20/6), m11, m12
        assert total["dang_vien_du_bi"] == 5
        assert total["tccsd"] == 3  # D was dissolved on 1/6

    def test_as_of_must_fall_in_the_year(self, tree: OrgTree) -> None:
        """A reporting date outside the year, or a bad year, raises a RecordError."""
        with pytest.raises(RecordError, match="as_of"):
            rollup(tree, year=YEAR, as_of=date(2025, 1, 1))
        with pytest.raises(RecordError, match="year"):
            rollup(tree, year=True)

    def test_as_of_read_from_a_table_is_its_day(self, tree: OrgTree) -> None:
        """A reporting date read from a table is a datetime at midnight (a pandas
        Timestamp): it is that day, as the frames path took it; with a time of day it is
        no day, refused as one outside the year is (it raised a TypeError comparing
        with the members' dates)."""
        result = rollup(tree, year=YEAR, as_of=datetime(2024, 6, 30))
        assert result.as_of == date(2024, 6, 30)
        assert type(result.as_of) is date
        assert result.root == rollup(tree, year=YEAR, as_of=date(2024, 6, 30)).root
        with pytest.raises(RecordError, match="as_of"):
            rollup(tree, year=YEAR, as_of=datetime(2024, 6, 30, 12))


class TestRollupMapping:
    def test_preorder_iteration(self, tree: OrgTree, result: Rollup) -> None:
        """A rollup iterates its organizations in tree pre-order."""
        assert [org.id for org in tree.walk()] == list(result)
        assert len(tree) == len(result)
        assert "X.BP" in result
        assert "nowhere" not in result

    def test_unknown_id(self, result: Rollup) -> None:
        """Looking up an id not in the tree raises KeyError, as for a mapping."""
        with pytest.raises(KeyError):
            result["nowhere"]

    def test_attributes(self, tree: OrgTree, result: Rollup) -> None:
        """A rollup keeps its tree, year and reporting date."""
        assert tree is result.tree
        assert result.year == YEAR
        assert result.as_of == ON

    def test_not_built_directly(self) -> None:
        """Rollup() is not how a rollup is made."""
        with pytest.raises(TypeError, match="rollup"):
            Rollup()

    def test_own_counts(self, result: Rollup) -> None:
        """own() is the organization alone: its kind, its members, its rating."""
        own = result.own("X")
        assert (own["tccsd"], own["dang_bo_co_so"], own["dang_vien"]) == (1, 1, 0)
        assert own["tccsd_httnv"] == 1
        assert own["thon"] == 3
        assert result.own("T")["tccsd"] == 0

    def test_level(self, result: Rollup) -> None:
        """level(kind) gives every organization of one kind, in tree order."""
        assert list(result.level(OrgKind.CHI_BO_TRUC_THUOC)) == ["X.1", "X.CA", "X.BP.1"]
        provinces = result.level(OrgKind.DANG_BO_TINH)
        assert {"T": result["T"]} == provinces

    def test_level_of_a_kind_written_as_text(self, result: Rollup) -> None:
        """A kind's code or label is read as the kind, not matched by identity into an
        empty level; a text that is no kind, or something else, is refused in words."""
        from coso_dang.errors import ParseError, UsageError

        expected = result.level(OrgKind.CHI_BO_TRUC_THUOC)
        assert expected
        assert result.level("chi_bo_truc_thuoc") == expected
        assert result.level("Chi bộ trực thuộc") == expected
        with pytest.raises(ParseError, match="'chi_bo'"):
            result.level("chi_bo")
        with pytest.raises(UsageError, match=r"Rollup\.level: kind phải là một OrgKind"):
            result.level(3)  # type: ignore[arg-type]

    def test_roots_of_a_forest(self) -> None:
        """With several roots, root is their merge and roots lists each."""
        orgs = [
            Organization("a", "Chi bộ cơ sở A", OrgKind.CHI_BO_CO_SO),
            Organization("b", "Chi bộ cơ sở B", OrgKind.CHI_BO_CO_SO),
        ]
        result = rollup(OrgTree.build(orgs), year=YEAR)
        assert list(result.roots) == ["a", "b"]
        assert result.root["tccsd"] == 2

    def test_empty_tree(self) -> None:
        """An empty tree rolls up to nothing, and its root is the identity."""
        result = rollup(OrgTree.build([]), year=YEAR)
        assert len(result) == 0
        assert Tally() == result.root

    def test_repr(self, result: Rollup) -> None:
        """The repr is one line: date, size and the headline counts."""
        expected = "<Rollup as of 2024-12-31: 13 organizations; total dang_vien=9, tccsd=3>"
        assert expected == repr(result)

    def test_repr_html(self, result: Rollup) -> None:
        """The HTML table shows the top two levels with Vietnamese percentages."""
        table = result._repr_html_()
        assert table.startswith("<table>")
        assert "Đảng bộ tỉnh Bình Phước" in table
        assert "Đảng bộ thị xã Đồng Xoài" in table
        assert "Chi bộ ấp 1" not in table  # third level
        # 6 of 7 rated members HTTNV or better; 2 of 3 TCCSĐ.
        assert f"<td>{format_percent(Fraction(5, 7))}</td>" in table
        assert "<td>66,67%</td>" in table

    def test_repr_html_escapes(self) -> None:
        """Names are escaped in HTML."""
        tree = OrgTree.build([Organization("a", "Chi bộ <A&B>", OrgKind.CHI_BO_CO_SO)])
        assert "Chi bộ &lt;A&amp;B&gt;" in rollup(tree, year=YEAR)._repr_html_()


class TestRecordsAndFrames:
    def test_records(self, result: Rollup) -> None:
        """to_records(): one flat dict per organization, counts then exact shares."""
        records = result.to_records()
        assert list(result) == [r["id"] for r in records]
        province = records[0]
        assert (
            province["id"],
            province["name"],
            province["kind"],
            province["parent"],
        ) == ("T", "Đảng bộ tỉnh Bình Phước", "dang_bo_tinh", None)
        assert province["dang_vien"] == 9
        assert province["xa_co_chi_bo_quan_su"] is None
        assert Fraction(2, 3) == province["share_tccsd_httnv_tro_len"]
        assert Fraction(3, 8) == province["share_ty_le_ket_nap"]
        for ratio in ratios():
            assert f"share_{ratio.code}" in province
        assert records[3]["parent"] == "H"

    def test_records_shares_match_tallies(self, result: Rollup) -> None:
        """Every share in the records is the tally's exact share."""
        for record in result.to_records():
            tally = result[record["id"]]
            for ratio in ratios():
                assert tally.share(ratio) == record[f"share_{ratio.code}"]

    def test_pandas_frame(self, result: Rollup) -> None:
        """to_frame("pandas"): nullable integer counts, float shares."""
        pd = pytest.importorskip("pandas")
        frame = result.to_frame("pandas")
        assert isinstance(frame, pd.DataFrame)
        assert list(result) == frame["id"].tolist()
        assert frame["dang_vien"].iloc[0] == 9
        assert pd.isna(frame["xa_co_chi_bo_quan_su"].iloc[0])
        assert str(frame["dang_vien"].dtype) == "Int64"
        assert frame["share_tccsd_httnv_tro_len"].iloc[0] == pytest.approx(2 / 3)

    def test_polars_frame(self, result: Rollup) -> None:
        """to_frame("polars"): the same table in polars."""
        pl = pytest.importorskip("polars")
        frame = result.to_frame("polars")
        assert isinstance(frame, pl.DataFrame)
        assert list(result) == frame["id"].to_list()
        assert frame["dang_vien"][0] == 9
        assert frame["xa_co_chi_bo_quan_su"][0] is None
        assert frame.schema["dang_vien"] == pl.Int64

    def test_frame_backend_missing(self, result: Rollup, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without the backend installed, to_frame says which extra to install."""
        import importlib

        real = importlib.import_module

        def fake(name: str, package: str | None = None) -> Any:
            if name == "polars":
                raise ImportError("No module named 'polars'")
            return real(name, package)

        monkeypatch.setattr(importlib, "import_module", fake)
        with pytest.raises(ImportError, match=r'pip install "coso-dang\[dataframe\]"'):
            result.to_frame("polars")

    def test_frame_backend_unknown(self, result: Rollup) -> None:
        """An unknown backend name is refused."""
        with pytest.raises(ValueError, match="backend"):
            result.to_frame("spark")  # type: ignore[arg-type]


class TestFromTallies:
    def test_attached_at_any_level(self, tree: OrgTree) -> None:
        """Counts given at different levels add up the tree."""
        result = Rollup.from_tallies(
            tree,
            {
                "X": Tally(dang_vien=100, thon=12),
                "X.1": Tally(dang_vien=20, thon=1),
                "S": Tally(dang_vien=30, thon=0),
            },
            year=YEAR,
        )
        assert Tally(dang_vien=120, thon=13) == result["X"]
        assert Tally(dang_vien=150, thon=13) == result["T"]
        assert Tally(dang_vien=100, thon=12) == result.own("X")
        assert result.year == YEAR
        assert result.as_of is None

    def test_nothing_given_is_the_identity(self, tree: OrgTree) -> None:
        """A subtree with nothing given totals Tally(), not zeros."""
        result = Rollup.from_tallies(tree, {"S": Tally(dang_vien=30)})
        assert Tally() == result["X"]
        assert Tally() == result.own("T")
        assert Tally(dang_vien=30) == result["T"]

    def test_unknown_anywhere_is_unknown_above(self, tree: OrgTree) -> None:
        """A count one part of a subtree lacks is unknown in the subtree's total."""
        result = Rollup.from_tallies(
            tree, {"X.1": Tally(dang_vien=20, thon=1), "X.CA": Tally(dang_vien=9)}
        )
        assert Tally(dang_vien=29) == result["X"]
        assert Tally.unknown() == Rollup.from_tallies(tree, {"S": Tally.unknown()})["T"]

    def test_unknown_organization(self, tree: OrgTree) -> None:
        """A tally for an id not in the tree raises a TreeError naming it."""
        with pytest.raises(TreeError, match="nowhere"):
            Rollup.from_tallies(tree, {"nowhere": Tally(dang_vien=1)})

    def test_matches_rollup_from_own_tallies(self, result: Rollup) -> None:
        """Rolling up every organization's own counts gives the direct rollup back."""
        again = Rollup.from_tallies(result.tree, {oid: result.own(oid) for oid in result})
        assert dict(result) == dict(again)


# -- laws on generated data ----------------------------------------------------------------


def _year(data: Dataset) -> int:
    """The generated data's reporting year (always set by the generator)."""
    assert data.year is not None
    return data.year


def _province(seed: int, blanks: float = 0.0) -> Dataset:
    """A small synthetic province; *blanks* of the members lose some optional fields."""
    data = generate_province(seed=seed, scale=0.02)
    if not blanks:
        return data
    rng = random.Random(seed)
    fields = ("is_working", "keeps_residence_contact", "education", "residence_unit_id")
    members: list[Member] = []
    for member in data.members:
        if rng.random() < blanks:
            blank: dict[str, Any] = {rng.choice(fields): None}
            member = attrs.evolve(member, **blank)
        members.append(member)
    changes: dict[str, Any] = {"members": tuple(members)}
    return attrs.evolve(data, **changes)


def _naive(tree: OrgTree, year: int, evaluations: Iterable[Evaluation] | None) -> dict[str, Tally]:
    """The documented conventions, recounted per node the slow, obvious way."""
    on, previous = date(year, 12, 31), date(year - 1, 12, 31)
    ratings: dict[tuple[SubjectKind, str], Rating | None] | None = None
    if evaluations is not None:
        ratings = {(e.subject, e.subject_id): e.rating for e in evaluations if e.year == year}
    residences = {
        m.residence_unit_id for m in tree.members() if m.is_active(on) and m.residence_unit_id
    }
    out: dict[str, Tally] = {}
    for top in tree.walk():
        sub = [o for o in tree.subtree(top.id) if o.is_active(on)]
        everyone = tree.members_of(top.id, recursive=True)
        active = [m for m in everyone if m.is_active(on)]
        c: dict[str, int] = {"tccsd": sum(o.kind.is_grassroots for o in sub)}
        for kind in (K.DANG_BO_CO_SO, K.CHI_BO_CO_SO, K.DANG_BO_BO_PHAN, K.CHI_BO_TRUC_THUOC):
            c[kind.value] = sum(o.kind is kind for o in sub)
        c["to_dang"] = sum(o.kind is K.TO_DANG for o in sub)
        communes = [o for o in sub if o.is_commune]
        c["xa"] = len(communes)
        for code, attr, sector in (
            ("xa_co_chi_bo_quan_su", "has_chi_bo_quan_su", Sector.QUAN_DOI),
            ("xa_co_chi_bo_cong_an", "has_chi_bo_cong_an", Sector.CONG_AN),
        ):
            flags = []
            for o in communes:
                flag = getattr(o, attr)
                if flag is None and any(
                    ch.sector is sector and ch.is_active(on) for ch in tree.children(o.id)
                ):
                    flag = True
                flags.append(flag)
            if None not in flags:
                c[code] = sum(flags)
        c["dang_vien"] = len(active)
        c["dang_vien_chinh_thuc"] = sum(m.status(on) is MemberStatus.CHINH_THUC for m in active)
        c["dang_vien_du_bi"] = sum(m.status(on) is MemberStatus.DU_BI for m in active)
        c["dang_vien_cuoi_nam_truoc"] = sum(m.is_active(previous) for m in everyone)
        c["ket_nap"] = sum(m.admitted_on.year == year for m in everyone)
        if all(m.is_working is not None for m in active):
            working = [m for m in active if m.is_working]
            c["dang_vien_dang_cong_tac"] = len(working)
            if all(m.keeps_residence_contact is not None for m in working):
                c["dang_vien_giu_lien_he_noi_cu_tru"] = sum(
                    bool(m.keeps_residence_contact) for m in working
                )
        seats = [m for m in active if m.committee_role is not None]
        c["cap_uy_vien"] = len(seats)
        if all(m.education is not None for m in seats):
            c["cap_uy_vien_cao_dang_tro_len"] = sum(
                m.education is not None and m.education.at_least(Education.CAO_DANG) for m in seats
            )
        if all(m.political_theory is not None for m in seats):
            c["cap_uy_vien_trung_cap_llct_tro_len"] = sum(
                m.political_theory is not None
                and m.political_theory.at_least(PoliticalTheory.TRUNG_CAP)
                for m in seats
            )
        if ratings is not None:
            everything = tree.subtree(top.id)
            for prefix, subjects in (
                ("dang_vien", [(SubjectKind.MEMBER, m.id) for m in everyone]),
                ("tccsd", [(ORG, o.id) for o in everything if o.kind.is_grassroots]),
                (
                    "chi_bo_truc_thuoc",
                    [(ORG, o.id) for o in everything if o.kind is K.CHI_BO_TRUC_THUOC],
                ),
            ):
                given = [ratings.get(s) for s in subjects]
                for suffix in RATING_SUFFIXES:
                    c[f"{prefix}_{suffix}"] = sum(
                        r is not None and r.abbreviation.lower() == suffix for r in given
                    )
        if tree.units:
            ids = {o.id for o in tree.subtree(top.id)}
            units = [u for u in tree.units if u.commune_id in ids]
            c["thon"] = len(units)
            has = [
                u.has_member if u.has_member is not None else (u.id in residences or None)
                for u in units
            ]
            if residences:
                has = [h if h is not None else False for h in has]
            if None not in has:
                c["thon_co_dang_vien"] = sum(bool(h) for h in has)
            c["thon_co_chi_bo"] = sum(
                u.chi_bo_id is not None and tree[u.chi_bo_id].is_active(on) for u in units
            )
            if all(u.head_is_member is not None for u in units):
                c["truong_thon_la_dang_vien"] = sum(bool(u.head_is_member) for u in units)
        out[top.id] = Tally(c)
    return out


SEEDS = st.integers(0, 2**32 - 1)
FEW = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class TestLaws:
    @FEW
    @given(seed=SEEDS, blanks=st.sampled_from([0.0, 0.01, 0.2]))
    def test_matches_the_naive_count(self, seed: int, blanks: float) -> None:
        """Every node's tally equals a per-node recount from the public record API."""
        data = _province(seed, blanks)
        tree = data.tree()
        result = rollup(tree, year=_year(data), evaluations=data.evaluations)
        assert _naive(tree, _year(data), data.evaluations) == dict(result)

    @FEW
    @given(seed=SEEDS, blanks=st.sampled_from([0.0, 0.05]), rated=st.booleans())
    def test_node_is_own_plus_children(self, seed: int, blanks: float, rated: bool) -> None:
        """The rollup of a node is its own counts merged with its children's rollups."""
        data = _province(seed, blanks)
        tree = data.tree()
        result = rollup(tree, year=_year(data), evaluations=data.evaluations if rated else None)
        for org in tree.walk():
            children = [result[child.id] for child in tree.children(org.id)]
            assert Tally.sum([result.own(org.id), *children]) == result[org.id]

    @FEW
    @given(seed=SEEDS, order=SEEDS)
    def test_input_order_does_not_matter(self, seed: int, order: int) -> None:
        """Shuffling organizations, members, units and evaluations changes nothing."""
        data = _province(seed, 0.05)
        expected = rollup(data.tree(), year=_year(data), evaluations=data.evaluations)
        orgs, members = list(data.organizations), list(data.members)
        units, evaluations = list(data.units), list(data.evaluations)
        shuffle = random.Random(order)
        for part in (orgs, members, units, evaluations):
            shuffle.shuffle(part)
        actual = rollup(
            OrgTree.build(orgs, members, units), year=_year(data), evaluations=evaluations
        )
        assert dict(expected) == dict(actual)

    @FEW
    @given(
        seed=SEEDS,
        moves=st.lists(st.tuples(st.integers(0, 10**6), st.integers(-7, 7)), max_size=40),
        transfers=st.lists(st.integers(0, 10**6), max_size=20),
        copy=st.none() | st.tuples(st.integers(0, 10**6), st.integers(-5, 5)),
    )
    def test_evaluations_nearly_in_member_order(
        self,
        seed: int,
        moves: list[tuple[int, int]],
        transfers: list[int],
        copy: tuple[int, int] | None,
    ) -> None:
        """Evaluations exported in member order, then a few rows moved a few places, and
        members moved to another chi bộ since (their evaluations left where they were):
        the counts are those of the same evaluations in any order, and an evaluation
        given twice, near its copy or not, is refused. The counting steps over a few
        rows out of place; it once left every later row to a slower pass."""
        data = _province(seed, 0.05)
        year = _year(data)
        chi_bo = [o.id for o in data.organizations if o.kind.is_chi_bo]
        members = list(data.members)
        for n in transfers:
            at = n % len(members)
            moved = chi_bo[n % len(chi_bo)]
            members[at] = attrs.evolve(members[at], org_id=moved, to_dang_id=None)
        tree = OrgTree.build(data.organizations, members, data.units)
        evaluations = list(data.evaluations)
        for at, by in moves:
            row = evaluations.pop(at % len(evaluations))
            evaluations.insert(max(0, at % (len(evaluations) + 1) + by), row)
        anyhow = evaluations[:]
        random.Random(seed).shuffle(anyhow)
        expected = rollup(tree, year=year, evaluations=anyhow)
        assert dict(rollup(tree, year=year, evaluations=evaluations)) == dict(expected)
        if copy is not None:
            rated = [i for i, e in enumerate(evaluations) if e.subject is SubjectKind.MEMBER]
            at = rated[copy[0] % len(rated)]
            evaluations.insert(max(0, at + 1 + copy[1]), evaluations[at])
            with pytest.raises(TreeError, match="hai lần"):
                rollup(tree, year=year, evaluations=evaluations)

    @FEW
    @given(seed=SEEDS)
    def test_from_chi_bo_tallies(self, seed: int) -> None:
        """from_tallies of chi bộ totals (and the others' own counts) is the direct rollup."""
        data = _province(seed, 0.05)
        tree = data.tree()
        result = rollup(tree, year=_year(data), evaluations=data.evaluations)
        given_: dict[str, Tally] = {}
        inside_chi_bo: set[str] = set()
        for org in tree.walk():
            if org.id in inside_chi_bo:
                continue
            if org.kind.is_chi_bo:
                given_[org.id] = result[org.id]
                inside_chi_bo.update(o.id for o in tree.subtree(org.id))
            else:
                given_[org.id] = result.own(org.id)
        again = Rollup.from_tallies(tree, given_, year=_year(data))
        for org_id, tally in result.items():
            if org_id not in inside_chi_bo or tree[org_id].kind.is_chi_bo:
                assert tally == again[org_id]

    @FEW
    @given(seed=SEEDS)
    def test_shares_are_exact_quotients(self, seed: int) -> None:
        """Every share equals its counts' quotient exactly (or None over zero/unknown)."""
        data = _province(seed, 0.05)
        result = rollup(data.tree(), year=_year(data), evaluations=data.evaluations)
        for tally in result.values():
            for ratio in ratios():
                top = tally.total(ratio.numerator)
                bottom = tally.total(ratio.denominator)
                expected = None if top is None or not bottom else Fraction(top, bottom)
                assert expected == tally.share(ratio)

    def test_generated_province_adds_up(self) -> None:
        """A generated province's total breaks none of the relations between counts."""
        data = generate_province(seed=5, scale=0.05)
        total = rollup(data.tree(), year=_year(data), evaluations=data.evaluations).root
        assert total.problems() == []


# -- the seeds' published figures ----------------------------------------------------------


def _share(tally: Tally, code: str) -> Fraction:
    share = tally.share(code)
    assert share is not None
    return share


def _split(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (i < extra) for i in range(parts)]


class TestSeedFigures:
    def test_binh_phuoc_report(self) -> None:
        """Bình Phước, 29/9/2022: 737 TCCSĐ = 263 + 474, 38.356 members, 100% xã."""
        tally = Tally(
            tccsd=737,
            dang_bo_co_so=263,
            chi_bo_co_so=474,
            dang_bo_bo_phan=2,
            chi_bo_truc_thuoc=2416,
            dang_vien=38356,
            xa=111,
            xa_co_chi_bo_quan_su=111,
            xa_co_chi_bo_cong_an=111,
        )
        assert tally.problems() == []
        assert format_number(tally["dang_vien"]) == "38.356"
        assert format_percent(_share(tally, "xa_co_chi_bo_quan_su")) == "100%"
        assert format_percent(_share(tally, "xa_co_chi_bo_cong_an")) == "100%"

    def test_binh_phuoc_rolled_up_from_21_party_committees(self) -> None:
        """The same figures typed in for 21 đảng bộ trực thuộc roll up to the province's."""
        orgs = [Organization("BP", "Đảng bộ tỉnh Bình Phước", K.DANG_BO_TINH)]
        orgs += [
            Organization(f"BP.{i:02d}", f"Đảng bộ trực thuộc {i}", K.DANG_BO_CAP_TREN_CO_SO, "BP")
            for i in range(1, 22)
        ]
        parts = zip(
            _split(263, 21), _split(474, 21), _split(38356, 21), _split(2416, 21), strict=True
        )
        tallies = {
            f"BP.{i:02d}": Tally(
                tccsd=dbcs + cbcs,
                dang_bo_co_so=dbcs,
                chi_bo_co_so=cbcs,
                dang_vien=members,
                chi_bo_truc_thuoc=cbtt,
            )
            for i, (dbcs, cbcs, members, cbtt) in enumerate(parts, 1)
        }
        total = Rollup.from_tallies(OrgTree.build(orgs), tallies, year=2022).root
        assert (
            Tally(
                tccsd=737,
                dang_bo_co_so=263,
                chi_bo_co_so=474,
                dang_vien=38356,
                chi_bo_truc_thuoc=2416,
            )
            == total
        )
        assert total.problems() == []
        assert format_number(total["dang_vien"]) == "38.356"

    def test_binh_phuoc_admission_plan(self) -> None:
        """26-KH/BCSĐ: admissions từ 3% of the total at 31/12 of the previous year."""
        at_target = Tally(ket_nap=1151, dang_vien_cuoi_nam_truoc=38356)
        just_below = Tally(ket_nap=1150, dang_vien_cuoi_nam_truoc=38356)
        assert format_percent(_share(at_target, "ty_le_ket_nap")) == "3%"
        # 2,998% rounds to "3%" on its own, but beside the 3% floor it reads "2,99%".
        assert format_percent(_share(just_below, "ty_le_ket_nap")) == "3%"
        three = Fraction(3, 100)
        share = just_below.share("ty_le_ket_nap")
        assert share is not None
        assert format_percent_beside(share, three) == "2,99%"

    def test_binh_thuan_committee(self) -> None:
        """Bình Thuận, 2021: of 1.899 cấp ủy viên, hơn 96% cao đẳng+, hơn 88% trung cấp LLCT+."""
        tally = Tally(
            cap_uy_vien=1899,
            cap_uy_vien_cao_dang_tro_len=1837,
            cap_uy_vien_trung_cap_llct_tro_len=1677,
        )
        education = tally.share("cap_uy_vien_cao_dang_tro_len")
        theory = tally.share("cap_uy_vien_trung_cap_llct_tro_len")
        assert education is not None
        assert theory is not None
        assert approx_percent(education) == "hơn 96%"
        assert approx_percent(theory) == "hơn 88%"
        assert format_percent(education) == "96,74%"
        assert tally.problems() == []

    def test_binh_thuan_organizations(self) -> None:
        """Bình Thuận: 468 TCCSĐ = 247 đảng bộ cơ sở + 221 chi bộ cơ sở, 39.520 members."""
        tally = Tally(tccsd=468, dang_bo_co_so=247, chi_bo_co_so=221, dang_vien=39520)
        assert tally.problems() == []
        assert format_number(tally["dang_vien"]) == "39.520"

    def test_dong_nai_bloc_ninety_percent(self) -> None:
        """72-KH/ĐUK: "có 90%" of TCCSĐ HTTNV+ (read as at least 90%)."""
        tally = Tally(_levels("tccsd", 4, 32, 4, 0))
        share = tally.share("tccsd_httnv_tro_len")
        assert Fraction(9, 10) == share
        assert format_percent(share) == "90%"
        assert format_percent_beside(share, Fraction(9, 10)) == "90%"

    def test_dong_xoai_organizations(self) -> None:
        """Đồng Xoài 2022: 93,75% of TCCSĐ and 98,3% of chi bộ trực thuộc HTTNV+."""
        tally = Tally(
            **_levels("tccsd", 6, 24, 2, 0),  # 30 of 32
            **_levels("chi_bo_truc_thuoc", 20, 39, 1, 0),  # 59 of 60
        )
        assert format_percent(_share(tally, "tccsd_httnv_tro_len")) == "93,75%"
        assert format_percent(_share(tally, "chi_bo_truc_thuoc_httnv_tro_len"), 1) == "98,3%"

    def test_dong_xoai_members_and_quota(self) -> None:
        """Đồng Xoài: 16,2% HTXSNV and 76,9% HTTNV of those rated break the 20% quota."""
        tally = Tally(_levels("dang_vien", 162, 769, 60, 9))
        rated = tally.rated("dang_vien")
        assert rated == 1000
        assert format_percent(Fraction(tally["dang_vien_htxsnv"], rated), 1) == "16,2%"
        assert format_percent(Fraction(tally["dang_vien_httnv"], rated), 1) == "76,9%"
        quota = tally.share("dang_vien_htxsnv_tren_httnv")
        assert quota is not None
        assert quota > Fraction(1, 5)
        assert format_percent(quota) == "21,07%"
        assert format_percent(_share(tally, "dang_vien_httnv_tro_len")) == "93,1%"
