"""Membership on any date, derived from a member's record and events.

:class:`History` holds the members and their :class:`~coso_dang.history.MemberEvent`
records. A member's timeline is the states they went through (which chi bộ's đảng số
counts them, where they are on temporary transfer, their status) and the changes of the
list they are on (entries and exits, with the Biểu 1 row each belongs to). A member
without events behaves as its record says: on the rolls of ``org_id`` from
``admitted_on`` until ``left_on``.

The history is built for counting millions: each member's events are walked once, when
it is built, for the changes and the problems; the states are derived only when
:meth:`History.membership` first asks about the member. The members counted from their
record (those without events, and those whose events say only what the record says) are
kept per chi bộ, the others' changes in one table.

Where the events say more than the record, the events win; where they contradict it
(another admission date, another chi bộ at the end, another leaving), the contradiction is
a :class:`~coso_dang.errors.Problem`, collected, never raised. So is every event sequence
that cannot have happened (a second re-admission, an event after death, a transfer out
with no transfer in within the allowed time, a transfer in from a chi bộ of the data with
no transfer out).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import (
    Collection,
    ItemsView,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
    ValuesView,
)
from datetime import date, datetime, timedelta
from itertools import compress, filterfalse, repeat
from operator import is_
from typing import NamedTuple, cast

from dateutil.relativedelta import relativedelta

from coso_dang._deprecation import aliases
from coso_dang._enums import LabelledEnum
from coso_dang._gc import paused
from coso_dang.errors import (
    ArgumentError,
    ArgumentTypeError,
    Problem,
    UnknownIdError,
    UsageError,
    record_where,
)
from coso_dang.history._index import ChangeRow, ChangeTable, RecordGroup
from coso_dang.history.events import MemberEvent, MemberEventKind, TransferScope
from coso_dang.i18n import N_
from coso_dang.members import PROBATION, InactivePeriod, LeaveReason, Member, probation_end

__all__ = [
    "PAPER_DAYS",
    "READMISSION_MONTHS",
    "Change",
    "History",
    "Membership",
    "MembershipStatus",
    "Roster",
    "Row",
]

#: Days a member on official transfer may take to present the papers at the new chi bộ
#: (30 days [S], after 29-QĐ/TW art. 6.3): a transfer out with no transfer in within
#: this time is a problem. A parameter of :class:`History`, and the deadline of the
#: office's list of transfer papers (:func:`coso_dang.operations.deadlines`).
PAPER_DAYS = 30

#: Months out of the party before a kết nạp lại: "ít nhất là 36 tháng kể từ khi ra khỏi
#: Đảng" (24-QĐ/TW 2021 and 294-QĐ/TW 2025, point 3.5.1b [C]; 60 months after a minor
#: criminal sentence is cleared, which the data do not hold). A re-admission sooner is a
#: problem.
READMISSION_MONTHS = 36
_READMISSION = relativedelta(months=READMISSION_MONTHS)

_K = MemberEventKind


class MembershipStatus(LabelledEnum):
    """Where a member stands on a date."""

    # Singletons: identity hashing is exact and C-fast (see MemberEventKind).
    __hash__ = object.__hash__

    #: Đảng viên dự bị.
    DU_BI = ("du_bi", "Đảng viên dự bị")
    #: Đảng viên chính thức.
    CHINH_THUC = ("chinh_thuc", "Đảng viên chính thức")
    #: Miễn công tác và sinh hoạt đảng (still on the rolls).
    MIEN = ("mien", "Miễn công tác và sinh hoạt đảng")
    #: Đình chỉ sinh hoạt đảng (still on the rolls).
    DINH_CHI = ("dinh_chi", "Đình chỉ sinh hoạt đảng")
    #: Đang chuyển sinh hoạt: left one chi bộ, not yet received by the next.
    DANG_CHUYEN = ("dang_chuyen", "Đang chuyển sinh hoạt")
    #: Đã ra khỏi danh sách: died, expelled, removed, resigned, or transferred out of
    #: the data.
    DA_RA = ("da_ra", "Đã ra khỏi danh sách")


class Row:
    """The Biểu 1 rows a change of the list belongs to (indicator codes)."""

    KET_NAP = "tang_ket_nap"
    CHUYEN_DEN = "tang_chuyen_den"
    CHUYEN_DEN_TINH_KHAC = "tang_chuyen_den_tinh_khac"
    CHUYEN_DEN_TRONG_TINH = "tang_chuyen_den_trong_tinh"
    PHUC_HOI = "tang_phuc_hoi"
    TU_TRAN = "giam_tu_tran"
    KHAI_TRU = "giam_khai_tru"
    XOA_TEN = "giam_xoa_ten"
    XOA_TEN_DU_BI = "giam_xoa_ten_du_bi"
    XIN_RA = "giam_xin_ra"
    CHUYEN_DI = "giam_chuyen_di"
    CHUYEN_DI_TINH_KHAC = "giam_chuyen_di_tinh_khac"
    CHUYEN_DI_TRONG_TINH = "giam_chuyen_di_trong_tinh"


_EXIT_ROWS = {
    _K.TU_TRAN: Row.TU_TRAN,
    _K.KHAI_TRU: Row.KHAI_TRU,
    _K.XOA_TEN: Row.XOA_TEN,
    _K.XIN_RA: Row.XIN_RA,
    _K.CHUYEN_DI: Row.CHUYEN_DI,
}
_ENTRY_ROWS = {
    _K.KET_NAP: Row.KET_NAP,
    _K.KET_NAP_LAI: Row.KET_NAP,
    _K.PHUC_HOI: Row.PHUC_HOI,
    _K.CHUYEN_DEN: Row.CHUYEN_DEN,
}
_REASON_EXITS = {
    LeaveReason.TU_TRAN: _K.TU_TRAN,
    LeaveReason.KHAI_TRU: _K.KHAI_TRU,
    LeaveReason.XOA_TEN: _K.XOA_TEN,
    LeaveReason.XIN_RA: _K.XIN_RA,
    LeaveReason.CHUYEN_DI: _K.CHUYEN_DI,
}
_EXIT_REASONS = {kind: reason for reason, kind in _REASON_EXITS.items()}
# Order of events on one day: entries first, then transfers out before transfers in,
# then the rest, exits last (a member admitted and transferred on one day is possible).
_RANK = {
    _K.KET_NAP: 0,
    _K.KET_NAP_LAI: 0,
    _K.PHUC_HOI: 0,
    _K.CHUYEN_DI: 1,
    _K.CHUYEN_DEN: 2,
    _K.TAM_THOI_DI: 3,
    _K.TAM_THOI_DEN: 4,
    _K.TU_TRAN: 6,
    _K.KHAI_TRU: 6,
    _K.XOA_TEN: 6,
    _K.XIN_RA: 6,
}


def _order(event: MemberEvent) -> tuple[date, int]:
    return event.on, _RANK.get(event.kind, 5)


_ONE_YEAR = PROBATION == relativedelta(years=1)


def _tied(before: MemberEvent, event: MemberEvent) -> bool:
    """True when *event*, on the day of *before* (the event given before it), needs the
    sorting of the member's events: ranked before it or alike (a copy, perhaps), or the
    transfer in after a transfer out of one day, which a chain may put first.

    Events of one day given in strictly rising rank (a temporary transfer out and back,
    written by both sides) are already in order, hold no copy (a copy has its kind, so
    its rank) and make no chain: sorting them changes nothing.
    """
    kind, after = before.kind, event.kind
    return _RANK.get(kind, 5) >= _RANK.get(after, 5) or (
        kind is _CHUYEN_DI and after is _CHUYEN_DEN
    )


def _official_day(member: Member) -> date | None:
    """``member.official_date``, without relativedelta's cost in the usual case;
    ``None`` when it falls past 31/12/9999 (see :func:`_mark`)."""
    try:
        if member.official_on is not None or not _ONE_YEAR:
            return member.official_date
        return probation_end(member.ceremony_on or member.admitted_on)
    except (ValueError, OverflowError):
        return None


def _mark(day: date, delta: relativedelta) -> date | None:
    """*day* + *delta*: the end of a probation or of the time out before a re-admission;
    ``None`` past 31/12/9999, the calendar's last day, which no day of the data reaches.
    A year mistyped 9999 in one record or event stopped the whole history with Python's
    English "year 10000 is out of range"."""
    try:
        return day + delta
    except (ValueError, OverflowError):
        return None


def _before(on: date, mark: date | None) -> bool:
    """True when *on* is before *mark* (``None``: past the calendar, after every day)."""
    return mark is None or on < mark


def _exemption_after(exempted: date, events: list[MemberEvent]) -> bool:
    """True when the events give no miễn, or none (nor its end) on or after *exempted*."""
    if not any(e.kind is _K.MIEN for e in events):
        return True
    return not any(e.on >= exempted for e in events if e.kind is _K.MIEN or e.kind is _K.HET_MIEN)


def _gap_ending(member: Member, on: date) -> InactivePeriod | None:
    """The record's gap in activity that ends on *on* (a re-admission's day), if any."""
    return next((gap for gap in member.inactive_periods if gap.end == on), None)


def _gap_recorded(member: Member, start: date, end: date) -> bool:
    """True when the record's gaps in activity cover the days from *start* to *end*: the
    time out of the party before a re-admission, which party age leaves out only when
    the record has it."""
    covered = start
    for gap in sorted(member.inactive_periods, key=lambda gap: gap.start):
        if gap.start <= covered < gap.end:
            covered = gap.end
    return covered >= end


#: The problems of an exemption or a suspension event, worded alike for both: either is
#: personal (an illness, a discipline), and the problem names the member.
_STATUS_OFF_LIST = N_(
    "thay đổi tình trạng sinh hoạt đảng khi không có tên trong danh sách chi bộ nào"
)
_STATUS_REPEATED = N_("thay đổi tình trạng sinh hoạt đảng về tình trạng đang có")
_STATUS_ELSEWHERE = N_("thay đổi tình trạng sinh hoạt đảng ở một chi bộ đảng viên không sinh hoạt")
#: Said of a re-admission whose time out of the party the record's gaps do not hold.
_GAP_NOT_RECORDED = N_(
    "thời gian ra khỏi Đảng trước khi kết nạp lại không có trong thời gian gián đoạn: "
    "tuổi đảng tính cả thời gian này"
)


def scope_row(scope: TransferScope | None, entering: bool) -> str | None:
    """The Biểu 1 sub-row (tỉnh khác / trong tỉnh) of a transfer, ``None`` when unknown."""
    return (_SCOPE_IN if entering else _SCOPE_OUT).get(scope)


# A dictionary, not comparisons: an enum's class attribute is slow to look up.
_SCOPE_IN: dict[TransferScope | None, str] = {
    TransferScope.TINH_KHAC: Row.CHUYEN_DEN_TINH_KHAC,
    TransferScope.CUNG_TINH: Row.CHUYEN_DEN_TRONG_TINH,
    TransferScope.CUNG_HUYEN: Row.CHUYEN_DEN_TRONG_TINH,
}
_SCOPE_OUT: dict[TransferScope | None, str] = {
    TransferScope.TINH_KHAC: Row.CHUYEN_DI_TINH_KHAC,
    TransferScope.CUNG_TINH: Row.CHUYEN_DI_TRONG_TINH,
    TransferScope.CUNG_HUYEN: Row.CHUYEN_DI_TRONG_TINH,
}


class Membership(NamedTuple):
    """Where a member is on a date (a named tuple: millions are made at national scale).

    Args:
        member_id: the member.
        org_id: the chi bộ whose đảng số counts the member; ``None`` when on no list
            (between two chi bộ on transfer, or gone).
        host_id: the chi bộ where the member is on temporary transfer, when known (the
            member still counts at ``org_id``, not here).
        away: on temporary transfer (``host_id`` may be unknown).
        status: dự bị, chính thức, miễn, đình chỉ, đang chuyển, đã ra.
        since: the day this state began.
    """

    member_id: str
    org_id: str | None
    host_id: str | None
    away: bool
    status: MembershipStatus
    since: date

    @property
    def in_list(self) -> bool:
        """True when a chi bộ's đảng số counts the member."""
        return self.org_id is not None

    def __repr__(self) -> str:
        # The status may be miễn (after an illness) or đình chỉ (a discipline), and its
        # day dates it: personal, as the event's kind is. Read them as fields.
        return (
            f"Membership(member_id={self.member_id!r}, org_id={self.org_id!r}, "
            f"host_id={self.host_id!r}, away={self.away!r})"
        )


