"""Period movements of members (Biểu 1 "tăng, giảm đảng viên") for every organization.

For a period (a year, a half-year, a quarter or any two dates) and every organization of
a tree, :func:`movements` counts the members on the list at the end of the previous
period (A), those who came in (B: kết nạp, chuyển đến from another province or within it,
phục hồi), those who went out (C: từ trần, khai trừ, xóa tên and of which dự bị, xin ra,
chuyển đi) and those on the list at the end (D), and checks ``A + B − C = D``. A change of
the list no event explains (a member who left with no reason, a transfer in with no
transfer out) breaks the identity and is named, member by member.

A transfer between two chi bộ of one subtree, both sides inside the period, is no
movement of that subtree: it is counted at each side below their nearest common
superior, and in :attr:`Movement.internal` there. So the movements of an organization are
its own plus its children's, less its internal transfers.

Counting reads the history's bulk layout: the members without events a few comparisons
per chi bộ (and one step per member who left), those with events one pass over the table
of their changes; then one pass over the tree.
"""

from __future__ import annotations

from bisect import bisect_left
from calendar import monthrange
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from itertools import accumulate

from attrs import frozen
from dateutil.relativedelta import relativedelta

from coso_dang._gc import paused
from coso_dang.errors import Problem, RecordError, TreeError, UsageError, record_where
from coso_dang.evaluation import Evaluation
from coso_dang.history.membership import History, Row
from coso_dang.i18n import N_
from coso_dang.indicators import Indicator, register_indicator
from coso_dang.members import LeaveReason, Member
from coso_dang.rollup import Rollup, rollup
from coso_dang.tally import Tally
from coso_dang.tree import OrgTree

__all__ = [
    "BIEU_1",
    "MOVEMENT_CODES",
    "Movement",
    "Movements",
    "Period",
    "movements",
    "rollup_with_history",
]

_MEMBER = "đảng viên"

#: Biểu 1 (11-HD/BTCTW): each row's key, indicator code and label, in form order. The
#: district rows of the 2021 form ("huyện khác trong tỉnh") are counted as "trong tỉnh":
#: districts have no party committee since 1/7/2025.
BIEU_1: tuple[tuple[str, str, str], ...] = (
    ("A", "dang_vien_dau_ky", "Tổng số đảng viên cuối kỳ trước chuyển sang"),
    ("B", "dang_vien_tang", "Đảng viên tăng trong kỳ"),
    ("B1", Row.KET_NAP, "Kết nạp"),
    ("B2", Row.CHUYEN_DEN, "Chuyển đến"),
    ("B2a", Row.CHUYEN_DEN_TINH_KHAC, "Tỉnh khác chuyển đến"),
    ("B2b", Row.CHUYEN_DEN_TRONG_TINH, "Trong tỉnh chuyển đến"),
    ("B3", Row.PHUC_HOI, "Phục hồi đảng tịch"),
    ("C", "dang_vien_giam", "Đảng viên giảm trong kỳ"),
    ("C1", Row.TU_TRAN, "Từ trần"),
    ("C2", Row.KHAI_TRU, "Khai trừ"),
    ("C3", Row.XOA_TEN, "Xóa tên"),
    ("C3x", Row.XOA_TEN_DU_BI, "Xóa tên, trong đó đảng viên dự bị"),
    ("C4", Row.XIN_RA, "Xin ra khỏi Đảng"),
    ("C5", Row.CHUYEN_DI, "Chuyển đi"),
    ("C5a", Row.CHUYEN_DI_TINH_KHAC, "Chuyển đi tỉnh khác"),
    ("C5b", Row.CHUYEN_DI_TRONG_TINH, "Chuyển đi trong tỉnh"),
    ("D", "dang_vien_cuoi_ky", "Đảng viên trong danh sách cuối kỳ báo cáo"),
)

for _key, _code_, _label in BIEU_1:
    register_indicator(Indicator(_code_, _label, _MEMBER, f"Biểu 1-BTCTW, dòng {_key}"))

#: The codes a movement counts, in the order of :data:`BIEU_1`.
MOVEMENT_CODES: tuple[str, ...] = tuple(code for _, code, _ in BIEU_1)

