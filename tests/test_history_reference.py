"""Biểu 1 against a reference told with the story.

Each drawn member lives a story that can happen (transfers within the province, on
through a second chi bộ the same day, to another province and back, temporary
transfers, exemptions, suspensions, leaving the party, kết nạp lại after 36 months,
phục hồi, a death on the way), and the story itself
writes down, as it is told, the day each entry to and exit from a chi bộ's list happens
and the Biểu 1 row it belongs to. The movements of every organization are then counted
from those lists alone, with sets of chi bộ, as the form's wording has it (A: on a list
of the subtree the day before the period; B and C: entries and exits inside it, less the
transfers whose both sides are inside the subtree and the period; D: on a list at its
end), and compared with :func:`~coso_dang.history.movements`, the roster and the
membership of every day. Stories that the history reads without states and those it
derives in full (a late arrival, an exemption the record alone holds) are both drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import attrs
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from coso_dang import Member, Organization, OrgKind, OrgTree
from coso_dang.history import (
    MOVEMENT_CODES,
    History,
    MemberEvent,
    MemberEventKind,
    Period,
    TransferScope,
    movements,
)
from coso_dang.members import InactivePeriod, LeaveReason

K = MemberEventKind
S = TransferScope

_TREE = OrgTree.build(
    [
        Organization("T", "Đảng bộ tỉnh T", OrgKind.DANG_BO_TINH),
        Organization("X", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO, "T"),
        Organization("c1", "Chi bộ thôn 1", OrgKind.CHI_BO_TRUC_THUOC, "X"),
        Organization("c2", "Chi bộ thôn 2", OrgKind.CHI_BO_TRUC_THUOC, "X"),
        Organization("Y", "Đảng bộ xã Y", OrgKind.DANG_BO_CO_SO, "T"),
        Organization("c3", "Chi bộ thôn 3", OrgKind.CHI_BO_TRUC_THUOC, "Y"),
        Organization("c4", "Chi bộ Trường THCS", OrgKind.CHI_BO_CO_SO, "T"),
    ]
)
#: Thôn 0 merged into thôn 1 before the period's end: its members are counted there.
_MAPPING = {"c0": "c1"}
_CHI_BO = ("c0", "c1", "c2", "c3", "c4")
_BELOW = {org.id: {o.id for o in _TREE.subtree(org.id) if o.id in _CHI_BO} for org in _TREE}
for _below in _BELOW.values():
    _below.update(old for old, new in _MAPPING.items() if new in _below)
_FIRST = date(2019, 1, 1)
_EXITS = {
    K.TU_TRAN: ("giam_tu_tran", LeaveReason.TU_TRAN),
    K.KHAI_TRU: ("giam_khai_tru", LeaveReason.KHAI_TRU),
    K.XOA_TEN: ("giam_xoa_ten", LeaveReason.XOA_TEN),
    K.XIN_RA: ("giam_xin_ra", LeaveReason.XIN_RA),
}
_SUB = {
    (True, S.CUNG_TINH): "tang_chuyen_den_trong_tinh",
    (True, S.TINH_KHAC): "tang_chuyen_den_tinh_khac",
    (False, S.CUNG_TINH): "giam_chuyen_di_trong_tinh",
    (False, S.TINH_KHAC): "giam_chuyen_di_tinh_khac",
}


@dataclass
class _Entry:
    """One entry to or exit from a list, as the story tells it."""

    on: date
    org: str
    entering: bool
    rows: tuple[str, ...]
    pair: int = -1  # the other side of a transfer within the data


@dataclass
class _Story:
    ident: str
    admitted: date
    official: date  # the end of the current probation
    org: str | None
    day: date
    events: list[MemberEvent] = field(default_factory=list)
    lists: list[_Entry] = field(default_factory=list)
    gaps: list[InactivePeriod] = field(default_factory=list)
    left: tuple[date, LeaveReason] | None = None
    exempt_from: date | None = None
    suspended: bool = False
    readmitted: bool = False
    named: list[str] = field(default_factory=list)  # problems the story knows it raises
    over: bool = False

    def event(self, kind: MemberEventKind, on: date, **fields: object) -> None:
        self.events.append(MemberEvent(self.ident, kind, on, **fields))  # type: ignore[arg-type]

    def enter(self, on: date, org: str, *rows: str) -> int:
        self.lists.append(_Entry(on, org, True, rows))
        self.org = org
        return len(self.lists) - 1

    def leave(self, on: date, *rows: str) -> int:
        assert self.org is not None
        self.lists.append(_Entry(on, self.org, False, rows))
        self.org = None
        return len(self.lists) - 1


def _scopes(draw: st.DrawFn, scope: S) -> tuple[S | None, S | None]:
    """The scope each side writes: both, or only one of them."""
    return draw(st.sampled_from(((scope, scope), (scope, None), (None, scope))))


def _transfer(draw: st.DrawFn, story: _Story, on: date) -> None:
    assert story.org is not None
    there = draw(st.sampled_from([c for c in _CHI_BO if c != story.org]))
    late = draw(st.integers(0, 8)) == 0  # received after the 30 days (named)
    took = draw(st.integers(31, 60) if late else st.sampled_from((0, 1, 29, 30)))
    arrived = on + timedelta(days=took)
    # The receiving side may record its decision a few days first (named, and the out
    # counted on the day of the in).
    out_late = not late and took <= 25 and draw(st.integers(0, 6)) == 0
    out_day = arrived + timedelta(days=draw(st.integers(1, 5))) if out_late else on
    source = story.org
    out_scope, in_scope = _scopes(draw, S.CUNG_TINH)
    # A late out is read as the arrival's own when one side names the other.
    target = there if out_late else draw(st.sampled_from((None, there)))
    story.event(K.CHUYEN_DI, out_day, org_id=draw(st.sampled_from((None, source))),
                other_org_id=target, scope=out_scope)  # fmt: skip
    story.event(K.CHUYEN_DEN, arrived, org_id=there,
                other_org_id=draw(st.sampled_from((None, source))), scope=in_scope)  # fmt: skip
    counted = arrived if out_late else on
    gone = story.leave(counted, "giam_chuyen_di", _SUB[False, S.CUNG_TINH])
    came = story.enter(arrived, there, "tang_chuyen_den", _SUB[True, S.CUNG_TINH])
    story.lists[gone].pair, story.lists[came].pair = came, gone
    if late:
        story.named.append("chuyển đến quá thời hạn")
    if out_late:
        story.named.append("chuyển đi ghi sau ngày chuyển đến: tính vào ngày chuyển đến")
    story.day = max(arrived, out_day)


def _through(draw: st.DrawFn, story: _Story, on: date) -> None:
    """On through a second chi bộ to a third the same day: each departure names its chi
    bộ, the other sides and the scope named or not."""
    assert story.org is not None
    there, last = draw(
        st.lists(st.sampled_from([c for c in _CHI_BO if c != story.org]), min_size=2,
                 max_size=2, unique=True)
    )  # fmt: skip
    for target in (there, last):
        source = story.org
        out_scope, in_scope = _scopes(draw, S.CUNG_TINH)
        story.event(
            K.CHUYEN_DI,
            on,
            org_id=source,
            other_org_id=draw(st.sampled_from((None, target))),
            scope=out_scope,
        )
        story.event(K.CHUYEN_DEN, on, org_id=target,
                    other_org_id=draw(st.sampled_from((None, source))), scope=in_scope)  # fmt: skip
        gone = story.leave(on, "giam_chuyen_di", _SUB[False, S.CUNG_TINH])
        came = story.enter(on, target, "tang_chuyen_den", _SUB[True, S.CUNG_TINH])
        story.lists[gone].pair, story.lists[came].pair = came, gone
    story.day = on


def _away(draw: st.DrawFn, story: _Story, on: date) -> None:
    """To another province; maybe back, as a new arrival from there."""
    assert story.org is not None
    left = story.org
    story.event(K.CHUYEN_DI, on, org_id=left, scope=S.TINH_KHAC)
    story.leave(on, "giam_chuyen_di", _SUB[False, S.TINH_KHAC])
    if draw(st.booleans()):
        story.left, story.over = (on, LeaveReason.CHUYEN_DI), True
        story.org = None
        return
    back = on + timedelta(days=draw(st.sampled_from((1, 30, 31, 400))))
    home = draw(st.sampled_from(_CHI_BO))
    story.event(K.CHUYEN_DEN, back, org_id=home, scope=S.TINH_KHAC)
    story.enter(back, home, "tang_chuyen_den", _SUB[True, S.TINH_KHAC])
    story.day = back


def _leave_party(draw: st.DrawFn, story: _Story, on: date) -> None:
    kind = draw(st.sampled_from(tuple(_EXITS)))
    row, reason = _EXITS[kind]
    story.event(kind, on, org_id=draw(st.sampled_from((None, story.org))))
    rows = (row, "giam_xoa_ten_du_bi") if kind is K.XOA_TEN and on < story.official else (row,)
    story.leave(on, *rows)
    # A re-admission or restoration starts with no status.
    story.exempt_from, story.suspended = None, False
    back = draw(st.sampled_from(("no", "lai", "phuc_hoi")))
    if kind is K.TU_TRAN or back == "no" or (back == "lai" and story.readmitted):
        story.left, story.over = (on, reason), True
        return
    home = draw(st.sampled_from(_CHI_BO))
    if back == "lai":
        # "ít nhất là 36 tháng kể từ khi ra khỏi Đảng", the time out in the record.
        again = on + relativedelta(months=36) + timedelta(days=draw(st.sampled_from((0, 1, 90))))
        story.event(K.KET_NAP_LAI, again, org_id=home)
        story.enter(again, home, "tang_ket_nap")
        story.gaps.append(InactivePeriod(on, again))
        story.readmitted, story.official = True, again + relativedelta(months=12)
    else:
        again = on + timedelta(days=draw(st.sampled_from((1, 200, 700))))
        story.event(K.PHUC_HOI, again, org_id=home)
        story.enter(again, home, "tang_phuc_hoi")
    story.day = again


def _died_on_the_way(draw: st.DrawFn, story: _Story, on: date) -> None:
    assert story.org is not None
    there = draw(st.sampled_from([c for c in _CHI_BO if c != story.org]))
    died = on + timedelta(days=draw(st.sampled_from((0, 1, 30))))
    story.event(K.CHUYEN_DI, on, other_org_id=there, scope=S.CUNG_TINH)
    story.event(K.TU_TRAN, died)
    # Off the sending list on the transfer out: counted there as chuyển đi.
    story.leave(on, "giam_chuyen_di", _SUB[False, S.CUNG_TINH])
    story.left = (draw(st.sampled_from((on, died))), LeaveReason.TU_TRAN)
    story.over = True


def _status(draw: st.DrawFn, story: _Story, on: date) -> None:
    """Tạm thời, miễn or đình chỉ, maybe ended: on the same list all along."""
    assert story.org is not None
    # Each status starts only when not on already (it holds through a transfer).
    kinds = ["tam_thoi"]
    kinds += [] if story.exempt_from else ["mien"]
    kinds += [] if story.suspended else ["dinh_chi"]
    which = draw(st.sampled_from(kinds))
    end = on + timedelta(days=draw(st.sampled_from((0, 1, 100))))
    ends = draw(st.booleans())
    if which == "tam_thoi":
        host = draw(st.sampled_from([c for c in _CHI_BO if c != story.org]))
        story.event(K.TAM_THOI_DI, on, other_org_id=host)
        story.event(K.TAM_THOI_DEN, on, org_id=host)
        if ends:
            story.event(K.TAM_THOI_DI, end + timedelta(days=1), org_id=host)
    elif which == "mien":
        story.event(K.MIEN, on)
        story.exempt_from = on
        if ends:
            story.event(K.HET_MIEN, end + timedelta(days=1))
            story.exempt_from = None
    else:
        story.event(K.DINH_CHI, on)
        story.suspended = not ends
        if ends:
            story.event(K.HET_DINH_CHI, end + timedelta(days=1))
    story.day = end + timedelta(days=1) if ends else on


@st.composite
def _stories(draw: st.DrawFn, ident: str) -> tuple[Member, list[MemberEvent], _Story]:
    admitted = _FIRST + timedelta(days=draw(st.integers(0, 900)))
    ceremony = admitted + timedelta(days=draw(st.sampled_from((0, 0, 20))))
    home = draw(st.sampled_from(_CHI_BO))
    story = _Story(ident, admitted, ceremony + relativedelta(months=12), None, admitted)
    if draw(st.booleans()):
        story.event(K.KET_NAP, admitted, org_id=home)
    story.enter(admitted, home, "tang_ket_nap")
    steps = {
        "transfer": _transfer,
        "through": _through,
        "away": _away,
        "leave": _leave_party,
        "died": _died_on_the_way,
        "status": _status,
    }
    for _ in range(draw(st.integers(1, 4))):
        step = draw(st.sampled_from(tuple(steps)))
        # A day after the last (an exit may share the day of an arrival: entries first).
        gap = draw(st.sampled_from((1, 1, 2, 31, 200, 365, 366)))
        if step == "leave" and draw(st.integers(0, 3)) == 0:
            gap = 0
        steps[step](draw, story, story.day + timedelta(days=gap))
        if story.over:
            break
    # Without a kết nạp, the first event says which chi bộ the member was admitted into
    # (else the record's chi bộ is meant, and the member may have moved since).
    first = story.events[0]
    if first.kind is not K.KET_NAP:
        story.events[0] = attrs.evolve(first, org_id=home)
    exempted = story.exempt_from
    no_event = all(event.kind is not K.MIEN for event in story.events)
    if no_event and story.org is not None and draw(st.integers(0, 6)) == 0:
        # An exemption the record holds with no event (the full derivation reads it).
        exempted = story.day + timedelta(days=draw(st.integers(1, 300)))
    left_on, reason = story.left if story.left is not None else (None, None)
    last = story.org or story.lists[-1].org
    if story.org is not None and draw(st.booleans()):
        last = _MAPPING.get(last, last)  # the record names the chi bộ merged into
    member = Member(
        ident,
        "Nguyễn Văn An",
        last,
        admitted_on=admitted,
        ceremony_on=ceremony,
        left_on=left_on,
        leave_reason=reason,
        exempted_on=exempted,
        inactive_periods=story.gaps,
    )
    events = list(story.events)
    draw(st.randoms()).shuffle(events)
    return member, events, story


@st.composite
def _records(draw: st.DrawFn, ident: str) -> tuple[Member, list[MemberEvent], _Story]:
    """A member with no event: on the list of the record's chi bộ from the admission
    until the leaving, for the reason the record gives."""
    admitted = _FIRST + timedelta(days=draw(st.integers(0, 1500)))
    home = draw(st.sampled_from(_CHI_BO))
    story = _Story(ident, admitted, admitted + relativedelta(months=12), None, admitted)
    story.enter(admitted, home, "tang_ket_nap")
    left_on = reason = None
    if draw(st.booleans()):
        kind = draw(st.sampled_from(tuple(_EXITS)))
        row, reason = _EXITS[kind]
        left_on = admitted + timedelta(days=draw(st.sampled_from((1, 364, 365, 366, 900))))
        dubi = kind is K.XOA_TEN and left_on < story.official
        story.leave(left_on, *((row, "giam_xoa_ten_du_bi") if dubi else (row,)))
    member = Member(ident, "Nguyễn Văn An", home, admitted_on=admitted, left_on=left_on,
                    leave_reason=reason)  # fmt: skip
    return member, [], story


def _on_list(story: _Story, day: date) -> str | None:
    """The list the story has the member on at the end of *day*."""
    org = None
    for entry in story.lists:
        if entry.on > day:
            break
        org = entry.org if entry.entering else None
    return org


def _reference(stories: list[_Story], period: Period) -> dict[str, dict[str, int]]:
    """Biểu 1 of every organization, from the stories' lists and sets of chi bộ."""
    before = period.start - timedelta(days=1)
    result: dict[str, dict[str, int]] = {}
    for org_id, below in _BELOW.items():
        counts = dict.fromkeys(MOVEMENT_CODES, 0)
        for story in stories:
            counts["dang_vien_dau_ky"] += _on_list(story, before) in below
            counts["dang_vien_cuoi_ky"] += _on_list(story, period.end) in below
            for entry in story.lists:
                if not period.start <= entry.on <= period.end or entry.org not in below:
                    continue
                if entry.pair >= 0:
                    other = story.lists[entry.pair]
                    if period.start <= other.on <= period.end and other.org in below:
                        continue  # a transfer inside the subtree and the period
                for row in entry.rows:
                    counts[row] += 1
        increases = ("tang_ket_nap", "tang_chuyen_den", "tang_phuc_hoi")
        decreases = ("giam_tu_tran", "giam_khai_tru", "giam_xoa_ten", "giam_xin_ra")
        counts["dang_vien_tang"] = sum(counts[code] for code in increases)
        counts["dang_vien_giam"] = sum(counts[code] for code in (*decreases, "giam_chuyen_di"))
        result[org_id] = counts
    return result


