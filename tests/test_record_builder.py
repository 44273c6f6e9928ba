"""The loaders' record constructors accept and refuse exactly what the records do."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coso_dang import Evaluation, InactivePeriod, Member, Organization, Rating, ResidentialUnit
from coso_dang._record_builder import builder
from coso_dang.errors import CosoDangError, RecordError
from coso_dang.history.events import MemberEvent, OrgEvent
from coso_dang.io._schema import SCHEMAS, BadValueError
from coso_dang.members import CommitteeRole
from coso_dang.testing import generate_province

_RECORDS = (Organization, ResidentialUnit, Member, Evaluation, MemberEvent, OrgEvent)


def _fields(record: Any) -> dict[str, object]:
    return {field.name: getattr(record, field.name) for field in attrs.fields(type(record))}


def _outcome(make: Any, values: dict[str, object]) -> tuple[str, object]:
    try:
        record = make(**values)
    except (TypeError, ValueError) as error:
        return type(error).__name__, str(error)
    return "ok", (record, _fields(record))


def test_generated_records_build_equal() -> None:
    data = generate_province(seed=3, scale=0.02)
    for records in (data.organizations, data.units, data.members, data.evaluations):
        make = builder(type(records[0]))
        assert make is not type(records[0])
        for record in records[:300]:
            built = make(**_fields(record))
            assert built == record
            assert _fields(built) == _fields(record)


_DAYS = st.one_of(st.none(), st.dates(dt.date(1930, 1, 1), dt.date(2030, 12, 31)))
_ODD = st.one_of(st.none(), st.text(max_size=3), st.integers(), st.booleans(), _DAYS)


@settings(max_examples=300, deadline=None)
@given(
    ident=st.one_of(st.sampled_from(["dv1", " ", "", "Ha\u0300"]), _ODD),
    name=st.one_of(st.sampled_from(["Lê  Văn  Hoà", "  ", "An"]), _ODD),
    admitted=_DAYS,
    ceremony=_DAYS,
    official=_DAYS,
    born=_DAYS,
    left=_DAYS,
    working=_ODD,
)
def test_member_refusals_are_the_records(
    ident: object,
    name: object,
    admitted: object,
    ceremony: object,
    official: object,
    born: object,
    left: object,
    working: object,
) -> None:
    values: dict[str, object] = {
        "id": ident,
        "full_name": name,
        "org_id": "cb1",
        "admitted_on": admitted,
        "ceremony_on": ceremony,
        "official_on": official,
        "birth_date": born,
        "left_on": left,
        "is_working": working,
    }
    assert _outcome(builder(Member), values) == _outcome(Member, values)


_GAP = st.builds(
    InactivePeriod,
    st.just(dt.date(2010, 1, 1)) | st.just(dt.date(2021, 1, 1)),
    st.just(dt.date(2022, 1, 1)),
)


@settings(max_examples=300, deadline=None)
@given(
    gaps=st.one_of(
        st.tuples(), st.lists(_GAP, max_size=2), st.tuples(_GAP), st.lists(_ODD, max_size=2), _ODD
    ),
    unit=st.one_of(st.sampled_from(["u1", "Ha\u0300", " "]), _ODD),
    to_dang=st.one_of(st.sampled_from(["t1", "To\u0301", ""]), _ODD),
    org=st.one_of(st.sampled_from(["cb1", "Ha\u0300", "  "]), _ODD),
    exempted=_DAYS,
)
def test_member_converted_fields_are_the_records(
    gaps: object, unit: object, to_dang: object, org: object, exempted: object
) -> None:
    values: dict[str, object] = {
        "id": "dv1",
        "full_name": "An",
        "org_id": org,
        "admitted_on": dt.date(2020, 1, 1),
        "inactive_periods": gaps,
        "residence_unit_id": unit,
        "to_dang_id": to_dang,
        "exempted_on": exempted,
    }
    assert _outcome(builder(Member), values) == _outcome(Member, values)


@settings(max_examples=200, deadline=None)
@given(
    year=st.one_of(st.integers(1900, 10_000), _ODD),
    quarter=st.one_of(st.integers(0, 5), _ODD),
    months=st.one_of(st.integers(-1, 13), _ODD),
)
def test_evaluation_refusals_are_the_records(year: object, quarter: object, months: object) -> None:
    values = {"subject_id": "dv1", "year": year, "quarter": quarter, "sick_leave_months": months}
    assert _outcome(builder(Evaluation), values) == _outcome(Evaluation, values)


class _Whole(int):
    """An int of another type (the record accepts it)."""


_COUNTS = st.one_of(st.integers(-1, 101), st.builds(_Whole, st.integers(-1, 101)), _ODD)


@settings(max_examples=200, deadline=None)
@given(
    year=st.one_of(st.integers(1929, 1931), st.builds(_Whole, st.just(2024)), _ODD),
    score=_COUNTS,
    tasks=_COUNTS,
    late=_COUNTS,
    reason=st.one_of(st.none(), st.sampled_from(["ốm", " "]), _ODD),
    rated=st.booleans(),
)
def test_evaluation_counts_and_reason_are_the_records(
    year: object, score: object, tasks: object, late: object, reason: object, rated: bool
) -> None:
    values = {
        "subject_id": "dv1",
        "year": year,
        "rating": Rating.HTNV if rated else None,
        "score": score,
        "tasks": tasks,
        "tasks_late": late,
        "not_rated_reason": reason,
    }
    assert _outcome(builder(Evaluation), values) == _outcome(Evaluation, values)


@pytest.mark.parametrize("field", ["admitted_on", "ceremony_on", "birth_date", "left_on"])
def test_a_datetime_is_refused_as_the_record_refuses_it(field: str) -> None:
    values: dict[str, object] = {
        "id": "dv1",
        "full_name": "An",
        "org_id": "cb1",
        "admitted_on": dt.date(2020, 1, 1),
        field: dt.datetime(2020, 6, 1, 8, 30),
    }
    outcome = _outcome(builder(Member), values)
    assert outcome[0] == "RecordTypeError"
    assert outcome == _outcome(Member, values)


def test_unknown_keyword_is_the_records_error() -> None:
    with pytest.raises(TypeError, match="nickname"):
        builder(Member)(id="dv1", full_name="An", org_id="cb1", nickname="x")


def test_record_error_keeps_its_field() -> None:
    with pytest.raises(RecordError) as caught:
        builder(Member)(
            id="dv1",
            full_name="An",
            org_id="cb1",
            admitted_on=dt.date(2020, 1, 2),
            ceremony_on=dt.date(2020, 1, 1),
        )
    assert caught.value.problem.field == "ceremony_on"


@pytest.mark.parametrize("record", _RECORDS)
def test_every_record_type_has_a_builder(record: type[Any]) -> None:
    assert callable(builder(record))


def test_records_it_cannot_take_apart_use_their_class() -> None:
    @attrs.frozen
    class WithFactory:
        items: list[int] = attrs.field(factory=list)

    @attrs.define(slots=False)
    class Unslotted:
        name: str

    assert builder(WithFactory) is WithFactory
    assert builder(Unslotted) is Unslotted


def _read(read: Any, value: object) -> tuple[str, object]:
    try:
        return "ok", read(value)
    except BadValueError as bad:
        return "refused", str(bad.reason)


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(st.text(max_size=12), st.sampled_from([" 12/3/2020 ", "có", " 7", "HTT"])))
def test_text_cells_read_as_their_text_would(text: str) -> None:
    """A workbook's text cell is read through the same per-column memory as CSV text."""
    if not text.strip():
        return
    for schema in SCHEMAS:
        for column in schema.columns:
            assert _read(column.codec.from_cell, text) == _read(
                column.codec.from_text, text.strip()
            )


