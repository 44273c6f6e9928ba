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

Counting is one pass over the members (a member without events costs a few date
comparisons) and one over the tree.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta

from attrs import frozen
from dateutil.relativedelta import relativedelta

from coso_dang._gc import paused
from coso_dang.errors import Problem, RecordError
from coso_dang.evaluation import Evaluation
from coso_dang.history.membership import Change, History, Row
from coso_dang.i18n import N_
from coso_dang.indicators import Indicator, register_indicator
from coso_dang.members import LeaveReason
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
_CHUYEN_DI = _SLOT[Row.CHUYEN_DI]


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
        if not isinstance(self.start, date) or not isinstance(self.end, date):
            raise RecordError("Period", "start", None, N_("start và end phải là ngày (date)"))
        if self.end < self.start:
            raise RecordError("Period", "end", self.end, N_("trước ngày bắt đầu"))

    @classmethod
    def year(cls, year: int) -> Period:
        """1/1 to 31/12 of *year*."""
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        """The first (1) or second (2) half of *year*."""
        if half not in (1, 2):
            raise RecordError("Period", "half", half, N_("phải là 1 hoặc 2"))
        return cls.months(year, 6 * half - 5, 6)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """Quarter 1 to 4 of *year*."""
        if quarter not in (1, 2, 3, 4):
            raise RecordError(
                "Period",
                "quarter",
                quarter,
                N_("phải là số nguyên từ {low} đến {high}", low=1, high=4),
            )
        return cls.months(year, 3 * quarter - 2, 3)

    @classmethod
    def months(cls, year: int, first: int, count: int) -> Period:
        """*count* whole months of *year* from month *first*."""
        start = date(year, first, 1)
        return cls(start, start + relativedelta(months=count) - timedelta(days=1))

    def a_year_before(self) -> Period:
        """The same window one year earlier ("cùng kỳ năm trước")."""
        back = relativedelta(years=1)
        return Period(self.start - back, self.end - back)


