"""Structure: an organization tree on a date, the subject of the charter checks.

Kept apart from :mod:`coso_dang.rules.charter` so that the rule mechanism can build
one from a rollup without importing the charter rules themselves.

The counts the checks read (members, official members and chi ủy members of each
organization and of its subtree) are taken in one pass over the members, the first
time a check asks, and kept: a nation's checks then cost one look-up per organization
instead of a walk of its members. A structure can also be made from tables
(:meth:`Structure.from_frames`): the counts are then taken inside the table's engine,
and member records are built only for the members a check reports on.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import cached_property
from operator import attrgetter
from typing import Any

from attrs import field, frozen

from coso_dang._checks import as_day
from coso_dang._deprecation import deprecated
from coso_dang.errors import UnknownIdError, UsageError
from coso_dang.i18n import N_, TypeName
from coso_dang.members import CommitteeRole, Member, official_by
from coso_dang.orgs import Organization
from coso_dang.tree import OrgTree

__all__ = ["OwnCounts", "Structure", "StructureCounts"]

#: Makes each organization's own counts (members, official, chi ủy, bí thư, phó bí thư),
#: by position, from the positions and their number.
OwnCounts = Callable[[dict[str, int], int], tuple[list[int], ...]]


@frozen(eq=False)
class StructureCounts:
    """Per organization (by position in the tree's pre-order): members on the rolls,
    official members and chi ủy members, its own and its subtree's; and its own bí thư
    and phó bí thư.

    Internal to the checks; made once per :class:`Structure`.
    """

    position: dict[str, int]
    own: tuple[list[int], list[int], list[int], list[int], list[int]]
    subtree: tuple[list[int], list[int]]

    @classmethod
    def of(cls, tree: OrgTree, own: OwnCounts) -> StructureCounts:
        """Counts from *own* (members, official, chi ủy, bí thư, phó bí thư per position),
        summed up the tree."""
        walked = tree.pre_order()
        size = len(walked.order)
        active, official, committee, secretaries, deputies = own(walked.position, size)
        all_active, all_official = list(active), list(official)
        # Children come after their parent in pre-order: backwards, each adds to it.
        for i in range(size - 1, -1, -1):
            up = walked.parent[i]
            if up >= 0:
                all_active[up] += all_active[i]
                all_official[up] += all_official[i]
        own_counts = (active, official, committee, secretaries, deputies)
        return cls(walked.position, own_counts, (all_active, all_official))

    def get(self, org_id: str, which: int, recursive: bool) -> int:
        """Count *which* (0 members, 1 official, 2 chi ủy, 3 bí thư, 4 phó bí thư; the
        last three never *recursive*) of *org_id*."""
        at = self.position.get(org_id)
        if at is None:
            # Ids are kept composed to NFC: an id typed in NFD is the same id.
            at = self.position.get(unicodedata.normalize("NFC", org_id))
        if at is None:
            # Named as the tree names it (Structure.members raises the tree's): a bare
            # KeyError said neither what was missing nor from what.
            reason = N_("không có tổ chức mang mã {id} trong cây", id=repr(org_id))
            raise UnknownIdError(org_id, reason)
        return (self.subtree if recursive else self.own)[which][at]


def _own_from_records(tree: OrgTree, on: date) -> OwnCounts:
    def own(position: dict[str, int], size: int) -> tuple[list[int], ...]:
        active, official, committee = [0] * size, [0] * size, [0] * size
        secretaries, deputies = [0] * size, [0] * size
        # Official (status CHINH_THUC) once the 12-month mark is passed: one comparison.
        by = official_by(on)
        for org_id, group in tree.member_groups():
            at = position.get(org_id)
            if at is None:
                continue
            a = o = c = b = d = 0
            for m in group:
                if m.admitted_on <= on and (m.left_on is None or on < m.left_on):
                    a += 1
                    if (m.ceremony_on or m.admitted_on) <= by:
                        o += 1
                    role = m.committee_role
                    if role is not None:
                        c += 1
                        b += role is CommitteeRole.BI_THU
                        d += role is CommitteeRole.PHO_BI_THU
            active[at], official[at], committee[at] = a, o, c
            secretaries[at], deputies[at] = b, d
        return active, official, committee, secretaries, deputies

    return own


def _structure_tree(instance: Structure, attribute: Any, value: Any) -> None:
    if not isinstance(value, OrgTree):
        raise UsageError("Structure", "tree", N_("một OrgTree"), value)


def _structure_day(instance: Structure, attribute: Any, value: Any) -> None:
    if not isinstance(value, date):
        raise UsageError("Structure", "as_of", N_("một {kind}", kind=TypeName("date")), value)


@frozen(eq=False)
class Structure:
    """An organization tree on a date: the subject of the charter checks.

    A :class:`~coso_dang.rules.RuleSet` builds one from a rollup counted from records
    (its tree on its ``as_of`` date), so the charter checks run on a rollup too.

    >>> from coso_dang import Organization, OrgKind, OrgTree
    >>> tree = OrgTree.build([Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO)])
    >>> Structure(tree, date(2025, 12, 31)).official_count("cb")
    0
    """

    tree: OrgTree = field(validator=_structure_tree)
    #: The reporting date, under the one name the library gives it (as ``rollup``'s). A
    #: datetime (as pandas or a spreadsheet gives a day) is its date: kept as it was,
    #: the checks compared it with the members' dates in Python's English TypeError.
    as_of: date = field(converter=as_day, validator=_structure_day)
    #: The members read from tables (:meth:`from_frames`), or None: the tree's records.
    table: Any = field(default=None, kw_only=True, repr=False)

    @classmethod
    def from_frames(cls, tree: OrgTree, members: Any, as_of: date) -> Structure:
        """The structure of *tree* on *as_of* with its members in a table.

        *members* is a members table of any engine narwhals reads (polars, pandas,
        pyarrow, a polars ``LazyFrame``, DuckDB...) with the columns the charter checks
        read: ``id``, ``org_id``, ``full_name``, ``admitted_on``, ``ceremony_on``,
        ``official_on``, ``left_on``, ``committee_role`` and ``birth_date`` (a missing
        optional date column reads as not recorded). The counts are taken inside the
        engine; a member record is built only for a member a check reports on, so the
        checks give the same results as on the records, without building millions of
        them. *tree* holds the organizations (its own members, if any, are not read).
        An eager table's members are reported in its order, grouped by chi bộ as a
        tree groups records; a lazy engine's rows have no order, so there the same
        results may come in another order. Values are read as a record reads them: ids
        in NFC, a datetime as its day (a zoned one as its day in Vietnam), a date held
        as ISO text as its day (white space around; a blank text is no date), a column
        left empty throughout (pandas' floats, all NaN) as nothing recorded; other
        columns of the table are not read.

        Raises:
            MissingExtraError: narwhals is not installed.
            ValueError: a needed column is missing.
            TreeError: a date held as text that is no day, naming its members.
            TreeError: when the checks first read the members, rows that make no tree
                (an id twice, a member of an organization not in *tree* or not a chi
                bộ, a ``committee_role`` that is none of the codes ``bi_thu``,
                ``pho_bi_thu``, ``uy_vien``), as :meth:`OrgTree.build
                <coso_dang.OrgTree.build>` and a record refuse them.
        """
        from coso_dang.rules._tables import MemberTable

        return cls(tree, as_of, table=MemberTable.of(members, tree))

    @property
    def on(self) -> date:
        """Deprecated: the old name of :attr:`as_of`."""
        deprecated("Structure.on", "Structure.as_of")
        return self.as_of

    @cached_property
    def counts(self) -> StructureCounts:
        """The members, official members and chi ủy members of each organization."""
        if self.table is not None:
            return StructureCounts.of(self.tree, self.table.own_counts(self.as_of))
        return StructureCounts.of(self.tree, _own_from_records(self.tree, self.as_of))

    def members(self, org_id: str, *, recursive: bool = False) -> list[Member]:
        """The members on the rolls of *org_id* (or its subtree) on the date.

        From a table (:meth:`from_frames`), the records carry the columns the checks
        read, and the other fields their defaults.
        """
        if self.table is not None:
            org_id = self.tree[org_id].id  # as stored (NFC), or KeyError
            ids = [o.id for o in self.tree.walk(org_id)] if recursive else [org_id]
            found: Iterable[Member] = self.table.members_of(ids)
        else:
            found = self.tree.members_of(org_id, recursive=recursive)
        return [m for m in found if m.is_active(self.as_of)]

    def member_count(self, org_id: str, *, recursive: bool = False) -> int:
        """How many members *org_id* (or its subtree) has on the rolls on the date."""
        return self.counts.get(org_id, 0, recursive)

    def official_count(self, org_id: str, *, recursive: bool = False) -> int:
        """How many official members *org_id* (or its subtree) has on the date."""
        return self.counts.get(org_id, 1, recursive)

    def committee_count(self, org_id: str) -> int:
        """How many members of chi bộ *org_id* on the rolls hold a committee role."""
        return self.counts.get(org_id, 2, False)

    def role_count(self, org_id: str, role: CommitteeRole) -> int:
        """How many members of chi bộ *org_id* on the rolls hold *role*."""
        get = self.counts.get
        if role is CommitteeRole.BI_THU:
            return get(org_id, 3, False)
        if role is CommitteeRole.PHO_BI_THU:
            return get(org_id, 4, False)
        # The ủy viên are the seats that are neither.
        return get(org_id, 2, False) - get(org_id, 3, False) - get(org_id, 4, False)

    def active_members(self, where: Callable[[Structure], Any] | None = None) -> Sequence[Member]:
        """The members on the rolls on the date, grouped by chi bộ as the tree holds them.

        *where* (read for a structure made from tables only) gives the narwhals
        expression of the members a check may concern, so that records are built for
        those rows only.
        """
        if self.table is not None:
            found: list[Member] = self.table.active(self.as_of, where and where(self))
            return found
        return self._active

    @cached_property
    def active_organizations(self) -> tuple[Organization, ...]:
        """The organizations of the tree that exist on the date, in pre-order.

        Found once for every check of the structure: each organization check walked the
        nation's tree and asked each organization its dates again.
        """
        on = self.as_of
        return tuple([org for org in self.tree.walk() if org.is_active(on)])

    @cached_property
    def _active(self) -> tuple[Member, ...]:
        on = self.as_of
        return tuple(
            [
                m
                for _, group in self.tree.member_groups()
                for m in group
                if m.admitted_on <= on and (m.left_on is None or on < m.left_on)
            ]
        )

    @cached_property
    def records_members(self) -> bool:
        """True when the tree (or the table) holds any member record.

        A tree of organizations alone says nothing of their members: its counts of 0
        are unknown, not zero.
        """
        if self.table is not None:
            return bool(self.table.any_given("id"))
        return next(iter(self.tree.members()), None) is not None

    @cached_property
    def records_official_dates(self) -> bool:
        """True when any member record gives an ``official_on`` (decisions are recorded)."""
        if self.table is not None:
            return bool(self.table.any_given("official_on"))
        # A date is never false: the first one recorded answers, at C speed.
        return any(map(attrgetter("official_on"), self.tree.members()))

    @cached_property
    def records_committees(self) -> bool:
        """True when any member record gives a committee role (else chi ủy are unknown)."""
        if self.table is not None:
            return bool(self.table.any_given("committee_role"))
        return any(map(attrgetter("committee_role"), self.tree.members()))
