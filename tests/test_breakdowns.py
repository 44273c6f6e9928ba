"""Members by characteristic: golden tables computed by hand, and both paths agreeing."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coso_dang import Education, Gender, Member, Organization, OrgKind, OrgTree, PoliticalTheory
from coso_dang.attributes import AcademicTitle, Ethnicity, GeneralEducation, Occupation, Religion
from coso_dang.breakdowns import (
    ATTRIBUTES,
    COUNTED_COLUMNS,
    MIN_CELL,
    Attribute,
    Breakdown,
    BreakdownError,
    breakdown,
    breakdown_frame,
    breakdown_of,
    breakdown_table,
    sql_case,
)
from coso_dang.rollup import rollup
from coso_dang.testing import generate_province

ON = date(2025, 12, 31)
E, R, OC, G = Ethnicity, Religion, Occupation, GeneralEducation
EDU, LLCT = Education, PoliticalTheory


def _member(
    id: str,
    gender: Gender | None,
    born: date | None,
    admitted: date,
    ethnicity: Ethnicity,
    religion: Religion | None,
    occupation: Occupation | None,
    schooling: GeneralEducation | None,
    education: Education | None,
    theory: PoliticalTheory | None,
    youth: bool | None,
    owner: bool,
    title: AcademicTitle | None = None,
    left: date | None = None,
) -> Member:
    return Member(
        id, f"Đảng viên {id}", "cb", admitted_on=admitted, birth_date=born, gender=gender,
        ethnicity=ethnicity, religion=religion, occupation=occupation,
        general_education=schooling, education=education, political_theory=theory,
        is_youth_union_member=youth, owns_private_enterprise=owner, academic_title=title,
        left_on=left,
    )  # fmt: skip


NU, NAM = Gender.NU, Gender.NAM
# One chi bộ, written out so that every cell below can be counted by hand. dv01 turns 31
# on the period's last day; dv03 was admitted on 19/8/1945, dv06 the day before; dv04 on
# 01/5/1975; dv07 was born on 29/2; dv09 left before the period's end.
MEMBERS = [
    _member("dv01", NU, date(1994, 12, 31), date(2020, 3, 2), E.KINH, R.KHONG,
            OC.VIEN_CHUC, G.THPT, EDU.DAI_HOC, LLCT.TRUNG_CAP, False, False),
    _member("dv02", NAM, date(1995, 1, 1), date(2025, 6, 10), E.THAI, R.KHONG,
            OC.NONG_LAM_NGU, G.THCS, None, LLCT.SO_CAP, True, False),
    _member("dv03", NAM, date(1925, 5, 1), date(1945, 8, 19), E.KINH, R.PHAT_GIAO,
            OC.NGHI_HUU, G.BIET_DOC_VIET, EDU.CHUA_DAO_TAO, LLCT.CAO_CAP, False, False),
    _member("dv04", NU, date(1950, 4, 30), date(1975, 5, 1), E.KINH, R.CONG_GIAO,
            OC.NGHI_HUU, G.THPT, EDU.TRUNG_CAP, LLCT.CAO_CAP, False, False),
    _member("dv05", NAM, date(1970, 6, 15), date(1990, 1, 15), E.TAY, R.KHONG,
            OC.CONG_NHAN, G.THPT, EDU.DAI_HOC, LLCT.TRUNG_CAP, False, True),
    _member("dv06", NAM, date(1920, 1, 1), date(1945, 8, 18), E.KINH, R.KHONG,
            None, None, None, None, False, False),
    _member("dv07", NU, date(1980, 2, 29), date(2005, 5, 19), E.KINH, None,
            OC.CBCC_NHA_NUOC, G.THPT, EDU.TIEN_SI, LLCT.CAO_CAP, None, False,
            AcademicTitle.PHO_GIAO_SU),
    _member("dv08", NAM, None, date(2025, 11, 2), E.KINH, R.KHONG,
            OC.SINH_VIEN, G.THPT, None, None, True, False),
    _member("dv09", NAM, date(1960, 3, 3), date(2000, 1, 1), E.KINH, R.KHONG,
            OC.NGHI_HUU, G.THPT, EDU.DAI_HOC, LLCT.CAO_CAP, False, False, left=date(2025, 3, 1)),
    _member("dv10", None, date(1988, 7, 1), date(2010, 9, 2), E.KINH, R.KHONG,
            OC.KHAC, G.THPT, EDU.CAO_DANG, LLCT.SO_CAP, False, False),
]  # fmt: skip

# (attribute, {category: (count, of which women)} for the non-empty rows, unknown),
# members on 31/12/2025: dv01–dv08 and dv10 (nine; three women, one of unknown sex).
GOLDEN = [
    ("gioi_tinh", {"nam": (5, 0), "nu": (3, 3)}, 1),
    ("du_bi", {"co": (2, 0)}, 0),
    ("dan_toc_thieu_so", {"co": (2, 0)}, 0),
    ("dan_toc", {"kinh": (7, 3), "thai": (1, 0), "tay": (1, 0)}, 0),
    ("theo_ton_giao", {"co": (2, 1)}, 1),
    ("ton_giao", {"phat_giao": (1, 0), "cong_giao": (1, 1)}, 1),
    ("doan_vien", {"co": (2, 0)}, 1),
    ("chu_dntn", {"co": (1, 0)}, 0),
    (
        "tuoi",
        {
            "18_30": (1, 0),
            "31_35": (1, 1),
            "36_40": (1, 0),
            "41_45": (1, 1),
            "51_55": (1, 0),
            "tren_60": (3, 1),
        },
        1,
    ),
    ("thoi_ky", {"truoc_1945": (1, 0), "1945_1954": (1, 0), "tu_1975": (7, 3)}, 0),
    ("hoc_van", {"thpt": (6, 3), "thcs": (1, 0), "biet_doc_viet": (1, 0)}, 1),
    (
        "chuyen_mon",
        {
            "dai_hoc": (2, 1),
            "chua_dao_tao": (1, 0),
            "trung_cap": (1, 1),
            "tien_si": (1, 1),
            "cao_dang": (1, 0),
        },
        3,
    ),
    ("hoc_ham", {"pho_giao_su": (1, 1)}, 0),
    ("ly_luan_chinh_tri", {"trung_cap": (2, 1), "so_cap": (2, 0), "cao_cap": (3, 2)}, 2),
    (
        "nghe_nghiep",
        {
            "vien_chuc": (1, 1),
            "nong_lam_ngu": (1, 0),
            "nghi_huu": (2, 1),
            "cong_nhan": (1, 0),
            "cbcc_nha_nuoc": (1, 1),
            "sinh_vien": (1, 0),
            "khac": (1, 0),
        },
        1,
    ),
]


def _cells(table: Breakdown) -> dict[str, tuple[int | None, int | None]]:
    return {row.code: (row.count, row.female) for row in table.rows if row.count != 0}


def _nobody(member: Member, on: date) -> str | None:
    return None


@pytest.mark.parametrize("attribute", list(ATTRIBUTES))
def test_a_table_survives_a_pickle_and_a_copy(attribute: str) -> None:
    """A table returned by a worker process or cached is the same table, its breakdown
    the same declaration; a breakdown of one's own pickles as it did."""
    import copy
    import pickle

    table = breakdown(MEMBERS, attribute, on=ON)
    for again in (pickle.loads(pickle.dumps(table)), copy.deepcopy(table)):
        assert again == table
        assert again.attribute is ATTRIBUTES[attribute]
    own = Attribute("rieng", "Riêng", (("co", "Có"),), _nobody)
    assert pickle.loads(pickle.dumps(own)) == own


