"""Small cells stay hidden across the tables that share their sums.

"Dân tộc" and "dân tộc thiểu số" are published side by side (as are "tôn giáo" and "người
theo tôn giáo"): the second is a sum of rows of the first. Whoever holds both, the
population, its unknown and its women (the sex table), knows every published linear
identity between the cells. The law checked: no cell of 1 to MIN_CELL - 1 is shown or
told by a shown row ("người theo tôn giáo" tells the members of no religion, with the
population), and no hidden cell is pinned down by the identities —
every identity, and every difference of two of them, holds no hidden part or at least two,
their sum is not a small cell, and not the least or the most the hidden parts can hold.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coso_dang import Gender, Member, Organization, OrgKind, OrgTree
from coso_dang.attributes import Ethnicity, Religion
from coso_dang.breakdowns import (
    MIN_CELL,
    Breakdown,
    breakdown,
    breakdown_frame,
    breakdown_of,
    breakdown_table,
    profile,
)
from coso_dang.rollup import rollup

ON = date(2025, 12, 31)
INF = 10**9

#: (value, shown, least, most) of each cell; identities: (cells, published sum).
Cells = dict[str, tuple[int, bool, int, int]]
Identity = tuple[frozenset[str], int]


def _pinned(cells: Cells, identities: Iterable[Identity], whole: frozenset[str]) -> str | None:
    """Why a hidden cell can be told from the identities, or ``None``."""
    # A cell that can hold no one (a women's cell of a row shown as 0) is 0: left out.
    fixed = {c for c in whole if cells[c][3] == 0}
    whole -= fixed
    known = {cell - fixed: sum_ for cell, sum_ in identities}
    if known.get(whole) == 0:
        return None  # a published 0 in all tells every cell, whatever is hidden
    # Differences of identities whose cells nest are identities too (the population less
    # "dân tộc thiểu số" is the Kinh cell); to a fixed point.
    changed = True
    while changed:
        changed = False
        for a, sa in list(known.items()):
            for b, sb in list(known.items()):
                if b < a and (a - b) not in known:
                    known[a - b] = sa - sb
                    changed = True
    for parts, sum_ in known.items():
        hidden = [c for c in parts if not cells[c][1]]
        if not hidden or (parts == whole and len(hidden) == len(whole)):
            # Nothing hidden, or everything: the sum is the population's own (its women,
            # the sex table's), told by no cell of these tables.
            continue
        left = sum_ - sum(cells[c][0] for c in parts if cells[c][1])
        assert left == sum(cells[c][0] for c in hidden)  # the harness is right
        where = f"{sorted(hidden)} = {left}"
        if len(hidden) == 1:
            return f"one hidden cell: {where}"
        if left in (sum(cells[c][2] for c in hidden), sum(cells[c][3] for c in hidden)):
            return f"the hidden cells at their least or most: {where}"
        if left < MIN_CELL:
            return f"a small sum of hidden cells: {where}"
    return None


def _check(fine: Breakdown, coarse: Breakdown, left_out: str | None) -> None:
    """The law over a finer table and the row adding up all its rows but *left_out*
    (``None``: its members in no row, shown only through the coarse row)."""
    known = fine.total - fine.unknown
    zeros_shown = any(row.count == 0 for row in fine.rows)
    cells: Cells = {}
    women: Cells = {}
    for row in fine.rows:
        least = 1 if zeros_shown else 0  # a hidden row holds someone while 0s are shown
        cells[row.code] = (_count(row.code, fine), row.count is not None, least, INF)
        most = INF if row.count is None else row.count
        women[row.code] = (_women(row.code, fine), row.female is not None, 0, most)
    (row,) = coarse.rows
    outside = known - sum(cells[c][0] for c in cells)
    if left_out is None:
        cells["_rest"] = (outside, row.count is not None, 0, INF)
        most = INF if row.count is None else outside
        women["_rest"] = (_women("_rest", fine), row.female is not None, 0, most)
    else:
        assert outside == 0  # every member of known value is in a row
    for name, table in (("", cells), ("women: ", women)):
        small = {c: v for c, (v, shown, _, _) in table.items() if shown and 0 < v < MIN_CELL}
        assert not small, f"{name}small cells shown or told: {small}"
    everything = frozenset(cells)
    summed = everything - {left_out or "_rest"}
    identities: list[Identity] = [(everything, known)]
    if row.count is not None:
        identities.append((summed, row.count))
    why = _pinned(cells, identities, everything)
    assert why is None, why
    # The women in all are published (the sex table), their sum over the rows only when
    # every member's value is known (else the women of unknown value are in it too).
    women_identities: list[Identity] = []
    if fine.unknown == 0:
        women_identities.append((everything, fine.female))
    if row.female is not None:
        women_identities.append((summed, row.female))
    why = _pinned(women, women_identities, everything)
    assert why is None, f"women: {why}"


# The exact cells, read from the same members with min_cell=1.
_EXACT: dict[str, dict[str, tuple[int, int]]] = {}


def _count(code: str, table: Breakdown) -> int:
    return _EXACT[table.attribute.code][code][0]


def _women(code: str, table: Breakdown) -> int:
    return _EXACT[table.attribute.code][code][1]


def _members(groups: list[tuple[object, int, int]], field: str, unknown: int) -> list[Member]:
    members: list[Member] = []
    for value, men, women in [*groups, (None, unknown, 0)]:
        for n in range(men + women):
            members.append(
                Member(
                    f"dv{len(members)}",
                    "Lê Văn An",
                    "cb",
                    admitted_on=date(2010, 3, 2),
                    gender=Gender.NU if n < women else Gender.NAM,
                    **{field: value},  # type: ignore[arg-type]
                )
            )
    return members


def _remember(members: list[Member], fine: str, left_out: str | None) -> None:
    exact = breakdown(members, fine, on=ON, min_cell=1)
    cells = {row.code: (row.count or 0, row.female or 0) for row in exact.rows}
    known = exact.total - exact.unknown
    # With values unknown, the women in no row are not published: no identity reads them.
    rest_women = exact.female - sum(w for _, w in cells.values()) if not exact.unknown else -1
    cells["_rest"] = (known - sum(c for c, _ in cells.values()), rest_women)
    _EXACT[fine] = cells


def _tables(members: list[Member], fine: str, coarse: str) -> list[tuple[Breakdown, Breakdown]]:
    """Each path's pair of tables: records, a polars table, a rollup of records, one of
    a members table."""
    made = [(breakdown(members, fine, on=ON), breakdown(members, coarse, on=ON))]
    table = breakdown_table(members)
    made.append((breakdown_frame(table, fine, on=ON), breakdown_frame(table, coarse, on=ON)))
    tree = OrgTree.build([Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO)], members)
    result = rollup(tree, year=ON.year, breakdowns=[coarse])  # the finer one counted along
    made.append((result.breakdown(fine), result.breakdown(coarse)))
    from coso_dang.frame import members_frame, rollup_frame

    frames = members_frame(members, breakdowns=True)
    empty = OrgTree.build(tree.walk())
    result = rollup_frame(empty, frames, year=ON.year, breakdowns=[coarse])
    made.append((result.breakdown(fine), result.breakdown(coarse)))
    return made


_SMALL = st.integers(min_value=0, max_value=6)
_CELL = st.tuples(_SMALL, _SMALL)
_MINORITIES = (Ethnicity.THAI, Ethnicity.TAY, Ethnicity.MUONG)


@settings(max_examples=150, deadline=None)
@given(
    kinh=st.tuples(st.integers(min_value=0, max_value=40), st.integers(min_value=0, max_value=40)),
    minorities=st.lists(_CELL, min_size=3, max_size=3),
    unknown=st.integers(min_value=0, max_value=2),
)
def test_no_hidden_ethnicity_cell_is_told_by_the_minorities_row(
    kinh: tuple[int, int], minorities: list[tuple[int, int]], unknown: int
) -> None:
    groups = [(Ethnicity.KINH, *kinh)]
    groups += [(e, men, women) for e, (men, women) in zip(_MINORITIES, minorities, strict=True)]
    members = _members(groups, "ethnicity", unknown)
    pytest.importorskip("polars")
    _remember(members, "dan_toc", Ethnicity.KINH.value)
    for fine, coarse in _tables(members, "dan_toc", "dan_toc_thieu_so"):
        _check(fine, coarse, Ethnicity.KINH.value)
    # The profile's share of minorities gives their count with the population: it is
    # withheld exactly when the row is.
    text = profile(members, on=ON)
    withheld = breakdown(members, "dan_toc_thieu_so", on=ON).rows[0].count is None
    known = len(members) - unknown
    assert ("người dân tộc thiểu số chiếm" not in text) == (withheld or not known)


@settings(max_examples=150, deadline=None)
@given(
    none=st.tuples(st.integers(min_value=0, max_value=40), st.integers(min_value=0, max_value=40)),
    faiths=st.lists(_CELL, min_size=3, max_size=3),
    unknown=st.integers(min_value=0, max_value=2),
)
def test_no_hidden_religion_cell_is_told_by_the_believers_row(
    none: tuple[int, int], faiths: list[tuple[int, int]], unknown: int
) -> None:
    religions = (Religion.PHAT_GIAO, Religion.CONG_GIAO, Religion.TIN_LANH)
    groups = [(Religion.KHONG, *none)]
    groups += [(r, men, women) for r, (men, women) in zip(religions, faiths, strict=True)]
    members = _members(groups, "religion", unknown)
    pytest.importorskip("polars")
    _remember(members, "ton_giao", None)
    for fine, coarse in _tables(members, "ton_giao", "theo_ton_giao"):
        _check(fine, coarse, None)


def _ethnic(kinh: int, **minorities: int) -> list[Member]:
    groups = [(Ethnicity.KINH, kinh, 0)]
    groups += [(Ethnicity[name.upper()], n, 0) for name, n in minorities.items()]
    return _members(groups, "ethnicity", 0)


def _shown(table: Breakdown) -> dict[str, int | None]:
    return {row.code: row.count for row in table.rows if row.count != 0}


def test_two_hidden_minorities_are_not_told_by_their_total() -> None:
    # Kinh 192, Thái 4, Tày 4: "dan_toc" hides all three (8 = 4 + 4, the most two hidden
    # cells of under 5 hold), so "dân tộc thiểu số" showing 8 told Kinh (200 - 8) and,
    # with it, Thái and Tày.
    members = _ethnic(192, thai=4, tay=4)
    assert _shown(breakdown(members, "dan_toc", on=ON)) == {"kinh": None, "thai": None, "tay": None}
    for table in (
        breakdown(members, "dan_toc_thieu_so", on=ON),
        breakdown_frame(breakdown_table(members), "dan_toc_thieu_so", on=ON),
    ):
        assert table.rows[0].count is None
        assert table.suppressed
    assert "được ẩn" in profile(members, on=ON)
    # Thái 3, Tày 4: 7 in two hidden cells does not tell them; Kinh is shown, and so is
    # the minorities' 7, which the population less Kinh gives anyway.
    members = _ethnic(192, thai=3, tay=4)
    assert _shown(breakdown(members, "dan_toc", on=ON)) == {"kinh": 192, "thai": None, "tay": None}
    assert breakdown(members, "dan_toc_thieu_so", on=ON).rows[0].count == 7


def test_a_lone_member_of_a_small_chi_bo_is_not_the_population_less_the_zeros() -> None:
    # Three members, all Kinh: hiding Kinh's 3 while showing every other row as 0 told it
    # (3 - 0). Every row is hidden, 0s too.
    table = breakdown(_ethnic(3), "dan_toc", on=ON)
    assert all(row.count is None for row in table.rows)
    assert table.total == 3


def test_a_small_number_of_members_without_religion_is_hidden() -> None:
    # 200 Phật giáo, 3 with no religion: "người theo tôn giáo" 200 and the population 203
    # told the 3 (a cell of the religion table: the members in none of its rows).
    groups: list[tuple[object, int, int]] = [(Religion.PHAT_GIAO, 200, 0), (Religion.KHONG, 3, 0)]
    members = _members(groups, "religion", 0)
    assert breakdown(members, "theo_ton_giao", on=ON).rows[0].count is None
    faiths = breakdown(members, "ton_giao", on=ON)
    assert faiths.rows[0].count is None  # else 203 - 200 again
    # 4 Phật giáo and 4 Công giáo among 195 without: 8 believers told both (4 + 4).
    groups = [(Religion.PHAT_GIAO, 4, 0), (Religion.CONG_GIAO, 4, 0), (Religion.KHONG, 195, 0)]
    members = _members(groups, "religion", 0)
    assert breakdown(members, "theo_ton_giao", on=ON).rows[0].count is None


def test_the_believers_women_do_not_tell_a_hidden_womens_cell() -> None:
    # Tin Lành 5 (4 women), 6 with no religion (men), 1 woman of unknown religion: the
    # women in all (5) do not give the believers' women, but the row did: 4, the hidden
    # Tin Lành cell of women, alone in its column.
    groups: list[tuple[object, int, int]] = [(Religion.TIN_LANH, 1, 4), (Religion.KHONG, 6, 0)]
    members = _members(groups, "religion", 0)
    members.append(Member("dvx", "Lê Thị Ba", "cb", admitted_on=date(2010, 3, 2), gender=Gender.NU))
    faiths = breakdown(members, "ton_giao", on=ON)
    assert (faiths.rows[0].code, faiths.rows[0].female) == ("phat_giao", 0)
    assert {row.code: row.female for row in faiths.rows}["tin_lanh"] is None
    believers = breakdown(members, "theo_ton_giao", on=ON)
    assert (believers.rows[0].count, believers.rows[0].female) == (5, None)


def test_breakdown_of_needs_the_finer_counts_to_hide_a_summed_row() -> None:
    from coso_dang.breakdowns import ATTRIBUTES, BreakdownError

    members = _ethnic(192, thai=4, tay=4)
    counts: dict[str, int] = {}
    for code in ("dan_toc", "dan_toc_thieu_so"):
        counts |= {k: v or 0 for k, v in breakdown(members, code, on=ON, min_cell=1)
                   .to_counts().items()}  # fmt: skip
    common = {"population": "dang_vien", "start": date(2025, 1, 1), "on": ON, "total": 200,
              "female": 0, "gender_unknown": 0}  # fmt: skip
    table = breakdown_of("dan_toc_thieu_so", counts, **common)  # type: ignore[arg-type]
    assert table.rows[0].count is None
    alone = {k: v for k, v in counts.items() if k in ATTRIBUTES["dan_toc_thieu_so"].codes(
        "dang_vien")}  # fmt: skip
    with pytest.raises(BreakdownError, match="dan_toc"):
        breakdown_of("dan_toc_thieu_so", alone, **common)  # type: ignore[arg-type]
    exact = breakdown_of("dan_toc_thieu_so", alone, min_cell=1, **common)  # type: ignore[arg-type]
    assert exact.rows[0].count == 8