_INCREASES = (Row.KET_NAP, Row.CHUYEN_DEN, Row.PHUC_HOI)
_DECREASES = (Row.TU_TRAN, Row.KHAI_TRU, Row.XOA_TEN, Row.XIN_RA, Row.CHUYEN_DI)
# The counted columns (the totals B and C are sums of them).
_COUNTED = tuple(c for c in MOVEMENT_CODES if c not in ("dang_vien_tang", "dang_vien_giam"))
_SLOT = {code: i for i, code in enumerate(_COUNTED)}
_A, _D = _SLOT["dang_vien_dau_ky"], _SLOT["dang_vien_cuoi_ky"]
_IN_SUBS = (_SLOT[Row.CHUYEN_DEN_TINH_KHAC], _SLOT[Row.CHUYEN_DEN_TRONG_TINH])
_OUT_SUBS = (_SLOT[Row.CHUYEN_DI_TINH_KHAC], _SLOT[Row.CHUYEN_DI_TRONG_TINH])
_REASON_SLOT = {
    LeaveReason.TU_TRAN: _SLOT[Row.TU_TRAN],
    LeaveReason.KHAI_TRU: _SLOT[Row.KHAI_TRU],
    LeaveReason.XOA_TEN: _SLOT[Row.XOA_TEN],
    LeaveReason.XIN_RA: _SLOT[Row.XIN_RA],
    LeaveReason.CHUYEN_DI: _SLOT[Row.CHUYEN_DI],
}
_XOA_TEN, _XOA_TEN_DU_BI = _SLOT[Row.XOA_TEN], _SLOT[Row.XOA_TEN_DU_BI]
_CHUYEN_DI, _CHUYEN_DEN = _SLOT[Row.CHUYEN_DI], _SLOT[Row.CHUYEN_DEN]


@frozen
class Period:
    """A reporting period: from *start* to *end*, both days included.

    >>> Period.quarter(2025, 2)
    Period(start=datetime.date(2025, 4, 1), end=datetime.date(2025, 6, 30))
    >>> Period.half(2025, 1).a_year_before()
    Period(start=datetime.date(2024, 1, 1), end=datetime.date(2024, 6, 30))
    """

    start: date
    end: date

    def __attrs_post_init__(self) -> None:
        # A datetime (a pandas Timestamp) compares with no day: refused as no day.
        days = (self.start, self.end)
        if any(not isinstance(day, date) or isinstance(day, datetime) for day in days):
            raise RecordError("Period", "start", None, N_("start và end phải là ngày (date)"))
        if self.end < self.start:
            raise RecordError("Period", "end", self.end, N_("trước ngày bắt đầu"))

    @classmethod
    def year(cls, year: int) -> Period:
        """1/1 to 31/12 of *year*."""
        _whole("year", year, 1, 9999)
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        """The first (1) or second (2) half of *year*."""
        if not _is_whole(half) or half not in (1, 2):
            raise RecordError("Period", "half", half, N_("phải là 1 hoặc 2"))
        return cls.months(year, 6 * half - 5, 6)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """Quarter 1 to 4 of *year*."""
        _whole("quarter", quarter, 1, 4)
        return cls.months(year, 3 * quarter - 2, 3)

    @classmethod
    def months(cls, year: int, first: int, count: int) -> Period:
        """*count* whole months of *year* from month *first*."""
        _whole("year", year, 1, 9999)
        _whole("first", first, 1, 12)
        if not _is_whole(count):
            reason = N_("phải là số nguyên, không phải {got}", got=type(count).__name__)
            raise RecordError("Period", "count", None, reason)
        if count < 1:
            raise RecordError("Period", "count", count, N_("phải từ 1 tháng trở lên"))
        start = date(year, first, 1)
        # The last month's last day, found within the months: the day before the month
        # after ran past 31/12/9999 for the last quarter or half of 9999.
        end_year, end_month = divmod(year * 12 + first - 2 + count, 12)
        if end_year > 9999:
            raise RecordError("Period", "count", count, N_("kỳ kết thúc sau năm 9999"))
        end_month += 1
        return cls(start, date(end_year, end_month, monthrange(end_year, end_month)[1]))

    def a_year_before(self) -> Period:
        """The same window one year earlier ("cùng kỳ năm trước").

        A window ending on a month's last day ends on that month's last day a year
        earlier: February 2025 a year before is the whole of February 2024, 29/2 too.

        >>> Period.months(2025, 1, 2).a_year_before()
        Period(start=datetime.date(2024, 1, 1), end=datetime.date(2024, 2, 29))

        Raises:
            RecordError: the window starts in year 1 (the calendar has no year before).
        """
        if self.start.year == 1:
            # The calendar has no year 0: refused in words, not with the calendar's own
            # English error far inside a form.
            reason = N_("không có cùng kỳ năm trước: kỳ bắt đầu trong năm 1")
            raise RecordError("Period", "start", self.start, reason)
        back = relativedelta(years=1)
        end = self.end - back
        if self.end.day == monthrange(self.end.year, self.end.month)[1]:
            end = date(end.year, end.month, monthrange(end.year, end.month)[1])
        return Period(self.start - back, end)


