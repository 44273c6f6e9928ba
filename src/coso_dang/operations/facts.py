"""The office's registers beside the member record: discipline, badges awarded, flags.

A :class:`MemberFacts` holds, for one member, what the badge and status lists read and
the member record does not: the badges already awarded, the disciplines with their
dates, and the flags for an early award (serious illness) or a posthumous one. All of
it is personal: only the member id shows in ``repr``, and errors never quote a value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from attrs import Attribute, field, frozen

from coso_dang._checks import as_day, non_empty, of_type
from coso_dang._enums import LabelledEnum
from coso_dang.errors import RecordError, UsageError
from coso_dang.i18n import N_
from coso_dang.members import BADGE_YEARS

__all__ = ["Discipline", "DisciplineForm", "MemberFacts", "facts_by_member"]


class DisciplineForm(LabelledEnum):
    """Hình thức kỷ luật đảng viên, lightest first (a probationary member: the first two)."""

    #: Khiển trách.
    KHIEN_TRACH = ("khien_trach", "Khiển trách")
    #: Cảnh cáo.
    CANH_CAO = ("canh_cao", "Cảnh cáo")
    #: Cách chức.
    CACH_CHUC = ("cach_chuc", "Cách chức")

    @classmethod
    def _personal(cls) -> bool:
        return True  # a discipline


@frozen
class Discipline:
    """One disciplinary decision: its form and the day it was decided. Personal data."""

    form: DisciplineForm = field(repr=False, validator=of_type(DisciplineForm))
    on: date = field(repr=False, converter=as_day, validator=of_type(date))


def _badge_years(instance: MemberFacts, attribute: Attribute[Any], value: tuple[int, ...]) -> None:
    for years in value:
        if years not in BADGE_YEARS:
            # The badges a member holds tell the party age: the value is not quoted, as
            # no other fact of the register is.
            raise RecordError(
                "MemberFacts", attribute.name, None, N_("không phải số năm của một Huy hiệu Đảng")
            )


def _ints(value: Iterable[int]) -> tuple[int, ...]:
    return tuple(sorted(set(value)))


def _disciplines(value: Iterable[Discipline]) -> tuple[Discipline, ...]:
    items = tuple(value)
    for item in items:
        if not isinstance(item, Discipline):
            raise RecordError("MemberFacts", "disciplines", None, N_("không phải một Discipline"))
    return items


@frozen
class MemberFacts:
    """The office's facts on one member that the lists read.

    Args:
        member_id: the member.
        badges_awarded: the badge years already awarded (30, 40, …): never proposed again.
        disciplines: disciplinary decisions, which defer a badge.
        seriously_ill: ốm đau hiểm nghèo — a badge may be awarded early.
        posthumous: the family asks for a posthumous award (truy tặng) of a member who
            died shortly before reaching a badge.

    >>> MemberFacts("dv1", badges_awarded=[40, 30], seriously_ill=True)
    MemberFacts(member_id='dv1')
    """

    member_id: str = field(validator=non_empty)
    badges_awarded: tuple[int, ...] = field(
        default=(), converter=_ints, repr=False, validator=_badge_years
    )
    disciplines: tuple[Discipline, ...] = field(default=(), converter=_disciplines, repr=False)
    seriously_ill: bool = field(default=False, repr=False, validator=of_type(bool))
    posthumous: bool = field(default=False, repr=False, validator=of_type(bool))


def facts_by_member(
    facts: Iterable[MemberFacts] | Mapping[str, MemberFacts],
) -> dict[str, MemberFacts]:
    """The facts keyed by member id (a mapping is taken as it is).

    A member given more than once (a register with a row per decision) has the facts of
    every row: the badges of each, every discipline, ill or posthumous if one says so.
    """
    if isinstance(facts, Mapping):
        return dict(facts)
    if not isinstance(facts, Iterable) or isinstance(facts, str | bytes | MemberFacts):
        # None failed with Python's English "object is not iterable".
        raise UsageError("facts_by_member", "facts", N_("các bản ghi MemberFacts"), facts)
    found: dict[str, MemberFacts] = {}
    for f in facts:
        seen = found.get(f.member_id)
        if seen is not None:
            f = MemberFacts(
                f.member_id,
                badges_awarded=(*seen.badges_awarded, *f.badges_awarded),
                disciplines=(*seen.disciplines, *f.disciplines),
                seriously_ill=seen.seriously_ill or f.seriously_ill,
                posthumous=seen.posthumous or f.posthumous,
            )
        found[f.member_id] = f
    return found
