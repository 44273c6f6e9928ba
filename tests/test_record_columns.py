"""Records built from whole columns equal those the class builds, or are left to it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from coso_dang import (
    Evaluation,
    Organization,
    OrgKind,
    Rating,
    ResidentialUnit,
    Sector,
    UnitKind,
    _record_builder,
    _record_columns,
)
from coso_dang._checks import ACCEPTS_ON_SIGHT
from coso_dang._record_columns import column_records, named_column_records
from coso_dang.orgs import GrassrootsType
from coso_dang.testing import generate_province


def _fields(record: Any) -> dict[str, object]:
    return {field.name: getattr(record, field.name) for field in attrs.fields(type(record))}


def _rows(records: list[Any]) -> list[tuple[Any, ...]]:
    return [tuple(_fields(record).values()) for record in records]


def _by_class(cls: type[Any], rows: list[tuple[Any, ...]]) -> list[Any] | None:
    """The class's records of *rows*; ``None`` when it refuses one."""
    try:
        return [cls(*row) for row in rows]
    except (TypeError, ValueError):
        return None


def test_generated_records_build_equal() -> None:
    data = generate_province(seed=5, scale=0.02)
    for records in (data.organizations, data.units):
        rows = _rows(records)
        built = column_records(type(records[0]), list(zip(*rows, strict=True)))
        assert built == list(records)
        assert built is not None
        assert [_fields(r) for r in built] == [_fields(r) for r in records]


def test_generated_members_and_evaluations_build_equal() -> None:
    data = generate_province(seed=5, scale=0.02)
    for records in (data.members[:2000], data.evaluations[:2000]):
        rows = _rows(list(records))
        built = column_records(type(records[0]), list(zip(*rows, strict=True)))
        assert built is not None
        assert [_fields(r) for r in built] == [_fields(r) for r in records]


def test_no_rows_no_records() -> None:
    assert column_records(Organization, [()] * len(attrs.fields(Organization))) == []


_DAYS = st.one_of(st.none(), st.dates(dt.date(1930, 1, 1), dt.date(2030, 12, 31)))
_ODD = st.one_of(st.none(), st.text(max_size=2), st.integers(0, 2), st.booleans())
_IDS = st.one_of(st.sampled_from(["cb1", "xa", " ", "", "Ha\u0300", "H\u00e0"]), _ODD)
_ORG_ROWS = st.tuples(
    _IDS,
    st.one_of(st.sampled_from(["Chi  bộ A", "  ", "Đảng bộ xã"]), _ODD),
    st.one_of(st.sampled_from(list(OrgKind)), _ODD),
    _IDS,
    st.one_of(st.none(), st.sampled_from(list(Sector)), _ODD),
    _DAYS,
    st.one_of(_DAYS, st.just(dt.datetime(2020, 1, 1, 8, 0))),
    st.one_of(st.none(), st.booleans(), st.integers(0, 1)),
    st.one_of(st.none(), st.booleans()),
    st.one_of(st.none(), st.sampled_from(list(GrassrootsType))),
)


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(_ORG_ROWS, max_size=4))
def test_organizations_as_the_class_builds_them(rows: list[tuple[Any, ...]]) -> None:
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(attrs.fields(Organization))
    built = column_records(Organization, columns)
    expected = _by_class(Organization, rows)
    if built is not None:  # given only when every row makes the class's record
        assert expected is not None
        assert [_fields(r) for r in built] == [_fields(r) for r in expected]
    else:  # left to the class only when it refuses a row
        assert expected is None


_UNIT_ROWS = st.tuples(
    _IDS,
    st.one_of(st.sampled_from(["Thôn  1", "Tổ 2"]), _ODD),
    _IDS,
    st.one_of(st.sampled_from(list(UnitKind)), _ODD),
    _IDS,
    st.one_of(st.none(), st.booleans(), st.integers(0, 1)),
    st.one_of(st.none(), st.booleans()),
)


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(_UNIT_ROWS, max_size=4))
def test_units_as_the_class_builds_them(rows: list[tuple[Any, ...]]) -> None:
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(attrs.fields(ResidentialUnit))
    built = column_records(ResidentialUnit, columns)
    expected = _by_class(ResidentialUnit, rows)
    if built is not None:
        assert expected is not None
        assert [_fields(r) for r in built] == [_fields(r) for r in expected]
    else:
        assert expected is None


class _Whole(int):
    """An int of another type: left to the class."""


_COUNTS = st.one_of(st.none(), st.integers(-1, 13), st.builds(_Whole, st.integers(0, 3)), _ODD)
_EVALUATION_ROWS = st.fixed_dictionaries(
    {
        "subject_id": _IDS,
        "year": st.one_of(st.integers(1929, 1931), st.just(2024), _ODD),
        "rating": st.one_of(st.none(), st.sampled_from(list(Rating)), _ODD),
        "sick_leave_months": _COUNTS,
        "not_rated_reason": st.one_of(st.none(), st.sampled_from(["ốm"]), _ODD),
        "score": _COUNTS,
        "quarter": st.one_of(st.none(), st.none(), _COUNTS),
        "tasks": _COUNTS,
        "tasks_on_time": _COUNTS,
    }
)


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(_EVALUATION_ROWS, max_size=4))
def test_evaluations_as_the_class_builds_them(rows: list[dict[str, Any]]) -> None:
    fields = attrs.fields(Evaluation)
    # Every field given: those the rows leave out hold the record's default.
    full = [{f.name: row.get(f.name, f.default) for f in fields} for row in rows]
    columns = [[row[f.name] for row in full] for f in fields]
    built = column_records(Evaluation, columns)
    expected = _by_class(Evaluation, [tuple(row.values()) for row in full])
    if built is not None:
        assert expected is not None
        assert [_fields(r) for r in built] == [_fields(r) for r in expected]
    else:
        assert expected is None


def test_both_builders_know_every_kind_of_value_accepted_on_sight() -> None:
    """The row builder writes each kind as code, the column builder as a test: a kind
    added to one must be added to the other."""
    kinds = set(ACCEPTS_ON_SIGHT.values())
    assert set(_record_columns._ON_SIGHT) == set(_record_builder._ON_SIGHT) == kinds


def test_named_columns_take_their_defaults_and_refuse_a_missing_required_field() -> None:
    given: dict[str, list[Any]] = {
        "subject_id": ["dv1", "dv2"],
        "year": [2024, 2024],
        "rating": [Rating.HTTNV] * 2,
    }
    made = named_column_records(Evaluation, given, 2)
    assert made == [Evaluation("dv1", 2024, Rating.HTTNV), Evaluation("dv2", 2024, Rating.HTTNV)]
    assert made[0].exempted is False  # a field not given takes its default
    del given["rating"]
    assert named_column_records(Evaluation, given, 2) is None  # required, not given
    # A value the record refuses: the caller builds the rows one by one.
    given.update(rating=[Rating.HTTNV] * 2, year=[1800, 2024])
    assert named_column_records(Evaluation, given, 2) is None
