"""The history's bulk paths against straightforward references.

:class:`~coso_dang.history.History` walks most members' events without keeping their
states, and counts members without events (or whose events say only what their record
says) per chi bộ; :func:`~coso_dang.history.movements` sums subtrees as running sums.
Here each is checked against the plain way: the full derivation of every member, and a
member-by-member count walking up the tree.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from itertools import accumulate

from hypothesis import given, settings
from hypothesis import strategies as st

from coso_dang import Member, OrgTree
from coso_dang.dataset import Dataset
from coso_dang.errors import Problem
from coso_dang.history import (
    MOVEMENT_CODES,
    PAPER_DAYS,
    Change,
    History,
    MemberEvent,
    MemberEventKind,
    Period,
    Row,
    TransferScope,
    movements,
)
from coso_dang.history.membership import (
    _chain_transfers,
    _Deriver,
    _drop_copies,
    _order,
    _plain_changes,
    _redate_late_departures,
)
from coso_dang.members import LeaveReason
from coso_dang.testing import generate_history, generate_province

K = MemberEventKind
_ORGS = ("c1", "c2", "c3")
_START = date(2010, 1, 1)
_TRANSFERS = (K.CHUYEN_DI, K.CHUYEN_DEN, K.TAM_THOI_DI, K.TAM_THOI_DEN)
_EXIT_REASONS = {
    K.TU_TRAN: LeaveReason.TU_TRAN,
    K.KHAI_TRU: LeaveReason.KHAI_TRU,
    K.XOA_TEN: LeaveReason.XOA_TEN,
    K.XIN_RA: LeaveReason.XIN_RA,
    K.CHUYEN_DI: LeaveReason.CHUYEN_DI,
}
# Sequences that happen, so that most examples take the walk without states; the
# random ones mostly break a rule and take the full derivation.
_STORIES = (
    (K.KET_NAP,),
    (K.CHUYEN_DI, K.CHUYEN_DEN),
    (K.CHUYEN_DI,),
    (K.CHUYEN_DEN,),
    (K.TU_TRAN,),
    (K.XOA_TEN,),
    (K.XIN_RA, K.KET_NAP_LAI),
    (K.KHAI_TRU, K.PHUC_HOI),
    (K.TAM_THOI_DI, K.TAM_THOI_DEN),
    (K.MIEN, K.HET_MIEN),
    (K.DINH_CHI, K.HET_DINH_CHI),
    (K.KET_NAP, K.CHUYEN_DI, K.CHUYEN_DEN, K.TU_TRAN),
    (K.CHUYEN_DI, K.TU_TRAN),
    (K.XOA_TEN, K.CHUYEN_DEN),
    (K.KET_NAP, K.XOA_TEN),
)


def _day(draw: st.DrawFn, low: int = -20, high: int = 5000) -> date:
    return _START + timedelta(days=draw(st.integers(low, high)))


_scopes = st.sampled_from((None, *TransferScope))


@st.composite
def _event(draw: st.DrawFn, member_id: str, kind: MemberEventKind, on: date) -> MemberEvent:
    # No chi bộ named is always consistent: the member's own is meant.
    org_id = draw(st.sampled_from((None, None, None, *_ORGS)))
    if kind not in _TRANSFERS:
        return MemberEvent(member_id, kind, on, org_id=org_id)
    other = draw(st.sampled_from((None, None, *(o for o in _ORGS if o != org_id))))
    scope = draw(_scopes)
    return MemberEvent(member_id, kind, on, org_id=org_id, other_org_id=other, scope=scope)


# Gaps on both sides of the limits: the 30 days a transfer may take, a year's probation.
_EDGES = (0, 1, PAPER_DAYS, PAPER_DAYS + 1, 365, 366)


@st.composite
def _member_and_events(draw: st.DrawFn, tidy: bool) -> tuple[Member, list[MemberEvent]]:
    """A member and events; *tidy*: a story told consistently, near the limits."""
    admitted = _day(draw, 0, 400)
    story = st.sampled_from(_STORIES)
    kinds = draw(
        story
        if tidy
        else st.one_of(
            story, st.lists(st.sampled_from(tuple(K)), min_size=1, max_size=5).map(tuple)
        )
    )
    gaps = st.one_of(st.sampled_from(_EDGES), st.integers(0, 2 * PAPER_DAYS), st.integers(0, 3000))
    days = list(accumulate(draw(st.lists(gaps, min_size=len(kinds), max_size=len(kinds)))))
    if tidy or draw(st.booleans()):  # a story starts on the admission day or after it
        days = [d if kinds[0] is K.KET_NAP else d + 1 for d in days]
    else:
        days = [d - 10 for d in days]
    if tidy:
        events = [
            MemberEvent("m", kind, admitted + timedelta(days=d), scope=draw(_scopes))
            if kind in _TRANSFERS
            else MemberEvent("m", kind, admitted + timedelta(days=d))
            for kind, d in zip(kinds, days, strict=True)
        ]
    else:
        events = [
            draw(_event("m", kind, admitted + timedelta(days=d)))
            for kind, d in zip(kinds, days, strict=True)
        ]
    left_on = leave_reason = exempted_on = None
    exits = [e for e in events if e.kind in _EXIT_REASONS]
    how = draw(st.sampled_from(("stays", "stays", "exit", "last", "any")))
    if tidy:
        how = "exit" if exits and exits[-1] is events[-1] else "stays"
    if how == "exit" and exits and exits[-1].on > admitted:
        left_on = exits[-1].on
    elif how == "last" and events[-1].on > admitted:
        left_on = events[-1].on
    elif how == "any":
        left_on = admitted + timedelta(days=draw(st.integers(1, 6000)))
    if left_on is not None:
        matching = (_EXIT_REASONS[exits[-1].kind],) if exits else ()
        reasons = matching if tidy else (*matching, *matching, None, *LeaveReason)
        leave_reason = draw(st.sampled_from(reasons)) if reasons else None
    if draw(st.integers(0, 4)) == 0:
        starts = [e.on for e in events if e.kind is K.MIEN and e.on >= admitted]
        exempted_on = (
            draw(st.sampled_from(starts))
            if starts and (tidy or draw(st.booleans()))
            else admitted + timedelta(days=draw(st.integers(0, 3000)))
        )
    member = Member(
        "m",
        "Lê Văn Mạnh",
        "c1" if tidy else draw(st.sampled_from(("c1", *_ORGS))),
        admitted_on=admitted,
        left_on=left_on,
        leave_reason=leave_reason,
        exempted_on=exempted_on,
    )
    draw(st.randoms()).shuffle(events)
    return member, events


def _agrees_with_the_full_derivation(
    member: Member,
    events: list[MemberEvent],
    known: frozenset[str] | None = None,
    as_of: date | None = None,
) -> None:
    history = History([member], events, org_ids=known, as_of=as_of)
    problems: list[Problem] = []
    as_of = as_of or max(e.on for e in events)
    window = timedelta(days=PAPER_DAYS)
    # Read as the history reads them: in order, each once, an out recorded after its in
    # on the day of the in.
    ordered = sorted(events, key=_order)
    _drop_copies(member.id, ordered, problems)
    _chain_transfers(ordered)  # a day's transfers in the order of the chain they make
    ordered = _redate_late_departures(member, ordered, window, problems) or ordered
    reference = _Deriver(member, problems, window, known, as_of).run(ordered)
    assert history.changes("m") == reference.changes
    assert history.problems() == tuple(problems)
    days = sorted({c.on for c in reference.changes} | {e.on for e in events})
    for day in [d + timedelta(days=shift) for d in days for shift in (-1, 0, 1)]:
        assert history.membership("m", day) == reference.at(day)
        if not problems:  # the roster reads the changes; the states agree when all is well
            state = reference.at(day)
            on_list = None if state is None else state.org_id
            assert history.roster(day).get("m") == on_list, day


@settings(max_examples=400, deadline=None)
@given(
    case=st.one_of(_member_and_events(tidy=True), _member_and_events(tidy=False)),
    known=st.sampled_from((None, frozenset(_ORGS), frozenset({"c1"}))),
    later=st.one_of(st.integers(0, 2 * PAPER_DAYS), st.integers(0, 400)),
)
def test_any_events_give_the_full_derivations_changes_problems_and_states(
    case: tuple[Member, list[MemberEvent]], known: frozenset[str] | None, later: int
) -> None:
    member, events = case
    as_of = max(e.on for e in events) + timedelta(days=later)
    _agrees_with_the_full_derivation(member, events, known, as_of)


def test_the_limits_are_the_full_derivations() -> None:
    admitted = date(2023, 3, 1)
    member = Member("m", "Lê Văn Mạnh", "c1", admitted_on=admitted)
    for days in (PAPER_DAYS - 1, PAPER_DAYS, PAPER_DAYS + 1):
        out = MemberEvent("m", K.CHUYEN_DI, date(2024, 1, 1), scope=TransferScope.CUNG_TINH)
        arrival = MemberEvent("m", K.CHUYEN_DEN, out.on + timedelta(days=days))
        _agrees_with_the_full_derivation(member, [out, arrival])
        _agrees_with_the_full_derivation(member, [out], as_of=arrival.on)
    for days in (364, 365, 366):  # xóa tên before, on and after the end of probation
        gone = admitted + timedelta(days=days)
        removed = Member(
            "m",
            "Lê Văn Mạnh",
            "c1",
            admitted_on=admitted,
            left_on=gone,
            leave_reason=LeaveReason.XOA_TEN,
        )
        _agrees_with_the_full_derivation(removed, [MemberEvent("m", K.XOA_TEN, gone)])
        _agrees_with_the_full_derivation(removed, [MemberEvent("m", K.KET_NAP, admitted)])
        _agrees_with_the_full_derivation(removed, [MemberEvent("m", K.TAM_THOI_DI, gone)])


def test_events_that_say_what_the_record_says_count_with_the_record() -> None:
    member = Member(
        "m",
        "Lê Văn Mạnh",
        "c1",
        admitted_on=date(2024, 3, 1),
        left_on=date(2024, 9, 1),
        leave_reason=LeaveReason.TU_TRAN,
    )
    events = [
        MemberEvent("m", K.KET_NAP, date(2024, 3, 1)),
        MemberEvent("m", K.TU_TRAN, date(2024, 9, 1), org_id="c1"),
    ]
    history = History([member], events)
    assert history.has_events("m")
    assert history.changes("m") == _plain_changes(member)
    assert history.change_table().rows == []
    group = history.record_groups()["c1"]
    assert (group.ids, group.days) == (["m"], [date(2024, 3, 1)])
    assert list(history.record_leavers()) == [member]
    assert history.roster(date(2024, 5, 1)) == {"m": "c1"}
    assert history.roster(date(2024, 9, 1)) == {}
    moved = History([member], [*events[:1], MemberEvent("m", K.CHUYEN_DI, date(2024, 9, 1))])
    assert [row[4] for row in moved.change_table().rows] == [Row.KET_NAP, Row.CHUYEN_DI]


# -- movements against a member-by-member count -------------------------------------------


@cache
def _province(seed: int) -> tuple[Dataset, History]:
    data = generate_province(seed=seed, scale=0.02)
    made = generate_history(data, seed=seed)
    return data, made.history()


def test_a_generated_historys_repr_counts_its_records() -> None:
    """A generated history's repr listed every member and event: its length grew with
    the province. It counts them now, as a Dataset's repr does."""
    small = generate_history(generate_province(seed=3, scale=0.005), seed=3)
    large = generate_history(generate_province(seed=3, scale=0.03), seed=3)
    assert len(large.events) > len(small.events) > 0
    for made in (small, large):
        text = repr(made)
        assert text == (f"GeneratedHistory(members={len(made.members)}, events={len(made.events)})")
        assert made.members[0].full_name not in text


