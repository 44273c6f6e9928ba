"""OrgTree: the organization tree, built once from flat records, validated, navigable."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, ItemsView, Iterable, Iterator, Mapping, Sequence
from itertools import chain, compress, islice
from operator import attrgetter, eq
from typing import Literal, TypeVar, cast

from coso_dang._checks import has_invisible
from coso_dang._checks import where as where_of
from coso_dang._gc import paused
from coso_dang.errors import (
    ArgumentError,
    Problem,
    TreeError,
    UnknownIdError,
    UsageError,
    record_where,
)
from coso_dang.i18n import N_
from coso_dang.members import Member
from coso_dang.orgs import SUPERIOR_KINDS, Organization, OrgKind, ResidentialUnit
from coso_dang.vi.text import fold

__all__ = ["ALLOWED_PARENTS", "OrgTree", "PreOrder", "structure_problems"]

_T = TypeVar("_T")

_K = OrgKind
_SUPERIOR = SUPERIOR_KINDS

#: Which kinds may stand directly above each kind (Điều lệ Đảng, Art. 21-24). A root
#: (no parent) is always allowed: a forest of partial data is valid.
ALLOWED_PARENTS: Mapping[OrgKind, frozenset[OrgKind]] = {
    _K.TRUNG_UONG: frozenset(),
    _K.DANG_BO_TINH: frozenset({_K.TRUNG_UONG}),
    # Đảng ủy khối and similar bodies may nest under another superior level.
    _K.DANG_BO_CAP_TREN_CO_SO: _SUPERIOR,
    _K.DANG_BO_CO_SO: _SUPERIOR,
    _K.CHI_BO_CO_SO: _SUPERIOR,
    _K.DANG_BO_BO_PHAN: frozenset({_K.DANG_BO_CO_SO}),
    _K.CHI_BO_TRUC_THUOC: frozenset({_K.DANG_BO_CO_SO, _K.DANG_BO_BO_PHAN}),
    _K.TO_DANG: frozenset({_K.CHI_BO_CO_SO, _K.CHI_BO_TRUC_THUOC}),
    _K.DANG_DOAN: _SUPERIOR,
    _K.BAN_CAN_SU_DANG: _SUPERIOR,
}

WalkOrder = Literal["pre", "post"]


#: What passes for an iterable of records but is none: read item by item, a text gives
#: characters, a mapping its keys, a record (an attrs class, not iterable) fails anyway.
_NOT_RECORDS = (str, bytes, Mapping, Organization, Member, ResidentialUnit)


class OrgTree:
    """Organizations, members and residential units, checked together and indexed.

    Build it with :meth:`build`; it is read-only afterwards.

    >>> tree = OrgTree.build([
    ...     Organization("xa", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO),
    ...     Organization("cb1", "Chi bộ thôn 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa"),
    ... ])
    >>> [org.id for org in tree.children("xa")]
    ['cb1']
    >>> tree.find("tan lap")[0].id
    'xa'
    """

    __slots__ = (
        "_by_id",
        "_children",
        "_member_ids",
        "_member_indexes",
        "_members",
        "_roots",
        "_units",
        "_walked",
    )

    def __init__(
        self,
        by_id: dict[str, Organization],
        children: dict[str, list[str]],
        roots: list[str],
        members: dict[str, list[Member]],
        units: tuple[ResidentialUnit, ...],
        layout: PreOrder,
    ) -> None:
        # Use build(): this constructor trusts its arguments.
        self._by_id = by_id
        self._children = children
        self._roots = roots
        self._members = members
        self._member_ids = sum(len(group) for group in members.values())
        self._member_indexes: dict[type, object] = {}
        self._units = units
        self._walked = layout

    # -- building ---------------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        organizations: Iterable[Organization],
        members: Iterable[Member] = (),
        units: Iterable[ResidentialUnit] = (),
    ) -> OrgTree:
        """Validate every record together and index them.

        Raises:
            TreeError: listing *every* problem (duplicate ids, unknown parents, cycles,
                impossible nesting, members outside a chi bộ, units pointing nowhere).
            UsageError: an argument is not a collection of records (``None``, one record
                alone, a text, a mapping).
        """
        for argument, records, expected in (
            ("organizations", organizations, N_("các bản ghi Organization")),
            ("members", members, N_("các bản ghi Member")),
            ("units", units, N_("các bản ghi ResidentialUnit")),
        ):
            # None or one record alone failed deep in the build with Python's "object is
            # not iterable"; a text or a mapping was read item by item, each item a
            # "record of the wrong kind" (a dict by id gave its keys).
            if not isinstance(records, Iterable) or isinstance(records, _NOT_RECORDS):
                raise UsageError("OrgTree.build", argument, expected, records)
        with paused():
            return cls._build(organizations, members, units)

    @classmethod
    def _build(
        cls,
        organizations: Iterable[Organization],
        members: Iterable[Member],
        units: Iterable[ResidentialUnit],
    ) -> OrgTree:
        problems: list[Problem] = []
        parts = _checked(organizations, members, units, problems, None)
        if problems:
            raise TreeError(problems)
        return cls(*parts)

    # -- looking up -------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, org_id: object) -> bool:
        if org_id in self._by_id:
            return True
        return isinstance(org_id, str) and unicodedata.normalize("NFC", org_id) in self._by_id

    def __getitem__(self, org_id: str) -> Organization:
        try:
            return self._by_id[org_id]
        except KeyError:
            # The records' ids are composed to NFC: an id typed in NFD is the same id.
            if isinstance(org_id, str):
                found = self._by_id.get(unicodedata.normalize("NFC", org_id))
                if found is not None:
                    return found
            # Still a KeyError, as for a mapping, but one that says what is missing
            # from what: every method and function given an organization's id ends here.
            reason = N_("không có tổ chức mang mã {id} trong cây", id=repr(org_id))
            raise UnknownIdError(org_id, reason) from None

    def __iter__(self) -> Iterator[Organization]:
        """Every organization, in pre-order from each root."""
        return self.walk()

    def __repr__(self) -> str:
        return (
            f"<OrgTree: {len(self._by_id)} organizations, {len(self._roots)} root(s), "
            f"{self._member_ids} members, {len(self._units)} residential units>"
        )

    def _repr_html_(self) -> str:
        from coso_dang._html import tree_html

        return tree_html(self)

    @property
    def roots(self) -> tuple[Organization, ...]:
        """The organizations without a parent, in input order."""
        return tuple(self._by_id[i] for i in self._roots)

    @property
    def units(self) -> tuple[ResidentialUnit, ...]:
        """The residential units, in input order."""
        return self._units

    @property
    def member_count(self) -> int:
        """How many member records the tree holds (active or not)."""
        return self._member_ids

    def members(self) -> Iterator[Member]:
        """Every member record, grouped by chi bộ."""
        # Chained at C level: a generator's resumption per member cost a national pass
        # a tenth of a second.
        return chain.from_iterable(self._members.values())

    def member_groups(self) -> ItemsView[str, list[Member]]:
        """(chi bộ id, its members) in input order, without copies: for bulk counting.

        The lists are the tree's own: callers must not change them.
        """
        return self._members.items()

    def member_index(self, kind: type[_T], make: Callable[[], _T]) -> _T:
        """The index of type *kind* bulk code keeps of this tree's members (arrays of
        their fields), made by *make* once.

        As :meth:`PreOrder.index`, but kept by this tree alone: :meth:`with_members`
        shares the walk with a tree of other members, never this index.
        """
        found = self._member_indexes.get(kind)
        if found is None:
            found = self._member_indexes[kind] = make()
        return cast("_T", found)

    def with_members(self, changed: Mapping[str, Member | None]) -> OrgTree:
        """This tree with the members of *changed*'s ids changed, the rest kept as it is.

        Each record of such an id is replaced by its member (in its place, or at the end
        of its new chi bộ's list when it names another) or taken out (``None``); an id
        the tree does not hold is added. The organizations, the units and the other
        members are not checked again, and the lists of chi bộ no change touches are
        shared, not copied: a nation's members as on their lists on a day differ from
        its records by a few, and :meth:`build` would check them all again.

        >>> from datetime import date
        >>> day = date(2020, 5, 19)
        >>> tree = OrgTree.build(
        ...     [Organization("cb1", "Chi bộ 1", OrgKind.CHI_BO_CO_SO),
        ...      Organization("cb2", "Chi bộ 2", OrgKind.CHI_BO_CO_SO)],
        ...     [Member("a", "Nguyễn Văn A", "cb1", day), Member("b", "Trần Thị B", "cb1", day)],
        ... )
        >>> moved = tree.with_members({"a": Member("a", "Nguyễn Văn A", "cb2", day), "b": None})
        >>> [m.id for m in moved.members_of("cb1")], [m.id for m in moved.members_of("cb2")]
        ([], ['a'])

        Raises:
            TreeError: a member put in that :meth:`build` would refuse (its id not the
                one it is given for, or not in a chi bộ of the tree).
            UsageError: *changed* is not a mapping.
        """
        if not isinstance(changed, Mapping):
            # None or a list of members failed with "object has no attribute 'items'".
            expected = N_("một ánh xạ từ mã tới Member hoặc None")
            raise UsageError("OrgTree.with_members", "changed", expected, changed)
        problems: list[Problem] = []
        for key, member in changed.items():
            if member is not None and getattr(member, "id", key) != key:
                reason = N_("không phải mã của đảng viên được thay")
                problems.append(Problem(record_where("Member", key), "id", key, reason))
        # Checked as build checks them (the ids are the mapping's keys: given once).
        _group_members([m for m in changed.values() if m is not None], self._by_id, problems, None)
        if problems:
            raise TreeError(problems)
        grouped = dict(self._members)
        ids = changed.keys()
        read_id = attrgetter("id")
        seen: set[str] = set()
        moving: list[Member] = []
        for org_id, group in self._members.items():
            if ids.isdisjoint(map(read_id, group)):
                continue  # a list no change touches: shared
            kept: list[Member] = []
            for member in group:
                if member.id not in ids:
                    kept.append(member)
                    continue
                seen.add(member.id)
                new = changed[member.id]
                if new is None:
                    continue
                if new.org_id == org_id:
                    kept.append(new)
                else:
                    moving.append(new)
            if kept:
                grouped[org_id] = kept
            else:
                del grouped[org_id]
        moving.extend(m for key, m in changed.items() if m is not None and key not in seen)
        for member in moving:
            found = grouped.get(member.org_id)
            if found is None:
                grouped[member.org_id] = [member]
            elif found is self._members.get(member.org_id):
                grouped[member.org_id] = [*found, member]  # the original list stays as it is
            else:
                found.append(member)
        return OrgTree(self._by_id, self._children, self._roots, grouped, self._units, self._walked)

    def pre_order(self) -> PreOrder:
        """The whole forest in pre-order, with positions, as :meth:`build` walked it.

        Internal to the counting code (rollups, the DataFrame path): the tree never
        changes after :meth:`build`, so bulk passes share that walk and index by position
        instead of hashing ids per organization.

        >>> tree = OrgTree.build([
        ...     Organization("xa", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO),
        ...     Organization("cb1", "Chi bộ thôn 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa"),
        ... ])
        >>> walk = tree.pre_order()
        >>> [org.id for org in walk.order], walk.parent, walk.position["cb1"]
        (['xa', 'cb1'], [-1, 0], 1)
        """
        return self._walked

    def parent(self, org_id: str) -> Organization | None:
        """The organization directly above *org_id*, or ``None`` for a root."""
        parent_id = self[org_id].parent_id
        return None if parent_id is None else self._by_id[parent_id]

    def children(self, org_id: str) -> tuple[Organization, ...]:
        """The organizations directly below *org_id*, in input order."""
        org_id = self[org_id].id  # unknown ids raise KeyError, as for a mapping
        return tuple(self._by_id[i] for i in self._children.get(org_id, ()))

    def ancestors(self, org_id: str) -> tuple[Organization, ...]:
        """The organizations above *org_id*, nearest first."""
        chain: list[Organization] = []
        parent = self.parent(org_id)
        while parent is not None:
            chain.append(parent)
            parent = self.parent(parent.id)
        return tuple(chain)

    def subtree(self, org_id: str) -> tuple[Organization, ...]:
        """*org_id* and everything below it, in pre-order."""
        return tuple(self.walk(org_id))

    def walk(
        self, org_id: str | None = None, *, order: WalkOrder = "pre"
    ) -> Iterator[Organization]:
        """Visit the tree below *org_id* (or the whole forest) in pre- or post-order.

        Raises:
            ValueError: *order* is neither ``"pre"`` nor ``"post"`` (at the call).
            KeyError: *org_id* is not in the tree (at the call).
        """
        if order not in ("pre", "post"):
            raise ArgumentError(
                N_("order phải là 'pre' hoặc 'post', không phải {order}", order=repr(order))
            )
        if org_id is None and order == "pre":
            return iter(self._walked.order)
        starts = self._roots if org_id is None else [self[org_id].id]
        visit = self._pre if order == "pre" else self._post
        return (org for start in starts for org in visit(start))

    def _pre(self, start: str) -> Iterator[Organization]:
        stack = [start]
        while stack:
            current = stack.pop()
            yield self._by_id[current]
            stack.extend(reversed(self._children.get(current, ())))

    def _post(self, start: str) -> Iterator[Organization]:
        stack: list[tuple[str, bool]] = [(start, False)]
        while stack:
            current, expanded = stack.pop()
            if expanded:
                yield self._by_id[current]
                continue
            stack.append((current, True))
            stack.extend((child, False) for child in reversed(self._children.get(current, ())))

    def members_of(self, org_id: str, *, recursive: bool = False) -> tuple[Member, ...]:
        """The members of chi bộ *org_id*, or of every chi bộ below it when *recursive*."""
        if not recursive:
            org_id = self[org_id].id
            return tuple(self._members.get(org_id, ()))
        return tuple(m for org in self.walk(org_id) for m in self._members.get(org.id, ()))

    def find(self, name: str) -> tuple[Organization, ...]:
        """Organizations whose name contains *name*, ignoring case and diacritics."""
        if not isinstance(name, str):
            # None failed with "'NoneType' object has no attribute 'translate'".
            raise UsageError("OrgTree.find", "name", N_("một văn bản"), name)
        key = fold(name)
        return tuple(org for org in self.walk() if key in fold(org.name))


class PreOrder:
    """Organizations in pre-order, each one's position and its parent's (-1 for a root).

    What :meth:`OrgTree.pre_order` gives the counting code. Pre-order puts every parent
    before its children, so walking the positions backwards visits children before
    parents.
    """

    __slots__ = ("_indexes", "order", "parent", "position")

    def __init__(self, order: tuple[Organization, ...]) -> None:
        #: The organizations, each before its children.
        self.order = order
        self._indexes: dict[type, object] = {}
        #: Organization id -> its position in :attr:`order`.
        self.position: dict[str, int] = {org.id: i for i, org in enumerate(order)}
        position = self.position
        #: The position of each organization's parent, -1 for a root.
        self.parent: list[int] = [
            -1 if org.parent_id is None else position[org.parent_id] for org in order
        ]

    def index(self, kind: type[_T], make: Callable[[], _T]) -> _T:
        """The index of type *kind* bulk code keeps for this tree, made by *make* once.

        The tree never changes, so an index made of it (arrays of kinds and dates, a
        table of positions) stays true; one per type, so two callers cannot collide.
        """
        found = self._indexes.get(kind)
        if found is None:
            found = self._indexes[kind] = make()
        return cast("_T", found)


def _pre_order(
    by_id: Mapping[str, Organization], children: Mapping[str, Sequence[str]], roots: Sequence[str]
) -> tuple[Organization, ...]:
    """Every organization reachable from a root, each before its children (in input order)."""
    order: list[Organization] = []
    visit = order.append
    stack = list(reversed(roots))
    while stack:
        top = stack.pop()
        visit(by_id[top])
        below = children.get(top)
        if below:
            stack.extend(reversed(below))
    return tuple(order)


#: How many organizations of a parent cycle a message names, at most.
_LOOP_SHOWN = 8


def _cycles(by_id: Mapping[str, Organization], reached: Mapping[str, int]) -> list[Problem]:
    """Organizations not reachable from a root sit on (or under) a parent cycle."""
    seen = set(reached)
    problems: list[Problem] = []
    for org_id, org in by_id.items():
        if org_id in seen or org.parent_id not in by_id:
            continue
        # Walk up until we meet a node known to be reachable, or come back round.
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = org_id
        # A parent that is not there ends the walk: its child is named for it already.
        while node is not None and node in by_id and node not in seen and node not in on_path:
            path.append(node)
            on_path.add(node)
            node = by_id[node].parent_id
        if node is not None and node in on_path:
            cycle = path[path.index(node) :]
            if len(cycle) <= _LOOP_SHOWN:
                loop = " → ".join([*cycle, node])
                reason = N_("các tổ chức là cấp trên của nhau thành vòng")
            else:
                # Every id of a long loop made a message of hundreds of kilobytes: its
                # first ones and its last say where it is.
                shown = [*cycle[: _LOOP_SHOWN - 2], "…", cycle[-1], node]
                loop = " → ".join(shown)
                reason = N_("{n} tổ chức là cấp trên của nhau thành vòng", n=len(cycle))
            problems.append(Problem(record_where("Organization", node), "parent_id", loop, reason))
        seen.update(path)
    return problems


#: A message names an id with repr, which shows such a character escaped ('cb\u200b1').
_INVISIBLE = N_(
    "mã có ký tự vô hình (dấu cách độ rộng 0, dấu BOM, dấu chiều chữ, ký tự điều khiển…), "
    "trông giống mà khác mã gõ thường"
)


def _wrong_kind(record: object, argument: str, expected: str) -> Problem:
    """A record of another kind among the *argument* of the build (members given as
    organizations, a ``None``), named by its kind and id."""
    got = type(record).__name__
    reason = N_("phải là {expected}, không phải {got}", expected=expected, got=got)
    return Problem(where_of(record), argument, "", reason)


#: An id with spaces around it, which a spreadsheet shows as the id without them, and
#: which a CSV or Excel file is read without ("cb1 " saved to CSV loads back as "cb1").
_PADDED = N_(
    "mã có dấu cách ở đầu hoặc cuối, trông giống mà khác mã không có dấu cách; "
    "đọc lại từ tệp CSV, Excel sẽ thành mã không có dấu cách"
)


def _padding_problem(kind: str, ident: str) -> Problem | None:
    """The problem of an id with spaces (or a no-break space) around it, or ``None``.
    The record is named (by its *kind*, see :func:`record_where`) only for such an id:
    named for every one, a nation's organizations spent more in naming than in the rest
    of the build's checks."""
    if ident[:1].isspace() or ident[-1:].isspace():
        return Problem(record_where(kind, ident), "id", ident, _PADDED)
    return None


def _looks_like_another(ident: str) -> bool:
    """Whether *ident* holds an invisible or control character: it shows as another id
    (the loaders refuse such a cell; records built in code reach the tree with it)."""
    return not ident.isprintable() and has_invisible(ident)


_Parts = tuple[
    dict[str, Organization],
    dict[str, list[str]],
    list[str],
    dict[str, list[Member]],
    tuple[ResidentialUnit, ...],
    "PreOrder",
]


def structure_problems(
    organizations: Iterable[Organization],
    members: Sequence[Member] = (),
    units: Iterable[ResidentialUnit] = (),
    *,
    sorted_member_ids: Sequence[str] | None = None,
) -> list[Problem]:
    """Every problem :meth:`OrgTree.build` raises for these records, in its order,
    without keeping a tree: for checking a loaded dataset.

    Member ids given twice are found by sorting the ids (a list of pointers), not with
    the set of every id the build keeps (about a quarter of a gigabyte for 5,6 million
    members). *sorted_member_ids*: the members' ids, sorted, when the caller has them.

    >>> from datetime import date
    >>> from coso_dang import Organization
    >>> tree = [Organization("x", "Chi bộ X", OrgKind.CHI_BO_CO_SO)]
    >>> members = [Member(i, "Lê An", "x", date(2010, 5, 2)) for i in ("a", "b", "a")]
    >>> [(p.where, p.reason) for p in structure_problems(tree, members)]
    [("Đảng viên 'a'", 'mã bị trùng')]
    """
    if not isinstance(members, Sequence):
        # Read twice below (the ids sorted, then the records checked): a generator
        # would be used up by the first, and the check would see no member at all.
        members = list(members)
    ids = sorted_member_ids
    if ids is None:
        try:
            ids = sorted(member.id for member in members)
        except AttributeError:
            # A record of another kind among the members: the build names it.
            ids = sorted(m.id for m in members if isinstance(m, Member))
    # Neighbours in sorted order: one comparison per id, all in the interpreter's loops.
    duplicated = set(compress(ids, map(eq, ids, islice(ids, 1, None))))
    problems: list[Problem] = []
    with paused():
        _checked(organizations, members, units, problems, duplicated)
    return problems


def _checked(
    organizations: Iterable[Organization],
    members: Iterable[Member],
    units: Iterable[ResidentialUnit],
    problems: list[Problem],
    duplicated: set[str] | None,
) -> _Parts:
    """The parts of a tree, each problem found added to *problems* in the build's order.

    *duplicated*: the member ids known to be given more than once (then the members are
    checked, not kept); ``None``: found here, with a set of every id.
    """
    by_id: dict[str, Organization] = {}
    order: list[Organization] = []
    for org in organizations:
        if not isinstance(org, Organization):
            problems.append(_wrong_kind(org, "organizations", "Organization"))
            continue
        ident = org.id
        if ident in by_id:
            problems.append(
                Problem(record_where("Organization", ident), "id", ident, N_("mã bị trùng"))
            )
            continue
        # Most ids are printable, with no space at an end: nothing more to look at.
        if not ident.isprintable() or ident[:1].isspace() or ident[-1:].isspace():
            if _looks_like_another(ident):
                problems.append(
                    Problem(record_where("Organization", ident), "id", ident, _INVISIBLE)
                )
            padded = _padding_problem("Organization", ident)
            if padded is not None:
                problems.append(padded)
        by_id[ident] = org
        order.append(org)

    children: dict[str, list[str]] = {}
    roots: list[str] = []
    for org in order:
        if org.parent_id is None:
            roots.append(org.id)
            continue
        parent = by_id.get(org.parent_id)
        if parent is None:
            problems.append(
                Problem(
                    record_where("Organization", org.id),
                    "parent_id",
                    org.parent_id,
                    N_("không có tổ chức cấp trên mang mã này"),
                )
            )
            continue
        if parent.kind not in ALLOWED_PARENTS[org.kind]:
            reason = N_(
                "«{kind}» không thể trực thuộc «{parent}»",
                kind=org.kind.label,
                parent=parent.kind.label,
            )
            problems.append(
                Problem(record_where("Organization", org.id), "parent_id", parent.id, reason)
            )
        children.setdefault(parent.id, []).append(org.id)

    layout = PreOrder(_pre_order(by_id, children, roots))
    problems.extend(_cycles(by_id, layout.position))
    grouped = _group_members(members, by_id, problems, duplicated)
    unit_tuple = tuple(units)
    problems.extend(_unit_problems(unit_tuple, by_id))
    return by_id, children, roots, grouped, unit_tuple, layout


def _group_members(
    members: Iterable[Member],
    by_id: Mapping[str, Organization],
    problems: list[Problem],
    duplicated: set[str] | None,
) -> dict[str, list[Member]]:
    """The members by chi bộ, and the problems of each, in their order.

    *duplicated*: the ids known to be given more than once; then only those are
    remembered (not every id) and no member is kept (the result is empty).
    """
    grouped: dict[str, list[Member]] = {}
    if isinstance(members, (tuple, list)) and not members:
        return grouped  # a tree of no member (of a frame load's organizations, say)
    keep = duplicated is None
    # Without the ids known twice, every id is remembered to find them.
    ids: set[str] = set() if duplicated is None else duplicated
    seen_ids: set[str] = set()
    # Looked up once per organization, not once per member: this loop runs 5,6 million
    # times for a nation, and an enum property or an eager message costs a second there.
    chi_bo = {org_id for org_id, org in by_id.items() if org.kind.is_chi_bo}
    seen = ids.add
    for member in members:
        try:
            member_id, org_id = member.id, member.org_id
        except AttributeError:
            # No test per member for the right kind: this loop runs millions of times.
            problems.append(_wrong_kind(member, "members", "Member"))
            continue
        if member_id in ids:
            if keep or member_id in seen_ids:
                reason = N_("mã bị trùng")
                problems.append(Problem(record_where("Member", member_id), "id", member_id, reason))
                continue
            seen_ids.add(member_id)  # the first of an id known to be given twice
        elif keep:
            seen(member_id)
        if org_id not in chi_bo:
            where = record_where("Member", member_id)
            org = by_id.get(org_id)
            if org is None:
                problems.append(
                    Problem(where, "org_id", org_id, N_("không có tổ chức mang mã này"))
                )
            else:
                reason = N_(
                    "đảng viên phải thuộc một chi bộ, không phải «{kind}»", kind=org.kind.label
                )
                problems.append(Problem(where, "org_id", org_id, reason))
            continue
        if member.to_dang_id is not None:
            group = by_id.get(member.to_dang_id)
            if group is None or group.kind is not OrgKind.TO_DANG or group.parent_id != org_id:
                reason = N_("không phải tổ đảng của chi bộ của đảng viên")
                problems.append(
                    Problem(
                        record_where("Member", member_id), "to_dang_id", member.to_dang_id, reason
                    )
                )
        if not keep:
            continue
        group_list = grouped.get(org_id)
        if group_list is None:
            grouped[org_id] = [member]
        else:
            group_list.append(member)
    return grouped


def _unit_problems(
    units: Sequence[ResidentialUnit], by_id: Mapping[str, Organization]
) -> list[Problem]:
    problems: list[Problem] = []
    ids: set[str] = set()
    chi_bo_kinds = frozenset(kind for kind in OrgKind if kind.is_chi_bo)
    for unit in units:
        if not isinstance(unit, ResidentialUnit):
            problems.append(_wrong_kind(unit, "units", "ResidentialUnit"))
            continue
        unit_id, commune_id, chi_bo_id = unit.id, unit.commune_id, unit.chi_bo_id
        chi_bo = by_id.get(chi_bo_id) if chi_bo_id is not None else None
        if (
            unit_id not in ids
            and unit_id.isprintable()
            and not (unit_id[:1].isspace() or unit_id[-1:].isspace())
            and commune_id in by_id
            and (
                chi_bo_id is None
                or (
                    chi_bo is not None
                    and chi_bo.kind in chi_bo_kinds
                    and _under(chi_bo, commune_id, by_id)
                )
            )
        ):
            # Nothing to say of the unit: it is not named (named for every unit, the
            # naming cost more than the looking).
            ids.add(unit_id)
            continue
        where = record_where("ResidentialUnit", unit_id)
        if unit_id in ids:
            problems.append(Problem(where, "id", unit_id, N_("mã bị trùng")))
        elif _looks_like_another(unit_id):
            problems.append(Problem(where, "id", unit_id, _INVISIBLE))
        elif (padded := _padding_problem("ResidentialUnit", unit_id)) is not None:
            problems.append(padded)
        ids.add(unit_id)
        if commune_id not in by_id:
            problems.append(
                Problem(where, "commune_id", commune_id, N_("không có tổ chức mang mã này"))
            )
        if chi_bo_id is not None:
            if chi_bo is None:
                problems.append(
                    Problem(where, "chi_bo_id", chi_bo_id, N_("không có tổ chức mang mã này"))
                )
            elif not chi_bo.kind.is_chi_bo:
                problems.append(Problem(where, "chi_bo_id", chi_bo_id, N_("không phải một chi bộ")))
            elif commune_id in by_id and not _within(chi_bo, commune_id, by_id):
                # The unit is counted in its commune ("thôn có chi bộ"): a chi bộ of
                # another commune would be counted there as this commune's.
                reason = N_("chi bộ không thuộc tổ chức đảng của xã ghi ở commune_id")
                problems.append(Problem(where, "chi_bo_id", chi_bo_id, reason))
    return problems


def _under(chi_bo: Organization, commune_id: str, by_id: Mapping[str, Organization]) -> bool:
    """:func:`_within` for a chi bộ and the commune of a unit, which is one of *by_id*:
    most chi bộ are right under their commune or one level further down."""
    parent_id = chi_bo.parent_id
    if parent_id == commune_id:
        return True
    parent = by_id.get(parent_id) if parent_id is not None else None
    if parent is not None and parent.parent_id == commune_id:
        return True
    return _within(chi_bo, commune_id, by_id)


def _within(org: Organization, ancestor: str, by_id: Mapping[str, Organization]) -> bool:
    """Whether *org* is *ancestor* or below it (a cycle or a missing parent ends the walk:
    the build names those)."""
    seen: set[str] = set()
    current: Organization | None = org
    while current is not None and current.id not in seen:
        if current.id == ancestor:
            return True
        seen.add(current.id)
        current = by_id.get(current.parent_id) if current.parent_id is not None else None
    return False