def _is_whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _whole(field: str, value: object, low: int, high: int) -> None:
    """Refuse what is not a whole number from *low* to *high* (a bool is none: True was
    read as the first quarter)."""
    if not _is_whole(value) or not low <= value <= high:  # type: ignore[operator]
        reason = N_("phải là số nguyên từ {low} đến {high}", low=low, high=high)
        raise RecordError("Period", field, value if _is_whole(value) else None, reason)


@frozen
class Movement:
    """One organization's Biểu 1 counts for a period.

    Args:
        org_id: the organization.
        counts: its subtree's counts (every code of :data:`MOVEMENT_CODES`; a tỉnh khác /
            trong tỉnh sub-row is missing, unknown, when a transfer's side is unknown).
        own: the counts of members on its own list (a chi bộ's), before its subtree.
        internal: transfers between two organizations below it, netted out here.
            In both, as in *counts*, a sub-row is missing when a transfer counted
            there has an unknown side; one whose two sides are on its own list (a chi
            bộ merged into it by the mapping) is within the province.
        unexplained: the changes no event explains, in its subtree (they break the
            identity), as problems naming the member and what is missing.
    """

    org_id: str
    counts: Tally
    own: Tally
    internal: Tally
    unexplained: tuple[Problem, ...]

    @property
    def balanced(self) -> bool:
        """True when ``A + B − C = D``: start + increases − decreases = end."""
        c = self.counts
        return (
            c["dang_vien_dau_ky"] + c["dang_vien_tang"] - c["dang_vien_giam"]
            == c["dang_vien_cuoi_ky"]
        )


