"""A member count registered from outside the package counts like a built-in one."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from typing import Any

import attrs
import pytest

from coso_dang import (
    Indicator,
    IndicatorError,
    Member,
    MemberCount,
    Organization,
    OrgKind,
    OrgTree,
    RecordError,
    RollupDates,
    get_indicator,
    indicators,
    member_counts,
    register_member_count,
    rollup,
    unregister_member_count,
)
from coso_dang.attributes import Ethnicity
from coso_dang.frame import evaluations_frame, members_frame, rollup_frame
from coso_dang.indicators import unregister_indicator
from coso_dang.rules import RuleSet
from coso_dang.rules.generic import CountAtLeastRule
from coso_dang.testing import generate_province

CODE = "dang_vien_dan_toc_thieu_so"
MINORITIES = [e.value for e in Ethnicity if e.is_minority]
LABEL = "Đảng viên là người dân tộc thiểu số"


def _minority(member: Member, dates: RollupDates) -> bool | None:
    return None if member.ethnicity is None else member.ethnicity.is_minority


def _minority_expression(dates: RollupDates) -> Any:
    import narwhals as nw

    return nw.col("ethnicity").is_in(MINORITIES)


def _ethnicity_missing(dates: RollupDates) -> Any:
    import narwhals as nw

    return nw.col("ethnicity").is_null()


def _admitted_this_year(member: Member, dates: RollupDates) -> bool:
    return dates.year_start <= member.admitted_on <= dates.on


def _admitted_expression(dates: RollupDates) -> Any:
    import narwhals as nw

    admitted = nw.col("admitted_on")
    return (admitted >= dates.year_start) & (admitted <= dates.on)


@pytest.fixture
def minority() -> Iterator[MemberCount]:
    """The count of the docs' example, registered for one test only."""
    count = register_member_count(
        Indicator(CODE, LABEL, "đảng viên"),
        _minority,
        _minority_expression,
        unknown=_ethnicity_missing,
        columns=["ethnicity"],
    )
    yield count
    unregister_member_count(CODE)


