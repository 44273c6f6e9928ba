"""Dataset: the four kinds of records that travel together, as loaded, saved or generated."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, final

from attrs import Attribute, field, frozen
from attrs.validators import optional

from coso_dang._checks import whole_in_range
from coso_dang.errors import ArgumentTypeError, UsageError
from coso_dang.evaluation import Evaluation
from coso_dang.history.events import MemberEvent, OrgEvent
from coso_dang.i18n import N_, TypeName
from coso_dang.members import Member
from coso_dang.orgs import Organization, ResidentialUnit
from coso_dang.tree import OrgTree

__all__ = ["Dataset"]


def _all_of(kind: type) -> Any:
    """A validator: every item of the tuple is a *kind* (one pass, no per-item call)."""

    def check(instance: Dataset, attribute: Attribute[Any], value: tuple[object, ...]) -> None:
        for position, item in enumerate(value):
            if not isinstance(item, kind):
                raise UsageError(
                    "Dataset",
                    f"{attribute.name}[{position}]",
                    N_("một {kind}", kind=TypeName(kind.__name__)),
                    item,
                )

    return check


def _records(records: object, argument: str, expected: str) -> tuple[Any, ...]:
    """*records* as a tuple; ``None`` or a number refused (it failed with Python's
    English "object is not iterable")."""
    if not isinstance(records, Iterable) or isinstance(records, bytes):
        raise UsageError("Dataset", argument, expected, records)
    return tuple(records)


def _organizations(records: Iterable[Organization]) -> tuple[Organization, ...]:
    return _records(records, "organizations", N_("các bản ghi Organization"))


def _members(records: Iterable[Member]) -> tuple[Member, ...]:
    return _records(records, "members", N_("các bản ghi Member"))


def _units(records: Iterable[ResidentialUnit]) -> tuple[ResidentialUnit, ...]:
    return _records(records, "units", N_("các bản ghi ResidentialUnit"))


def _evaluations(records: Iterable[Evaluation]) -> tuple[Evaluation, ...]:
    return _records(records, "evaluations", N_("các bản ghi Evaluation"))


def _member_events(records: Iterable[MemberEvent]) -> tuple[MemberEvent, ...]:
    return _records(records, "member_events", N_("các bản ghi MemberEvent"))


def _org_events(records: Iterable[OrgEvent]) -> tuple[OrgEvent, ...]:
    return _records(records, "org_events", N_("các bản ghi OrgEvent"))


def _name(instance: Dataset, attribute: Attribute[Any], value: object) -> None:
    # attrs' own check said, in English, "'name' must be <class 'str'> (got 3 …)".
    if value is not None and not isinstance(value, str):
        raise UsageError("Dataset", "name", N_("một văn bản hoặc None"), value)


@final
@frozen(repr=False)
class Dataset:
    """Organizations, members, residential units and evaluations, held as tuples.

    A plain value: frozen, comparable, hashable. It does not check that the records fit
    together; :meth:`tree` does. Its ``repr`` shows counts only, never personal data.

    Args:
        organizations: :class:`~coso_dang.Organization` records.
        members: :class:`~coso_dang.Member` records.
        units: :class:`~coso_dang.ResidentialUnit` records.
        evaluations: :class:`~coso_dang.Evaluation` records.
        member_events, org_events: the events of members and organizations
            (:mod:`coso_dang.history`), keyword only.
        name: what the data describe, e.g. the top organization's name (optional).
        year: the year the data describe, as at 31/12 (optional; 1930 to 9999, as an
            evaluation's).

    >>> from coso_dang import Organization, OrgKind
    >>> data = Dataset(organizations=[
    ...     Organization("xa", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO),
    ...     Organization("cb1", "Chi bộ thôn 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa"),
    ... ])
    >>> data
    Dataset(organizations=2, members=0, units=0, evaluations=0)
    >>> len(data), data.tree()
    (2, <OrgTree: 2 organizations, 1 root(s), 0 members, 0 residential units>)
    """

    organizations: tuple[Organization, ...] = field(
        default=(), converter=_organizations, validator=_all_of(Organization)
    )
    members: tuple[Member, ...] = field(default=(), converter=_members, validator=_all_of(Member))
    units: tuple[ResidentialUnit, ...] = field(
        default=(), converter=_units, validator=_all_of(ResidentialUnit)
    )
    evaluations: tuple[Evaluation, ...] = field(
        default=(), converter=_evaluations, validator=_all_of(Evaluation)
    )
    member_events: tuple[MemberEvent, ...] = field(
        default=(), kw_only=True, converter=_member_events, validator=_all_of(MemberEvent)
    )
    org_events: tuple[OrgEvent, ...] = field(
        default=(), kw_only=True, converter=_org_events, validator=_all_of(OrgEvent)
    )
    name: str | None = field(default=None, kw_only=True, validator=_name)
    # A year the loaders read back: one an evaluation may be of (a year 0, or True, was
    # written and then dropped on loading, by Parquet without a word).
    year: int | None = field(
        default=None, kw_only=True, validator=optional(whole_in_range(1930, 9999))
    )

    def __len__(self) -> int:
        """The number of records of every kind, events included."""
        return sum(self.counts.values())

    def __repr__(self) -> str:
        counts = ", ".join(f"{name}={count}" for name, count in self.counts.items())
        about = "".join(
            f", {key}={value!r}"
            for key, value in (("name", self.name), ("year", self.year))
            if value is not None
        )
        return f"Dataset({counts}{about})"

    @property
    def counts(self) -> Mapping[str, int]:
        """How many records of each kind, keyed by field name (events only when any).

        >>> Dataset().counts
        {'organizations': 0, 'members': 0, 'units': 0, 'evaluations': 0}
        """
        counts = {
            "organizations": len(self.organizations),
            "members": len(self.members),
            "units": len(self.units),
            "evaluations": len(self.evaluations),
        }
        for key in ("member_events", "org_events"):
            records: tuple[object, ...] = getattr(self, key)
            if records:
                counts[key] = len(records)
        return counts

    def tree(self) -> OrgTree:
        """Build and validate the :class:`~coso_dang.OrgTree` of these records.

        Raises:
            TreeError: listing every problem in organizations, members and units.
        """
        return OrgTree.build(self.organizations, self.members, self.units)

    @classmethod
    def of(cls, records: Iterable[object]) -> Dataset:
        """Sort mixed records into a dataset by their type, keeping their order.

        Raises:
            TypeError: a record of another type.

        >>> from coso_dang import Evaluation, Rating
        >>> Dataset.of([Evaluation("dv1", 2024, Rating.HTTNV)]).counts["evaluations"]
        1
        """
        organizations: list[Organization] = []
        members: list[Member] = []
        units: list[ResidentialUnit] = []
        evaluations: list[Evaluation] = []
        member_events: list[MemberEvent] = []
        org_events: list[OrgEvent] = []
        for record in records:
            if isinstance(record, Member):
                members.append(record)
            elif isinstance(record, Organization):
                organizations.append(record)
            elif isinstance(record, ResidentialUnit):
                units.append(record)
            elif isinstance(record, Evaluation):
                evaluations.append(record)
            elif isinstance(record, MemberEvent):
                member_events.append(record)
            elif isinstance(record, OrgEvent):
                org_events.append(record)
            else:
                raise ArgumentTypeError(
                    N_("không phải một bản ghi của Dataset: {kind}", kind=type(record).__name__)
                )
        return cls(
            organizations,
            members,
            units,
            evaluations,
            member_events=member_events,
            org_events=org_events,
        )