def _reference_changes(history: History, member: Member) -> tuple[Change, ...]:
    if not history.has_events(member.id):
        return _plain_changes(member)
    events = sorted(history.events(member.id), key=_order)
    derive = _Deriver(member, [], history._window, history._org_ids, history._as_of)
    return derive.run(events).changes


def _reference_movements(
    history: History, tree: OrgTree, period: Period
) -> tuple[dict[str, dict[str, int]], dict[str, dict[str, int]], dict[str, set[str]]]:
    """Own counts, internal transfers and unknown sides, one member and change at a time."""
    own = {org.id: dict.fromkeys(MOVEMENT_CODES, 0) for org in tree}
    internal = {org.id: dict.fromkeys(MOVEMENT_CODES, 0) for org in tree}
    unknown: dict[str, set[str]] = {org.id: set() for org in tree}
    before = period.start - timedelta(days=1)
    for member in history.members:
        changes = _reference_changes(history, member)
        for day, code in ((before, "dang_vien_dau_ky"), (period.end, "dang_vien_cuoi_ky")):
            last = [c for c in changes if c.on <= day]
            if last and last[-1].entering and last[-1].org_id in own:
                own[last[-1].org_id][code] += 1
        inside = [i for i, c in enumerate(changes) if period.start <= c.on <= period.end]
        for i in inside:
            change = changes[i]
            assert change.row is not None  # generated histories explain every change
            own[change.org_id][change.row] += 1
            if change.sub_row is not None:
                own[change.org_id][change.sub_row] += 1
            elif change.row in (Row.CHUYEN_DI, Row.CHUYEN_DEN):
                unknown[change.org_id].add("in" if change.entering else "out")
            if change.entering or change.pair not in inside:
                continue
            arrival = changes[change.pair]
            above = {o.id for o in (tree[change.org_id], *tree.ancestors(change.org_id))}
            common = next(
                o.id
                for o in (tree[arrival.org_id], *tree.ancestors(arrival.org_id))
                if o.id in above
            )
            internal[common][Row.CHUYEN_DI] += 1
            internal[common][Row.CHUYEN_DEN] += 1
            for sub in (change.sub_row, arrival.sub_row):
                if sub is not None:
                    internal[common][sub] += 1
    return own, internal, unknown


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 5), start=st.integers(-200, 365), days=st.integers(0, 400))
def test_movements_are_the_member_by_member_count(seed: int, start: int, days: int) -> None:
    data, history = _province(seed)
    tree = data.tree()
    first = date(2024, 1, 1) + timedelta(days=start)
    period = Period(first, first + timedelta(days=days))
    result = movements(history, tree, period)
    own, internal, unknown = _reference_movements(history, tree, period)
    sides = {
        "in": (Row.CHUYEN_DEN_TINH_KHAC, Row.CHUYEN_DEN_TRONG_TINH),
        "out": (Row.CHUYEN_DI_TINH_KHAC, Row.CHUYEN_DI_TRONG_TINH),
    }
    for org in tree:
        below = tree.subtree(org.id)
        movement = result[org.id]
        missing = {code for o in below for side in unknown[o.id] for code in sides[side]}
        for code in MOVEMENT_CODES:
            if code in ("dang_vien_tang", "dang_vien_giam"):
                continue
            assert movement.own[code] == own[org.id][code], (org.id, code)
            assert movement.internal[code] == internal[org.id][code], (org.id, code)
            total = sum(own[o.id][code] - internal[o.id][code] for o in below)
            if code in missing:
                assert code not in movement.counts, (org.id, code)
            else:
                assert movement.counts[code] == total, (org.id, code)