class Change(NamedTuple):
    """A member entering or leaving a chi bộ's list, with the Biểu 1 row it counts in.

    Args:
        member_id: the member.
        on: the day.
        org_id: the chi bộ entered or left.
        entering: entering the list (else leaving it).
        row: the Biểu 1 row (a :class:`Row` code); ``None`` when no event says why.
        sub_row: the row inside *row* it also counts in: for a transfer, tỉnh khác or
            trong tỉnh (``None`` when unknown); for a xóa tên, dự bị when it applies.
        other_org_id: for a transfer, the other side when known.
        pair: for a transfer, the position of the matching change (out/in) in the
            member's list of changes, else ``-1``.
    """

    member_id: str
    on: date
    org_id: str
    entering: bool
    row: str | None
    sub_row: str | None = None
    other_org_id: str | None = None
    pair: int = -1

    def __repr__(self) -> str:
        # The row says why a member left (khai trừ is a discipline): personal, as the
        # event's kind is. Read it as a field.
        return (
            f"Change(member_id={self.member_id!r}, on={self.on!r}, org_id={self.org_id!r}, "
            f"entering={self.entering!r}, other_org_id={self.other_org_id!r}, pair={self.pair!r})"
        )


class _Timeline(NamedTuple):
    member: Member
    states: tuple[Membership, ...]
    days: tuple[date, ...]
    changes: tuple[Change, ...]

    def at(self, on: date) -> Membership | None:
        at = bisect_right(self.days, on)
        return self.states[at - 1] if at else None


