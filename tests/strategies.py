"""Hypothesis strategies: random valid organization trees with members, and members' histories."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from hypothesis import strategies as st

from coso_dang.history import MemberEvent, MemberEventKind, TransferScope
from coso_dang.members import InactivePeriod, LeaveReason, Member
from coso_dang.orgs import Organization, OrgKind
from coso_dang.tree import ALLOWED_PARENTS

# Kinds a generated tree may hold (beside-the-tree bodies hold nothing, so they are leaves).
_KINDS = tuple(ALLOWED_PARENTS)
_NAMES = ("Đảng bộ xã Tân Lập", "Chi bộ Thôn 1", "Chi bộ Trường Tiểu học", "Tổ đảng số 2",
          "Đảng bộ Khối cơ quan", "Chi bộ Ấp Hòa Bình")  # fmt: skip


@st.composite
def organizations(draw: st.DrawFn, max_size: int = 40) -> list[Organization]:
    """Organizations in a valid forest: each one's parent is an earlier, allowed kind."""
    count = draw(st.integers(min_value=1, max_value=max_size))
    made: list[Organization] = []
    for index in range(count):
        kind = draw(st.sampled_from(_KINDS))
        parents = [org for org in made if org.kind in ALLOWED_PARENTS[kind]]
        parent = draw(st.sampled_from([None, *parents])) if parents else None
        name = f"{draw(st.sampled_from(_NAMES))} {index}"
        made.append(Organization(f"o{index}", name, kind, None if parent is None else parent.id))
    # Shuffle: the tree must not depend on parents coming first.
    return draw(st.permutations(made))


@st.composite
def trees(draw: st.DrawFn, max_size: int = 40) -> tuple[list[Organization], list[Member]]:
    """A valid forest of organizations and members in its chi bộ."""
    orgs = draw(organizations(max_size))
    chi_bo = [org for org in orgs if org.kind.is_chi_bo]
    members: list[Member] = []
    if chi_bo:
        for index in range(draw(st.integers(min_value=0, max_value=60))):
            home = draw(st.sampled_from(chi_bo))
            groups = [o.id for o in orgs if o.kind is OrgKind.TO_DANG and o.parent_id == home.id]
            group = draw(st.sampled_from([None, *groups])) if groups else None
            members.append(
                Member(
                    f"dv{index}",
                    "Nguyễn Văn An",
                    home.id,
                    admitted_on=date(2000, 1, 1),
                    to_dang_id=group,
                )
            )
    return orgs, members


# -- membership histories: the shapes that test Biểu 1 --------------------------------------

#: The shapes :func:`member_histories` draws from (each a realistic history of one member).
HISTORY_SHAPES = (
    "across_the_year_end",  # out on 31/12, in on 2/1
    "in_and_out_one_day",  # both sides on one day, the in given first
    "out_recorded_after_in",  # the receiving side's decision a few days first
    "two_transfers",  # two transfers in one year
    "temporary",  # tạm thời there, maybe back: the official list does not change
    "died_on_the_way",  # out, then died before any in
    "expelled_and_readmitted",  # khai trừ, kết nạp lại the same year
    "removed_on_probation",  # admitted, xóa tên within the 12 months
    "leap_day",  # admitted and transferred on 29/2
    "exported_twice",  # a transfer whose events both sides exported
    "away_and_back",  # to another province, back to the same chi bộ later
    "through_one_day",  # on to a third chi bộ the day of arriving, sides named by chi bộ only
)


