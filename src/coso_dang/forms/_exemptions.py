"""The members exempt from work and party activities (miễn công tác và sinh hoạt đảng) on
the lists at a period's end: Biểu 3 of 2021 ("b. Đảng viên đã nghỉ hưu và nghỉ công
tác — Trong đó: Được miễn công tác và sinh hoạt đảng") and of 2012 ("+ Được miễn công tác
- sinh hoạt Đảng").

A member is exempt from the day the record gives (``Member.exempted_on``), as Biểu 6F and
the rating rules read it. The retired among them are unknown while one of them has no
occupation recorded: they might be retired or not.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from datetime import date
from itertools import compress
from operator import attrgetter

from coso_dang.attributes import Occupation
from coso_dang.members import Member

__all__ = ["EXEMPTION_CODES", "exemption_counts"]

#: The exempt members on the lists, and those of them retired (nghỉ hưu, nghỉ công tác).
EXEMPTION_CODES = ("dang_vien_mien_cong_tac", "dang_vien_nghi_huu_mien_cong_tac")

_EXEMPTED_ON = attrgetter("exempted_on")


def exemption_counts(
    members: Sequence[Member],
    on: date,
    *,
    evented: Set[str] = frozenset(),
    listed: Sequence[Member] = (),
) -> dict[str, int | None]:
    """The exempt members on the lists on *on*: those of *members* whose records put them
    there (not those of *evented*, whose lists come from their events), and every one of
    *listed*, on a list that day as a history has them."""
    exempt = retired = 0
    unknown = False
    # The few with an exemption recorded are sifted from the many in the interpreter's
    # own loops; only they are looked at one by one.
    recorded = [
        m
        for m in compress(members, map(_EXEMPTED_ON, members))
        if m.id not in evented and m.is_active(on)
    ]
    for member in (*recorded, *compress(listed, map(_EXEMPTED_ON, listed))):
        if member.is_exempt(on):
            exempt += 1
            if member.occupation is None:
                unknown = True
            elif member.occupation is Occupation.NGHI_HUU:
                retired += 1
    return {
        "dang_vien_mien_cong_tac": exempt,
        "dang_vien_nghi_huu_mien_cong_tac": None if unknown else retired,
    }