def _tree(*members: Member) -> OrgTree:
    return OrgTree.build(
        [
            Organization("x", "Đảng bộ xã Nà Hẩu", OrgKind.DANG_BO_CO_SO),
            Organization("c1", "Chi bộ bản 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="x"),
            Organization("c2", "Chi bộ bản 2", OrgKind.CHI_BO_TRUC_THUOC, parent_id="x"),
        ],
        members,
    )


def _member(mid: str, org: str, ethnicity: Ethnicity | None, **more: Any) -> Member:
    return Member(
        mid, f"Đảng viên {mid}", org, admitted_on=date(2010, 1, 1), ethnicity=ethnicity, **more
    )


class TestHandBuilt:
    def test_counts_merges_and_unknown(self, minority: MemberCount) -> None:
        """Counted among active members, merged up, unknown where ethnicity is missing."""
        tree = _tree(
            _member("a", "c1", Ethnicity.THAI),
            _member("b", "c1", Ethnicity.KINH),
            _member("c", "c1", Ethnicity.MONG, left_on=date(2024, 3, 1)),  # left: not counted
            _member("d", "c2", Ethnicity.TAY),
            _member("e", "c2", Ethnicity.DAO),
        )
        result = rollup(tree, year=2024)
        assert 1 == result["c1"][CODE]
        assert 2 == result["c2"][CODE]
        assert 3 == result["x"][CODE]
        blank = _tree(_member("a", "c1", Ethnicity.THAI), _member("d", "c2", None))
        unknown = rollup(blank, year=2024)
        assert 1 == unknown["c1"][CODE]
        assert unknown["c2"].get(CODE) is None
        assert unknown["x"].get(CODE) is None  # unknown is not zero, all the way up
        assert 2 == unknown["x"]["dang_vien"]

    def test_records_frame_report_and_rules(self, minority: MemberCount) -> None:
        """The count shows in to_records, to_frame, the tally table and a rule's report."""
        result = rollup(
            _tree(_member("a", "c1", Ethnicity.THAI), _member("b", "c2", Ethnicity.KINH)), year=2024
        )
        records = {r["id"]: r for r in result.to_records()}
        assert 1 == records["x"][CODE]
        assert 0 == records["c2"][CODE]
        pytest.importorskip("polars")
        assert [1, 1, 0] == result.to_frame("polars")[CODE].to_list()
        assert LABEL in result["x"]._repr_html_()
        rules = RuleSet("Dân tộc", [CountAtLeastRule(indicator=CODE, minimum=2)])
        report = rules.check(result["x"])
        assert [(1, "fail")] == [(r["observed"], r["status"]) for r in report.to_records()]
        assert LABEL in report.to_html()

    def test_taken_among_another_count(self) -> None:
        """A count taken among a registered one; the population's unknown carries down."""
        register_member_count(
            Indicator("dv_moi", "Đảng viên mới", "đảng viên"),
            _admitted_this_year,
            _admitted_expression,
            among=None,
            columns=["admitted_on"],
        )
        try:
            register_member_count(
                Indicator("dv_moi_dan_toc", "Đảng viên mới là người dân tộc thiểu số", "người"),
                _minority,
                _minority_expression,
                unknown=_ethnicity_missing,
                among="dv_moi",
                columns=["ethnicity"],
            )
            tree = _tree(
                Member("n", "Mới 1", "c1", admitted_on=date(2024, 3, 2), ethnicity=Ethnicity.THAI),
                Member("o", "Mới 2", "c1", admitted_on=date(2024, 5, 2), ethnicity=Ethnicity.KINH),
                _member("p", "c1", Ethnicity.THAI),
                _member("q", "c2", None),  # not new: its blank ethnicity does not matter
            )
            result = rollup(tree, year=2024)
            assert (2, 1) == (result["x"]["dv_moi"], result["x"]["dv_moi_dan_toc"])
            pytest.importorskip("narwhals")
            pytest.importorskip("polars")
            table = members_frame(tree.members())
            assert dict(result) == dict(rollup_frame(_tree(), table, year=2024))
            with pytest.raises(IndicatorError, match="được đếm trong nó"):
                unregister_member_count("dv_moi")
        finally:
            unregister_member_count("dv_moi_dan_toc")
            unregister_member_count("dv_moi")
        assert "dv_moi" not in {i.code for i in indicators()}


class TestRegistration:
    def test_registered_once_and_forgotten(self, minority: MemberCount) -> None:
        """Registering the same count again is harmless; another under its code is not."""
        again = register_member_count(
            Indicator(CODE, LABEL, "đảng viên"),
            _minority,
            _minority_expression,
            unknown=_ethnicity_missing,
            columns=["ethnicity"],
        )
        assert again is minority
        assert member_counts()[-1] is minority
        assert LABEL == get_indicator(CODE).label
        with pytest.raises(IndicatorError, match="đã được đăng ký"):
            register_member_count(
                Indicator(CODE, LABEL, "đảng viên"), _minority, _minority_expression
            )

    @pytest.mark.parametrize(
        ("code", "among", "columns", "match"),
        [
            ("ket_nap", "dang_vien", (), "đã được đăng ký"),
            ("tccsd", "dang_vien", (), "đã được thư viện đếm"),
            ("dv_x", "dang_vien_du_bi", (), "không phải số đếm đảng viên có phép thử riêng"),
            ("dv_x", "nothing", (), "không phải số đếm đảng viên có phép thử riêng"),
            ("dv_x", "dang_vien", ("full_name_typo",), "không phải một trường của Member"),
        ],
    )
    def test_refused(self, code: str, among: str, columns: tuple[str, ...], match: str) -> None:
        """Taken codes, populations that are no tested member count, unknown columns."""
        with pytest.raises(IndicatorError, match=match):
            register_member_count(
                Indicator(code, "Thử", "đảng viên"),
                _minority,
                _minority_expression,
                among=among,
                columns=columns,
            )
        assert code == "ket_nap" or code not in {c.code for c in member_counts()}

    def test_built_in_counts_stay(self) -> None:
        """Built-in counts cannot be unregistered."""
        with pytest.raises(IndicatorError, match="do người dùng đăng ký"):
            unregister_member_count("dang_vien")
        assert "dang_vien" == member_counts()[0].code

    def test_wrong_arguments(self) -> None:
        """Not an Indicator, or not callables: a clear error."""
        with pytest.raises(IndicatorError, match="Indicator"):
            register_member_count(CODE, _minority, _minority_expression)  # type: ignore[arg-type]
        with pytest.raises(IndicatorError, match="phải là hàm"):
            register_member_count(Indicator(CODE, LABEL, "đảng viên"), None, _minority_expression)  # type: ignore[arg-type]
        with pytest.raises(IndicatorError, match="unknown"):
            register_member_count(
                Indicator(CODE, LABEL, "đảng viên"),
                _minority,
                _minority_expression,
                unknown="ethnicity",  # type: ignore[arg-type]
            )

    def test_columns_as_one_string(self) -> None:
        """columns="ethnicity" is not the columns 'e', 't', 'h'...: refused with the list."""
        with pytest.raises(IndicatorError) as caught:
            register_member_count(
                Indicator(CODE, LABEL, "đảng viên"),
                _minority,
                _minority_expression,
                columns="ethnicity",
            )
        assert str(caught.value).endswith("viết ['ethnicity']")
        assert caught.value.message("en").endswith("write ['ethnicity']")
        assert CODE not in {c.code for c in member_counts()}


@pytest.mark.parametrize(
    ("answer", "got"),
    [
        (Ethnicity.THAI, "Ethnicity"),  # the member's ethnicity, not whether it is a minority
        (1, "int"),
        ("có", "str"),
        (date(1990, 1, 2), "date"),
    ],
)
def test_a_test_answering_neither_true_false_nor_none(answer: object, got: str) -> None:
    """A decide answering an enum, a number, a text or a date does not count by its truth.

    The error names the count and the answer's type, never the answer (it may be a
    member's personal data).
    """
    code = "dv_tra_loi_sai"
    register_member_count(
        Indicator(code, "Thử", "đảng viên"), lambda m, dates: answer, _minority_expression
    )
    try:
        tree = OrgTree.build(
            [Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO)],
            [Member("dv1", "Lò Văn Páo", "cb", admitted_on=date(2015, 3, 2))],
        )
        with pytest.raises(IndicatorError) as caught:
            rollup(tree, year=2024)
        assert str(caught.value) == (
            f"số đếm '{code}': decide trả về một {got}; phải trả về True, False hoặc None"
        )
        assert "1990" not in caught.value.message("en")
        assert caught.value.message("en") == (
            f"count '{code}': decide returned a {got}; it must return True, False or None"
        )
    finally:
        unregister_member_count(code)


