"""The arguments every list of :mod:`coso_dang.operations` takes, checked the one way:
the members (a tree or records), a day, the working-day calendar.

A wrong one failed deep inside with Python's English ("'NoneType' object is not
iterable", "unsupported operand type(s) for -: 'str' and 'datetime.timedelta'"); each is
a :class:`~coso_dang.errors.UsageError` naming the function and the argument.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from coso_dang._checks import as_day
from coso_dang.errors import UsageError
from coso_dang.i18n import N_
from coso_dang.members import Member
from coso_dang.operations.calendar import WorkCalendar
from coso_dang.tree import OrgTree

__all__ = ["calendar_argument", "day_argument", "member_records"]


def member_records(source: OrgTree | Iterable[Member], function: str) -> list[Member]:
    """The members of *source*: a tree's, or the records given."""
    if isinstance(source, OrgTree):
        return list(source.members())
    if not isinstance(source, Iterable) or isinstance(source, str | bytes | Member):
        raise UsageError(function, "source", N_("một OrgTree hoặc các bản ghi Member"), source)
    return list(source)


def day_argument(function: str, argument: str, value: object) -> date:
    """*value* as a day: a date, or a datetime's date (as pandas gives one)."""
    day = as_day(value)
    if not isinstance(day, date):
        raise UsageError(function, argument, N_("một ngày (date)"), value)
    return day


def calendar_argument(function: str, calendar: object) -> None:
    """Refuse a calendar that is none (``None`` listed nothing, or failed at the first
    deadline with "'NoneType' object has no attribute 'add_working_days'")."""
    if not isinstance(calendar, WorkCalendar):
        raise UsageError(function, "calendar", N_("một WorkCalendar"), calendar)