class Movements(Mapping[str, Movement]):
    """The movements of every organization of a tree for one period, by id."""

    def __init__(
        self,
        tree: OrgTree,
        period: Period,
        own: list[list[int]],
        internal: dict[int, list[int]],
        unknown: _Unknown,
        netted: _Unknown,
        unexplained: list[tuple[int, Problem]],
        problems: list[Problem],
    ) -> None:
        self._tree = tree
        self.period = period
        walk = tree.pre_order()
        self._position = walk.position
        self._size = walk.index(_Shape, lambda: _Shape(walk.parent)).size
        self._own = own
        self._internal = internal
        # A subtree is a run of positions in pre-order: its totals are differences of
        # running sums, of its own counts less the transfers netted inside it.
        net = list(own)
        for at, vec in internal.items():
            for slot, value in enumerate(vec):
                if value:
                    if net[slot] is own[slot]:
                        net[slot] = list(own[slot])
                    net[slot][at] -= value
        self._sums = [list(accumulate(col, initial=0)) for col in net]
        # The few positions with a transfer of unknown side, in order, for each side,
        # with running sums of their counts: a transfer netted out inside a subtree is
        # taken back at the organization that nets it, so a subtree's sum is the number
        # of such transfers its Biểu 1 counts.
        self._unknown_at: list[tuple[list[int], list[int]]] = []
        # Each organization's own and netted transfers of unknown side, for its own and
        # internal counts: their sub-rows are unknown too, not zero.
        self._unknown_own = unknown
        self._unknown_netted = netted
        combined = dict(unknown)
        for key, n in netted.items():
            combined[key] = combined.get(key, 0) - n
        for bit in (_UNKNOWN_IN, _UNKNOWN_OUT):
            marked = sorted((at, n) for (side, at), n in combined.items() if side == bit and n)
            self._unknown_at.append(
                ([at for at, _ in marked], list(accumulate((n for _, n in marked), initial=0)))
            )
        self._unexplained = sorted(unexplained, key=lambda item: item[0])
        self._unexplained_at = [at for at, _ in self._unexplained]
        self._problems = tuple(problems)

    def __getitem__(self, org_id: str) -> Movement:
        at = self._position.get(org_id) if isinstance(org_id, str) else None
        if at is None:
            # As the tree and the rollup find an id: typed in NFD too, and an unknown one
            # an UnknownIdError (still a KeyError) naming it, not a bare KeyError.
            at = self._position[self._tree[org_id].id]
        past = at + self._size[at]
        unknown = 0
        for bit, (marked, sums) in zip((_UNKNOWN_IN, _UNKNOWN_OUT), self._unknown_at, strict=True):
            if sums[bisect_left(marked, past)] > sums[bisect_left(marked, at)]:
                unknown |= bit
        return Movement(
            org_id,
            _tally([sums[past] - sums[at] for sums in self._sums], unknown),
            _tally([col[at] for col in self._own], _mask(self._unknown_own, at)),
            _tally(self._internal.get(at, [0] * len(_COUNTED)), _mask(self._unknown_netted, at)),
            self._explained(at, past),
        )

    def __iter__(self) -> Iterator[str]:
        return (org.id for org in self._tree.pre_order().order)

    def __len__(self) -> int:
        return len(self._size)

    def __repr__(self) -> str:
        return f"<Movements {self.period.start}..{self.period.end}: {len(self)} organizations>"

    @property
    def tree(self) -> OrgTree:
        """The tree counted on."""
        return self._tree

    def problems(self) -> tuple[Problem, ...]:
        """Members that could not be placed in the tree (their chi bộ is not in it)."""
        return self._problems

    def _explained(self, at: int, past: int) -> tuple[Problem, ...]:
        low = bisect_left(self._unexplained_at, at)
        high = bisect_left(self._unexplained_at, past)
        return tuple(problem for _, problem in self._unexplained[low:high])


class _Shape:
    """Each organization's subtree size, by pre-order position (once per tree)."""

    __slots__ = ("size",)

    def __init__(self, parent: list[int]) -> None:
        n = len(parent)
        self.size = size = [1] * n
        for at in range(n - 1, 0, -1):
            above = parent[at]
            if above >= 0:
                size[above] += size[at]


# Bits of the unknown mask: a transfer in / out of unknown side below.
_UNKNOWN_IN, _UNKNOWN_OUT = 1, 2
#: The transfers of unknown side: (bit, position) → how many (counted there, or netted
#: there).
_Unknown = dict[tuple[int, int], int]


def _mask(unknown: _Unknown, at: int) -> int:
    """The bits of the sides unknown among the transfers *unknown* holds at *at*."""
    return sum(bit for bit in (_UNKNOWN_IN, _UNKNOWN_OUT) if unknown.get((bit, at), 0) > 0)


def _tally(vec: list[int], unknown: int) -> Tally:
    counts = dict(zip(_COUNTED, vec, strict=True))
    counts["dang_vien_tang"] = sum(counts[c] for c in _INCREASES)
    counts["dang_vien_giam"] = sum(counts[c] for c in _DECREASES)
    if unknown & _UNKNOWN_IN:
        del counts[Row.CHUYEN_DEN_TINH_KHAC], counts[Row.CHUYEN_DEN_TRONG_TINH]
    if unknown & _UNKNOWN_OUT:
        del counts[Row.CHUYEN_DI_TINH_KHAC], counts[Row.CHUYEN_DI_TRONG_TINH]
    return Tally(**{code: counts[code] for code in MOVEMENT_CODES if code in counts})