@pytest.mark.parametrize("blanks", [0.0, 0.002])
@pytest.mark.parametrize("backend", ["polars", "pandas"])
def test_object_and_frame_paths_agree(minority: MemberCount, backend: str, blanks: float) -> None:
    """On a generated province, the object, polars and pandas paths agree on the count,
    which sums up the tree (or is unknown above a chi bộ with a blank ethnicity)."""
    pytest.importorskip("narwhals")
    pytest.importorskip(backend)
    data = generate_province(seed=11, scale=0.02)
    rng = random.Random(11)
    members = [
        attrs.evolve(m, ethnicity=None) if rng.random() < blanks else m for m in data.members
    ]
    year = data.year
    assert year is not None
    tree = OrgTree.build(data.organizations, members, data.units)
    expected = rollup(tree, year=year, evaluations=data.evaluations)
    table = members_frame(members, backend=backend)  # type: ignore[arg-type]
    assert "ethnicity" in table.columns
    ratings = evaluations_frame(data.evaluations, backend=backend)  # type: ignore[arg-type]
    bare = OrgTree.build(data.organizations, units=data.units)
    actual = rollup_frame(bare, table, year=year, evaluations=ratings)
    assert dict(expected) == dict(actual)
    on = date(year, 12, 31)
    chi_bo = [org.id for org in tree if org.kind.is_chi_bo]
    if not blanks:
        minorities = sum(
            m.is_active(on) and m.ethnicity is not None and m.ethnicity.is_minority for m in members
        )
        assert 0 < minorities == expected.root[CODE]
        assert minorities == sum(expected.own(oid)[CODE] for oid in chi_bo)
        return
    assert any(expected.own(oid).get(CODE) is None for oid in chi_bo)
    assert expected.root.get(CODE) is None  # unknown at a chi bộ, so above it


def _born_late(member: Member, dates: RollupDates) -> bool | None:
    return None if member.birth_date is None else member.birth_date.month > 6


def _born_late_expression(dates: RollupDates) -> Any:
    import narwhals as nw

    return nw.col("birth_date").dt.month() > 6


def _no_birth_date(dates: RollupDates) -> Any:
    import narwhals as nw

    return nw.col("birth_date").is_null()


def _day_divides(k: int) -> tuple[Any, Any]:
    def decide(member: Member, dates: RollupDates) -> bool:
        return member.admitted_on.day % k == 0

    def expression(dates: RollupDates) -> Any:
        import narwhals as nw

        return nw.col("admitted_on").dt.day() % k == 0

    return decide, expression