@st.composite
def _periods(draw: st.DrawFn, stories: list[_Story]) -> Period:
    """A period, its first or last day often the day of an entry or exit, or next to it."""
    days = sorted({entry.on for story in stories for entry in story.lists})
    near = st.sampled_from(days).flatmap(
        lambda day: st.sampled_from((day - timedelta(days=1), day, day + timedelta(days=1)))
    )
    anywhere = st.integers(0, 4000).map(lambda n: _FIRST + timedelta(days=n))
    first, last = sorted((draw(st.one_of(near, anywhere)), draw(st.one_of(near, anywhere))))
    return Period(first, last)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), count=st.integers(1, 5))
def test_movements_roster_and_membership_are_the_storys_lists(
    data: st.DataObject, count: int
) -> None:
    drawn = [data.draw(_stories(f"dv{n}")) for n in range(count)]
    drawn += [data.draw(_records(f"hs{n}")) for n in range(data.draw(st.integers(0, 3)))]
    members = [member for member, _, _ in drawn]
    stories = [story for _, _, story in drawn]
    events = [event for _, listed, _ in drawn for event in listed]
    history = History(members, events, mapping=_MAPPING)
    assert sorted(p.reason for p in history.problems()) == sorted(
        reason for story in stories for reason in story.named
    )
    period = data.draw(_periods(stories))
    result = movements(history, _TREE, period, mapping=_MAPPING)
    assert result.problems() == ()
    expected = _reference(stories, period)
    for org in _TREE:
        assert dict(result[org.id].counts) == expected[org.id], org.id
        assert result[org.id].unexplained == ()
    days = sorted({e.on + timedelta(days=s) for st_ in stories for e in st_.lists for s in (-1, 0)})
    for day in [*days, period.start, period.end]:
        roster = history.roster(day)
        places = history.places(members, day)
        for member, story, place in zip(members, stories, places, strict=True):
            on_list = _on_list(story, day)
            assert roster.get(member.id) == on_list == place, (member.id, day)
            state = history.membership(member.id, day)
            assert (None if state is None else state.org_id) == on_list, (member.id, day)