def movements(
    history: History,
    tree: OrgTree,
    period: Period,
    *,
    mapping: Mapping[str, str] | None = None,
) -> Movements:
    """Count Biểu 1 for every organization of *tree* over *period*.

    Args:
        history: the members and their events.
        tree: the organizations to count on (the tree of the period's end, usually).
        period: the reporting period.
        mapping: where a chi bộ that is not in *tree* is counted (e.g. from
            :meth:`~coso_dang.history.Lineage.mapping`): members follow their
            organization through a merger, with no movement; and where the members of
            one of *tree* are, when the mapping sends them to another one of it (an
            upgraded organization's, to its chi bộ trực thuộc).

    >>> from coso_dang import Member, Organization, OrgKind, OrgTree
    >>> tree = OrgTree.build([
    ...     Organization("x", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO),
    ...     Organization("c1", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="x"),
    ...     Organization("c2", "Chi bộ 2", OrgKind.CHI_BO_TRUC_THUOC, parent_id="x"),
    ... ])
    >>> history = History([
    ...     Member("a", "Lê Văn An", "c1", admitted_on=date(2000, 1, 5)),
    ...     Member("b", "Lê Văn Ba", "c2", admitted_on=date(2024, 5, 5)),
    ... ])
    >>> m = movements(history, tree, Period.year(2024))
    >>> m["x"].counts["dang_vien_dau_ky"], m["x"].counts["tang_ket_nap"], m["x"].balanced
    (1, 1, True)
    """
    _arguments("movements", history, tree, period)
    with paused():
        return _movements(history, tree, period, mapping)


def _arguments(function: str, history: object, tree: object, period: object) -> None:
    """Refuse arguments of another kind, which failed far inside in Python's words."""
    for argument, given, kind, expected in (
        ("history", history, History, N_("một History")),
        ("tree", tree, OrgTree, N_("một OrgTree")),
        ("period", period, Period, N_("một Period")),
    ):
        if not isinstance(given, kind):
            raise UsageError(function, argument, expected, given)


def _movements(
    history: History, tree: OrgTree, period: Period, mapping: Mapping[str, str] | None
) -> Movements:
    walk = tree.pre_order()
    n = len(walk.order)
    own = [[0] * n for _ in range(len(_COUNTED))]
    unknown: _Unknown = {}
    netted: _Unknown = {}
    internal: dict[int, list[int]] = {}
    unexplained: list[tuple[int, Problem]] = []
    problems: list[Problem] = []
    position = walk.position
    if mapping:
        # An organization of the tree whose members the mapping sends elsewhere (one
        # upgraded, its members in its chi bộ trực thuộc) counts them there.
        sent = {k: position[v] for k, v in mapping.items() if k in position and v in position}
        if sent:
            position = {**position, **sent}
    place = _Placer(position, mapping, problems)
    _count_records(history, period, own, unknown, unexplained, place)
    size = walk.index(_Shape, lambda: _Shape(walk.parent)).size
    _count_changes(
        history, period, own, unknown, netted, internal, unexplained, place, walk.parent, size
    )
    return Movements(tree, period, own, internal, unknown, netted, unexplained, problems)