class History:
    """Members and their events: membership on any date, changes, problems.

    Args:
        members: the member records.
        events: their events, in any order.
        transfer_days: days allowed between a transfer out and its transfer in.
        org_ids: the organizations of the data, if known: a transfer out to one of them
            must be followed by a transfer in there (without them, one to a known
            organization or within the province must).
        as_of: the day the data describe, for overdue transfers; the last event's day
            when not given.
        mapping: where each organization that no longer exists is counted on *as_of*
            (:meth:`~coso_dang.history.Lineage.mapping`): a record that names the chi bộ
            the events' last one was merged into agrees with them (the members followed
            the merger with no event).

    Member ids are taken to be unique (:meth:`~coso_dang.OrgTree.build` reports
    duplicates); a duplicate among members with events is a problem here too.

    >>> from coso_dang import Member
    >>> m = Member("dv1", "Lê Văn Hùng", "cb2", admitted_on=date(2010, 5, 2))
    >>> history = History([m], [
    ...     MemberEvent("dv1", MemberEventKind.CHUYEN_DI, date(2024, 3, 1), org_id="cb1",
    ...                 other_org_id="cb2", scope=TransferScope.CUNG_TINH),
    ...     MemberEvent("dv1", MemberEventKind.CHUYEN_DEN, date(2024, 3, 12), org_id="cb2",
    ...                 other_org_id="cb1", scope=TransferScope.CUNG_TINH),
    ... ])
    >>> [history.membership("dv1", date(2024, d, 10)).org_id for d in (2, 3, 4)]
    ['cb1', None, 'cb2']
    >>> history.membership("dv1", date(2024, 3, 10)).status.label
    'Đang chuyển sinh hoạt'
    >>> history.problems()
    ()
    """

    def __init__(
        self,
        members: Iterable[Member],
        events: Iterable[MemberEvent] = (),
        *,
        transfer_days: int = PAPER_DAYS,
        org_ids: Collection[str] | None = None,
        as_of: date | None = None,
        mapping: Mapping[str, str] | None = None,
    ) -> None:
        for argument, records, expected in (
            ("members", members, N_("các bản ghi Member")),
            ("events", events, N_("các bản ghi MemberEvent")),
        ):
            # None failed in the build with Python's "object is not iterable".
            if not isinstance(records, Iterable) or isinstance(records, str | bytes):
                raise UsageError("History", argument, expected, records)
        if not isinstance(transfer_days, int) or isinstance(transfer_days, bool):
            raise ArgumentTypeError(
                N_(
                    "transfer_days phải là số nguyên, không phải {kind}",
                    kind=type(transfer_days).__name__,
                )
            )
        if transfer_days < 0:
            raise ArgumentError(
                N_("transfer_days không được âm, không phải {days}", days=transfer_days)
            )
        with paused():
            self._mapping: Mapping[str, str] = dict(mapping or {})
            self._build(members, events, transfer_days, org_ids, as_of)

    def _build(
        self,
        members: Iterable[Member],
        events: Iterable[MemberEvent],
        transfer_days: int,
        org_ids: Collection[str] | None,
        as_of: date | None,
    ) -> None:
        self._members: tuple[Member, ...] = tuple(members)
        self._problems: list[Problem] = []
        grouped: dict[str, list[MemberEvent]] = {}
        last: date | None = None
        event: object = None
        try:
            for event in events:
                listed = grouped.get(event.member_id)
                if listed is None:
                    grouped[event.member_id] = listed = []
                listed.append(event)
                if last is None or event.on > last:
                    last = event.on
        except AttributeError:
            # No test per event for its kind: the record without the fields is named.
            expected = N_("các bản ghi MemberEvent")
            raise UsageError("History", "events", expected, event) from None
        found = self._index_records(grouped)
        self._by_id: dict[str, Member] | None = None
        # An id with no record keeps its empty slot: looked for by identity, no member
        # compared (an attrs record's __eq__ is a call of its own).
        if any(map(is_, found.values(), repeat(None))):
            for member_id in [i for i, member in found.items() if member is None]:
                del grouped[member_id], found[member_id]
                self._problems.append(
                    Problem(
                        _where(member_id),
                        "member_id",
                        member_id,
                        N_("không có đảng viên mang mã này"),
                    )
                )
        self._events = grouped
        # The cast holds: the empty slots were deleted above, with their events, so the
        # changes can walk the events and their records side by side.
        self._with_events = cast(dict[str, Member], found)
        self._window = timedelta(days=transfer_days)
        self._org_ids = None if org_ids is None else frozenset(org_ids)
        self._as_of = as_of or last
        if as_of is not None and last is not None and last > as_of:
            # The data describe the day as_of: a later event is a slip of the date or of
            # as_of, and the record, which cannot know of it, would be blamed for it.
            for member_id, listed in grouped.items():
                for event in listed:
                    if event.on > as_of:
                        self._problems.append(
                            Problem(
                                _where(member_id),
                                "on",
                                event.on.isoformat(),
                                N_("có sự kiện sau ngày của dữ liệu (as_of)"),
                            )
                        )
        # Timelines with their states, derived in full: those with problems at once, the
        # others when a state is first asked for (a count needs the changes only).
        self._timelines: dict[str, _Timeline] = {}
        # The members whose transfer out is dated after the transfer in it goes with:
        # their events as counted, the out on the day of the in.
        self._redated: dict[str, list[MemberEvent]] = {}
        self._table = ChangeTable()
        self._index_changes()

    def _index_records(self, grouped: Mapping[str, list[MemberEvent]]) -> dict[str, Member | None]:
        """Sort the members: those with events out, the others by chi bộ (one pass).

        Returns the members with events, by id in the order of *grouped* (``None`` for
        an id no record has; a second record with an id that has events is a problem).
        """
        # A slot per id with events, in the events' order: the changes are then indexed
        # member by member beside the events, with no lookup of the record by id.
        with_events: dict[str, Member | None] = dict.fromkeys(grouped)
        problems = self._problems
        lists: dict[str, tuple[list[str], list[date]]] = {}
        leavers: list[Member] = []
        current: str | None = None
        # The current chi bộ's lists, appended to by name: the interpreter's own
        # list.append, faster than a bound method kept in a variable.
        ids: list[str] = []
        days: list[date] = []
        # A set finds an id faster than the dictionary: its table is half the size.
        evented = set(grouped)
        # Rosters come chi bộ by chi bộ: the lists change only when the chi bộ does.
        member: object = None
        try:
            for member in self._members:
                member_id = member.id
                if member_id in evented:
                    if with_events[member_id] is not None:
                        reason = N_("mã bị trùng với một đảng viên có sự kiện")
                        problems.append(Problem(_where(member_id), "id", member_id, reason))
                    with_events[member_id] = member
                    continue
                org_id = member.org_id
                if org_id != current:
                    found = lists.get(org_id)
                    if found is None:
                        lists[org_id] = found = ([], [])
                    ids, days = found
                    current = org_id
                ids.append(member_id)
                days.append(member.admitted_on)
                if member.left_on is not None:
                    leavers.append(member)
        except AttributeError:
            # No test per member for its kind (millions of them): the record without
            # the fields is named.
            expected = N_("các bản ghi Member")
            raise UsageError("History", "members", expected, member) from None
        self._groups = {
            org_id: RecordGroup(ids, days, max(days)) for org_id, (ids, days) in lists.items()
        }
        self._leavers = leavers
        return with_events

    def _index_changes(self) -> None:
        """Put the changes of every member with events in the table.

        A member whose events only say what the record says (admitted on ``admitted_on``
        into ``org_id``, gone on ``left_on`` for ``leave_reason``) joins the members
        without events of their chi bộ instead: the counts are the same, and cheaper.
        """
        table = self._table
        rows_now, until_now, spans = table.rows, table.until, table.spans
        add_until = until_now.append
        problems, mapping = self._problems, self._mapping
        window, org_ids, as_of = self._window, self._org_ids, self._as_of
        groups, leavers = self._groups, self._leavers
        # The records in the events' order (see _index_records): no lookup by id.
        for (member_id, listed), member in zip(
            self._events.items(), self._with_events.values(), strict=True
        ):
            if len(listed) > 1:
                before = listed[0]
                for event in listed[1:]:
                    on = event.on
                    if on <= before.on and (on < before.on or _tied(before, event)):
                        listed.sort(key=_order)
                        _drop_copies(member_id, listed, problems)
                        _chain_transfers(listed)
                        break
                    before = event
                # Away on temporary transfer and back: on the record's list all along.
                joins = not mapping and _temporary_as_recorded(member, listed)
                # Only a transfer out after a transfer in is ever re-dated: two events
                # that do not start with a transfer in have none to move.
                if not joins and (len(listed) > 2 or listed[0].kind is _CHUYEN_DEN):
                    redated = _redate_late_departures(member, listed, window, problems)
                    if redated is not None:
                        listed = self._redated[member_id] = redated
            else:
                # The year's admissions and deaths, most of them: tested by kind first,
                # for one call, not two.
                event = listed[0]
                kind = event.kind
                joins = (kind is _KET_NAP and _admitted_as_recorded(member, event)) or (
                    kind in _RECORDED_EXITS and _left_as_recorded(member, event)
                )
            if not joins:
                first = len(rows_now)
                rows = None
                out = listed[0]
                if not mapping and out.kind is _CHUYEN_DI:
                    if len(listed) == 1:
                        # Transferred out of the data (to another province, most of them).
                        rows = _departure_rows(member, out, window, org_ids, as_of)
                    elif len(listed) == 2 and listed[1].kind is _CHUYEN_DEN:
                        # One official transfer, out then in: most members with changes.
                        rows = _transfer_rows(member, out, listed[1], first, window, org_ids)
                if rows is None:
                    rows = _quick(member, listed, first, window, org_ids, as_of, mapping)
                if rows is None:
                    timeline = self._derive(member, listed, problems)
                    self._timelines[member_id] = timeline
                    rows = [
                        (*change[:7], -1 if change.pair < 0 else first + change.pair)
                        for change in timeline.changes
                    ]
                    table.add(member_id, rows, False)
                    continue
                if not (
                    len(rows) <= 2
                    and _as_recorded(member, rows)
                    and not _exempt_unsaid(member, listed)
                ):
                    # ChangeTable.add for rows in date order, without the call: each row
                    # holds until the next one's day.
                    rows_now.extend(rows)
                    for row in rows[1:]:
                        add_until(row[1])
                    add_until(None)
                    spans[member_id] = (first, len(rows_now))
                    continue
            # Counted with the members without events of its chi bộ, appended in place:
            # tens of thousands of members a year join, and a call each cost more.
            org_id, admitted = member.org_id, member.admitted_on
            group = groups.get(org_id)
            if group is None:
                groups[org_id] = RecordGroup([member.id], [admitted], admitted)
            else:
                group.ids.append(member.id)
                group.days.append(admitted)
                if admitted > group.latest:
                    group.latest = admitted
            if member.left_on is not None:
                leavers.append(member)

    def _member(self, member_id: str) -> Member:
        if self._by_id is None:  # built on the first question about one member
            self._by_id = {member.id: member for member in self._members}
        try:
            return self._by_id[member_id]
        except KeyError:
            # Still a KeyError, as documented, but one that says which id is not here.
            reason = N_("không có đảng viên mang mã {id} trong lịch sử", id=repr(member_id))
            raise UnknownIdError(member_id, reason) from None

    def _timeline(self, member_id: str) -> _Timeline | None:
        """The full timeline of a member with events (``None`` for the others)."""
        timeline = self._timelines.get(member_id)
        if timeline is None:
            member = self._with_events.get(member_id)
            if member is None:
                return None
            # Its events raised no problem when indexed: none is lost here.
            events = self._redated.get(member_id) or self._events[member_id]
            timeline = self._derive(member, events, [])
            self._timelines[member_id] = timeline
        return timeline

    # -- reading ------------------------------------------------------------------------------

    @property
    def members(self) -> tuple[Member, ...]:
        """The member records, in input order."""
        return self._members

    def events(self, member_id: str) -> tuple[MemberEvent, ...]:
        """The events of *member_id*, in date order (none for an unknown id)."""
        return tuple(self._events.get(member_id, ()))

    def record_groups(self) -> Mapping[str, RecordGroup]:
        """The members counted from their record, by chi bộ (``org_id``), for bulk counting.

        Those without events, and those whose events only say what the record says
        (admitted on ``admitted_on`` into ``org_id``, gone on ``left_on`` for
        ``leave_reason``). The groups are the history's own: callers must not change them.
        """
        return self._groups

    def record_leavers(self) -> Sequence[Member]:
        """The members of :meth:`record_groups` who left (``left_on`` set)."""
        return self._leavers

    def change_table(self) -> ChangeTable:
        """The changes of the other members (with events), for bulk counting (read only)."""
        return self._table

    def members_with_changes(self) -> tuple[Member, ...]:
        """The records of the members whose lists come from their events: those whose
        events say more than their records (an admission the record tells of, alone,
        does not); the others are counted from their records. For an id given twice,
        the last record, which the events are read with."""
        with_events = self._with_events
        return tuple(with_events[member_id] for member_id in self._table.spans)

    def has_events(self, member_id: str) -> bool:
        """True when the member's history comes from events, not the record alone."""
        return member_id in self._with_events

    def problems(self) -> tuple[Problem, ...]:
        """Every problem found in the events and where they contradict the records."""
        return tuple(self._problems)

    def membership(self, member_id: str, on: date) -> Membership | None:
        """Where *member_id* is on *on*; ``None`` before they were on any list here.

        Raises:
            KeyError: no such member (an :class:`~coso_dang.errors.UnknownIdError`).
            UsageError: *on* is not a date.
        """
        on = _day("History.membership", on)
        # A member with events is answered from the timeline: the index of every member
        # by id (millions of entries) is built only for a question about another one.
        timeline = self._timeline(member_id)
        if timeline is not None:
            return timeline.at(on)
        return _plain(self._member(member_id), on)

    def roster(self, on: date) -> Roster:
        """Every member in a chi bộ's đảng số on *on*: member id → chi bộ id.

        Members counted from their record come first, grouped by chi bộ; then the others.

        A member on temporary transfer counts at home; one between two chi bộ on an
        official transfer counts nowhere.
        """
        on = _day("History.roster", on)
        lists: dict[str, list[str]] = {}
        for org_id, group in self._groups.items():
            if group.latest <= on:
                lists[org_id] = group.ids
            else:
                chosen = list(compress(group.ids, map(on.__ge__, group.days)))
                if chosen:
                    lists[org_id] = chosen
        gone = {
            member.id: member.org_id
            for member in self._leavers
            if (left := member.left_on) is not None and left <= on and member.admitted_on <= on
        }
        return Roster(self, on, lists, gone, self._listed_on(on))

    def places(self, members: Iterable[Member], on: date) -> list[str | None]:
        """The chi bộ whose list holds each of *members* (records of this history) on
        *on*, ``None`` for none: ``roster(on).get(member.id)`` for records in hand,
        without the day's roster of everyone or an index of the records by id (for the
        members of one part of a large history).

        >>> history = History([Member("an", "Lê Văn An", "c1", admitted_on=date(2010, 5, 2))])
        >>> history.places(history.members, date(2024, 1, 1))
        ['c1']
        """
        on = _day("History.places", on)
        table = self._table
        rows, until, spans = table.rows, table.until, table.spans

        def place(member: Member) -> str | None:
            span = spans.get(member.id)
            if span is None:
                return _on_record(member, on)
            # Each asked member's own rows, not the day's list of every member with
            # changes: a caller asking of a few members at a time (a transfer, a round
            # of badges) would otherwise pay a pass over all of them for each question.
            found = None
            for at in range(*span):
                row, ends = rows[at], until[at]
                if (ends is None or on < ends) and row[3] and row[1] <= on:
                    found = row[2]  # the last list holding on the day, as the roster's
            return found

        return [place(member) for member in members]

    def _listed_on(self, on: date) -> dict[str, str]:
        """The members with changes who are on a list on *on*: member id → the list."""
        table = self._table
        # Fields by position, not a starred unpacking: that built a list for every row.
        # The row's end tested first: on a recent day, most rows left out are lists
        # already left, and that test alone leaves them out.
        return {
            row[0]: row[2]
            for row, until in zip(table.rows, table.until, strict=True)
            if (until is None or on < until) and row[3] and row[1] <= on
        }

    def changes(self, member_id: str) -> tuple[Change, ...]:
        """The member's entries into and exits from a chi bộ's list, in date order."""
        span = self._table.spans.get(member_id)
        if span is None:
            return _plain_changes(self._member(member_id))
        first, past = span
        return tuple(
            Change(*row[:7], -1 if row[7] < 0 else row[7] - first)
            for row in self._table.rows[first:past]
        )

    # -- deriving -----------------------------------------------------------------------------

    def _derive(
        self, member: Member, events: list[MemberEvent], problems: list[Problem]
    ) -> _Timeline:
        return _Deriver(
            member, problems, self._window, self._org_ids, self._as_of, self._mapping
        ).run(events)


