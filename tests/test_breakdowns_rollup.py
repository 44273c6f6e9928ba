"""Breakdowns inside the rollups: golden counts by hand, every path agreeing, the checks,
the table a notebook reads, and the SQL form against the records."""

from __future__ import annotations

import importlib
import random
import sqlite3
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coso_dang import Gender, Member, Organization, OrgKind, OrgTree, Tally
from coso_dang.attributes import Ethnicity, Religion
from coso_dang.breakdowns import (
    ATTRIBUTES,
    COUNTED_COLUMNS,
    POPULATIONS,
    BreakdownError,
    breakdown,
    sql_case,
)
from coso_dang.rollup import rollup
from coso_dang.testing import Dataset, generate_province

ON = date(2025, 12, 31)
NU, NAM = Gender.NU, Gender.NAM
E, R = Ethnicity, Religion


def _m(
    id: str,
    org: str,
    gender: Gender | None,
    born: date | None,
    admitted: date,
    ethnicity: Ethnicity | None,
    religion: Religion | None,
    left: date | None = None,
) -> Member:
    return Member(
        id, f"Đảng viên {id}", org, admitted_on=admitted, birth_date=born, gender=gender,
        ethnicity=ethnicity, religion=religion, left_on=left,
    )  # fmt: skip


# Two chi bộ of one commune, written out so that every count below is counted by hand.
# a1 turns 31 on the period's last day; a3 was admitted on 19/8/1945, b1 on 01/5/1975 and
# b2 on 30/4/1975; b2's ethnicity and b3's birth date are not recorded; b4 left.
TREE = OrgTree.build(
    [
        Organization("xa", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO),
        Organization("cb1", "Chi bộ thôn 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa"),
        Organization("cb2", "Chi bộ thôn 2", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa"),
    ],
    [
        _m("a1", "cb1", NU, date(1994, 12, 31), date(2020, 3, 2), E.KINH, R.KHONG),
        _m("a2", "cb1", NAM, date(1995, 1, 1), date(2025, 6, 10), E.THAI, R.KHONG),
        _m("a3", "cb1", NAM, date(1925, 5, 1), date(1945, 8, 19), E.KINH, R.PHAT_GIAO),
        _m("b1", "cb2", NU, date(1950, 4, 30), date(1975, 5, 1), E.KINH, R.CONG_GIAO),
        _m("b2", "cb2", NAM, date(1940, 1, 1), date(1975, 4, 30), None, R.KHONG),
        _m("b3", "cb2", NU, None, date(2025, 11, 2), E.KINH, R.KHONG),
        _m("b4", "cb2", NAM, date(1960, 3, 3), date(2000, 1, 1), E.KINH, R.KHONG,
           left=date(2025, 3, 1)),
    ],
)  # fmt: skip


@pytest.fixture(scope="module")
def counted() -> Any:
    return rollup(TREE, year=2025, breakdowns=True)


class TestGolden:
    def test_sexes(self, counted: Any) -> None:
        assert {k: v for k, v in counted["cb1"].items() if "_gioi_tinh_" in k} == {
            "dang_vien_gioi_tinh_nam": 2, "dang_vien_gioi_tinh_nam_nu": 0,
            "dang_vien_gioi_tinh_nu": 1, "dang_vien_gioi_tinh_nu_nu": 1,
            "dang_vien_gioi_tinh_chua_ro": 0,
            "ket_nap_gioi_tinh_nam": 1, "ket_nap_gioi_tinh_nam_nu": 0,
            "ket_nap_gioi_tinh_nu": 0, "ket_nap_gioi_tinh_nu_nu": 0,
            "ket_nap_gioi_tinh_chua_ro": 0,
        }  # fmt: skip
        xa = counted["xa"]
        assert (xa["dang_vien_gioi_tinh_nam"], xa["dang_vien_gioi_tinh_nu"]) == (3, 3)
        assert (xa["ket_nap_gioi_tinh_nam"], xa["ket_nap_gioi_tinh_nu_nu"]) == (1, 1)

    def test_age_bands_turning_31_on_the_last_day(self, counted: Any) -> None:
        """a1 (born 31/12/1994) is 31 on 31/12/2025; a2 (born 1/1/1995) is 30."""
        cb1 = counted["cb1"]
        assert {k: v for k, v in cb1.items() if k.startswith("dang_vien_tuoi_") and v} == {
            "dang_vien_tuoi_18_30": 1,
            "dang_vien_tuoi_31_35": 1, "dang_vien_tuoi_31_35_nu": 1,
            "dang_vien_tuoi_tren_60": 1,
            "dang_vien_tuoi_tong": 30 + 31 + 100, "dang_vien_tuoi_so_nguoi": 3,
        }  # fmt: skip
        assert (cb1["ket_nap_tuoi_18_30"], cb1["ket_nap_tuoi_tong"]) == (1, 30)

    def test_an_unknown_birth_date_makes_the_bands_unknown_above(self, counted: Any) -> None:
        for org in ("cb2", "xa"):
            tally = counted[org]
            assert tally["dang_vien_tuoi_chua_ro"] == 1
            assert tally.get("dang_vien_tuoi_tren_60") is None
            assert tally.get("dang_vien_tuoi_tong") is None
        assert counted["cb1"]["dang_vien_tuoi_tren_60"] == 1
        # The table still shows the lower bounds and the unknown, and the exact average
        # over the known ages: 30, 31, 100, 75 and 85.
        table = counted.breakdown("tuoi", org="xa")
        assert [row.count for row in table.rows] == [1, 1, 0, 0, 0, 0, 0, 3]
        assert (table.unknown, table.average_age) == (1, Fraction(321, 5))

    def test_admission_eras(self, counted: Any) -> None:
        """19/8/1945 opens the second era; 30/4/1975 closes the third, 01/5/1975 opens
        the last."""
        xa = counted["xa"]
        assert [
            xa[f"dang_vien_thoi_ky_{code}"] for code, _ in ATTRIBUTES["thoi_ky"].categories
        ] == [0, 1, 1, 4]
        assert xa["dang_vien_thoi_ky_tu_1975_nu"] == 3  # a1, b1, b3
        assert xa["dang_vien_thoi_ky_chua_ro"] == 0

    def test_ethnicity_unknown_in_one_chi_bo(self, counted: Any) -> None:
        cb1, xa = counted["cb1"], counted["xa"]
        assert (cb1["dang_vien_dan_toc_kinh"], cb1["dang_vien_dan_toc_thai"]) == (2, 1)
        assert cb1["dang_vien_dan_toc_thieu_so_co"] == 1
        assert xa.get("dang_vien_dan_toc_kinh") is None
        assert xa.get("dang_vien_dan_toc_thieu_so_co") is None
        assert (xa["dang_vien_dan_toc_chua_ro"], xa["dang_vien_dan_toc_thieu_so_chua_ro"]) == (1, 1)

    def test_religions_and_probation(self, counted: Any) -> None:
        xa = counted["xa"]
        assert (xa["dang_vien_ton_giao_phat_giao"], xa["dang_vien_ton_giao_cong_giao"]) == (1, 1)
        assert (xa["dang_vien_ton_giao_cong_giao_nu"], xa["dang_vien_theo_ton_giao_co"]) == (1, 2)
        # a2 and b3, admitted in 2025: the rollup's own probation count agrees.
        assert xa["dang_vien_du_bi_co"] == xa["dang_vien_du_bi"] == 2
        assert xa["ket_nap_du_bi_co"] == 2

    def test_fields_not_recorded_are_unknown_not_zero(self, counted: Any) -> None:
        xa = counted["xa"]
        assert xa["dang_vien_nghe_nghiep_chua_ro"] == 6
        assert xa.get("dang_vien_nghe_nghiep_nghi_huu") is None
        # No academic title recorded means none held: known, and zero.
        assert (xa["dang_vien_hoc_ham_giao_su"], xa["dang_vien_hoc_ham_chua_ro"]) == (0, 0)

    def test_a_member_of_unknown_sex_makes_the_womens_counts_unknown(self) -> None:
        tree = OrgTree.build(
            [Organization("cb", "Chi bộ cơ sở A", OrgKind.CHI_BO_CO_SO)],
            [_m("x", "cb", None, date(1990, 1, 1), date(2015, 1, 1), E.KINH, R.KHONG)],
        )
        tally = rollup(tree, year=2025, breakdowns=["tuoi"])["cb"]
        assert tally["dang_vien_tuoi_31_35"] == 1
        assert tally.get("dang_vien_tuoi_31_35_nu") is None
        assert tally["dang_vien_gioi_tinh_chua_ro"] == 1


class TestSelection:
    def test_only_the_breakdowns_asked_for_and_the_sexes(self) -> None:
        result = rollup(TREE, year=2025, breakdowns=["tuoi"])
        assert result.breakdowns == ("gioi_tinh", "tuoi")
        assert "dang_vien_dan_toc_kinh" not in result["xa"]
        with pytest.raises(BreakdownError, match="dan_toc"):
            result.breakdown("dan_toc")

    def test_none_by_default_and_no_breakdown_columns(self) -> None:
        plain = rollup(TREE, year=2025)
        assert plain.breakdowns == ()
        record = plain.to_records()[0]
        assert "dang_vien" in record
        assert "dang_vien_tuoi_18_30" not in record
        with_them = rollup(TREE, year=2025, breakdowns=True).to_records()[0]
        assert with_them["dang_vien_tuoi_tong"] is None
        assert with_them["dang_vien_tuoi_chua_ro"] == 1

    def test_a_rollup_of_given_tallies_has_no_breakdown_table(self) -> None:
        from coso_dang.rollup import Rollup

        given = Rollup.from_tallies(TREE, {"cb1": Tally(dang_vien=3)})
        with pytest.raises(BreakdownError, match="tuoi"):
            given.breakdown("tuoi")
        with pytest.raises(BreakdownError, match="dang_vien_moi"):
            rollup(TREE, year=2025, breakdowns=True).breakdown("tuoi", population="dang_vien_moi")

    def test_given_tallies_make_the_table_only_when_every_count_is_given(
        self, counted: Any
    ) -> None:
        """Counts typed in for every chi bộ make the counted table; where one chi bộ
        lacks them, its members would be in no row and not unknown either: refused, as
        are counts without the sexes every table reads (not a KeyError)."""
        from coso_dang.rollup import Rollup

        ages = (*ATTRIBUTES["tuoi"].codes("dang_vien"), "dang_vien")
        sexes = ATTRIBUTES["gioi_tinh"].codes("dang_vien")
        cb1 = Tally({code: counted.own("cb1")[code] for code in (*ages, *sexes)})
        alone = Rollup.from_tallies(TREE, {"cb1": cb1}, as_of=ON)
        for org in (None, "xa", "cb1"):
            assert alone.breakdown("tuoi", org=org) == counted.breakdown("tuoi", org="cb1")
        cb2 = Tally(dang_vien=counted.own("cb2")["dang_vien"])
        part = Rollup.from_tallies(TREE, {"cb1": cb1, "cb2": cb2}, as_of=ON)
        assert part.breakdown("tuoi", org="cb1") == counted.breakdown("tuoi", org="cb1")
        for org in (None, "xa", "cb2"):
            with pytest.raises(BreakdownError, match="dang_vien_tuoi_18_30"):
                part.breakdown("tuoi", org=org)
        no_sexes = Tally({code: counted.own("cb1")[code] for code in ages})
        with pytest.raises(BreakdownError, match="tuoi"):
            Rollup.from_tallies(TREE, {"cb1": no_sexes}, as_of=ON).breakdown("tuoi")
        # The ethnicities decide only which minority cells to hide: lacking them at one
        # chi bộ leaves the exact table, and asks for them for the hidden one.
        minority = (*ATTRIBUTES["dan_toc_thieu_so"].codes("dang_vien"), "dang_vien", *sexes)
        fine = ATTRIBUTES["dan_toc"].codes("dang_vien")
        known = Tally({c: counted.own("cb1")[c] for c in minority})
        full = Tally({**known, **{c: counted.own("cb1")[c] for c in fine}})
        mixed = Rollup.from_tallies(TREE, {"cb1": full, "cb2": known}, as_of=ON)
        exact = mixed.breakdown("dan_toc_thieu_so", min_cell=1)
        alone = counted.breakdown("dan_toc_thieu_so", org="cb1", min_cell=1)
        assert (exact.total, exact.rows[0].count) == (2 * alone.total, 2 * alone.rows[0].count)
        with pytest.raises(BreakdownError, match="'dan_toc'"):
            mixed.breakdown("dan_toc_thieu_so")

    def test_an_unknown_breakdown_is_named(self) -> None:
        with pytest.raises(BreakdownError, match="'mau_toc'"):
            rollup(TREE, year=2025, breakdowns=["mau_toc"])
        assert rollup(TREE, year=2025, breakdowns=[]).breakdowns == ()
        assert rollup(TREE, year=2025, breakdowns="dan_toc").breakdowns == ("gioi_tinh", "dan_toc")


class TestChecks:
    def test_a_counted_rollup_adds_up(self, counted: Any) -> None:
        for org in counted:
            assert counted[org].problems() == []

    def test_bands_that_do_not_add_up_are_named(self) -> None:
        tally = Tally(
            dang_vien=10, dang_vien_tuoi_18_30=4, dang_vien_tuoi_31_35=3,
            **{f"dang_vien_tuoi_{c}": 0 for c, _ in ATTRIBUTES["tuoi"].categories[2:]},
            dang_vien_tuoi_chua_ro=2,
        )  # fmt: skip
        assert [(p.field, p.reason) for p in tally.problems()] == [
            ("dang_vien", "dang_vien_tuoi = 9, không bằng số này")
        ]

    def test_women_above_their_row_and_above_the_whole(self) -> None:
        tally = Tally(
            dang_vien_dan_toc_tay=2, dang_vien_dan_toc_tay_nu=3, dang_vien_gioi_tinh_nu=2,
            **{f"dang_vien_dan_toc_{c}_nu": 0 for c, _ in ATTRIBUTES["dan_toc"].categories
               if c != "tay"},
        )  # fmt: skip
        reasons = sorted(p.reason for p in tally.problems())
        assert reasons == [
            "dang_vien_dan_toc (nữ) = 3, lớn hơn số này",
            "dang_vien_dan_toc_tay_nu = 3, lớn hơn số này",
        ]

    def test_a_member_under_18_is_found(self) -> None:
        tree = OrgTree.build(
            [Organization("cb", "Chi bộ cơ sở A", OrgKind.CHI_BO_CO_SO)],
            [_m("x", "cb", NU, date(2010, 1, 1), date(2024, 1, 1), E.KINH, R.KHONG)],
        )
        problems = rollup(tree, year=2025, breakdowns=["tuoi"]).root.problems()
        assert [p.reason for p in problems] == ["dang_vien_tuoi = 0, không bằng số này"]


class TestTable:
    def test_each_breakdown_equals_the_records(self, counted: Any) -> None:
        for org in ("xa", "cb1", "cb2", None):
            for population in POPULATIONS:
                for code in ATTRIBUTES:
                    expected = breakdown(
                        TREE, code, on=ON, population=population, org=org, min_cell=1
                    )
                    got = counted.breakdown(code, org=org, population=population, min_cell=1)
                    assert got == expected, (org, population, code)

    def test_the_tally_holds_what_to_counts_gives(self, counted: Any) -> None:
        """One code pattern: the records' counts, unknown where the rollup's are."""
        for org in ("xa", "cb1", "cb2"):
            tally = counted[org]
            for population in POPULATIONS:
                for code in ATTRIBUTES:
                    table = breakdown(TREE, code, on=ON, population=population, org=org, min_cell=1)
                    expected = table.to_counts()
                    assert {k: tally.get(k) for k in expected} == expected, (org, code)

    def test_small_cells_of_personal_attributes_are_suppressed(self, counted: Any) -> None:
        ethnic = counted.breakdown("dan_toc", org="cb1")
        assert ethnic.suppressed
        assert ethnic.rows[0].count is None
        assert counted.breakdown("gioi_tinh", org="cb1").rows[0].count == 2
        frame = counted.breakdown("tuoi", org="cb1").to_frame()
        assert frame["count"].to_list()[:2] == [1, 1]

    def test_the_html_view_shows_the_breakdowns(self, counted: Any) -> None:
        page = counted._repr_html_()
        assert "Đảng viên theo tuổi đời" in page
        assert "Từ 31 - 35 tuổi" in page
        # One Thái member: the cell shows "ẩn", not the count that would single him out.
        assert "<td>Thái</td><td>ẩn</td><td>ẩn</td><td></td></tr>" in page
        assert "&lt;5" not in page


# -- every path agrees ----------------------------------------------------------------------

FEW = settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)  # fmt: skip
_BLANKABLE = (
    "gender", "birth_date", "ethnicity", "religion", "occupation", "general_education",
    "education", "political_theory", "is_youth_union_member", "academic_title",
)  # fmt: skip


