"""The admissions of August 1945 before the 19th: the 2012 forms' eras part there.

Biểu 3 of 2012 prints "Trước tháng 8/1945" and "Từ 8/1945 đến 20/7/1954": the month of
August 1945 opens the second era. The eras the library counts by (those of 2021) part on
19/8/1945, so a member admitted from 1/8 to 18/8/1945 is in the 2021 form's first era
and in the 2012 form's second: the 2012 rows move them across.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from datetime import date
from itertools import compress
from operator import attrgetter

from coso_dang.members import Member

__all__ = ["ERA_CODES", "early_august_1945", "early_august_records"]

#: The members on the lists admitted from 1/8/1945 to 18/8/1945.
ERA_CODES = ("dang_vien_ket_nap_1_18_8_1945",)

_FIRST, _NINETEENTH = date(1945, 8, 1), date(1945, 8, 19)
_ADMITTED_ON = attrgetter("admitted_on")


def early_august_records(members: Sequence[Member]) -> list[Member]:
    """The records of *members* admitted from 1/8 to 18/8/1945, whatever the day counted:
    sifted once, they stand for *members* in :func:`early_august_1945` for every period."""
    before = _NINETEENTH.__gt__
    sifted = compress(members, map(before, map(_ADMITTED_ON, members)))
    return [m for m in sifted if m.admitted_on >= _FIRST]


def early_august_1945(
    members: Sequence[Member],
    on: date,
    *,
    evented: Set[str] = frozenset(),
    listed: Sequence[Member] = (),
) -> dict[str, int | None]:
    """How many members on the lists on *on* were admitted from 1/8 to 18/8/1945: those
    of *members* whose records put them there (not those of *evented*, whose lists come
    from their events), and those of *listed*, on a list that day as a history has them."""
    # The few admitted before 19/8/1945 are sifted in the interpreter's own loops.
    before = _NINETEENTH.__gt__
    recorded = (
        m
        for m in compress(members, map(before, map(_ADMITTED_ON, members)))
        if m.id not in evented and m.is_active(on)
    )
    early = compress(listed, map(before, map(_ADMITTED_ON, listed)))
    count = sum(1 for m in (*recorded, *early) if m.admitted_on >= _FIRST)
    return {ERA_CODES[0]: count}