@pytest.mark.parametrize("backend", ["records", "polars", "pandas"])
def test_a_day_given_as_a_midnight_datetime_is_that_day(backend: str) -> None:
    """A pandas Timestamp or a datetime at midnight (as rollup reads one) counts as its
    day, where comparing it with the members' dates raised Python's English TypeError."""
    pd = pytest.importorskip("pandas")
    for on, start in (
        (datetime(2025, 12, 31), datetime(2025, 7, 1)),
        (pd.Timestamp("2025-12-31"), pd.Timestamp("2025-07-01")),
        (datetime(2025, 12, 31, tzinfo=timezone.utc), None),
    ):
        for population in ("dang_vien", "ket_nap"):
            if backend == "records":
                made = breakdown(MEMBERS, "tuoi", on=on, start=start, population=population)
            else:
                pytest.importorskip(backend)
                table = breakdown_table(MEMBERS, backend=backend)  # type: ignore[arg-type]
                made = breakdown_frame(table, "tuoi", on=on, start=start, population=population)
            first = None if start is None else date(2025, 7, 1)
            assert made == breakdown(MEMBERS, "tuoi", on=ON, start=first, population=population)
            assert type(made.on) is date


def test_every_attribute_has_a_golden_table() -> None:
    assert {name for name, _, _ in GOLDEN} == set(ATTRIBUTES)


@pytest.mark.parametrize(("attribute", "cells", "unknown"), GOLDEN, ids=[g[0] for g in GOLDEN])
def test_members_at_the_period_end(
    attribute: str, cells: dict[str, tuple[int, int]], unknown: int
) -> None:
    table = breakdown(MEMBERS, attribute, on=ON, min_cell=1)
    assert (table.total, table.female, table.gender_unknown) == (9, 3, 1)
    assert _cells(table) == cells
    assert table.unknown == unknown
    assert [row.code for row in table.rows] == [c for c, _ in ATTRIBUTES[attribute].categories]


def test_average_age_is_exact_over_known_birth_dates() -> None:
    table = breakdown(MEMBERS, "tuoi", on=ON)
    # 31 + 30 + 100 + 75 + 55 + 105 + 45 + 37 over the eight known birth dates.
    assert (table.age_sum, table.age_known) == (478, 8)
    assert table.average_age == Fraction(239, 4)


def test_a_member_turning_31_on_the_last_day_is_31() -> None:
    day_before = breakdown(MEMBERS[:1], "tuoi", on=date(2025, 12, 30))
    on_the_day = breakdown(MEMBERS[:1], "tuoi", on=ON)
    assert _cells(day_before) == {"18_30": (1, 1)}
    assert _cells(on_the_day) == {"31_35": (1, 1)}


def test_admitted_in_the_period() -> None:
    table = breakdown(MEMBERS, "tuoi", on=ON, population="ket_nap")
    assert (table.total, table.unknown, _cells(table)) == (2, 1, {"18_30": (1, 0)})
    quarter = breakdown(
        MEMBERS, "nghe_nghiep", on=ON, start=date(2025, 10, 1), population="ket_nap"
    )
    assert (quarter.total, _cells(quarter)) == (1, {"sinh_vien": (1, 0)})


def test_counts_are_unknown_unless_every_value_is_known() -> None:
    eras = breakdown(MEMBERS, "thoi_ky", on=ON).to_counts()
    assert eras["dang_vien_thoi_ky_truoc_1945"] == 1
    assert eras["dang_vien_thoi_ky_1954_1975"] == 0
    # dv10's sex is not recorded: no "trong đó nữ" is known.
    assert eras["dang_vien_thoi_ky_tu_1975_nu"] is None
    ages = breakdown(MEMBERS, "tuoi", on=ON).to_counts()
    assert ages["dang_vien_tuoi_tren_60"] is None  # dv08's birth date is not recorded
    admitted = breakdown(MEMBERS, "gioi_tinh", on=ON, population="ket_nap").to_counts()
    assert admitted == {
        "ket_nap_gioi_tinh_nam": 2,
        "ket_nap_gioi_tinh_nam_nu": 0,
        "ket_nap_gioi_tinh_nu": 0,
        "ket_nap_gioi_tinh_nu_nu": 0,
        "ket_nap_gioi_tinh_chua_ro": 0,
    }


def test_the_notebook_view_shows_the_unknown_and_the_total() -> None:
    """The HTML view (a notebook's, and the rollup's) showed the rows alone: with a
    member of no birth date recorded its rows read as whole counts when they are lower
    bounds; it now says the members without the value and the population, as the
    printed table does."""
    for attribute in ATTRIBUTES:
        table = breakdown(MEMBERS, attribute, on=ON, min_cell=1)
        html = table._repr_html_()
        assert f"<tfoot><tr><th>Cộng</th><td>{table.total}</td></tr></tfoot>" in html
        said = f"Chưa có thông tin: {table.unknown} đảng viên"
        assert (said in html) == (said in str(table)) == bool(table.unknown), attribute
    assert breakdown(MEMBERS, "tuoi", on=ON).unknown  # dv08's birth date


def test_small_cells_of_personal_attributes_are_suppressed_by_default() -> None:
    table = breakdown(MEMBERS, "dan_toc", on=ON)
    assert table.suppressed
    # Thái 1 and Tày 1 are hidden; so is Kinh 7, or 9 - 7 = 2 would tell that each of
    # the two hidden rows holds one member (and the 2 minorities, a cell of their own).
    assert _cells(table) == {"kinh": (None, None), "thai": (None, None), "tay": (None, None)}
    assert table.to_counts()["dang_vien_dan_toc_thai"] is None
    # Every hidden cell reads the same, Kinh's 7 too: "<5" would be false of it.
    text = str(table)
    assert text.splitlines()[2].split() == ["Kinh", "ẩn", "ẩn"]
    assert f"<{MIN_CELL}" not in text
    assert text.splitlines()[-1].startswith(
        "ẩn: ô ít người (chỉ ra được từng người), hoặc ô ẩn kèm"
    )
    assert not breakdown(MEMBERS, "tuoi", on=ON).suppressed


def test_the_table_reads_in_vietnamese() -> None:
    text = str(breakdown(MEMBERS, "gioi_tinh", on=ON))
    assert text.splitlines()[0] == "Đảng viên theo giới tính (đến 31/12/2025)"
    assert "Nữ" in text
    assert "33,33%" in text
    assert "<table>" in breakdown(MEMBERS, "tuoi", on=ON)._repr_html_()
    assert breakdown(MEMBERS, "tuoi", on=ON).to_records()[0]["share"] == Fraction(1, 9)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"attribute": "chieu_cao"}, "không có phân tổ"),
        ({"population": "cu_tri"}, "không có nhóm"),
        ({"start": date(2026, 1, 1)}, "start"),
        ({"on": datetime(2025, 12, 31, 9, 30)}, "on: cần một ngày"),
        ({"on": "2025-12-31"}, "on: cần một ngày"),
        ({"start": datetime(2025, 7, 1, 8)}, "start"),
    ],
)
def test_bad_arguments_are_named(kwargs: dict[str, object], message: str) -> None:
    arguments: dict[str, object] = {"attribute": "tuoi", "on": ON, **kwargs}
    with pytest.raises(BreakdownError, match=message):
        breakdown(MEMBERS, **arguments)  # type: ignore[arg-type]


