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

from coso_dang import (
    CommitteeRole,
    Gender,
    Member,
    Organization,
    OrgKind,
    OrgTree,
    Rating,
    Tally,
)
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


def test_the_movements_find_an_id_as_the_tree_does() -> None:
    """Biểu 1's movements by organization are looked up as the tree and the rollup look
    up an id: one typed in NFD is the same id, and an unknown one is named (both were a
    bare ``KeyError``)."""
    import unicodedata

    from coso_dang.history import History, Period, movements

    tree = OrgTree.build([Organization("chi-bộ", "Chi bộ cơ sở A", OrgKind.CHI_BO_CO_SO)])
    history = History([Member("a", "Lê Văn An", "chi-bộ", admitted_on=date(2000, 1, 5))])
    moved = movements(history, tree, Period.year(2024))
    typed = unicodedata.normalize("NFD", "chi-bộ")
    assert moved[typed].counts["dang_vien_dau_ky"] == 1
    assert typed in moved
    assert "cb9" not in moved
    with pytest.raises(KeyError) as caught:
        moved["cb9"]
    assert isinstance(caught.value, UnknownIdError)
    assert caught.value.key == "cb9"
    _said(
        caught.value,
        "không có tổ chức mang mã 'cb9' trong cây",
        "no organization with id 'cb9' in the tree",
    )


