"""The bulk layout of a :class:`~coso_dang.history.History`, read by whole-list counts.

Millions of members without events are kept per chi bộ as their admission days by id,
so a count of the list on a day or over a period is a few comparisons
per chi bộ, not per member. The changes of the members with events sit in one flat
table, member after member, so a period's movements and a day's roster are one pass over
it. Both are built once, with the history, and only read afterwards.
"""

from __future__ import annotations

from datetime import date

__all__ = ["ChangeRow", "ChangeTable", "RecordGroup"]

#: One change of a member's list, in :class:`~coso_dang.history.Change` field order, but
#: with ``pair`` the position of the matching change in the whole table (``-1``: none).
ChangeRow = tuple[str, date, str, bool, str | None, str | None, str | None, int]


class RecordGroup:
    """The members of one chi bộ counted from their record alone.

    Args:
        ids: their ids, in input order.
        days: their admission days, in the same order.
        latest: the last of those days (a day before it, everyone was admitted).

    Two flat lists, not a dictionary: built a run of members at a time by the
    interpreter's own loops, and read the same way, millions of members cost a few
    list slots each. The members who left (``left_on`` set) are here too; the history
    keeps them apart as well (:meth:`~coso_dang.history.History.record_leavers`), for
    the counts that depend on the leaving.
    """

    __slots__ = ("days", "ids", "latest")

    def __init__(self, ids: list[str], days: list[date], latest: date) -> None:
        self.ids = ids
        self.days = days
        self.latest = latest


class ChangeTable:
    """Every change of the members with events: one row per change, member by member.

    Args:
        rows: the changes (see :data:`ChangeRow`), each member's in its order.
        until: for each row, the first day a later change of the same member happens
            (``None`` when none does): the row's list holds from its day until then.
        spans: member id → the member's rows, as ``(first, past the last)`` positions.
    """

    __slots__ = ("rows", "spans", "until")

    def __init__(self) -> None:
        self.rows: list[ChangeRow] = []
        self.until: list[date | None] = []
        self.spans: dict[str, tuple[int, int]] = {}

    def add(self, member_id: str, rows: list[ChangeRow], ordered: bool) -> None:
        """Append one member's rows (their ``pair`` positions already in the table).

        *ordered*: the rows are in date order (then each holds until the next one's day).
        """
        first = len(self.rows)
        self.rows.extend(rows)
        if ordered:
            until = self.until
            for row in rows[1:]:
                until.append(row[1])
            until.append(None)
        else:
            # The earliest later day, not merely the next: a record that contradicts its
            # events can put a change out of order, and "the list of the last change on
            # or before a day" must still name one list.
            later: date | None = None
            after: list[date | None] = []
            for row in reversed(rows):
                after.append(later)
                if later is None or row[1] < later:
                    later = row[1]
            self.until.extend(reversed(after))
        self.spans[member_id] = (first, first + len(rows))