def test_a_tree_gives_the_members_below_an_organization() -> None:
    from coso_dang import Organization, OrgKind, OrgTree

    tree = OrgTree.build([Organization("cb", "Chi bộ Thôn 1", OrgKind.CHI_BO_CO_SO)], MEMBERS)
    assert breakdown(tree, "tuoi", on=ON, org="cb") == breakdown(MEMBERS, "tuoi", on=ON)
    assert breakdown(tree, "tuoi", on=ON) == breakdown(MEMBERS, "tuoi", on=ON)
    with pytest.raises(BreakdownError, match="org"):
        breakdown(MEMBERS, "tuoi", on=ON, org="cb")


@pytest.mark.parametrize("backend", ["polars", "pandas"])
@pytest.mark.parametrize("population", ["dang_vien", "ket_nap"])
@pytest.mark.parametrize("attribute", sorted(ATTRIBUTES))
def test_the_frame_path_agrees_on_the_golden_chi_bo(
    backend: str, population: str, attribute: str
) -> None:
    table = breakdown_table(MEMBERS, backend=backend)  # type: ignore[arg-type]
    expected = breakdown(MEMBERS, attribute, on=ON, population=population, min_cell=1)
    found = breakdown_frame(table, attribute, on=ON, population=population, min_cell=1)
    assert found == expected


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    on=st.dates(min_value=date(2024, 1, 1), max_value=date(2024, 12, 31)),
    attribute=st.sampled_from(sorted(ATTRIBUTES)),
    population=st.sampled_from(["dang_vien", "ket_nap"]),
)
def test_both_paths_agree_on_generated_provinces(
    seed: int, on: date, attribute: str, population: str
) -> None:
    members = generate_province(seed=seed, scale=0.002, year=2024).members
    expected = breakdown(members, attribute, on=on, population=population)
    assert (
        breakdown_frame(breakdown_table(members), attribute, on=on, population=population)
        == expected
    )
    # Every member of the population is in one row, in no row, or unknown.
    if not expected.suppressed:
        placed = sum(row.count or 0 for row in expected.rows)
        assert placed + expected.unknown <= expected.total


def test_every_attribute_has_an_english_gloss() -> None:
    assert all(a.gloss and a.gloss != a.label for a in ATTRIBUTES.values())


def test_profile_says_what_is_missing_and_speaks_english() -> None:
    from coso_dang.breakdowns import profile

    text = profile(MEMBERS, on=ON)
    # 478/8 years; 3 women of the 8 of known sex; 2 minorities of 9: a group under
    # MIN_CELL, so their share is withheld (ethnicity is personal).
    assert text == (
        "Đảng viên có tuổi bình quân 59,8; nữ chiếm 37,5%; tỷ lệ người dân tộc thiểu số được "
        "ẩn (có nhóm dưới 5 người). (Thiếu thông tin của 1 đảng viên.)"
    )
    assert profile(MEMBERS, on=ON, locale="en").startswith("Party members have an average age")
    assert profile([], on=ON) == "Chưa có thông tin về đặc điểm của đảng viên."


@pytest.mark.parametrize("backend", ["polars", "pandas"])
def test_a_breakdown_as_a_dataframe(backend: str) -> None:
    frame = breakdown(MEMBERS, "gioi_tinh", on=ON).to_frame(backend=backend)  # type: ignore[arg-type]
    assert list(frame.columns) == ["code", "label", "count", "female", "share"]
    assert list(frame["count"]) == [5, 3]
    assert list(frame["label"]) == ["Nam", "Nữ"]


@pytest.mark.parametrize("backend", ["polars", "pandas"])
def test_a_table_with_hidden_cells_as_a_dataframe_keeps_whole_counts(backend: str) -> None:
    """Counts stay whole numbers beside hidden cells (not 7.0 beside NaN), and a table of
    hidden cells only still has typed columns; a backend that is none is refused."""
    from coso_dang.errors import ArgumentError

    pytest.importorskip(backend)
    people = [
        Member(f"dv{i}", "Nguyễn Văn An", "cb", admitted_on=date(2010, 1, 1), gender=Gender.NU,
               ethnicity=Ethnicity.KINH if i else Ethnicity.THAI)
        for i in range(8)
    ]  # fmt: skip
    for min_cell, kinh in ((1, 7), (None, None)):
        table = breakdown(people, "dan_toc", on=ON, min_cell=min_cell)
        frame = table.to_frame(backend=backend)  # type: ignore[arg-type]
        counts = [row.count for row in table.rows]
        if backend == "polars":
            assert [str(frame.schema[name]) for name in ("count", "female", "share")] == [
                "Int64", "Int64", "Float64"
            ]  # fmt: skip
            assert frame["count"].to_list() == counts
        else:
            assert [str(frame[name].dtype) for name in ("count", "female", "share")] == [
                "Int64", "Int64", "float64"
            ]  # fmt: skip
            missing = pytest.importorskip("pandas").NA
            assert [None if v is missing else int(v) for v in frame["count"]] == counts
        assert counts[0] == kinh
    with pytest.raises(ArgumentError, match="'numpy'"):
        table.to_frame(backend="numpy")  # type: ignore[arg-type]


@pytest.mark.parametrize("population", ["dang_vien", "ket_nap"])
def test_all_at_once_equals_one_by_one(population: str) -> None:
    from coso_dang.breakdowns import breakdown_all

    every = breakdown_all(MEMBERS, on=ON, population=population)
    assert every == {
        code: breakdown(MEMBERS, code, on=ON, population=population) for code in ATTRIBUTES
    }
    counts = every["tuoi"].to_counts()
    assert (counts[f"{population}_tuoi_tong"], counts[f"{population}_tuoi_so_nguoi"]) == (
        None,
        None,
    )


def test_breakdown_table_holds_each_members_values_as_codes() -> None:
    """The polars table (dates as day numbers, codes by position) holds what each record
    says, column by column, nulls where nothing was recorded."""
    pytest.importorskip("polars")
    from coso_dang.breakdowns import TABLE_COLUMNS, breakdown_table

    members = list(generate_province(seed=5).members)[:3000]
    table = breakdown_table(members)
    assert table.columns == list(TABLE_COLUMNS)
    for name in TABLE_COLUMNS:
        expected = [getattr(m, name) for m in members]
        expected = [getattr(v, "value", v) if v not in (True, False) else v for v in expected]
        assert table.get_column(name).to_list() == expected, name


@pytest.mark.parametrize("backend", ["polars", "pandas"])
def test_breakdown_table_keeps_a_value_outside_its_coded_list(backend: str) -> None:
    """A record assembled without its validators may hold a plain code: it is written
    as it is, beside the codes of the others, never turned into a null (unknown is not
    a value)."""
    pytest.importorskip(backend)
    from coso_dang.breakdowns import breakdown_table

    stray = Member("dv1", "Lê Văn Ba", "cb", admitted_on=date(2001, 2, 3))
    object.__setattr__(stray, "ethnicity", "kinh")
    coded = Member("dv2", "Lò Văn Cả", "cb", admitted_on=date(2001, 2, 3), ethnicity=Ethnicity.THAI)
    table = breakdown_table([stray, coded], backend=backend)  # type: ignore[arg-type]
    column = table["ethnicity"]
    assert list(column) == ["kinh", Ethnicity.THAI.value]