def _province(seed: int, blanks: float) -> Dataset:
    data = generate_province(seed=seed, scale=0.01, year=2024)
    rng = random.Random(seed)
    members = []
    for member in data.members:
        if rng.random() < blanks:
            member = attrs.evolve(member, **{rng.choice(_BLANKABLE): None})
        members.append(member)
    return attrs.evolve(data, members=tuple(members))


ENGINES = ("polars", "pandas", "polars-lazy", "pyarrow", "duckdb")


@pytest.mark.parametrize("engine", ENGINES)
@FEW
@given(seed=st.integers(0, 2**32 - 1), blanks=st.sampled_from([0.0, 0.02]), day=st.integers(0, 365))
def test_every_path_agrees(engine: str, seed: int, blanks: float, day: int) -> None:
    """Object path, polars, pandas and the lazy engines: the same counts everywhere."""
    pytest.importorskip("narwhals")
    pytest.importorskip(engine.split("-")[0])
    from coso_dang.frame import evaluations_frame, members_frame, rollup_frame

    data = _province(seed, blanks)
    as_of = date(2024, 1, 1) + timedelta(days=day)
    expected = rollup(data.tree(), year=2024, evaluations=data.evaluations, as_of=as_of,
                      breakdowns=True)  # fmt: skip
    backend = "pandas" if engine == "pandas" else "polars"
    table = members_frame(data.members, backend=backend, breakdowns=True)
    ratings = evaluations_frame(data.evaluations, backend=backend)
    if engine == "polars-lazy":
        table, ratings = table.lazy(), ratings.lazy()
    elif engine == "pyarrow":
        table, ratings = table.to_arrow(), ratings.to_arrow()
    elif engine == "duckdb":
        duckdb = importlib.import_module("duckdb")
        table, ratings = duckdb.from_arrow(table.to_arrow()), duckdb.from_arrow(ratings.to_arrow())
    tree = OrgTree.build(data.organizations, units=data.units)
    actual = rollup_frame(tree, table, year=2024, evaluations=ratings, as_of=as_of,
                          breakdowns=True)  # fmt: skip
    assert dict(expected) == dict(actual)
    # The breakdowns add up wherever they are known: they add no problem of their own.
    plain = rollup(data.tree(), year=2024, evaluations=data.evaluations, as_of=as_of)
    assert all(expected[org].problems() == plain[org].problems() for org in expected)


