"""A member re-admitted (kết nạp lại) less than 6 months before the rating is newly
admitted: not rated, on records and on tables alike, when the round has the events.

The record keeps the first admission; only the members' events tell of the second,
so the rule read the first and took a member re-admitted in September for a member of
decades: rated, never flagged, and counted among those whose rating is missing."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, ClassVar, cast

import attrs
import pytest
from attrs import frozen
from tests.engines import in_engine

from coso_dang import Evaluation, Member, Organization, OrgKind, OrgTree, Rating
from coso_dang.errors import ArgumentError
from coso_dang.history import History, MemberEvent, MemberEventKind
from coso_dang.members import InactivePeriod
from coso_dang.rules import QD124, RatingRound, Status
from coso_dang.rules.rating import MemberRatingRule, QD124NotToBeRatedRule

pl = pytest.importorskip("polars")
nw = pytest.importorskip("narwhals")

K = MemberEventKind
ORGS = [
    Organization("xa", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO),
    Organization("cb", "Chi bộ thôn 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa"),
]
FIRST = date(2000, 1, 1)
OUT = date(2018, 1, 1)


def _member(i: int, again: date | None) -> Member:
    # The converter takes any iterable; the typing of attrs' converters does not say so.
    gaps = cast(Any, [] if again is None else [InactivePeriod(OUT, again)])
    return Member(f"dv{i}", f"Nguyễn Văn {i}", "cb", admitted_on=FIRST, inactive_periods=gaps)


# dv1 re-admitted 1/9/2024 and rated; dv2 re-admitted 1/9/2024, not rated; dv3
# re-admitted 30/6/2024 (six months by 31/12) and rated; dv4 never left, rated.
AGAIN = {1: date(2024, 9, 1), 2: date(2024, 9, 1), 3: date(2024, 6, 30), 4: None}
MEMBERS = [_member(i, again) for i, again in AGAIN.items()]
EVENTS = [
    event
    for i, again in AGAIN.items()
    if again is not None
    for event in (
        MemberEvent(f"dv{i}", K.XOA_TEN, OUT, org_id="cb"),
        MemberEvent(f"dv{i}", K.KET_NAP_LAI, again, org_id="cb"),
    )
]
RATED = [Evaluation(f"dv{i}", 2024, Rating.HTTNV) for i in (1, 3, 4)]


def _records(history: History | None) -> RatingRound:
    return RatingRound(OrgTree.build(ORGS, MEMBERS), RATED, 2024, history=history)


def _tables(history: History | None, engine: str = "polars") -> RatingRound:
    members = pl.DataFrame(
        {
            "id": [m.id for m in MEMBERS],
            "org_id": [m.org_id for m in MEMBERS],
            "full_name": [m.full_name for m in MEMBERS],
            "admitted_on": [m.admitted_on for m in MEMBERS],
            "committee_role": [None] * len(MEMBERS),
        },
        schema_overrides={"committee_role": pl.String},
    )
    evaluations = pl.DataFrame(
        {"subject_id": [e.subject_id for e in RATED], "year": [2024] * 3, "rating": ["HTTNV"] * 3}
    )
    return RatingRound.from_frames(
        OrgTree.build(ORGS),
        in_engine(members, engine),
        in_engine(evaluations, engine),
        2024,
        history=history,
    )


def _history() -> History:
    history = History(MEMBERS, EVENTS)
    assert not history.problems()
    return history


@pytest.mark.parametrize("made", [_records, _tables])
def test_re_admitted_lately_and_rated_fails(made: Any) -> None:
    report = QD124.check(made(_history()))
    found = [(r.subject.id, r.status) for r in report["qd124.not_to_be_rated"]]
    assert found == [("dv1", Status.FAIL)]
    assert "chưa đủ 6 tháng" in report["qd124.not_to_be_rated"][0].message


@pytest.mark.parametrize("made", [_records, _tables])
def test_re_admitted_lately_is_not_missing_a_rating(made: Any) -> None:
    """dv2, re-admitted in September without a rating, is not one whose rating is
    unknown; dv1, dv3 and dv4 are rated."""
    rr = made(_history())
    assert rr.unrated_members("cb") == 0
    assert rr.unrated_members("xa") == 0


@pytest.mark.parametrize("made", [_records, _tables])
def test_without_events_the_record_is_read(made: Any) -> None:
    """Without the events the round knows only the first admission, as before."""
    rr = made(None)
    assert "qd124.not_to_be_rated" not in {r.rule.code for r in QD124.check(rr)}
    assert rr.unrated_members("xa") == 1


def test_the_command_line_reads_the_events(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check --rules qd124` on data with events reads the re-admissions."""
    from coso_dang.cli import main
    from coso_dang.dataset import Dataset
    from coso_dang.io import dump

    path = tmp_path / "xa.json"
    dump(Dataset(ORGS, MEMBERS, evaluations=RATED, member_events=EVENTS), path)
    main(["check", str(path), "--rules", "qd124", "--year", "2024"])
    out = capsys.readouterr().out
    assert "chưa đủ 6 tháng nhưng được xếp loại" in out