@pytest.mark.parametrize("backend", ["polars", "pandas"])
def test_a_table_of_the_counted_columns_counts_alike(backend: str) -> None:
    """The columns the counts read are enough: every breakdown of both populations is
    the same from a table of them only."""
    pytest.importorskip(backend)
    from coso_dang.breakdowns import COUNTED_COLUMNS, breakdown_frame_all, breakdown_table

    members = list(generate_province(seed=4).members)[:2000]
    whole = breakdown_table(members, backend=backend)  # type: ignore[arg-type]
    counted = breakdown_table(members, backend=backend, columns=COUNTED_COLUMNS)  # type: ignore[arg-type]
    assert list(counted.columns) == list(COUNTED_COLUMNS)
    for population in ("dang_vien", "ket_nap"):
        arguments = {"on": date(2024, 12, 31), "start": date(2024, 1, 1), "population": population}
        assert breakdown_frame_all(counted, **arguments) == breakdown_frame_all(whole, **arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("minorities", "others", "shown"),
    [(0, 5, "0%"), (5, 5, "50%"), (4, 20, None), (1, 2, None), (20, 4, None), (5, 0, "100%")],
)
def test_profile_tells_the_minorities_share_only_of_cells_of_min_cell_or_none(
    minorities: int, others: int, shown: str | None
) -> None:
    from coso_dang.breakdowns import profile

    members = [
        Member(
            f"dv{n}",
            "Lò Văn An",
            "cb",
            admitted_on=date(2010, 3, 2),
            ethnicity=Ethnicity.THAI if n < minorities else Ethnicity.KINH,
        )
        for n in range(minorities + others)
    ]
    text = profile(members, on=ON)
    if shown is None:
        assert "chiếm" not in text.split(";")[-1]
        assert "tỷ lệ người dân tộc thiểu số được ẩn (có nhóm dưới 5 người)" in text
        assert MIN_CELL == 5
    else:
        assert f"người dân tộc thiểu số chiếm {shown}" in text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=6))
def test_no_hidden_cell_can_be_told_from_the_shown_rows_and_their_sum(values: list[int]) -> None:
    """The rows' sum is published (the population, or "người theo tôn giáo"): someone who
    knows it, the shown rows and that a hidden row holds at least one member (zeros are
    shown), can tell no hidden row's count, nor a hidden sum below MIN_CELL. When that
    cannot be had, every row is hidden, 0 too: then no row is known to hold anyone."""
    import itertools

    from coso_dang.breakdowns import _hidden

    hidden = sorted(_hidden(values, MIN_CELL))
    assert {at for at, value in enumerate(values) if 0 < value < MIN_CELL} <= set(hidden)
    if not hidden or len(hidden) == len(values):
        return
    assert all(values[at] for at in hidden)  # a 0 is hidden only with every row
    total = sum(values[at] for at in hidden)
    assert len(hidden) > 1
    assert total >= MIN_CELL
    possible = [
        fill
        for fill in itertools.product(range(1, total + 1), repeat=len(hidden))
        if sum(fill) == total
    ]
    for at in range(len(hidden)):
        assert len({fill[at] for fill in possible}) > 1


def test_a_religion_is_not_the_difference_of_the_shown_rows() -> None:
    # 15 believers ("người theo tôn giáo" shows 15): Phật giáo 9, Công giáo 5, Tin Lành 1.
    # Hiding Tin Lành alone left it as 15 - 9 - 5.
    members = [
        Member(f"dv{n}", "Lê Văn An", "cb", admitted_on=date(2010, 3, 2), religion=religion)
        for n, religion in enumerate([R.PHAT_GIAO] * 9 + [R.CONG_GIAO] * 5 + [R.TIN_LANH])
    ]
    believers = breakdown(members, "theo_ton_giao", on=ON)
    assert believers.rows[0].count == 15
    table = breakdown(members, "ton_giao", on=ON)
    assert _cells(table) == {
        "phat_giao": (9, 0),
        "cong_giao": (None, None),
        "tin_lanh": (None, None),
    }


@pytest.mark.parametrize("known", [1, 4, 5])
def test_profile_withholds_the_average_age_of_a_few(known: int) -> None:
    """The mean age of fewer than MIN_CELL members tells their ages (of one member, the
    birth date to the month): withheld as a small cell is, from MIN_CELL on said."""
    from coso_dang.breakdowns import profile

    members = [
        Member(
            f"dv{n}", "Lò Văn An", "cb", admitted_on=date(2010, 3, 2),
            birth_date=date(1983, 5, 1) if n < known else None,
        )
        for n in range(6)
    ]  # fmt: skip
    text, english = profile(members, on=ON), profile(members, on=ON, locale="en")
    if known < MIN_CELL:
        assert "42,0" not in text
        assert "42.0" not in english
        assert "tuổi bình quân được ẩn (dưới 5 người có ngày sinh)" in text
        assert "the average age is withheld (fewer than 5 people with a birth date)" in english
    else:
        # 1/5/1983 to 31/12/2025: 42 completed years, for each of them.
        assert text.startswith("Đảng viên có tuổi bình quân 42,0")


def test_profile_without_ages_opens_on_its_clauses() -> None:
    """Without ages, "Đảng viên" is no subject for the clauses that follow: the sentence
    opens "Trong số đảng viên," ("Among party members,")."""
    from coso_dang.breakdowns import profile

    members = [
        Member(f"dv{n}", "Lò Văn An", "cb", admitted_on=date(2010, 3, 2), gender=gender)
        for n, gender in enumerate([Gender.NU] * 5 + [Gender.NAM] * 5)
    ]
    assert profile(members, on=ON).startswith("Trong số đảng viên, nữ chiếm 50%")
    assert profile(members, on=ON, locale="en").startswith("Among party members, 50% are women")


@pytest.mark.parametrize("zone", [None, "Asia/Ho_Chi_Minh"])
def test_breakdown_frame_counts_datetimes_by_their_day(zone: str | None) -> None:
    """A table whose dates are datetimes with a time of day (an export's timestamps)
    counts them by their day, as the records do: admitted at 10:00 on the last day is
    admitted in the period; gone at 10:00 on it, off the list."""
    pl = pytest.importorskip("polars")
    from coso_dang.breakdowns import breakdown_table

    members = [
        Member("a", "Lê An", "cb", admitted_on=date(2024, 12, 31), gender=Gender.NU),
        Member("b", "Lê Ba", "cb", admitted_on=date(2001, 1, 2), left_on=date(2024, 12, 31)),
        Member("c", "Lê Cư", "cb", admitted_on=date(2001, 1, 2), gender=Gender.NAM),
    ]
    table = breakdown_table(members)
    at_ten = table.with_columns(
        (pl.col(name).cast(pl.Datetime("us")) + pl.duration(hours=10)).dt.replace_time_zone(zone)
        for name in ("admitted_on", "left_on")
    )
    assert at_ten.schema["admitted_on"] == pl.Datetime("us", zone)
    on, start = date(2024, 12, 31), date(2024, 1, 1)
    for population in ("dang_vien", "ket_nap"):
        expected = breakdown(members, "gioi_tinh", on=on, start=start, population=population)
        found = breakdown_frame(at_ten, "gioi_tinh", on=on, start=start, population=population)
        assert (found.total, found.rows) == (expected.total, expected.rows), population