@FEW
@given(seed=st.integers(0, 2**32 - 1), blanks=st.sampled_from([0.0, 0.05]), day=st.integers(0, 365))
def test_the_object_path_counts_the_same_with_numpy_or_without(
    seed: int, blanks: float, day: int
) -> None:
    """The object path counts the breakdowns with numpy when it is installed and with
    Counters when not (numpy is an extra): cell for cell the same, unknowns included."""
    pytest.importorskip("numpy")
    import coso_dang._counting as counting

    data = _province(seed, blanks)
    as_of = date(2024, 1, 1) + timedelta(days=day)
    tree = data.tree()
    with_numpy = rollup(tree, year=2024, evaluations=data.evaluations, as_of=as_of,
                        breakdowns=True)  # fmt: skip
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(counting, "_numpy", lambda: None)
        without = rollup(tree, year=2024, evaluations=data.evaluations, as_of=as_of,
                         breakdowns=True)  # fmt: skip
    assert dict(with_numpy) == dict(without)
    assert all(type(n) is int for n in with_numpy.root.values() if n is not None)
    if blanks:  # some breakdown counts unknown, and the same ones both ways
        codes = [c for a in ATTRIBUTES.values() for c in a.codes("dang_vien")]
        assert any(code not in with_numpy.root for code in codes)


