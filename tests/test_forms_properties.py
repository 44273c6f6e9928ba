"""The identities the forms state, on generated provinces with histories, reviews and the
2025 reorganization: for a year, a half-year, a quarter, the province or one of its
organizations.

The identities are written out here from the forms' printed rows, not read from the
form descriptions, so that a description that loses one is caught too.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from functools import cache

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.strategies import member_histories
from tests.test_history_properties import periods

from coso_dang import Organization, OrgKind, OrgTree
from coso_dang.dataset import Dataset
from coso_dang.evaluation import Evaluation, SubjectKind
from coso_dang.forms import FilledForm, Period, fill_forms
from coso_dang.history import Lineage, MemberEvent, OrgEvent
from coso_dang.members import LeaveReason, Member
from coso_dang.ratings import Rating
from coso_dang.testing import GeneratedHistory, generate_history, generate_province, reorganize_2025

#: Each form's sums, as its rows print them: (whole, [parts]), a part with "-" subtracted.
SUMS: dict[str, list[tuple[str, list[str]]]] = {
    "1": [
        ("D", ["A", "B", "-C"]),
        ("B", ["B1", "B2", "B3"]),
        ("B2", ["B2a", "B2b"]),
        ("C", ["C1", "C2", "C3", "C4", "C5"]),
        ("C5", ["C5a", "C5b"]),
    ],
    "2": [
        ("I", [f"II.1.{n}" for n in range(1, 13)]),
        ("II.1.7", ["II.1.7a", "II.1.7b", "II.1.7c"]),
        ("I", [f"II.2.{n}" for n in range(1, 9)]),
        ("III", ["III.1", "III.2"]),
    ],
    "3": [
        ("I", ["II.1a", "II.1b"]),
        ("II.1a", [f"II.1a.{n}" for n in range(1, 13)]),
        ("II.1a.7", ["II.1a.7a", "II.1a.7b", "II.1a.7c"]),
        ("I", [f"II.2.{n}" for n in range(1, 9)]),
        ("I", [f"II.3.{n}" for n in range(1, 5)]),
    ],
    "5": [
        ("T", [str(n) for n in range(1, 12)]),
        ("6", ["6a", "6b"]),
        ("9", ["9a", "9b", "9c"]),
        ("9a", ["9a1", "9a2", "9a3"]),
        ("9b", [f"9b{n}" for n in range(1, 6)]),
    ],
    "6": [
        *((whole, [f"{whole}.1", f"{whole}.2"]) for whole in ("I", "II", "III")),
        *((f"{whole}.1", [f"{whole}.1.{n}" for n in range(1, 5)]) for whole in ("I", "II", "III")),
    ],
    "6F": [("1", ["2", "3"])],
    "7": [
        ("II", [f"II.{n}" for n in (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)]),
        ("IV.1", ["IV.1a", "IV.1b"]),
        ("IV.2", ["IV.2a", "IV.2b"]),
    ],
}

#: The "trong đó" rows and the row each is part of (a part never exceeds its whole).
PARTS: dict[str, list[tuple[str, str]]] = {
    "1": [("C3x", "C3")],
    "2": [(f"I.{x}", "I") for x in "abcdef"] + [("III.1a", "III.1"), ("III.2a", "III.2")],
    "3": [(f"I.{x}", "I") for x in "abcdefg"] + [("II.1b.x", "II.1b")],
    "5": [("9b5x", "9b5")],
    "6F": [("3.1", "3"), ("3.2", "3"), ("3.3", "3"), ("3.4", "3")],
}

Value = int | Fraction | None


def _columns(filled: FilledForm) -> dict[str, dict[str, Value]]:
    """Each printed column of figures, by row key."""
    if filled.form.layout == "matrix":
        return {
            column.key: {item.row.key: item.cells[at].value for item in filled.rows}
            for at, column in enumerate(filled.form.value_columns)
        }
    found = {"kỳ này": {item.row.key: item.this.value for item in filled.rows}}
    if filled.form.layout == "K":
        found["cùng kỳ"] = {item.row.key: item.previous.value for item in filled.rows}
    return found


def _sum(values: dict[str, Value], parts: list[str]) -> Value:
    """The sum of *parts* (those starting with "-" subtracted); None when one is blank."""
    total: int | Fraction = 0
    for part in parts:
        value = values[part.lstrip("-")]
        if value is None:
            return None
        total += -value if part.startswith("-") else value
    return total


def _check(filled: tuple[FilledForm, ...], period: Period, inside: bool) -> None:
    by = {f.form.number: f for f in filled}
    for form in filled:
        assert form.ok, (form.form.number, form.failures)
        for name, values in _columns(form).items():
            for whole, parts in SUMS.get(form.form.number, []):
                total = _sum(values, parts)
                if total is not None and values[whole] is not None:
                    assert total == values[whole], (form.form.number, name, whole)
            for part, whole in PARTS.get(form.form.number, []):
                small, large = values[part], values[whole]
                if small is not None and large is not None:
                    assert small <= large, (form.form.number, name, part)
            for key, value in values.items():
                assert value is None or value >= 0, (form.form.number, name, key, value)
    one, two, three = _columns(by["1"]), _columns(by["2"]), _columns(by["3"])
    for column in ("kỳ này", "cùng kỳ"):
        # Biểu 3 describes the members Biểu 1 ends with, Biểu 2 those it admits; Biểu 7
        # counts the official transfers Biểu 1 counts.
        assert three[column]["I"] == one[column]["D"]
        assert two[column]["I"] == one[column]["B1"]
        seven = _columns(by["7"])[column]
        assert (seven["IV.2a"], seven["IV.2b"]) == (one[column]["C5"], one[column]["B2"])
    members_by_type = _columns(by["5"])["7"]["T"]
    if not inside and members_by_type is not None:  # blank: a TCCSĐ of unknown type
        assert members_by_type == one["kỳ này"]["D"]
    if (period.end.month, period.end.day) != (12, 31):
        # No yearly review in the window: Biểu 6 and 6F are blank, not 0.
        for number in ("6", "6F"):
            assert {v for c in _columns(by[number]).values() for v in c.values()} == {None}
    else:
        rated = _columns(by["6"])["kỳ này"]
        if rated["III"] is not None:
            assert rated["III"] == one["kỳ này"]["D"]


def _files(org: Organization) -> bool:
    """Whether *org* files forms of its own: a tổ đảng's members are counted in its chi
    bộ; a đảng đoàn or ban cán sự đảng, beside the party's tree, holds none."""
    return org.kind not in (OrgKind.TO_DANG, OrgKind.DANG_DOAN, OrgKind.BAN_CAN_SU_DANG)