@pytest.mark.parametrize("library", ["polars", "pyarrow", "pandas"])
def test_breakdown_frame_reads_a_date_column_no_member_has_a_value_in(library: str) -> None:
    """A date column empty throughout, as CSV readers type it (text in polars, Arrow's
    null type, NaN floats in pandas), is missing dates: ``left_on`` so typed was refused
    with the engine's error, and ``birth_date`` so typed made every age unknown."""
    pl = pytest.importorskip("polars")
    pytest.importorskip(library)
    from coso_dang.breakdowns import breakdown_table

    members = [
        Member("a", "Lê An", "cb", admitted_on=date(2024, 12, 31), gender=Gender.NU),
        Member("b", "Lê Ba", "cb", admitted_on=date(1960, 2, 29), gender=Gender.NAM),
    ]
    on, start = date(2024, 12, 31), date(2024, 1, 1)
    dtype = {"polars": pl.String, "pyarrow": pl.Null, "pandas": pl.Float64}[library]
    value = float("nan") if library == "pandas" else None
    table = breakdown_table(members).with_columns(
        pl.lit(value, dtype=dtype).alias(name) for name in ("left_on", "birth_date")
    )
    native = {"polars": table, "pyarrow": table.to_arrow(), "pandas": table.to_pandas()}[library]
    for population in ("dang_vien", "ket_nap"):
        for attribute in ("gioi_tinh", "tuoi"):
            expected = breakdown(members, attribute, on=on, start=start, population=population)
            found = breakdown_frame(native, attribute, on=on, start=start, population=population)
            assert (found.total, found.rows) == (expected.total, expected.rows), population


@pytest.mark.parametrize("library", ["polars", "pandas"])
@pytest.mark.parametrize("blank", ["", "  ", "\u00a0"])
def test_breakdown_frame_reads_a_blank_code_as_unknown(library: str, blank: str) -> None:
    """A blank code (as a CSV imported as it is keeps an empty cell) is no value, as the
    loaders read one: the member of blank ethnicity or sex was placed in no row while
    the breakdown said every value was known."""
    pl = pytest.importorskip("polars")
    pytest.importorskip(library)
    from coso_dang.breakdowns import breakdown_table

    known = {"ethnicity": Ethnicity.KINH, "religion": Religion.PHAT_GIAO}
    members = [
        Member("a", "Lê An", "cb", admitted_on=date(2000, 1, 1), gender=Gender.NU, **known),
        Member("b", "Lê Ba", "cb", admitted_on=date(2000, 1, 1), gender=Gender.NAM, **known),
        Member("c", "Lê Ca", "cb", admitted_on=date(2000, 1, 1)),
    ]
    on = date(2024, 12, 31)
    table = breakdown_table(members).with_columns(
        pl.when(pl.col("id") == "c")
        .then(pl.lit(blank))
        .otherwise(pl.col(name).cast(pl.String))
        .alias(name)
        for name in ("gender", "ethnicity", "religion")
    )
    native = table.to_pandas() if library == "pandas" else table
    for attribute in ("gioi_tinh", "dan_toc", "ton_giao"):
        expected = breakdown(members, attribute, on=on, min_cell=1)
        found = breakdown_frame(native, attribute, on=on, min_cell=1)
        assert (found.unknown, found.gender_unknown) == (1, 1), attribute
        assert (expected.unknown, expected.gender_unknown) == (1, 1), attribute
        assert (found.total, found.rows) == (expected.total, expected.rows), attribute


def test_a_hidden_count_of_women_is_not_the_difference_of_the_shown_ones() -> None:
    # Kinh 20 (10 women), Tày 6 (2 women): the women are published in all (12, the
    # sex breakdown's row Nữ), so hiding Tày's 2 alone left it as 12 - 10.
    members = [
        Member(
            f"dv{n}",
            "Lê Văn An",
            "cb",
            admitted_on=date(2010, 3, 2),
            gender=Gender.NU if woman else Gender.NAM,
            ethnicity=ethnicity,
        )
        for n, (ethnicity, woman) in enumerate(
            [(Ethnicity.KINH, n < 10) for n in range(20)]
            + [(Ethnicity.TAY, n < 2) for n in range(6)]
        )
    ]
    assert breakdown(members, "gioi_tinh", on=ON).female == 12
    table = breakdown(members, "dan_toc", on=ON)
    assert _cells(table) == {"kinh": (20, None), "tay": (6, None)}
    assert table.suppressed  # only women's cells hidden: still cells hidden
    # Exact cells, when asked for, still show them.
    exact = breakdown(members, "dan_toc", on=ON, min_cell=1)
    assert _cells(exact) == {"kinh": (20, 10), "tay": (6, 2)}
    assert not exact.suppressed


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=12), st.integers(min_value=0, max_value=12)),
        min_size=1,
        max_size=5,
    )
)
def test_no_hidden_count_of_women_is_the_difference_of_the_shown_ones(
    cells: list[tuple[int, int]],
) -> None:
    """Someone who knows the women in all and the shown women's cells cannot tell one
    hidden women's cell, nor a sum of them below MIN_CELL (a sum of 0 is a shown 0)."""
    members = []
    for ethnicity, (men, women) in zip(list(Ethnicity)[:5], cells, strict=False):
        for n in range(men + women):
            gender = Gender.NU if n < women else Gender.NAM
            members.append(
                Member(
                    f"dv{len(members)}",
                    "Lê Văn An",
                    "cb",
                    admitted_on=date(2010, 3, 2),
                    gender=gender,
                    ethnicity=ethnicity,
                )
            )
    table = breakdown(members, "dan_toc", on=ON)
    hidden = [row for row in table.rows if row.female is None]
    if len(hidden) == len([row for row in table.rows if row.count != 0]):
        return  # every women's cell hidden: nothing to subtract from
    left = table.female - sum(row.female or 0 for row in table.rows)
    assert left == 0 or (len(hidden) > 1 and left >= MIN_CELL)