@pytest.mark.parametrize(("picked_below", "int32_below"), [(0.0, 2**31), (2.0, 1)])
def test_the_arrays_count_alike_in_place_or_picked_and_in_32_or_64_bits(
    picked_below: float, int32_below: int
) -> None:
    """Every population counted in place or picked out, and the counts held in 64-bit
    integers where 32 bits could overflow: the same counts."""
    pytest.importorskip("numpy")
    import coso_dang._counting as counting

    data = _province(5, 0.05)
    expected = rollup(data.tree(), year=2024, evaluations=data.evaluations, breakdowns=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(counting, "_PICKED_BELOW", picked_below)
        patch.setattr(counting, "INT32_BELOW", int32_below)
        found = rollup(data.tree(), year=2024, evaluations=data.evaluations, breakdowns=True)
    assert dict(found) == dict(expected)


def test_a_value_the_lookup_table_lacks_is_placed_by_the_attribute() -> None:
    """A coded value that is not one of the objects the identity table was made from (its
    class imported twice) is placed by the attribute itself: the same counts."""
    import coso_dang._counting as counting
    import coso_dang._member_arrays as member_arrays

    data = _province(3, 0.05)
    expected = rollup(data.tree(), year=2024, breakdowns=True)
    known = counting.coded_values
    with pytest.MonkeyPatch.context() as patch:
        # Every field's table without its last value: those members miss the table.
        def fewer(name: str) -> tuple[object, ...] | None:
            return (known(name) or (None,))[:-1] or None

        patch.setattr(counting, "coded_values", fewer)
        patch.setattr(member_arrays, "coded_values", fewer)
        # A tree of its own: the arrays of a tree's members are made once, with its first
        # rollup.
        assert dict(rollup(data.tree(), year=2024, breakdowns=True)) == dict(expected)


def test_a_table_without_the_columns_is_refused() -> None:
    pytest.importorskip("polars")
    from coso_dang.errors import RecordError
    from coso_dang.frame import members_frame, rollup_frame

    table = members_frame(TREE.members())
    with pytest.raises(RecordError, match="gender: thiếu cột: phân tổ gioi_tinh"):
        rollup_frame(TREE, table, year=2025, breakdowns=["tuoi"])


@pytest.mark.parametrize("lazy", [False, True])
def test_a_table_value_that_is_no_code_of_its_list_is_refused_by_the_rollup(lazy: bool) -> None:
    """Kinh members written "Kinh" (the label, not "kinh") were counted as ethnic
    minorities: refused, the column named and the value not quoted."""
    polars = pytest.importorskip("polars")
    from coso_dang.frame import members_frame, rollup_frame

    members = [
        Member(f"dv{n}", "Lê Văn An", "cb", admitted_on=date(2010, 3, 2), ethnicity=Ethnicity.KINH)
        for n in range(6)
    ]
    tree = OrgTree.build([Organization("cb", "Chi bộ Thôn 1", OrgKind.CHI_BO_CO_SO)])
    table = members_frame(members, breakdowns=True).with_columns(
        polars.lit("Kinh").alias("ethnicity")
    )
    with pytest.raises(BreakdownError, match=r"'ethnicity'.*6 ") as raised:
        rollup_frame(tree, table.lazy() if lazy else table, year=2025, breakdowns=True)
    assert "Kinh" not in str(raised.value)
    # Without breakdowns the column is not read.
    assert rollup_frame(tree, table, year=2025).root["dang_vien"] == 6


def test_blank_texts_of_a_polars_table_are_unknown_in_every_breakdown() -> None:
    """The text columns only the breakdowns read are not looked at before the count: a
    blank in one ("", spaces) is still no value, as the records have it."""
    polars = pytest.importorskip("polars")
    from coso_dang.frame import members_frame, rollup_frame

    data = generate_province(seed=3, scale=0.01, year=2024)
    rng = random.Random(3)
    blanked = {m.id: rng.choice(("gender", "ethnicity", "occupation")) for m in data.members[::7]}
    members = [
        attrs.evolve(m, **{blanked[m.id]: None}) if m.id in blanked else m for m in data.members
    ]
    table = members_frame(data.members, breakdowns=True)
    for name in ("gender", "ethnicity", "occupation"):
        gone = [i for i, field in blanked.items() if field == name]
        blank = polars.when(polars.col("id").is_in(gone)).then(polars.lit(" ", polars.String))
        table = table.with_columns(blank.otherwise(polars.col(name)).alias(name))
    tree = OrgTree.build(data.organizations, units=data.units)
    expected = rollup(OrgTree.build(data.organizations, members, data.units), year=2024,
                      breakdowns=True)  # fmt: skip
    assert dict(rollup_frame(tree, table, year=2024, breakdowns=True)) == dict(expected)


def test_a_stray_sex_is_refused_where_no_breakdown_counts_by_sex() -> None:
    """The sex is read by every breakdown (its women), counted by sex or not: a text
    none of its codes is refused, as in a column looked at."""
    polars = pytest.importorskip("polars")
    from coso_dang.frame import members_frame, rollup_frame

    members = [
        Member(f"dv{n}", "Lê Văn An", "cb", admitted_on=date(2010, 3, 2), gender=Gender.NU)
        for n in range(6)
    ]
    tree = OrgTree.build([Organization("cb", "Chi bộ Thôn 1", OrgKind.CHI_BO_CO_SO)])
    table = members_frame(members, breakdowns=True).with_columns(polars.lit("Nữ").alias("gender"))
    with pytest.raises(BreakdownError, match=r"'gender'.*6 "):
        rollup_frame(tree, table, year=2025, breakdowns=["tuoi"])


# -- the SQL form ---------------------------------------------------------------------------


def _sqlite(members: list[Member]) -> sqlite3.Connection:
    """The members in SQLite: dates as ISO text, flags as 0/1, coded values as codes."""
    columns = (
        "org_id", "admitted_on", "ceremony_on", "left_on", "birth_date", "gender", "ethnicity",
        "religion", "occupation", "general_education", "education", "political_theory",
        "academic_title", "is_youth_union_member", "owns_private_enterprise",
    )  # fmt: skip
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE TABLE members ({', '.join(columns)})")
    rows = []
    for m in members:
        row = []
        for name in columns:
            value = getattr(m, name)
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, bool):
                value = int(value)
            elif value is not None and not isinstance(value, str):
                value = value.value
            row.append(value)
        rows.append(row)
    db.executemany(f"INSERT INTO members VALUES ({', '.join('?' * len(columns))})", rows)
    return db