@st.composite
def member_histories(
    draw: st.DrawFn, chi_bo: Sequence[str], year: int = 2024, ident: str = "h"
) -> tuple[Member, list[MemberEvent]]:
    """One member with the events of one of :data:`HISTORY_SHAPES`, between the chi bộ
    *chi_bo* (ids; at least two), around *year*. Events come in a drawn order."""
    k, scope = MemberEventKind, TransferScope.CUNG_TINH
    shape = draw(st.sampled_from(HISTORY_SHAPES))
    home, there = draw(st.lists(st.sampled_from(list(chi_bo)), min_size=2, max_size=2,
                                unique=True))  # fmt: skip
    day = date(year, 1, 1) + timedelta(days=draw(st.integers(0, 300)))
    admitted = date(year - draw(st.integers(2, 40)), 3, 1)
    fields: dict[str, object] = {}
    org = home

    def out(on: date, source: str, target: str) -> MemberEvent:
        return MemberEvent(ident, k.CHUYEN_DI, on, org_id=source, other_org_id=target,
                           scope=scope)  # fmt: skip

    def arrive(on: date, target: str, source: str | None = None) -> MemberEvent:
        return MemberEvent(ident, k.CHUYEN_DEN, on, org_id=target, other_org_id=source,
                           scope=scope)  # fmt: skip

    events: list[MemberEvent]
    if shape == "across_the_year_end":
        events = [out(date(year, 12, 31), home, there), arrive(date(year + 1, 1, 2), there)]
        org = there
    elif shape == "in_and_out_one_day":
        events = [arrive(day, there, home), out(day, home, there)]
        org = there
    elif shape == "out_recorded_after_in":
        late = day + timedelta(days=draw(st.integers(1, 5)))
        events = [arrive(day, there, home), out(late, home, there)]
        org = there
    elif shape == "two_transfers":
        back = day + timedelta(days=draw(st.integers(31, 60)))
        events = [
            out(day, home, there),
            arrive(day + timedelta(days=draw(st.integers(0, 30))), there),
            out(back, there, home),
            arrive(back + timedelta(days=draw(st.integers(0, 30))), home),
        ]
    elif shape == "temporary":
        events = [
            MemberEvent(ident, k.TAM_THOI_DI, day, other_org_id=there),
            MemberEvent(ident, k.TAM_THOI_DEN, day, org_id=there),
        ]
        if draw(st.booleans()):
            back = day + timedelta(days=draw(st.integers(90, 360)))
            events.append(MemberEvent(ident, k.TAM_THOI_DI, back, org_id=there))
    elif shape == "died_on_the_way":
        died = day + timedelta(days=draw(st.integers(0, 30)))
        events = [out(day, home, there), MemberEvent(ident, k.TU_TRAN, died)]
        fields = {"left_on": draw(st.sampled_from((day, died))),
                  "leave_reason": LeaveReason.TU_TRAN}  # fmt: skip
        org = there
    elif shape == "expelled_and_readmitted":
        day = date(year, 1, 1) + timedelta(days=draw(st.integers(0, 180)))
        back = day + timedelta(days=draw(st.integers(1, 180)))
        events = [MemberEvent(ident, k.KHAI_TRU, day),
                  MemberEvent(ident, k.KET_NAP_LAI, back, org_id=home)]  # fmt: skip
        fields = {"inactive_periods": [InactivePeriod(day, back)]}
    elif shape == "removed_on_probation":
        admitted = day
        removed = day + timedelta(days=draw(st.integers(1, 364)))
        events = [MemberEvent(ident, k.KET_NAP, day, org_id=home),
                  MemberEvent(ident, k.XOA_TEN, removed)]  # fmt: skip
        fields = {"left_on": removed, "leave_reason": LeaveReason.XOA_TEN}
    elif shape == "away_and_back":
        back = day + timedelta(days=draw(st.integers(1, 200)))
        other = TransferScope.TINH_KHAC
        events = [
            MemberEvent(ident, k.CHUYEN_DI, day, org_id=home, scope=other),
            MemberEvent(ident, k.CHUYEN_DEN, back, org_id=home, scope=other),
        ]
    elif shape == "through_one_day" and len(chi_bo) > 2:
        last = draw(st.sampled_from([c for c in chi_bo if c not in (home, there)]))
        events = [
            out(day, home, there),
            arrive(day, there),
            MemberEvent(ident, k.CHUYEN_DI, day, org_id=there, scope=scope),
            arrive(day, last),
        ]
        org = last
    elif shape in ("exported_twice", "through_one_day"):
        events = [
            out(day, home, there),
            arrive(day + timedelta(days=draw(st.integers(0, 30))), there),
        ]
        events += events[: draw(st.integers(1, 2))]
        org = there
    else:  # leap_day
        leap = date(year - year % 4, 2, 29)
        admitted = leap
        events = [MemberEvent(ident, k.KET_NAP, leap, org_id=home), out(leap, home, there),
                  arrive(leap, there)]  # fmt: skip
        org = there
    member = Member(ident, "Nguyễn Văn An", org, admitted_on=admitted, **fields)  # type: ignore[arg-type]
    return member, draw(st.permutations(events))
