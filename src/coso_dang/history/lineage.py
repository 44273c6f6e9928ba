"""Organization lineage: the tree on any date, and what each unit became.

:class:`Lineage` holds every organization that ever existed, each as it was *first*
recorded (its name, kind and superior when founded), and the :class:`OrgEvent` records
that changed them: thành lập, sáp nhập and hợp nhất (many into one), chia tách (one into
many, the first successor continuing), giải thể and giải tán, đổi tên, chuyển giao (to
another superior), nâng cấp and hạ cấp. An organization with no founding day (neither
``founded_on`` nor a thành lập) is founded by the hợp nhất or chia tách that makes it,
else with the superior it was first recorded under. From them it gives:

- :meth:`Lineage.tree_on`: the :class:`~coso_dang.OrgTree` of a date. What an ended
  organization held goes to its successor: its subordinate organizations, unless moved
  by a chuyển giao, and its members, who follow a merger without a transfer event.
- :meth:`Lineage.mapping`: for every organization that no longer exists on a date, the
  one its members and figures are counted in then; chains of mergers are followed to
  their end.
- :meth:`Lineage.restate`: last year's rollup restated on this year's units ("cùng kỳ
  năm trước"), keeping every total of the whole.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

import attrs

from coso_dang.errors import Problem, TreeError, UnknownIdError, UsageError, record_where
from coso_dang.history.events import OrgEvent, OrgEventKind
from coso_dang.i18n import N_
from coso_dang.members import Member
from coso_dang.orgs import Organization, OrgKind, ResidentialUnit
from coso_dang.rollup import Rollup
from coso_dang.tally import Tally
from coso_dang.tree import OrgTree

__all__ = ["Lineage"]

_O = OrgEventKind
_UPGRADED = {
    _O.NANG_CAP: (OrgKind.CHI_BO_CO_SO, OrgKind.DANG_BO_CO_SO),
    _O.HA_CAP: (OrgKind.DANG_BO_CO_SO, OrgKind.CHI_BO_CO_SO),
}
#: The level a nâng cấp or hạ cấp without ``new_kind`` leads to, from the level before: a
#: chi bộ trực thuộc grows into a đảng bộ bộ phận (it stays inside its đảng bộ cơ sở, where
#: no đảng bộ cơ sở may stand), and back.
_NEXT_LEVEL = {
    (_O.NANG_CAP, OrgKind.CHI_BO_CO_SO): OrgKind.DANG_BO_CO_SO,
    (_O.NANG_CAP, OrgKind.CHI_BO_TRUC_THUOC): OrgKind.DANG_BO_BO_PHAN,
    (_O.HA_CAP, OrgKind.DANG_BO_CO_SO): OrgKind.CHI_BO_CO_SO,
    (_O.HA_CAP, OrgKind.DANG_BO_BO_PHAN): OrgKind.CHI_BO_TRUC_THUOC,
}


def _of_kind(records: Sequence[object], kind: type, argument: str, expected: str) -> None:
    """Refuse a record of another kind among *records* (a member among the organizations,
    a ``None``): its missing fields failed far inside, in Python's English words."""
    for record in records:
        if not isinstance(record, kind):
            raise UsageError("Lineage", argument, expected, record)