@frozen
class Movement:
    """One organization's Biểu 1 counts for a period.

    Args:
        org_id: the organization.
        counts: its subtree's counts (every code of :data:`MOVEMENT_CODES`; a tỉnh khác /
            trong tỉnh sub-row is missing, unknown, when a transfer's side is unknown).
        own: the counts of members on its own list (a chi bộ's), before its subtree.
        internal: transfers between two organizations below it, netted out here.
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
        ids: list[str],
        totals: list[list[int]],
        own: list[list[int]],
        internal: dict[int, list[int]],
        unknown: list[int],
        unexplained: list[tuple[int, Problem]],
        problems: list[Problem],
        size: list[int],
    ) -> None:
        self._tree = tree
        self.period = period
        self._ids = ids
        self._position = {oid: i for i, oid in enumerate(ids)}
        self._totals = totals
        self._own = own
        self._internal = internal
        self._unknown = unknown
        self._unexplained = sorted(unexplained, key=lambda item: item[0])
        self._unexplained_at = [at for at, _ in self._unexplained]
        self._problems = tuple(problems)
        self._size = size

    def __getitem__(self, org_id: str) -> Movement:
        at = self._position[org_id]
        return Movement(
            org_id,
            _tally([col[at] for col in self._totals], self._unknown[at]),
            _tally([col[at] for col in self._own], 0),
            _tally(self._internal.get(at, [0] * len(_COUNTED)), 0),
            self._explained(at),
        )

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __repr__(self) -> str:
        return f"<Movements {self.period.start}..{self.period.end}: {len(self._ids)} organizations>"

    @property
    def tree(self) -> OrgTree:
        """The tree counted on."""
        return self._tree

    def problems(self) -> tuple[Problem, ...]:
        """Members that could not be placed in the tree (their chi bộ is not in it)."""
        return self._problems

    def _explained(self, at: int) -> tuple[Problem, ...]:
        low = bisect_left(self._unexplained_at, at)
        high = bisect_left(self._unexplained_at, at + self._size[at])
        return tuple(problem for _, problem in self._unexplained[low:high])


# Bits of the unknown mask: a transfer in / out of unknown side below.
_UNKNOWN_IN, _UNKNOWN_OUT = 1, 2


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
            organization through a merger, with no movement.

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
    with paused():
        return _movements(history, tree, period, mapping)


def _movements(
    history: History, tree: OrgTree, period: Period, mapping: Mapping[str, str] | None
) -> Movements:
    ids: list[str] = []
    position: dict[str, int] = {}
    parent: list[int] = []
    for at, org in enumerate(tree.walk()):
        ids.append(org.id)
        position[org.id] = at
        parent.append(-1 if org.parent_id is None else position[org.parent_id])
    n = len(ids)
    width = len(_COUNTED)
    own = [[0] * n for _ in range(width)]
    unknown = [0] * n
    internal: dict[int, list[int]] = {}
    unexplained: list[tuple[int, Problem]] = []
    problems: list[Problem] = []
    start, end = period.start, period.end
    before = start - timedelta(days=1)
    place = _Placer(position, mapping, problems)

    col_a, col_d, col_in = own[_A], own[_D], own[_SLOT[Row.KET_NAP]]
    col_xoa_du_bi = own[_XOA_TEN_DU_BI]
    reason_cols = {reason: own[slot] for reason, slot in _REASON_SLOT.items()}
    for org_id, group in history.record_only().items():
        found = position.get(org_id)
        if found is None:
            found = place(org_id, group[0].id) if group else None
            if found is None:
                continue
        at = found
        a = entered = d = 0
        for m in group:
            adm = m.admitted_on
            if adm > end:
                continue
            left = m.left_on
            if left is None:
                if adm < start:
                    a += 1
                else:
                    entered += 1
                d += 1
                continue
            if left < start:
                continue
            if adm < start:
                a += 1
            else:
                entered += 1
            if left > end:
                d += 1
                continue
            reason = m.leave_reason
            if reason is None:
                problem = _unexplained(
                    m.id, left, "left_on", N_("không có lý do ra khỏi danh sách")
                )
                unexplained.append((at, problem))
                continue
            reason_cols[reason][at] += 1
            if reason is LeaveReason.XOA_TEN and left < m.official_date:
                col_xoa_du_bi[at] += 1
            elif reason is LeaveReason.CHUYEN_DI:
                unknown[at] |= _UNKNOWN_OUT
        col_a[at] += a
        col_in[at] += entered
        col_d[at] += d

    depth = [0] * n
    for at in range(n):
        p = parent[at]
        if p >= 0:
            depth[at] = depth[p] + 1
    for member, _, changes in history.timelines():
        _count_timeline(
            member.id, changes, start, end, before, own, unknown, internal,
            unexplained, place, parent, depth,
        )  # fmt: skip

    totals = [list(col) for col in own]
    for at, vec in internal.items():
        for slot, value in enumerate(vec):
            totals[slot][at] -= value
    size = [1] * n
    for at in range(n - 1, 0, -1):
        p = parent[at]
        if p >= 0:
            size[p] += size[at]
            unknown[p] |= unknown[at]
    for col in totals:
        for at in range(n - 1, 0, -1):
            value = col[at]
            p = parent[at]
            if value and p >= 0:
                col[p] += value
    return Movements(tree, period, ids, totals, own, internal, unknown, unexplained, problems, size)


def _unexplained(member_id: str, on: date, field: str, reason: str) -> Problem:
    return Problem(f"Member {member_id!r}", field, on.isoformat(), reason)


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

    def __call__(self, org_id: str, member_id: str) -> int | None:
        target = self.mapping.get(org_id)
        at = None if target is None else self.position.get(target)
        if at is None:
            self.problems.append(
                Problem(
                    f"Member {member_id!r}", "org_id", org_id, N_("không có tổ chức này trong cây")
                )
            )
        return at


def _count_timeline(
    member_id: str,
    changes: tuple[Change, ...],
    start: date,
    end: date,
    before: date,
    own: list[list[int]],
    unknown: list[int],
    internal: dict[int, list[int]],
    unexplained: list[tuple[int, Problem]],
    place: _Placer,
    parent: list[int],
    depth: list[int],
) -> None:
    """Count one member with events: the list at both ends and each change between."""
    position = place.position
    on_list_start: str | None = None
    on_list_end: str | None = None
    for change in changes:
        if change.on <= before:
            on_list_start = change.org_id if change.entering else None
        if change.on <= end:
            on_list_end = change.org_id if change.entering else None
    for org_id, slot in ((on_list_start, _A), (on_list_end, _D)):
        if org_id is not None:
            at = position.get(org_id)
            if at is None:
                at = place(org_id, member_id)
            if at is not None:
                own[slot][at] += 1
    ats: dict[int, int] = {}
    for index, change in enumerate(changes):
        if not start <= change.on <= end:
            continue
        at = position.get(change.org_id)
        if at is None:
            at = place(change.org_id, member_id)
            if at is None:
                continue
        ats[index] = at
        if change.row is None:
            what = (
                N_("không có sự kiện vào danh sách")
                if change.entering
                else N_("không có sự kiện ra khỏi danh sách")
            )
            unexplained.append((at, _unexplained(member_id, change.on, "org_id", what)))
            continue
        own[_SLOT[change.row]][at] += 1
        sub = change.sub_row
        if sub is not None:
            own[_SLOT[sub]][at] += 1
        elif change.row in (Row.CHUYEN_DEN, Row.CHUYEN_DI):
            unknown[at] |= _UNKNOWN_IN if change.entering else _UNKNOWN_OUT
    for index, change in enumerate(changes):
        if change.entering or change.pair < 0 or index not in ats or change.pair not in ats:
            continue
        arrival = changes[change.pair]
        common = _common(ats[index], ats[change.pair], parent, depth)
        if common is None:
            continue
        vec = internal.setdefault(common, [0] * len(_COUNTED))
        vec[_CHUYEN_DI] += 1
        vec[_SLOT[Row.CHUYEN_DEN]] += 1
        for sub in (change.sub_row, arrival.sub_row):
            if sub is not None:
                vec[_SLOT[sub]] += 1


def _common(a: int, b: int, parent: list[int], depth: list[int]) -> int | None:
    """The nearest organization above or at both positions, ``None`` in two trees."""
    while a != b:
        if a < 0 or b < 0:
            return None
        if depth[a] >= depth[b]:
            a = parent[a]
        else:
            b = parent[b]
    return a if a >= 0 else None


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
    base = rollup(tree, year=year, evaluations=evaluations, as_of=as_of)
    on = base.as_of or date(year, 12, 31)
    moved = movements(history, tree, Period(date(year, 1, 1), on), mapping=mapping)
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