def test_a_small_count_of_kinh_is_not_the_population_less_the_minorities() -> None:
    # 3 Kinh (2 women) of 200: "dan_toc" hides Kinh's 3, so "dân tộc thiểu số" showing
    # 197 (and its 98 women) told it as 200 - 197 (and 100 - 98).
    def members(kinh: int, kinh_women: int) -> list[Member]:
        return [
            Member(
                f"dv{n}",
                "Lê Văn An",
                "cb",
                admitted_on=date(2010, 3, 2),
                gender=Gender.NU if (n < kinh_women or n >= 100 + kinh_women) else Gender.NAM,
                ethnicity=Ethnicity.KINH if n < kinh else Ethnicity.THAI,
            )
            for n in range(200)
        ]

    few = members(3, 2)
    assert breakdown(few, "gioi_tinh", on=ON).female == 100
    assert _cells(breakdown(few, "dan_toc", on=ON))["kinh"] == (None, None)
    for table in (
        breakdown(few, "dan_toc_thieu_so", on=ON),
        breakdown_frame(breakdown_table(few), "dan_toc_thieu_so", on=ON),
        rollup(_one_chi_bo(few), year=ON.year, breakdowns=["dan_toc_thieu_so"]).breakdown(
            "dan_toc_thieu_so"
        ),
    ):
        assert (table.rows[0].count, table.rows[0].female) == (None, None)
        assert table.suppressed
    exact = breakdown(few, "dan_toc_thieu_so", on=ON, min_cell=1)
    assert (exact.rows[0].count, exact.rows[0].female) == (197, 98)
    # 10 Kinh, 2 of them women: the count is shown, the women (100 - 2) are not.
    some = members(10, 2)
    assert _cells(breakdown(some, "dan_toc", on=ON))["kinh"] == (10, None)
    table = breakdown(some, "dan_toc_thieu_so", on=ON)
    assert (table.rows[0].count, table.rows[0].female) == (190, None)


def _one_chi_bo(members: list[Member]) -> OrgTree:
    return OrgTree.build([Organization("cb", "Chi bộ cơ sở A", OrgKind.CHI_BO_CO_SO)], members)


def _women_and_one_man(women: int, ethnicity: Ethnicity | None = None) -> list[Member]:
    return [
        Member(
            f"dv{n}", "Lê Thị Hoa", "cb", admitted_on=date(2010, 3, 2),
            gender=Gender.NU if n else Gender.NAM,
            ethnicity=ethnicity if n or ethnicity is None else Ethnicity.KINH,
        )
        for n in range(women + 1)
    ]  # fmt: skip


def test_the_sentence_says_all_only_of_all_and_none_only_of_none() -> None:
    """20.000 women of 20.001 members is 99,995...%: not "100%", which says every member
    is a woman; the one Kinh of 20.001 is not "0%" minorities' complement either."""
    from coso_dang.breakdowns import profile

    members = _women_and_one_man(20_000, Ethnicity.THAI)
    text = profile(members, on=ON)
    assert "nữ chiếm 99,99%" in text
    assert "người dân tộc thiểu số được ẩn" in text  # the one Kinh is a cell of one
    shown = profile(members, on=ON, locale="en")
    assert "99.99% are women" in shown
    # 100.000 minorities and 5 Kinh: cells of 5 and more are shown, and 99,995% of
    # minorities is not all of them.
    minorities = [
        Member(f"dv{n}", "Lò Văn An", "cb", admitted_on=date(2010, 3, 2),
               ethnicity=Ethnicity.KINH if n < MIN_CELL else Ethnicity.THAI)
        for n in range(100_000 + MIN_CELL)
    ]  # fmt: skip
    assert "người dân tộc thiểu số chiếm 99,99%" in profile(minorities, on=ON)
    # All and none are still said of all and none.
    assert "nữ chiếm 100%" in profile(_women_and_one_man(5)[1:], on=ON)


def test_a_table_prints_no_share_of_all_or_none_that_is_neither() -> None:
    table = breakdown(_women_and_one_man(20_000), "gioi_tinh", on=ON)
    lines = str(table).splitlines()
    assert lines[2].split() == ["Nam", "1", "0", "0,01%"]
    assert lines[3].split() == ["Nữ", "20.000", "20.000", "99,99%"]
    html = table._repr_html_()
    assert "<td>0,01%</td>" in html
    assert "<td>99,99%</td>" in html
    assert "100,00%" not in html
    # A whole population in one row is 100,00%, an empty row 0,00%, as before.
    whole = str(breakdown(_women_and_one_man(5)[1:], "gioi_tinh", on=ON)).splitlines()
    assert whole[2].split() == ["Nam", "0", "0", "0,00%"]
    assert whole[3].split() == ["Nữ", "5", "5", "100,00%"]


@pytest.mark.parametrize("backend", ["polars", "pandas"])
@pytest.mark.parametrize(
    ("column", "written", "attribute"),
    [
        ("ethnicity", "Kinh", "dan_toc_thieu_so"),  # the label, not the code "kinh"
        ("ethnicity", "Kinh", "dan_toc"),
        ("religion", "Không", "theo_ton_giao"),  # the label, not the code "khong"
        ("gender", "Nam", "gioi_tinh"),
        ("education", "Đại học", "chuyen_mon"),
    ],
)
def test_a_table_value_that_is_no_code_of_its_list_is_refused(
    backend: str, column: str, written: str, attribute: str
) -> None:
    """Ten Kinh members written "Kinh" were counted as ten ethnic minorities (every value
    but the code "kinh" is a minority), and in no row of "dân tộc"; a value that is no
    code of its list is refused, the value not quoted (ethnicity is personal)."""
    pytest.importorskip(backend)
    members = [
        Member(f"dv{n}", "Lê Văn An", "cb", admitted_on=date(2010, 3, 2), gender=NAM,
               ethnicity=E.KINH, religion=R.KHONG, education=EDU.DAI_HOC)
        for n in range(10)
    ]  # fmt: skip
    table = breakdown_table(members, backend=backend)  # type: ignore[arg-type]
    if backend == "polars":
        import polars

        table = table.with_columns(polars.lit(written).alias(column))
    else:
        table[column] = written
    with pytest.raises(BreakdownError, match=f"'{column}'.*10 ") as raised:
        breakdown_frame(table, attribute, on=ON, min_cell=1)
    assert written not in str(raised.value)
    # The members outside the population are not read: nothing to refuse.
    assert breakdown_frame(table, attribute, on=date(2009, 12, 31)).total == 0


@pytest.mark.parametrize("backend", ["polars", "pandas"])
@pytest.mark.parametrize(
    ("attribute", "population", "dropped"),
    [
        ("dan_toc", "dang_vien", "ethnicity"),
        ("dan_toc_thieu_so", "dang_vien", "ethnicity"),
        ("tuoi", "ket_nap", "birth_date"),
        ("du_bi", "dang_vien", "ceremony_on"),
        ("doan_vien", "dang_vien", "is_youth_union_member"),
        ("gioi_tinh", "dang_vien", "left_on"),
        ("gioi_tinh", "ket_nap", "gender"),
        ("thoi_ky", "dang_vien", "admitted_on"),
    ],
)
def test_a_table_without_a_column_the_count_reads_is_refused_in_vietnamese(
    backend: str, attribute: str, population: str, dropped: str
) -> None:
    """breakdown_frame over a table without a column it reads failed with the engine's
    own error, in English (polars' ColumnNotFoundError); it names the column, in
    Vietnamese, as rollup_frame does."""
    pytest.importorskip(backend)
    table = breakdown_table(MEMBERS, backend=backend)  # type: ignore[arg-type]
    table = table.drop(columns=[dropped]) if backend == "pandas" else table.drop(dropped)
    with pytest.raises(BreakdownError, match=f"thiếu cột {dropped}") as raised:
        breakdown_frame(table, attribute, on=ON, population=population)
    assert raised.value.message("en").startswith("the members table lacks the column")


MINORITY_CODES = ATTRIBUTES["dan_toc_thieu_so"].codes("dang_vien")