def test_records_of_the_re_admitted_are_read_from_their_chi_bo() -> None:
    """Looking up the members re-admitted does not build the index of every member
    (a nation's, for a few re-admissions)."""
    rr = _records(_history())
    QD124.check(rr)
    assert rr.unrated_members("xa") == 0
    # The index is a cached slot of the round: unset while never built.
    index = RatingRound.__dict__["_members"]
    with pytest.raises(AttributeError):
        index.__get__(rr, RatingRound)


@pytest.mark.parametrize("engine", ["polars-lazy", "pandas", "pyarrow", "duckdb"])
def test_every_engine_reads_the_re_admissions(engine: str) -> None:
    rr = _tables(_history(), engine)
    found = [(r.subject.id, r.status) for r in QD124.check(rr)["qd124.not_to_be_rated"]]
    assert found == [("dv1", Status.FAIL)]
    assert rr.unrated_members("xa") == 0


@pytest.mark.parametrize("made", [_records, _tables])
def test_form_6f_counts_the_re_admitted_lately_as_new(made: Any) -> None:
    """Biểu 6F: dv2, re-admitted on 1/9/2024 and not rated, is "mới kết nạp chưa đủ 6
    tháng" on 31/12/2024, the reason the rules leave it unrated, not "lý do khác"."""
    from coso_dang.operations import form_6f

    counts = form_6f(made(_history()))
    assert (counts.members_due, counts.members_done) == (4, 3)
    assert (counts.members_new, counts.members_other) == (1, 0)
    # Without the events only the first admission (2000) is known: another reason.
    bare = form_6f(made(None))
    assert (bare.members_new, bare.members_other) == (0, 1)


