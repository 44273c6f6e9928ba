"""Working days on the Vietnamese calendar, for deadlines written "trong N ngày làm việc".

The public holidays and the make-up working Saturdays (ngày làm bù) come from the
``holidays`` package's Vietnam calendar, year by year as the government announces them;
an office adds the days its own province or agency declares (``days_off``,
``working_days``). Needs the optional extra: ``pip install "coso-dang[calendar]"``.

>>> cal = WorkCalendar()
>>> cal.is_working_day(date(2026, 2, 17))          # Tết Nguyên Đán
False
>>> cal.add_working_days(date(2026, 2, 13), 1)     # Friday before Tết → after Tết
datetime.date(2026, 2, 23)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from attrs import field, frozen

from coso_dang._checks import as_day
from coso_dang.errors import ArgumentError, ArgumentTypeError, CosoDangError
from coso_dang.i18n import N_

__all__ = ["WEEKEND", "CalendarError", "WorkCalendar"]

#: The weekly days off, as ``date.weekday()`` numbers: Saturday and Sunday (the
#: 40-hour week of the state sector). An office on a six-day week passes ``(6,)``.
WEEKEND: tuple[int, ...] = (5, 6)

_INSTALL = N_('hạn tính theo ngày làm việc cần gói holidays: pip install "coso-dang[calendar]"')

#: The oldest ``holidays`` release whose Vietnam calendar has the days of 2025 and 2026:
#: 2/5/2025 off for Saturday 26/4, 31/8/2026 off for Saturday 22/8, and Ngày Văn hóa
#: Việt Nam (24/11) from 2026. With an older one those days were ordinary days, and a
#: deadline across them fell a day or two off, without a word.
_HOLIDAYS_MIN = (0, 106)


class CalendarError(CosoDangError, ImportError):
    """The ``holidays`` package (the ``calendar`` extra) is not installed."""


class _PastCalendarError(CosoDangError, OverflowError):
    """A deadline past 31/12/9999 (an :class:`OverflowError`, as Python's own was)."""


def _dates(value: Iterable[date]) -> frozenset[date]:
    days = frozenset(map(as_day, value))  # a datetime would never match a date
    for day in days:
        if not isinstance(day, date):
            raise ArgumentTypeError(
                N_("một ngày của lịch phải là một date, không phải {kind}", kind=type(day).__name__)
            )
    return days


def _day(value: object) -> date:
    """*value* as a day of the calendar (a datetime its date); anything else refused: a
    text was "not a working day" without a word, or Python's English TypeError."""
    day = as_day(value)
    if not isinstance(day, date):
        raise ArgumentTypeError(
            N_("một ngày của lịch phải là một date, không phải {kind}", kind=type(day).__name__)
        )
    return day


def _weekdays(value: Iterable[int]) -> tuple[int, ...]:
    days = tuple(sorted(set(value)))
    if any(not isinstance(d, int) or not 0 <= d <= 6 for d in days):
        raise ArgumentError(
            N_(
                "ngày nghỉ cuối tuần là 0 (thứ Hai) đến 6 (Chủ nhật), không phải {days}",
                days=repr(days),
            )
        )
    if len(days) == 7:
        # No working day in the week: a deadline walked every day to 31/12/9999, the
        # holidays of each year computed on the way, and seemed to hang.
        raise ArgumentError(N_("tuần cần một ngày làm việc: cuối tuần không thể gồm cả bảy ngày"))
    return days


def _release(version: str) -> tuple[int, ...] | None:
    """The leading numbers of a release ("0.106" gives (0, 106)); ``None`` when unread."""
    numbers = []
    for part in version.split("."):
        digits = ""
        for ch in part:
            if not ch.isdigit():
                break
            digits += ch
        if not digits:
            break
        numbers.append(int(digits))
        if len(digits) < len(part):
            break  # "0.106rc1": the rest is a pre-release's tag
    return tuple(numbers) or None


def _vietnam() -> Any:
    try:
        import holidays
    except ImportError as error:
        raise CalendarError(_INSTALL) from error
    version = str(getattr(holidays, "__version__", ""))
    release = _release(version)
    if release is not None and release < _HOLIDAYS_MIN:
        raise CalendarError(
            N_(
                "gói holidays {version} quá cũ: lịch của nó thiếu các ngày nghỉ và ngày làm "
                "bù từ năm 2025; cần holidays {minimum} trở lên: pip install --upgrade "
                '"coso-dang[calendar]"',
                version=version,
                minimum=".".join(map(str, _HOLIDAYS_MIN)),
            )
        )
    return holidays.country_holidays("VN", language="vi")


@frozen(eq=False)
class WorkCalendar:
    """Which days are working days: the Vietnam calendar plus the office's own days.

    Args:
        days_off: extra days off (a province's own holiday, an announced day off).
        working_days: extra working days (a make-up Saturday the package does not know).
            A day in both is a working day.
        weekend: the weekly days off (:data:`WEEKEND` by default).

    Raises:
        CalendarError: the ``holidays`` package is not installed, or is older than
            0.106, whose calendar lacks the days off and make-up days from 2025.
    """

    days_off: frozenset[date] = field(default=frozenset(), converter=_dates)
    working_days: frozenset[date] = field(default=frozenset(), converter=_dates)
    weekend: tuple[int, ...] = field(default=WEEKEND, converter=_weekdays)

    def __attrs_post_init__(self) -> None:
        _ = self._holidays  # fail at construction, not at the first deadline

    @cached_property
    def _holidays(self) -> Any:
        return _vietnam()

    def holiday_name(self, day: date) -> str | None:
        """The Vietnamese name of the public holiday on *day*, or ``None``.

        >>> WorkCalendar().holiday_name(date(2026, 9, 2))
        'Quốc khánh'
        """
        name = self._holidays.get(_day(day))
        return None if name is None else str(name)

    def is_working_day(self, day: date) -> bool:
        """True when *day* is a working day.

        >>> cal = WorkCalendar()
        >>> cal.is_working_day(date(2026, 8, 22)), cal.is_working_day(date(2026, 8, 31))
        (True, False)
        """
        day = _day(day)  # a datetime is never in the sets of dates
        if day in self.working_days:
            return True
        if day in self.days_off:
            return False
        self._holidays.get(day)  # loads the day's year, with its make-up days
        if day in self._holidays:
            return False
        if day in self._holidays.weekend_workdays:
            return True
        return day.weekday() not in self.weekend

    def add_working_days(self, start: date, days: int) -> date:
        """The *days*-th working day after *start* (*start* itself not counted).

        "Trong 30 ngày làm việc kể từ ngày …": the deadline is the 30th working day
        after the event; ``days=0`` gives *start*.

        Raises:
            OverflowError: the day falls past 31/12/9999 (a
                :class:`~coso_dang.errors.CosoDangError`).
        """
        if isinstance(days, bool) or not isinstance(days, int):
            # 1.5 never counts down to 0: the loop walked to year 9999 (OverflowError).
            raise ArgumentTypeError(
                N_(
                    "số ngày làm việc phải là số nguyên, không phải {kind}",
                    kind=type(days).__name__,
                )
            )
        if days < 0:
            raise ArgumentError(N_("số ngày làm việc không được âm: {days}", days=days))
        day = _day(start)
        left = days
        while left:
            if day == date.max:
                # Python's English "date value out of range" ended the office's lists.
                # The command line's own words for a day worked out past the calendar.
                raise _PastCalendarError(
                    N_(
                        "một mốc tính từ dữ liệu (hạn, ngày đủ năm) rơi sau 31/12/9999, ngày "
                        "cuối cùng lịch ghi được: hãy xem lại các ngày cuối năm 9999 trong dữ "
                        "liệu"
                    )
                )
            day += timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """The working days after *start* up to and including *end* (0 when *end* ≤ *start*)."""
        count, day, end = 0, _day(start), _day(end)
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count