@cache
def _province(seed: int) -> tuple[Dataset, GeneratedHistory]:
    data = generate_province(seed=seed, scale=0.02)
    return data, generate_history(data, seed=seed)


@st.composite
def _evaluations(draw: st.DrawFn, tree: OrgTree, year: int) -> list[Evaluation]:
    """*year*'s evaluations of some of the tree's members (those who left too) and
    organizations (those dissolved too), rated or not."""
    rating = st.none() | st.sampled_from(list(Rating))
    members = list(tree.members())
    chosen = draw(st.lists(st.sampled_from(members), max_size=12, unique_by=lambda m: m.id))
    left = [m for m in members if m.left_on is not None and m.left_on.year == year]
    chosen += left[: draw(st.integers(0, 4))]
    found = {m.id: Evaluation(m.id, year, draw(rating)) for m in chosen}
    orgs = [o for o in tree.walk() if o.kind.is_grassroots or o.kind.is_chi_bo]
    for org in draw(st.lists(st.sampled_from(orgs), max_size=6, unique_by=lambda o: o.id)):
        found[org.id] = Evaluation(org.id, year, draw(rating), subject=SubjectKind.ORGANIZATION)
    return list(found.values())


@settings(max_examples=15, deadline=None)
@given(data=st.data(), seed=st.integers(0, 3), period=periods())
def test_the_forms_identities_hold_on_a_generated_province(
    data: st.DataObject, seed: int, period: Period
) -> None:
    dataset, made = _province(seed)
    tree = dataset.tree()
    chi_bo = [o.id for o in tree if o.kind.is_chi_bo]
    drawn = [
        data.draw(member_histories(chi_bo, ident=f"hinh.{n}"))
        for n in range(data.draw(st.integers(0, 4)))
    ]
    # Members whose records alone say they died in the year, some rated in its review.
    died = [
        Member(f"mat.{n}", "Nguyễn Văn An", data.draw(st.sampled_from(chi_bo)),
               admitted_on=date(2000, 1, 1), left_on=data.draw(st.dates(date(2024, 1, 2),
               date(2024, 12, 31))), leave_reason=LeaveReason.TU_TRAN)
        for n in range(data.draw(st.integers(0, 2)))
    ]  # fmt: skip
    members: list[Member] = [*made.members, *(member for member, _ in drawn), *died]
    events = [*made.events, *(event for _, listed in drawn for event in listed)]
    tree = attrs.evolve(dataset, members=members).tree()
    evaluations = [
        *dataset.evaluations,
        *data.draw(_evaluations(tree, 2024)),
        *(Evaluation(m.id, 2024, data.draw(st.sampled_from(list(Rating)))) for m in died),
    ]
    evaluations = list({(e.subject_id, e.subject): e for e in evaluations}.values())
    org = data.draw(
        st.none()
        | st.sampled_from([o.id for o in tree.walk() if o.is_active(period.end) and _files(o)])
    )
    inside = org is not None and any(o.kind.is_grassroots for o in tree.ancestors(org))
    filled = fill_forms(tree, period, org=org, events=events, evaluations=evaluations)
    _check(filled, period, inside)


@cache
def _reorganized(seed: int) -> tuple[OrgTree, list[MemberEvent], tuple[OrgEvent, ...]]:
    dataset, first = _province(seed)
    organizations, reorganization = reorganize_2025(dataset, seed=seed)
    second = generate_history(
        dataset,
        seed=seed + 1,
        start=date(2025, 1, 1),
        end=date(2025, 12, 31),
        members=first.members,
        lineage=Lineage(organizations, reorganization),
    )
    tree = OrgTree.build(list(organizations), second.members)
    return tree, [*first.events, *second.events], reorganization


@settings(max_examples=10, deadline=None)
@given(data=st.data(), seed=st.integers(0, 2), period=periods((2025,)))
def test_the_forms_identities_hold_through_the_2025_reorganization(
    data: st.DataObject, seed: int, period: Period
) -> None:
    tree, events, reorganization = _reorganized(seed)
    evaluations = data.draw(_evaluations(tree, 2025)) + data.draw(_evaluations(tree, 2024))
    existing = Lineage(list(tree.walk()), reorganization).organizations_on(period.end)
    org = data.draw(st.none() | st.sampled_from([o.id for o in existing if _files(o)]))
    inside = org is not None and any(o.kind.is_grassroots for o in tree.ancestors(org))
    filled = fill_forms(
        tree,
        period,
        org=org,
        events=events,
        org_events=reorganization,
        evaluations=evaluations,
    )
    _check(filled, period, inside)
