"""What an app or a notebook meets at the public API's edges: a wrong type, ``None``, an
unknown id, a day past the calendar. Each is refused in the library's words — Vietnamese
first, English through the catalogue — and stays the Python exception type it was
(``KeyError``, ``TypeError``, ``ValueError``), never a bare one from deep inside.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from coso_dang import Gender, Member, Organization, OrgKind, OrgTree, Tally
from coso_dang.errors import CosoDangError, UnknownIdError
from coso_dang.i18n import set_locale
from coso_dang.io import dump, dump_csv, dump_json, load, load_csv
from coso_dang.rollup import Rollup, rollup

XA = Organization("xa", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO)
CB = Organization("cb", "Chi bộ thôn 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa")
AN = Member(
    "dv1",
    "Lê Thị An",
    "cb",
    admitted_on=date(2010, 3, 2),
    gender=Gender.NU,
    birth_date=date(1990, 1, 1),
)
TREE = OrgTree.build([XA, CB], [AN])
COUNTED = rollup(TREE, year=2024, breakdowns=True)


def _said(error: BaseException, vietnamese: str, english: str) -> None:
    """*error* is the library's, says *vietnamese*, and *english* in English."""
    assert isinstance(error, CosoDangError)
    assert vietnamese in str(error)
    assert english in error.message("en")
    previous = set_locale("en")
    try:
        assert english in str(error)
    finally:
        set_locale(previous)


# -- an id that is not there ------------------------------------------------------------------


_UNKNOWN_IN_ROLLUP: list[Callable[[], object]] = [
    lambda: COUNTED.breakdown("tuoi", org="không-có"),
    lambda: COUNTED["không-có"],
    lambda: COUNTED.own("không-có"),
]


@pytest.mark.parametrize("call", _UNKNOWN_IN_ROLLUP)
def test_an_id_not_in_the_rollup_is_named(call: Callable[[], object]) -> None:
    """``Rollup.breakdown(..., org=)`` raised a bare ``KeyError: 'x'`` from the rollup's
    index, saying neither what was missing nor from what; a lookup too. Still a KeyError."""
    with pytest.raises(KeyError) as caught:
        call()
    assert isinstance(caught.value, UnknownIdError)
    assert caught.value.key == "không-có"
    _said(
        caught.value,
        "không có tổ chức mang mã 'không-có' trong bảng tổng hợp",
        "no organization with id 'không-có' in the rollup",
    )


_UNKNOWN_IN_TREE: list[Callable[[], object]] = [
    lambda: TREE["cb9"],
    lambda: TREE.children("cb9"),
    lambda: TREE.members_of("cb9", recursive=True),
    lambda: list(TREE.walk("cb9")),
    lambda: TREE.subtree("cb9"),
]


@pytest.mark.parametrize("call", _UNKNOWN_IN_TREE)
def test_an_id_not_in_the_tree_is_named(call: Callable[[], object]) -> None:
    """Every function given an organization's id looks it up in the tree: each raised a
    bare ``KeyError: 'cb9'``."""
    with pytest.raises(KeyError) as caught:
        call()
    _said(
        caught.value,
        "không có tổ chức mang mã 'cb9' trong cây",
        "no organization with id 'cb9' in the tree",
    )


def test_the_rollup_finds_an_id_as_the_tree_does() -> None:
    """The tree takes an id typed in decomposed Unicode (NFD) as the same id; the
    rollup of that tree said it was not there."""
    import unicodedata

    tree = OrgTree.build([Organization("chi-bộ", "Chi bộ cơ sở A", OrgKind.CHI_BO_CO_SO)])
    typed = unicodedata.normalize("NFD", "chi-bộ")
    assert typed != "chi-bộ"
    assert tree[typed].id == "chi-bộ"
    assert rollup(tree, year=2024)[typed]["tccsd"] == 1


def test_a_stray_tally_is_named_in_vietnamese() -> None:
    """A tally for an organization not in the tree was named "Tally for 'x'", in English,
    inside the Vietnamese message."""
    with pytest.raises(CosoDangError) as caught:
        Rollup.from_tallies(TREE, {"x9": Tally(dang_vien=1)})
    _said(caught.value, "Số liệu của 'x9': org_id", "Tally for 'x9': org_id")
    assert "Tally for" not in str(caught.value)


# -- arguments of the wrong kind --------------------------------------------------------------


