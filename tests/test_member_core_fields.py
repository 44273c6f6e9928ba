"""Member.from_core_fields makes what the constructor makes, and refuses what it refuses."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st

from coso_dang.errors import CosoDangError
from coso_dang.members import CommitteeRole, Member

_DAYS = st.one_of(
    st.none(),
    st.dates(min_value=date(1950, 1, 1), max_value=date(2030, 12, 31)),
    st.just(datetime(2020, 1, 1, 8, 30)),
    st.just("2020-01-01"),
)
_TEXTS = st.one_of(
    st.sampled_from(["dv1", "Nguyễn Văn An", "Hoà  Bình ", "", "  ", "cb\u00a01", "Thuỷ"]),
    st.none(),
    st.just(3),
)
_ROLES = st.one_of(st.none(), st.sampled_from(list(CommitteeRole)), st.just("bi_thu"))


def _made(make: object, values: dict[str, object]) -> tuple[str, object]:
    try:
        return "made", make(**values)  # type: ignore[operator]
    except CosoDangError as error:
        return "refused", (type(error), str(error))


@given(
    id=_TEXTS,
    full_name=_TEXTS,
    org_id=_TEXTS,
    admitted_on=_DAYS,
    ceremony_on=_DAYS,
    official_on=_DAYS,
    left_on=_DAYS,
    birth_date=_DAYS,
    committee_role=_ROLES,
    exempted_on=_DAYS,
)
def test_same_as_the_constructor(**values: object) -> None:
    kind, made = _made(Member.from_core_fields, values)
    assert (kind, made) == _made(Member, values)
    if kind == "made":
        assert isinstance(made, Member)
        # Every field readable, each as the constructor stores it.
        assert made == Member(**values)  # type: ignore[arg-type]
        assert made.gender is None
        assert made.inactive_periods == ()


def test_a_plain_member() -> None:
    values = {
        "id": "dv1",
        "full_name": "Nguyễn  Văn An",
        "org_id": "cb1",
        "admitted_on": date(2020, 3, 2),
        "ceremony_on": date(2020, 3, 20),
        "official_on": date(2021, 4, 1),
        "birth_date": date(1990, 5, 1),
        "committee_role": CommitteeRole.BI_THU,
    }
    made = Member.from_core_fields(**values)  # type: ignore[arg-type]
    assert made == Member(**values)  # type: ignore[arg-type]
    assert made.full_name == "Nguyễn Văn An"
    assert hash(made.id) == hash("dv1")