def _count_records(
    history: History,
    period: Period,
    own: list[list[int]],
    unknown: _Unknown,
    unexplained: list[tuple[int, Problem]],
    place: _Placer,
) -> None:
    """Count the members without events: a few comparisons per chi bộ, then the leavers.

    Every member of a chi bộ is first counted as if still on its list; each who left is
    then set right, one by one (they are few).
    """
    start, end = period.start, period.end
    col_a, col_d, col_in = own[_A], own[_D], own[_SLOT[Row.KET_NAP]]
    position = place.position
    # The chi bộ not in the tree, where the mapping places them (None: nowhere); the
    # others are where the tree has them.
    placed: dict[str, int | None] = {}
    # The members who left before the period: on none of its lists (built on need).
    gone_before: set[str] | None = None
    groups = history.record_groups()
    for (org_id, group), at in zip(groups.items(), map(position.get, groups), strict=True):
        if at is None:
            # Only members on a list of the period have a place to be found: a chi bộ
            # founded later, with only later members, or one whose members all left
            # before it (dissolved long ago), is no problem of this period.
            if gone_before is None:
                gone_before = {
                    m.id
                    for m in history.record_leavers()
                    if m.left_on is not None and m.left_on < start
                }
            first = next(
                (
                    i
                    for i, (member_id, day) in enumerate(zip(group.ids, group.days, strict=True))
                    if day <= end and member_id not in gone_before
                ),
                None,
            )
            if first is not None:
                at = place(org_id, group.ids[first])
            placed[org_id] = at
            if at is None:
                continue
        days = group.days
        if group.latest < start:
            before = len(days)
            col_a[at] += before
            col_d[at] += before
            continue
        # The days from the period's first on, picked by the comparison itself (no
        # call per member, as a map over the day's bound method made): most members
        # came before the period, so the list picked is short.
        later = [day for day in days if day >= start]
        before = len(days) - len(later)
        entered = len(later) if group.latest <= end else len([d for d in later if d <= end])
        col_a[at] += before
        col_in[at] += entered
        col_d[at] += before + entered
    col_xoa_du_bi = own[_XOA_TEN_DU_BI]
    reason_cols = {reason: own[slot] for reason, slot in _REASON_SLOT.items()}
    for m in history.record_leavers():
        left = m.left_on
        found_at = position.get(m.org_id)
        if found_at is None:
            found_at = placed.get(m.org_id)
        if found_at is None or m.admitted_on > end or left is None or left > end:
            continue  # out of the tree, admitted after the period, or still on at its end
        at = found_at
        col_d[at] -= 1
        if left < start:  # gone before the period: on none of its lists
            (col_a if m.admitted_on < start else col_in)[at] -= 1
            continue
        reason = m.leave_reason
        if reason is None:
            problem = _unexplained(m.id, left, "left_on", N_("không có lý do ra khỏi danh sách"))
            unexplained.append((at, problem))
            continue
        reason_cols[reason][at] += 1
        if reason is LeaveReason.XOA_TEN and _on_probation(m, left):
            col_xoa_du_bi[at] += 1
        elif reason is LeaveReason.CHUYEN_DI:
            unknown[_UNKNOWN_OUT, at] = unknown.get((_UNKNOWN_OUT, at), 0) + 1


def _on_probation(member: Member, on: date) -> bool:
    """True when *member* is still on probation on *on*: always, when the 12-month mark
    falls past 31/12/9999 (a year mistyped 9999 stopped the count with Python's English
    "year 10000 is out of range")."""
    try:
        return on < member.official_date
    except (ValueError, OverflowError):
        return True


def _unexplained(member_id: str, on: date, field: str, reason: str) -> Problem:
    return Problem(record_where("Member", member_id), field, on.isoformat(), reason)


class _Placer:
    """The position of a chi bộ not in the tree, through the mapping; else a problem."""

    def __init__(
        self,
        position: dict[str, int],
        mapping: Mapping[str, str] | None,
        problems: list[Problem],
    ) -> None:
        self.position = position
        self.mapping = mapping or {}
        self.problems = problems
        # A member's changes reach one chi bộ several times (the opening list, the end,
        # the period): each chi bộ is named once for the member.
        self.named: set[tuple[str, str]] = set()

    def __call__(self, org_id: str, member_id: str) -> int | None:
        target = self.mapping.get(org_id)
        at = None if target is None else self.position.get(target)
        if at is None and (org_id, member_id) not in self.named:
            self.named.add((org_id, member_id))
            self.problems.append(
                Problem(
                    record_where("Member", member_id),
                    "org_id",
                    org_id,
                    N_("không có tổ chức này trong cây"),
                )
            )
        return at