_WRONG_KINDS: list[tuple[Callable[[], object], str, str]] = [
    (
        lambda: OrgTree.build(None),  # type: ignore[arg-type]
        "OrgTree.build: organizations phải là các bản ghi Organization, không phải NoneType",
        "OrgTree.build: organizations must be Organization records, not NoneType",
    ),
    (
        lambda: OrgTree.build(XA),  # type: ignore[arg-type]
        "OrgTree.build: organizations phải là các bản ghi Organization, không phải Organization",
        "organizations must be Organization records, not Organization",
    ),
    (
        lambda: OrgTree.build({"xa": XA}),  # type: ignore[dict-item]
        "organizations phải là các bản ghi Organization, không phải dict",
        "organizations must be Organization records, not dict",
    ),
    (
        lambda: OrgTree.build([XA, CB], None),  # type: ignore[arg-type]
        "OrgTree.build: members phải là các bản ghi Member, không phải NoneType",
        "OrgTree.build: members must be Member records, not NoneType",
    ),
    (
        lambda: OrgTree.build([XA, CB], AN),  # type: ignore[arg-type]
        "members phải là các bản ghi Member, không phải Member",
        "members must be Member records, not Member",
    ),
    (
        lambda: OrgTree.build([XA], units=3),  # type: ignore[arg-type]
        "units phải là các bản ghi ResidentialUnit, không phải int",
        "units must be ResidentialUnit records, not int",
    ),
    (
        lambda: rollup(TREE, year=2024, breakdowns=3),  # type: ignore[arg-type]
        "rollup: breakdowns phải là True, False hoặc các mã phân tổ, không phải int",
        "rollup: breakdowns must be True, False or breakdown codes, not int",
    ),
    (
        lambda: rollup(TREE, year=2024, breakdowns=None),  # type: ignore[arg-type]
        "breakdowns phải là True, False hoặc các mã phân tổ, không phải NoneType",
        "breakdowns must be True, False or breakdown codes, not NoneType",
    ),
    (
        lambda: COUNTED.breakdown("tuoi", min_cell="5"),  # type: ignore[arg-type]
        "breakdown: min_cell phải là một số nguyên hoặc None, không phải str",
        "breakdown: min_cell must be a whole number or None, not str",
    ),
    (
        lambda: AN.status("2024-01-01"),  # type: ignore[arg-type]
        "Member.status: on phải là một ngày (date), không phải str",
        "Member.status: on must be a date, not str",
    ),
    (
        lambda: AN.is_active(None),  # type: ignore[arg-type]
        "Member.is_active: on phải là một ngày (date), không phải NoneType",
        "Member.is_active: on must be a date, not NoneType",
    ),
    (
        lambda: AN.age("2024-01-01"),  # type: ignore[arg-type]
        "Member.age: on phải là một ngày (date), không phải str",
        "Member.age: on must be a date, not str",
    ),
    (
        lambda: AN.party_age("2024-01-01"),  # type: ignore[arg-type]
        "Member.party_age: on phải là một ngày (date), không phải str",
        "Member.party_age: on must be a date, not str",
    ),
    (
        lambda: AN.party_age_reached_on("30"),  # type: ignore[arg-type]
        "Member.party_age_reached_on: years phải là một số nguyên, không phải str",
        "Member.party_age_reached_on: years must be a whole number, not str",
    ),
]


@pytest.mark.parametrize(("call", "vietnamese", "english"), _WRONG_KINDS)
def test_an_argument_of_the_wrong_kind_is_refused(
    call: Callable[[], object], vietnamese: str, english: str
) -> None:
    """Each failed deep inside with Python's English ("'NoneType' object is not
    iterable", "'<' not supported between…"), or read a dict by its keys."""
    with pytest.raises(TypeError) as caught:
        call()
    _said(caught.value, vietnamese, english)


def test_a_breakdown_of_members_needs_members() -> None:
    from coso_dang.breakdowns import breakdown

    with pytest.raises(TypeError) as caught:
        breakdown(None, "tuoi", on=date(2024, 1, 1))  # type: ignore[arg-type]
    _said(
        caught.value,
        "breakdown: source phải là một OrgTree hoặc các bản ghi Member, không phải NoneType",
        "breakdown: source must be an OrgTree or Member records, not NoneType",
    )


def test_a_negative_min_cell_is_refused() -> None:
    """``min_cell=-1`` was taken and hid nothing, as if it meant something."""
    with pytest.raises(ValueError) as caught:
        COUNTED.breakdown("dan_toc", min_cell=-1)
    _said(
        caught.value,
        "min_cell phải là số nguyên từ 0 trở lên, không phải -1",
        "min_cell must be a whole number from 0 up, not -1",
    )
    assert COUNTED.breakdown("dan_toc", min_cell=0) == COUNTED.breakdown("dan_toc", min_cell=1)


# -- a day past the calendar ------------------------------------------------------------------


class TestPastTheCalendar:
    """A member admitted in 9999 (a year mistyped) becomes official past 31/12/9999:
    ``official_date`` raised Python's English "year 10000 is out of range", and so did
    the status, the party age and the list of those due to become official."""

    LATE = Member("dv9", "Trần Văn Bình", "cb", admitted_on=date(9999, 6, 1))

    def test_official_date_is_refused_in_vietnamese(self) -> None:
        with pytest.raises(ValueError) as caught:
            _ = self.LATE.official_date
        _said(
            caught.value,
            "Đảng viên 'dv9': official_date: 12 tháng dự bị kết thúc sau ngày 31/12/9999",
            "Member 'dv9': official_date: the 12 months of probation end after 31/12/9999",
        )

    def test_still_on_probation(self) -> None:
        from coso_dang import MemberStatus

        on = date(9999, 12, 31)
        assert self.LATE.status(on) is MemberStatus.DU_BI
        assert self.LATE.party_age(on) == 0
        ceremony = Member(
            "dv8", "Trần Văn Cường", "cb", admitted_on=date(9998, 12, 1),
            ceremony_on=date(9999, 1, 5),
        )  # fmt: skip
        assert ceremony.status(on) is MemberStatus.DU_BI

    def test_not_due_in_any_period(self) -> None:
        from coso_dang.rules.queries import due_for_official

        due = Member("dv7", "Lê Văn Dũng", "cb", admitted_on=date(9998, 3, 1))
        listed = due_for_official([self.LATE, due], date(9999, 1, 1), date(9999, 12, 31))
        assert [d.member.id for d in listed] == ["dv7"]

    def test_party_age_reached_past_the_calendar(self) -> None:
        with pytest.raises(ValueError) as caught:
            AN.party_age_reached_on(8000)
        _said(
            caught.value,
            "8000 năm tuổi đảng chỉ đạt sau ngày 31/12/9999",
            "8000 years of party age are reached only after 31/12/9999",
        )
        assert self.LATE.next_badge(date(9999, 7, 1)) is None


