"""A tree's members as arrays, for counting breakdowns with numpy on the object path.

Reading a field off millions of :class:`~coso_dang.members.Member` objects costs the
interpreter a call per member, far more than the counting itself. A tree never changes
its members, so the fields a breakdown reads are read once per tree
(:meth:`OrgTree.member_index <coso_dang.tree.OrgTree.member_index>`) and kept as one
small integer per member: the number of its value among the distinct values of that
field (of those fields, or of :attr:`Attribute.value_of
<coso_dang.breakdowns.Attribute.value_of>`). A rollup then places each distinct value
once, by the attribute itself, and gives every member its value's key by indexing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from itertools import chain, repeat
from operator import attrgetter, is_, itemgetter
from types import SimpleNamespace
from typing import Any

import attrs

from coso_dang.breakdowns import Attribute
from coso_dang.members import Member, coded_values, completed_years
from coso_dang.tree import OrgTree

#: A missing leaving day, as a day number: after every day.
_NEVER = 2**31 - 1
#: A missing date as the day number of :meth:`MemberArrays.days`: before every day.
_NO_DAY = 0
#: How many placements (an attribute on a day) are kept: every breakdown of two
#: populations on a day or two, which a report's rollups share.
_DAYS_KEPT = 64


class MemberArrays:
    """Every member of a tree, chi bộ by chi bộ in the tree's order: each one's chi bộ
    (its number in that listing), its admission and leaving days, and the distinct
    values of the fields breakdowns read (made when first asked).
    """

    __slots__ = (
        "_days",
        "_distinct",
        "_placed",
        "_seen",
        "admitted",
        "chi_bo",
        "left",
        "members",
        "places",
    )

    def __init__(self, np: Any, tree: OrgTree) -> None:
        position = tree.pre_order().position
        # The chi bộ in the tree's order, whatever the order of the input: each chi bộ's
        # members then follow each other, and so do those of a run of chi bộ, which the
        # counting takes a run at a time.
        listed = sorted(
            ((position[org_id], group) for org_id, group in tree.member_groups()),
            key=itemgetter(0),
        )
        groups = [group for _, group in listed]
        members: list[Member] = list(chain.from_iterable(groups))
        size = len(members)
        self.members = members
        sizes = np.fromiter(map(len, groups), np.int64, len(groups))
        #: The positions in the tree of the chi bộ with members, in the tree's order.
        self.places = np.fromiter((at for at, _ in listed), np.int64, len(listed))
        #: Each member's chi bộ, by its number in :attr:`places` (ascending): counts by
        #: chi bộ come out in the tree's order, ready to be summed up it.
        self.chi_bo = np.repeat(np.arange(len(listed), dtype=np.int64), sizes)
        #: Each member's admission day, as a day number (``date.toordinal``).
        self.admitted = np.fromiter(
            map(date.toordinal, map(attrgetter("admitted_on"), members)), np.int32, size
        )
        #: Each member's leaving day as a day number, :data:`_NEVER` when none.
        self.left = np.fromiter(
            (
                _NEVER if day is None else day.toordinal()
                for day in map(attrgetter("left_on"), members)
            ),
            np.int32,
            size,
        )
        # The day numbers of each date field read (none: _NO_DAY), shared by the
        # breakdowns of it: the admission's by the eras and the probation.
        self._days: dict[str, Any] = {"admitted_on": self.admitted}
        self._distinct: dict[object, tuple[list[Any], Any]] = {}
        self._placed: dict[tuple[object, date], Any] = {}
        self._seen: dict[object, Any] = {}

    @staticmethod
    def of(np: Any, tree: OrgTree) -> MemberArrays:
        """The arrays of *tree*'s members, made once per tree."""
        return tree.member_index(MemberArrays, lambda: MemberArrays(np, tree))

    def distinct(
        self, np: Any, reads: tuple[str, ...], value_of: Callable[[Member], object] | None = None
    ) -> tuple[list[Any], Any]:
        """A member (or a stand-in with those fields) holding each distinct value of the
        fields *reads* (or of *value_of*, when given), and each member's number among
        those values (an array).

        A coded value or a flag is one object per value, told apart by identity (no
        Python hashing of enum members); a date or another open value by equality.
        """
        key = (reads, value_of)
        found = self._distinct.get(key)
        if found is None:
            found = self._distinct[key] = self._number(np, reads, value_of)
        return found

    def seen(
        self, np: Any, reads: tuple[str, ...], value_of: Callable[[Member], object] | None = None
    ) -> Any:
        """Which of the distinct values of :meth:`distinct` some member holds (an array
        of flags), or ``None`` when each does: a coded field's values are every code it
        can take, held or not."""
        key = (reads, value_of)
        if key not in self._seen:
            holders, index = self.distinct(np, reads, value_of)
            found = None
            if index.dtype == np.uint8:  # numbered among every code (see _number)
                found = np.zeros(len(holders), bool)
                found[index] = True
            self._seen[key] = found
        return self._seen[key]

    def placed(
        self, np: Any, attribute: Attribute, on: date, slots: Mapping[str | None, int]
    ) -> Any:
        """Each distinct value of *attribute*'s fields (:meth:`distinct`) placed on *on*,
        as the slot of its category (*slots*, ``None`` for no row): an array, made once
        per attribute and day for the days last asked about."""
        key = (attribute, on)
        found = self._placed.get(key)
        if found is None:
            holders, _ = self.distinct(np, attribute.reads, attribute.value_of)
            place = attribute.place
            found = np.fromiter(
                map(slots.__getitem__, map(place, holders, repeat(on))), np.int64, len(holders)
            )
            if len(self._placed) >= _DAYS_KEPT:
                self._placed.clear()
            self._placed[key] = found
        return found

    def ages(self, np: Any, on: date) -> Any:
        """Each distinct birth day's age on *on* (0 for none), made once per day."""
        key = ("ages", on)
        found = self._placed.get(key)
        if found is None:
            born, _ = self.distinct(np, ("birth_date",))
            found = np.fromiter(
                (0 if m.birth_date is None else completed_years(m.birth_date, on) for m in born),
                np.int64,
                len(born),
            )
            if len(self._placed) >= _DAYS_KEPT:
                self._placed.clear()
            self._placed[key] = found
        return found

    def days(self, np: Any, name: str) -> Any:
        """Each member's date *name* as a day number (:data:`_NO_DAY` for none), read once."""
        found = self._days.get(name)
        if found is None:
            values = list(map(attrgetter(name), self.members))
            found = self._days[name] = _day_numbers(np, values, _NO_DAY)
        return found

    def _number(
        self, np: Any, reads: tuple[str, ...], value_of: Callable[[Member], object] | None
    ) -> tuple[list[Any], Any]:
        members = self.members
        if value_of is None and len(reads) == 1 and _is_date(reads[0]):
            # A date is numbered by its day number, read once per field and shared (the
            # admission's by the eras and the day counts): no hashing of dates.
            return self._number_days(np, reads[0])
        if value_of is None and len(reads) == 1:
            # One field: each value placed as the only field of a stand-in, as breakdowns
            # read it; a coded one numbered among every value it can take.
            name = reads[0]
            known = coded_values(name)
            if known is None:
                values = list(map(attrgetter(name), members))
                number = {value: at for at, value in enumerate(set(values))}
                index = np.fromiter(map(number.__getitem__, values), np.int32, len(values))
                return [SimpleNamespace(**{name: value}) for value in number], index
            if len(known) < 256:
                slot = {id(value): at for at, value in enumerate(known)}
                read = map(id, map(attrgetter(name), members))
                try:
                    numbers = bytearray(map(slot.__getitem__, read))
                except KeyError:  # a value not one of those objects (its class imported
                    pass  # a second time, as doctest runners may do): numbered below
                else:
                    stand_ins = [SimpleNamespace(**{name: value}) for value in known]
                    return stand_ins, np.frombuffer(numbers, np.uint8)
        keys: list[Any]
        if value_of is not None:
            keys = list(map(value_of, members))
        else:
            columns = [self._keys(name) for name in reads]
            keys = columns[0] if len(columns) == 1 else list(zip(*columns, strict=True))
        holder = dict(zip(keys, members, strict=True))  # a member of each value
        number = {key: at for at, key in enumerate(holder)}
        index = np.fromiter(map(number.__getitem__, keys), np.int64, len(keys))
        return list(holder.values()), index

    def _number_days(self, np: Any, name: str) -> tuple[list[Any], Any]:
        # Each day numbered by a table over the days from the first to the last (at
        # most some 3,7 million): no sorting and no hashing.
        day = self.days(np, name)
        if not len(day):
            return [], np.zeros(0, np.int32)
        first = int(day.min())
        seen = np.zeros(int(day.max()) - first + 1, bool)
        seen[day - first] = True
        index = (np.cumsum(seen, dtype=np.int32) - 1)[day - first]
        stand_ins = [
            SimpleNamespace(**{name: None if d == _NO_DAY else date.fromordinal(d)})
            for d in (np.flatnonzero(seen) + first).tolist()
        ]
        return stand_ins, index

    def _keys(self, name: str) -> list[Any]:
        values = list(map(attrgetter(name), self.members))
        return values if coded_values(name) is None else list(map(id, values))


def _is_date(name: str) -> bool:
    """Whether :class:`Member` field *name* holds a date (or none)."""
    attrs.resolve_types(Member)
    kind = attrs.fields_dict(Member)[name].type
    parts = getattr(kind, "__args__", (kind,))
    return date in parts and all(part in (date, type(None)) for part in parts)


def _day_numbers(np: Any, values: list[date | None], missing: int) -> Any:
    """Each of *values* as its day number (``date.toordinal``), *missing* for none: an
    array of 32-bit integers, read by the interpreter's own loops (no Python loop body
    per member)."""
    size = len(values)
    if None not in values:
        every: list[date] = values  # type: ignore[assignment]  # none is None
        return np.fromiter(map(date.toordinal, every), np.int32, size)
    none = np.fromiter(map(is_, values, repeat(None)), bool, size)
    filled = np.array(values, dtype=object)
    filled[none] = date.min
    found = np.fromiter(map(date.toordinal, filled), np.int32, size)
    found[none] = missing
    return found