class Roster(Mapping[str, str]):
    """The members in a chi bộ's đảng số on one day: member id → chi bộ id.

    Made by :meth:`History.roster`. A mapping like a dictionary, held the way the history
    holds its members: the lists of the members counted from their record, less those
    gone by the day, and the members whose events put them on a list. A day's roster of
    millions costs a pass over the chi bộ and the changes, not an entry per member;
    :meth:`counts` gives every chi bộ's đảng số and :meth:`members` one chi bộ's list
    from it directly. Looking one member up reads the member's record (the history
    indexes its records by id on the first such question).

    >>> from coso_dang import Member
    >>> history = History([
    ...     Member("an", "Lê Văn An", "c1", admitted_on=date(2010, 5, 2)),
    ...     Member("binh", "Trần Thị Bình", "c1", admitted_on=date(2024, 6, 1)),
    ... ])
    >>> roster = history.roster(date(2024, 1, 1))
    >>> roster
    Roster(on=2024-01-01, members=1)
    >>> roster["an"], "binh" in roster
    ('c1', False)
    >>> history.roster(date(2024, 12, 31)).counts()
    {'c1': 2}
    """

    __slots__ = ("_gone", "_history", "_listed", "_lists", "_size", "on")

    def __init__(
        self,
        history: History,
        on: date,
        lists: dict[str, list[str]],
        gone: dict[str, str],
        listed: dict[str, str],
    ) -> None:
        self._history = history
        self.on = on
        self._lists = lists  # chi bộ → its record members admitted by the day
        self._gone = gone  # those of them gone by the day → their chi bộ
        self._listed = listed  # the members with events on a list → the list
        self._size = sum(map(len, lists.values())) - len(gone) + len(listed)

    def __getitem__(self, member_id: str) -> str:
        org_id = self._listed.get(member_id)
        if org_id is not None:
            return org_id
        history = self._history
        if member_id in history.change_table().spans:
            raise KeyError(member_id)  # on no list that day
        try:
            member = history._member(member_id)
        except KeyError:
            raise KeyError(member_id) from None
        org_id = _on_record(member, self.on)
        if org_id is None:
            raise KeyError(member_id)
        return org_id

    def __iter__(self) -> Iterator[str]:
        gone = self._gone
        for ids in self._lists.values():
            yield from filterfalse(gone.__contains__, ids) if gone else ids
        yield from self._listed

    def __len__(self) -> int:
        return self._size

    def __repr__(self) -> str:
        return f"Roster(on={self.on.isoformat()}, members={self._size})"

    def items(self) -> ItemsView[str, str]:
        return _RosterItems(self)

    def values(self) -> ValuesView[str]:
        return _RosterValues(self)

    def pairs(self) -> Iterator[tuple[str, str]]:
        """Member id and chi bộ, list by list, without looking anyone up."""
        gone = self._gone
        for org_id, ids in self._lists.items():
            for member_id in filterfalse(gone.__contains__, ids) if gone else ids:
                yield member_id, org_id
        yield from self._listed.items()

    def counts(self) -> dict[str, int]:
        """Every chi bộ's đảng số on the day: chi bộ id → members (none: left out)."""
        lists = self._lists
        # Counted by the interpreter's own loops (a Counter adds the members with events
        # one by one in C), and only the lists the leavers emptied looked at again: a
        # list of the day is never empty otherwise.
        counts = Counter(dict(zip(lists, map(len, lists.values()), strict=True)))
        emptied: list[str] = []
        for org_id in self._gone.values():
            counts[org_id] -= 1
            if not counts[org_id]:
                emptied.append(org_id)
        counts.update(self._listed.values())
        for org_id in emptied:
            if not counts[org_id]:
                del counts[org_id]
        return dict(counts)

    def members(self, org_id: str) -> tuple[str, ...]:
        """The ids on *org_id*'s list on the day (record members first)."""
        gone = self._gone
        ids = self._lists.get(org_id, ())
        kept = filterfalse(gone.__contains__, ids) if gone else ids
        return (*kept, *(m for m, at in self._listed.items() if at == org_id))


class _RosterItems(ItemsView[str, str]):
    def __init__(self, roster: Roster) -> None:
        super().__init__(roster)
        self._roster = roster

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return self._roster.pairs()


class _RosterValues(ValuesView[str]):
    def __init__(self, roster: Roster) -> None:
        super().__init__(roster)
        self._roster = roster

    def __iter__(self) -> Iterator[str]:
        for _, org_id in self._roster.pairs():
            yield org_id


def _day(function: str, on: object) -> date:
    """*on* as a day (a datetime, as pandas gives one, its date); anything else refused:
    compared with the members' days, a text or ``None`` failed with Python's English
    "'<' not supported"."""
    if not isinstance(on, date):
        raise UsageError(function, "on", N_("một ngày (date)"), on)
    return on.date() if isinstance(on, datetime) else on


def _on_record(member: Member, on: date) -> str | None:
    """The chi bộ of a member counted from the record, if on its list on *on*."""
    left = member.left_on
    if member.admitted_on <= on and (left is None or on < left):
        return member.org_id
    return None


def _where(member_id: str) -> str:
    return record_where("Member", member_id)


def _plain(member: Member, on: date) -> Membership | None:
    """The membership a record alone gives: one chi bộ, from admission to leaving."""
    if on < member.admitted_on:
        return None
    left = member.left_on
    if left is not None and on >= left:
        return Membership(member.id, None, None, False, MembershipStatus.DA_RA, left)
    if member.exempted_on is not None and member.exempted_on <= on:
        return Membership(
            member.id, member.org_id, None, False, MembershipStatus.MIEN, member.exempted_on
        )
    official = _official_day(member)
    if official is not None and on >= official:
        return Membership(
            member.id, member.org_id, None, False, MembershipStatus.CHINH_THUC, official
        )
    return Membership(
        member.id, member.org_id, None, False, MembershipStatus.DU_BI, member.admitted_on
    )


def _plain_changes(member: Member) -> tuple[Change, ...]:
    changes = [Change(member.id, member.admitted_on, member.org_id, True, Row.KET_NAP)]
    left = member.left_on
    if left is not None:
        kind = _REASON_EXITS.get(member.leave_reason) if member.leave_reason else None
        row = None if kind is None else _EXIT_ROWS[kind]
        dubi = kind is _K.XOA_TEN and _before(left, _official_day(member))
        sub = Row.XOA_TEN_DU_BI if dubi else None
        changes.append(Change(member.id, left, member.org_id, False, row, sub))
    return tuple(changes)


# The kinds and rows as plain names: an enum's class attribute is slow to look up, and
# the walk below runs once per member with events.
(
    _KET_NAP,
    _KET_NAP_LAI,
    _CHUYEN_DI,
    _CHUYEN_DEN,
    _TAM_THOI_DI,
    _TAM_THOI_DEN,
    _PHUC_HOI,
    _TU_TRAN,
    _XOA_TEN,
    _MIEN,
    _HET_MIEN,
    _DINH_CHI,
    _HET_DINH_CHI,
) = (
    _K.KET_NAP,
    _K.KET_NAP_LAI,
    _K.CHUYEN_DI,
    _K.CHUYEN_DEN,
    _K.TAM_THOI_DI,
    _K.TAM_THOI_DEN,
    _K.PHUC_HOI,
    _K.TU_TRAN,
    _K.XOA_TEN,
    _K.MIEN,
    _K.HET_MIEN,
    _K.DINH_CHI,
    _K.HET_DINH_CHI,
)
_ROW_KET_NAP, _ROW_CHUYEN_DI, _ROW_CHUYEN_DEN = Row.KET_NAP, Row.CHUYEN_DI, Row.CHUYEN_DEN
_ROW_XOA_TEN_DU_BI = Row.XOA_TEN_DU_BI
_TRANSFER_HERE = (TransferScope.CUNG_HUYEN, TransferScope.CUNG_TINH)


def _arrives_here(out: MemberEvent, org_ids: frozenset[str] | None) -> bool:
    """True when the transfer out *out* is to be followed by a transfer in in the data:
    within the province, or to a known organization (one of *org_ids* when given)."""
    other = out.other_org_id
    return out.scope in _TRANSFER_HERE or (
        other is not None and (org_ids is None or other in org_ids)
    )


def _left_here(arrival: MemberEvent, org_ids: frozenset[str] | None) -> bool:
    """True when the transfer in *arrival* says it comes from a chi bộ whose transfer out
    the data hold: one of *org_ids*, when they are given and the arrival names it; else
    one within the province. A transfer in from another province, or from a chi bộ the
    data do not hold, has its out elsewhere."""
    source = arrival.other_org_id
    if source is not None and org_ids is not None:
        return source in org_ids
    return arrival.scope in _TRANSFER_HERE


def _came_back(
    out: MemberEvent,
    arrival: MemberEvent,
    left: str,
    here: str,
    org_ids: frozenset[str] | None,
) -> bool:
    """True when *arrival* (at *here*) is no part of the transfer out *out* (from *left*):
    the member left the data for another province (or for no known organization) and
    came back, to the chi bộ they had left or, by the arrival's own word, from another
    province (naming no chi bộ of the data it came from). A transfer goes from one chi
    bộ to another, and a province's two chi bộ are no other province to each other: the
    two are two transfers, each counted (chuyển đi, then chuyển đến, tỉnh khác)."""
    if _arrives_here(out, org_ids):
        return False
    if here == left:
        return True
    source = arrival.other_org_id
    return arrival.scope is TransferScope.TINH_KHAC and (
        source is None or (org_ids is not None and source not in org_ids)
    )


def _left_today(transit: tuple[MemberEvent, int] | None, on: date) -> bool:
    """True when the member left a chi bộ for another on *on*: a change of status or a
    temporary transfer that day, ranked after the departure, was made there (the member
    was on its list)."""
    return transit is not None and transit[0].on == on


def _elsewhere(named: str | None, org: str | None, mapping: Mapping[str, str] | None) -> bool:
    """True when an event naming *named* as its chi bộ names another than *org*, the one
    whose list the member is on (or the one *org* was merged into, by *mapping*)."""
    return (
        named is not None and org is not None and named != org and (mapping or {}).get(org) != named
    )


def _from_elsewhere(arrival: MemberEvent, left: str, mapping: Mapping[str, str] | None) -> bool:
    """True when *arrival* names a chi bộ it came from other than *left*, the one whose
    list the member left (or the one *left* merged into by the data's day)."""
    source = arrival.other_org_id
    return source is not None and source != left and (mapping or {}).get(left) != source


def _drop_copies(member_id: str, events: list[MemberEvent], problems: list[Problem]) -> None:
    """Keep one of each event given more than once, naming the copies.

    Exports of both sides of a transfer, or of two years that overlap, repeat events:
    counted twice, a transfer would enter the member twice and leave no balance. The
    copies need not be written alike: one side writes the decision number, the scope or
    the other side and the other leaves them out. Events of one kind, day and chi bộ
    whose other details do not contradict each other (each the same, or left out on one)
    are one event, with the details of both.
    """
    kept: list[MemberEvent] = []
    first: dict[tuple[MemberEventKind, date, str | None], int] = {}
    for event in events:
        key = (event.kind, event.on, event.org_id)
        at = first.get(key)
        both = None if at is None else _one_event(kept[at], event)
        if at is None or both is None:
            if at is None:
                first[key] = len(kept)
            kept.append(event)
            continue
        kept[at] = both
        reason = N_("sự kiện được ghi hai lần: chỉ tính một lần")
        problems.append(Problem(_where(member_id), "on", event.on.isoformat(), reason))
    if len(kept) < len(events):
        events[:] = kept