class Lineage:
    """Organizations over time, from their first records and their events.

    Problems in the events (an unknown organization, an event after an organization
    ended, a merger into itself through a chain) are collected in :meth:`problems`.

    >>> orgs = [
    ...     Organization("T", "Đảng bộ tỉnh T", OrgKind.DANG_BO_TINH),
    ...     Organization("H", "Đảng bộ huyện H", OrgKind.DANG_BO_CAP_TREN_CO_SO, parent_id="T"),
    ...     Organization("X1", "Đảng bộ xã X1", OrgKind.DANG_BO_CO_SO, parent_id="H"),
    ...     Organization("X2", "Đảng bộ xã X2", OrgKind.DANG_BO_CO_SO, parent_id="H"),
    ...     Organization("X", "Đảng bộ xã X", OrgKind.DANG_BO_CAP_TREN_CO_SO, parent_id="T"),
    ... ]
    >>> day = date(2025, 7, 1)
    >>> lineage = Lineage(orgs, [
    ...     OrgEvent("X", OrgEventKind.THANH_LAP, day),
    ...     OrgEvent("X1", OrgEventKind.HOP_NHAT, day, into=["X"]),
    ...     OrgEvent("X2", OrgEventKind.HOP_NHAT, day, into=["X"]),
    ...     OrgEvent("H", OrgEventKind.GIAI_THE, day),
    ... ])
    >>> [org.id for org in lineage.tree_on(date(2024, 12, 31))]
    ['T', 'H', 'X1', 'X2']
    >>> [org.id for org in lineage.tree_on(day)]
    ['T', 'X']
    >>> lineage.mapping(day)
    {'H': 'T', 'X1': 'X', 'X2': 'X'}
    """

    def __init__(self, organizations: Iterable[Organization], events: Iterable[OrgEvent] = ()):
        self._first: dict[str, Organization] = {}
        problems: list[Problem] = []
        for argument, records, expected in (
            ("organizations", organizations, N_("các bản ghi Organization")),
            ("events", events, N_("các bản ghi OrgEvent")),
        ):
            # None failed with Python's "object is not iterable".
            if not isinstance(records, Iterable) or isinstance(records, str | bytes):
                raise UsageError("Lineage", argument, expected, records)
        organizations, events = list(organizations), list(events)
        _of_kind(organizations, Organization, "organizations", N_("các bản ghi Organization"))
        _of_kind(events, OrgEvent, "events", N_("các bản ghi OrgEvent"))
        for org in organizations:
            if org.id in self._first:
                problems.append(
                    Problem(record_where("Organization", org.id), "id", org.id, N_("mã bị trùng"))
                )
                continue
            self._first[org.id] = org
        self._events = sorted(events, key=lambda e: e.on)
        self._ended: dict[str, OrgEvent] = {}
        self._founded: dict[str, date] = {}
        # The organizations an event ends: the others end on their record's dissolved_on.
        ending = {event.org_id for event in self._events if event.kind.ends}
        for event in self._events:
            where = record_where("OrgEvent", event.org_id)
            for field, ids in (("org_id", (event.org_id,)), ("into", event.into)):
                for oid in ids:
                    if oid not in self._first:
                        problems.append(
                            Problem(where, field, oid, N_("không có tổ chức mang mã này"))
                        )
            if event.parent_id is not None and event.parent_id not in self._first:
                problems.append(
                    Problem(where, "parent_id", event.parent_id, N_("không có tổ chức mang mã này"))
                )
            ended = self._ended.get(event.org_id)
            first = self._first.get(event.org_id)
            if ended is not None or (
                event.org_id not in ending
                and first is not None
                and first.dissolved_on is not None
                and first.dissolved_on <= event.on
            ):
                # After its end, by an event or by its record alike: the event changed
                # nothing of an organization gone.
                problems.append(
                    Problem(
                        where,
                        "on",
                        event.on.isoformat(),
                        N_("có sự kiện sau khi tổ chức đã thôi tồn tại"),
                    )
                )
                continue
            if event.kind.ends:
                self._ended[event.org_id] = event
                if first is not None and first.dissolved_on not in (None, event.on):
                    # Two ending days: the event's is counted (it says what became of
                    # the organization: a merger's members go to the successor, not to
                    # the superior as on a dissolution), and the record's is named.
                    problems.append(
                        Problem(
                            where, "on", event.on.isoformat(), N_("không khớp với dissolved_on")
                        )
                    )
            elif event.kind is _O.THANH_LAP:
                founded = self._founded.get(event.org_id)
                if founded is None:
                    self._founded[event.org_id] = event.on
                    if first is not None and first.founded_on not in (None, event.on):
                        # Two founding days: the event's is counted, and the record's
                        # (the organization absent, or present, in between) is named.
                        problems.append(
                            Problem(
                                where, "on", event.on.isoformat(), N_("không khớp với founded_on")
                            )
                        )
                else:
                    # Founded once: a later thành lập (a copy, or the founding written
                    # again after a reorganization) would leave the organization out of
                    # every tree between the two days, its members with no chi bộ.
                    problems.append(
                        Problem(
                            where,
                            "on",
                            event.on.isoformat(),
                            N_("thành lập lần thứ hai: tính theo lần thành lập đầu tiên"),
                        )
                    )
        for event in self._events:
            if event.kind is _O.HOP_NHAT or event.kind is _O.CHIA_TACH:
                # A hợp nhất or a chia tách makes new organizations: one with no
                # founding day of its own is founded by it (it stood, empty, beside
                # those it came from, and was counted among the chi bộ of the years
                # before).
                for oid in event.into:
                    first = self._first.get(oid)
                    if first is not None and first.founded_on is None:
                        self._founded.setdefault(oid, event.on)
        problems.extend(self._out_of_time())
        for oid in self._ended:
            if self._reaches(oid, oid):
                problems.append(
                    Problem(record_where("OrgEvent", oid), "into", oid, N_("sáp nhập vào chính nó"))
                )
        self._problems = tuple(problems)

    def _out_of_time(self) -> Iterator[Problem]:
        """Events naming an organization on a day it did not exist: the organization
        itself before its founding, a successor or new superior not yet founded or
        already ended (an organization ended on the event's day may still merge on: a
        chain of mergers on one day)."""
        # The superiors moved by the events before the one read (one pass, in date order).
        moved: dict[str, str | None] = {}
        events, passed = self._events, 0
        for event in events:
            where, on = record_where("OrgEvent", event.org_id), event.on
            while passed < len(events) and events[passed].on < on:
                earlier = events[passed]
                if earlier.kind is _O.CHUYEN_GIAO or (
                    earlier.kind is _O.THANH_LAP and earlier.parent_id is not None
                ):
                    moved[earlier.org_id] = earlier.parent_id
                passed += 1
            if event.kind is not _O.THANH_LAP and self._before_founding(event.org_id, on):
                yield Problem(
                    where, "on", on.isoformat(), N_("có sự kiện trước khi tổ chức được thành lập")
                )
            others = [("into", oid) for oid in event.into]
            if event.parent_id is not None:
                others.append(("parent_id", event.parent_id))
            for field, oid in others:
                if oid not in self._first:
                    continue  # named above as unknown
                # An upgrade's chi bộ trực thuộc is under it by its nature; a merger's or
                # a split's successor under the organization ended is a contradiction.
                # A new superior under the organization itself makes a loop of superiors.
                if (field == "parent_id" or event.kind not in _UPGRADED) and event.org_id in (
                    self._superiors(oid, moved)
                ):
                    yield Problem(where, field, oid, N_("trực thuộc chính tổ chức này"))
                if self._before_founding(oid, on):
                    yield Problem(where, field, oid, N_("chưa được thành lập vào ngày của sự kiện"))
                elif self._ended_before(oid, on):
                    yield Problem(where, field, oid, N_("đã thôi tồn tại trước ngày của sự kiện"))

    def _superiors(self, org_id: str, moved: dict[str, str | None]) -> set[str]:
        """The organizations above *org_id*, as first recorded or as *moved* (a loop of
        superiors ends the walk)."""
        above: set[str] = set()
        current = org_id
        while True:
            first = self._first.get(current)
            parent = moved.get(current, None if first is None else first.parent_id)
            if parent is None or parent in above:
                return above
            above.add(parent)
            current = parent

    def _record(self, org_id: str) -> Organization:
        """The first record of *org_id*; an unknown id is a KeyError that names it (a
        bare ``KeyError: 'x'`` said neither what nor from what)."""
        found = self._first.get(org_id)
        if found is None and isinstance(org_id, str):
            # The records' ids are composed to NFC: an id typed in NFD is the same id, as
            # the tree and the rollup find it.
            found = self._first.get(unicodedata.normalize("NFC", org_id))
        if found is not None:
            return found
        reason = N_("không có tổ chức mang mã {id} trong lịch sử tổ chức", id=repr(org_id))
        raise UnknownIdError(org_id, reason)

    def _before_founding(self, org_id: str, on: date) -> bool:
        org = self._first.get(org_id)
        if org is None:
            return False
        founded = self._founded.get(org_id, org.founded_on)
        return founded is not None and on < founded

    def _ended_before(self, org_id: str, on: date) -> bool:
        ended = self._ended.get(org_id)
        if ended is not None:
            return ended.on < on  # its ending event's day, not the record's (named)
        dissolved = self._first[org_id].dissolved_on
        return dissolved is not None and dissolved < on

    def _reaches(self, start: str, goal: str) -> bool:
        """True when the successors of *start*, followed to their ends, come to *goal*."""
        stack, seen = [start], set()
        while stack:
            event = self._ended.get(stack.pop())
            for successor in () if event is None else event.into:
                if successor == goal:
                    return True
                if successor not in seen:
                    seen.add(successor)
                    stack.append(successor)
        return False

    def problems(self) -> tuple[Problem, ...]:
        """Every problem found in the organizations and their events."""
        return self._problems

    def organizations(self) -> tuple[Organization, ...]:
        """Every organization, as first recorded, in input order."""
        return tuple(self._first.values())

    def events(self) -> tuple[OrgEvent, ...]:
        """The events, in date order."""
        return tuple(self._events)

    # -- a date's organizations ---------------------------------------------------------------

    def exists(self, org_id: str, on: date) -> bool:
        """True when *org_id* exists on *on*: founded, not yet ended.

        Raises:
            KeyError: no such organization.
        """
        org = self._record(org_id)
        org_id = org.id  # as the records hold it (NFC)
        if not self._was_founded(org_id, on):
            return False
        ended = self._ended.get(org_id)
        if ended is not None:
            # The ending event's day, not the record's dissolved_on when they differ
            # (named): gone before it, its members went to the superior, not to the
            # successor the event names.
            return on < ended.on
        return org.dissolved_on is None or on < org.dissolved_on

    def organizations_on(self, on: date) -> tuple[Organization, ...]:
        """The organizations that exist on *on*, as they are then.

        Names, kinds and superiors follow the events up to *on*; a subordinate of an
        organization that ended goes to its successor.
        """
        changes: dict[str, dict[str, object]] = {}
        for event in self._events:
            if event.on > on:
                break
            kind = event.kind
            if kind is _O.DOI_TEN:
                changes.setdefault(event.org_id, {})["name"] = event.name
            elif kind is _O.CHUYEN_GIAO:
                changes.setdefault(event.org_id, {})["parent_id"] = event.parent_id
            elif kind in _UPGRADED:
                update = changes.setdefault(event.org_id, {})
                first = self._first.get(event.org_id)
                before = update.get("kind", None if first is None else first.kind)
                derived = _NEXT_LEVEL.get((kind, before)) if isinstance(before, OrgKind) else None
                update["kind"] = event.new_kind or derived or _UPGRADED[kind][1]
            elif kind is _O.THANH_LAP and event.parent_id is not None:
                changes.setdefault(event.org_id, {})["parent_id"] = event.parent_id
        result: list[Organization] = []
        for oid, org in self._first.items():
            if not self.exists(oid, on):
                continue
            update = dict(changes.get(oid, {}))
            # The days counted, where the events' differ from the record's (named): a
            # record kept dissolved (or not yet founded) on a day the organization
            # exists was left out of the counts of its tree (Organization.is_active).
            founded, ended = self._founded.get(oid), self._ended.get(oid)
            if org.founded_on is not None and founded not in (None, org.founded_on):
                update["founded_on"] = founded
            if ended is not None and org.dissolved_on not in (None, ended.on):
                update["dissolved_on"] = ended.on
            parent = update.get("parent_id", org.parent_id)
            if isinstance(parent, str) and parent in self._first and not self.exists(parent, on):
                target = self._target(parent, on)
                seen = {oid}
                while target == oid and parent is not None:
                    # Its superior merged into it (a problem of the events): it takes the
                    # superior's place, under the superior's own superior. A loop of
                    # superiors (named) leaves it with none.
                    if parent in seen:
                        target = None
                        break
                    seen.add(parent)
                    parent = self._parent_before(parent, on)
                    target = None if parent is None else self._target(parent, on)
                update["parent_id"] = target
            result.append(attrs.evolve(org, **update) if update else org)  # type: ignore[arg-type]
        return tuple(result)

    def tree_on(
        self,
        on: date,
        members: Iterable[Member] = (),
        units: Iterable[ResidentialUnit] = (),
    ) -> OrgTree:
        """The :class:`~coso_dang.OrgTree` of *on*, with the members on the rolls then.

        A member on the rolls of an organization that ended is placed in its successor
        (``org_id`` changed, and the tổ đảng left out if it does not follow); members
        not on the rolls on *on* whose chi bộ no longer exists are left out.
        Residential units follow their commune and chi bộ the same way.

        Raises:
            TreeError: the organizations of that day do not make a valid tree.
        """
        orgs = self.organizations_on(on)
        present = {org.id for org in orgs}
        # With the members of an upgraded organization in its chi bộ trực thuộc.
        mapping = self.mapping(on)
        kinds = {org.id: org.kind for org in orgs}
        placed: list[Member] = []
        unplaced: list[Problem] = []
        for member in members:
            org_id = member.org_id
            if org_id not in present and not member.is_active(on):
                continue  # on no list that day, in a chi bộ that is gone
            target = mapping.get(org_id, org_id if org_id in present else None)
            if target is None or target == org_id:
                placed.append(member)
            elif target in kinds and not kinds[target].is_chi_bo:
                # Its chi bộ ended with no chi bộ to succeed it (giải thể): the member,
                # still on the rolls, was never moved. Named by the chi bộ the record
                # gives, not the superior its figures are counted in.
                reason = N_(
                    "chi bộ đã thôi tồn tại, không có chi bộ kế tục: đảng viên chưa được "
                    "chuyển sinh hoạt"
                )
                unplaced.append(
                    Problem(record_where("Member", member.id), "org_id", org_id, reason)
                )
            else:
                placed.append(attrs.evolve(member, org_id=target, to_dang_id=None))
        if unplaced:
            raise TreeError(unplaced)
        moved_units: list[ResidentialUnit] = []
        upgraded = self._upgraded(on)
        for unit in units:
            # A commune's organization upgraded stays the commune's: only its members move.
            commune = unit.commune_id
            if commune not in upgraded:
                commune = mapping.get(commune, commune)
            chi_bo = unit.chi_bo_id
            chi_bo = chi_bo if chi_bo is None else mapping.get(chi_bo, chi_bo)
            if commune == unit.commune_id and chi_bo == unit.chi_bo_id:
                moved_units.append(unit)
            else:
                moved_units.append(attrs.evolve(unit, commune_id=commune, chi_bo_id=chi_bo))
        return OrgTree.build(orgs, placed, moved_units)

    # -- what became of each ------------------------------------------------------------------

    def successors(self, org_id: str, on: date) -> tuple[str, ...]:
        """The organizations existing on *on* that *org_id* became (itself if it exists).

        Chains of mergers and splits are followed; an organization dissolved without
        successors has none.

        Raises:
            KeyError: no such organization.
        """
        org_id = self._record(org_id).id  # as the records hold it (NFC)
        return tuple(self._chain(org_id, on, set()))

    def _chain(self, org_id: str, on: date, seen: set[str]) -> Iterator[str]:
        if org_id in seen:
            return
        seen.add(org_id)
        ended = self._ended.get(org_id)
        if ended is None or ended.on > on:
            if org_id in self._first and self.exists(org_id, on):
                yield org_id
            return
        for successor in ended.into:
            yield from self._chain(successor, on, seen)

    def mapping(self, on: date) -> dict[str, str]:
        """Where each organization that does not exist on *on* is counted then, and
        where the members of one upgraded (nâng cấp) with ``into`` are.

        Its first successor (a chain of mergers and splits followed, first successor by
        first successor, to its end); for one dissolved without successors, or whose
        first successors end in one, where that one's superior is counted. Organizations
        not yet founded on *on*, and those with nowhere to go, are left out. An upgraded
        organization still exists, as a đảng bộ cơ sở, but its members are in the chi bộ
        trực thuộc they moved to (or where that one is counted), until a hạ cấp brings
        them back.
        """
        result: dict[str, str] = {}
        for oid in self._first:
            if self.exists(oid, on):
                continue
            target = self._target(oid, on)
            if target is not None:
                result[oid] = target
        for oid, chi_bo in self._upgraded(on).items():
            if not self.exists(oid, on) or chi_bo not in self._first:
                continue
            target = chi_bo if self.exists(chi_bo, on) else self._target(chi_bo, on)
            if target is not None and target != oid:
                result[oid] = target
        return result

    def _upgraded(self, on: date) -> dict[str, str]:
        """The organizations whose members a nâng cấp (or hạ cấp) with ``into`` sent to a
        chi bộ by *on*, with that chi bộ; a later one without ``into`` brings them back."""
        moved: dict[str, str] = {}
        for event in self._events:
            if event.on > on:
                break
            if event.kind in _UPGRADED:
                if event.into:
                    moved[event.org_id] = event.into[0]
                else:
                    moved.pop(event.org_id, None)
        return moved

    def _target(self, org_id: str, on: date) -> str | None:
        seen: set[str] = set()
        current: str | None = org_id
        while current is not None and current not in seen:
            seen.add(current)
            if current not in self._first:
                return None  # a superior no record holds (named): nowhere to count it
            if not self._was_founded(current, on):
                return None  # not founded yet: nothing of it to count
            end = self._dead_end(current, on)
            if self.exists(end, on):
                return end
            if not self._dissolved(end, on):
                # The first successors lead to none that exists now (one unknown, not yet
                # founded, a loop: named): any successor that exists takes the figures.
                first = next(self._chain(current, on, set()), None)
                if first is not None:
                    return first
            # Its members went, through the first successors, to one dissolved without
            # successors: where that one's are counted (its superior), not to a later
            # successor of a split, which never held them.
            current = self._parent_before(end, on)
        return None

    def _dissolved(self, org_id: str, on: date) -> bool:
        """True when *org_id* ended by *on* with no successor (giải thể, giải tán)."""
        ended = self._ended.get(org_id)
        if ended is not None:
            return ended.on <= on and not ended.into
        dissolved = self._first[org_id].dissolved_on
        return dissolved is not None and dissolved <= on

    def _dead_end(self, org_id: str, on: date) -> str:
        """Where the first successors of *org_id* (by *on*) end: the organization its
        members last went to, dissolved without successors (its superior takes them)."""
        seen = {org_id}
        while True:
            ended = self._ended.get(org_id)
            if ended is None or ended.on > on or not ended.into:
                return org_id
            successor = ended.into[0]
            if successor in seen or successor not in self._first:
                return org_id
            seen.add(successor)
            org_id = successor

    def _was_founded(self, org_id: str, on: date) -> bool:
        """True when *org_id* was founded by *on*. With no founding day, it was when the
        superior it was first recorded under was: an organization is founded under its
        superior, and one left without it would stand as a root of the tree (a chi bộ
        trực thuộc above the province)."""
        seen: set[str] = set()
        current: str | None = org_id
        while current is not None and current in self._first and current not in seen:
            seen.add(current)
            org = self._first[current]
            founded = self._founded.get(current, org.founded_on)
            if founded is not None:
                return founded <= on
            current = org.parent_id
        return True

    def _parent_before(self, org_id: str, on: date) -> str | None:
        """The superior of *org_id* on its last day (or on *on*)."""
        first = self._first[org_id]
        parent = first.parent_id
        ended = self._ended.get(org_id)
        last = on if ended is None else ended.on
        if ended is None and first.dissolved_on is not None:
            # Dissolved by its record: a chuyển giao written after it (named) moved
            # nothing, and its members are counted where it stood on its last day.
            last = min(last, first.dissolved_on)
        for event in self._events:
            if event.on >= last:
                break
            # A thành lập may place the organization too, as organizations_on reads it.
            if (
                event.org_id == org_id
                and event.parent_id is not None
                and event.kind in (_O.CHUYEN_GIAO, _O.THANH_LAP)
            ):
                parent = event.parent_id
        return parent

    def restate(self, rollup: Rollup, tree: OrgTree, on: date) -> Rollup:
        """*rollup*'s figures counted again on the organizations of *tree* (of *on*).

        Each organization's own counts go to the unit it became on *on* (for one that
        still exists, itself); the totals of the whole are kept.

        Raises:
            TreeError: an organization whose figures have nowhere to go in *tree*.
        """
        mapping = self.mapping(on)
        given: dict[str, Tally] = {}
        problems: list[Problem] = []
        old = rollup.tree
        for org in old:
            own = rollup.own(org.id)
            if own.is_identity:
                continue
            target = self._restated(org.id, old, tree, mapping)
            if target is None:
                problems.append(
                    Problem(
                        record_where("Organization", org.id),
                        "id",
                        org.id,
                        N_("không có tổ chức nào để tính lại số liệu vào"),
                    )
                )
                continue
            known = given.get(target)
            given[target] = own if known is None else known + own
        if problems:
            raise TreeError(problems)
        return Rollup.from_tallies(tree, given, year=rollup.year, as_of=rollup.as_of)

    def _restated(
        self, org_id: str, old: OrgTree, new: OrgTree, mapping: dict[str, str]
    ) -> str | None:
        current: str | None = org_id
        while current is not None:
            if current in new:
                return current
            target = mapping.get(current)
            if target is not None and target in new:
                return target
            parent = old.parent(current) if current in old else None
            current = None if parent is None else parent.id
        return None
