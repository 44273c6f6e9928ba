"""Vietnamese dates: write them the way documents and the press do, and read them back.

Writing follows Nghị định 30/2020/NĐ-CP for documents: days 1–9 and months 1–2 take
a leading zero, months 3–12 do not ("ngày 03 tháng 4 năm 2018", "ngày 12 tháng 01 năm
2023"). Reading accepts every style this module writes and the forms found in running
text and news headers ("Thứ năm, 29/09/2022 16:49", "12:03, 22/03/2023", "16-6-2022",
"2022-06-16"), in any case and Unicode form. Dates are always read **day first**.

The parsers match against a *skeleton* of the text (diacritics removed, ``đ`` read as
``d``, one character per base character), so "Thứ Năm", "THỨ NĂM" and an NFD "thứ năm"
are the same; spans reported by :func:`find_dates` point into the caller's own text.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from typing import Literal, final, get_args

from attrs import field, frozen

from coso_dang.errors import ArgumentError, ArgumentTypeError, ParseError
from coso_dang.i18n import N_, Reason
from coso_dang.vi.text import Skeleton, longer_than, normalize

__all__ = [
    "DATE_STYLES",
    "MAX_TEXT_LENGTH",
    "TERM_YEARS",
    "VIETNAM_IANA_ZONE",
    "VIETNAM_ZONE_NAMES",
    "WEEKDAY_NAMES",
    "DateMatch",
    "DateStyle",
    "find_dates",
    "format_date",
    "format_datetime",
    "format_period",
    "format_quarter",
    "format_term",
    "is_vietnam_zone",
    "parse_date",
    "parse_datetime",
    "parse_period",
    "parse_quarter",
    "parse_term",
    "vietnam_day",
    "weekday_name",
]

#: The ways :func:`format_date` can write a date.
DateStyle = Literal["official", "numeric", "numeric_padded", "dash", "weekday"]

#: Every :data:`DateStyle`, in the order the documentation lists them.
DATE_STYLES: tuple[DateStyle, ...] = get_args(DateStyle)

#: The longest text the ``parse_*`` functions read, counted composed (NFC); longer text
#: raises :class:`~coso_dang.errors.ParseError` before any matching (a date, a term or a
#: quarter is a few dozen characters, even with a place name in front).
MAX_TEXT_LENGTH = 200

#: Weekday names, Monday first (Monday is "Thứ hai"), as :meth:`datetime.date.weekday`
#: numbers them.
WEEKDAY_NAMES: tuple[str, ...] = (
    "Thứ hai",
    "Thứ ba",
    "Thứ tư",
    "Thứ năm",
    "Thứ sáu",
    "Thứ bảy",
    "Chủ nhật",
)

_QUARTER_NUMERALS = ("I", "II", "III", "IV")


def _checked(text: object, what: str) -> str:
    """*text* normalized, if it is a string of at most :data:`MAX_TEXT_LENGTH`."""
    if not isinstance(text, str):
        raise ParseError(what, text, N_("cần một văn bản (str)"))
    if longer_than(text, MAX_TEXT_LENGTH):  # counted composed: NFD reads as NFC does
        raise ParseError(what, text, N_("dài hơn {n} ký tự", n=MAX_TEXT_LENGTH))
    return normalize(text)


# --- patterns (matched against a skeleton, case-insensitively) ---------------------

# "Thứ Hai", "Thứ 2", and shortened as CLDR's short weekdays and calendars write them:
# "T2" … "T7" (older CLDR: "Th 2"), "CN".
_WEEKDAY = r"(?:thu\s*(?:hai|ba|tu|nam|sau|bay|[2-7])|t(?:h\s?)?[2-7]|chu\s*nhat|cn)(?![\w])"
_WEEKDAY_KEYS = {
    **{f"t{n}": n - 2 for n in range(2, 8)},
    **{f"th{n}": n - 2 for n in range(2, 8)},
    "thuhai": 0,
    "thu2": 0,
    "thuba": 1,
    "thu3": 1,
    "thutu": 2,
    "thu4": 2,
    "thunam": 3,
    "thu5": 3,
    "thusau": 4,
    "thu6": 4,
    "thubay": 5,
    "thu7": 5,
    "chunhat": 6,
    "cn": 6,
}


def _time(tag: str) -> str:
    """A time of day: "16:49", "16:49:05", "16h49", and as documents write it (invitations,
    minutes: Nghị định 30/2020/NĐ-CP's style), "14 giờ 00", "8 giờ 30 phút"; a whole hour
    "14h", "14 giờ"."""
    return (
        rf"(?P<{tag}h>[0-9]{{1,2}})(?:(?::|h|\s*gio\s*)(?P<{tag}m>[0-9]{{2}})"
        rf"(?:\s*phut(?![^\W\d_])|:(?P<{tag}s>[0-9]{{2}}))?|(?:h|\s*gio)(?![^\W_]))"
    )


# A date in figures, day first: what may follow the hyphen of a range.
_NUMERIC_DATE = r"[0-9]{1,2}(?:/[0-9]{1,2}/|\.[0-9]{1,2}\.|-[0-9]{1,2}-)[0-9]{4}(?![0-9])"

# The date itself; no weekday, no time. Day first always; a 4-digit year.
_CORE = (
    r"(?:ngay\s+)?"
    # "ngày mồng 3 tháng 2", "mùng 1 tháng 1": days 1-10 are said with mồng (mùng). The
    # skeleton has lost the tones, so the word is checked in the text (_said_mong): "mừng"
    # ("chào mừng 2/9/2025") is no part of the date.
    r"(?:(?P<mong>mong|mung)\s+(?=[0-9]{1,2}[^0-9]))?"
    r"(?:"
    # "ngày 3 tháng 4 năm 2018", and "3 tháng 4, 2018" (or "3 thg 4, 2018") as Babel
    # and browsers write vi; CLDR's full date in words ("Thứ 3, 3 tháng 4 2018") and
    # page headers ("9 Tháng 1 2015 lúc 15:08") leave the comma out too, and moment.js
    # and Day.js shorten the month to "Th04" ("3 Th04 2018").
    r"(?P<wd>[0-9]{1,2})\s+(?:th(?:an)?g\s+|th(?=[0-9]))(?P<wm>[0-9]{1,2})"
    r"(?:\s*,?\s*nam\s+|\s*,\s*|\s+)"
    r"(?P<wy>[0-9]{4})"
    r"|(?P<iy>[0-9]{4})-(?P<im>[0-9]{2})-(?P<id>[0-9]{2})"
    r"|(?P<nd>[0-9]{1,2})(?P<sep>[/.-])(?P<nm>[0-9]{1,2})(?P=sep)(?P<ny>[0-9]{4})"
    r")"
    # No digits glued on ("16/6/2022/1"), but a hyphen may join a range of two dates
    # ("01/10/2025-31/10/2025").
    rf"(?![0-9])(?![/.][0-9])(?!-(?!{_NUMERIC_DATE})[0-9])"
)

# A page header's furniture: a label in front ("Cập nhật ngày:", "Cập nhật lúc",
# "Đăng ngày"), "|" or a dash between its parts, a time zone after ("[GMT+7]", "(GMT+7)").
_LABEL = (
    r"(?:(?:ngay\s+cap\s+nhat|cap\s+nhat|ngay\s+dang|dang|xuat\s+ban|thoi\s+gian(?:\s+dang)?)"
    r"(?:\s+(?:ngay|luc))?\s*:?\s*)"
)
_BETWEEN = r"(?:\s*[,|\u2013-]\s*|\s+)"


def _named_zone(tag: str) -> str:
    """A zone written after a time ("GMT+7", "[GMT+7]", "UTC+07:00", "ICT", or CLDR's
    ``vi`` name of Vietnam's zone, "Giờ Đông Dương"), its groups named after *tag*."""
    return (
        rf"\s*(?P<{tag}zopen>[\[(])?\s*(?:gmt|utc)\s*(?P<{tag}zsign>[+\u2212-])\s*"
        rf"(?P<{tag}zh>[0-9]{{1,2}})(?::?(?P<{tag}zm>[0-9]{{2}}))?\s*(?({tag}zopen)[\])])"
        rf"|\s+(?P<{tag}ict>ict|gio\s+dong\s+duong)"
    )


_ZONE = (
    rf"(?:{_named_zone('')}"
    # ISO 8601's offset glued to the time ("2022-06-16T16:49:00+07:00", "…Z"), read only
    # after an ISO date (_read): after a day-first date "08:00-11:00" is a range of hours.
    r"|(?P<offset>z|(?P<osign>[+-])(?P<oh>[0-9]{2}):?(?P<om>[0-9]{2})))"
)

_PARSE = re.compile(
    rf"(?:{_LABEL}|(?P<place>[^\W\d][^\d,:]*?)\s*,\s*)??"
    # A time before the date may carry its zone, as CLDR's long and full ``vi`` date and
    # time have it ("lúc 16:49:05 GMT+7 Thứ Ba, 3 tháng 4, 2018").
    rf"(?:(?:(?:vao\s+)?luc\s+)?{_time('a')}(?:{_named_zone('a')})?{_BETWEEN}?)?"
    rf"(?:(?P<weekday>{_WEEKDAY}){_BETWEEN}?)?"
    # A week's schedule (lịch công tác) writes the date in brackets after its weekday,
    # "Thứ Hai (14/10/2024)", or the weekday in brackets after the date.
    rf"(?P<bracket>\(\s*)?(?P<core>{_CORE})(?(bracket)\s*\))"
    rf"(?:\s*\(\s*(?P<weekday_after>{_WEEKDAY})\s*\))?"
    rf"(?:(?:{_BETWEEN}?|\s*T|\s+luc\s+){_time('b')})?"
    rf"{_ZONE}?",
    re.IGNORECASE,
)

_FIND = re.compile(
    # Nothing glued on in front but the hyphen of a range after a year ("2025-31/10/2025").
    r"(?<![\w/.:])(?:(?<!-)|(?<=[0-9]{4}-))"
    # A time before the date, after a comma or a space: "16:49:05 29/9/2022" is how
    # browsers and CLDR write a vi date and time (time first), as parse_datetime reads.
    rf"(?:{_time('a')}(?:\s*,\s*|\s+))?"
    rf"(?:(?P<weekday>{_WEEKDAY}){_BETWEEN}?)?"
    rf"(?P<core>{_CORE})"
    # The time after the date, "lúc" before it as parse_datetime reads it.
    rf"(?:(?:{_BETWEEN}?|T|\s+luc\s+){_time('b')}(?![0-9:]))?",
    re.IGNORECASE,
)


# A day, a month and a two-digit year ("5/12/26"), which no parser reads.
_SHORT_YEAR = re.compile(r"(?<![0-9])[0-9]{1,2}([/.-])[0-9]{1,2}\1[0-9]{2}(?![0-9])")


def _said_mong(skeleton: Skeleton, match: re.Match[str]) -> bool:
    """Whether the text says "mồng" or "mùng" where the skeleton has "mong" or "mung"."""
    start, end = match.span("mong")
    return normalize(skeleton.slice(start, end)).casefold() in ("mồng", "mùng")


def _day_start(skeleton: Skeleton, match: re.Match[str]) -> int:
    """Where the day's figures start, after a "mong" that is no "mồng" ("mừng")."""
    start = match.end("mong")
    while skeleton.text[start].isspace():
        start += 1
    return start


def _core_date(match: re.Match[str]) -> _dt.date | Reason:
    """The date of a match of :data:`_CORE`, or why there is no such day."""
    for day, month, year in (("wd", "wm", "wy"), ("id", "im", "iy"), ("nd", "nm", "ny")):
        if match.group(year) is not None:
            return _calendar_day(
                int(match.group(year)), int(match.group(month)), int(match.group(day))
            )
    raise AssertionError("the date pattern matched without a date")  # pragma: no cover


def _calendar_day(year: int, month: int, day: int) -> _dt.date | Reason:
    """The day, or why the calendar has none: said in the catalogue's words, not in
    Python's English ("day is out of range for month")."""
    if not _dt.MINYEAR <= year <= _dt.MAXYEAR:
        return N_("không có năm {year}", year=year)
    if not 1 <= month <= 12:
        return N_("không có tháng {month}: tháng từ 1 đến 12", month=month)
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return N_(
            "không có ngày {day}: tháng {month} năm {year} có {days} ngày",
            day=day,
            month=month,
            year=year,
            days=days,
        )
    return _dt.date(year, month, day)


def _time_of(match: re.Match[str], tag: str) -> _dt.time | Reason | None:
    """The time of day captured under *tag*, None, or why there is no such time."""
    hour = match.group(f"{tag}h")
    if hour is None:
        return None
    hours, minutes = int(hour), int(match.group(f"{tag}m") or 0)
    seconds = int(match.group(f"{tag}s") or 0)
    if hours > 23:
        return N_("không có {hours} giờ: giờ từ 0 đến 23", hours=hours)
    if minutes > 59 or seconds > 59:
        return N_("phút và giây từ 0 đến 59")
    return _dt.time(hours, minutes, seconds)


def _weekday_of(text: str) -> int:
    return _WEEKDAY_KEYS["".join(text.lower().split())]


#: Vietnam's offset from UTC, in which times are returned ("ICT", "GMT+7").
_VIETNAM = _dt.timedelta(hours=7)

#: The names of Vietnam's own time zone (IANA's, and its older alias). A moment given
#: in it is read by its wall clock: the zone's history (UTC+8 in 1942-1945, 1947-1955
#: and, in the South, 1959-1975) puts midnight of those days at 23:00 of the day before
#: in UTC+7, so a birth date on 1/5/1965 held so was read as 30/4/1965.
VIETNAM_ZONE_NAMES: frozenset[str] = frozenset({"Asia/Ho_Chi_Minh", "Asia/Saigon"})

#: Vietnam's zone by its IANA name, for the engines that move moments by name.
VIETNAM_IANA_ZONE = "Asia/Ho_Chi_Minh"


def is_vietnam_zone(zone: object) -> bool:
    """Whether *zone* (a zone's name, or a ``tzinfo`` of :mod:`zoneinfo`, pytz or
    dateutil) is Vietnam's own, :data:`VIETNAM_ZONE_NAMES`."""
    if zone is None:
        return False
    name = (
        zone if isinstance(zone, str) else getattr(zone, "key", None) or getattr(zone, "zone", None)
    )
    if not isinstance(name, str):
        # dateutil's tzfile names itself by its file's path, tzfile('/…/Asia/Saigon'), or,
        # read from the data dateutil ships (where the system has none, as on Windows), by
        # the zone's name alone: tzfile('Asia/Saigon').
        name = str(zone).removeprefix("tzfile(").strip("'\")").replace("\\", "/")
    return name in VIETNAM_ZONE_NAMES or name.endswith(("/Asia/Ho_Chi_Minh", "/Asia/Saigon"))


def vietnam_day(moment: _dt.datetime) -> _dt.date:
    """The day in Vietnam of *moment*: a moment without a zone, or in Vietnam's own zone
    (:data:`VIETNAM_ZONE_NAMES`), its wall clock's day; in another zone, its day at
    UTC+7, as every loader and table path reads a moment.

    Raises:
        OverflowError: the day at UTC+7 is past 31/12/9999.

    >>> from datetime import datetime, timezone
    >>> from zoneinfo import ZoneInfo
    >>> vietnam_day(datetime(1965, 5, 1, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
    datetime.date(1965, 5, 1)
    >>> vietnam_day(datetime(2024, 5, 31, 17, tzinfo=timezone.utc))
    datetime.date(2024, 6, 1)
    """
    if moment.tzinfo is None or is_vietnam_zone(moment.tzinfo):
        return moment.date()
    if moment.utcoffset() is None:
        return moment.date()
    return moment.astimezone(_dt.timezone(_VIETNAM)).date()


def _in_vietnam_time(
    day: _dt.date, time: _dt.time, match: re.Match[str], text: str, what: str
) -> tuple[_dt.date, _dt.time]:
    """The date and time written in another zone, moved to Vietnam's time (UTC+7)."""
    # The zone after a time before the date ("az"), after the time ("z"), ISO's ("o").
    tag = next((tag for tag in ("az", "z") if match.group(f"{tag}h") is not None), "o")
    hours, minutes = int(match.group(f"{tag}h") or 0), int(match.group(f"{tag}m") or 0)
    if hours > 14 or minutes > 59:
        raise ParseError(what, text, N_("không có múi giờ này"))
    offset = _dt.timedelta(hours=hours, minutes=minutes)
    offset = -offset if match.group(f"{tag}sign") not in ("+", None) else offset
    moved = _dt.datetime.combine(day, time) - offset + _VIETNAM
    return moved.date(), moved.time()


def _read(text: str, what: str) -> tuple[_dt.date, _dt.time | None]:
    """Parse *text* (any style) into a date and an optional time, or raise ParseError."""
    bare = Skeleton(_checked(text, what))
    skeleton = bare.text
    match = _PARSE.fullmatch(skeleton)
    if match is not None and match.group("mong") is not None and not _said_mong(bare, match):
        match = None  # "mừng 2/9/2025": a word before the date, not "mồng"
    if (
        match is not None
        and match.group("offset")
        and not (match.group("iy") and match.group("bh"))
    ):
        match = None  # an ISO offset names the zone of an ISO date's time, of nothing else
    if match is None:
        reason = N_(
            "cần một ngày viết ngày trước, như 16/6/2022, 16-6-2022, 2022-06-16 "
            "hoặc ngày 16 tháng 6 năm 2022"
        )
        if _SHORT_YEAR.search(skeleton):
            # Babel's short vi date, "5/12/26": the century is a guess.
            reason = N_("năm phải viết đủ bốn chữ số: 16/6/2022, không phải 16/6/22")
        raise ParseError(what, text, reason)
    if match.group("ah") is not None and match.group("bh") is not None:
        raise ParseError(what, text, N_("có hai giờ trong ngày"))
    day = _core_date(match)
    if isinstance(day, Reason):
        raise ParseError(what, text, day)
    time = _time_of(match, "a" if match.group("ah") is not None else "b")
    if isinstance(time, Reason):
        raise ParseError(what, text, time)
    for weekday in (match.group("weekday"), match.group("weekday_after")):
        if weekday is not None and _weekday_of(weekday) != day.weekday():
            written = WEEKDAY_NAMES[_weekday_of(weekday)]
            reason = N_(
                "{day} là {weekday}, không phải {written}",
                day=format_date(day, "numeric_padded"),
                weekday=weekday_name(day),
                written=written,
            )
            raise ParseError(what, text, reason)
    zones = [match.group("azh") or match.group("aict"), match.group("zh") or match.group("ict")]
    if all(zones) or (zones[0] and match.group("offset")):
        raise ParseError(what, text, N_("có hai múi giờ"))
    if time is not None and (match.group("azh") or match.group("zh") or match.group("offset")):
        # The weekday names the written date; the zone then moves the moment.
        day, time = _in_vietnam_time(day, time, match, text, what)
    return day, time


# --- dates ----------------------------------------------------------------------


def _day(d: object) -> _dt.date:
    """*d*, if it is a date: a text ("2024-01-01") or None is refused in Vietnamese,
    as the number formatters refuse a text, not with Python's AttributeError."""
    if not isinstance(d, _dt.date):
        raise ArgumentTypeError(N_("cần một ngày (date), không phải {kind}", kind=type(d).__name__))
    return d


def weekday_name(d: _dt.date) -> str:
    """Return the Vietnamese name of the weekday of *d*, capitalized as in headers.

    Args:
        d: a date (or datetime).

    Returns:
        One of :data:`WEEKDAY_NAMES`: "Thứ hai" (Monday) … "Thứ bảy", "Chủ nhật".

    Raises:
        TypeError: *d* is not a date.

    >>> from datetime import date
    >>> weekday_name(date(2022, 9, 29))
    'Thứ năm'
    """
    return WEEKDAY_NAMES[_day(d).weekday()]


def format_date(
    d: _dt.date,
    style: DateStyle = "official",
    *,
    place: str | None = None,
    pad_month: bool = False,
) -> str:
    """Write *d* in Vietnamese.

    Styles (for 16 June 2022):

    - ``"official"``: "ngày 16 tháng 6 năm 2022" — the document style of Nghị định
      30/2020/NĐ-CP: a leading zero for days 1–9 and months 1–2 only
      ("ngày 03 tháng 4 năm 2018", "ngày 12 tháng 01 năm 2023").
    - ``"numeric"``: "16/6/2022", same padding rule ("12/01/2023", "03/4/2018").
    - ``"numeric_padded"``: "16/06/2022", always two digits.
    - ``"dash"``: "16-6-2022", the party press, no padding ("3-2-2024").
    - ``"weekday"``: "Thứ năm, 16/06/2022", the news header.

    Args:
        d: the date (a datetime is written by its date).
        style: one of :data:`DATE_STYLES`.
        place: a place name written in front, "Hà Nội, ngày 03 tháng 4 năm 2018".
        pad_month: pad every month to two digits, as older party documents did
            ("tháng 05"); applies to the ``"official"`` and ``"numeric"`` styles, the
            others have a fixed padding.

    Returns:
        The date as text.

    Raises:
        ParseError: *style* is not one of :data:`DATE_STYLES`.
        TypeError: *d* is not a date (a text such as "2024-01-01" included).

    >>> from datetime import date
    >>> format_date(date(2018, 4, 3), place="Hà Nội")
    'Hà Nội, ngày 03 tháng 4 năm 2018'
    """
    d = _day(d)
    if style not in DATE_STYLES:
        raise ParseError(
            N_("kiểu ngày"),
            style,
            N_("phải là một trong: {choices}", choices=", ".join(DATE_STYLES)),
        )
    month = f"{d.month:02d}" if pad_month or d.month <= 2 else str(d.month)
    if style == "official":
        text = f"ngày {d.day:02d} tháng {month} năm {d.year}"
    elif style == "numeric":
        text = f"{d.day:02d}/{month}/{d.year}"
    elif style == "numeric_padded":
        text = f"{d.day:02d}/{d.month:02d}/{d.year}"
    elif style == "dash":
        text = f"{d.day}-{d.month}-{d.year}"
    else:
        text = f"{weekday_name(d)}, {d.day:02d}/{d.month:02d}/{d.year}"
    return text if place is None else f"{normalize(place)}, {text}"


def format_datetime(dt: _dt.datetime) -> str:
    """Write *dt* as a news header: weekday, padded date, 24-hour time.

    Args:
        dt: the moment; a time zone, if any, is not written.

    Returns:
        Text such as "Thứ năm, 29/09/2022 16:49".

    Raises:
        TypeError: *dt* is not a datetime (a date has no time to write).

    >>> from datetime import datetime
    >>> format_datetime(datetime(2022, 9, 29, 16, 49))
    'Thứ năm, 29/09/2022 16:49'
    """
    if not isinstance(dt, _dt.datetime):
        raise ArgumentTypeError(
            N_("cần một ngày giờ (datetime), không phải {kind}", kind=type(dt).__name__)
        )
    return f"{format_date(dt, 'weekday')} {dt.hour:02d}:{dt.minute:02d}"


def parse_date(text: str) -> _dt.date:
    """Read a date written in any style of :func:`format_date` or of the press.

    Reads "16/6/2022", "16-6-2022", "16.6.2022", "2022-06-16", "ngày 16/6/2022",
    "ngày 16 tháng 6 năm 2022", "ngày mồng 3 tháng 2 năm 1930" (mồng or mùng before a
    day, as running text says days 1–10), the long form "3 tháng 4, 2018" (Babel's and the
    browsers' ``vi``; also without the comma, "Thứ 3, 3 tháng 4 2018", as CLDR's full
    date in words has it), "Hà Nội, ngày 03 tháng 4 năm 2018" (the place is
    dropped), "Thứ năm, 29/09/2022" (the weekday, also "Thứ 5", "T5" or "CN", must agree
    with the date; a schedule's "Thứ Hai (14/10/2024)" and "14/10/2024 (Thứ Hai)" too), and
    news headers with a time of day ("Thứ năm, 29/09/2022 16:49",
    "12:03, 22/03/2023"), whose time is checked and dropped — use :func:`parse_datetime`
    to keep it. Any case, NFC or NFD, extra spaces. Day first, always; a year has four digits.

    Args:
        text: the date, at most :data:`MAX_TEXT_LENGTH` characters.

    Returns:
        The date.

    Raises:
        ParseError: *text* is not a date, names a day that does not exist ("31/02/2022",
            "29/02/2023", "tháng 13"), has an impossible time, or a weekday that
            disagrees with the date; the message quotes *text*.

    >>> parse_date("Hà Nội, ngày 03 tháng 4 năm 2018")
    datetime.date(2018, 4, 3)
    """
    return _read(text, N_("ngày"))[0]


def parse_datetime(text: str, *, default_time: _dt.time | None = None) -> _dt.datetime:
    """Read a date with its time of day, as news headers write it.

    Reads everything :func:`parse_date` reads. The time ("16:49", "16:49:05", "16h49", and
    as documents write it, "14 giờ 00", "8 giờ 30 phút", a whole hour "14h" or "14 giờ")
    comes after the date ("29/09/2022 16:49", "20/09/2025, 10:00", "2022-06-16T16:49",
    "ngày 15/10/2024 lúc 14 giờ 00")
    or before it with a comma ("12:03, 22/03/2023") or a space ("16:49:05 29/9/2022", as
    browsers and CLDR write a ``vi`` date and time; their long and full forms put the
    zone after such a time: "lúc 16:49:05 GMT+7 Thứ Ba, 3 tháng 4, 2018").

    This is the one call for a page header with its furniture: a label in front
    ("Cập nhật ngày: 06/11/2019 05:38:34", "Cập nhật lúc 22:26, Thứ Hai, 01/01/2018"),
    "|" or a dash between the weekday, the date and the time ("Thứ Tư, 07/01/2015 |
    22:34", "Thứ tư - 18/11/2020 15:00") and a time zone after the time ("08:11
    [GMT+7]", "(GMT+7)", "ICT", "Giờ Đông Dương"; after an ISO date, ISO 8601's offset
    glued to the time: "2022-06-16T16:49:00+07:00", "…Z"). A weekday that contradicts the
    date is an error, as in :func:`parse_date`, and so are two zones. A time written in
    another zone than Vietnam's is moved to Vietnam's time (UTC+7), the time every other
    header is written in.

    Args:
        text: the date and time, at most :data:`MAX_TEXT_LENGTH` characters.
        default_time: the time to use when *text* has none; by default a time is
            required.

    Returns:
        A naive datetime in Vietnam's time.

    Raises:
        ParseError: as :func:`parse_date`, or *text* has no time of day and no
            *default_time* is given.

    >>> parse_datetime("Thứ năm, 29/09/2022 16:49")
    datetime.datetime(2022, 9, 29, 16, 49)
    >>> parse_datetime("Cập nhật lúc 22:26, Thứ Hai, 01/01/2018 (GMT+7)")
    datetime.datetime(2018, 1, 1, 22, 26)
    """
    day, time = _read(text, N_("ngày giờ"))
    if time is None:
        if default_time is None:
            raise ParseError(N_("ngày giờ"), text, N_("không có giờ (như 16:49)"))
        time = default_time
    return _dt.datetime.combine(day, time)


@final
@frozen
class DateMatch:
    """A date found in running text by :func:`find_dates`.

    ``text[start:end]`` of the searched text is ``text``: the whole date expression,
    with a leading "ngày", a weekday and a time of day when they are written, but not
    a place name in front.

    >>> find_dates("họp ngày 16/6/2022.")[0]
    DateMatch(value=datetime.date(2022, 6, 16), start=4, end=18, text='ngày 16/6/2022', time=None)
    """

    #: The date.
    value: _dt.date
    #: Where the expression starts in the searched text.
    start: int
    #: Where it ends (exclusive).
    end: int
    #: The expression as written.
    text: str
    #: The time of day written with the date, if any.
    time: _dt.time | None = field(default=None)


def find_dates(text: str) -> list[DateMatch]:
    """Find every date written in *text*, in order and without overlap.

    Finds the forms :func:`parse_date` reads except a place name in front. Expressions
    that look like dates but name no real day ("31/02/2022") are skipped; a weekday
    that disagrees with its date, or an impossible time, is left out of the match and
    the date kept. Day-month without a year ("15/11") and month-year ("tháng 6 năm
    2022") are not dates. Two dates joined by a hyphen ("01/10/2025-31/10/2025") are
    two dates. Text of any length is searched (the patterns run in linear time).

    Args:
        text: running text, any Unicode form.

    Returns:
        The matches, each with its span in *text*.

    >>> [str(m.value) for m in find_dates("Ngày 12/01/2023 thực hiện kế hoạch 16-6-2022")]
    ['2023-01-12', '2022-06-16']
    """
    skeleton = Skeleton(text)
    found: list[DateMatch] = []
    for match in _FIND.finditer(skeleton.text):
        value = _core_date(match)
        if isinstance(value, Reason):
            continue
        start, end = match.span()
        weekday = match.group("weekday")
        time_first = match.group("ah") is not None
        time = _time_of(match, "a" if time_first else "b")
        if isinstance(time, Reason):
            time = None
            if time_first:
                start = match.start("core" if weekday is None else "weekday")
            else:
                end = match.end("core")
        if weekday is not None and _weekday_of(weekday) != value.weekday():
            start = match.start("core")
            time = None if time_first else time
        if match.group("mong") is not None and not _said_mong(skeleton, match):
            # "chào mừng 2/9/2025": the date starts at its day, what went before is left.
            start = max(start, _day_start(skeleton, match))
            if time_first:
                time = None
        begin, stop = skeleton.span(start, end)
        found.append(DateMatch(value, begin, stop, text[begin:stop], time))
    return found


# --- terms, periods, quarters -----------------------------------------------------

_DASH = r"\s*[-\u2010-\u2015\u2212]\s*"
# "2021 - 2025", and as documents also name a span, "từ năm 2021 đến năm 2025" ("tới").
_SPAN = (
    rf"(?:tu\s+)?(?:nam\s+)?(?P<start>[0-9]{{4}})"
    rf"(?:{_DASH}|\s+(?:den|toi)\s+)(?:nam\s+)?(?P<end>[0-9]{{4}})"
)
# "kỳ" and "quý" are also spelt with i ("nhiệm kì", "quí"), as school spelling has it.
_TERM = re.compile(rf"(?:nhiem\s+k[yi]\s*)?{_SPAN}", re.IGNORECASE)
_PERIOD = re.compile(rf"(?:giai\s+doan\s*)?{_SPAN}", re.IGNORECASE)
# "quý III năm 2024", "Quý 3/2024", "quý III – 2024"; tables shorten quý to "Q."
# ("Q.I/2025", "QI/2025", "Q1/2025").
_QUARTER = re.compile(
    r"(?:qu[yi]|q\.?)\s*(?P<q>iv|i{1,3}|[1-4])"
    r"(?:\s*,?\s*nam\s+|\s*[/\-\u2010-\u2015\u2212]\s*|\s+)(?P<year>[0-9]{4})",
    re.IGNORECASE,
)


#: The longest term of office: a congress term (nhiệm kỳ đại hội) is 5 years (Điều lệ
#: Đảng, as secondary sources give it [S]); a chi bộ trực thuộc's term is half of it, and
#: a term begun by a new or merged organization ends with the common one, so shorter
#: spans are terms too. Longer is none. The default of :func:`format_term` and
#: :func:`parse_term`'s *most_years*.
TERM_YEARS = 5


def _check_term(start: int, end: int, shown: object, most_years: int) -> None:
    if isinstance(most_years, bool) or not isinstance(most_years, int) or most_years < 1:
        raise ArgumentError(
            N_("most_years phải là số nguyên từ 1, không phải {value}", value=repr(most_years))
        )
    if end - start > most_years:
        raise ParseError(
            N_("nhiệm kỳ"),
            shown,
            N_(
                "dài {years} năm: một nhiệm kỳ không quá {most} năm",
                years=end - start,
                most=most_years,
            ),
        )


def _check_span(start: int, end: int, what: str) -> None:
    for year in (start, end):
        if isinstance(year, bool) or not isinstance(year, int) or not 1000 <= year <= 9999:
            raise ParseError(what, f"{start} - {end}", N_("năm phải là số nguyên 4 chữ số"))
    if end <= start:
        raise ParseError(what, f"{start} - {end}", N_("năm cuối phải sau năm đầu"))


def _parse_span(text: str, pattern: re.Pattern[str], what: str, example: str) -> tuple[int, int]:
    match = pattern.fullmatch(Skeleton(_checked(text, what)).text)
    if match is None:
        raise ParseError(what, text, N_("cần văn bản như {example}", example=repr(example)))
    start, end = int(match.group("start")), int(match.group("end"))
    if end <= start:
        raise ParseError(what, text, N_("năm cuối phải sau năm đầu"))
    return start, end


def format_term(start: int, end: int, *, most_years: int = TERM_YEARS) -> str:
    """Write a term of office (nhiệm kỳ), e.g. of a congress.

    Args:
        start: the first year.
        end: the last year, after *start*.
        most_years: the longest term (:data:`TERM_YEARS`, 5, by default).

    Returns:
        Text such as "nhiệm kỳ 2025 - 2030".

    Raises:
        ParseError: a year is not a 4-digit whole number, *end* is not after *start*, or
            the term is longer than *most_years* years.
        ValueError: *most_years* is not a whole number from 1.

    >>> format_term(2025, 2030)
    'nhiệm kỳ 2025 - 2030'
    """
    _check_span(start, end, N_("nhiệm kỳ"))
    _check_term(start, end, f"{start} - {end}", most_years)
    return f"nhiệm kỳ {start} - {end}"


def format_period(start: int, end: int) -> str:
    """Write a period of years (giai đoạn), as plans and targets name them.

    Args:
        start: the first year.
        end: the last year, after *start*.

    Returns:
        Text such as "giai đoạn 2020 - 2025".

    Raises:
        ParseError: a year is not a 4-digit whole number, or *end* is not after *start*.

    >>> format_period(2020, 2025)
    'giai đoạn 2020 - 2025'
    """
    _check_span(start, end, N_("giai đoạn"))
    return f"giai đoạn {start} - {end}"


def parse_term(text: str, *, most_years: int = TERM_YEARS) -> tuple[int, int]:
    """Read a term of office: "nhiệm kỳ 2025 - 2030", "2025-2030", "2025 – 2030".

    Args:
        text: the term, with or without "nhiệm kỳ" (or "nhiệm kì"); any dash (hyphen,
            en or em dash), or "đến" ("tới") between the years.
        most_years: the longest term (:data:`TERM_YEARS`, 5, by default).

    Returns:
        ``(start, end)`` years.

    Raises:
        ParseError: *text* is not a term, its last year is not after its first, or it
            is longer than *most_years* (:data:`TERM_YEARS`, 5, by default) years, as
            no term is ("2020-2030").
        ValueError: *most_years* is not a whole number from 1.

    >>> parse_term("Nhiệm kỳ 2020–2025")
    (2020, 2025)
    """
    start, end = _parse_span(text, _TERM, N_("nhiệm kỳ"), "nhiệm kỳ 2025 - 2030")
    _check_term(start, end, text, most_years)
    return start, end


def parse_period(text: str) -> tuple[int, int]:
    """Read a period of years: "giai đoạn 2020 - 2025", "2020-2025", "2020 – 2025".

    Args:
        text: the period, with or without "giai đoạn"; any dash, or the years said "từ
            (năm) 2020 đến (năm) 2025" ("tới").

    Returns:
        ``(start, end)`` years.

    Raises:
        ParseError: *text* is not a period, or its last year is not after its first.

    >>> parse_period("giai đoạn 2020 - 2025")
    (2020, 2025)
    """
    return _parse_span(text, _PERIOD, N_("giai đoạn"), "giai đoạn 2020 - 2025")


def format_quarter(quarter: int, year: int) -> str:
    """Write a quarter of a year with a Roman numeral, as reports do.

    Args:
        quarter: 1 to 4.
        year: the year.

    Returns:
        Text such as "quý III năm 2024".

    Raises:
        ParseError: *quarter* is not 1 to 4, or *year* is not a 4-digit whole number.

    >>> format_quarter(3, 2024)
    'quý III năm 2024'
    """
    if isinstance(quarter, bool) or quarter not in (1, 2, 3, 4):
        raise ParseError(N_("quý"), quarter, N_("phải là 1, 2, 3 hoặc 4"))
    if isinstance(year, bool) or not isinstance(year, int) or not 1000 <= year <= 9999:
        raise ParseError(N_("quý"), year, N_("năm phải là số nguyên 4 chữ số"))
    return f"quý {_QUARTER_NUMERALS[quarter - 1]} năm {year}"


def parse_quarter(text: str) -> tuple[int, int]:
    """Read a quarter: "quý III năm 2024", "Quý 3/2024", "quý III - 2024", "QUÝ IV 2023".

    Any dash may stand for the hyphen ("quý III – 2024"), quý may be spelt "quí" and
    shortened to "Q." or "Q" as tables write it ("Q.I/2025", "Q1/2025").

    Args:
        text: the quarter, as a Roman (I–IV) or Arabic (1–4) numeral and a year.

    Returns:
        ``(quarter, year)``.

    Raises:
        ParseError: *text* is not a quarter of a year.

    >>> parse_quarter("quý III năm 2024")
    (3, 2024)
    """
    match = _QUARTER.fullmatch(Skeleton(_checked(text, N_("quý"))).text)
    if match is None:
        raise ParseError(
            N_("quý"), text, N_("cần văn bản như {example}", example="'quý III năm 2024'")
        )
    numeral = match.group("q").upper()
    quarter = int(numeral) if numeral.isdigit() else _QUARTER_NUMERALS.index(numeral) + 1
    return quarter, int(match.group("year"))