@pytest.mark.parametrize("backend", ["polars", "pandas"])
def test_wider_than_one_word(backend: str) -> None:
    """With more than 63 counts, unknown slots span two 64-bit words and still agree."""
    pytest.importorskip("narwhals")
    pytest.importorskip(backend)
    codes = [f"dv_thu_{i}" for i in range(36)]  # the last one sits past slot 63
    try:
        for i, code in enumerate(codes[:-1]):
            decide, expression = _day_divides(i % 7 + 2)
            register_member_count(Indicator(code, f"Thử {i}", "đảng viên"), decide, expression)
        register_member_count(
            Indicator(codes[-1], "Sinh nửa cuối năm", "đảng viên"),
            _born_late,
            _born_late_expression,
            unknown=_no_birth_date,
            columns=["birth_date"],
        )
        data = generate_province(seed=5, scale=0.01)
        members = [
            attrs.evolve(m, birth_date=None) if i % 97 == 0 else m
            for i, m in enumerate(data.members)
        ]
        year = data.year
        assert year is not None
        tree = OrgTree.build(data.organizations, members, data.units)
        expected = rollup(tree, year=year, evaluations=data.evaluations)
        assert len(expected.root) > 63  # even without the counts unknown there
        table = members_frame(members, backend=backend)  # type: ignore[arg-type]
        ratings = evaluations_frame(data.evaluations, backend=backend)  # type: ignore[arg-type]
        bare = OrgTree.build(data.organizations, units=data.units)
        actual = rollup_frame(bare, table, year=year, evaluations=ratings)
        assert dict(expected) == dict(actual)
        assert expected.root.get(codes[-1]) is None
        assert expected.root[codes[0]] > 0
    finally:
        for code in reversed(codes):
            if code in {c.code for c in member_counts()}:
                unregister_member_count(code)


def test_missing_column(minority: MemberCount) -> None:
    """A members table without a column a registered count reads: a clear error."""
    pytest.importorskip("narwhals")
    pytest.importorskip("polars")
    table = members_frame([_member("a", "c1", Ethnicity.THAI)]).drop("ethnicity")
    with pytest.raises(RecordError, match=r"ethnicity.*dang_vien_dan_toc_thieu_so"):
        rollup_frame(_tree(), table, year=2024)


def _youth(member: Member, dates: RollupDates) -> bool | None:
    return member.is_youth_union_member


def _youth_expression(dates: RollupDates) -> Any:
    import narwhals as nw

    return nw.col("is_youth_union_member")


def _youth_missing(dates: RollupDates) -> Any:
    import narwhals as nw

    return nw.col("is_youth_union_member").is_null()


@pytest.mark.parametrize("backend", ["polars", "pandas"])
def test_flag_column(backend: str) -> None:
    """A count reading a yes/no field: members_frame copies it as a nullable boolean."""
    pytest.importorskip("narwhals")
    pytest.importorskip(backend)
    register_member_count(
        Indicator("dang_vien_doan_vien", "Đảng viên là đoàn viên", "đảng viên"),
        _youth,
        _youth_expression,
        unknown=_youth_missing,
        columns=["is_youth_union_member"],
    )
    try:
        members = [
            _member("a", "c1", None, is_youth_union_member=True),
            _member("b", "c1", None, is_youth_union_member=False),
            _member("c", "c2", None, is_youth_union_member=None),
        ]
        expected = rollup(_tree(*members), year=2024)
        table = members_frame(members, backend=backend)  # type: ignore[arg-type]
        actual = rollup_frame(_tree(), table, year=2024)
        assert dict(expected) == dict(actual)
        assert 1 == actual["c1"]["dang_vien_doan_vien"]
        assert actual["x"].get("dang_vien_doan_vien") is None
    finally:
        unregister_member_count("dang_vien_doan_vien")


def test_dates_and_indicators() -> None:
    """RollupDates show their day; an indicator a ratio uses cannot be unregistered."""
    assert "RollupDates(2024, datetime.date(2024, 6, 30))" == repr(
        RollupDates(2024, date(2024, 6, 30))
    )
    with pytest.raises(IndicatorError, match="đang được dùng trong các tỷ lệ"):
        unregister_indicator("ket_nap")
    with pytest.raises(IndicatorError, match="không có chỉ tiêu mã"):
        unregister_indicator("khong_co")


@pytest.mark.parametrize("code", ["dang_vien_moi\n", "dang_vien_moi\n\n", "a b", "A", "1a", ""])
def test_an_indicator_code_is_lower_case_ascii_words_alone(code: str) -> None:
    """A code with a line end after it was taken ("$" matches before a final "\\n"): a
    second "dang_vien_moi" that no file, column or HTML title spells alike."""
    from coso_dang.indicators import Indicator

    with pytest.raises(IndicatorError, match="chữ thường ASCII"):
        Indicator(code, "Đảng viên mới", "đảng viên")


@pytest.mark.parametrize("code", ["vung-moi\n", "Vung-moi", "vung moi", "-vung"])
def test_a_pack_code_is_lower_case_words_joined_by_hyphens_alone(code: str) -> None:
    """A pack's code with a line end after it was taken, and --help listed it over two
    lines; --rules could not name it."""
    from coso_dang.rules import PackError, RuleSet

    with pytest.raises(PackError, match="chữ thường"):
        RuleSet("Bộ thử", [], code=code)