@FEW
@given(
    seed=st.integers(0, 2**32 - 1),
    on=st.sampled_from([date(2024, 12, 31), date(2024, 2, 29), date(2023, 2, 28), ON]),
)
def test_the_sql_form_counts_as_the_records(seed: int, on: date) -> None:
    """Each CASE, grouped in SQLite, gives every row of :func:`breakdown`."""
    data = _province(seed, 0.02)
    members = list(data.members) + list(TREE.members())
    db = _sqlite(members)
    active = (
        f"admitted_on <= '{on.isoformat()}' AND (left_on IS NULL OR left_on > '{on.isoformat()}')"
    )
    for code in ATTRIBUTES:
        query = (
            f"SELECT {sql_case(code, on)} AS k, COUNT(*), "
            # CASE, not SUM(gender = 'nu'): a group whose sexes are all unrecorded
            # sums to NULL, and breakdown() counts no woman there.
            "SUM(CASE WHEN gender = 'nu' THEN 1 ELSE 0 END) "
            f"FROM members WHERE {active} GROUP BY k"
        )
        found = {key: (n, women) for key, n, women in db.execute(query)}
        expected = breakdown(members, code, on=on, min_cell=1)
        for row in expected.rows:
            assert found.get(row.code, (0, 0)) == (row.count, row.female), (code, row.code)
        assert found.get("?", (0, 0))[0] == expected.unknown, code


def _born_on_the_edges(on: date) -> list[date]:
    """Birth days on either side of every age band's edge on *on* (a birthday on *on*
    itself, the day before and after), and 29/2 near them."""
    days = []
    for years in (18, 31, 36, 41, 46, 51, 56, 61):
        edge = date(on.year - years, on.month, 28 if on.month == 2 else on.day)
        days += [edge - timedelta(days=1), edge, edge + timedelta(days=1)]
    return [*days, date(1964, 2, 29), date(1996, 2, 29)]


# The eras' first and last days, and probation's edges (admitted 12 months before *on*).
_ADMITTED_EDGES = (date(1945, 8, 18), date(1945, 8, 19), date(1954, 7, 20), date(1954, 7, 21),
                   date(1975, 4, 30), date(1975, 5, 1))  # fmt: skip


@pytest.mark.parametrize("on", [date(2024, 12, 31), date(2024, 2, 29), date(2023, 2, 28), ON])
def test_the_sql_form_reads_a_day_with_a_time_of_day_as_that_day(on: date) -> None:
    """Dates as pandas writes them to SQLite ('1994-12-31 00:00:00') and as timestamps
    in DuckDB: compared with "> '1994-12-31'", a member born on the edge of an age band
    fell in the younger band, one admitted on 30/4/1975 in the era after, and one whose
    probation ended on the period's last day stayed probationary; as
    :func:`~coso_dang.sql.rollup_sql` reads such a day, each is that day now."""
    pandas = pytest.importorskip("pandas")
    duckdb = pytest.importorskip("duckdb")
    year_before = on - timedelta(days=365)
    recent = [year_before + timedelta(days=k) for k in range(-2, 3)]
    old = date(1920, 1, 1)
    members = [
        Member(f"dv{n}", "Lê Văn An", "cb", admitted_on=recent[n % len(recent)],
               birth_date=born, gender=NAM if n % 2 else NU)
        for n, born in enumerate(_born_on_the_edges(on))
    ] + [
        Member(f"dk{n}", "Lê Văn An", "cb", admitted_on=day, birth_date=old, gender=NAM)
        for n, day in enumerate(_ADMITTED_EDGES)
    ]  # fmt: skip
    dated = ["admitted_on", "ceremony_on", "birth_date"]
    table = pandas.DataFrame({name: [getattr(m, name) for m in members] for name in dated})
    table = table.astype(dict.fromkeys(dated, "datetime64[ns]"))
    lite = sqlite3.connect(":memory:")
    table.to_sql("m", lite, index=False)
    assert lite.execute("SELECT birth_date FROM m").fetchone()[0].endswith(" 00:00:00")
    duck = duckdb.connect()
    duck.register("t", table)
    duck.execute("CREATE TABLE m AS SELECT * FROM t")
    assert "TIMESTAMP" in str(duck.execute("DESCRIBE m").fetchall())
    for code in ("tuoi", "thoi_ky", "du_bi"):
        expected = breakdown(members, code, on=on, start=old, population="ket_nap", min_cell=1)
        query = f"SELECT {sql_case(code, on)} AS k, COUNT(*) FROM m GROUP BY k"
        for db in (lite, duck):
            found = dict(db.execute(query).fetchall())
            for row in expected.rows:
                assert found.get(row.code, 0) == row.count, (code, row.code, type(db))


def test_the_sql_form_maps_columns_and_quotes_codes() -> None:
    text = sql_case("dan_toc_thieu_so", ON, columns={"ethnicity": "m.dan_toc"})
    assert text.startswith("CASE WHEN m.dan_toc = 'kinh' THEN NULL WHEN m.dan_toc IN ('tay', ")
    assert text.endswith(") THEN 'co' ELSE '?' END")
    assert ">= '2025-01-01'" in sql_case("du_bi", ON)


@pytest.mark.parametrize(
    ("code", "column", "stray"),
    [
        ("dan_toc_thieu_so", "ethnicity", "Kinh"),  # the label, not the code
        ("dan_toc_thieu_so", "ethnicity", "KINH"),
        ("dan_toc_thieu_so", "ethnicity", ""),
        ("dan_toc_thieu_so", "ethnicity", 1),  # a number for Kinh
        ("dan_toc", "ethnicity", "Kinh"),
        ("theo_ton_giao", "religion", "Không"),
        ("theo_ton_giao", "religion", "khong "),
        ("ton_giao", "religion", "Phật giáo"),
        ("gioi_tinh", "gender", "Nam"),
        ("hoc_ham", "academic_title", "GS"),
    ],
)
def test_the_sql_form_reads_a_value_no_code_as_unknown(
    code: str, column: str, stray: object
) -> None:
    """A value that is no code of its list is the unknown ('?'), never a category:
    "Kinh" (the label) was counted an ethnic minority, and "Phật giáo" a row of its own
    that no code of the breakdown reads."""
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE TABLE m ({column})")
    db.execute("INSERT INTO m VALUES (?)", (stray,))
    assert db.execute(f"SELECT {sql_case(code, ON)} FROM m").fetchall() == [("?",)]
    duck = importlib.import_module("duckdb").connect()
    duck.execute(f"CREATE TABLE m ({column} VARCHAR)")
    duck.execute("INSERT INTO m VALUES (?)", [str(stray)])
    assert duck.execute(f"SELECT {sql_case(code, ON)} FROM m").fetchall() == [("?",)]