def test_a_tally_given_by_an_id_in_nfd_is_counted() -> None:
    """A tally keyed by an id typed in decomposed Unicode (NFD) was no stray (the tree
    finds the id) but was counted nowhere: the rollup's figures lost it without a word.
    The same organization given twice, in NFC and NFD, is refused."""
    import unicodedata

    tree = OrgTree.build(
        [XA, Organization("chi-bộ", "Chi bộ thôn 2", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa")]
    )
    typed = unicodedata.normalize("NFD", "chi-bộ")
    counted = Rollup.from_tallies(tree, {typed: Tally(dang_vien=12)})
    assert counted["xa"]["dang_vien"] == counted["chi-bộ"]["dang_vien"] == 12
    with pytest.raises(CosoDangError) as caught:
        Rollup.from_tallies(tree, {"chi-bộ": Tally(dang_vien=12), typed: Tally(dang_vien=3)})
    _said(caught.value, "mã bị trùng", "Tally for")


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


# -- the history, the forms, the office lists -------------------------------------------------


def test_an_id_not_in_the_history_is_named() -> None:
    """``History.membership``, ``changes`` and ``Lineage.exists``, ``successors`` raised a
    bare ``KeyError: 'x'``; still KeyErrors, now saying what is not where."""
    from coso_dang.history import History, Lineage

    history = History([AN])
    calls: tuple[Callable[[], object], ...] = (
        lambda: history.membership("dv9", date(2024, 1, 1)),
        lambda: history.changes("dv9"),
    )
    for call in calls:
        with pytest.raises(KeyError) as caught:
            call()
        _said(
            caught.value,
            "không có đảng viên mang mã 'dv9' trong lịch sử",
            "no member with id 'dv9' in the history",
        )
    lineage = Lineage([XA, CB])
    calls = (
        lambda: lineage.exists("x9", date(2024, 1, 1)),
        lambda: lineage.successors("x9", date(2024, 1, 1)),
    )
    for call in calls:
        with pytest.raises(KeyError) as caught:
            call()
        _said(
            caught.value,
            "không có tổ chức mang mã 'x9' trong lịch sử tổ chức",
            "no organization with id 'x9' in the lineage",
        )


def test_the_lineage_finds_an_id_as_the_tree_does() -> None:
    """The tree and the rollup take an id typed in decomposed Unicode (NFD) as the same
    id; the lineage of the same organizations said it was not there."""
    import unicodedata

    from coso_dang.history import Lineage
    from coso_dang.history.events import OrgEvent, OrgEventKind

    old = Organization("chi-bộ-cũ", "Chi bộ thôn Đông", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa")
    new = Organization("chi-bộ-mới", "Chi bộ thôn Mới", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa")
    merged = OrgEvent("chi-bộ-cũ", OrgEventKind.SAP_NHAP, date(2024, 6, 1), into=("chi-bộ-mới",))
    lineage = Lineage([XA, old, new], [merged])
    typed = unicodedata.normalize("NFD", "chi-bộ-cũ")
    assert typed != "chi-bộ-cũ"
    assert lineage.exists(typed, date(2024, 1, 1))
    assert not lineage.exists(typed, date(2024, 12, 31))
    assert lineage.successors(typed, date(2024, 12, 31)) == ("chi-bộ-mới",)


def test_a_rating_round_names_an_id_not_in_its_tree() -> None:
    from coso_dang import Evaluation, Rating
    from coso_dang.rules import RatingRound

    rated = RatingRound(TREE, [Evaluation("dv1", 2024, Rating.HTTNV)], 2024)
    for call in (
        lambda: rated.members_on_rolls("x9"),
        lambda: rated.evaluated_members("x9"),
        lambda: rated.unrated_members("x9"),
        lambda: rated.member_tally("x9"),
    ):
        with pytest.raises(KeyError) as caught:
            call()
        _said(caught.value, "không có tổ chức mang mã 'x9' trong cây", "no organization with id")
    assert rated.members_on_rolls("cb") == 1


def test_a_rating_round_from_tables_finds_an_id_as_the_tree_does() -> None:
    """A round read from tables finds an organization's id as the tree does, in every
    count: ``member_ratings`` alone looked it up in its own index, where an id typed in
    NFD was not found and an unknown one was a bare ``KeyError``."""
    import unicodedata

    from coso_dang.rules import RatingRound

    pl = pytest.importorskip("polars")
    tree = OrgTree.build([Organization("chi-bộ", "Chi bộ cơ sở A", OrgKind.CHI_BO_CO_SO)])
    members = pl.DataFrame(
        {
            "id": ["a"],
            "org_id": ["chi-bộ"],
            "full_name": ["Lê Văn An"],
            "admitted_on": [date(2000, 1, 5)],
            "committee_role": [None],
        },
        schema_overrides={"committee_role": pl.String},
    )
    ratings = pl.DataFrame({"subject_id": ["a"], "year": [2024], "rating": ["HTTNV"]})
    rated = RatingRound.from_frames(tree, members, ratings, 2024)
    typed = unicodedata.normalize("NFD", "chi-bộ")
    assert rated.member_ratings(typed) == rated.member_ratings("chi-bộ") == [Rating.HTTNV]
    for call in (lambda: rated.member_ratings("x9"), lambda: rated.member_tally("x9")):
        with pytest.raises(KeyError) as caught:
            call()
        assert isinstance(caught.value, UnknownIdError)
        _said(caught.value, "không có tổ chức mang mã 'x9' trong cây", "no organization with id")


def test_a_structure_names_an_id_not_in_its_tree() -> None:
    """The charter checks' counts of an organization raised a bare ``KeyError: 'x9'``
    where the structure's members of it name the id, as the tree does."""
    from coso_dang.rules import Structure

    found = Structure(TREE, date(2024, 12, 31))
    for call in (
        lambda: found.member_count("x9"),
        lambda: found.official_count("x9", recursive=True),
        lambda: found.committee_count("x9"),
        lambda: found.role_count("x9", CommitteeRole.BI_THU),
        lambda: found.members("x9"),
    ):
        with pytest.raises(KeyError) as caught:
            call()
        assert isinstance(caught.value, UnknownIdError)
        _said(caught.value, "không có tổ chức mang mã 'x9' trong cây", "no organization with id")
    assert found.member_count("cb") == 1


def _history_none() -> object:
    from coso_dang.history import History

    return History(None)  # type: ignore[arg-type]


def _lineage_none() -> object:
    from coso_dang.history import Lineage

    return Lineage([XA], None)  # type: ignore[arg-type]


def _roster_on_text() -> object:
    from coso_dang.history import History

    return History([AN]).roster("2024-12-31")  # type: ignore[arg-type]


def _form(**changes: object) -> object:
    from coso_dang.forms import Period, fill_form

    arguments: dict[str, object] = {
        "source": TREE,
        "form": "3",
        "period": Period(date(2024, 1, 1), date(2024, 12, 31)),
    }
    arguments.update(changes)
    return fill_form(**arguments)  # type: ignore[arg-type]


def _forms_by_text() -> object:
    from coso_dang.forms import Period, fill_forms

    return fill_forms(TREE, Period(date(2024, 1, 1), date(2024, 12, 31)), "2B")


def _ops(name: str, *args: object, **kwargs: object) -> Callable[[], object]:
    from coso_dang import operations

    return lambda: getattr(operations, name)(*args, **kwargs)


def _calendar() -> object:
    from coso_dang.operations import WorkCalendar

    return WorkCalendar()


_MORE_WRONG_KINDS: list[tuple[Callable[[], object], str, str]] = [
    (_history_none, "History: members phải là các bản ghi Member, không phải NoneType",
     "History: members must be Member records, not NoneType"),
    (_lineage_none, "Lineage: events phải là các bản ghi OrgEvent, không phải NoneType",
     "Lineage: events must be OrgEvent records, not NoneType"),
    (_roster_on_text, "History.roster: on phải là một ngày (date), không phải str",
     "History.roster: on must be a date, not str"),
    (lambda: _form(source=None), "fill_forms: source phải là một OrgTree hoặc các bản ghi Member",
     "fill_forms: source must be an OrgTree or Member records"),
    (lambda: _form(period=(date(2024, 1, 1), date(2024, 12, 31))),
     "fill_forms: period phải là một Period, không phải tuple",
     "fill_forms: period must be a Period, not tuple"),
    (lambda: _form(form=3), "get_form: number phải là số biểu dạng văn bản, như '3' hoặc '2B'",
     "get_form: number must be a form number as a text, such as '3' or '2B'"),
    (lambda: _form(events=None), "fill_forms: events phải là các bản ghi MemberEvent",
     "fill_forms: events must be MemberEvent records"),
    (_forms_by_text, "fill_forms: chosen phải là một dãy biểu hoặc số biểu",
     "fill_forms: chosen must be a sequence of forms or form numbers"),
    (_ops("deadlines", None, date(2026, 4, 30), calendar=_calendar()),
     "deadlines: source phải là một OrgTree hoặc các bản ghi Member, không phải NoneType",
     "deadlines: source must be an OrgTree or Member records, not NoneType"),
    (_ops("deadlines", TREE, "2026-04-30", calendar=_calendar()),
     "deadlines: on phải là một ngày (date), không phải str",
     "deadlines: on must be a date, not str"),
    (_ops("deadlines", TREE, date(2026, 4, 30), calendar=None),
     "deadlines: calendar phải là một WorkCalendar, không phải NoneType",
     "deadlines: calendar must be a WorkCalendar, not NoneType"),
    (_ops("due_official", TREE, "2026-01-01", date(2026, 3, 31), calendar=_calendar()),
     "due_official: start phải là một ngày (date), không phải str",
     "due_official: start must be a date, not str"),
    (_ops("due_official", TREE, date(2026, 1, 1), date(2026, 3, 31), calendar=_calendar(),
          resolutions=["dv1"]),
     "due_official: resolutions phải là một ánh xạ từ mã đảng viên tới ngày, hoặc None",
     "due_official: resolutions must be a mapping of member id to date, or None"),
    (_ops("badge_round", None, date(2026, 5, 19)),
     "badge_round: source phải là một OrgTree hoặc các bản ghi Member",
     "badge_round: source must be an OrgTree or Member records"),
    (_ops("previous_occasion", "2026-05-19"),
     "previous_occasion: on phải là một ngày (date), không phải str",
     "previous_occasion: on must be a date, not str"),
    (_ops("temporary_transfer_problem", "2026-01-01", date(2026, 5, 1)),
     "temporary_transfer_problem: start phải là một ngày (date), không phải str",
     "temporary_transfer_problem: start must be a date, not str"),
    (_ops("facts_by_member", None),
     "facts_by_member: facts phải là các bản ghi MemberFacts, không phải NoneType",
     "facts_by_member: facts must be MemberFacts records, not NoneType"),
    (_ops("read_payments", None),
     "đường dẫn tệp phải là một str hoặc Path, không phải NoneType",
     "a file path must be a str or a Path, not NoneType"),
]  # fmt: skip


@pytest.mark.parametrize(("call", "vietnamese", "english"), _MORE_WRONG_KINDS)
def test_more_arguments_of_the_wrong_kind(
    call: Callable[[], object], vietnamese: str, english: str
) -> None:
    """Each failed deep inside with Python's English ("'NoneType' object is not
    iterable", "'tuple' object has no attribute 'end'", "unsupported operand type(s)",
    "'int' object has no attribute 'casefold'")."""
    with pytest.raises(TypeError) as caught:
        call()
    _said(caught.value, vietnamese, english)


def test_a_calendar_day_that_is_text_is_refused() -> None:
    """``is_working_day("2026-08-31")`` said False (a text is in no set of days) where
    31/8/2026 is a day off: a wrong answer, not an error."""
    from coso_dang.operations import WorkCalendar

    cal = WorkCalendar()
    for call in (
        lambda: cal.is_working_day("2026-08-22"),  # type: ignore[arg-type]
        lambda: cal.add_working_days("2026-08-22", 3),  # type: ignore[arg-type]
    ):
        with pytest.raises(TypeError) as caught:
            call()
        _said(caught.value, "một ngày của lịch phải là một date, không phải str", "must be a date")


def test_a_register_path_given_as_text_is_read(tmp_path: Path) -> None:
    """The registers' readers took a ``Path`` only: a path typed as text, the usual way,
    failed with "'str' object has no attribute 'stat'"."""
    from coso_dang.operations import read_payments

    register = tmp_path / "dang_phi.csv"
    register.write_text("Mã,Tháng,Số tiền\r\ndv1,01/2026,30000\r\n", encoding="utf-8")
    by_text, problems = read_payments(str(register))
    assert problems == []
    assert by_text == read_payments(register)[0]
    assert [(p.member_id, p.amount) for p in by_text] == [("dv1", 30000)]


@pytest.mark.parametrize(
    ("kind", "vietnamese", "english"),
    [
        ("Rating", "không đọc được None thành mức xếp loại: cần một văn bản (str)",
         "cannot read None as a rating: expected a text (str)"),
        ("OrgKind", "không đọc được None thành loại tổ chức: cần một văn bản (str)",
         "cannot read None as organization kind: expected a text (str)"),
        ("GeneralEducation", "thành học vấn phổ thông: cần một văn bản (str)",
         "as general education: expected a text (str)"),
        ("AcademicTitle", "thành học hàm: cần một văn bản (str)",
         "as academic title: expected a text (str)"),
        ("MemberEventKind", "thành loại biến động: cần một văn bản (str)",
         "as event kind: expected a text (str)"),
        ("TransferScope", "không đọc được None thành phạm vi: cần một văn bản (str)",
         "cannot read None as transfer scope: expected a text (str)"),
    ],
)  # fmt: skip
def test_parsing_what_is_not_text(kind: str, vietnamese: str, english: str) -> None:
    """Every coded list's ``parse(None)`` (a blank cell read by pandas, a number) failed
    with Python's "'NoneType' object has no attribute 'translate'"; it is a ParseError
    as for text that names nothing, and the event kinds are named in Vietnamese."""
    import coso_dang
    import coso_dang.attributes
    import coso_dang.history

    cls = next(
        getattr(module, kind)
        for module in (coso_dang, coso_dang.attributes, coso_dang.history)
        if hasattr(module, kind)
    )
    with pytest.raises(ValueError) as caught:
        cls.parse(None)
    _said(caught.value, vietnamese, english)


# -- the dataset, the report, the tables --------------------------------------------------------


def _dataset(**given: object) -> object:
    from coso_dang.dataset import Dataset

    return Dataset(**given)  # type: ignore[arg-type]


def _frame(function: str, *args: object, **kwargs: object) -> Callable[[], object]:
    def call() -> object:
        pytest.importorskip("polars")
        pytest.importorskip("narwhals")
        from coso_dang import frame

        return getattr(frame, function)(*args, **kwargs)

    return call


_TABLE_WRONG_KINDS: list[tuple[Callable[[], object], str, str]] = [
    (lambda: _dataset(organizations=None),
     "Dataset: organizations phải là các bản ghi Organization, không phải NoneType",
     "Dataset: organizations must be Organization records, not NoneType"),
    (lambda: _dataset(name=2024),
     "Dataset: name phải là một văn bản hoặc None, không phải int",
     "Dataset: name must be a text or None, not int"),
    (_frame("members_frame", None),
     "members_frame: members phải là các bản ghi Member, không phải NoneType",
     "members_frame: members must be Member records, not NoneType"),
    (_frame("members_frame", [AN, None]),
     "members_frame: members phải là các bản ghi Member, không phải NoneType",
     "members_frame: members must be Member records, not NoneType"),
    (_frame("rollup_frame", None, [AN], year=2024),
     "rollup_frame: tree phải là một OrgTree, không phải NoneType",
     "rollup_frame: tree must be an OrgTree, not NoneType"),
    (_frame("rollup_frame", TREE, [AN], year=2024),
     "rollup_frame: members phải là một bảng dữ liệu (DataFrame); các bản ghi thì qua "
     "members_frame(), không phải list",
     "rollup_frame: members must be a table (DataFrame); records go through members_frame(), "
     "not list"),
]  # fmt: skip


@pytest.mark.parametrize(("call", "vietnamese", "english"), _TABLE_WRONG_KINDS)
def test_tables_of_the_wrong_kind(
    call: Callable[[], object], vietnamese: str, english: str
) -> None:
    """``Dataset(None)`` failed with "object is not iterable", ``Dataset(name=2024)`` with
    attrs' English "'name' must be <class 'str'>", ``members_frame([None])`` with
    "'NoneType' object has no attribute 'id'", and ``rollup_frame`` given records where a
    table goes with narwhals' "Unsupported dataframe type"."""
    with pytest.raises(TypeError) as caught:
        call()
    _said(caught.value, vietnamese, english)


@pytest.mark.parametrize("year", ["2024", 2024.0, 1900])
def test_narrate_refuses_a_year_that_is_none(year: object) -> None:
    """A text or a float year was written into the report's sentences as it came
    ("Năm 2024.0, …"); each is refused as the rollup refuses one."""
    from coso_dang.report import narrate

    with pytest.raises(ValueError) as caught:
        narrate(COUNTED, year=year)  # type: ignore[arg-type]
    _said(
        caught.value,
        "narrate.year = ",
        "must be a whole number from 1930 to 9999",
    )
    assert "phải là số nguyên từ 1930 đến 9999" in str(caught.value)


# -- the rules --------------------------------------------------------------------------------


def test_a_rule_code_not_registered_is_the_librarys_key_error() -> None:
    """``get_rule``, ``Report[code]`` and ``regime_rule`` raised a bare ``KeyError``
    whose text was Vietnamese only, printed quoted, with no English."""
    from coso_dang.rules import QD124, SickLeaveRule, get_pack, get_rule, regime_rule

    with pytest.raises(KeyError) as caught:
        get_rule("không-có")
    _said(
        caught.value,
        "không có quy tắc nào đăng ký mã 'không-có'",
        "no rule is registered under 'không-có'",
    )
    report = get_pack("nq21-2025").check(Tally(dang_vien=10))
    with pytest.raises(KeyError) as caught:
        report["không-có"]
    _said(caught.value, "báo cáo không có kết quả nào của quy tắc 'không-có'", "'không-có'")
    assert isinstance(caught.value, CosoDangError)
    assert caught.value.message("en") != str(caught.value)
    empty = QD124.__class__(name="rỗng", rules=())  # a regime with no rule of the family
    with pytest.raises(KeyError) as caught:
        regime_rule(empty, SickLeaveRule)
    assert isinstance(caught.value, CosoDangError)
    assert "SickLeaveRule" in str(caught.value)


def test_a_pack_given_what_none_of_its_rules_read() -> None:
    """A bare ``TypeError`` of Vietnamese text with no English."""
    from coso_dang.rules import get_pack

    with pytest.raises(TypeError) as caught:
        get_pack("nq21-2025").check(TREE)
    _said(caught.value, "đọc được một OrgTree", "OrgTree")
    assert isinstance(caught.value, CosoDangError)
    assert caught.value.message("en") != str(caught.value)


@pytest.mark.parametrize("function", ["due_for_official", "badges_due"])
def test_the_rule_queries_need_members(function: str) -> None:
    from coso_dang import rules

    query = getattr(rules, function)
    days = (
        (date(2026, 5, 19),) if function == "badges_due" else (date(2026, 1, 1), date(2026, 3, 31))
    )
    with pytest.raises(TypeError) as caught:
        query(None, *days)
    _said(
        caught.value,
        f"{function}: source phải là một OrgTree hoặc các bản ghi Member, không phải NoneType",
        f"{function}: source must be an OrgTree or Member records, not NoneType",
    )


def test_a_day_that_is_text_is_refused_by_an_organization() -> None:
    """``Organization.is_active("2020-01-01")`` of an organization with neither date said
    True, whatever the text; one with a date failed in Python's English."""
    undated = Organization("cb9", "Chi bộ 9", OrgKind.CHI_BO_CO_SO)
    founded = Organization("cb8", "Chi bộ 8", OrgKind.CHI_BO_CO_SO, founded_on=date(2020, 1, 1))
    for org in (undated, founded):
        with pytest.raises(TypeError) as caught:
            org.is_active("2020-01-01")  # type: ignore[arg-type]
        _said(
            caught.value,
            "Organization.is_active: on phải là một ngày (date), không phải str",
            "Organization.is_active: on must be a date, not str",
        )
    assert founded.is_active(date(2020, 1, 1))
    assert not founded.is_active(date(2019, 12, 31))


def test_next_badge_and_find_refuse_what_is_not_their_kind() -> None:
    with pytest.raises(TypeError) as caught:
        AN.next_badge("2026-01-01")  # type: ignore[arg-type]
    _said(
        caught.value,
        "Member.next_badge: on phải là một ngày (date), không phải str",
        "Member.next_badge: on must be a date, not str",
    )
    with pytest.raises(TypeError) as caught:
        TREE.find(None)  # type: ignore[arg-type]
    _said(
        caught.value,
        "OrgTree.find: name phải là một văn bản, không phải NoneType",
        "OrgTree.find: name must be a text, not NoneType",
    )


def test_the_due_official_table_says_the_resolutions_are_not_known() -> None:
    """Without the chi bộ's resolutions, the text says of a member with no decision past
    the chi bộ's deadline that the data has no resolution day; the table — what
    ``danh-sach --output`` writes — showed a blank "Nghị quyết chi bộ" cell, read as
    none held. Its "Ghi chú" cell now says it, on that row only."""
    from coso_dang.operations import WorkCalendar, due_official

    cal = WorkCalendar()
    ceremony = {"ceremony_on": date(2025, 1, 20)}
    undecided = Member("H1", "Đảng viên H1", "cb", admitted_on=date(2025, 1, 5), **ceremony)  # type: ignore[arg-type]
    decided = Member(
        "H2", "Đảng viên H2", "cb", admitted_on=date(2025, 1, 5), official_on=date(2026, 2, 4),
        **ceremony,  # type: ignore[arg-type]
    )  # fmt: skip
    listed = due_official(
        [undecided, decided], date(2026, 1, 1), date(2026, 1, 31), calendar=cal,
        on=date(2026, 4, 30),
    )  # fmt: skip
    notes = {row["Mã"]: row["Ghi chú"] for row in listed.records()}
    assert notes == {"H1": "không có ngày nghị quyết chi bộ trong dữ liệu", "H2": None}
    assert "không có ngày nghị quyết chi bộ trong dữ liệu" in listed.text()
    known = due_official(
        [undecided], date(2026, 1, 1), date(2026, 1, 31), calendar=cal, on=date(2026, 4, 30),
        resolutions={},
    )  # fmt: skip
    assert [row["Ghi chú"] for row in known.records()] == [None]


def test_a_breakdown_of_a_table_needs_a_table() -> None:
    pytest.importorskip("narwhals")
    from coso_dang.breakdowns import breakdown_frame

    with pytest.raises(TypeError) as caught:
        breakdown_frame([AN], "tuoi", on=date(2024, 12, 31))
    _said(
        caught.value,
        "breakdown_frame: members phải là một bảng dữ liệu (DataFrame); các bản ghi thì qua "
        "members_frame(), không phải list",
        "breakdown_frame: members must be a table (DataFrame); records go through "
        "members_frame(), not list",
    )


def test_the_database_functions_refuse_what_is_not_their_kind() -> None:
    """``rollup_sql(..., tree=…)`` of something not a tree failed after the whole count
    with "'int' object has no attribute 'units'", ``write_tables(db, None)`` with
    "'NoneType' object has no attribute 'organizations'"."""
    import sqlite3

    from coso_dang.sql import rollup_sql, write_tables

    pytest.importorskip("narwhals")
    database = sqlite3.connect(":memory:")
    with pytest.raises(TypeError) as caught:
        write_tables(database, None)
    _said(
        caught.value,
        "write_tables: dataset phải là một Dataset, không phải NoneType",
        "write_tables: dataset must be a Dataset, not NoneType",
    )
    with pytest.raises(TypeError) as caught:
        rollup_sql(database, year=2024, tree=[XA, CB])  # type: ignore[arg-type]
    _said(
        caught.value,
        "rollup_sql: tree phải là một OrgTree hoặc None, không phải list",
        "rollup_sql: tree must be an OrgTree or None, not list",
    )


def test_with_members_needs_a_mapping() -> None:
    with pytest.raises(TypeError) as caught:
        TREE.with_members([AN])  # type: ignore[arg-type]
    _said(
        caught.value,
        "OrgTree.with_members: changed phải là một ánh xạ từ mã tới Member hoặc None, "
        "không phải list",
        "OrgTree.with_members: changed must be a mapping of id to Member or None, not list",
    )


# -- days at the calendar's ends --------------------------------------------------------------


def test_badge_occasions_at_the_calendars_ends() -> None:
    """After 7/11/9999 the next occasion is in the year 10000, before 3/2/1 the previous
    in the year 0: ``badges_due`` and ``badge_round`` failed with Python's "year 10000
    (0) is out of range"; each says no occasion is left, in the library's words."""
    from coso_dang.operations import badge_round
    from coso_dang.rules import badges_due

    with pytest.raises(ValueError) as caught:
        badges_due(TREE, date(9999, 12, 31))
    _said(
        caught.value,
        "không còn dịp trao huy hiệu nào đến hết ngày 31/12/9999",
        "no badge occasion is left up to 31/12/9999",
    )
    with pytest.raises(ValueError) as caught:
        badge_round(TREE, date(1, 1, 2))
    _said(
        caught.value,
        "không có dịp trao huy hiệu nào trước ngày 02/01/1",
        "no badge occasion before 02/01/1",
    )
    assert badges_due(TREE, date(9999, 11, 7)).occasion == date(9999, 11, 7)
    assert AN.next_badge(date(9999, 12, 31)) is None


def test_office_lists_of_a_day_in_year_one() -> None:
    """The window before the list's day ran past the calendar's first day: Python's
    "date value out of range" ("year 0 is out of range"); it starts on 1/1/1."""
    from coso_dang.operations import WorkCalendar, deadlines, due_official

    cal = WorkCalendar()
    assert deadlines(TREE, date(1, 1, 1), calendar=cal).entries == ()
    assert due_official(TREE, date(1, 1, 1), date(1, 12, 31), calendar=cal).entries == ()


def test_removal_list_refuses_a_year_for_a_day() -> None:
    from coso_dang.operations import removal_list

    with pytest.raises(TypeError) as caught:
        removal_list(TREE, 2024)  # type: ignore[arg-type]
    _said(
        caught.value,
        "removal_list: on phải là một ngày (date), không phải int",
        "removal_list: on must be a date, not int",
    )


def test_given_tallies_refuse_a_year_or_day_that_is_none() -> None:
    """``Rollup.from_tallies(..., year="2024")`` was kept as given, and ``narrate`` of it
    failed with "'str' object cannot be interpreted as an integer"; a text ``as_of``
    alike. Each is refused as ``rollup`` refuses it."""
    tallies = {"xa": Tally(dang_vien=1)}
    with pytest.raises(ValueError) as caught:
        Rollup.from_tallies(TREE, tallies, year="2024")  # type: ignore[arg-type]
    _said(
        caught.value,
        "year = '2024': phải là số nguyên từ 1930 đến 9999",
        "year = '2024': must be a whole number from 1930 to 9999",
    )
    with pytest.raises(TypeError) as refused:
        Rollup.from_tallies(TREE, tallies, as_of="2024-12-31")  # type: ignore[arg-type]
    _said(
        refused.value,
        "Rollup.from_tallies: as_of phải là một ngày (date) hoặc None, không phải str",
        "Rollup.from_tallies: as_of must be a date or None, not str",
    )
    given = Rollup.from_tallies(TREE, tallies, year=2024, as_of=date(2024, 6, 30))
    assert (given.year, given.as_of) == (2024, date(2024, 6, 30))
    assert Rollup.from_tallies(TREE, tallies, as_of=date(2024, 6, 30)).year is None


# -- "a" or "an" before a type's name ----------------------------------------------------------


def _dataset_of(field: str) -> Callable[[], object]:
    from coso_dang import Dataset

    return lambda: Dataset(**{field: [None]})


@pytest.mark.parametrize(
    ("call", "english"),
    [
        (_dataset_of("organizations"), "organizations[0] must be an Organization, not"),
        (_dataset_of("evaluations"), "evaluations[0] must be an Evaluation, not"),
        (_dataset_of("org_events"), "org_events[0] must be an OrgEvent, not"),
        (_dataset_of("members"), "members[0] must be a Member, not"),
        (_dataset_of("units"), "units[0] must be a ResidentialUnit, not"),
        (
            lambda: __import__("coso_dang.rules", fromlist=["RatingRound"]).RatingRound(
                TREE, [], "2024"
            ),
            "RatingRound: year must be an int, not str",
        ),
        (
            lambda: __import__("coso_dang.rules", fromlist=["Structure"]).Structure(TREE, "x"),
            "Structure: as_of must be a date, not str",
        ),
    ],
)
def test_a_type_is_named_with_its_article_in_english(
    call: Callable[[], object], english: str
) -> None:
    """The one entry "một {kind}" was "a {kind}" for every type: "must be a Organization",
    "a Evaluation", "a int"."""
    with pytest.raises(TypeError) as caught:
        call()
    assert isinstance(caught.value, CosoDangError)
    assert english in caught.value.message("en")
    assert "phải là một " in str(caught.value)


def test_a_pack_names_what_it_cannot_read_with_its_article() -> None:
    from coso_dang.rules import get_pack

    with pytest.raises(TypeError) as caught:
        get_pack("nq21-2025").check(TREE)
    assert "can read an OrgTree;" in caught.value.message("en")  # type: ignore[attr-defined]


# -- an age before the birth date -------------------------------------------------------------


def test_an_age_before_the_birth_date_is_refused() -> None:
    """``age`` on a day before the birth date was a negative number of years, which a
    rule comparing it with a minimum read as merely young; the refusal quotes neither
    day (with the birth date, either would bound it)."""
    born = AN.birth_date
    assert born is not None
    assert AN.age(born) == 0
    for day in (date(1989, 12, 31), date(1900, 1, 1)):
        with pytest.raises(ValueError) as caught:
            AN.age(day)
        _said(
            caught.value,
            "Member.age: ngày tính tuổi trước ngày sinh của đảng viên",
            "Member.age: the day counted on is before the member's birth date",
        )
        assert not any(char.isdigit() for char in str(caught.value))
    assert Member("dv2", "Lê Văn Bình", "cb", admitted_on=date(2010, 3, 2)).age(day) is None


def test_an_old_age_exemption_dated_before_the_birth_date_is_not_old_age() -> None:
    """The exemption check asks the member's age on the exemption's first day: one
    dated before the birth date (a slip in either) is no old age, and no error."""
    from coso_dang.operations import Exemption, ExemptionKind, exemption_problem

    early = Exemption("dv1", date(1989, 6, 1), ExemptionKind.TUOI_CAO)
    assert (exemption_problem(early, AN) or "").startswith("chưa đến tuổi cao")


# -- a badge that does not exist --------------------------------------------------------------


@pytest.mark.parametrize("years", [0, 35, 20, 95, -30])
def test_a_badge_label_of_no_badge_year_is_refused(years: int) -> None:
    """``badge_label(0)`` named "Huy hiệu 0 năm tuổi Đảng", a badge that does not exist."""
    from coso_dang.members import BADGE_YEARS
    from coso_dang.operations import badge_label

    with pytest.raises(ValueError) as caught:
        badge_label(years)
    _said(
        caught.value,
        f"badge_label: không có huy hiệu {years} năm tuổi Đảng; các mốc là 30, 40, 45",
        f"badge_label: there is no {years}-year Party badge; the badge years are 30, 40, 45",
    )
    assert [badge_label(y) for y in BADGE_YEARS[:2]] == [
        "Huy hiệu 30 năm tuổi Đảng",
        "Huy hiệu 40 năm tuổi Đảng",
    ]


@pytest.mark.parametrize("years", ["30", True, 30.0, None])
def test_a_badge_label_of_no_whole_number_is_refused(years: object) -> None:
    from coso_dang.operations import badge_label

    with pytest.raises(TypeError) as caught:
        badge_label(years)  # type: ignore[arg-type]
    _said(
        caught.value,
        "badge_label: years phải là một int, không phải",
        "badge_label: years must be an int, not",
    )


def test_a_round_of_badge_years_of_its_own_still_names_them() -> None:
    """A round given its own badge years (an older regulation's 35) lists them by name."""
    from coso_dang.operations import badge_round

    member = Member("dv9", "Lê Văn Cường", "cb", admitted_on=date(1991, 9, 2))
    listed = badge_round([member], date(2026, 9, 2), badge_years=(35,))
    assert "II. Huy hiệu 35" not in listed.text()
    assert "I. Huy hiệu 35 năm tuổi Đảng: 1 đồng chí" in listed.text()
    assert listed.table().rows[0][5] == "Huy hiệu 35 năm tuổi Đảng"


# -- the function a refusal names -------------------------------------------------------------


@pytest.mark.parametrize("function", ["profile", "breakdown_all"])
def test_a_breakdown_function_given_no_members_names_itself(function: str) -> None:
    """``profile(None)`` was refused as "breakdown: source …", a function not called."""
    from coso_dang import breakdowns

    with pytest.raises(TypeError) as caught:
        getattr(breakdowns, function)(None, on=date(2024, 1, 1))
    _said(
        caught.value,
        f"{function}: source phải là một OrgTree hoặc các bản ghi Member, không phải NoneType",
        f"{function}: source must be an OrgTree or Member records, not NoneType",
    )


# -- a rule author's methods of the rating round ----------------------------------------------


def test_a_rating_rounds_member_methods_refuse_what_is_not_their_kind() -> None:
    """``admitted_on("dv1")`` failed with "'str' object has no attribute 'id'", and
    ``recent_members("2024-01-01")`` with "'>=' not supported between…"."""
    from datetime import datetime

    from coso_dang import Evaluation, Rating
    from coso_dang.rules import RatingRound

    rated = RatingRound(TREE, [Evaluation("dv1", 2024, Rating.HTTNV)], 2024)
    for call, vietnamese, english in (
        (
            lambda: rated.admitted_on("dv1"),  # type: ignore[arg-type]
            "RatingRound.admitted_on: member phải là một Member, không phải str",
            "RatingRound.admitted_on: member must be a Member, not str",
        ),
        (
            lambda: rated.recent_members("2024-01-01"),  # type: ignore[arg-type]
            "RatingRound.recent_members: since phải là một date, không phải str",
            "RatingRound.recent_members: since must be a date, not str",
        ),
        (
            lambda: rated.readmitted_after(None),  # type: ignore[arg-type]
            "RatingRound.readmitted_after: since phải là một date, không phải NoneType",
            "RatingRound.readmitted_after: since must be a date, not NoneType",
        ),
    ):
        with pytest.raises(TypeError) as caught:
            call()
        _said(caught.value, vietnamese, english)
    assert rated.admitted_on(AN) == AN.admitted_on
    noon = datetime(2024, 6, 1, 12)
    assert list(rated.recent_members(noon)) == list(rated.recent_members(noon.date()))
    assert rated.readmitted_after(noon) == frozenset()


# -- one family of errors ---------------------------------------------------------------------


def test_a_locale_error_is_one_of_the_librarys_errors() -> None:
    """``LocaleError`` was a bare ``ValueError``: ``except CosoDangError`` let it through."""
    import pickle

    from coso_dang import errors, i18n
    from coso_dang.report import narrate

    with pytest.raises(CosoDangError) as caught:
        narrate(Tally(), locale="EN")
    assert isinstance(caught.value, i18n.LocaleError)
    assert isinstance(caught.value, ValueError)
    assert errors.CosoDangError is CosoDangError
    again = pickle.loads(pickle.dumps(caught.value))
    assert type(again) is i18n.LocaleError
    assert again.message("en") == "language 'EN': must be one of vi, en"