# The fields a members table gives (the rule packs' tables make their members from them),
# among values of other types and values the record refuses.
_CORE_DAYS = st.one_of(
    st.none(),
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2030, 12, 31)),
    st.just(dt.datetime(2020, 1, 1, 8, 30)),
    st.just("2020-01-01"),
)
_CORE_TEXTS = st.one_of(
    st.sampled_from(["dv1", "Nguyễn Văn An", "Hoà  Bình ", "", "  ", "cb\u00a01", "Thuỷ"]),
    st.none(),
    st.just(3),
)
_CORE_ROLES = st.one_of(st.none(), st.sampled_from(list(CommitteeRole)), st.just("bi_thu"))


def _core_made(make: object, values: dict[str, object]) -> tuple[str, object]:
    try:
        return "made", make(**values)  # type: ignore[operator]
    except CosoDangError as error:
        return "refused", (type(error), str(error))


@given(
    id=_CORE_TEXTS,
    full_name=_CORE_TEXTS,
    org_id=_CORE_TEXTS,
    admitted_on=_CORE_DAYS,
    ceremony_on=_CORE_DAYS,
    official_on=_CORE_DAYS,
    left_on=_CORE_DAYS,
    birth_date=_CORE_DAYS,
    committee_role=_CORE_ROLES,
    exempted_on=_CORE_DAYS,
)
def test_member_core_fields_as_a_table_gives_them(**values: object) -> None:
    kind, made = _core_made(builder(Member), values)
    assert (kind, made) == _core_made(Member, values)
    if kind == "made":
        assert isinstance(made, Member)
        # Every field readable, each as the constructor stores it.
        assert made == Member(**values)  # type: ignore[arg-type]
        assert made.gender is None
        assert made.inactive_periods == ()


def test_a_plain_member_from_a_table() -> None:
    values = {
        "id": "dv1",
        "full_name": "Nguyễn  Văn An",
        "org_id": "cb1",
        "admitted_on": dt.date(2020, 3, 2),
        "ceremony_on": dt.date(2020, 3, 20),
        "official_on": dt.date(2021, 4, 1),
        "birth_date": dt.date(1990, 5, 1),
        "committee_role": CommitteeRole.BI_THU,
    }
    made = builder(Member)(**values)  # type: ignore[arg-type]
    assert made == Member(**values)  # type: ignore[arg-type]
    assert made.full_name == "Nguyễn Văn An"
    assert hash(made.id) == hash("dv1")