def test_two_years_running_counts_from_the_re_admission(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """dv2, re-admitted on 1/9/2024, was not rated in 2024 (under 6 months by 31/12);
    rated KHTNV in 2025 it is not two years running: a pass, not "chưa có xếp loại năm
    2024 để đối chiếu" (missing data), in the removal list and on the command line.
    Without the events only the first admission (2000) is known, and the 2024 rating is
    missing."""
    from coso_dang.cli import main
    from coso_dang.dataset import Dataset
    from coso_dang.io import dump
    from coso_dang.operations import removal_list
    from coso_dang.rules import STATUS, StatusRound

    tree = OrgTree.build(ORGS, MEMBERS)
    evs = [*RATED, Evaluation("dv2", 2025, Rating.KHTNV)]
    code = "qd29.xoa_ten.hai_nam_lien"
    for history, status in [(_history(), Status.PASS), (None, Status.MISSING_DATA)]:
        [result] = STATUS.check(StatusRound(tree, 2025, (), evs, history=history))[code]
        assert (result.subject.id, result.status) == ("dv2", status)
        listed = removal_list(tree, date(2025, 12, 31), (), evs, history=history)
        found = [r for r in listed.results if r.rule.code == code]
        assert [(r.subject.id, r.status) for r in found] == (
            [] if status is Status.PASS else [("dv2", status)]
        )
    missing = "Xếp loại KHTNV năm 2025; chưa có xếp loại năm 2024 để đối chiếu"
    for events, said in [(EVENTS, False), ((), True)]:
        path = tmp_path / f"xa{len(events)}.json"
        dump(Dataset(ORGS, MEMBERS, evaluations=evs, member_events=events), path)
        assert main(["danh-sach", str(path), "--loai", "xoa-ten", "--dot", "31/12/2025"]) == 0
        listed_out = capsys.readouterr().out
        main(["check", str(path), "--rules", "trang-thai", "--year", "2025"])
        checked_out = capsys.readouterr().out
        assert (missing in listed_out, missing in checked_out) == (said, said)


@pytest.mark.parametrize(
    ("back", "status"),
    [
        # Removed in 2018, re-admitted on 1/3/2025: out of the party on 31/12/2024.
        (date(2025, 3, 1), Status.PASS),
        # Back on 1/1/2025, the day after: out of it on 31/12/2024 too.
        (date(2025, 1, 1), Status.PASS),
        # Back on 31/12/2024 itself, a day of activity: the 2024 rating is missing.
        (date(2024, 12, 31), Status.MISSING_DATA),
    ],
)
def test_two_years_running_not_while_out_of_the_party(back: date, status: Status) -> None:
    """KHTNV in 2025 and no evaluation of 2024: a member out of party activity on
    31/12/2024 (a gap in the record, no events needed) could not be rated that year, so
    it is not two years running, not a rating missing."""
    from coso_dang.rules import STATUS, StatusRound

    gone = Member(
        "dv9", "Nguyễn Văn 9", "cb", admitted_on=FIRST,
        inactive_periods=cast(Any, [InactivePeriod(OUT, back)]),
    )  # fmt: skip
    tree = OrgTree.build(ORGS, [gone])
    evs = [Evaluation("dv9", 2025, Rating.KHTNV)]
    [result] = STATUS.check(StatusRound(tree, 2025, (), evs))["qd29.xoa_ten.hai_nam_lien"]
    assert result.status is status


def _marked_round(engine: str) -> RatingRound:
    """dv1 re-admitted lately, dv3 admitted lately, dv4 exempted; dv5 and dv9 (of no
    member) marked exempted on their evaluations; dv8 of no member, dv2 neither."""
    members = pl.DataFrame(
        {
            "id": ["dv1", "dv2", "dv3", "dv4", "dv5"],
            "org_id": ["cb"] * 5,
            "full_name": [f"Lê Văn {i}" for i in range(5)],
            "admitted_on": [FIRST, FIRST, date(2024, 10, 1), FIRST, FIRST],
            "exempted_on": [None, None, None, date(2024, 3, 1), None],
            "committee_role": [None] * 5,
        },
        schema_overrides={"committee_role": pl.String},
    )
    ids = ["dv9", "dv1", "dv3", "dv4", "dv5", "dv8", "dv2"]
    evaluations = pl.DataFrame(
        {
            "subject_id": ids,
            "year": [2024] * len(ids),
            "rating": ["HTTNV"] * len(ids),
            "exempted": [True, False, False, False, True, False, False],
        }
    )
    return RatingRound.from_frames(
        OrgTree.build(ORGS),
        in_engine(members, engine),
        in_engine(evaluations, engine),
        2024,
        history=History(MEMBERS[:1], EVENTS[:2]),
    )


_NOT_RATED = next(r for r in QD124.rules if r.code == "qd124.not_to_be_rated")


def _field_rows(pairs: list[tuple[Evaluation, Member | None]]) -> list[str]:
    """Every field of each evaluation and its member, in a sortable form (the records'
    reprs hide most fields)."""
    return sorted(
        repr((attrs.astuple(ev), None if member is None else attrs.astuple(member)))
        for ev, member in pairs
    )


@pytest.mark.parametrize(
    "engine",
    [
        "polars",
        "polars-lazy",
        "pandas",
        "pandas-nullable",
        "pandas-arrow",
        "pyarrow",
        "duckdb",
        "dask",
    ],
)
@pytest.mark.filterwarnings("ignore:Dask support is moving:FutureWarning")
def test_the_rule_s_two_parts_keep_what_its_expression_keeps(engine: str) -> None:
    """The member part read over the members alone keeps the rows the joined expression
    keeps: re-admitted, exempted members and evaluations, and evaluations of no member."""
    rr = _marked_round(engine)
    assert rr.table is not None
    rule = _NOT_RATED
    assert isinstance(rule, MemberRatingRule)
    parts = rule.where_parts(rr)
    whole = rr.table.member_evaluations(rule.where(rr))
    split = rr.table.member_evaluations(parts=parts)
    assert _field_rows(split) == _field_rows(whole)
    assert {ev.subject_id for ev, _ in split} == {"dv9", "dv1", "dv3", "dv4", "dv5"}
    if engine == "polars":  # rows in order
        assert split == whole


def test_a_rule_giving_its_own_expression_is_read_by_it() -> None:
    """A subclass giving only its own :meth:`where` is not read by its parent's parts."""

    @frozen
    class OnlyMarked(QD124NotToBeRatedRule):
        code: ClassVar[str] = "test.only_marked"

        def where(self, source: RatingRound) -> Any:
            return nw.col("exempted")

    rr = _marked_round("polars")
    found = {r.subject.id for r in OnlyMarked().check_each(rr, year=2024)}
    assert found == {"dv9", "dv5"}
    assert {r.subject.id for r in _NOT_RATED.check_each(rr, year=2024)} == {
        "dv9",
        "dv1",
        "dv3",
        "dv4",
        "dv5",
    }


def test_a_subclass_giving_only_its_parts_is_read_by_them() -> None:
    """A subclass giving its own parts under its parent's :meth:`where` is read by the
    parts (here narrower than the rule's, to show which was read)."""

    @frozen
    class OnlyMarkedParts(QD124NotToBeRatedRule):
        code: ClassVar[str] = "test.only_marked_parts"

        def where_parts(self, source: RatingRound) -> tuple[Any, Any]:
            return nw.col("exempted"), nw.col("admitted_on") > date(2100, 1, 1)

    rr = _marked_round("polars")
    found = {r.subject.id for r in OnlyMarkedParts().check_each(rr, year=2024)}
    assert found == {"dv9", "dv5"}


def test_a_round_s_evaluations_are_read_by_an_expression_or_by_parts_not_both() -> None:
    rr = _marked_round("polars")
    assert rr.table is not None
    with pytest.raises(ArgumentError, match="where hoặc parts"):
        rr.table.member_evaluations(nw.col("exempted"), parts=(nw.col("exempted"), nw.lit(False)))