@pytest.mark.parametrize("blank", ["", " ", None])
def test_the_sql_form_reads_a_blank_academic_title_as_none_held(blank: str | None) -> None:
    """A blank academic title (an empty CSV cell imported into SQLite) was '?', which
    made every count of the breakdown unknown, where the loaders and breakdown_frame
    read it as no title recorded, none held (in no row), as a missing one."""
    polars = pytest.importorskip("polars")
    from coso_dang.breakdowns import breakdown_frame

    titles = [blank, "giao_su", None, "pho_giao_su", blank]
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE m (academic_title)")
    db.executemany("INSERT INTO m VALUES (?)", [(t,) for t in titles])
    query = f"SELECT {sql_case('hoc_ham', ON)} AS k, COUNT(*) FROM m GROUP BY k"
    found = dict(db.execute(query).fetchall())
    duck = importlib.import_module("duckdb").connect()
    duck.execute("CREATE TABLE m (academic_title VARCHAR)")
    duck.executemany("INSERT INTO m VALUES (?)", [[t] for t in titles])
    assert dict(duck.execute(query).fetchall()) == found
    table = polars.DataFrame(
        {
            "admitted_on": [date(2010, 3, 2)] * len(titles),
            "left_on": polars.Series([None] * len(titles), dtype=polars.Date),
            "gender": ["nam"] * len(titles),
            "academic_title": titles,
        }
    )
    expected = breakdown_frame(table, "hoc_ham", on=ON, min_cell=1)
    assert expected.unknown == 0
    assert found == {None: 3, "giao_su": 1, "pho_giao_su": 1}
    assert {row.code: row.count for row in expected.rows} == {"pho_giao_su": 1, "giao_su": 1}


@pytest.mark.parametrize("code", ["thoi_ky", "du_bi"])
def test_the_sql_form_reads_a_missing_admission_day_as_unknown(code: str) -> None:
    """A row without an admission day was admitted "từ 1975" (the last era, an ELSE) or
    no probationary member: its era and status are unknown."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE members (admitted_on, ceremony_on)")
    db.execute("INSERT INTO members VALUES (NULL, NULL)")
    assert db.execute(f"SELECT {sql_case(code, ON)} FROM members").fetchall() == [("?",)]


# A flag as a members table may hold it, and how the DataFrame path reads it: "co" (in
# the row), None (no), "?" (unknown).
_SQL_FLAGS: list[tuple[object, str | None]] = [
    (1, "co"), (0, None), (1.0, "co"), (0.0, None), ("1", "co"), ("0", None),
    ("true", "co"), ("false", None), ("True", "co"), ("FALSE", None), (" true ", "co"),
    ("x", "co"), ("CO", "co"), ("khong", None), (" K ", None),
    ("", "?"), (" ", "?"), ("co le", "?"), (2, "?"), (None, "?"),
]  # fmt: skip


@pytest.mark.parametrize("code", ["doan_vien", "chu_dntn"])
@pytest.mark.parametrize(("stored", "expected"), _SQL_FLAGS)
def test_the_sql_form_reads_a_flag_as_the_dataframe_path_does(
    code: str, stored: object, expected: str | None
) -> None:
    """A flag stored as the text 'true' (as a CSV imported into SQLite keeps it) was
    tested as a boolean: SQLite reads 'true' as 0, so a youth-union member was counted
    as none, without a word, and a blank as no. The text of the value decides, as in
    the DataFrame path, in SQLite (any type) and in DuckDB columns of each type."""
    column = ATTRIBUTES[code].reads[0]
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE TABLE m ({column})")
    db.execute("INSERT INTO m VALUES (?)", (stored,))
    assert db.execute(f"SELECT {sql_case(code, ON)} FROM m").fetchall() == [(expected,)]
    duck = importlib.import_module("duckdb").connect()
    typed: list[tuple[str, object]] = [("VARCHAR", None if stored is None else str(stored))]
    if isinstance(stored, (bool, int, float)) and stored in (0, 1):
        typed += [("BOOLEAN", bool(stored)), ("INTEGER", int(stored)), ("DOUBLE", stored)]
    for kind, value in typed:
        duck.execute(f"CREATE OR REPLACE TABLE m ({column} {kind})")
        duck.execute("INSERT INTO m VALUES (?)", [value])
        found = duck.execute(f"SELECT {sql_case(code, ON)} FROM m").fetchall()
        assert found == [(expected,)], kind


def test_the_sql_form_counts_text_flags_as_the_dataframe_path() -> None:
    """The members of a SQLite table whose flags are texts, grouped by the CASE, are
    the rows of breakdown_frame over the same table read as text."""
    polars = pytest.importorskip("polars")
    from coso_dang.breakdowns import breakdown_frame

    texts = ["true", "false", "True", "0", "1", "", None, "true", " false", "TRUE"]
    day = ON.isoformat()
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE m (admitted_on, left_on, gender, is_youth_union_member)")
    db.executemany("INSERT INTO m VALUES (?, NULL, 'nam', ?)", [("2010-03-02", t) for t in texts])
    found = dict(
        db.execute(
            f"SELECT {sql_case('doan_vien', ON)} AS k, COUNT(*) FROM m "
            f"WHERE admitted_on <= '{day}' GROUP BY k"
        ).fetchall()
    )
    table = polars.DataFrame(
        {
            "admitted_on": [date(2010, 3, 2)] * len(texts),
            "left_on": polars.Series([None] * len(texts), dtype=polars.Date),
            "gender": ["nam"] * len(texts),
            "is_youth_union_member": texts,
        }
    )
    expected = breakdown_frame(table, "doan_vien", on=ON, min_cell=1)
    assert found.get("co", 0) == expected.rows[0].count == 5
    assert found.get("?", 0) == expected.unknown == 2


def test_a_flag_column_of_other_numbers_is_refused() -> None:
    """2 in a column of flags (0/1) was a youth-union member; a flag is true, false or
    unknown, so the table is refused as one of stray codes is."""
    polars = pytest.importorskip("polars")
    from coso_dang.breakdowns import breakdown_frame

    def table(flags: list[int | None]) -> Any:
        return polars.DataFrame(
            {
                "id": [f"dv{n}" for n in range(len(flags))],
                "org_id": ["cb"] * len(flags),
                "admitted_on": [date(2000, 1, 1)] * len(flags),
                "left_on": polars.Series([None] * len(flags), dtype=polars.Date),
                "gender": ["nam"] * len(flags),
                "is_youth_union_member": polars.Series(flags, dtype=polars.Int64),
            }
        )

    found = breakdown_frame(table([1, 0, None]), "doan_vien", on=ON, min_cell=1)
    assert ([row.count for row in found.rows], found.unknown) == ([1], 1)
    with pytest.raises(BreakdownError, match=r"'is_youth_union_member'.*1 "):
        breakdown_frame(table([2, 0, 1]), "doan_vien", on=ON, min_cell=1)


#: A flag column as tables hold one: booleans as Python objects or floats (pandas, NaN
#: missing), nullable integers, texts as a CSV import keeps them, categories.
_FLAG_FORMS = (
    "pandas-object", "pandas-float", "pandas-Int64", "polars-text", "polars-digits",
    "polars-categorical", "pyarrow-dictionary",
)  # fmt: skip


def _flag_table(members: list[Member], form: str) -> Any:
    """*members*' breakdown table with its two flag columns held in *form*."""
    polars = pytest.importorskip("polars")
    from coso_dang.frame import members_frame

    flags = ("is_youth_union_member", "owns_private_enterprise")
    if form.startswith("pandas"):
        table = members_frame(members, backend="pandas", breakdowns=True)
        dtype = {"pandas-object": object, "pandas-float": "float64", "pandas-Int64": "Int64"}
        return table.astype(dict.fromkeys(flags, dtype[form]))
    table = members_frame(members, breakdowns=True)
    texts = (
        {True: " True", False: "FALSE\u00a0"} if form == "polars-text" else {True: "1", False: "0"}
    )
    written = [
        polars.col(f).replace_strict(texts, default=None, return_dtype=polars.String) for f in flags
    ]
    table = table.with_columns(written)
    if form == "polars-categorical":
        return table.with_columns(polars.col(*flags).cast(polars.Categorical))
    if form == "pyarrow-dictionary":
        arrow = table.to_arrow()
        for flag in flags:
            at = arrow.schema.get_field_index(flag)
            arrow = arrow.set_column(at, flag, arrow[flag].dictionary_encode())
        return arrow
    return table