def _count_changes(
    history: History,
    period: Period,
    own: list[list[int]],
    unknown: _Unknown,
    netted: _Unknown,
    internal: dict[int, list[int]],
    unexplained: list[tuple[int, Problem]],
    place: _Placer,
    parent: list[int],
    size: list[int],
) -> None:
    """Count the members with events: one pass over the table of their changes.

    A row counts in A when it puts the member on a list that still holds the day before
    the period, in D when that list still holds at its end, and in its Biểu 1 row when
    it happens inside the period. A transfer whose two sides both happen inside the
    period is netted at their nearest common superior (found on the arrival).
    """
    # "On or before the day before the period" as "before its first day": a period from
    # 1/1/0001 has no day before it to name.
    start, end = period.start, period.end
    col_a, col_d = own[_A], own[_D]
    # A row's column by its code, without a lookup of its slot per row.
    column = {code: own[slot] for code, slot in _SLOT.items()}
    transfers = (Row.CHUYEN_DEN, Row.CHUYEN_DI)
    width = len(_COUNTED)
    departed: dict[int, tuple[int, str | None]] = {}
    table = history.change_table()
    untils = table.until
    find = place.position.get
    # Fields read by position, each only where it is needed, not the whole row unpacked:
    # every field taken is an object touched, and the rows are far apart in memory.
    for index, row in enumerate(table.rows):
        on = row[1]
        before = on < start
        if before:
            # Before the period, only a list still held on its first day counts.
            if not row[3]:
                continue
            until = untils[index]
            if until is not None and until < start:
                continue
        elif on > end:
            continue
        org_id = row[2]
        at = find(org_id)
        if at is None:
            at = place(org_id, row[0])
            if at is None:
                continue
        if before:
            col_a[at] += 1
            if until is None or until > end:
                col_d[at] += 1
            continue
        entering = row[3]
        if entering:
            until = untils[index]
            if until is None or until > end:
                col_d[at] += 1
        code = row[4]
        if code is None:
            what = (
                N_("không có sự kiện vào danh sách")
                if entering
                else N_("không có sự kiện ra khỏi danh sách")
            )
            unexplained.append((at, _unexplained(row[0], on, "on", what)))
            continue
        column[code][at] += 1
        sub = row[5]
        if sub is not None:
            column[sub][at] += 1
        elif code in transfers:
            key = (_UNKNOWN_IN if entering else _UNKNOWN_OUT, at)
            unknown[key] = unknown.get(key, 0) + 1
        pair = row[7]
        if pair < 0:
            continue
        if not entering:
            departed[index] = (at, sub)
            continue
        out = departed.pop(pair, None)
        if out is None:
            continue
        # The nearest common superior: the first organization from the departure up
        # whose subtree (a run of positions in pre-order) holds the arrival.
        common = out[0]
        while not common <= at < common + size[common]:
            common = parent[common]
            if common < 0:
                break
        else:
            vec = internal.get(common)
            if vec is None:
                vec = internal[common] = [0] * width
            vec[_CHUYEN_DI] += 1
            vec[_CHUYEN_DEN] += 1
            if out[1] is not None and sub is not None:
                vec[_SLOT[out[1]]] += 1
                vec[_SLOT[sub]] += 1
            else:
                _net_unknown_side(own, unknown, netted, vec, at, out, sub, common)


def _net_unknown_side(
    own: list[list[int]],
    unknown: _Unknown,
    netted: _Unknown,
    vec: list[int],
    at: int,
    out: tuple[int, str | None],
    sub: str | None,
    common: int,
) -> None:
    """Count the sub-rows of a transfer netted at *common* with a side of unknown scope."""
    sides = (
        (out[1], _UNKNOWN_OUT, Row.CHUYEN_DI_TRONG_TINH),
        (sub, _UNKNOWN_IN, Row.CHUYEN_DEN_TRONG_TINH),
    )
    for side, bit, here in sides:
        if side is None and common == at == out[0]:
            # Both sides on one organization's list (a chi bộ merged into the other
            # by the mapping, or a transfer to itself): its other side is there, in
            # the province. Counted so in its own counts and netted so: with a
            # side unknown, its own counts would miss a sub-row its counts have.
            unknown[bit, at] -= 1
            own[_SLOT[here]][at] += 1
            side = here
        if side is not None:
            vec[_SLOT[side]] += 1
        else:
            # Netted here: its unknown side is no part of this subtree's Biểu 1,
            # and its sub-rows are unknown in the internal counts.
            netted[bit, common] = netted.get((bit, common), 0) + 1


