"""Membership history and organization lineage: who was where, when, and what each unit became.

- :mod:`~coso_dang.history.events`: the records, :class:`MemberEvent` and :class:`OrgEvent`.
- :mod:`~coso_dang.history.membership`: :class:`History`, membership on any date.
- :mod:`~coso_dang.history.movements`: :func:`movements`, the Biểu 1 counts of a period.
- :mod:`~coso_dang.history.lineage`: :class:`Lineage`, trees on any date and restated rollups.
"""

from __future__ import annotations

from coso_dang.history.events import (
    MemberEvent,
    MemberEventKind,
    OrgEvent,
    OrgEventKind,
    TransferScope,
)
from coso_dang.history.lineage import Lineage
from coso_dang.history.membership import (
    READMISSION_MONTHS,
    TRANSFER_DAYS,
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
    "READMISSION_MONTHS",
    "TRANSFER_DAYS",
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
