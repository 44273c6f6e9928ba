"""The members exempt from work and party activities (miễn công tác và sinh hoạt đảng) on
the lists at a period's end: Biểu 3 of 2021 ("b. Đảng viên đã nghỉ hưu và nghỉ công
tác — Trong đó: Được miễn công tác và sinh hoạt đảng") and of 2012 ("+ Được miễn công tác
- sinh hoạt Đảng").

A member is exempt from the day the record gives (``Member.exempted_on``), as Biểu 6F and
the rating rules read it; with the members' events, as the history has it (an exemption
that "thôi miễn" ends, or that "miễn" starts, though the record does not say). The
retired among them are unknown while one of them has no occupation recorded: they might
be retired or not.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from datetime import date
from itertools import compress
from operator import attrgetter

from coso_dang.attributes import Occupation
from coso_dang.members import Member

__all__ = ["EXEMPTION_CODES", "exemption_counts", "exemption_records"]

#: The exempt members on the lists, and those of them retired (nghỉ hưu, nghỉ công tác).
EXEMPTION_CODES = ("dang_vien_mien_cong_tac", "dang_vien_nghi_huu_mien_cong_tac")

_EXEMPTED_ON = attrgetter("exempted_on")
_ID = attrgetter("id")


def exemption_records(members: Sequence[Member], by_events: Set[str] = frozenset()) -> list[Member]:
    """The records of *members* :func:`exemption_counts` can count, whatever the day: those
    with an exemption recorded, and those of *by_events*. Sifted once, they stand for
    *members* in the counts of every period."""
    found = list(compress(members, map(_EXEMPTED_ON, members)))
    if by_events:
        told = compress(members, map(by_events.__contains__, map(_ID, members)))
        found += (m for m in told if m.exempted_on is None)
    return found


def exemption_counts(
    members: Sequence[Member],
    on: date,
    *,
    evented: Set[str] = frozenset(),
    listed: Sequence[Member] = (),
    exempt: Set[str] | None = None,
    by_events: Set[str] = frozenset(),
) -> dict[str, int | None]:
    """The exempt members on the lists on *on*: those of *members* whose records put them
    there (not those of *evented*, whose lists come from their events), and every one of
    *listed*, on a list that day as a history has them.

    With *exempt* (ids), a member of *listed* or of *by_events* (those whose exemption
    the events start or end) is exempt when it names them, not as the record's
    exemption day says."""
    # The few with an exemption recorded are sifted from the many in the interpreter's
    # own loops; only they are looked at one by one.
    told = by_events if exempt is not None else frozenset()
    found = [
        m
        for m in compress(members, map(_EXEMPTED_ON, members))
        if m.id not in evented and m.id not in told and m.is_active(on) and m.is_exempt(on)
    ]
    if exempt is None:
        found += (m for m in compress(listed, map(_EXEMPTED_ON, listed)) if m.is_exempt(on))
    else:
        found += (m for m in listed if m.id in exempt)
        if told:
            ids = map(_ID, members)
            found += (m for m in compress(members, map(told.__contains__, ids)) if m.id in exempt)
    occupations = [m.occupation for m in found]
    unknown = None in occupations
    retired = occupations.count(Occupation.NGHI_HUU)
    return {
        "dang_vien_mien_cong_tac": len(found),
        "dang_vien_nghi_huu_mien_cong_tac": None if unknown else retired,
    }
