"""Queries party offices run every quarter, built on the member lifecycle.

* who is due to become official (chuyển chính thức) in a period;
* who is due a Huy hiệu Đảng at the next award occasion (3/2, 19/5, 2/9, 7/11),
  grouped by badge.

They return data, not verdicts: lists to act on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import final

from attrs import field, frozen

from coso_dang._checks import as_day
from coso_dang.errors import RecordError, UsageError
from coso_dang.i18n import N_, TypeName
from coso_dang.members import BADGE_OCCASIONS, BADGE_YEARS, Member, next_occasion
from coso_dang.rules.base import RuleParameterError
from coso_dang.tree import OrgTree
from coso_dang.vi.dates import format_date

__all__ = [
    "BadgeRound",
    "DueOfficial",
    "badges_due",
    "due_for_official",
    "next_occasion",
    "quarter",
]


def _members(source: OrgTree | Iterable[Member], function: str) -> Iterable[Member]:
    if isinstance(source, OrgTree):
        return source.members()
    if not isinstance(source, Iterable) or isinstance(source, str | bytes | Member):
        # None failed with Python's "object is not iterable".
        raise UsageError(function, "source", N_("một OrgTree hoặc các bản ghi Member"), source)
    return source


def _day(function: str, argument: str, value: object) -> date:
    """*value* as a day (a datetime as its date); anything else is refused in words: a
    day written as text was compared with the members' dates in Python's English
    ``TypeError`` (or read for its ``.year`` in an ``AttributeError``)."""
    day = as_day(value)
    if not isinstance(day, date):
        raise UsageError(function, argument, N_("một {kind}", kind=TypeName("date")), value)
    return day


def quarter(year: int, number: int) -> tuple[date, date]:
    """The first and last day of quarter *number* (1–4) of *year*.

    >>> quarter(2025, 3)
    (datetime.date(2025, 7, 1), datetime.date(2025, 9, 30))
    """
    # True is 1 to ``in``: "quý True" is no quarter, nor is 2.0 (Python refused it in
    # English, as it did a year it has no date for). Refused as the library refuses a
    # parameter: in Vietnamese, with its English (error.message("en")).
    if isinstance(number, bool) or not isinstance(number, int) or number not in (1, 2, 3, 4):
        raise RuleParameterError("quarter", "number", number, N_("phải là 1, 2, 3 hoặc 4"))
    if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999:
        reason = N_("phải là số nguyên từ {low} đến {high}", low=1, high=9999)
        raise RuleParameterError("quarter", "year", year, reason)
    start = date(year, 3 * number - 2, 1)
    if number == 4:
        return start, date(year, 12, 31)
    return start, date(year, 3 * number + 1, 1) - timedelta(days=1)


@final
@frozen
class DueOfficial:
    """A probationary member and the day their 12 months end."""

    member: Member
    # Out of the repr: the day is the member's ceremony (or admission) a year on, which
    # ``Member`` keeps out of its own, as ``DueOfficialEntry`` keeps its mark.
    due_on: date = field(repr=False)


def due_for_official(
    source: OrgTree | Iterable[Member], start: date, end: date
) -> list[DueOfficial]:
    """Members whose probation ends between *start* and *end* (both included).

    Only members on the rolls on their due day and with no recorded ``official_on``
    are listed (a recorded decision means the work is done); sorted by due day, then id.
    A datetime (as pandas or a spreadsheet gives a day) counts as its date.

    Raises:
        UsageError: *start* or *end* is no date.
        RuleParameterError: *end* is before *start*.

    >>> m = Member("dv1", "Trần Văn Cường", "cb1", admitted_on=date(2024, 7, 1),
    ...            ceremony_on=date(2024, 7, 20))
    >>> [(d.member.id, d.due_on) for d in due_for_official([m], *quarter(2025, 3))]
    [('dv1', datetime.date(2025, 7, 20))]
    """
    start = _day("due_for_official", "start", start)
    end = _day("due_for_official", "end", end)
    if end < start:
        reason = N_("trước ngày bắt đầu {start}", start=format_date(start, "numeric"))
        raise RuleParameterError("due_for_official", "end", end, reason)
    found = []
    for m in _members(source, "due_for_official"):
        if m.official_on is not None:
            continue
        try:
            due = m.official_date
        except RecordError:
            continue  # 12 months ending past 31/12/9999 (an admission in 9999): in no period
        if start <= due <= end and m.is_active(due):
            found.append(DueOfficial(m, due))
    return sorted(found, key=lambda d: (d.due_on, d.member.id))


@final
@frozen
class BadgeRound:
    """The badges due on one award occasion, by badge years (ascending).

    ``by_years`` maps 30, 40, 45... to the members due that badge, sorted by id.
    """

    occasion: date
    by_years: Mapping[int, tuple[Member, ...]]

    @property
    def total(self) -> int:
        """How many badges are due on the occasion."""
        return sum(len(group) for group in self.by_years.values())


def badges_due(
    source: OrgTree | Iterable[Member],
    on: date,
    *,
    badge_years: Sequence[int] = BADGE_YEARS,
    occasions: Sequence[tuple[int, int]] = BADGE_OCCASIONS,
) -> BadgeRound:
    """The members due a badge at the next award occasion on or after *on*.

    A member is due at that occasion when their next badge
    (:meth:`~coso_dang.Member.next_badge`) is awarded on it. Early awards for serious
    illness are decided case by case and are not listed.

    Raises:
        UsageError: *on* is no date (a datetime counts as its date).

    >>> m = Member("dv1", "Lê Thị Bình", "cb1", admitted_on=date(1995, 4, 10))
    >>> result = badges_due([m], date(2025, 4, 1))
    >>> result.occasion, {years: [x.id for x in ms] for years, ms in result.by_years.items()}
    (datetime.date(2025, 5, 19), {30: ['dv1']})
    """
    on = _day("badges_due", "on", on)
    occasion = next_occasion(on, occasions)
    groups: dict[int, list[Member]] = {}
    for member in _members(source, "badges_due"):
        badge = member.next_badge(on, badge_years=badge_years, occasions=occasions)
        if badge is not None and badge.award_on == occasion and member.is_active(occasion):
            groups.setdefault(badge.years, []).append(member)
    by_years = {years: tuple(sorted(groups[years], key=lambda m: m.id)) for years in sorted(groups)}
    return BadgeRound(occasion, by_years)