def _one_event(one: MemberEvent, other: MemberEvent) -> MemberEvent | None:
    """*one* with the details only *other* gives, when the two (of one kind, day and chi
    bộ) can be one event written twice; ``None`` when a detail both give differs."""
    if one == other:
        return one
    pairs = (
        (one.other_org_id, other.other_org_id),
        (one.scope, other.scope),
        (one.decision, other.decision),
    )
    if any(mine is not None and theirs is not None and mine != theirs for mine, theirs in pairs):
        return None
    return MemberEvent(
        one.member_id,
        one.kind,
        one.on,
        org_id=one.org_id,
        other_org_id=one.other_org_id if one.other_org_id is not None else other.other_org_id,
        scope=one.scope if one.scope is not None else other.scope,
        decision=one.decision if one.decision is not None else other.decision,
    )


def _chain_transfers(events: list[MemberEvent]) -> None:
    """Put each day's transfers (in date order, ranked) in the order of the chain they make.

    Ranked, a day's transfers out come before its transfers in: right for one transfer
    (out of c1, in at c2). A member who arrives at c2 and leaves it for c3 the same day
    needs the arrival at c2 before the departure from it; read outs first, the departure
    would be from no list and the arrival a second one. Reordered only where a transfer
    in and a transfer out of one day name the same chi bộ as their side, each transfer
    in after the out that sends the member there, each out after the in that brought
    them; a contradiction among them (a loop) leaves the day as ranked.
    """
    # Only a day with transfers both out and in is reordered (see _chain_day): a list
    # without both kinds (temporary transfers, most of them) is left as ranked at once.
    kinds = {event.kind for event in events}
    if _CHUYEN_DI not in kinds or _CHUYEN_DEN not in kinds:
        return
    start, count = 0, len(events)
    while start < count:
        day, past = events[start].on, start + 1
        while past < count and events[past].on == day:
            past += 1
        if past - start > 1:
            _chain_day(events, start, past)
        start = past


def _chain_day(events: list[MemberEvent], start: int, past: int) -> None:
    """:func:`_chain_transfers` for the events of one day, ``events[start:past]``."""
    block = [at for at in range(start, past) if events[at].kind in (_CHUYEN_DI, _CHUYEN_DEN)]
    outs = [events[at] for at in block if events[at].kind is _CHUYEN_DI]
    ins = [events[at] for at in block if events[at].kind is _CHUYEN_DEN]
    if not any(i.org_id is not None and any(o.org_id == i.org_id for o in outs) for i in ins):
        return  # no one arrives where someone leaves: the ranked order is the chain's
    # before[k]: the transfers that must come before the k-th of the block.
    moves = [events[at] for at in block]
    before: list[set[int]] = [set() for _ in moves]
    for k, event in enumerate(moves):
        if event.kind is not _CHUYEN_DEN:
            continue
        for j, out in enumerate(moves):
            if out.kind is not _CHUYEN_DI:
                continue
            if event.org_id is not None and event.org_id == out.org_id:
                before[j].add(k)  # arrives at c2 before leaving it
            elif (out.other_org_id is not None and out.other_org_id == event.org_id) or (
                event.other_org_id is not None and event.other_org_id == out.org_id
            ):
                before[k].add(j)  # sent to c2 (or from c1) before arriving
    # An arrival where no one leaves that day is the day's last stop: after every
    # departure from a chi bộ the member passed through (arrived at and left). Its
    # place is otherwise unknown when the sides are not named, and taken before the
    # stops on the way, it would put the member on two lists.
    left = {out.org_id for out in outs}
    passed = [
        j
        for j, out in enumerate(moves)
        if out.kind is _CHUYEN_DI and any(i.org_id == out.org_id for i in ins)
    ]
    for k, event in enumerate(moves):
        if event.kind is _CHUYEN_DEN and event.org_id not in left:
            before[k].update(passed)
    ordered = _walk(moves, before) if len(moves) <= _WALKED else None
    if ordered is not None:
        for at, k in zip(block, ordered, strict=True):
            events[at] = moves[k]
        return
    ordered = []
    placed: set[int] = set()
    while len(ordered) < len(moves):
        ready = next(
            (k for k in range(len(moves)) if k not in placed and before[k] <= placed), None
        )
        if ready is None:
            return  # a loop: the events contradict each other, read as ranked
        ordered.append(ready)
        placed.add(ready)
    for at, k in zip(block, ordered, strict=True):
        events[at] = moves[k]


#: The most transfers of one day put in the order of a chain by trying the orders (more
#: than a member makes: a longer day is put in the order its constraints allow).
_WALKED = 8


def _walk(moves: list[MemberEvent], before: list[set[int]]) -> list[int] | None:
    """The first order (in *moves*' own) in which the day's transfers make one chain;
    ``None`` when none does.

    In a chain each arrival comes right after a departure it does not contradict (the
    chi bộ each names as the other side), and each departure is from the chi bộ of the
    arrival before it. The constraints one event at a time (*before*) leave the stops
    on the way in any order when the sides are not named: a member sent on from a third
    chi bộ could be taken to have passed through it first.
    """
    order: list[int] = []
    used = [False] * len(moves)

    def fits(k: int) -> bool:
        if not before[k] <= {*order}:
            return False
        if not order:
            return True
        event, last = moves[k], moves[order[-1]]
        if last.kind is _CHUYEN_DI:
            return event.kind is _CHUYEN_DEN and (
                _agree(last.other_org_id, event.org_id) and _agree(event.other_org_id, last.org_id)
            )
        return event.kind is _CHUYEN_DI and _agree(event.org_id, last.org_id)

    def search() -> bool:
        if len(order) == len(moves):
            return True
        for k in range(len(moves)):
            if not used[k] and fits(k):
                used[k] = True
                order.append(k)
                if search():
                    return True
                used[k] = False
                order.pop()
        return False

    return order if search() else None


def _agree(one: str | None, other: str | None) -> bool:
    """True when two sides named (or not) can be the same chi bộ."""
    return one is None or other is None or one == other


def _redate_late_departures(
    member: Member, events: list[MemberEvent], window: timedelta, problems: list[Problem]
) -> list[MemberEvent] | None:
    """*events* (in order) with each transfer out dated after the transfer in it goes
    with moved to the day of that transfer in; ``None`` when there is none.

    The receiving side may record its decision a few days before the sending side does:
    taken in date order, the member would arrive, then leave a chi bộ they were no
    longer in and stay between two chi bộ for good. An out from the chi bộ the arrival
    came from, or to the chi bộ it arrived at (neither contradicting the other), within
    the time allowed for a transfer, is that arrival's own, and is counted on its day.
    """
    arrival: MemberEvent | None = None
    moved: dict[int, MemberEvent] = {}
    for at, event in enumerate(events):
        kind = event.kind
        if kind is _CHUYEN_DEN:
            arrival = event
            continue
        if kind is not _CHUYEN_DI:
            if kind in _EXIT_ROWS or kind in _ENTRY_ROWS:
                arrival = None
            continue
        if arrival is not None and event.on > arrival.on and event.on - arrival.on <= window:
            source, target = arrival.other_org_id, arrival.org_id or member.org_id
            sides = ((event.org_id, source), (event.other_org_id, target))
            if all(a is None or b is None or a == b for a, b in sides) and any(
                a is not None and a == b for a, b in sides
            ):
                moved[at] = MemberEvent(
                    event.member_id,
                    kind,
                    arrival.on,
                    org_id=event.org_id,
                    other_org_id=event.other_org_id,
                    scope=event.scope,
                    decision=event.decision,
                )
                problems.append(
                    Problem(
                        _where(member.id),
                        "on",
                        event.on.isoformat(),
                        N_("chuyển đi ghi sau ngày chuyển đến: tính vào ngày chuyển đến"),
                    )
                )
        arrival = None
    if not moved:
        return None
    result = sorted((moved.get(at, event) for at, event in enumerate(events)), key=_order)
    _chain_transfers(result)
    return result


def _home(
    member: Member, events: list[MemberEvent], mapping: Mapping[str, str] | None = None
) -> str:
    """The chi bộ a member whose events (in order) start on its list is on at first.

    The one the first event names as its side; else the one a later event names before
    the member leaves it (a transfer out, an exit); else the record's. The record may
    name the chi bộ the member went to since: a transfer out naming no chi bộ would then
    be read as leaving the chi bộ it goes to. An event naming the chi bộ the record's was
    merged into (*mapping*) names the record's: the member followed the merger with no
    event, and was on the record's list before it (unless the events bring the member
    to the record's chi bộ: then the one named was another, before).
    """
    if mapping and any(
        e.kind in _ENTRY_ROWS and (e.org_id or member.org_id) == member.org_id for e in events
    ):
        mapping = None  # the member came to the record's chi bộ: named ones are others
    first = events[0]
    if first.kind is _TAM_THOI_DEN:
        return _merged_home(member, first.other_org_id or member.org_id, mapping)
    if first.org_id is not None:
        return _merged_home(member, first.org_id, mapping)
    for event in events:
        kind = event.kind
        if kind in _ENTRY_ROWS:
            break
        if kind is _TAM_THOI_DI or kind is _TAM_THOI_DEN:
            continue  # the side may be the host's
        if event.org_id is not None:
            return _merged_home(member, event.org_id, mapping)
        if kind is _CHUYEN_DI or kind in _EXIT_ROWS:
            break  # off the list after it: later events are elsewhere
    return member.org_id


def _merged_home(member: Member, named: str, mapping: Mapping[str, str] | None) -> str:
    """*named*, or the record's chi bộ when *named* is where that one was merged into."""
    if mapping and named != member.org_id and mapping.get(member.org_id) == named:
        return member.org_id
    return named


def _admitted_as_recorded(member: Member, event: MemberEvent) -> bool:
    """True when *event*, the member's only one, is the admission the record tells of.

    What :func:`_quick` and :func:`_as_recorded` would conclude, without the rows: a
    kết nạp on ``admitted_on`` into ``org_id`` (or no chi bộ named), of a member neither
    exempted nor gone.
    """
    return (
        event.kind is _KET_NAP
        and event.on == member.admitted_on
        and (event.org_id is None or event.org_id == member.org_id)
        and member.left_on is None
        and member.exempted_on is None
    )


#: The exits a record's ``leave_reason`` tells of, other than a transfer out (whose
#: side the record does not give).
_RECORDED_EXITS = frozenset({_K.TU_TRAN, _K.KHAI_TRU, _K.XOA_TEN, _K.XIN_RA})


