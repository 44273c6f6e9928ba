"""Hypothesis strategies of datasets with hostile but valid values, every field used.

Texts hold quotes, commas, semicolons, line breaks, tabs, a leading ``=``, ``+``, ``-``,
``@`` or ``'``, leading zeros, NFD letters, and now and then thousands of characters;
ids look like numbers, formulas and dates; days sit on 3/2/1930 and on 29/2; every
optional field is ``None`` as often as not; every enum value may come up; events of
members and organizations, the dataset's name and year are drawn too.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, TypeVar, cast

from hypothesis import reject
from hypothesis import strategies as st

from coso_dang.attributes import AcademicTitle, Ethnicity, GeneralEducation, Occupation, Religion
from coso_dang.dataset import Dataset
from coso_dang.errors import RecordError
from coso_dang.evaluation import Evaluation, ReviewPeriod, SubjectKind
from coso_dang.history.events import (
    MemberEvent,
    MemberEventKind,
    OrgEvent,
    OrgEventKind,
    TransferScope,
)
from coso_dang.members import (
    CommitteeRole,
    Education,
    Gender,
    InactivePeriod,
    LeaveReason,
    Member,
    PoliticalTheory,
)
from coso_dang.orgs import (
    GrassrootsType,
    Organization,
    OrgKind,
    ResidentialUnit,
    Sector,
    UnitKind,
)
from coso_dang.ratings import Rating

__all__ = ["datasets", "hostile_texts"]

_T = TypeVar("_T")
_LETTERS = "aAzĐđễưƠ0179 \"',;\n\r\t=+-@|\\/#%_x"
_LEADS = ["", "=", "+", "-", "@", "0", "00", "'", "=1+2", "-5", "+84", "=HYPERLINK(", "_x0041_"]


@st.composite
def hostile_texts(draw: st.DrawFn) -> str:
    """A text no wider than a cell a loader reads, with no space at either end (loaders
    trim cells), hostile in every other way."""
    text = draw(st.sampled_from(_LEADS)) + draw(st.text(_LETTERS, min_size=1, max_size=20))
    if draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)
    if draw(st.integers(0, 15)) == 0:
        text *= 300  # a few thousand characters
    return text.strip() or "x"


_ids = st.one_of(
    st.text("abc019-_", min_size=1, max_size=5),
    st.sampled_from(
        ["007", "0", "=1", "-1", "+1", "@a", "1e5", "1.0", "01/02", "TRUE", "nan", "a;b", "a,b"]
    ),
)
_edges = [date(1930, 2, 3), date(2000, 2, 29), date(2024, 2, 29), date(1999, 12, 31)]
_days = st.sampled_from(_edges) | st.dates(date(1930, 2, 3), date(2035, 12, 31))
_gaps = st.integers(0, 40_000).map(lambda n: timedelta(days=n))


def _maybe(strategy: st.SearchStrategy[_T]) -> st.SearchStrategy[_T | None]:
    return st.none() | strategy


def _valid(build: Callable[[], _T]) -> _T:
    """The record *build* makes, or the example rejected when its fields disagree."""
    try:
        return build()
    except RecordError:
        reject()


@st.composite
def _organizations(draw: st.DrawFn) -> Organization:
    ident = draw(_ids)
    founded = draw(_maybe(_days))
    dissolved = None if founded is None else draw(_maybe(_gaps.map(lambda g: founded + g)))
    return _valid(
        lambda: Organization(
            ident,
            draw(hostile_texts()),
            draw(st.sampled_from(OrgKind)),
            parent_id=draw(_maybe(_ids.filter(lambda p: p != ident))),
            sector=draw(_maybe(st.sampled_from(Sector))),
            founded_on=founded,
            dissolved_on=dissolved,
            has_chi_bo_quan_su=draw(_maybe(st.booleans())),
            has_chi_bo_cong_an=draw(_maybe(st.booleans())),
            grassroots_type=draw(_maybe(st.sampled_from(GrassrootsType))),
        )
    )


@st.composite
def _members(draw: st.DrawFn) -> Member:
    admitted = draw(_days)

    def after() -> date | None:
        return draw(_maybe(_gaps.map(lambda g: admitted + g)))

    ceremony = after()
    official = None if ceremony is None else draw(_maybe(_gaps.map(lambda g: ceremony + g)))
    born = draw(_maybe(st.integers(1, 30_000).map(lambda n: admitted - timedelta(days=n))))
    periods = tuple(
        InactivePeriod(admitted + s, admitted + s + s) for s in draw(st.lists(_gaps, max_size=2))
    )
    texts = hostile_texts()
    return _valid(
        lambda: Member(
            draw(_ids),
            draw(texts),
            draw(_ids),
            admitted_on=admitted,
            ceremony_on=ceremony,
            official_on=official,
            birth_date=born,
            gender=draw(_maybe(st.sampled_from(Gender))),
            ethnicity=draw(_maybe(st.sampled_from(Ethnicity))),
            religion=draw(_maybe(st.sampled_from(Religion))),
            identity_number=draw(_maybe(texts)),
            phone=draw(_maybe(texts)),
            address=draw(_maybe(texts)),
            inactive_periods=cast(Any, periods),
            left_on=after(),
            leave_reason=draw(_maybe(st.sampled_from(LeaveReason))),
            is_working=draw(_maybe(st.booleans())),
            keeps_residence_contact=draw(_maybe(st.booleans())),
            residence_unit_id=draw(_maybe(_ids)),
            committee_role=draw(_maybe(st.sampled_from(CommitteeRole))),
            education=draw(_maybe(st.sampled_from(Education))),
            political_theory=draw(_maybe(st.sampled_from(PoliticalTheory))),
            exempted_on=after(),
            to_dang_id=draw(_maybe(_ids)),
            occupation=draw(_maybe(st.sampled_from(Occupation))),
            general_education=draw(_maybe(st.sampled_from(GeneralEducation))),
            academic_title=draw(_maybe(st.sampled_from(AcademicTitle))),
            is_youth_union_member=draw(_maybe(st.booleans())),
            owns_private_enterprise=draw(_maybe(st.booleans())),
            party_card_number=draw(_maybe(texts)),
        )
    )


_units = st.builds(
    ResidentialUnit,
    _ids,
    hostile_texts(),
    _ids,
    kind=st.sampled_from(UnitKind),
    chi_bo_id=_maybe(_ids),
    has_member=_maybe(st.booleans()),
    head_is_member=_maybe(st.booleans()),
)


@st.composite
def _evaluations(draw: st.DrawFn) -> Evaluation:
    rating = draw(_maybe(st.sampled_from(Rating)))
    period = draw(st.sampled_from(ReviewPeriod))
    tasks = draw(_maybe(st.integers(0, 50)))
    on_time = late = exceeded = None
    if tasks is not None and draw(st.booleans()):
        on_time = draw(st.integers(0, tasks))
        late = draw(st.integers(0, tasks - on_time))
        exceeded = draw(_maybe(st.integers(0, on_time)))
    return _valid(
        lambda: Evaluation(
            draw(_ids),
            draw(st.integers(1930, 2100)),
            rating,
            subject=draw(st.sampled_from(SubjectKind)),
            disciplined=draw(st.booleans()),
            self_remedied=draw(st.booleans()),
            sick_leave_months=draw(st.integers(0, 12)),
            exempted=draw(st.booleans()),
            not_rated_reason=None if rating is not None else draw(_maybe(hostile_texts())),
            score=draw(_maybe(st.integers(0, 100))),
            suspended=draw(st.booleans()),
            proposed_rating=draw(_maybe(st.sampled_from(Rating))),
            period=period,
            quarter=draw(st.integers(1, 4)) if period is ReviewPeriod.QUY else None,
            tasks=tasks,
            tasks_on_time=on_time,
            tasks_late=late,
            tasks_exceeded=exceeded,
        )
    )


@st.composite
def _member_events(draw: st.DrawFn) -> MemberEvent:
    kind = draw(st.sampled_from(MemberEventKind))
    org = draw(_maybe(_ids))
    transfer = kind.is_transfer
    return _valid(
        lambda: MemberEvent(
            draw(_ids),
            kind,
            draw(_days),
            org_id=org,
            other_org_id=draw(_maybe(_ids.filter(lambda x: x != org))) if transfer else None,
            scope=draw(_maybe(st.sampled_from(TransferScope))) if transfer else None,
            decision=draw(_maybe(hostile_texts())),
        )
    )


@st.composite
def _org_events(draw: st.DrawFn) -> OrgEvent:
    kind = draw(st.sampled_from(OrgEventKind))
    return _valid(
        lambda: OrgEvent(
            draw(_ids),
            kind,
            draw(_days),
            into=tuple(draw(st.lists(_ids, max_size=3))),
            parent_id=draw(_maybe(_ids)),
            name=draw(_maybe(hostile_texts())),
            new_kind=draw(_maybe(st.sampled_from(OrgKind))),
            decision=draw(_maybe(hostile_texts())),
        )
    )


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    """A small dataset of every table, its name and year, with hostile values."""
    return Dataset(
        draw(st.lists(_organizations(), max_size=3)),
        draw(st.lists(_members(), max_size=3)),
        draw(st.lists(_units, max_size=2)),
        draw(st.lists(_evaluations(), max_size=3)),
        member_events=draw(st.lists(_member_events(), max_size=2)),
        org_events=draw(st.lists(_org_events(), max_size=2)),
        name=draw(_maybe(hostile_texts())),
        year=draw(_maybe(st.integers(1930, 2100))),
    )