@pytest.mark.parametrize(
    ("call", "english"),
    [
        (lambda: breakdown(MEMBERS, "tuoi_dang", on=ON), "no breakdown 'tuoi_dang'"),
        (lambda: breakdown(MEMBERS, "tuoi", on=ON, population="x"), "no population 'x'"),
        (lambda: breakdown(MEMBERS, "tuoi", on="2025"), "on: a date is needed"),  # type: ignore[arg-type]
        (lambda: breakdown(MEMBERS, "tuoi", on=ON, start=date(2026, 1, 1)), "start: a date"),
        (lambda: breakdown(MEMBERS, "tuoi", on=ON, org="c1"), "org: only with an"),
        (lambda: rollup(OrgTree.build([]), year=2025, breakdowns=["x"]), "no breakdown 'x'"),
        (
            lambda: rollup(OrgTree.build([]), year=2025).breakdown("tuoi"),
            "breakdown 'tuoi' of population 'dang_vien' was not counted",
        ),
        (
            lambda: breakdown_of("dan_toc_thieu_so", dict.fromkeys(MINORITY_CODES, 0),
                                 population="dang_vien",
                                 start=ON, on=ON, total=0, female=0, gender_unknown=0),
            "breakdown 'dan_toc_thieu_so' also needs the counts of breakdown 'dan_toc'",
        ),
    ],
)  # fmt: skip
def test_a_breakdown_error_speaks_english_when_asked(call: Any, english: str) -> None:
    """The breakdowns' errors were written as plain texts, outside the catalogue: in
    English (``message("en")``, ``set_locale("en")``) they stayed Vietnamese."""
    with pytest.raises(BreakdownError) as raised:
        call()
    assert raised.value.message("en").startswith(english)
    assert raised.value.message("vi") == str(raised.value) != raised.value.message("en")


def test_a_stray_code_is_refused_in_english_when_asked() -> None:
    table = breakdown_table(MEMBERS, columns=COUNTED_COLUMNS)
    polars = pytest.importorskip("polars")
    table = table.with_columns(polars.lit("Kinh").alias("ethnicity"))
    with pytest.raises(BreakdownError) as raised:
        breakdown_frame(table, "dan_toc", on=ON)
    assert raised.value.message("en").startswith("column 'ethnicity': ")
    assert "Kinh" not in raised.value.message("en")


def test_a_table_of_admissions_says_the_period_it_counts() -> None:
    """A quarter's admissions were headed "(đến 31/12/2025)" as the year's are: the
    heading now gives the first day when it is not 1 January."""
    quarter = breakdown(MEMBERS, "gioi_tinh", on=ON, start=date(2025, 10, 1), population="ket_nap")
    heading = "Đảng viên mới kết nạp theo giới tính (từ 01/10/2025 đến 31/12/2025)"
    assert str(quarter).splitlines()[0] == heading
    year = breakdown(MEMBERS, "gioi_tinh", on=ON, population="ket_nap")
    assert str(year).splitlines()[0] == "Đảng viên mới kết nạp theo giới tính (đến 31/12/2025)"
    assert f"<caption>{heading}</caption>" in quarter._repr_html_()
    # The members on the last day are the same whatever the first day: no "từ".
    members = breakdown(MEMBERS, "gioi_tinh", on=ON, start=date(2025, 10, 1))
    assert str(members).splitlines()[0] == "Đảng viên theo giới tính (đến 31/12/2025)"


@pytest.mark.parametrize("backend", ["polars", "pandas"])
def test_a_column_of_numbers_for_codes_is_refused(backend: str) -> None:
    """Ethnicity as numbers (1 for Kinh, as some registers number the rows) was read as
    unknown for every member in "dân tộc", and by pandas as every member a minority."""
    pytest.importorskip(backend)
    members = [
        Member(f"dv{n}", "Lê Văn An", "cb", admitted_on=date(2010, 3, 2), ethnicity=E.KINH)
        for n in range(7)
    ]
    table = breakdown_table(members, backend=backend)  # type: ignore[arg-type]
    if backend == "polars":
        import polars

        table = table.with_columns(polars.lit(1).alias("ethnicity"))
    else:
        table["ethnicity"] = 1
    for attribute in ("dan_toc", "dan_toc_thieu_so"):
        with pytest.raises(BreakdownError, match="'ethnicity': 7 đảng viên"):
            breakdown_frame(table, attribute, on=ON, min_cell=1)


# Days on the edges the regulation's wording draws: the eras' first and last days, a
# birthday on the period's last day (31, 18, 60, 61), 29/2, leaving on the last day.
_BORN = (date(1980, 2, 29), date(1994, 12, 31), date(1995, 1, 1), date(1964, 12, 31),
         date(1965, 1, 1), date(1963, 12, 31), date(2007, 12, 31), date(2007, 3, 1),
         date(1925, 5, 1))  # fmt: skip
_ADMITTED = (date(1945, 8, 18), date(1945, 8, 19), date(1954, 7, 20), date(1954, 7, 21),
             date(1975, 4, 30), date(1975, 5, 1), date(2024, 2, 29), date(2025, 1, 1),
             date(2025, 2, 28), date(2025, 12, 31), date(2026, 1, 1))  # fmt: skip
_LEFT = (date(2025, 2, 28), date(2025, 3, 1), date(2025, 12, 31), date(2026, 1, 1))


def _maybe(values: object) -> st.SearchStrategy[object]:
    listed = list(values)  # type: ignore[call-overload]
    return st.one_of(st.none(), st.sampled_from(listed)) if listed else st.none()


@st.composite
def _edge_member(draw: st.DrawFn, n: int) -> Member:
    admitted = draw(st.sampled_from(_ADMITTED))
    born = draw(_maybe(b for b in _BORN if b.year + 18 < admitted.year))
    left = draw(_maybe(d for d in _LEFT if d > admitted))
    ceremony = draw(st.sampled_from([None, admitted, admitted + timedelta(days=30)]))
    return Member(
        f"dv{n}", "Lê Văn An", draw(st.sampled_from(["c1", "c2"])), admitted_on=admitted,
        ceremony_on=ceremony, birth_date=born, left_on=left,
        gender=draw(_maybe([NAM, NU, NU])),
        ethnicity=draw(_maybe([E.KINH] * 4 + [E.THAI, E.TAY, E.KHAC, E.NUOC_NGOAI])),
        religion=draw(_maybe([R.KHONG] * 4 + [R.PHAT_GIAO, R.CONG_GIAO, R.KHAC])),
        occupation=draw(_maybe(list(Occupation)[:4])),
        general_education=draw(_maybe(GeneralEducation)), education=draw(_maybe(EDU)),
        political_theory=draw(_maybe(LLCT)), academic_title=draw(_maybe(AcademicTitle)),
        is_youth_union_member=draw(_maybe([True, False])),
        owns_private_enterprise=draw(_maybe([True, False])),
    )  # fmt: skip