def _left_as_recorded(member: Member, event: MemberEvent) -> bool:
    """True when *event*, the member's only one, is the exit the record tells of.

    What :func:`_quick` and :func:`_as_recorded` would conclude, without the rows: a
    death, expulsion, removal or resignation on ``left_on``, for the record's
    ``leave_reason``, at ``org_id`` (or no chi bộ named), on or after the admission, of
    a member not exempted.
    """
    kind = event.kind
    return (
        kind in _RECORDED_EXITS
        and event.on == member.left_on
        and event.on >= member.admitted_on
        and (event.org_id is None or event.org_id == member.org_id)
        and member.exempted_on is None
        and member.leave_reason is not None
        and _REASON_EXITS.get(member.leave_reason) is kind
    )


_TEMPORARY = frozenset({_K.TAM_THOI_DI, _K.TAM_THOI_DEN})


def _temporary_as_recorded(member: Member, events: list[MemberEvent]) -> bool:
    """True when *events* (in order) are temporary transfers only, of a member on the
    record's list all along.

    What :func:`_quick` and :func:`_as_recorded` would conclude, without the rows, with
    no mapping: events on or after the admission, the first naming the record's chi bộ
    as the member's home (or none), before ``left_on`` if set, of a member not exempted.
    A temporary transfer leaves the member counted at home.
    """
    first = events[0]
    kind = first.kind
    if kind is _TAM_THOI_DEN:
        home = first.other_org_id or member.org_id
    elif kind is _TAM_THOI_DI:
        home = member.org_id if first.org_id is None else first.org_id
    else:
        return False
    left = member.left_on
    return (
        home == member.org_id
        and first.on >= member.admitted_on
        and (left is None or left > events[-1].on)
        and member.exempted_on is None
        and all(event.kind in _TEMPORARY for event in events)
    )


def _exempt_unsaid(member: Member, events: list[MemberEvent]) -> bool:
    """True when the record's exemption stands for an event the events do not have.

    Such a member's changes stay in the table even when they are the record's own: the
    roster lists the members of the table after the others, and it listed this one
    there since before :func:`_quick` walked the exemption.
    """
    exempted = member.exempted_on
    return exempted is not None and not any(e.kind is _MIEN and e.on == exempted for e in events)


def _as_recorded(member: Member, rows: list[ChangeRow]) -> bool:
    """True when *rows* are the changes the record alone gives (:func:`_plain_changes`)."""
    entry = rows[0]
    if (
        len(rows) > 2
        or entry[1] != member.admitted_on
        or entry[2] != member.org_id
        or entry[3:] != (True, _ROW_KET_NAP, None, None, -1)
    ):
        return False
    left = member.left_on
    if len(rows) == 1:
        return left is None
    exit_row = rows[1]
    if left is None or exit_row[1:4] != (left, member.org_id, False) or exit_row[6:] != (None, -1):
        return False
    kind = _REASON_EXITS.get(member.leave_reason) if member.leave_reason else None
    dubi = kind is _XOA_TEN and _before(left, _official_day(member))
    sub = _ROW_XOA_TEN_DU_BI if dubi else None
    return exit_row[4:6] == (None if kind is None else _EXIT_ROWS[kind], sub)


def _transfer_rows(
    member: Member,
    out: MemberEvent,
    arrival: MemberEvent,
    first_row: int,
    window: timedelta,
    org_ids: frozenset[str] | None,
) -> list[ChangeRow] | None:
    """:func:`_quick` for a member whose only events are a transfer out, then in, with
    no mapping: the same rows, or ``None`` when anything would take :func:`_quick`
    down another branch (then it walks the member).

    The common case alone, tested in the order :func:`_quick` tests it: out of the chi
    bộ the transfer out names, not to itself, within the window, to a chi bộ the data
    are to see arrive, into the record's chi bộ, of a member neither exempted nor gone.
    """
    home = out.org_id
    other = out.other_org_id
    here = arrival.org_id or member.org_id
    source = arrival.other_org_id
    if (
        home is None
        or out.on < member.admitted_on
        or member.exempted_on is not None
        or other == home
        or not (
            out.scope in _TRANSFER_HERE
            or (other is not None and (org_ids is None or other in org_ids))
        )
        or arrival.on - out.on > window
        or (other is not None and other != here)
        or (source is not None and source != home)
        or member.left_on is not None
        or here != member.org_id
    ):
        return None
    sub = _SCOPE_IN.get(arrival.scope)
    if sub is None:
        sub = _SCOPE_IN.get(out.scope)
    elif out.scope is not None and _SCOPE_IN[out.scope] != sub:
        return None
    gone_sub = _SCOPE_OUT.get(out.scope)
    if gone_sub is None:
        gone_sub = _SCOPE_OUT.get(arrival.scope)
    member_id = member.id
    return [
        (member_id, member.admitted_on, home, True, _ROW_KET_NAP, None, None, -1),
        (member_id, out.on, home, False, _ROW_CHUYEN_DI, gone_sub, other, first_row + 2),
        (member_id, arrival.on, here, True, _ROW_CHUYEN_DEN, sub, source, first_row + 1),
    ]


_TRANSFER_REASONS = (None, LeaveReason.CHUYEN_DI)


def _departure_rows(
    member: Member,
    out: MemberEvent,
    window: timedelta,
    org_ids: frozenset[str] | None,
    as_of: date | None,
) -> list[ChangeRow] | None:
    """:func:`_quick` for a member whose only event is a transfer out, with no mapping,
    of a member gone on its day: the same rows, or ``None`` when anything would take
    :func:`_quick` down another branch (then it walks the member).

    Tested in the order :func:`_quick` tests it: on or after the admission, of a member
    not exempted, not to the chi bộ left, gone on the day (for a transfer out, or for no
    reason given), not overdue at a chi bộ the data are to see arrive.
    """
    home = out.org_id
    if home is None:
        home = member.org_id  # what _home gives: no event names the chi bộ left
    other = out.other_org_id
    on = out.on
    if (
        on < member.admitted_on
        or member.exempted_on is not None
        or other == home
        or member.left_on != on
        or member.leave_reason not in _TRANSFER_REASONS
        or (as_of is not None and as_of - on > window and _arrives_here(out, org_ids))
    ):
        return None
    member_id = member.id
    return [
        (member_id, member.admitted_on, home, True, _ROW_KET_NAP, None, None, -1),
        (member_id, on, home, False, _ROW_CHUYEN_DI, _SCOPE_OUT.get(out.scope), other, -1),
    ]


def _quick(
    member: Member,
    events: list[MemberEvent],
    first_row: int,
    window: timedelta,
    org_ids: frozenset[str] | None,
    as_of: date | None,
    mapping: Mapping[str, str] | None = None,
) -> list[ChangeRow] | None:
    """The changes of a member whose events raise no problem, as table rows; else ``None``.

    The common case, without the states :class:`_Deriver` keeps for :meth:`History.
    membership`: the same walk through the events (in order), giving up at the first
    thing :class:`_Deriver` would name as a problem (and where the record's exemption,
    standing for a missing event, is taken from the day of an arrival); the caller then
    derives the member in full. *first_row*
    is where the rows will sit in the table (for the transfers' pairs).
    """
    member_id = member.id
    first = events[0]
    kind = first.kind
    if first.on < member.admitted_on and kind is not _CHUYEN_DEN:
        return None
    exempted = member.exempted_on
    walked = events
    implicit: MemberEvent | None = None
    if exempted is not None and not any(e.kind is _MIEN and e.on == exempted for e in events):
        if not _exemption_after(exempted, events):
            return None  # the record's exemption is none of the events': a problem
        # The record's exemption stands for the event it does not have, walked where
        # _Deriver.run puts it (the first event and the home stay the events' own).
        implicit = MemberEvent(member_id, _K.MIEN, exempted)
        walked = sorted([*events, implicit], key=_order)
        _chain_transfers(walked)
    rows: list[ChangeRow] = []
    org: str | None = None  # the chi bộ whose list the member is on
    if kind not in _ENTRY_ROWS:
        if mapping or kind is _TAM_THOI_DEN or first.org_id is None:
            home = _home(member, events, mapping)
        else:
            home = first.org_id  # what _home gives: the side the first event names
        org = home
        rows.append((member_id, member.admitted_on, home, True, _ROW_KET_NAP, None, None, -1))
    transit: tuple[MemberEvent, int] | None = None
    left: MemberEventKind | None = None
    admitted = org is not None
    readmitted = exempt = suspended = False
    official: date | None = None  # the end of the probation of a re-admission
    gone: date | None = None  # the day of the last exit
    for event in walked:
        kind, on = event.kind, event.on
        if left is _TU_TRAN:
            return None
        if kind is _CHUYEN_DI:
            named = event.org_id
            if (
                org is None
                or (named is not None and named != org and (mapping or {}).get(org) != named)
                or event.other_org_id == org
            ):
                return None
            transit = (event, len(rows))
            sub = _SCOPE_OUT.get(event.scope)
            rows.append((member_id, on, org, False, _ROW_CHUYEN_DI, sub, event.other_org_id, -1))
            org, gone = None, on
        elif kind is _CHUYEN_DEN:
            here = event.org_id or member.org_id
            sub = _SCOPE_IN.get(event.scope)
            pair = -1
            sent = transit is not None
            out: MemberEvent | None = None
            if transit is not None:
                out, at = transit
                transit = None
                other = out.other_org_id
                # _came_back's first test inline: a transfer out the data are to see
                # arrive is never one the member came back from.
                if not (
                    out.scope in _TRANSFER_HERE
                    or (other is not None and (org_ids is None or other in org_ids))
                ) and _came_back(out, event, rows[at][2], here, org_ids):
                    out = None  # left the data and came back: a transfer of its own
            if out is not None:
                source = event.other_org_id
                if (
                    on - out.on > window
                    or (other is not None and other != here)
                    or (
                        source is not None
                        and source != rows[at][2]
                        and _from_elsewhere(event, rows[at][2], mapping)
                    )
                ):
                    return None
                if sub is None:
                    sub = _SCOPE_IN.get(out.scope)
                elif out.scope is not None and _SCOPE_IN[out.scope] != sub:
                    return None
                pair = first_row + at
                gone_row = rows[at]
                # The scope the arrival gives places the departure too (the other side
                # of each is the same place), when the departure gave none.
                gone_sub = gone_row[5]
                if gone_sub is None:
                    gone_sub = _SCOPE_OUT.get(event.scope)
                rows[at] = (*gone_row[:5], gone_sub, gone_row[6], first_row + len(rows))
            elif org is not None or left is not None or (not sent and _left_here(event, org_ids)):
                return None
            rows.append((member_id, on, here, True, _ROW_CHUYEN_DEN, sub, event.other_org_id, pair))
            org, admitted = here, True
        elif kind is _TAM_THOI_DI or kind is _TAM_THOI_DEN:
            if org is None and not _left_today(transit, on):
                return None
        elif kind is _KET_NAP or kind is _KET_NAP_LAI or kind is _PHUC_HOI:
            if org is not None or transit is not None:
                return None
            if kind is _KET_NAP:
                if admitted or on != member.admitted_on:
                    return None
            elif kind is _KET_NAP_LAI:
                if readmitted:
                    return None
                if left is None:
                    # Left before the events: the record's gap ending today says so.
                    before = None if admitted else _gap_ending(member, on)
                    if before is None or _before(on, _mark(before.start, _READMISSION)):
                        return None
                elif gone is not None and (
                    _before(on, _mark(gone, _READMISSION)) or not _gap_recorded(member, gone, on)
                ):
                    return None
                readmitted, official = True, _mark(on, PROBATION)
            elif left is None:
                return None
            org = event.org_id or member.org_id
            admitted, left, exempt, suspended = True, None, False, False
            rows.append((member_id, on, org, True, _ENTRY_ROWS[kind], None, None, -1))
        elif kind is _MIEN or kind is _HET_MIEN:
            if event is implicit and org is None:
                return None  # exempt from the arrival on: _Deriver keeps it for then
            if (org is None and not _left_today(transit, on)) or exempt == (kind is _MIEN):
                return None
            if _elsewhere(event.org_id, org, mapping):
                return None  # elsewhere, or at the host of a temporary transfer
            exempt = kind is _MIEN
        elif kind is _DINH_CHI or kind is _HET_DINH_CHI:
            if (org is None and not _left_today(transit, on)) or suspended == (kind is _DINH_CHI):
                return None
            if _elsewhere(event.org_id, org, mapping):
                return None
            suspended = kind is _DINH_CHI
        elif org is None:
            if transit is None or kind is not _TU_TRAN:
                return None
            # Died between two chi bộ: already off the lists, gone from the party today.
            transit, left, gone = None, kind, on
        else:
            if _elsewhere(event.org_id, org, mapping):
                return None  # elsewhere, or at the host of a temporary transfer
            sub = None
            if kind is _XOA_TEN:
                # Probation ends 12 months after a re-admission, if any, else the record's.
                mark = official if readmitted else _official_day(member)
                sub = _ROW_XOA_TEN_DU_BI if _before(on, mark) else None
            rows.append((member_id, on, org, False, _EXIT_ROWS[kind], sub, None, -1))
            org, left, gone = None, kind, on
    # What the record says beyond the events, as _Deriver.fields_check has it.
    left_on, reason = member.left_on, member.leave_reason
    if org is not None:
        if left_on is not None:
            if left_on <= walked[-1].on:
                return None
            exit_kind = _REASON_EXITS.get(reason) if reason else None
            sub = None
            if exit_kind is _XOA_TEN:
                mark = official if readmitted else _official_day(member)
                sub = _ROW_XOA_TEN_DU_BI if _before(left_on, mark) else None
            row = None if exit_kind is None else _EXIT_ROWS[exit_kind]
            rows.append((member_id, left_on, org, False, row, sub, None, -1))
        elif org != member.org_id and (
            mapping is None
            or (mapping.get(org) != member.org_id and mapping.get(member.org_id) != org)
        ):
            return None
    elif transit is not None:
        out = transit[0]
        arrives = _arrives_here(out, org_ids)
        if (arrives and as_of is not None and as_of - out.on > window) or (
            left_on is None and not arrives
        ):
            return None
        if (left_on is not None and left_on != out.on) or reason not in (
            None,
            LeaveReason.CHUYEN_DI,
        ):
            return None
    elif left_on is None:
        if left is not None:
            return None  # the events say the member left
    else:
        if (gone is not None and left_on != gone) or (
            reason is not None and left is not None and _EXIT_REASONS.get(left) is not reason
        ):
            return None
    return rows