@pytest.mark.parametrize("form", _FLAG_FORMS)
@FEW
@given(
    flags=st.lists(st.tuples(*[st.sampled_from([True, False, None])] * 2), min_size=1, max_size=8)
)
def test_flag_columns_of_any_type_count_as_the_records(
    form: str, flags: list[tuple[bool | None, bool | None]]
) -> None:
    """A flag held as text ("true", "1"), as Python objects or floats in pandas, as
    nullable integers or categories: breakdown_frame refused the text as no code and the
    others with the engine's own error, in English (rollup_frame too, for pandas' objects
    and floats); both now count as the records do."""
    pytest.importorskip("narwhals")
    from coso_dang.breakdowns import breakdown_frame
    from coso_dang.frame import rollup_frame

    members = [
        Member(f"dv{n}", "Lê Văn An", "cb", admitted_on=date(2010, 3, 2), gender=NAM,
               is_youth_union_member=youth, owns_private_enterprise=owner)
        for n, (youth, owner) in enumerate(flags)
    ]  # fmt: skip
    organizations = [Organization("cb", "Chi bộ Thôn 1", OrgKind.CHI_BO_CO_SO)]
    table = _flag_table(members, form)
    codes = ["doan_vien", "chu_dntn"]
    expected = rollup(OrgTree.build(organizations, members), year=2025, breakdowns=codes)
    assert (
        rollup_frame(OrgTree.build(organizations), table, year=2025, breakdowns=codes) == expected
    )
    for code in codes:
        found = breakdown_frame(table, code, on=ON, min_cell=1)
        assert found == breakdown(members, code, on=ON, min_cell=1)


@pytest.mark.parametrize("backend", ["polars", "pandas", "pyarrow"])
@FEW
@given(seed=st.integers(0, 2**32 - 1), timed=st.booleans())
def test_dates_held_as_text_count_as_the_records(backend: str, seed: int, timed: bool) -> None:
    """Dates as a CSV read as it is holds them (ISO text, white space around, maybe a
    time of day): breakdown_frame failed with the engine's own error, in English
    ("cannot compare 'date/datetime/time' to a string value"), where rollup_frame reads
    them; now both count as the records do."""
    polars = pytest.importorskip("polars")
    from coso_dang.breakdowns import breakdown_frame_all, breakdown_table

    data = _province(seed, 0.02)
    on = date(2024, 12, 31)
    table = breakdown_table(data.members, columns=COUNTED_COLUMNS)
    after = " 10:30:00" if timed else ""
    dated = ("admitted_on", "left_on", "ceremony_on", "birth_date")
    table = table.with_columns(
        (" " + polars.col(name).cast(polars.String) + after).alias(name) for name in dated
    )
    given_table = (
        table.to_pandas()
        if backend == "pandas"
        else table.to_arrow()
        if backend == "pyarrow"
        else table
    )
    found = breakdown_frame_all(given_table, on=on, min_cell=1)
    assert found == {code: breakdown(data.members, code, on=on, min_cell=1) for code in ATTRIBUTES}


def test_a_date_text_that_is_no_day_is_refused_by_the_breakdowns() -> None:
    """A date text that is no day is refused with the library's own error naming the
    column (and its member, where the table has ids), as rollup_frame refuses it."""
    polars = pytest.importorskip("polars")
    from coso_dang.breakdowns import breakdown_frame
    from coso_dang.errors import TreeError

    table = polars.DataFrame(
        {
            "id": ["dv1", "dv2"],
            "admitted_on": ["2001-02-03", "03/02/2001"],
            "left_on": [None, None],
            "gender": ["nam", "nu"],
        },
        schema_overrides={"left_on": polars.String},
    )
    with pytest.raises(TreeError, match=r"'dv2'.*admitted_on") as raised:
        breakdown_frame(table, "gioi_tinh", on=ON, min_cell=1)
    assert "'dv1'" not in str(raised.value)
    with pytest.raises(TreeError, match="admitted_on"):
        breakdown_frame(table.drop("id"), "gioi_tinh", on=ON, min_cell=1)


