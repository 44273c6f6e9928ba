"""Membership history and organization lineage: who was where, when, and what each unit became.

- :mod:`~coso_dang.history.events`: the records, :class:`MemberEvent` and :class:`OrgEvent`.
- :mod:`~coso_dang.history.membership`: :class:`History`, membership on any date.
- :mod:`~coso_dang.history.movements`: :func:`movements`, the Biểu 1 counts of a period.
- :mod:`~coso_dang.history.lineage`: :class:`Lineage`, trees on any date and restated rollups.
"""

from __future__ import annotations

from coso_dang._deprecation import aliases
from coso_dang.history.events import (
    MemberEvent,
    MemberEventKind,
    OrgEvent,
    OrgEventKind,
    TransferScope,
)
from coso_dang.history.lineage import Lineage
from coso_dang.history.membership import (
    PAPER_DAYS,
    READMISSION_MONTHS,
    Change,
    History,
    Membership,
    MembershipStatus,
    Roster,
    Row,
)
from coso_dang.history.movements import (
    BIEU_1,
    MOVEMENT_CODES,
    Movement,
    Movements,
    Period,
    movements,
    rollup_with_history,
)

__all__ = [
    "BIEU_1",
    "MOVEMENT_CODES",
    "PAPER_DAYS",
    "READMISSION_MONTHS",
    "Change",
    "History",
    "Lineage",
    "MemberEvent",
    "MemberEventKind",
    "Membership",
    "MembershipStatus",
    "Movement",
    "Movements",
    "OrgEvent",
    "OrgEventKind",
    "Period",
    "Roster",
    "Row",
    "TransferScope",
    "movements",
    "rollup_with_history",
]

# The old name, for one release (it warns): see coso_dang.history.membership.
__getattr__ = aliases(__name__, {"TRANSFER_DAYS": "coso_dang.history.membership:PAPER_DAYS"})