_TWO_CHI_BO = [
    Organization("db", "Đảng bộ xã A", OrgKind.DANG_BO_CO_SO),
    Organization("c1", "Chi bộ Thôn 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="db"),
    Organization("c2", "Chi bộ Thôn 2", OrgKind.CHI_BO_TRUC_THUOC, parent_id="db"),
]


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    members=st.integers(0, 24).flatmap(
        lambda n: st.tuples(*(_edge_member(i) for i in range(n))).map(list)
    ),
    on=st.sampled_from([ON, date(2025, 2, 28), date(2025, 3, 1), date(2025, 6, 30)]),
    population=st.sampled_from(["dang_vien", "ket_nap"]),
    min_cell=st.sampled_from([None, 1, 3]),
)
def test_every_path_agrees_cell_for_cell_on_the_edge_days(
    members: list[Member], on: date, population: str, min_cell: int | None
) -> None:
    """Records, polars, pandas, a rollup of records and of a table give the same table,
    hidden cells included, on members whose days sit on every edge of the bands."""
    pytest.importorskip("pandas")
    from coso_dang.frame import members_frame, rollup_frame

    tables = [breakdown_table(members), breakdown_table(members, backend="pandas")]
    tree = OrgTree.build(_TWO_CHI_BO, members)
    rolled = rollup(tree, year=on.year, as_of=on, breakdowns=True)
    framed = rollup_frame(
        OrgTree.build(_TWO_CHI_BO), members_frame(members, breakdowns=True),
        year=on.year, as_of=on, breakdowns=True,
    )  # fmt: skip
    arguments = {"on": on, "population": population, "min_cell": min_cell}
    for attribute in ATTRIBUTES:
        expected = breakdown(members, attribute, **arguments)  # type: ignore[arg-type]
        for table in tables:
            assert breakdown_frame(table, attribute, **arguments) == expected  # type: ignore[arg-type]
        by_rollup = {"population": population, "min_cell": min_cell}
        assert rolled.breakdown(attribute, **by_rollup) == expected  # type: ignore[arg-type]
        assert framed.breakdown(attribute, **by_rollup) == expected  # type: ignore[arg-type]
        one = breakdown(tree, attribute, org="c1", **arguments)  # type: ignore[arg-type]
        assert rolled.breakdown(attribute, org="c1", **by_rollup) == one  # type: ignore[arg-type]


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    members=st.integers(0, 24).flatmap(
        lambda n: st.tuples(*(_edge_member(i) for i in range(n))).map(list)
    ),
    on=st.sampled_from([ON, date(2025, 2, 28), date(2025, 3, 1), date(2025, 6, 30)]),
    population=st.sampled_from(["dang_vien", "ket_nap"]),
    timed=st.booleans(),
    texts=st.booleans(),
)
def test_the_sql_form_agrees_cell_for_cell_on_the_edge_days(
    members: list[Member], on: date, population: str, timed: bool, texts: bool
) -> None:
    """Each sql_case, grouped in SQLite, gives every row of the records' table on members
    whose days sit on every edge of the bands, their days stored as ISO dates or with a
    time of day (as pandas writes them), their flags as 0/1 or as the texts a CSV
    import keeps."""
    import sqlite3

    columns = ("admitted_on", "ceremony_on", "left_on", "birth_date", "gender", "ethnicity",
               "religion", "occupation", "general_education", "education", "political_theory",
               "academic_title", "is_youth_union_member", "owns_private_enterprise")  # fmt: skip

    def stored(value: object) -> object:
        if isinstance(value, date):
            return value.isoformat() + (" 00:00:00" if timed else "")
        if isinstance(value, bool):
            return str(value).lower() if texts else int(value)
        return getattr(value, "value", value)

    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE TABLE m ({', '.join(columns)})")
    rows = [[stored(getattr(m, name)) for name in columns] for m in members]
    db.executemany(f"INSERT INTO m VALUES ({', '.join('?' * len(columns))})", rows)
    after = f"'{(on + timedelta(days=1)).isoformat()}'"
    if population == "dang_vien":
        chosen = f"admitted_on < {after} AND (left_on IS NULL OR left_on >= {after})"
    else:
        chosen = f"admitted_on >= '{on.year}-01-01' AND admitted_on < {after}"
    for attribute in ATTRIBUTES:
        query = (
            f"SELECT {sql_case(attribute, on)} AS k, COUNT(*), "
            "SUM(CASE WHEN gender = 'nu' THEN 1 ELSE 0 END) "
            f"FROM m WHERE {chosen} GROUP BY k"
        )
        found = {key: (n, women) for key, n, women in db.execute(query)}
        expected = breakdown(members, attribute, on=on, population=population, min_cell=1)
        for row in expected.rows:
            assert found.get(row.code, (0, 0)) == (row.count, row.female), (attribute, row.code)
        assert found.get("?", (0, 0))[0] == expected.unknown, attribute


def test_a_heading_writes_its_days_as_running_text_does() -> None:
    """A third quarter's admissions were headed "(từ 01/07/2025 đến 30/09/2025)", where
    running text (and the report beside the table) writes "01/7/2025" and "30/9/2025":
    a month from March on takes no leading zero."""
    quarter = breakdown(
        MEMBERS,
        "gioi_tinh",
        on=date(2025, 9, 30),
        start=date(2025, 7, 1),
        population="ket_nap",
    )
    heading = "Đảng viên mới kết nạp theo giới tính (từ 01/7/2025 đến 30/9/2025)"
    assert str(quarter).splitlines()[0] == heading
    assert f"<caption>{heading}</caption>" in quarter._repr_html_()
    early = breakdown(MEMBERS, "gioi_tinh", on=date(2025, 2, 5))
    assert str(early).splitlines()[0] == "Đảng viên theo giới tính (đến 05/02/2025)"


@pytest.mark.parametrize("attribute", ["tuoi", "du_bi", "thoi_ky"])
def test_the_tables_say_the_women_are_counted_among_the_sexes_known(attribute: str) -> None:
    """Of ten members, eight of no sex recorded: the table printed "Nữ 2" and "0" in
    its women's column as whole counts, with nothing saying eight were not known (its
    counts give None there). The text and the notebook's table now say so."""
    members = [
        Member(
            f"d{n}",
            f"Đảng viên {n}",
            "c",
            admitted_on=date(2000, 1, 1),
            birth_date=date(1980, 1, 1),
            gender=Gender.NU if n < 2 else None,
        )
        for n in range(10)
    ]
    tree = OrgTree.build([Organization("c", "Chi bộ A", OrgKind.CHI_BO_CO_SO)], members)
    table = breakdown(tree, attribute, on=date(2024, 12, 31))
    assert table.gender_unknown == 8
    note = "Chưa có thông tin giới tính: 8 đảng viên"
    assert note in str(table)
    assert note in table._repr_html_()
    # With every sex recorded there is nothing to say.
    known = [attrs.evolve(m, gender=Gender.NAM) if m.gender is None else m for m in members]
    whole = breakdown(
        OrgTree.build([Organization("c", "Chi bộ A", OrgKind.CHI_BO_CO_SO)], known),
        attribute,
        on=date(2024, 12, 31),
    )
    assert "giới tính" not in str(whole)
    assert "giới tính" not in whole._repr_html_()


def test_the_table_by_sex_does_not_say_its_unknown_twice() -> None:
    members = [
        Member(f"d{n}", f"Đảng viên {n}", "c", admitted_on=date(2000, 1, 1)) for n in range(6)
    ]
    tree = OrgTree.build([Organization("c", "Chi bộ A", OrgKind.CHI_BO_CO_SO)], members)
    text = str(breakdown(tree, "gioi_tinh", on=date(2024, 12, 31)))
    assert "Chưa có thông tin: 6 đảng viên" in text
    assert "giới tính:" not in text