#: The rollup's counts that the history gives exactly: the list at 31/12 of the previous
#: year (A of the year's Biểu 1) and the admissions of the year (B1).
_FROM_HISTORY = (("dang_vien_cuoi_nam_truoc", _A), ("ket_nap", _SLOT[Row.KET_NAP]))


def rollup_with_history(
    tree: OrgTree,
    history: History,
    *,
    year: int,
    evaluations: Iterable[Evaluation] | None = None,
    as_of: date | None = None,
    mapping: Mapping[str, str] | None = None,
) -> Rollup:
    """:func:`~coso_dang.rollup.rollup`, with the year's opening list and admissions
    taken from the history.

    ``dang_vien_cuoi_nam_truoc`` counts each member where their chi bộ's đảng số counted
    them on 31/12 of the previous year, and ``ket_nap`` each admission (and re-admission)
    of the year where it happened, even when the member moved since: the NQ21 admission
    rate then has its exact denominator. Every other count is the rollup's. For members
    without events the figures are the rollup's own.

    Args:
        tree: the organizations and members, as for :func:`~coso_dang.rollup.rollup`.
        history: the members and their events.
        year, evaluations, as_of: as for :func:`~coso_dang.rollup.rollup`.
        mapping: where a chi bộ that is not in *tree* is counted (see :func:`movements`).

    Raises:
        TreeError: a member of the history whose chi bộ in the year is not in *tree* and
            not mapped to one of it (:meth:`Movements.problems`): counted nowhere, the
            member would be missing from the figures.

    >>> from coso_dang import Member, Organization, OrgKind, OrgTree
    >>> from coso_dang.history import MemberEvent, MemberEventKind as K
    >>> tree = OrgTree.build([
    ...     Organization("x", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO),
    ...     Organization("c1", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="x"),
    ...     Organization("c2", "Chi bộ 2", OrgKind.CHI_BO_TRUC_THUOC, parent_id="x"),
    ... ], [Member("a", "Lê Văn An", "c2", admitted_on=date(2000, 1, 5))])
    >>> history = History(tree.members(), [
    ...     MemberEvent("a", K.CHUYEN_DI, date(2024, 3, 1), org_id="c1"),
    ...     MemberEvent("a", K.CHUYEN_DEN, date(2024, 3, 9), org_id="c2")])
    >>> exact = rollup_with_history(tree, history, year=2024)
    >>> exact["c1"]["dang_vien_cuoi_nam_truoc"], exact["c2"]["dang_vien_cuoi_nam_truoc"]
    (1, 0)
    >>> rollup(tree, year=2024)["c2"]["dang_vien_cuoi_nam_truoc"]
    1
    """
    if not isinstance(history, History):
        raise UsageError("rollup_with_history", "history", N_("một History"), history)
    base = rollup(tree, year=year, evaluations=evaluations, as_of=as_of)
    on = base.as_of or date(year, 12, 31)
    moved = movements(history, tree, Period(date(year, 1, 1), on), mapping=mapping)
    if moved.problems():
        # A member on the list of a chi bộ the tree does not hold (merged away, with no
        # mapping) would be left out of the opening list, the admission rate's base.
        raise TreeError(moved.problems())
    given: dict[str, Tally] = {}
    opened_col, admitted_col = (moved._own[slot] for _, slot in _FROM_HISTORY)
    for at, org in enumerate(tree):
        own = base.own(org.id)
        opened, admitted = opened_col[at], admitted_col[at]
        if own.is_identity and not (opened or admitted):
            continue
        counts = dict(own)
        for (code, _), value in zip(_FROM_HISTORY, (opened, admitted), strict=True):
            counts[code] = value
        given[org.id] = Tally(**counts)
    return Rollup.from_tallies(tree, given, year=base.year, as_of=base.as_of)