# -- the deadlines' table ---------------------------------------------------------------------


def test_the_deadlines_table_carries_the_undated_ceremony_note() -> None:
    """The text of ``deadlines()`` says under an overdue ceremony with no day recorded
    that it counts as not held; its table — what ``danh-sach --output`` writes to a file
    — said "quá hạn" as a fact. Its "Ghi chú" cell now says it, on that row only."""
    from coso_dang.operations import WorkCalendar, deadlines

    cal = WorkCalendar()
    on = date(2026, 4, 30)
    undated = Member("U1", "Đảng viên U1", "cb", admitted_on=date(2026, 3, 2))
    late = Member(
        "U2", "Đảng viên U2", "cb", admitted_on=date(2026, 3, 2), ceremony_on=date(2026, 4, 20)
    )
    not_due = Member("U3", "Đảng viên U3", "cb", admitted_on=date(2026, 4, 20))
    listed = deadlines([undated, late, not_due], on, calendar=cal)
    notes = {row["Mã"]: row["Ghi chú"] for row in listed.records()}
    assert notes["U2"] is None
    assert notes.get("U3") is None
    note = notes["U1"]
    assert isinstance(note, str)
    assert "được tính là chưa tổ chức" in note
    assert "chưa tổ chức" in listed.text()


# -- writing back only the tables the source held -----------------------------------------


_ORGANIZATIONS_ONLY = "Mã,Tên,Loại tổ chức\r\nxa,Đảng bộ xã A,Đảng bộ cơ sở\r\n"


@pytest.mark.parametrize("target", ["thu_muc", "du_lieu.json", "du_lieu.xlsx", "bang.parquet"])
def test_convert_writes_no_table_the_source_did_not_hold(tmp_path: Path, target: str) -> None:
    """Data with no members table are refused by ``report`` as "members not known"; once
    converted, they came back with a members table of a header alone — "no member" —
    and were reported as 0 members. A table the source did not hold is not written."""
    from coso_dang.cli import main

    pytest.importorskip("openpyxl")
    pytest.importorskip("polars")
    source = tmp_path / "nguon"
    source.mkdir()
    (source / "organizations.csv").write_text(_ORGANIZATIONS_ONLY, encoding="utf-8")
    assert load(source).tables == frozenset({"organizations"})
    assert main(["convert", str(source), str(tmp_path / target)]) == 0
    again = load(tmp_path / target)
    assert again.tables == frozenset({"organizations"})
    assert again.dataset == load(source).dataset


def test_dump_keeps_a_table_with_records_and_every_table_by_default(tmp_path: Path) -> None:
    from coso_dang.dataset import Dataset

    data = Dataset([XA, CB], [AN])
    # A table with records is written whatever *tables* says: no record is lost.
    written = dump_csv(data, tmp_path / "a", tables={"organizations"})
    assert sorted(p.name for p in written) == ["members.csv", "organizations.csv"]
    # Without *tables*, every table, each with its header, as before.
    assert len(dump_csv(data, tmp_path / "b")) == 4
    buffer = io.StringIO()
    dump_json(Dataset([XA]), buffer, tables=["organizations"])
    assert '"members"' not in buffer.getvalue()
    assert load_csv(tmp_path / "a").tables == frozenset({"organizations", "members"})


@pytest.mark.parametrize(
    ("tables", "kind", "vietnamese", "english"),
    [
        ("members", TypeError, "tables phải là các khóa bảng hoặc None, không phải str",
         "tables must be table keys or None, not str"),
        (["thanh_vien"], ValueError, "dump_csv: tables: không có bảng 'thanh_vien'; các bảng:",
         "dump_csv: tables: no table 'thanh_vien'; the tables:"),
    ],
)  # fmt: skip
def test_dump_refuses_tables_that_are_none(
    tmp_path: Path, tables: object, kind: type[Exception], vietnamese: str, english: str
) -> None:
    from coso_dang.dataset import Dataset

    with pytest.raises(kind) as caught:
        dump(Dataset([XA]), tmp_path / "x", tables=tables)  # type: ignore[arg-type]
    _said(caught.value, vietnamese, english)
    assert not (tmp_path / "x").exists()
