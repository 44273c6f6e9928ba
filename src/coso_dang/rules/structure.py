"""Structure: an organization tree on a date, the subject of the charter checks.

Kept apart from :mod:`coso_dang.rules.charter` so that the rule mechanism can build
one from a rollup without importing the charter rules themselves.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property

from attrs import field, frozen
from attrs.validators import instance_of

from coso_dang._deprecation import deprecated
from coso_dang.members import Member, MemberStatus
from coso_dang.tree import OrgTree

__all__ = ["Structure"]


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

    tree: OrgTree = field(validator=instance_of(OrgTree))
    #: The reporting date, under the one name the library gives it (as ``rollup``'s).
    as_of: date = field(validator=instance_of(date))

    @property
    def on(self) -> date:
        """Deprecated: the old name of :attr:`as_of`."""
        deprecated("Structure.on", "Structure.as_of")
        return self.as_of

    def members(self, org_id: str, *, recursive: bool = False) -> list[Member]:
        """The members on the rolls of *org_id* (or its subtree) on the date."""
        found = self.tree.members_of(org_id, recursive=recursive)
        return [m for m in found if m.is_active(self.as_of)]

    def official_count(self, org_id: str, *, recursive: bool = False) -> int:
        """How many official members *org_id* (or its subtree) has on the date."""
        return sum(
            1
            for m in self.members(org_id, recursive=recursive)
            if m.status(self.as_of) is MemberStatus.CHINH_THUC
        )

    @cached_property
    def records_official_dates(self) -> bool:
        """True when any member record gives an ``official_on`` (decisions are recorded)."""
        return any(m.official_on is not None for m in self.tree.members())

    @cached_property
    def records_committees(self) -> bool:
        """True when any member record gives a committee role (else chi ủy are unknown)."""
        return any(m.committee_role is not None for m in self.tree.members())