@pytest.mark.parametrize("written", ["nfd-table", "nfd-given", "numbers", "categories"])
def test_org_ids_match_as_the_rollup_matches_them(written: str) -> None:
    """org_ids picks the chi bộ's members as rollup_frame places them: an id typed in
    NFD in the table or in org_ids matched nothing (a breakdown of no member), an
    org_id column of numbers was refused with the engine's own error."""
    polars = pytest.importorskip("polars")
    import unicodedata

    from coso_dang.breakdowns import breakdown_frame, breakdown_table
    from coso_dang.errors import UsageError

    numbers = written == "numbers"
    chi_bo = ("1", "2") if numbers else ("cb1", "Chi bộ Đông Hưng")
    members = [
        Member(f"dv{n}", "Lê Văn An", chi_bo[n % 2], admitted_on=date(2010, 3, 2), gender=NU)
        for n in range(5)
    ]
    table = breakdown_table(members)
    given = [chi_bo[1]]
    if written == "nfd-table":
        nfd = [unicodedata.normalize("NFD", org) for org in table.get_column("org_id")]
        table = table.with_columns(polars.Series("org_id", nfd))
    elif written == "nfd-given":
        given = [unicodedata.normalize("NFD", chi_bo[1])]
    elif numbers:
        table = table.with_columns(polars.col("org_id").cast(polars.Int64))
    else:
        table = table.with_columns(polars.col("org_id").cast(polars.Categorical))
    found = breakdown_frame(table, "gioi_tinh", on=ON, org_ids=given, min_cell=1)
    assert found == breakdown(members[1::2], "gioi_tinh", on=ON, min_cell=1)
    assert found.rows[1].count == 2  # women: dv1 and dv3, by hand
    with pytest.raises(UsageError, match="org_ids"):
        breakdown_frame(table, "gioi_tinh", on=ON, org_ids=chi_bo[1], min_cell=1)


@pytest.mark.parametrize("picked_below", [0.0, 1.01])
def test_the_polars_count_picks_a_population_or_counts_it_in_place_alike(
    picked_below: float,
) -> None:
    """polars counts a population in place (those outside it in a bin dropped) or picks
    it out and counts it in its chi bộ alone, by its share of the members: each way,
    for both populations, the object path's counts."""
    pytest.importorskip("polars")
    import coso_dang._breakdown_arrays as arrays
    from coso_dang.frame import evaluations_frame, members_frame, rollup_frame

    data = _province(11, 0.05)
    expected = rollup(data.tree(), year=2024, evaluations=data.evaluations, breakdowns=True)
    assert expected.root["ket_nap"]
    assert expected.root["dang_vien"]
    table = members_frame(data.members, breakdowns=True)
    ratings = evaluations_frame(data.evaluations)
    tree = OrgTree.build(data.organizations, units=data.units)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(arrays, "_PICKED_BELOW", picked_below)
        actual = rollup_frame(tree, table, year=2024, evaluations=ratings, breakdowns=True)
    assert dict(actual) == dict(expected)


@pytest.mark.parametrize("shape", ["blanks", "categories"])
def test_the_polars_count_of_the_breakdowns_equals_every_engines(shape: str) -> None:
    """polars counts the breakdowns with arrays (each member's index into a table of
    the values), every other engine with sums of 0/1 columns: cell for cell the same,
    the codes blank or held as categories."""
    polars = pytest.importorskip("polars")
    pytest.importorskip("pyarrow")
    from coso_dang.frame import evaluations_frame, members_frame, rollup_frame

    data = _province(7, 0.05)
    table = members_frame(data.members, breakdowns=True)
    codes = ["gender", "ethnicity", "religion", "occupation", "education"]
    if shape == "blanks":
        table = table.with_columns(
            polars.when(polars.int_range(polars.len()) % 7 == 0)
            .then(polars.lit(" "))
            .otherwise(polars.col(c))
            .alias(c)
            for c in codes
        )
    else:
        table = table.with_columns(polars.col(codes).cast(polars.Categorical))
    ratings = evaluations_frame(data.evaluations)
    tree = OrgTree.build(data.organizations, units=data.units)
    on_polars = rollup_frame(tree, table, year=2024, evaluations=ratings, breakdowns=True)
    on_arrow = rollup_frame(
        tree, table.to_arrow(), year=2024, evaluations=ratings.to_arrow(), breakdowns=True
    )
    assert dict(on_polars) == dict(on_arrow)
    assert on_polars.root["dang_vien_dan_toc_chua_ro"] > 0  # unknowns counted too


@pytest.mark.parametrize("backend", ["polars", "pandas"])
def test_an_age_sum_past_32_bits_is_counted_in_full_on_both_paths(backend: str) -> None:
    """270.000 members on the rolls on 31/12/9999 (a year a rollup takes), born in 1960:
    their ages sum to 270.000 × 8.039, past 2 ** 31 - 1. Both paths, and the tables of
    either library, hold that sum in 64 bits; a 32-bit column wrapped it to a negative
    number."""
    pytest.importorskip("numpy")
    pytest.importorskip(backend)
    from coso_dang.frame import members_frame, rollup_frame

    number = 270_000
    org = Organization("cb", "Chi bộ cơ sở bản Nà Hẩu", OrgKind.CHI_BO_CO_SO)
    members = [
        Member(
            f"dv{i}",
            "Nguyễn Văn An",
            "cb",
            admitted_on=date(1990, 1, 1),
            birth_date=date(1960, 1, 1),
        )
        for i in range(number)
    ]
    tree = OrgTree.build([org], members)
    whole = number * 8039
    assert whole > 2**31 - 1
    expected = rollup(tree, year=9999, breakdowns=["tuoi"]).root
    table = members_frame(members, backend=backend, breakdowns=True)
    found = rollup_frame(tree, table, year=9999, breakdowns=["tuoi"])
    assert expected["dang_vien_tuoi_tong"] == whole
    assert found.root["dang_vien_tuoi_tong"] == whole
    assert found.root["dang_vien_tuoi_so_nguoi"] == number


def test_a_breakdown_summed_from_a_finer_one_of_its_field_counts_the_same() -> None:
    """The minorities and the believers are summed from the ethnicities' and the
    religions' rows: the same counts as counted over the members; a breakdown whose
    rows split another's is counted over the members."""
    np = pytest.importorskip("numpy")
    import coso_dang._counting as counting

    data = _province(7, 0.05)
    summed = rollup(data.tree(), year=2024, evaluations=data.evaluations, breakdowns=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(counting, "_joined", lambda *args: None)
        counted = rollup(data.tree(), year=2024, evaluations=data.evaluations, breakdowns=True)
    assert dict(summed) == dict(counted)
    # Values 0 and 1 share a row of the counted breakdown, but not of this one.
    cells = np.arange(8).reshape(4, 2)
    assert (
        counting._joined(np, (np.array([0, 0, 1]), cells), np.array([0, 1, 1]), None, 6, 2) is None
    )