class _Deriver:
    """Walks one member's events in order, keeping the state and noting problems."""

    def __init__(
        self,
        member: Member,
        problems: list[Problem],
        window: timedelta,
        org_ids: frozenset[str] | None,
        as_of: date | None,
        mapping: Mapping[str, str] | None = None,
    ) -> None:
        self.member = member
        self.mapping: Mapping[str, str] = mapping or {}
        self.problems = problems
        self.window = window
        self.org_ids = org_ids
        self.as_of = as_of
        self.org: str | None = None
        self.host: str | None = None
        self.away = False
        self.exempt = False
        self.suspended = False
        self.official = _official_day(member)
        self.left: MemberEventKind | None = None
        self.gone: date | None = None  # the day of the last exit from the party
        self.died_in_transit: date | None = None
        self.admitted = False
        self.readmitted = False
        self.transit: tuple[MemberEvent, int] | None = None
        self.implicit: MemberEvent | None = None
        self.exempt_on_entry = False
        self.probations: list[tuple[int, date | None]] = []
        self.states: list[Membership] = []
        self.changes: list[Change] = []

    def problem(self, field: str, value: object, reason: str) -> None:
        shown = (
            value.isoformat() if isinstance(value, date) else ("" if value is None else str(value))
        )
        self.problems.append(Problem(_where(self.member.id), field, shown, reason))

    def status(self, on: date) -> MembershipStatus:
        if self.org is None:
            # Between two chi bộ of the data; one gone to another province has left it.
            transit = self.transit
            if transit is not None and _arrives_here(transit[0], self.org_ids):
                return MembershipStatus.DANG_CHUYEN
            return MembershipStatus.DA_RA
        if self.suspended:
            return MembershipStatus.DINH_CHI
        if self.exempt:
            return MembershipStatus.MIEN
        return MembershipStatus.DU_BI if _before(on, self.official) else MembershipStatus.CHINH_THUC

    def snapshot(self, on: date) -> None:
        # Probation ends on its own, with no event: add_official_state inserts that day.
        status = self.status(on)
        if status is MembershipStatus.DU_BI:
            # The state and the end of its probation: a re-admission starts another.
            self.probations.append((len(self.states), self.official))
        self.states.append(Membership(self.member.id, self.org, self.host, self.away, status, on))

    def enter(
        self,
        on: date,
        org: str,
        row: str | None,
        sub: str | None = None,
        other: str | None = None,
        pair: int = -1,
    ) -> int:
        self.org = org
        if self.exempt_on_entry:
            self.exempt, self.exempt_on_entry = True, False
        self.changes.append(Change(self.member.id, on, org, True, row, sub, other, pair))
        return len(self.changes) - 1

    def leave(
        self, on: date, row: str | None, sub: str | None = None, other: str | None = None
    ) -> int:
        org = self.org
        assert org is not None
        self.org = None
        self.host = None
        self.away = False
        self.changes.append(Change(self.member.id, on, org, False, row, sub, other))
        return len(self.changes) - 1

    def run(self, events: list[MemberEvent]) -> _Timeline:
        member = self.member
        first = events[0]
        if first.kind not in _ENTRY_ROWS:
            home = _home(member, events, self.mapping)
            self.admitted = True
            if first.on < member.admitted_on:
                # The events show the member on a list before the record's admission: on
                # it from their first day, with no event saying how (the change is named
                # in the movements, and the timeline stays in date order).
                self.enter(first.on, home, None)
                self.snapshot(first.on)
            else:
                self.enter(member.admitted_on, home, Row.KET_NAP)
                self.snapshot(member.admitted_on)
        if first.on < member.admitted_on and first.kind is not _K.CHUYEN_DEN:
            self.problem("admitted_on", first.on, N_("có sự kiện trước ngày vào Đảng"))
        exempted = member.exempted_on
        if exempted is not None and _exemption_after(exempted, events):
            # The record's exemption stands for the event it does not have: the only
            # one, or one begun after every exemption the events give (the record is
            # the present state, as its left_on after the last event).
            self.implicit = MemberEvent(member.id, _K.MIEN, exempted)
            events = sorted([*events, self.implicit], key=_order)
            _chain_transfers(events)
        for event in events:
            self.apply(event)
            self.snapshot(event.on)
        self.fields_check(events)
        self.add_official_state()
        states = self.states
        return _Timeline(
            self.member, tuple(states), tuple([s.since for s in states]), tuple(self.changes)
        )

    def add_official_state(self) -> None:
        """Insert the day each probation ends into the states, where it falls inside one
        (a member re-admitted has two probations, each with its own end)."""
        states = self.states
        last = len(states) - 1
        # From the last, so that an insertion leaves the earlier positions as they are.
        for position, official in reversed(self.probations):
            state = states[position]
            if (
                official is not None
                and state.since < official
                and (position == last or official < states[position + 1].since)
            ):
                became = Membership(
                    state.member_id,
                    state.org_id,
                    state.host_id,
                    state.away,
                    MembershipStatus.CHINH_THUC,
                    official,
                )
                states.insert(position + 1, became)

    def apply(self, event: MemberEvent) -> None:
        kind, on = event.kind, event.on
        if self.left is _K.TU_TRAN:
            self.problem("on", on, N_("có sự kiện sau khi đảng viên từ trần"))
            return
        if kind in (_K.KET_NAP, _K.KET_NAP_LAI, _K.PHUC_HOI):
            self.admit(event)
        elif kind is _K.CHUYEN_DI:
            if self.org is None:
                self.problem(
                    "kind", kind.label, N_("chuyển đi khi không có tên trong danh sách chi bộ nào")
                )
                return
            # The chi bộ the member's was merged into by the data's day names it too.
            if event.org_id not in (None, self.org, self.mapping.get(self.org)):
                self.problem(
                    "org_id", event.org_id, N_("chuyển đi từ một chi bộ đảng viên không sinh hoạt")
                )
            elif event.other_org_id == self.org:
                self.problem(
                    "other_org_id",
                    event.other_org_id,
                    N_("chuyển đi đến chính chi bộ đang sinh hoạt"),
                )
            at = self.leave(on, Row.CHUYEN_DI, scope_row(event.scope, False), event.other_org_id)
            self.transit = (event, at)
        elif kind is _K.CHUYEN_DEN:
            self.arrive(event)
        elif kind is _K.TAM_THOI_DI:
            self.temporary(event, leaving=True)
        elif kind is _K.TAM_THOI_DEN:
            self.temporary(event, leaving=False)
        elif event is self.implicit and self.org is None:
            # Exempted before arriving here: exempt from the day the member arrives.
            self.exempt_on_entry = True
        elif kind in (_K.MIEN, _K.HET_MIEN, _K.DINH_CHI, _K.HET_DINH_CHI):
            # An exemption can follow an illness, a suspension is a discipline: the
            # problem names the day and what is wrong, in words that fit all four kinds.
            exempt = kind in (_K.MIEN, _K.HET_MIEN)
            starts = kind in (_K.MIEN, _K.DINH_CHI)
            if self.org is None and not _left_today(self.transit, on):
                self.problem("on", on, _STATUS_OFF_LIST)
            elif (self.exempt if exempt else self.suspended) == starts:
                self.problem("on", on, _STATUS_REPEATED)
            elif self.written_elsewhere(event):
                self.problem("org_id", event.org_id, _STATUS_ELSEWHERE)
            if exempt:
                self.exempt = starts
            else:
                self.suspended = starts
        else:
            self.depart(event)

    def admit(self, event: MemberEvent) -> None:
        kind, on, member = event.kind, event.on, self.member
        org = event.org_id or member.org_id
        if self.org is not None or self.transit is not None:
            self.problem("on", on, N_("kết nạp hoặc phục hồi khi còn trong danh sách"))
            return
        if kind is _K.KET_NAP:
            if self.admitted:
                self.problem(
                    "on", on, N_("kết nạp lần thứ hai (kết nạp lại là một loại sự kiện riêng)")
                )
            elif on != member.admitted_on:
                self.problem("admitted_on", on, N_("sự kiện kết nạp không khớp với admitted_on"))
            self.official = (
                _official_day(member) if on == member.admitted_on else _mark(on, PROBATION)
            )
        elif kind is _K.KET_NAP_LAI:
            # Left before the events (none on a list yet): the record's gap ending today
            # says when.
            before = None if self.admitted else _gap_ending(member, on)
            if self.left is None and before is None:
                self.problem("on", on, N_("kết nạp lại khi chưa từng ra khỏi Đảng"))
            if self.readmitted:
                self.problem("on", on, N_("kết nạp lại lần thứ hai"))
            if (
                self.left is not None
                and self.gone is not None
                and not _gap_recorded(member, self.gone, on)
            ):
                # The record's gaps are personal: not quoted.
                self.problem("inactive_periods", None, _GAP_NOT_RECORDED)
            gone = self.gone if self.left is not None else None
            if self.left is None and before is not None:
                gone = before.start
            if gone is not None and _before(on, _mark(gone, _READMISSION)):
                self.problem(
                    "on",
                    on,
                    N_(
                        "kết nạp lại chưa đủ {months} tháng kể từ khi ra khỏi Đảng",
                        months=READMISSION_MONTHS,
                    ),
                )
            self.readmitted = True
            self.official = _mark(on, PROBATION)
        elif self.left is None:
            self.problem("on", on, N_("phục hồi khi chưa từng ra khỏi Đảng"))
        self.admitted = True
        self.left = None
        self.exempt = self.suspended = False
        self.enter(on, org, _ENTRY_ROWS[kind])

    def arrive(self, event: MemberEvent) -> None:
        on, org = event.on, event.org_id or self.member.org_id
        sub = scope_row(event.scope, True)
        transit = self.transit
        if transit is not None and _came_back(
            transit[0], event, self.changes[transit[1]].org_id, org, self.org_ids
        ):
            self.transit = None  # left the data and came back: a transfer of its own
        if self.transit is not None:
            out, at = self.transit
            self.transit = None
            if on - out.on > self.window:
                self.problem("on", on, N_("chuyển đến quá thời hạn"))
            if out.other_org_id is not None and out.other_org_id != org:
                self.problem("org_id", org, N_("chuyển đến nơi khác với nơi ghi khi chuyển đi"))
            if _from_elsewhere(event, self.changes[at].org_id, self.mapping):
                self.problem(
                    "other_org_id",
                    event.other_org_id,
                    N_("chuyển đến từ nơi khác với nơi chuyển đi"),
                )
            if sub is None:
                sub = scope_row(out.scope, True)
            elif out.scope is not None and scope_row(out.scope, True) != sub:
                # Each side counts the row it wrote; the two rows cannot both be right.
                self.problem(
                    "scope",
                    event.scope.label if event.scope else None,
                    N_("khác với phạm vi (trong tỉnh, tỉnh khác) ghi khi chuyển đi"),
                )
            here = self.enter(on, org, Row.CHUYEN_DEN, sub, event.other_org_id, at)
            c = self.changes[at]
            # The scope the arrival gives places the departure too, when it gave none.
            gone_sub = c.sub_row if c.sub_row is not None else scope_row(event.scope, False)
            self.changes[at] = Change(
                c.member_id, c.on, c.org_id, c.entering, c.row, gone_sub, c.other_org_id, here
            )
            self.admitted = True
            return
        if self.org is not None:
            self.problem("kind", event.kind.label, N_("chuyển đến khi chưa chuyển đi"))
            self.leave(on, None)
        elif self.left is not None:
            self.problem("kind", event.kind.label, N_("chuyển đến khi đã ra khỏi Đảng"))
        elif transit is None and _left_here(event, self.org_ids):
            # The chi bộ it came from is in the data, yet never let the member go: the
            # arrival would be an increase of every organization above both.
            self.problem("kind", event.kind.label, N_("chuyển đến nhưng không có chuyển đi"))
        self.admitted = True
        self.enter(on, org, Row.CHUYEN_DEN, sub, event.other_org_id)

    def temporary(self, event: MemberEvent, *, leaving: bool) -> None:
        if self.org is None:
            # On the day the member left for another chi bộ, a temporary transfer
            # (one ended by the official one) was the chi bộ left's: it has no place on
            # the way, and none to name.
            if not _left_today(self.transit, event.on):
                self.problem(
                    "kind", event.kind.label, N_("khi không có tên trong danh sách chi bộ nào")
                )
            return
        here = event.org_id
        if here is not None and here == self.mapping.get(self.org):
            here = self.org  # the chi bộ the member's was merged into names it too
        if leaving:
            if here is not None and here != self.org:
                # Leaving the host: back home, unless it names another host (a chain of
                # temporary transfers: the member is away still, counted at home).
                there = event.other_org_id
                if there is None or there in (self.org, self.mapping.get(self.org)):
                    self.host, self.away = None, False
                else:
                    self.host, self.away = there, True
            else:
                self.host, self.away = event.other_org_id, True
        elif here is None or here == self.org:  # arriving home
            self.host, self.away = None, False
        else:
            self.host, self.away = here, True

    def written_elsewhere(self, event: MemberEvent) -> bool:
        """True when *event* names a chi bộ other than the one whose list the member is
        on (or the one that was merged into, or the host of a temporary transfer, which
        may write it too)."""
        named = event.org_id
        return _elsewhere(named, self.org, self.mapping) and not (
            self.away and self.host in (None, named)
        )

    def depart(self, event: MemberEvent) -> None:
        kind, on = event.kind, event.on
        row = _EXIT_ROWS[kind]
        if self.org is None:
            if self.transit is not None and kind is _K.TU_TRAN:
                # Died between two chi bộ: already off the lists, gone from the party
                # today (the record's left_on may say either day).
                self.transit = None
                self.left, self.gone, self.died_in_transit = kind, on, on
                return
            self.problem(
                "on", on, N_("ra khỏi danh sách khi không có tên trong danh sách chi bộ nào")
            )
            return
        if self.written_elsewhere(event):
            # Counted where the member is (the events before it put them there), but one
            # of the two is wrong: a clerk of the chi bộ left recorded the exit.
            self.problem(
                "org_id",
                event.org_id,
                N_("ra khỏi danh sách ở một chi bộ đảng viên không sinh hoạt"),
            )
        sub = Row.XOA_TEN_DU_BI if kind is _K.XOA_TEN and _before(on, self.official) else None
        self.left, self.gone = kind, on
        self.leave(on, row, sub)

    def fields_check(self, events: list[MemberEvent]) -> None:
        member = self.member
        last = events[-1].on
        if self.org is not None:
            if member.left_on is not None and member.left_on > last:
                kind = _REASON_EXITS.get(member.leave_reason) if member.leave_reason else None
                row = None if kind is None else _EXIT_ROWS[kind]
                dubi = kind is _K.XOA_TEN and _before(member.left_on, self.official)
                self.left = kind
                self.leave(member.left_on, row, Row.XOA_TEN_DU_BI if dubi else None)
                self.snapshot(member.left_on)
            elif member.left_on is not None:
                self.problem(
                    "left_on",
                    member.left_on,
                    N_("theo các sự kiện, đảng viên vẫn còn trong danh sách"),
                )
            elif (
                self.org != member.org_id
                and member.org_id != self.mapping.get(self.org)
                and (self.mapping.get(member.org_id) != self.org)
            ):
                self.problem(
                    "org_id", member.org_id, N_("theo các sự kiện, đảng viên ở một chi bộ khác")
                )
        elif self.transit is not None:
            out, _ = self.transit
            if (
                _arrives_here(out, self.org_ids)
                and self.as_of is not None
                and self.as_of - out.on > self.window
            ):
                self.problem("on", out.on, N_("chuyển đi nhưng không chuyển đến trong thời hạn"))
            # The events end on the transfer out: a record that left, left by it; one
            # gone out of the data (another province) has left its lists, as an exit.
            if member.left_on is None and not _arrives_here(out, self.org_ids):
                self.problem(
                    "left_on",
                    None,
                    N_("theo các sự kiện, đảng viên đã ra khỏi danh sách; left_on để trống"),
                )
            elif member.left_on is not None and member.left_on != out.on:
                self.problem("left_on", member.left_on, N_("không khớp với các sự kiện"))
            elif member.leave_reason not in (None, LeaveReason.CHUYEN_DI):
                self.problem("leave_reason", None, N_("không khớp với các sự kiện"))
        else:
            left_on = next((c.on for c in reversed(self.changes) if not c.entering), None)
            if member.left_on is None and self.left is not None:
                self.problem(
                    "left_on",
                    None,
                    N_("theo các sự kiện, đảng viên đã ra khỏi danh sách; left_on để trống"),
                )
            elif (
                member.left_on is not None
                and left_on is not None
                and member.left_on not in (left_on, self.died_in_transit)
            ):
                self.problem("left_on", member.left_on, N_("không khớp với các sự kiện"))
            elif (
                member.leave_reason is not None
                and self.left is not None
                and _EXIT_REASONS.get(self.left) is not member.leave_reason
            ):
                self.problem("leave_reason", None, N_("không khớp với các sự kiện"))
        if member.exempted_on is not None:
            starts = [e.on for e in events if e.kind is _K.MIEN]
            if starts and member.exempted_on not in starts:
                # Its day is personal (an exemption is for age or illness): not quoted.
                self.problem("exempted_on", None, N_("không khớp với các sự kiện"))


# The old name, for one release (it warns): the 30 days to present a transfer paper,
# which read as the 60 working days of ``coso_dang.operations.OFFICIAL_TRANSFER_DAYS``.
__getattr__ = aliases(__name__, {"TRANSFER_DAYS": "coso_dang.history.membership:PAPER_DAYS"})
